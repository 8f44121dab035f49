"""How relative expressions are anchored and read, case by case, in sentences of our own.

TimeML (annotation guidelines 1.2.1) anchors a deictic expression ("Friday", "last week") on
the document date and an anaphoric one ("the next day", "the previous Friday", "two days
later") on the time the story has just named; a weekday's part of the day is a TIME; the
tense of the clause decides which side of the document date a bare weekday or day lies on.
"""

from __future__ import annotations

import datetime as dt

import pytest

from karamap.model import Article
from karamap.temporal import tag_times
from karamap.textview import view_article

# a Saturday
DCT = dt.date(2021, 1, 30)

CASES = [
    # a weekday's part of the day is a time of that day
    ("The convoy was hit on Friday night.", "Friday night", "TIME", "2021-01-29TNI"),
    ("Negotiators met again on Tuesday morning.", "Tuesday morning", "TIME", "2021-01-26TMO"),
    ("The council sits on Monday evening.", "Monday evening", "TIME", "2021-01-25TEV"),
    # a day named by its event ("Thursday's verdict") is over, whatever the verb around it
    ("Lawyers say they will appeal against Thursday's verdict.", "Thursday", "DATE", "2021-01-28"),
    ("Families gathered ahead of Monday's funeral.", "Monday", "DATE", "2021-02-01"),
    # a deadline looks ahead, unless the clause is told in the past perfect
    ("Every district must report its tally by Wednesday.", "Wednesday", "DATE", "2021-02-03"),
    ("Only four districts had reported their tallies by Wednesday.", "Wednesday", "DATE", "2021-01-27"),
    ("Until Thursday the mayor had never spoken about the raid.", "Thursday", "DATE", "2021-01-28"),
    # the future told in the past ("would") still lies ahead of the report
    ("The envoy said he would fly to the capital on Tuesday.", "Tuesday", "DATE", "2021-02-02"),
    # a report after a comma is another clause: it does not date what was reported
    ("The council will vote on Monday, a spokesman said.", "Monday", "DATE", "2021-02-01"),
    ("In December, the ministry announced new checkpoints.", "December", "DATE", "2020-12"),
    # a participle after "is" is a present passive, not a past tense
    ("Officials will decide whether the ban is lifted on Friday.", "Friday", "DATE", "2021-02-05"),
    # a plan told in the pluperfect is over
    ("The offer had been due to expire on Friday evening.", "Friday evening", "TIME", "2021-01-29TEV"),
    # a clock time's day may follow a bracketed conversion
    ("The blast came at 9:40 a.m. (0640 GMT) Thursday.", "9:40 a.m.", "TIME", "2021-01-28T09:40"),
    # the words of a proper name are not past-tense verbs
    ("The delegation would be flying to the United States on Thursday.", "Thursday", "DATE", "2021-02-04"),
    # anaphoric days: from the day the story has just named
    ("Police detained him on Jan. 12 and released him the next day.", "the next day", "DATE", "2021-01-13"),
    ("The strike hit on Jan. 12; the following morning the roads were shut.", "the following morning", "TIME", "2021-01-13TMO"),
    ("Talks resumed on Jan. 20 and stalled the following Monday.", "the following Monday", "DATE", "2021-01-25"),
    ("Prices fell on Jan. 20, lower than on the previous Friday.", "the previous Friday", "DATE", "2021-01-15"),
    # "later" and "earlier" are signals: the expression is the length they place
    ("The town fell on Jan. 3; a week later the rebels withdrew.", "a week later", "DURATION", "P1W"),
    ("The dam was rebuilt two years later.", "two years later", "DURATION", "P2Y"),
    ("Two months earlier, the army had retaken the pass.", "Two months earlier", "DURATION", "P2M"),
    # ... except the year-ago period of a comparison, which is a date
    ("Exports reached 40 tonnes, up from 31 tonnes a year earlier.", "a year earlier", "DATE", "2020"),
    # a quarter stated by its last day is the calendar quarter holding most of its months
    ("Profit rose 4% in the quarter ended Sept. 30.", "the quarter", "DATE", "2020-Q3"),
    ("Sales slipped in the quarter ended Jan. 31.", "the quarter", "DATE", "2020-Q4"),
    # years qualified by a prefix
    ("Post-1991 governments have all promised reform.", "Post-1991", "DATE", "1991"),
    ("The pre-2014 line was restored.", "pre-2014", "DATE", "2014"),
    # "the past decade" is the ten years up to the document date, like "the past ten years"
    ("Attacks on the road have grown over the past decade.", "the past decade", "DURATION", "P10Y"),
    # a length with neither count nor unit
    ("Residents will live without power for a while.", "a while", "DURATION", "PXX"),
    ("Troops may stay in the valley for some time.", "some time", "DURATION", "PXX"),
    # a frequency with an unstated count
    ("Militants ambush the convoys every few weeks.", "every few weeks", "SET", "PXW"),
    # both days of a pair or a range
    ("Talks will be held on Feb. 24 and 25 in Geneva.", "25", "DATE", "2021-02-25"),
    ("Talks were held on Oct. 24 and 25 in Geneva.", "25", "DATE", "2020-10-25"),
    ("Clashes on 12-13 July left 30 dead.", "12", "DATE", "2020-07-12"),
    ("Clashes on 12-13 July left 30 dead.", "13 July", "DATE", "2020-07-13"),
]


@pytest.mark.parametrize("text, surface, type_, value", CASES, ids=[f"{c[1]}: {c[0][:30]}" for c in CASES])
def test_an_anchoring_convention(text, surface, type_, value):
    found = {t.text: t for t in _tag(text)}
    assert surface in found, [t.text for t in found.values()]
    assert (found[surface].type, found[surface].value) == (type_, value)


def test_a_year_ago_compares_with_the_quarter_just_reported_not_one_told_in_passing():
    text = (
        "Harbour Freight posted higher third-quarter profit. After a weak second quarter, "
        "shipments recovered. Margins were wider than in the year-earlier period."
    )
    found = {t.text: t.value for t in _tag(text, dt.date(2020, 11, 5))}
    assert found["the year-earlier period"] == "2019-Q3"


def test_a_part_of_a_named_day_leaves_the_date_to_the_date():
    # "the early morning of 5 June" is that day; the part alone must not fall on the document date
    found = _tag("Gunmen struck in the early morning of 5 June 2020.")
    assert [(t.text, t.type, t.value) for t in found] == [("5 June 2020", "DATE", "2020-06-05")]


def test_a_modifier_before_ago_belongs_to_the_expression():
    found = {t.text: t.value for t in _tag("The militia was founded more than a decade ago.")}
    assert found == {"more than a decade ago": "2011"}


@pytest.mark.parametrize("text, not_a_date", [
    ("The report first ran in USA Today on Monday.", "Today"),
    ("On April 24 and 25 soldiers were wounded.", "25"),
])
def test_words_that_only_look_like_dates(text, not_a_date):
    assert not_a_date not in [t.text for t in _tag(text)]


def test_today_opening_a_sentence_is_the_document_date():
    found = {t.text: t.value for t in _tag("Today, the ministry said, 14 soldiers were freed.")}
    assert found["Today"] == "2021-01-30"


def _tag(text: str, dct: dt.date = DCT):
    article, view = view_article(Article("a", text, dct))
    out = []
    for t in tag_times(article):
        start, end = view.span(t.start, t.end)
        out.append(type(t)(start, end, text[start:end], t.type, t.value, t.span))
    return out
