"""Names in place positions that the gazetteer could not place: what a user may add with ``--overrides``."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from karamap.model import Document
from karamap.recognise.lexicon import (
    CALENDAR_WORDS,
    LOCATIVE_CUES,
    PLACE_CLASS_WORDS,
    TITLES,
)
from karamap.recognise.spans import is_street

__all__ = ["UnknownName", "unknown_names", "count_unknown"]

_WORD = r"[A-Z][\w'\u2019]*(?:-[\w'\u2019]+)*"
#: a run of capitalised words, "al-"/"el-" and "de"/"of" allowed inside ("Maarat al-Numan", "Dar es Salaam")
_RUN = rf"{_WORD}(?:\s+(?:(?:al|el|an|ar|as|ash|at|ad|az|ed|es|de|du|of|la|le|di|da)[\s-])?{_WORD}){{0,3}}"
_CUES = "|".join(sorted(LOCATIVE_CUES - {"of", "to", "between", "via"}, key=len, reverse=True))
_CLASSES = "|".join(sorted((re.escape(w) for w in PLACE_CLASS_WORDS), key=len, reverse=True))
#: "in X", "near X"; "X village", "X district"; "the village of X"
_AFTER_CUE = re.compile(rf"\b(?:{_CUES})\s+({_RUN})")
_BEFORE_CLASS = re.compile(rf"({_RUN})\s+(?:{_CLASSES})\b")
_CLASS_OF = re.compile(rf"\b(?:{_CLASSES})\s+of\s+({_RUN})")
#: capitalised words that begin no place's name in these positions
_NOT_NAMES = frozenset(
    """the a an this that these those his her its their our my your mr mrs ms dr monday tuesday wednesday
    thursday friday saturday sunday christmas easter ramadan eid covid reuters ap afp tass anadolu english
    president minister prime general government army police forces ministry court parliament party""".split()
) | CALENDAR_WORDS | TITLES


@dataclass(frozen=True, slots=True)
class UnknownName:
    """A capitalised name in a place position that no gazetteer here places.

    ``why``: "unknown" (no gazetteer knows the name) or "outside" (every reading the gazetteer
    knows lies outside the division the text names, or far from the places it names).
    """

    document: str
    start: int
    end: int
    text: str
    why: str


def _candidates(text: str) -> Iterable[tuple[int, int]]:
    for pattern in (_AFTER_CUE, _BEFORE_CLASS, _CLASS_OF):
        for m in pattern.finditer(text):
            yield m.span(1)


def unknown_names(doc: Document) -> list[UnknownName]:
    """The names of ``doc`` in place positions ("in X", "near X", "X district", "the village of X")
    that resolution did not place, and those it knows only outside the division the text names.

    Streets, readings withheld as too close to call, and words that begin no place's name
    (titles, days, months, "the") are left out.

    >>> from karamap.model import Article, Document
    >>> doc = Document(Article("a", "Gunmen attacked Qartoumbel village on Monday."), ())
    >>> [(u.text, u.why) for u in unknown_names(doc)]
    [('Qartoumbel', 'unknown')]
    """
    text = doc.article.text
    out: list[UnknownName] = []
    taken = [(r.mention.start, r.mention.end) for r in doc.resolutions]
    for r in doc.resolutions:
        if r.place is None and not r.withheld and not is_street(r.mention.surface):
            out.append(UnknownName(doc.article.id, r.mention.start, r.mention.end, r.mention.surface, "outside"))
    seen: set[tuple[int, int]] = set()
    for start, end in sorted(set(_candidates(text))):
        surface = text[start:end]
        first = surface.split()[0].lower()
        if first in _NOT_NAMES or (start, end) in seen or is_street(surface):
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        # a name at a sentence's start may be any capitalised word: only after a cue or before a class word
        seen.add((start, end))
        taken.append((start, end))
        out.append(UnknownName(doc.article.id, start, end, surface, "unknown"))
    out.sort(key=lambda u: u.start)
    return out


def count_unknown(names: Iterable[UnknownName]) -> list[tuple[str, int]]:
    """Each unknown name with the number of times it occurs, most frequent first (then by name).

    >>> count_unknown([UnknownName("a", 0, 1, "Zor", "unknown"), UnknownName("b", 5, 8, "Zor", "unknown")])
    [('Zor', 2)]
    """
    counts = Counter(u.text for u in names)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
