"""When an event happened: the clause's own date, else the governing date, else the document date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from karamap.intervals import ByStart
from karamap.model import TimeExpr, TimeSpan

__all__ = ["When", "Dates", "acled_time_precision", "event_time", "point_of"]


@dataclass(frozen=True, slots=True)
class When:
    """The time of an event: its span, the ACLED time precision, and whether it was inferred.

    ``fallback`` marks a time that is only the document date (or nothing): no date governed it.
    """

    span: TimeSpan | None
    precision: int
    inferred: bool
    fallback: bool = False


_COARSE = frozenset({"month", "quarter", "season", "year", "decade", "century"})
# Words before a governing date that put the event after it ("since", "despite the Nov. 10 deal").
_AFTER = re.compile(r"\b(?:since|after|following|despite|from)\s+(?:the\s+|a\s+)?$", re.IGNORECASE)
_RELATIONAL_START = re.compile(r"^(?:since|after|following|from)\s+", re.IGNORECASE)
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# A definite reference back to an agreement told earlier ("in line with the agreement").
_ANAPHOR = re.compile(
    r"\bthe\s+(?:[\w-]+\s+)?(?:agreement|deal|truce|cease-?\s?fire|accord|memorandum|armistice|statement)\b",
    re.IGNORECASE,
)


# A date that opens a sentence as its adverbial ("On 6 May 2020, ...", "Around 1 May (week of),
# ...", "As reported on 2 March, ...", "Reported on ..."): the date of what the sentence tells.
_LEAD_BEFORE = re.compile(
    r"^\W*(?:(?:[A-Z][\w /-]{0,30}:\s*)?(?:on|around|about|as\s+reported\s+on|reported\s+on|as\s+of|in|during|"
    r"by|between|on\s+or\s+(?:around|about)|since|early\s+on|late\s+on|overnight\s+on)\s*)?$", re.IGNORECASE)
_LEAD_AFTER = re.compile(r"\s*(?:\([^)]{0,60}\)\s*)?,")
# Asides whose dates are background to the sentence's event: a relative clause ("..., who had been
# arrested in June 2018, ...", "a leader who was detained in 2019") or a parenthesis, where the
# trigger lies outside it.
_ASIDE_OPEN = re.compile(r"(?:,\s*|\b)(?:who|whom|whose|which)\b|\(", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:who|whom|whose|which)\s+(?:had\s+)?(?:been\s+)?\w+", re.IGNORECASE)


def _lead_date(text: str, ss: int, first: TimeExpr | None) -> TimeExpr | None:
    """``first``, the first usable date from the sentence's start on, if it opens the sentence."""
    if first is not None and first.type == "DATE" and _LEAD_BEFORE.match(text[ss:first.start]) \
            and _LEAD_AFTER.match(text, first.end):
        return first
    return None


class Dates:
    """The time expressions :func:`event_time` may date an event by (those with a span, no SET,
    no time of day that a date right after it gives a day), worked out once for a document and
    looked up by offset where they come in text order.

    >>> Dates([]).between(0, 10), Dates([]).first_from(0), Dates([]).every_between(0, 10)
    ([], None, [])
    """

    def __init__(self, timexes: Sequence[TimeExpr]) -> None:
        usable = [t for t in timexes if t.span is not None and t.type != "SET"]
        ordered = all(a.start <= b.start for a, b in zip(usable, usable[1:]))
        near = ByStart(usable, key=lambda t: t.start) if ordered else None

        def dated_after(t: TimeExpr) -> bool:  # "at noon on Saturday": a date within 6 characters after
            after = near.between(t.end, t.end + 7) if near is not None else usable
            return any(u.type == "DATE" and 0 <= u.start - t.end <= 6 for u in after)

        self.usable = [t for t in usable if not (t.type == "TIME" and dated_after(t))]
        self._by = ByStart(self.usable, key=lambda t: t.start) if ordered else None
        self.every = list(timexes)
        self._every = (ByStart(self.every, key=lambda t: t.start)
                       if all(a.start <= b.start for a, b in zip(self.every, self.every[1:])) else None)

    def between(self, lo: int, hi: int) -> list[TimeExpr]:
        """The usable expressions that start in ``[lo, hi)``, in order."""
        if self._by is not None:
            return self._by.between(lo, hi)
        return [t for t in self.usable if lo <= t.start < hi]

    def first_from(self, lo: int) -> TimeExpr | None:
        """The first usable expression (in their order) that starts at ``lo`` or after."""
        if self._by is not None:
            return self._by.first_from(lo)
        return next((t for t in self.usable if t.start >= lo), None)

    def every_between(self, lo: int, hi: int) -> list[TimeExpr]:
        """All the expressions (durations and sets too) that start in ``[lo, hi)``, in their order."""
        if self._every is not None:
            return self._every.between(lo, hi)
        return [t for t in self.every if lo <= t.start < hi]


