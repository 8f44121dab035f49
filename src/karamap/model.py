"""The data model: frozen dataclasses passed between the pipeline's stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "Article",
    "MentionKind",
    "FeatureKind",
    "Mention",
    "Place",
    "Resolution",
    "Precision",
    "TimeSpan",
    "TimexType",
    "TimeExpr",
    "Event",
    "Document",
]

MentionKind = Literal["toponym", "demonym", "group", "facility"]
FeatureKind = Literal[
    "continent", "country", "admin1", "admin2", "city", "region", "facility", "group", "other"
]
Precision = Literal["day", "week", "month", "quarter", "season", "year", "decade", "century", "range"]
TimexType = Literal["DATE", "DURATION", "TIME", "SET"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read.

    ``text`` is the whole text as read (a header line included), so offsets
    of every later stage index into it.
    """

    id: str
    text: str
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # file (and line) it came from, for messages
    #: the text was extracted from markup (a saved web page), so it is not the input itself:
    #: ``annotate`` writes it out, since offsets index into it
    extracted: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the text that names a place, a people (demonym), a group of places or a facility."""

    start: int
    end: int
    surface: str
    kind: MentionKind = "toponym"
    #: normalised gazetteer key the surface matched (what resolution looks up)
    key: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry.

    ``id`` is namespaced by source: ``geonames:323786``, ``karamap:nagorno-karabakh``,
    ``user:my-camp``, ``nominatim:relation/123``.
    """

    id: str
    name: str
    feature: FeatureKind
    country: str | None
    lat: float
    lon: float
    population: int = 0
    geonameid: int | None = None
    admin1: str | None = None
    aliases: tuple[str, ...] = ()
    source: str = "geonames"
    #: ids of the member places of a group ("the seven adjacent districts")
    members: tuple[str, ...] = ()
    #: the coordinate is an approximation (reported, not surveyed)
    approximate: bool = False
    #: a shapely geometry where an outline is known, else None
    geometry: Any = field(default=None, compare=False, repr=False)
    #: the raw backend payload (a geopy Location's raw dict, a CSV row ...)
    raw: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Resolution:
    """A mention and the place it was resolved to (``None``: unknown).

    A place is unknown either because no gazetteer here can place the name (a street) or
    because its readings are too close to call: then ``withheld`` is true, ``score`` is the
    best reading's confidence and ``candidates`` the readings weighed, best first. A withheld
    mention is kept out of the map, the layers and the events: a wrong place is worse than none.
    """

    mention: Mention
    place: Place | None
    score: float
    #: the best candidates considered, best first (the chosen one included)
    candidates: tuple[Place, ...] = ()
    #: for a group mention, its member places
    members: tuple[Place, ...] = ()
    #: True when the best reading scored below the minimum and was not mapped
    withheld: bool = False


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A resolved stretch of calendar time, both ends inclusive."""

    start: dt.date
    end: dt.date
    precision: Precision

    def overlaps(self, other: TimeSpan) -> bool:
        return self.start <= other.end and other.start <= self.end


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A temporal expression found in the text, normalised (TIMEX3 value)."""

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    #: the calendar range it denotes, where it has one (a DURATION anchored in the text has one too)
    span: TimeSpan | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A dated, located, typed event told by a sentence, in the manner of ACLED and GDELT."""

    id: str
    doc_id: str
    type: str
    trigger: str
    quote: str
    quote_start: int
    quote_end: int
    when: TimeSpan | None
    #: ACLED time precision: 1 day, 2 week or range within a month, 3 month or coarser
    time_precision: int
    #: the date was inferred (document date, governing date) rather than stated in the clause
    time_inferred: bool
    place_ids: tuple[str, ...]
    lat: float | None
    lon: float | None
    #: ACLED geo precision: 1 the place itself, 2 near / part of a region, 3 a larger region
    geo_precision: int
    #: the place was named in the clause (True) or inferred from the document (False)
    place_stated: bool
    actors: tuple[str, ...] = ()
    attribution: str | None = None
    confidence: float = 0.5
    #: ACLED disorder type ("Political violence", "Demonstrations", "Strategic developments", or
    #: "Political violence; Demonstrations"); None for an event outside ACLED's scope
    disorder_type: str | None = None
    #: ACLED event type and sub-event type (codebook 2023); None outside ACLED's scope
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    #: CAMEO 1.1b3 code and PLOVER event type of the same event
    cameo: str | None = None
    plover: str | None = None
    #: the actor who acts and the actor acted on, named in ACLED's style
    #: ("Military Forces of Azerbaijan (2003-)", "Protesters (Armenia)", "Civilians (Ukraine)")
    actor1: str | None = None
    actor2: str | None = None
    #: actors associated with actor1 / actor2 (ACLED assoc_actor_1 / assoc_actor_2)
    assoc_actor_1: tuple[str, ...] = ()
    assoc_actor_2: tuple[str, ...] = ()
    #: ACLED actor-type codes of actor1 and actor2 (1 state forces ... 8 external/other forces)
    inter1: int | None = None
    inter2: int | None = None
    #: ACLED interaction code: the two actor types, lower first (17: state forces on civilians)
    interaction: int | None = None
    #: ACLED's civilian targeting flag: the violence was aimed at civilians
    civilian_targeting: bool = False
    #: people reported killed in the event (None: the text does not say); the wounded are not counted
    fatalities: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """An article and everything found in it."""

    article: Article
    resolutions: tuple[Resolution, ...] = ()
    timexes: tuple[TimeExpr, ...] = ()
    events: tuple[Event, ...] = ()

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def places(self) -> tuple[Resolution, ...]:
        """The resolutions that found a place."""
        return tuple(r for r in self.resolutions if r.place is not None)
