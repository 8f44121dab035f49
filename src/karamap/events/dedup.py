"""One event per incident: the clauses and sentences of one incident joined, and incidents told twice merged."""

from __future__ import annotations

import bisect
import dataclasses
import heapq
import math
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass

from karamap.model import Event, Place

__all__ = ["same_incident", "merge_duplicates", "Telling", "Incident", "group_incidents", "fold_incident",
           "LONG_SENTENCE"]

#: a sentence longer than this (characters; far above any sentence of news, as a list of hundreds
#: of towns is) is not quoted whole by its events: each quotes a window of it (:attr:`Telling.window`)
LONG_SENTENCE = 1_000

# Types that tell the same kind of incident; the first of a family is kept on a merge.
_FAMILY = {"phone_call": "talks", "meeting": "talks"}
_PREFERRED = ("phone_call", "meeting")


def _family(t: str) -> str:
    return _FAMILY.get(t, t)


def _days(a, b) -> int:
    return abs((a - b).days)


def same_incident(a: Event, b: Event, *, undated: frozenset[str] = frozenset()) -> bool:
    """Two events tell one incident: one type (or family), nearly the same time (starts and ends
    within a day, same precision code; any time where one of them is ``undated``, its id in that
    set: dated only by the document), compatible places (shared ids or one inferred) and
    compatible actors (shared or one side without any).

    >>> import datetime as dt
    >>> from karamap.model import Event, TimeSpan
    >>> d = TimeSpan(dt.date(2021, 1, 30), dt.date(2021, 1, 30), "day")
    >>> e = Event("x", "d", "deployment", "set up", "q", 0, 1, d, 1, False, ("p",), 1.0, 2.0, 1, True)
    >>> same_incident(e, dataclasses.replace(e, id="y", place_ids=("q",), place_stated=False))
    True
    """
    if _family(a.type) != _family(b.type):
        return False
    # An undated telling joins a dated one of the very same type only (a call is not a meeting).
    loose = (a.id in undated or b.id in undated) and a.type == b.type
    if (a.when is None) != (b.when is None) and not loose:
        return False
    if a.when is not None and b.when is not None and not loose:
        if a.time_precision != b.time_precision:
            return False
        if _days(a.when.start, b.when.start) > 1 or _days(a.when.end, b.when.end) > 1:
            return False
    if a.place_stated and b.place_stated and not set(a.place_ids) & set(b.place_ids):
        return False
    if a.actors and b.actors and not set(a.actors) & set(b.actors):
        return False
    return True


def _score(e: Event) -> tuple[int, int, int, int]:
    type_rank = _PREFERRED.index(e.type) if e.type in _PREFERRED else 0
    return (not e.time_inferred, e.place_stated, -e.geo_precision if e.geo_precision else -9, -type_rank)


def _merge(keep: Event, other: Event) -> Event:
    actors = tuple(dict.fromkeys(keep.actors + other.actors))
    # "discussed over the phone" and "discussed with" of one day: the call is the more specific.
    type_ = "phone_call" if "phone_call" in (keep.type, other.type) else keep.type
    return dataclasses.replace(
        keep,
        type=type_,
        actors=actors,
        attribution=keep.attribution or other.attribution,
        confidence=min(0.95, max(keep.confidence, other.confidence) + 0.05),
    )


def merge_duplicates(events: list[Event], undated: frozenset[str] = frozenset()) -> list[Event]:
    """``events`` with each incident told more than once kept once (the better-located,
    better-dated telling, the earlier on ties), actors joined; order of first telling.

    An ``undated`` event (its id in the set: dated only by the document, such as a headline's
    "Armenia and Azerbaijan agree truce") joins a dated telling of the same type and place.
    """
    kept: list[Event] = []
    index = _Kept(undated)
    for e in events:
        i = next((i for i in index.candidates(e) if same_incident(kept[i], e, undated=undated)), None)
        if i is None:
            index.add(len(kept), e)
            kept.append(e)
            continue
        k = kept[i]
        best, other = (e, k) if _score(e) > _score(k) else (k, e)
        merged = _merge(best, other)
        index.replace(i, k, merged)
        kept[i] = merged
    return kept


