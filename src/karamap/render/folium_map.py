"""Layers to a folium map: one self-contained, reproducible HTML file with a time filter."""

from __future__ import annotations

import html
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import folium
import jinja2
from branca.element import Element, Figure, MacroElement

from karamap.atomic import atomic_write
from karamap.errors import OutputError
from karamap.layers import Layers
from karamap.render.assets import assets
from karamap.render.payload import embed_json, embed_json_pieces, map_payload

__all__ = ["render_map", "write_map", "map_html", "MAP_CREDIT", "DATA_MARK"]

#: the basemap's sources, as the map's corner credits them
MAP_CREDIT = "Natural Earth outlines · GeoNames (CC BY 4.0) names"


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("karamap.render", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
    )
    return env.get_template("app.html.j2")


class _Raw(Element):
    """Text placed in the page as it is.

    branca wraps a macro's output in an ``Element`` whose text is parsed again
    as a Jinja template, so ``{{`` in an article would be evaluated; this element
    renders its text verbatim instead.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class TimeFilterApp(MacroElement):
    """The map's UI: title, time filter, event list, legend and layers, fed by one JSON block."""

    def __init__(self, payload: dict[str, Any], *, title: str, tiles: Element | None,
                 credit: str, deferred: bool = False) -> None:
        super().__init__()
        self._name = "KaramapApp"
        self._template = _template()
        self.title = title
        self.tiles = tiles
        #: with ``deferred``, the page holds DATA_MARK where the data goes, and the data is
        #: written into it piece by piece (write_map): never whole in memory, nor the page with it
        self.payload = payload if deferred else None
        self.data_json = DATA_MARK if deferred else embed_json(payload)
        self.credit_json = embed_json(credit)
        # Leaflet and the app are always inlined: the page opens with no network at all.
        a = assets()
        self.inline_css = [a.leaflet_css, a.app_css]
        self.inline_js = [a.leaflet_js, a.app_js]

    @property
    def tiles_name(self) -> str | None:
        return self.tiles.get_name() if self.tiles is not None else None

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise OutputError("the karamap UI can only be rendered inside a folium Figure")
        module = self._template.make_module({})
        figure.header.add_child(_Raw(str(module.header(self, kwargs))), name=self.get_name())
        figure.html.add_child(_Raw(str(module.html(self, kwargs))), name=self.get_name())
        figure.script.add_child(_Raw(str(module.script(self, kwargs))), name=self.get_name())


def _walk(element: Element) -> Iterator[Element]:
    yield element
    if isinstance(element, Figure):
        for part in (element.header, element.html, element.script):
            yield from _walk(part)
    for child in element._children.values():
        yield from _walk(child)


def _fix_ids(root: Element) -> None:
    """Replace branca's random element ids by a counter, so the same map gives the same bytes."""
    for number, element in enumerate(_walk(root)):
        element._id = f"km{number:04d}"


#: where the data goes in a page rendered before its data; article text cannot put it in the page
#: (the title is escaped there, "<" becomes "&lt;"; the data itself is not in it yet)
DATA_MARK = "<!--karamap-data-->"


def render_map(
    layers: Layers,
    *,
    title: str | None = None,
    offline: bool = False,
    attribution: str = "",
) -> folium.Map:
    """The folium map of ``layers``: countries, places, groups, events and the time filter.

    Parameters
    ----------
    layers : the layers to draw (:func:`karamap.layers.build_layers`).
    title : shown on the map and as the page title.
    offline : draw no online tile layer, so the page makes no request at all (Leaflet and the
        app are inlined either way: every map opens without network).
    attribution : an extra credit line for the map's corner (e.g. a geocoder's).

    Returns
    -------
    folium.Map
        A map whose element ids are already deterministic; ``get_root().render()``
        gives its HTML.

    Examples
    --------
    >>> from karamap.layers import build_layers
    >>> m = render_map(build_layers([]), title="Nothing yet", offline=True)
    >>> "cdn.jsdelivr.net" in m.get_root().render()
    False
    """
    return _map(layers, title=title, offline=offline, attribution=attribution)[0]


def _map(layers: Layers, *, title: str | None, offline: bool, attribution: str,
         deferred: bool = False) -> tuple[folium.Map, TimeFilterApp]:
    title = title or "karamap"
    # The first view is fitted by the page itself, without animation and knowing how much
    # room the legend and panels take at the reader's screen size (payload "view").
    # The scale control is the app's own (placed clear of the legend).
    m = folium.Map(location=[20.0, 20.0], zoom_start=2, tiles=None, prefer_canvas=True,
                   control_scale=False)
    # Nothing from a CDN: Leaflet is inlined by the app (folium's jQuery, Bootstrap and
    # Font Awesome serve nothing on this map), so the file opens without network.
    m.default_js = []
    m.default_css = []
    tiles = None
    if not offline:
        tiles = folium.TileLayer("OpenStreetMap", name="OpenStreetMap")
        tiles.add_to(m)
    # Short, so the credit line stays one line on a phone; the README credits in full.
    credits = [MAP_CREDIT] + ([attribution] if attribution else [])
    app = TimeFilterApp(map_payload(layers, title=title), title=title, tiles=tiles,
                        credit=html.escape(" · ".join(credits)), deferred=deferred)
    app.add_to(m)
    _fix_ids(m.get_root())
    return m, app


def map_html(m: folium.Map) -> str:
    """The HTML of a map made by :func:`render_map` (ids fixed again after rendering)."""
    root = m.get_root()
    _fix_ids(root)
    return root.render()


def write_map(
    layers: Layers,
    path: str | Path,
    *,
    title: str | None = None,
    offline: bool = False,
    attribution: str = "",
) -> Path:
    """Write the map of ``layers`` to ``path``: one self-contained HTML file, atomically.

    The same layers always give the same bytes (no random ids, no timestamps).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from karamap.layers import build_layers
    >>> out = write_map(build_layers([]), pathlib.Path(tempfile.mkdtemp()) / "m.html", offline=True)
    >>> out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    path = Path(path)
    # The page is rendered around a mark, and the data (most of the file: tens of MB for a
    # corpus) written into it a piece at a time: the same bytes as map_html gives.
    m, app = _map(layers, title=title, offline=offline, attribution=attribution, deferred=True)
    head, mark, tail = map_html(m).partition(DATA_MARK)
    if not mark or DATA_MARK in tail:
        raise OutputError(f"cannot write {path}: the map's page holds no single place for its data")
    with atomic_write(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(head)
        for piece in embed_json_pieces(app.payload):
            fh.write(piece)
        fh.write(tail)
    return path

