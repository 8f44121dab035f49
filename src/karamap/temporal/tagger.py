"""Finding time expressions: run the patterns, keep the longest readings, attach modifiers."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from karamap.prefilter import lead_words, lowered, needed_words, starts_at_word
from karamap.temporal.normalise import ANAPHORIC_KINDS, NORMALISERS, REFERENCE_KINDS, Context, Norm
from karamap.temporal.patterns import ANCHOR_AFTER, ANCHOR_BEFORE, DATE_MODIFIER, DURATION_MODIFIER, RULES, Rule

__all__ = ["Found", "find"]

# Values of a granularity that "early", "late", "the end of" ... can qualify.
_COARSE_DATE = re.compile(r"^(?:\d{4}(?:-\d\d)?|\d{2,3}|\d{4}-(?:Q\d|H\d|SP|SU|FA|WI))$")
_MODIFIER_REACH = 40


@dataclass(frozen=True, slots=True)
class Found:
    """A time expression found in the text and its reading."""

    start: int
    end: int
    rule: str
    norm: Norm


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    order: int
    rule: Rule
    match: re.Match[str]


def _lowered(anchor: re.Pattern[str]) -> re.Pattern[str] | None:
    """``anchor`` for ASCII-lower-cased text, case-sensitive: Python's ``re`` skips ahead to a
    possible first letter only in a pattern that does not ignore case (None: keep ``anchor``)."""
    if not anchor.flags & re.IGNORECASE or re.search(r"\\[A-Z]", anchor.pattern):
        return None
    return re.compile(anchor.pattern.lower())


# each distinct anchor once, with its faster form for lower-cased text
_ANCHORS: dict[int, re.Pattern[str] | None] = {id(r.anchor): _lowered(r.anchor) for r in RULES if r.anchor is not None}


def _windows(anchor: re.Pattern[str], text: str, low: str | None = None) -> list[tuple[int, int]]:
    """Merged stretches of ``text`` around the hits of ``anchor`` (found in ``low``, the text
    ASCII-lower-cased, where the anchor has a lower-case form and the text no letter outside
    ASCII that ignoring case would match to an ASCII one)."""
    lowered = _ANCHORS.get(id(anchor)) if low is not None else None
    hits = lowered.finditer(low) if lowered is not None else anchor.finditer(text)  # type: ignore[arg-type]
    windows: list[tuple[int, int]] = []
    for hit in hits:
        lo, hi = max(0, hit.start() - ANCHOR_BEFORE), min(len(text), hit.end() + ANCHOR_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _lead_words(rule: Rule) -> frozenset[str] | None:
    """The keys of the words a match of an unanchored rule starts with, where every match starts
    at a word's start (see :mod:`karamap.prefilter`; None: the rule scans the whole text)."""
    if rule.anchor is not None or not starts_at_word(rule.regex.pattern):
        return None
    return lead_words(rule.regex.pattern, blind=True)


_WORDS: dict[str, frozenset[str] | None] = {rule.name: _lead_words(rule) for rule in RULES}
# the keys of words one of which starts in every match of a rule: a text without any of them
# is not scanned for it (nor for its anchor, when no other rule needs that); worked out at a
# rule's first use
_NEEDS: dict[str, frozenset[str] | None] = {}


def _needs(rule: Rule) -> frozenset[str] | None:
    try:
        return _NEEDS[rule.name]
    except KeyError:
        needs = _NEEDS[rule.name] = needed_words(rule.regex.pattern, rule.regex.flags)
        return needs


def _candidates(text: str) -> list[_Candidate]:
    found = []
    folded = lowered(text)  # (shared with the other stages that scan the text)
    low = folded.low if folded.blind else None
    index = folded.index if folded.blind else None
    windows: dict[int, list[tuple[int, int]]] = {}  # each distinct anchor is scanned once
    for order, rule in enumerate(RULES):
        words = _WORDS[rule.name]
        starts = index.starts(words) if words is not None and index is not None else None
        if index is not None and starts != [] and (needs := _needs(rule)) is not None and not index.has_any(needs):
            continue
        if starts is not None:
            # tried only where a word it may open with starts: what a scan of the text finds
            matches, pos, match = [], 0, rule.regex.match
            for i in starts:
                if i >= pos and (m := match(text, i)) is not None:
                    matches.append(m)
                    pos = m.end() if m.end() > i else i + 1
        elif rule.anchor is None:
            matches = list(rule.regex.finditer(text))
        else:
            spans = windows.get(id(rule.anchor))
            if spans is None:
                spans = windows[id(rule.anchor)] = _windows(rule.anchor, text, low)
            matches = [m for lo, hi in spans for m in rule.regex.finditer(text, lo, hi)]
        for m in matches:
            if m.end() > m.start():
                found.append(_Candidate(m.start(), m.end(), order, rule, m))
    return found


class _Occupied:
    """Non-overlapping intervals kept sorted, for the greedy longest-first choice."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        if i > 0 and self.ends[i - 1] > start:
            return False
        return not (i < len(self.starts) and self.starts[i] < end)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _extend(text: str, start: int, norm: Norm, floor: int, kind: str = "") -> int:
    """The start of the expression once a modifier written before it is included."""
    if norm.type == "DURATION" or kind == "ago":  # "nearly three decades", "almost two years ago"
        if text[start : start + 4].lower() == "the ":
            return start  # "over the past three months": the preposition governs the phrase
        pattern = DURATION_MODIFIER
    elif norm.type == "DATE" and _COARSE_DATE.match(norm.value):
        pattern = DATE_MODIFIER
    else:
        return start
    lo = max(floor, start - _MODIFIER_REACH)
    m = pattern.search(text[lo:start])
    return lo + m.start() if m else start


def find(text: str, ctx: Context) -> list[Found]:
    """The time expressions of ``text``, in text order, without overlaps.

    Among overlapping matches the longest wins (then the earlier rule); a match its normaliser
    rejects ("May" as a verb, "2000 troops") gives way to the others.

    >>> import datetime as dt
    >>> [(f.rule, f.norm.value) for f in find("On Jan. 30 it opened.", Context("", dt.date(2021, 1, 30)))]
    [('month_day', '2021-01-30')]
    """
    ctx.text = text
    cands = _candidates(text)
    cands.sort(key=lambda c: (c.start - c.end, c.order, c.start))
    occupied = _Occupied()
    chosen: list[_Candidate] = []
    for cand in cands:
        if not occupied.free(cand.start, cand.end):
            continue
        kind = cand.rule.kind
        if kind not in ANAPHORIC_KINDS and NORMALISERS[kind](cand.match, ctx) is None:
            continue
        occupied.add(cand.start, cand.end)
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    # Second pass in text order: anaphoric readings ("the year-earlier quarter") see what came before.
    results: list[Found] = []
    floor = 0
    for cand in chosen:
        norm = NORMALISERS[cand.rule.kind](cand.match, ctx)
        if norm is None:  # an anaphoric expression with nothing to refer to
            continue
        if norm.start is not None:
            start = norm.start
        elif norm.adjectival:
            start = cand.start
        else:
            start = _extend(text, cand.start, norm, floor, cand.rule.kind)
        results.append(Found(start, cand.end, cand.rule.name, norm))
        if cand.rule.kind in REFERENCE_KINDS:
            ctx.previous.append((cand.start, norm.value))
        floor = cand.end
    return results
