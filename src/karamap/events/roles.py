"""Roles: which actor of a sentence acts (ACLED's actor 1) and which is acted on (actor 2).

Roles come from the syntax around the event's trigger: the subject before an active verb acts
("Taliban militants attacked a checkpoint"); the agent of a passive acts ("a civilian was
killed by unknown gunmen"; "an airstrike by Afghan forces"); what follows the verb, or "on",
"against", "at", "targeting", is acted on ("fired on the positions of ..."); both sides of a
reciprocal event ("X and Y clashed", "clashes between X and Y", "X clashed with Y") are the two
actors. A subject that came under fire or was killed is acted on. Actors named in the same
subject or object ("X and Y attacked", "supported by Y") are associated actors. Mentions that
play no part (a bystander named in passing, the source of the report) are no actors.

:func:`acled_fields` then names the roles in ACLED's style and codes ``inter1``/``inter2``,
``interaction`` and ``civilian_targeting`` for the event's ACLED type.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from karamap.events.actors import (
    CIVILIANS, EXTERNAL, MILITIA, PROTESTERS, RIOTERS, STATE, ActorMention, acled_name, actor_mentions, air_force,
    country_name, social_label,
)
from karamap.model import Resolution

__all__ = [
    "Parties", "find_parties", "ActorFields", "acled_fields", "interaction_code", "is_civilian_target", "with_parties",
    "DIPLOMACY",
]

_F = re.IGNORECASE
_BY = re.compile(r"\b(?:by|from)\s+(?:the\s+|a\s+|an\s+)?(?:(?:about|around|some|nearly|over|more\s+than|at\s+least|"
                 r"up\s+to|approximately|an\s+estimated)\s+)?$", _F)
_UNDER_FIRE = re.compile(r"\b(?:came|come|comes|coming|were|was)\s+under\s+(?:heavy\s+)?(?:fire|attack|shelling)\b", _F)
_PASSIVE = re.compile(
    r"^\s*(?:,[^,]{0,40},\s*)?(?:(?:have|has|had)\s+been|was|were|is|are|got|been|being)\s+(?:\w+ly\s+)?"
    r"(?:\w+ed|\w+en|shot|hit|struck|caught|taken|held|beaten|slain|seized|stolen|burnt|hurt|killed)\b"
    r"|^\s*(?:came|come|comes)\s+under\b|^\s*(?:died|perished)\b", _F)
_OBJECT_PREP = re.compile(
    r"\b(?:on|at|against|targeting|targeted|toward|towards|into|upon|killing|wounding|injuring|abducting|"
    r"kidnapping|arresting|detaining|attacking|hitting|striking)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,3}$", _F)
# Prepositions that make a phrase before the trigger something other than its subject.
_GOVERNED = re.compile(r"\b(?:of|in|at|near|on|against|to|towards|toward|into|for|with|from|by|between|among|"
                       r"amid|including|about|over)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,2}$", _F)
# Events of two sides alike: a fight, and the dealings of diplomacy ("X and Y signed ...").
# A verb right before a phrase makes the phrase its object; participles that describe a group
# ("suspected militants", "armed men", "warring sides") do not.
_AFTER_VERB = re.compile(
    r"\b(?!(?:suspected|alleged|armed|presumed|unidentified|masked|reported|united|allied|combined|"
    r"affiliated|aligned|backed|led|supported|organised|organized|so-called|ruling|opposing|warring|"
    r"neighbouring|neighboring|fighting|rebelling|protesting|demonstrating|striking|remaining|following|"
    r"including|during|according|concerning|regarding|morning|evening)\s)"
    r"(?:\w+ed|\w+ing|shot|hit|struck|beat|stole|took|seized)\s+$", _F)
_RECIPROCAL = re.compile(
    r"\b(?:clash\w*|fought|fight\w*|battl\w*|skirmish\w*|exchang\w*|firefights?|gunfights?|confront\w*|"
    r"engag\w*|brawl\w*|scuffl\w*|fighting|sign\w*|agree\w*|met|meet\w*|talk\w*|negotiat\w*|"
    r"discuss\w*|phone\w*|call\w*)\b", _F)
# Where a phrase after the verb says where the event was, not what it acted on ("protested in
# front of the central bank", "gathered outside the ministry").
_PLACE_PREP = re.compile(r"\b(?:in front of|outside(?: of)?|opposite|near|nearby|next to|close to|in|inside|"
                         r"around|along|through|within|behind|beside)\s+(?:the\s+|a\s+|an\s+)?"
                         r"(?:(?!\d)[\w'’-]+\s+){0,2}$", _F)
_BETWEEN = re.compile(r"\bbetween\s+$", _F)
_WITH = re.compile(r"\bwith\s+(?:the\s+|a\s+|an\s+)?$", _F)
_AND = re.compile(r"^\s*(?:,\s*)?(?:and|as well as|along with|together with|alongside|,)\s+(?:the\s+|a\s+|an\s+)?$", _F)
_SUPPORTED = re.compile(r"\b(?:supported|backed|assisted|accompanied|aided|joined)\s+by\s+(?:the\s+)?$|"
                        r"\b(?:with\s+the\s+support\s+of|alongside|along\s+with|together\s+with)\s+(?:the\s+)?$", _F)


@dataclass(frozen=True, slots=True)
class Parties:
    """The actors of one event by role (mentions of the text; None where the text names none)."""

    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc1: tuple[ActorMention, ...] = ()
    assoc2: tuple[ActorMention, ...] = ()


def _is_agent(text: str, m: ActorMention, lo: int) -> bool:
    before = text[max(lo, m.start - 12):m.start]
    if not _BY.search(before):
        return False
    if re.search(r"\bfrom\s+(?:the\s+|a\s+|an\s+)?$", before, _F):
        # "from" names the agent only after "came under fire"
        return bool(_UNDER_FIRE.search(text, max(lo, m.start - 60), m.start))
    return not _SUPPORTED.search(text, max(lo, m.start - 40), m.start)


_MODIFIES = re.compile(r"(?:['’]s)?[\s-]*(?:\w+ed\s+)?(?:[a-z]+\s+)?")
_PRONOUN_SUBJECT = re.compile(
    r"\b(?:it|they|we|he|she)\s+(?:(?:had|has|have|would|will|was|were|also|then)\s+)*(?:\w+ly\s+)?$", _F)
_OTHER_VERB = re.compile(r"\b(?!(?:was|were|been|being|is|are|carried|conducted|reportedly|allegedly)\b)"
                         r"\w+ed\b", _F)


def _attached(text: str, trigger: tuple[int, int], m: ActorMention) -> bool:
    """The agent ``m`` belongs to the trigger: no other verb stands between them, unless joined
    to the trigger ("kidnapped and killed by X")."""
    a, b = (trigger[1], m.start) if m.start >= trigger[1] else (m.end, trigger[0])
    joined = _JOINED_VERBS.match(text, a)
    if joined and m.start >= trigger[1]:
        a = joined.end()
    return b - a <= 60 and not _OTHER_VERB.search(text, a, b)


_JOINED_VERBS = re.compile(r"(?:\s*(?:,|and|or)\s+\w+ed)+", _F)


def _patient_subject(text: str, m: ActorMention, trigger: tuple[int, int]) -> bool:
    """The subject ``m`` undergoes the event ("2 soldiers were killed", "X came under fire")."""
    gap = text[m.end:max(m.end, trigger[1] + 20)]
    return bool(_PASSIVE.match(gap) or _UNDER_FIRE.search(text, m.end, min(len(text), trigger[1] + 30)))


def _joined(text: str, a: ActorMention, b: ActorMention) -> bool:
    """``b`` follows ``a`` in one coordinated phrase ("X and Y", "X, supported by Y")."""
    gap = text[a.end:b.start]
    return bool(_AND.match(gap) or _SUPPORTED.search(gap)) and len(gap) < 45


def find_parties(
    text: str,
    sentence: tuple[int, int],
    trigger: tuple[int, int],
    resolutions: Sequence[Resolution] = (),
    *,
    country: str | None = None,
    exclude: Sequence[tuple[int, int]] = (),
    mentions: list[ActorMention] | None = None,
) -> Parties:
    """The actors of the event whose trigger is at ``trigger`` in ``sentence``.

    ``country`` is the country of the event's place (for acronyms shared across countries);
    mentions inside ``exclude`` (the source of a claim) are left out.

    >>> t = "Unknown gunmen shot and killed a civilian in the town."
    >>> p = find_parties(t, (0, len(t)), (15, 29))
    >>> (p.actor1.text, p.actor2.text)
    ('Unknown gunmen', 'a civilian')
    >>> t = "Two soldiers were killed by Al Shabaab militants."
    >>> p = find_parties(t, (0, len(t)), (18, 24))
    >>> (p.actor1.name, p.actor2.text)
    ('Al Shabaab', 'Two soldiers')
    """
    ss, se = sentence
    ts, te = trigger
    full_end = te
    # the trigger's first word is the pivot: a trigger may reach over its object ("attacked civilians")
    first = re.match(r"[\w'’-]+", text[ts:te])
    te = ts + first.end() if first else te
    ms = mentions if mentions is not None else actor_mentions(text, ss, se, resolutions, country=country)
    spoken = [m for m in ms if any(a <= m.start < b for a, b in exclude)]
    ms = [m for m in ms if m not in spoken]
    if not ms and not spoken:
        return Parties()
    # the agent of the trigger's own passive or noun ("killed by X", "an airstrike by X"), not of
    # another verb between ("shot down drones launched by X")
    agents = [m for m in ms if _is_agent(text, m, ss) and _attached(text, (ts, full_end), m)]
    before = [m for m in ms if m.end <= ts and m not in agents]
    after = [m for m in ms if m.start >= te and m not in agents]
    inside = [m for m in ms if m.start < te and ts < m.end]  # "protesters" as its own trigger
    subject = None
    nominal = not re.search(r"(?:ed|en)$", text[ts:te])  # "attacks", "shelling", not "killed", "taken"
    for m in reversed(before):
        if m.kind == "property":
            continue  # a building does not act
        if nominal and _MODIFIES.fullmatch(text, m.end, ts) and m.kind not in ("people", "protesters", "rioters"):
            subject = m  # "Taliban attacks", "a Taliban-planted bomb": the noun's doer
            break
        if _GOVERNED.search(text, max(ss, m.start - 30), m.start) and not re.search(
                r"^\s*(?:,\s*)?$", text[max(ss, m.start - 3):m.start]):
            continue
        if _AFTER_VERB.search(text, max(ss, m.start - 25), m.start):
            continue  # the object of an earlier verb ("X ambushed and killed Y and wounded Z")
        subject = m
        break
    if subject is None and inside:
        subject = inside[0]
    if subject is None and spoken and _PRONOUN_SUBJECT.search(text, max(ss, ts - 40), ts):
        # "the air force said it had shot down ...": the speaker is the subject
        subject = spoken[-1]
    reciprocal = bool(_RECIPROCAL.search(text, ts, te))
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc1: list[ActorMention] = []
    assoc2: list[ActorMention] = []
    # a phrase the trigger itself names ("fired at demonstrators") is acted on where a subject acts
    objects = [m for m in inside if m is not subject and m.kind != "property"] + [
        m for m in after if m is not subject and not _PLACE_PREP.search(text, max(ss, m.start - 30), m.start)]
    if agents:
        actor1 = agents[0]
        assoc1 = [a for a in agents[1:] if _joined(text, agents[0], a)]
        if subject is not None and (_patient_subject(text, subject, trigger) or subject.end <= ts):
            actor2 = subject
        elif objects:
            actor2 = objects[0]
    elif subject is not None:
        first = [m for m in before if m.start < subject.start and _joined(text, m, subject)]
        if first:
            # "X and Y clashed": two sides of one fight; "X and Y attacked Z": X with Y
            head = first[0]
            if reciprocal and not any(_WITH.search(text, max(ss, m.start - 8), m.start) for m in objects):
                actor1, actor2 = head, subject
            else:
                actor1, assoc1 = head, [m for m in first[1:]] + [subject]
        elif _patient_subject(text, subject, trigger):
            actor2 = subject
        else:
            actor1 = subject
        if actor1 is not None and actor2 is None and objects:
            actor2 = objects[0]
    else:
        # a nominal trigger: "clashes between X and Y", "an attack on Y", "during the war, X took ..."
        between = [m for m in objects if _BETWEEN.search(text, max(ss, m.start - 10), m.start)]
        if between:
            actor1 = between[0]
            rest = [m for m in objects if m.start > actor1.start]
            actor2 = rest[0] if rest else None
        elif objects:
            if _OBJECT_PREP.search(text, max(ss, objects[0].start - 40), objects[0].start):
                actor2 = objects[0]
            else:
                doers = [m for m in objects if m.kind != "property"]  # a building does not act
                actor1 = doers[0] if doers else None
                rest = [m for m in objects if m is not actor1 and (actor1 is None or m.start > actor1.start) and (
                    reciprocal or m.kind == "property" or _OBJECT_PREP.search(text, max(ss, m.start - 40), m.start))]
                actor2 = rest[0] if rest else None
    # members joined to actor 2 ("attacked X and Y") are its associates
    if actor2 is not None:
        chain = actor2
        for m in ms:
            if m.start > chain.end and m not in (actor1,) and m not in assoc1 and _joined(text, chain, m):
                if m.kind == actor2.kind or m.inter == actor2.inter or not reciprocal:
                    assoc2.append(m)
                    chain = m
    if actor1 is not None:
        chain = actor1
        for m in ms:
            if m.start > chain.end and m is not actor2 and m not in assoc1 and m not in assoc2 \
                    and m.end <= ts and _joined(text, chain, m):
                assoc1.append(m)
                chain = m
    return Parties(actor1, actor2, tuple(assoc1), tuple(assoc2))


@dataclass(frozen=True, slots=True)
class ActorFields:
    """The ACLED actor fields of one event."""

    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: tuple[str, ...] = ()
    assoc_actor_2: tuple[str, ...] = ()
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """Every actor named, actor 1 first, each once."""
        out = [n for n in (self.actor1, *self.assoc_actor_1, self.actor2, *self.assoc_actor_2) if n]
        return tuple(dict.fromkeys(out))


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two actor types, the lower first; a sole actor's type
    followed by 0.

    >>> interaction_code(7, 1), interaction_code(6, None), interaction_code(None, None)
    (17, 60, None)
    """
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def is_civilian_target(parties: Parties) -> bool:
    """The event's target (actor 2) is civilians."""
    return parties.actor2 is not None and parties.actor2.inter == CIVILIANS