def _aside(text: str, t: TimeExpr, trigger: tuple[int, int], ss: int, se: int) -> bool:
    """``t`` lies in a relative clause or a parenthesis that the trigger is not in ("members of the
    group who seized a compound in July 2016 held a rally": the rally is not of July 2016)."""
    bare = [m for m in _RELATIVE.finditer(text, max(ss, t.start - 80), t.start)]
    if bare and not (bare[-1].start() <= trigger[0] < t.end):
        return True
    opened = [m for m in _ASIDE_OPEN.finditer(text, ss, t.start)]
    if not opened:
        return False
    m = opened[-1]
    closer = ")" if m.group(0) == "(" else ","
    end = text.find(closer, t.end, se)
    end = se if end < 0 else end
    return not (m.start() <= trigger[0] < end)


_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|that|its|their|his|her|of|last)\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"(?:['’]s)?\s+(?!(?:on|in|at|to|by|and|or|when|as|after|before|until|since)\b)"
                         r"[a-z][\w-]*")


def _qualifies_other_noun(text: str, t: TimeExpr, trigger: tuple[int, int]) -> bool:
    """``t`` stands before a noun other than the trigger, as its modifier ("the 2011 earthquake",
    "Sunday's vote")."""
    m = _NOUN_AFTER.match(text, t.end)
    if m is None or m.end() > trigger[0] and m.start() <= trigger[0]:
        return False
    return bool(text.startswith(("'s", "’s"), t.end) or _DETERMINER_BEFORE.search(text, max(0, t.start - 8), t.start))


_LENGTH = re.compile(r"P(\d+)([DW])")
_EARLIER_LATER = re.compile(r"\b(earlier|later)$", re.IGNORECASE)


def _shifted(t: TimeExpr, last: TimeExpr | None) -> TimeSpan | None:
    """The day ``t`` names when it counts days or weeks from the day told before ("Police fired on
    Thursday. A day earlier, ..."): TimeML makes "a day earlier" a length (P1D), but the event it
    dates lies that far from ``last``."""
    length = _LENGTH.fullmatch(t.value or "")
    way = _EARLIER_LATER.search(t.text)
    if length is None or way is None or last is None or last.span is None or last.span.precision != "day":
        return None
    days = int(length.group(1)) * (7 if length.group(2) == "W" else 1)
    day = last.span.start + dt.timedelta(days=-days if way.group(1).lower() == "earlier" else days)
    return TimeSpan(day, day, "day")


def acled_time_precision(span: TimeSpan) -> int:
    """ACLED's code: 1 a day, 2 a week or a range within a month, 3 a month or coarser.

    >>> acled_time_precision(TimeSpan(dt.date(2020, 9, 27), dt.date(2020, 11, 9), "range"))
    3
    """
    days = (span.end - span.start).days + 1
    if span.precision in _COARSE:
        return 3
    if days <= 1:
        return 1
    return 2 if days <= 31 else 3


