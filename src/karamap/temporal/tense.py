"""The tense of the clause around a time expression, from cue words (no parser)."""

from __future__ import annotations

import re

from karamap.temporal.calendar import Tense

__all__ = ["tense_at", "completes_past_verb"]

_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|would|going\s+to|expect(?:s|ed)?\s+to|plan(?:s|ning)?\s+to|"
    r"as\s+(?:soon|early)\s+as|"
    r"scheduled|due\s+to|is\s+to|are\s+to|intends?\s+to|upcoming|to\s+be\s+held|"
    r"set\s+to|aims?\s+to|hopes?\s+to|payable|expires?|effective|until|till)\b",
    re.IGNORECASE,
)
# News tells a scheduled event in the simple present ("the summit opens Monday", "the leaders
# meet on Friday"): a present verb of a programme looks ahead, as "will" does. Only verbs of
# schedules, in the third person or after a plural subject (not after "to", a modal or "did").
_SCHEDULED_PRESENT = re.compile(
    r"\b(?:(?:re)?opens|begins|starts|resumes|ends|closes|meets|visits|travels|heads|arrives|"
    r"returns|departs|hosts|convenes|reconvenes|kicks\s+off|takes\s+(?:office|place|effect)|testifies|"
    r"comes\s+into\s+(?:force|effect)|"
    r"(?<!\bto\s)(?<!\bnot\s)(?<!\bdid\s)(?<!n't\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bcould\s)"
    r"(?<!\bcan\s)(?<!\bmay\s)(?<!\bmight\s)(?<!\bshould\s)(?<!\bmust\s)(?:meet|convene|reconvene|take\s+(?:place|effect)|come\s+into\s+(?:force|effect)))\b",
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
# A plan or a promise made looks ahead to the act it is about, told after it ("agreed to meet in
# September"): as a cue it ends nearer that expression than the past verb it holds.
_INTENT = re.compile(r"\b(?:agreed|agrees?|decided|planned|promised|pledged|vowed|arranged|resolved|"
                     r"invited\s+\w+)\s+to\b", re.IGNORECASE)
_PLAN_OVER = re.compile(r"\bhad\s+(?:been\s+(?:scheduled|due|expected|set|planned)|"
                        r"(?:agreed|decided|planned|promised|pledged|vowed|arranged)\s+to)\b", re.IGNORECASE)
# A date a plan is fixed for looks ahead ("elections were called for September", "the vote is set
# for May"), unless the clause is told in the past perfect.
_FIXED_FOR = re.compile(
    r"\b(?:set|scheduled|slated|planned|pencil+ed\s+in|called|announced|fixed|due|postponed|"
    r"delayed|moved|brought\s+forward)\s+(?:[\w-]+\s+){0,3}?(?:for|to|until)\s+(?:the\s+)?$", re.IGNORECASE)
# What is set off from the clause that holds an expression and does not date it: a relative
# clause or a report between commas ("..., which was named host of the talks, ...", "..., the
# ministry said, ...", "..., where leaders gathered last year, ...").
_ASIDE_LEAD = re.compile(r"\s*(?:who|whom|whose|which|where|when)\b", re.IGNORECASE)
_REPORT_ASIDE = re.compile(
    r"[^,;]{1,50}?\b(?:said|says|told|added|reported|announced|stated|noted|claimed|confirmed|wrote)\s*$",
    re.IGNORECASE)
# A past participle that qualifies a noun ("the stalled talks", "a summit hosted by Spain") is
# no past tense of the clause.
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|that|these|those|newly|recently|"
                                r"so-called|long-awaited|much-delayed)\s+$", re.IGNORECASE)
_AGENT_AFTER = re.compile(r"\s+by\b", re.IGNORECASE)
_REPORTING = re.compile(
    r"said|says|told|added|reported|announced|stated|noted|claimed|confirmed|warned|wrote", re.IGNORECASE
)
_CLAUSE_START = re.compile(r"[.!?;\n][^.!?;\n]*$")
_CLAUSE_END = re.compile(r"[.!?;\n]")


def tense_at(text: str, start: int, end: int) -> Tense | None:
    """'future', 'past', 'done' or None (no cue) for the clause around a span.

    The cue word nearest the expression decides; a past that the span completes as the verb's
    own time ("signed on Nov. 11") is 'done' (see :func:`completes_past_verb`).

    >>> tense_at("The center will open on Feb. 3.", 24, 30)
    'future'
    >>> tense_at("It was signed on Nov. 11.", 17, 24)
    'done'
    >>> tense_at("It said on Nov. 11 that talks had ended.", 11, 18)
    'past'
    """
    tense = _tense_at(text, start, end)
    return "done" if tense == "past" and completes_past_verb(text, start) else tense


