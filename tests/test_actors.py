"""Actors with roles, named and typed as ACLED names and types them (sentences of our own)."""

from __future__ import annotations

import pytest

from karamap.events.actors import actor_mentions, acled_name, country_name
from karamap.events.roles import Parties, acled_fields, find_parties, interaction_code, with_parties
from karamap.model import Mention, Place, Resolution

COUNTRIES = {
    "Kenya": Place("geonames:192950", "Kenya", "country", "KE", 1.0, 38.0),
    "Kenyan": Place("geonames:192950", "Kenya", "country", "KE", 1.0, 38.0),
    "Mali": Place("geonames:2453866", "Mali", "country", "ML", 17.0, -4.0),
    "Malian": Place("geonames:2453866", "Mali", "country", "ML", 17.0, -4.0),
    "Ukraine": Place("geonames:690791", "Ukraine", "country", "UA", 49.0, 32.0),
    "Russian": Place("geonames:2017370", "Russia", "country", "RU", 60.0, 100.0),
    "Ukrainian": Place("geonames:690791", "Ukraine", "country", "UA", 49.0, 32.0),
    "Somali": Place("geonames:51537", "Somalia", "country", "SO", 6.0, 48.0),
    "Palestinian": Place("geonames:6254930", "Palestinian Territory", "country", "PS", 31.9, 35.2),
    "Palestinians": Place("geonames:6254930", "Palestinian Territory", "country", "PS", 31.9, 35.2),
    "Israeli": Place("geonames:294640", "Israel", "country", "IL", 31.5, 34.75),
    "Afghan": Place("geonames:1149361", "Afghanistan", "country", "AF", 33.0, 66.0),
}


def resolutions(text: str) -> list[Resolution]:
    """The country names and demonyms of ``text`` resolved (a stand-in for the gazetteer)."""
    out = []
    for word, place in COUNTRIES.items():
        start = 0
        while (i := text.find(word, start)) >= 0:
            end = i + len(word)
            if (i == 0 or not text[i - 1].isalpha()) and (end == len(text) or not text[end].isalpha()):
                kind = "toponym" if word == place.name else "demonym"
                out.append(Resolution(Mention(i, end, word, kind), place, 1.0))
            start = end
    return sorted(out, key=lambda r: r.mention.start)


def fields(text: str, trigger: str, event_type: str, country: str | None):
    i = text.index(trigger)
    parties = find_parties(text, (0, len(text)), (i, i + len(trigger)), resolutions(text), country=country)
    return acled_fields(parties, event_type, country)


# -- roles --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,trigger,etype,country,actor1,actor2", [
    # subject acts on the object (news style)
    ("Kenyan police fired tear gas at protesters in the capital.", "fired", "Protests", "KE",
     "Protesters (Kenya)", "Police Forces of Kenya"),
    ("Unknown gunmen abducted a teacher on the road to the market.", "abducted", "Violence against civilians", "NG",
     "Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)"),
    ("Taliban militants attacked a police checkpoint overnight.", "attacked", "Battles", "AF",
     "Taliban", "Police Forces of Afghanistan"),
    # passive with an agent: the agent acts
    ("Two farmers were killed by Al Shabaab fighters near the river.", "killed", "Violence against civilians", "SO",
     "Al Shabaab", "Civilians (Somalia)"),
    ("A shepherd was shot by Israeli forces near the fence.", "shot", "Violence against civilians", "PS",
     "Military Forces of Israel", "Civilians (Palestine)"),
    # ACLED-note style: "forces of X fired on the positions of the forces of Y"
    ("On 3 June, military forces of Ukraine fired on the positions of Russian forces near the village.",
     "fired", "Battles", "UA", "Military Forces of Ukraine", "Military Forces of Russia"),
    # both sides of a fight
    ("Malian soldiers and JNIM militants clashed near the town.", "clashed", "Battles", "ML",
     "Military Forces of Mali", "JNIM: Group for the Support of Islam and Muslims"),
    ("Clashes between the army and Islamic State fighters continued for hours.", "Clashes", "Battles", "IQ",
     "Military Forces of Iraq", "Islamic State"),
    ("Soldiers clashed with rioters who had blocked the highway.", "clashed", "Riots", "ML",
     "Rioters (Mali)", "Military Forces of Mali"),
])
def test_roles(text, trigger, etype, country, actor1, actor2):
    f = fields(text, trigger, etype, country)
    assert (f.actor1, f.actor2) == (actor1, actor2)


