"""Resolution: choose the place each mention names, from the document's own context."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from karamap.config import DEFAULT_MIN_SCORE
from karamap.gazetteer.base import Gazetteer
from karamap.gazetteer.romanise import dominant_country, stands_alone
from karamap.model import Article, Mention, Place, Resolution
from karamap.nearby import Closeness, Within, closeness_to
from karamap.named_divisions import (
    FIRST_LEVEL_WORDS,
    LOCAL_WORDS,
    SETTLEMENT_WORDS,
    Tie,
    class_word_after,
    lies_within,
    ties_of,
)
from karamap.recognise.spans import SIZEABLE_DIVISION, is_street
from karamap.recognise.tokens import key_of

__all__ = ["resolve", "distance_km"]

#: a group or facility of karamap's geodata counts only near another place the text names
ANCHOR_KM = 400.0
#: candidates considered per mention
MAX_CANDIDATES = 40

_FEATURE_PRIOR = {
    "country": 6.5, "continent": 6.2, "region": 5.8, "group": 5.8, "facility": 5.8,
    "admin1": 5.0, "admin2": 1.2, "city": 0.0, "other": 0.0,
}
#: what a first-level division smaller than SIZEABLE_DIVISION loses: Berea district, Lesotho, is
#: not what a bare "Berea" names
SMALL_ADMIN1_PENALTY = 2.0
#: what being a country's capital adds to a town's prior
CAPITAL_BONUS = 2.0
#: weight of the document's country context, of its named divisions, of a "City, State" pattern
COUNTRY_WEIGHT = 3.0
ADMIN1_WEIGHT = 1.5
STATE_PATTERN_WEIGHT = 6.0
#: weight of closeness to the other places named (decays over NEAR_KM)
NEAR_WEIGHT = 2.0
NEAR_KM = 300.0
#: a name listed with divisions (countries) is likelier a division (country) itself
LIST_WEIGHT = 2.0
#: slope of the logistic that turns a winning margin into a confidence
MARGIN_SLOPE = 1.0
#: most country votes the text's cues may give one country
CUE_CAP = 1.5
#: the confidence of a street name that no gazetteer here can place
STREET_SCORE = 0.5
#: what lying inside the division the text ties a name to adds ("X (Y district, Z)"; a bare
#: "X, Y" adds half); what containing a name tied to it adds to the division's reading
TIE_WEIGHT = 6.0
#: what a word of place after a name adds to the readings of that kind ("Farah city": the town;
#: "Farah province": the division) and takes from the others
CLASS_WEIGHT = 3.0
#: the confidence of a name whose every reading lies outside the division the text names
OUTSIDE_SCORE = 0.5
#: rounds of resolution (the second uses the first's readings as context)
ROUNDS = 3
#: a namesake this close to a place named surely (closeness, 0..1: about 200 km) ...
NEAR_RIVAL = 0.5
#: ... takes a capital's bonus away from a capital this far from them (about 1,000 km)
FAR_NEARNESS = 0.036
#: a town that bears the name only as one of its alternate names
ALTERNATE_PENALTY = 1.5
#: names from which the closeness of a reading to the places read is found in a k-d tree
#: (:class:`~karamap.nearby.Closeness`); for fewer, a pass over the places read is cheaper
TREE_FROM = 48
#: a city that bears the name of the province it lies in, at least this big and holding at
#: least this share of the province's people, is what the bare name means ("Kherson", "Kerman",
#: "Sikasso"; "Quebec" is the province), unless a word of division follows
NAMESAKE_CITY = 20_000
NAMESAKE_SHARE = 0.2


_AREAS = frozenset({"country", "continent", "region", "group"})
_LIST_GAP = re.compile(r"\s*(?:,|;|,?\s+(?:and|or))\s*\Z")


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


def _prior(p: Place, capital: bool = False) -> float:
    base = _FEATURE_PRIOR.get(p.feature, 0.0)
    if p.feature == "city":
        # a capital is what a bare name most often means ("Washington", "Athens")
        return 0.55 * math.log10(1 + p.population) + (CAPITAL_BONUS if capital else 0.0)
    if p.feature == "admin2":
        return base + 0.2 * math.log10(1 + p.population)
    if p.feature == "admin1" and p.population < SIZEABLE_DIVISION:
        return base - SMALL_ADMIN1_PENALTY
    return base


@dataclass(slots=True)
class _Slot:
    mention: Mention
    candidates: tuple[Place, ...]
    fixed: Place | None = None  # demonyms: the country itself
    #: the lower-case word of place after the name ("district", "city"), if any
    word: str | None = None
    #: the name is one of a list with first-level divisions ("Herat, Farah and Helmand")
    listed: bool = False


def _candidates(m: Mention, gazetteer: Gazetteer) -> tuple[Place, ...]:
    if m.kind == "demonym":
        fn = getattr(gazetteer, "demonym", None) or getattr(getattr(gazetteer, "offline", None), "demonym", None)
        place = fn(m.key) if fn else None
        return (place,) if place is not None else ()
    if m.key.startswith("~"):  # a romanised reading (see recognise.spans._romanised)
        return tuple(gazetteer.lookup_romanised(m.key[1:]))[:MAX_CANDIDATES]
    places = gazetteer.lookup_key(m.key)
    if not places:
        places = tuple(gazetteer.search(m.surface, limit=MAX_CANDIDATES))
    return places[:MAX_CANDIDATES]


def _class_bonus(c: Place, word: str | None) -> float:
    """What a word of place after the name ("district", "city") makes of reading ``c``."""
    if word is None:
        return 0.0
    if word in FIRST_LEVEL_WORDS:
        return CLASS_WEIGHT if c.feature == "admin1" else -CLASS_WEIGHT if c.feature == "city" else 0.0
    if word in LOCAL_WORDS:
        # a district is its own division or the town that is its seat
        return {"admin2": CLASS_WEIGHT, "city": CLASS_WEIGHT / 2, "admin1": -CLASS_WEIGHT}.get(c.feature, 0.0)
    if word in SETTLEMENT_WORDS:
        return CLASS_WEIGHT if c.feature == "city" else -CLASS_WEIGHT if c.feature in ("admin1", "admin2") else 0.0
    return 0.0


def _tie_bonus(k: int, c: Place, slots: list[_Slot], ties: list[Tie], state_of) -> float:
    """What the text's ties add to reading ``c`` of slot ``k``: lying inside the division it is
    tied to, or containing a name tied to it."""
    bonus = 0.0
    for t in ties:  # (the ties of slot k: see _ties_by_slot)
        if t.inner == k and any(lies_within(c, d) for d in slots[t.outer].candidates):
            bonus += TIE_WEIGHT if t.strong else (0.0 if k in state_of else TIE_WEIGHT / 2)
        elif t.outer == k and any(lies_within(x, c) for x in slots[t.inner].candidates):
            bonus += TIE_WEIGHT / 2
    return bonus


def _static_scores(k, s, priors, state_of, kinds, ties, slots, word) -> list[tuple[Place, float, tuple[str | None, str | None]]]:
    """Each candidate of slot ``k`` with the part of its score that no round changes (prior,
    alternate-name penalty, "City, State" pattern, list kind, the divisions the text ties it to,
    the word of place after it) and its (country, division)."""
    out = []
    states = state_of.get(k) or ()
    for c in s.candidates:
        score = priors[id(c)] + _class_bonus(c, word)
        if ties:
            score += _tie_bonus(k, c, slots, ties, state_of)
        if c.feature in ("city", "admin2") and key_of(c.name) != s.mention.key:
            score -= ALTERNATE_PENALTY  # known by this name only as an alternate
        if states and any(st.country == c.country and (st.feature == "country" or st.name == c.admin1)
                          for st in states):
            score += STATE_PATTERN_WEIGHT
        if c.feature in kinds:
            score += LIST_WEIGHT
        division = (c.country, c.name if c.feature == "admin1" else c.admin1)
        out.append((c, score, division))
    return out


def _choose(s, statics, own_country, own_admin, n_other, others, total_country, total_admin,
            closeness, capitals: frozenset[int] = frozenset()) -> tuple[Place, float | None]:
    """The best candidate of slot ``s`` given the document's context, and its margin in score
    over the best rival lying more than 161 km away (None when there is no such rival).

    The context leaves out the votes of the names read as this one (``own_country``,
    ``own_admin``: a name must not vote for itself; ``n_other`` names are left); ``others`` says
    whether the other names read any place, whose ``closeness`` to a candidate (by how sure each
    reading is) is memoised by the caller for the names that share them. ``capitals`` are the ids
    of the candidates that are their country's capital."""
    best, best_score = None, -1e9
    scored: list[tuple[float, Place]] = []
    nearness = [closeness(c) if others else 0.0 for c, _, _ in statics]
    # a capital's fame says what a bare name means; beside a place the text names, near one of
    # its namesakes and far from the capital, it is the nearness that tells ("Tripoli" beside
    # Sidon: Lebanon's)
    rival_near = max(nearness, default=0.0) >= NEAR_RIVAL
    famous: set[int] = set()
    if rival_near:
        # (and so does the division such a capital dominates: Tripoli District, Libya)
        # (only where nothing else the text names is in the capital's country)
        named = {cc for cc, w in total_country.items() if w - own_country.get(cc, 0.0) > 1e-9}
        famous = {id(c) for c in s.candidates if id(c) in capitals and c.country not in named}
        famous |= {id(c) for c in s.candidates if c.feature == "admin1" and c.country not in named and any(
            id(d) in capitals and d.country == c.country and _city_dominates(d, c) for d in s.candidates)}
    for (c, score, division), near in zip(statics, nearness):
        if c.country:
            ctx = total_country.get(c.country, 0.0) - own_country.get(c.country, 0.0)
            score += COUNTRY_WEIGHT * max(0.0, ctx) / n_other
        if division[1] and c.feature != "country":
            ctx = total_admin.get(division, 0.0) - own_admin.get(division, 0.0)  # type: ignore[arg-type]
            score += ADMIN1_WEIGHT * min(1.0, max(0.0, ctx))
        score += NEAR_WEIGHT * near
        if near < FAR_NEARNESS and id(c) in famous:
            score -= CAPITAL_BONUS
        scored.append((score, c))
        if score > best_score:
            best, best_score = c, score
    assert best is not None
    # a division that is mostly one big city: the city ("Ankara", "Istanbul"); and a city that
    # bears its province's name, named bare outside a list of divisions: the city ("protests in
    # Kherson"; "Kherson region" and "Herat, Farah and Helmand" are the provinces)
    read_as_city = None  # (a division read as its city is no rival of the city, which lies in it)
    if best.feature == "admin1" and s.word not in FIRST_LEVEL_WORDS:
        for c in s.candidates:
            if c.feature == "city" and c.country == best.country and (_city_dominates(c, best) or (
                    not s.listed and c.admin1 == best.name and key_of(c.name) == key_of(best.name)
                    and c.population >= max(NAMESAKE_CITY, NAMESAKE_SHARE * best.population))):
                read_as_city, best = best, c
                break
    scored.sort(key=lambda sc: sc[0], reverse=True)
    for score, c in scored:
        if c is not best and c is not read_as_city and distance_km(c, best) > 161.0:
            return best, best_score - score
    return best, None


