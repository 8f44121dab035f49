"""TIMEX3 values for pattern matches, against the document date and the tense of the clause."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from karamap.model import TimexType
from karamap.temporal.calendar import (
    Tense,
    add_days,
    add_months,
    nearest_year_for_day,
    nearest_year_for_month,
    quarter_of,
    valid_date,
    week_value,
    weekday_date,
)
from karamap.temporal.lexicon import (
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    month_number,
    parse_number,
    unit_code,
    weekday_number,
)
from karamap.temporal.holidays import holiday_date
from karamap.temporal.tense import tense_at

__all__ = ["Norm", "Context", "NORMALISERS", "REFERENCE_KINDS", "ANAPHORIC_KINDS", "duration_value"]

Direction = Literal["before", "after"]


@dataclass(frozen=True, slots=True)
class Norm:
    """The normalised reading of a match."""

    type: TimexType
    value: str
    #: a DURATION that ends at ("before") or starts at ("after") the document date
    relative: Direction | None = None
    #: a DURATION written as an adjective of an event ("the 44-day war"), to anchor in the text
    adjectival: bool = False
    #: where the expression starts when not where the match does ("the" of "the 44-day war"
    #: belongs to the noun phrase, not to the duration)
    start: int | None = None


@dataclass(slots=True)
class Context:
    """What a normaliser may look at besides its match."""

    text: str
    dct: dt.date | None
    #: values of the expressions already normalised, in text order (for anaphora)
    previous: list[tuple[int, str]] = field(default_factory=list)

    def tense(self, m: re.Match[str]) -> Tense | None:
        return tense_at(self.text, m.start(), m.end())

    def last_calendar_ref(self, before: int, reach: int = 1500) -> tuple[int, int | None] | None:
        """The (year, month or None) of the nearest earlier calendar date within ``reach``."""
        for pos, value in reversed(self.previous):
            if before - pos > reach:
                break
            cm = _CALENDAR_VALUE.match(value)
            if cm:
                return int(cm.group(1)), int(cm.group(2)) if cm.group(2) else None
        return None

    def last_quarter_ref(
        self, before: int, reach: int = 2000, *, reported: bool = False
    ) -> tuple[int, int] | None:
        """The (year, quarter) of the nearest earlier quarter expression within ``reach``.

        ``reported``: only the four quarters closed before the document date (a year-ago
        comparison is made with a recently reported quarter, not a forecast or an old one).
        """
        for pos, value in reversed(self.previous):
            if before - pos > reach:
                break
            qm = _QUARTER_VALUE.match(value)
            if qm:
                year, q = int(qm.group(1)), int(qm.group(2))
                if reported and self.dct is not None:
                    # within the four quarters before the document's own
                    now = self.dct.year * 4 + quarter_of(self.dct) - 1
                    if not now - 4 <= year * 4 + q - 1 < now:
                        continue
                return year, q
        return None


_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
_CALENDAR_VALUE = re.compile(r"^(\d{4})(?:-(\d\d))?")
#: normalisers whose values other expressions may refer back to ("the quarter" after "the
#: third quarter"); readings that are themselves anaphoric ("a year ago") are left out
#: normalisers whose reading depends on what came before; the first pass (choosing among
#: overlapping matches, before anything is read) accepts them on trust
ANAPHORIC_KINDS = frozenset({"that_unit"})
REFERENCE_KINDS = frozenset({
    "quarter", "the_quarter", "year_period", "month_day_year", "month_day", "iso_date",
    "month_year", "year", "fiscal_year", "month", "rel_unit",
})
Normaliser = Callable[[re.Match[str], Context], "Norm | None"]

# Words after a four-digit number that show it counts things rather than names a year.
_COUNTED = re.compile(
    r"\s+(?:[a-z]+s|people|men|women|children|staff|personnel|feet|foot|km|kilometers?|"
    r"miles?|meters?|metres?|tons?|tonnes?|acres?|troops|soldiers|workers|employees|"
    r"police|militia|hectares|pounds|euros|dollars|yuan|yen|rubles|manat|drams|percent|"
    r"per\s+cent)\b"
)
_NOT_COUNTED = frozenset({"was", "has", "is", "as", "its", "his", "this", "plus", "versus", "vs"})
_YEAR_CUE_BEFORE = re.compile(
    r"(?i:\b(?:in|since|of|by|until|till|from|to|through|during|before|after|early|late|mid|"
    r"fiscal|and|or|between|around|circa|year|spring|summer|fall|autumn|winter|the|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)"
    r"[\s-]*)$"
)
_MONEY_BEFORE = re.compile(r"(?i:(?:\$|£|€|no\.|number|#|page|pages|route|flight|item|room|model|article|resolution|code|boeing|airbus|pp?\.)\s*)$")


def _ymd(date: dt.date) -> str:
    return f"{date.year:04d}-{date.month:02d}-{date.day:02d}"


def _year_str(year: int) -> str:
    return f"{year:04d}"


# --------------------------------------------------------------------- calendar dates


def _iso_date(m: re.Match[str], ctx: Context) -> Norm | None:
    date = valid_date(_full_year(m["y"], ctx), int(m["m"]), int(m["d"]))
    if date is None:
        return None
    if m["hh"]:
        return Norm("TIME", f"{_ymd(date)}T{m['hh']}:{m['mm']}")
    return Norm("DATE", _ymd(date))


def _spoken_year(words: str) -> int:
    """The year of a read-out year ("nineteen ninety-six", "two thousand and one")."""
    w = words.lower().replace("-", " ").split()
    if w[0] == "two":  # two thousand [and] N
        rest = [x for x in w[2:] if x != "and"]
        return 2000 + int(parse_number(" ".join(rest)) or 0) if rest else 2000
    rest = [x for x in w[1:] if x != "oh"]
    if rest == ["hundred"]:
        return 1900
    return 1900 + int(parse_number(" ".join(rest)) or 0)


def _full_year(yy: str, ctx: Context) -> int:
    if not yy[0].isdigit():
        return _spoken_year(yy)
    year = int(yy)
    if len(yy) > 2:
        return year
    pivot = (ctx.dct.year if ctx.dct else 2000) % 100 + 10
    return 2000 + year if year <= pivot else 1900 + year


def _slash_date(m: re.Match[str], ctx: Context) -> Norm | None:
    date = valid_date(_full_year(m["y"], ctx), int(m["m"]), int(m["d"]))
    return Norm("DATE", _ymd(date)) if date else None


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _month_day_year(m: re.Match[str], ctx: Context) -> Norm | None:
    date = valid_date(_full_year(m["y"], ctx), month_number(m["m"]), _day(m["d"]))
    return Norm("DATE", _ymd(date)) if date else None


def _month_day(m: re.Match[str], ctx: Context) -> Norm | None:
    month, day = month_number(m["m"]), _day(m["d"])
    if valid_date(2000, month, day) is None:  # 2000 is a leap year: Feb. 29 stays possible
        return None
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-{month:02d}-{day:02d}")
    year = nearest_year_for_day(month, day, ctx.dct, ctx.tense(m))
    if year is None:
        return None
    return Norm("DATE", f"{year:04d}-{month:02d}-{day:02d}")


def _week_of(m: re.Match[str], ctx: Context) -> Norm | None:
    month, day = month_number(m["m"]), _day(m["d"])
    if m["y"]:
        year: int | None = int(m["y"])
    elif ctx.dct is not None:
        year = nearest_year_for_day(month, day, ctx.dct, ctx.tense(m))
    else:
        return Norm("DATE", "XXXX-WXX")
    date = valid_date(year, month, day) if year else None
    value = week_value(date) if date else None
    return Norm("DATE", value) if value else None


def _month_year(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("DATE", f"{_full_year(m['y'], ctx):04d}-{month_number(m['m']):02d}")


def _month_rel_year(m: re.Match[str], ctx: Context) -> Norm | None:
    month = month_number(m["m"])
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-{month:02d}")
    return Norm("DATE", f"{ctx.dct.year + _rel(m['rel']):04d}-{month:02d}")


_REL_SHIFT = {
    "last": -1, "past": -1, "previous": -1, "this past": -1, "the past": -1, "the last": -1,
    "the previous": -1, "next": 1, "coming": 1, "this coming": 1, "the next": 1,
    "the coming": 1, "the following": 1, "this": 0, "the current": 0, "current": 0, "the": 0,
}


def _rel(word: str | None) -> int:
    return _REL_SHIFT.get(re.sub(r"\s+", " ", (word or "the").lower()), 0)


def _rel_month(m: re.Match[str], ctx: Context) -> Norm | None:
    month = month_number(m["m"])
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-{month:02d}")
    shift = _rel(m["rel"])
    year = ctx.dct.year
    if m["d"]:  # "last Oct. 23": the latest Oct. 23 before the document date
        day = _day(m["d"])
        for year in (ctx.dct.year - shift, ctx.dct.year, ctx.dct.year + shift) if shift else (year,):
            date = valid_date(year, month, day)
            if date is not None and (shift == 0 or (date - ctx.dct).days * shift > 0):
                return Norm("DATE", _ymd(date))
        return None
    if shift < 0 and month >= ctx.dct.month:
        year -= 1
    elif shift > 0 and month <= ctx.dct.month:
        year += 1
    return Norm("DATE", f"{year:04d}-{month:02d}")


# "May" and "March" are also verbs and nouns: alone they need a preposition before them.
_MONTH_CUE_BEFORE = re.compile(
    r"(?i:\b(?:in|since|of|by|until|till|from|to|through|during|before|after|early|late|mid|"
    r"last|next|this|and|or|between|around|end|beginning|start|middle|for|the|on|throughout)[\s-]*)$"
)


def _month(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m["m"]
    before = ctx.text[max(0, m.start() - 16) : m.start()]
    cue = _MONTH_CUE_BEFORE.search(before) is not None
    after = ctx.text[m.end() : m.end() + 30]
    if word in ("May", "March") and not cue:
        return None
    if not cue and re.match(r"\s+[A-Z][a-z]", after):  # "August Wilson", "March Madness"
        return None
    if not cue and re.match(r"\s+(?:[a-z]+ed|will|would|can|could|should|must|be|not)\b", after):
        return None
    month = month_number(word)
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-{month:02d}")
    year = nearest_year_for_month(month, ctx.dct, ctx.tense(m))
    return Norm("DATE", f"{year:04d}-{month:02d}")


# --------------------------------------------------------------------- years and coarser


def _fiscal_year(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("DATE", _year_str(_full_year(m["y"], ctx)))


def _year(m: re.Match[str], ctx: Context) -> Norm | None:
    year = _full_year(m["y"], ctx)
    text = ctx.text
    before = text[max(0, m.start() - 24) : m.start()]
    if _MONEY_BEFORE.search(before):
        return None
    cue = _YEAR_CUE_BEFORE.search(before) is not None
    horizon = (ctx.dct.year if ctx.dct else dt.date.today().year) + 30
    if year > horizon or year < 1000:
        return None
    if not cue:
        after = _COUNTED.match(text, m.end())
        if after is not None and after.group().strip().lower() not in _NOT_COUNTED:
            return None
        if year < 1800:
            return None
    return Norm("DATE", _year_str(year))


def _year_short(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("DATE", _year_str(_full_year(m["yy"], ctx)))


_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}


def _decade(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["c"]:
        return Norm("DATE", f"{m['c']}{m['d']}")
    digit = int(m["d2"]) if m["d2"] else _DECADE_WORDS[m["w"].lower()]
    century = 19 if digit > 2 or ctx.dct is None or ctx.dct.year < 2000 else 20
    if m["w"] and not m.group().lower().startswith("the"):
        return None  # "in his forties" is an age
    return Norm("DATE", f"{century}{digit}")


def _century(m: re.Match[str], ctx: Context) -> Norm | None:
    raw = m["n"].lower()
    digits = re.match(r"\d+", raw)
    n = int(digits.group()) if digits else ORDINALS.get(raw)
    if not n or n > 30:
        return None
    return Norm("DATE", f"{n - 1:02d}")


def _season_value(
    code: str, shift: int, explicit: int | None, ctx: Context, m: re.Match[str], this: bool = False
) -> Norm:
    if explicit is not None:
        return Norm("DATE", f"{explicit:04d}-{code}")
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-{code}")
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    current = ctx.dct.month >= start_month and not (code == "WI" and ctx.dct.month < 12)
    year = ctx.dct.year
    if shift < 0:
        if not current or ctx.dct.month < start_month + 3:
            year -= 1 if not current else 1
    elif shift > 0:
        if current:
            year += 1
    elif shift == 0 and not current and not this:
        tense = ctx.tense(m)
        if tense == "past" and code != "WI":
            year -= 1
    return Norm("DATE", f"{year:04d}-{code}")


def _season(m: re.Match[str], ctx: Context) -> Norm | None:
    code = SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower() if "rel" in m.re.groupindex else ""
    if rel in ("the", "early", "late", "mid") and not m["y"] and m["s"].lower() == "fall":
        # "the fall of the regime", "early fall in prices": only a year makes it a season
        after = ctx.text[m.end() : m.end() + 6]
        if re.match(r"\s+(?:of|in)\b", after):
            return None
    if rel == "" and not m["y"]:
        return None
    explicit = _full_year(m["y"], ctx) if m["y"] else None
    shift = _rel(rel) if rel not in ("early", "late", "mid") else 0
    return _season_value(code, shift, explicit, ctx, m, this=rel == "this")


# --------------------------------------------------------------------- quarters and halves


def _quarter_number(word: str) -> int | None:
    w = word.lower()
    if w in ("last", "final"):
        return 4
    if w.startswith("q"):
        return int(w[1])
    q = ORDINALS.get(w)
    return q if q and q <= 4 else None


def _year_from_rel(m: re.Match[str], ctx: Context) -> int | None:
    groups = m.groupdict()
    if groups.get("y"):
        return _full_year(m["y"], ctx)
    if ctx.dct is None:
        return None
    return ctx.dct.year + _rel(groups["rel"]) if groups.get("rel") else None


def _quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    q = _quarter_number(m["q"])
    if q is None:
        return None
    year = _year_from_rel(m, ctx)
    if year is None:
        if ctx.dct is None:
            return Norm("DATE", f"XXXX-Q{q}")
        year = ctx.dct.year
        current = quarter_of(ctx.dct)
        # Quarters are reported after they close: only a quarter two or more away from the
        # current one, against the tense, belongs to another year.
        if q - current >= 2 and ctx.tense(m) == "past":
            year -= 1
        elif current - q >= 2 and ctx.tense(m) == "future":
            year += 1
    return Norm("DATE", f"{year:04d}-Q{q}")


def _reference_quarter(m: re.Match[str], ctx: Context) -> tuple[int, int] | None:
    ref = ctx.last_quarter_ref(m.start(), reported=True)
    if ref is not None:
        return ref
    if ctx.dct is None:
        return None
    q = quarter_of(ctx.dct) - 1
    return (ctx.dct.year, q) if q else (ctx.dct.year - 1, 4)


def _year_ago_period(m: re.Match[str], ctx: Context) -> Norm | None:
    if m.groupdict().get("q"):
        q = _quarter_number(m["q"])
        if q is None:
            return None
        if ctx.dct is None:
            return Norm("DATE", f"XXXX-Q{q}")
        ref = ctx.last_quarter_ref(m.start(), reported=True)
        year = (ref[0] if ref else ctx.dct.year) - 1
        return Norm("DATE", f"{year:04d}-Q{q}")
    ref = _reference_quarter(m, ctx)
    if ref is None:
        return Norm("DATE", "XXXX-QX")
    return Norm("DATE", f"{ref[0] - 1:04d}-Q{ref[1]}")


def _the_quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    word = "period" if "period" in m.group().lower() else "quarter"
    back = 1 if m["ago"] else 0
    if ctx.dct is None:
        return Norm("DATE", "XXXX-QX") if word == "quarter" else None
    current = (ctx.dct.year, quarter_of(ctx.dct))
    ref = ctx.last_quarter_ref(m.start())
    if ref is not None and ref[0] < ctx.dct.year and rel in ("this", "the current"):
        ref = None  # "this quarter" is not the year-ago one just compared with
    if rel in ("the latest", "the most recent") and word == "quarter":
        # the last quarter closed before the document date (a company's "fourth quarter"
        # named nearby may be a fiscal one)
        ref = (current[0], current[1] - 1) if current[1] > 1 else (current[0] - 1, 4)
    if rel in ("this", "the current"):
        year, q = ref or current
    elif rel in ("last", "the previous", "the last", "the past") and word == "quarter" and ref is None:
        year, q = (current[0], current[1] - 1) if current[1] > 1 else (current[0] - 1, 4)
    elif rel == "next":
        year, q = (current[0], current[1] + 1) if current[1] < 4 else (current[0] + 1, 1)
    else:
        if ref is None:
            if word == "period" and rel not in ("the latest", "the most recent", "the same"):
                return None
            ref = _reference_quarter(m, ctx)
            if ref is None:
                return None
        year, q = ref
    return Norm("DATE", f"{year - back:04d}-Q{q}")


def _year_period(m: re.Match[str], ctx: Context) -> Norm | None:
    year = _full_year(m["y"], ctx)
    ref = ctx.last_quarter_ref(m.start())
    if ref is not None:
        return Norm("DATE", f"{year:04d}-Q{ref[1]}")
    return Norm("DATE", _year_str(year))


def _half(m: re.Match[str], ctx: Context) -> Norm | None:
    h = 1 if m["h"].lower() == "first" else 2
    if m["d2"]:
        return Norm("DATE", f"19{m['d2']}")
    if m["y"]:
        year: int | None = _full_year(m["y"], ctx)
    elif ctx.dct is not None:
        year = ctx.dct.year + (_rel(m["rel"]) if m["rel"] else 0)
    else:
        year = None
    if year is None:
        return Norm("DATE", f"XXXX-H{h}")
    return Norm("DATE", f"{year:04d}-H{h}")


def _months_period(m: re.Match[str], ctx: Context) -> Norm | None:
    n = {"nine": 9, "six": 6, "three": 3}[m["n"].lower()]
    return Norm("DURATION", f"P{n}M")


# --------------------------------------------------------------------- relative to the document


def _unit_value(unit: str, shift: int, ctx: Context, m: re.Match[str]) -> Norm | None:
    dct = ctx.dct
    if unit in SEASONS:
        this = m.groupdict().get("rel", "").lower() in ("this", "the current")
        return _season_value(SEASONS[unit], shift, None, ctx, m, this=this)
    if dct is None:
        if shift == 0 and unit != "weekend":
            return Norm("DATE", "PRESENT_REF")
        return Norm("DATE", "PAST_REF" if shift < 0 else "FUTURE_REF")
    if unit == "year":
        return Norm("DATE", _year_str(dct.year + shift))
    if unit == "day":
        date = add_days(dct, shift)
        return Norm("DATE", _ymd(date)) if date else None
    if unit == "month":
        y, mo = add_months(dct.year, dct.month, shift)
        return Norm("DATE", f"{y:04d}-{mo:02d}")
    if unit == "week":
        value = week_value(dct, shift)
        return Norm("DATE", value) if value else None
    if unit == "weekend":
        weeks = shift
        if shift == 0:
            # the weekend just past in a past-tense clause, else the coming one
            if dct.isoweekday() < 6 and ctx.tense(m) == "past":
                weeks = -1
        elif shift < 0 and dct.isoweekday() >= 6:
            weeks = 0
        value = week_value(dct, weeks)
        return Norm("DATE", f"{value}-WE") if value else None
    if unit == "quarter":
        y, mo = add_months(dct.year, dct.month, 3 * shift)
        return Norm("DATE", f"{y:04d}-Q{(mo - 1) // 3 + 1}")
    if unit == "decade":
        return Norm("DATE", f"{dct.year // 10 + shift:03d}")
    if unit == "century":
        return Norm("DATE", f"{dct.year // 100 + shift:02d}")
    return None


def _rel_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    if m.group()[:1].isupper() and m.group().istitle() and ctx.text[m.start() - 1 : m.start()] in ('"', "\u201c", "'"):
        return None  # a quoted title: ABC's "This Week"
    unit = m["u"].lower()
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    if unit == "fall" and rel == "the" and re.match(r"\s+(?:of|in)\b", ctx.text[m.end() : m.end() + 4]):
        return None  # "the fall of the town"
    if rel in ("the following", "the previous") and unit in ("year", "month"):
        # told in a narrative: the year or month after (before) the one just mentioned
        ref = ctx.last_calendar_ref(m.start())
        if ref is not None:
            year, month = ref
            step = 1 if rel == "the following" else -1
            if unit == "year":
                return Norm("DATE", _year_str(year + step))
            if month is not None:
                y, mo = add_months(year, month, step)
                return Norm("DATE", f"{y:04d}-{mo:02d}")
    if rel == "the" and not m.groupdict().get("pos"):
        # "the year", "the decade": a length more often than a date in news
        if unit == "year":
            before = ctx.text[max(0, m.start() - 5) : m.start()].lower()
            fiscal = "fiscal" in m.group().lower()
            after = ctx.text[m.end() : m.end() + 10]
            if re.match(r"\s+(?:ended|ending|to\b)", after) or fiscal:
                return Norm("DURATION", "P1Y")  # "for the year ended Sept. 30": a twelve-month period
            if re.search(r"\b(?:for|of|in)\s+$", before) and ctx.dct is not None:
                return Norm("DATE", _year_str(ctx.dct.year))  # "results for the year"
            return Norm("DURATION", "P1Y")
        if unit == "decade":
            return Norm("DURATION", "P10Y")
        if unit == "century":
            return Norm("DURATION", "P100Y")
        if unit == "month":
            return Norm("DURATION", "P1M")
        if unit == "week":
            return Norm("DATE", f"{ctx.dct.year:04d}-WXX" if ctx.dct else "XXXX-WXX")
        if unit not in ("weekend",) and unit not in SEASONS:
            return None
    return _unit_value(unit, _rel(rel), ctx, m)


def _rel_unit_year(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("DATE", _year_str(ctx.dct.year) if ctx.dct else "XXXX")


def _year_end(m: re.Match[str], ctx: Context) -> Norm | None:
    # TIMEX3 writes "year-end" as the year itself (with mod="END", which karamap drops)
    if ctx.dct is None:
        return Norm("DATE", "XXXX")
    year = ctx.dct.year
    if ctx.dct.month <= 3 and ctx.tense(m) == "past":
        year -= 1
    return Norm("DATE", _year_str(year))


_DEICTIC = {
    "today": 0, "tonight": 0, "overnight": 0, "yesterday": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}


def _deictic_day(m: re.Match[str], ctx: Context) -> Norm | None:
    word = re.sub(r"\s+", " ", m["w"].lower())
    part = PARTS_OF_DAY.get((m["p"] or "").lower()) or PARTS_OF_DAY.get(word)
    before = ctx.text[max(0, m.start() - 12) : m.start()]
    if word in ("today", "tomorrow") and re.search(r"\b(?:in|of|for)\s+$", before):
        after = ctx.text[m.end() : m.end() + 4]
        if word == "tomorrow" or re.match(r"['\u2019]s\s+[a-z]", after):
            return None  # generic: "in today's world", "the people of tomorrow"
    if ctx.dct is None:
        if word == "today":
            return Norm("DATE", "PRESENT_REF")
        base = "XXXX-XX-XX"
    else:
        date = add_days(ctx.dct, _DEICTIC[word])
        if date is None:
            return None
        base = _ymd(date)
    if part:
        return Norm("TIME", f"{base}T{part}")
    return Norm("DATE", base)


def _this_part(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = m["rel"].lower()
    part = PARTS_OF_DAY[m["p"].lower()]
    if rel == "the":
        return None
    shift = -1 if rel == "last" else 0
    if ctx.dct is None:
        return Norm("TIME", f"XXXX-XX-XXT{part}")
    date = add_days(ctx.dct, shift)
    return Norm("TIME", f"{_ymd(date)}T{part}") if date else None


_WEEKDAY_DATE_AFTER = re.compile(
    r",?\s+(?P<m>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?)\s*"
    r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y>\d{4}))?"
)


def _weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    wd = weekday_number(m["wd"])
    rel = (m["rel"] or "").lower()
    part = PARTS_OF_DAY.get((m["p"] or "").lower())
    # TimeBank mostly writes "Friday night" as the day itself (DATE), not a part of day.
    suffix = ""
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-WXX-{wd}{suffix}")
    stated = _WEEKDAY_DATE_AFTER.match(ctx.text, m.end())
    if stated is not None and not part:
        # "Thursday, Jan. 6": the weekday names the date that follows
        year = int(stated["y"]) if stated["y"] else None
        month, day = month_number(stated["m"]), _day(stated["d"])
        if year is None:
            year = nearest_year_for_day(month, day, ctx.dct, ctx.tense(m))
        date = valid_date(year, month, day) if year else None
        if date is not None and date.isoweekday() == wd:
            return Norm("DATE", _ymd(date))
    shift = {"last": -1, "this past": -1, "next": 1, "this coming": 1}.get(rel, 0)
    tense = ctx.tense(m)
    if rel == "this":
        tense = "future" if wd >= ctx.dct.isoweekday() else "past"
    date = weekday_date(wd, ctx.dct, tense, shift)
    if date is None:
        return None
    return Norm("DATE", _ymd(date) + suffix)


def duration_value(n: float | None, unit: str) -> str | None:
    """The TIMEX3 duration of ``n`` units (None: an unspecified number).

    >>> duration_value(3, "decades"), duration_value(2.5, "years"), duration_value(None, "hours")
    ('P30Y', 'P2Y6M', 'PTXH')
    """
    code, mult, clock = unit_code(unit)
    prefix = "PT" if clock else "P"
    if n is None:
        return f"{prefix}X{code if mult == 1 else ('DE' if mult == 10 else 'C' if mult == 100 else 'Y')}"
    amount = n * mult
    if amount <= 0:
        return None
    whole = int(amount)
    frac = amount - whole
    if frac == 0:
        return f"{prefix}{whole}{code}"
    smaller = {"Y": ("M", 12), "M": ("D", 30) if not clock else ("S", 60), "W": ("D", 7),
               "D": ("H", 24), "H": ("M", 60), "Q": ("M", 3), "S": ("S", 1)}[code]
    rest = round(frac * smaller[1])
    if code == "D":
        return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
    if code == "Q":
        return f"P{int(amount * 3)}M"
    head = f"{prefix}{whole}{code}" if whole else prefix
    return f"{head}{rest}{smaller[0]}"


_GRANULARITY = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}


def _ago(m: re.Match[str], ctx: Context) -> Norm | None:
    try:
        n = parse_number(m["n"])
    except KeyError:
        return None
    direction = m["dir"].lower()
    sign = -1 if direction in ("ago", "earlier", "before", "back") else 1
    code, mult, clock = unit_code(m["u"])
    if n is None:
        if direction in ("earlier", "later"):
            value = duration_value(None, m["u"])
            return Norm("DURATION", value) if value else None
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if ctx.dct is None:
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if direction in ("earlier", "later") and (clock or code == "D"):
        # "three days later", "an hour earlier": TimeBank keeps the length, not a date
        value = duration_value(n, m["u"])
        return Norm("DURATION", value) if value else None
    dct = ctx.dct
    amount = n * mult
    if amount != int(amount):
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    k = int(amount) * sign
    if clock or code == "D":
        days = k if code == "D" else 0
        date = add_days(dct, days)
        return Norm("DATE", _ymd(date)) if date else None
    if code == "W":
        value = week_value(dct, k)
        return Norm("DATE", value) if value else None
    if code == "M":
        y, mo = add_months(dct.year, dct.month, k)
        return Norm("DATE", f"{y:04d}-{mo:02d}")
    if code == "Q":
        y, mo = add_months(dct.year, dct.month, 3 * k)
        return Norm("DATE", f"{y:04d}-Q{(mo - 1) // 3 + 1}")
    if code == "Y":
        if amount == 1 and sign < 0 and direction in ("ago", "earlier"):
            ref = ctx.last_quarter_ref(m.start(), reach=1500, reported=True)
            if ref is not None:
                return Norm("DATE", f"{ref[0] - 1:04d}-Q{ref[1]}")
        year = dct.year + k
        if year < 1:
            return None
        return Norm("DATE", _year_str(year))
    return None


def _vague_ago(m: re.Match[str], ctx: Context) -> Norm | None:
    direction = m["dir"].lower()
    return Norm("DATE", "PAST_REF" if direction in ("ago", "earlier") else "FUTURE_REF")


_REF_WORDS = {
    "PRESENT_REF": ("now", "right now", "just now", "nowadays", "currently", "presently",
                    "at present", "the present", "the present time", "the present day",
                    "these days", "at the moment"),
    "PAST_REF": ("recently", "more recently", "lately", "the past", "previously", "formerly"),
    "FUTURE_REF": ("the future", "the near future", "a later date", "soon", "shortly"),
}
_REF_OF = {w: ref for ref, words in _REF_WORDS.items() for w in words}
_NUMBER_WORD_RE = r"(?:two|three|four|five|six|seven|eight|nine|ten|several|few|many)\b"


def _ref_words(m: re.Match[str], ctx: Context) -> Norm | None:
    word = re.sub(r"\s+", " ", m.group().lower())
    ref = _REF_OF.get(word)
    if ref is None:
        return None
    if word == "the past" and re.match(rf"\s+(?:\d|{_NUMBER_WORD_RE})", ctx.text[m.end() : m.end() + 12], re.I):
        return None  # "the past three summers": a count of periods, not the past at large
    return Norm("DATE", ref)


def _ref_adjective(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["w2"]:
        return Norm("DATE", "PRESENT_REF")  # "current"
    word, unit = m["w"].lower(), m["u"].lower()
    if word == "future":
        return Norm("DATE", "FUTURE_REF")
    if word == "recent" and unit in ("years", "decades"):
        return Norm("DATE", "PAST_REF")
    # "recent weeks", "coming months": an unspecified stretch before or after now
    value = duration_value(None, unit)
    return Norm("DURATION", value) if value else None


# --------------------------------------------------------------------- times of day


def _clock_date(m: re.Match[str], ctx: Context) -> str:
    groups = m.groupdict()
    if groups.get("m") and groups.get("d"):
        month, day = month_number(m["m"]), _day(m["d"])
        if ctx.dct is not None:
            year = nearest_year_for_day(month, day, ctx.dct, ctx.tense(m))
            if year is not None:
                return f"{year:04d}-{month:02d}-{day:02d}"
        return f"XXXX-{month:02d}-{day:02d}"
    if groups.get("wd"):
        if ctx.dct is None:
            return f"XXXX-WXX-{weekday_number(m['wd'])}"
        date = weekday_date(weekday_number(m["wd"]), ctx.dct, ctx.tense(m))
        if date is not None:
            return _ymd(date)
    if ctx.dct is None:
        return "XXXX-XX-XX"
    return _ymd(ctx.dct)


def _clock(m: re.Match[str], ctx: Context) -> Norm | None:
    hour = int(m["h"])
    minute = int(m["mm"]) if m["mm"] else 0
    ap = (m.groupdict().get("ap") or "").lower().replace(".", "")
    if ap == "pm" and hour < 12:
        hour += 12
    elif ap == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return None
    return Norm("TIME", f"{_clock_date(m, ctx)}T{hour:02d}:{minute:02d}")


def _noon(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m["w"].lower()
    clock = "24:00" if word == "midnight" else "12:00"
    return Norm("TIME", f"{_clock_date(m, ctx)}T{clock}")


# --------------------------------------------------------------------- sets


def _set_every(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["wd"]:
        return Norm("SET", f"XXXX-WXX-{weekday_number(m['wd'])}")
    if m["m"]:
        return Norm("SET", f"XXXX-{MONTHS[m['m'].lower()]:02d}")
    if m["s"]:
        return Norm("SET", f"XXXX-{SEASONS[m['s'].lower()]}")
    if m["p"]:
        return Norm("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[m['p'].lower()]}")
    n: float | None = 1.0
    if m["n"]:
        try:
            n = parse_number(m["n"])
        except KeyError:
            return None
    if n is None:
        return None
    if "other" in m.group().lower():
        n *= 2
    value = duration_value(n, m["u"])
    return Norm("SET", value) if value else None


_ADVERB_SET = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
    "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "bimonthly": "P2M",
    "semiannually": "P6M", "quarterly": "P1Q",
}


def _set_adverb(m: re.Match[str], ctx: Context) -> Norm | None:
    if re.match(r"\s+[a-z]", ctx.text[m.end() : m.end() + 2]) and not re.match(r"\s+basis", ctx.text[m.end() : m.end() + 7]):
        return None  # an adjective: "average daily volume", "the Communist Party daily"
    return Norm("SET", _ADVERB_SET[m["w"].lower()])


def _unit_long(m: re.Match[str], ctx: Context) -> Norm | None:
    value = duration_value(1, m["u"])
    return Norm("DURATION", value) if value else None


def _holiday(m: re.Match[str], ctx: Context) -> Norm | None:
    name = m["h"]
    if m["y"]:
        date = holiday_date(name, int(m["y"]))
        return Norm("DATE", _ymd(date)) if date else None
    if ctx.dct is None:
        return None
    rel = (m["rel"] or "").lower()
    options = [d for d in (holiday_date(name, ctx.dct.year + k) for k in (-1, 0, 1)) if d]
    if not options:
        return None
    if rel in ("last", "this past"):
        past = [d for d in options if d < ctx.dct]
        date = past[-1] if past else options[0]
    elif rel in ("next", "this coming"):
        future = [d for d in options if d > ctx.dct]
        date = future[0] if future else options[-1]
    else:
        year = nearest_year_for_day(options[0].month, options[0].day, ctx.dct, ctx.tense(m))
        date = holiday_date(name, year) if year else None
    if date is not None and m["week"]:
        return Norm("DATE", week_value(date) or "XXXX-WXX")  # "Easter week"
    return Norm("DATE", _ymd(date)) if date else None


def _that_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = m["u"].lower()
    if unit == "quarter":
        ref = ctx.last_quarter_ref(m.start())
        return Norm("DATE", f"{ref[0]:04d}-Q{ref[1]}") if ref else None
    for pos, value in reversed(ctx.previous):
        if m.start() - pos > 1500:
            break
        if unit == "year" and re.match(r"^\d{4}", value):
            return Norm("DATE", value[:4])
        if unit == "month" and re.match(r"^\d{4}-\d\d(?:$|-\d\d$)", value):
            return Norm("DATE", value[:7])
        if unit in ("day", "week") and re.match(r"^\d{4}-\d\d-\d\d$", value):
            if unit == "day":
                return Norm("DATE", value)
            return Norm("DATE", week_value(dt.date.fromisoformat(value)) or "XXXX-WXX")
    return None


def _set_plural_weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("SET", f"XXXX-WXX-{weekday_number(m['wd'][:-1])}")


# --------------------------------------------------------------------- durations

_RATE_BEFORE = re.compile(
    r"(?i:(?:\d|million|billion|trillion|dollars?|cents?|percent|%|times|twice|once|thrice|hours|"
    r"pounds?|euros?|tons?|tonnes?|barrels?|shares|units|hours|miles|kilometers|km|people)\s*)$"
)


_LENGTH_BEFORE = re.compile(
    r"(?i:\b(?:for|within|in|over|than|about|nearly|almost|after|before|of|just|only|least|"
    r"under|during|throughout|took|takes|lasted|lasts|spent|half|another|nearly)\s+)$"
)


def _duration(m: re.Match[str], ctx: Context) -> Norm | None:
    raw_n = m["n"]
    try:
        n = parse_number(raw_n)
    except KeyError:
        return None
    if n is not None and n > 10000:
        return None
    if n is not None and m["half"]:
        n += 0.5  # "a minute and a half"
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    unit = m["u"]
    if n is None and rel == "" and raw_n.lower() in ("some", "many"):
        return None  # "some days", "many years": too vague to count as a span
    value = duration_value(n, unit)
    if value is None:
        return None
    after = ctx.text[m.end() : m.end() + 12]
    if re.match(r"\s+old\b", after):
        return None  # an age: "52 years old"
    unit_word = unit.lower()
    if unit_word.startswith("quarter") and (re.match(r"\s+of\b", after) or "-" in m.group()):
        return None  # "three-quarters of its food" is a fraction
    lowered = raw_n.lower()
    if unit_word == "second" and lowered in ("a", "an", "one") and not rel:
        return None  # "a second group"
    if lowered in ("a", "an") and not rel:
        before = ctx.text[max(0, m.start() - 24) : m.start()]
        if not _LENGTH_BEFORE.search(before):
            # "four flights a week", "$2 million a year": a rate, not a length
            if _RATE_BEFORE.search(before) or re.search(r"[a-z]s\s+$|\d\s*$", before):
                return Norm("SET", value)
    relative: Direction | None = None
    if rel in ("the past", "the last", "past", "last", "the previous", "previous"):
        relative = "before"
    elif rel in ("the next", "the coming", "next", "coming", "the following"):
        relative = "after"
    between = m.group()[m.start("n") - m.start() + len(raw_n) : m.start("u") - m.start()]
    adjectival = "-" in between or bool(m["adj"])
    return Norm("DURATION", value, relative, adjectival, m.start("n") if adjectival and rel == "the" else None)


def _duration_half(m: re.Match[str], ctx: Context) -> Norm | None:
    value = duration_value(0.5, m["u"])
    return Norm("DURATION", value) if value else None


def _vague_duration(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = m["u"] or m["u2"] or m["u3"] or m["u4"]
    value = duration_value(None, unit)
    if value is None:
        return None
    if value == "PXDE":
        value = "PXY"  # TimeBank writes "decades" as an unspecified number of years
    return Norm("DURATION", value)


NORMALISERS: dict[str, Normaliser] = {
    "iso_date": _iso_date,
    "slash_date": _slash_date,
    "month_day_year": _month_day_year,
    "month_day": _month_day,
    "month_year": _month_year,
    "week_of": _week_of,
    "month_rel_year": _month_rel_year,
    "rel_month": _rel_month,
    "month": _month,
    "fiscal_year": _fiscal_year,
    "year": _year,
    "year_short": _year_short,
    "decade": _decade,
    "century": _century,
    "season": _season,
    "quarter": _quarter,
    "year_ago_period": _year_ago_period,
    "the_quarter": _the_quarter,
    "year_period": _year_period,
    "half": _half,
    "months_period": _months_period,
    "rel_unit": _rel_unit,
    "rel_unit_year": _rel_unit_year,
    "year_end": _year_end,
    "deictic_day": _deictic_day,
    "this_part": _this_part,
    "weekday": _weekday,
    "ago": _ago,
    "vague_ago": _vague_ago,
    "ref_words": _ref_words,
    "ref_adjective": _ref_adjective,
    "clock": _clock,
    "noon": _noon,
    "set_every": _set_every,
    "set_adverb": _set_adverb,
    "unit_long": _unit_long,
    "holiday": _holiday,
    "that_unit": _that_unit,
    "set_plural_weekday": _set_plural_weekday,
    "duration": _duration,
    "duration_half": _duration_half,
    "vague_duration": _vague_duration,
}
