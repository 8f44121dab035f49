"""Resolution: each mention to the place the document means, with members, scores and unknowns."""

from __future__ import annotations

import pytest
from conftest import make_article

from karamap.config import DEFAULT_MIN_SCORE
from karamap.model import Mention
from karamap.recognise import recognise
from karamap.resolve import distance_km, resolve


def resolved(text, gazetteer):
    art = make_article(text)
    return [(r.mention.surface, r.place) for r in resolve(art, recognise(art, gazetteer), gazetteer)]


def place_of(text, surface, gazetteer):
    return next(p for s, p in resolved(text, gazetteer) if s == surface)


def test_georgia_with_atlanta_is_the_us_state(gazetteer):
    georgia = place_of("Storms hit Atlanta and Savannah, and Georgia declared an emergency.", "Georgia",
                       gazetteer)
    assert (georgia.feature, georgia.country) == ("admin1", "US")


def test_georgia_with_tbilisi_is_the_country(gazetteer):
    georgia = place_of("Protesters marched in Tbilisi as Georgia's parliament met.", "Georgia", gazetteer)
    assert (georgia.feature, georgia.country) == ("country", "GE")


def test_paris_alone_is_the_french_capital(gazetteer):
    paris = place_of("The summit opened in Paris on Monday.", "Paris", gazetteer)
    assert paris.country == "FR"
    assert distance_km(paris, gazetteer.search("Paris", country="FR")[0]) < 10


def test_paris_texas_is_the_texan_town(gazetteer):
    paris = place_of("A tornado struck Paris, Texas, on Sunday.", "Paris", gazetteer)
    assert paris.country == "US" and paris.admin1 == "Texas"
    assert paris.lat == pytest.approx(33.66, abs=0.05)


def test_london_ontario_is_the_canadian_city(gazetteer):
    london = place_of("Police in London, Ontario, arrested two men.", "London", gazetteer)
    assert london.country == "CA"
    assert place_of("Police in London arrested two men.", "London", gazetteer).country == "GB"


def test_local_context_pulls_namesakes_home(gazetteer):
    text = "The Dublin school board met in Columbus. Delaware County and Franklin County officials, Ohio."
    dublin = place_of(text, "Dublin", gazetteer)
    assert dublin.country == "US" and dublin.admin1 == "Ohio"


def test_dateline_city_and_demonyms(gazetteer):
    text = "ANKARA - Turkish and Azerbaijani officials met in Baku."
    got = {s: p for s, p in resolved(text, gazetteer)}
    assert got["ANKARA"].id == "geonames:323786"
    assert got["Turkish"].id == "geonames:298795"
    assert got["Azerbaijani"].country == "AZ" and got["Azerbaijani"].feature == "country"


def test_the_group_resolves_to_its_seven_districts(gazetteer):
    art = make_article("Armenia occupied Nagorno-Karabakh and seven adjacent regions in 1993.")
    res = resolve(art, recognise(art, gazetteer), gazetteer)
    group = next(r for r in res if r.mention.kind == "group")
    assert group.place.id == "karamap:seven-districts"
    assert sorted(p.geonameid for p in group.members) == sorted(
        [586268, 147625, 147305, 146901, 148141, 148106, 148619])


def test_a_facility_phrase_far_from_any_named_place_is_dropped(gazetteer):
    text = "The joint center in Chicago opened; officials in Illinois cheered."
    assert "joint center" not in [s for s, _ in resolved(text, gazetteer)]
    text = "The joint center in Aghdam opened."
    assert place_of(text, "joint center", gazetteer).id == "karamap:joint-monitoring-center"


def test_unknown_names_give_no_resolution_and_scores_lie_in_0_1(gazetteer):
    art = make_article("Nothing here.")
    assert resolve(art, [Mention(0, 7, "Nothing", "toponym", "zzzz-no-such-place")], gazetteer) == []
    art = make_article("Troops left Aghdam and Paris.")
    for r in resolve(art, recognise(art, gazetteer), gazetteer):
        assert 0.0 <= r.score <= 1.0
        assert r.candidates[0] == r.place


def test_confidence_is_lower_for_a_bare_namesake_than_for_a_name_in_context(gazetteer):
    def score(text, surface):
        art = make_article(text)
        return next(r.score for r in resolve(art, recognise(art, gazetteer), gazetteer)
                    if r.mention.surface == surface)

    bare = score("The council of Springfield met on Monday.", "Springfield")
    placed = score("The council of Springfield, Illinois, met on Monday.", "Springfield")
    assert placed > bare
    assert score("Troops left Aghdam.", "Aghdam") >= 0.9


