"""``karamap export``: one layer as GeoJSON, GeoParquet or CSV."""

from __future__ import annotations

from pathlib import Path

import click

from karamap import api
from karamap.cli.common import input_options, options_from
from karamap.cli.summary import print_report

__all__ = ["export_command"]

LAYERS = ("places", "regions", "events")
FORMATS = ("geojson", "parquet", "csv")


@click.command(
    "export",
    epilog="""\b
Examples:
  karamap export article.txt --layer places -o places.geojson
  karamap export corpus.jsonl --layer events --format parquet -o events.parquet
""",
)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--layer", type=click.Choice(LAYERS), required=True, help="Which layer to write.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="geojson", show_default=True,
              help="GeoJSON (RFC 7946), GeoParquet or CSV (WKT geometry).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The file to write.")
@input_options
def export_command(sources: tuple[Path, ...], layer: str, fmt: str, output: Path,
                   **kwargs: object) -> None:
    """Write one layer of SOURCES for QGIS, kepler.gl, geojson.io or pandas."""
    result = api.export(list(sources), layer, output, format=fmt, options=options_from(kwargs))
    print_report(result.report)
    click.echo(f"{result.features} {layer} -> {result.path}", err=True)
