"""General incidents (issue 13, item 7): a future month resolved forward, disasters, accidents,
elections and summits as events of their own, and each event's own place and date (sentences of
our own)."""

from __future__ import annotations

import datetime as dt

import pytest

from karamap.model import Article
from karamap.temporal import tag_times

JUNE = dt.date(2023, 6, 14)  # a Wednesday in June


def month_value(text: str, surface: str = "September", published: dt.date = JUNE) -> str:
    found = {t.text: t.value for t in tag_times(Article("t", text, published))}
    assert surface in found, found
    return found[surface]


# -- a future-tense month is resolved forward ----------------------------------------------------


@pytest.mark.parametrize("text", [
    "The two presidents will meet in September.",
    "The leaders agreed to meet again in September.",
    "The ministers promised to return to the table in September.",
    # a participle that qualifies a noun is no past tense of the clause
    "Leaders will gather at a summit hosted by Portugal in September.",
    "Envoys will resume talks on the stalled water-sharing accord in September.",
    # a relative clause or a report set off by commas dates another clause
    "The premiers will meet in Lisbon, where they quarrelled last year, in September.",
    "The chancellor will travel to Delhi, his office said, in September.",
    "The two sides, which broke off contacts in March, will meet in September.",
    # a date a plan is fixed for looks ahead
    "The president called elections for September.",
    "The referendum is now set for September.",
])
def test_a_month_told_in_the_future_is_the_coming_one(text):
    assert month_value(text) == "2023-09"


@pytest.mark.parametrize("text", [
    "The two presidents met in September.",
    "The two presidents had agreed to meet in September.",  # a plan told in the pluperfect is over
    "In September, the council agreed to widen the road.",  # the agreeing was in September
    "The rebels, who were driven out in September, will regroup.",  # the relative clause is the past
])
def test_a_month_told_in_the_past_stays_in_the_past(text):
    assert month_value(text) == "2022-09"


# -- disasters, accidents, votes and summits are events of their own -------------------------------

GEONAMES = {"Izmir": 311046, "Peshawar": 1168197, "Beira": 1052373, "Marseille": 2995469, "Kharkiv": 706483,
            "Cusco": 3941584, "Ankara": 323786, "Tbilisi": 611717, "Vilnius": 593116, "Geneva": 2660646,
            "Gyumri": 616635, "Yerevan": 616052, "Malatya": 304922, "Kathmandu": 1283240, "Lagos": 2332459,
            "Odesa": 698740, "Dhaka": 1185241, "Batumi": 615532}


def events_in(gazetteer, text: str, published: dt.date = JUNE):
    from karamap.pipeline import annotate_article

    return annotate_article(Article("t", text, published), gazetteer).events


def place(name: str) -> tuple[str, ...]:
    return (f"geonames:{GEONAMES[name]}",)


@pytest.mark.parametrize("text, type_, town, day, dead", [
    ("A magnitude 6.4 earthquake struck near Izmir on Tuesday, killing 14 people and flattening dozens of homes.",
     "earthquake", "Izmir", 13, 14),
    ("Floods swept through villages around Peshawar on Monday after days of heavy rain, leaving 9 people dead.",
     "flood", "Peshawar", 12, 9),
    ("Cyclone Freddy made landfall near Beira on Saturday, tearing roofs off houses.", "storm", "Beira", 10, None),
    ("A wildfire raged through the pine forests near Marseille on Sunday, forcing hundreds to flee.",
     "wildfire", "Marseille", 11, None),
    ("A landslide buried a hamlet near Kathmandu on Tuesday, killing 12 people.", "landslide", "Kathmandu", 13, 12),
    # accidents and explosions with no attacker
    ("A gas explosion tore through an apartment block in Kharkiv on Wednesday, killing three residents.",
     "fire_explosion", "Kharkiv", 14, 3),
    ("A fire broke out at a market in Lagos on Thursday, destroying 300 shops.", "fire_explosion", "Lagos", 8, None),
    ("A bus plunged into a ravine near Cusco on Friday, killing 20 passengers.", "accident", "Cusco", 9, 20),
    # elections and votes
    ("Voters went to the polls in Ankara on Sunday in a tense presidential run-off.", "election", "Ankara", 11, None),
    ("Parliament in Tbilisi voted on Thursday to approve the new cabinet.", "election", "Tbilisi", 8, None),
    # summits
    ("European leaders gathered in Vilnius on Tuesday for a two-day NATO summit.", "summit", "Vilnius", 13, None),
])
def test_a_disaster_an_accident_a_vote_or_a_summit_is_an_event_of_its_own(gazetteer, text, type_, town, day, dead):
    (e,) = events_in(gazetteer, text)
    assert (e.type, e.place_ids, e.when.start, e.time_inferred) == (type_, place(town), dt.date(2023, 6, day), False)
    assert e.fatalities == dead  # the dead are the disaster's own, not a separate attack
    # outside ACLED's political violence: no ACLED pair, no disorder type (and no ACLED CSV row)
    assert (e.disorder_type, e.acled_event_type, e.acled_sub_event_type) == (None, None, None)