def test_one_reading_per_document(gazetteer):
    art = make_article("A tornado struck Paris, Texas, on Sunday. Paris officials counted the damage.")
    parises = [r.place for r in resolve(art, recognise(art, gazetteer), gazetteer) if r.mention.key == "paris"]
    assert len(parises) == 2 and {p.country for p in parises} == {"US"}


def test_a_street_resolves_to_an_unknown_place(gazetteer):
    art = make_article("A fire broke out on Memphis Street in Alexandria, Louisiana.")
    res = resolve(art, recognise(art, gazetteer), gazetteer)
    street = res[0]
    assert (street.mention.surface, street.place) == ("Memphis Street", None)
    assert 0 < street.score < 1
    assert [r.place.admin1 for r in res[1:]] == ["Louisiana", "Louisiana"]


def test_a_namesake_too_close_to_call_is_withheld_not_guessed(gazetteer):
    # Springfield, Missouri, Massachusetts or Illinois: nothing in the text tells which
    art = make_article("The fair opens in Springfield on Friday.")
    (res,) = resolve(art, recognise(art, gazetteer), gazetteer)
    assert res.withheld and res.place is None
    assert res.score < DEFAULT_MIN_SCORE
    assert {c.admin1 for c in res.candidates[:3]} == {"Missouri", "Massachusetts", "Illinois"}


def test_min_score_zero_maps_the_best_guess_and_context_still_settles_it(gazetteer):
    art = make_article("The fair opens in Springfield on Friday.")
    (guess,) = resolve(art, recognise(art, gazetteer), gazetteer, min_score=0.0)
    assert not guess.withheld and guess.place is not None and guess.place.country == "US"
    art = make_article("Flooding closed roads in Columbus and Springfield.")
    got = {r.mention.surface: r for r in resolve(art, recognise(art, gazetteer), gazetteer)}
    assert not got["Springfield"].withheld and got["Springfield"].place.admin1 == "Ohio"


def test_washington_dc_is_the_capital_surely(gazetteer):
    art = make_article("He flew home to Washington, D.C. The family met him there.")
    washington = resolve(art, recognise(art, gazetteer), gazetteer)[0]
    assert washington.place.feature == "city" and washington.place.admin1 == "District of Columbia"
    assert washington.score > 0.9


def test_a_numbered_road_is_kept_with_an_unknown_position(gazetteer):
    art = make_article("A truck overturned on U.S. 41A near Ocala.")
    got = {r.mention.surface: r for r in resolve(art, recognise(art, gazetteer), gazetteer)}
    assert got["U.S. 41A"].place is None and not got["U.S. 41A"].withheld
    assert got["Ocala"].place.admin1 == "Florida"


def test_a_small_first_level_division_is_weak_evidence(gazetteer):
    # Berea district, Lesotho (few towns) against the US and South African towns called Berea:
    # whichever wins, it is no sure reading, unlike a large division such as Ohio
    art = make_article("A Berea woman won the county spelling bee, held at a school in Berea.")
    berea = next(r for r in resolve(art, recognise(art, gazetteer), gazetteer, min_score=0.0)
                 if r.mention.surface == "Berea")
    assert berea.score < 0.7
    art = make_article("A man was charged after a crash in Ohio.")
    (ohio,) = resolve(art, recognise(art, gazetteer), gazetteer)
    assert ohio.place.feature == "admin1" and ohio.score > 0.9


def test_irish_counties_by_their_english_names(gazetteer):
    art = make_article("The river flooded homes across County Clare and Limerick on Monday, the council said.")
    got = {r.mention.surface: r.place for r in resolve(art, recognise(art, gazetteer), gazetteer)}
    assert (got["County Clare"].country, got["County Clare"].feature) == ("IE", "admin2")
    assert got["Limerick"].country == "IE"


def test_the_us_dollar_says_nothing_of_where_a_story_happens(gazetteer):
    # Sidon (Lebanon) beside a small US namesake: a rate quoted in US dollars is no US context
    text = "Traders angry at the high US dollar exchange rate blocked roads in Sidon on Monday."
    assert place_of(text, "Sidon", gazetteer).country == "LB"
    # the United States named as a place still pulls the namesake home
    assert place_of("Floods closed roads around Sidon, US officials said.", "Sidon", gazetteer).country == "US"


