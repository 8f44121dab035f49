"""The event types: karamap's own (for the map legend) and ACLED's taxonomy, with CAMEO and PLOVER codes.

karamap's types (:data:`EVENT_TYPES`) are what a map legend shows: a handful of kinds a reader
tells apart at a glance ("Shelling or air strike", "Protest", "Arrest"). Besides ACLED's political
violence, demonstrations and strategic developments, and diplomacy, they tell the general news of
a place: natural disasters and accidents (:data:`HAZARD_TYPES`: incidents outside ACLED's scope,
with neither ACLED pair nor, since CAMEO and PLOVER treat disasters as the context of events
rather than events, CAMEO or PLOVER code), elections and votes, and summits. Each event also carries
the ACLED pair that its own text decides (:data:`ACLED_SUB_EVENT_TYPES`: all 25 sub-event types of
ACLED's codebook under its six event types, each with its disorder type): a ``territory_taken``
event is "Government regains territory" or "Non-state actor overtakes territory" depending on
who took it, a ``protest`` is a "Protest with intervention" when police disperse it. The choice
is made by :mod:`karamap.events.acled`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "EventType", "EVENT_TYPES", "event_type", "AcledSubType", "ACLED_SUB_EVENT_TYPES", "ACLED_EVENT_TYPES",
    "DISORDER_TYPES", "acled_sub_type", "INCIDENT_TYPES", "STATEMENT_TYPES", "HAZARD_TYPES",
]


@dataclass(frozen=True, slots=True)
class EventType:
    """One of karamap's kinds of event and its codes in the standard event ontologies.

    ``cameo`` is the CAMEO 1.1b3 code (Gerner, Schrodt et al.), ``plover`` the PLOVER event type
    with ``plover_mode`` where the CAMEO-to-PLOVER table of the PLOVER manual (draft 0.8, 2021)
    gives one (None where neither ontology has the event: a flood, a plane crash, an election),
    and ``acled_event_type`` / ``acled_sub_event_type`` the ACLED codebook (2023)
    pair the type has when its text says nothing more (None: outside ACLED's scope, such as
    a phone call). ``color`` is a hex colour from Paul Tol's colour-blind-safe schemes
    ("vibrant", "muted", "light", "high-contrast", "bright", "dark"; plus black and grey), distinct
    across the types.
    """

    name: str
    label: str
    color: str
    cameo: str | None
    plover: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    description: str
    plover_mode: str | None = None

    @property
    def disorder_type(self) -> str | None:
        """ACLED's disorder type of the default pair (None outside ACLED's scope)."""
        sub = ACLED_SUB_EVENT_TYPES.get(self.acled_sub_event_type or "")
        return sub.disorder_type if sub else None


@dataclass(frozen=True, slots=True)
class AcledSubType:
    """One of ACLED's 25 sub-event types (ACLED codebook, 2023), its event type and disorder type,
    and the CAMEO code and PLOVER type (and mode) that tell the same act."""

    name: str
    event_type: str
    disorder_type: str
    cameo: str | None
    plover: str | None
    definition: str
    plover_mode: str | None = None


_PV, _DEM, _SD = "Political violence", "Demonstrations", "Strategic developments"

_SUBS = (
    # Battles: a violent interaction between two organised armed groups.
    AcledSubType("Armed clash", "Battles", _PV, "190", "ASSAULT",
                 "Armed, organised groups fight and territory does not change hands."),
    AcledSubType("Government regains territory", "Battles", _PV, "192", "COERCE",
                 "Government forces or their affiliates regain control of a place from a competing "
                 "state or a non-state group.", "confiscate"),
    AcledSubType("Non-state actor overtakes territory", "Battles", _PV, "192", "COERCE",
                 "A non-state group wins control of a place from government forces or another "
                 "non-state group.", "confiscate"),
    # Explosions/Remote violence: one-sided violence whose tool takes away the target's chance to respond.
    AcledSubType("Chemical weapon", "Explosions/Remote violence", _PV, "2041", "ASSAULT",
                 "Chemical weapons (sarin, chlorine, mustard gas) used without other engagement; "
                 "tear gas and napalm are not chemical weapons here.", "unconventional"),
    AcledSubType("Air/drone strike", "Explosions/Remote violence", _PV, "195", "ASSAULT",
                 "Air or drone strikes, any air-to-ground attack, without other engagement.", "heavy-weapons"),
    AcledSubType("Suicide bomb", "Explosions/Remote violence", _PV, "1831", "ASSAULT",
                 "A suicide bombing (a suicide vehicle bomb too) without other engagement.", "suicide-attack"),
    AcledSubType("Shelling/artillery/missile attack", "Explosions/Remote violence", _PV, "194", "ASSAULT",
                 "Artillery, shelling, mortars, rockets, missiles (and RPGs) without other engagement.",
                 "heavy-weapons"),
    AcledSubType("Remote explosive/landmine/IED", "Explosions/Remote violence", _PV, "1833", "ASSAULT",
                 "Remotely or victim-activated devices: landmines, IEDs, car bombs, unexploded ordnance.",
                 "explosives"),
    AcledSubType("Grenade", "Explosions/Remote violence", _PV, "180", "ASSAULT",
                 "A grenade or other explosive thrown, without other engagement (not crude bombs, "
                 "not stun grenades)."),
    # Violence against civilians: an organised armed group deliberately harms unarmed non-combatants.
    AcledSubType("Sexual violence", "Violence against civilians", _PV, "1821", "ASSAULT",
                 "Harm of a sexual nature against anyone.", "sexual"),
    AcledSubType("Attack", "Violence against civilians", _PV, "180", "ASSAULT",
                 "Civilians targeted with violence by an organised armed actor."),
    AcledSubType("Abduction/forced disappearance", "Violence against civilians", _PV, "181", "ASSAULT",
                 "Civilians abducted or forcibly disappeared, without reports of further violence "
                 "(an 'arrest' by a non-state group too).", "abduct"),
    # Protests: demonstrators do not use violence, though violence may be used against them.
    AcledSubType("Peaceful protest", "Protests", _DEM, "141", "PROTEST",
                 "Demonstrators protest without violence and face no force.", "demo"),
    AcledSubType("Protest with intervention", "Protests", _DEM, "141", "PROTEST",
                 "A peaceful protest that someone tries to disperse or suppress, without serious "
                 "injuries or lethal weapons.", "demo"),
    AcledSubType("Excessive force against protesters", "Protests", f"{_PV}; {_DEM}", "175", "ASSAULT",
                 "Peaceful protesters targeted with violence that leads (or could lead) to serious "
                 "or lethal injuries."),
    # Riots: demonstrators or mobs engage in violent or destructive acts.
    AcledSubType("Violent demonstration", "Riots", _DEM, "145", "PROTEST",
                 "A demonstration in which the demonstrators use violence: stones, vandalism, "
                 "barricades, burning tyres, road blocking.", "riot"),
    AcledSubType("Mob violence", "Riots", _PV, "182", "ASSAULT",
                 "A disorderly crowd attacks people, rioters or armed groups outside a demonstration, "
                 "without lethal weapons.", "beat"),
    # Strategic developments: non-violent events that matter to the context of disorder.
    AcledSubType("Agreement", "Strategic developments", _SD, "057", "SUPPORT",
                 "Agreements between conflict actors: ceasefires, peace deals, prisoner exchanges."),
    AcledSubType("Arrests", "Strategic developments", _SD, "173", "COERCE",
                 "State forces arrest or detain people (politically significant arrests).", "arrest"),
    AcledSubType("Change to group/activity", "Strategic developments", _SD, "154", "MOBILIZE",
                 "A change in a group or in what it does: mergers, splits, recruitment, movements of "
                 "forces, security measures.", "troops"),
    AcledSubType("Disrupted weapons use", "Strategic developments", _SD, "171", "COERCE",
                 "Weapons seized, explosives defused, strikes or drones intercepted.", "confiscate"),
    AcledSubType("Headquarters or base established", "Strategic developments", _SD, "062", "COOPERATE",
                 "An armed group or force establishes a headquarters or base.", "military"),
    AcledSubType("Looting/property destruction", "Strategic developments", _SD, "171", "COERCE",
                 "Looting, land seizure or destruction of property without other violence.", "confiscate"),
    AcledSubType("Non-violent transfer of territory", "Strategic developments", _SD, "0874", "RETREAT",
                 "Territory changes hands without fighting (handed over, abandoned).", "disarm"),
    AcledSubType("Other", "Strategic developments", _SD, None, None,
                 "Other significant developments: mass graves, displacements, coups, elections."),
)

#: ACLED's 25 sub-event types by name, in the codebook's order
ACLED_SUB_EVENT_TYPES: dict[str, AcledSubType] = {s.name: s for s in _SUBS}
#: ACLED's six event types, each with its sub-event types in the codebook's order
ACLED_EVENT_TYPES: dict[str, tuple[str, ...]] = {}
for _s in _SUBS:
    ACLED_EVENT_TYPES[_s.event_type] = ACLED_EVENT_TYPES.get(_s.event_type, ()) + (_s.name,)
#: ACLED's disorder types (the third marks excessive force against protesters: both at once)
DISORDER_TYPES: tuple[str, ...] = (_PV, _DEM, _SD, f"{_PV}; {_DEM}")


def acled_sub_type(name: str) -> AcledSubType:
    """The :class:`AcledSubType` called ``name`` (KeyError for a name outside the codebook).

    >>> acled_sub_type("Excessive force against protesters").disorder_type
    'Political violence; Demonstrations'
    """
    return ACLED_SUB_EVENT_TYPES[name]


_TYPES = (
    EventType(
        "armed_clash", "Armed clash", "#CC3311", "190", "ASSAULT",
        "Battles", "Armed clash",
        "Armed groups or forces fight each other (clashes, fighting, battles, fire on positions).",
    ),
    EventType(
        "territory_taken", "Territory taken", "#AA4499", "192", "COERCE",
        "Battles", "Government regains territory",
        "A force captures, liberates or regains territory (ACLED Non-state actor overtakes "
        "territory where a non-state group takes it).",
        "confiscate",
    ),
    EventType(
        "shelling_air_strike", "Shelling or air strike", "#EE7733", "194", "ASSAULT",
        "Explosions/Remote violence", "Shelling/artillery/missile attack",
        "Remote violence from afar: shelling, artillery, rockets and missiles (CAMEO 194); air "
        "and drone strikes (CAMEO 195, ACLED Air/drone strike); chemical weapons.",
        "heavy-weapons",
    ),
    EventType(
        "explosion", "Bombing or explosion", "#BB5566", "1833", "ASSAULT",
        "Explosions/Remote violence", "Remote explosive/landmine/IED",
        "A bomb, mine or IED goes off, a grenade is thrown or a suicide bomber strikes "
        "(ACLED Remote explosive/landmine/IED, Grenade, Suicide bomb).",
        "explosives",
    ),
    EventType(
        "attack_on_civilians", "Attack on civilians", "#882255", "180", "ASSAULT",
        "Violence against civilians", "Attack",
        "An armed group harms civilians: killings, shootings, beatings, torture; sexual violence "
        "(ACLED Sexual violence, CAMEO 1821).",
    ),
    EventType(
        "abduction", "Abduction", "#EE8866", "181", "ASSAULT",
        "Violence against civilians", "Abduction/forced disappearance",
        "Civilians abducted, kidnapped, taken hostage or forcibly disappeared.",
        "abduct",
    ),
    EventType(
        "casualties", "Casualties reported", "#EE3377", "190", "ASSAULT",
        "Battles", "Armed clash",
        "Soldiers or civilians reported killed or wounded where the text tells no more of the "
        "violence (ACLED records them as the fatalities of the underlying event).",
    ),
    EventType(
        "ceasefire_violation", "Ceasefire violation claim", "#CC6677", "196", "ACCUSE",
        "Battles", "Armed clash",
        "A party is said to have violated a ceasefire or truce (CAMEO 196 violate ceasefire; "
        "as an accusation CAMEO 1123 accuse of aggression, PLOVER ACCUSE).",
    ),
    EventType(
        "riot", "Riot or mob violence", "#DDAA33", "145", "PROTEST",
        "Riots", "Violent demonstration",
        "Demonstrators turn violent (stones, arson, barricades, clashes with police), or a mob "
        "attacks people (ACLED Mob violence, CAMEO 182).",
        "riot",
    ),
    EventType(
        "protest", "Protest", "#000000", "141", "PROTEST",
        "Protests", "Peaceful protest",
        "People demonstrate, rally or march (CAMEO 141); ACLED Protest with intervention when "
        "they are dispersed, Excessive force against protesters when they are shot at.",
        "demo",
    ),
    EventType(
        "arrest", "Arrest", "#004488", "173", "COERCE",
        "Strategic developments", "Arrests",
        "State forces arrest or detain people (an 'arrest' by a non-state group is an abduction).",
        "arrest",
    ),
    EventType(
        "looting", "Looting or destruction", "#BBCC33", "171", "COERCE",
        "Strategic developments", "Looting/property destruction",
        "Property looted, seized, burned or destroyed without violence against people.",
        "confiscate",
    ),
    EventType(
        "weapons_seized", "Weapons seized or defused", "#AAAA00", "171", "COERCE",
        "Strategic developments", "Disrupted weapons use",
        "Weapons or explosives seized, found or defused; missiles or drones intercepted.",
        "confiscate",
    ),
    EventType(
        "territory_handed_over", "Territory handed over", "#999933", "0874", "RETREAT",
        "Strategic developments", "Non-violent transfer of territory",
        "Territory is handed over or returned without fighting, under an agreement.",
        "disarm",
    ),
    EventType(
        "withdrawal", "Withdrawal", "#DDCC77", "0874", "RETREAT",
        "Strategic developments", "Non-violent transfer of territory",
        "Forces withdraw, pull out or retreat (CAMEO 0874 retreat or surrender militarily).",
        "disarm",
    ),
    EventType(
        "deployment", "Deployment or base established", "#332288", "074", "AID",
        "Strategic developments", "Headquarters or base established",
        "A base, centre or post set up (ACLED Headquarters or base established); troops, "
        "peacekeepers or monitors deployed (ACLED Change to group/activity) "
        "(CAMEO 074 military protection or peacekeeping; 062 cooperate militarily).",
        "peacekeeping",
    ),
    EventType(
        "group_change", "Armed group change or movement", "#77AADD", "154", "MOBILIZE",
        "Strategic developments", "Change to group/activity",
        "An armed group or force changes or acts without violence: recruitment, defections, "
        "surrenders, reinforcements, curfews and other security measures.",
        "troops",
    ),
    EventType(
        "ceasefire", "Ceasefire or peace agreement", "#117733", "0871", "RETREAT",
        "Strategic developments", "Agreement",
        "A ceasefire, truce or peace deal is declared or takes effect "
        "(CAMEO 0871 declare truce, ceasefire; 057 where signed).",
        "ceasefire",
    ),
    EventType(
        "agreement_signed", "Agreement signed", "#44AA99", "057", "SUPPORT",
        "Strategic developments", "Agreement",
        "A formal agreement, memorandum or treaty is signed, or prisoners exchanged "
        "(CAMEO 057 sign formal agreement).",
    ),
    EventType(
        "other_development", "Other development", "#009988", "010", "OTHER",
        "Strategic developments", "Other",
        "Another significant development: a mass grave found, people displaced, a coup.",
    ),
    # Natural disasters and accidents: incidents that happened at a time and place, outside
    # ACLED's scope (its codebook leaves out accidents and disasters) and outside CAMEO's and
    # PLOVER's events (the PLOVER manual makes disasters a context of other events, not events).
    EventType(
        "earthquake", "Earthquake", "#663333", None, None, None, None,
        "An earthquake (or tremor, aftershock) strikes, with what it destroys and whom it kills.",
    ),
    EventType(
        "storm", "Storm, cyclone or hurricane", "#222255", None, None, None, None,
        "A storm, cyclone, hurricane, typhoon, tornado or blizzard strikes or makes landfall.",
    ),
    EventType(
        "flood", "Flood", "#4477AA", None, None, None, None,
        "Floods, flash floods or torrential rains inundate a place, sweep people or homes away.",
    ),
    EventType(
        "landslide", "Landslide or avalanche", "#225522", None, None, None, None,
        "A landslide, mudslide, rockfall or avalanche buries or sweeps away a place.",
    ),
    EventType(
        "wildfire", "Wildfire", "#AA3377", None, None, None, None,
        "A wildfire, forest or bush fire breaks out, spreads or burns a place.",
    ),
    EventType(
        "drought", "Drought", "#EEDD88", None, None, None, None,
        "A drought told as an event: it strikes a place or is declared there.",
    ),
    EventType(
        "fire_explosion", "Fire or accidental explosion", "#EE6677", None, None, None, None,
        "A building, factory or vehicle fire, or an explosion with no attacker (gas, a boiler, a "
        "fuel tanker, fireworks); an explosion an attacker caused stays ACLED's "
        "Explosions/Remote violence, arson its Looting/property destruction.",
    ),
    EventType(
        "accident", "Accident", "#225555", None, None, None, None,
        "A crash, derailment, capsizing, collision or collapse with no attacker (a plane crash, "
        "a bus accident, a mine or building collapse, a gas leak).",
    ),
    EventType(
        "election", "Election or vote", "#44BB99", None, None, None, None,
        "An election, referendum or run-off is held, or a parliament or council votes (PLOVER "
        "makes elections and legislatures a context, not an event; CAMEO has no code).",
    ),
    EventType(
        "summit", "Summit", "#99DDFF", "040", "CONSULT",
        None, None,
        "Leaders meet at a summit (CAMEO 040 consult; PLOVER CONSULT, mode multilateral where an "
        "alliance or organisation meets).",
    ),
    EventType(
        "meeting", "Meeting", "#0077BB", "040", "CONSULT",
        None, None,
        "Officials meet, visit or hold talks (CAMEO 040 consult; 042/043 visits, "
        "044 meet at a third location, 046 negotiate).",
    ),
    EventType(
        "phone_call", "Phone call", "#88CCEE", "041", "CONSULT",
        None, None,
        "Officials talk by telephone or video call (CAMEO 041 discuss by telephone).",
        "phone",
    ),
    EventType(
        "statement", "Statement", "#BBBBBB", "010", "OTHER",
        None, None,
        "An official announces, declares or states something (CAMEO 010 make statement; "
        "PLOVER has no neutral statement type). Shown on a layer of its own, off by default.",
    ),
)

#: every event type by its name, in the order a legend lists them (violence first)
EVENT_TYPES: dict[str, EventType] = {t.name: t for t in _TYPES}

#: natural disasters and accidents: incidents outside ACLED's scope, which never join an ACLED
#: incident told beside them (an earthquake and a shelling in one paragraph are two events)
HAZARD_TYPES: frozenset[str] = frozenset(
    {"earthquake", "storm", "flood", "landslide", "wildfire", "drought", "fire_explosion", "accident"})
#: the types that tell something that happened at a time and place (what ACLED codes as incidents,
#: and the disasters and accidents of :data:`HAZARD_TYPES`)
INCIDENT_TYPES: frozenset[str] = frozenset(
    t.name for t in _TYPES if t.acled_event_type not in (None, "Strategic developments")
) | {"arrest", "looting", "weapons_seized", "group_change", "territory_handed_over", "withdrawal",
     "other_development"} | HAZARD_TYPES
#: the types of what someone said: a layer of their own on the map, off by default
STATEMENT_TYPES: frozenset[str] = frozenset({"statement"})


def event_type(name: str) -> EventType:
    """The :class:`EventType` called ``name``; an unknown name gives the ``statement`` type.

    >>> event_type("agreement_signed").cameo
    '057'
    >>> event_type("no such thing").name
    'statement'
    """
    return EVENT_TYPES.get(name, EVENT_TYPES["statement"])