def test_codes_exist_where_cameo_and_plover_have_them(gazetteer):
    from karamap.events.types import EVENT_TYPES, HAZARD_TYPES

    (summit,) = events_in(gazetteer, "European leaders gathered in Vilnius on Tuesday for a two-day NATO summit.")
    (talks,) = events_in(gazetteer, "The foreign ministers held talks in Geneva on Monday.")
    assert (summit.cameo, summit.plover) == (talks.cameo, talks.plover) == ("040", "CONSULT")
    # neither ontology codes a disaster, an accident or an election as an event (PLOVER makes them contexts)
    for name in HAZARD_TYPES | {"election"}:
        assert (EVENT_TYPES[name].cameo, EVENT_TYPES[name].plover, EVENT_TYPES[name].acled_event_type) == (
            None, None, None)


def test_an_attackers_blast_or_fire_stays_political_violence(gazetteer):
    (bomb,) = events_in(gazetteer, "A roadside bomb exploded near a bus in Kandahar on Monday, killing five passengers.")
    assert (bomb.type, bomb.acled_event_type) == ("explosion", "Explosions/Remote violence")
    (arson,) = events_in(gazetteer, "Militants set fire to a school in Maiduguri on Saturday.")
    assert arson.type == "looting"


@pytest.mark.parametrize("text", [
    "The resignation caused a political earthquake in Tbilisi on Monday.",
    "The minister faced a storm of criticism in Kyiv on Tuesday.",
    "The election commission in Nairobi rejected the complaint on Monday.",
    "Flood relief supplies reached Sukkur on Tuesday.",
    "Crews began storm drain repairs in Leeds on Monday.",
    "The election season began in Lusaka on Monday.",
])
def test_figures_of_speech_and_modifiers_are_no_disasters_or_votes(gazetteer, text):
    assert [e.type for e in events_in(gazetteer, text)] == []


def test_a_vote_to_come_named_in_passing_is_no_event_but_one_told_to_be_held_is(gazetteer):
    assert "election" not in [e.type for e in events_in(gazetteer, "Two candidates will face each other in the "
                                                                    "November election, the mayor of Lusaka said.")]
    (e,) = events_in(gazetteer, "The presidential election will be held in Lusaka in November.")
    assert (e.type, e.when.start) == ("election", dt.date(2023, 11, 1))


# -- each event takes its place and date from its own clause or sentence ------------------------


def test_a_protest_in_another_city_does_not_take_the_day_of_the_one_before(gazetteer):
    text = ("Police dispersed a rally in Gyumri on Monday, detaining 12 people. "
            "Thousands of people marched in Yerevan, demanding the minister's resignation.")
    first, second = events_in(gazetteer, text)
    assert (first.type, first.place_ids, first.when.start) == ("protest", place("Gyumri"), dt.date(2023, 6, 12))
    # told without a date of its own, elsewhere and of others: the article's date, not Monday
    assert (second.type, second.place_ids, second.when.start, second.time_inferred) == (
        "protest", place("Yerevan"), JUNE, True)


def test_a_place_set_before_the_clause_is_its_events_own_scene(gazetteer):
    text = "Hundreds of people protested in Yerevan on Saturday. In Gyumri, police detained five activists."
    protest, arrest = events_in(gazetteer, text)
    assert (protest.type, protest.place_ids, protest.when.start) == ("protest", place("Yerevan"), dt.date(2023, 6, 10))
    assert (arrest.type, arrest.place_ids, arrest.when.start, arrest.time_inferred) == (
        "arrest", place("Gyumri"), JUNE, True)