_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
_DEMONSTRATING = {"Protests": "protesters", "Riots": "rioters"}
_CROWDS = frozenset({"people", "protesters", "rioters"})
_FORCES = frozenset({"police", "military", "external", "militia", "unidentified", "group", "unidentified_military"})


def _inter(m: ActorMention, kind: str, place_country: str | None) -> int:
    if kind == "protesters":
        return PROTESTERS
    if kind == "rioters":
        return RIOTERS
    if kind == "people":
        return CIVILIANS
    # state forces acting outside their own country are external forces (ACLED codebook, inter 8)
    if m.inter == STATE and m.country and place_country and m.country != place_country \
            and kind in ("military", "police"):
        return EXTERNAL
    return m.inter


#: the sub-event types of diplomacy and politics, where a country acts through its government
DIPLOMACY = frozenset({"Agreement", "Other", "Change to group/activity", "Non-violent transfer of territory", None})
_DIPLOMACY = DIPLOMACY


def _kind(m: ActorMention, event_type: str | None, role: int, sub_event_type: str | None = None) -> str:
    if event_type in _DEMONSTRATING and role == 1 and m.kind in ("people", "protesters", "rioters", "unidentified"):
        return _DEMONSTRATING[event_type]
    if m.kind == "protesters" and event_type not in _DEMONSTRATING:
        return "people" if role == 2 else "protesters"
    if m.kind == "rioters" and event_type == "Protests":
        return "protesters"
    if m.kind == "state":  # a country acts through its government in diplomacy, else through its forces
        return "government" if event_type is None or (
            event_type == "Strategic developments" and sub_event_type in _DIPLOMACY) else "military"
    if m.kind == "property":
        return "people"  # ACLED codes the civilians whose property was attacked
    return m.kind


