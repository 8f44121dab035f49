"""Fatalities: how many people a report says were killed, coded as ACLED codes them.

ACLED records the reported dead of an event, never the wounded, and takes the most conservative
figure a report gives (ACLED, "Fatalities" in its knowledge base and codebook): "at least 12" is
12, "more than 20" is 20, a range its lower end; "tens" is 10, "dozens" 12, "hundreds" 100; an
unspecified plural ("several", "a number of", "an unknown number") is 3, ACLED's current
convention (its 2019 codebook used 10). A report that says nobody died ("no casualties",
"casualties unknown", "no fatalities were reported") is 0, as ACLED codes an event without
reported deaths. A report that says nothing about the dead gives no figure at all (None): a map
must not claim a count the text does not give.

ACLED's own notes state a coded figure outright ("Fatalities coded as 0", "coded as 10
fatalities split across 2 events"); that statement wins over any count in the prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from karamap.prefilter import KEEP_CHARS, TextScan

__all__ = ["Count", "VAGUE", "parse_number", "death_counts", "fatalities_in"]

_F = re.IGNORECASE

_UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a dozen": 12, "dozen": 12, "a couple of": 2, "a pair of": 2,
}
#: vague quantities and the figure ACLED codes for each (see the module docstring)
VAGUE = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
    "several": 3, "some": 3, "a few": 3, "a number of": 3, "unknown number of": 3, "many": 3,
    "multiple": 3, "numerous": 3,
}
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SMALL = r"one|two|three|four|five|six|seven|eight|nine"
_WORD_NUM = (rf"(?:{_TENS})(?:[- ](?:{_SMALL})\b)?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
             rf"eighteen|nineteen|{_SMALL}|ten|a dozen|dozen|a couple of|a pair of")
_VAGUE = (r"an? (?:unknown|unspecified|undetermined|unconfirmed) number of|(?:unknown|unspecified) number of|"
          r"a number of|a few|several|some|dozens(?: of)?|tens(?: of)?|scores(?: of)?|hundreds(?: of)?|"
          r"thousands(?: of)?|many|multiple|numerous")
_HEDGE = (r"(?:at least|at most|more than|over|up to|around|about|approximately|roughly|nearly|almost|"
          r"an estimated|reportedly|a total of|as many as|no fewer than|no less than|close to|"
          r"fewer than|less than|under)\s+")
_RANGE = r"\s*(?:-|–|to|or)\s*"
#: a number of people: digits (a range keeps its lower end), words, a vague quantity or an article
NUMBER = re.compile(
    rf"\b(?:{_HEDGE})*(?:(?P<digits>\d{{1,5}}(?:,\d{{3}})?)(?:{_RANGE}\d{{1,5}})?(?![\d%]|[.,]\d)|"
    rf"(?P<words>{_WORD_NUM})(?:{_RANGE}(?:{_WORD_NUM}))?|(?P<vague>{_VAGUE})|"
    rf"(?P<article>an?|one|the|his|her|their|its))\b",
    _F,
)
# Heads that are not people ("killing some animals", "destroying 6 houses", "10 km").
_NOT_PEOPLE = re.compile(
    r"(?:animals?|cattle|cows?|goats?|sheep|camels?|donkeys?|horses?|livestock|dogs?|heads?|"
    r"houses?|homes?|buildings?|shops?|vehicles?|cars?|trucks?|tanks?|rounds?|shells?|rockets?|missiles?|"
    r"drones?|bombs?|mines?|times?|incidents?|attacks?|events?|villages?|positions?|kilomet(?:er|re)s?|"
    r"km|met(?:er|re)s?|miles?|minutes?|hours?|days?|weeks?|months?|years?|percent|tons?|"
    r"weapons?|guns?|rifles?|motorbikes?|motorcycles?|boats?|hideouts?|bases?|posts?|checkpoints?|"
    r"explosions?|strikes?|airstrikes?|projectiles?|bod(?:y|ies) parts?|property|crops|fields?|"
    r"equipment|pieces?|items?|cases?|reports?|sources?|districts?|areas?|locations?|sites?|wells?)$",
    _F,
)
_IRREGULAR_PLURALS = frozenset(
    "people men women children personnel staff police crew fishermen gunmen militiamen policemen servicemen "
    "tribesmen clansmen herdsmen kinsmen elderly dead youth troops".split()
)
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
           r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_DATE_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$|[A-Za-z/#]$", _F)
_DATE_AFTER = re.compile(
    rf"\s*(?:(?:st|nd|rd|th)\b)?\s*(?:of\s+)?(?:{_MONTHS})\b|(?:\s*-\s*|\s+)(?:years?|months?|weeks?|days?)\b"
    r"|\s*(?:am|pm|a\.m\.|p\.m\.|hrs|h\b|km|kms|%|:\d)", _F)
# A count that numbers part of a group already counted: "including 4 commanders", "2 of the victims".
_SUBSET_BEFORE = re.compile(r"\b(?:including|among them|among whom|of whom|of them|incl\.)\s*$", _F)
_SUBSET_AFTER = re.compile(r"\s+of\s+(?:the|them|whom|those|these)\b", _F)
# Where a noun phrase ends: punctuation, a preposition, a conjunction, a verb.
_NP_END = re.compile(
    r"(?<!\d),|,(?!\d{3}(?!\d))|[;:.()\[\]\"“”]|\s(?:and|or|of|in|at(?!\s+(?:least|most)\b)|near|on|during|after|while|when|inside|outside|from|with|who|whom|"
    r"which|that|as|by|before|following|for|to|was|were|is|are|had|has|have|reportedly|allegedly)\b", _F)
_PERSONS_AFTER_ARTICLE = r"(?:[\w'’-]+\s+){0,3}"

# killing verbs, active ("killed 3 militants", "shot and killed a man", "killed and mutilated a man")
_KILL_ACTIVE = re.compile(
    r"\b(?:\w+ed\s+(?:and|to death and)\s+)?(?:killed|killing|kills|kill|murdered|murdering|murders|"
    r"executed|executing|executes|beheaded|beheading|lynched|lynching|assassinated|assassinating|massacred|"
    r"massacring|slaughtered|slaughtering|shot dead|shooting dead|gunned down|gunning down|"
    r"claimed the lives of|claiming the lives of|took the lives of|taking the lives of|"
    r"(?:shot|stabbed|beat|beaten|burned|burnt|hacked|stoned)\s+to death)"
    r"(?:\s+and\s+\w+ed)?\s+(?:the\s+bod(?:y|ies)\s+of\s+)?",
    _F,
)
# a death told after its subject ("two soldiers were killed", "3 died", "a man was shot dead")
_KILL_PASSIVE = re.compile(
    r"\b(?:(?:was|were|is|are|been|being|got|get|have|has|had|reportedly|allegedly|also|all|later|"
    r"subsequently|eventually|reported(?:ly)?|confirmed|found|left|both)\s+){0,4}"
    r"(?:\w+ed\s+and\s+)?"
    r"(?:killed|murdered|executed|beheaded|lynched|assassinated|massacred|slaughtered|slain|shot dead|"
    r"gunned down|dead|died|perished|"
    r"(?:shot|stabbed|beaten|burned|burnt|hacked|stoned)\s+to death|lost (?:their|his|her) lives?)\b",
    _F,
)
# "bodies of three men were found", "the body of a woman was discovered"
_BODIES = re.compile(r"\bbod(?:y|ies)\s+of\s+", _F)
_FOUND = re.compile(r"[^.;]{0,80}?\b(?:found|discovered|recovered|retrieved|dumped|washed up)\b", _F)
# the count mixes dead with wounded or captured: "were killed and wounded", "killed, injured or captured"
_MIXED_AFTER = re.compile(
    r"\s*(?:,\s*|\s)(?:and|or|and/or)?\s*(?:injured|wounded|captured|arrested|abducted|kidnapped|missing|hurt)\b"
    r"|\s*/\s*(?:injured|wounded)\b", _F)
_MIXED_BEFORE = re.compile(r"\b(?:injured|wounded|captured|arrested)\s*(?:,|and|or|and/or)\s*$", _F)
# nominal counts: "resulting in 6 rebel fatalities", "4 dead and 9 wounded", "3 bodies"
_NOUN_DEATHS = re.compile(r"\b(?:fatalities|fatality|deaths?|dead|killed|bodies|corpses)\b", _F)
_TOLL = re.compile(
    r"\b(?:death toll|toll|number of (?:the )?dead|number of deaths)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:rose|risen|climbed|reached|stood|stands|is|was|of|at|to|hit)\s+(?:at\s+|to\s+)?", _F)
_LEAVING = re.compile(r"\b(?:leaving|left|leaves|resulting in|resulted in|causing|caused|with)\s+", _F)
_ZERO = re.compile(
    r"\b(?:no|without|zero|nil)\s+(?:(?:reported|known|immediate|human|civilian|military|other|further|"
    r"reports? of(?: any)?|information (?:on|about)|mention of|confirmed)\s+)*"
    r"(?:casualties|fatalities|deaths|victims|injuries|loss of (?:human )?li(?:fe|ves)|one (?:was )?(?:killed|hurt|injured)|"
    r"injuries (?:or|nor|and) (?:deaths|fatalities|casualties)|deaths (?:or|nor|and) injuries|"
    r"fatalities (?:or|nor|and) injuries|killed or (?:injured|wounded))\b"
    r"|\bneither\s+(?:injuries|casualties|deaths)\s+nor\s+(?:fatalities|deaths|casualties)\b"
    r"|\bneither\s+(?:fatalities|deaths)\s+nor\s+(?:injuries|casualties)\b"
    r"|\bno(?:body| one)\s+(?:was\s+|were\s+)?(?:killed|hurt|injured|harmed|died)\b"
    r"|\b(?:casualties|fatalities|deaths)\s+(?:were\s+|are\s+|remain\s+|is\s+)?(?:not\s+)?"
    r"(?:unknown|unclear|unreported|not known|not reported|unconfirmed|not (?:yet )?confirmed)\b"
    r"|\bthere were no (?:casualties|fatalities|deaths|injuries)\b",
    _F,
)
# ACLED's own statement of the figure it coded
_CODED = re.compile(
    r"\b(?:fatalities|fatality|deaths?)\b[^.;\[\]()]{0,50}?\bcoded\s+(?:as\s+)?(\d{1,5})\b"
    r"|\b(\d{1,5})\s+fatalit(?:y|ies)\s+coded\b"
    r"|\bcoded\s+(?:as\s+)?(\d{1,5})\s+fatalit(?:y|ies)\b",
    _F,
)
_N_EVENTS = r"(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:events|locations)\b"
_SPLIT = re.compile(
    rf"\b(?:(\d{{1,5}})\s+(?:[\w-]+\s+){{0,2}}?)?fatalit(?:y|ies)\s+(?:were\s+|are\s+)?split\s+"
    rf"(?:between|among|across|over)\s+{_N_EVENTS}", _F)
_SPLIT_AFTER = re.compile(rf"\s*(?:were\s+|are\s+)?split\s+(?:between|among|across|over)\s+{_N_EVENTS}", _F)
# a side's own claim: ACLED keeps the more conservative of two figures
_CLAIM = re.compile(r"\b(?:claim(?:ed|s|ing)?|boast(?:ed|s)?)\b", _F)
# A clause ends where another starts; a subject does not reach across it.
_BOUNDARY = re.compile(r"[;:()\[\]]|\.\s|\b(?:while|whereas|but|after|when|as|because|since|and then|that)\b", _F)
_RELATIVE = re.compile(r"\b(?:who|whom|that|which)\s+(?:(?:was|were|had been|have been|has been)\s+)?$", _F)
# Participles and adjectives inside a subject that are not the verb of another clause.
_NOT_CLAUSE_VERBS = frozenset(
    "armed unidentified suspected alleged wounded injured killed including belonging unarmed "
    "displaced detained abducted kidnapped retired united named led affiliated riding travelling traveling "
    "working living serving based stationed accused believed".split()
)


@dataclass(frozen=True, slots=True)
class Count:
    """One statement of deaths: ``value`` people, at ``start``..``end``; ``vague`` where the
    text gives no figure ("several"), ``claim`` where it is a side's own claim."""

    start: int
    end: int
    value: int
    vague: bool = False
    claim: bool = False


