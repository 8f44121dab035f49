"""However an article is rendered, karamap reads the same places, dates and events from it.

Our own articles (``tests/renderings.py``) are rendered tokenised, hard-wrapped with words
hyphenated at line ends, HTML-escaped, typographic (curly quotes, dashes, no-break spaces),
with CRLF line ends and with the headline and dateline in capitals, alone and combined.
Each rendering must give what the plain article gives, modulo offsets, and every offset
must still point into the rendered text as read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from karamap.model import Article, Document
from karamap.pipeline import annotate_article
from karamap.textview import analysis_view
from renderings import ARTICLES, capitals, crlf, escape_html, tokenise, typographic, wrap

PUBLISHED = dt.date(2022, 11, 4)

Renderer = Callable[[str], str]


def _reading(doc: Document) -> dict[str, list]:
    """What a rendering must not change: places, dates and events, without offsets."""
    return {
        "places": [(r.place.id if r.place else None, r.mention.kind, r.withheld) for r in doc.resolutions],
        "timexes": [(t.type, t.value, t.span) for t in doc.timexes],
        "events": [
            (e.type, e.when, e.place_ids, e.time_precision, e.geo_precision, e.acled_event_type, e.fatalities)
            for e in doc.events
        ],
    }


def _squeeze(text: str) -> str:
    """A surface compared across renderings: entities, quotes, hyphens, spacing and case undone."""
    # hyphens left out: a word broken at a line end compares with the word unbroken
    joined = re.sub(r"-\s*", "", analysis_view(text).text)
    squeezed = re.sub(r"\s+", " ", joined)
    return re.sub(r" (?=[,.;:)])|(?<=\() ", "", squeezed).lower()


def _check_offsets(doc: Document, text: str) -> None:
    for r in doc.resolutions:
        m = r.mention
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.surface
    for t in doc.timexes:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
    for e in doc.events:
        assert 0 <= e.quote_start < e.quote_end <= len(text)
        assert text[e.quote_start : e.quote_end] == e.quote


_plain_cache: dict[str, Document] = {}


def _annotate(name: str, text: str, gazetteer) -> Document:
    return annotate_article(Article(name, text, PUBLISHED), gazetteer)


def _plain(name: str, gazetteer) -> Document:
    if name not in _plain_cache:
        _plain_cache[name] = _annotate(name, ARTICLES[name], gazetteer)
    return _plain_cache[name]


def _same_reading(name: str, rendered: str, gazetteer) -> None:
    plain = _plain(name, gazetteer)
    doc = _annotate(name, rendered, gazetteer)
    _check_offsets(doc, rendered)
    assert _reading(doc) == _reading(plain)
    assert [_squeeze(r.mention.surface) for r in doc.resolutions] == [
        _squeeze(r.mention.surface) for r in plain.resolutions
    ]
    assert [_squeeze(t.text) for t in doc.timexes] == [_squeeze(t.text) for t in plain.timexes]


def test_the_articles_are_worth_rendering(gazetteer):
    # each plain article gives places, dates and events for the renderings to keep
    for name in ARTICLES:
        doc = _plain(name, gazetteer)
        assert len(doc.places) >= 3, name
        assert sum(t.type == "DATE" for t in doc.timexes) >= 3, name
        assert doc.events, name


def test_plain_text_is_its_own_view():
    for text in ARTICLES.values():
        assert analysis_view(text).identity


# ---------------------------------------------------------------- one rendering at a time
SINGLE: dict[str, Renderer] = {
    "tokenised": tokenise,
    "tokenised-ptb-quotes": lambda t: tokenise(t, ptb_quotes=True),
    "wrapped-72": lambda t: wrap(t, 72, hyphenate=False),
    "wrapped-60-hyphenated": lambda t: wrap(t, 60, hyphenate=True),
    "html-escaped": escape_html,
    "html-named-entities": lambda t: escape_html(typographic(t), named=True),
    "typographic": typographic,
    "typographic-unspaced-dashes": lambda t: typographic(t, spaced_dash=False),
    "crlf": crlf,
    "capitals": capitals,
}


@pytest.mark.parametrize("name", sorted(ARTICLES))
@pytest.mark.parametrize("rendering", sorted(SINGLE))
def test_each_rendering_reads_as_the_plain_article(name, rendering, gazetteer):
    _same_reading(name, SINGLE[rendering](ARTICLES[name]), gazetteer)


# ---------------------------------------------------------------- renderings combined
@st.composite
def renderings(draw) -> tuple[str, list[str], Renderer]:
    steps: list[tuple[str, Renderer]] = []
    if draw(st.booleans()):
        steps.append(("capitals", capitals))
    if draw(st.booleans()):
        spaced = draw(st.booleans())
        steps.append(("typographic", lambda t: typographic(t, spaced_dash=spaced)))
    if draw(st.booleans()):
        ptb = draw(st.booleans())
        steps.append(("tokenised", lambda t: tokenise(t, ptb_quotes=ptb)))
    if draw(st.booleans()):
        width = draw(st.integers(min_value=40, max_value=100))
        hyphenate = draw(st.booleans())
        steps.append((f"wrapped-{width}", lambda t: wrap(t, width, hyphenate)))
    if draw(st.booleans()):
        named = draw(st.booleans())
        steps.append(("escaped", lambda t: escape_html(t, named=named)))
    if draw(st.booleans()):
        steps.append(("crlf", crlf))

    def render(text: str) -> str:
        for _, step in steps:
            text = step(text)
        return text

    return draw(st.sampled_from(sorted(ARTICLES))), [n for n, _ in steps], render


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(case=renderings())
def test_renderings_combined_read_as_the_plain_article(case, gazetteer):
    name, _steps, render = case
    _same_reading(name, render(ARTICLES[name]), gazetteer)


# ---------------------------------------------------------------- the views themselves
def test_a_tokenised_date_is_one_date(gazetteer):
    text = "Troops left the base on March 01 , 2008 , and returned on July 24 ."
    doc = annotate_article(Article("t", text, dt.date(2008, 9, 1)), gazetteer)
    assert [(t.text, t.value) for t in doc.timexes] == [("March 01 , 2008", "2008-03-01"), ("July 24", "2008-07-24")]


def test_an_upper_case_dateline_names_a_place(gazetteer):
    for dateline, name in [
        ("KRAMATORSK, Ukraine (Reuters) -", "Kramatorsk"),
        ("KHARKIV, Ukraine, May 3 (Reuters) -", "Kharkiv"),
        ("MARIUPOL (AP) \u2014", "Mariupol"),
        ("GOMA, Congo, Nov. 2 (Reuters) -", "Goma"),
        ("STEPANAKERT -", "Khankendi"),  # the Azerbaijani name the gazetteer files it under
    ]:
        text = f"{dateline} Officials said shelling continued through the night.\n"
        doc = annotate_article(Article("d", text, PUBLISHED), gazetteer)
        first = doc.places[0]
        assert first.mention.start == text.index(dateline.split(",")[0].split(" (")[0].split(" -")[0][:4])
        assert first.place.name == name, (dateline, first.place)
        assert first.mention.surface.isupper()


def test_offsets_of_an_entity_cover_the_entity():
    v = analysis_view("Aghdam &amp; Barda &mdash; Sept.&nbsp;27")
    assert v.text == "Aghdam & Barda - Sept. 27"
    amp = v.text.index("&")
    assert v.original[slice(*v.span(amp, amp + 1))] == "&amp;"
    assert v.original[slice(*v.span(v.text.index("Sept"), len(v.text)))] == "Sept.&nbsp;27"


def test_a_list_of_headlines_is_not_unwrapped():
    text = ("Shelling resumes near the front line in the east\nTalks on prisoner exchange open in Geneva\n"
            "Aid convoy reaches the besieged city after weeks\nMinistry reports two soldiers wounded overnight\n")
    assert analysis_view(text).identity


def test_spaced_ellipses_and_decimals_are_left_alone():
    text = "He paused . . . then said the rate fell to .5 percent."
    assert analysis_view(text).text == "He paused . . . then said the rate fell to .5 percent."

