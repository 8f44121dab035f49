"""Fatalities: the reported dead of an incident, coded as ACLED codes them (sentences of our own)."""

from __future__ import annotations

import pytest

from karamap.events.fatalities import death_counts, fatalities_in, parse_number


@pytest.mark.parametrize("text,value", [
    # figures and number words, active and passive
    ("Militants killed 5 villagers near the well.", 5),
    ("Two servicemen were killed when their truck hit a mine.", 2),
    ("At least 12 people were dead after the market bombing.", 12),
    ("The raid left four dead and eleven wounded.", 4),
    ("A drone strike on the convoy killed twenty-one fighters.", 21),
    ("Gunmen shot dead a teacher outside the school.", 1),
    ("The shelling hit the suburb, killing a civilian.", 1),
    ("A local judge was killed by unknown attackers on his way home.", 1),
    ("Soldiers killed a rebel commander and his deputy in the forest.", 2),
    # ACLED-note style
    ("On 4 June 2021, rebels ambushed an army patrol near the bridge. 3 soldiers were killed and 2 injured.", 3),
    ("On 2 May 2019, police clashed with armed herders, resulting in 2 herder and 1 police fatality.", 3),
    ("On 9 March 2018, a 40-year-old farmer was shot and killed by gunmen in his field.", 1),
    ("On 1 April 2022, 1 civilian, a village chief, and his 2 sons were killed by militants.", 3),
    # vague counts: ACLED's conventions
    ("Dozens of people were killed in the attack on the camp.", 12),
    ("Several soldiers were killed in the ambush.", 3),
    ("Hundreds were killed in the massacre.", 100),
    ("More than 30 fighters were killed, including 5 commanders.", 30),
    ("Between 10 and 15 people were killed in the crossfire.", 10),
])
def test_the_dead_are_counted(text, value):
    assert fatalities_in(text) == value


@pytest.mark.parametrize("text", [
    "Protesters gathered outside the ministry demanding higher wages.",
    "The army shelled positions near the border.",
    "Police arrested three journalists in the capital.",
    "Five people were injured when the crowd was dispersed with tear gas.",
    "The minister said 40,000 people had fled since 2019.",
])
def test_a_text_that_says_nothing_of_deaths_has_no_figure(text):
    assert fatalities_in(text) is None


@pytest.mark.parametrize("text", [
    "No casualties were reported.",
    "Casualties unknown.",
    "There were no fatalities.",
    "Neither injuries nor fatalities were reported.",
    "Nobody was hurt in the blast.",
    "The shelling caused damage to homes, with no reported casualties.",
])
def test_no_casualties_is_zero(text):
    assert fatalities_in(text) == 0


def test_the_wounded_are_never_counted():
    assert fatalities_in("Gunmen killed two guards and wounded seven others.") == 2
    assert fatalities_in("Four police officers were injured and one was killed.") == 1
    assert fatalities_in("Eleven people were wounded by the shelling.") is None


def test_a_count_that_mixes_dead_and_wounded_is_no_count_of_the_dead():
    assert fatalities_in("Ten fighters were killed or wounded in the raid.") is None
    assert fatalities_in("An unknown number of soldiers were killed and wounded.") is None


def test_dates_ages_measures_and_things_are_not_people():
    assert fatalities_in("On 14 May 2020, a 35-year-old man was killed 3 km from the town.") == 1
    assert fatalities_in("The strike destroyed 6 houses and killed 2 goats and a shepherd.") == 1


def test_a_death_the_story_only_mentions_is_not_the_incidents():
    text = "Residents protested, demanding justice for a boy who was killed last month."
    assert fatalities_in(text) is None


def test_counts_of_different_victims_add_up_and_a_claim_is_kept_conservative():
    assert fatalities_in("Two soldiers were killed. Three militants were also killed.") == 5
    text = "Rebels attacked the base, killing 4 soldiers. The rebels claimed 20 soldiers were killed."
    assert fatalities_in(text) == 4


def test_an_acled_note_saying_what_it_coded_wins():
    assert fatalities_in("3 soldiers were reportedly killed. Fatalities coded as 0 (unconfirmed).") == 0
    assert fatalities_in("Officials reported 40 deaths. Coded as 10 fatalities split across 4 events.") == 2
    assert fatalities_in("12 people were killed in three villages. 12 fatalities split across 3 events.") == 4


def test_number_expressions():
    assert [parse_number(x) for x in ("a dozen", "tens", "thirty-two", "about 7", "no fewer than 9")] == [
        12, 10, 32, 7, 9]
    assert parse_number("the") is None


def test_death_counts_give_their_positions():
    text = "The bomb killed three people; later two more died in hospital."
    counts = death_counts(text)
    assert [text[c.start:c.end] for c in counts] == ["three", "two more"] or [c.value for c in counts] == [3, 2]
    assert sum(c.value for c in counts) == 5


def test_a_hedged_count_after_the_verb():
    assert fatalities_in("Drones struck a block overnight, killing at least four people and wounding 11.") == 4
    assert fatalities_in("The blast killed at most three bystanders.") == 3


def test_no_injuries_means_no_dead():
    assert fatalities_in("Police fired tear gas. There were no reports of injuries.") == 0


def test_the_head_of_a_victim_phrase_is_before_its_of():
    # "a girl of 11 years" is one person, not eleven years
    assert fatalities_in("Militiamen killed a girl of 11 years in the town.") == 1