_Num = tuple[int, int, int, bool]  # start, end, value, vague


def parse_number(s: str) -> int | None:
    """The conservative value of a number expression, as ACLED codes it.

    >>> [parse_number(x) for x in ("at least 12", "two", "twenty-one", "dozens", "several", "3-5", "a")]
    [12, 2, 21, 12, 3, 3, 1]
    """
    m = NUMBER.fullmatch(s.strip())
    return None if m is None else _value(m)


def _value(m: re.Match[str]) -> int | None:
    if m.group("digits"):
        return int(m.group("digits").replace(",", ""))
    if m.group("words"):
        w = re.split(_RANGE, m.group("words").lower())[0] if not re.match(
            rf"(?:{_TENS})[- ]", m.group("words"), _F) else m.group("words").lower()
        if w in _UNITS:
            return _UNITS[w]
        tens, _, unit = w.replace(" ", "-").partition("-")
        return _UNITS.get(tens, 0) + _UNITS.get(unit, 0) or None
    if m.group("vague"):
        v = re.sub(r"\s+of$", "", m.group("vague").lower())
        if "number of" in v and v != "a number of":
            return VAGUE["unknown number of"]
        return VAGUE.get(v, 3)
    if m.group("article"):
        return 1 if m.group("article").lower() in ("a", "an", "one") else None
    return None


