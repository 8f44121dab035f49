"""Events: hand-written sentences, one or more per event type, read into typed, dated, located events."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from karamap.events import EVENT_TYPES, extract_events
from karamap.events.triggers import PRIORITY, RULES
from karamap.model import Article, Event, Mention, Place, Resolution, TimeExpr, TimeSpan

DOC_DATE = dt.date(2021, 1, 30)


def _p(pid: str, name: str, feature: str, country: str, lat: float, lon: float) -> Place:
    return Place(pid, name, feature, country, lat, lon)  # type: ignore[arg-type]


ARMENIA = _p("geonames:174982", "Armenia", "country", "AM", 40.25, 45.0)
AZERBAIJAN = _p("geonames:587116", "Azerbaijan", "country", "AZ", 40.5, 47.5)
RUSSIA = _p("geonames:2017370", "Russia", "country", "RU", 60.0, 100.0)
TURKEY = _p("geonames:298795", "Turkey", "country", "TR", 39.0, 35.0)
NK = _p("karamap:nagorno-karabakh", "Nagorno-Karabakh", "region", "AZ", 39.82, 46.75)
TOWNS = {
    "Aghdam": _p("geonames:148619", "Aghdam", "city", "AZ", 39.99096, 46.92736),
    "Tartar": _p("geonames:585170", "Tartar", "city", "AZ", 40.34179, 46.93242),
    "Stepanakert": _p("geonames:174875", "Stepanakert", "city", "AZ", 39.8177, 46.7528),
    "Fuzuli": _p("geonames:148106", "Fuzuli", "city", "AZ", 39.60094, 47.14529),
    "Shusha": _p("geonames:147289", "Shusha", "city", "AZ", 39.75883, 46.74832),
    "Kalbajar": _p("geonames:586268", "Kalbajar", "city", "AZ", 40.10984, 46.04446),
    "Moscow": _p("geonames:524901", "Moscow", "city", "RU", 55.75222, 37.61556),
    "Yerevan": _p("geonames:616052", "Yerevan", "city", "AM", 40.18111, 44.51361),
    "Nagorno-Karabakh": NK,
    "Armenia": ARMENIA,
    "Azerbaijan": AZERBAIJAN,
    "Russia": RUSSIA,
    "Turkey": TURKEY,
}
DEMONYMS = {"Armenian": ARMENIA, "Azerbaijani": AZERBAIJAN, "Russian": RUSSIA, "Turkish": TURKEY}
DISTRICTS = tuple(TOWNS[n] for n in ("Kalbajar", "Aghdam", "Fuzuli"))
GROUP = Place("karamap:seven-districts", "the seven districts", "group", "AZ", 39.9, 46.7,
              members=tuple(p.id for p in DISTRICTS))


def resolve_by_hand(text: str) -> list[Resolution]:
    """What the geo stage gives for the names used below (the tests do not depend on it)."""
    out = []
    for surface, place in TOWNS.items():
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            out.append(Resolution(Mention(m.start(), m.end(), surface, "toponym"), place, 1.0))
    for surface, place in DEMONYMS.items():
        for m in re.finditer(rf"\b{surface}\b", text):
            out.append(Resolution(Mention(m.start(), m.end(), surface, "demonym"), place, 1.0))
    for m in re.finditer(r"\bseven adjacent districts\b", text):
        out.append(Resolution(Mention(m.start(), m.end(), m.group(), "group"), GROUP, 1.0, members=DISTRICTS))
    return sorted(out, key=lambda r: r.mention.start)


def timex(text: str, surface: str, value: str, start: str, end: str | None = None,
          precision: str = "day", type_: str = "DATE") -> TimeExpr:
    """A time expression as the temporal stage gives it."""
    i = text.index(surface)
    span = TimeSpan(dt.date.fromisoformat(start), dt.date.fromisoformat(end or start), precision)  # type: ignore[arg-type]
    return TimeExpr(i, i + len(surface), surface, type_, value, span)  # type: ignore[arg-type]


def day(text: str, surface: str, iso: str) -> TimeExpr:
    return timex(text, surface, iso, iso)


def events_of(text: str, *timexes: TimeExpr, published: dt.date | None = DOC_DATE) -> list[Event]:
    return extract_events(Article("t", text, published), resolve_by_hand(text), list(timexes))


def only(events: list[Event], type_: str) -> Event:
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger) for e in events]
    return found[0]


# -- the types ----------------------------------------------------------------------------------


def test_every_required_type_is_defined_with_codes_and_a_distinct_colour():
    required = {
        "armed_clash", "attack_on_civilians", "shelling_air_strike", "ceasefire", "agreement_signed",
        "ceasefire_violation", "territory_taken", "territory_handed_over", "withdrawal", "deployment",
        "meeting", "phone_call", "statement", "protest", "casualties",
    }
    assert required <= set(EVENT_TYPES)
    colours = [t.color for t in EVENT_TYPES.values()]
    assert len(set(colours)) == len(colours)
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in colours)
    assert EVENT_TYPES["armed_clash"].cameo == "190"
    assert EVENT_TYPES["agreement_signed"].cameo == "057"
    assert EVENT_TYPES["ceasefire"].cameo == "0871"
    assert EVENT_TYPES["phone_call"].cameo == "041"
    assert EVENT_TYPES["territory_taken"].cameo == "192"
    assert EVENT_TYPES["withdrawal"].plover == "RETREAT"
    assert EVENT_TYPES["ceasefire_violation"].plover == "ACCUSE"
    assert (EVENT_TYPES["armed_clash"].acled_event_type, EVENT_TYPES["armed_clash"].acled_sub_event_type) == (
        "Battles", "Armed clash")
    assert EVENT_TYPES["deployment"].acled_sub_event_type == "Headquarters or base established"
    assert EVENT_TYPES["territory_handed_over"].acled_sub_event_type == "Non-violent transfer of territory"
    assert EVENT_TYPES["agreement_signed"].acled_sub_event_type == "Agreement"


def test_the_lexicon_has_triggers_for_every_type_and_ranks_every_type():
    assert set(PRIORITY) == set(EVENT_TYPES)
    assert {r.type for r in RULES} == set(EVENT_TYPES)


# -- one sentence per type ------------------------------------------------------------------------


def test_armed_clash_with_date_place_and_attribution():
    t = "Heavy clashes erupted near Aghdam on Sept. 28, 2020, the Azerbaijani Defense Ministry said."
    e = only(events_of(t, day(t, "Sept. 28, 2020", "2020-09-28")), "armed_clash")
    assert (e.when.start, e.when.end) == (dt.date(2020, 9, 28),) * 2
    assert (e.time_precision, e.time_inferred) == (1, False)
    # "near Aghdam": ACLED codes the town at geo precision 2 (codebook: activity near a town)
    assert e.place_ids == ("geonames:148619",) and e.place_stated and e.geo_precision == 2
    assert (e.lat, e.lon) == (TOWNS["Aghdam"].lat, TOWNS["Aghdam"].lon)
    assert e.actors == ()  # the ministry tells of the clash; it is not named as a party to it
    assert e.attribution == "the Azerbaijani Defense Ministry said"


def test_attack_on_civilians():
    t = "Armenian forces attacked civilians in Tartar on Oct. 4, 2020."
    e = only(events_of(t, day(t, "Oct. 4, 2020", "2020-10-04")), "attack_on_civilians")
    assert e.when.start == dt.date(2020, 10, 4)
    assert e.place_ids == ("geonames:585170",)
    # Armenian forces in Azerbaijan's Tartar: external forces (8) against civilians (7)
    assert (e.actor1, e.actor2) == ("Military Forces of Armenia", "Civilians (Azerbaijan)")
    assert (e.inter1, e.inter2, e.interaction, e.civilian_targeting) == (8, 7, 78, True)
    assert e.actors == ("Military Forces of Armenia", "Civilians (Azerbaijan)")


def test_shelling_without_a_date_takes_the_document_date_as_an_inference():
    t = "Azerbaijani artillery shelled Stepanakert, according to local officials."
    e = only(events_of(t), "shelling_air_strike")
    assert (e.when.start, e.time_inferred, e.time_precision) == (DOC_DATE, True, 1)
    assert e.place_ids == ("geonames:174875",)
    assert e.actors == ("Military Forces of Azerbaijan",)
    assert (e.actor1, e.actor2, e.interaction) == ("Military Forces of Azerbaijan", None, 10)
    assert e.attribution == "according to local officials"


def test_casualties_reported():
    t = "Two Azerbaijani soldiers were killed near Fuzuli on Jan. 11."
    e = only(events_of(t, day(t, "Jan. 11", "2021-01-11")), "casualties")
    assert e.when.start == dt.date(2021, 1, 11)
    assert e.place_ids == ("geonames:148106",)
    # the soldiers are acted on; the text does not name who killed them (ACLED: an unidentified group)
    assert (e.actor1, e.actor2) == ("Unidentified Armed Group (Azerbaijan)", "Military Forces of Azerbaijan")
    assert e.actors == ("Unidentified Armed Group (Azerbaijan)", "Military Forces of Azerbaijan")


def test_ceasefire_violation_claim():
    t = "Azerbaijan accused Armenia of violating the ceasefire in Tartar on Oct. 11, 2020."
    e = only(events_of(t, day(t, "Oct. 11, 2020", "2020-10-11")), "ceasefire_violation")
    assert e.when.start == dt.date(2020, 10, 11)
    assert e.place_ids == ("geonames:585170",)
    assert e.actors == ("Military Forces of Azerbaijan", "Military Forces of Armenia")


def test_ceasefire_agreed():
    t = "Armenia and Azerbaijan agreed to a humanitarian ceasefire in Moscow on Oct. 10, 2020."
    e = only(events_of(t, day(t, "Oct. 10, 2020", "2020-10-10")), "ceasefire")
    assert e.when.start == dt.date(2020, 10, 10)
    assert e.place_ids == ("geonames:524901",)
    assert e.actors == ("Government of Armenia", "Government of Azerbaijan")
    assert (e.actor1, e.actor2) == ("Government of Armenia", "Government of Azerbaijan")


def test_agreement_signed():
    t = "Russia and Turkey signed a memorandum on a joint monitoring center in Moscow on Nov. 11, 2020."
    e = only(events_of(t, day(t, "Nov. 11, 2020", "2020-11-11")), "agreement_signed")
    assert e.when.start == dt.date(2020, 11, 11)
    assert e.place_ids == ("geonames:524901",)
    assert e.actors == ("Government of Russia", "Government of Turkey")
    assert (e.inter1, e.inter2, e.interaction) == (1, 1, 11)


def test_territory_taken():
    t = "Azerbaijani forces captured Shusha on Nov. 8, 2020."
    e = only(events_of(t, day(t, "Nov. 8, 2020", "2020-11-08")), "territory_taken")
    assert e.when.start == dt.date(2020, 11, 8)
    assert e.place_ids == ("geonames:147289",)
    assert e.actors == ("Military Forces of Azerbaijan",)
    assert (e.actor1, e.inter1) == ("Military Forces of Azerbaijan", 1)


def test_territory_handed_over():
    t = "Armenia handed over the Aghdam district to Azerbaijan on Nov. 20, 2020."
    e = only(events_of(t, day(t, "Nov. 20, 2020", "2020-11-20")), "territory_handed_over")
    assert e.when.start == dt.date(2020, 11, 20)
    assert e.place_ids == ("geonames:148619",)
    assert e.actors == ("Government of Armenia", "Government of Azerbaijan")


def test_withdrawal():
    t = "Armenian troops withdrew from Kalbajar on Nov. 25, 2020."
    e = only(events_of(t, day(t, "Nov. 25, 2020", "2020-11-25")), "withdrawal")
    assert e.when.start == dt.date(2020, 11, 25)
    assert e.place_ids == ("geonames:586268",)
    assert e.actors == ("Military Forces of Armenia",)


def test_deployment():
    t = "Russian peacekeepers were deployed to Stepanakert on Nov. 10, 2020."
    e = only(events_of(t, day(t, "Nov. 10, 2020", "2020-11-10")), "deployment")
    assert e.when.start == dt.date(2020, 11, 10)
    assert e.place_ids == ("geonames:174875",)
    assert e.actors == ("Military Forces of Russia",)
    assert (e.inter1, e.interaction) == (8, 80)  # Russian forces abroad are external forces


def test_meeting():
    t = "Armenian Prime Minister Nikol Pashinyan met Russian President Vladimir Putin in Moscow on Jan. 11."
    e = only(events_of(t, day(t, "Jan. 11", "2021-01-11")), "meeting")
    assert e.when.start == dt.date(2021, 1, 11)
    assert e.place_ids == ("geonames:524901",)
    assert e.actors == ("Government of Armenia", "Government of Russia")


def test_phone_call_with_no_place_and_no_date():
    t = "Turkish Defense Minister Hulusi Akar discussed regional security with his Azerbaijani counterpart by phone."
    e = only(events_of(t), "phone_call")
    assert (e.when.start, e.time_inferred, e.time_precision) == (DOC_DATE, True, 1)
    assert e.place_ids == () and e.lat is None and e.geo_precision == 0 and not e.place_stated
    assert e.actors == ("Government of Turkey", "Government of Azerbaijan")


def test_statement():
    t = "The Armenian Foreign Ministry said on Tuesday that it remained committed to dialogue."
    e = only(events_of(t, day(t, "Tuesday", "2021-01-26")), "statement")
    assert e.when.start == dt.date(2021, 1, 26)
    assert e.attribution == "The Armenian Foreign Ministry said"
    assert e.actors == ("Government of Armenia",)


def test_protest():
    t = "Thousands of protesters rallied in Yerevan on Nov. 11, 2020, demanding the prime minister's resignation."
    e = only(events_of(t, day(t, "Nov. 11, 2020", "2020-11-11")), "protest")
    assert e.when.start == dt.date(2020, 11, 11)
    assert e.place_ids == ("geonames:616052",)


# -- when ---------------------------------------------------------------------------------------


def test_clauses_of_one_sentence_share_its_governing_date():
    t = ("When new clashes erupted on Sept. 27, 2020, the Armenian president discussed the situation by phone "
         "and signed a memorandum with Russia.")
    evs = events_of(t, day(t, "Sept. 27, 2020", "2020-09-27"))
    assert [e.type for e in evs] == ["armed_clash", "phone_call", "agreement_signed"]
    assert all(e.when.start == dt.date(2020, 9, 27) for e in evs)
    assert [e.time_inferred for e in evs] == [False, True, True]
    assert evs[1].actors == ("Government of Armenia", "Government of Russia")
    assert evs[0].actors == ()  # the clashes' clause names nobody; the president is the call's party


def test_the_clauses_of_one_incident_are_one_event():
    # Clashes, attacks and a truce broken on one day at one place: one battle (ACLED codes an
    # incident once; civilians harmed in a battle are its victims, not a second event).
    t = ("When new clashes erupted on Sept. 27, 2020, the Armenian army launched attacks on civilians "
         "and violated the truce.")
    (e,) = events_of(t, day(t, "Sept. 27, 2020", "2020-09-27"))
    assert (e.type, e.acled_event_type, e.acled_sub_event_type) == ("armed_clash", "Battles", "Armed clash")
    assert e.when.start == dt.date(2020, 9, 27) and not e.time_inferred
    assert "Military Forces of Armenia" in e.actors and e.quote == t
    # civilians attacked in the battle are its victims; the place names no country (no place at all)
    assert (e.actor1, e.actor2) == ("Military Forces of Armenia", "Civilians")


def test_an_anchored_duration_gives_the_interval():
    t = "During the 44-day war, Azerbaijan regained control of Fuzuli."
    war = timex(t, "44-day", "P44D", "2020-09-27", "2020-11-09", "range", "DURATION")
    # The war and the town regained in it are one incident: territory regained in a battle.
    (taken,) = events_of(t, war)
    assert (taken.type, taken.when.start, taken.when.end) == ("territory_taken", dt.date(2020, 9, 27), dt.date(2020, 11, 9))
    assert (taken.acled_event_type, taken.acled_sub_event_type) == ("Battles", "Government regains territory")
    assert taken.time_precision == 3 and not taken.time_inferred
    assert taken.place_ids == ("geonames:148106",) and taken.place_stated


def test_despite_a_dated_deal_the_violation_lies_between_it_and_the_document_date():
    t = ("Despite the Nov. 10 deal, Armenian forces violated the agreement, according to the Azerbaijani "
         "Defense Ministry.")
    evs = events_of(t, day(t, "Nov. 10", "2020-11-10"))
    deal = only(evs, "ceasefire")
    assert deal.when.start == deal.when.end == dt.date(2020, 11, 10) and not deal.time_inferred
    v = only(evs, "ceasefire_violation")
    assert (v.when.start, v.when.end, v.time_precision, v.time_inferred) == (
        dt.date(2020, 11, 10), DOC_DATE, 3, True)
    assert v.actors == ("Military Forces of Armenia",)  # the ministry is the source, not a party
    assert v.attribution == "according to the Azerbaijani Defense Ministry"


def test_the_agreement_refers_back_to_the_last_agreement_told():
    t = "The Nov. 10 deal ended the war. Armenian forces have been withdrawing in line with the agreement."
    evs = events_of(t, day(t, "Nov. 10", "2020-11-10"))
    w = only(evs, "withdrawal")
    assert (w.when.start, w.when.end, w.time_inferred) == (dt.date(2020, 11, 10), DOC_DATE, True)


def test_a_when_clause_after_since_takes_the_year_itself():
    t = "Relations have been tense since 1991, when the Armenian military occupied Nagorno-Karabakh."
    since = timex(t, "since 1991", "1991", "1991-01-01", "2021-01-30", "range")
    e = only(events_of(t, since), "territory_taken")
    assert (e.when.start, e.when.end, e.time_precision) == (dt.date(1991, 1, 1), dt.date(1991, 12, 31), 3)
    assert e.place_ids == ("karamap:nagorno-karabakh",) and e.geo_precision == 3
    assert e.actors == ("Military Forces of Armenia",)


def test_no_date_and_no_document_date_leaves_the_event_undated():
    e = only(events_of("Armenian troops withdrew from Kalbajar.", published=None), "withdrawal")
    assert e.when is None and e.time_inferred


# -- where --------------------------------------------------------------------------------------


def test_a_group_gives_its_members_and_their_centroid():
    t = "Armenian forces occupied Nagorno-Karabakh and seven adjacent districts in 1993."
    e = only(events_of(t, timex(t, "1993", "1993", "1993-01-01", "1993-12-31", "year")), "territory_taken")
    assert e.place_ids[:4] == ("karamap:seven-districts",) + tuple(p.id for p in DISTRICTS)
    assert "karamap:nagorno-karabakh" in e.place_ids
    assert e.lat == pytest.approx(sum(p.lat for p in DISTRICTS) / 3)
    assert e.geo_precision == 2


def test_a_clause_without_a_place_takes_the_documents_focus():
    t = ("Fighting raged around Stepanakert on Oct. 2, 2020. Shelling of Stepanakert continued.\n\n"
         "Armenia and Azerbaijan traded accusations of violating the truce.")
    evs = events_of(t, day(t, "Oct. 2, 2020", "2020-10-02"))
    v = only(evs, "ceasefire_violation")
    assert v.place_ids == ("geonames:174875",) and not v.place_stated and v.geo_precision == 2


def test_a_country_is_the_location_only_when_named_as_one():
    t = "Clashes erupted in Armenia on Sept. 13, 2022."
    e = only(events_of(t, day(t, "Sept. 13, 2022", "2022-09-13")), "armed_clash")
    assert e.place_ids == ("geonames:174982",) and e.place_stated and e.geo_precision == 3
    t = "The truce is seen as a defeat for Armenia, whose forces withdrew from Nagorno-Karabakh."
    e = only(events_of(t), "withdrawal")
    assert e.place_ids == ("karamap:nagorno-karabakh",)
    assert e.actors == ("Military Forces of Armenia",)  # "whose forces": the forces of the party named before


# -- provenance, duplicates, false triggers -----------------------------------------------------


def test_quotes_have_offsets_and_ids_are_stable_and_distinct():
    t = ("date 2021-01-30 Clashes near Aghdam\n\nClashes erupted near Aghdam on Jan. 28. "
         "Two soldiers were killed in Tartar on Jan. 29.")
    txs = [day(t, "Jan. 28", "2021-01-28"), day(t, "Jan. 29", "2021-01-29")]
    first, second = events_of(t, *txs), events_of(t, *txs)
    assert [e.id for e in first] == [e.id for e in second]
    assert len({e.id for e in first}) == len(first)
    for e in first:
        assert t[e.quote_start:e.quote_end] == e.quote
        assert not e.quote.startswith("date ")


def test_an_incident_told_twice_is_one_event():
    t = ("The Turkish-Russian monitoring center became operational on Jan. 30. "
         "Turkish officials said the center became operational on Jan. 30, near Aghdam.")
    i = t.index("Jan. 30")
    j = t.index("Jan. 30", i + 1)
    span = TimeSpan(dt.date(2021, 1, 30), dt.date(2021, 1, 30), "day")
    txs = [TimeExpr(i, i + 7, "Jan. 30", "DATE", "2021-01-30", span),
           TimeExpr(j, j + 7, "Jan. 30", "DATE", "2021-01-30", span)]
    e = only(events_of(t, *txs), "deployment")
    assert e.place_ids == ("geonames:148619",)  # the telling with a place is kept
    assert set(e.actors) == {"Government of Turkey", "Government of Russia"}


@pytest.mark.parametrize("text", [
    "Armenia threatened to withdraw from the talks.",
    "Azerbaijan did not violate the ceasefire.",
    "The truce is seen as a victory.",
    "He hopes the agreement could be signed.",
])
def test_aims_denials_and_undated_mentions_are_not_events(text):
    assert [e.type for e in events_of(text)] == []


def test_a_sentence_without_a_date_goes_on_in_the_time_of_its_paragraph():
    t = ("Azerbaijani forces shelled Tartar on Oct. 4, 2020, killing two civilians. "
         "The two defence ministers held talks.\n\nArmenian troops withdrew from Aghdam.")
    evs = events_of(t, day(t, "Oct. 4, 2020", "2020-10-04"))
    # The civilians killed by the shelling are its victims, not an incident of their own.
    assert [e.type for e in evs] == ["shelling_air_strike", "meeting", "withdrawal"]
    assert evs[0].quote == "Azerbaijani forces shelled Tartar on Oct. 4, 2020, killing two civilians."
    assert evs[1].when.start == dt.date(2020, 10, 4) and evs[1].time_inferred  # the same paragraph
    assert evs[2].when.start == DOC_DATE  # a new paragraph


def test_a_sentence_told_in_another_town_does_not_take_the_paragraphs_date():
    # (issue 13: an event takes its date from its own clause or sentence, never a neighbour's)
    t = ("Azerbaijani forces shelled Tartar on Oct. 4, 2020, killing two civilians. "
         "Armenian troops withdrew from Kalbajar.")
    evs = events_of(t, day(t, "Oct. 4, 2020", "2020-10-04"))
    assert [e.type for e in evs] == ["shelling_air_strike", "withdrawal"]
    assert (evs[1].when.start, evs[1].time_inferred, evs[1].place_ids) == (DOC_DATE, True, ("geonames:586268",))


def test_violence_in_several_towns_is_one_event_per_town():
    t = "Armenian forces shelled Tartar and Aghdam on Oct. 4, 2020."
    evs = events_of(t, day(t, "Oct. 4, 2020", "2020-10-04"))
    assert [(e.type, e.place_ids) for e in evs] == [
        ("shelling_air_strike", ("geonames:585170",)), ("shelling_air_strike", ("geonames:148619",))]
    assert len({e.id for e in evs}) == 2
    assert all(e.when.start == dt.date(2020, 10, 4) and e.geo_precision == 1 for e in evs)


def test_a_statement_has_its_speaker_as_actor_and_other_events_do_not():
    t = "The Armenian Defense Ministry said Azerbaijani forces shelled Stepanakert, killing two civilians."
    # One incident (the killings are the shelling's victims) that the ministry reports: its source,
    # not a party to it, and no event of its own.
    (e,) = events_of(t)
    assert (e.type, e.attribution) == ("shelling_air_strike", "The Armenian Defense Ministry said")
    assert e.actors == ("Military Forces of Azerbaijan", "Civilians (Azerbaijan)")
    assert (e.actor1, e.actor2, e.fatalities) == ("Military Forces of Azerbaijan", "Civilians (Azerbaijan)", 2)
    t = "The Armenian Defense Ministry said talks would continue."
    assert only(events_of(t), "statement").actors == ("Government of Armenia",)


def test_both_sides_are_the_parties_just_named():
    t = ("Armenia and Azerbaijan agreed to a humanitarian ceasefire on Oct. 10, 2020. "
         "Both sides accused each other of violating the truce.")
    v = only(events_of(t, day(t, "Oct. 10, 2020", "2020-10-10")), "ceasefire_violation")
    assert v.actors == ("Military Forces of Armenia", "Military Forces of Azerbaijan")
    assert (v.when.start, v.when.end) == (dt.date(2020, 10, 10), DOC_DATE)  # after "the truce"


def test_the_dateline_does_not_locate_events():
    t = "YEREVAN (Reuters) - Azerbaijani forces shelled Stepanakert on Sunday."
    e = only(events_of(t, day(t, "Sunday", "2021-01-24")), "shelling_air_strike")
    assert e.place_ids == ("geonames:174875",)


def test_a_time_of_day_before_a_date_leaves_the_date_to_the_date():
    t = "A truce took effect at noon on Saturday."
    noon = timex(t, "noon", "2021-01-30T12:00", "2021-01-30", type_="TIME")
    e = only(events_of(t, noon, day(t, "Saturday", "2021-01-23")), "ceasefire")
    assert e.when.start == dt.date(2021, 1, 23)


def test_his_army_is_the_speakers_side():
    t = "Azerbaijani President Ilham Aliyev said his army had liberated Fuzuli."
    assert only(events_of(t), "territory_taken").actors == ("Military Forces of Azerbaijan",)


def test_a_headline_without_a_date_is_the_same_incident_as_the_dated_telling():
    t = ("date 2020-10-12 Armenia and Azerbaijan agree to humanitarian ceasefire in Moscow\n\n"
         "Armenia and Azerbaijan agreed to a humanitarian ceasefire in Moscow on Oct. 10, 2020.")
    e = only(events_of(t, day(t, "Oct. 10, 2020", "2020-10-10"), published=dt.date(2020, 10, 12)), "ceasefire")
    assert e.when.start == dt.date(2020, 10, 10) and not e.time_inferred


def test_his_counterpart_puts_the_last_quoted_officials_country_beside_the_counterparts():
    t = ("The Turkish defense minister announced the news on Jan. 30. "
         "Minister Hulusi Akar told reporters that he had discussed security with his Azerbaijani counterpart by phone.")
    call = only(events_of(t, day(t, "Jan. 30", "2021-01-30")), "phone_call")
    assert call.actors == ("Government of Turkey", "Government of Azerbaijan")
