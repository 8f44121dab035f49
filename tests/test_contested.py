"""Contested and de facto entities: each party's names find one place, and every row names its source."""

from __future__ import annotations

import pytest

from karamap.gazetteer.sources import read_tsv
from karamap.model import Article
from karamap.paths import geodata_dir
from karamap.recognise import recognise
from karamap.resolve import resolve


@pytest.mark.parametrize("names,country", [
    (("Sukhumi", "Sokhumi", "Sukhum"), "GE"),
    (("Tskhinvali", "Tskhinval"), "GE"),
    (("Kobani", "Ayn al-Arab", "Kobane"), "SY"),
    (("Ras al-Ayn", "Serêkaniyê"), "SY"),
    (("Erbil", "Hewlêr", "Arbil"), "IQ"),
    (("Laayoune", "El Aaiún"), "EH"),
    (("Hargeisa", "Hargeysa"), "SO"),
    (("Bakhmut", "Artemivsk"), "UA"),
    (("Khankendi", "Stepanakert"), "AZ"),
])
def test_each_partys_name_finds_the_same_town(gazetteer, names, country):
    ids = {next(p.id for p in gazetteer.search(n) if p.country == country) for n in names}
    assert len(ids) == 1


@pytest.mark.parametrize("name,country", [
    ("Abkhazia", "GE"), ("South Ossetia", "GE"), ("Transnistria", "MD"), ("Northern Cyprus", "CY"),
    ("Somaliland", "SO"), ("Puntland", "SO"), ("Donetsk People's Republic", "UA"), ("Luhansk People's Republic", "UA"),
    ("Rojava", "SY"), ("Iraqi Kurdistan", "IQ"), ("Ambazonia", "CM"), ("Wa State", "MM"),
    ("Golan Heights", "SY"), ("Sahrawi Arab Democratic Republic", "EH"),
])
def test_breakaway_and_disputed_areas_are_known_under_their_english_names(gazetteer, name, country):
    top = gazetteer.search(name)[0]
    assert top.country == country and top.feature in ("region", "country", "admin1")


def test_a_breakaway_capital_in_a_sentence_resolves_to_its_country(gazetteer):
    art = Article("t", "Talks were held in Tiraspol, the capital of Transnistria, on Tuesday.")
    got = [(r.mention.surface, r.place.country) for r in resolve(art, recognise(art, gazetteer), gazetteer)]
    assert got == [("Tiraspol", "MD"), ("Transnistria", "MD")]


def test_every_row_names_its_source_and_a_point_on_earth():
    rows = list(read_tsv(geodata_dir() / "contested.tsv"))
    assert len(rows) >= 60
    for name, aliases, feature, cc, lat, lon, joins, source in rows:
        assert feature in ("region", "city")
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
        assert source.startswith("Wikipedia"), name


# -- facilities: airports and air bases (airportsdata) ------------------------------------------

def test_heathrow_is_londons_airport_not_a_us_town(gazetteer):
    pytest.importorskip("airportsdata")
    art = Article("t", "Flights out of Heathrow were cancelled, London officials said.")
    got = {r.mention.surface: r.place for r in resolve(art, recognise(art, gazetteer), gazetteer)}
    assert got["Heathrow"].feature == "facility" and got["Heathrow"].country == "GB"


@pytest.mark.parametrize("name", ["Bagram Air Base", "Bagram Airbase", "Bagram Airfield"])
def test_an_air_base_answers_to_the_variants_of_its_name(gazetteer, name):
    pytest.importorskip("airportsdata")
    top = gazetteer.search(name)[0]
    assert top.feature == "facility" and top.country == "AF"


def test_an_airport_named_after_its_town_leaves_the_town_to_the_town(gazetteer):
    # "Vancouver International Airport" adds no key: "Vancouver" in it is read as the town
    assert all(p.feature != "facility" for p in gazetteer.search("Vancouver International Airport"))
    assert gazetteer.search("Vancouver")[0].feature == "city"


def test_a_bare_airport_name_that_is_a_surname_or_a_place_word_is_not_a_key(gazetteer):
    assert all(p.feature != "facility" for p in gazetteer.search("Ohio State University"))
    assert all(p.feature != "facility" for p in gazetteer.search("East Texas"))
