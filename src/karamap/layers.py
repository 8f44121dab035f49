"""Documents to map layers: GeoDataFrames of places, groups of places (regions) and events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from karamap.errors import ConfigurationError
from karamap.events.types import EVENT_TYPES
from karamap.model import Document, Event, Place

# geopandas, pandas and shapely cost about half a second to import: they are imported where
# frames are built, so that `annotate` (and a worker that only accumulates) never pays for them.
if TYPE_CHECKING:
    import geopandas as gpd
    from shapely.geometry.base import BaseGeometry

__all__ = ["Layers", "LayerParts", "build_layers", "PLACE_COLUMNS", "REGION_COLUMNS", "EVENT_COLUMNS",
           "CRS"]

#: every layer is in WGS 84 longitude/latitude
CRS = "EPSG:4326"

#: columns of ``Layers.places`` (besides ``geometry``), in order
PLACE_COLUMNS: tuple[str, ...] = (
    "place_id", "name", "feature", "country", "lat", "lon", "mentions", "names",
    "doc_ids", "members", "approximate", "outline", "source", "geonameid",
)
#: columns of ``Layers.regions`` (besides ``geometry``), in order
REGION_COLUMNS: tuple[str, ...] = (
    "region_id", "name", "mentions", "members", "member_names", "doc_ids",
)
#: columns of ``Layers.events`` (besides ``geometry``), in order
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_id", "type", "type_label", "color",
    "disorder_type", "acled_event_type", "acled_sub_event_type", "cameo", "plover",
    "start_date", "end_date", "precision", "time_precision", "time_inferred",
    "place_ids", "place_names", "country", "admin1", "admin2", "lat", "lon", "geo_precision", "place_stated",
    "actors", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "fatalities", "attribution", "trigger", "quote",
    "quote_start", "quote_end", "confidence", "source_title", "source_url", "source_date",
    "source_name",
)


@dataclass(frozen=True)
class Layers:
    """The layers of a set of documents, each a GeoDataFrame in EPSG:4326.

    ``places``: one row per place found, with its mention count, the names it was
    found under, feature kind, country and the documents naming it; the geometry is
    the place's outline where one is known (countries ship with Natural Earth
    outlines), else its point.
    ``regions``: one row per group place ("the seven adjacent districts") with its
    members; the geometry gathers the members (their outlines, else their points).
    ``events``: one row per event, in date order; a point where the event has
    coordinates, else its place's outline, else no geometry.
    """

    places: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    events: gpd.GeoDataFrame
    #: the number of documents the layers were built from
    documents: int = field(default=0)

    def layer(self, name: str) -> gpd.GeoDataFrame:
        """The layer called ``name`` (``places``, ``regions`` or ``events``)."""
        if name not in ("places", "regions", "events"):
            raise ConfigurationError(f"unknown layer {name!r}: choose places, regions or events")
        frame: gpd.GeoDataFrame = getattr(self, name)
        return frame


@dataclass(slots=True)
class _PlaceAcc:
    place: Place
    mentions: int = 0
    names: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    members: tuple[Place, ...] = ()

    def merge(self, later: _PlaceAcc) -> None:
        """Fold in the same place's tally from documents that come after this one's."""
        self.mentions += later.mentions
        self.names |= later.names
        self.docs |= later.docs
        if not self.members:
            self.members = later.members


@dataclass(slots=True)
class LayerParts:
    """The layers of some documents, not yet drawn up: a tally that streams and merges.

    :meth:`add` takes one document at a time and keeps only what the layers need
    (the per-place tally and one compact row per event), never the documents. Parts
    tallied from consecutive runs of a corpus (batches in worker processes, a Dask
    partition) :meth:`merge` in corpus order into exactly the parts one pass would
    have tallied, so :meth:`finish` gives the same layers however the work was split.
    Parts are plain data: they pickle, to travel between processes.

    Examples
    --------
    >>> parts = LayerParts()
    >>> parts.merge(LayerParts())
    >>> layers = parts.finish()
    >>> len(layers.events), layers.documents
    (0, 0)
    """

    places: dict[str, _PlaceAcc] = field(default_factory=dict)
    #: every place seen (members of groups too), first reading of an id wins
    known: dict[str, Place] = field(default_factory=dict)
    #: one tuple per event, in EVENT_COLUMNS order (place names and geometry filled by finish)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    documents: int = 0

    def add(self, doc: Document) -> None:
        """Tally one document (after every document added or merged before it)."""
        self.documents += 1
        places, known = self.places, self.known
        for res in doc.resolutions:
            if res.place is None:
                continue
            acc = places.get(res.place.id)
            if acc is None:
                acc = places[res.place.id] = _PlaceAcc(res.place)
            acc.mentions += 1
            acc.names.add(res.mention.surface)
            acc.docs.add(doc.id)
            known.setdefault(res.place.id, res.place)
            if res.members and not acc.members:
                acc.members = res.members
            for member in res.members:
                known.setdefault(member.id, member)
        for event in doc.events:
            row = _event_row(doc, event, known)
            self.events.append(tuple(row[c] for c in EVENT_COLUMNS))

    def merge(self, later: LayerParts) -> None:
        """Fold in the parts of the documents that come right after these ones."""
        self.documents += later.documents
        for place_id, acc in later.places.items():
            mine = self.places.get(place_id)
            if mine is None:
                self.places[place_id] = acc
            else:
                mine.merge(acc)
        for place_id, place in later.known.items():
            self.known.setdefault(place_id, place)
        self.events.extend(later.events)

    def finish(self) -> Layers:
        """The layers of every document tallied, as GeoDataFrames."""
        return Layers(
            places=_places_frame(self.places),
            regions=_regions_frame(self.places, self.known),
            events=_events_frame(self.events, self.known),
            documents=self.documents,
        )


def build_layers(documents: Iterable[Document]) -> Layers:
    """The places, regions and events layers of ``documents``.

    Parameters
    ----------
    documents : annotated documents (any iterable; consumed once, one at a time:
        only the tally of :class:`LayerParts` is kept, never the documents).

    Returns
    -------
    Layers
        Three GeoDataFrames in EPSG:4326; rows are in a stable order
        (places by mentions then id, regions by id, events by date then id),
        so the same documents always give the same layers.

    Examples
    --------
    >>> import datetime as dt
    >>> from karamap.model import Article, Document, Event, Mention, Place, Resolution, TimeSpan
    >>> aghdam = Place("geonames:148618", "Aghdam", "admin2", "AZ", 40.0, 46.9)
    >>> mention = Mention(10, 16, "Aghdam")
    >>> day = dt.date(2021, 1, 30)
    >>> event = Event("e1", "a", "deployment", "opened", "A centre opened in Aghdam.", 0, 26,
    ...               TimeSpan(day, day, "day"), 1, False, (aghdam.id,), 40.0, 46.9, 1, True)
    >>> doc = Document(Article("a", "A centre opened in Aghdam.", day),
    ...                (Resolution(mention, aghdam, 1.0),), (), (event,))
    >>> layers = build_layers([doc])
    >>> layers.places[["name", "mentions"]].values.tolist()
    [['Aghdam', 1]]
    >>> layers.events.loc[0, "start_date"], layers.events.crs.to_string()
    ('2021-01-30', 'EPSG:4326')
    """
    parts = LayerParts()
    for doc in documents:
        parts.add(doc)
    return parts.finish()


def _outline(place: Place) -> BaseGeometry | None:
    """The place's own geometry, else a shipped country outline for a country."""
    if place.geometry is not None:
        geom: BaseGeometry = place.geometry
        return geom
    if place.feature == "country":
        from karamap.outlines import country_outline

        return country_outline(place.country)
    return None


