"""Incidents filed by day and place (issue 15): grouping tries an event only against the incidents
it may join, and finds the incidents a pass over all of them, latest first, finds.

The events are generated: types of violence and a disaster, dates stated or taken from the context
(some of them ranges), places stated or not, points a few km or hundreds of km apart, districts and
countries, several events of one clause (one trigger) and clauses that open a scene of their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karamap.events import dedup
from karamap.events.dedup import Incident, Telling, group_incidents
from karamap.model import Event, Place, TimeSpan

PLACES = {p.id: p for p in (
    Place("t:a", "A", "city", "AM", 40.00, 45.00),
    Place("t:b", "B", "city", "AM", 40.10, 45.05),  # 12 km from A
    Place("t:c", "C", "city", "AM", 40.90, 44.60),  # 105 km from A
    Place("t:d", "D", "city", "AZ", 40.30, 47.10),
    Place("t:e", "E", "facility", "AZ", 40.31, 47.12),  # 2 km from D
    Place("t:n", "N", "city", "NO", 78.20, 15.60),  # far north: a cell spans few km of longitude
    Place("t:m", "M", "city", "NO", 78.22, 15.95),  # 8 km from N
    Place("t:f", "F", "city", "FJ", -16.80, 179.99),  # across the antimeridian from G
    Place("t:g", "G", "city", "FJ", -16.82, -179.95),
    Place("t:r", "R", "admin1", "AM", 40.50, 44.80),
    Place("t:s", "S", "admin1", "AZ", 40.40, 46.90),
    Place("t:x", "X", "country", "AM", 40.20, 45.00),
)}
TYPES = ("armed_clash", "shelling_air_strike", "protest", "casualties", "flood")
INCIDENT_TYPES = frozenset(TYPES)
HAZARDS = frozenset({"flood"})
DAY = dt.date(2020, 10, 1)


@st.composite
def tellings(draw) -> tuple[list[Event], dict[str, Telling]]:
    events: list[Event] = []
    told: dict[str, Telling] = {}
    sentence, paragraph, position = (0, 100), 0, 0
    for n in range(draw(st.integers(1, 24))):
        if n and draw(st.integers(0, 3)) == 0:  # a new sentence, sometimes a new paragraph
            paragraph += draw(st.integers(0, 1))
            sentence = (sentence[1] + 1, sentence[1] + 101)
        if n == 0 or draw(st.integers(0, 2)) == 0:  # a new clause with a trigger of its own
            position += 1
            trigger, kind = sentence[0] + position, draw(st.sampled_from(TYPES))
            first, length = draw(st.integers(0, 8)), draw(st.sampled_from((0, 0, 0, 2, 70)))
            inferred = draw(st.booleans())
            when = None if draw(st.integers(0, 9)) == 0 else TimeSpan(
                DAY + dt.timedelta(days=first), DAY + dt.timedelta(days=first + length), "day")
            new_scene = draw(st.booleans())
        stated = draw(st.integers(0, 4)) > 0
        ids = tuple(draw(st.lists(st.sampled_from(sorted(PLACES) + ["t:unknown"]), min_size=0 if not stated else 1,
                                  max_size=2, unique=True)))
        e = Event(f"e{n}", "d", kind, "t", "q", *sentence, when, 1, inferred, ids, None, None, 1, stated)
        events.append(e)
        told[e.id] = Telling(paragraph, sentence, sentence, trigger, new_scene=new_scene,
                             pronoun_subject=draw(st.booleans()))
    return events, told


def _all_latest_first(self: dedup._ByTime, e: Event, t: Telling) -> Iterator[Incident]:
    yield from reversed(self.groups)


def _grouped(events: list[Event], told: dict[str, Telling]) -> list[list[str]]:
    return [[e.id for e in g.events] for g in group_incidents(
        events, told, PLACES, incident_types=INCIDENT_TYPES, statement_types=frozenset(), hazard_types=HAZARDS)]


@settings(max_examples=300, deadline=None)
@given(tellings())
def test_incidents_filed_by_day_and_place_are_those_a_pass_over_all_finds(case):
    events, told = case
    filed = _grouped(events, told)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(dedup._ByTime, "candidates", _all_latest_first)
        assert filed == _grouped(events, told)


def test_towns_of_one_clause_are_not_weighed_pair_by_pair():
    # 300 towns of one clause, 0.5 degrees apart: each event is tried against a few incidents
    towns = {f"t:{n}": Place(f"t:{n}", f"T{n}", "city", "AM", 30.0 + (n // 30) * 0.5, 40.0 + (n % 30) * 0.5)
             for n in range(300)}
    when = TimeSpan(DAY, DAY, "day")
    events = [Event(f"e{n}", "d", "shelling_air_strike", "shelled", "q", 0, 5000, when, 1, False, (pid,), None,
                    None, 1, True) for n, pid in enumerate(towns)]
    told = {e.id: Telling(0, (0, 5000), (0, 5000), 7) for e in events}
    tried = 0
    joins = dedup._joins

    def counted(*args, **kwargs):
        nonlocal tried
        tried += 1
        return joins(*args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(dedup, "_joins", counted)
        groups = group_incidents(events, told, towns, incident_types=INCIDENT_TYPES, statement_types=frozenset())
    assert len(groups) == 300
    assert tried < 3 * 300  # a pass over all would try 300 * 299 / 2
