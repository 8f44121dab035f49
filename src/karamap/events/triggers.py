"""The trigger lexicon: words and phrases that tell an event of each type, and how to find them."""

from __future__ import annotations

import bisect
import re
import string
from dataclasses import dataclass

from karamap.model import TimeExpr

__all__ = ["TriggerRule", "Trigger", "Candidate", "RULES", "PRIORITY", "scan", "find_triggers", "best_trigger"]

_F = re.IGNORECASE
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _WORDCHAR(c: str) -> bool:
    return c.isalnum() or c == "_"


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One pattern that tells an event of ``type``.

    A ``nominal`` rule (a bare noun such as "the deal", "the conflict") tells an event
    only where a date modifies it ("the Nov. 10 deal", "the 44-day conflict"); otherwise
    the noun merely refers to something. ``requires`` must also match in the clause.
    """

    type: str
    pattern: re.Pattern[str]
    nominal: bool = False
    requires: re.Pattern[str] | None = None
    #: must match within a few words of the trigger (what it acts on: troops, a town ...)
    near: re.Pattern[str] | None = None
    #: a place named right after the trigger satisfies ``near`` too ("captured Shusha")
    place_after: bool = False
    #: the same pattern for ASCII-lower-cased text, case-sensitive and without its leading
    #: ``\b`` (checked by hand): several times faster to scan (None: scan with ``pattern``)
    fast: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger found in the text (offsets into the article text)."""

    type: str
    start: int
    end: int
    text: str
    nominal: bool


def _fast(pattern: str) -> re.Pattern[str] | None:
    # Python's re skips quickly to the possible first characters of a pattern, unless it opens
    # with an assertion or ignores case; a pattern that looks at case itself stays as it is.
    if "(?-i:" in pattern:
        return None
    branches = _top_level_branches(pattern)
    if not all(b.startswith(r"\b") for b in branches):
        return None
    return re.compile("(?:" + "|".join(b[2:] for b in branches) + ")" if len(branches) > 1 else branches[0][2:])


def _top_level_branches(pattern: str) -> list[str]:
    """``pattern`` split at its top-level ``|`` (outside groups and character sets)."""
    branches, depth, in_set, escaped, cut = [], 0, False, False, 0
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_set:
            in_set = ch != "]"
        elif ch == "[":
            in_set = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            branches.append(pattern[cut:i])
            cut = i + 1
    branches.append(pattern[cut:])
    return branches


def _r(type_: str, pattern: str, *, nominal: bool = False, requires: str | None = None,
       near: str | None = None, place_after: bool = False) -> TriggerRule:
    return TriggerRule(type_, re.compile(pattern, _F), nominal,
                       re.compile(requires, _F) if requires else None,
                       re.compile(near, _F) if near else None, place_after, _fast(pattern))


_CF = r"cease-?\s?fires?"
_AGREEMENT_NOUN = (r"\b(?:agreements?|memorand(?:um|a)|deals?|treat(?:y|ies)|accords?|declarations?|"
                   r"protocols?|contracts?|pacts?|joint statement|document)\b")
_MILITARY = (r"\b(?:troops|forces|army|armies|soldiers|units|military|militar\w+|peacekeep\w*|fighters|militants?|"
             r"rebels|insurgents|brigades?|battalions?|armed|guerrillas?|militias?|servicemen|police)\b")
_TERRITORY = (r"\b(?:territor(?:y|ies)|cit(?:y|ies)|towns?|villages?|districts?|regions?|areas?|settlements?|"
              r"positions|heights|hills?|lands?|control|provinces?|capital|border|strongholds?|bases?)\b")
_VIOLENCE = (_MILITARY + r"|\b(?:attack\w*|shot|shooting|gun\w*|shell\w*|bomb\w*|explosions?|blasts?|strikes?|"
             r"clash\w*|fighting|fought|war|violence|violent|rockets?|missiles?|drones?|artillery|ambush\w*|"
             r"civilians?|martyr\w*|combat|battles?|hostilities|killings?|massacre\w*|offensive)\b")
_OFFICIALS = (r"\b(?:ministers?|ministry|president|prime|leaders?|delegations?|envoys?|officials?|secretary|"
              r"chancellor|king|queen|ambassadors?|foreign|defen[cs]e|head of|governments?|mediators?|diplomats?)\b")
