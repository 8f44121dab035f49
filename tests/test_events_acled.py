"""ACLED coding: each of the codebook's 25 sub-event types from sentences of our own, in news style and
in the style of ACLED's notes ("On 3 May 2021, forces of X ..."), and sentences that tell no incident.

The sentences are written for these tests (names of places and groups are only there to read
naturally); what each asserts is the codebook's rule for that kind of event.
"""

from __future__ import annotations

import datetime as dt

import pytest

from karamap.events import extract_events
from karamap.events.acled import actor_is_state, code_incident, cues_of
from karamap.events.types import (
    ACLED_EVENT_TYPES, ACLED_SUB_EVENT_TYPES, DISORDER_TYPES, EVENT_TYPES, HAZARD_TYPES, INCIDENT_TYPES,
    STATEMENT_TYPES,
)
from karamap.model import Article, Event, TimeExpr, TimeSpan

DOC_DATE = dt.date(2021, 6, 30)


def events_of(text: str, *timexes: TimeExpr, published: dt.date = DOC_DATE) -> list[Event]:
    return extract_events(Article("t", text, published), [], list(timexes))


def coded(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.type, e.acled_event_type, e.acled_sub_event_type) for e in events_of(text)]


def one(text: str) -> Event:
    found = events_of(text)
    assert len(found) == 1, [(e.type, e.acled_sub_event_type, e.trigger) for e in found]
    return found[0]


# -- the taxonomy ----------------------------------------------------------------------------------


def test_the_taxonomy_is_acleds_six_event_types_and_25_sub_event_types():
    assert list(ACLED_EVENT_TYPES) == [
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
        "Strategic developments"]
    assert sum(len(v) for v in ACLED_EVENT_TYPES.values()) == 25 == len(ACLED_SUB_EVENT_TYPES)
    assert ACLED_EVENT_TYPES["Battles"] == (
        "Armed clash", "Government regains territory", "Non-state actor overtakes territory")
    assert len(ACLED_EVENT_TYPES["Strategic developments"]) == 8


def test_each_sub_event_type_has_its_disorder_type_and_codes():
    for sub in ACLED_SUB_EVENT_TYPES.values():
        assert sub.disorder_type in DISORDER_TYPES
        if sub.name != "Other":
            assert sub.cameo and sub.plover
    assert ACLED_SUB_EVENT_TYPES["Excessive force against protesters"].disorder_type == \
        "Political violence; Demonstrations"
    assert ACLED_SUB_EVENT_TYPES["Peaceful protest"].disorder_type == "Demonstrations"
    assert ACLED_SUB_EVENT_TYPES["Violent demonstration"].disorder_type == "Demonstrations"
    assert ACLED_SUB_EVENT_TYPES["Mob violence"].disorder_type == "Political violence"
    assert ACLED_SUB_EVENT_TYPES["Air/drone strike"].disorder_type == "Political violence"
    assert ACLED_SUB_EVENT_TYPES["Arrests"].disorder_type == "Strategic developments"
    assert ACLED_SUB_EVENT_TYPES["Air/drone strike"].cameo == "195"
    assert ACLED_SUB_EVENT_TYPES["Shelling/artillery/missile attack"].cameo == "194"
    assert ACLED_SUB_EVENT_TYPES["Arrests"].plover == "COERCE"


def test_every_karamap_type_maps_into_the_taxonomy_or_stays_outside_it():
    for kind in EVENT_TYPES.values():
        if kind.acled_sub_event_type is None:
            # outside ACLED: diplomacy, votes and statements, or a disaster or accident (an incident)
            assert kind.acled_event_type is None and kind.disorder_type is None
            assert (kind.name in INCIDENT_TYPES) == (kind.name in HAZARD_TYPES)
        else:
            assert kind.acled_sub_event_type in ACLED_EVENT_TYPES[kind.acled_event_type]
            assert kind.name not in HAZARD_TYPES
    assert {"meeting", "phone_call", "statement", "election", "summit"} | HAZARD_TYPES == {
        k for k, t in EVENT_TYPES.items() if t.acled_event_type is None}
    assert HAZARD_TYPES == {"earthquake", "storm", "flood", "landslide", "wildfire", "drought", "fire_explosion",
                            "accident"}
    assert STATEMENT_TYPES == {"statement"}


