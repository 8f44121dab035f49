"""TIMEX3 conventions, case by case, in sentences of our own (TimeML annotation guidelines 1.2.1).

Each case is a convention the guidelines fix for news text: relative dates resolve against the
document date, a time keeps its zone in the span, parts of the day are TIME values, fiscal
periods are their calendar year's, and frequencies are SETs whose value is the period.
"""

from __future__ import annotations

import datetime as dt

import pytest

from karamap.model import Article
from karamap.temporal import tag_times

# a Saturday
DCT = dt.date(2021, 1, 30)

CASES = [
    # expressions relative to the document date
    ("The depot was shelled two years ago.", "two years ago", "DATE", "2019"),
    ("Observers expect a vote later this year.", "later this year", "DATE", "2021"),
    ("The mayor resigned earlier this month.", "earlier this month", "DATE", "2021-01"),
    ("Rallies are planned this weekend.", "this weekend", "DATE", "2021-W04-WE"),
    ("Troops will withdraw next week.", "next week", "DATE", "2021-W05"),
    ("The ceasefire was signed three weeks ago.", "three weeks ago", "DATE", "2021-W01"),
    ("A new round of talks opens early next year.", "early next year", "DATE", "2022"),
    # times with zones: the zone is part of the expression, the value the local clock time
    ("The curfew started at 10 p.m. EST on Friday.", "10 p.m. EST on Friday", "TIME", "2021-01-29T22:00"),
    ("The drone struck at 0300 GMT on Tuesday.", "0300 GMT on Tuesday", "TIME", "2021-01-26T03:00"),
    ("Shelling resumed at 14:30 local time.", "14:30 local time", "TIME", "2021-01-30T14:30"),
    ("The convoy left at 9:30 a.m. local time Tuesday.", "9:30 a.m. local time Tuesday", "TIME", "2021-01-26T09:30"),
    ("The drone hit at 23:10 GMT+3 on Monday.", "23:10 GMT+3 on Monday", "TIME", "2021-01-25T23:10"),
    ("The deadline passed at 23:59 on Friday.", "23:59 on Friday", "TIME", "2021-01-29T23:59"),
    ("The truce began at midnight on Sunday.", "midnight on Sunday", "TIME", "2021-01-24T24:00"),
    # a clock time with the day said after it is one expression, the part of the day giving
    # the half of it: "8 o'clock tonight" is 20:00
    ("The rebels vowed to strike at 8 o'clock tonight.", "8 o'clock tonight", "TIME", "2021-01-30T20:00"),
    ("Talks resume at eight o'clock tomorrow morning.", "eight o'clock tomorrow morning", "TIME", "2021-01-31T08:00"),
    ("The curfew starts at 10 p.m. tomorrow.", "10 p.m. tomorrow", "TIME", "2021-01-31T22:00"),
    ("Gunfire was heard at 11 last night.", "11 last night", "TIME", "2021-01-29T23:00"),
    ("Gunfire was heard at 2 last night.", "2 last night", "TIME", "2021-01-30T02:00"),
    ("Sirens at 9 this morning woke the town.", "9 this morning", "TIME", "2021-01-30T09:00"),
    # parts of the day
    ("Sirens sounded this morning.", "this morning", "TIME", "2021-01-30TMO"),
    ("Explosions were heard late last night.", "last night", "TIME", "2021-01-29TNI"),
    ("The market reopened yesterday afternoon.", "yesterday afternoon", "TIME", "2021-01-29TAF"),
    ("He arrived at noon Sunday.", "noon Sunday", "TIME", "2021-01-24T12:00"),
    # fiscal periods: the fiscal year's number is its value
    ("Exports fell in fiscal 2020.", "fiscal 2020", "DATE", "2020"),
    ("Revenue for FY2019 was flat.", "FY2019", "DATE", "2019"),
    ("Output rose in the third quarter of fiscal 2020.", "the third quarter of fiscal 2020", "DATE", "2020-Q3"),
    # sets: the value is the period, whatever the count in it
    ("Patrols cross the line every week.", "every week", "SET", "P1W"),
    ("The survey is published annually.", "annually", "SET", "P1Y"),
    ("Vigils are held annually on the anniversary.", "annually", "SET", "P1Y"),
    ("The council meets twice a month.", "twice a month", "SET", "P1M"),
    ("Aid trucks pass three times a day.", "three times a day", "SET", "P1D"),
    ("Monitors visit every other day.", "every other day", "SET", "P2D"),
    ("Figures are released quarterly.", "quarterly", "SET", "P3M"),
    ("Briefings are given every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
    ("Markets open on Tuesdays and Thursdays.", "Tuesdays", "SET", "XXXX-WXX-2"),
    ("Markets open on Tuesdays and Thursdays.", "Thursdays", "SET", "XXXX-WXX-4"),
    ("Protesters gather on Friday evenings.", "Friday evenings", "SET", "XXXX-WXX-5TEV"),
    ("Shops close on weekends.", "weekends", "SET", "XXXX-WXX-WE"),
    ("Rallies are held every weekend.", "every weekend", "SET", "XXXX-WXX-WE"),
    ("The town is shelled every night.", "every night", "SET", "XXXX-XX-XXTNI"),
    ("The clinic opens each morning.", "each morning", "SET", "XXXX-XX-XXTMO"),
    # tokenised text reads as written text
    ("Troops left on March 01 , 2008 , the ministry said .", "March 01 , 2008", "DATE", "2008-03-01"),
]


@pytest.mark.parametrize("text, surface, type_, value", CASES, ids=[c[1] for c in CASES])
def test_a_timex3_convention(text, surface, type_, value):
    found = {t.text: t for t in _tag(text)}
    assert surface in found, [t.text for t in found.values()]
    assert (found[surface].type, found[surface].value) == (type_, value)


@pytest.mark.parametrize("text", [
    "He served 1500 hours of community service.",  # a count of hours, not a clock time
    "In 2014 GMT sold more cars.",                    # a company, not a zone
    "The quarterly dividend rose.",                   # an adjective of a noun, not a frequency
    "The meeting is at 10 tomorrow.",                 # a bare hour whose half of the day is unsaid
    "They dined at TGI Fridays downtown.",            # a name, not each Friday
    "Sundays are quiet in the old town.",             # no preposition or quantifier before it
])
def test_what_is_not_a_time_of_day_or_a_set(text):
    assert all(t.type not in ("TIME", "SET") for t in _tag(text))


def test_a_clock_time_converted_in_brackets_is_no_year():
    found = [(t.text, t.value) for t in _tag("At 10:30 p.m. (1930 GMT) on Friday, the drone struck.")]
    assert ("10:30 p.m.", "2021-01-29T22:30") in found
    assert all(not value.startswith("1930") for _, value in found)


def _tag(text: str):
    from karamap.textview import view_article

    article, view = view_article(Article("c", text, DCT))
    found = tag_times(article)
    out = []
    for t in found:
        start, end = view.span(t.start, t.end)
        out.append(type(t)(start, end, text[start:end], t.type, t.value, t.span))
    return out