_FACILITY_NOUN = r"\b(?:base|cent(?:er|re)|post|checkpoint|camp|headquarters|outpost|mission|office|station)s?\b"

#: the rules; the order inside one type does not matter, PRIORITY ranks the types
RULES: tuple[TriggerRule, ...] = (
    # agreement signed
    _r("agreement_signed", r"\b(?:sign(?:ed|s|ing)?|inked|initial(?:l)?ed)\b", requires=_AGREEMENT_NOUN),
    # ceasefire violation (claims)
    _r("ceasefire_violation",
       rf"\bviolat(?:ed|es|e|ing|ions?)\b(?: of)? (?:[\w-]+ ){{0,3}}?(?:{_CF}|truces?|agreements?|deals?|armistice|accords?)\b"),
    _r("ceasefire_violation", rf"\b(?:breach(?:ed|es|ing)?|broke|breaking)\b (?:of )?(?:[\w-]+ ){{0,2}}?(?:{_CF}|truces?)\b"),
    _r("ceasefire_violation", rf"\b(?:{_CF}|truce) (?:violations?|breach(?:es)?)\b"),
    _r("ceasefire_violation", r"\baccus(?:ed|es|ing) (?:[\w-]+ ){0,4}?of (?:violating|breaking|breaching)\b"),
    # ceasefire or peace agreement
    _r("ceasefire",
       rf"\b(?:{_CF}|truces?|armistice|peace (?:deal|agreement|accord)|deal|agreement)\b(?: [\w-]+){{0,2}}? "
       r"(?:(?:took|takes|take|taking) effect|came into (?:force|effect)|"
       r"(?:was|were|has been|had been) (?:agreed|declared|reached|brokered|announced|extended))\b"),
    _r("ceasefire",
       r"\b(?:agreed|agree|agrees|agreeing|declared|declare|declares|announced|brokered|reached|mediated)\b"
       rf" (?:on |to |upon )?(?:a |an |the )?(?:[\w-]+ ){{0,2}}?(?:{_CF}|truce|armistice|peace (?:deal|agreement|accord))\b"),
    _r("ceasefire",
       rf"\b(?:deal|agreement|truce|{_CF}|accord|statement)\b (?:that )?end(?:ed|ing|s)? "
       r"(?:the )?(?:[\w-]+ )?(?:war|conflict|fighting|hostilities)\b"),
    _r("ceasefire", rf"\b(?:{_CF}|truce|armistice|peace (?:deal|agreement|accord))\b", nominal=True),
    _r("ceasefire", r"\bdeal\b", nominal=True,
       near=r"\b(?:peace|truce|cease-?\s?fire|war|conflict|fighting|hostilities|armistice|occupation|violat\w*)\b"),
    # territory handed over
    _r("territory_handed_over", r"\bhand(?:ed|s|ing)? (?:[\w-]+ ){0,3}?(?:over|back)\b",
       near=_TERRITORY, place_after=True),
    _r("territory_handed_over", r"\bhand-?overs?\b"),
    _r("territory_handed_over", r"\breturn(?:ed|s|ing)? (?:[\w-]+ ){0,4}?to (?:[\w-]+ ){0,2}?control\b"),
    _r("territory_handed_over", r"\bced(?:ed|es|ing)\b", near=_TERRITORY, place_after=True),
    _r("territory_handed_over",
       r"\btransfer(?:red|s|ring)? (?:of )?(?:[\w-]+ ){0,2}?(?:control|territor(?:y|ies)|districts?|regions?)\b"),
    # withdrawal
    _r("withdrawal", r"\bwithdr(?:ew|awn|awing|aws|aw|awal)\b|\bpull(?:ed|ing|s)? (?:out|back)\b|\bpull-?outs?\b"
       r"|\bretreat(?:ed|ing|s)?\b", near=_MILITARY + "|" + _TERRITORY, place_after=True),
    # territory taken
    _r("territory_taken",
       r"\b(?<!\bthe )(?<!\bformerly )(?<!\bstill )(?:occupied|occupies|occupy|captured|captures|seized|seizes|"
       r"liberated|liberates|retook|recaptured|overran|took (?:full )?control of|"
       r"taken (?:full )?control of|gained control (?:of|over)|regained(?: control (?:of|over))?|took over)\b",
       near=_TERRITORY, place_after=True),
    _r("territory_taken", r"\b(?:occupation|liberation|capture|recapture|takeover)\b", nominal=True),
    # shelling or air strike
    _r("shelling_air_strike", r"\bshelled\b|\bbomb(?:ed|arded)\b", near=_VIOLENCE + "|" + _TERRITORY, place_after=True),
    _r("shelling_air_strike", r"\b(?:shelling|bombing|bombardment|strikes?|air ?strikes?)\b (?:[\w-]+ ){0,2}?"
       r"(?:continued|resumed|intensified|hit|struck|killed|destroyed|damaged|targeted)\b"),
    _r("shelling_air_strike", r"\bartillery (?:fire|strikes?|attacks?|shelling)\b"),
    _r("shelling_air_strike", r"\b(?:rocket|missile|drone|mortar)s? (?:fire|strikes?|attacks?|hit)\b"),
    _r("shelling_air_strike", r"\bfired (?:[\w-]+ ){0,2}?(?:rockets?|missiles?|shells|mortars?)\b"),
    _r("shelling_air_strike", r"\b(?:shelling|air ?strikes?|bombings?|bombardments?)\b", nominal=True),
    # attack on civilians
    _r("attack_on_civilians", r"\battacks? (?:on|against) (?:[\w-]+ ){0,2}?civilians?\b"),
    _r("attack_on_civilians",
       r"\b(?:attacked|targeted|targeting|killed|shot|struck|hit) (?:[\w-]+ ){0,3}?"
       r"(?:civilians?|residential (?:areas?|buildings?)|homes|houses|schools?|hospitals?)\b"),
    # armed clash
    _r("armed_clash",
       r"\b(?:clash(?:es)?|fighting|hostilities|battles?|skirmish(?:es)?|firefights?)\s+(?:[\w-]+\s+){0,2}?"
       r"(?:erupted|broke out|resumed|continued|intensified|flared|raged|took place|escalated)\b"),
    _r("armed_clash", r"\b(?:clashed|fought|battled)\b(?! to\b)", near=_MILITARY),
    _r("armed_clash", r"\bexchang(?:ed|ing) (?:heavy |small-arms |gun|artillery )?fire\b"),
    _r("armed_clash",
       r"\blaunch(?:ed|es|ing)? (?:a |an |the )?(?:[\w-]+ )?(?:offensive|counter-?offensive|assault|attacks?|counterattacks?)\b"),
    _r("armed_clash", r"\battack(?:ed|s)? (?:[\w-]+ ){0,3}?(?:positions|forces|troops|soldiers|army|units)\b"),
    _r("armed_clash", r"\b(?:clash(?:es)?|fighting|battles?|hostilities|war|conflict|offensive|skirmish(?:es)?)\b",
       nominal=True),
    # casualties reported
    _r("casualties", r"\b(?:killed|wounded|injured|martyred|died|killing|wounding|injuring)\b", near=_VIOLENCE),
    _r("casualties", r"\b(?:death toll|casualties|fatalities|lost (?:their|his|her) lives)\b", near=_VIOLENCE),
    # deployment or base established
    _r("deployment", r"\bdeploy(?:ed|s|ing|ments?)?\b|\bstationed\b", near=_MILITARY),
    _r("deployment",
       r"\b(?:set(?:s|ting)? up|establish(?:ed|es|ing|ment of)?|open(?:ed|s|ing)?|buil[td]|construct(?:ed|ion of))\b"
       rf" (?:a |an |the )?(?:[\w-]+ ){{0,5}}?{_FACILITY_NOUN}",
       near=_MILITARY + r"|\b(?:monitor\w*|observ\w*|defen[cs]e|cease-?\s?fire|joint)\b"),
    _r("deployment", r"\b(?:become|became|becomes|becoming) operational\b"),
    _r("deployment", r"\b(?:start(?:s|ed)?|begin(?:s)?|began|commence[sd]?) (?:its |their )?"
       r"(?:operating|operations|activities|functioning|work)\b",
       requires=_FACILITY_NOUN + r"|\bpeacekeep"),
    _r("deployment", r"\b(?:peacekeepers|troops|soldiers|forces) (?:[\w-]+ ){0,2}?(?:arrived|entered|were sent|moved into)\b"),
    _r("deployment", r"\bsent (?:[\w-]+ ){0,3}?(?:troops|soldiers|peacekeepers|forces)\b"),
    # protest
    _r("protest", r"\bprotest(?:ed|ers|ing|s)?\b|\bdemonstrat(?:ion|ions|ors|ed|ing)\b"),
    _r("protest", r"\brall(?:y|ies|ied)\b|\btook to the streets\b|\bsit-ins?\b|\bpicket(?:ed|s)?\b"),
    _r("protest", r"\bmarch(?:ed|es)? (?:on|to|through)\b"),
    # phone call
    _r("phone_call", r"\b(?:tele)?phone (?:calls?|conversations?|talks?)\b|\bvideo (?:calls?|conferences?|link)\b"),
    _r("phone_call", r"\b(?:over|by|on) the (?:tele)?phone\b|\bby (?:tele)?phone\b|\b(?:tele)?phoned\b"),
    # meeting
    _r("meeting", r"\bmet\b(?= (?:with |on |in |at )?(?:(?-i:[A-Z])|(?:his|her|their|the) (?:[\w-]+ ){0,2}?"
       r"(?:counterparts?|ministers?|presidents?|leaders?|delegations?|envoys?|officials?)))"),
    _r("meeting", r"\bmeet(?:s|ing)? with\b|\btalks (?:with|between)\b|\bhosted\b", near=_OFFICIALS),
    _r("meeting", r"\bheld (?:[\w-]+ ){0,2}?(?:talks|meetings?|negotiations|consultations)\b"),
    _r("meeting", r"\bvisit(?:ed|s|ing)?\b(?= (?:to )?(?-i:[A-Z]))", near=_OFFICIALS),
    _r("meeting", r"\bsummit\b", nominal=True),
    _r("meeting", r"\bdiscuss(?:ed|es|ing)? (?:[\w,-]+ ){0,8}?with\b"),
    _r("meeting", r"\breceived (?:[\w-]+ ){0,3}?(?:delegation|minister|president|counterpart|envoy)\b"),
    # statement
    _r("statement",
       r"\b(?:said|says|announced|announces|stated|declared|told|noted|added|stressed|emphasi[sz]ed|vowed|"
       r"claimed|accused|blamed|denied|warned|urged|condemned|recalled|confirmed|insisted)\b|\bcalled (?:for|on)\b"),
)