def _tense_at(text: str, start: int, end: int) -> Tense | None:
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
    if _FIXED_FOR.search(text, max(lo, start - 60), start):
        return "future"  # "elections were called for September"
    asides, own = _asides(text, lo, hi, start)
    # The cue nearest the expression decides: "In September it announced plans to ..." is past.
    # An expression inside its clause ("will publish it on Monday, it said") is not dated by a
    # report after a comma; one that opens the clause ("In September, it announced") is.
    opens_nothing = len(text[lo:start].split()) > 3
    # A cue inside the expression's own stretch between commas goes before the others ("the
    # rebels, who were defeated in September, will regroup").
    best: tuple[bool, int, Tense] | None = None
    for pattern, tense in ((_FUTURE, "future"), (_INTENT, "future"), (_SCHEDULED_PRESENT, "future"),
                           (_PAST, "past")):
        for cue in pattern.finditer(text, lo, hi):
            if cue.start() >= start and cue.end() <= end:
                continue
            if pattern is _INTENT and cue.start() >= end:
                continue  # "On Friday, the government planned to pay ...": the planning was on Friday
            if any(a <= cue.start() < b for a, b in asides):
                continue  # a relative clause or a report set off by commas dates another clause
            if tense == "past" and _qualifies_noun(text, cue):
                continue
            if opens_nothing and cue.start() >= end and "," in text[end : cue.start()] \
                    and _REPORTING.fullmatch(cue.group()):
                continue  # "... will publish it on Monday, it said": the saying is another clause
            distance = start - cue.end() if cue.end() <= start else cue.start() - end
            key = (not own[0] <= cue.start() < own[1], distance, tense)
            if best is None or key[:2] < best[:2]:
                best = key
    return best[2] if best else None


def _asides(text: str, lo: int, hi: int, start: int) -> tuple[list[tuple[int, int]], tuple[int, int]]:
    """The stretches of ``text[lo:hi]`` set off by commas that do not hold ``start`` (relative
    clauses anywhere, reports only between two commas), and the stretch that holds it."""
    commas = [m.start() for m in re.finditer(r",\s", text[lo:hi])]
    bounds = [lo - 1] + [lo + c for c in commas] + [hi]
    out = []
    own = (lo, hi)
    for k in range(len(bounds) - 1):
        a, b = bounds[k] + 1, bounds[k + 1]
        if a <= start < b:
            own = (a, b)
        if a <= start < b or b <= a:
            continue
        seg = text[a:b]
        if _ASIDE_LEAD.match(seg) or (0 < k < len(bounds) - 2 and _REPORT_ASIDE.fullmatch(seg)):
            out.append((a, b))
    return out, own


_NOT_PARTICIPLES = frozenset({"was", "were", "had", "did", "said", "says", "ago", "last", "since", "earlier",
                              "previously"})


def _qualifies_noun(text: str, cue: re.Match[str]) -> bool:
    """The past cue is a participle that qualifies a noun ("the stalled deal", "a summit hosted by
    Spain"), not the tense of the clause."""
    if cue.group().lower() in _NOT_PARTICIPLES:
        return False
    return bool(_DETERMINER_BEFORE.search(text, max(0, cue.start() - 16), cue.start())
                or _AGENT_AFTER.match(text, cue.end()))


# A past verb that an expression completes, through a preposition or two ("began in March", "was
# killed on Oct. 3", "erupted early on Sunday"); not a present or future passive ("is held in",
# "will be held in"), and not a verb of reporting, planning or moving a date, whose object may
# lie ahead ("announced on", "scheduled for", "postponed until").
_VERB_BEFORE = re.compile(
    rf"(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)\b(?P<v>(?-i:[a-z]{{3,}}ed)|{_IRREGULAR_PAST})"
    r"\s+(?:(?:in|on|at|during|early|late|mid|the|around|overnight)[\s-]+){1,3}$",
    re.IGNORECASE,
)
_NOT_AN_EVENT = frozenset(
    "said told added reported announced stated noted claimed confirmed warned wrote scheduled "
    "planned expected slated set due postponed delayed moved called fixed agreed decided "
    "promised pledged vowed arranged resolved hoped aimed intended needed wanted extended "
    "adjourned deferred rescheduled pushed brought released published issued unveiled".split()
)


def completes_past_verb(text: str, start: int) -> bool:
    """Whether the expression at ``start`` completes a past verb told of an event.

    >>> text = "Fighting erupted in mid-March."
    >>> completes_past_verb(text, text.index("mid")), completes_past_verb(text, 0)
    (True, False)
    >>> text = "The vote was scheduled for March."
    >>> completes_past_verb(text, text.index("March"))
    False
    """
    m = _VERB_BEFORE.search(text, max(0, start - 60), start)
    return m is not None and m["v"].lower() not in _NOT_AN_EVENT
