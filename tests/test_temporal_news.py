"""News conventions of the temporal tagger, in sentences of our own: schedules told in the present,
weekdays counted in a month, quarters named by their months, years far ahead, half-periods ago,
frequency adverbs and the generic "today's".

Each rule has cases it must read and cases it must leave alone (or read otherwise).
"""

from __future__ import annotations

import datetime as dt

import pytest

from karamap.model import Article
from karamap.temporal import tag_times

# a Wednesday
DCT = dt.date(2024, 6, 12)


def readings(text: str, published: dt.date | None = DCT) -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in tag_times(Article("n", text, published))}


# ---------------------------------------------------------------- schedules in the present tense

@pytest.mark.parametrize(
    "text, surface, value",
    [
        # a programme told in the simple present looks ahead, as "will" does
        ("The new bridge opens on Saturday to traffic.", "Saturday", "2024-06-15"),
        ("Both delegations meet Monday in Oslo.", "Monday", "2024-06-17"),
        ("The inquiry resumes Tuesday with new witnesses.", "Tuesday", "2024-06-18"),
        ("Parliament reconvenes in September after the recess.", "September", "2024-09"),
        ("The final takes place on Sunday in the capital.", "Sunday", "2024-06-16"),
        # the past, a negated or a modal verb is no schedule
        ("The new bridge opened on Saturday to traffic.", "Saturday", "2024-06-08"),
        ("Both delegations met Monday in Oslo.", "Monday", "2024-06-10"),
        ("Both delegations did not meet on Monday as planned.", "Monday", "2024-06-10"),
        ("The final took place on Sunday in the capital.", "Sunday", "2024-06-09"),
    ],
)
def test_a_schedule_in_the_present_looks_ahead(text, surface, value):
    assert readings(text)[surface] == ("DATE", value)


# ---------------------------------------------------------------- a weekday counted in a month

@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("Voters will go to the polls on the last Sunday of October.", "the last Sunday of October", "2024-10-27"),
        ("The fair is held on the first Monday in July.", "the first Monday in July", "2024-07-01"),
        ("The race ran on the second Saturday of March 2023.", "the second Saturday of March 2023", "2023-03-11"),
        # a month with five of the weekday: the last is the fifth
        ("Payments stop on the last Friday of May 2024.", "the last Friday of May 2024", "2024-05-31"),
        ("Talks are due to end on the fourth Thursday of November.", "the fourth Thursday of November", "2024-11-28"),
    ],
)
def test_a_weekday_counted_in_a_month_is_one_day(text, surface, value):
    assert readings(text)[surface] == ("DATE", value)


def test_last_weekday_without_a_month_is_still_the_week_before():
    found = readings("The rally took place last Sunday, organisers said.")
    assert found["last Sunday"] == ("DATE", "2024-06-09")


# ---------------------------------------------------------------- quarters named by their months

@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("Output grew in the April-June quarter, the ministry said.", "the April-June quarter", "2024-Q2"),
        ("Exports rose in the January-March quarter.", "the January-March quarter", "2024-Q1"),
        ("Its October-December quarter of 2022 was weak.", "October-December quarter of 2022", "2022-Q4"),
        ("Sales in the July to September quarter will be flat.", "the July to September quarter", "2024-Q3"),
    ],
)
def test_a_quarter_named_by_its_months(text, surface, value):
    assert readings(text)[surface] == ("DATE", value)


def test_months_that_are_no_calendar_quarter_stay_months():
    found = readings("Rainfall in the May-July period was low.")
    assert not any(v.endswith(("Q1", "Q2", "Q3", "Q4")) for _, v in found.values()), found


# ---------------------------------------------------------------- years far ahead

def test_a_target_year_decades_ahead_is_a_date_after_a_preposition():
    found = readings("The plan aims for zero net emissions by 2070, the agency said.")
    assert found["2070"] == ("DATE", "2070")


@pytest.mark.parametrize(
    "text",
    [
        "The ministry sent in 2080 tents.",  # a count after the preposition
        "Some 2090 residents signed.",  # no preposition
    ],
)
def test_a_number_past_the_horizon_is_no_year(text):
    assert not any(v[1].startswith("20") for v in readings(text).values()), readings(text)