#: the type a clause gets when several triggers are in it, most specific first
PRIORITY: tuple[str, ...] = (
    "agreement_signed",
    "ceasefire_violation",
    "ceasefire",
    "territory_handed_over",
    "withdrawal",
    "territory_taken",
    "shelling_air_strike",
    "attack_on_civilians",
    "armed_clash",
    "casualties",
    "deployment",
    "protest",
    "phone_call",
    "meeting",
    "statement",
)
_RANK = {name: i for i, name in enumerate(PRIORITY)}

# Words that, right before a trigger, make it unreal: a possibility or a denial (two words back) ...
_IRREALIS = frozenset(
    """could might may should must cannot can't won't not never no without would if unless whether
    didn't don't doesn't wasn't weren't hasn't haven't hadn't isn't aren't couldn't wouldn't shouldn't
    denied denies deny""".split()
)
# ... or an aim, a demand or a plan (four words back: "urging the army's complete withdrawal").
_AIMS = frozenset(
    """calling called calls call demanding demanded demand demands urged urging urge seeking sought
    proposed proposing wants wanted hoped hopes hope plans planned planning threatened threatening
    threatens ready intends intended considering""".split()
)
_WORD = re.compile(r"[\w'’-]+")


def _irrealis(text: str, clause_start: int, trigger_start: int) -> bool:
    before = _WORD.findall(text[max(clause_start, trigger_start - 40):trigger_start])
    if not before:
        return False
    if before[-1].lower() == "to":
        return True
    if any(w.lower() in _IRREALIS for w in before[-2:]):
        return True
    return any(w.lower() in _AIMS for w in before[-4:])


