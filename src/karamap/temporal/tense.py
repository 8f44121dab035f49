"""The tense of the clause around a time expression, from cue words (no parser)."""

from __future__ import annotations

import re

from karamap.temporal.calendar import Tense

__all__ = ["tense_at"]

_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|would|going\s+to|expect(?:s|ed)?\s+to|plan(?:s|ning)?\s+to|"
    r"as\s+(?:soon|early)\s+as|"
    r"scheduled|due\s+to|is\s+to|are\s+to|intends?\s+to|upcoming|to\s+be\s+held|"
    r"set\s+to|aims?\s+to|hopes?\s+to|payable|expires?|effective|until|till)\b",
    re.IGNORECASE,
)
# irregular past forms common in news (the simple past; participles shared with it too)
_IRREGULAR_PAST = (
    "began|brought|bought|came|caught|chose|fell|fought|found|gave|got|grew|held|hit|kept|"
    "knew|led|left|lost|made|meant|met|paid|ran|rose|sold|sent|shot|spent|spoke|stood|"
    "struck|swore|took|told|thought|threw|understood|went|won|wrote|became|broke|drew|"
    "drove|flew|forgot|froze|overtook|overran|saw|seized|withdrew|retook|undertook|shook|"
    "fled|felt|heard|hid|built|rebuilt|dealt|fed|sought|slept|stole|stuck|swept|taught|tore|"
    "woke|wore|sank|sat|rode|rang|sang|bled|blew|dug|lent|laid|mistook|arose|sprang|slid|wept"
)
_PAST = re.compile(
    rf"\b(?:was|were|had|did|said|says|ago|last|since|earlier|previously|"
    # a participle after a present form of "be" is a present passive, not a past ("the case
    # is heard in May", "a closing, which is expected in December")
    rf"(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)(?<!\bbeing\s)(?:(?-i:[a-z]{{3,}}ed)|{_IRREGULAR_PAST}))\b",
    re.IGNORECASE
)
_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till|effective|payable)\s+$", re.IGNORECASE)
# "had" and a participle (not "had to", "had a"), and not in a relative clause: "the sale,
# which had been expected, pays the loan by February"
_PARTICIPLE = rf"(?:been|[a-z]+(?:ed|en|wn|ne)|{_IRREGULAR_PAST}|done|seen|taken|given|gone|begun|run|put|set|cut)"
_PLUPERFECT = re.compile(
    rf"(?<!which\s)(?<!who\s)(?<!that\s)\bhad\s+(?:(?:not|never|already|just|long|also|since)\s+)*{_PARTICIPLE}\b",
    re.IGNORECASE,
)
_PLAN_OVER = re.compile(r"\bhad\s+been\s+(?:scheduled|due|expected|set|planned)\b", re.IGNORECASE)
_REPORTING = re.compile(
    r"said|says|told|added|reported|announced|stated|noted|claimed|confirmed|warned|wrote", re.IGNORECASE
)
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
    lo = max(0, start - 160)
    before = text[lo:start]
    m = _CLAUSE_START.search(before)
    if m is not None:
        lo += m.start() + 1
    hi = min(len(text), end + 160)
    m = _CLAUSE_END.search(text, end, hi)
    if m is not None:
        hi = m.start()
    if _DEADLINE_BEFORE.search(text, max(0, start - 12), start):
        # "by February", "until Nov. 30", "effective June 1" look ahead, unless the clause is
        # told in the past perfect: "had filed reports by Wednesday" is over
        return "past" if _PLUPERFECT.search(text, lo, hi) else "future"
    if _PLAN_OVER.search(text, lo, start):
        return "past"  # a plan told in the pluperfect ("had been due to expire Friday") is over
    # The cue nearest the expression decides: "In September it announced plans to ..." is past.
    # An expression inside its clause ("will publish it on Monday, it said") is not dated by a
    # report after a comma; one that opens the clause ("In September, it announced") is.
    opens_nothing = len(text[lo:start].split()) > 3
    best: tuple[int, Tense] | None = None
    for pattern, tense in ((_FUTURE, "future"), (_PAST, "past")):
        for cue in pattern.finditer(text, lo, hi):
            if cue.start() >= start and cue.end() <= end:
                continue
            if opens_nothing and cue.start() >= end and "," in text[end : cue.start()] \
                    and _REPORTING.fullmatch(cue.group()):
                continue  # "... will publish it on Monday, it said": the saying is another clause
            distance = start - cue.end() if cue.end() <= start else cue.start() - end
            if best is None or distance < best[0]:
                best = (distance, tense)
    return best[1] if best else None
