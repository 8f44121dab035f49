"""What counts as a place mention and which namesake it is: peoples, the heads of longer names,
Arabic articles in lower case, parts of towns, and names that only look like places."""

from __future__ import annotations

from conftest import make_article, mentions_of

from karamap.gazetteer.sources import _keep_alternate
from karamap.named_divisions import Tie, ties_of
from karamap.recognise import recognise
from karamap.resolve import resolve


def surfaces(text, gazetteer):
    return [m.surface for m in recognise(make_article(text), gazetteer)]


def readings(text, gazetteer):
    art = make_article(text)
    return {r.mention.surface: (r.place.country if r.place is not None else None)
            for r in resolve(art, recognise(art, gazetteer), gazetteer)}


# -- peoples named like villages

def test_a_people_named_with_its_tribe_or_clan_is_no_place(gazetteer):
    text = "On Sunday, elders of the Nuba tribe met Hadendowa clansmen in Atbara to end the feud."
    assert "Nuba" not in surfaces(text, gazetteer)
    assert "Atbara" in surfaces(text, gazetteer)
    text = "On Sunday, Nuba and Fur ethnic groups clashed at the cattle market of Atbara."
    assert "Nuba" not in surfaces(text, gazetteer)


def test_a_people_named_with_its_fighters_is_no_place(gazetteer):
    text = "On Sunday, Nuba fighters took positions on the road to Dilling in South Kordofan."
    found = surfaces(text, gazetteer)
    assert "Nuba" not in found and "Dilling" in found


def test_a_sizeable_place_keeps_its_name_before_tribes_and_fighters(gazetteer):
    # a province's tribes and a big city's fighters are of the place
    found = surfaces("On Sunday, Anbar tribes joined the offensive near Ramadi in the west.", gazetteer)
    assert "Anbar" in found
    found = surfaces("On Sunday, Aleppo fighters were seen on the road north of the town.", gazetteer)
    assert "Aleppo" in found


# -- the head of a longer name no gazetteer here knows

def test_a_common_word_town_that_heads_an_unknown_name_is_no_place(gazetteer):
    text = "On Tuesday, looters emptied two shops in Bar Zelqana on the coastal road south of the port."
    assert "Bar" not in surfaces(text, gazetteer)


def test_a_small_town_that_heads_an_unknown_name_is_no_place(gazetteer):
    text = "On Tuesday, a car bomb went off at the market of Nuba Qarwash, east of the city of Aleppo."
    assert "Nuba" not in surfaces(text, gazetteer)


def test_a_town_before_a_word_a_place_name_may_take_is_kept(gazetteer):
    # a day, a title or an English word after the name does not make it part of a longer one
    found = surfaces("Snow closed two passes in Montana Sunday, and the highway patrol warned drivers.", gazetteer)
    assert "Montana" in found
    found = surfaces("The gym will reopen on Friday, said Hopewell Mayor Jane Ruiz, after the board met.", gazetteer)
    assert "Hopewell" in found
    found = surfaces("He grew up in Bar, Montenegro, and later moved to the coast near Kotor.", gazetteer)
    assert "Bar" in found


def test_a_function_word_opening_a_sentence_is_no_first_name(gazetteer):
    # (the census lists "In" as a first name)
    text = "Farmers asked for help after the dry summer. In Nebraska, the harvest fell by a third."
    assert "Nebraska" in surfaces(text, gazetteer)


# -- Arabic articles written in lower case

def test_a_place_named_with_its_article_in_lower_case(gazetteer):
    text = "On Monday, students marched to the governor's office in el Jadida over the cost of bread."
    art = make_article(text)
    res = resolve(art, recognise(art, gazetteer), gazetteer)
    assert [(r.mention.surface, r.place.country) for r in res if r.place] == [("el Jadida", "MA")]


def test_a_lower_case_article_before_an_unknown_name_reads_nothing(gazetteer):
    text = "On Monday, students marched to the governor's office in el Zarqoun over the cost of bread."
    assert surfaces(text, gazetteer) == []


# -- parts of towns

def test_a_neighbourhood_in_a_town_is_tied_to_the_town():
    text = "a rocket hit the Alpha neighbourhood in Beta on Monday"
    assert ties_of(text, mentions_of(text, "Alpha", "Beta"), [False, False]) == [Tie(0, 1, True)]
    text = "fighting in the neighbourhoods of Alpha and Gamma Delta in Beta"
    assert ties_of(text, mentions_of(text, "Alpha", "Beta"), [False, False]) == [Tie(0, 1, True)]


def test_a_town_in_a_town_is_no_tie():
    text = "protesters from Alpha in Beta"
    assert ties_of(text, mentions_of(text, "Alpha", "Beta"), [False, False]) == []
    text = "the families of Alpha and Gamma in Beta"
    assert ties_of(text, mentions_of(text, "Alpha", "Beta"), [False, False]) == []