def test_events_carry_the_codes_of_their_sub_event_type():
    e = one("A drone strike killed a civilian in a village near the port on Tuesday.")
    assert (e.disorder_type, e.acled_event_type, e.acled_sub_event_type) == (
        "Political violence", "Explosions/Remote violence", "Air/drone strike")
    assert (e.cameo, e.plover) == ("195", "ASSAULT")
    e = one("Security forces opened fire on protesters in the capital, killing three.")
    assert e.disorder_type == "Political violence; Demonstrations"
    assert (e.type, e.cameo, e.plover) == ("protest", "175", "ASSAULT")


# -- Battles --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Government troops and rebels fought a gun battle outside the district town on Tuesday, leaving four dead.",
    "A gun battle left four dead in the northern market town.",
    "On 3 May 2021, military forces of Sudan fired on the positions of rebel fighters near Um Sirdiba village.",
    "On 9 March 2022, soldiers fired with small arms and machine guns on the positions of the militia near the ridge.",
    "Insurgents attacked an army checkpoint near the border and were repelled after an hour of fighting.",
    "On 14 April 2023, clashes took place between two rival militias in the eastern quarter of the town. "
    "Two fighters were killed.",
    "Militants ambushed a military convoy on the road to the airport.",
])
def test_armed_clash(text):
    assert coded(text) == [("armed_clash", "Battles", "Armed clash")]


def test_remote_weapons_in_a_fight_between_both_sides_are_one_battle():
    # "When any instance of Explosions/Remote violence is reported in the context of an ongoing
    # battle, they are merged and coded as a single battle event."
    t = "Rebels and the army clashed for hours near the bridge; both sides used mortars and artillery."
    assert coded(t) == [("armed_clash", "Battles", "Armed clash")]


@pytest.mark.parametrize("text", [
    "The army recaptured the town of Bentiu from rebel forces after heavy fighting.",
    "On 12 June 2022, government forces clashed with militants and retook control of Kilo village.",
    "Police and soldiers drove the gang out of the market district after a gunfight and regained control of it.",
])
def test_government_regains_territory(text):
    assert coded(text) == [("territory_taken", "Battles", "Government regains territory")]


@pytest.mark.parametrize("text", [
    "Islamist fighters overran a military base and took control of the district town on Sunday.",
    "Rebels captured the town after a two-day battle with the army.",
    "On 5 July 2022, militants attacked the police station in the village and took control of the village.",
])
def test_non_state_actor_overtakes_territory(text):
    assert coded(text) == [("territory_taken", "Battles", "Non-state actor overtakes territory")]


def test_fighters_entering_a_capital_take_it():
    (e,) = events_of("Rebel fighters entered the capital on Saturday after heavy fighting with the army.")
    assert e.type == "territory_taken"
    assert e.acled_sub_event_type == "Non-state actor overtakes territory"


def test_a_person_captured_is_an_arrest_not_territory():
    for t in ("The army captured a notorious drug lord in a coastal city on Friday.",
              "Soldiers captured two suspected militants near the market."):
        assert coded(t) == [("arrest", "Strategic developments", "Arrests")], t


# -- Explosions/Remote violence -------------------------------------------------------------------


@pytest.mark.parametrize("text, sub", [
    ("Residents said a chemical attack with chlorine gas struck the rebel-held suburb overnight.", "Chemical weapon"),
    ("A drone strike killed a civilian in a village near the coast.", "Air/drone strike"),
    ("Drones struck the port overnight, setting fuel tanks on fire.", "Air/drone strike"),
    ("On 2 February 2022, an air strike by the air force hit a militant hideout in the hills. No casualties reported.",
     "Air/drone strike"),
    ("Warplanes bombed rebel positions in the hills on Monday.", "Air/drone strike"),
    ("A suicide bomber blew himself up at a checkpoint outside the ministry, killing six.", "Suicide bomb"),
    ("Missiles struck two cities in the east overnight.", "Shelling/artillery/missile attack"),
    ("Separatist artillery shelled the outskirts of the town on Sunday.", "Shelling/artillery/missile attack"),
    ("On 8 August 2022, enemy forces fired mortars at the village. A house was damaged.",
     "Shelling/artillery/missile attack"),
    ("A roadside bomb hit a police patrol on the highway, killing two officers.", "Remote explosive/landmine/IED"),
    ("On 11 January 2023, a landmine exploded under a minibus near the border, wounding four passengers.",
     "Remote explosive/landmine/IED"),
    ("Two children were injured when an unexploded shell they found in a field went off.",
     "Remote explosive/landmine/IED"),
    ("Unknown men threw a grenade into a bar in the town centre, wounding five.", "Grenade"),
])
def test_remote_violence_by_instrument(text, sub):
    (e,) = events_of(text)
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Explosions/Remote violence", sub)
    assert e.type in ("shelling_air_strike", "explosion")