def _add_votes(counts: Counter, votes: dict) -> None:
    """``counts.update(votes)`` for a dict of votes, the same sums, without Counter's checks of
    what it is given (resolution adds and takes votes thousands of times a text)."""
    if counts:
        get = counts.get
        for key, w in votes.items():
            counts[key] = w + get(key, 0)
    else:
        dict.update(counts, votes)


def _take_votes(counts: Counter, votes: dict) -> None:
    """``counts.subtract(votes)`` for a dict of votes, the same differences."""
    get = counts.get
    for key, w in votes.items():
        counts[key] = get(key, 0) - w


def _blend(votes, admin_votes, chosen):
    """Half the votes by prior, half for the readings chosen in the last round."""
    new_votes, new_admin = [], []
    for vote, adm, place in zip(votes, admin_votes, chosen):
        v = {cc: w / 2 for cc, w in vote.items()}
        if place.country:
            v[place.country] = v.get(place.country, 0.0) + 0.5
        a = {key: w / 2 for key, w in adm.items()}
        division = place.name if place.feature == "admin1" else place.admin1
        if division and place.feature in ("admin1", "city", "admin2"):
            a[(place.country, division)] = a.get((place.country, division), 0.0) + 0.5
        new_votes.append(v)
        new_admin.append(a)
    return new_votes, new_admin