def _head(text: str, pos: int, end: int) -> tuple[str, int]:
    """The last word of the noun phrase starting at ``pos`` (its head) and where the phrase ends."""
    stop = _NP_END.search(text, pos, min(end, pos + 80))
    np_end = stop.start() if stop else min(end, pos + 80)
    words = re.findall(r"[\w'’-]+", text[pos:np_end])
    return (words[-1].lower() if words else ""), np_end


def _plural(word: str) -> bool:
    return word in _IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith(("ss", "us", "is")))


def _in_date(text: str, start: int, end: int) -> bool:
    """A number that is part of a date, a time or a measure ("on 3 May", "May 3", "10 km")."""
    digits = text[start:end].strip()
    return bool(_DATE_BEFORE.search(text, max(0, start - 12), start) or _DATE_AFTER.match(text, end)
                or (len(digits) == 4 and digits.isdigit() and int(digits) > 1800))


def _numbers(text: str, start: int, end: int, *, argument: bool = True) -> list[_Num]:
    """Each count of people in ``text[start:end]``.

    In an ``argument`` of a killing verb, any singular noun phrase counts one ("a judge", "his
    son"); elsewhere only figures count. A figure of a date, a measure or a thing ("six houses")
    is none; nor is one that numbers part of a group counted already ("including 4
    commanders", "2 of the victims"), nor a phrase set off by commas after a count (an
    apposition: "1 civilian, a tribal elder,").
    """
    out: list[_Num] = []
    for m in NUMBER.finditer(text, start, end):
        art = (m.group("article") or "").lower()
        if art and not argument:
            continue
        num_start = m.start("digits") if m.group("digits") else m.start()
        if m.group("digits") and _in_date(text, num_start, m.end()):
            continue
        if _SUBSET_BEFORE.search(text, max(start, m.start() - 16), m.start()) or _SUBSET_AFTER.match(text, m.end()):
            continue
        if _BETWEEN.search(text, max(start, m.start() - 24), m.start()):
            continue  # "between 10 and 15": the lower end counts
        head, _ = _head(text, m.end(), end)
        if head and _NOT_PEOPLE.match(head) or not head and art:
            continue
        if art:
            if _OF_BEFORE.search(text, max(start, m.start() - 8), m.start()):
                continue  # "a member of the regime's forces": the phrase of a noun, not a new count
            if _plural(head) or (art not in ("a", "an", "one") and head in ("own", "way", "part")):
                continue  # "the soldiers": a plural without a figure
            if out and art in ("a", "an") and re.fullmatch(r"[^,.;]*,\s*", text[out[-1][1]:m.start()]):
                continue  # an apposition
            out.append((m.start(), m.end(), 1, False))
            continue
        value = _value(m)
        if value is not None:
            out.append((m.start(), m.end(), value, bool(m.group("vague"))))
    return out


