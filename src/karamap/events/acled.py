"""ACLED coding: the event type and sub-event type an incident's own words decide, by the codebook.

The trigger lexicon (:mod:`karamap.events.triggers`) finds that something happened and gives it
one of karamap's types; this module reads the words of the whole incident (every clause merged
into it) for what ACLED's codebook (2023) decides the pair by:

- the *instrument*: air or drone strikes, shelling, artillery, missiles and rockets, mines and
  IEDs, grenades, suicide bombs, chemical weapons make Explosions/Remote violence;
- whether *both sides fight* (clashes, exchanges of fire, fire on positions, an attack repelled):
  a battle, even where remote weapons were used ("reported in the context of an ongoing battle,
  they are merged and coded as a single battle event");
- the *target*: unarmed civilians make Violence against civilians, unless remote weapons were
  the tool; armed forces, bases and positions make a battle;
- the *outcome*: territory changing hands (and who takes it: government forces regain territory,
  a non-state group overtakes it), an abduction without further violence, sexual violence;
- for demonstrations, what the *demonstrators* do (violence by them is a riot; a disorderly crowd
  outside a demonstration is mob violence) and what is *done to them* (dispersal is a protest
  with intervention, lethal force is excessive force against protesters).

Negated mentions ("no casualties", "without clashes") are not cues.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from karamap.events.types import ACLED_SUB_EVENT_TYPES, EVENT_TYPES, HAZARD_TYPES
from karamap.prefilter import TextScan

__all__ = ["Coding", "code_incident", "actor_is_state", "Cues", "cues_of"]

_I = re.IGNORECASE


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I)


# -- cue classes (each a pattern over the incident's words) -------------------------------------

_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|some|many|dozens of|scores of|hundreds of)"
#: unarmed people (ACLED's civilians): by role, by kind, by number
_CIVILIAN = (
    r"(?:civilians?|non-?combatants?|m[ae]n|wom[ae]n|child(?:ren)?|boys?|girls?|babies|baby|infants?|"
    r"teen(?:ager)?s?|minors?|villagers?|residents?|inhabitants?|locals?|farmers?|herders?|herdsmen|"
    r"pastoralists?|shepherds?|fishermen|traders?|merchants?|shopkeepers?|vendors?|workers?|labou?rers?|"
    r"miners?|teachers?|students?|pupils?|doctors?|nurses?|health workers?|aid workers?|journalists?|"
    r"reporters?|activists?|lawyers?|judges?|clerics?|imams?|priests?|pastors?|worshipp?ers?|pilgrims?|"
    r"passengers?|drivers?|motorists?|travell?ers?|refugees?|IDPs?|displaced (?:people|persons)|"
    r"families|family|relatives?|brothers?|sisters?|sons?|daughters?|wife|husband|elders?|chiefs?|"
    r"(?:local |village |tribal |community )?leaders?|officials?|councill?ors?|mayor|candidates?|"
    r"persons?|people|individuals?|bodies|body|corpses?|prisoners?|detainees?|she?ph?erds?|mothers?|fathers?|"
    r"parents?|cousins?|uncles?|nephews?|nieces?|youths?|businessm[ae]n|operators?|contractors?|engineers?|"
    r"employees?|staff|directors?|administrators?|cooks?|watchmen|members? of (?:the |a |an )?(?:[\w-]+ ){0,3}?"
    r"(?:community|tribe|clan|family|families|ethnic group|village|party|initiative|movement)|"
    r"(?:former|off-duty|retired|demobili[sz]ed) (?:[\w-]+ )?(?:soldiers?|police\w*|officers?|fighters?|members?)|"
    r"migrants?|foreigners?|thieves|thief|suspects?|"
    r"(?:[A-Z][a-z]+ )?(?:nationals?|citizens?|Palestinians?|settlers?))(?!['’]s\b)"
)
#: organised armed actors and their assets: what is fought rather than attacked
_ARMED = (
    r"(?:soldiers?|troops?|servicem[ae]n|forces|army|military|militar\w+|police(?:m[ae]n|officers?)?|"
    r"(?:security |military |army )personnel|officers?|gendarm\w*|guards?|militants?|rebels?|insurgents?|fighters?|militias?|militiam[ae]n|"
    r"jihadists?|gunmen|combatants?|units?|battalions?|brigades?|positions?|posts?|checkpoints?|"
    r"outposts?|bases?|barracks|camps?|convoys?|patrols?|garrisons?|trenches|strongholds?|"
    r"(?:military |armou?red |army )vehicles?|tanks?|hideouts?)"
)
_STATE_ACTOR = _c(
    r"\b(?:army|armies|military|armed forces|soldiers?|troops|servicem[ae]n|government(?:'s)? (?:forces|troops)|"
    r"pro-?government|security forces|police(?:m[ae]n)?|gendarm\w*|national guard|state forces|"
    r"regime|military forces of|forces of the government|defen[cs]e forces|navy|air force|marines|"
    r"border guards?|counter-?terrorism|special forces|commandos?|military police|national army|"
    r"government|authorities|intelligence (?:service|agents?|officers?))\b"
)
_NONSTATE_ACTOR = _c(
    r"\b(?:rebels?|rebel group|insurgents?|militants?|jihadists?|islamists?|extremists?|terrorists?|"
    r"militias?|militiam[ae]n|gunmen|armed (?:men|group|groups|bandits|assailants)|bandits?|separatists?|"
    r"guerrillas?|fighters|armed opposition|opposition (?:forces|fighters)|non-state|"
    r"Taliban|al-?Shabaa?b|Islamic State|ISIS|ISIL|Daesh|Boko Haram|ISWAP|JNIM|Houthis?|Hezbollah|"
    r"Hamas|PKK|M23|ADF|Wagner|al-?Qaeda|AQIM)\b"
)
_NEGATED = _c(
    r"\b(?:no|without|neither|nor|denied|deny|not|never)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:casualt\w+|fatalit\w+|injur\w+|deaths?|killed|wounded|clash\w*|fight\w*|violence|resistance|"
    r"shots?|incidents?|damage|arrests?|intervention|exchange of fire)"
)

_CLASH = _c(
    r"\b(?:clash(?:es|ed|ing)?|fighting|fought|battl(?:e|es|ed|ing)|skirmish(?:es|ed)?|fire-?fights?|"
    r"gun-?fights?|gun battles?|shoot-?outs?|exchang(?:e|es|ed|ing) (?:of )?(?:heavy |small[- ]arms? |gun|artillery |mortar )?fire|"
    r"exchanged gunfire|cross-?fire|engaged (?:in )?(?:combat|fighting|battle)|in both directions|"
    r"repell?(?:ed|ing)|repuls(?:ed|ing)|fended off|fought off|counter-?attack\w*|returned fire|"
    r"(?:armed )?confrontations?|hostilities|combat)\b"
)
# Fire or an attack aimed at armed forces or their positions: a battle if nothing else tells remote violence.
_ON_ARMED = _c(
    r"\b(?:fired|firing|fires|opened fire|shot|attack(?:ed|s|ing)?|assault(?:ed|s)?|ambush(?:ed|es)?|raid(?:ed|s)?|"
    r"stormed|overran|targeted|struck|hit|besieged)\b(?:[\s\w/,'’()-]{0,90}?)\b(?:on|at|upon|against|targeting|"
    r"towards?)?\s*(?:the |a |an |two |three |several )?(?:[\w'’-]+ ){0,4}?" + _ARMED + r"\b"
)
_SMALL_ARMS = _c(r"\b(?:small[- ]arms?|rifles?|sniper|machine-?guns?|guns?|gunfire|gunshots?|bullets?|firearms?|AK-?47s?|pistols?|shots)\b")
_HEAVY = _c(r"\b(?:primarily heavy weapons|heavy weapons|heavy artillery)\b")

_AIR = _c(
    r"\b(?:air ?strikes?|air-?strikes?|air ?raids?|aerial (?:bombardments?|bombings?|attacks?|strikes?)|"
    r"air (?:force|forces|attacks?|bombardments?)|war-?planes?|war-?jets?|fighter (?:jets?|planes?|aircraft)|"
    r"jets?|aircraft|helicopters?|gunships?|bombers|drone(?:s| strikes?| attacks?)?|UAVs?|"
    r"unmanned aerial|kamikaze drones?|loitering munitions?|Shahed|barrel bombs?)\b"
)
_SHELL = _c(
    r"\b(?:shell(?:s|ed|ing)|artillery|mortars?|rockets?|missiles?|MLRS|Grad|Uragan|Smerch|Tochka|Iskander|"
    r"Kalibr|howitzers?|cannon(?:s|ade)?|tank (?:fire|shells?|rounds?)|RPGs?|rocket-propelled grenades?|"
    r"projectiles?|heavy weapons|cluster (?:munitions?|bombs?)|bombard(?:ed|ment|ments|ing)|HIMARS)\b"
)
_IED = _c(
    r"\b(?:IEDs?|improvised explosive|roadside bombs?|car bombs?|truck bombs?|VBIEDs?|vehicle-borne|"
    r"explosive devices?|explosives?|bombs? (?:exploded|went off|detonated|blast)|(?:sticky|magnetic|parcel|pipe|"
    r"time) bombs?|unexploded|UXOs?|ERWs?|remnants? of war|detonat(?:ed|ion|ing)|blew up|booby-?trap\w*|"
    r"remote-?controlled|planted)\b"
)
# Mines: the weapon, not the pit (gold mines, mine workers).
_MINE = _c(r"\b(?:land-?mines?|(?:anti-?(?:personnel|tank|vehicle) )?mines?)\b(?! (?:workers?|owners?|compan\w+|sites?|shafts?))")
_MINING = _c(r"\b(?:gold|coal|copper|diamond|cobalt|tin|artisanal|mining|miners?)\b")
_GRENADE = _c(r"\b(?<!rocket-propelled )(?<!stun )(?<!hand-held )grenades?\b(?! launchers?)")
_SUICIDE = _c(
    r"\b(?:suicide (?:bomb\w*|attack\w*|car|vest\w*|belt\w*|vehicle|truck|blast\w*)|SVBIEDs?|"
    r"blew (?:himself|herself|themselves) up|self-detonat\w*)\b"
)
_CHEMICAL = _c(r"\b(?:chemical (?:weapons?|attacks?|agents?|munitions?)|sarin|chlorine gas|mustard gas|nerve (?:agent|gas)|toxic gas)\b")
_EXPLOSION = _c(r"\b(?:explosions?|blasts?|bursts?|detonations?)\b")

_CIVILIAN_TARGET = _c(
    r"\b(?:kill(?:ed|ing|s)?|shot|shoot(?:ing|s)?|executed|execut(?:ing|ion)|behead(?:ed|ing)|stabb(?:ed|ing)|"
    r"hack(?:ed|ing)|tortur(?:ed|ing)|beat(?:en|ing)?|assault(?:ed|ing)|attack(?:ed|ing|s)?|injur(?:ed|ing)|"
    r"wound(?:ed|ing)|murder(?:ed|ing)|assassinat(?:ed|ing)|lynch(?:ed|ing)|burn(?:ed|t|ing)|whipp(?:ed|ing)|"
    r"flogg(?:ed|ing)|mutilat(?:ed|ing)|harass(?:ed|ing)|opened fire|fired|hurled|threw|targeted|"
    r"raid(?:ed|ing)|abduct\w*|kidnap\w*|rap(?:ed|ing)|massacr(?:ed|ing)|hit|chased)\b"
    r"(?:\s+(?:and|or)\s+\w+)?(?:\s+[\w'’-]+){0,5}?\s+(?:(?:at|on|upon|against|into)\s+)?"
    r"(?:(?:the|a|an|\d+|" + _NUM + r"|his|her|their|its|local|unarmed|innocent|young|elderly|old|[\w-]+-year-old|"
    r"[A-Z][a-z]+)\s+){0,4}?" + _CIVILIAN + r"\b"
)
_CIVILIAN_SITE = _c(
    r"\b(?:attack(?:ed|s|ing)?|raid(?:ed|s|ing)?|storm(?:ed|ing)|burn(?:ed|t)|torch(?:ed|ing)|targeted|"
    r"fired (?:on|at|into)|opened fire (?:on|at|in|inside))\s+(?:the |a |an )?(?:[\w'’-]+ ){0,3}?"
    r"(?:offices?|schools?|hospitals?|clinics?|markets?|churches|church|mosques?|homes?|houses?|villages?|"
    r"buses|bus|restaurants?|hotels?|shops?|weddings?|funerals?|newspapers?|weekly|radio stations?|polling stations?|"
    r"(?:cattle |IDP |refugee )camps?|facilities|compound|premises|farms?|wells?|mines?|mining sites?)\b"
)
_TORTURE = _c(r"\b(?:tortur(?:e|ed|ing)|ill[- ]treatment|died in (?:custody|detention|prison))\b")
# Unorganised crowds that use violence: ACLED's rioters (a mob outside a demonstration).
_CROWD = (r"(?:mobs?|crowds?|villagers|residents|locals|youths|people|groups? of (?:[\w-]+ )?(?:people|residents|"
          r"locals|youths|men|villagers|individuals)|(?:ethnic |tribe |clan |community )?members|supporters|refugees|"
          r"migrants|students|tribesmen|communal groups|rioters|Palestinians|settlers|inmates|prisoners|fans)")
_CROWD_VIOLENCE = _c(
    r"\b" + _CROWD + r"\s+(?:[\w'’-]+\s+){0,3}?(?:attacked|beat|beaten|assaulted|injured|killed|lynched|fought|clashed|"
    r"threw|hurled|stoned|burned|torched|set fire|vandali[sz]ed|damaged|stormed|looted|chased)\b"
    r"|\b(?:clash(?:es)?|fights?|fighting|brawls?|scuffles?|street-fight|fist-?fights?)\s+(?:broke out |erupted |"
    r"took place )?(?:between|among|of|with)\s+(?:[\w'’-]+\s+){0,4}?" + _CROWD + r"\b"
    r"|\b(?:attacked|beaten|assaulted|injured|killed|lynched|stoned) by (?:[\w'’-]+ ){0,3}?" + _CROWD + r"\b"
)
_CIVILIAN_VICTIM = _c(
    r"\b" + _CIVILIAN + r"\s+(?:\([^)]{1,30}\)\s+)?(?:were|was|had been|have been|has been|got|being)?\s*"
    r"(?:(?:reportedly|allegedly|fatally|seriously|critically|severely|later|also)\s+)?"
    r"(?:killed|shot|executed|beheaded|stabbed|hacked|tortured|beaten|assaulted|attacked|injured|wounded|"
    r"murdered|assassinated|lynched|burned|whipped|mutilated|found dead|died)\b"
)
_CIVILIAN_WORD = _c(r"\b(?:civilians?|non-?combatants?)\b")
_SEXUAL = _c(
    r"\b(?:rap(?:e|es|ed|ing)|gang-?rap\w*|sexual(?:ly)? (?:assault\w*|abus\w*|violence|violated|exploit\w*|"
    r"harass\w*|attack\w*|torture)|sexual slavery|molest\w*|stripped (?:naked|them|her|him))\b"
)
_ABDUCTION = _c(
    r"\b(?:abduct(?:ed|s|ing|ion|ions)|kidnap(?:ped|ping|pings|s)?|hostages?|took (?:[\w-]+ ){0,3}?captive|"
    r"taken captive|forcibly disappeared|forced disappearance|enforced disappearance|disappeared)\b"
)
_KILLED = _c(r"\b(?:kill(?:ed|ing)|dead|died|death|fatalit(?:y|ies)|beheaded|executed|murdered|shot dead|bodies|body)\b")

_TAKE = _c(
    r"\b(?:(?:took|taken|take|takes|taking|seized|seize|gained|gaining|regained|regain|retook|retake|assumed|established|"
    r"wrested|wrest) (?:full |total |back |effective )?control|recaptur(?:ed|es|ing)|retook|regained|"
    r"captur(?:ed|es|ing)|seiz(?:ed|es|ing)|overr(?:an|un)|liberat(?:ed|es|ing)|took over|taken over|"
    r"entered|advanced (?:into|on)|swept into|fell to|under (?:the |their )?control|control over)\b"
)
# Verbs of taking by force (a neutral "took control of" needs a fight told beside it to be a battle).
_FORCEFUL_TAKE = _c(r"\b(?:captur(?:ed|es|ing)|overr(?:an|un)|storm(?:ed|ing)|recaptur(?:ed|es|ing)|ret(?:ook|aken?)|"
                    r"liberat(?:ed|es|ing)|seized (?!control)|conquer(?:ed|s)|occupied)\b")
_NONVIOLENT = _c(
    r"\b(?:without (?:a fight|any fight|fighting|resistance|clashes|a shot|bloodshed|violence)|"
    r"peaceful(?:ly)? (?:handover|transfer)|handed (?:[\w-]+ ){0,3}?over|abandoned|vacated|after (?:[\w-]+ ){0,4}?withdr(?:ew|awal))\b"
)

_VIOLENT_DEATH = _c(r"\b(?:gunshot|bullet|shot|stab(?:bed|s)?|tortur\w*|behead\w*|strangl\w*|mutilat\w*|"
                    r"slaughter\w*|execut\w*|hands tied|signs of violence)\b")
_DISRUPT = _c(
    r"\b(?:defus(?:ed|ing|al)|dismantl(?:ed|ing)|deactivat(?:ed|ing)|neutrali[sz](?:ed|ing)|disarm(?:ed|ing)|"
    r"safely (?:detonated|destroyed|removed)|controlled (?:explosion|detonation)|intercept(?:ed|ing|ion|ions)|"
    r"shot down|downed|(?:air|missile) defen[cs]e|foiled|thwarted|prematurely|accidentally (?:detonated|exploded)|"
    r"(?:found|discovered|seized|recovered|uncovered|confiscated|unearthed|captured|located)"
    r"(?! (?:at|in|near|on|with|along|to|from|by|inside|outside)\b) (?:[\w,-]+ ){0,6}?"
    r"(?:weapons|arms|ammunition|munitions|rifles|guns|pistols|explosives?|IEDs?|mines|landmines|grenades|"
    r"rockets|missiles|cache|caches|arsenal|depot|stockpiles?|bomb-making|detonators?|devices?)|"
    r"(?:weapons|arms|ammunition|explosives|IEDs?) (?:were |was )?(?:found|discovered|seized|recovered|confiscated))\b"
)
_LOOT = _c(
    r"\b(?:loot(?:ed|ing|s)?|pillag(?:ed|ing|e)|plunder(?:ed|ing)?|ransack(?:ed|ing)|torch(?:ed|ing)|"
    r"set (?:[\w-]+ ){0,3}?(?:on )?fire|burn(?:ed|t|ing) (?:down )?(?:[\w'’-]+ ){0,3}?(?:houses?|homes?|shops?|huts?|"
    r"vehicles?|cars?|trucks?|buildings?|villages?|property|properties|crops|fields|offices?|schools?|"
    r"churches|church|mosques?|markets?|stores?|granar\w+|machinery|equipment)|"
    r"destroy(?:ed|ing) (?:[\w'’-]+ ){0,3}?(?:houses?|homes?|shops?|property|properties|crops|buildings?|"
    r"vehicles?|machinery|equipment|offices?|infrastructure)|demolish(?:ed|ing)|raz(?:ed|ing)|"
    r"land (?:grab\w*|seizures?)|seiz(?:ed|ing) (?:[\w'’-]+ ){0,2}?(?:land|property|properties|farms?|livestock|"
    r"cattle|goods|vehicles?|cars?|houses?)|stole|stolen|steal\w*|robb(?:ed|ery|ing)|confiscat(?:ed|ing)|"
    r"vandali[sz](?:ed|ing|m)|rustl(?:ed|ing))\b"
)
_ARREST = _c(
    r"\b(?:arrest(?:ed|s|ing)?|detain(?:ed|s|ing)|apprehend(?:ed|s|ing)|into custody|rounded up|"
    r"under (?:house )?arrest)\b"
)
_BASE = _c(
    r"\b(?:set(?:ting)? up|establish(?:ed|es|ing|ment of)|built|building|construct(?:ed|ing|ion of)|opened|erected)\b "
    r"(?:[\w-]+ ){0,4}?(?:bases?|camps?|headquarters|HQs?|outposts?|posts?|positions?|cent(?:er|re)s?|offices?|"
    r"stations?|checkpoints?|garrisons?)\b"
)
_CHANGE = _c(
    r"\b(?:recruit(?:ed|ing|ment|s)?|defect(?:ed|ion|ions|ors?)|surrender(?:ed|s|ing)?|reinforcements?|"
    r"build-?up|mobili[sz](?:ed|ation|ing)|deploy(?:ed|ment|ments|ing|s)?|redeploy\w*|curfews?|"
    r"state of emergency|martial law|merg(?:ed|er)|splinter\w*|joined forces|training|trained|graduat\w+|"
    r"exercises?|drills?|patrol(?:led|ling|s)?|convoys?|mov(?:ed|ing) (?:[\w-]+ ){0,2}?(?:troops|forces|units)|"
    r"arriv(?:ed|al)|relocat\w*|withdr(?:ew|awn|awal|aw)|pulled out|retreat(?:ed)?|took position|deserted|"
    r"imposed|banned|ban on|closed|shut down|suspended)\b"
)
_AGREE = _c(
    r"\b(?:agreements?|agreed|deals?|signed|cease-?\s?fires?|truces?|peace (?:accord|deal|agreement)|"
    r"accords?|memorand(?:um|a)|prisoner(?:s)? (?:exchange|swap)|exchange of (?:prisoners|bodies|detainees)|"
    r"swap(?:ped)?|reconciliation|pact)\b"
)
_OTHER = _c(
    r"\b(?:mass graves?|(?:bodies|corpses?|remains) (?:[\w-]+ ){0,4}?(?:found|discovered|recovered|exhumed|washed up)|"
    r"coup|seized power|displac(?:ed|ement)|fled (?:their|the)|hunger strike|self-immolat\w*|elections?|referendum|"
    r"released|freed)\b"
)

# Demonstrations.
_PROTEST = _c(
    r"\b(?:protest(?:s|ed|ers?|ing|ors?)?|demonstrat(?:ion|ions|ors?|ed|ing|e)|rall(?:y|ies|ied)|marche[sd]|"
    r"march(?:ing)?|sit-?ins?|picket\w*|strikers|striking (?:workers|teachers|doctors|employees|miners)|"
    r"took to the streets|gathered|gathering|assembl(?:ed|y)|vigils?|commemorat\w+|boycott\w*)\b"
)
_DEMO_ACTORS = r"(?:protesters|protestors|demonstrators|rioters|marchers|students|youths?|crowds?|participants|residents|supporters|workers|people)"
_RIOT = _c(
    r"\b(?:riot(?:s|ed|ing|ers)?(?! police| gear| control| squad| unit)|rioters|"
    r"(?:threw|throw|throwing|hurl(?:ed|ing)?|pelt(?:ed|ing)?|lobb(?:ed|ing)) (?:[\w-]+ ){0,3}?(?:stones|rocks|bricks|"
    r"bottles|molotov\w*|petrol bombs?|fire-?bombs?|projectiles|objects|firecrackers|fireworks)|"
    r"stone-?pelting|stone-?throwing|molotov|petrol bombs?|burn(?:ed|t|ing) (?:[\w-]+ ){0,2}?(?:tyres|tires)|"
    r"barricad(?:es|ed|ing)|vandali[sz](?:ed|ing|m)|smash(?:ed|ing)|ransack(?:ed|ing)|stormed|"
    r"set (?:[\w-]+ ){0,3}?(?:on )?fire|torch(?:ed|ing)|damag(?:ed|ing)|destroy(?:ed|ing)|(?<!of )(?<!the )looted|"
    r"attack(?:ed|ing) (?:the )?(?:police|security forces|officers|soldiers|offices?|building|station|headquarters|"
    r"vehicles?|property|shops?|homes?|houses?)|clash(?:ed|es) with (?:the )?(?:police|security forces|troops|"
    r"soldiers|counter-?protesters|supporters|each other)|brawl\w*|scuffl\w*|fist-?fights?|violent(?:ly)?|"
    r"turned violent|injur(?:ed|ing) (?:[\w-]+ ){0,3}?(?:police|officers|policemen)|beat (?:up )?(?:a |the |two )?"
    r"(?:police|officers?|policem[ae]n|journalists?)|(?:clash(?:es|ed)?|fight(?:s|ing)?|confrontations?) "
    r"(?:[\w'’-]+ ){0,2}?(?:of|between|with|among|involving) (?:[\w'’-]+ ){0,3}?(?:demonstrators|protesters|protestors|"
    r"rioters|marchers|participants)|(?:demonstrators|protesters|protestors|marchers|participants) (?:[\w'’-]+ ){0,3}?"
    r"(?:clashed|fought|scuffled|attacked|burned|torched|damaged|stormed|broke into|forced (?:their way|entry))|"
    r"burn(?:ed|t|ing) (?:[\w'’-]+ ){0,3}?(?:material|cars?|vehicles?|shops?|buildings?|tyres|tires|banks?|offices?)|"
    r"(?:turned|turning) over|overturn(?:ed|ing)|set alight|forcibly entered|forced their way|"
    r"(?:fired|firing) (?:[\w-]+ )?(?:gun)?shots in the air|block(?:ed|ing) (?:the |a |main |several |major )?"
    r"(?:[\w'’-]+ ){0,3}?(?:roads?|highways?|avenues?|streets?|routes?|bridges?|roundabouts?|junctions?|entrances?) "
    r"(?:[\w'’-]+ ){0,3}?(?:with|using) (?:[\w'’-]+ ){0,3}?(?:barricades?|burning|stones|rocks|tyres|tires|debris|logs|"
    r"boulders))\b"
)
_MOB = _c(
    r"\b(?:mobs?|lynch(?:ed|ing|ings)?|vigilantes?|mob justice|jungle justice|angry (?:crowd|residents|villagers|"
    r"youths|locals|mob)|crowd of (?:residents|villagers|youths|people)|(?:residents|villagers|youths|locals|"
    r"a crowd) (?:[\w-]+ ){0,2}?(?:beat|attacked|killed|lynched|burned|set fire|stoned|chased|assaulted))\b"
)
_EXCESSIVE = _c(
    r"\b(?:live (?:ammunition|rounds|bullets|fire)|opened fire (?:on|at) (?:the )?(?:[\w-]+ )?" + _DEMO_ACTORS + r"|"
    r"fired (?:live )?(?:[\w-]+ )?(?:on|at|into) (?:the )?(?:[\w-]+ )?" + _DEMO_ACTORS + r"|"
    r"shot (?:dead )?(?:\d+ |a |an |one |two |three |several )?(?:[\w-]+ )?(?:protesters|protestors|demonstrators)|"
    r"intervened with live|(?:opened|opening) fire (?:on|at) (?:the )?(?:[\w-]+ )?(?:demonstrators|protesters|protestors|"
    r"marchers|crowd)|"
    r"(?:protesters|protestors|demonstrators|marchers)(?: [\w-]+){0,6}? (?:were |was )?(?:killed|shot|shot dead|died|"
    r"seriously (?:injured|wounded)|critically (?:injured|wounded))|killing (?:[\w-]+ ){0,2}?(?:protesters|protestors|demonstrators)|"
    r"(?:killed|shot|wounded) (?:[\w-]+ ){0,2}?(?:protesters|protestors|demonstrators|marchers))\b"
)
_INTERVENTION = _c(
    r"\b(?:dispers(?:ed|e|ing|al)|tear-?\s?gas|teargas|water cannons?|rubber (?:bullets|coated bullets|pellets)|"
    r"pepper spray|stun grenades?|sound grenades?|batons?|truncheons?|broke up|break up|cordon\w*|"
    r"prevent(?:ed|ing) (?:[\w-]+ ){0,3}?(?:from|the)|block(?:ed|ing) (?:[\w-]+ ){0,2}?(?:protesters|demonstrators|march|rally|them)|"
    r"(?:arrest(?:ed|s)?|detain(?:ed|s)?|apprehend(?:ed)?) (?:[\w,-]+ ){0,5}?(?:protesters|protestors|demonstrators|"
    r"participants|activists|marchers|organi[sz]ers|people|students|them)|(?:protesters|protestors|demonstrators|"
    r"participants|activists|marchers)(?: [\w-]+){0,6}? (?:were |was )?(?:arrested|detained|beaten|injured|wounded)|"
    r"forcibly (?:removed|evicted)|(?:did not|didn't|refused to) (?:allow|let)|interrupt\w*|faced off|"
    r"(?:opened fire|fired) (?:in the air|to disperse)|(?:\d+|two|three|four|five|several|some|many|dozens of|"
    r"hundreds of|an unknown number of|an unspecified number of|\w+) (?:[\w-]+ ){0,2}?(?:people|persons|participants|"
    r"of them|women|men|youths|students|activists) (?:were |have been |had been )?(?:arrested|detained)|"
    r"(?:arrested|detained) (?:\d+|two|three|four|five|several|some|many|dozens of|an unknown number of|"
    r"an unspecified number of) |"
    r"(?:police|security forces|soldiers|troops) (?:[\w-]+ ){0,2}?(?:intervened|beat|"
    r"charged|fired (?:in the air|warning shots)|chased)|warning shots|intervened|intervention|suppress(?:ed|ing)|crack(?:ed)? down|"
    r"crackdown|confiscated|seized (?:their )?(?:banners|placards|posters))\b"
)
# Road blocks by demonstrators: a riot with barricades, burning tyres or stones (ACLED), else peaceful.
_ROADBLOCK = _c(r"\b(?:block(?:ed|ing|ade)|clos(?:ed|ing)|cut off) (?:[\w-]+ ){0,3}?(?:roads?|highways?|streets?|routes?|traffic|bridges?)\b")


# Each cue class, by name: its patterns (any of them found, not negated, is the cue).
_CUE_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "clash": (_CLASH,), "on_armed": (_ON_ARMED,), "small_arms": (_SMALL_ARMS,), "heavy": (_HEAVY,),
    "air": (_AIR,), "shell": (_SHELL,), "grenade": (_GRENADE,), "suicide": (_SUICIDE,), "chemical": (_CHEMICAL,),
    "explosion": (_EXPLOSION,), "civilian_target": (_CIVILIAN_TARGET, _CIVILIAN_VICTIM, _CIVILIAN_SITE),
    "civilian_word": (_CIVILIAN_WORD,), "torture": (_TORTURE,), "crowd": (_CROWD_VIOLENCE,), "sexual": (_SEXUAL,),
    "abduction": (_ABDUCTION,), "killed": (_KILLED,), "take": (_TAKE,), "forceful": (_FORCEFUL_TAKE,),
    "disrupt": (_DISRUPT,), "loot": (_LOOT,), "arrest": (_ARREST,), "base": (_BASE,), "change": (_CHANGE,),
    "protest": (_PROTEST,), "riot": (_RIOT,), "mob": (_MOB,), "excessive": (_EXCESSIVE,),
    "intervention": (_INTERVENTION,), "roadblock": (_ROADBLOCK,),
}


class Cues:
    """What the words of an incident tell: each cue class of the codebook's definitions a flag
    (``c.clash``, ``c.air``, ``c.protest`` ...), looked for only when a rule asks for it;
    ``civilian_at`` / ``armed_at`` are where the first civilian and armed targets are told (-1: nowhere)."""

    def __init__(self, text: str) -> None:
        self.text = text
        # each pattern tried only where a word it opens with starts (karamap.prefilter)
        self.scan = TextScan(text)
        self.negated = [(m.start(), m.end()) for m in self.scan.finditer(_NEGATED)]
        self._found: dict[str, bool | int] = {}

    def __getattr__(self, name: str) -> bool | int:
        if name.startswith("_") or name in ("text", "negated", "scan"):
            raise AttributeError(name)
        found = self._found
        if name not in found:
            text, negated = self.scan, self.negated
            if name == "ied":
                found[name] = _unnegated(_IED, text, negated) or (
                    _unnegated(_MINE, text, negated) and not text.search(_MINING))
            elif name == "nonviolent":
                found[name] = bool(text.search(_NONVIOLENT))
            elif name == "civilian_at":
                found[name] = _first(text, negated, _CIVILIAN_TARGET, _CIVILIAN_VICTIM, _CIVILIAN_SITE)
            elif name == "armed_at":
                found[name] = _first(text, negated, _ON_ARMED)
            elif name in _CUE_PATTERNS:
                found[name] = any(_unnegated(p, text, negated) for p in _CUE_PATTERNS[name])
            else:
                raise AttributeError(name)
        return found[name]


def _unnegated(pattern: re.Pattern[str], text: TextScan, negated: list[tuple[int, int]]) -> bool:
    for m in text.finditer(pattern):
        if not any(a <= m.start() < b for a, b in negated):
            return True
    return False


def _first(text: TextScan, negated: list[tuple[int, int]], *patterns: re.Pattern[str]) -> int:
    found = [m.start() for p in patterns for m in text.finditer(p)
             if not any(a <= m.start() < b for a, b in negated)]
    return min(found) if found else -1


def cues_of(text: str) -> Cues:
    """The cue classes present in ``text`` (the words of one incident); negated mentions do not count.

    >>> c = cues_of("Police fired tear gas to disperse protesters. No casualties were reported.")
    >>> (c.protest, c.intervention, c.killed)
    (True, True, False)
    """
    return Cues(text)


def actor_is_state(text: str, start: int, verb: int, end: int) -> bool | None:
    """Whether the force that acts at ``verb`` (a clause ``text[start:end]`` that tells territory
    taken or people arrested) is a state force (True), a non-state group (False), or unknown
    (None): the actor named last before the verb decides, else the one after "by" ("the town was
    retaken by the army", "the town fell to the militants").

    A small stand-in until actor types come from :mod:`karamap.events.actors`.

    >>> t = "Rebels captured the town."
    >>> actor_is_state(t, 0, 7, len(t))
    False
    >>> t = "The town was retaken by the army."
    >>> actor_is_state(t, 0, 13, len(t))
    True
    """
    best: tuple[int, bool] | None = None
    for pattern, is_state in ((_STATE_ACTOR, True), (_NONSTATE_ACTOR, False)):
        for m in pattern.finditer(text, start, verb):
            if best is None or m.start() > best[0]:
                best = (m.start(), is_state)
    if best is not None:
        return best[1]
    by = re.compile(r"\b(?:by|fell to|into the hands of)\b").search(text, verb, end)
    if by:
        found = [(m.start(), flag) for pattern, flag in ((_STATE_ACTOR, True), (_NONSTATE_ACTOR, False))
                 if (m := pattern.search(text, by.end(), end))]
        if found:
            return min(found)[1]
    return None


@dataclass(frozen=True, slots=True)
class Coding:
    """An incident's karamap type and its ACLED pair with the codes that go with it."""

    type: str
    disorder_type: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    cameo: str | None
    plover: str | None


_DEMONSTRATION_TYPES = frozenset({"protest", "riot"})
# An organised armed actor among the perpetrators: not a mob.
_ORGANISED = _c(
    r"\b(?:gunmen|militants?|rebels?|insurgents?|jihadists?|militias?|militiam[ae]n|fighters|soldiers|troops|forces|"
    r"army|police|armed (?:men|group)|bandits|Taliban|al-?Shabaa?b|Islamic State|Boko Haram|ISWAP|JNIM)\b")
_VIOLENT_TYPES = frozenset({
    "armed_clash", "territory_taken", "shelling_air_strike", "explosion", "attack_on_civilians", "abduction",
    "casualties", "ceasefire_violation",
})
# The karamap type that shows each ACLED sub-event type on the map, where a type changes.
_TYPE_OF_SUB = {
    "Armed clash": "armed_clash", "Government regains territory": "territory_taken",
    "Non-state actor overtakes territory": "territory_taken", "Chemical weapon": "shelling_air_strike",
    "Air/drone strike": "shelling_air_strike", "Shelling/artillery/missile attack": "shelling_air_strike",
    "Suicide bomb": "explosion", "Remote explosive/landmine/IED": "explosion", "Grenade": "explosion",
    "Sexual violence": "attack_on_civilians", "Attack": "attack_on_civilians",
    "Abduction/forced disappearance": "abduction", "Peaceful protest": "protest",
    "Protest with intervention": "protest", "Excessive force against protesters": "protest",
    "Violent demonstration": "riot", "Mob violence": "riot", "Arrests": "arrest",
    "Looting/property destruction": "looting", "Disrupted weapons use": "weapons_seized",
    "Change to group/activity": "group_change", "Other": "other_development", "Agreement": "agreement_signed",
    "Headquarters or base established": "deployment", "Non-violent transfer of territory": "territory_handed_over",
}


def _remote(c: Cues) -> str | None:
    """The Explosions/Remote violence sub-type the instrument tells (the codebook's order of specificity)."""
    if c.suicide:
        return "Suicide bomb"
    if c.chemical:
        return "Chemical weapon"
    if c.air:
        return "Air/drone strike"
    if c.ied:
        return "Remote explosive/landmine/IED"
    if c.grenade:
        return "Grenade"
    if c.shell:
        return "Shelling/artillery/missile attack"
    return None


def _demonstration(c: Cues) -> str:
    if c.mob and not c.protest:
        return "Mob violence"
    if c.riot:
        return "Violent demonstration"
    if c.excessive:
        return "Excessive force against protesters"
    if c.intervention:
        return "Protest with intervention"
    return "Peaceful protest"


def _violence(type_: str, present: set[str], c: Cues, state: bool | None) -> str:
    """The sub-type of a violent incident, by the codebook's precedence."""
    fought = c.clash or c.on_armed or c.killed or c.forceful or bool(
        present & {"armed_clash", "casualties", "shelling_air_strike"})
    if "territory_taken" in present:
        # Territory taken without a fight is a non-violent transfer (ACLED Strategic developments).
        if not fought or (c.nonviolent and not c.clash):
            return "Non-violent transfer of territory"
        return "Non-state actor overtakes territory" if state is False else "Government regains territory"
    remote = _remote(c)
    if c.disrupt and remote and not c.killed and not c.clash:
        return "Disrupted weapons use"
    if c.clash:
        return "Armed clash"
    if remote:
        # Small arms fire on positions is a battle even where grenade launchers or heavy machine
        # guns are named; artillery, mortars and heavy weapons without an exchange are remote violence.
        if remote == "Shelling/artillery/missile attack" and c.on_armed and c.small_arms and not c.heavy:
            return "Armed clash"
        return remote
    if c.explosion and "explosion" in present:
        return "Remote explosive/landmine/IED"
    if c.sexual:
        return "Sexual violence"
    # An abduction with deaths is an attack (the codebook); torture of the held too.
    if c.abduction and not c.killed and not c.torture:
        return "Abduction/forced disappearance"
    # Civilians harmed where armed forces are attacked first are a battle's victims (the codebook);
    # an attack that targets them first is violence against civilians.
    if c.on_armed and c.armed_at >= 0 and (c.civilian_at < 0 or c.armed_at < c.civilian_at):
        return "Armed clash"
    if c.civilian_target or c.torture or type_ == "attack_on_civilians":
        return "Attack"
    if c.on_armed or present & {"armed_clash", "ceasefire_violation"}:
        return "Armed clash"
    if "abduction" in present and not c.killed:
        return "Abduction/forced disappearance"
    if c.civilian_word or present & {"attack_on_civilians", "abduction"}:
        return "Attack"
    return "Armed clash"


def code_incident(types: Sequence[str], text: str, *, state_actor: bool | None = None) -> Coding:
    """The coding of an incident whose clauses gave karamap ``types`` (most specific first), told by ``text``.

    ``state_actor`` says whether the force that acts (takes territory, arrests) is a state force
    (see :func:`actor_is_state`; None: unknown).

    >>> code_incident(["shelling_air_strike"], "A drone strike killed a civilian in the village.").acled_sub_event_type
    'Air/drone strike'
    >>> c = code_incident(["protest"], "Hundreds protested; police dispersed them with tear gas.")
    >>> (c.acled_event_type, c.acled_sub_event_type)
    ('Protests', 'Protest with intervention')
    >>> code_incident(["casualties"], "Gunmen shot dead two farmers.").acled_sub_event_type
    'Attack'
    >>> c = code_incident(["earthquake", "attack_on_civilians"], "The earthquake killed 40 villagers.")
    >>> (c.type, c.acled_event_type, c.disorder_type, c.cameo)
    ('earthquake', None, None, None)
    """
    type_ = types[0]
    kind = EVENT_TYPES.get(type_)
    present = set(types)
    if kind is None or type_ in HAZARD_TYPES or all(
            EVENT_TYPES[t].acled_event_type is None for t in present if t in EVENT_TYPES):
        # A disaster or an accident is outside ACLED's scope, whatever harm its words tell ("the
        # quake killed 2,000 people" is no attack on civilians, "the fire gutted 40 shops" no looting).
        return _coding(type_, None)
    if kind.acled_event_type is None:
        type_ = next(t for t in types if t in EVENT_TYPES and EVENT_TYPES[t].acled_event_type is not None)
    c = cues_of(text)
    sub: str | None
    violent = present & _VIOLENT_TYPES
    if present & _DEMONSTRATION_TYPES and not (violent and not (c.protest or c.riot or c.mob)):
        type_ = "riot" if "riot" in present else "protest"
        sub = _demonstration(c)
        if type_ == "riot" and sub in ("Peaceful protest", "Protest with intervention"):
            sub = "Mob violence" if c.mob and not c.protest else "Violent demonstration"
    elif (c.mob or (c.crowd and not c.scan.search(_ORGANISED))) and (violent or present & {"looting", "riot", "arrest"}) \
            and not c.protest and not _remote(c):
        type_, sub = "riot", "Mob violence"
    elif violent:
        type_ = next(t for t in types if t in _VIOLENT_TYPES)
        sub = _violence(type_, present, c, state_actor)
    elif type_ == "arrest":
        sub = "Abduction/forced disappearance" if state_actor is False else "Arrests"
    elif type_ == "looting":
        sub = "Looting/property destruction"
    elif type_ == "weapons_seized":
        sub = "Disrupted weapons use"
    elif type_ == "other_development" and c.scan.search(_VIOLENT_DEATH) and not re.search(r"\bmass graves?\b", text, _I):
        type_, sub = "attack_on_civilians", "Attack"
    elif type_ == "deployment":
        sub = "Headquarters or base established" if c.base else "Change to group/activity"
    elif type_ in ("territory_handed_over", "withdrawal"):
        sub = "Non-violent transfer of territory" if (c.take or c.nonviolent or type_ == "territory_handed_over") \
            else "Change to group/activity"
    else:
        sub = EVENT_TYPES[type_].acled_sub_event_type
    return _coding(type_, sub, present)


def _coding(type_: str, sub: str | None, present: set[str] | frozenset[str] = frozenset()) -> Coding:
    kind = EVENT_TYPES.get(type_) or EVENT_TYPES["statement"]
    if sub is None:
        return Coding(kind.name, None, None, None, kind.cameo, kind.plover)
    target = _TYPE_OF_SUB.get(sub, kind.name)
    # The sub-type's own karamap type shows it on the map where a clause told it ("clashes
    # erupted" beside "violated the truce"); else a type keeps its name where it covers the
    # sub-type (a withdrawal handing over territory, a truce violation that is a clash).
    if target not in present and (EVENT_TYPES[kind.name].acled_sub_event_type == sub or _covers(kind.name, sub)):
        target = kind.name
    shown = EVENT_TYPES[target]
    info = ACLED_SUB_EVENT_TYPES[sub]
    if shown.acled_sub_event_type == sub:
        cameo, plover = shown.cameo, shown.plover
    else:
        cameo, plover = info.cameo or shown.cameo, info.plover or shown.plover
    return Coding(target, info.disorder_type, info.event_type, sub, cameo, plover)


_COVERS = {
    "withdrawal": frozenset({"Non-violent transfer of territory", "Change to group/activity"}),
    "territory_handed_over": frozenset({"Non-violent transfer of territory"}),
    "deployment": frozenset({"Headquarters or base established", "Change to group/activity"}),
    "ceasefire": frozenset({"Agreement"}),
    "ceasefire_violation": frozenset({"Armed clash"}),
    "territory_taken": frozenset({"Government regains territory", "Non-state actor overtakes territory",
                                  "Non-violent transfer of territory"}),
}


def _covers(type_: str, sub: str) -> bool:
    return sub in _COVERS.get(type_, frozenset())
