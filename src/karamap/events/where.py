"""Where an event happened: the most specific place of its clause, else the document's focus."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from karamap.events.actors import qualifies_noun
from karamap.model import Place, Resolution
from karamap.nearby import Within

__all__ = [
    "Where", "document_focus", "dateline_span", "event_place", "event_places", "SPECIFICITY", "acled_geo_precision",
    "elsewhere_spans",
]

#: lower is more specific
SPECIFICITY: dict[str, int] = {
    "facility": 0, "city": 1, "admin2": 2, "group": 3, "admin1": 4, "region": 4, "other": 5,
    "country": 6, "continent": 7,
}
_WIDE = frozenset({"country", "continent"})
# A country names the location of an event only after a locative preposition ("fighting in
# Armenia"); elsewhere it names a party ("Armenia and Azerbaijan agreed", "a defeat for Armenia").
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|inside|across|into|throughout|within|on|over)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?$",
    re.IGNORECASE,
)
# "a joint center", "an airport": a description, not the name of where the event happened.
_INDEFINITE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)
_DATELINE_AFTER = re.compile(r"\s*(?:[-–—]|\(|,\s*[A-Z][a-z]+\.?\s+\d)")  # matched at a mention's end
# "STEPANAKERT, Nagorno-Karabakh (Reuters) -", "ANKARA- Anadolu Agency": where the reporter filed from.
_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'’ -]{1,40}[A-Z.](?:\s*,\s*[A-Z][\w.'’ -]{1,40}?)?\s*(?:\([^)\n]{1,40}\)\s*)?[-–—]+",
    re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class Where:
    """The location of an event (ACLED geo precision: 1 the place itself, 2 a district or
    near a place, 3 a larger region; 0 no location)."""

    place_ids: tuple[str, ...]
    lat: float | None
    lon: float | None
    precision: int
    stated: bool
    #: ISO 3166-1 alpha-2 code of the country the place lies in (None: unknown)
    country: str | None = None
    #: where the clause names the place (the mention's offsets); None where it is inferred
    named: tuple[int, int] | None = None


def acled_geo_precision(place: Place, *, group: bool = False) -> int:
    """ACLED's geo precision for an event located at ``place``.

    >>> from karamap.model import Place
    >>> acled_geo_precision(Place("geonames:323786", "Ankara", "city", "TR", 39.9, 32.9))
    1
    """
    kind = "group" if group else place.feature
    if kind in ("facility", "city"):
        return 1
    if kind in ("admin2", "group"):
        return 2
    return 3


def _is_group(r: Resolution) -> bool:
    return bool(r.members) or bool(r.place is not None and r.place.members and r.place.feature == "group")


def _point(r: Resolution) -> tuple[float, float]:
    if r.members:
        return (sum(p.lat for p in r.members) / len(r.members), sum(p.lon for p in r.members) / len(r.members))
    assert r.place is not None
    return r.place.lat, r.place.lon


def _ids(r: Resolution) -> tuple[str, ...]:
    assert r.place is not None
    return (r.place.id,) + tuple(p.id for p in r.members)


def _named(r: Resolution) -> tuple[int, int]:
    return r.mention.start, r.mention.end


def _country(r: Resolution) -> str | None:
    if r.place is not None and r.place.country:
        return r.place.country
    return next((p.country for p in r.members if p.country), None)


def _rank(r: Resolution) -> int:
    assert r.place is not None
    return SPECIFICITY["group"] if _is_group(r) else SPECIFICITY.get(r.place.feature, 5)


def dateline_span(text: str) -> tuple[int, int] | None:
    """The dateline of an article ("ANKARA- ", "STEPANAKERT, Nagorno-Karabakh (Reuters) -"), if
    one of its first lines opens with one.

    >>> t = "Title\\n\\nANKARA- Anadolu Agency\\n\\nText."
    >>> s, e = dateline_span(t)
    >>> t[s:e]
    'ANKARA-'
    """
    m = _DATELINE.search(text, 0, min(len(text), 400))
    return (m.start(), m.end()) if m else None


def _in_dateline(text: str, r: Resolution, dateline: tuple[int, int] | None = None) -> bool:
    if dateline is not None and dateline[0] <= r.mention.start < dateline[1]:
        return True
    # nothing but white space between the line's start and the mention (walked back, not searched
    # for: a text of one long line would be searched from each mention to its start)
    i = r.mention.start
    while i > 0 and text[i - 1] != "\n" and text[i - 1].isspace():
        i -= 1
    return (i == 0 or text[i - 1] == "\n") and bool(_DATELINE_AFTER.match(text, r.mention.end))


def document_focus(text: str, resolutions: list[Resolution]) -> Resolution | None:
    """The place the article is mostly about: the most mentioned place below country level
    (a dateline counts half), most specific and earliest on ties; countries only where
    nothing finer is named; never a facility.

    >>> from karamap.model import Mention, Place, Resolution
    >>> nk = Place("karamap:nagorno-karabakh", "Nagorno-Karabakh", "region", "AZ", 39.82, 46.75)
    >>> am = Place("geonames:174982", "Armenia", "country", "AM", 40.25, 45.0)
    >>> rs = [Resolution(Mention(0, 8, "Karabakh"), nk, 1.0), Resolution(Mention(20, 27, "Armenia"), am, 1.0),
    ...       Resolution(Mention(30, 38, "Karabakh"), nk, 1.0)]
    >>> document_focus("Karabakh ...        Armenia   Karabakh", rs).place.name
    'Nagorno-Karabakh'
    """
    # A facility is a point a story tells about, not the area it is about.
    # a country that only qualifies a noun ("the US dollar") is no place the article is about
    located = [r for r in resolutions
               if r.place is not None and r.mention.kind != "demonym" and r.place.feature != "facility"
               and not (r.place.feature in _WIDE and qualifies_noun(text, r.mention.end))]
    if not located:
        return None
    fine = [r for r in located if r.place.feature not in _WIDE]  # type: ignore[union-attr]
    pool = fine or located
    dateline = dateline_span(text)
    weight: Counter[str] = Counter()
    first: dict[str, Resolution] = {}
    for r in pool:
        pid = r.place.id  # type: ignore[union-attr]
        weight[pid] += 0.5 if _in_dateline(text, r, dateline) else 1.0
        first.setdefault(pid, r)
    best = max(first, key=lambda pid: (weight[pid], -_rank(first[pid]), -first[pid].mention.start))
    return first[best]


# A place the clause puts the event in ("in Vardenis", "near the village of X"), rather than one that
# names something else ("the Yerevan-Vardenis highway", "the Bostan Association").
_LOCATIVE_LEAD = re.compile(
    r"\b(?:in|at|near|outside|inside|around|into|from|of|on|towards?|between|and)\s+(?:the\s+)?"
    r"(?:(?:village|town|city|district|area|outskirts|vicinity|locality|suburbs?|neighbou?rhood|province|"
    r"region|commune|county|municipality|township)\s+of\s+)?$", re.IGNORECASE)
# How far a place may lie from a division named right after it ("X, Y province", "X (Y district,
# Z)") for the two readings to agree.
_NEAR = re.compile(
    r"\b(?:near|nearby|outside|around|close to|in the vicinity of|on the outskirts of|outskirts of|"
    r"(?:\d+\s*(?:km|kilomet(?:er|re)s|miles)\s+)?(?:north|south|east|west|north-?east|north-?west|south-?east|"
    r"south-?west)(?:ern)?\s+of|\d+\s*(?:km|kilomet(?:er|re)s|miles)\s+(?:from|of)|between)\s+(?:the\s+)?"
    r"(?:(?:village|town|city|area|locality)\s+of\s+)?$", re.IGNORECASE)
_CONTAINER_KM = {"admin1": 500.0, "region": 500.0, "admin2": 150.0}
# What stands between a place and the division it lies in: a comma, a parenthesis, "in", a word
# of place ("X town (Y, Z)", "X village in the Y district").
_CONTAINER_GAP = re.compile(r"[^.;:)\]]{0,60}")


def _locative(text: str, r: Resolution, lo: int) -> bool:
    if _COMPOUND.match(text, r.mention.end) or _COMPOUND_BEFORE.search(text, max(lo, r.mention.start - 30),
                                                                        r.mention.start):
        return False  # "the Garissa-Mandera road": a name that qualifies a noun
    return bool(_LOCATIVE_LEAD.search(text, max(lo, r.mention.start - 45), r.mention.start))


# "the Garissa-Mandera road" (joined without spaces; "Mogadishu - Daynile" names a city's district)
_COMPOUND = re.compile(r"[-–][A-Z]")
_COMPOUND_BEFORE = re.compile(r"[A-Z][\w'’]*[-–]$")


def _km(a: Place, b: Place) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _container(text: str, r: Resolution, after: Iterable[Resolution]) -> Place | None:
    """The division named right after ``r`` as the one it lies in, if any (``after``: the
    candidates that start after ``r``, in text order)."""
    for c in after:
        if c.place is None:
            continue
        gap = text[r.mention.end:c.mention.start]
        if not _CONTAINER_GAP.fullmatch(gap) or not re.search(r"[,(]|\bin\b", gap):
            return None
        if c.place.feature in _CONTAINER_KM:
            return c.place
    return None


def _consistent(text: str, fine: list[Resolution], cands: list[Resolution]) -> list[Resolution]:
    """``fine`` without the readings that disagree with the division named right after them as
    the one they lie in: a town 900 km from the province named with it ("X, Y province", "X (Y
    district, Z)") or in another country is a misreading of a village the gazetteer does not
    know, and the division is the better location. A town in another country, far from every
    division the clause names ("in X and Y districts, Z province"), is such a misreading too.
    Where every reading disagrees, all stay."""
    divisions = [c.place for c in cands if c.place is not None and c.place.feature in _CONTAINER_KM]
    # (what each reading asks of the others looked up, not a pass over all of them for each)
    ordered = sorted(cands, key=lambda c: c.mention.start)
    starts = [c.mention.start for c in ordered]
    countries = {d.country for d in divisions}
    near = {km: Within([d for d in divisions if _CONTAINER_KM[d.feature] == km], km, _km)
            for km in set(_CONTAINER_KM.values())}
    kept = []
    for r in fine:
        first = bisect.bisect_right(starts, r.mention.start)
        container = _container(text, r, (ordered[i] for i in range(first, len(ordered))))
        if container is not None and container.id != r.place.id and not (  # type: ignore[union-attr]
                (not (r.place.country and container.country) or r.place.country == container.country)  # type: ignore[union-attr]
                and _km(r.place, container) <= _CONTAINER_KM[container.feature]):  # type: ignore[arg-type]
            continue
        place = r.place
        assert place is not None
        # every division is in another country and farther than its reach
        if (place.feature in ("city", "facility") and place.country and divisions
                and not ("" in countries or None in countries or place.country in countries
                         or any(w.any_near(place) for w in near.values()))):
            continue
        kept.append(r)
    return kept or fine


# "X, Y", "X (Y, Z)", "X in Y": the name after such a gap may be where the one before it lies
_CONTAINED_GAP = re.compile(r"\s*(?:,|\(|\bin\b)\s*(?:the\s+)?")
_DIVISION_WORD = re.compile(r"\s*(?:\)|(?:province|district|region|oblast|governorate|state|county|prefecture|"
                            r"department|raion|rayon)\b)", re.IGNORECASE)


def _containers(text: str, fine: list[Resolution]) -> set[int]:
    """The mention starts of the readings in ``fine`` that are named as the place another one
    of ``fine`` lies in: "X (Y district, Z)" makes Y and Z containers of X, less specific than
    X whatever their kind (a province named like its capital still reads as a town). After a
    bare comma only a division, a name that closes the parenthesis or one a division word
    follows is a container: "Tartar, Barda and Aghdam" is a list of towns. A town named after a
    province says where in the province ("the X region (Y, Z)"), not the other way round."""
    ordered = sorted(fine, key=lambda r: r.mention.start)
    out = set()
    for a, b in zip(ordered, ordered[1:]):
        gap = _CONTAINED_GAP.fullmatch(text, a.mention.end, b.mention.start)
        if gap is None or (a.place.feature in ("admin1", "region")  # type: ignore[union-attr]
                           and b.place.feature in ("city", "facility", "admin2")):  # type: ignore[union-attr]
            continue  # "in the X region (Y, Z)": the town in the parenthesis is where in X
        if ("," not in gap.group() or b.place.feature in _CONTAINER_KM  # type: ignore[union-attr]
                or _DIVISION_WORD.match(text, b.mention.end)):
            out.add(b.mention.start)
    return out


def _seat(r: Resolution) -> Place | None:
    """The town a first-level division is named after, its seat ("Kherson" for Kherson oblast):
    ACLED codes an event told at province level at the provincial capital. Only a town the same
    mention could name, in the division itself and holding a fair share of its people."""
    division = r.place
    if division is None or division.feature != "admin1" or r.members:
        return None
    towns = [c for c in r.candidates
             if c.feature == "city" and c.country == division.country and c.admin1 == division.admin1
             and c.population >= min(50000, 0.15 * division.population)]
    return max(towns, key=lambda c: c.population) if towns else None


# ACLED's notes mark a place that belongs to another event with "(coded separately)": "after the
# clashes in X (coded separately)", "and Y (in Z province) [coded separately]".
_SEPARATELY = re.compile(r"[(\[]\s*(?:coded|recorded|reported)\s+(?:separately|as\s+a\s+separate\s+event)\s*[)\]]",
                         re.IGNORECASE)
# where the name phrase before such a mark begins: after a preposition or a comma
_PHRASE_START = re.compile(r"(?:\b(?:in|at|near|of|to|from|on|into)\s|[,;.:])(?!.*(?:\b(?:in|at|near|of|to|from|on|into)\s|[,;.:]))",
                           re.DOTALL)


def elsewhere_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that name the place of another event: the name phrase before a
    "(coded separately)" mark, with the parenthesis that locates it.

    >>> t = "Youths burned tyres in Kisumu after a killing in Siaya (coded separately)."
    >>> [t[a:b] for a, b in elsewhere_spans(t)]
    ['Siaya (coded separately)']
    """
    spans = []
    for m in _SEPARATELY.finditer(text):
        end = m.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if end > 0 and text[end - 1] == ")":  # "Y (in Z province) [coded separately]"
            opened = text.rfind("(", max(0, end - 80), end - 1)
            end = opened if opened >= 0 else end
        lo = max(0, end - 60)
        lead = _PHRASE_START.search(text, lo, end)
        start = lead.end() if lead else lo
        while start < end and text[start].isspace():
            start += 1
        spans.append((start, m.end()))
    return spans


