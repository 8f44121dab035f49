"""``karamap build``: the HTML map and the GeoJSON layers of some articles."""

from __future__ import annotations

from pathlib import Path

import click

from karamap import api
from karamap.cli.common import input_options, options_from
from karamap.cli.summary import print_report, print_withheld

__all__ = ["build_command"]


@click.command(
    "build",
    epilog="""\b
Examples:
  karamap build                                  # the bundled example -> maps/karabakh-joint-center.html
  karamap build articles/ -o out --name caucasus
  karamap build corpus.jsonl --offline           # one HTML file that needs no network
""",
)
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
# No file_okay=False: click would call a file here a usage error (exit 2); the library's check
# (atomic.check_writable_dir) makes it the documented output error (exit 5).
@click.option("-o", "--out-dir", type=click.Path(path_type=Path), default=Path("maps"),
              show_default=True, help="Folder the map and layers are written to.")
@click.option("--name", help="Base name of the outputs (default: karamap, or the example's name).")
@click.option("--title", help="Title shown on the map (default: the article's title).")
@click.option("--offline", is_flag=True,
              help="Inline every script and style and draw no online tiles: one file, no network.")
@input_options
def build_command(sources: tuple[Path, ...], out_dir: Path, name: str | None, title: str | None,
                  offline: bool, **kwargs: object) -> None:
    """Build NAME.html (an interactive map with a time filter) and NAME-places.geojson,
    NAME-events.geojson from SOURCES (text files, JSONL files or folders).

    With no SOURCES, builds the bundled example article.
    """
    result = api.build_map(list(sources) or None, out_dir, name, options=options_from(kwargs),
                           offline=offline, title=title)
    print_report(result.report)
    print_withheld(result.withheld)
    click.echo(f"{result.documents} articles, {result.places} places, {result.events} events")
    click.echo(f"map:    {result.map_path}")
    for path in result.layer_paths:
        click.echo(f"layer:  {path}")
