"""The literal pre-tests: a pattern tried only where its lead words start finds what a full scan finds."""

from __future__ import annotations

import re
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from karamap.events import triggers
from karamap.events.triggers import RULES, Candidate, scan
from karamap.prefilter import ANY, WordIndex, lead_literals, lead_words, needed_words

_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _full_scan(text: str) -> list[tuple[str, int, int]]:
    """Every rule tried at every position, as the trigger scan did before it had an index."""
    low = text.translate(_LOWER)
    out = []
    for rule in RULES:
        if rule.fast is None:
            out += [(rule.pattern.pattern, m.start(), m.end()) for m in rule.pattern.finditer(text)]
            continue
        pos = 0
        while (m := rule.fast.search(low, pos)) is not None:
            i = m.start()
            if i == 0 or not (low[i - 1].isalnum() or low[i - 1] == "_"):
                out.append((rule.pattern.pattern, i, m.end()))
                pos = max(m.end(), i + 1)
            else:
                pos = i + 1
    return sorted(out, key=lambda c: c[1])


def _keys(found: list[Candidate]) -> list[tuple[str, int, int]]:
    return [(c.rule.pattern.pattern, c.start, c.end) for c in found]


# Words of the trigger lexicon and the words around them, so random texts reach the rules.
WORDS = [
    "troops", "withdrew", "from", "the", "town", "Rebels", "captured", "shelled", "killed", "two", "civilians",
    "signed", "a", "ceasefire", "agreement", "met", "with", "Minister", "visited", "Paris", "protesters",
    "gathered", "police", "fired", "tear", "gas", "at", "clashes", "erupted", "between", "forces", "and",
    "militants", "attacked", "positions", "said", "on", "Monday", "pulled", "out", "re-established",
    "control", "of", "al-Shabaab", "by", "phone", "over", "UN", "drone", "strike", "hit", "ſhelled",
    "KILLED", "İn", "ﬁred", "_", "-", ",", ".", "'", "’s", "\n", "withdrawal", "reached", "deal",
]
texts = st.one_of(
    st.text(max_size=120),
    st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=3)), max_size=30).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_indexed_scan_finds_what_a_full_scan_finds(text):
    assert _keys(scan(text)) == _full_scan(text)


def test_indexed_scan_on_news_sentences():
    text = ("Rebels captured the town of Djibo on Monday. Troops withdrew to positions north of it, and "
            "the army said it would re-establish control. Protesters gathered in the capital; police fired "
            "tear gas. The two presidents met with their ministers and signed an agreement by phone.")
    found = scan(text)
    assert _keys(found) == _full_scan(text)
    assert {"territory_taken", "withdrawal", "protest", "agreement_signed", "meeting"} <= {c.rule.type for c in found}


def test_a_scan_from_an_offset_keeps_offsets_in_the_whole_text():
    text = "Nothing here. Troops withdrew."
    (c,) = scan(text, 14)
    assert (c.rule.type, text[c.start:c.end]) == ("withdrawal", "withdrew")


def test_lead_literals_of_optional_and_alternative_words():
    assert lead_literals(r"(?:tele)?phone calls?") == frozenset(
        {"telephone call", "telephone calls", "phone call", "phone calls"})
    assert lead_literals(r"\b(?:Sign|inked)", re.IGNORECASE) == frozenset({"sign", "inked"})
    assert lead_literals(r"[\w-]+ troops") is None
    assert lead_literals(r"x?") is None  # may match nothing


def test_every_trigger_rule_has_lead_words():
    # a rule without them is tried at every position of every text: a slow rule
    assert [r.pattern.pattern for r in RULES if r.words is None] == []


def test_word_index_keys_words_by_their_first_letters():
    index = WordIndex("al-qaeda and alliance fighters")
    assert index.starts(lead_words(r"\bal-?qaeda\b")) == [0]
    assert index.starts(lead_words(r"\ballian")) == [13]
    assert index.starts(frozenset({"zzz"})) == []


# -- the temporal tagger: rules tried at their lead words and anchors scanned once find what
#    every rule scanned over the whole text finds