def _party(text: str, r: Resolution, lo: int) -> bool:
    """The country mention names a party of the event rather than where it happened."""
    return not _LOCATIVE_BEFORE.search(text[max(lo, r.mention.start - 30):r.mention.start])


def event_place(
    text: str,
    clause: tuple[int, int],
    resolutions: list[Resolution],
    focus: Resolution | None,
    *,
    exclude: Sequence[tuple[int, int]] = (),
    sentence: tuple[int, int] | None = None,
) -> Where:
    """The location of an event told in ``text[clause[0]:clause[1]]``.

    The most specific place named in the clause (facility, town, district, group of districts,
    region); a country only where the clause names nothing finer, names it as a location ("in
    Armenia", not "Armenia agreed" nor "a defeat for Armenia") and it is not the country the
    document's focus lies in; else the
    document's focus, marked as inferred. A group takes its members' ids and their centroid.
    Mentions inside the ``exclude`` spans (the dateline, the source of a claim) are left out.
    A clause that names no place of its own takes the place ``sentence`` names, if any (the clause
    before it in "they blocked the road in X and protested ..."), before the document's focus.

    >>> from karamap.model import Mention, Place, Resolution
    >>> am = Place("geonames:174982", "Armenia", "country", "AM", 40.25, 45.0)
    >>> t = "Clashes erupted in Armenia."
    >>> w = event_place(t, (0, len(t)), [Resolution(Mention(19, 26, "Armenia"), am, 1.0)], None)
    >>> (w.place_ids, w.precision, w.stated)
    (('geonames:174982',), 3, True)
    >>> t = "A defeat for Armenia."
    >>> event_place(t, (0, len(t)), [Resolution(Mention(13, 20, "Armenia"), am, 1.0)], None).stated
    False
    """
    cs, ce = clause
    cands = [
        r for r in resolutions
        if r.place is not None and r.mention.kind != "demonym" and cs <= r.mention.start < ce
        and not any(a <= r.mention.start < b for a, b in exclude)
        and not _INDEFINITE.search(text, max(0, r.mention.start - 4), r.mention.start)
    ]
    fine = _consistent(text, [r for r in cands if r.place.feature not in _WIDE], cands)  # type: ignore[union-attr]
    if fine:
        contained_in = _containers(text, fine)
        primary = min(fine, key=lambda r: (r.mention.start in contained_in, _rank(r), not _locative(text, r, cs),
                                           r.mention.start))
        ids: dict[str, None] = {}  # (in order, each once)
        for r in [primary] + sorted(fine, key=lambda r: (_rank(r), r.mention.start)):
            for pid in _ids(r):
                ids.setdefault(pid)
        seat = _seat(primary)
        lat, lon = (seat.lat, seat.lon) if seat is not None else _point(primary)
        precision = acled_geo_precision(primary.place, group=_is_group(primary))  # type: ignore[arg-type]
        if precision == 1 and _NEAR.search(text, max(cs, primary.mention.start - 40), primary.mention.start):
            precision = 2  # "near X", "on the outskirts of X": ACLED codes the town, at precision 2
        return Where(tuple(ids), lat, lon, precision, True, _country(primary), _named(primary))
    countries = [r for r in cands if not _party(text, r, cs)]
    focus_fine = focus is not None and focus.place is not None and focus.place.feature not in _WIDE
    if countries and not (
        focus_fine and any(r.place.country and r.place.country == focus.place.country for r in countries)  # type: ignore[union-attr]
    ):
        primary = countries[0]
        lat, lon = _point(primary)
        return Where(_ids(primary), lat, lon, 3, True, _country(primary), _named(primary))
    if sentence is not None and sentence != clause and sentence[1] > sentence[0]:
        around = event_place(text, sentence, resolutions, focus, exclude=exclude)
        if around.stated and around.precision < 3:
            return around
    if focus is not None and focus.place is not None:
        seat = _seat(focus)
        lat, lon = (seat.lat, seat.lon) if seat is not None else _point(focus)
        return Where(_ids(focus), lat, lon, max(2, acled_geo_precision(focus.place, group=_is_group(focus))), False,
                     _country(focus))
    return Where((), None, None, 0, False)


