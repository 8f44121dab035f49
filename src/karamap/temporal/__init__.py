"""Temporal tagging: time expressions with TIMEX3 values and calendar ranges."""

from __future__ import annotations

import datetime as dt
import re

from karamap.errors import ConfigurationError
from karamap.model import Article, TimeExpr
from karamap.temporal.anchoring import anchor_duration
from karamap.temporal.normalise import Context
from karamap.temporal.patterns import DURATION_MODIFIER
from karamap.temporal.spans import relative_duration_span, span_of_value
from karamap.temporal.tagger import find

__all__ = ["tag_times"]


def tag_times(article: Article) -> list[TimeExpr]:
    """The time expressions of an article, normalised against its publication date.

    Values follow TIMEX3 as TimeBank annotates them (``2021-01-30``, ``1998-W02``, ``P44D``,
    ``PRESENT_REF``, ``XXXX-WXX-1``); ``span`` is the calendar range where one is known. A
    duration gets a range when it runs up to or from the document date ("the past three
    months") or when a date stated nearby starts or ends it ("the 44-day war"). Without a
    publication date, relative expressions keep unresolved values (``XXXX-11-10``) and
    ``span=None``.

    Raises
    ------
    ConfigurationError
        When ``article.text`` is not a string or ``article.published`` not a date.

    Examples
    --------
    >>> text = "Clashes erupted on Sept. 27, 2020. During the 44-day war, talks stalled."
    >>> [(t.text, t.value) for t in tag_times(Article("a", text, dt.date(2021, 1, 30)))]
    [('Sept. 27, 2020', '2020-09-27'), ('44-day', 'P44D')]
    >>> tag_times(Article("a", text, dt.date(2021, 1, 30)))[1].span.end
    datetime.date(2020, 11, 9)
    """
    text = article.text
    if not isinstance(text, str):
        raise ConfigurationError(f"article {article.id!r}: text must be a string, not {type(text).__name__}")
    dct = article.published
    if isinstance(dct, dt.datetime):
        dct = dct.date()  # a timestamp: the day is what relative expressions count from
    elif dct is not None and not isinstance(dct, dt.date):
        raise ConfigurationError(
            f"article {article.id!r}: published must be a date, not {type(dct).__name__}"
        )
    found = find(text, Context(text, dct))
    timexes: list[TimeExpr] = []
    for f in found:
        norm = f.norm
        span = None
        if norm.type in ("DATE", "TIME"):
            span = span_of_value(norm.value, dct)
        elif norm.type == "DURATION" and norm.relative and dct is not None:
            span = relative_duration_span(norm.value, dct, norm.relative)
        timexes.append(TimeExpr(f.start, f.end, text[f.start : f.end], norm.type, norm.value, span))
    for i, t in enumerate(timexes):
        if t.type != "DURATION" or t.span is not None:
            continue
        before = text[max(0, t.start - 40) : t.start]
        if found[i].norm.adjectival:  # "the 44-day war": dates nearby may start or end it
            bounds = None
        elif _LENGTH_VERB.search(before):  # "..., which began on Sept. 27, lasted 44 days"
            bounds = _sentence_bounds(text, t.start, t.end)
        else:
            continue
        approximate = DURATION_MODIFIER.search(before) is not None
        span = anchor_duration(t, timexes, dct, approximate=approximate, bounds=bounds)
        if span is not None:
            timexes[i] = TimeExpr(t.start, t.end, t.text, t.type, t.value, span)
    return timexes


# A verb that gives an event its length: the duration after it may be anchored on a date
# stated in the same sentence.
_LENGTH_VERB = re.compile(r"(?i:\b(?:lasted|lasting|lasts|took|spanned|ran\s+for)\s+)$")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence around ``text[start:end]`` (a cheap cut at final punctuation)."""
    lo = 0
    for m in _SENTENCE_END.finditer(text, max(0, start - 400), start):
        lo = m.end()
    m = _SENTENCE_END.search(text, end)
    return lo, m.start() if m else len(text)