def test_a_drone_strike_that_kills_a_civilian_is_a_drone_strike_not_casualties():
    (e,) = events_of("A drone strike on Tuesday killed a civilian who was herding goats near the village.")
    assert (e.type, e.acled_sub_event_type) == ("shelling_air_strike", "Air/drone strike")


# -- Violence against civilians -------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Gunmen attacked the offices of a weekly newspaper, killing two journalists.",
    "Militiamen shot dead three farmers in their fields on Wednesday.",
    "On 4 June 2023, unidentified gunmen killed a village chief in his home.",
    "On 9 May 2021, soldiers beat and injured a shopkeeper at a checkpoint.",
    "Gunmen stormed the school after a siege and killed two teachers.",
])
def test_attack_on_civilians(text):
    assert coded(text) == [("attack_on_civilians", "Violence against civilians", "Attack")]


@pytest.mark.parametrize("text", [
    "Armed men abducted twelve passengers from a bus on the highway.",
    "On 2 March 2022, rebels kidnapped two aid workers near the camp.",
    "Fighters took four villagers hostage during the night.",
])
def test_abduction(text):
    assert coded(text) == [("abduction", "Violence against civilians", "Abduction/forced disappearance")]


def test_an_abduction_with_deaths_is_an_attack():
    assert coded("Militants kidnapped and killed three traders on the road.") == [
        ("attack_on_civilians", "Violence against civilians", "Attack")]


@pytest.mark.parametrize("text", [
    "Soldiers raped two women in a village during a raid, a local rights group said.",
    "On 6 June 2022, militiamen sexually assaulted a girl at a water point.",
])
def test_sexual_violence(text):
    assert coded(text) == [("attack_on_civilians", "Violence against civilians", "Sexual violence")]


# -- Protests -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Hundreds of teachers rallied outside parliament demanding higher pay.",
    "On 1 May 2020, medical workers protested in the city centre demanding unpaid wages. [size=no report]",
    "Residents held a sit-in at the town hall against the closure of the hospital.",
])
def test_peaceful_protest(text):
    assert coded(text) == [("protest", "Protests", "Peaceful protest")]


@pytest.mark.parametrize("text", [
    "Police fired tear gas to disperse students protesting against tuition fees.",
    "On 2 April 2022, residents demonstrated against evictions; police arrested five of the protesters.",
    "Police detained fifteen people at an unauthorised rally in the capital.",
])
def test_protest_with_intervention(text):
    assert coded(text) == [("protest", "Protests", "Protest with intervention")]


@pytest.mark.parametrize("text", [
    "Security forces opened fire on protesters in the capital, killing three.",
    "On 7 July 2022, thousands demonstrated against the military; troops fired live ammunition at the crowd.",
])
def test_excessive_force_against_protesters(text):
    assert coded(text) == [("protest", "Protests", "Excessive force against protesters")]


# -- Riots ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Protesters threw stones at police and burned tyres on the main road.",
    "Rioters looted shops and set fire to a police station overnight.",
    "On 3 March 2021, demonstrators clashed with police outside the governor's office.",
    "Residents blocked the highway with burning tyres and barricades, demanding electricity.",
])
def test_violent_demonstration(text):
    assert coded(text) == [("riot", "Riots", "Violent demonstration")]


@pytest.mark.parametrize("text", [
    "A mob lynched a man accused of stealing a motorbike.",
    "On 10 December 2021, angry villagers beat a suspected thief to death in the market.",
])
def test_mob_violence(text):
    assert coded(text) == [("riot", "Riots", "Mob violence")]


# -- Strategic developments -----------------------------------------------------------------------


