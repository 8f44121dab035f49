"""The literal pre-tests: a pattern tried only where its lead words start finds what a full scan finds."""

from __future__ import annotations

import re
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from karamap.events.triggers import RULES, Candidate, scan
from karamap.prefilter import WordIndex, lead_literals, lead_words

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
