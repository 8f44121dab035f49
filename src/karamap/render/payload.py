"""The map's data: the layers packed once into compact JSON, and embedded safely in HTML."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterator
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import MultiPoint, Point
from shapely.geometry.base import BaseGeometry

from karamap.events.types import EVENT_TYPES, STATEMENT_TYPES
from karamap.layers import Layers
from karamap.outlines import country_outlines
from karamap.render.labels import basemap_labels

__all__ = ["map_payload", "embed_json", "embed_json_pieces", "data_bounds", "speaker", "POPUP_FIELDS"]

#: event columns shown in the popup when the events layer has them, in order, with their labels.
#: The map's script draws these rows as they come: a new field needs only a line here.
POPUP_FIELDS: tuple[tuple[str, str], ...] = (
    ("actor1", "Actor"),
    ("assoc_actor_1", "With"),
    ("actor2", "Acted on"),
    ("assoc_actor_2", "With"),
    ("fatalities", "Fatalities"),
    ("acled_event_type", "ACLED event type"),
    ("acled_sub_event_type", "ACLED sub-event type"),
    ("disorder_type", "ACLED disorder type"),
    ("cameo", "CAMEO"),
    ("plover", "PLOVER"),
)

#: words that report speech: what follows a speaker's name in "X said", not part of the name
_REPORTING = re.compile(
    r"\s+(?:has\s+|had\s+|have\s+)?(?:said|says|told|tells|announced|announces|stated|states|claimed|claims|"
    r"added|adds|noted|notes|reported|reports|declared|declares|confirmed|confirms|vowed|recalled|"
    r"recalls|explained|warned|insisted|stressed|underlined|emphasi[sz]ed|argued|wrote|tweeted|posted|"
    r"denied|alleged|asserted|remarked|replied|responded|urged|described|accused|quoted|"
    r"was\s+quoted|were\s+quoted)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
_ACCORDING = re.compile(r"^\s*according\s+to\s+", re.IGNORECASE)

_EPOCH = dt.date(1970, 1, 1)
#: decimals kept for event and place coordinates (about 11 m) and outlines (about 110 m)
_POINT_DECIMALS = 4
_OUTLINE_DECIMALS = 3
#: the basemap is a backdrop: about 1 km and a light simplification are plenty
_BASEMAP_DECIMALS = 2
_BASEMAP_TOLERANCE = 0.02


class _Strings:
    """A table of repeated strings (actors, places, attribution); index 0 is the empty string."""

    def __init__(self) -> None:
        self.items: list[str] = [""]
        self._index: dict[str, int] = {"": 0}

    def __call__(self, value: str | None) -> int:
        if not value:
            return 0
        index = self._index.get(value)
        if index is None:
            index = self._index[value] = len(self.items)
            self.items.append(value)
        return index


def _day(iso: Any) -> int | None:
    # pandas keeps a missing string as NaN (its str dtype), not None
    text = _text(iso)
    if not text:
        return None
    return (dt.date.fromisoformat(text) - _EPOCH).days


def _r(value: float, decimals: int) -> float:
    out = round(float(value), decimals)
    return 0.0 if out == 0 else out  # no "-0.0"


def _polygons(geom: BaseGeometry | None, decimals: int) -> list[list[list[float]]] | None:
    """Polygons as lists of rings, each ring a flat [lat, lon, lat, lon, ...] list."""
    if geom is None or geom.is_empty:
        return None
    parts = getattr(geom, "geoms", [geom])
    out = []
    for part in parts:
        if part.geom_type != "Polygon":
            continue
        rings = [part.exterior, *part.interiors]
        out.append([[v for x, y in ring.coords[:-1] for v in (_r(y, decimals), _r(x, decimals))]
                    for ring in rings])
    return out or None


def _point_of(geom: BaseGeometry | None, lat: Any, lon: Any) -> tuple[float, float] | None:
    if lat is not None and lon is not None and not (_isnan(lat) or _isnan(lon)):
        return float(lat), float(lon)
    if geom is None or geom.is_empty:
        return None
    p = geom if isinstance(geom, Point) else geom.representative_point()
    return p.y, p.x


def _isnan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _text(value: Any) -> str | None:
    if value is None or _isnan(value):
        return None
    return str(value)


def speaker(attribution: str | None) -> str:
    """Who a claim is attributed to, as the popup's "According to ..." needs it: the speaker alone.

    The attribution may come as the words of the text ("according to the ministry",
    "Akar said", "The defence minister announced"); the map shows only who spoke.

    >>> [speaker(a) for a in ("Akar said", "according to the Defense Ministry",
    ...                       "The Turkish defense minister announced", "Minister Hulusi Akar told", None)]
    ['Akar', 'the Defense Ministry', 'the Turkish defense minister', 'Minister Hulusi Akar', '']
    """
    text = _text(attribution) or ""
    text = _REPORTING.sub("", _ACCORDING.sub("", text)).strip(" ,;:")
    if text.startswith(("The ", "A ")):
        text = text[0].lower() + text[1:]
    return text


def _field_value(value: Any) -> str:
    """A popup field as text: lists joined, booleans and numbers as words."""
    if value is None or _isnan(value):
        return ""
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        items = value.tolist() if hasattr(value, "tolist") else value
        return ", ".join(str(v) for v in items if v not in (None, ""))
    if isinstance(value, bool):
        return "yes" if value else ""
    return str(value)


def _basemap() -> list[list[list[list[float]]]]:
    out = []
    for code in sorted(country_outlines()):
        geom = shapely.simplify(country_outlines()[code], _BASEMAP_TOLERANCE, preserve_topology=True)
        polys = _polygons(geom, _BASEMAP_DECIMALS)
        if polys:
            out.extend(polys)
    return out


def _places(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    out = []
    for row in frame.itertuples(index=False):
        geom = row.geometry
        out.append({
            "id": row.place_id,
            "name": row.name,
            "feature": row.feature,
            "country": _text(row.country),
            "lat": _r(row.lat, _POINT_DECIMALS),
            "lon": _r(row.lon, _POINT_DECIMALS),
            "n": int(row.mentions),
            "nd": len(row.doc_ids),
            "names": ", ".join(row.names),
            "approx": bool(row.approximate),
            "geo": _polygons(geom, _OUTLINE_DECIMALS) if geom is not None and geom.geom_type != "Point" else None,
        })
    return out


def _regions(layers: Layers) -> list[dict[str, Any]]:
    places = {r.place_id: r for r in layers.places.itertuples(index=False)}
    out = []
    for row in layers.regions.itertuples(index=False):
        geom = row.geometry
        members = []
        for pid, name in zip(row.members, row.member_names):
            place = places.get(pid)
            if place is not None:
                members.append([_r(place.lat, _POINT_DECIMALS), _r(place.lon, _POINT_DECIMALS), name])
        if not members and geom is not None:
            members = [[_r(p.y, _POINT_DECIMALS), _r(p.x, _POINT_DECIMALS), name]
                       for p, name in zip(getattr(geom, "geoms", [geom]), row.member_names)
                       if isinstance(p, Point)]
        if geom is not None and geom.geom_type in ("Polygon", "MultiPolygon"):
            hull = _polygons(geom, _OUTLINE_DECIMALS)
        elif members:
            # Points drawn together: a rounded hull around them (about 8 km out).
            points = MultiPoint([(m[1], m[0]) for m in members])
            hull = _polygons(points.convex_hull.buffer(0.08, quad_segs=4), _OUTLINE_DECIMALS)
        else:
            hull = None
        out.append({"name": row.name, "n": int(row.mentions), "members": members, "hull": hull})
    return out


def map_payload(layers: Layers, *, title: str | None = None) -> dict[str, Any]:
    """The data the map's script reads: events in columns, strings shared, days as integers.

    Events are kept in the layer's date order; those with neither coordinates nor
    a geometry cannot be drawn and are left out. Days count from ``epoch``
    (days since 1970-01-01, UTC) so numbers stay short.

    Examples
    --------
    >>> from karamap.layers import build_layers
    >>> payload = map_payload(build_layers([]), title="Empty")
    >>> payload["title"], payload["ev"]["q"]
    ('Empty', [])
    """
    bounds = data_bounds(layers)
    strings = _Strings()
    type_index: dict[str, int] = {}
    types: list[list[str]] = []
    docs: list[list[str | None]] = []
    doc_index: dict[str, int] = {}
    ev: dict[str, list[Any]] = {k: [] for k in ("y", "x", "t", "s", "e", "f", "p", "pn", "a", "at", "d", "q")}
    events = layers.events
    days = [_day(s) for s in events["start_date"]] if len(events) else []
    epoch = min((d for d in days if d is not None), default=0)
    for row, start in zip(events.itertuples(index=False), days):
        point = _point_of(row.geometry, row.lat, row.lon)
        if point is None:
            continue
        if row.type not in type_index:
            type_index[row.type] = len(types)
            # What officials said is a layer of its own, off until the reader switches it on.
            types.append([row.type, row.type_label, row.color, int(row.type in STATEMENT_TYPES)])
        if row.doc_id not in doc_index:
            doc_index[row.doc_id] = len(docs)
            docs.append([_text(row.source_title), _text(row.source_url), _text(row.source_date),
                         _text(row.source_name)])
        end = _day(row.end_date)
        ev["y"].append(_r(point[0], _POINT_DECIMALS))
        ev["x"].append(_r(point[1], _POINT_DECIMALS))
        ev["t"].append(type_index[row.type])
        ev["s"].append(None if start is None else start - epoch)
        ev["e"].append(None if start is None or end is None else max(0, end - start))
        # One small integer for four codes: time precision, inferred time, geo precision, stated place.
        ev["f"].append(int(row.time_precision) & 3 | int(bool(row.time_inferred)) << 2
                       | (int(row.geo_precision) & 3) << 3 | int(bool(row.place_stated)) << 5)
        ev["p"].append(strings(_text(row.precision)))
        ev["pn"].append(strings(", ".join(row.place_names)))
        ev["a"].append(strings(", ".join(row.actors)))
        ev["at"].append(strings(speaker(row.attribution)))
        ev["d"].append(doc_index[row.doc_id])
        ev["q"].append(row.quote or "")
    # Extra popup rows, for the columns this events layer has (see POPUP_FIELDS).
    fields = [(column, label) for column, label in POPUP_FIELDS if column in events.columns]
    drawn = [row is not None for row in (_point_of(g, la, lo) for g, la, lo in
                                          zip(events.geometry, events["lat"], events["lon"]))] if fields else []
    extra = [[label, [strings(_field_value(v)) for v, keep in zip(events[column], drawn) if keep]]
             for column, label in fields]
    # Types in the order of the shared table (the legend's order), unknown ones after.
    order = {name: k for k, name in enumerate(EVENT_TYPES)}
    ranked = sorted(range(len(types)), key=lambda k: (order.get(types[k][0], len(order)), types[k][0]))
    remap = {old: new for new, old in enumerate(ranked)}
    ev["t"] = [remap[t] for t in ev["t"]]
    return {
        "title": title or "karamap",
        "epoch": epoch,
        "types": [types[k] for k in ranked],
        "docs": docs,
        "S": strings.items,
        "ev": ev,
        "places": _places(layers.places),
        "regions": _regions(layers),
        "fields": extra,
        "basemap": _basemap(),
        "labels": [label.packed() for label in basemap_labels(bounds)],
        "view": bounds,
    }


#: from this many events on, the first view leaves out the outlying 2 % on each side
_TRIM_FROM = 20
_TRIM = 0.02


def _quantile(sorted_values: list[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))]


def data_bounds(layers: Layers) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of what the story is about: the map's first view.

    The events when there are any (a place named once in passing, a capital where a
    minister spoke, does not widen the view); from 20 events on, the outlying 2 % on
    each side are left out, so one far-away event does not push the rest to an edge.
    Without events, the places smaller than a country (countries' points, Russia's in
    Siberia, would pull the view away), else every place. None when there is nothing.

    Examples
    --------
    >>> from karamap.layers import build_layers
    >>> data_bounds(build_layers([])) is None
    True
    """
    def points(geoms) -> list:  # noqa: ANN001 - a sequence of shapely geometries
        return [g if g.geom_type == "Point" else g.representative_point()
                for g in geoms if g is not None and not g.is_empty]

    chosen = points(layers.events.geometry)
    if not chosen:
        places = layers.places
        small = places[~places["feature"].isin(["country", "continent"])] if len(places) else places
        chosen = points([*small.geometry, *layers.regions.geometry]) or points(places.geometry)
    if not chosen:
        return None
    lats = sorted(p.y for p in chosen)
    lons = sorted(p.x for p in chosen)
    trim = _TRIM if len(chosen) >= _TRIM_FROM else 0.0
    return [[_quantile(lats, trim), _quantile(lons, trim)], [_quantile(lats, 1 - trim), _quantile(lons, 1 - trim)]]


