"""The run summary the CLI prints on stderr: what was skipped and why, and what was recovered."""

from __future__ import annotations

import click

from karamap.read import ReadReport
from karamap.terminal import printable

__all__ = ["print_report", "print_withheld", "MAX_LISTED"]

#: skipped inputs listed one per line; beyond this a count stands for the rest
MAX_LISTED = 20


def print_report(report: ReadReport) -> None:
    """Print the recoveries (encodings), one line per skipped input and a count, on stderr.

    Nothing is printed when every input was read as it was.
    """
    for note in report.notes[:MAX_LISTED]:
        click.echo(f"karamap: note: {printable(note)}", err=True)
    total = report.skipped_count
    if not total:
        return
    for item in report.skipped[:MAX_LISTED]:
        click.echo(f"karamap: skipped {printable(str(item))}", err=True)
    if total > MAX_LISTED:
        click.echo(f"karamap: ... and {total - MAX_LISTED} more", err=True)
    click.echo(f"karamap: {total} input(s) skipped; {report.articles} article(s) read "
               "(--strict stops at the first bad input)", err=True)


def print_withheld(count: int) -> None:
    """Say on stderr how many place readings were too close to call to be mapped."""
    if count:
        click.echo(f"karamap: note: {count} place reading(s) withheld as too close to call "
                   "(annotate lists them under \"withheld\"; --min-score 0 maps every best guess)", err=True)