# ---------------------------------------------------------------- half a period ago

@pytest.mark.parametrize(
    "text, surface, type_, value",
    [
        ("The canal was dug half a century ago.", "half a century ago", "DATE", "1974"),
        ("A half-century ago the valley flooded.", "A half-century ago", "DATE", "1974"),
        ("Half a decade ago the mine closed.", "Half a decade ago", "DATE", "2019"),
        ("Half a year ago the price was lower.", "Half a year ago", "DATE", "2023-12"),
        # told from the story's time: a length, as "two years later" is
        ("The town was rebuilt half a century later.", "half a century later", "DURATION", "P50Y"),
    ],
)
def test_half_a_period_ago(text, surface, type_, value):
    assert readings(text)[surface] == (type_, value)


# ---------------------------------------------------------------- frequencies and lengths

@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("The board meets monthly and reports to the minister.", "monthly", "P1M"),
        ("Figures are published weekly on the website.", "weekly", "P1W"),
        ("Interest is paid quarterly since the bond was issued.", "quarterly", "P3M"),
    ],
)
def test_an_adverb_of_frequency_before_a_function_word_is_a_set(text, surface, value):
    assert readings(text)[surface] == ("SET", value)


@pytest.mark.parametrize("text", ["The weekly magazine folded.", "Average daily output fell.",
                                  "The quarterly dividend was cut."])
def test_an_adjective_of_frequency_is_no_set(text):
    assert readings(text) == {}


def test_a_length_that_something_will_take():
    assert readings("Clearing the mines could take decades, engineers warn.")["decades"] == ("DURATION", "PXY")


def test_midnight_keeps_its_zone():
    assert readings("The truce began at midnight GMT.")["midnight GMT"] == ("TIME", "2024-06-12T24:00")


# ---------------------------------------------------------------- today's: the day or the age

@pytest.mark.parametrize(
    "text",
    [
        "Rates were set out in today's bulletin of the central bank.",
        "The minister's speech is printed on page two of today's issue.",
    ],
)
def test_todays_issue_is_the_day(text):
    assert readings(text)["today"] == ("DATE", "2024-06-12")


@pytest.mark.parametrize(
    "text",
    [
        "In today's world, few farms use horses.",
        "By today's standards, the wage was tiny.",
        "The sum is worth far more in today's dollars.",
    ],
)
def test_todays_world_is_no_date(text):
    assert "today" not in readings(text)


# ---------------------------------------------------------------- anaphoric parts of the day

def test_that_night_is_a_part_of_the_day_just_named():
    found = readings("Militants raided the village on May 4. That night, families fled to the hills.")
    assert found["That night"] == ("TIME", "2024-05-04TNI")


def test_the_same_morning_follows_the_day_just_named():
    found = readings("The quake struck on Jan. 9, 2023. The same morning, rescuers reached the town.")
    assert found["The same morning"] == ("TIME", "2023-01-09TMO")


def test_that_night_with_no_day_named_before_is_left_out():
    assert "that night" not in readings("Nobody slept that night in the camp.")


# ---------------------------------------------------------------- the decade ahead

@pytest.mark.parametrize(
    "text, surface",
    [
        ("Demand will double over the next decade, the report says.", "the next decade"),
        ("The coming decade will test the new dam.", "The coming decade"),
    ],
)
def test_the_next_decade_is_the_ten_years_ahead(text, surface):
    assert readings(text)[surface] == ("DURATION", "P10Y")


def test_the_next_decade_has_a_range_from_the_document_date():
    [t] = tag_times(Article("n", "Demand will double over the next decade.", DCT))
    assert t.span is not None and t.span.start == DCT


# ---------------------------------------------------------------- a span of years