class _Context:
    """What the names of a document say of each other, kept up to date as their readings change,
    so that one name's context (the others' votes and places) costs no pass over all the names.

    ``groups[key]`` are the names read as one (the key's and those sharing a reading with its
    first name): they do not vote for each other. For each group its own votes are summed, and
    for each place read the confidences of the names read as it are counted, overall and by group.
    With more than TREE_FROM names, the places any name may be read as are points of a
    :class:`~karamap.nearby.Closeness` tree, each weighing the surest confidence of a name read as
    it, so that the closeness of a reading to the places read by the others looks at the places
    near it, not at all of them; with fewer, a pass over the places read finds the same value at
    less cost than the tree's building, upkeep and walks.
    """

    def __init__(self, slots: list[_Slot], groups: dict[str, list[int]]) -> None:
        self.size = len(slots)
        self.groups = groups
        self.groups_of: list[list[str]] = [[] for _ in slots]
        for key, members in groups.items():
            for n in members:
                self.groups_of[n].append(key)
        self.own_country: dict[str, Counter[str]] = {key: Counter() for key in groups}
        self.own_admin: dict[str, Counter[tuple[str | None, str]]] = {key: Counter() for key in groups}
        self.place: dict[str, Place] = {}
        self.sure: dict[str, dict[float, int]] = {}  # place id -> confidence -> names
        self.sure_in: dict[str, dict[str, dict[float, int]]] = {key: {} for key in groups}
        self.version = 0  # bumped whenever the places or their confidences change
        self._memo: dict[str, tuple[int, bool, Callable[[Place], float]]] = {}
        scale = 111.195 / NEAR_KM
        points = ((c.id, c.lat, c.lon) for s in slots for c in (s.fixed, *s.candidates)
                  if c is not None and c.feature not in _AREAS)
        # (a few names: a pass over the places read costs less than building and walking a tree)
        self.near: Closeness | None = None
        self.coords: dict[str, tuple[float, float]] = {}
        if len(slots) > TREE_FROM:
            self.near = Closeness(points, scale)
        else:
            for pid, lat, lon in points:
                self.coords.setdefault(pid, (lat, lon))
        self.stray: dict[str, Place] = {}  # places read that are no point of the tree (none expected)

    def vote(self, votes, admin_votes) -> None:
        """Each group's own votes, summed in the order of its names."""
        for key, members in self.groups.items():
            own_country: dict[str, float] = {}
            own_admin: dict[tuple[str | None, str], float] = {}
            for n in members:
                for cc, w in votes[n].items():
                    own_country[cc] = own_country.get(cc, 0.0) + w
                for dv, w in admin_votes[n].items():
                    own_admin[dv] = own_admin.get(dv, 0.0) + w
            self.own_country[key], self.own_admin[key] = Counter(own_country), Counter(own_admin)

    def revote(self, n: int, old: tuple[dict, dict], new: tuple[dict, dict]) -> None:
        """Name ``n`` votes ``new`` instead of ``old``."""
        for key in self.groups_of[n]:
            _take_votes(self.own_country[key], old[0])
            _add_votes(self.own_country[key], new[0])
            _take_votes(self.own_admin[key], old[1])
            _add_votes(self.own_admin[key], new[1])

    def read(self, readings: list[Place], confidence: list[float]) -> None:
        """The places the names are read as, and how sure each reading is."""
        if self.near is not None:
            for pid in self.sure:
                if pid in self.near:
                    self.near.set(pid, 0.0)
        self.sure = {}
        self.sure_in = {key: {} for key in self.groups}
        for n, (p, c) in enumerate(zip(readings, confidence)):
            self._count(n, p, c, 1)
        self.version += 1

    def reread(self, n: int, old: tuple[Place, float], new: tuple[Place, float]) -> None:
        """Name ``n`` is read as ``new`` (place, confidence) instead of ``old``."""
        if old[0].id == new[0].id and old[1] == new[1]:
            return
        self._count(n, *old, -1)
        self._count(n, *new, 1)
        self.version += 1

    def _count(self, n: int, p: Place, conf: float, step: int) -> None:
        # (a country's or a region's point says nothing about what lies near it)
        if p.feature in _AREAS or not conf > 0.0:
            return
        self.place.setdefault(p.id, p)
        for counts in (self.sure, *(self.sure_in[key] for key in self.groups_of[n])):
            by_conf = counts.setdefault(p.id, {})
            left = by_conf.get(conf, 0) + step
            if left:
                by_conf[conf] = left
            else:
                del by_conf[conf]
                if not by_conf:
                    del counts[p.id]
        if self.near is None:
            return  # (the places read are passed over as they are: see others)
        surest = max(self.sure[p.id]) if p.id in self.sure else 0.0
        if p.id in self.near:
            self.near.set(p.id, surest)
        else:
            self.stray[p.id] = p

    def others(self, key: str) -> tuple[bool, Callable[[Place], float]]:
        """Whether names outside group ``key`` read any place, and a memoised closeness to those
        places (each weighing the surest confidence of a name outside the group read as it)."""
        memo = self._memo.get(key)
        if memo is None or memo[0] != self.version:
            # the group's own places weigh what the names outside it give them, or nothing
            override: dict[str, float] = {}
            for pid, own in self.sure_in[key].items():
                by_conf = self.sure[pid]
                best = max((c for c, k in by_conf.items() if k > own.get(c, 0)), default=None)
                override[pid] = 0.0 if best is None else best
            some = any(w > 0.0 for w in override.values()) or len(self.sure) > len(override)
            scale, done = 111.195 / NEAR_KM, {}
            near = self.near
            if near is None:
                # every place read, weighing what the names outside the group give it
                read = []
                for pid, by_conf in self.sure.items():
                    weight = override[pid] if pid in override else max(by_conf)
                    if weight > 0.0:
                        place = self.place[pid]
                        lat, lon = self.coords.get(pid) or (place.lat, place.lon)
                        read.append((lat, lon, weight))

                def closeness(c: Place) -> float:
                    value = done.get(c.id)
                    if value is None:
                        value = done[c.id] = closeness_to(c.lat, c.lon, read, scale)
                    return value
            else:
                stray = [(p.lat, p.lon, override.get(pid, max(self.sure[pid])))
                         for pid, p in self.stray.items() if pid in self.sure]
                inside = {pid: w for pid, w in override.items() if pid in near}

                def closeness(c: Place) -> float:
                    value = done.get(c.id)
                    if value is None:
                        value = near.best(c.lat, c.lon, inside)
                        if stray:
                            value = max(value, closeness_to(c.lat, c.lon, stray, scale))
                        done[c.id] = value
                    return value

            memo = (self.version, some, closeness)
            self._memo[key] = memo
        return memo[1], memo[2]


