"""Calendar arithmetic for normalisation: month shifts, ISO weeks, quarters, nearest readings."""

from __future__ import annotations

import datetime as dt
from typing import Literal

__all__ = [
    "Tense",
    "add_months",
    "add_days",
    "iso_week",
    "week_value",
    "quarter_of",
    "nearest_year_for_month",
    "nearest_year_for_day",
    "nearest_date",
    "weekday_date",
    "valid_date",
]

#: "done": a past tense whose verb the expression completes ("began in March", "was killed on
#: Oct. 3"): the event told is over, not only the telling of it
Tense = Literal["past", "done", "present", "future"]

def valid_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the triple is not a calendar date.

    >>> valid_date(2021, 2, 30) is None
    True
    """
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_days(date: dt.date, days: int) -> dt.date | None:
    """``date`` shifted by ``days``, None when outside the calendar."""
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) shifted by ``delta`` months.

    >>> add_months(2021, 1, -2)
    (2020, 11)
    """
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def iso_week(date: dt.date) -> tuple[int, int]:
    """The ISO (year, week) of a date."""
    year, week, _ = date.isocalendar()
    return year, week


def week_value(date: dt.date, weeks: int = 0) -> str | None:
    """TIMEX3 week value ("1998-W02") of the week ``weeks`` after the one holding ``date``.

    >>> week_value(dt.date(1998, 1, 8), -1)
    '1998-W01'
    """
    shifted = add_days(date, 7 * weeks)
    if shifted is None:
        return None
    year, week = iso_week(shifted)
    return f"{year:04d}-W{week:02d}"


def quarter_of(date: dt.date) -> int:
    """The calendar quarter (1-4) of a date."""
    return (date.month - 1) // 3 + 1


#: how far (days) the nearest reading may lie on the side the tense contradicts
_TENSE_SLACK = 120
_MONTH_SLACK = 75
#: an explicit future cue ("will convene in November") is strong: a reading already past
#: by more than this many days gives way to the coming one
_FUTURE_SLACK = 20
#: likewise for an explicit past cue ("the year ended Jan. 31" told in October)
_PAST_SLACK = 90
#: and for a past verb the expression completes ("fighting erupted on March 3" told in January):
#: a report may tell what followed the date it is filed under, within weeks
_DONE_SLACK = 31


def _pick(candidates: list[tuple[int, int]], tense: Tense | None, slack: int = _TENSE_SLACK) -> int:
    """Pick the year among (signed distance in days, year) pairs.

    The nearest reading wins unless it lies well on the side the tense contradicts (a past
    tense, or no cue at all, and a date months after the document date).
    """
    best = min(candidates, key=lambda c: abs(c[0]))
    # News reports mostly what has happened: without a cue, lean to the past.
    if tense == "done" and best[0] > _DONE_SLACK or tense == "past" and best[0] > min(slack, _PAST_SLACK) \
            or tense is None and best[0] > slack:
        pool = [c for c in candidates if c[0] <= 0]
    elif tense == "future" and best[0] < -_FUTURE_SLACK:
        pool = [c for c in candidates if c[0] >= 0]
    else:
        return best[1]
    return min(pool, key=lambda c: abs(c[0]))[1] if pool else best[1]


def nearest_year_for_day(month: int, day: int, anchor: dt.date, tense: Tense | None) -> int | None:
    """The year that puts month/day nearest the anchor date (tense breaks the doubt).

    >>> nearest_year_for_day(11, 10, dt.date(2021, 1, 30), "past")
    2020
    """
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        date = valid_date(year, month, day)
        if date is not None:
            candidates.append(((date - anchor).days, year))
    if not candidates:
        return None
    return _pick(candidates, tense)


def nearest_date(dates: list[dt.date], anchor: dt.date, tense: Tense | None) -> dt.date:
    """The date nearest the anchor among readings a year apart (tense breaks the doubt).

    >>> nearest_date([dt.date(2020, 11, 26), dt.date(2021, 11, 25)], dt.date(2021, 1, 30), None)
    datetime.date(2020, 11, 26)
    """
    return dates[_pick([((d - anchor).days, i) for i, d in enumerate(dates)], tense)]


def nearest_year_for_month(month: int, anchor: dt.date, tense: Tense | None) -> int:
    """The year that puts a bare month nearest the anchor date (tense breaks the doubt).

    The anchor's own month is always read as the anchor's year.

    >>> nearest_year_for_month(10, dt.date(1998, 1, 8), "past")
    1997
    """
    if month == anchor.month:
        return anchor.year
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        months = (year - anchor.year) * 12 + month - anchor.month
        candidates.append((months * 30, year))
    # A bare month is looser than a day: "in January" told in October is the January past.
    return _pick(candidates, tense, slack=_MONTH_SLACK)


def weekday_date(weekday: int, anchor: dt.date, tense: Tense | None, shift: int = 0) -> dt.date | None:
    """The date of an ISO weekday near ``anchor``.

    ``shift`` -1 means "last", +1 "next", 0 the plain name: the anchor's own weekday is the
    anchor; otherwise the past occurrence within the week, the next one under a future tense.

    >>> weekday_date(5, dt.date(2021, 1, 30), "past")
    datetime.date(2021, 1, 29)
    """
    delta = weekday - anchor.isoweekday()
    if shift < 0:
        days = delta - 7 if delta >= 0 else delta
    elif shift > 0:
        days = delta + 7 if delta <= 0 else delta
    elif delta == 0:
        days = 0
    elif tense == "future":
        days = delta if delta > 0 else delta + 7
    else:
        days = delta if delta < 0 else delta - 7
    return add_days(anchor, days)