@pytest.mark.parametrize(
    "text, years",
    [
        ("The 1975-1990 civil war left the city divided.", [("1975", "1975"), ("1990", "1990")]),
        ("Parliament passed the 2023-24 budget.", [("2023", "2023"), ("24", "2024")]),
        ("Records for 1998 - 2001 were lost.", [("1998", "1998"), ("2001", "2001")]),
        ("Its 1999-00 accounts were audited.", [("1999", "1999"), ("00", "2000")]),
    ],
)
def test_each_year_of_a_span_is_a_date(text, years):
    found = readings(text)
    assert [(s, found[s][1]) for s, _ in years] == years, found


@pytest.mark.parametrize(
    "text",
    [
        "Between 1500-2000 volunteers signed up.",  # a count
        "Dial 1234-56 for the hotline.",  # no year
        "The visitors won 2010-1995 on points.",  # the second before the first
        "Prices ran to $1990-2010 a tonne.",  # money
    ],
)
def test_numbers_joined_by_a_dash_that_are_no_years(text):
    assert not any(v[0] == "DATE" and v[1][:2] in ("19", "20", "15", "12") for v in readings(text).values()), readings(text)


# ---------------------------------------------------------------- "one day": a length or some day to come

@pytest.mark.parametrize(
    "text",
    ["Exiles believe they will one day go back.", "The boy wants to one day fly planes."],
)
def test_one_day_as_an_adverb_is_the_future(text):
    assert readings(text)["one day"] == ("DATE", "FUTURE_REF")


@pytest.mark.parametrize(
    "text", ["The siege lasted one day.", "Shops closed for one day in protest."],
)
def test_one_day_as_a_length_is_a_duration(text):
    assert readings(text)["one day"] == ("DURATION", "P1D")


# ---------------------------------------------------------------- centuries written as hundreds, straddling seasons

@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("Traders settled the coast in the 1700s.", "the 1700s", "17"),
        ("The canal dates from the early 1900s.", "the early 1900s", "19"),
        # a decade is still a decade
        ("The dam was built in the 1950s.", "the 1950s", "195"),
        ("Prices climbed through the 2000s.", "the 2000s", "200"),
    ],
)
def test_hundreds_are_centuries_and_tens_decades(text, surface, value):
    assert readings(text)[surface] == ("DATE", value)


def test_a_winter_across_two_years_is_the_winter_of_the_first():
    found = readings("Food ran short in the winter of 2021-22, the agency said.")
    assert found["the winter of 2021-22"] == ("DATE", "2021-WI")


# ---------------------------------------------------------------- a law takes effect; zones; fractions of years ago

@pytest.mark.parametrize(
    "text, value",
    [
        ("The new tariff takes effect Jan. 3.", "2025-01-03"),
        ("The rules come into force on Jan. 3.", "2025-01-03"),
        ("The new tariff took effect Jan. 3.", "2024-01-03"),
    ],
)
def test_taking_effect_looks_ahead(text, value):
    assert readings(text)["Jan. 3"] == ("DATE", value)


@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("Polls close at 9 p.m. ET in most states.", "9 p.m. ET", "2024-06-12T21:00"),
        ("The launch is set for 6:15 a.m. JST on Friday.", "6:15 a.m. JST on Friday", "2024-06-14T06:15"),
    ],
)
def test_more_zones_stay_in_the_span(text, surface, value):
    assert readings(text)[surface] == ("TIME", value)


@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("The mill closed a year and a half ago.", "a year and a half ago", "2022-12"),
        ("They married two and a half years ago.", "two and a half years ago", "2021-12"),
    ],
)
def test_a_fraction_of_years_ago_is_a_month(text, surface, value):
    assert readings(text)[surface] == ("DATE", value)


@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("About 11 o'clock, the sirens stopped.", "About 11 o'clock", "2024-06-12T11:00"),
        ("The vigil began at nine o'clock in the evening.", "nine o'clock in the evening", "2024-06-12T21:00"),
        ("At three o'clock on Monday the square was empty.", "three o'clock on Monday", "2024-06-10T03:00"),
    ],
)
def test_an_hour_on_the_clock_face_is_a_time(text, surface, value):
    assert readings(text)[surface] == ("TIME", value)


def test_oclock_needs_an_hour():
    assert readings("The o'clock news was late.") == {}