def acled_fields(
    parties: Parties, event_type: str | None, place_country: str | None = None, *, more: Sequence[Parties] = (),
    sub_event_type: str | None = None,
) -> ActorFields:
    """Name ``parties`` in ACLED's style for an event of ACLED type ``event_type`` at a place
    in ``place_country``, with the inter codes, the interaction and civilian targeting.

    ACLED codes an actor for every violent and demonstration event: protesters and rioters
    stand for themselves where the text names no crowd ("a demonstration was held": Protesters
    of the place's country), and a victim whose attacker the text does not name was attacked by
    an "Unidentified Armed Group" (ACLED's name for an unknown perpetrator). ``more`` are the
    parties of the incident's later tellings: a role the first leaves open is filled from them
    ("Residents protested. Police dispersed them."; "Gunmen attacked a post. Two soldiers died.").

    >>> from karamap.events.actors import ActorMention
    >>> p = Parties(ActorMention(0, 14, "unknown gunmen", "unidentified", 3),
    ...             ActorMention(20, 30, "a civilian", "people", 7))
    >>> f = acled_fields(p, "Violence against civilians", "SO")
    >>> (f.actor1, f.actor2, f.interaction, f.civilian_targeting)
    ('Unidentified Armed Group (Somalia)', 'Civilians (Somalia)', 37, True)
    """
    a1, a2 = parties.actor1, parties.actor2
    if event_type in _DEMONSTRATING:
        if a2 is not None and a2.kind in _CROWDS and (a1 is None or a1.kind not in _CROWDS):
            # the demonstrators are ACLED's actor 1 of a protest or a riot, whoever acted on them
            a1, a2 = a2, a1
        if a1 is not None and a1.kind not in _CROWDS:
            # a force named with no crowd before it intervened ("police dispersed a rally");
            # a government or a country is what the demonstration was about, no actor of it
            a1, a2 = None, (a1 if a1.kind not in ("government", "state") and a2 is None else a2)
        if a2 is not None and (a2.kind in ("government", "state") or event_type == "Protests" and a2.kind in (
                "people", "property", "protesters", "rioters")):
            a2 = None  # what a protest is about or where it was held; peaceful crowds act on no one
        if a2 is None:  # the force that intervened, told after ("Police dispersed them")
            a2 = next((m for p in more for m in (p.actor1, p.actor2)
                       if m is not None and m.kind in _FORCES), None)
    elif event_type in _VIOLENT:
        if a2 is None:  # the victims, told after ("Two soldiers were killed")
            a2 = next((p.actor2 for p in more if p.actor2 is not None and p.actor2 is not a1
                       and (a1 is None or p.actor2.text != a1.text)), None)
        if a1 is None:
            a1 = next((p.actor1 for p in more if p.actor1 is not None and p.actor1.kind not in ("people", "property")
                       and p.actor1 is not a2), None)
    if a1 is not None and a1.kind == "people" and event_type not in _DEMONSTRATING:
        # civilians do not act in political violence or strategic developments: people before the
        # verb of such an event are its victims ("residents were shelled") or bystanders
        a1, a2 = (None, a2) if a2 is not None else (None, a1 if event_type in _VIOLENT else None)
    if a1 is None and a2 is not None and a2.kind == "people" and event_type not in _VIOLENT | _DEMONSTRATING.keys():
        a2 = None  # people a statement or a meeting mentions, with nobody acting on them: bystanders
    k1 = _kind(a1, event_type, 1, sub_event_type) if a1 else None
    k2 = _kind(a2, event_type, 2, sub_event_type) if a2 else None
    name1 = acled_name(a1, place_country, as_kind=k1) if a1 and k1 else None
    name2 = acled_name(a2, place_country, as_kind=k2) if a2 and k2 else None
    # a state's aircraft are its air force (where the text names them: "Russian warplanes")
    if name1 and k1 == "military" and name1.startswith("Military Forces of ") and a1 is not None and air_force(a1):
        name1 += " Air Force"
    if name2 and k2 == "military" and name2.startswith("Military Forces of ") and a2 is not None and air_force(a2):
        name2 += " Air Force"
    inter1 = _inter(a1, k1, place_country) if a1 and k1 else None
    inter2 = _inter(a2, k2, place_country) if a2 and k2 else None
    assoc1 = [acled_name(m, place_country, as_kind=_kind(m, event_type, 1, sub_event_type)) for m in parties.assoc1]
    assoc2 = [acled_name(m, place_country, as_kind=_kind(m, event_type, 2, sub_event_type)) for m in parties.assoc2]
    for m, into in ((a1, assoc1), (a2, assoc2)):
        label = social_label(m, place_country) if m is not None else None
        if label:
            into.append(label)
    if event_type in _DEMONSTRATING and name1 is None:
        kind = _DEMONSTRATING[event_type]
        if name2 is not None and inter2 in (PROTESTERS, RIOTERS, CIVILIANS) and k2 in ("people", "protesters", "rioters"):
            # the crowd was named only after the verb ("a protest by residents")
            name1, inter1 = acled_name(a2, place_country, as_kind=kind), _inter(a2, kind, place_country)  # type: ignore[arg-type]
            name2, inter2 = None, None
        else:
            name1 = acled_name(ActorMention(0, 0, "", kind, PROTESTERS), place_country)
            inter1 = PROTESTERS if kind == "protesters" else RIOTERS
    if event_type in _VIOLENT and event_type != "Riots" and name1 is None and name2 is not None:
        name1 = acled_name(ActorMention(0, 0, "", "unidentified", MILITIA), place_country)
        inter1 = MILITIA
    if name1 is None and name2 is not None:
        name1, inter1, name2, inter2 = name2, inter2, None, None
        assoc1, assoc2 = assoc2, []
    if name2 is not None and name2 == name1 and event_type not in _DEMONSTRATING:
        name2, inter2 = None, None
    targeted = event_type in _VIOLENT and inter2 == CIVILIANS
    return ActorFields(
        actor1=name1, actor2=name2,
        assoc_actor_1=tuple(dict.fromkeys(a for a in assoc1 if a and a != name1)),
        assoc_actor_2=tuple(dict.fromkeys(a for a in assoc2 if a and a != name2)),
        inter1=inter1, inter2=inter2, interaction=interaction_code(inter1, inter2),
        civilian_targeting=targeted,
    )


