"""The divisions a text ties a place name to: "X (Y district, Z)", "X, Y oblast", "X in Y province".

Conflict reporting names a village with its district and province ("Daanyo village (Qandala,
Bari)", "near Kashtanove, Donetsk oblast", "in Shewan area of Bala Buluk district, Farah",
"Donetsk region's Avdiivka"). Such a tie says where the name lies: resolution gives the
namesake inside the named division the win, and drops a small place none of whose readings
lies inside it (a wrong village is worse than none).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from karamap.gazetteer.base import normalise_name
from karamap.gazetteer.romanise import romanised_key
from karamap.model import Mention, Place

__all__ = ["Tie", "ties_of", "lies_within", "class_word_after", "FIRST_LEVEL_WORDS", "LOCAL_WORDS",
           "SETTLEMENT_WORDS"]

#: words of a first-level division ("Donetsk oblast", "Idlib governorate")
FIRST_LEVEL_WORDS = frozenset(
    "province provinces oblast oblasts region governorate state emirate wilaya wilayat prefecture "
    "department krai".split()
)
#: words of a district, below the first level ("Achin district", "Lainya county", "Biu LGA")
LOCAL_WORDS = frozenset(
    "district raion rayon county municipality locality township tehsil lga payam subdistrict "
    "sub-district commune circle cercle woreda zone sector hromada".split()
)
#: words of a settlement ("Farah city", "Daanyo village", "Zamzam camp")
SETTLEMENT_WORDS = frozenset("city town village hamlet settlement neighbourhood neighborhood suburb camp".split())
_CLASS = FIRST_LEVEL_WORDS | LOCAL_WORDS | SETTLEMENT_WORDS | {"area", "areas", "villages", "towns"}
_CLASS_RE = "|".join(sorted((re.escape(w) for w in _CLASS), key=len, reverse=True))

#: how far a town may lie from a district's (or a town's) point and still be inside it
LOCAL_KM = 75.0
#: how far from a region's point
REGION_KM = 300.0
#: how far from a first-level division's point, when the place carries no division name
FIRST_LEVEL_KM = 250.0

# gaps between a name X and a division Y that tie X to Y
_OPEN = re.compile(rf"(?:\s+(?:{_CLASS_RE}))?\s*\(\s*(?:(?:in|near|of)\s+)?(?:the\s+)?\Z", re.IGNORECASE)
_COMMA = re.compile(rf"(?:\s+(?:{_CLASS_RE}))?\s*,\s*\Z", re.IGNORECASE)
_IN = re.compile(rf"(?:\s+(?:{_CLASS_RE}))?\s+(?:in|of)\s+(?:the\s+)?\Z", re.IGNORECASE)
_POSSESSIVE = re.compile(rf"(?:\s+(?:{_CLASS_RE}))?['\u2019]s\s+\Z", re.IGNORECASE)
_CLASS_AFTER = re.compile(rf"\s+({_CLASS_RE})\b")
#: words of a part of a town: "X neighbourhood in Y" puts X inside the town Y
_PART_OF_TOWN = frozenset("neighbourhood neighborhood neighbourhoods neighborhoods suburb suburbs".split())
# "the neighbourhoods of X and Z in Y", "the suburb of X, in Y": X is a part of Y (up to Y)
_PART_BEFORE = re.compile(r"\b(?:neighbou?rhoods?|suburbs?)\s+of\s+(?:the\s+)?\Z", re.IGNORECASE)
_PART_GAP = re.compile(r"(?:\s*(?:,|\band\b)\s*[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?)*,?\s+in\s+(?:the\s+)?",
                       re.IGNORECASE)
#: what ends a parenthesis or a list ("X, Y and Z" is a list, not a tie)
_LIST_ON = re.compile(r"\s*(?:,|and\b|or\b|&)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Tie:
    """Mention ``inner`` (an index into the mentions) is said to lie in mention ``outer``.

    ``strong``: a bracket or a word of division says so ("X (Y)", "X, Y province", "X in Y
    district"); a bare comma ("X, Y") is a weaker tie.
    """

    inner: int
    outer: int
    strong: bool


def class_word_after(text: str, m: Mention) -> str | None:
    """The lower-case word of place right after a mention ("district" in "Obe district"), or None."""
    found = _CLASS_AFTER.match(text, m.end)
    if found is None or not found.group(1).islower():
        return None
    return found.group(1)


def _in_list(text: str, mentions: list[Mention], n: int) -> bool:
    """Mention n is followed, after a comma or "and", by another mention: one of a list."""
    if n + 1 >= len(mentions):
        return False
    gap = text[mentions[n].end : mentions[n + 1].start]
    return bool(_LIST_ON.match(gap)) and len(gap) <= 6


def ties_of(text: str, mentions: list[Mention], divisions: list[bool],
            weak: list[bool] | None = None) -> list[Tie]:
    """The ties the text makes between its mentions (in text order).

    ``divisions[n]``: mention n may name a division or a country (its readings include one);
    a bare comma ties only to such a mention, and only when no list goes on after it, unless
    ``weak[n]``: the name before the comma is known only as a small place's other name or by
    its romanisation ("Goyali, Gadabay"), so the name after it is read as its district.
    """
    weak = weak or [False] * len(mentions)
    # a part of a hyphenated word ("Nord" of "Nord-Kivu") names no division for sure
    parts = [text[m.end : m.end + 1] == "-" or (m.start > 0 and text[m.start - 1] == "-") for m in mentions]
    ties: list[Tie] = []
    depth_open: list[int] = []  # the mention a bracket opened after, while inside it
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        gap = text[a.end : b.start]
        if "(" in gap and ")" not in gap and _OPEN.fullmatch(gap):
            ties.append(Tie(k, k + 1, True))
            depth_open = [k]
            continue
        if depth_open and ")" not in gap and _COMMA.fullmatch(gap):
            # "X (Y, Z)", "X (Y district, Z province)": X and Y both lie in Z
            ties.append(Tie(k, k + 1, True))
            ties.append(Tie(depth_open[0], k + 1, True))
            continue
        if ")" in gap:
            depth_open = []
        if _COMMA.fullmatch(gap):
            classed = "," in gap and bool(re.search(rf"\b(?:{_CLASS_RE})\b", gap, re.IGNORECASE))
            after = class_word_after(text, b)
            own = b.surface.rsplit(" ", 1)[-1].lower() if " " in b.surface else ""  # "Donetsk Oblast"
            strong = classed or (after is not None and after in FIRST_LEVEL_WORDS | LOCAL_WORDS) \
                or own in FIRST_LEVEL_WORDS | LOCAL_WORDS
            if (strong or divisions[k + 1] or weak[k]) and not _in_list(text, mentions, k + 1) and not (
                    k > 0 and _COMMA.fullmatch(text[mentions[k - 1].end : a.start])
                    and not divisions[k] and _in_list(text, mentions, k - 1)):
                ties.append(Tie(k, k + 1, strong))
            continue
        if _IN.fullmatch(gap):
            after = class_word_after(text, b)
            part = gap.split()[0].lower() in _PART_OF_TOWN
            if part or (after is not None and after in FIRST_LEVEL_WORDS | LOCAL_WORDS):
                ties.append(Tie(k, k + 1, True))
            continue
        if _PART_GAP.fullmatch(gap) and _PART_BEFORE.search(text, max(0, a.start - 40), a.start):
            ties.append(Tie(k, k + 1, True))  # "the neighbourhoods of X and Z in Y"
            continue
        if _POSSESSIVE.fullmatch(gap) and divisions[k]:
            # "Donetsk region's Avdiivka", "Ukraine's Kharkiv"
            ties.append(Tie(k + 1, k, bool(re.search(rf"\b(?:{_CLASS_RE})\b", gap, re.IGNORECASE))))
    return [t for t in ties if not parts[t.outer]]


def _km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


_RANK = {"continent": 5, "country": 4, "region": 3, "group": 3, "admin1": 2, "admin2": 1}


def lies_within(place: Place, division: Place) -> bool:
    """Whether ``place`` lies inside ``division`` as far as the gazetteer can tell: the same
    country, the division's name as its own first-level division, or (where none is recorded)
    near enough to the division's point for its kind. A town named as the division whose name
    is also its province's ("Misrata" for Misratah district) holds every town of that province.

    >>> province = Place("a", "Herat", "admin1", "AF", 34.3, 62.2)
    >>> lies_within(Place("b", "Obeh", "city", "AF", 34.37, 63.18, admin1="Herat"), province)
    True
    >>> lies_within(Place("c", "Obe", "city", "FR", 43.7, 4.1), province)
    False
    >>> misrata = Place("d", "Misratah", "city", "LY", 32.38, 15.09, admin1="Misratah")
    >>> lies_within(Place("e", "Bani Walid", "city", "LY", 31.75, 13.99, admin1="Misratah"), misrata)
    True
    """
    if place.id == division.id:
        # a town named with the district of its own name ("Pyay town (Pyay township)") lies in it
        return place.feature in ("city", "admin2", "other", "facility")
    if _RANK.get(place.feature, 0) >= _RANK.get(division.feature, 0) and division.feature != "city":
        return False  # a province is not inside a district, a country not inside a province
    if division.feature == "continent":
        return False
    if division.feature == "city" and place.feature not in ("city", "admin2", "other", "facility"):
        return False
    if division.country and place.country and division.country != place.country:
        return False
    if division.feature == "country":
        return place.country == division.country
    if division.feature == "admin1":
        if place.admin1:
            return place.admin1 == division.name
        return _km(place, division) <= FIRST_LEVEL_KM
    if division.feature in ("region", "group"):
        return _km(place, division) <= REGION_KM
    if division.feature == "city" and place.admin1 and place.admin1 == division.admin1 and _seat_of(division):
        return True  # "Bani Walid (Misrata)": the town's name stands for its province
    return _km(place, division) <= LOCAL_KM


def _seat_of(town: Place) -> bool:
    """Whether ``town`` bears the name of its own first-level division (Misrata in Misratah)."""
    if not town.admin1:
        return False
    keys = {romanised_key(normalise_name(n)) or normalise_name(n) for n in (town.name, *town.aliases)}
    return (romanised_key(normalise_name(town.admin1)) or normalise_name(town.admin1)) in keys