class _Kept:
    """The events kept so far, by what :func:`same_incident` asks of a pair (one family of types,
    starts within a day, a place in common), so that an event is compared with the kept events it
    may join, in their order, and not with all of them.

    Each kept event is filed under keys of time (its family and day, or undated, or by type
    where it is dated only by the document) and of place (each place it states, or none stated,
    and a key that every event has); an event looks in the buckets that hold every kept event
    :func:`same_incident` may hold for.
    """

    def __init__(self, undated: frozenset[str]) -> None:
        self.undated = undated
        self.buckets: dict[Hashable, list[int]] = {}

    def _keys(self, k: Event) -> set[Hashable]:
        family = _family(k.type)
        times: list[Hashable] = [("type", k.type)]  # (what an event dated only by the document may join)
        if k.id in self.undated:
            times.append(("undated", k.type))
        times.append(("family", family, None if k.when is None else k.when.start.toordinal()))
        places: list[Hashable] = ["any"]
        places += [("at", pid) for pid in k.place_ids] if k.place_stated else ["unstated"]
        return {(t, p) for t in times for p in places}

    def _wanted(self, e: Event) -> list[Hashable]:
        family = _family(e.type)
        times: list[Hashable] = [("type", e.type) if e.id in self.undated else ("undated", e.type)]
        if e.when is None:
            times.append(("family", family, None))
        else:
            day = e.when.start.toordinal()
            times += [("family", family, d) for d in (day - 1, day, day + 1)]
        places: list[Hashable] = ["unstated", *(("at", pid) for pid in e.place_ids)] if e.place_stated else ["any"]
        return [(t, p) for t in times for p in places]

    def add(self, i: int, k: Event) -> None:
        for key in self._keys(k):
            bisect.insort(self.buckets.setdefault(key, []), i)

    def replace(self, i: int, old: Event, new: Event) -> None:
        before, after = self._keys(old), self._keys(new)
        for key in before - after:
            bucket = self.buckets[key]
            del bucket[bisect.bisect_left(bucket, i)]
        for key in after - before:
            bisect.insort(self.buckets.setdefault(key, []), i)

    def candidates(self, e: Event) -> Iterator[int]:
        """The positions of the kept events ``e`` may tell one incident with (and others), in order."""
        found = [b for b in (self.buckets.get(key) for key in self._wanted(e)) if b]
        last = -1
        for i in heapq.merge(*found):
            if i != last:
                last = i
                yield i


# -- one event per incident: clauses and sentences that tell one incident become one event ------

@dataclass(frozen=True, slots=True)
class Telling:
    """Where an event was told: its paragraph (index), sentence and clause (offsets), trigger start."""

    paragraph: int
    sentence: tuple[int, int]
    clause: tuple[int, int]
    trigger: int
    #: the types of the clause's other triggers (what else its words tell: "protesters" beside "arrested")
    also: frozenset[str] = frozenset()
    #: the clause opens a scene of its own: others, elsewhere ("Thousands marched in the capital",
    #: "Meanwhile, ...")
    new_scene: bool = False
    #: the clause's subject is a pronoun that refers back ("It killed 40 villagers")
    pronoun_subject: bool = False
    #: what the event quotes, where it is not the whole sentence: a window of one longer than
    #: :data:`LONG_SENTENCE` (:func:`karamap.events.extract.told_in`)
    window: tuple[int, int] | None = None

    @property
    def quoted(self) -> tuple[int, int]:
        """The stretch of text that tells the event: its sentence, or its window of the sentence."""
        return self.window or self.sentence


@dataclass
class Incident:
    """Events that tell one incident, the first the one whose time and place it keeps."""

    events: list[Event]
    tellings: list[Telling]

    @property
    def paragraph(self) -> int:
        return self.tellings[0].paragraph

    @property
    def quoted(self) -> list[tuple[int, int]]:
        """What the tellings quote (:attr:`Telling.quoted`), in text order: the sentences, but
        a window of a very long one."""
        return sorted(set(t.quoted for t in self.tellings))

    @property
    def span(self) -> tuple[int, int]:
        """Where the incident is told: from the first stretch its tellings quote to the last; but
        where windows of a very long sentence lie farther apart than :data:`LONG_SENTENCE`
        characters ("shelled X, [hundreds of towns], and Y" where X and Y are one town's
        districts), the window of the telling that leads it."""
        quoted = self.quoted
        start, end = quoted[0][0], quoted[-1][1]
        if end - start > LONG_SENTENCE and any(t.window is not None for t in self.tellings):
            return self.tellings[0].quoted
        return start, end


_COARSE = frozenset({"country", "continent", "admin1", "region", "group", "other"})


