"""Calendar ranges (TimeSpan) of TIMEX3 values."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from karamap.model import TimeSpan
from karamap.temporal.calendar import add_days, add_months

__all__ = ["span_of_value", "duration_days", "relative_duration_span"]

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")
_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)Q)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def span_of_value(value: str, dct: dt.date | None = None) -> TimeSpan | None:
    """The calendar range a DATE or TIME value denotes, or None when it has none.

    ``PRESENT_REF`` is the document date when there is one.

    >>> span_of_value("1998-Q1")
    TimeSpan(start=datetime.date(1998, 1, 1), end=datetime.date(1998, 3, 31), precision='quarter')
    >>> span_of_value("199").end
    datetime.date(1999, 12, 31)
    """
    try:
        return _span(value, dct)
    except ValueError:  # an impossible calendar date in the value: no range
        return None


def _span(value: str, dct: dt.date | None) -> TimeSpan | None:
    if m := _DAY.match(value):
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return TimeSpan(d, d, "day")
    if m := _MONTH.match(value):
        y, mo = int(m[1]), int(m[2])
        return TimeSpan(dt.date(y, mo, 1), _month_end(y, mo), "month")
    if m := _YEAR.match(value):
        y = int(m[1])
        if y < 1:
            return None
        return TimeSpan(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    if m := _WEEK.match(value):
        y, w = int(m[1]), int(m[2])
        monday = dt.date.fromisocalendar(y, w, 1)
        if m[3]:
            return TimeSpan(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "range")
        return TimeSpan(monday, monday + dt.timedelta(days=6), "week")
    if m := _QUARTER.match(value):
        y, q = int(m[1]), int(m[2])
        return TimeSpan(dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter")
    if m := _HALF.match(value):
        y, h = int(m[1]), int(m[2])
        return TimeSpan(dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "range")
    if m := _SEASON.match(value):
        y = int(m[1])
        first, last = _SEASON_MONTHS[m[2]]
        end_year = y + 1 if last < first else y
        return TimeSpan(dt.date(y, first, 1), _month_end(end_year, last), "season")
    if m := _DECADE.match(value):
        y = int(m[1]) * 10
        if y < 1:
            return None
        return TimeSpan(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade")
    if m := _CENTURY.match(value):
        y = int(m[1]) * 100
        if y < 1:
            return None
        return TimeSpan(dt.date(y, 1, 1), dt.date(y + 99, 12, 31), "century")
    if value == "PRESENT_REF" and dct is not None:
        return TimeSpan(dct, dct, "day")
    return None


def duration_days(value: str) -> tuple[int, int] | None:
    """(months, days) of a calendar DURATION value such as "P44D" or "P1Y6M"; None otherwise.

    >>> duration_days("P44D"), duration_days("P30Y"), duration_days("PXY")
    ((0, 44), (360, 0), None)
    """
    m = _DURATION.match(value)
    if m is None or value == "P":
        return None
    years, quarters, months, weeks, days = (int(g) if g else 0 for g in m.groups())
    return years * 12 + quarters * 3 + months, weeks * 7 + days


def _shift(date: dt.date, months: int, days: int, sign: int) -> dt.date | None:
    y, mo = add_months(date.year, date.month, sign * months)
    if not 1 <= y <= 9999:
        return None
    day = min(date.day, calendar.monthrange(y, mo)[1])
    return add_days(dt.date(y, mo, day), sign * days)


def relative_duration_span(value: str, anchor: dt.date, direction: str) -> TimeSpan | None:
    """The range of a duration that starts at (``"after"``) or ends at (``"before"``) ``anchor``.

    Both ends are inclusive, so a 44-day stretch from Sept. 27 ends on Nov. 9.

    >>> relative_duration_span("P44D", dt.date(2020, 9, 27), "after").end
    datetime.date(2020, 11, 9)
    """
    parts = duration_days(value)
    if parts is None:
        return None
    months, days = parts
    if direction == "after":
        end = _shift(anchor, months, days, 1)
        end = add_days(end, -1) if end else None
        return TimeSpan(anchor, end, "range") if end and end >= anchor else None
    start = _shift(anchor, months, days, -1)
    start = add_days(start, 1) if start else None
    return TimeSpan(start, anchor, "range") if start and start <= anchor else None
