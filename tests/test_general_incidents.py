"""General incidents (issue 13, item 7): a future month resolved forward, disasters, accidents,
elections and summits as events of their own, and each event's own place and date (sentences of
our own)."""

from __future__ import annotations

import datetime as dt

import pytest

from karamap.model import Article
from karamap.temporal import tag_times

JUNE = dt.date(2023, 6, 14)  # a Wednesday in June


def month_value(text: str, surface: str = "September", published: dt.date = JUNE) -> str:
    found = {t.text: t.value for t in tag_times(Article("t", text, published))}
    assert surface in found, found
    return found[surface]


# -- a future-tense month is resolved forward ----------------------------------------------------


@pytest.mark.parametrize("text", [
    "The two presidents will meet in September.",
    "The leaders agreed to meet again in September.",
    "The ministers promised to return to the table in September.",
    # a participle that qualifies a noun is no past tense of the clause
    "Leaders will gather at a summit hosted by Portugal in September.",
    "Envoys will resume talks on the stalled water-sharing accord in September.",
    # a relative clause or a report set off by commas dates another clause
    "The premiers will meet in Lisbon, where they quarrelled last year, in September.",
    "The chancellor will travel to Delhi, his office said, in September.",
    "The two sides, which broke off contacts in March, will meet in September.",
    # a date a plan is fixed for looks ahead
    "The president called elections for September.",
    "The referendum is now set for September.",
])
def test_a_month_told_in_the_future_is_the_coming_one(text):
    assert month_value(text) == "2023-09"


@pytest.mark.parametrize("text", [
    "The two presidents met in September.",
    "The two presidents had agreed to meet in September.",  # a plan told in the pluperfect is over
    "In September, the council agreed to widen the road.",  # the agreeing was in September
    "The rebels, who were driven out in September, will regroup.",  # the relative clause is the past
])
def test_a_month_told_in_the_past_stays_in_the_past(text):
    assert month_value(text) == "2022-09"
