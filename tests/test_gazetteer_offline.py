"""The offline gazetteer: GeoNames places, countries, divisions and karamap's geodata, by any alias."""

from __future__ import annotations

import pytest

from karamap.gazetteer.base import normalise_name
from karamap.gazetteer.index import index_file
from karamap.gazetteer.offline import OfflineGazetteer


def test_search_finds_a_geonames_city_with_its_id_and_coordinates(gazetteer):
    ankara = gazetteer.search("Ankara")[0]
    assert ankara.id == "geonames:323786"
    assert ankara.geonameid == 323786
    assert ankara.feature == "city"
    assert ankara.country == "TR"
    assert ankara.lat == pytest.approx(39.92, abs=0.01)
    assert ankara.lon == pytest.approx(32.85, abs=0.01)


@pytest.mark.parametrize(
    "alias",
    ["Nagorno-Karabakh", "Nagorno–Karabakh", "Upper Karabakh", "Karabakh", "Artsakh",
     "Dağlık Karabağ", "Daglik Karabag", "Yukarı Karabağ", "Нагорный Карабах", "Լեռնային Ղարաբաղ"],
)
def test_nagorno_karabakh_answers_to_its_names_in_several_scripts(gazetteer, alias):
    place = gazetteer.search(alias)[0]
    assert place.id == "karamap:nagorno-karabakh"
    assert place.feature == "region"
    assert (place.lat, place.lon) == (39.82, 46.75)
    assert "GeoNames" in place.source or "Wikipedia" in place.source


@pytest.mark.parametrize(
    ("alias", "geonameid"),
    [("Kalbajar", 586268), ("Kəlbəcər", 586268), ("Кельбаджар", 586268), ("Lachin", 147625),
     ("Berdzor", 147625), ("Qubadlı", 147305), ("Kubatlı", 147305), ("Zangilan", 146901),
     ("Zəngilan", 146901), ("Jabrayil", 148141), ("Cəbrayıl", 148141), ("Fuzuli", 148106),
     ("Füzuli", 148106), ("Aghdam", 148619), ("Ağdam", 148619), ("Агдам", 148619)],
)
def test_the_seven_districts_carry_their_geonames_ids(gazetteer, alias, geonameid):
    place = gazetteer.search(alias, country="AZ")[0]
    assert place.geonameid == geonameid
    assert place.id.startswith("karamap:")


def test_stepanakert_and_khankendi_are_one_place(gazetteer):
    assert gazetteer.search("Stepanakert")[0] == gazetteer.search("Khankendi")[0]
    assert gazetteer.search("Shushi")[0].id == gazetteer.search("Shusha")[0].id == "karamap:shusha"


def test_the_group_resolves_to_its_seven_members(gazetteer):
    group = gazetteer.lookup_key("seven adjacent regions")[0]
    assert group.feature == "group"
    members = [gazetteer.get(pid) for pid in group.members]
    assert sorted(p.geonameid for p in members) == sorted(
        [586268, 147625, 147305, 146901, 148141, 148106, 148619])


def test_the_joint_monitoring_center_is_an_approximate_facility_in_aghdam_district(gazetteer):
    center = gazetteer.get("karamap:joint-monitoring-center")
    assert center.feature == "facility"
    assert center.approximate is True
    assert center.lat == pytest.approx(40.026, abs=0.01)
    assert center.lon == pytest.approx(46.915, abs=0.01)


def test_lookup_key_is_exact_on_the_normalised_key(gazetteer):
    assert gazetteer.lookup_key(normalise_name("Upper Karabakh"))[0].id == "karamap:nagorno-karabakh"
    assert gazetteer.lookup_key("Upper Karabakh") == ()  # a key is already normalised
    assert gazetteer.lookup_key("no such place anywhere") == ()
    assert gazetteer.search("Atlantis Nowhere") == []


def test_countries_answer_to_official_short_and_press_names(gazetteer):
    assert gazetteer.search("Türkiye")[0].id == "geonames:298795"
    assert gazetteer.search("Russian Federation")[0].country == "RU"
    assert gazetteer.search("U.S.")[0].id == "geonames:6252001"
    assert gazetteer.search("UK")[0].country == "GB"
    assert gazetteer.search("Britain")[0].country == "GB"