def _dated(start: int, end: int, timexes: list[TimeExpr]) -> bool:
    """A date modifies the noun at ``start:end``: it touches it or stands a few characters away."""
    for t in timexes:
        if t.span is None:
            continue
        if t.start < end and start < t.end:
            return True
        if 0 <= start - t.end <= 12 or 0 <= t.start - end <= 15:
            return True
    return False


def _near(text: str, s: int, e: int, rule: TriggerRule, context: tuple[int, int], places: list[int]) -> bool:
    assert rule.near is not None
    if rule.place_after and any(e <= p <= e + 25 for p in places):
        return True
    # The trigger itself ("shelled") does not count as its own context.
    return bool(rule.near.search(text, max(context[0], s - 80), s)
                or rule.near.search(text, e, min(context[1], e + 80)))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A raw match of a rule, before the checks that depend on its clause."""

    rule: TriggerRule
    start: int
    end: int
    text: str


def scan(text: str, start: int = 0, end: int | None = None) -> list[Candidate]:
    """Every raw rule match in ``text[start:end]``, by start offset (one pass per rule).

    >>> [c.rule.type for c in scan("Troops withdrew.")]
    ['withdrawal']
    """
    seg = text[start:end]
    low = seg.translate(_ASCII_LOWER)  # same length, so offsets hold
    out: list[Candidate] = []
    for rule in RULES:
        if rule.fast is None:
            out.extend(Candidate(rule, start + m.start(), start + m.end(), m.group())
                       for m in rule.pattern.finditer(seg))
            continue
        pos, search = 0, rule.fast.search
        while (m := search(low, pos)) is not None:
            i = m.start()
            if i == 0 or not _WORDCHAR(low[i - 1]):
                out.append(Candidate(rule, start + i, start + m.end(), seg[i:m.end()]))
                pos = m.end() if m.end() > i else i + 1
            else:
                pos = i + 1  # not at a word start: a match may still start inside this one
    out.sort(key=lambda c: c.start)
    return out


def find_triggers(
    text: str,
    start: int,
    end: int,
    timexes: list[TimeExpr],
    *,
    context: tuple[int, int] | None = None,
    places: list[int] | None = None,
    candidates: list[Candidate] | None = None,
) -> list[Trigger]:
    """The triggers in ``text[start:end]`` that tell a real event, in text order.

    A rule's ``requires`` is looked for in ``context`` (the sentence), else in the clause;
    its ``near`` within a few words of the trigger, where ``places`` (the starts of the
    place mentions) also satisfy a ``place_after`` rule. ``candidates`` (from :func:`scan`
    over the whole text, done once) save scanning each clause again.

    >>> [t.type for t in find_triggers("Clashes erupted in Aghdam.", 0, 26, [])]
    ['armed_clash']
    >>> find_triggers("They plan to withdraw.", 0, 22, [])
    []
    """
    if candidates is None:
        candidates = scan(text, start, end)
    lo = bisect.bisect_left(candidates, start, key=lambda c: c.start)
    context = context or (start, end)
    requirement: dict[int, bool] = {}
    found: list[Trigger] = []
    for c in candidates[lo:]:
        if c.start >= end:
            break
        if c.end > end:
            continue
        rule = c.rule
        if rule.requires is not None:
            key = id(rule.requires)
            if key not in requirement:
                requirement[key] = rule.requires.search(text, context[0], context[1]) is not None
            if not requirement[key]:
                continue
        if _irrealis(text, start, c.start):
            continue
        if rule.nominal and not _dated(c.start, c.end, timexes):
            continue
        if rule.near is not None and not _near(text, c.start, c.end, rule, context, places or []):
            continue
        found.append(Trigger(rule.type, c.start, c.end, c.text, rule.nominal))
    found.sort(key=lambda t: (t.start, _RANK[t.type]))
    return found


def best_trigger(triggers: list[Trigger]) -> Trigger | None:
    """The trigger that decides a clause's type: the most specific type, then verbal before nominal.

    >>> best_trigger([Trigger("statement", 0, 4, "said", False), Trigger("withdrawal", 9, 17, "withdrew", False)]).type
    'withdrawal'
    """
    if not triggers:
        return None
    return min(triggers, key=lambda t: (_RANK[t.type], t.nominal, t.start))
