"""``karamap build``: the HTML map and the GeoJSON layers of some articles."""

from __future__ import annotations

from pathlib import Path

import click

from karamap import api
from karamap.cli.common import SOURCE, input_options, options_from, progress_shown
from karamap.cli.summary import print_report, print_withheld

__all__ = ["build_command"]


@click.command(
    "build",
    epilog="""\b
Examples:
  karamap build                                  # the bundled example -> maps/karabakh-joint-center.html
  karamap build articles/ -o out --name caucasus
  karamap build corpus.jsonl --offline           # no online tile layer either

Formats and exit codes: docs/format.md (karamap formats lists the fields).
""",
)
@click.argument("sources", nargs=-1, type=SOURCE)
# No file_okay=False: click would call a file here a usage error (exit 2); the library's check
# (atomic.check_writable_dir) makes it the documented output error (exit 5).
@click.option("-o", "--output", "--out-dir", "output", type=click.Path(path_type=Path), default=Path("maps"),
              show_default=True, help="Folder the map and layers are written to (--out-dir: the old name).")
@click.option("--name", help="Base name of the outputs (default: karamap, or the example's name).")
@click.option("--title", help="Title shown on the map (default: the article's title).")
@click.option("--offline", is_flag=True,
              help="Draw no online tile layer, so the page makes no request at all (every map inlines "
                   "its scripts and names its basemap, and opens without network).")
@input_options
def build_command(sources: tuple[Path, ...], output: Path, name: str | None, title: str | None,
                  offline: bool, **kwargs: object) -> None:
    """Build NAME.html (an interactive map with a time filter) and NAME-places.geojson,
    NAME-events.geojson from SOURCES (text files, JSONL files or folders).

    With no SOURCES, builds the bundled example article.
    """
    if str(output) == "-":
        raise click.UsageError("build writes a map and its layers into a folder: -o names that folder, not -")
    with progress_shown(bool(kwargs.pop("quiet", False))):
        result = api.build_map(list(sources) or None, output, name, options=options_from(kwargs),
                               offline=offline, title=title)
    print_report(result.report)
    print_withheld(result.withheld)
    click.echo(f"{result.documents} articles, {result.places} places, {result.events} events")
    click.echo(f"map:    {result.map_path}")
    for path in result.layer_paths:
        click.echo(f"layer:  {path}")
