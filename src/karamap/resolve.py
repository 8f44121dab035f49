"""Resolution: choose the place each mention names, from the document's own context."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from karamap.gazetteer.base import Gazetteer
from karamap.model import Article, Mention, Place, Resolution

__all__ = ["resolve", "distance_km"]

#: a group or facility of karamap's geodata counts only near another place the text names
ANCHOR_KM = 400.0
#: candidates considered per mention
MAX_CANDIDATES = 40

_FEATURE_PRIOR = {
    "country": 3.2, "continent": 3.0, "region": 2.8, "group": 2.8, "facility": 2.8,
    "admin1": 2.6, "admin2": 0.9, "city": 0.0, "other": 0.0,
}


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places (haversine, mean Earth radius).

    >>> from karamap.model import Place
    >>> round(distance_km(Place("a", "A", "city", None, 0, 0), Place("b", "B", "city", None, 0, 1)))
    111
    """
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _prior(p: Place) -> float:
    base = _FEATURE_PRIOR.get(p.feature, 0.0)
    if p.feature == "city":
        return 0.55 * math.log10(1 + p.population)
    if p.feature == "admin2":
        return base + 0.2 * math.log10(1 + p.population)
    return base


@dataclass(slots=True)
class _Slot:
    mention: Mention
    candidates: tuple[Place, ...]
    fixed: Place | None = None  # demonyms: the country itself


def _candidates(m: Mention, gazetteer: Gazetteer) -> tuple[Place, ...]:
    if m.kind == "demonym":
        fn = getattr(gazetteer, "demonym", None) or getattr(getattr(gazetteer, "offline", None), "demonym", None)
        place = fn(m.key) if fn else None
        return (place,) if place is not None else ()
    places = gazetteer.lookup_key(m.key)
    if not places:
        places = tuple(gazetteer.search(m.surface, limit=MAX_CANDIDATES))
    return places[:MAX_CANDIDATES]


def _city_dominates(city: Place, division: Place) -> bool:
    """A city that holds most of its namesake division's people is what the name means ("Ankara")."""
    return city.population >= 0.4 * max(1, division.population) and city.population >= 100000


