"""The incident's own time and place, its actors and its dead, read from whole reports (sentences of our own)."""

from __future__ import annotations

import datetime as dt
import re

from karamap.events import extract_events
from karamap.model import Article, Event, Mention, Place, Resolution, TimeExpr, TimeSpan

PUBLISHED = dt.date(2021, 6, 10)


def _p(pid: str, name: str, feature: str, country: str, lat: float, lon: float) -> Place:
    return Place(pid, name, feature, country, lat, lon)  # type: ignore[arg-type]


# hand-made readings, as the geo stage might give them (a misreading among them on purpose)
PLACES = {
    "Kenya": _p("geonames:192950", "Kenya", "country", "KE", 1.0, 38.0),
    "Garissa": _p("geonames:196447", "Garissa", "city", "KE", -0.4536, 39.6401),
    "Garissa County": _p("admin1:KE.garissa", "Garissa County", "admin1", "KE", -0.6, 39.9),
    "Mandera": _p("geonames:187896", "Mandera", "city", "KE", 3.9366, 41.867),
    # a village the gazetteer misreads as a homonym in another country, far away
    "Dadaab": _p("geonames:9999001", "Dadaab", "city", "ZA", -26.0, 28.0),
    "Nairobi": _p("geonames:184745", "Nairobi", "city", "KE", -1.2833, 36.8167),
    "Dadaab District": _p("geonames:9999002", "Dadaab District", "admin2", "KE", 0.06, 40.31),
}
DEMONYMS = {"Kenyan": PLACES["Kenya"]}


