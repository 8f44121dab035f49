"""``karamap annotate``: places, dates and events of each article as JSONL."""

from __future__ import annotations

from pathlib import Path

import click

from karamap import api
from karamap.cli.common import SOURCE, input_options, options_from, progress_shown
from karamap.cli.summary import print_report, print_withheld

__all__ = ["annotate_command"]


@click.command(
    "annotate",
    epilog="""\b
Examples:
  karamap annotate article.txt -o article.jsonl
  karamap annotate corpus.jsonl news/ -o all.jsonl --strict
  karamap annotate article.txt -o - | jq .events
  karamap annotate notes.jsonl -o out.jsonl --report-unknown

Formats and exit codes: docs/format.md (karamap formats lists the fields).
""",
)
@click.argument("sources", nargs=-1, required=True, type=SOURCE)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), required=True,
              help="The JSONL file to write (one JSON object per article); - for standard output.")
@click.option("--report-unknown", is_flag=True,
              help="List on stderr the names in place positions that no gazetteer here could place "
                   "(add them with --overrides).")
@input_options
def annotate_command(sources: tuple[Path, ...], output: Path, report_unknown: bool, **kwargs: object) -> None:
    """Write one JSON object per article of SOURCES: its places, time expressions and events
    with character offsets (docs/format.md describes every field; karamap formats lists them)."""
    with progress_shown(bool(kwargs.pop("quiet", False))):
        result = api.annotate_to_jsonl(list(sources), output, options=options_from(kwargs),
                                       report_unknown=report_unknown)
    print_report(result.report)
    print_withheld(result.withheld)
    if report_unknown:
        _print_unknown(result.unknown)
    click.echo(f"{result.documents} articles -> {result.path}", err=True)


def _print_unknown(unknown: tuple[tuple[str, int], ...]) -> None:
    """One line per unknown name with its count, on stderr, and what to do about them."""
    if not unknown:
        click.echo("karamap: every name in a place position was placed", err=True)
        return
    click.echo(f"karamap: {len(unknown)} name(s) in place positions could not be placed "
               "(add them to a CSV or GeoJSON file and pass it with --overrides):", err=True)
    for name, count in unknown:
        click.echo(f"  {name}\t{count}", err=True)
