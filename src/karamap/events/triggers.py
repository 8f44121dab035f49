"""The trigger lexicon: words and phrases that tell an event of each type, and how to find them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from karamap.model import TimeExpr

__all__ = ["TriggerRule", "Trigger", "RULES", "PRIORITY", "find_triggers", "best_trigger"]

_F = re.IGNORECASE


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


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger found in the text (offsets into the article text)."""

    type: str
    start: int
    end: int
    text: str
    nominal: bool


def _r(type_: str, pattern: str, *, nominal: bool = False, requires: str | None = None) -> TriggerRule:
    return TriggerRule(type_, re.compile(pattern, _F), nominal,
                       re.compile(requires, _F) if requires else None)


_CF = r"cease-?\s?fires?"
_AGREEMENT_NOUN = (r"\b(?:agreements?|memorand(?:um|a)|deals?|treat(?:y|ies)|accords?|declarations?|"
                   r"protocols?|contracts?|pacts?|joint statement|document)\b")
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
    _r("ceasefire", rf"\b(?:{_CF}|truce|armistice|peace (?:deal|agreement|accord)|deal)\b", nominal=True),
    # territory handed over
    _r("territory_handed_over", r"\bhand(?:ed|s|ing)? (?:[\w-]+ ){0,3}?(?:over|back)\b"),
    _r("territory_handed_over", r"\bhand-?overs?\b"),
    _r("territory_handed_over", r"\breturn(?:ed|s|ing)? (?:[\w-]+ ){0,4}?to (?:[\w-]+ ){0,2}?control\b"),
    _r("territory_handed_over", r"\bced(?:ed|es|ing)\b"),
    _r("territory_handed_over",
       r"\btransfer(?:red|s|ring)? (?:of )?(?:[\w-]+ ){0,2}?(?:control|territor(?:y|ies)|districts?|regions?)\b"),
    # withdrawal
    _r("withdrawal", r"\bwithdr(?:ew|awn|awing|aws|aw|awal)\b"),
    _r("withdrawal", r"\bpull(?:ed|ing|s)? (?:out|back)\b|\bpull-?outs?\b"),
    _r("withdrawal", r"\bretreat(?:ed|ing|s)?\b"),
    # territory taken
    _r("territory_taken",
       r"(?<!\bthe )(?<!\bformerly )(?<!\bstill )\b(?:occupied|occupies|occupy|captured|captures|seized|seizes|"
       r"liberated|liberates|retook|recaptured|overran|took (?:full )?control of|"
       r"taken (?:full )?control of|gained control (?:of|over)|regained(?: control (?:of|over))?|took over)\b"),
    _r("territory_taken", r"\b(?:occupation|liberation|capture|recapture|takeover)\b", nominal=True),
    # shelling or air strike
    _r("shelling_air_strike", r"\bshell(?:ed|ing|s)\b"),
    _r("shelling_air_strike", r"\bartillery (?:fire|strikes?|attacks?|shelling)\b"),
    _r("shelling_air_strike", r"\b(?:rocket|missile|drone|mortar)s? (?:fire|strikes?|attacks?|hit)\b"),
    _r("shelling_air_strike", r"\bfired (?:[\w-]+ ){0,2}?(?:rockets?|missiles?|shells|mortars?)\b"),
    _r("shelling_air_strike", r"\bair ?strikes?\b|\bbomb(?:ed|ing|ings|arded|ardments?)\b"),
    # attack on civilians
    _r("attack_on_civilians", r"\battacks? (?:on|against) (?:[\w-]+ ){0,2}?civilians?\b"),
    _r("attack_on_civilians",
       r"\b(?:attacked|targeted|targeting|killed|shot|struck|hit) (?:[\w-]+ ){0,3}?"
       r"(?:civilians?|residential (?:areas?|buildings?)|homes|houses|schools?|hospitals?)\b"),
    # armed clash
    _r("armed_clash",
       r"\b(?:clash(?:es)?|fighting|hostilities|battles?|skirmish(?:es)?|firefights?)\s+(?:[\w-]+\s+){0,2}?"
       r"(?:erupted|broke out|resumed|continued|intensified|flared|raged|took place|escalated)\b"),
    _r("armed_clash", r"\b(?:clashed|fought|battled)\b"),
    _r("armed_clash", r"\bexchang(?:ed|ing) (?:heavy |small-arms |gun|artillery )?fire\b"),
    _r("armed_clash",
       r"\blaunch(?:ed|es|ing)? (?:a |an |the )?(?:[\w-]+ )?(?:offensive|counter-?offensive|assault|attacks?|counterattacks?)\b"),
    _r("armed_clash", r"\battack(?:ed|s)? (?:[\w-]+ ){0,3}?(?:positions|forces|troops|soldiers|army|units)\b"),
    _r("armed_clash", r"\b(?:clash(?:es)?|fighting|battles?|hostilities|war|conflict|offensive|skirmish(?:es)?)\b",
       nominal=True),
    # casualties reported
    _r("casualties", r"\b(?:killed|wounded|injured|martyred|died)\b"),
    _r("casualties", r"\b(?:death toll|casualties|fatalities|lost (?:their|his|her) lives)\b"),
    # deployment or base established
    _r("deployment", r"\bdeploy(?:ed|s|ing|ments?)?\b|\bstationed\b"),
    _r("deployment",
       r"\b(?:set(?:s|ting)? up|establish(?:ed|es|ing|ment of)?|open(?:ed|s|ing)?|buil[td]|construct(?:ed|ion of))\b"
       rf" (?:a |an |the )?(?:[\w-]+ ){{0,5}}?{_FACILITY_NOUN}"),
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
    _r("meeting", r"\bmet\b|\bmeet(?:s|ing)? with\b|\btalks (?:with|between)\b|\bhosted\b"),
    _r("meeting", r"\bheld (?:[\w-]+ ){0,2}?(?:talks|meetings?|negotiations|consultations)\b"),
    _r("meeting", r"\bvisit(?:ed|s|ing)?\b|\bsummit\b"),
    _r("meeting", r"\bdiscuss(?:ed|es|ing)? (?:[\w,-]+ ){0,8}?with\b"),
    _r("meeting", r"\breceived (?:[\w-]+ ){0,3}?(?:delegation|minister|president|counterpart|envoy)\b"),
    # statement
    _r("statement",
       r"\b(?:said|says|announced|announces|stated|declared|told|noted|added|stressed|emphasi[sz]ed|vowed|"
       r"claimed|accused|denied|warned|urged|condemned|recalled|confirmed|insisted)\b"),
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

