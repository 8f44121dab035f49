"""Dates of named holidays (fixed dates, nth weekdays, Easter) for a given year and country."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

__all__ = ["HOLIDAYS", "SHARED", "holiday_date", "holiday_country", "holiday_needs_country", "easter", "orthodox_easter"]


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus).

    >>> easter(2021)
    datetime.date(2021, 4, 4)
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the computus names it l
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def orthodox_easter(year: int) -> dt.date:
    """Easter Sunday of the Orthodox churches (the Julian computus), as a Gregorian date.

    >>> orthodox_easter(2021), orthodox_easter(2023)
    (datetime.date(2021, 5, 2), datetime.date(2023, 4, 16))
    """
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return dt.date(year, month, day + 1) + dt.timedelta(days=_julian_lag(year))


def _julian_lag(year: int) -> int:
    """Days the Julian calendar runs behind the Gregorian in ``year`` (from March): 10 in 1582,
    one more each century year not divisible by 400 since (13 from 1900 to 2099)."""
    return year // 100 - year // 400 - 2


def _nth_weekday(month: int, weekday: int, n: int) -> Callable[[int], dt.date]:
    """The n-th ISO weekday of a month (n = -1: the last)."""

    def on(year: int) -> dt.date:
        if n > 0:
            first = dt.date(year, month, 1)
            return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        last = nxt - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)

    return on


def _fixed(month: int, day: int) -> Callable[[int], dt.date]:
    return lambda year: dt.date(year, month, day)


def _election_day(year: int) -> dt.date:
    # US: the Tuesday after the first Monday of November
    return _nth_weekday(11, 1, 1)(year) + dt.timedelta(days=1)


#: date rule by lower-cased holiday name (US federal holidays and widely reported days)
HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "new year's day": _fixed(1, 1),
    "new year's eve": _fixed(12, 31),
    "christmas": _fixed(12, 25),
    "christmas day": _fixed(12, 25),
    "christmas eve": _fixed(12, 24),
    "boxing day": _fixed(12, 26),
    "independence day": _fixed(7, 4),
    "the fourth of july": _fixed(7, 4),
    "valentine's day": _fixed(2, 14),
    "halloween": _fixed(10, 31),
    "veterans day": _fixed(11, 11),
    "armistice day": _fixed(11, 11),
    "thanksgiving": _nth_weekday(11, 4, 4),
    "thanksgiving day": _nth_weekday(11, 4, 4),
    "labor day": _nth_weekday(9, 1, 1),
    "memorial day": _nth_weekday(5, 1, -1),
    "martin luther king day": _nth_weekday(1, 1, 3),
    "presidents' day": _nth_weekday(2, 1, 3),
    "columbus day": _nth_weekday(10, 1, 2),
    "election day": _election_day,
    "easter": easter,
    "easter sunday": easter,
    "easter monday": lambda year: easter(year) + dt.timedelta(days=1),
    "good friday": lambda year: easter(year) - dt.timedelta(days=2),
    # the Orthodox churches that keep the Julian calendar: Christmas on its Dec. 25
    # (Jan. 7 from 1901 to 2100)
    "orthodox christmas": lambda year: dt.date(year - 1, 12, 25) + dt.timedelta(days=_julian_lag(year - 1)),
    "orthodox easter": orthodox_easter,
}

# the second Monday of October (Wikipedia, "Thanksgiving (Canada)")
_canadian_thanksgiving = _nth_weekday(10, 1, 2)

#: holidays of the United States alone: their US date wherever the text is from ("Thanksgiving"
#: is Canada's too, on its own date, when the sentence names Canada)
_US_ONLY = frozenset({
    "thanksgiving", "thanksgiving day", "martin luther king day", "presidents' day", "columbus day",
    "veterans day",
})

#: names that many countries give to days of their own, each on its own date (an independence
#: day, a victory day, labour day): the date is that of
#: the country the text names, from the holidays package (python-holidays), and there is none
#: when the country is not clear. The package's names of each, by written name.
SHARED: dict[str, tuple[str, ...]] = {
    "independence day": ("Independence Day",),
    "victory day": ("Victory Day",),
    "labor day": ("Labor Day", "Labour Day"),
    "labour day": ("Labor Day", "Labour Day"),
    "memorial day": ("Memorial Day",),
    "republic day": ("Republic Day",),
    "election day": (),
}


def _key(name: str) -> str:
    return " ".join(name.lower().replace("\u2019", "'").split())


@lru_cache(maxsize=512)
def _package_dates(country: str, year: int, names: tuple[str, ...]) -> tuple[dt.date, ...]:
    """The days the holidays package gives ``country`` in ``year`` for one of ``names`` (days
    observed in lieu left out; for a holiday of several days, each)."""
    import holidays

    try:
        table = holidays.country_holidays(country, years=year)
    except (NotImplementedError, KeyError, ValueError):
        return ()
    exact, loose = [], []
    for day, label in table.items():
        for part in label.split("; "):
            if "(observed)" in part:
                continue
            part = part.replace(" (estimated)", "")
            if part in names:
                exact.append(day)
            elif any(part.endswith((f" {n}", f"({n})")) or part.startswith(f"{n} of ") for n in names):
                loose.append(day)  # "Afghanistan Independence Day", "... (Victory Day)"
    return tuple(sorted(exact or loose))


@lru_cache(maxsize=512)
def _kept_date(country: str, year: int, names: tuple[str, ...]) -> dt.date | None:
    """The date of a commemoration in a year the package gives it no day off (Ukraine's holidays
    under martial law): the month and day it has every other year it is listed, when fixed."""
    seen = {(d[0].month, d[0].day) for y in range(year - 8, year + 3) if y != year
            and (d := _package_dates(country, y, names))}
    if len(seen) != 1:
        return None
    month, day = seen.pop()
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def holiday_date(name: str, year: int, country: str | None = "US") -> dt.date | None:
    """The date of a named holiday in ``year`` (None for an unknown name or year).

    ``country`` (ISO 3166-1 alpha-2) dates the names several countries use (:data:`SHARED`);
    None leaves them without a date. A holiday of several days is dated by its first.

    >>> holiday_date("Thanksgiving Day", 1999)
    datetime.date(1999, 11, 25)
    >>> holiday_date("Independence Day", 2021, "UA"), holiday_date("Independence Day", 2021, None)
    (datetime.date(2021, 8, 24), None)
    """
    key = _key(name)
    if not 1 <= year <= 9998:
        return None
    if key in SHARED or key in _US_ONLY:
        if country is None:
            return None
        if country == "CA" and key.startswith("thanksgiving"):
            return _canadian_thanksgiving(year)  # a provincial holiday: not in the package's table
        if country != "US" or key not in HOLIDAYS:
            names = SHARED.get(key, ())
            if not names:
                return None
            days = _package_dates(country, year, names)
            return days[0] if days else _kept_date(country, year, names)
    rule = HOLIDAYS.get(key)
    return rule(year) if rule is not None else None


def holiday_needs_country(name: str) -> bool:
    """Whether a holiday's date depends on the country (a name of many countries, a US holiday).

    >>> holiday_needs_country("Independence Day"), holiday_needs_country("Christmas")
    (True, False)
    """
    key = _key(name)
    return key in SHARED or key in _US_ONLY


def holiday_country(name: str, before: str | None, sentence: frozenset[str], document: frozenset[str],
                    year: int) -> str | None:
    """The country whose date a holiday's name takes, or None when it is not clear.

    ``before``: the country of the word just before the name ("Pakistan's", "Ukrainian");
    ``sentence`` and ``document``: the countries their text names. A name
    of many countries (:data:`SHARED`) is the country just before it, else the one country
    named in its sentence that has such a day, else the one in the document; with no country
    named anywhere, the United States'. A US holiday is the United States' ("Thanksgiving" is
    Canada's when its sentence names Canada alone).
    """
    key = _key(name)
    if key in _US_ONLY:
        return "CA" if key.startswith("thanksgiving") and sentence == {"CA"} else "US"
    if key not in SHARED:
        return "US"
    if before is not None:
        return before
    for named in (sentence, document):
        if named:
            having = [cc for cc in sorted(named) if holiday_date(name, year, cc) is not None]
            return having[0] if len(having) == 1 else None
    return "US"