@pytest.mark.parametrize("text, type_, sub", [
    ("The government and the rebel alliance signed a ceasefire agreement in the capital on Friday.",
     "agreement_signed", "Agreement"),
    ("The two sides exchanged 50 prisoners each on Thursday.", "agreement_signed", "Agreement"),
    ("Police arrested the opposition leader at his home on Monday.", "arrest", "Arrests"),
    ("Two hundred fighters defected from the militia and joined the army.", "group_change", "Change to group/activity"),
    ("The governor imposed a curfew on the city after the unrest.", "group_change", "Change to group/activity"),
    ("Troops were deployed to the border town on Sunday.", "deployment", "Change to group/activity"),
    ("Army engineers defused a roadside bomb on the main road.", "weapons_seized", "Disrupted weapons use"),
    ("Air defences shot down three drones over the capital overnight.", "weapons_seized", "Disrupted weapons use"),
    ("On 5 May 2022, police seized a cache of weapons and ammunition during a search.",
     "weapons_seized", "Disrupted weapons use"),
    ("The militants established a new base in the forest near the village.",
     "deployment", "Headquarters or base established"),
    ("Armed men looted shops in the market and burned several houses.", "looting", "Looting/property destruction"),
    ("On 30 April 2021, settlers uprooted dozens of olive trees belonging to farmers.",
     "looting", "Looting/property destruction"),
    ("Militants took control of the town without a fight after the army withdrew.",
     "territory_taken", "Non-violent transfer of territory"),
    ("A mass grave containing 20 bodies was discovered outside the city.", "other_development", "Other"),
    ("The government released 100 prisoners as part of the peace process.", "other_development", "Other"),
])
def test_strategic_developments(text, type_, sub):
    assert coded(text) == [(type_, "Strategic developments", sub)]


def test_an_arrest_by_a_non_state_group_is_an_abduction():
    # "non-state groups can never engage in arrests": what they call one is an abduction
    assert coded("On 8 May 2021, militants arrested two teachers in the village.") == [
        ("abduction", "Violence against civilians", "Abduction/forced disappearance")]


# -- what is not an incident ----------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "The company is locked in a court battle with its former owner.",
    "Riot police were deployed outside the stadium before the match.",
    "The two supermarket chains are waging a price war.",
    "A war of words broke out between the two ministers.",
    "He was killed in a car accident on the highway.",
    "The film's battle scenes were shot in the desert.",
    "Rebels threatened to attack the city.",
    "Shares fell on fears of a trade war.",
    "The miners' union called a strike at the gold mine.",
])
def test_no_incident(text):
    assert [e for e in events_of(text) if e.acled_event_type is not None] == []


def test_history_the_story_recalls_is_no_incident():
    t = "The city was rebuilt after the bombing of Dresden in 1945."
    i = t.index("1945")
    year = TimeExpr(i, i + 4, "1945", "DATE", "1945", TimeSpan(dt.date(1945, 1, 1), dt.date(1945, 12, 31), "year"))
    assert events_of(t, year) == []


def test_what_a_protest_is_against_is_no_agreement():
    t = "Students protested in the capital against the agreement signed by the two parties last week."
    assert coded(t) == [("protest", "Protests", "Peaceful protest")]


def test_a_statement_has_no_acled_type_and_stays_on_its_own_layer():
    (e,) = events_of("The minister said the economy would recover next year.")
    assert e.type in STATEMENT_TYPES and e.acled_event_type is None and e.disorder_type is None


def test_a_background_mention_in_a_note_is_not_a_second_event():
    t = ("On 16 May 2022, several dozen residents protested outside the district office against the demolition "
         "of a school. The protest followed the arrest of a local activist last month.")
    assert coded(t) == [("protest", "Protests", "Peaceful protest")]


# -- the parts ------------------------------------------------------------------------------------


def test_negated_mentions_are_not_cues():
    c = cues_of("Police were present but there was no intervention and no casualties were reported.")
    assert not c.killed
    assert cues_of("The strike left no casualties.").killed is False


def test_who_takes_territory():
    t = "The town fell to the militants."
    assert actor_is_state(t, 0, t.index("fell"), len(t)) is False
    t = "Government troops retook the airport."
    assert actor_is_state(t, 0, t.index("retook"), len(t)) is True
    t = "The town changed hands."
    assert actor_is_state(t, 0, t.index("changed"), len(t)) is None


def test_code_incident_outside_acleds_scope():
    c = code_incident(["phone_call"], "The two presidents spoke by phone.")
    assert (c.type, c.acled_event_type, c.cameo) == ("phone_call", None, "041")