TIME_WORDS = [
    "Jan.", "Sept.", "May", "March", "Friday", "today", "yesterday", "last", "next", "this", "the", "past",
    "week", "month", "year", "quarter", "third", "half", "decade", "1991", "2020", "1990s", "'90s",
    "nineteen", "ninety-six", "two", "thousand", "a", "an", "few", "several", "44-day", "nearly", "ago",
    "earlier", "later", "since", "until", "by", "at", "on", "in", "10", "3:30", "p.m.", "0300", "GMT",
    "noon", "midnight", "every", "daily", "summer", "early", "mid-", "now", "so", "far", "for", "while",
    "some", "time", "Q3", "FY", "fiscal", "Christmas", "that", "same", "hours", "days", "years", "-long",
    "2021-02-03", "3/4/2021", "twice", "once", "per", "Mondays", "YEAR", "Yesterday", "ſome", "İn",
    "-", ",", ".", "'s", "\n", "27", "31,",
]
time_texts = st.one_of(
    st.text(max_size=100),
    st.lists(st.sampled_from(TIME_WORDS), max_size=40).map(" ".join),
    st.lists(st.one_of(st.sampled_from(TIME_WORDS), st.text(max_size=3)), max_size=30).map("".join),
)


def _found(text: str):
    import datetime as dt

    from karamap.temporal.normalise import Context
    from karamap.temporal.tagger import find

    return [(f.start, f.end, f.rule, f.norm) for f in find(text, Context(text, dt.date(2021, 1, 30)))]


@settings(max_examples=300, deadline=None)
@given(time_texts)
def test_the_tagger_finds_what_a_scan_of_the_whole_text_finds(text):
    from karamap.temporal import tagger

    fast = _found(text)
    words, anchors, needs = dict(tagger._WORDS), dict(tagger._ANCHORS), dict(tagger._NEEDS)
    try:
        tagger._WORDS.update(dict.fromkeys(words))  # every rule over the whole text again
        tagger._ANCHORS.update(dict.fromkeys(anchors))  # anchors as written, case-blind
        tagger._NEEDS.update(dict.fromkeys(r.name for r in tagger.RULES))  # and over every text
        assert fast == _found(text)
    finally:
        tagger._WORDS.update(words)
        tagger._ANCHORS.update(anchors)
        tagger._NEEDS.clear()
        tagger._NEEDS.update(needs)


# -- words every match holds: a text without any of them is not scanned for the rule


def test_needed_words_are_those_every_match_holds_a_start_of():
    assert needed_words(r"(?:homes|streets)\s+were\s+(?:flooded|submerged)") == frozenset({"flo", "sub"})
    assert needed_words(r"\b(?:earth)?quake") == frozenset({"ear", "qua"})
    assert needed_words(r"(?:earth)?quake") is None  # ("aftershockquake": no word starts at "quake")
    assert needed_words(r"\w+quake") is None
    assert needed_words(r"x-ray") == frozenset({"ray"})  # a word starts after the hyphen
    assert needed_words(r"\bthe\s+(?:next|following)\s+day\b") == frozenset({"day"})  # the rarest
    assert needed_words(r"\bby \d+") == frozenset({"by\0"})  # a short word that ends
    assert needed_words(r"\bby\s+\d+") == frozenset({"by" + ANY})  # (or that may go on: "bygone")


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, time_texts))
def test_every_match_of_a_rule_holds_one_of_its_needed_words(text):
    from karamap.prefilter import CASE_EXCEPTIONS
    from karamap.temporal import tagger

    if CASE_EXCEPTIONS.search(text):
        return  # (such a text is scanned in full)
    low = text.translate(_LOWER)
    index = WordIndex(low)
    for rule in RULES:
        needs = triggers._needs(rule)
        if needs is None:
            continue
        if rule.fast is not None:
            starts = [m.start() for m in re.finditer(r"(?<!\w)(?=\w)", low)]
            matched = any(rule.fast.match(low, i) for i in starts)
        else:
            matched = rule.pattern.search(text) is not None
        assert not matched or index.has_any(needs), rule.pattern.pattern
    for rule in tagger.RULES:
        needs = tagger._needs(rule)
        if needs is not None and rule.regex.search(text):
            assert index.has_any(needs), rule.name