_BETWEEN = re.compile(r"\bbetween\s+[\w-]+\s+and\s+$", _F)
_OF_BEFORE = re.compile(r"\b(?:of|in|at|from|for|with|to|by|on|near|against|than)\s+$", _F)
_OWN_VERB = re.compile(r"(?:\s+[\w'’-]+){0,3}?\s+(?:were|was|are|is|got|have|has|had)\b", _F)
_OBJECT_END = re.compile(
    # (a comma between digits groups thousands: "killed 2,000 people" is one count)
    rf"(?<!\d),|,(?!\d{{3}}(?!\d))|[;:.()\[\]]|\b(?:and|or)\s+(?:\w+ly\s+)?(?:(?!\d)(?!(?:{_WORD_NUM}|an?|his|her|their|the)\b)[\w-]+(?:ed|ing)\b|"
    r"injur|wound|hurt)|\b(?:in|at(?!\s+(?:least|most)\b)|near|on|during|after|while|when|inside|outside|from|with|"
    r"who|which|that|as|by|before|following|for)\b", _F)


def _object_counts(text: str, start: int, end: int) -> list[_Num]:
    """The counts of the object of a killing verb ("7 soldiers and 3 civilians"), up to the
    first word that opens another phrase."""
    limit = min(end, start + 120)
    m = _OBJECT_END.search(text, start, limit)
    found = _numbers(text, start, m.start() if m else limit)
    # the first count must open the object ("killed 7 militants", not "killed the head of 2 units"),
    # unless only things come first ("killed 2 goats and a shepherd")
    if not found:
        return []
    lead = text[start:found[0][0]]
    if lead.strip() and not (re.fullmatch(r"(?:[\w'’-]+\s+){1,4}and\s+", lead)
                             and _NOT_PEOPLE.match(lead.split()[-2])):
        return []
    kept = found[:1]
    for n in found[1:]:
        if _OWN_VERB.match(text, n[1]):
            break  # "killed 9 soldiers and 8 others were injured": that count has its own verb
        kept.append(n)
    return kept