# Words that, right before a trigger, make it unreal: an aim, a possibility or a denial.
_IRREALIS = frozenset("to could might may should must cannot can't won't not never no without".split())
_WORD = re.compile(r"[\w'’-]+")


def _irrealis(text: str, clause_start: int, trigger_start: int) -> bool:
    before = _WORD.findall(text[max(clause_start, trigger_start - 40):trigger_start])
    if not before:
        return False
    if before[-1].lower() == "to":
        return True
    return any(w.lower() in _IRREALIS and w.lower() != "to" for w in before[-2:])


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


def find_triggers(
    text: str,
    start: int,
    end: int,
    timexes: list[TimeExpr],
    *,
    context: tuple[int, int] | None = None,
) -> list[Trigger]:
    """The triggers in ``text[start:end]`` that tell a real event, in text order.

    A rule's ``requires`` is looked for in ``context`` (the sentence), else in the clause.

    >>> [t.type for t in find_triggers("Clashes erupted in Aghdam.", 0, 26, [])]
    ['armed_clash']
    >>> find_triggers("They plan to withdraw.", 0, 22, [])
    []
    """
    clause = text[start:end]
    around = text[context[0]:context[1]] if context else clause
    found: list[Trigger] = []
    for rule in RULES:
        if rule.requires is not None and not rule.requires.search(around):
            continue
        for m in rule.pattern.finditer(clause):
            s, e = start + m.start(), start + m.end()
            if _irrealis(text, start, s):
                continue
            if rule.nominal and not _dated(s, e, timexes):
                continue
            found.append(Trigger(rule.type, s, e, m.group(), rule.nominal))
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