def test_an_armed_group_of_one_country_tells_the_country_of_a_namesake(gazetteer):
    # Qalat is a town in Afghanistan and a smaller one in Iran: the Taliban say which
    assert place_of("Taliban gunmen shot two shopkeepers in Qalat city.", "Qalat", gazetteer).country == "AF"


def test_a_list_of_states_is_no_town_and_its_state(gazetteer):
    # "Illinois, Missouri" inside a list of states: no town called Illinois in Missouri is meant
    art = make_article("Farms in Kansas, Illinois, Missouri and Iowa reported the blight.")
    got = {r.mention.surface: r.place for r in resolve(art, recognise(art, gazetteer), gazetteer)}
    assert [got[n].feature for n in ("Kansas", "Illinois", "Missouri", "Iowa")] == ["admin1"] * 4
    art = make_article("Inspectors checked herds in Washington, Oregon and Idaho this spring.")
    got = {r.mention.surface: r.place for r in resolve(art, recognise(art, gazetteer), gazetteer)}
    assert got["Washington"].feature == "admin1" and got["Washington"].admin1 == "Washington"


def test_a_town_and_its_state_beside_a_list_keep_their_reading(gazetteer):
    art = make_article("He grew up in Washington, Pennsylvania, then moved to Dayton, Ohio, and Erie.")
    got = {r.mention.surface: r.place for r in resolve(art, recognise(art, gazetteer), gazetteer)}
    assert got["Washington"].feature == "city" and got["Washington"].admin1 == "Pennsylvania"
    assert got["Dayton"].admin1 == "Ohio"


@pytest.mark.parametrize("text", [
    "Storms hit Atlanta and Savannah, and Georgia declared an emergency; Athens and Rome, Georgia, were spared.",
    "Shelling near Kharkiv and Izium was reported, while talks in Paris and Geneva stalled. Georgia's envoy "
    "flew from Tbilisi to Moscow, and Jordan and Lebanon closed the border near Tripoli.",
])
def test_a_pass_over_the_places_read_decides_as_the_tree_does(text, gazetteer, monkeypatch):
    """A text with few names weighs the closeness of each reading by a pass over the places read
    (resolve.TREE_FROM); the k-d tree that larger texts use gives the same readings and scores."""
    import karamap.resolve as resolve_module

    art = make_article(text)
    mentions = recognise(art, gazetteer)
    assert len(mentions) <= resolve_module.TREE_FROM
    by_pass = resolve(art, mentions, gazetteer)
    monkeypatch.setattr(resolve_module, "TREE_FROM", 0)
    by_tree = resolve(art, mentions, gazetteer)
    assert [(r.mention, r.place, r.score, r.candidates) for r in by_pass] == \
        [(r.mention, r.place, r.score, r.candidates) for r in by_tree]


def test_a_bare_name_shared_by_a_province_and_its_city_is_the_city(gazetteer):
    for text, name in (("Shopkeepers protested in Kherson against the curfew.", "Kherson"),
                       ("A bomb went off near the bazaar in Hakkari on Sunday.", "Hakkari")):
        art = make_article(text)
        got = {r.mention.surface: r.place for r in resolve(art, recognise(art, gazetteer), gazetteer)}
        assert got[name].feature == "city", text


def test_a_province_named_as_such_or_listed_with_provinces_stays_the_province(gazetteer):
    art = make_article("Air defences shot down drones over Kherson region overnight.")
    got = {r.mention.surface: r.place for r in resolve(art, recognise(art, gazetteer), gazetteer)}
    assert got["Kherson"].feature == "admin1"
    # a province whose namesake city holds a small share of its people: the province
    art = make_article("Teachers in Quebec walked out over pay.")
    got = {r.mention.surface: r.place for r in resolve(art, recognise(art, gazetteer), gazetteer)}
    assert got["Quebec"].feature == "admin1"


def test_a_name_listed_with_provinces_is_the_province(gazetteer):
    art = make_article("Fighting spread across Nimroz, Farah and Helmand.")
    got = {r.mention.surface: r.place for r in resolve(art, recognise(art, gazetteer), gazetteer)}
    assert [got[n].feature for n in ("Nimroz", "Farah", "Helmand")] == ["admin1"] * 3
    art = make_article("Gunmen attacked a checkpoint in Farah on Monday.")
    got = {r.mention.surface: r.place for r in resolve(art, recognise(art, gazetteer), gazetteer, min_score=0.5)}
    assert got["Farah"].feature == "city"