def _subject_counts(text: str, lo: int, at: int) -> list[_Num]:
    """The counts of the subject of a death told at ``at`` ("two soldiers were killed")."""
    left = lo
    for m in _BOUNDARY.finditer(text, lo, at):
        left = m.end()
    found = _numbers(text, left, at)
    if not found:
        return []
    # the counts after the last verb of another clause ("attacked a post and 3 soldiers died")
    cut = left
    for v in re.finditer(r"\b(?:\w+ed|\w+ing|was|were|is|are|had|has|have|said|says)\b(?!\s+(?:by|to)\b)",
                         text[left:at], _F):
        if v.group(0).lower() not in _NOT_CLAUSE_VERBS and left + v.end() <= found[-1][0]:
            cut = left + v.end()
    return [f for f in found if f[0] >= cut]


def _mixed(text: str, start: int, end: int, lo: int) -> bool:
    """The death shares its count with the wounded or the captured ("killed and wounded")."""
    if _MIXED_BEFORE.search(text, max(lo, start - 30), start):
        return True
    after = _MIXED_AFTER.match(text, end)
    # "were killed and 5 others wounded" has a count of its own for the wounded: not mixed
    return after is not None and not re.match(
        rf"\s*(?:,\s*)?(?:and|or)\s+(?:\d|(?:{_WORD_NUM}|others|many|several)\b)", text[end:end + 30], _F)