def _km(a: Place, b: Place) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _places_agree(a: Event, b: Event, places: Mapping[str, Place]) -> bool:
    """The two events may be at one place: one unstated, a shared place, one place a larger area
    of the other's country ("in a village, in Lori province"), or two points 25 km apart or less."""
    if not (a.place_stated and b.place_stated) or set(a.place_ids) & set(b.place_ids):
        return True
    pa = [places[i] for i in a.place_ids if i in places]
    pb = [places[i] for i in b.place_ids if i in places]
    if not pa or not pb:
        return False
    x, y = pa[0], pb[0]
    if (x.feature in _COARSE) != (y.feature in _COARSE):
        coarse, fine = (x, y) if x.feature in _COARSE else (y, x)
        return coarse.country == fine.country and (coarse.feature != "admin1" or not fine.admin1
                                                   or _km(coarse, fine) <= 400)
    return _km(x, y) <= 25.0


def _times_agree(a: Event, b: Event) -> bool:
    if a.time_inferred or b.time_inferred:
        return True
    if a.when is None or b.when is None:
        return a.when is None and b.when is None
    return a.when.overlaps(b.when)


def _joins(group: Incident, e: Event, t: Telling, places: Mapping[str, Place],
           hazards: frozenset[str] = frozenset(), triggers: set[int] | None = None) -> bool:
    """``e``, told at ``t``, goes on telling ``group`` (``triggers``: where its tellings' triggers
    start, where the caller keeps them)."""
    main, first = group.events[0], group.tellings[0]
    if t.paragraph != first.paragraph or not _times_agree(main, e):
        return False
    if (main.type in hazards) != (e.type in hazards) and not (main.type in hazards and _harm_of(e, t)):
        # a flood and a shelling told side by side are two incidents; the dead a disaster left
        # ("..., killing two pilots", "It killed 40 villagers") are its own
        return False
    if t.trigger in (triggers if triggers is not None else {u.trigger for u in group.tellings}):
        # One clause that names several places: one event per place, unless one place is the
        # other's larger area ("near Aygepar, Tavush").
        return all(_places_agree(m, e, places) and not _siblings(m, e, places) for m in group.events)
    if _places_agree(main, e, places):
        return True
    # A later sentence that goes on telling the incident without a date of its own ("The
    # protesters then marched to the governor's office") belongs to it wherever it went; one that
    # tells of others elsewhere ("Thousands marched in the capital") is an incident of its own.
    return (t.sentence != first.sentence and e.time_inferred and _family(e.type) == _family(main.type)
            and not t.new_scene)


# What a disaster does, told as violence without an attacker of its own.
_HARM = frozenset({"attack_on_civilians", "looting"})


def _harm_of(e: Event, t: Telling) -> bool:
    """The event tells the harm an incident told before did: the dead reported, or a killing or
    destruction whose subject is a pronoun that refers back to it."""
    return e.type == "casualties" or (e.type in _HARM and t.pronoun_subject)


def _siblings(a: Event, b: Event, places: Mapping[str, Place]) -> bool:
    """Two distinct places of one kind ("shelled Tartar and Aghdam")."""
    if set(a.place_ids) & set(b.place_ids):
        return False
    pa = [places[i] for i in a.place_ids if i in places]
    pb = [places[i] for i in b.place_ids if i in places]
    return bool(pa and pb) and (pa[0].feature in _COARSE) == (pb[0].feature in _COARSE) and _km(pa[0], pb[0]) > 25.0


def _rank(e: Event) -> tuple[int, int, int]:
    return (not e.time_inferred, e.place_stated, -(e.geo_precision or 9))


# A grid over the unit sphere whose cells are as wide as the chord of 25 km (as
# karamap.nearby.Within files places): the places within 25 km of one lie in its cell or the 26
# around it.
_CELL = 2.0 * math.sin(25.0 / 12742.0) * 1.001


def _cell(p: Place) -> tuple[int, int, int]:
    lat, lon = math.radians(p.lat), math.radians(p.lon)
    x, y, z = math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)
    return math.floor(x / _CELL), math.floor(y / _CELL), math.floor(z / _CELL)


