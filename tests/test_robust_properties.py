"""Any text through the whole pipeline: no exception but karamap's own, and every offset holds."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from karamap.errors import KaramapError
from karamap.pipeline import annotate_article
from karamap.read import read_text

# News-like tokens (places, dates, triggers, punctuation, odd Unicode) mixed with any text.
WORDS = st.sampled_from([
    "Aghdam", "Baku", "on", "Jan.", "30", "2021", "the", "shelled", "Turkish", "troops", "in", "Karabakh",
    "last", "week", "yesterday", "-", ",", ".", "\n", "Sept.", "27,", "1990s", "Shusha", "killed", "Georgia",
    "said", "Monday", "“", "”", "—", "İ", "ß", "\u0301", "\r\n", "date 2021-01-30 Title\n", "seven adjacent districts",
])
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(WORDS, max_size=60).map(" ".join),
    st.lists(st.one_of(WORDS, st.text(max_size=5)), max_size=60).map(" ".join),
)


def assert_span(text: str, start: int, end: int, surface: str) -> None:
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    assert text[start:end] == surface, (start, end, surface)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(TEXTS, st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2026, 1, 1))))
def test_any_text_gives_a_document_whose_offsets_match_its_surfaces(gazetteer, text, published):
    try:
        article = read_text(text, published=published)
    except KaramapError:
        return
    doc = annotate_article(article, gazetteer)
    for r in doc.resolutions:
        assert_span(article.text, r.mention.start, r.mention.end, r.mention.surface)
    for t in doc.timexes:
        assert_span(article.text, t.start, t.end, t.text)
    for e in doc.events:
        assert_span(article.text, e.quote_start, e.quote_end, e.quote)
