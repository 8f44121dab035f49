"""Property tests of the temporal tagger: any text, any document date, a sound result."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from karamap.errors import KaramapError
from karamap.model import Article, TimeExpr
from karamap.temporal import tag_times

# Words that drive the patterns, so random texts reach deep into the rules.
TIME_WORDS = [
    "Jan.", "Sept.", "May", "March", "Nov", "December", "Friday", "Monday", "today", "yesterday",
    "tomorrow", "tonight", "last", "next", "this", "the", "past", "coming", "week", "weekend",
    "month", "year", "quarter", "third", "fourth", "half", "first", "decade", "decades", "century",
    "1991", "2020", "1990s", "'90s", "nineteen", "ninety-six", "two", "thousand", "and", "a", "an",
    "few", "several", "44-day", "three-decade-long", "nearly", "more", "than", "ago", "earlier",
    "later", "since", "until", "by", "in", "on", "of", "at", "10", "3:30", "p.m.", "a.m.", "noon",
    "midnight", "every", "each", "daily", "summer", "fall", "spring", "winter", "early", "late",
    "mid-", "now", "recently", "will", "was", "said", "-", ",", ".", "'s", "\n", "27", "30", "31",
    "Q3", "FY", "fiscal", "Thanksgiving", "Christmas", "Easter", "that", "same", "following",
    "previous", "hours", "minutes", "days", "years", "1/2", "29", "Feb.", "02/29/2021", "2021-02-30",
    "00", "9999", "0001", "year-earlier", "year-ago", "period", "latest", "Dec.", "31,",
]

texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(TIME_WORDS), max_size=40).map(" ".join),
    st.lists(st.one_of(st.sampled_from(TIME_WORDS), st.text(max_size=5)), max_size=30).map("".join),
)
dates = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(),  # a reader may hand over a timestamp
)


def _check(text: str, published: dt.date | None) -> list[TimeExpr]:
    try:
        found = tag_times(Article("p", text, published))
    except KaramapError:
        return []
    previous_end = 0
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.start >= previous_end  # text order, no overlaps
        previous_end = t.end
        assert t.type in ("DATE", "DURATION", "TIME", "SET")
        assert t.value
        if t.span is not None:
            assert t.span.start <= t.span.end
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, published=dates)
def test_any_text_and_any_date_give_sound_expressions(text, published):
    _check(text, published)


@settings(max_examples=200, deadline=None)
@given(
    prefix=st.text(max_size=30),
    day=st.integers(min_value=-5, max_value=40),
    month=st.sampled_from(["Jan.", "Feb.", "February", "Sept.", "Nov.", "December"]),
    year=st.integers(min_value=0, max_value=9999),
    published=dates,
)
def test_any_calendar_like_phrase_is_sound(prefix, day, month, year, published):
    _check(f"{prefix} on {month} {day}, {year} and {day} {month} {year}.", published)


def test_the_extremes_of_the_calendar():
    for published in (dt.date(1, 1, 1), dt.date(9999, 12, 31)):
        found = _check(
            "Yesterday, tomorrow, last week, next year, two months ago, 3 days later, "
            "the weekend, this century, next Monday, last December, the 1990s, in 9999.",
            published,
        )
        assert found
