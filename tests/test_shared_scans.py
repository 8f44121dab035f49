"""Work shared between stages and faster scans: each gives what the plain way of doing it gives.

A text's word index, its sentence spans and its tokens are made once and read by several stages;
the street and road patterns open with a look-ahead of their first letters; the geodata phrases
are tried only in a text that holds one of their first words, and only where it starts. None of
this may change what is found.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karamap.prefilter import ASCII_LOWER, WordIndex, lowered
from karamap.recognise.tokens import _OPENERS, tokenise
from karamap.sentences import split_sentences

PIECES = [
    "Main", "Street", "St.", "Ave.", "Road", "Highway", "Route", "County", "Interstate", "I-40", "US",
    "Ky.", "W.Va.", "Ohio", "North", "Old", "8th", "12", "9A", "the", "seven", "adjacent", "regions",
    "Kharkiv", "Mr.", "said", "'", "\"", "(", "[", "\u201c", "-", "\u2014", "*", " ", "\n", "\n\n", ".",
    ",", "!", "?", "'s", "Anne's", "U.S.", "İn", "Ärzte", "ſome",
]
texts = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=30).map("".join),
)


def _initial_by_walking_back(text: str, start: int, starts: set[int]) -> bool:
    """A word opens its sentence where only openers stand between it and the sentence's start,
    the text's start or a line break (the definition tokenise worked by, word by word)."""
    s = start
    while s > 0 and s not in starts and text[s - 1] in _OPENERS:
        s -= 1
    return s in starts or start in starts or s == 0 or text[s - 1] == "\n"


@settings(max_examples=300, deadline=None)
@given(texts)
def test_a_token_is_initial_as_the_walk_back_to_its_sentence_start_says(text):
    starts = {s for s, _ in split_sentences(text)}
    for token in tokenise(text):
        assert token.initial == _initial_by_walking_back(text, token.start, starts), (text, token)


def test_initial_words_after_quotes_brackets_and_line_breaks():
    text = 'Troops left. "Residents fled," (Officials said) it.\n- Aid came'
    initial = [t.text for t in tokenise(text) if t.initial]
    assert initial == ["Troops", "Residents", "Aid"]


@settings(max_examples=200, deadline=None)
@given(texts)
def test_the_shared_word_index_is_the_index_of_the_lowered_text(text):
    shared = lowered(text)
    assert shared.low == text.translate(ASCII_LOWER)
    fresh = WordIndex(text.translate(ASCII_LOWER))
    for keys in (frozenset({"mai", "str"}), frozenset({"a\x02", "the"}), frozenset({"\x01"}), frozenset({"s\x02"})):
        assert shared.index.starts(keys) == fresh.starts(keys)
        assert shared.index.starts(keys) == fresh.starts(keys)  # asked again: the answer kept


def test_sentence_spans_are_a_new_list_for_each_caller():
    text = "Troops left. Residents fled."
    first = split_sentences(text)
    first.append((99, 100))
    assert split_sentences(text) == [(0, 12), (13, 28)]


def _without_look_ahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    assert pattern.pattern.startswith("(?=[")
    return re.compile(pattern.pattern[pattern.pattern.index("]") + 2:], pattern.flags)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_streets_and_roads_found_with_the_look_ahead_are_those_found_without(text):
    from karamap.recognise.spans import _STREET, _road

    for pattern in (_STREET, _road()):
        plain = _without_look_ahead(pattern)
        assert [m.span(1) for m in pattern.finditer(text)] == [m.span(1) for m in plain.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(texts)
def test_geodata_phrases_found_at_their_first_words_are_those_of_a_full_scan(text):
    from karamap.prefilter import TextScan
    from karamap.recognise.spans import phrase_pattern

    pattern = phrase_pattern()
    assert pattern is not None
    assert [m.span() for m in TextScan(text).finditer(pattern)] == [m.span() for m in pattern.finditer(text)]


def test_the_tense_of_a_match_is_told_once_and_the_same_when_asked_again():
    import datetime as dt

    from karamap.temporal.context import Context
    from karamap.temporal.tense import tense_at

    text = "The center will open on Feb. 3. It was signed on Nov. 11."
    ctx = Context(text, dt.date(2021, 1, 30))
    for m in re.finditer(r"Feb\. 3|Nov\. 11", text):
        assert ctx.tense(m) == ctx.tense(m) == tense_at(text, m.start(), m.end())
    assert list(ctx.tenses.values()) == ["future", "done"]  # "signed on": a past the date completes


@settings(max_examples=200, deadline=None)
@given(texts)
def test_a_text_passed_over_for_geodata_phrases_holds_none(text):
    from karamap.recognise.spans import may_name_phrase, phrase_pattern

    if not may_name_phrase(text):
        assert list(phrase_pattern().finditer(text)) == []


@pytest.mark.parametrize("text", ["Troops left the SEVEN ADJACENT REGIONS.", "the Seven  Adjacent\nRegions",
                                  "the \u017feven adjacent regions", "the Joint Monitoring Centre"])
def test_geodata_phrases_in_any_case_are_not_passed_over(text):
    from karamap.recognise.spans import may_name_phrase, phrase_pattern

    assert list(phrase_pattern().finditer(text)) and may_name_phrase(text)
