"""The run summary the CLI prints on stderr: what was skipped and why."""

from __future__ import annotations

import click

from karamap.read import ReadReport

__all__ = ["print_report"]


def print_report(report: ReadReport) -> None:
    """Print one line per skipped input, then a count, on stderr; nothing when all was read."""
    skipped = list(report.skipped)
    if not skipped:
        return
    for item in skipped:
        click.echo(f"karamap: skipped {item}", err=True)
    click.echo(f"karamap: {len(skipped)} input(s) skipped", err=True)
