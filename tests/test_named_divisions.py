"""A named division decides: the text's "X (Y district, Z)", "X, Y oblast", "X in Y province"."""

from __future__ import annotations

import pytest
from conftest import mentions_of

from karamap.model import Article, Place
from karamap.named_divisions import Tie, class_word_after, lies_within, ties_of
from karamap.recognise import recognise
from karamap.resolve import resolve


@pytest.mark.parametrize("text,names,expected", [
    ("a raid on Alpha (Beta, Gamma) at dawn", ("Alpha", "Beta", "Gamma"),
     {(0, 1, True), (1, 2, True), (0, 2, True)}),
    ("a raid on Alpha village (Beta district, Gamma province)", ("Alpha", "Beta", "Gamma"),
     {(0, 1, True), (1, 2, True), (0, 2, True)}),
    ("shelling near Alpha, Beta oblast", ("Alpha", "Beta"), {(0, 1, True)}),
    ("shelling near Alpha in Beta province", ("Alpha", "Beta"), {(0, 1, True)}),
    ("shelling of Beta region's Alpha", ("Beta", "Alpha"), {(1, 0, True)}),
    ("a clash in Alpha district, Beta", ("Alpha", "Beta"), {(0, 1, True)}),
])
def test_the_patterns_that_tie_a_name_to_a_division(text, names, expected):
    ties = ties_of(text, mentions_of(text, *names), [True] * len(names))
    assert {(t.inner, t.outer, t.strong) for t in ties} == expected


def test_a_list_is_not_a_tie():
    text = "flights from Alpha, Beta and Gamma"
    assert ties_of(text, mentions_of(text, "Alpha", "Beta", "Gamma"), [True, True, True]) == []


def test_a_comma_ties_only_to_a_division_unless_the_name_before_is_weak():
    text = "troops at Alpha, Beta on Monday"
    ms = mentions_of(text, "Alpha", "Beta")
    assert ties_of(text, ms, [False, False]) == []
    assert ties_of(text, ms, [False, False], weak=[True, False]) == [Tie(0, 1, False)]


def test_in_without_a_word_of_division_is_no_tie():
    text = "protesters from Alpha in Beta"
    assert ties_of(text, mentions_of(text, "Alpha", "Beta"), [True, True]) == []


def test_a_part_of_a_hyphenated_word_is_no_division():
    text = "in Alpha (Beta, Nord-Kivu)"
    ms = mentions_of(text, "Alpha", "Beta", "Nord")
    assert {(t.inner, t.outer) for t in ties_of(text, ms, [True] * 3)} == {(0, 1)}


def test_the_word_of_place_after_a_name():
    text = "fighting in Obe district and Farah City"
    ms = mentions_of(text, "Obe", "Farah")
    assert class_word_after(text, ms[0]) == "district"
    assert class_word_after(text, ms[1]) is None  # capitalised: part of a name


PROVINCE = Place("p", "Herat", "admin1", "AF", 34.3, 62.2)
DISTRICT_SEAT = Place("d", "Shindand", "city", "AF", 33.30, 62.14)


@pytest.mark.parametrize("place,division,inside", [
    (Place("a", "Obeh", "city", "AF", 34.37, 63.18, admin1="Herat"), PROVINCE, True),
    (Place("b", "Obeh", "city", "AF", 34.37, 63.18, admin1="Badghis"), PROVINCE, False),
    (Place("c", "Obe", "city", "FR", 43.7, 4.1), PROVINCE, False),
    (Place("e", "Kohak", "city", "AF", 33.35, 62.2), DISTRICT_SEAT, True),     # near the district's seat
    (Place("f", "Kohak", "city", "AF", 35.35, 62.2), DISTRICT_SEAT, False),    # 200 km off
    (PROVINCE, PROVINCE, False),                                              # not inside itself
    (DISTRICT_SEAT, DISTRICT_SEAT, True),                                     # a town in its own district
    (Place("g", "Afghanistan", "country", "AF", 33, 65), PROVINCE, False),
])
def test_what_lies_within_a_division(place, division, inside):
    assert lies_within(place, division) is inside


# -- in resolution --------------------------------------------------------------------------------

def resolved(gazetteer, text):
    art = Article("t", text)
    return [(r.mention.surface, r.place) for r in resolve(art, recognise(art, gazetteer), gazetteer)]


def test_a_town_named_with_its_province_is_the_town_and_the_province_the_province(gazetteer):
    got = resolved(gazetteer, "Gunmen fired at a market in Farah city, Farah province, on Monday.")
    features = [p.feature for _, p in got if p is not None]
    assert features == ["city", "admin1"]


