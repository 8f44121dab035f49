"""The parts of the event extractor: clauses, attribution, time precision, focus and duplicates."""

from __future__ import annotations

import dataclasses
import datetime as dt

from karamap.events.attribution import find_attribution
from karamap.events.clauses import split_clauses
from karamap.events.dedup import merge_duplicates, same_incident
from karamap.events.triggers import best_trigger, find_triggers
from karamap.events.when import acled_time_precision
from karamap.events.where import document_focus
from karamap.model import Event, Mention, Place, Resolution, TimeSpan


def clause_texts(text: str, protected=()) -> list[str]:
    return [text[c.start:c.end] for c in split_clauses(text, 0, len(text), list(protected))]


def test_clauses_are_cut_before_a_new_verb_phrase_and_not_inside_a_date():
    t = "When clashes erupted on Sept. 27, 2020, the army attacked civilians and violated the truce."
    assert clause_texts(t) == [
        "When clashes erupted on Sept. 27, 2020", "the army attacked civilians", "and violated the truce."]


def test_clauses_keep_lists_of_nouns_together():
    t = "Armenian forces occupied Nagorno-Karabakh, internationally recognised as Azerbaijani, and seven adjacent regions."
    assert clause_texts(t) == [t]


def test_clauses_cut_at_relative_and_reporting_leads():
    t = "The truce is seen as a defeat for Armenia, whose armed forces have been withdrawing."
    assert clause_texts(t) == ["The truce is seen as a defeat for Armenia", "whose armed forces have been withdrawing."]
    t = 'Akar said: "We will continue to do so."'
    assert clause_texts(t) == ["Akar said", '"We will continue to do so."']
    t = "Forces shelled Tartar on Monday, killing two civilians."
    assert clause_texts(t) == ["Forces shelled Tartar on Monday", "killing two civilians."]


def test_attribution_forms():
    t = "Two soldiers were killed, according to the Azerbaijani Defense Ministry."
    a = find_attribution(t, 0, len(t))
    assert (a.text, a.speaker) == ("according to the Azerbaijani Defense Ministry", "the Azerbaijani Defense Ministry")
    assert t[a.start:a.end] == "according to the Azerbaijani Defense Ministry"
    t = "Minister Hulusi Akar told Anadolu Agency that talks went well."
    assert find_attribution(t, 0, len(t)).text == "Minister Hulusi Akar told"
    t = '"The center will open tomorrow," he said.'
    assert find_attribution(t, 0, len(t), last_speaker="Hulusi Akar").text == "Hulusi Akar said"
    assert find_attribution(t, 0, len(t)) is None  # a pronoun with nobody named before
    t = "The attack was repelled, said the Defense Ministry."
    assert find_attribution(t, 0, len(t)).speaker == "the Defense Ministry"
    t = "Clashes erupted near Aghdam."
    assert find_attribution(t, 0, len(t)) is None


def test_the_most_specific_trigger_decides_the_type():
    t = "Azerbaijan said Armenian forces violated the ceasefire and shelled Tartar."
    triggers = find_triggers(t, 0, len(t), [])
    assert {x.type for x in triggers} >= {"statement", "ceasefire_violation", "shelling_air_strike"}
    assert best_trigger(triggers).type == "ceasefire_violation"


def test_acled_time_precision():
    d = dt.date
    assert acled_time_precision(TimeSpan(d(2020, 9, 27), d(2020, 9, 27), "day")) == 1
    assert acled_time_precision(TimeSpan(d(2020, 9, 21), d(2020, 9, 27), "week")) == 2
    assert acled_time_precision(TimeSpan(d(2020, 9, 27), d(2020, 10, 10), "range")) == 2
    assert acled_time_precision(TimeSpan(d(2020, 9, 1), d(2020, 9, 30), "month")) == 3
    assert acled_time_precision(TimeSpan(d(1991, 1, 1), d(1991, 12, 31), "year")) == 3


def test_the_focus_is_the_most_mentioned_place_below_country_level_and_a_dateline_counts_half():
    text = "ANKARA - Fighting in Aghdam. Armenia and Armenia. Aghdam again. Ankara."
    ankara = Place("geonames:323786", "Ankara", "city", "TR", 39.92, 32.85)
    aghdam = Place("geonames:148619", "Aghdam", "city", "AZ", 39.99, 46.93)
    armenia = Place("geonames:174982", "Armenia", "country", "AM", 40.25, 45.0)
    rs = []
    for surface, place in (("ANKARA", ankara), ("Aghdam", aghdam), ("Armenia", armenia), ("Ankara", ankara)):
        start = 0
        while (i := text.find(surface, start)) >= 0:
            rs.append(Resolution(Mention(i, i + len(surface), surface), place, 1.0))
            start = i + 1
    assert document_focus(text, rs).place.name == "Aghdam"  # 2 against 1.5 for Ankara, 2 for a country


def _event(**kw) -> Event:
    day = TimeSpan(dt.date(2021, 1, 30), dt.date(2021, 1, 30), "day")
    base = Event("a", "d", "armed_clash", "clashes", "q", 0, 1, day, 1, False, ("p",), 1.0, 2.0, 1, True,
                 ("Armenia",))
    return dataclasses.replace(base, **kw)


def test_same_incident_needs_type_time_place_and_actors_to_agree():
    a = _event()
    assert same_incident(a, _event(id="b", when=TimeSpan(dt.date(2021, 1, 31), dt.date(2021, 1, 31), "day")))
    assert not same_incident(a, _event(id="b", type="withdrawal"))
    assert not same_incident(a, _event(id="b", place_ids=("q",)))
    assert same_incident(a, _event(id="b", place_ids=("q",), place_stated=False))
    assert not same_incident(a, _event(id="b", actors=("Russia",)))
    assert not same_incident(a, _event(id="b", when=TimeSpan(dt.date(2021, 1, 1), dt.date(2021, 1, 30), "range"),
                                       time_precision=2))


def test_merging_keeps_the_better_telling_and_joins_actors():
    inferred = _event(id="first", time_inferred=True, actors=("Armenia",))
    stated = _event(id="second", actors=("Armenia", "Azerbaijan"))
    (kept,) = merge_duplicates([inferred, stated])
    assert kept.id == "second" and kept.actors == ("Armenia", "Azerbaijan")
    call = _event(id="call", type="phone_call")
    (talks,) = merge_duplicates([_event(id="m", type="meeting"), call])
    assert talks.type == "phone_call"


def test_the_fast_scan_finds_what_the_plain_patterns_find():
    from karamap.events.triggers import RULES, scan

    t = ("SUPERFIGHTING clashes erupted; Troops WITHDREW from Aghdam and the Nov. 10 Deal held. "
         "Ministers met with Officials, said the ministry, while rockets hit Tartar.")
    plain = sorted((r.type, m.start(), m.end()) for r in RULES for m in r.pattern.finditer(t))
    assert sorted((c.rule.type, c.start, c.end) for c in scan(t)) == plain
