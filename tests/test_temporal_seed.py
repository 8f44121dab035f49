"""The seed article: every "must" time expression and the "should" one of ../shared/eval/seed."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from karamap.model import Article
from karamap.temporal import tag_times


@pytest.fixture(scope="module")
def seed_timexes(example_path):
    text = example_path.read_text(encoding="utf-8")
    return text, tag_times(Article("seed", text, dt.date(2021, 1, 30)))


@pytest.fixture(scope="module")
def expected(shared_eval):
    return json.loads((shared_eval / "seed" / "expected.json").read_text(encoding="utf-8"))["timexes"]


def test_every_expected_timex_is_found_with_its_value_and_range(seed_timexes, expected):
    text, found = seed_timexes
    by_span = {(t.start, t.end): t for t in found}
    for want in expected:
        got = by_span.get((want["start"], want["end"]))
        assert got is not None, f"missed {want['text']!r}"
        assert (got.text, got.type, got.value) == (want["text"], want["type"], want["value"])
        if "range" in want:
            start, end = (dt.date.fromisoformat(d) for d in want["range"])
            assert got.span is not None and got.span.start == start
            # the 44-day conflict: an end of Nov. 9 (inclusive) or Nov. 10 is accepted
            assert got.span.end in (end, end + dt.timedelta(days=1))


def test_the_seed_has_no_false_dates(seed_timexes):
    text, found = seed_timexes
    surfaces = {t.text for t in found}
    assert not surfaces & {"38", "one general", "300", "We", "one nation", "two states"}
    for t in found:
        assert text[t.start : t.end] == t.text


def test_the_44_day_conflict_runs_from_the_start_of_the_clashes(seed_timexes):
    _, found = seed_timexes
    (war,) = [t for t in found if t.text == "44-day"]
    assert war.span.start == dt.date(2020, 9, 27)
    assert war.span.end == dt.date(2020, 11, 9)