def resolve_by_hand(text: str) -> list[Resolution]:
    out = []
    for surface, place in sorted(PLACES.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            if any(r.mention.start <= m.start() < r.mention.end for r in out):
                continue
            out.append(Resolution(Mention(m.start(), m.end(), surface, "toponym"), place, 1.0))
    for surface, place in DEMONYMS.items():
        for m in re.finditer(rf"\b{surface}\b", text):
            out.append(Resolution(Mention(m.start(), m.end(), surface, "demonym"), place, 1.0))
    return sorted(out, key=lambda r: r.mention.start)


def day(text: str, surface: str, iso: str, n: int = 0) -> TimeExpr:
    i = -1
    for _ in range(n + 1):
        i = text.index(surface, i + 1)
    d = dt.date.fromisoformat(iso)
    return TimeExpr(i, i + len(surface), surface, "DATE", iso, TimeSpan(d, d, "day"))


def month(text: str, surface: str, iso: str) -> TimeExpr:
    i = text.index(surface)
    y, m = map(int, iso.split("-"))
    first = dt.date(y, m, 1)
    last = dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
    return TimeExpr(i, i + len(surface), surface, "DATE", iso, TimeSpan(first, last, "month"))


def events_of(text: str, *timexes: TimeExpr) -> list[Event]:
    return extract_events(Article("t", text, PUBLISHED), resolve_by_hand(text), list(timexes))


def the_event(text: str, *timexes: TimeExpr) -> Event:
    evs = [e for e in events_of(text, *timexes) if e.acled_event_type not in (None, "Strategic developments")]
    assert len(evs) == 1, [(e.type, e.trigger) for e in events_of(text, *timexes)]
    return evs[0]


# -- time -----------------------------------------------------------------------------------


def test_the_sentences_opening_date_is_its_events_own():
    t = ("On 3 May 2021, residents protested in Garissa against the closure of the market. "
         "The market had been closed once before, on 14 February 2019, after a fire.")
    e = the_event(t, day(t, "3 May 2021", "2021-05-03"), day(t, "14 February 2019", "2019-02-14"))
    assert (e.when.start, e.when.end, e.time_inferred) == (dt.date(2021, 5, 3), dt.date(2021, 5, 3), False)


def test_a_date_in_a_parenthesis_or_a_relative_clause_is_background():
    t = "Around 3 June 2021 (from 3 - 5 June), youths burned tyres and blocked roads in Garissa."
    e = the_event(t, day(t, "3 June 2021", "2021-06-03"), day(t, "5 June", "2021-06-05"))
    assert e.when.start == dt.date(2021, 6, 3)
    t = ("Hundreds of traders marched in Garissa on 7 June. Protesters demanded the release of a "
         "leader who had been detained in August 2019, and shouted slogans.")
    e = the_event(t, day(t, "7 June", "2021-06-07"), month(t, "August 2019", "2019-08"))
    assert e.when.start == dt.date(2021, 6, 7)


# -- place ----------------------------------------------------------------------------------


def test_a_reading_far_from_the_division_named_with_it_gives_way_to_the_division():
    # "Dadaab" is read as a namesake in another country; the county named with it is the place
    t = "On 2 June 2021, gunmen attacked a police post in Dadaab (Garissa County), killing two officers."
    e = the_event(t, day(t, "2 June 2021", "2021-06-02"))
    assert e.place_ids[0] == "admin1:KE.garissa"
    assert e.fatalities == 2


def test_the_place_the_clause_puts_the_event_in_wins_over_a_name_that_only_qualifies_a_noun():
    t = "On 4 June 2021, drivers protested on the Garissa-Mandera road in Mandera over fuel prices."
    e = the_event(t, day(t, "4 June 2021", "2021-06-04"))
    assert e.place_ids[0] == PLACES["Mandera"].id


def test_a_division_named_after_a_place_as_the_one_it_lies_in_is_less_specific_than_that_place():
    # "Ifo (Dadaab District, Garissa)": Garissa names the county here, though read as the town
    t = "On 2 June 2021, gunmen attacked a police post at Ifo (Dadaab District, Garissa), killing one officer."
    e = the_event(t, day(t, "2 June 2021", "2021-06-02"))
    assert e.place_ids[0] == PLACES["Dadaab District"].id
    # a direction from a town is no container: the town named after "south of" stays the place
    t = "On 2 June 2021, gunmen attacked a police post in Ifo, south of Garissa, killing one officer."
    assert the_event(t, day(t, "2 June 2021", "2021-06-02")).place_ids[0] == PLACES["Garissa"].id


def test_a_town_abroad_far_from_every_division_the_clause_names_is_a_misreading():
    t = "On 3 June 2021, two soldiers were killed in clashes in Dadaab (Ifo) and Hagadera camps, Garissa County."
    e = the_event(t, day(t, "3 June 2021", "2021-06-03"))
    assert e.place_ids[0] == "admin1:KE.garissa"


def test_a_place_marked_as_coded_separately_is_another_events():
    t = ("On 5 June 2021, Garissa traders protested in the streets over the killing of a trader in "
         "Mandera (coded separately).")
    evs = events_of(t, day(t, "5 June 2021", "2021-06-05"))
    assert evs and all(PLACES["Mandera"].id not in e.place_ids for e in evs)
    assert [e.place_ids[0] for e in evs if e.acled_event_type == "Protests"] == [PLACES["Garissa"].id]


def test_an_event_told_at_province_level_is_put_at_the_town_the_province_is_named_after():
    # ACLED codes a province-level event at the provincial capital; the division stays its place
    county = _p("admin1:KE.kisumu", "Kisumu", "admin1", "KE", -0.2, 34.9)
    t = "On 6 June 2021, farmers in Kisumu province held a protest over the price of maize."
    start = t.index("Kisumu")
    for town, at_town in ((_p("geonames:191245", "Kisumu", "city", "KE", -0.1022, 34.7617), True),
                          (_p("geonames:9999003", "Kisumu", "city", "KE", 0.3, 35.2), False)):
        town = Place(town.id, town.name, "city", "KE", town.lat, town.lon, population=400000 if at_town else 900,
                     admin1="Kisumu")
        seat_of = Place(county.id, county.name, "admin1", "KE", county.lat, county.lon, population=1100000,
                        admin1="Kisumu")
        res = [Resolution(Mention(start, start + 6, "Kisumu", "toponym"), seat_of, 1.0, (seat_of, town))]
        (e,) = extract_events(Article("t", t, PUBLISHED), res, [day(t, "6 June 2021", "2021-06-06")])
        assert e.place_ids == (county.id,) and e.geo_precision == 3
        assert (e.lat, e.lon) == ((town.lat, town.lon) if at_town else (county.lat, county.lon))


# -- actors and the dead, across the sentences of one report ---------------------------------


def test_a_report_told_over_two_sentences_gives_its_actors_and_its_dead():
    t = ("On 5 June 2021, suspected Al Shabaab militants ambushed a Kenyan army convoy near Mandera. "
         "Three soldiers were killed and four were wounded.")
    e = the_event(t, day(t, "5 June 2021", "2021-06-05"))
    assert e.actor1 == "Al Shabaab"
    assert e.actor2 == "Military Forces of Kenya"
    assert (e.inter1, e.inter2, e.interaction) == (2, 1, 12)
    assert e.fatalities == 3


def test_protesters_are_named_by_the_country_of_the_place():
    t = "On 6 June 2021, hundreds of teachers protested in Nairobi over unpaid salaries. No one was hurt."
    e = the_event(t, day(t, "6 June 2021", "2021-06-06"))
    assert (e.actor1, e.assoc_actor_1, e.inter1, e.interaction) == (
        "Protesters (Kenya)", ("Teachers (Kenya)",), 6, 60)
    assert e.fatalities == 0


def test_a_report_that_says_nothing_of_deaths_has_no_figure():
    t = "On 7 June 2021, police fired tear gas at demonstrators in Nairobi."
    e = the_event(t, day(t, "7 June 2021", "2021-06-07"))
    assert e.fatalities is None
    assert (e.actor1, e.actor2) == ("Protesters (Kenya)", "Police Forces of Kenya")


def test_near_a_town_is_geo_precision_2_and_in_it_1():
    t = "On 8 June 2021, gunmen attacked a bus near Mandera, killing a passenger."
    assert the_event(t, day(t, "8 June 2021", "2021-06-08")).geo_precision == 2
    t = "On 8 June 2021, gunmen attacked a bus in Mandera, killing a passenger."
    assert the_event(t, day(t, "8 June 2021", "2021-06-08")).geo_precision == 1


def test_the_force_that_intervened_in_a_protest_may_be_told_in_the_next_sentence():
    t = ("Thousands of nurses marched through Nairobi on 9 June demanding higher pay. Police fired tear "
         "gas to disperse them near parliament. There were no reports of injuries.")
    e = the_event(t, day(t, "9 June", "2021-06-09"))
    assert (e.actor1, e.actor2, e.interaction) == ("Protesters (Kenya)", "Police Forces of Kenya", 16)
    assert e.assoc_actor_1 == ("Health Workers (Kenya)",)
    assert e.fatalities == 0


def test_a_verb_phrase_coordinated_with_the_one_before_shares_its_place():
    # (the article is mostly about Nairobi: without the clause before, the protest would be put there)
    t = ("On 10 June 2021, hundreds of farmers blocked the highway in Mandera and protested against new "
         "taxes. Officials in Nairobi promised talks in Nairobi next week.")
    e = the_event(t, day(t, "10 June 2021", "2021-06-10"))
    assert e.place_ids[0] == PLACES["Mandera"].id


def test_a_date_in_a_relative_clause_without_commas_is_background_too():
    t = ("On 11 June 2021 in Garissa, relatives of activists who occupied a ministry in July 2016 "
         "rallied for their release.")
    e = the_event(t, day(t, "11 June 2021", "2021-06-11"), month(t, "July 2016", "2016-07"))
    assert e.when.start == dt.date(2021, 6, 11)


def test_a_country_that_only_qualifies_a_noun_is_no_place_of_the_article():
    # "US dollar": the article is not about the United States, so the event is not put there
    t = "On 12 June 2021, rioters protesting against the high US dollar rate burned tyres on the highway."
    res = [Resolution(Mention(t.index("US"), t.index("US") + 2, "US", "toponym"),
                      _p("geonames:6252001", "United States", "country", "US", 39.76, -98.5), 1.0)]
    (e,) = [e for e in extract_events(Article("t", t, PUBLISHED), res, [day(t, "12 June 2021", "2021-06-12")])]
    assert e.place_ids == () and e.actor1 == "Rioters"
