"""The surface patterns of time expressions: regular expressions, each tied to a normaliser kind."""

from __future__ import annotations

import re
from dataclasses import dataclass

from karamap.temporal.lexicon import NUMBER_WORDS, ORDINALS

__all__ = ["Rule", "RULES", "DURATION_MODIFIER", "DATE_MODIFIER", "ANCHOR_BEFORE", "ANCHOR_AFTER", "ZONE"]


@dataclass(frozen=True, slots=True, init=False)
class Rule:
    """A pattern and the name of the normaliser that turns its matches into values."""

    name: str
    regex: re.Pattern[str]
    #: key of :data:`karamap.temporal.normalise.NORMALISERS`
    kind: str
    #: a word every match contains (None: scan the whole text). The tagger runs ``regex``
    #: only within :data:`ANCHOR_BEFORE` / :data:`ANCHOR_AFTER` characters of its hits,
    #: which is several times faster for rules that open with optional words.
    anchor: re.Pattern[str] | None

    def __init__(self, name: str, compiled: tuple[re.Pattern[str], re.Pattern[str] | None], kind: str) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "regex", compiled[0])
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "anchor", compiled[1])


#: how far before / after an anchor word a match of its rule may start / end
ANCHOR_BEFORE = 90
ANCHOR_AFTER = 60


# ---------------------------------------------------------------- building blocks
# Month names must be capitalised ("may", "march" are verbs); abbreviations need their period
# or a following day number.
_MONTH_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
MONTH = rf"(?:(?:{_MONTH_FULL})(?![a-z])|(?:{_MONTH_ABBR})\.|(?:{_MONTH_ABBR})(?=\s*\d))"
# an abbreviation without its period, after a day's number ("on 15 Jan, police ...")
_MONTH_ABBR_BARE = rf"(?:(?:{_MONTH_ABBR})(?![a-z]))"
MONTH_ABBR_ONLY = rf"(?:{_MONTH_ABBR})"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR_DIGITS = r"(?:1[0-9]\d\d|20\d\d)(?![\d,]\d)"
_UNITS_W = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS_W = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS_W = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
#: a year read out ("nineteen ninety-six", "two thousand and one"), as broadcast transcripts write it
SPOKEN_YEAR = (
    rf"(?:nineteen[\s-](?:hundred|{_TEENS_W}|{_TENS_W}(?:[\s-]{_UNITS_W})?|oh[\s-]{_UNITS_W})"
    rf"|two[\s-]thousand(?:(?:\s+and)?[\s-](?:{_UNITS_W}|{_TEENS_W}))?)(?![\w-])"
)
YEAR = rf"(?:{YEAR_DIGITS}|{SPOKEN_YEAR})"
# the second year of a season that straddles two ("the winter of 2011-12")
_YEAR_SPAN = r"(?:[-/\u2013](?:\d\d|(?:19|20)\d\d)(?!\d))"
_BOUND_L = r"(?<![\w$£€#./])(?<![\d.]-)"
_BOUND_R = r"(?![\w%$£€]|-\w|/\d|\.\d|,\d{3})"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![a-z])"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
PART = r"(?:morning|afternoon|evening|night)"
# a day said relative to today, and the part of it, after a clock time ("tomorrow", "tonight",
# "last night", "this evening", "yesterday morning")
_SAID_DAY = (r"(?i:(?P<deictic>tonight|last\s+night|this(?=\s+(?:morning|afternoon|evening))|yesterday|today|tomorrow)"
             r"(?:\s+(?P<dpart>morning|afternoon|evening|night))?)(?![\w-])")
# the day a clock time is on, when the text names it right after ("0300 GMT on Tuesday",
# "10 p.m. tomorrow")
_CLOCK_DAY = rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<m>{MONTH})\s*(?P<d>{DAY}))|\s+{_SAID_DAY})?"
# a preposition that makes a bare four-digit number a time of day ("at 0300 GMT")
_AT = r"(?:(?<=\bat\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\bfrom\s)|(?<=\baround\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\bsince\s))"
#: time zones news gives with a clock time ("10 p.m. EST", "0300 GMT", "14:30 local time")
ZONE = (r"(?:[ECMP][SD]?T|(?:GMT|UTC)(?:\s?[+\u2212-]\s?(?:1[0-4]|0?\d)(?::?[0-5]\d)?(?![\d:]))?|Z\b|BST|CES?T|EES?T|WES?T|MSK|IST|PKT|AST|AFT|IRST|EAT|WAT|CAT|SAST|"
        r"JST|KST|HKT|SGT|WIB|AE[SD]T|NZ[SD]T|"
        r"(?:local|Moscow|Kyiv|Kiev|Baghdad|Damascus|Tehran|Kabul|Beirut)\s+time)(?![\w])")