def _places_frame(places: dict[str, _PlaceAcc]) -> gpd.GeoDataFrame:
    from shapely.geometry import Point

    rows = []
    for acc in sorted(places.values(), key=lambda a: (-a.mentions, a.place.id)):
        p = acc.place
        outline = _outline(p)
        rows.append({
            "place_id": p.id,
            "name": p.name,
            "feature": p.feature,
            "country": p.country,
            "lat": float(p.lat),
            "lon": float(p.lon),
            "mentions": acc.mentions,
            "names": sorted(acc.names),
            "doc_ids": sorted(acc.docs),
            "members": [m.id for m in acc.members] or list(p.members),
            "approximate": bool(p.approximate),
            "outline": outline is not None,
            "source": p.source,
            "geonameid": p.geonameid,
            "geometry": outline if outline is not None else Point(p.lon, p.lat),
        })
    return _frame(rows, PLACE_COLUMNS)


def _regions_frame(places: dict[str, _PlaceAcc], known: dict[str, Place]) -> gpd.GeoDataFrame:
    from shapely.geometry import Point

    rows = []
    for acc in sorted(places.values(), key=lambda a: a.place.id):
        member_ids = [m.id for m in acc.members] or list(acc.place.members)
        if acc.place.feature != "group" and not member_ids:
            continue
        members = [known[i] for i in member_ids if i in known]
        rows.append({
            "region_id": acc.place.id,
            "name": acc.place.name,
            "mentions": acc.mentions,
            "members": member_ids,
            "member_names": [m.name for m in members],
            "doc_ids": sorted(acc.docs),
            "geometry": _gather(members) if members else Point(acc.place.lon, acc.place.lat),
        })
    return _frame(rows, REGION_COLUMNS)


def _gather(members: list[Place]) -> BaseGeometry:
    """The members drawn together: the union of their outlines where all have one, else their points."""
    from shapely.geometry import MultiPoint
    from shapely.ops import unary_union

    outlines = [_outline(m) for m in members]
    if all(o is not None for o in outlines):
        return unary_union(outlines)
    return MultiPoint([(m.lon, m.lat) for m in members])