def event_places(
    text: str,
    clause: tuple[int, int],
    resolutions: list[Resolution],
    focus: Resolution | None,
    *,
    exclude: Sequence[tuple[int, int]] = (),
    sentence: tuple[int, int] | None = None,
) -> list[Where]:
    """One location per town (or facility, or district) the clause names, as ACLED records one
    event per location: "shelled Tartar and Aghdam" is two events. A clause with one place, or
    with areas only, gives :func:`event_place`'s one location.

    >>> from karamap.model import Mention, Place, Resolution
    >>> tartar = Place("geonames:585170", "Tartar", "city", "AZ", 40.34, 46.93)
    >>> barda = Place("geonames:586725", "Barda", "city", "AZ", 40.37, 47.13)
    >>> t = "Rockets hit Tartar and Barda."
    >>> rs = [Resolution(Mention(12, 18, "Tartar"), tartar, 1.0), Resolution(Mention(23, 28, "Barda"), barda, 1.0)]
    >>> [w.place_ids for w in event_places(t, (0, len(t)), rs, None)]
    [('geonames:585170',), ('geonames:586725',)]
    """
    where = event_place(text, clause, resolutions, focus, exclude=exclude)
    if not where.stated:
        return [event_place(text, clause, resolutions, focus, exclude=exclude, sentence=sentence)]
    cs, ce = clause
    points: dict[str, Resolution] = {}
    for r in resolutions:
        if (r.place is None or r.mention.kind == "demonym" or not cs <= r.mention.start < ce
                or _is_group(r) or r.place.feature not in ("facility", "city", "admin2")):
            continue
        if any(a <= r.mention.start < b for a, b in exclude):
            continue
        if _INDEFINITE.search(text, max(0, r.mention.start - 4), r.mention.start):
            continue
        if _COMPOUND.match(text, r.mention.end) or _COMPOUND_BEFORE.search(text, max(cs, r.mention.start - 30),
                                                                          r.mention.start):
            continue  # "the Garissa-Mandera road" is not an event at Garissa
        points.setdefault(r.place.id, r)
    cands = [r for r in resolutions if r.place is not None and r.mention.kind != "demonym"
             and cs <= r.mention.start < ce]
    kept = _consistent(text, list(points.values()), cands)
    # "X (Y district, Z)": Y and Z say where X lies, they are no locations of their own
    contained_in = _containers(text, [r for r in cands if r.place.feature not in _WIDE])  # type: ignore[union-attr]
    points = {r.place.id: r for r in kept if r.mention.start not in contained_in}  # type: ignore[union-attr]
    if len(points) < 2:
        return [where]
    return [
        Where(_ids(r), r.place.lat, r.place.lon, acled_geo_precision(r.place), True, _country(r), _named(r))  # type: ignore[union-attr]
        for r in points.values()
    ]
