"""``karamap export``: one layer as GeoJSON, GeoParquet, CSV, JSONL or (events) ACLED's CSV."""

from __future__ import annotations

from pathlib import Path

import click

from karamap import api
from karamap.cli.common import SOURCE, input_options, options_from, progress_shown
from karamap.cli.summary import print_report

__all__ = ["export_command"]

LAYERS = ("places", "regions", "events")
FORMATS = ("geojson", "parquet", "csv", "jsonl", "acled-csv")


@click.command(
    "export",
    epilog="""\b
Examples:
  karamap export article.txt --layer places -o places.geojson
  karamap export corpus.jsonl --layer events -o events.parquet
  karamap export corpus.jsonl --layer events -o - | jq .   # GeoJSON on standard output
  karamap export corpus.jsonl --layer events --format acled-csv -o acled.csv   # ACLED's columns
  karamap export s3://bucket/news/ --engine dask --layer events -o events/ --format parquet

Formats and exit codes: docs/format.md (karamap formats lists the fields).
""",
)
@click.argument("sources", nargs=-1, required=True, type=SOURCE)
@click.option("--layer", type=click.Choice(LAYERS), required=True, help="Which layer to write.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="GeoJSON (RFC 7946), GeoParquet, CSV (WKT geometry), JSONL (a feature a line) or "
                   "acled-csv (events in ACLED's export columns and formats); "
                   "default: from the extension of -o (.geojson, .parquet, .csv, .jsonl).")
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path), required=True,
              help="The file to write; - for standard output (with --engine dask --format parquet: "
                   "the folder of a partitioned dataset).")
@input_options
def export_command(sources: tuple[Path, ...], layer: str, fmt: str | None, output: Path,
                   **kwargs: object) -> None:
    """Write one layer of SOURCES for QGIS, kepler.gl, geojson.io or pandas."""
    if fmt == "acled-csv" and layer != "events":
        raise click.UsageError(f"--format acled-csv writes events: use --layer events, not --layer {layer}")
    with progress_shown(bool(kwargs.pop("quiet", False))):
        result = api.export(list(sources), layer, output, format=fmt, options=options_from(kwargs))
    print_report(result.report)
    click.echo(f"{result.features} {layer} -> {result.path}", err=True)
