"""Temporal tagging: every class of time expression, with its TIMEX3 value, span and range."""

from __future__ import annotations

import datetime as dt

import pytest

from karamap.errors import ConfigurationError
from karamap.model import Article, TimeExpr, TimeSpan
from karamap.temporal import tag_times

DOC = dt.date(2021, 1, 30)  # a Saturday
D = dt.date


def tag(text: str, published: dt.date | None = DOC) -> list[TimeExpr]:
    return tag_times(Article("t", text, published))


def only(text: str, published: dt.date | None = DOC) -> TimeExpr:
    found = tag(text, published)
    assert len(found) == 1, found
    return found[0]


def readings(text: str, published: dt.date | None = DOC) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag(text, published)]


# ---------------------------------------------------------------- calendar dates

@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("The minister spoke on Jan. 30 in Ankara.", "Jan. 30", "2021-01-30"),
        ("Clashes erupted on Sept. 27, 2020, along the line.", "Sept. 27, 2020", "2020-09-27"),
        ("The memorandum was signed on Nov. 11 2020 in Moscow.", "Nov. 11 2020", "2020-11-11"),
        ("The treaty was signed on 10 November 2020.", "10 November 2020", "2020-11-10"),
        ("Elections were held on December 20, 2020.", "December 20, 2020", "2020-12-20"),
        ("The report is dated 2020-11-10.", "2020-11-10", "2020-11-10"),
        ("Protests began in July 2020 and grew.", "July 2020", "2020-07"),
        ("The war of 1991 left deep scars.", "1991", "1991"),
        ("He was elected in nineteen ninety-six.", "nineteen ninety-six", "1996"),
    ],
)
def test_absolute_dates(text, surface, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (surface, "DATE", value)
    assert text[t.start : t.end] == surface


def test_a_day_has_a_one_day_range():
    assert only("It opened on Sept. 27, 2020.").span == TimeSpan(D(2020, 9, 27), D(2020, 9, 27), "day")


def test_a_month_has_the_whole_month_as_range():
    assert only("Talks resumed in February 2020.").span == TimeSpan(D(2020, 2, 1), D(2020, 2, 29), "month")


@pytest.mark.parametrize(
    "text, value",
    [
        # the reading nearest the document date (2021-01-30)
        ("Despite the Nov. 10 deal ending the conflict, fighting went on.", "2020-11-10"),
        ("The center will start operating on Feb. 3.", "2021-02-03"),
        # a past tense pulls a reading months ahead back into the past
        ("The parliament ratified it in October.", "2020-10"),
        # a future tense pushes a reading months back into the coming year
        ("The new parliament will convene in November.", "2021-11"),
        ("The talks stalled in January.", "2021-01"),
    ],
)
def test_year_less_dates_take_the_nearest_reading_and_the_tense(text, value):
    assert only(text).value == value


def test_year_less_dates_without_a_document_date_keep_the_year_open():
    t = only("The deal of Nov. 10 ended the war.", published=None)
    assert (t.value, t.span) == ("XXXX-11-10", None)


def test_absolute_dates_need_no_document_date():
    t = only("Clashes erupted on Sept. 27, 2020.", published=None)
    assert t.value == "2020-09-27"
    assert t.span == TimeSpan(D(2020, 9, 27), D(2020, 9, 27), "day")


# ---------------------------------------------------------------- relative to the document date

@pytest.mark.parametrize(
    "text, surface, type_, value",
    [
        ("The center will start its activities tomorrow.", "tomorrow", "DATE", "2021-01-31"),
        ("Two soldiers were wounded yesterday.", "yesterday", "DATE", "2021-01-29"),
        ("The ministry said today that talks go on.", "today", "DATE", "2021-01-30"),
        ("The ministers met last week in Moscow.", "last week", "DATE", "2021-W03"),
        ("A summit is planned for next week.", "next week", "DATE", "2021-W05"),
        ("Prices rose last month.", "last month", "DATE", "2020-12"),
        ("The census will be held this year.", "this year", "DATE", "2021"),
        ("Exports fell last year.", "last year", "DATE", "2020"),
        ("The mission began two months ago.", "two months ago", "DATE", "2020-11"),
        ("The mine exploded three days ago.", "three days ago", "DATE", "2021-01-27"),
        ("The village was retaken a year ago.", "a year ago", "DATE", "2020"),
        ("Aid will arrive in the coming weeks.", "coming weeks", "DURATION", "PXW"),
    ],
)
def test_relative_expressions(text, surface, type_, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (surface, type_, value)


def test_tomorrow_has_a_one_day_range():
    assert only("It opens tomorrow.").span == TimeSpan(D(2021, 1, 31), D(2021, 1, 31), "day")


def test_last_week_is_the_iso_week_monday_to_sunday():
    assert only("They met last week.").span == TimeSpan(D(2021, 1, 18), D(2021, 1, 24), "week")


@pytest.mark.parametrize(
    "text, value",
    [
        ("The deputy minister arrived on Friday.", "2021-01-29"),  # the past Friday
        ("The ministers met on Monday in Baku.", "2021-01-25"),
        ("The envoy will visit Yerevan on Tuesday.", "2021-02-02"),  # future tense: the coming one
        ("Troops withdrew last Saturday.", "2021-01-23"),
        ("The corridor reopens next Monday.", "2021-02-01"),
    ],
)
def test_weekdays(text, value):
    weekday = tag(text)[0]
    assert (weekday.type, weekday.value) == ("DATE", value)


def test_a_weekday_before_a_date_is_part_of_it():
    assert readings("Talks resumed on Thursday, Jan. 28.") == [("Thursday, Jan. 28", "DATE", "2021-01-28")]
    assert readings("The hearing is set for the week of March 6.") == [
        ("the week of March 6", "DATE", "2021-W09")
    ]


def test_relative_expressions_without_a_document_date_have_no_range():
    t = only("The ministers met last week.", published=None)
    assert t.value == "PAST_REF" and t.span is None
    weekday = only("They met on Friday.", published=None)
    assert (weekday.value, weekday.span) == ("XXXX-WXX-5", None)


@pytest.mark.parametrize(
    "text, value",
    [
        ("Refugees are now returning home.", "PRESENT_REF"),
        ("The road was recently reopened.", "PAST_REF"),
        ("Such talks failed in the past.", "PAST_REF"),
        ("Demining will take place in the future.", "FUTURE_REF"),
    ],
)
def test_reference_words(text, value):
    assert only(text).value == value


def test_present_ref_spans_the_document_date():
    assert only("Refugees are now returning.").span == TimeSpan(DOC, DOC, "day")


# ---------------------------------------------------------------- coarser periods

@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("Fighting resumed in the summer of 2020.", "the summer of 2020", "2020-SU"),
        ("The offensive began last fall.", "last fall", "2020-FA"),
        ("Reconstruction will start this spring.", "this spring", "2021-SP"),
        ("Revenue grew in the third quarter of 2020.", "the third quarter of 2020", "2020-Q3"),
        ("Third-quarter exports fell.", "Third-quarter", "2020-Q3"),
        ("The economy shrank in the first half of 2020.", "the first half of 2020", "2020-H1"),
        ("The conflict dates from the 1990s.", "the 1990s", "199"),
        ("The border was drawn in the early 1920s.", "the early 1920s", "192"),
        ("The region changed hands in the 18th century.", "the 18th century", "17"),
        ("Relations have been tense since 1991.", "1991", "1991"),
        ("The talks failed in mid-1996.", "mid-1996", "1996"),
    ],
)
def test_seasons_quarters_decades_and_years(text, surface, value):
    t = only(text)
    assert (t.text, t.value) == (surface, value)