@functools.cache
def _cues() -> tuple[tuple[re.Pattern[str], str, float], ...]:
    """The country cues of ``geodata/country_cues.tsv``."""
    from karamap.gazetteer.sources import read_tsv
    from karamap.paths import geodata_dir

    path = geodata_dir() / "country_cues.tsv"
    if not path.exists():
        return ()
    return tuple((re.compile(row[0]), row[1], float(row[2])) for row in read_tsv(path) if row[1] != "-")


_LITERAL = re.compile(r"[A-Za-z\u00a3\u20ac$]{2,}|[\u00a3\u20ac$]")


@functools.cache
def _cue_hints() -> tuple[str, ...]:
    """A literal every match of each cue contains ("ounty" for "\\b[Cc]ounty\\b"): a cheap pre-test."""
    hints = []
    for pattern, _, _ in _cues():
        source = re.sub(r"\\[a-zA-Z]", " ", pattern.pattern.replace("\\$", "$").replace("\\.", "."))
        source = re.sub(r"\[[^\]]*\]|\([^)]*\)|.[?*]", " ", source)
        literals = _LITERAL.findall(source)
        hints.append(max(literals, key=len) if literals else "")
    return tuple(hints)


def _cue_votes(text: str) -> dict[str, float]:
    """Country votes from the text's cues, at most CUE_CAP for a country."""
    votes: dict[str, float] = {}
    for (pattern, iso, weight), hint in zip(_cues(), _cue_hints()):
        if hint in text and pattern.search(text):
            votes[iso] = min(CUE_CAP, votes.get(iso, 0.0) + weight)
    return votes