def test_first_level_divisions_worldwide_are_there(gazetteer):
    kentucky = gazetteer.search("Kentucky")[0]
    assert (kentucky.feature, kentucky.country, kentucky.geonameid) == ("admin1", "US", 6254925)
    alberta = gazetteer.search("Alberta")[0]
    assert (alberta.feature, alberta.country) == ("admin1", "CA")
    assert 50 < alberta.lat < 57 and -120 < alberta.lon < -110
    assert gazetteer.search("Tex.")[0].name == "Texas"


def test_search_ranks_countries_before_namesake_towns_and_filters_by_country(gazetteer):
    georgia = gazetteer.search("Georgia")
    assert georgia[0].feature == "country" and georgia[0].country == "GE"
    us = gazetteer.search("Georgia", country="US")
    assert us[0].feature == "admin1"
    paris = gazetteer.search("Paris", country="us")
    assert paris and all(p.country == "US" for p in paris)


def test_get_by_id_and_unknown_ids(gazetteer):
    assert gazetteer.get("geonames:2988507").name == "Paris"
    assert gazetteer.get("karamap:aghdam").geonameid == 148619
    assert gazetteer.get("geonames:999999999") is None
    assert gazetteer.get("nominatim:relation/1") is None


def test_demonyms_name_their_country(gazetteer):
    offline = getattr(gazetteer, "offline", gazetteer)
    assert offline.demonym("turkish").id == "geonames:298795"
    assert offline.demonym("azerbaijani").country == "AZ"
    assert offline.demonym("american").country == "US"
    assert offline.demonym("thursday") is None


def test_the_index_is_built_once_into_the_cache_and_reloaded(tmp_path):
    gaz = OfflineGazetteer.open(tmp_path)
    assert index_file(tmp_path).exists()
    assert gaz.build_seconds > 0
    again = OfflineGazetteer.open(tmp_path)
    assert again.search("Aghdam")[0].geonameid == 148619
    assert len(again) == len(gaz) > 200_000


def test_a_broken_index_file_is_rebuilt(tmp_path, gazetteer, monkeypatch):
    import shutil

    import karamap.gazetteer.offline as offline_module

    built = getattr(gazetteer, "offline", gazetteer).path
    calls = []

    def fake_build(geodata, target):  # the real build is covered above; copy its result
        calls.append(target)
        shutil.copyfile(built, target)
        return 0.0

    monkeypatch.setattr(offline_module, "build_index", fake_build)
    path = index_file(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not an index")
    gaz = OfflineGazetteer.open(tmp_path)
    assert calls == [path]
    assert gaz.search("Shusha")[0].id == "karamap:shusha"


def test_divisions_sit_at_the_centre_of_their_outlines_not_of_their_towns(gazetteer):
    from karamap.resolve import distance_km

    new_york = next(p for p in gazetteer.lookup_key("new york") if p.feature == "admin1")
    nyc = gazetteer.search("New York City", country="US")[0]
    assert distance_km(new_york, nyc) > 200  # upstate, not pulled towards the city's suburbs
    assert "outline" in new_york.source
    queensland = next(p for p in gazetteer.lookup_key("queensland") if p.feature == "admin1")
    assert -24 < queensland.lat < -21 and 143 < queensland.lon < 146  # inland, not on the coast
    laurel = next(p for p in gazetteer.lookup_key("laurel county") if p.admin1 == "Kentucky")
    assert laurel.lat == pytest.approx(37.11, abs=0.1) and laurel.lon == pytest.approx(-84.12, abs=0.1)


def test_english_counties_that_geonames_splits_are_whole(gazetteer):
    cheshire = next(p for p in gazetteer.lookup_key("cheshire") if p.country == "GB")
    assert cheshire.feature == "admin2" and cheshire.lat == pytest.approx(53.17, abs=0.01)
    assert {p.name for p in gazetteer.lookup_key("greater manchester")} == {"Greater Manchester"}


def test_adjectives_of_continents_and_regions_name_them(gazetteer):
    assert (gazetteer.demonym("european").name, gazetteer.demonym("european").feature) == ("Europe", "continent")
    assert gazetteer.demonym("kurds").name == "Kurdistan"
    assert gazetteer.demonym("scottish").name == "Scotland"
    assert gazetteer.demonym("turkish").name == "Turkey"