class _ByTime:
    """The incidents of one paragraph, filed by the days of the event that leads each and by its
    place, so that an event is tried only against the incidents it may join, latest first, as a
    pass over them all would try them.

    By time: an event dated by its own words is tried against the incidents whose times may agree
    with its own (:func:`_times_agree`: a leader dated by its context, or days in common). A
    leader dated by its context, undated, or over more than :attr:`DAYS` days is filed with those
    always tried, and so is an event over more than that many days tried against all.

    By place: an event that states where it happened is tried against the incidents whose places
    may agree with its own (:func:`_places_agree`: a leader with no place stated, a place in
    common, a larger area of the same country, or a place within 25 km, by grid cell), and,
    where it is dated by its context and opens no scene of its own, against every incident told
    in an earlier sentence (it may go on telling one of them wherever it went). A list of towns
    that one clause records an event at each of is thus not weighed pair by pair.
    """

    DAYS = 62

    def __init__(self, places: Mapping[str, Place]) -> None:
        self.places = places
        self.groups: list[Incident] = []  # in the order told
        self.position: dict[int, int] = {}  # id of a group -> its place in that order
        self.loose: set[int] = set()
        self.by_day: dict[int, set[int]] = {}
        self.filed: list[range | None] = []
        self.by_place: dict[Hashable, set[int]] = {}
        self.placed: list[list[Hashable]] = []  # the place keys each group is filed under
        self.sentence: tuple[int, int] | None = None  # the sentence of the last event tried
        self.since = 0  # the first group told in that sentence

    @classmethod
    def _days(cls, e: Event) -> range | None:
        if e.time_inferred or e.when is None:
            return None
        first, last = e.when.start.toordinal(), e.when.end.toordinal()
        return range(first, last + 1) if 0 <= last - first < cls.DAYS else None

    def _first_place(self, e: Event) -> Place | None:
        return next((self.places[i] for i in e.place_ids if i in self.places), None)

    def _place_keys(self, lead: Event) -> list[Hashable]:
        """The keys an incident that ``lead`` leads is filed under."""
        if not lead.place_stated:
            return ["unstated"]
        keys: list[Hashable] = [("id", pid) for pid in lead.place_ids]
        x = self._first_place(lead)
        if x is not None:
            keys += [("country", x.feature in _COARSE, x.country), ("cell", x.feature in _COARSE, _cell(x))]
        return keys

    def _place_wanted(self, e: Event) -> list[Hashable] | None:
        """The keys of the incidents whose places may agree with ``e``'s (None: any place may)."""
        if not e.place_stated:
            return None
        keys: list[Hashable] = ["unstated", *(("id", pid) for pid in e.place_ids)]
        y = self._first_place(e)
        if y is not None:
            coarse = y.feature in _COARSE
            cx, cy, cz = _cell(y)
            keys.append(("country", not coarse, y.country))
            keys += [("cell", coarse, (cx + dx, cy + dy, cz + dz))
                     for dx in (-1, 0, 1) for dy in (-1, 0, 1) for dz in (-1, 0, 1)]
        return keys

    def add(self, group: Incident) -> None:
        self.position[id(group)] = len(self.groups)
        self.groups.append(group)
        self.filed.append(None)
        self.placed.append([])
        self._file(len(self.groups) - 1)

    def refile(self, group: Incident) -> None:
        """``group`` is led by another event from now on."""
        n = self.position[id(group)]
        days = self.filed[n]
        if days is None:
            self.loose.discard(n)
        else:
            for d in days:
                self.by_day[d].discard(n)
        for key in self.placed[n]:
            self.by_place[key].discard(n)
        self._file(n)

    def _file(self, n: int) -> None:
        lead = self.groups[n].events[0]
        days = self._days(lead)
        self.filed[n] = days
        if days is None:
            self.loose.add(n)
        else:
            for d in days:
                self.by_day.setdefault(d, set()).add(n)
        self.placed[n] = self._place_keys(lead)
        for key in self.placed[n]:
            self.by_place.setdefault(key, set()).add(n)

    def candidates(self, e: Event, t: Telling) -> Iterator[Incident]:
        """The incidents ``e``, told at ``t``, may join, latest first (and maybe others)."""
        if t.sentence != self.sentence:
            self.sentence, self.since = t.sentence, len(self.groups)
        days = self._days(e)
        wanted = self._place_wanted(e)
        if wanted is None:
            if days is None:
                yield from reversed(self.groups)
                return
            found = set(self.loose)
            for d in days:
                found.update(self.by_day.get(d, ()))
            for n in sorted(found, reverse=True):
                yield self.groups[n]
            return
        near = set().union(*(self.by_place.get(key, ()) for key in wanted))
        if days is not None:
            near = {n for n in near if (f := self.filed[n]) is None or (f.start < days.stop and days.start < f.stop)}
        placed = sorted(near, reverse=True)
        if not (e.time_inferred and not t.new_scene):
            for n in placed:
                yield self.groups[n]
            return
        # (the incidents of this sentence were first told in it: none of them can be gone on with)
        last = -1
        for n in heapq.merge(placed, range(self.since - 1, -1, -1), reverse=True):
            if n != last:
                last = n
                yield self.groups[n]