def test_a_victim_without_a_named_attacker_was_attacked_by_an_unidentified_group():
    f = fields("A civilian was killed near the market.", "killed", "Violence against civilians", "SO")
    assert (f.actor1, f.actor2, f.interaction, f.civilian_targeting) == (
        "Unidentified Armed Group (Somalia)", "Civilians (Somalia)", 37, True)


def test_people_who_demonstrate_are_protesters_and_rioters_where_they_riot():
    text = "Residents gathered outside the town hall to demand water."
    assert fields(text, "gathered", "Protests", "KE").actor1 == "Protesters (Kenya)"
    assert fields(text, "gathered", "Riots", "KE").actor1 == "Rioters (Kenya)"
    # a protest whose crowd the text does not name is still a protest by protesters of the place
    assert fields("A demonstration was held in the square.", "demonstration", "Protests", "UA").actor1 == (
        "Protesters (Ukraine)")


def test_a_social_group_is_an_associated_actor():
    f = fields("Journalists held a rally outside the press club.", "rally", "Protests", "KE")
    assert (f.actor1, f.assoc_actor_1, f.inter1, f.interaction) == (
        "Protesters (Kenya)", ("Journalists (Kenya)",), 6, 60)


def test_a_bystander_is_no_actor():
    text = "Ukrainian officials said Russian forces shelled the village overnight."
    i = text.index("shelled")
    res = resolutions(text)
    speaker = (0, text.index(" said") + 5)
    p = find_parties(text, (0, len(text)), (i, i + 7), res, country="UA", exclude=[speaker])
    f = acled_fields(p, "Explosions/Remote violence", "UA")
    assert (f.actor1, f.actor2) == ("Military Forces of Russia", None)
    assert f.inter1 == 8  # Russian forces in Ukraine act outside their country: external forces


def test_civilians_do_not_act_in_political_violence():
    f = fields("Villagers fled when the shelling began.", "shelling", "Explosions/Remote violence", "UA")
    assert f.actor1 != "Civilians (Ukraine)"


# -- mentions and names ------------------------------------------------------------------------


def test_named_groups_win_over_the_generic_words_around_them():
    text = "Suspected ISWAP fighters stormed the camp."
    (m,) = actor_mentions(text, 0, len(text))
    assert (m.name, m.inter) == ("Islamic State (West Africa)", 2)


def test_an_acronym_that_several_groups_share_needs_the_events_country():
    text = "SNA troops took the village."
    assert [m.name for m in actor_mentions(text, 0, len(text), country="SO")] == ["Military Forces of Somalia"]
    assert [m.name for m in actor_mentions(text, 0, len(text), country="SY")] == ["Syrian National Army"]


def test_a_country_named_in_a_place_phrase_is_not_a_party():
    text = "Fighting broke out in Mali on Sunday."
    assert actor_mentions(text, 0, len(text), resolutions(text)) == []


def test_acled_names():
    assert country_name("CD") == "Democratic Republic of Congo"
    assert country_name("KE") == "Kenya"
    text = "Hawiye sub-clan militia attacked the village."
    (m,) = actor_mentions(text, 0, len(text))
    assert (acled_name(m, "SO"), m.inter) == ("Hawiye Sub-Clan Militia (Somalia)", 4)
    text = "Unidentified drones struck the depot."
    (m,) = actor_mentions(text, 0, len(text))
    assert (acled_name(m), m.inter) == ("Unidentified Military Forces", 8)


def test_interaction_codes():
    assert interaction_code(1, 2) == 12
    assert interaction_code(7, 3) == 37
    assert interaction_code(6, None) == 60
    assert acled_fields(Parties(), "Battles").interaction is None


def test_the_parties_of_diplomacy_act_through_their_governments():
    assert with_parties((), [("Kenya", "KE"), ("Somalia", "SO")], "Strategic developments") == (
        "Government of Kenya", "Government of Somalia")


# -- targets, crowds and the forces that meet them --------------------------------------------


def test_civilian_property_attacked_is_an_attack_on_civilians():
    f = fields("Gunmen set fire to a shop and two houses in the village.", "set fire", "Violence against civilians", "KE")
    assert (f.actor1, f.actor2) == ("Unidentified Armed Group (Kenya)", "Civilians (Kenya)")
    f = fields("Israeli forces demolished a Palestinian-owned greenhouse near the village.", "demolished",
               "Strategic developments", "PS")
    assert (f.actor1, f.actor2) == ("Military Forces of Israel", "Civilians (Palestine)")


