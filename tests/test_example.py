"""The bundled example, read as a careful analyst would: its places, dates and events.

This is karamap's own statement of the reading of
``geodata/examples/2021-01-30-joint-karabakh-center.txt``; it needs nothing from ../shared.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

SEVEN_DISTRICTS = {586268: "Kalbajar", 147625: "Lachin", 147305: "Qubadli", 146901: "Zangilan",
                   148141: "Jabrayil", 148106: "Fuzuli", 148619: "Aghdam"}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def resolutions_at(doc, surface: str):
    """Every resolution whose span is an occurrence of ``surface`` in the text."""
    text = doc.article.text
    return [r for r in doc.resolutions if text[r.mention.start:r.mention.end] == surface]


def test_header_gives_date_and_title(example_document):
    art = example_document.article
    assert art.published == dt.date(2021, 1, 30)
    assert art.title == "Turkish-Russian joint Karabakh center to start operating"


def test_dateline_is_ankara(example_document):
    (ankara,) = resolutions_at(example_document, "ANKARA")
    assert ankara.place.geonameid == 323786
    assert km(ankara.place.lat, ankara.place.lon, 39.92, 32.85) < 15


@pytest.mark.parametrize("surface", ["Upper Karabakh", "Nagorno-Karabakh", "Karabakh"])
def test_every_name_of_karabakh_is_the_region(example_document, surface):
    found = resolutions_at(example_document, surface)
    assert found, surface
    for res in found:
        assert res.place.feature == "region"
        assert km(res.place.lat, res.place.lon, 39.82, 46.75) < 40


@pytest.mark.parametrize("surface, country", [("Armenia", "AM"), ("Azerbaijan", "AZ"), ("Turkey", "TR")])
def test_countries(example_document, surface, country):
    found = resolutions_at(example_document, surface)
    assert found
    assert {(r.place.feature, r.place.country) for r in found} == {("country", country)}


@pytest.mark.parametrize("surface, country", [("Turkish", "TR"), ("Russian", "RU"),
                                              ("Azerbaijani", "AZ"), ("Armenian", "AM")])
def test_demonyms_are_linked_to_their_country(example_document, surface, country):
    found = resolutions_at(example_document, surface)
    assert found
    assert {(r.mention.kind, r.place.country) for r in found} == {("demonym", country)}


def test_seven_adjacent_regions_is_a_group_of_the_seven_districts(example_document):
    (group,) = resolutions_at(example_document, "seven adjacent regions")
    assert group.mention.kind == "group"
    assert {p.geonameid for p in group.members} == set(SEVEN_DISTRICTS)


def test_the_joint_monitoring_center_is_a_facility_in_aghdam_district(example_document):
    found = resolutions_at(example_document, "joint monitoring center")
    assert found and found[0].mention.kind == "facility"
    assert km(found[0].place.lat, found[0].place.lon, 40.026, 46.915) < 25


@pytest.mark.parametrize("name", ["Anadolu Agency", "Hulusi Akar", "Zakir Hasanov", "Sergey Shoygu", "Akar"])
def test_people_and_organisations_are_not_places(example_document, name):
    text = example_document.article.text
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        assert not [r for r in example_document.resolutions
                    if r.mention.start < end and start < r.mention.end], (name, start)
        start = text.find(name, end)


@pytest.mark.parametrize("surface, value", [
    ("Jan. 30", "2021-01-30"), ("Nov. 11 2020", "2020-11-11"), ("tomorrow", "2021-01-31"),
    ("1991", "1991"), ("Sept. 27, 2020", "2020-09-27"), ("Nov. 10", "2020-11-10"),
    ("44-day", "P44D"), ("three-decade-long", "P30Y"),
])
def test_dates_are_normalised_against_the_publication_date(example_document, surface, value):
    found = [t for t in example_document.timexes if t.text == surface]
    assert found and {t.value for t in found} == {value}


def test_the_44_day_war_is_anchored_at_its_start(example_document):
    (war,) = [t for t in example_document.timexes if t.text == "44-day"]
    assert war.type == "DURATION"
    assert war.span.start == dt.date(2020, 9, 27)
    assert war.span.end in (dt.date(2020, 11, 9), dt.date(2020, 11, 10))


def _events(doc, start: dt.date, types: set[str]):
    return [e for e in doc.events if e.when and e.when.start == start and e.type in types]


@pytest.mark.parametrize("start, types, near", [
    (dt.date(2021, 1, 30), {"deployment"}, (39.9, 46.8)),
    (dt.date(2020, 11, 11), {"agreement_signed"}, (39.82, 46.75)),
    (dt.date(1991, 1, 1), {"territory_taken"}, (39.82, 46.75)),
    (dt.date(2020, 9, 27), {"armed_clash"}, (39.82, 46.75)),
    (dt.date(2020, 11, 10), {"ceasefire"}, (39.82, 46.75)),
])
def test_the_story_s_events(example_document, start, types, near):
    found = _events(example_document, start, types)
    assert found, (start, types)
    assert any(km(e.lat, e.lon, *near) < 80 for e in found)


def test_the_44_day_war_is_one_interval_event(example_document):
    wars = [e for e in example_document.events
            if e.when and e.when.start == dt.date(2020, 9, 27) and e.when.end >= dt.date(2020, 11, 9)]
    assert wars


def test_violations_after_the_deal_are_attributed(example_document):
    claims = _events(example_document, dt.date(2020, 11, 10), {"ceasefire_violation"})
    assert claims
    assert claims[0].attribution == "according to the Azerbaijani Defense Ministry"
    assert "Military Forces of Armenia" in claims[0].actors