def resolve(article: Article, mentions: list[Mention], gazetteer: Gazetteer) -> list[Resolution]:
    """Resolve every mention to a place, using the document as context.

    Candidates are ranked by feature kind and population, then by the document's
    context: the countries and first-level divisions it names (with their demonyms),
    "City, State" patterns, and the distance to the places named with them ("Georgia"
    with "Atlanta" is the US state, with "Tbilisi" the country). A group resolves to
    its members; a group or facility of karamap's geodata is kept only where the text
    names a place near it. Mentions without any candidate are dropped.

    >>> import datetime as dt
    >>> from karamap.gazetteer.open import open_gazetteer
    >>> from karamap.recognise import recognise
    >>> gaz = open_gazetteer()
    >>> art = Article("a", "Police in Atlanta, Georgia, said the suspect fled to Savannah.")
    >>> [(r.mention.surface, r.place.country) for r in resolve(art, recognise(art, gaz), gaz)]
    [('Atlanta', 'US'), ('Georgia', 'US'), ('Savannah', 'US')]
    """
    slots = []
    for m in mentions:
        cands = _candidates(m, gazetteer)
        if cands:
            slots.append(_Slot(m, cands, cands[0] if m.kind == "demonym" else None))
    if not slots:
        return []
    text = article.text

    # -- context: countries and divisions the document names, weighted by how sure each is
    country_votes: Counter[str] = Counter()
    admin1_names: set[tuple[str | None, str]] = set()
    for s in slots:
        top = s.candidates[0]
        if s.fixed is not None or top.feature in ("country", "admin1"):
            if top.country:
                country_votes[top.country] += 1.0 if top.feature == "country" else 1.5
        else:
            pass
        for c in s.candidates:
            if c.feature == "admin1":
                admin1_names.add((c.country, c.name))
    # provisional picks by prior, for distances
    first_pass: list[Place] = []
    for s in slots:
        first_pass.append(s.fixed or max(s.candidates, key=_prior))
    for p in first_pass:
        if p.country and p.feature in ("city", "admin2"):
            country_votes[p.country] += 0.5
    total_votes = sum(country_votes.values()) or 1.0

    # "City, State" pairs: the mention right after ", " constrains the one before it
    state_of: dict[int, list[Place]] = {}
    for k in range(len(slots) - 1):
        a, b = slots[k].mention, slots[k + 1].mention
        if text[a.end : b.start] in (", ", ","):
            state_of[k] = [c for c in slots[k + 1].candidates if c.feature in ("admin1", "country")]

    resolutions: list[Resolution] = []
    chosen: list[Place] = []
    for k, s in enumerate(slots):
        if s.fixed is not None:
            chosen.append(s.fixed)
            continue
        others = [p for n, p in enumerate(first_pass) if n != k and slots[n].mention.key != s.mention.key]
        best, best_score, runner = None, -1e9, -1e9
        for c in s.candidates:
            score = _prior(c)
            if c.country:
                score += 2.5 * country_votes.get(c.country, 0.0) / total_votes
            if c.feature == "city" and c.admin1 and (c.country, c.admin1) in admin1_names:
                # its state is named in the text ("Columbus ... Ohio")
                mentioned = any(o.feature == "admin1" and o.name == c.admin1 and o.country == c.country
                                for sl in slots for o in sl.candidates[:3])
                if mentioned:
                    score += 1.5
            if c.feature == "admin1":
                # the text's towns lie in it ("Georgia" with "Atlanta")
                inside = sum(1 for sl in slots for o in sl.candidates[:5]
                             if o.feature == "city" and o.admin1 == c.name and o.country == c.country
                             and sl.mention.key != s.mention.key)
                score += min(2.0, 0.7 * inside)
            if k in state_of and state_of[k]:
                if any(st.country == c.country and (st.feature == "country" or st.name == c.admin1)
                       for st in state_of[k]):
                    score += 6.0
            if others:
                near = min(distance_km(c, o) for o in others)
                score += 1.2 * math.exp(-near / 300.0)
            if score > best_score:
                best, best_score, runner = c, score, best_score
            elif score > runner:
                runner = score
        assert best is not None
        # a division that is mostly one big city: the city ("Ankara", "Istanbul")
        if best.feature == "admin1":
            for c in s.candidates:
                if c.feature == "city" and c.country == best.country and _city_dominates(c, best):
                    best = c
                    break
        chosen.append(best)
        s.candidates = (best, *[c for c in s.candidates if c is not best])
        s.fixed = best
        slots[k] = s
        _ = runner

    for k, s in enumerate(slots):
        place = chosen[k]
        m = s.mention
        members: tuple[Place, ...] = ()
        if place.feature in ("group", "facility"):
            anchors = [p for n, p in enumerate(chosen) if n != k and p.feature not in ("group", "facility")]
            if not any(distance_km(place, a) <= ANCHOR_KM for a in anchors):
                continue
        if place.feature == "group" and place.members:
            members = tuple(p for p in (gazetteer.get(pid) for pid in place.members) if p is not None)
        n = len(s.candidates)
        score = _confidence(m, place, s.candidates)
        resolutions.append(Resolution(m, place, score, s.candidates[:5] if n else (place,), members))
    return resolutions


def _confidence(m: Mention, place: Place, candidates: tuple[Place, ...]) -> float:
    """A score in [0, 1]: high for unambiguous or dominant names, lower for close namesakes."""
    if m.kind == "demonym":
        return 0.85
    if len(candidates) == 1:
        return 0.9 if place.feature != "city" or place.population >= 1000 else 0.7
    rivals = [c for c in candidates[1:] if distance_km(c, place) > 161]
    if not rivals:
        return 0.9
    margin = _prior(place) - max(_prior(c) for c in rivals)
    return round(max(0.05, min(0.95, 0.6 + 0.12 * margin)), 4)