@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("Margins widened in H1 2023, the bank said.", "H1 2023", "2023-H1"),
        ("Analysts cut their H2'24 forecasts.", "H2'24", "2024-H2"),
    ],
)
def test_a_half_written_as_a_code(text, surface, value):
    assert readings(text)[surface] == ("DATE", value)


@pytest.mark.parametrize("text", ["Cases of H1N1 rose.", "She applied for an H1 permit."])
def test_codes_that_are_no_halves(text):
    assert not any(v[1].endswith(("H1", "H2")) for v in readings(text).values())


@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("Troops left the base on 9 Feb, a spokesman said.", "9 Feb", "2024-02-09"),
        ("The decree of 30 Sep 2019 was repealed.", "30 Sep 2019", "2019-09-30"),
    ],
)
def test_a_day_before_an_abbreviated_month_without_its_period(text, surface, value):
    assert readings(text)[surface] == ("DATE", value)


# ---------------------------------------------------------------- numeric dates and quarter codes

@pytest.mark.parametrize(
    "text, surface, value",
    [
        # month first, as US text writes it, unless only the day-first reading is within a month
        # of the document date, or the month would be past 12
        ("The memo of 03/04/2019 was leaked.", "03/04/2019", "2019-03-04"),
        ("Shelling resumed on 06/06/2024 at dawn.", "06/06/2024", "2024-06-06"),
        ("Shelling resumed on 05/06/2024 at dawn.", "05/06/2024", "2024-06-05"),
        ("Shelling resumed on 25/12/2023 at dawn.", "25/12/2023", "2023-12-25"),
        # the order the text's other dates show: 30/04 is day first, so 02/05 is May 2
        ("The truce ran from 30/04/2018 to 02/05/2018.", "02/05/2018", "2018-05-02"),
        ("The truce ran from 04/30/2018 to 05/02/2018.", "05/02/2018", "2018-05-02"),
        # day first with dots, year first with slashes, a month's name between dashes
        ("The decree of 12.01.2021 was annulled.", "12.01.2021", "2021-01-12"),
        ("The decree of 2021/01/12 was annulled.", "2021/01/12", "2021-01-12"),
        ("The decree of 12-Jan-2021 was annulled.", "12-Jan-2021", "2021-01-12"),
        ("The decree of 7-March-19 was annulled.", "7-March-19", "2019-03-07"),
        # a quarter written number first, as filings write it
        ("Output fell in 3Q09 and rose in 4Q 2010.", "3Q09", "2009-Q3"),
        ("Output fell in 3Q09 and rose in 4Q 2010.", "4Q 2010", "2010-Q4"),
    ],
)
def test_numeric_dates_and_quarter_codes(text, surface, value):
    assert readings(text)[surface] == ("DATE", value)


@pytest.mark.parametrize("text", ["The score was 3-1 after 90 minutes.", "It rose 12.5% on 1/2 of days.",
                                  "Sections 12.3.4 and 4Q were cut."])
def test_numbers_that_are_no_numeric_dates(text):
    assert all(t.type != "DATE" for t in tag_times(Article("n", text, DCT)))


# ---------------------------------------------------------------- a past verb the date completes

@pytest.mark.parametrize(
    "text, surface, value",
    [
        # the event told is over: a date weeks ahead of the document is last year's
        ("Fighting erupted on July 23 near the border.", "July 23", "2023-07-23"),
        # within a month ahead, a report may tell what followed the date it is filed under
        ("The body was found on June 20, police said.", "June 20", "2024-06-20"),
        ("He was killed on Aug. 20 in an ambush.", "Aug. 20", "2023-08-20"),
        ("The offensive began in mid-August.", "mid-August", "2023-08"),
        # a report, a plan or a present passive does not close the event: the coming date stands
        ("The ministry said the talks begin on July 3.", "July 3", "2024-07-03"),
        ("The vote was scheduled for July 3.", "July 3", "2024-07-03"),
        ("The hearing was postponed until July 3.", "July 3", "2024-07-03"),
        ("Elections are held in July in most years.", "July", "2024-07"),
    ],
)
def test_a_past_verb_the_date_completes_puts_it_behind(text, surface, value):
    assert readings(text)[surface] == ("DATE", value)