def test_a_neighbourhood_named_like_a_distant_town_is_not_that_town(gazetteer):
    text = ("Youths fought with sticks in the neighbourhoods of Kosti and Hillat Zarqa in Port Sudan "
            "on Friday night, and a shop was burnt.")
    got = readings(text, gazetteer)
    assert got["Kosti"] is None and got["Port Sudan"] == "SD"
    text = "Youths fought with sticks in the Kosti neighbourhood in Port Sudan on Friday night."
    assert readings(text, gazetteer)["Kosti"] is None


def test_a_neighbourhood_inside_its_town_keeps_its_reading(gazetteer):
    text = "Youths fought with sticks in the Omdurman neighbourhood in Khartoum on Friday night."
    assert readings(text, gazetteer)["Omdurman"] == "SD"


# -- names of one or two letters

def test_alternate_names_of_two_letters_are_no_keys():
    assert not _keep_alternate("N\u00f2")  # Haitian Creole for Nord: "No" once folded
    assert not _keep_alternate("Mo")
    assert _keep_alternate("Tyr")
    assert _keep_alternate("\u00c9gkomi")


def test_the_number_sign_is_no_place(gazetteer):
    text = "The band played at Legion Hall No. 57 near the river in Tallahassee, Florida, last week."
    assert surfaces(text, gazetteer) == ["Tallahassee", "Florida"]


# -- the head of a longer name told as a place

def test_a_town_that_heads_a_longer_name_with_a_word_of_place_after_it_is_no_place(gazetteer):
    # "Mogadishu" is a big city, but "Mogadishu Qarwash village" names another place
    text = "On Monday, fighters dug trenches north of Mogadishu Qarwash village (Jowhar, Middle Shabelle)."
    found = surfaces(text, gazetteer)
    assert "Mogadishu" not in found and "Jowhar" in found


def test_a_division_that_ends_an_unknown_name_before_a_word_of_place_is_no_place(gazetteer):
    # (an Arabic word for "south" is also another name of Lebanon's South Governorate)
    text = "On Monday, crowds marched in Nyala (Nyala Janoub locality, South Darfur) against the deal."
    assert "Janoub" not in surfaces(text, gazetteer)


def test_a_town_before_its_district_word_is_still_the_town(gazetteer):
    text = "On Monday, shells fell on Kadugli town (Kadugli locality, South Kordofan) at dawn."
    assert surfaces(text, gazetteer).count("Kadugli") == 2


# -- a bare name that acts as a person

def test_a_bare_name_that_acts_as_a_person_is_that_person_throughout(gazetteer):
    text = ("A fight broke out at the bar on Friday night. Lansing, 34, drew a knife and cut a man's arm. "
            "Officers said Lansing was charged with assault, and Lansing later told a judge he was sorry.")
    assert "Lansing" not in surfaces(text, gazetteer)


def test_a_town_whose_officials_speak_is_still_the_town(gazetteer):
    text = "The plant near Ashland will close in May. Officials in Ashland said the jobs would go south."
    assert surfaces(text, gazetteer).count("Ashland") == 2


def test_a_capital_that_speaks_is_its_government(gazetteer):
    text = "The talks failed on Friday. Moscow said it would answer, and Kyiv said it was ready."
    assert surfaces(text, gazetteer) == ["Moscow", "Kyiv"]


# -- a capital's fame against the nearness of the places named

def test_a_capitals_namesake_beside_the_places_named_wins(gazetteer):
    # (the demonyms vote for their countries and leave Lebanon a small share of the text's votes)
    text = ("Crowds burned tyres in Tripoli on Tuesday. Syrians and Palestinians joined the march, "
            "and in Sidon soldiers were hurt.")
    got = readings(text, gazetteer)
    assert got["Tripoli"] == "LB" and got["Sidon"] == "LB"


def test_a_capital_alone_or_beside_its_own_country_keeps_its_fame(gazetteer):
    assert readings("Shops stayed shut in Tripoli on Tuesday as banks limited withdrawals.",
                    gazetteer)["Tripoli"] == "LY"
    text = "Shops stayed shut in Tripoli on Tuesday, and in Misrata hundreds marched to the bank."
    assert readings(text, gazetteer)["Tripoli"] == "LY"


def test_a_capital_whose_country_the_text_names_keeps_its_fame(gazetteer):
    # a namesake lies near a town named, but the text names the capital's country too
    text = ("Egypt sent aid on Monday. The first plane left Cairo at dawn, and a second one "
            "landed in Paducah, Kentucky, at noon.")
    assert readings(text, gazetteer)["Cairo"] == "EG"


def test_a_town_before_the_name_of_a_small_foreign_town_heads_a_longer_name(gazetteer):
    # "Tumaco" is a small Colombian town: no second place of its own after "Bar"
    text = "On Tuesday, looters emptied two shops in Bar Tumaco on the coastal road south of the port."
    assert surfaces(text, gazetteer) == []


def test_a_country_before_the_name_of_a_sizeable_place_is_kept(gazetteer):
    text = "On Monday, the envoy flew from Guinea Bissau to Dakar for talks on the border."
    assert "Guinea" in surfaces(text, gazetteer)