_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                         "\u2028": "\\u2028", "\u2029": "\\u2029"})


def embed_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``-style escapes (so ``</script>`` and
    ``<!--`` cannot end or bend the element) and U+2028/U+2029 are escaped (older
    JavaScript parsers end a line there). The result is still valid JSON and
    parses back to ``value``.

    >>> embed_json({"q": "</script><b>&"})
    '{"q":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    return "".join(embed_json_pieces(value))


#: items of a long list encoded at a time by :func:`embed_json_pieces`
_PIECE_ITEMS = 2048


def embed_json_pieces(value: Any) -> Iterator[str]:
    """The text of :func:`embed_json` in pieces that follow each other, to be written as they come.

    Objects and long lists are opened and each member or run of items is encoded by
    itself (with the same separators, so the pieces join into exactly the text of one
    encoding): the map's data of 200,000 events is never one string in memory.

    >>> list(embed_json_pieces({"a": [1, 2], "b": "<"}))
    ['{', '"a":', '[1,2]', ',"b":', '"\\\\u003c"', '}']
    """
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        yield "{"
        for n, (key, member) in enumerate(value.items()):
            yield ("," if n else "") + _encode(key) + ":"
            yield from embed_json_pieces(member)
        yield "}"
    elif isinstance(value, list) and len(value) > _PIECE_ITEMS:
        yield "["
        for start in range(0, len(value), _PIECE_ITEMS):
            yield ("," if start else "") + _encode(value[start:start + _PIECE_ITEMS])[1:-1]
        yield "]"
    else:
        yield _encode(value)


def _encode(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_UNSAFE)