def test_a_post_or_a_convoy_attacked_is_the_force_that_holds_it():
    f = fields("Militants attacked a police station overnight.", "attacked", "Battles", "KE")
    assert f.actor2 == "Police Forces of Kenya"
    f = fields("Rebels ambushed a convoy on the main road.", "ambushed", "Battles", "ML")
    assert f.actor2 == "Military Forces of Mali"


def test_a_people_named_by_its_demonym_is_civilians_of_that_people():
    f = fields("Soldiers fired tear gas at Palestinians near the fence.", "fired", "Violence against civilians", "PS")
    assert f.actor2 == "Civilians (Palestine)"


def test_a_protest_has_its_crowd_first_and_the_force_that_intervened_second():
    # the crowd named by the trigger itself, the police acting on it
    f = fields("Police dispersed demonstrators with batons.", "dispersed", "Protests", "KE")
    assert (f.actor1, f.actor2) == ("Protesters (Kenya)", "Police Forces of Kenya")
    # a bank in front of which people protest is where, not whom
    f = fields("Residents protested in front of the central bank.", "protested", "Protests", "KE")
    assert (f.actor1, f.actor2) == ("Protesters (Kenya)", None)
    # what a protest is against is no actor of it
    f = fields("Farmers protested against the Kenyan government.", "protested", "Protests", "KE")
    assert (f.actor1, f.actor2) == ("Protesters (Kenya)", None)


def test_the_intervening_force_may_be_told_in_a_later_sentence():
    first = "Traders protested in the market."
    later = "Police arrested two of them."
    p1 = find_parties(first, (0, len(first)), (7, 16))
    p2 = find_parties(later, (0, len(later)), (7, 15))
    f = acled_fields(p1, "Protests", "KE", more=[p2])
    assert (f.actor1, f.actor2, f.interaction) == ("Protesters (Kenya)", "Police Forces of Kenya", 16)


def test_a_country_that_qualifies_a_noun_is_no_party():
    text = "Rioters protested against the high US dollar exchange rate."
    res = [Resolution(Mention(text.index("US"), text.index("US") + 2, "US", "toponym"),
                      Place("geonames:6252001", "United States", "country", "US", 39.8, -98.5), 1.0)]
    assert [m.kind for m in actor_mentions(text, 0, len(text), res)] == ["rioters"]


def test_a_states_aircraft_are_its_air_force_where_the_text_names_them():
    f = fields("Russian warplanes bombed the outskirts of the town.", "bombed", "Explosions/Remote violence", "UA")
    assert f.actor1 == "Military Forces of Russia Air Force"
    f = fields("Russian forces shelled the outskirts of the town.", "shelled", "Explosions/Remote violence", "UA")
    assert f.actor1 == "Military Forces of Russia"


def test_the_agent_of_another_verb_is_not_the_triggers():
    # "launched by X" is the agent of "launched", not of "shot down"
    text = "Kenyan forces shot down two drones launched by Al Shabaab near the border."
    f = fields(text, "shot down", "Strategic developments", "KE")
    assert f.actor1 == "Military Forces of Kenya"


def test_a_pronoun_after_the_speaker_makes_the_speaker_the_subject():
    text = "The Kenyan army said it had repelled an attack on its base."
    i = text.index("repelled")
    speaker = (0, text.index(" said") + 5)
    p = find_parties(text, (0, len(text)), (i, i + 8), resolutions(text), country="KE", exclude=[speaker])
    assert acled_fields(p, "Battles", "KE").actor1 == "Military Forces of Kenya"


def test_the_noun_before_a_nominal_trigger_is_its_doer():
    f = fields("Residents fled after Al Shabaab attacks on the town.", "attacks", "Battles", "SO")
    assert f.actor1 == "Al Shabaab"
    f = fields("A convoy hit a Taliban-planted roadside bomb.", "bomb", "Explosions/Remote violence", "AF")
    assert f.actor1 == "Taliban"


def test_verbs_joined_by_and_share_their_agent():
    text = "Two farmers were kidnapped and killed by Al Shabaab militants."
    f = fields(text, "kidnapped", "Violence against civilians", "SO")
    assert (f.actor1, f.actor2) == ("Al Shabaab", "Civilians (Somalia)")


def test_an_agent_with_a_hedged_count():
    f = fields("A post was attacked by about 40 armed men at dawn.", "attacked", "Battles", "ML")
    assert f.actor1 == "Unidentified Armed Group (Mali)"