def test_a_town_in_brackets_with_its_province_is_the_town(gazetteer):
    got = resolved(gazetteer, "Sappers cleared mines in Kherson (Kherson) after the withdrawal.")
    assert got[0][1].feature == "city" and got[0][1].country == "UA"


def test_the_namesake_inside_the_named_division_wins(gazetteer):
    # several Ukrainian villages bear the name; the one in Donetsk oblast is meant
    got = dict(resolved(gazetteer, "Artillery struck near Pervomaiske, Donetsk oblast, overnight."))
    place = got.get("Pervomaiske")
    assert place is None or place.admin1 == "Donetsk"


def test_a_village_named_with_its_oblast_is_read_inside_it_or_not_at_all(gazetteer):
    # villages called Bohdanivka lie in many oblasts
    got = dict(resolved(gazetteer, "Shelling was reported near Bohdanivka, Donetsk oblast."))
    assert got["Bohdanivka"] is None or got["Bohdanivka"].admin1 == "Donetsk"


def test_a_village_whose_every_namesake_lies_outside_the_named_division_is_not_mapped(gazetteer):
    # the only Goyali the gazetteer knows lies in India, not in Azerbaijan's Gadabay district
    got = dict(resolved(gazetteer, "Shots were fired near Goyali (Gadabay district, Azerbaijan)."))
    assert "Goyali" in got and got["Goyali"] is None


def test_a_foreign_small_town_far_from_the_places_named_is_not_mapped(gazetteer):
    got = dict(resolved(gazetteer, "Azerbaijani positions at Goyali, Gadabay came under fire, Baku said."))
    assert got.get("Goyali") is None
    assert got["Gadabay"].country == "AZ"


def test_a_small_town_closed_off_by_a_state_it_does_not_lie_in_is_not_mapped(gazetteer):
    # the gazetteer's towns called Orient lie in New York and Texas, none in Ohio
    got = dict(resolved(gazetteer, "The inmate wrote from a prison in Orient, Ohio, to the parole board."))
    assert "Orient" in got and got["Orient"] is None
    assert got["Ohio"].feature == "admin1"


def test_a_town_closed_off_by_its_own_state_is_read_there(gazetteer):
    got = dict(resolved(gazetteer, "The inmate wrote from a prison in Athens, Ohio, to the parole board."))
    assert got["Athens"].country == "US" and got["Athens"].admin1 == "Ohio"


def test_a_clause_after_the_comma_does_not_tie_the_town_to_the_country(gazetteer):
    got = dict(resolved(gazetteer, "In Gyumri, Russia keeps a base that Armenia hosts."))
    assert got["Gyumri"] is not None and got["Gyumri"].country == "AM"


def test_a_city_named_with_another_division_is_still_the_city(gazetteer):
    # a writer's slip of province does not move a city of a million people
    got = dict(resolved(gazetteer, "Drivers honked in a convoy through Kharkiv, Poltava, on Sunday."))
    assert got["Kharkiv"] is not None and got["Kharkiv"].country == "UA"


def test_an_address_of_town_province_and_country_ties_the_town_to_the_province(gazetteer):
    # Stroud, Ontario is a village the gazetteer lacks; England's Stroud is not meant
    got = dict(resolved(gazetteer, "A lorry was stopped on the highway near Stroud, Ontario, Canada, at dawn."))
    assert "Stroud" in got and got["Stroud"] is None
    got = dict(resolved(gazetteer, "A lorry was stopped on the highway near Barrie, Ontario, Canada, at dawn."))
    assert got["Barrie"].country == "CA"


def test_regions_by_the_english_names_the_press_uses(gazetteer):
    got = dict(resolved(gazetteer, "Militants ambushed a convoy in Lower Shabelle and shelled a camp in South Darfur."))
    assert (got["Lower Shabelle"].feature, got["Lower Shabelle"].country) == ("admin1", "SO")
    assert (got["South Darfur"].feature, got["South Darfur"].country) == ("admin1", "SD")


def test_a_village_tied_to_an_aliased_region_is_read_inside_it_or_not_at_all(gazetteer):
    # the only Karan the gazetteer knows lies in Iran, not in Somalia's Banadir region
    got = dict(resolved(gazetteer, "A grenade was thrown at a shop in Karan (Banadir) on Tuesday."))
    assert got["Banadir"].country == "SO"
    assert got.get("Karan") is None