def point_of(t: TimeExpr) -> TimeSpan | None:
    """The date itself of a relational expression ("since 1991" -> 1991), else its span."""
    if t.span is None:
        return None
    if not _RELATIONAL_START.match(t.text):
        return t.span
    m = _VALUE.match(t.value or "")
    if not m:
        return TimeSpan(t.span.start, t.span.start, "day")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if d:
        day = dt.date(y, int(mo), int(d))
        return TimeSpan(day, day, "day")
    if mo:
        first = dt.date(y, int(mo), 1)
        nxt = dt.date(y + (first.month == 12), first.month % 12 + 1, 1)
        return TimeSpan(first, nxt - dt.timedelta(days=1), "month")
    return TimeSpan(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def _open_interval(start: dt.date, doc_date: dt.date | None) -> TimeSpan:
    if doc_date is None or doc_date <= start:
        return TimeSpan(start, start, "day")
    return TimeSpan(start, doc_date, "range")


def _when(span: TimeSpan, inferred: bool) -> When:
    return When(span, acled_time_precision(span), inferred)


def event_time(
    text: str,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    trigger: tuple[int, int],
    timexes: list[TimeExpr],
    *,
    lead: str | None = None,
    doc_date: dt.date | None = None,
    anchors: list[TimeSpan] | None = None,
    previous: TimeExpr | None = None,
    last: TimeExpr | None = None,
    dates: Dates | None = None,
) -> When:
    """The time of the event whose trigger is at ``trigger`` in ``clause`` of ``sentence``.

    1. A date in the clause: its span (a date that modifies the trigger's noun, "the Nov. 10 deal",
       is the event's own; "since Nov. 10" opens an interval up to the document date).
    2. Else the date of the sentence nearest the trigger: the governing date. "since", "after",
       "despite the" before it put the event in the interval from it to the document date; a
       clause opened by "when" right after "since 1991" happened in 1991.
    3. Else a definite reference to an agreement told before ("the agreement"): from that
       agreement's date to the document date (``anchors`` are the earlier agreements' spans).
    4. Else ``previous``, the last date of the paragraph so far (a story goes on in its time).
    5. Else the document date, inferred.

    Before all, N days or weeks "earlier" or "later" in the clause, or opening the sentence, count
    from the date told before them in the sentence, else from ``last`` (the paragraph's last date,
    wherever it was; ``previous`` where not given).

    ``dates`` are the :class:`Dates` of ``timexes``, where the caller keeps them for a document.

    >>> from karamap.model import TimeExpr, TimeSpan
    >>> t = "Clashes erupted on Sept. 27, 2020."
    >>> tx = TimeExpr(19, 33, "Sept. 27, 2020", "DATE", "2020-09-27",
    ...               TimeSpan(dt.date(2020, 9, 27), dt.date(2020, 9, 27), "day"))
    >>> w = event_time(t, (0, 34), (0, 34), (0, 15), [tx], doc_date=dt.date(2021, 1, 30))
    >>> (w.span.start.isoformat(), w.precision, w.inferred)
    ('2020-09-27', 1, False)
    """
    # "at noon on Saturday": the day is the date; the time alone would be read on the document date.
    dates = dates if dates is not None else Dates(timexes)
    cs, ce = clause
    ss, se = sentence
    def distance(t: TimeExpr) -> int:
        return min(abs(t.start - trigger[1]), abs(trigger[0] - t.end))

    own = [t for t in dates.between(cs, ce) if not _aside(text, t, trigger, cs, ce)]
    # A date that qualifies another noun ("survivors of the 2011 earthquake protested on Monday",
    # "after Sunday's vote") dates that noun, not the clause's event, where the clause has another.
    free = [t for t in own if not _qualifies_other_noun(text, t, trigger)]
    own = free or own
    # "A day earlier, a bus crashed": N days or weeks from the day told before, in the clause
    # (nearer the trigger than its own date) or opening the sentence
    for t in dates.every_between(ss, se):
        if t.type == "DURATION" and (
                cs <= t.start < ce and all(distance(t) < distance(u) for u in own) or t.start - ss <= 3 and not own):
            told = [u for u in dates.between(ss, t.start) if u.type == "DATE"]
            if (span := _shifted(t, told[-1] if told else last or previous)) is not None:
                return _when(span, False)
    if own:
        t = min(own, key=distance)
        modifies = -2 <= trigger[0] - t.end <= 12 or (t.start < trigger[1] and trigger[0] < t.end)
        if not modifies and _RELATIONAL_START.match(t.text):
            return _when(_open_interval(t.span.start, doc_date), False)
        if not modifies and _AFTER.search(text[max(cs, t.start - 20):t.start]) and t.type != "DURATION":
            return _when(_open_interval(t.span.start, doc_date), False)
        span = t.span if modifies else (point_of(t) or t.span)
        return _when(span, False)
    lead_date = _lead_date(text, ss, dates.first_from(ss))
    if lead_date is not None and not (lead_date.start <= trigger[0] < lead_date.end):
        # "On 6 May 2020, people protested ...": the sentence's opening date is its events' own
        return _when(point_of(lead_date) or lead_date.span, False)
    governing = [t for t in dates.between(ss, se) if not _aside(text, t, trigger, ss, se)]
    if governing:
        t = min(governing, key=lambda t: min(abs(t.start - trigger[1]), abs(trigger[0] - t.end)))
        if lead == "when" and 0 <= cs - t.end <= 4:
            return _when(point_of(t) or t.span, True)
        if _RELATIONAL_START.match(t.text) or _AFTER.search(text[max(ss, t.start - 20):t.start]):
            return _when(_open_interval(t.span.start, doc_date), True)
        return _when(t.span, True)
    if anchors and _ANAPHOR.search(text[cs:ce]):
        return _when(_open_interval(anchors[-1].start, doc_date), True)
    if previous is not None and previous.span is not None:
        return _when(point_of(previous) or previous.span, True)
    if doc_date is not None:
        return When(TimeSpan(doc_date, doc_date, "day"), 1, True, True)
    return When(None, 3, True, True)
