"""Normalisers of calendar dates, months, years, decades, centuries, seasons and holidays."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from karamap.temporal.calendar import (
    nearest_date,
    nearest_year_for_day,
    nearest_year_for_month,
    valid_date,
    week_value,
)
from karamap.temporal.context import (
    Context,
    Norm,
    Normaliser,
    day_number,
    full_year,
    rel_shift,
    year_str,
    ymd,
)
from karamap.temporal.countries import countries_around, country_before
from karamap.temporal.holidays import holiday_country, holiday_date, holiday_needs_country
from karamap.temporal.lexicon import ORDINALS, SEASONS, month_number, weekday_number
from karamap.temporal.patterns import DAY, MONTH, ZONE

__all__ = ["DATE_NORMALISERS", "season_value"]


# Words after a four-digit number that show it counts things rather than names a year.
_COUNTED = re.compile(
    r"\s+(?:[a-z]+s|people|men|women|children|staff|personnel|feet|foot|km|kilometers?|"
    r"miles?|meters?|metres?|tons?|tonnes?|acres?|troops|soldiers|workers|employees|"
    r"police|militia|hectares|pounds|euros|dollars|yuan|yen|rubles|manat|drams|percent|"
    r"per\s+cent)\b"
)
_NOT_COUNTED = frozenset({"was", "has", "is", "as", "its", "his", "this", "plus", "versus", "vs"})
_YEAR_CUE_BEFORE = re.compile(
    r"(?i:\b(?:in|since|of|by|until|till|from|to|through|during|before|after|early|late|mid|pre|post|"
    r"fiscal|and|or|between|around|circa|year|spring|summer|fall|autumn|winter|the|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)"
    r"[\s-]*)$"
)
_ZONE_AFTER = re.compile(rf"\s*{ZONE}")
_MONEY_BEFORE = re.compile(r"(?i:(?:\$|£|€|no\.|number|#|page|pages|route|flight|item|room|model|article|resolution|code|boeing|airbus|pp?\.)\s*)$")


def _iso_date(m: re.Match[str], ctx: Context) -> Norm | None:
    date = valid_date(full_year(m["y"], ctx), int(m["m"]), int(m["d"]))
    if date is None:
        return None
    if m["hh"]:
        return Norm("TIME", f"{ymd(date)}T{m['hh']}:{m['mm']}")
    return Norm("DATE", ymd(date))


def _numeric_date(m: re.Match[str], ctx: Context) -> Norm | None:
    date = valid_date(full_year(m["y"], ctx), int(m["m"]), int(m["d"]))
    return Norm("DATE", ymd(date)) if date else None


#: how near the document date (days) one reading of "3/4/2021" must be, and the other not, for
#: the text to be read day first
_NUMERIC_NEAR = 31


_SLASHED = re.compile(r"(?<![\w/.])([0-3]?\d)/([0-3]?\d)/(?:19|20)?\d\d(?![\d/])")


@lru_cache(maxsize=8)
def _day_first_text(text: str) -> bool | None:
    """Whether a text writes its dates "day/month/year" (True) or "month/day/year" (False), as
    the dates that can be read one way only show; None when none shows it or they disagree."""
    orders = set()
    for m in _SLASHED.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 >= b >= 1:
            orders.add(True)
        elif b > 12 >= a >= 1:
            orders.add(False)
    return orders.pop() if len(orders) == 1 else None


def _slash_date(m: re.Match[str], ctx: Context) -> Norm | None:
    """A date written "a/b/y": in the order the text's other dates show ("30/04/2018 -
    02/05/2018" is May 2), else month first as US text writes it, day first when the month would
    be past 12 ("25/12/2020") or when only that reading falls within a month of the document date
    ("12/01/2021" in a story of Jan. 30, 2021 is Jan. 12)."""
    year, a, b = full_year(m["y"], ctx), int(m["a"]), int(m["b"])
    month_first, day_first = valid_date(year, a, b), valid_date(year, b, a)
    date = month_first or day_first
    if month_first and day_first and month_first != day_first:
        order = _day_first_text(ctx.text)
        if order is not None:
            date = day_first if order else month_first
        elif ctx.dct is not None:
            near = [abs((d - ctx.dct).days) <= _NUMERIC_NEAR for d in (month_first, day_first)]
            if near == [False, True]:
                date = day_first
    return Norm("DATE", ymd(date)) if date else None


def _month_day_year(m: re.Match[str], ctx: Context) -> Norm | None:
    date = valid_date(full_year(m["y"], ctx), month_number(m["m"]), day_number(m["d"]))
    return Norm("DATE", ymd(date)) if date else None


def _month_day(m: re.Match[str], ctx: Context) -> Norm | None:
    month, day = month_number(m["m"]), day_number(m["d"])
    if valid_date(2000, month, day) is None:  # 2000 is a leap year: Feb. 29 stays possible
        return None
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-{month:02d}-{day:02d}")
    year = nearest_year_for_day(month, day, ctx.dct, ctx.tense(m))
    if year is None:
        return None
    return Norm("DATE", f"{year:04d}-{month:02d}-{day:02d}")


_MONTH_DAY_END = re.compile(rf"(?P<m>{MONTH})\s*{DAY}$")


def _day_range(m: re.Match[str], ctx: Context) -> Norm | None:
    """One day of "April 24 and 25" or "12-13 July": the month (and year) the pair shares."""
    month_word = m["m"]
    if month_word is None:  # "April 24 and 25": the month is written before the first day
        before = _MONTH_DAY_END.search(ctx.text, max(0, m.start() - 20), m.start())
        if before is None:
            return None
        month_word = before["m"]
        if _COUNTED.match(ctx.text, m.end()):
            return None  # "on April 24 and 25 soldiers were hurt": a count
    month, day = month_number(month_word), day_number(m["d"])
    if m["y"]:
        date = valid_date(int(m["y"]), month, day)
        norm = Norm("DATE", ymd(date)) if date else None
    elif valid_date(2000, month, day) is None:
        norm = None
    elif ctx.dct is None:
        norm = Norm("DATE", f"XXXX-{month:02d}-{day:02d}")
    else:
        year = nearest_year_for_day(month, day, ctx.dct, ctx.tense(m))
        norm = Norm("DATE", f"{year:04d}-{month:02d}-{day:02d}") if year else None
    if norm is None:
        return None
    # the expression is the day itself (and its month and year when written after it)
    return Norm(norm.type, norm.value, start=m.start("d"))


def _week_of(m: re.Match[str], ctx: Context) -> Norm | None:
    month, day = month_number(m["m"]), day_number(m["d"])
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
    return Norm("DATE", f"{full_year(m['y'], ctx):04d}-{month_number(m['m']):02d}")


def _month_rel_year(m: re.Match[str], ctx: Context) -> Norm | None:
    month = month_number(m["m"])
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-{month:02d}")
    return Norm("DATE", f"{ctx.dct.year + rel_shift(m['rel']):04d}-{month:02d}")


def _rel_month(m: re.Match[str], ctx: Context) -> Norm | None:
    month = month_number(m["m"])
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-{month:02d}")
    shift = rel_shift(m["rel"])
    year = ctx.dct.year
    if m["d"]:  # "last Oct. 23": the latest Oct. 23 before the document date
        day = day_number(m["d"])
        for year in (ctx.dct.year - shift, ctx.dct.year, ctx.dct.year + shift) if shift else (year,):
            date = valid_date(year, month, day)
            if date is not None and (shift == 0 or (date - ctx.dct).days * shift > 0):
                return Norm("DATE", ymd(date))
        return None
    if shift < 0 and month >= ctx.dct.month:
        year -= 1
    elif shift > 0 and month <= ctx.dct.month:
        year += 1
    return Norm("DATE", f"{year:04d}-{month:02d}")


# "May" and "March" are also verbs and nouns: alone they need a preposition before them.
_MONTH_CUE_BEFORE = re.compile(
    r"(?i:\b(?:in|since|of|by|until|till|from|to|through|during|before|after|early|late|mid|pre|post|"
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


def _fiscal_year(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("DATE", year_str(full_year(m["y"], ctx)))


def _year(m: re.Match[str], ctx: Context) -> Norm | None:
    year = full_year(m["y"], ctx)
    text = ctx.text
    before = text[max(0, m.start() - 24) : m.start()]
    if _MONEY_BEFORE.search(before):
        return None
    if before.endswith("(") and _ZONE_AFTER.match(text, m.end()):
        return None  # a clock time converted in brackets: "10:30 p.m. (1930 GMT)"
    cue = _YEAR_CUE_BEFORE.search(before) is not None
    now = ctx.dct.year if ctx.dct else dt.date.today().year
    # Targets and projections run decades ahead ("emissions cut by 2050"): a year
    # past the next thirty needs a preposition before it and no count after it.
    far = year > now + 30
    if year > now + (100 if cue else 30) or year < 1000:
        return None
    if not cue or far:
        after = _COUNTED.match(text, m.end())
        if after is not None and after.group().strip().lower() not in _NOT_COUNTED:
            return None
        if year < 1800:
            return None
    return Norm("DATE", year_str(year))


_RANGE_START = re.compile(r"(?<![\w.,$\u00a3\u20ac#/-])(\d{4})\s?[-\u2013]\s?$")


def _year_range(m: re.Match[str], ctx: Context) -> Norm | None:
    """One year of a span of years ("1992-1995", "2012-13"): both must be years, the second
    after the first and within fifty years of it, and the span no count ("1500-2000 troops")."""
    text = ctx.text
    if m.groupdict().get("y2") is not None:  # the first year; the second is in the lookahead
        first, second_raw, start, end = int(m["y"]), m["y2"], m.start(), m.end("y2")
    else:
        before = _RANGE_START.search(text, max(0, m.start() - 8), m.start())
        if before is None:
            return None
        first, second_raw, start, end = int(before.group(1)), m["y"], before.start(1), m.end()
    second = int(second_raw) if len(second_raw) == 4 else first // 100 * 100 + int(second_raw)
    if len(second_raw) == 2 and second <= first:
        second += 100  # "1999-00"
    if not 0 < second - first <= 50 or first < 1800:
        return None
    now = ctx.dct.year if ctx.dct else dt.date.today().year
    if second > now + 30 or _MONEY_BEFORE.search(text[max(0, start - 24) : start]):
        return None
    after = _COUNTED.match(text, end) if len(second_raw) == 4 else None  # "2012-13" counts nothing
    if after is not None and after.group().strip().lower() not in _NOT_COUNTED:
        return None
    return Norm("DATE", year_str(first if m.groupdict().get("y2") is not None else second))


def _year_short(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("DATE", year_str(full_year(m["yy"], ctx)))


_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}


def _decade(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["c"]:
        if m["d"] == "0" and int(m["c"]) < 20:
            return Norm("DATE", m["c"])  # "the 1800s" are the hundred years, not the first ten
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


def season_value(
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
        if tense in ("past", "done") and code != "WI":
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
    explicit = full_year(m["y"], ctx) if m["y"] else None
    shift = rel_shift(rel) if rel not in ("early", "late", "mid") else 0
    return season_value(code, shift, explicit, ctx, m, this=rel == "this")


def _holiday(m: re.Match[str], ctx: Context) -> Norm | None:
    name = m["h"]
    country: str | None = "US"
    if holiday_needs_country(name):
        # a day many countries keep, each on its own date: the country the text names
        sentence, document = countries_around(ctx.text, m.start(), m.end())
        year = int(m["y"]) if m["y"] else ctx.dct.year if ctx.dct else 2000
        country = holiday_country(name, country_before(ctx.text, m.start()), sentence, document, year)
        if country is None:
            return None
    if m["y"]:
        date = holiday_date(name, int(m["y"]), country)
        return Norm("DATE", ymd(date)) if date else None
    if ctx.dct is None:
        return None
    rel = (m["rel"] or "").lower()
    options = [d for d in (holiday_date(name, ctx.dct.year + k, country) for k in (-1, 0, 1)) if d]
    if not options:
        return None
    if rel in ("last", "this past"):
        past = [d for d in options if d < ctx.dct]
        date = past[-1] if past else options[0]
    elif rel in ("next", "this coming"):
        future = [d for d in options if d > ctx.dct]
        date = future[0] if future else options[-1]
    else:
        date = nearest_date(options, ctx.dct, ctx.tense(m))
    if m["week"]:
        return Norm("DATE", week_value(date) or "XXXX-WXX")  # "Easter week"
    return Norm("DATE", ymd(date))


_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}


def _nth_weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    wd, month = weekday_number(m["wd"]), month_number(m["m"])
    if m["y"]:
        year: int | None = int(m["y"])
    elif ctx.dct is not None:
        year = nearest_year_for_month(month, ctx.dct, ctx.tense(m))
    else:
        year = None
    n = _NTH[m["n"].lower()]
    if year is None:
        return Norm("DATE", f"XXXX-{month:02d}")
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(wd - first.isoweekday()) % 7)
    if n > 0:
        day += dt.timedelta(weeks=n - 1)
    else:  # the last: four weeks on when the month has five of that weekday
        day += dt.timedelta(weeks=4 if (day + dt.timedelta(weeks=4)).month == month else 3)
    return Norm("DATE", ymd(day)) if day.month == month else None


DATE_NORMALISERS: dict[str, Normaliser] = {
    "nth_weekday": _nth_weekday,
    "iso_date": _iso_date,
    "slash_date": _slash_date,
    "numeric_date": _numeric_date,
    "month_day_year": _month_day_year,
    "month_day": _month_day,
    "month_year": _month_year,
    "week_of": _week_of,
    "day_range": _day_range,
    "month_rel_year": _month_rel_year,
    "rel_month": _rel_month,
    "month": _month,
    "fiscal_year": _fiscal_year,
    "year": _year,
    "year_short": _year_short,
    "year_range": _year_range,
    "decade": _decade,
    "century": _century,
    "season": _season,
    "holiday": _holiday,
}