def with_parties(
    names: tuple[str, ...], parties: Sequence[tuple[str, str | None]], event_type: str | None
) -> tuple[str, ...]:
    """All the parties of an event: the actors by role (``names``), then each other party the
    telling gives it (``parties``: a country or organisation and its ISO code, or None; the
    speaker's side of "his army", the parties just named of "both sides") that no role names
    already, named in ACLED's style: a country acts through its government, or through its
    military forces in violence.

    >>> with_parties(("Military Forces of Armenia",), [("Armenia", "AM"), ("Azerbaijan", "AZ")], "Battles")
    ('Military Forces of Armenia', 'Military Forces of Azerbaijan')
    >>> with_parties((), [("Turkey", "TR"), ("OSCE", None)], "Strategic developments")
    ('Government of Turkey', 'OSCE')
    """
    out = list(names)
    lowered = [n.lower() for n in out]
    for party, iso in parties:
        if iso is None:
            if party not in out:
                out.append(party)
            continue
        country = country_name(iso) or party
        if any(re.search(rf"\b{re.escape(country.lower())}\b", n) for n in lowered):
            continue
        style = "Military Forces of {}" if event_type in _VIOLENT else "Government of {}"
        out.append(style.format(country))
        lowered.append(out[-1].lower())
    return tuple(dict.fromkeys(out))
