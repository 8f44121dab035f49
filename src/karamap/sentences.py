"""Sentence boundaries for news text, without a statistical model."""

from __future__ import annotations

import functools
import re

from karamap.prefilter import KEEP_CHARS

__all__ = ["split_sentences", "sentence_at"]

# Abbreviations after which a period does not end a sentence (lower-cased, without the dot).
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen col lt sgt capt maj cmdr adm st ste mt ft jr sr rev fr hon
    pres supt insp det cpl pvt atty
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos vol vs etc inc corp co ltd bros dept univ assn est approx fig al
    u.s a.m p.m e.g i.e u.k u.n d.c
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont
    neb nebr nev okla ore pa tenn tex va vt wash wis wyo
    """.split()
)

# A boundary candidate: terminal punctuation, optional closing quotes/brackets, then white space.
_BOUNDARY = re.compile(r"""[.!?]+["'\u201d\u2019)\]]*(?=\s)|\n\s*\n""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def _ends_with_abbreviation(text: str, dot_end: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, dot_end - 12), dot_end)
    if match is None:
        return False
    word = match.group(1).lower()
    # Single capital letters ("J. Smith") are initials, not sentence ends.
    return word in _ABBREVIATIONS or len(word) == 1


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``, white space trimmed, in order.

    A line break after a line without final punctuation (a headline, a dateline)
    also ends a sentence.

    >>> t = "The Turkish defense minister on Jan. 30 spoke. Akar said so."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['The Turkish defense minister on Jan. 30 spoke.', 'Akar said so.']
    """
    # recognition and events both split the text: the spans of the last few texts are kept
    return list(_kept(text) if len(text) <= KEEP_CHARS else _split(text))


def _split(text: str) -> tuple[tuple[int, int], ...]:
    cuts: list[int] = []
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group().startswith("\n"):
            cuts.append(match.start())
            continue
        stripped = match.group().rstrip("\"'\u201d\u2019)]")
        if stripped == "." and _ends_with_abbreviation(text, match.start() + 1):
            # "Jan. 30", "Mr. Akar": a period after an abbreviation or an initial is part of
            # the word; the rare sentence that ends on one ("... in the U.S. Then") stays joined.
            continue
        cuts.append(end)
    # Single line breaks end headline-like lines that lack final punctuation.
    for match in re.finditer(r"[^\n.!?\"'\u201d\s][ \t]*\n", text):
        cuts.append(match.start() + 1)
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(set(cuts)) + [len(text)]:
        if cut <= start:
            continue
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = cut
    return tuple(spans)


_kept = functools.lru_cache(maxsize=8)(_split)


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The span of ``spans`` that contains ``offset``, or None.

    >>> sentence_at([(0, 5), (6, 10)], 7)
    (6, 10)
    """
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        s, e = spans[mid]
        if offset < s:
            hi = mid
        elif offset >= e:
            lo = mid + 1
        else:
            return spans[mid]
    return None
