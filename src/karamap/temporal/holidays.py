"""Dates of named holidays (fixed dates, nth weekdays, Easter) for a given year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

__all__ = ["HOLIDAYS", "holiday_date", "easter"]


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
}


def holiday_date(name: str, year: int) -> dt.date | None:
    """The date of a named holiday in ``year`` (None for an unknown name or year).

    >>> holiday_date("Thanksgiving Day", 1999)
    datetime.date(1999, 11, 25)
    """
    rule = HOLIDAYS.get(" ".join(name.lower().replace("\u2019", "'").split()))
    if rule is None or not 1 <= year <= 9998:
        return None
    return rule(year)