def _event_row(doc: Document, event: Event, known: dict[str, Place]) -> dict[str, Any]:
    """One event's columns; its place names and geometry wait for every document's places."""
    kind = EVENT_TYPES.get(event.type)
    places = [known[i] for i in event.place_ids if i in known]
    article = doc.article
    first = places[0] if places else None
    return {
        "event_id": event.id,
        "doc_id": event.doc_id or doc.id,
        "type": event.type,
        "type_label": kind.label if kind else event.type.replace("_", " ").capitalize(),
        "color": kind.color if kind else "#777777",
        "disorder_type": event.disorder_type,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "cameo": event.cameo,
        "plover": event.plover,
        "start_date": event.when.start.isoformat() if event.when else None,
        "end_date": event.when.end.isoformat() if event.when else None,
        "precision": event.when.precision if event.when else None,
        "time_precision": int(event.time_precision),
        "time_inferred": bool(event.time_inferred),
        "place_ids": list(event.place_ids),
        "place_names": [],  # filled in _events_frame, once every document's places are known
        "country": first.country if first else None,
        "admin1": _division(first, places, "admin1"),
        "admin2": _division(first, places, "admin2"),
        "lat": None if event.lat is None else float(event.lat),
        "lon": None if event.lon is None else float(event.lon),
        "geo_precision": int(event.geo_precision),
        "place_stated": bool(event.place_stated),
        "actors": list(event.actors),
        "actor1": event.actor1,
        "assoc_actor_1": list(event.assoc_actor_1),
        "inter1": event.inter1,
        "actor2": event.actor2,
        "assoc_actor_2": list(event.assoc_actor_2),
        "inter2": event.inter2,
        "interaction": event.interaction,
        "civilian_targeting": bool(event.civilian_targeting),
        "fatalities": event.fatalities,
        "attribution": event.attribution,
        "trigger": event.trigger,
        "quote": event.quote,
        "quote_start": int(event.quote_start),
        "quote_end": int(event.quote_end),
        "confidence": float(event.confidence),
        "source_title": article.title,
        "source_url": article.url,
        "source_date": article.published.isoformat() if article.published else None,
        "source_name": article.source,
    }


def _division(place: Place | None, places: list[Place], level: str) -> str | None:
    """The name of the event place's first- (``admin1``) or second-level (``admin2``) division."""
    if place is None:
        return None
    named = next((p.name for p in places if p.feature == level and p.country == place.country), None)
    if named is not None:
        return named
    return place.admin1 if level == "admin1" and place.feature not in ("country", "continent") else None


_COLUMN = {name: i for i, name in enumerate(EVENT_COLUMNS)}


def _event_geometry(row: tuple[Any, ...], known: dict[str, Place]) -> BaseGeometry | None:
    """A point where the event has coordinates, else its first known place's outline or point.

    An event's places are its own document's, which are known before its events are
    tallied, so waiting for every document changes nothing: the first reading of an id wins.
    """
    from shapely.geometry import Point

    lat, lon = row[_COLUMN["lat"]], row[_COLUMN["lon"]]
    if lat is not None and lon is not None:
        return Point(lon, lat)
    places = [known[i] for i in row[_COLUMN["place_ids"]] if i in known]
    if places:
        return _outline(places[0]) or Point(places[0].lon, places[0].lat)
    return None


def _events_frame(rows: list[tuple[Any, ...]], known: dict[str, Place]) -> gpd.GeoDataFrame:
    start, end, event_id = _COLUMN["start_date"], _COLUMN["end_date"], _COLUMN["event_id"]
    names, ids = _COLUMN["place_names"], _COLUMN["place_ids"]
    # A stable sort: events of equal dates and id keep the order of their documents.
    rows.sort(key=lambda r: (r[start] or "9999", r[end] or "9999", r[event_id]))
    full = []
    for row in rows:
        # Place names are filled at the end: a place may be resolved after an
        # earlier document's event named it by id.
        named = [known[i].name if i in known else i for i in row[ids]]
        full.append((*row[:names], named, *row[names + 1:], _event_geometry(row, known)))
    return _frame(full, EVENT_COLUMNS)


def _frame(rows: list[dict[str, Any]] | list[tuple[Any, ...]], columns: tuple[str, ...]) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import pandas as pd

    if not rows:
        empty = {c: [] for c in columns}
        return gpd.GeoDataFrame(empty, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)
    frame = gpd.GeoDataFrame(rows, columns=[*columns, "geometry"], geometry="geometry", crs=CRS)
    for column in _COUNTS:
        # Counts and codes that may be unknown stay integers or None, not floats with NaN.
        if column in frame.columns:
            frame[column] = pd.Series([None if v is None or pd.isna(v) else int(v) for v in frame[column]],
                                      index=frame.index, dtype=object)
    return frame.reset_index(drop=True)


_COUNTS = ("inter1", "inter2", "interaction", "fatalities")
