"""Physical features from geodata/regions.tsv (islands, rivers, lakes, mountains, seas): found and placed."""

from __future__ import annotations

import datetime as dt

from karamap.model import Article
from karamap.recognise import recognise
from karamap.resolve import resolve


def _resolved(text, gazetteer):
    art = Article(id="t", text=text, published=dt.date(2021, 1, 30))
    return {r.mention.surface: r.place for r in resolve(art, recognise(art, gazetteer), gazetteer)}


def _near(place, lat, lon, tol=0.5):
    return place is not None and abs(place.lat - lat) < tol and abs(place.lon - lon) < tol


def test_floods_along_the_mekong(gazetteer):
    places = _resolved("Floods along the Mekong displaced thousands of families.", gazetteer)
    assert "Mekong" in places
    assert _near(places["Mekong"], 10.19, 106.75)


def test_java_is_the_indonesian_island(gazetteer):
    places = _resolved("Health officials reported an outbreak in Java on Friday.", gazetteer)
    java = places["Java"]
    assert (java.feature, java.country) == ("region", "ID")
    assert _near(java, -7.49, 110.0)


def test_the_nile_by_its_press_forms(gazetteer):
    places = _resolved("Egypt and Ethiopia disagree over the waters of the Nile River.", gazetteer)
    assert _near(places["Nile River"], 30.17, 31.15)


def test_strait_of_hormuz(gazetteer):
    places = _resolved("Tankers crossed the Strait of Hormuz under escort.", gazetteer)
    assert _near(places["Strait of Hormuz"], 26.6, 56.5)


def test_north_sea_is_the_sea_not_the_new_york_hamlet(gazetteer):
    places = _resolved("Wind farms in the North Sea supplied a record share of power.", gazetteer)
    assert places["North Sea"].feature == "region"
    assert _near(places["North Sea"], 56.0, 3.0)


def test_conflict_regions_the_press_names_by_their_own_names(gazetteer):
    places = _resolved("Jets struck targets in Eastern Ghouta while troops patrolled North Sinai "
                       "and the Sinai Peninsula.", gazetteer)
    assert _near(places["Eastern Ghouta"], 33.55, 36.4)
    assert places["Sinai Peninsula"].country == "EG"
    places = _resolved("Drones flew over North Waziristan, and fishermen left Lake Chad.", gazetteer)
    assert places["North Waziristan"].country == "PK"
    assert _near(places["Lake Chad"], 13.0, 14.0)
    assert "Lake" not in places


def test_the_congos_by_their_long_names(gazetteer):
    places = _resolved("Refugees from the Democratic Republic of Congo crossed into the Republic of Congo.",
                       gazetteer)
    assert places["Democratic Republic of Congo"].country == "CD"
    assert places["Republic of Congo"].country == "CG"


def test_mount_sinai_hospital_is_not_the_peninsula(gazetteer):
    places = _resolved("She was treated at Mount Sinai Hospital in New York.", gazetteer)
    assert all(p is None or p.country != "EG" for p in places.values())