def test_ranges_of_coarse_periods():
    assert only("in the third quarter of 2020").span == TimeSpan(D(2020, 7, 1), D(2020, 9, 30), "quarter")
    assert only("in the summer of 2020").span == TimeSpan(D(2020, 6, 1), D(2020, 8, 31), "season")
    assert only("since the 1990s").span == TimeSpan(D(1990, 1, 1), D(1999, 12, 31), "decade")
    assert only("since 1991").span == TimeSpan(D(1991, 1, 1), D(1991, 12, 31), "year")


def test_an_anaphoric_year_refers_to_the_year_just_named():
    assert readings("He fled in June 1998 and returned later that year.") == [
        ("June 1998", "DATE", "1998-06"),
        ("later that year", "DATE", "1998"),
    ]


def test_business_quarters_refer_back_and_compare_a_year_earlier():
    text = (
        "Profit rose 12% in the third quarter. In the period, sales grew; in the year-ago "
        "quarter they fell, and net income was $3 million a year earlier."
    )
    assert readings(text, D(1989, 10, 30)) == [
        ("the third quarter", "DATE", "1989-Q3"),
        ("the period", "DATE", "1989-Q3"),
        ("the year-ago quarter", "DATE", "1988-Q3"),
        ("a year earlier", "DATE", "1988-Q3"),
    ]


