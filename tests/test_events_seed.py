"""Events of the bundled example article, read through the whole pipeline."""

from __future__ import annotations

import datetime as dt
import importlib.util
import math

import pytest

from karamap.jsonl import document_record

D = dt.date
NAGORNO_KARABAKH = (39.82, 46.75)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def _find(doc, type_: str, start: dt.date, end: dt.date | None = None):
    for e in doc.events:
        if e.type == type_ and e.when is not None and e.when.start == start and (end is None or e.when.end == end):
            return e
    pytest.fail(f"no {type_} event from {start} in {[(e.type, e.when) for e in doc.events]}")


def _near_karabakh(e, km: float = 80) -> bool:
    return e.lat is not None and _km(e.lat, e.lon, *NAGORNO_KARABAKH) <= km


# Each incident the article tells, read as an event of its type and date (the article's own words
# in the comment); the ones in Nagorno-Karabakh are located there (stated or as the document focus).
@pytest.mark.parametrize("type_, start, end, in_karabakh", [
    # "announced the completion of the construction of the ... joint monitoring center in Upper Karabakh"
    ("deployment", D(2021, 1, 30), None, True),
    # "he has discussed matters of defense and security with his Azerbaijani counterpart ... over the phone"
    ("phone_call", D(2021, 1, 30), None, False),
    # "a memorandum of understanding ... was signed with his Russian counterpart ... on Nov. 11 2020"
    ("agreement_signed", D(2020, 11, 11), None, True),
    # "since 1991, when the Armenian military occupied Nagorno-Karabakh ... and seven adjacent regions"
    ("territory_taken", D(1991, 1, 1), D(1991, 12, 31), True),
    # "When new clashes erupted on Sept. 27, 2020"
    ("armed_clash", D(2020, 9, 27), D(2020, 9, 27), True),
    # "During the 44-day conflict, Azerbaijan liberated several cities ...": territory regained in it
    ("territory_taken", D(2020, 9, 27), None, True),
    # "the Nov. 10 deal ending the conflict"
    ("ceasefire", D(2020, 11, 10), D(2020, 11, 10), True),
    # "Despite the Nov. 10 deal ..., the Armenian army several times violated the agreement"
    ("ceasefire_violation", D(2020, 11, 10), D(2021, 1, 30), True),
    # "whose armed forces have been withdrawing in line with the agreement"
    ("withdrawal", D(2020, 11, 10), D(2021, 1, 30), True),
])
def test_the_example_tells_each_incident(example_document, type_, start, end, in_karabakh):
    e = _find(example_document, type_, start, end)
    if in_karabakh:
        assert _near_karabakh(e)
    assert example_document.article.text[e.quote_start:e.quote_end] == e.quote


def test_the_44_day_conflict_is_an_interval(example_document):
    # The conflict and the cities liberated in it are one incident: ACLED's Government regains territory.
    e = next(e for e in example_document.events
             if e.type == "territory_taken" and e.when.start == D(2020, 9, 27) and e.when.end > D(2020, 10, 1))
    assert e.when.end in (D(2020, 11, 9), D(2020, 11, 10))
    assert e.time_precision == 3
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Battles", "Government regains territory")


def test_the_example_events_carry_actors_and_attribution(example_document):
    violation = _find(example_document, "ceasefire_violation", D(2020, 11, 10), D(2021, 1, 30))
    assert violation.attribution == "according to the Azerbaijani Defense Ministry"
    assert "Military Forces of Armenia" in violation.actors
    center = _find(example_document, "deployment", D(2021, 1, 30))
    assert {"Government of Turkey", "Government of Russia"} <= set(center.actors)
    withdrawal = _find(example_document, "withdrawal", D(2020, 11, 10), D(2021, 1, 30))
    assert withdrawal.actors[0] == "Military Forces of Armenia"


def test_the_center_told_three_times_is_one_event(example_document):
    assert len([e for e in example_document.events if e.type == "deployment"]) == 1


def _check_seed(shared_eval):
    spec = importlib.util.spec_from_file_location("check_seed", shared_eval / "check_seed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_seed_expectations_hold(shared_eval, example_document):
    import json

    check = _check_seed(shared_eval)
    expected = json.loads((shared_eval / "seed" / "expected.json").read_text(encoding="utf-8"))
    events = document_record(example_document)["events"]
    used: set[int] = set()
    found = {x["id"]: (x["level"], check.check_event(x, events, used)[0]) for x in expected["events"]}
    assert all(ok for level, ok in found.values() if level == "must"), found
    assert sum(ok for level, ok in found.values() if level == "should") >= 2, found