def _capital_test(gazetteer: Gazetteer):
    fn = getattr(gazetteer, "is_capital", None) or getattr(getattr(gazetteer, "offline", None), "is_capital", None)
    return fn if fn is not None else (lambda place: False)


def _city_dominates(city: Place, division: Place) -> bool:
    """A city that holds most of its namesake division's people is what the name means ("Ankara")."""
    return city.population >= 0.4 * max(1, division.population) and city.population >= 100000


def resolve(article: Article, mentions: list[Mention], gazetteer: Gazetteer, *,
            min_score: float = DEFAULT_MIN_SCORE) -> list[Resolution]:
    """Resolve every mention to a place, using the document as context.

    Candidates are ranked by feature kind and population, then by the document's
    context: the countries and first-level divisions it names (with their demonyms),
    "City, State" patterns, and the distance to the places named with them ("Georgia"
    with "Atlanta" is the US state, with "Tbilisi" the country). A group resolves to
    its members; a group or facility of karamap's geodata (not the user's own) is kept
    only where the text names a place near it. Mentions without any candidate are dropped,
    except street names, which resolve to an unknown place (``place`` None).
    A reading whose confidence is below ``min_score`` is withheld: ``place`` None,
    ``withheld`` True, the readings weighed kept in ``candidates``.

    >>> import datetime as dt
    >>> from karamap.gazetteer.open import open_gazetteer
    >>> from karamap.recognise import recognise
    >>> gaz = open_gazetteer()
    >>> art = Article("a", "Police in Atlanta, Georgia, said the suspect fled to Savannah.")
    >>> [(r.mention.surface, r.place.country) for r in resolve(art, recognise(art, gaz), gaz)]
    [('Atlanta', 'US'), ('Georgia', 'US'), ('Savannah', 'US')]
    """
    slots = []
    unknown: list[Resolution] = []
    for m in mentions:
        cands = _candidates(m, gazetteer)
        if not cands and is_street(m.surface):
            # a street no gazetteer here knows: a place name with an unknown position
            unknown.append(Resolution(m, None, STREET_SCORE))
        if cands:
            # a name with one reading (or a demonym) is settled before any context is weighed
            slots.append(_Slot(m, cands, cands[0] if m.kind == "demonym" or len(cands) == 1 else None))
    slots = _settle_romanised(slots)
    text = article.text
    slots, ties, outside = _apply_ties(text, slots)
    unknown.extend(outside)
    slots, foreign = _drop_foreign_small(slots)
    if foreign:
        unknown.extend(foreign)
        ties = _ties(text, slots)
    if not slots:
        return sorted(unknown, key=lambda r: r.mention.start)
    text = article.text
    is_capital = _capital_test(gazetteer)
    capitals = frozenset(id(c) for s in slots for c in s.candidates if c.feature == "city" and is_capital(c))
    priors = {id(c): _prior(c, id(c) in capitals) for s in slots for c in s.candidates}

    # -- context: each mention votes for the countries (and divisions) it may lie in, each
    #    candidate with its probability by prior (a softmax): a full vote when one reading
    #    dominates ("Virginia", "Ohio"), shares when namesakes are spread out ("Richmond")
    votes: list[dict[str, float]] = []
    admin_votes: list[dict[tuple[str | None, str], float]] = []
    confidence: list[float] = []
    # the US dollar is the currency the world quotes rates in: "the US dollar exchange rate" tells
    # nothing of where the story happens
    muted = {k for k, s in enumerate(slots)
             if _DOLLAR_AFTER.match(text, s.mention.end) and (s.fixed or s.candidates[0]).country == "US"}
    for k_slot, s in enumerate(slots):
        top = sorted(s.candidates, key=lambda c: priors[id(c)], reverse=True)[:8]
        if s.fixed is not None:
            top = [s.fixed]
        peak = priors[id(top[0])] if s.fixed is None else 0.0
        weights = [math.exp(min(0.0, priors[id(c)] - peak)) if s.fixed is None else 1.0 for c in top]
        total = sum(weights)
        vote: dict[str, float] = {}
        adm: dict[tuple[str | None, str], float] = {}
        for c, w in zip(top, weights):
            share = w / total
            if c.country:
                vote[c.country] = vote.get(c.country, 0.0) + share
            division = c.name if c.feature == "admin1" else c.admin1
            if division and c.feature in ("admin1", "city", "admin2"):
                adm[(c.country, division)] = adm.get((c.country, division), 0.0) + share
        if k_slot in muted:
            vote, adm = {}, {}
        votes.append(vote)
        admin_votes.append(adm)
        confidence.append(weights[0] / total)
    # names that share a candidate are variants of one name ("Dublin City", "Dublin"): they
    # must not vote for each other
    by_key = _read_as_one(slots)
    total_country: Counter[str] = Counter()
    total_admin: Counter[tuple[str | None, str]] = Counter()
    for k in range(len(slots)):
        _add_votes(total_country, votes[k])
        _add_votes(total_admin, admin_votes[k])
    # words and signs that tell the text's country ("$5", "sheriff", "£5", "NHS")
    _add_votes(total_country, _cue_votes(text))
    # provisional picks by prior, for distances
    first_pass = [s.fixed or max(s.candidates, key=lambda c: priors[id(c)]) for s in slots]

    # lists ("Ohio, Oregon, Washington and Utah"): a name takes the kind of its neighbours
    list_kind: dict[int, set[str]] = {}
    for k in range(len(slots) - 1):
        a, b = slots[k].mention, slots[k + 1].mention
        if _LIST_GAP.match(text, a.end, b.start):
            for x, y in ((k, k + 1), (k + 1, k)):
                top = slots[y].fixed or max(slots[y].candidates, key=lambda c: priors[id(c)])
                if top.feature in ("admin1", "country") and slots[y].mention.kind == "toponym":
                    list_kind.setdefault(x, set()).add(top.feature)
    for k, found in list_kind.items():
        slots[k].listed = "admin1" in found
    # "City, State" pairs: the mention right after ", " constrains the one before it
    state_of: dict[int, list[Place]] = {}
    tops = [s.fixed or max(s.candidates, key=lambda c: priors[id(c)]) for s in slots]
    for k in range(len(slots) - 1):
        a, b = slots[k].mention, slots[k + 1].mention
        if text[a.end : b.start] in (", ", ",") and not _listed_division(text, slots, tops, k):
            state_of[k] = [c for c in slots[k + 1].candidates if c.feature in ("admin1", "country")]

    # rounds: after the first (by prior and context), each name is read again in turn with the
    # readings chosen so far as its context (Gauss-Seidel), so that namesakes named together
    # settle together ("Walker County" and "Huntsville", both in Texas)
    words = [class_word_after(text, s.mention) for s in slots]
    for s, word in zip(slots, words):
        s.word = word
    tied = {t.inner for t in ties} | {t.outer for t in ties}
    ties_of_slot = _ties_by_slot(ties, len(slots))
    statics = [_static_scores(k, s, priors, state_of, list_kind.get(k, set()), ties_of_slot[k], slots, words[k])
               for k, s in enumerate(slots)]
    chosen = list(first_pass)
    margins: list[float | None] = [None] * len(slots)
    prior_votes, prior_admin = votes, admin_votes
    context = _Context(slots, by_key)
    context.vote(votes, admin_votes)
    context.read(first_pass, confidence)
    for round_ in range(ROUNDS):
        for k, s in enumerate(slots):
            if s.fixed is not None:
                continue
            key = s.mention.key
            others, closeness = context.others(key)  # (whether there are others, and how near)
            n_other = max(1.0, float(len(slots) - len(by_key[key])))
            best, margins[k] = _choose(s, statics[k], context.own_country[key], context.own_admin[key], n_other,
                                       others, total_country, total_admin, closeness, capitals)
            chosen[k] = best
            if round_ and k not in muted:
                # from now on the others see this reading
                old = (first_pass[k], confidence[k])
                first_pass[k] = best
                confidence[k] = max(confidence[k], 0.5)
                context.reread(k, old, (best, confidence[k]))
                (new_vote,), (new_admin,) = _blend([prior_votes[k]], [prior_admin[k]], [best])
                _take_votes(total_country, votes[k])
                _take_votes(total_admin, admin_votes[k])
                context.revote(k, (votes[k], admin_votes[k]), (new_vote, new_admin))
                votes[k], admin_votes[k] = new_vote, new_admin
                _add_votes(total_country, new_vote)
                _add_votes(total_admin, new_admin)
        if round_ == 0:
            votes, admin_votes = list(votes), list(admin_votes)
            first_pass = list(chosen)
            context.read(first_pass, confidence)
    # one sense per document: a name read surely once ("Paris, Texas") is read so throughout
    for group in by_key.values():
        keys = {slots[n].mention.key for n in group}
        # (a name the text gives its own kind, "Farah city" and "Farah province", or ties to a
        # division, "Kherson (Kherson)", keeps its own reading)
        members = [n for n in group if slots[n].fixed is None and len(keys) == 1
                   and words[n] is None and n not in tied]
        if len({chosen[n].id for n in members}) > 1:
            surest = max(members, key=lambda n: float("inf") if margins[n] is None else margins[n])
            for n in members:
                chosen[n], margins[n] = chosen[surest], margins[surest]
    for k, s in enumerate(slots):
        if s.fixed is None:
            best = chosen[k]
            s.candidates = (best, *[c for c in s.candidates if c is not best])

    resolutions: list[Resolution] = []
    # (a group's or a facility's own reading is never among them; each place counted once)
    anchors = Within({p.id: p for p in chosen if p.feature not in ("group", "facility")}.values(),
                     ANCHOR_KM, distance_km)
    for k, s in enumerate(slots):
        place = chosen[k]
        m = s.mention
        members: tuple[Place, ...] = ()
        if place.feature in ("group", "facility") and place.source != "user":
            # (the user's own places are meant wherever they are named)
            if not anchors.any_near(place):
                continue
        if place.feature == "group" and place.members:
            members = tuple(p for p in (gazetteer.get(pid) for pid in place.members) if p is not None)
        score = _confidence(m, place, margins[k])
        kept = s.candidates[:5] if s.candidates else (place,)
        if score < min_score:
            resolutions.append(Resolution(m, None, score, kept, withheld=True))
        else:
            resolutions.append(Resolution(m, place, score, kept, members))
    if unknown:
        resolutions = sorted(resolutions + unknown, key=lambda r: r.mention.start)
    return resolutions