def test_holidays():
    assert only("The boy was found on Thanksgiving Day.", D(2000, 1, 6)).value == "1999-11-25"
    assert only("Shelling stopped on Christmas Eve 2020.").value == "2020-12-24"


# ---------------------------------------------------------------- durations

@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("The ceasefire held for two days.", "two days", "P2D"),
        ("The siege lasted 18 months.", "18 months", "P18M"),
        ("Prices rose over the past three months.", "the past three months", "P3M"),
        ("The occupation lasted nearly three decades.", "nearly three decades", "P30Y"),
        ("the nearly three-decade-long occupation", "three-decade-long", "P30Y"),
        ("Talks could take several years.", "several years", "PXY"),
        ("The talks lasted 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
        ("The convoy waited half an hour.", "half an hour", "PT30M"),
        ("Results for the first nine months were weak.", "the first nine months", "P9M"),
        ("The lull lasted a week.", "a week", "P1W"),
        ("The truce lasted a couple of years.", "a couple of years", "P2Y"),
        ("The blast came a minute and a half later.", "a minute and a half", "PT1M30S"),
        ("The talks took two and a half years.", "two and a half years", "P2Y6M"),
    ],
)
def test_durations(text, surface, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (surface, "DURATION", value)


def test_the_44_day_war_is_anchored_at_its_stated_start():
    text = (
        "When new clashes erupted on Sept. 27, 2020, the army launched attacks. "
        "During the 44-day conflict, Azerbaijan liberated several cities."
    )
    start, war = tag(text)
    assert (war.text, war.value) == ("44-day", "P44D")
    assert war.span == TimeSpan(D(2020, 9, 27), D(2020, 11, 9), "range")


def test_a_duration_is_anchored_at_its_stated_end_when_no_start_is_given():
    text = "The 44-day war ended on Nov. 10, 2020 with a deal."
    war, end = tag(text)
    assert war.span == TimeSpan(D(2020, 9, 28), D(2020, 11, 10), "range")


def test_a_length_stated_with_its_start_in_one_sentence_is_anchored():
    t = tag("The war, which began on September 27, lasted 44 days.")[1]
    assert (t.value, t.span) == ("P44D", TimeSpan(D(2020, 9, 27), D(2020, 11, 9), "range"))
    # a plain length with a date in another sentence is not
    assert tag("Jan. 3 was calm. The ceasefire held for two days.")[1].span is None


def test_a_duration_running_up_to_the_document_date():
    t = only("Prices doubled over the past three months.")
    assert t.span == TimeSpan(D(2020, 10, 31), DOC, "range")


def test_an_approximate_or_unanchored_duration_has_no_range():
    assert only("The occupation lasted nearly three decades.").span is None
    assert only("The ceasefire held for two days.").span is None


# ---------------------------------------------------------------- times and sets

@pytest.mark.parametrize(
    "text, surface, type_, value",
    [
        ("The strike came at 10 a.m. on Friday.", "10 a.m. on Friday", "TIME", "2021-01-29T10:00"),
        ("Sirens sounded at 3:30 p.m.", "3:30 p.m.", "TIME", "2021-01-30T15:30"),
        ("The curfew starts at midnight.", "midnight", "TIME", "2021-01-30T24:00"),
        ("Shelling resumed this morning.", "this morning", "TIME", "2021-01-30TMO"),
        ("Drones were heard last night.", "last night", "TIME", "2021-01-29TNI"),
        ("The convoy leaves at 4 in the morning.", "4 in the morning", "TIME", "2021-01-30T04:00"),
        ("By mid-afternoon yesterday the road was open.", "mid-afternoon yesterday", "TIME", "2021-01-29TAF"),
        ("Monitors patrol the line daily.", "daily", "SET", "P1D"),
        ("The commission meets every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
        ("The council meets every three months.", "every three months", "SET", "P3M"),
        ("Convoys run twice a week.", "twice a week", "SET", "P1W"),  # TIMEX3 keeps the count in the extent (freq 2X)
        ("Talks are held each July.", "each July", "SET", "XXXX-07"),
    ],
)
def test_times_and_sets(text, surface, type_, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (surface, type_, value)


# ---------------------------------------------------------------- no false dates

@pytest.mark.parametrize(
    "text",
    [
        "One general and 38 of our staff are to operate there.",
        "Azerbaijan liberated nearly 300 settlements and villages.",
        "We believe that the center will help.",
        "The parties may meet again.",
        "Thousands march on the capital.",
        "March on, said the commander.",
        "May God protect them.",
        "The brigade lost 2000 soldiers in the battle.",
        "The building has 1500 rooms.",
        "Tickets cost $1999 each.",
        "The fall of the town shocked the region.",
        "A 52-year-old man was wounded.",
        "He is 52 years old.",
        "Iraq imports three-quarters of its food.",
        "A second group of monitors arrived.",
    ],
)
def test_no_false_dates(text):
    assert tag(text) == []


def test_may_and_march_are_months_when_the_context_says_so():
    assert only("The vote was postponed until May.").value == "2021-05"
    assert only("Talks resumed in March 2020.").value == "2020-03"


# ---------------------------------------------------------------- the contract

def test_a_clock_time_belongs_to_the_day_just_named():
    assert readings("He was shot on Oct. 23, 2020 at 10 p.m. at home.") == [
        ("Oct. 23, 2020", "DATE", "2020-10-23"),
        ("10 p.m.", "TIME", "2020-10-23T22:00"),
    ]


def test_offsets_index_the_article_text():
    text = "ANKARA\n\nOn Jan. 30 the minister said the center opens tomorrow, 44 days after the deal."
    for t in tag(text):
        assert text[t.start : t.end] == t.text


def test_expressions_come_in_text_order_without_overlaps():
    found = tag("On Sept. 27, 2020 fighting began; by Nov. 10 it ended, after 44 days.")
    assert [t.text for t in found] == ["Sept. 27, 2020", "Nov. 10", "44 days"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_text_that_is_not_a_string_is_refused():
    with pytest.raises(ConfigurationError):
        tag_times(Article("t", None, DOC))  # type: ignore[arg-type]


def test_a_publication_timestamp_counts_from_its_day():
    published = dt.datetime(2021, 1, 30, 23, 59)
    assert tag_times(Article("t", "It opens tomorrow.", published))[0].value == "2021-01-31"  # type: ignore[arg-type]


def test_a_publication_date_that_is_not_a_date_is_refused():
    with pytest.raises(ConfigurationError):
        tag_times(Article("t", "It opens tomorrow.", "2021-01-30"))  # type: ignore[arg-type]
