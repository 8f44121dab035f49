"""Holidays whose date depends on the country, in sentences of our own.

Many countries keep an "Independence Day" or a "Victory Day", each on its own date: such a name
takes the date of the country the text names (the word before it, else its sentence, else the
document), and no date at all when that country is unclear or keeps no such day. With no country
named anywhere, the US reading stands.
"""

from __future__ import annotations

import datetime as dt

import pytest

from karamap.model import Article
from karamap.temporal import tag_times
from karamap.temporal.holidays import holiday_date, orthodox_easter

# a Wednesday
DCT = dt.date(2024, 6, 12)


def readings(text: str, published: dt.date | None = DCT) -> dict[str, str]:
    return {t.text: t.value for t in tag_times(Article("h", text, published))}


@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("Kyiv will mark Ukraine's Independence Day with a march.", "Independence Day", "2024-08-24"),
        ("Ukrainian Independence Day will pass without a parade this year.", "Independence Day", "2024-08-24"),
        ("Pakistan will celebrate Independence Day with flag raisings.", "Independence Day", "2024-08-14"),
        ("Security was tight in New Delhi as India prepares for Independence Day.", "Independence Day", "2024-08-15"),
        ("Armenia's Independence Day parade was cancelled.", "Independence Day", "2023-09-21"),
        ("Americans will watch fireworks on Independence Day.", "Independence Day", "2024-07-04"),
        # the sentence names no country: the document does
        ("Troops lined the streets of Kyiv. The Independence Day parade will be called off. Ukraine's "
         "army chief spoke.", "Independence Day", "2024-08-24"),
        # no country anywhere: the United States' day, as before
        ("The Independence Day fireworks will go ahead.", "Independence Day", "2024-07-04"),
        # a victory day: Russia's on May 9, Azerbaijan's on Nov. 8
        ("Russia held its Victory Day parade in Moscow.", "Victory Day", "2024-05-09"),
        ("Baku held a parade on Victory Day in Azerbaijan.", "Victory Day", "2023-11-08"),
        # the Orthodox feasts by the Julian calendar
        ("Fighting paused for Orthodox Christmas.", "Orthodox Christmas", "2024-01-07"),
        ("A truce was declared for Orthodox Easter.", "Orthodox Easter", "2024-05-05"),
        # Canada's Thanksgiving when the sentence names Canada alone
        ("Canadian families gathered for Thanksgiving.", "Thanksgiving", "2023-10-09"),
        ("The Cuban boy was found at sea on Thanksgiving Day.", "Thanksgiving Day", "2023-11-23"),
    ],
)
def test_a_holiday_takes_the_date_of_its_country(text, surface, value):
    assert readings(text)[surface] == value


@pytest.mark.parametrize(
    "text",
    [
        # Kenya's independence is Jamhuri Day: it keeps no day of that name
        "Kenyan police deployed in force on Independence Day.",
        # two countries that keep the day, neither right before it
        "Pakistan and India both marked Independence Day.",
        # an election day is each country's own
        "Kenya votes on Election Day.",
    ],
)
def test_a_holiday_of_an_unclear_country_has_no_date(text):
    assert not any(t.type == "DATE" for t in tag_times(Article("h", text, DCT)))


def test_a_us_state_named_like_a_country_leaves_the_us_day():
    text = "Independence Day celebrations in Atlanta, Georgia, will be muted."
    assert readings(text)["Independence Day"] == "2024-07-04"


def test_orthodox_easter_follows_the_julian_computus():
    # published dates of Orthodox Easter (Gregorian)
    assert [orthodox_easter(y) for y in (2021, 2022, 2023, 2024, 2025)] == [
        dt.date(2021, 5, 2), dt.date(2022, 4, 24), dt.date(2023, 4, 16), dt.date(2024, 5, 5), dt.date(2025, 4, 20)]


def test_a_commemoration_keeps_its_date_in_years_without_a_day_off():
    # the holidays package lists no days off in Ukraine under martial law (from 2022)
    assert holiday_date("Independence Day", 2023, "UA") == dt.date(2023, 8, 24)


def test_a_shared_name_without_a_country_has_no_date():
    assert holiday_date("Independence Day", 2024, None) is None
    assert holiday_date("Independence Day", 2024, "UA") == dt.date(2024, 8, 24)
    assert holiday_date("Christmas Day", 2024, None) == dt.date(2024, 12, 25)