_W = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("a", "an", "single")), key=len, reverse=True))
NUMWORD = rf"(?:{_W})(?![a-z])"
NUM = (
    rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?:\s+\d/\d)?"
    rf"|(?:a\s+)?(?:couple|dozen)(?:\s+of)?"
    rf"|a\s+few|(?:several|few|many|some|numerous)"
    rf"|(?:a|an|one)\s+(?:hundred|thousand)(?:\s+and\s+{NUMWORD})?"
    rf"|{NUMWORD}(?:(?:\s+and\s+|[\s-]+){NUMWORD})*(?:\s+and\s+a\s+half)?"
    rf"|an?(?:\s+and\s+a\s+half)?)"
)
UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)|millenni(?:um|a))(?![a-z])"
UNIT_SG = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|millennium)"
_ORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
ORD = rf"(?:{_ORD}|last|final|latter)"
REL = r"(?:this\s+past|this\s+coming|the\s+past|the\s+last|the\s+next|the\s+previous|the\s+coming|the\s+following|the\s+current|this|last|next|past|previous|coming|current)"

#: words before a DURATION that belong to it (TimeBank keeps them in the span)
DURATION_MODIFIER = re.compile(
    r"(?i:(?<![\w-])(?:nearly|almost|about|around|roughly|approximately|some|more\s+than|over|"
    r"less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|no\s+more\s+than|only|just|"
    r"under|well\s+over|close\s+to|barely|a\s+full|full))\s+$"
)
#: words before a DATE of month or coarser granularity that belong to it
DATE_MODIFIER = re.compile(
    r"(?i:(?<![\w-])(?:(?:the\s+)?(?:very\s+)?(?:early|late|mid)|mid|earlier|later|pre|post|"
    r"(?:the\s+)?(?:end|beginning|start|middle|close|turn)\s+of(?:\s+the)?))[\s-]+$"
)


def _r(pattern: str, first: str, anchor: re.Pattern[str] | None = None) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """Compile a rule; ``first`` is the class of characters a match can start with.

    The leading look-ahead lets the engine drop most positions at once: without it, a
    pattern that opens with optional words is tried in full at every character. ``anchor``
    is a word every match contains, found by a cheap scan (see :class:`Rule`).
    """
    return re.compile(f"(?=[{first}])(?:{pattern})"), anchor


# Words every match of a rule contains: the tagger runs the rule only near them.
_A_MONTH = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_A_DECADE = re.compile(r"\d0'?s|ties\b", re.I)
_A_CENTURY = re.compile(r"century", re.I)
_A_SEASON = re.compile(r"spring|summer|fall|autumn|winter", re.I)
_A_QUARTER = re.compile(r"quarter|period|qtr", re.I)
_A_YEAR = re.compile(r"year", re.I)
_A_HALF = re.compile(r"half", re.I)
_A_MONTHS = re.compile(r"months", re.I)
_A_HOLIDAY = re.compile(
    r"Thanksgiving|Christmas|New Year|Independence|Fourth of July|Election Day|Easter|"
    r"Good Friday|Labor Day|Memorial Day|Veterans|Armistice|Valentine|Halloween|Boxing Day|"
    r"Martin Luther|Presidents|Columbus|Victory Day|Labour Day|Republic Day|Orthodox"
)
_A_PLURAL_UNIT = re.compile(r"(?:year|month|week|day|decade|hour|minute)s|centuries", re.I)
_A_LONG = re.compile(r"-long", re.I)
_A_THAT = re.compile(r"\b(?:that|same)\s", re.I)
_A_END_OF = re.compile(r"(?:end|beginning|start|middle|close|turn)\s+of\b", re.I)
_A_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
_A_AGO = re.compile(r"ago|earlier|later|hence|from\s+now|back", re.I)
_A_EVERY = re.compile(r"every|each|per\b", re.I)