class _Whole:
    """A text scanned by each pattern as it is (see :func:`_scan`)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def finditer(self, pattern: re.Pattern[str], pos: int, endpos: int):
        return pattern.finditer(self.text, pos, endpos)

    def search(self, pattern: re.Pattern[str], pos: int, endpos: int) -> re.Match[str] | None:
        return pattern.search(self.text, pos, endpos)


def _scan(text: str) -> TextScan | _Whole:
    """The text to run the patterns of deaths over: by the word index the other stages share
    (where most incidents hold none of a pattern's words), a long text by each pattern itself
    (its index is not kept; made again for each incident it would cost more than it saves)."""
    return TextScan(text) if len(text) <= KEEP_CHARS else _Whole(text)


def death_counts(text: str, start: int = 0, end: int | None = None) -> list[Count]:
    """Every statement of deaths in ``text[start:end]``, in order (the wounded left out).

    >>> t = "Gunmen killed two civilians and wounded four others near the market."
    >>> [(c.value, c.vague) for c in death_counts(t)]
    [(2, False)]
    >>> [c.value for c in death_counts("At least 12 people were killed and 30 injured.")]
    [12]
    """
    end = len(text) if end is None else end
    found: list[Count] = []
    used: list[tuple[int, int]] = []

    def add(nums: list[_Num], at: int) -> None:
        nums = [n for n in nums if not any(a <= n[0] < b for a, b in used)]
        if not nums:
            return
        sentence = max(text.rfind(". ", start, at), start)
        found.append(Count(nums[0][0], nums[-1][1], sum(n[2] for n in nums), all(n[3] for n in nums),
                           bool(_CLAIM.search(text, sentence, at))))
        used.extend((n[0], n[1]) for n in nums)

    scan = _scan(text)
    active: list[tuple[int, int]] = []
    for m in scan.finditer(_KILL_ACTIVE, start, end):
        if _mixed(text, m.start(), m.end() - len(m.group(0)) + len(m.group(0).rstrip()), start):
            continue
        counts = _object_counts(text, m.end(), end)
        if counts:
            active.append((m.start(), m.end()))
        add(counts, m.start())
    for m in scan.finditer(_KILL_PASSIVE, start, end):
        if any(a < m.end() and m.start() < b for a, b in active):
            continue  # "a policeman killed a woman": the verb has its object, it is not a passive
        if _mixed(text, m.start(), m.end(), start):
            continue
        word = m.group(0).lower().split()[-1]
        lead = list(_LEAVING.finditer(text, max(start, m.start() - 100), m.start()))
        if word in ("dead", "killed") and lead:
            # "leaving 4 dead", "left 3 fighters (including a commander) dead"
            inner = re.sub(r"\([^)]*\)", lambda p: " " * len(p.group(0)), text[lead[-1].end():m.start()])
            if not re.search(r"[.;]", inner):
                base = lead[-1].end()
                add([(base + a, base + b, v, g) for a, b, v, g in _numbers(inner, 0, len(inner))], m.start())
                continue
        if _RELATIVE.search(text, max(start, m.start() - 24), m.start()):
            continue  # "justice for a man who was killed": a death the story mentions, not its own
        add(_subject_counts(text, max(start, m.start() - 160), m.start()), m.start())
    for m in scan.finditer(_BODIES, start, end):
        if _FOUND.match(text, m.end()):
            add(_numbers(text, m.end(), _head(text, m.end(), end)[1]), m.start())
    for m in scan.finditer(_TOLL, start, end):
        n = NUMBER.match(text, m.end())
        if n and n.end() > n.start() and (v := _value(n)) is not None:
            add([(n.start(), n.end(), v, bool(n.group("vague")))], m.start())
    for m in scan.finditer(_NOUN_DEATHS, start, end):
        word = m.group(0).lower()
        if word in ("dead", "killed") and (
                not re.match(r"\s*(?:and|,|\.|;|$)", text[m.end():m.end() + 5]) or _mixed(text, m.start(), m.end(), start)
                or re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", text[max(start, m.start() - 20):m.start()])):
            continue  # "4 dead and 9 wounded" is a count; "were killed" is a passive, told above
        add(_counts_before_noun(text, start, m.start(), word), m.start())
    found.sort(key=lambda c: c.start)
    return found


def _counts_before_noun(text: str, lo: int, pos: int, word: str) -> list[_Num]:
    """"6 rebel fatalities", "2 rebel and 1 military fatality": the counts right before the noun."""
    nums: list[_Num] = []
    while True:
        before = text[max(lo, pos - 40):pos]
        n = re.search(rf"(?:{NUMBER.pattern})\s+(?:(?!and\b)[\w-]+\s+){{0,2}}?$", before, _F)
        if n is None:
            break
        s0 = pos - len(before) + n.start()
        got = [x for x in _numbers(text, s0, pos, argument=word in ("fatality", "death")) if x[0] >= s0]
        if not got:
            break
        nums.insert(0, got[0])
        and_at = text.rfind(" and ", max(lo, got[0][0] - 6), got[0][0])
        if and_at < 0:
            break
        pos = and_at + 1
    return nums


def _events(raw: str) -> int:
    return int(raw) if raw.isdigit() else _UNITS[raw.lower()]


def _coded(text: str, start: int, end: int) -> int | None:
    """The figure an ACLED note says it coded, divided where it says it was split."""
    m = _scan(text).search(_CODED, start, end)
    if m is None:
        return None
    value = int(next(g for g in m.groups() if g))
    split = _SPLIT_AFTER.match(text, m.end())  # "coded as 10 fatalities split across 2 events"
    if split is None:
        later = _SPLIT.search(text, m.end(), end)  # "... coded as 10. Fatalities are split across ..."
        split = later if later is not None and not later.group(1) else None
    if split is not None:
        n = _events(split.group(split.lastindex or 1))
        return value // n if n else value
    return value


def fatalities_in(text: str, start: int = 0, end: int | None = None) -> int | None:
    """The reported dead of the incident told in ``text[start:end]``, coded as ACLED codes
    them; None where the text says nothing about deaths.

    Counts of different victims add up ("killed 2 soldiers ... a civilian was also killed" is
    3); of two counts where one is a side's claim, the lower is kept; the wounded are never
    counted; "no casualties" is 0.

    >>> fatalities_in("Gunmen shot and killed a civilian and injured two others.")
    1
    >>> fatalities_in("Two soldiers were killed and six wounded. No civilians were hurt.")
    2
    >>> fatalities_in("Police dispersed the protesters. No casualties were reported.")
    0
    >>> fatalities_in("Protesters gathered outside parliament.") is None
    True
    """
    end = len(text) if end is None else end
    coded = _coded(text, start, end)
    if coded is not None:
        return coded
    counts = death_counts(text, start, end)
    total: int | None = None
    if counts:
        firm = sum(c.value for c in counts if not c.claim)
        claims = [c.value for c in counts if c.claim]
        total = firm if not claims else (min(firm, sum(claims)) if firm else sum(claims))
    split = _scan(text).search(_SPLIT, start, end)
    if split is not None:
        dead = int(split.group(1)) if split.group(1) else total
        n = _events(split.group(2))
        if dead is not None and n:
            return dead // n
    if total is not None:
        return total
    if _scan(text).search(_ZERO, start, end):
        return 0
    return None