def test_days_earlier_count_from_the_day_told_before_wherever_it_was(gazetteer):
    text = "Police fired tear gas at protesters in Tbilisi on Thursday. A day earlier, a bus crashed near Batumi."
    protest, crash = events_in(gazetteer, text)
    assert (protest.when.start, crash.type, crash.place_ids, crash.when.start, crash.time_inferred) == (
        dt.date(2023, 6, 8), "accident", place("Batumi"), dt.date(2023, 6, 7), False)


@pytest.mark.parametrize("text, day", [
    ("Protesters rallied in Dhaka on Monday, a week after floods killed 40 people in Sylhet.", 12),
    ("Residents of Dhaka held a rally on Monday after a gas explosion killed three people in the city last week.",
     12),
])
def test_a_disaster_told_as_the_background_gives_the_event_neither_place_date_nor_dead(gazetteer, text, day):
    (e,) = events_in(gazetteer, text)
    assert (e.type, e.place_ids, e.when.start, e.fatalities) == ("protest", place("Dhaka"), dt.date(2023, 6, day), None)


def test_a_disaster_is_mapped_where_it_struck_not_where_it_was_reported(gazetteer):
    text = ("A strong earthquake struck near Malatya on Monday, killing 40 people. "
            "Officials in Ankara said rescue teams had been sent.")
    (quake,) = events_in(gazetteer, text)
    assert (quake.type, quake.place_ids, quake.when.start, quake.fatalities) == (
        "earthquake", place("Malatya"), dt.date(2023, 6, 12), 40)


def test_a_storm_and_a_shelling_told_side_by_side_are_two_incidents(gazetteer):
    text = "A storm lashed the coast near Odesa on Sunday. Russian forces shelled Kharkiv on Sunday."
    assert [(e.type, e.place_ids) for e in events_in(gazetteer, text)] == [
        ("storm", place("Odesa")), ("shelling_air_strike", place("Kharkiv"))]


def test_a_summit_planned_for_a_month_is_dated_in_the_coming_one(gazetteer):
    (e,) = events_in(gazetteer, "NATO leaders will hold a summit in Vilnius in September.")
    assert (e.type, e.place_ids, e.when.start, e.when.end) == (
        "summit", place("Vilnius"), dt.date(2023, 9, 1), dt.date(2023, 9, 30))


# -- the map's legend and popups and the exports know the new types -------------------------------

QUAKE = "A magnitude 6.4 earthquake struck near Izmir on Tuesday, killing 14 people and flattening dozens of homes."
SHELLING = "Russian forces shelled Kharkiv on Monday, killing two civilians."


@pytest.fixture(scope="module")
def mixed_layers(gazetteer):
    from karamap.layers import build_layers
    from karamap.pipeline import annotate_article

    docs = [annotate_article(Article(n, text, JUNE, f"Story {n}"), gazetteer)
            for n, text in (("quake", QUAKE), ("war", SHELLING))]
    return build_layers(docs)


def test_exports_carry_the_new_types_with_null_acled_fields(mixed_layers, tmp_path):
    import json

    import pandas as pd

    from karamap.export import export_layer

    features = json.loads(export_layer(mixed_layers, "events", tmp_path / "e.geojson").read_text())["features"]
    quake = next(f["properties"] for f in features if f["properties"]["type"] == "earthquake")
    assert quake["type_label"] == "Earthquake" and quake["fatalities"] == 14
    assert [quake[k] for k in ("disorder_type", "acled_event_type", "acled_sub_event_type", "cameo", "plover")] == [
        None] * 5
    # ACLED's own export keeps to ACLED's scope: the shelling, not the earthquake
    acled = pd.read_csv(export_layer(mixed_layers, "events", tmp_path / "a.csv", format="acled-csv"))
    assert list(acled["event_type"]) == ["Explosions/Remote violence"]


@pytest.mark.browser
def test_the_legend_and_the_popup_name_the_new_type_without_empty_acled_rows(chromium, mixed_layers, tmp_path):
    from map_support import open_page

    from karamap.render import write_map

    url = write_map(mixed_layers, tmp_path / "m.html", title="Mixed", offline=True).as_uri()
    page = open_page(chromium, url)
    try:
        legend = page.locator(".km-legend-item", has_text="Earthquake")
        assert legend.count() == 1 and legend.get_attribute("aria-pressed") == "true"
        page.locator(".km-item", has_text="earthquake struck").click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        assert text.startswith("Earthquake") and "Fatalities 14" in text
        assert "ACLED" not in text and "CAMEO" not in text and "None" not in text
        assert page.karamap_errors == []
    finally:
        page.context.close()