def group_incidents(
    events: list[Event], tellings: Mapping[str, Telling], places: Mapping[str, Place],
    *, incident_types: frozenset[str], statement_types: frozenset[str], hazard_types: frozenset[str] = frozenset(),
) -> list[Incident]:
    """The incidents ``events`` tell, in the order first told.

    Within a paragraph, events of ``incident_types`` join an incident told before when their
    times agree (one of them dated only by its context, or the dates overlap) and their places
    agree (one unstated, one the larger area of the other, or 25 km apart at most), or when a
    later sentence goes on telling it without a date of its own (unless it opens a scene of its
    own, :attr:`Telling.new_scene`); a
    disaster or an accident (``hazard_types``) never joins an incident of another kind. Statements
    (``statement_types``) made in a
    paragraph that tells an incident are that incident's sources, not events of their own; other
    events (meetings, agreements) stay as they are.
    """
    groups: list[Incident] = []
    # the incidents of each paragraph (a group's first telling is of its paragraph), by time
    in_paragraph: dict[int, _ByTime] = {}
    triggers: dict[int, set[int]] = {}  # id of a group -> where its tellings' triggers start
    said: list[tuple[Event, Telling]] = []
    for e in events:
        t = tellings[e.id]
        if e.type in statement_types:
            said.append((e, t))
            continue
        if e.type in incident_types:
            told = in_paragraph.setdefault(t.paragraph, _ByTime(places))
            g = next((g for g in told.candidates(e, t)
                      if _joins(g, e, t, places, hazard_types, triggers[id(g)])), None)
            if g is None:
                groups.append(Incident([e], [t]))
                told.add(groups[-1])
                triggers[id(groups[-1])] = {t.trigger}
                continue
            g.events.append(e)
            g.tellings.append(t)
            triggers[id(g)].add(t.trigger)
            # The better-dated, better-located telling leads (the earlier on ties).
            if _rank(e) > _rank(g.events[0]) and _places_agree(g.events[0], e, places):
                g.events.insert(0, g.events.pop())
                g.tellings.insert(0, g.tellings.pop())
                told.refile(g)
            continue
        # (an event of another type is never joined: no incident of the paragraph's)
        groups.append(Incident([e], [t]))
    incidents = {g.paragraph for g in groups if g.events[0].type in incident_types}
    for e, t in said:
        if t.paragraph not in incidents:
            groups.append(Incident([e], [t]))
    groups.sort(key=lambda g: min(u.sentence[0] for u in g.tellings))
    return groups


def fold_incident(group: Incident, text: str) -> Event:
    """One event for the incident: the time of its best-dated telling, the place of its
    best-located one, every actor, the quote from its first sentence to its last (or its
    :attr:`Incident.span` in a very long one), the largest death toll told."""
    main = group.events[0]
    if len(group.events) == 1:
        return main
    dated = max(group.events, key=lambda e: (not e.time_inferred, e.when is not None))
    located = max(group.events, key=lambda e: (e.place_stated, -(e.geo_precision or 9)))
    start, end = group.span
    actors = tuple(dict.fromkeys(a for e in group.events for a in e.actors))
    tolls = [e.fatalities for e in group.events if e.fatalities is not None]
    return dataclasses.replace(
        main,
        when=dated.when,
        time_precision=dated.time_precision,
        time_inferred=dated.time_inferred,
        place_ids=located.place_ids,
        lat=located.lat,
        lon=located.lon,
        geo_precision=located.geo_precision,
        place_stated=located.place_stated,
        quote=text[start:end],
        quote_start=start,
        quote_end=end,
        actors=actors,
        attribution=next((e.attribution for e in group.events if e.attribution), None),
        confidence=min(0.95, max(e.confidence for e in group.events) + 0.05),
        fatalities=max(tolls) if tolls else None,
    )
