"""The tense of the clause around a time expression, from cue words (no parser)."""

from __future__ import annotations

import re

from karamap.temporal.calendar import Tense

__all__ = ["tense_at"]

_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|expect(?:s|ed)?\s+to|plan(?:s|ning)?\s+to|"
    r"as\s+(?:soon|early)\s+as|"
    r"scheduled|due\s+to|is\s+to|are\s+to|intends?\s+to|upcoming|to\s+be\s+held|"
    r"set\s+to|aims?\s+to|hopes?\s+to|payable|expires?|effective|until|till)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|says|ago|last|since|earlier|previously|\w{3,}ed|"
    # irregular past forms common in news
    r"began|brought|bought|came|caught|chose|fell|fought|found|gave|got|grew|held|hit|kept|"
    r"knew|led|left|lost|made|meant|met|paid|ran|rose|sold|sent|shot|spent|spoke|stood|"
    r"struck|swore|took|told|thought|threw|understood|went|won|wrote|became|broke|drew|"
    r"drove|flew|forgot|froze|overtook|overran|saw|seized|withdrew)\b",
    re.IGNORECASE
)
_DEADLINE_BEFORE = re.compile(r"\b(?:by|effective|payable)\s+$", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[.!?;\n][^.!?;\n]*$")
_CLAUSE_END = re.compile(r"[.!?;\n]")


def tense_at(text: str, start: int, end: int) -> Tense | None:
    """'future', 'past' or None (no cue) for the clause around a span.

    The cue word nearest the expression decides.

    >>> tense_at("The center will open on Feb. 3.", 24, 30)
    'future'
    >>> tense_at("It was signed on Nov. 11.", 17, 24)
    'past'
    """
    if _DEADLINE_BEFORE.search(text, max(0, start - 12), start):
        return "future"  # "by February", "until Nov. 30", "effective June 1"
    lo = max(0, start - 160)
    before = text[lo:start]
    m = _CLAUSE_START.search(before)
    if m is not None:
        lo += m.start() + 1
    hi = min(len(text), end + 160)
    m = _CLAUSE_END.search(text, end, hi)
    if m is not None:
        hi = m.start()
    # The cue nearest the expression decides: "In September it announced plans to ..." is past.
    best: tuple[int, Tense] | None = None
    for pattern, tense in ((_FUTURE, "future"), (_PAST, "past")):
        for cue in pattern.finditer(text, lo, hi):
            if cue.start() >= start and cue.end() <= end:
                continue
            distance = start - cue.end() if cue.end() <= start else cue.start() - end
            if best is None or distance < best[0]:
                best = (distance, tense)
    return best[1] if best else None