def test_most_trigger_rules_need_a_word():
    # a rule without one is scanned for in every text that holds one of its lead words
    assert len([r for r in RULES if triggers._needs(r) is None]) <= 5


def test_most_unanchored_date_rules_are_tried_at_their_words_only():
    from karamap.temporal import tagger

    unanchored = [r.name for r in tagger.RULES if r.anchor is None]
    indexed = [name for name in unanchored if tagger._WORDS[name] is not None]
    assert len(indexed) >= len(unanchored) - 4, sorted(set(unanchored) - set(indexed))


# -- word lists as trees of letters match what the longest-first alternation matches

alias_words = st.lists(st.text(alphabet="abn -'.", min_size=1, max_size=6), min_size=1, max_size=12, unique=True)


@settings(max_examples=300, deadline=None)
@given(alias_words, st.text(alphabet="abn -'.x", max_size=60))
def test_a_tree_of_words_matches_as_their_longest_first_alternation(words, text):
    from karamap.prefilter import trie_alternation

    tail = r"(?!\w|-(?![a-z]+ed\b))"  # a pattern that goes on after the words backtracks alike
    plain = re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")" + tail)
    tree = re.compile(trie_alternation(words) + tail)
    assert [m.span() for m in plain.finditer(text)] == [m.span() for m in tree.finditer(text)]


def test_armed_group_names_are_found_as_before():
    from karamap.events.actors import group_spans

    text = "Al-Shabaab fighters, Taliban-led units and the Islamic State in West Africa clashed; TTP denied it."
    found = [text[a:b] for a, b in group_spans(text)]
    assert found[:3] == ["Al-Shabaab", "Taliban", "Islamic State in West Africa"]


# -- cue classes: a text scanned word by word yields every match a full scan yields

CUE_WORDS = [
    "police", "fired", "tear", "gas", "at", "protesters", "no", "casualties", "were", "reported", "gunmen",
    "killed", "two", "civilians", "a", "roadside", "bomb", "IED", "mine", "gold", "air", "strike", "drone",
    "without", "a", "fight", "clashes", "looted", "shops", "Taliban", "mob", "lynched", "the", "ſhot", "KILLED",
    "-", ",", ".", "'", "\n", "3", "dozens", "of",
]
cue_texts = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(CUE_WORDS), max_size=40).map(" ".join),
    st.lists(st.one_of(st.sampled_from(CUE_WORDS), st.text(max_size=3)), max_size=30).map("".join),
)


def _cue_patterns():
    from karamap.events import acled

    return [v for k, v in sorted(vars(acled).items()) if isinstance(v, re.Pattern)]


@settings(max_examples=200, deadline=None)
@given(cue_texts, st.integers(min_value=0, max_value=20), st.integers(min_value=0, max_value=20))
def test_a_text_scan_yields_what_finditer_yields(text, cut_start, cut_end):
    from karamap.prefilter import TextScan

    scan = TextScan(text)
    pos, endpos = min(cut_start, len(text)), max(0, len(text) - cut_end)
    for pattern in _cue_patterns():
        assert [m.span() for m in scan.finditer(pattern)] == [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in scan.finditer(pattern, pos, endpos)] == \
            [m.span() for m in pattern.finditer(text, pos, endpos)]


def test_most_cue_classes_have_lead_words():
    from karamap.prefilter import pattern_words

    patterns = _cue_patterns()
    assert sum(pattern_words(p) is not None for p in patterns) >= len(patterns) - 8


def test_a_literal_that_ends_its_word_keys_that_word_alone():
    # "a" before white space is the word "a", not every word that starts with an "a"
    assert lead_words(r"\b(?:an?|one)\s+(?:hour|day)") == frozenset({"a\0", "an\0", "one"})
    assert lead_words(r"\b(?:so|at)\b") == frozenset({"so\0", "at\0"})
    index = WordIndex("at about an hour so soon a day")
    assert index.starts(lead_words(r"\b(?:an?|one)\s+(?:hour|day)")) == [9, 25]
    assert index.starts(lead_words(r"\b(?:so|at)\b")) == [0, 17]