_DIVISIONS = frozenset({"country", "admin1", "admin2", "region"})
_SMALL = frozenset({"city", "admin2", "other", "facility"})
_STATES = frozenset({"admin1", "country"})


def _listed_division(text: str, slots: list[_Slot], tops: list[Place], k: int) -> bool:
    """Whether "X, Y" (slots ``k`` and ``k + 1``) is two items of a longer list of divisions
    ("Georgia, Illinois, Missouri and Ohio"), not a town and its state: X may itself name a
    division of Y's kind, and the list goes on before X or after Y with another division."""
    kind = tops[k + 1].feature
    if slots[k].mention.kind != "toponym" or kind not in _STATES \
            or not any(c.feature == kind for c in slots[k].candidates):
        return False

    def listed(i: int, j: int) -> bool:  # slots i and j (= i + 1) are joined as a list's items
        return (0 <= i and j < len(slots) and slots[i].mention.kind == "toponym" == slots[j].mention.kind
                and any(c.feature == kind for c in slots[i].candidates)
                and any(c.feature == kind for c in slots[j].candidates)
                and _LIST_GAP.match(text, slots[i].mention.end, slots[j].mention.start) is not None)

    return listed(k - 1, k) or listed(k + 1, k + 2)


def _read_as_one(slots: list[_Slot]) -> dict[str, list[int]]:
    """For each key, in the order the text first names it: the names read as one with its first
    name (of that key, or sharing a reading with it: "Dublin City", "Dublin"), in text order."""
    with_key: dict[str, list[int]] = {}
    with_id: dict[str, list[int]] = {}
    for n, s in enumerate(slots):
        with_key.setdefault(s.mention.key, []).append(n)
        for pid in {c.id for c in s.candidates}:
            with_id.setdefault(pid, []).append(n)
    groups: dict[str, list[int]] = {}
    for key, named in with_key.items():
        members = set(named)
        for pid in {c.id for c in slots[named[0]].candidates}:
            members.update(with_id[pid])
        groups[key] = sorted(members)
    return groups


