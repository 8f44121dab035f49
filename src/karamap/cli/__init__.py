"""The command line: a thin layer over the library; each command makes one library call."""

from __future__ import annotations

import sys

import click

from karamap.cli.annotate import annotate_command
from karamap.cli.build import build_command
from karamap.cli.common import run_guarded
from karamap.cli.export import export_command
from karamap.cli.formats import formats_command

__all__ = ["cli", "main"]

EPILOG = """\b
Examples:
  karamap build                              # the bundled example -> maps/
  karamap build news/ -o out --name caucasus --offline
  karamap annotate article.txt -o article.jsonl
  karamap export corpus.jsonl --layer events -o events.parquet
  karamap formats                            # the input header, JSONL fields, CSV columns

The data formats and exit codes: docs/format.md (also: karamap formats).
"""


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="karamap")
def cli() -> None:
    """karamap turns news text into maps: places, dates and events from articles,
    as an interactive HTML map with a time filter and GeoJSON layers.

    Runs offline by default; online geocoders are opt-in (--geocoder nominatim).
    """


cli.add_command(build_command)
cli.add_command(annotate_command)
cli.add_command(export_command)
cli.add_command(formats_command)


def main(argv: list[str] | None = None) -> int:
    """Console entry point: runs the CLI and turns karamap errors into messages and exit codes."""
    code = run_guarded(cli, argv)
    if argv is None:
        sys.exit(code)
    return code
