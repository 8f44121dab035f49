"""The trigger lexicon: words and phrases that tell an event of each type, and how to find them."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from karamap.events.types import HAZARD_TYPES
from karamap.model import TimeExpr
from karamap.prefilter import lead_words, lowered, needed_words

__all__ = ["TriggerRule", "Trigger", "Candidate", "RULES", "PRIORITY", "scan", "find_triggers", "best_trigger",
           "background_start"]

_F = re.IGNORECASE


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
    #: must NOT match right after the trigger (its object: "captured a commander" is no territory)
    not_after: re.Pattern[str] | None = None
    #: must NOT match in the sentence ("killed in a road accident" tells no violence)
    unless: re.Pattern[str] | None = None
    #: must NOT match right before the trigger ("a court battle", "the occupied territories");
    #: checked here rather than as look-behinds, which would slow the scan of every text
    not_before: re.Pattern[str] | None = None
    #: the same pattern for ASCII-lower-cased text, case-sensitive and without its leading
    #: ``\b`` (checked by hand): several times faster to scan (None: scan with ``pattern``)
    fast: re.Pattern[str] | None = None
    #: keys of the words every match starts with (:func:`karamap.prefilter.lead_words`): the
    #: rule is tried only where such a word starts (None: at every position)
    words: frozenset[str] | None = None


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
       near: str | None = None, place_after: bool = False, not_after: str | None = None,
       unless: str | None = None, not_before: str | None = None) -> TriggerRule:
    fast = _fast(pattern)
    words = lead_words(fast.pattern) if fast is not None else lead_words(pattern, _F)
    if fast is None and not pattern.startswith(r"\b"):
        words = None  # (matches at word starts only are looked for by the index)
    return TriggerRule(type_, re.compile(pattern, _F), nominal,
                       re.compile(requires, _F) if requires else None,
                       re.compile(near, _F) if near else None, place_after,
                       re.compile(not_after, _F) if not_after else None,
                       re.compile(unless, _F) if unless else None,
                       re.compile(not_before + "$", _F) if not_before else None, fast, words)


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

_MILITARY_NOT_POLICE = (r"\b(?:troops|forces|army|armies|soldiers|units|military|militar\w+|peacekeep\w*|fighters|"
                        r"militants?|rebels|insurgents|brigades?|battalions?|armed|guerrillas?|militias?|servicemen|"
                        r"monitors|observers)\b")
_ARMED_GROUPS = (_MILITARY + r"|\b(?:gunmen|jihadists?|militiam[ae]n|bandits|assailants|attackers|terrorists?|"
                 r"taliban|shabaa?b|islamic state|isis|isil|daesh|boko haram|iswap|jnim|houthis?|hezbollah|hamas|"
                 r"pkk|m23|adf|wagner|al-?qaeda|separatists|groups?)\b")
# What a taking acts on: a place noun or a place name (a person captured is an arrest, not territory).
_TERRITORY_OBJECT = (r"^\s+(?:(?:the|a|an|two|three|four|several|some|\d+|key|strategic|nearby|border|rebel-held|"
                     r"government-held|northern|southern|eastern|western|central|remaining|whole|entire|most of the|"
                     r"parts of|part of the|control of|control over|full control of)\s+){0,3}"
                     r"(?:territor(?:y|ies)|cit(?:y|ies)|towns?|villages?|districts?|regions?|areas?|settlements?|"
                     r"positions|heights|hills?|lands?|provinces?|capital|border|strongholds?|bases?|airports?|"
                     r"airbase|outposts?|posts?|checkpoints?|localit(?:y|ies)|neighbou?rhoods?|frontline|front|"
                     r"bridgehead|road|highway|port|oilfields?|mines?|camps?|barracks|hq|headquarters)\b")
_PERSON_NOUN = (r"\b(?:leaders?|commanders?|chiefs?|kingpins?|drug lords?|warlords?|bosses|boss|suspects?|m[ae]n|"
                r"wom[ae]n|members?|militants?|fighters?|rebels?|insurgents?|soldiers?|officers?|policem[ae]n|"
                r"prisoners?|persons?|people|individuals?|journalists?|activists?|civilians?|spies|spy|gunmen|"
                r"terrorists?|mastermind|founder|emir|operatives?|smugglers?|traffickers?|criminals?|bandits?|"
                r"deserters?|servicem[ae]n|pilots?|crew|sailors|mercenar(?:y|ies)|recruits?|agents?)\b")
_CIVILIANS = (r"(?:civilians?|non-?combatants?|m[ae]n|wom[ae]n|child(?:ren)?|boys?|girls?|babies|baby|infants?|"
              r"teen(?:ager)?s?|minors?|villagers?|residents?|inhabitants?|farmers?|herders?|herdsmen|pastoralists?|"
              r"shepherds?|fishermen|traders?|merchants?|shopkeepers?|vendors?|workers?|labou?rers?|miners?|teachers?|"
              r"students?|pupils?|doctors?|nurses?|journalists?|reporters?|activists?|lawyers?|clerics?|imams?|"
              r"priests?|pastors?|worshipp?ers?|pilgrims?|passengers?|drivers?|motorists?|travell?ers?|refugees?|"
              r"idps?|families|family|relatives?|elders?|chiefs?|persons?|people|individuals?|palestinians?|judges?|"
              r"she?ph?erds?|mothers?|fathers?|sons?|daughters?|wife|husband|brothers?|sisters?|youths?|businessm[ae]n|"
              r"operators?|employees?|officials?|directors?|cooks?|migrants?|bod(?:y|ies)|thie(?:f|ves)|suspects?|"
              r"members? of (?:the |a |an )?(?:[\w-]+ ){0,3}?(?:community|tribe|clan|family|families|ethnic group|village)|"
              r"(?:former|off-duty|retired) (?:[\w-]+ )?(?:soldiers?|police\w*|officers?|fighters?|members?))")
_CIVILIAN_SITE = (r"(?:offices?|schools?|hospitals?|clinics?|markets?|churches|church|mosques?|homes?|houses?|"
                  r"cattle camps?|idp camps?|refugee camps?|facilities|compound|premises|farms?|"
                  r"villages?|buses|bus|restaurants?|hotels?|shops?|weddings?|funerals?|camps? for|newspapers?|weekly|"
                  r"radio stations?|polling stations?|health cent(?:er|re)s?)")
# Words that make a battle or a war a figure of speech ("a court battle", "a price war").
_METAPHOR = (r"\b(?:court|legal|price|prices|trade|tariff|political|verbal|bidding|ratings|culture|custody|budget|"
             r"election|electoral|campaign|media|legislative|uphill|turf|ideological)\s+|\btug-of-")

# -- natural disasters, accidents, votes and summits -------------------------------------------
# Up to two words between a hazard noun and its verb, none of them a modal or "to" ("a storm could
# hit", "floods are expected to hit" tell no event).
_GAP = r"(?: (?!(?:could|might|may|would|should|will|can|must|to|not|never)\b)[\w'’,.-]+){0,2}?"
# What a disaster or an accident does to a place or to people.
_HIT = (r"(?:struck|strikes|hit|hits|jolted|rocked|shook|rattled|killed|kills|killing|left|leaving|destroyed|"
        r"destroying|damaged|damaging|flattened|toppled|levell?ed|devastated|wrecked|ravaged|razed|buried|"
        r"claimed|injured|injuring|trapped|displaced|forced|swept|sweeping|washed away|inundated|submerged|"
        r"engulfed|cut off|uprooted|battered|lashed|pounded|slammed|tore through|ripped through|"
        r"caused|triggered|affected|wiped out|brought down|hammered)")
# A hazard noun used as a modifier ("earthquake survivors", "the flood-hit town", "flood defences")
# names no event.
_NOT_MODIFIER = (r"(?![\w-]|\s+(?:zones?|areas?|regions?|relief|survivors|victims|aid|appeals?|funds?|anniversary|"
                 r"drills?|season|warnings?|alerts?|watch|drains?|sewers?|chasers?|risks?|defen[cs]es|barriers?|insurance|plains?|control|"
                 r"protection|preparedness|response|shelters?|camps?|debris|prevention|management|forecast|"
                 r"of)\b)")
# Whom a disaster or an accident harmed, told before it ("killed in a landslide", "destroyed by floods").
_HARMED_IN = (r"\b(?:killed|died|dead|drowned|perished|injured|hurt|missing|trapped|buried|swept away|displaced|"
              r"stranded|homeless|destroyed|damaged|washed away|flattened|lost their lives) (?:[\w,'’-]+ ){0,3}?"
              r"(?:in|by) (?:an? |the |[\w'’]+['’]s )?(?:[\w.-]+ ){0,2}?")
# Words that make a disaster a figure of speech ("a political earthquake", "a media storm").
_HAZARD_METAPHOR = (r"\b(?:political|electoral|financial|economic|market|diplomatic|media|twitter|online|social media|"
                    r"perfect|cultural|legal|public relations|pr)\s+")
_STORM_METAPHOR = r"(?:" + _HAZARD_METAPHOR + r"|\bdesert\s+|\boperation\s+)"
_QUAKE = r"(?:earthquakes?|quakes?|tremors?|temblors?|aftershocks?)"
_STORM = (r"(?:tropical storms?|storms?|cyclones?|hurricanes?|super typhoons?|typhoons?|tornado(?:e?s)?|twisters?|"
          r"blizzards?|windstorms?|hailstorms?|snowstorms?|sandstorms?|dust storms?|thunderstorms?)")
_FLOOD = r"(?:flash floods?|floods?|flooding|floodwaters?|flood waters|inundations?|deluges?)"
_RAIN = r"(?:torrential|heavy|monsoon|incessant|days of|record|seasonal) (?:rains?|rainfall|downpours?)"
_SLIDE = r"(?:landslides?|landslips?|mudslides?|mud slides?|mudflows?|rockslides?|rock ?falls?|avalanches?)"
_WILDFIRE = r"(?:wild ?fires?|forest fires?|bush ?fires?|brush ?fires?|grass fires?|scrub fires?|peat fires?)"
_VEHICLE = (r"(?:planes?|aircraft|airliners?|jets?|airplanes?|aeroplanes?|helicopters?|choppers?|flights?|"
            r"bus(?:es)?|minibus(?:es)?|coach(?:es)?|trucks?|lorr(?:y|ies)|cars?|vans?|vehicles?|tankers?|"
            r"trains?|locomotives?|boats?|ferr(?:y|ies)|ships?|vessels?|dinghies|dinghy|canoes?|barges?|"
            r"trawlers?|motorbikes?|motorcycles?|rickshaws?)")
_ACCIDENT_NOUN = (r"\b(?:plane|air|aircraft|helicopter|chopper|bus|car|road|traffic|train|rail|railway|boat|ferry|"
                  r"motorcycle|truck|highway|vehicle|mining|mine|industrial|workplace|construction|boating|shipping) "
                  r"(?:crash(?:es)?|accidents?|collisions?|disasters?|derailments?|tragedy)\b")
_STRUCTURE = (r"(?:buildings?|bridges?|dams?|walls?|roofs?|mines?|mine shafts?|shafts?|pits?|tunnels?|stadiums?|"
              r"grandstands?|schools?|factor(?:y|ies)|apartment (?:blocks?|buildings?)|blocks? of flats|high-rises?|"
              r"towers?|houses?|homes?|structures?|ceilings?|church|mosques?|hotels?|markets?|scaffolding|cranes?|"
              r"footbridges?|overpass(?:es)?|flyovers?|warehouses?|dormitor(?:y|ies)|hostels?)")
# What an accidental fire or blast starts from: gas, fuel, a boiler, fireworks (not a bomb).
_ACCIDENTAL_SOURCE = (r"(?:gas|gas cylinders?|cylinders?|cooking gas|lpg|propane|methane|firedamp|coal dust|boilers?|"
                      r"fuel|petrol|gasoline|diesel|fuel tankers?|oil tankers?|tankers?|pipelines?|chemical|chemicals|"
                      r"fireworks?|firecrackers?|industrial|factory|refinery|transformers?|electrical|kitchen|"
                      r"oxygen|grain dust|accidental)")
_ACCIDENTAL_BEFORE = r"\b" + _ACCIDENTAL_SOURCE + r"(?: [\w-]+)?\s+"
# A fire that is gunfire, or an attack's ("opened fire", "artillery fire", "set fire to").
_NOT_A_BLAZE = (r"\b(?:open(?:ed|ing|s)?|cease|gun|cross|artillery|mortar|rocket|sniper|tank|return(?:ed|ing)?|heavy|"
                r"small[- ]arms|machine-?gun|friendly|under|exchange of|exchanged|exchanging|live|direct|hostile|"
                r"enemy|set|sets|setting|line of|police|anti-aircraft|covering)[- ]?\s*")
# Signs that an attacker caused the fire, blast, crash or collapse: ACLED's incident, not an accident.
_ATTACKER = (r"\b(?:attack\w*|bomb\w*|ieds?|improvised|explosive devices?|grenades?|suicide|missiles?|rockets?|"
             r"drones?|uavs?|shell(?:ing|ed|s)|artillery|mortars?|air ?strikes?|air raids?|shot down|downed|gunfire|"
             r"gunmen|militants?|insurgents?|terrorists?|jihadists?|rebels?|opened fire|ambush\w*|arson\w*|"
             r"set (?:[\w-]+ ){0,3}?(?:on )?fire|torched|hijack\w*|sabotag\w*|riot\w*|mobs?|clash\w*|"
             r"fighting|deliberately|perpetrators?|assailants?)\b")
# A hazard told after "after", "following", "amid" ... is the background of the clause's own event;
# where the clause tells nothing else it is the event ("ten died after rains triggered floods").
_SUBORDINATE_HAZARD = re.compile(r"\b(?:after|following|since|amid|despite|over|about|against|ahead of|before|"
                                 r"because of|due to|in the wake of|in response to|aftermath of)\s+"
                                 r"(?:(?:an?|the|this|last|recent|deadly|heavy|severe|[\w'’]+['’]s)\s+){0,3}$",
                                 re.IGNORECASE)
_POLL_NOUN = (r"(?:elections?|polls|votes?|voting|referendums?|referenda|plebiscites?|by-elections?|run-?offs?|"
              r"primar(?:y|ies)|ballots?)")
# (the kind of poll spelt out as alternatives, not as an optional word: the trigger scan keys each
# rule by the words its matches start with)
_POLL = (r"(?:(?:presidential|parliamentary|legislative|general|local|municipal|regional|snap|early|mid-?term|"
         r"national|provincial|gubernatorial|senate|runoff) " + _POLL_NOUN + "|" + _POLL_NOUN + ")")
# Nouns after an election word that name something else than the vote ("the election commission").
_NOT_A_VOTE = (r"(?! (?:commissions?|committees?|campaigns?|laws?|officials?|boards?|authorit\w+|observers?|monitors?|"
               r"results?|promises?|pledges?|rall(?:y|ies)|posters?|materials?|cycles?|years?|manifestos?|"
               r"offices?|workers?|staff|violence|fraud|rigging|debates?|seasons?|of (?:confidence|no confidence))\b)")
_LEGISLATURE = (r"(?:parliament|parliaments|lawmakers|legislators|mps|deputies|senators|the senate|the house|congress|"
                r"the (?:national |federal |constituent |general |state |provincial |legislative )?assembly|"
                r"the (?:upper|lower) house|councill?ors|the (?:city |town |municipal |security |regional )?council|"
                r"the knesset|the duma|the rada|the bundestag|the majlis|the storting|the sejm|the riksdag|"
                r"members of parliament|the legislature|the chamber of deputies)")
_MOUNTAIN = (r"(?: of (?:mount|mt\.?|the (?:mountain|hill|peak|volcano|pass|ridge|glacier)|everest|kilimanjaro|"
             r"(?:his|her|their|its) (?:career|power|ambition|fame)))")

#: the rules; the order inside one type does not matter, PRIORITY ranks the types
RULES: tuple[TriggerRule, ...] = (
    # agreement signed
    _r("agreement_signed", r"\b(?:sign(?:ed|s|ing)?|inked|initial(?:l)?ed)\b", requires=_AGREEMENT_NOUN),
    _r("agreement_signed", r"\b(?:reached|concluded|struck|brokered) (?:an? |the )?(?:[\w-]+ ){0,2}?"
       r"(?:agreement|deal|accord|understanding|pact)\b"),
    _r("agreement_signed", r"\b(?:prisoners?|detainees?|pows?|bodies|captives) (?:exchanges?|swaps?)\b"
       r"|\bexchange of (?:[\w-]+ )?(?:prisoners|detainees|bodies|pows|captives)\b"
       r"|\b(?:exchanged|swapped) (?:[\w-]+ ){0,3}?(?:prisoners|detainees|bodies|pows|captives)\b"),
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
    # territory taken: the object taken is a place, not a person ("captured a commander" is an arrest)
    _r("territory_taken",
       r"\b(?:occupied|occupies|occupy|captured|captures|seized|seizes|"
       r"liberated|liberates|retook|retakes|recaptured|recaptures|overran|overrun|regained)\b",
       near=_TERRITORY_OBJECT, place_after=True, not_after=r"^\s+(?:[\w-]+\s+){0,3}?" + _PERSON_NOUN,
       not_before=r"\b(?:the|formerly|still)\s+"),
    _r("territory_taken",
       r"\b(?:took|taken|take|takes|taking|seized|seize|seizes|gained|gain|regained|regain|retook|assumed|wrested|"
       r"established|restored|re-?established) (?:full |total |back |effective |complete )?control (?:of|over)\b"
       r"|\b(?:took|taken) over\b|\bfell (?:to|into the hands of)\b|\b(?:swept|rolled|stormed) into\b"
       r"|\badvanced (?:into|on)\b|\boverran\b",
       near=_TERRITORY + "|" + _ARMED_GROUPS, place_after=True),
    _r("territory_taken",
       r"\b(?:fighters|militants|rebels|insurgents|jihadists|gunmen|troops|forces|soldiers|army|militias?|"
       r"militiamen|guerrillas) (?:[\w-]+ ){0,3}?(?:entered|stormed)\b",
       near=_TERRITORY_OBJECT, place_after=True),
    _r("territory_taken", r"\b(?:occupation|liberation|capture|recapture|takeover)\b", nominal=True),
    # remote violence from afar: shelling, missiles, air and drone strikes (chemical weapons too)
    _r("shelling_air_strike", r"\bshelled\b|\bbomb(?:ed|arded)\b", near=_VIOLENCE + "|" + _TERRITORY, place_after=True),
    _r("shelling_air_strike", r"\b(?:shelling|bombing|bombardment|strikes?|air ?strikes?)\b (?:[\w-]+ ){0,2}?"
       r"(?:continued|resumed|intensified|hit|struck|killed|destroyed|damaged|targeted)\b"),
    _r("shelling_air_strike", r"\bartillery (?:fire|strikes?|attacks?|shelling|barrages?)\b"),
    _r("shelling_air_strike", r"\b(?:rocket|missile|drone|mortar|uav)s? (?:fire|strikes?|attacks?|hit|barrages?)\b"),
    _r("shelling_air_strike", r"\bfired (?:[\w-]+ ){0,2}?(?:rockets?|missiles?|shells|mortars?|mortar rounds|projectiles|"
       r"rpgs?|rocket-propelled grenades?)\b"),
    _r("shelling_air_strike", r"\bdropped (?:[\w-]+ ){0,2}?(?:bombs?|munitions|explosives|barrel bombs?|grenades?)\b"
       r"|\b(?:hit|struck|damaged|destroyed) by (?:an? |the )?(?:[\w-]+ ){0,2}?(?:shells?|rockets?|missiles?|mortars?|"
       r"drones?|bombs?|air ?strikes?|artillery)\b|\baerial (?:operations?|raids?|campaign)\b"),
    _r("shelling_air_strike", r"\b(?:air ?strikes?|airstrikes?|air raids?|drone strikes?|aerial (?:bombardments?|"
       r"bombings?|attacks?|strikes?)|chemical (?:weapons? )?attacks?|gas attacks?)\b"),
    _r("shelling_air_strike",
       r"\b(?:warplanes?|war planes?|jets?|fighter jets?|helicopters?|gunships?|drones?|uavs?|aircraft|air forces?|"
       r"missiles?|rockets?|shells|mortars?|mortar rounds|projectiles|artillery|cruise missiles?|ballistic missiles?)\b"
       r" (?:[\w'’-]+ ){0,4}?(?:struck|strike|strikes|hit|hits|bombed|attacked|targeted|pounded|shelled|raided|"
       r"landed|fell|slammed|rained|exploded|killed|killing|destroyed|damaged|dropped|fired|carried out)\b"),
    _r("shelling_air_strike", r"\b(?:hit|struck|targeted|attacked|destroyed|bombed) (?:[\w'’-]+ ){0,3}?with "
       r"(?:an? |the )?(?:[\w-]+ )?(?:drones?|uavs?|missiles?|rockets?|artillery|mortars?|air ?strikes?)\b"),
    _r("shelling_air_strike", r"\b(?:shelling|air ?strikes?|bombings?|bombardments?)\b", nominal=True),
    # bombs, mines, IEDs, grenades, suicide bombers
    _r("explosion",
       r"\b(?:ieds?|improvised explosive devices?|roadside bombs?|landmines?|land mines?|car bombs?|truck bombs?|"
       r"vbieds?|svbieds?|suicide (?:bombers?|bombings?|attacks?|attackers?|car bombs?|vests?|belts?)|sticky bombs?|"
       r"magnetic bombs?|unexploded (?:ordnance|ordinances?|munitions?|shells?|devices?|bombs?|mines?)|uxos?|"
       r"booby[- ]?traps?|booby-trapped)\b"),
    _r("explosion", r"\b(?<!rocket-propelled )(?<!stun )(?<!sound )grenades?\b(?! launchers?)"),
    # (a gas, boiler or fuel blast is an accident: see fire_explosion)
    _r("explosion", r"\b(?:explosions?|blasts?)\b",
       near=r"\b(?:killed|killing|kills|wounded|wounding|injured|injuring|damaged|destroyed|rocked|hit|struck|"
            r"targeted|went off|occurred|exploded|detonated|bomb\w*|ieds?|mines?|devices?|dead|casualties|"
            r"observed|heard|recorded|caused)\b", not_before=_ACCIDENTAL_BEFORE),
    _r("explosion", r"\b(?:exploded|detonated|went off|blew up)\b",
       near=r"\b(?:bombs?|devices?|mines?|explosives?|ieds?|grenades?|vehicles?|cars?|shells?|motorcycles?|"
            r"ordnance|landmines?)\b", not_before=_ACCIDENTAL_BEFORE),
    _r("explosion", r"\bstepped on (?:an? |the )?(?:[\w-]+ )?(?:mine|landmine|explosive|device|ied|uxo)\b"),
    _r("explosion", r"\bplanted (?:[\w-]+ ){0,3}?(?:bombs?|explosives?|ieds?|mines?|landmines?|devices?)\b"),
    _r("explosion", r"\bblew (?:himself|herself|themselves) up\b|\bblew up\b(?! at\b)|\bset off (?:[\w-]+ ){0,2}?"
       r"(?:explosives?|bombs?|devices?)\b|\bremote(?:ly)?[- ](?:explosive|controlled|detonated)\b"),
    # abduction
    _r("abduction", r"\b(?:abducted|abducts|abducting|abduction|abductions|kidnapped|kidnaps|kidnapping|"
       r"kidnappings|hostage-taking|forcibly disappeared|enforced disappearance)\b"),
    _r("abduction", r"\b(?:took|taken|take|taking|holding|held) (?:[\w-]+ ){0,3}?(?:hostages?|captives?)\b"
       r"|\btaken captive\b|\btook (?:[\w-]+ ){0,3}?captive\b"),
    # attack on civilians
    _r("attack_on_civilians", r"\battacks? (?:on|against) (?:[\w-]+ ){0,2}?civilians?\b"),
    _r("attack_on_civilians",
       r"\b(?:attacked|targeted|targeting|killed|shot|struck|hit) (?:[\w-]+ ){0,3}?"
       r"(?:civilians?|residential (?:areas?|buildings?)|homes|houses|schools?|hospitals?)\b"),
    _r("attack_on_civilians",
       r"\b(?:killed|kill|kills|shot|shoots|executed|beheaded|stabbed|hacked|tortured|beat|murdered|assassinated|"
       r"massacred|injured|wounded|assaulted|attacked|whipped|flogged|mutilated|burned|burnt)\b"
       r"(?: (?:and|or) (?:killed|injured|wounded|robbed|raped|beat|mutilated))?"
       r" (?:[\w'’-]+\s+){0,4}?" + _CIVILIANS + r"\b(?!['’]s\b)"),
    _r("attack_on_civilians",
       r"\b(?:killed|shot|executed|beheaded|stabbed|hacked|tortured|beaten|murdered|assassinated|massacred|whipped|"
       r"flogged|mutilated|burned to death) by\b",
       near=r"\b" + _CIVILIANS + r" (?:(?:were|was|had been|have been|has been|got|being) )?(?:(?:reportedly|allegedly|"
            r"fatally|seriously|critically|severely|later|also) )?$"),
    _r("attack_on_civilians", r"\b(?:fired|firing|opened fire|shooting|hurled|threw) (?:[\w'’-]+ ){0,4}?(?:at|on|upon|into) "
       r"(?:the |a |an |\d+ |two |three |several |some |a group of )?(?:[\w'’-]+ )?" + _CIVILIANS + r"\b"),
    _r("attack_on_civilians", r"\b(?:beaten|beat up|tortured|whipped|flogged) (?:[\w'’-]+ ){0,3}?" + _CIVILIANS + r"\b"),
    _r("attack_on_civilians", r"\b(?:were|was) (?:beaten|tortured|whipped|flogged)\b",
       near=r"\b" + _CIVILIANS + r" $"),
    _r("attack_on_civilians", r"\b(?:raped|rapes|raping|gang-?raped|gang rape|sexually (?:assaulted|abused|exploited)"
       r"|sexual (?:assault|violence|abuse))\b"),
    _r("attack_on_civilians", r"\b(?:massacre|massacred)\b", near=_VIOLENCE),
    _r("attack_on_civilians", r"\b(?:attacked|attack on|raided|stormed) (?:the |a |an )?(?:[\w'’-]+ ){0,3}?"
       + _CIVILIAN_SITE + r"\b"),
    # riot or mob violence
    _r("riot", r"\b(?:riot|riots|rioted|rioting|rioters)\b(?! police| gear| control| squad| units?| shields?| act\b)"),
    _r("riot", r"\bmobs?\b", near=r"\b(?:attack\w*|beat\w*|lynch\w*|kill\w*|burn\w*|ston\w*|set fire|torch\w*|"
                                r"angry|assault\w*|vandal\w*|loot\w*)\b"),
    _r("riot", r"\blynch(?:ed|ing|ings)?\b|\bmob justice\b|\bjungle justice\b"),
    _r("riot", r"\b(?:threw|thrown|hurled|pelted|throwing|hurling|pelting|lobbed) (?:[\w-]+ ){0,3}?(?:stones|rocks|"
       r"bricks|bottles|molotov cocktails?|petrol bombs?|fire-?bombs?|projectiles)\b|\bstone[- ](?:pelting|throwing)\b"),
    _r("riot", r"\b(?:burn(?:ed|t|ing)|set alight|set fire to) (?:[\w-]+ ){0,2}?(?:tyres|tires)\b"),
    # protest
    _r("protest", r"\bprotest(?:ed|ers|ing|s)?\b|\bdemonstrat(?:ion|ions|ors|ed|ing)\b"),
    _r("protest", r"\brall(?:y|ies|ied)\b|\btook to the streets\b|\bsit-ins?\b|\bpicket(?:ed|s)?\b"),
    _r("protest", r"\bmarch(?:ed|es)? (?:on|to|through|in|from|against)\b"),
    _r("protest", r"\bblock(?:ed|ing|aded) (?:the |a |main |several |major )?(?:[\w'’-]+ ){0,3}?(?:roads?|highways?|"
       r"avenues?|streets?|routes?|bridges?|roundabouts?|junctions?|entrances?)\b",
       near=r"\b(?:demand\w*|protest\w*|against|denounc\w*|condemn\w*|call(?:ed|ing)? for|oppos\w*|"
            r"discontent|anger)\b"),
    _r("protest", r"\b(?:gathered|assembled|converged|congregated)\b",
       near=r"\b(?:demand\w*|denounc\w*|condemn\w*|against|solidarity|call(?:ed|ing)? for|oppos\w*|in support of|"
            r"commemorat\w*|in front of|chant\w*|slogans?)\b"),
    # arrest
    _r("arrest", r"\b(?:arrested|arresting|arrests|detained|detaining|apprehended|apprehending|nabbed|rounded up)\b"
       r"|\b(?:took|taken|takes) (?:[\w-]+ ){0,3}?into custody\b|\bplaced under (?:house )?arrest\b"),
    _r("arrest", r"\bcaptur(?:ed|es|ing)\b", near=r"^\s+(?:[\w'’-]+\s+){0,3}?" + _PERSON_NOUN),
    # looting or property destruction
    _r("looting", r"\b(?:looted|looting|looters|pillaged|pillaging|plundered|ransacked|torched|razed|demolished|"
       r"demolition|vandali[sz]ed|uprooted|land (?:grab|grabbing|seizures?)|arson(?: attacks?)?|property destruction)\b"),
    _r("looting", r"\bset (?:[\w-]+ ){0,3}?(?:on )?fire\b|\bset alight\b"),
    _r("looting", r"\bburn(?:ed|t) (?:down )?(?:[\w'’-]+ ){0,3}?(?:houses?|homes?|shops?|huts?|vehicles?|cars?|trucks?|"
       r"buildings?|villages?|property|properties|crops|fields|offices?|schools?|churches|church|mosques?|markets?|"
       r"machinery|equipment|granar\w+)\b"),
    _r("looting", r"\b(?:seized|confiscated|stole|stolen|robbed|rustled|took) (?:[\w'’-]+ ){0,3}?(?:land|lands|"
       r"property|properties|farms?|livestock|cattle|goats|camels|cows|sheep|belongings|money|goods|houses?|crops)\b"),
    # weapons seized, defused or intercepted
    _r("weapons_seized", r"\b(?:defused|defusing|defusal|dismantled|deactivated|neutrali[sz]ed|disarmed|"
       r"controlled (?:explosion|detonation))\b",
       near=r"\b(?:ieds?|bombs?|mines?|landmines?|explosives?|devices?|grenades?|rockets?|missiles?|shells?|"
            r"ordnance|booby|militants|fighters)\b"),
    _r("weapons_seized", r"\b(?:seized|found|discovered|recovered|uncovered|confiscated|unearthed|captured|located|"
       r"seizure of)(?! (?:at|in|near|on|with|along|to|from|by|inside|outside)\b) (?:[\w,'’-]+ ){0,6}?(?:weapons|arms|ammunition|munitions|rifles|guns|pistols|explosives|ieds?|"
       r"mines|landmines|grenades|rockets|missiles|caches?|arsenal|depot|stockpiles?|detonators|kalashnikovs|ak-47s)\b"),
    _r("weapons_seized", r"\bintercept(?:ed|s|ing|ion|ions)\b|\bshot down\b|\bdowned\b",
       near=r"\b(?:missiles?|rockets?|drones?|uavs?|projectiles|shaheds?|aircraft|planes?|helicopters?|"
            r"air defen[cs]e)\b"),
    _r("weapons_seized", r"\b(?:drones?|uavs?) (?:[\w-]+ ){0,2}?(?:was|were) (?:destroyed|neutrali[sz]ed|jammed)\b"),
    _r("weapons_seized", r"\b(?:exploded|detonated|went off) prematurely\b|\b(?:foiled|thwarted) (?:[\w-]+ ){0,3}?"
       r"(?:plot|bombing|suicide|car bomb)\b"),
    # change to an armed group or its activity
    _r("group_change", r"\brecruit(?:ed|ing|ment|s)\b",
       near=r"\b(?:fighters|militias?|armed|group|children|soldiers|youths|members|ranks|combatants|militants)\b"),
    _r("group_change", r"\b(?:defected|defection|defections|deserted|desertions?|mutin(?:y|ied|ies))\b"),
    _r("group_change", r"\bsurrender(?:ed|s|ing)?\b",
       near=r"\b(?:fighters|militants|rebels|members|weapons|arms|insurgents|soldiers|troops|commanders?|combatants)\b"),
    _r("group_change", r"\b(?:reinforcements?|military build-?up|troop movements?|movement of (?:forces|troops)|"
       r"security measures?|change to (?:armed )?group)\b"),
    _r("group_change", r"\b(?:imposed|declared|announced|extended|enforc(?:ed|ing)|began enforcing) (?:a |an |the )?"
       r"(?:[\w-]+ ){0,2}?(?:curfews?|state of emergency|martial law|lockdown|ban)\b"),
    _r("group_change", r"\b(?:joined|merged with|pledged allegiance to|split from|broke away from)\b",
       near=r"\b(?:taliban|shabaa?b|islamic state|isis|militants|rebels?|insurgents|militias?|armed groups?|"
            r"jihadists?|fighters|faction|group)\b"),
    _r("group_change", r"\b(?:military |snap |joint )?(?:exercises|drills)\b", near=_MILITARY_NOT_POLICE),
    # deployment or base established
    _r("deployment", r"\bdeploy(?:ed|s|ing|ments?)?\b|\bstationed\b|\bredeployed\b", near=_MILITARY_NOT_POLICE),
    _r("deployment",
       r"\b(?:set(?:s|ting)? up|establish(?:ed|es|ing|ment of)?|open(?:ed|s|ing)?|buil[td]|construct(?:ed|ion of))\b"
       rf" (?:a |an |the )?(?:[\w-]+ ){{0,5}}?{_FACILITY_NOUN}",
       near=_MILITARY + r"|\b(?:monitor\w*|observ\w*|defen[cs]e|cease-?\s?fire|joint)\b"),
    _r("deployment", r"\b(?:become|became|becomes|becoming) operational\b"),
    _r("deployment", r"\b(?:start(?:s|ed)?|begin(?:s)?|began|commence[sd]?) (?:its |their )?"
       r"(?:operating|operations|activities|functioning|work)\b",
       requires=_FACILITY_NOUN + r"|\bpeacekeep"),
    _r("deployment", r"\b(?:peacekeepers|troops|soldiers|forces|monitors|observers) (?:[\w-]+ ){0,2}?"
       r"(?:arrived|were sent|moved into)\b|\bpeacekeepers (?:[\w-]+ ){0,2}?entered\b"),
    _r("deployment", r"\bsent (?:[\w-]+ ){0,3}?(?:troops|soldiers|peacekeepers|forces|reinforcements)\b"),
    _r("deployment", r"\b(?:turned|turn|turns|transform|transforms|transformed|converted|convert) (?:[\w'’-]+ ){0,5}?into (?:a |an )?(?:[\w-]+ )?"
       r"(?:military )?(?:bases?|barracks|camps?|headquarters|outposts?|positions?)\b"),
    # another significant development
    _r("other_development", r"\bmass graves?\b|\bnon-violent activity\b"),
    _r("other_development", r"\b(?:bodies|body|corpses?|remains)\b(?: [\w'’-]+){0,8}? (?:found|discovered|recovered|"
       r"exhumed|washed up|dumped)\b"),
    _r("other_development", r"\b(?:staged|launched|attempted) (?:a |an )?(?:military )?coup\b|\bseized power\b"
       r"|\bousted (?:the )?president\b"),
    _r("other_development", r"\b(?:released|freed) (?:[\w-]+ ){0,3}?(?:hostages?|prisoners|detainees|captives|"
       r"abductees|pows|soldiers|civilians)\b"),
    # armed clash
    _r("armed_clash",
       r"\b(?:clash(?:es)?|fighting|hostilities|battles?|skirmish(?:es)?|firefights?)\s+(?:[\w-]+\s+){0,2}?"
       r"(?:erupted|broke out|resumed|continued|intensified|flared|raged|took place|escalated|occurred|ensued)\b"),
    _r("armed_clash", r"\b(?:clashed|fought|battled)\b(?! to\b)", near=_ARMED_GROUPS),
    _r("armed_clash", r"\bexchang(?:ed|ing|es) (?:heavy |small[- ]arms |gun|artillery |mortar )?fire\b"
       r"|\b(?:gun ?battles?|gun-?fights?|firefights?|fire-fights?|shoot-?outs?|exchanges? of (?:gun)?fire|crossfire)\b"),
    _r("armed_clash", r"\b(?:clashes|clash|fighting|skirmishes) (?:between|with|against)\b"),
    _r("armed_clash", r"\bclashing (?:with|against)\b|\b(?:carried out|conducted|launched|mounted) (?:an? |the |\d+ )?"
       r"(?:[\w-]+ ){0,2}?(?:operations?|raids?|assaults?|attacks?|offensives?|incursions?) (?:against|on|targeting|in)\b"),
    _r("armed_clash", r"\b(?:shots|bursts of fire|gunfire|gunshots|exchanges of fire|projectiles|explosions)\b",
       near=r"\b(?:observed|heard|recorded|involving|registered)\b"),
    _r("armed_clash", r"\b(?:fired|firing|shot) (?:[\w-]+ ){0,3}?(?:bullets|rounds|live ammunition|tear ?gas(?: canisters)?|"
       r"rubber(?:-coated)? bullets)\b|\bstormed (?:into |the |a |an )"),
    _r("armed_clash",
       r"\blaunch(?:ed|es|ing)? (?:a |an |the )?(?:[\w-]+ )?(?:offensive|counter-?offensive|assault|attacks?|counterattacks?)\b"),
    _r("armed_clash", r"\battack(?:ed|s)? (?:[\w'’-]+ ){0,4}?(?:positions|forces|troops|soldiers|army|units|bases?|"
       r"checkpoints?|posts?|outposts?|barracks|convoys?|patrols?|police|policemen|militants|rebels|fighters)\b"),
    _r("armed_clash", r"\battacks? (?:on|against)\b", near=_ARMED_GROUPS),
    _r("armed_clash", r"\bfir(?:ed|ing)\b(?: [\w/,.'’()-]+){0,14}? (?:on|at|upon|towards?) (?:the )?(?:[\w'’-]+ ){0,4}?"
       r"(?:positions?|posts?|checkpoints?|bases?|barracks|trenches|troops|soldiers|forces|units|patrols?|convoys?|"
       r"police(?:men)?|officers?|militants?|rebels?|fighters?|vehicles?)\b"),
    _r("armed_clash", r"\bopened fire\b|\b(?:ambushed|ambush|ambushes)\b|\b(?:repelled|repulsed|fended off|fought off)\b",
       near=_ARMED_GROUPS + r"|\b(?:attack\w*|assault\w*|advance\w*|offensive)\b"),
    _r("armed_clash", r"\b(?:raided|stormed|besieged|assaulted)\b", near=_ARMED_GROUPS),
    _r("armed_clash",
       r"\b(?:clash(?:es)?|fighting|battles?|hostilities|war|conflict|offensive|skirmish(?:es)?)\b"
       r"(?! of words)", nominal=True, not_before=_METAPHOR),
    # casualties reported
    _r("casualties", r"\b(?:killed|wounded|injured|martyred|died|killing|wounding|injuring|assassinated|"
       r"shot dead|executed)\b", near=_VIOLENCE),
    _r("casualties", r"\b(?:killed|shot dead|shot and killed|martyred|assassinated|executed|murdered|beheaded)\b",
       unless=r"\b(?:accidents?|accidental(?:ly)?|crash\w*|collisions?|flood\w*|drown\w*|earthquakes?|landslides?|"
              r"diseases?|illness|covid|coronavirus|cholera|ebola|malaria|heart attack|lightning|electrocut\w*|"
              r"stampede|storms?|cyclones?|avalanche|natural causes|suicide(?! (?:bomb|attack|car|vest)))\b"),
    _r("casualties", r"\b(?:death toll|casualties|fatalities|lost (?:their|his|her) lives)\b", near=_VIOLENCE),
    # earthquakes
    _r("earthquake", rf"\b{_QUAKE}\b(?:,? (?:of|with|measuring) (?:a )?(?:preliminary )?magnitude(?: of)? [\d.]+,?)?"
       rf"{_GAP} {_HIT}\b|\b{_QUAKE} (?:was|were) (?:recorded|registered|reported|detected)\b",
       not_before=_HAZARD_METAPHOR),
    _r("earthquake", r"\b(?:magnitude[- ]?\d(?:\.\d)?|\d(?:\.\d)?[- ]magnitude|\d\.\d)[- ](?:[\w-]+ )?"
       + _QUAKE + r"\b" + _NOT_MODIFIER),
    _r("earthquake", _HARMED_IN + _QUAKE + r"\b" + _NOT_MODIFIER),
    _r("earthquake", rf"\b{_QUAKE}\b" + _NOT_MODIFIER, nominal=True, not_before=_HAZARD_METAPHOR),
    # storms, cyclones, hurricanes
    _r("storm", rf"\b{_STORM}\b(?! (?:of|shadow|troopers?|drains?|surge warnings?)\b){_GAP} "
       rf"(?:{_HIT}|made landfall|makes landfall|brought|dumped|blew|barrell?ed|churned|whipped|roared|"
       r"knocked out|cut power|flooded)\b", not_before=_STORM_METAPHOR),
    _r("storm", _HARMED_IN + _STORM + r"\b" + _NOT_MODIFIER),
    _r("storm", rf"\b{_STORM}\b" + _NOT_MODIFIER, nominal=True, not_before=_STORM_METAPHOR),
    # floods and torrential rains
    _r("flood", rf"\b{_FLOOD}\b(?! of\b){_GAP} (?:{_HIT}|drowned|submerged|overwhelmed|breached|"
       r"flooded|wreaked havoc)\b"),
    # (rains that "triggered landslides" tell a landslide)
    _r("flood", rf"\b{_RAIN}\b{_GAP} (?:(?!caused|triggered){_HIT}|drowned|submerged|overwhelmed|flooded|"
       r"wreaked havoc|(?:caused|triggered) (?:flash )?flood(?:s|ing)?)\b"),
    _r("flood", r"\b(?:homes|houses|streets|villages|fields|roads|towns?|cit(?:y|ies)|neighbou?rhoods|areas|districts|"
       r"farmland|hectares|crops|camps|low-lying \w+|parts of [\w-]+) (?:were|was|have been|had been|remain(?:ed)?) "
       r"(?:[\w-]+ )?(?:flooded|submerged|inundated|under water|underwater)\b"
       r"|\b(?:rivers?|the [\w-]+ river|dams?|canals?|lakes?) (?:[\w-]+ )?(?:burst (?:its|their) banks|overflowed|"
       r"flooded|broke (?:its|their) banks)\b"),
    _r("flood", _HARMED_IN + _FLOOD + r"\b" + _NOT_MODIFIER),
    _r("flood", rf"\b{_FLOOD}\b" + _NOT_MODIFIER, nominal=True),
    # landslides, mudslides, avalanches
    _r("landslide", rf"\b{_SLIDE}\b(?! (?:of|victory|victories|win|wins|majority|defeat|election|vote|margin)\b)"
       rf"{_GAP} (?:{_HIT}|blocked|crashed|came down|occurred|hit)\b"),
    _r("landslide", r"\b(?:triggered|caused|set off) (?:[\w-]+ ){0,2}?" + _SLIDE + r"\b"),
    _r("landslide", _HARMED_IN + _SLIDE + r"\b" + _NOT_MODIFIER),
    _r("landslide", rf"\b{_SLIDE}\b(?! (?:of|victory|win|majority|defeat|election|vote)\b)" + _NOT_MODIFIER,
       nominal=True),
    # wildfires
    _r("wildfire", rf"\b{_WILDFIRE}\b{_GAP} (?:{_HIT}|raged|raging|burned|burnt|burning|spread|spreading|broke out|"
       r"erupted|scorched|consumed|threatened|charred|reached|advanced|blazed|continued)\b",
       not_before=r"\blike\s+"),
    _r("wildfire", r"\b(?:battled|battling|fought|fighting|contained|containing|tackled|tackling|extinguished|"
       r"put out|evacuated (?:[\w-]+ ){0,3}?(?:from|ahead of|as)) (?:an? |the |several |dozens of |\d+ )?"
       r"(?:[\w-]+ ){0,2}?" + _WILDFIRE + r"\b"),
    _r("wildfire", _HARMED_IN + _WILDFIRE + r"\b" + _NOT_MODIFIER),
    _r("wildfire", rf"\b{_WILDFIRE}\b" + _NOT_MODIFIER, nominal=True, not_before=r"\blike\s+"),
    # droughts, where told as an event
    _r("drought", r"\bdroughts?\b(?! of\b)" + _GAP + r" (?:struck|hit|hits|gripped|grips|ravaged|killed|devastated|"
       r"affected|forced|left|wiped out|destroyed|parched|withered|dried up|decimated|claimed)\b"
       r"|\bdeclared (?:an? |the )?(?:state of )?(?:[\w-]+ )?drought(?: emergency| disaster)?\b"
       r"|\bdrought (?:emergency |disaster )?(?:was|has been) declared\b",
       not_before=r"\b(?:goal|scoring|title|trophy|win|winless|medal|victory|points?|try|run|hit|boundary)\s+"),
    # fires and explosions with no attacker
    _r("fire_explosion", rf"\b{_ACCIDENTAL_SOURCE} (?:[\w-]+ )?(?:explosions?|blasts?|exploded|explodes|blew up|"
       r"caught fire|fires?|blazes?)\b", unless=_ATTACKER),
    _r("fire_explosion", r"\b(?:fires?|blazes?|infernos?)\b(?! (?:from|on|at (?:the )?(?:protesters|crowds?|"
       r"troops|soldiers|police|positions)|upon|into|towards?|fighters)\b)"
       r"(?: (?!(?:from|by|on|upon|into|towards?|could|might|may|would|will|to)\b)[\w'’-]+){0,5}? (?:broke out|erupted|"
       r"swept through|ripped through|tore through|gutted|engulfed|destroyed|killed|razed|raged|burned|burnt|"
       r"consumed|spread)\b", unless=_ATTACKER, not_before=_NOT_A_BLAZE),
    _r("fire_explosion", r"\b(?:caught fire|burst into flames|went up in flames)\b", unless=_ATTACKER),
    # (only "in a fire": "killed by army fire" is gunfire)
    _r("fire_explosion", r"\b(?:killed|died|dead|injured|hurt|missing|trapped|perished|destroyed|damaged|burned|burnt) "
       r"(?:[\w,'’-]+ ){0,3}?in (?:an? |the )(?:[\w-]+ ){0,2}?(?:fires?|blazes?|infernos?)\b(?! fight)" + _NOT_MODIFIER,
       unless=_ATTACKER, not_before=_NOT_A_BLAZE),
    # accidents: crashes, derailments, capsizings, collapses, leaks
    _r("accident", rf"\b{_VEHICLE} (?:[\w'’-]+ ){{0,3}}?(?:crashed|crash-landed|collided|derailed|overturned|"
       r"capsized|sank|plunged|veered off|skidded|ran aground|went down|flipped over|rolled over|careered|"
       r"ploughed into|plowed into)\b", unless=_ATTACKER),
    _r("accident", _ACCIDENT_NOUN + _GAP + r" (?:killed|kills|left|leaving|claimed|injured|occurred|happened|"
       r"took place)\b", unless=_ATTACKER),
    _r("accident", _ACCIDENT_NOUN, nominal=True, unless=_ATTACKER),
    _r("accident", _HARMED_IN + r"(?:[\w-]+ )?(?:crash(?:es)?|accidents?|collisions?|derailments?|collapse|"
       r"stampede|shipwreck)\b(?! course)", unless=_ATTACKER),
    _r("accident", r"\b(?:derailed|derailment|capsized|capsizing|shipwrecks?|crash-landed|stampede)\b",
       unless=_ATTACKER),
    _r("accident", rf"\b{_STRUCTURE} (?:[\w'’-]+ ){{0,2}}?(?:collapsed|caved in|gave way|crumbled|came down|"
       r"burst)\b|\b(?:mine|pit|tunnel|shaft|building|bridge|dam|roof|stand) collapses?\b|\bminers (?:were )?trapped\b"
       r"|\b(?:gas|chemical|toxic|ammonia|chlorine) (?:leak|spill)s?\b", unless=_ATTACKER),
    # elections and votes
    _r("election", rf"\b{_POLL}\b{_NOT_A_VOTE}(?: [\w'’-]+){{0,2}}? (?:(?:was|were|is|are|has been|have been) )?(?:held|took place|"
       r"opened|closed|began|ended|went ahead|got under way|passed|failed)\b"),
    _r("election", r"\b(?:went|go|going|headed|flocked|returned|turned out) to the polls\b|\bcast (?:their )?"
       r"(?:ballots?|votes)\b|\bpolling (?:stations?|booths?) (?:opened|closed)\b|\bvoted in (?:an? |the )?"
       r"(?:[\w'’-]+ ){0,3}?(?:elections?|referendum|polls?|vote|run-?off|primary|by-elections?|plebiscite)\b"
       r"|\bvoting (?:began|started|ended|closed|opened|got under way|took place|was under way)\b"),
    _r("election", rf"\b{_LEGISLATURE} (?:[\w'’-]+ ){{0,3}}?(?:voted|approved|passed|adopted|rejected|ratified|"
       r"endorsed|elected|impeached|overrode)\b(?! by\b)"),
    _r("election", r"\b(?:won|wins|lost|loses|swept|conceded) (?:[\w'’-]+ ){0,3}?(?:elections?|polls|vote|"
       r"referendum|run-?off|primary|by-elections?|presidency|(?:\d+ |most )?seats)\b"),
    _r("election", rf"\b{_POLL}\b{_NOT_A_VOTE}", nominal=True),
    # summits
    _r("summit", r"\bsummits?\b(?!" + _MOUNTAIN + r")(?: [\w'’-]+){0,3}? (?:was held|were held|is held|took place|"
       r"opened|began|started|ended|closed|concluded|convened|kicked off|got under way|wrapped up|will be held|"
       r"will take place|is to be held)\b"),
    _r("summit", r"\b(?:hold|holds|held|host|hosted|hosts|hosting|attended|attend|attends|attending|convened|opened|addressed|"
       r"chaired|at|during|on the sidelines of)\s+(?:an? |the |this |this year's |[\w'’]+['’]s )?(?:[\w'’.-]+ ){0,3}?"
       r"summits?\b(?!" + _MOUNTAIN + r")"),
    _r("summit", r"\bsummits?\b(?!" + _MOUNTAIN + r")", nominal=True),
    # phone call
    _r("phone_call", r"\b(?:tele)?phone (?:calls?|conversations?|talks?)\b|\bvideo (?:calls?|conferences?|link)\b"),
    _r("phone_call", r"\b(?:over|by|on) the (?:tele)?phone\b|\bby (?:tele)?phone\b|\b(?:tele)?phoned\b"),
    # meeting
    _r("meeting", r"\bmet\b(?= (?:with |on |in |at )?(?:(?-i:[A-Z])|(?:his|her|their|the) (?:[\w-]+ ){0,2}?"
       r"(?:counterparts?|ministers?|presidents?|leaders?|delegations?|envoys?|officials?)))"),
    _r("meeting", r"\bmeet(?:s|ing)? with\b|\btalks (?:with|between)\b|\bhosted\b", near=_OFFICIALS),
    _r("meeting", r"\bheld (?:[\w-]+ ){0,2}?(?:talks|meetings?|negotiations|consultations)\b"),
    _r("meeting", r"\bvisit(?:ed|s|ing)?\b(?= (?:to )?(?-i:[A-Z]))", near=_OFFICIALS),
    _r("meeting", r"\bdiscuss(?:ed|es|ing)? (?:[\w,-]+ ){0,8}?with\b"),
    _r("meeting", r"\breceived (?:[\w-]+ ){0,3}?(?:delegation|minister|president|counterpart|envoy)\b"),
    # statement
    _r("statement",
       r"\b(?:said|says|announced|announces|stated|declared|told|noted|added|stressed|emphasi[sz]ed|vowed|"
       r"claimed|accused|blamed|denied|warned|urged|condemned|recalled|confirmed|insisted)\b|\bcalled (?:for|on)\b"),
)

#: the type a clause gets when several triggers are in it, most specific first (the ACLED coding of
#: the whole incident may change it: see :mod:`karamap.events.acled`)
PRIORITY: tuple[str, ...] = (
    "agreement_signed",
    "ceasefire_violation",
    "ceasefire",
    "territory_handed_over",
    "withdrawal",
    "weapons_seized",
    "territory_taken",
    "explosion",
    "shelling_air_strike",
    "abduction",
    # a disaster or an accident told as what struck ("the quake killed 2,000 people", "the fire
    # burned 40 shops") outranks the harm it did; an attacker's signs keep accidents out
    "earthquake",
    "storm",
    "flood",
    "landslide",
    "wildfire",
    "drought",
    "fire_explosion",
    "accident",
    "attack_on_civilians",
    "riot",
    "armed_clash",
    "arrest",
    "looting",
    "casualties",
    "protest",
    "deployment",
    "group_change",
    "other_development",
    "election",
    "summit",
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
_AGREEMENT_TYPES = frozenset({"agreement_signed", "ceasefire"})
# A relative clause in the pluperfect, or a participle before its noun, mentions an earlier act as
# background to the sentence's own event.
_BACKGROUNDED = frozenset({"arrest", "abduction", "looting", "casualties", "attack_on_civilians", "weapons_seized"})
_BACKGROUND = re.compile(r"(?:\b(?:who|whom|which|that)\s+had\s+(?:been\s+)?(?:\w+ly\s+)?"
                         r"|\b(?:the|a|an|his|her|their|its)\s+)$", re.IGNORECASE)
_OPPOSED = re.compile(r"\b(?:against|denounc\w*|reject\w*|oppos\w*|condemn\w*|protest\w*|criticiz\w*|criticis\w*)\b"
                      r"(?:\s+[\w'’-]+){0,6}\s*$", re.IGNORECASE)


def _irrealis(text: str, clause_start: int, trigger_start: int) -> bool:
    before = _WORD.findall(text[max(clause_start, trigger_start - 40):trigger_start])
    if not before:
        return False
    if before[-1].lower() == "to":
        return True
    if any(w.lower() in _IRREALIS for w in before[-2:]):
        return True
    return any(w.lower() in _AIMS for w in before[-4:])


# A noun dated this long before the publication is history the story recalls ("the bombing of
# Dresden in 1945"), not an incident it reports.
_HISTORY = dt.timedelta(days=2 * 365)


def _dated(start: int, end: int, timexes: list[TimeExpr], published: dt.date | None = None) -> bool:
    """A date modifies the noun at ``start:end``: it touches it or stands a few characters away
    (and, with ``published``, is not years before it)."""
    for t in timexes:
        if t.span is None:
            continue
        if (t.start < end and start < t.end) or 0 <= start - t.end <= 12 or 0 <= t.start - end <= 15:
            return published is None or t.span.end >= published - _HISTORY
    return False


# Disasters, accidents, votes and summits: told in a subordinate phrase ("after the floods") they
# are the background of the clause's own event, and dated years back they are history.
_GENERAL = HAZARD_TYPES | {"election", "summit"}


def _touching(start: int, end: int, timexes: list[TimeExpr]) -> TimeExpr | None:
    """The first dated expression over the words at ``start:end`` or just beside them (12 characters
    before, 15 after: "the 2011 earthquake", "the election in November")."""
    for t in timexes:
        if t.span is None:
            continue
        if (t.start < end and start < t.end) or 0 <= start - t.end <= 12 or 0 <= t.start - end <= 15:
            return t
    return None


def _historic(start: int, end: int, timexes: list[TimeExpr], published: dt.date | None) -> bool:
    """A date that touches the words at ``start:end`` lies years before ``published`` ("the 2011
    earthquake", "an earthquake struck the city in 1999")."""
    t = _touching(start, end, timexes) if published is not None else None
    return t is not None and t.span.end < published - _HISTORY


def _future(start: int, end: int, timexes: list[TimeExpr], published: dt.date | None) -> bool:
    """A date that touches the words at ``start:end`` lies after ``published`` ("run in the
    November election" in a June article): a plan named, not an event told."""
    t = _touching(start, end, timexes) if published is not None else None
    return t is not None and t.span.start > published


def _near(text: str, s: int, e: int, rule: TriggerRule, context: tuple[int, int], places: list[int]) -> bool:
    assert rule.near is not None
    if rule.near.pattern.startswith("^"):
        # What the trigger acts on: its object, right after it ("captured the town", "captured Shusha").
        if rule.place_after and any(e <= p <= e + 6 for p in places):
            return True
        return rule.near.match(text[e:min(context[1], e + 80)]) is not None
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


_NEEDS: dict[int, frozenset[str] | None] = {}


def _needs(rule: TriggerRule) -> frozenset[str] | None:
    """Keys of words one of which starts in every match of ``rule``
    (:func:`karamap.prefilter.needed_words`): a text without any is not scanned for it (None:
    every text is). Worked out at a rule's first use, not at import: a short text asks few."""
    try:
        return _NEEDS[id(rule)]
    except KeyError:
        # (a match of ``fast`` is kept only where a word starts)
        needs = _NEEDS[id(rule)] = (needed_words(rule.fast.pattern, at_word=True) if rule.fast is not None
                                    else needed_words(rule.pattern.pattern, rule.pattern.flags))
        return needs


def scan(text: str, start: int = 0, end: int | None = None) -> list[Candidate]:
    """Every raw rule match in ``text[start:end]``, by start offset (one pass per rule).

    A rule is tried only where a word it can start with starts (:mod:`karamap.prefilter`),
    which finds what trying it at every position finds.

    >>> [c.rule.type for c in scan("Troops withdrew.")]
    ['withdrawal']
    """
    seg = text[start:end]
    found = lowered(seg)  # same length, so offsets hold (shared with the other stages)
    low, index = found.low, found.index
    # a case-blind pattern also matches a few letters outside ASCII to ASCII ones ("ſ" to "s")
    folded = found.blind
    out: list[Candidate] = []
    for rule in RULES:
        if rule.fast is None:
            if folded and (needs := _needs(rule)) is not None and not index.has_any(needs):
                continue  # no word every match holds: nothing to find
            if rule.words is None or not folded:
                out.extend(Candidate(rule, start + m.start(), start + m.end(), m.group())
                           for m in rule.pattern.finditer(seg))
                continue
            pos, match = 0, rule.pattern.match
            for i in index.starts(rule.words):
                if i >= pos and (m := match(seg, i)) is not None:
                    out.append(Candidate(rule, start + i, start + m.end(), m.group()))
                    pos = m.end() if m.end() > i else i + 1
            continue
        if rule.words is not None:
            # every match the scan below keeps starts a word that opens with one of the rule's
            # words: try the rule at those starts alone, in order, as the scan would meet them
            starts = index.starts(rule.words)
            if not starts or folded and (needs := _needs(rule)) is not None and not index.has_any(needs):
                continue
            pos, match = 0, rule.fast.match
            for i in starts:
                if i >= pos and (m := match(low, i)) is not None:
                    out.append(Candidate(rule, start + i, start + m.end(), seg[i:m.end()]))
                    pos = m.end() if m.end() > i else i + 1
            continue
        if folded and (needs := _needs(rule)) is not None and not index.has_any(needs):
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
    published: dt.date | None = None,
) -> list[Trigger]:
    """The triggers in ``text[start:end]`` that tell a real event, in text order.

    A rule's ``requires`` is looked for in ``context`` (the sentence), else in the clause;
    its ``near`` within a few words of the trigger, where ``places`` (the starts of the
    place mentions) also satisfy a ``place_after`` rule. ``candidates`` (from :func:`scan`
    over the whole text, done once) save scanning each clause again. A noun ("the bombing")
    dated years before ``published`` is history, not an event.

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
    background: list[Trigger] = []
    cut = end  # where the first disaster, vote or summit told as the background starts
    for i in range(lo, len(candidates)):  # (not a slice: a copy of the rest of the document's)
        c = candidates[i]
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
        if rule.nominal and not _dated(c.start, c.end, timexes, published):
            continue
        if rule.near is not None and not _near(text, c.start, c.end, rule, context, places or []):
            continue
        if rule.not_after is not None and rule.not_after.match(text[c.end:min(context[1], c.end + 60)]) \
                and not any(c.end <= p <= c.end + 6 for p in places or []):
            continue
        if rule.unless is not None and rule.unless.search(text, context[0], context[1]):
            continue
        if rule.not_before is not None and rule.not_before.search(text, max(0, c.start - 24), c.start):
            continue
        if rule.type in _AGREEMENT_TYPES and _OPPOSED.search(text, max(start, c.start - 60), c.start):
            continue  # what a protest is against ("denouncing the agreement signed by ...") is no event
        if rule.type in _BACKGROUNDED and _BACKGROUND.search(text, max(start, c.start - 40), c.start):
            continue  # "a leader who had been detained", "the arrested director": told of, not told
        if rule.type in _GENERAL:
            if _historic(c.start, c.end, timexes, published):
                continue
            if rule.nominal and _future(c.start, c.end, timexes, published):
                continue  # a vote or a summit to come named in passing; one told to be held is kept
            if (m := _SUBORDINATE_HAZARD.search(text, max(start, c.start - 60), c.start)) is not None:
                background.append(Trigger(rule.type, c.start, c.end, c.text, rule.nominal))
                cut = min(cut, m.start())
                continue
        found.append(Trigger(rule.type, c.start, c.end, c.text, rule.nominal))
    if background and not any(t.type != "statement" for t in found):
        found.extend(background)  # "ten died after rains triggered floods": nothing else happened
    elif background:
        # the dead and the damage told after a disaster in the background are the disaster's
        # ("rallied a week after floods killed 40 people"), not the clause's own event's
        found = [t for t in found if not (t.type in _HARM_TYPES and t.start >= cut)]
    found.sort(key=lambda t: (t.start, _RANK[t.type]))
    return found


# What a disaster does that a trigger of violence also names: told after a disaster in the
# background, it is the disaster's.
_HARM_TYPES = frozenset({"casualties", "attack_on_civilians", "looting"})


def background_start(text: str, start: int, end: int, candidates: list[Candidate]) -> int | None:
    """Where a phrase that tells a disaster, an accident, a vote or a summit as the background of
    the clause ``text[start:end]`` starts ("... on Monday, a week after floods killed 40 people in
    Sylhet"), or None: its place, date and dead are not the clause's own event's.

    >>> t = "Crowds rallied in Dhaka after floods swept through Sylhet."
    >>> t[background_start(t, 0, len(t), scan(t, 0, len(t))):]
    'after floods swept through Sylhet.'
    """
    lo = bisect.bisect_left(candidates, start, key=lambda c: c.start)
    for i in range(lo, len(candidates)):
        c = candidates[i]
        if c.start >= end:
            break
        if c.rule.type in _GENERAL and c.end <= end and (
                m := _SUBORDINATE_HAZARD.search(text, max(start, c.start - 60), c.start)) is not None:
            return m.start()
    return None


def best_trigger(triggers: list[Trigger]) -> Trigger | None:
    """The trigger that decides a clause's type: the most specific type, then verbal before nominal.

    >>> best_trigger([Trigger("statement", 0, 4, "said", False), Trigger("withdrawal", 9, 17, "withdrew", False)]).type
    'withdrawal'
    """
    if not triggers:
        return None
    return min(triggers, key=lambda t: (_RANK[t.type], t.nominal, t.start))