def _ties_by_slot(ties: list[Tie], size: int) -> list[list[Tie]]:
    """The ties each slot takes part in (inner or outer), in their order."""
    out: list[list[Tie]] = [[] for _ in range(size)]
    for t in ties:
        out[t.inner].append(t)
        if t.outer != t.inner:
            out[t.outer].append(t)
    return out


def _ties(text: str, slots: list[_Slot]) -> list[Tie]:
    # (a demonym is never a division of a place: "Afghan, Kandahar")
    divisions = [s.mention.kind != "demonym" and any(c.feature in _DIVISIONS for c in s.candidates) for s in slots]
    weak = [_weak(s) for s in slots]
    ties = [t for t in ties_of(text, [s.mention for s in slots], divisions, weak)
            if slots[t.inner].mention.kind != "demonym" and slots[t.outer].mention.kind != "demonym"]
    return _with_address_ties(text, slots, ties)


def _with_address_ties(text: str, slots: list[_Slot], ties: list[Tie]) -> list[Tie]:
    """Ties of "X, Y, Z" where Y is a first-level division of the country Z ("Stroud, Ontario,
    Canada"): an address from the town up, not a list of three, so X is tied to Y (weakly, as a
    bare comma ties) and Y to Z."""
    tied = {(t.inner, t.outer) for t in ties}
    more: list[Tie] = []
    for k in range(len(slots) - 2):
        x, y, z = slots[k], slots[k + 1], slots[k + 2]
        if (k, k + 1) in tied or x.mention.kind != "toponym" or y.mention.kind != "toponym" \
                or text[x.mention.end : y.mention.start] not in (", ", ",") \
                or text[y.mention.end : z.mention.start] not in (", ", ","):
            continue
        if any(d.feature == "admin1" and lies_within(d, c) for d in y.candidates for c in z.candidates
               if c.feature == "country"):
            more.append(Tie(k, k + 1, False))
            if (k + 1, k + 2) not in tied:
                more.append(Tie(k + 1, k + 2, False))
    return sorted(ties + more, key=lambda t: (min(t.inner, t.outer), t.inner)) if more else ties


def _weak(s: _Slot) -> bool:
    """A name read by its romanisation, or only as another name of small places."""
    if s.mention.kind not in ("toponym", "facility"):
        return False
    if s.mention.key.startswith("~"):
        return True
    return all(c.feature in _SMALL and c.population < 100_000 and key_of(c.name) != s.mention.key
               for c in s.candidates)


_DOLLAR_AFTER = re.compile(r"[\s-]+dollars?\b", re.IGNORECASE)


