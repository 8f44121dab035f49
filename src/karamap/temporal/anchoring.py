"""Ranges for durations: relative to the document date, or anchored on a date stated nearby."""

from __future__ import annotations

import datetime as dt

from karamap.model import TimeExpr, TimeSpan
from karamap.temporal.calendar import add_days
from karamap.temporal.spans import duration_days, relative_duration_span

__all__ = ["anchor_duration", "ANCHOR_REACH"]

#: how far (characters) before or after a duration a stated start or end date is looked for
ANCHOR_REACH = 600
#: an end date must follow closer ("the 44-day war ended on Nov. 10")
END_REACH = 200
_SLACK_DAYS = 2


def _day_dates(timexes: list[TimeExpr]) -> list[tuple[int, dt.date]]:
    return [
        (t.start, t.span.start)
        for t in timexes
        if t.type in ("DATE", "TIME") and t.span is not None and t.span.precision == "day"
    ]


def anchor_duration(
    duration: TimeExpr,
    timexes: list[TimeExpr],
    dct: dt.date | None,
    *,
    approximate: bool = False,
    bounds: tuple[int, int] | None = None,
) -> TimeSpan | None:
    """The range of an event-length duration ("the 44-day war") from a date stated nearby.

    An approximate duration ("nearly three decades") gets no range. A day-precision date
    before the duration is its start when the stretch it opens is over by the document date
    (or when a date after the duration closes it); failing that, a date after the duration
    that ends such a stretch is its end. ``bounds`` (start, end offsets) limits where those
    dates may stand, for instance to the duration's own sentence.

    >>> import datetime as dt
    >>> from karamap.model import TimeExpr, TimeSpan
    >>> day = TimeSpan(dt.date(2020, 9, 27), dt.date(2020, 9, 27), "day")
    >>> start = TimeExpr(0, 14, "Sept. 27, 2020", "DATE", "2020-09-27", day)
    >>> war = TimeExpr(40, 46, "44-day", "DURATION", "P44D")
    >>> anchor_duration(war, [start, war], dt.date(2021, 1, 30)).end
    datetime.date(2020, 11, 9)
    """
    parts = duration_days(duration.value)
    if parts is None or approximate:
        return None
    dates = _day_dates(timexes)
    if bounds is not None:
        dates = [(pos, d) for pos, d in dates if bounds[0] <= pos < bounds[1]]
    before = [(pos, d) for pos, d in dates if duration.start - ANCHOR_REACH <= pos < duration.start]
    after = [(pos, d) for pos, d in dates if duration.end <= pos <= duration.end + ANCHOR_REACH]
    close_after = [(pos, d) for pos, d in after if pos <= duration.end + END_REACH]
    # A start and an end that frame the duration exactly settle it.
    for _, start in reversed(before):
        span = relative_duration_span(duration.value, start, "after")
        if span is None:
            continue
        for _, end in before + after:
            if abs((end - span.end).days) <= _SLACK_DAYS:
                return span
    for _, start in reversed(before):
        span = relative_duration_span(duration.value, start, "after")
        if span is None:
            continue
        if dct is None or span.end <= (add_days(dct, _SLACK_DAYS) or dct):
            return span
        break
    for _, end in close_after:
        span = relative_duration_span(duration.value, end, "before")
        if span is not None and (dct is None or end <= dct):
            return span
        break
    return None