# The order is the priority among candidates of equal length.
RULES: tuple[Rule, ...] = (
    # ---- full and partial calendar dates
    Rule("iso_date", _r(rf"{_BOUND_L}(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\d])(?:T(?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d))?", first="0-9"), "iso_date"),
    # numeric dates: month or day first ("3/4/2021", read by the document date), day first with
    # dots ("12.01.2021", as most of Europe writes them), year first ("2021/01/12")
    Rule("slash_date", _r(rf"{_BOUND_L}(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)(?![\d/])", first="0-9"), "slash_date"),
    Rule("dotted_date", _r(rf"{_BOUND_L}(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?![\d.]\d|\.\d)", first="0-9"), "numeric_date"),
    Rule("year_first_date", _r(rf"{_BOUND_L}(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?![\d/])", first="0-9"), "numeric_date"),
    Rule("day_mon_year", _r(rf"{_BOUND_L}(?P<d>{DAY})-(?P<m>{_MONTH_FULL}|{_MONTH_ABBR})-(?P<y>(?:19|20)?\d\d)(?![\d-])", first="0-9", anchor=_A_MONTH), "month_day_year"),
    Rule("month_day_year", _r(rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<m>{MONTH})\s*(?P<d>{DAY})(?:,\s*|\s+)(?P<y>{YEAR})(?!\d)", first="A-Z", anchor=_A_MONTH), "month_day_year"),
    Rule("day_month_year", _r(rf"{_BOUND_L}(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<m>{MONTH}|{_MONTH_ABBR_BARE}),?\s+(?P<y>{YEAR})(?!\d)", first="A-Zt0-9", anchor=_A_MONTH), "month_day_year"),
    Rule("month_day", _r(rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<m>{MONTH})\s*(?P<d>{DAY})(?![\d:,]\d|\s*(?:%|percent|per\s*cent))", first="A-Z", anchor=_A_MONTH), "month_day"),
    Rule("day_month", _r(rf"{_BOUND_L}(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<m>{MONTH}|{_MONTH_ABBR_BARE})", first="A-Zt0-9", anchor=_A_MONTH), "month_day"),
    # the other day of a pair or range: "April 24 and 25" (25), "12-13 July" (12 and 13)
    Rule("range_first_day", _r(rf"{_BOUND_L}(?P<d>{DAY})(?=\s*(?:and|or|to|-|\u2013)\s*{DAY}\s+(?:of\s+)?(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR_DIGITS}))?)", first="0-9", anchor=_A_MONTH), "day_range"),
    Rule("range_second_day", _r(rf"(?<=\d)(?:\s*(?:and|or|to|through|-|\u2013)\s*)(?P<d>{DAY})(?:\s+(?:of\s+)?(?P<m>{MONTH}))?(?:,?\s+(?P<y>{YEAR_DIGITS}))?(?![\d:.]\d|\s*(?:%|percent|per\s*cent))", first=" atoh\\-\u2013", anchor=_A_MONTH), "day_range"),
    Rule("week_of", _r(rf"(?i:\bthe\s+week\s+of\s+)(?P<m>{MONTH})\s*(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR_DIGITS}))?", first="tT", anchor=_A_MONTH), "week_of"),
    Rule("month_year", _r(rf"(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR}){_BOUND_R}", first="A-Z", anchor=_A_MONTH), "month_year"),
    Rule("month_rel_year", _r(rf"(?P<m>{MONTH}),?\s+(?:of\s+)?(?i:(?P<rel>this|last|next))\s+year(?![\w-])", first="A-Z", anchor=_A_MONTH), "month_rel_year"),
    Rule("rel_month", _r(rf"(?i:(?P<rel>this\s+past|this\s+coming|last|next|this|past|coming))\s+(?P<m>{MONTH})(?:\s*(?P<d>{DAY}))?", first="tTlLnNpPcC", anchor=_A_MONTH), "rel_month"),
    Rule("month", _r(rf"(?P<m>{MONTH})", first="A-Z", anchor=_A_MONTH), "month"),
    Rule("fiscal_year", _r(rf"(?i:fiscal(?:\s+year)?|FY|the\s+year|model\s+year)[\s-]*'?(?P<y>{YEAR_DIGITS}|\d\d|(?i:{SPOKEN_YEAR})){_BOUND_R}", first="fFtTmM"), "fiscal_year"),
    # the years a span of years is written with: "the 1992-1995 war", "the 2012-13 budget" (each its own date)
    Rule("year_range_first", _r(rf"{_BOUND_L}(?P<y>{YEAR_DIGITS})(?=\s?[-\u2013]\s?(?P<y2>(?:1[0-9]|20)?\d\d)(?![\w-]|[.,]\d))", first="0-9"), "year_range"),
    Rule("year_range_second", _r(r"(?:(?<=\d{4}[-\u2013])|(?<=\d{4}\s[-\u2013]\s))(?P<y>(?:1[0-9]|20)?\d\d)(?![\w-]|[.,]\d)", first="0-9"), "year_range"),
    Rule("year", _r(rf"{_BOUND_L}(?P<y>{YEAR_DIGITS}|(?i:{SPOKEN_YEAR})){_BOUND_R}", first="0-9nNtT"), "year"),
    Rule("year_apostrophe", _r(r"(?i:(?<=\bin\s)|(?<=\bof\s)|(?<=\bsince\s)|(?<=\bfrom\s)|(?<=\buntil\s)|(?<=\bby\s))'(?P<yy>\d\d)(?![\w'])", first="'"), "year_short"),
    Rule("decade", _r(rf"(?i:(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?:(?P<c>1\d|20)(?P<d>\d)0'?s|'(?P<d2>\d)0'?s|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)))(?![\w'])", first="tTeElLmM'0-9", anchor=_A_DECADE), "decade"),
    Rule("century", _r(rf"(?i:(?:the\s+)?(?P<n>{_ORD}|\d{{1,2}}(?:st|nd|rd|th))[\s-]+century)(?![\w])", first="tTfFsSeEnN0-9", anchor=_A_CENTURY), "century"),
    Rule("season", _r(rf"(?i:\b(?P<rel>this\s+past|this\s+coming|last|next|this|the|early|late|mid)[\s-]+(?:(?P<mod>early|late)\s+)?(?P<s>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR}){_YEAR_SPAN}?)?)(?![\w-])", first="tTlLnNeEmM", anchor=_A_SEASON), "season"),
    Rule("season_year", _r(rf"(?i:\b(?P<s>{SEASON}))(?:\s+(?:of\s+)?(?P<y>{YEAR}){_YEAR_SPAN}?)(?![\w-])", first="sSfFaAwW", anchor=_A_SEASON), "season"),
    # ---- quarters and halves
    Rule("quarter_year", _r(rf"(?i:\b(?:the\s+)?(?:fiscal\s+)?(?P<q>{ORD})[\s-]+(?:fiscal\s+)?(?:-?quarter|qtr\.?)(?:\s+of(?:\s+(?:fiscal|the))?\s+(?:(?P<y>{YEAR})|(?P<rel>this|last|next|the\s+current|the\s+previous|the)\s+(?:fiscal\s+)?year))?)(?![\w-])", first="fFsStTlL0-9", anchor=_A_QUARTER), "quarter"),
    Rule("year_quarter", _r(rf"(?i:\b(?:the\s+)?(?:(?:fiscal\s+)?(?P<y>{YEAR})(?:'s)?|(?P<rel>this|last|next|the\s+current|the\s+previous)\s+(?:fiscal\s+)?year's)\s+(?:fiscal\s+)?(?P<q>{ORD})[\s-]+quarter)(?![\w-])", first="tT0-9lLnN", anchor=_A_QUARTER), "quarter"),
    # a half written as a code, with its year ("H1 2013", "H2'24"; "H1N1" is no half)
    Rule("h_code", _r(rf"\b(?P<hc>H[12])(?:\s+|[\s-]?')(?P<y>{YEAR_DIGITS}|\d\d)(?![\w])", first="H"), "h_code"),
    Rule("nq_code", _r(rf"\b(?P<q>[1-4]Q)(?:\s+|[\s-]?')?(?P<y>{YEAR_DIGITS}|\d\d)(?![\w])", first="1-4"), "quarter"),
    Rule("q_code", _r(rf"\b(?P<q>Q[1-4])(?:\s+|[\s-]?')?(?P<y>{YEAR}|\d\d)?(?![\w])", first="Q"), "quarter"),
    Rule("year_ago_quarter", _r(rf"(?i:\b(?:the\s+)?(?:comparable\s+|same\s+)?(?:year[\s-](?:ago|earlier)|prior[\s-]year|last\s+year's|previous\s+year's)\s+(?:(?P<q>{ORD})[\s-]+|comparable\s+)?(?P<u>quarter|period))(?![\w-])", first="tTyYcCsSpPlL", anchor=_A_QUARTER), "year_ago_period"),
    Rule("year_ago_adjective", _r(r"(?i:\b(?:year[\s-](?:ago|earlier)))(?![\w-])", first="yY", anchor=_A_YEAR), "year_ago_period"),
    Rule("corresponding_period", _r(r"(?i:\bthe\s+(?:same|corresponding|comparable)\s+(?P<u>period|quarter)\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year|of\s+last\s+year))(?![\w-])", first="tT", anchor=_A_QUARTER), "year_ago_period"),
    Rule("the_quarter", _r(r"(?i:\b(?P<rel>the\s+latest|the\s+current|the\s+previous|the\s+past|the\s+last|the\s+recent|the\s+most\s+recent|the\s+same|this|last|next|the)\s+(?:fiscal\s+)?(?:quarter|period)(?:\s+a\s+year\s+(?P<ago>ago|earlier))?)(?![\w-])", first="tTlLnN", anchor=_A_QUARTER), "the_quarter"),
    # a quarter named by its months, as companies on fiscal calendars report: "the April-June quarter"
    Rule("month_range_quarter", _r(rf"(?:(?i:the)\s+)?(?P<m1>{MONTH})\s*(?:-|\u2013|(?i:to|through))\s*(?P<m2>{MONTH})\s+(?i:quarter|period)(?:\s+(?i:of)\s+(?P<y>{YEAR_DIGITS}))?(?![\w-])", first="tTA-Z", anchor=_A_QUARTER), "month_range_quarter"),
    Rule("year_period", _r(rf"(?i:\bthe\s+(?P<y>{YEAR})\s+(?P<u>period|quarter))(?![\w-])", first="tT", anchor=_A_QUARTER), "year_period"),
    Rule("half", _r(rf"(?i:\b(?:the\s+)?(?P<h>first|second|last|latter)\s+half(?:\s+of(?:\s+(?:fiscal|the))?\s+(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\s+year|the\s+year|'(?P<d2>\d)0'?s))?)(?![\w-])", first="tTfFsSlL", anchor=_A_HALF), "half"),
    Rule("months_period", _r(rf"(?i:\b(?:the\s+)?(?:first\s+|latest\s+|year[\s-]earlier\s+|year[\s-]ago\s+)?(?P<n>nine|six|three)\s+months)(?![\w-])", first="tTnNsSfFlLyY", anchor=_A_MONTHS), "months_period"),
    # ---- holidays
    Rule("holiday", _r(rf"(?:(?i:(?P<rel>last|next|this|this\s+past|this\s+coming))\s+)?(?P<h>Thanksgiving(?:\s+Day)?|Orthodox\s+(?:Christmas|Easter)|Christmas(?:\s+(?:Day|Eve))?|Victory\s+Day|Labour\s+Day|Republic\s+Day|New\s+Year[\u2019']s\s+(?:Day|Eve)|Independence\s+Day|the\s+Fourth\s+of\s+July|Election\s+Day|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Labor\s+Day|Memorial\s+Day|Veterans\s+Day|Armistice\s+Day|Valentine[\u2019']s\s+Day|Halloween|Boxing\s+Day|Martin\s+Luther\s+King\s+Day|Presidents[\u2019']\s+Day|Columbus\s+Day)(?:,?\s+(?P<y>{YEAR_DIGITS}))?(?P<week>\s+week)?(?![\w-])", first="A-Zlnt", anchor=_A_HOLIDAY), "holiday"),
    # ---- anaphoric: the period a narrative has just named
    Rule("that_unit", _r(r"(?i:\b(?:(?P<mod>earlier|later|early|late)\s+)?(?:that|the\s+same)\s+(?P<u>year|month|quarter|day|week|morning|afternoon|evening|night))(?![\w-])", first="tTeElL", anchor=_A_THAT), "that_unit"),
    # ---- relative to the document date
    Rule("the_end_of", _r(r"(?i:\bthe\s+(?P<pos>end|beginning|start|middle|close|turn)\s+of\s+(?P<rel>the|this|last|next)\s+(?P<u>year|month|week|quarter|decade|century))(?![\w-])", first="tT", anchor=_A_END_OF), "rel_unit"),
    Rule("rel_unit", _r(rf"(?i:\b(?:(?P<mod>earlier|later|early|late|mid)[\s-]+)?(?P<rel>{REL}|the)\s+(?:fiscal\s+)?(?P<u>week(?:end)?|month|year|decade|century|spring|summer|fall|autumn|winter))(?![\w-])", first="eElLmMtTnNpPcC"), "rel_unit"),
    Rule("the_full_year", _r(r"(?i:\bthe\s+(?:full|whole|entire|calendar)\s+year)(?![\w-])", first="tT", anchor=_A_YEAR), "rel_unit_year"),
    Rule("year_end", _r(r"(?i:\byear(?:[\s-]|['\u2019]s\s+)end)(?![\w-])", first="yY"), "year_end"),
    Rule("deictic_day", _r(rf"(?i:\b(?:(?P<mod>early|late|earlier|later)\s+)?(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight|overnight)(?:\s+(?P<p>{PART}))?)(?![\w-])", first="eElLtTyYoO"), "deictic_day"),
    # anaphoric days: the day after the one the story has just named. ("The previous day" is
    # left out: in reports it dates a cause told in passing, which the events layer would take
    # for the sentence's own event.)
    Rule("next_day", _r(rf"(?i:\bthe\s+(?P<rel>next|following)\s+(?P<u>day|morning|afternoon|evening|night))(?![\w-])", first="tT"), "next_day"),
    Rule("this_part", _r(rf"(?i:\b(?:(?:later|earlier)\s+)?(?P<rel>this|last|the)\s+(?P<p>morning|afternoon|evening|night))(?![\w-])", first="tTlLeE"), "this_part"),
    # a weekday counted in a month, as votes and holidays are set: "the last Sunday of April"
    Rule("nth_weekday", _r(rf"(?i:\b(?:the\s+)?(?P<n>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+)(?P<wd>{WEEKDAY})(?i:\s+(?:of|in)\s+)(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR_DIGITS}))?", first="tTfFsSlL1-4", anchor=_A_WEEKDAY), "nth_weekday"),
    Rule("weekday", _r(rf"(?:(?i:(?P<rel>this\s+past|this\s+coming|the\s+previous|the\s+following|the\s+next|last|next|this|early|late|earlier|later))\s+)?(?P<wd>{WEEKDAY})(?:\s+(?i:(?P<p>{PART})))?", first="A-Ztlne", anchor=_A_WEEKDAY), "weekday"),
    Rule("ago", _r(rf"(?i:\b(?P<n>{NUM})[\s-]+(?P<u>{UNIT})(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+(?:so|more|two|three))?\s+(?P<dir>ago|earlier|later|from\s+now|hence|back))(?![\w-])", first="0-9zZoOtTfFsSeEnNaAdDcChHmM", anchor=_A_AGO), "ago"),
    Rule("half_ago", _r(r"(?i:\b(?:half\s+an?\s+|an?\s+half[\s-])(?P<u>century|decade|year)\s+(?P<dir>ago|earlier|later))(?![\w-])", first="hHaA", anchor=_A_AGO), "half_ago"),
    Rule("vague_ago", _r(rf"(?i:\b(?P<u>years|months|weeks|days|decades)\s+(?P<dir>ago|earlier|later|from\s+now))(?![\w-])", first="yYmMwWdD", anchor=_A_AGO), "vague_ago"),
    Rule("ref_words", _r(r"(?i:\b(?P<w>right\s+now|just\s+now|now|nowadays|currently|presently|at\s+present|the\s+present(?:\s+time|\s+day)?|these\s+days|at\s+the\s+moment|so\s+far|to\s+date|recently|more\s+recently|lately|the\s+past|the\s+future|the\s+near\s+future|a\s+later\s+date))(?![\w-])", first="rRjJnNcCpPaAtTlLmM"), "ref_words"),
    Rule("ref_adjective", _r(r"(?i:\b(?P<w>recent|future|coming)\s+(?P<u>years|months|weeks|days|quarters|decades)|\b(?P<w2>current)(?=\s+[a-z]))(?![\w-])", first="rRfFcC"), "ref_adjective"),
    # ---- times of day
    Rule("clock", _r(rf"(?i:\b(?:(?P<around>around|about|approximately)\s+)?(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mm>[0-5]\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am|pm)(?![\w])(?:\s+\(?(?P<tz>{ZONE})\)?)?){_CLOCK_DAY}", first="aA0-9"), "clock"),
    # a 24-hour time with its zone, as wire copy gives the hour of an attack ("at 0300 GMT")
    Rule("clock_zone", _r(rf"(?i:{_BOUND_L}(?P<h>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)\s*\(?(?P<tz>{ZONE})\)?){_CLOCK_DAY}", first="0-9"), "clock"),
    Rule("clock_military", _r(rf"(?i:{_AT}(?P<h>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s*(?P<zp>\()?(?P<tz>{ZONE}|hrs\b|hours\b)(?(zp)\))){_CLOCK_DAY}", first="0-2"), "clock"),
    Rule("clock24", _r(rf"(?i:(?<=\bat\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bfrom\s))(?P<h>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)(?:\s+(?:hours|hrs|GMT|UTC|local\s+time))?(?![\d]){_CLOCK_DAY}", first="0-9"), "clock"),
    Rule("clock_part", _r(rf"(?i:\b(?:(?P<around>around|about|approximately)\s+)?(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mm>[0-5]\d))?(?:\s+o'clock)?\s+in\s+the\s+(?P<part>morning|afternoon|evening|night))(?![\w-]){_CLOCK_DAY}", first="aA0-9"), "clock"),
    # an hour told on the clock face: "at ten o'clock", "around 4 o'clock" (the half of the day unsaid)
    Rule("oclock", _r(rf"(?i:\b(?:(?P<around>around|about|approximately)\s+)?(?P<h>1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o['\u2019]clock)(?![\w-])(?:\s+(?i:in\s+the\s+(?P<part>morning|afternoon|evening|night)))?{_CLOCK_DAY}", first="aAoOtTfFsSeEnN0-9"), "clock"),
    # a bare hour whose half of the day the day after it tells: "at 8 tonight", "at 11 last night"
    Rule("clock_said_day", _r(rf"(?i:(?<=\bat\s)(?:(?P<around>around|about)\s+)?(?P<h>1[0-2]|[1-9])(?:[:.](?P<mm>[0-5]\d))?)\s+{_SAID_DAY}", first="aA0-9"), "clock_said_day"),
    Rule("part_of_day", _r(rf"(?i:\b(?:mid(?!night)|early|late)[\s-]?(?P<p>morning|afternoon|evening|night)(?:\s+(?P<deictic>yesterday|today|tomorrow)|\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday))?)(?![\w-])", first="mMeElL"), "part_of_day"),
    Rule("noon", _r(rf"(?i:(?<!high\s)\b(?P<w>noon|midnight|midday))(?:\s+\(?(?P<tz>{ZONE})\)?)?{_CLOCK_DAY}(?![\w-])", first="nNmM"), "noon"),
    # ---- sets
    Rule("set_every", _r(rf"(?i:\b(?:every|each|per)\s+(?:other\s+)?(?:(?P<n>{NUM})\s+)?(?P<u>{UNIT}|(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?P<m>january|february|march|april|may|june|july|august|september|october|november|december)|(?P<s>{SEASON})|(?P<p>morning|afternoon|evening|night)))(?![\w-])", first="eEpP", anchor=_A_EVERY), "set_every"),
    Rule("set_adverb", _r(r"(?i:\b(?P<w>daily|weekly|monthly|yearly|hourly|nightly|biweekly|bimonthly|annually|semi-?annually|quarterly|fortnightly)(?=\s+(?:basis|dividend|meeting|report|payment|rate|average|chart|newspaper|paper|magazine|briefing)|[\s.,;:)]|$))", first="dDwWmMyYhHnNbBaAsSqQfF"), "set_adverb"),
    # a frequency: "twice a week", "three times a day", "once every month"
    Rule("set_times", _r(rf"(?i:\b(?P<f>once|twice|thrice|(?:\d+|{NUMWORD}|several|many)\s+times)\s+(?:a|an|per|each|every)\s+(?P<u>{UNIT_SG}))(?![\w-])", first="oOtT0-9fFsSeEnNmM"), "set_times"),
    # weekdays in the plural ("on Tuesdays and Thursdays", "most Fridays") and a weekday's part in
    # the plural ("Friday evenings"): each such day, a SET
    Rule("set_plural_weekday", _r(r"(?i:(?<=\bon\s)|(?<=\band\s)|(?<=\bor\s)|(?<=\bmost\s)|(?<=\bmany\s)|(?<=\bsome\s)|(?<=\ball\s))(?P<wd>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days)(?:\s+(?i:(?P<p>morning|afternoon|evening|night)s))?(?![\w'\u2019])", first="MTWFS"), "set_plural_weekday"),
    Rule("set_weekday_parts", _r(rf"(?P<wd>{WEEKDAY})\s+(?i:(?P<p>morning|afternoon|evening|night)s)(?![\w'\u2019])", first="MTWFS", anchor=_A_WEEKDAY), "set_plural_weekday"),
    Rule("set_weekends", _r(r"(?i:(?:(?<=\bon\s)|(?<=\bat\s)|(?<=\bover\s)|(?<=\bmost\s))weekends|\b(?:every|each)\s+weekend)(?![\w'\u2019])", first="wWeE"), "set_weekends"),
    # ---- durations
    Rule("duration", _r(rf"(?i:\b(?:(?P<rel>the\s+(?:past|last|next|first|coming|previous|following|final|latest|remaining|initial|same)|(?:past|last|next|coming|previous|first|another|additional|further)|the)\s+)?(?P<n>{NUM})(?:\s+(?:more|additional|straight|consecutive|full|long|trading|working|business|calendar))?[\s-]+(?P<u>{UNIT})(?P<adj>-long)?(?P<half>\s+and\s+a\s+half)?)(?![\w-]|-old)", first="0-9zZoOtTfFsSeEnNaAdDcChHmMpPlLrRiI"), "duration"),
    Rule("duration_fraction", _r(rf"(?i:\b(?:(?P<pre>a|an|one)\s+)?half\s+(?:an?\s+)?(?P<u>{UNIT_SG}))(?![\w-])", first="aAoOhH", anchor=_A_HALF), "duration_half"),
    Rule("vague_duration", _r(rf"(?i:(?:(?<=\bfor\s)|(?<=\bin\s)|(?<=\bwithin\s)|(?<=\btook\s)|(?<=\btake\s)|(?<=\btakes\s)|(?<=\btaking\s)|(?<=\blast\s)|(?<=\blasted\s)|(?<=\bover\s)|(?<=\bspent\s))(?P<u>years|months|weeks|days|decades|hours|centuries|minutes)|\b(?P<u2>years|decades|centuries|months|weeks|days)-long|\bthe\s+(?P<u3>years|months|weeks|days)\s+ahead|(?<=\bover\s)the\s+(?P<u4>years|decades|centuries))(?![\w-])", first="yYmMwWdDhHcCtT", anchor=_A_PLURAL_UNIT), "vague_duration"),
    # an unstated length: "for a while", "for some time" (TIMEX3 PXX: neither count nor unit)
    Rule("a_while", _r(r"(?i:(?:(?<=\bfor\s)|(?<=\bafter\s)|(?<=\bin\s))(?:a\s+while|some\s+time))(?![\w-])", first="aAsS"), "a_while"),
    Rule("unit_long", _r(r"(?i:\b(?P<u>day|week|month|year|hour)-long)(?![\w-])", first="dDwWmMyYhH", anchor=_A_LONG), "unit_long"),
)
