"""Clauses: a sentence cut where a new verb phrase starts, so each clause tells at most one event."""

from __future__ import annotations

import re
from dataclasses import dataclass

from karamap.intervals import SpanSet

__all__ = ["Clause", "split_clauses", "HEADER"]

#: the ``date YYYY-MM-DD`` header that a text file may start with (not part of any quote)
HEADER = re.compile(r"\s*date \d{4}-\d{2}-\d{2}[ \t]+")

# Subordinators that open a sentence with a clause that ends at the first free comma.
_LEADING = re.compile(
    r"""["“‘']?\s*(when|during|despite|after|before|while|since|following|as|amid|although|though|
    noting|saying|once|until|in|on|by|with)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Leading words that open a subordinate clause only with a date or a noun phrase, not a verb;
# for these, the clause counts only when the comma is near (a short adverbial).
_SHORT_LEADS = frozenset({"in", "on", "by", "with"})
_COMMA_LEAD = re.compile(
    r",\s+(saying|whose|when|where|which|while|but|after|although|though|amid|before|since|adding|"
    r"noting|as|killing|wounding|injuring|leaving)\b",
    re.IGNORECASE,
)
_AND = re.compile(r",?\s+and\s+(?=([\w-]+))")
_SEMI = re.compile(r";\s+")
_QUOTE_OPEN = re.compile(r":\s*(?=[\"“])")
_YEAR_COMMA = re.compile(r"\d,\s\d{4}")

# Past forms that are mostly adjectives after "and" ("and armed groups", "and wounded civilians").
_NOT_VERBS = frozenset(
    "armed united alleged limited based related wounded injured displaced detained occupied "
    "liberated disputed so-called advanced skilled red need seed".split()
)
_VERBS = frozenset(
    "said says told took met fought began left struck shot sent won lost fled seized went made "
    "saw held brought kept gave came stood hit broke drew withdrew overran retook vowed "
    "will would has have had is are was were".split()
)


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of one sentence; ``lead`` is the word that opened it ("when", "whose", "and" ...)."""

    start: int
    end: int
    lead: str | None = None


def _verb_like(word: str) -> bool:
    w = word.lower()
    if w in _VERBS:
        return True
    return len(w) > 4 and w.endswith("ed") and w not in _NOT_VERBS


def split_clauses(
    text: str, start: int, end: int, protected: list[tuple[int, int]] | SpanSet | None = None
) -> list[Clause]:
    """Cut the sentence ``text[start:end]`` into clauses.

    Cuts fall at semicolons, before ``, and`` + a verb, before ``, whose``/``, when``/``, saying``
    and the like, after a leading subordinate clause ("When clashes erupted on Sept. 27, 2020, ..."),
    and before a quotation opened by a colon. No cut falls inside a ``protected`` span (dates,
    names; a :class:`~karamap.intervals.SpanSet` of a whole document's spans is looked up, not scanned).

    >>> t = "When clashes erupted on Sept. 27, 2020, the army attacked and violated the truce."
    >>> [t[c.start:c.end] for c in split_clauses(t, 0, len(t), [(24, 38)])]
    ['When clashes erupted on Sept. 27, 2020', 'the army attacked', 'and violated the truce.']
    """
    spans = protected if isinstance(protected, SpanSet) else SpanSet(protected or [])
    sent = text[start:end]
    cuts: dict[int, str | None] = {}  # offset in sent where a clause starts -> its lead

    def free(i: int) -> bool:
        if spans.covers(start + i):
            return False
        return not (i >= 1 and _YEAR_COMMA.match(sent, i - 1))

    head = HEADER.match(sent) if start == 0 else None
    body = head.end() if head else 0
    first_lead: str | None = None
    lead = _LEADING.match(sent, body)
    if lead:
        first_lead = lead.group(1).lower()
        for m in re.finditer(",", sent[lead.end():]):
            i = lead.end() + m.start()
            if not free(i):
                continue
            if first_lead in _SHORT_LEADS and i - lead.end() > 40:
                first_lead = None
                break
            j = i + 1
            while j < len(sent) and sent[j].isspace():
                j += 1
            cuts[j] = None
            break
        else:
            first_lead = None
    for m in _SEMI.finditer(sent):
        if free(m.start()):
            cuts[m.end()] = None
    for m in _COMMA_LEAD.finditer(sent):
        if free(m.start()):
            cuts[m.start(1)] = m.group(1).lower()
    for m in _AND.finditer(sent):
        if free(m.start()) and _verb_like(m.group(1)):
            cuts[m.end() - 4 if sent[m.end() - 4:m.end()].lower() == "and " else m.start()] = "and"
    for m in _QUOTE_OPEN.finditer(sent):
        if free(m.start()):
            cuts[m.end()] = "quote"
    clauses: list[Clause] = []
    bounds = sorted(k for k in cuts if body < k < len(sent))
    prev, prev_lead = body, first_lead
    for b in bounds + [len(sent)]:
        s, e = prev, b
        while e > s and sent[e - 1] in " ,;:\t\n":
            e -= 1
        if e > s:
            clauses.append(Clause(start + s, start + e, prev_lead))
        prev, prev_lead = b, cuts.get(b)
    return clauses
