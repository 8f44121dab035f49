"""``karamap export``: one layer as GeoJSON, GeoParquet or CSV."""

from __future__ import annotations

from pathlib import Path

import click

from karamap import api
from karamap.cli.common import input_options, options_from, progress_shown
from karamap.cli.summary import print_report

__all__ = ["export_command"]

LAYERS = ("places", "regions", "events")
FORMATS = ("geojson", "parquet", "csv", "jsonl")


@click.command(
    "export",
    epilog="""\b
Examples:
  karamap export article.txt --layer places -o places.geojson
  karamap export corpus.jsonl --layer events -o events.parquet
  karamap export corpus.jsonl --layer events -o - | jq .   # GeoJSON on standard output

Formats and exit codes: docs/format.md (karamap formats lists the fields).
""",
)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--layer", type=click.Choice(LAYERS), required=True, help="Which layer to write.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="GeoJSON (RFC 7946), GeoParquet, CSV (WKT geometry) or JSONL (a feature a line); "
                   "default: from the extension of -o (.geojson, .parquet, .csv, .jsonl).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), required=True,
              help="The file to write; - for standard output.")
@input_options
def export_command(sources: tuple[Path, ...], layer: str, fmt: str | None, output: Path,
                   **kwargs: object) -> None:
    """Write one layer of SOURCES for QGIS, kepler.gl, geojson.io or pandas."""
    with progress_shown(bool(kwargs.pop("quiet", False))):
        result = api.export(list(sources), layer, output, format=fmt, options=options_from(kwargs))
    print_report(result.report)
    click.echo(f"{result.features} {layer} -> {result.path}", err=True)