def _apply_ties(text: str, slots: list[_Slot]) -> tuple[list[_Slot], list[Tie], list[Resolution]]:
    """The ties the text makes between its names; a town none of whose readings lies inside the
    division it is tied to becomes a place of unknown position (a wrong village is worse than
    none), and the ties are taken again among the names left."""
    ties = _ties(text, slots)
    if not ties:
        return slots, ties, []
    outside: set[int] = set()
    by_slot = _ties_by_slot(ties, len(slots))
    for k, s in enumerate(slots):
        if s.mention.kind not in ("toponym", "facility") or any(c.feature not in _SMALL for c in s.candidates):
            continue
        # (a bare comma may end a clause: "in Gyumri, Russia deployed"; it decides only for a
        # name read by its romanisation or as another name of small places, or for a town
        # where the division closes the pair: "in Orient, Ohio, last year", "near Stroud,
        # Ontario."; a city named with another division is still the city)
        closes = all(c.population < SIZEABLE_DIVISION for c in s.candidates)  # (a city stands)
        mine = [t for t in by_slot[k] if t.inner == k
                and (t.strong or _weak(s) or closes and _closed(text, slots[t.outer]))]
        if mine and not any(lies_within(c, d) for t in mine for c in s.candidates for d in slots[t.outer].candidates):
            outside.add(k)
    if not outside:
        return slots, ties, []
    held = [Resolution(slots[k].mention, None, OUTSIDE_SCORE, slots[k].candidates[:5]) for k in sorted(outside)]
    kept = [s for k, s in enumerate(slots) if k not in outside]
    return kept, _ties(text, kept), held


_CLOSE = re.compile(r"\s*(?:[,.;:)]|--|\u2013|\u2014|\Z)")


def _closed(text: str, outer: _Slot) -> bool:
    """Whether a first-level division or a country named after a comma closes the pair, as a
    town's state does ("Orient, Ohio, said"; "Stroud, Ontario."), where a clause after a comma
    goes on ("in Gyumri, Russia deployed")."""
    return any(c.feature in _STATES for c in outer.candidates) and _CLOSE.match(text, outer.mention.end) is not None


#: a town smaller than this, in a country the text does not name, is not read when the text
#: names other countries (an Indian village's name in a note on Azerbaijan is another place)
FOREIGN_SMALL_POPULATION = 50_000
#: ... and lying farther than this from every other place the text names
FOREIGN_KM = 1000.0


def _named_countries(slots: list[_Slot]) -> set[str]:
    """The countries the text names by a country's or a first-level division's name or a demonym."""
    out: set[str] = set()
    for s in slots:
        top = s.fixed or s.candidates[0]
        if top.country and (s.mention.kind == "demonym" or top.feature in ("country", "admin1")):
            out.add(top.country)
    return out


def _drop_foreign_small(slots: list[_Slot]) -> tuple[list[_Slot], list[Resolution]]:
    """Names whose every reading is a small town (or a town known by the name only as another
    name) in a country the text does not name, far from every other place it names:
    places of unknown position."""
    countries = _named_countries(slots)
    if not countries:
        return slots, []
    anchors = list({a.id: a for a in (
        s.candidates[0] for s in slots if s.mention.kind == "toponym" and len(s.candidates) == 1
        or s.candidates[0].feature in ("admin1", "admin2") and s.mention.kind == "toponym")}.values())
    ids = {a.id for a in anchors}
    near = Within(anchors, FOREIGN_KM, distance_km)  # (the anchors near a reading, not all of them)
    kept, dropped = [], []
    for s in slots:
        if s.mention.kind != "toponym" or any(
                c.country in countries or c.feature not in _SMALL
                or (c.population >= FOREIGN_SMALL_POPULATION and key_of(c.name) == s.mention.key)
                for c in s.candidates):
            kept.append(s)
            continue
        own = {c.id for c in s.candidates}
        # (each place once: only the nearest counts)
        if len(anchors) > len(own & ids) and not any(near.any_near(c, exclude=own) for c in s.candidates):
            dropped.append(Resolution(s.mention, None, OUTSIDE_SCORE, s.candidates[:5]))
        else:
            kept.append(s)
    return kept, dropped


def _settle_romanised(slots: list[_Slot]) -> list[_Slot]:
    """A romanised reading keeps only the candidates in a country the other names of the text
    name: a spelling close to a distant place's name is no evidence of that place. A reading
    that :func:`~karamap.gazetteer.romanise.stands_alone` (one country, a widely known place)
    keeps its candidates."""
    if not any(s.mention.key.startswith("~") for s in slots):
        return slots
    countries: set[str] = set()
    for s in slots:
        if s.mention.key.startswith("~"):
            continue
        top = s.fixed or s.candidates[0]
        if top.country and (s.fixed is not None or top.feature != "city"
                            or len({c.country for c in s.candidates}) == 1):
            countries.add(top.country)
        elif dominant_country(s.candidates):
            countries.add(dominant_country(s.candidates))  # type: ignore[arg-type]
    kept = []
    for s in slots:
        if s.mention.key.startswith("~"):
            cands = tuple(c for c in s.candidates if c.country in countries)
            if not cands and stands_alone(s.candidates):
                cands = s.candidates  # a widely known place of one country ("Ar-Raqqa city")
            if not cands:
                continue
            s = _Slot(s.mention, cands, cands[0] if len(cands) == 1 else None)
        kept.append(s)
    return kept


def _confidence(m: Mention, place: Place, margin: float | None) -> float:
    """A score in [0, 1] from the winning margin over the best far-away rival reading.

    No rival more than 161 km away: 0.92 (0.85 for a demonym, whose span may be a language
    or an adjective); otherwise a logistic of the margin, 0.5 for a tie.
    """
    if m.kind == "demonym":
        return 0.85
    if margin is None:
        return 0.92
    return round(min(0.97, 1.0 / (1.0 + math.exp(-MARGIN_SLOPE * margin))), 4)
