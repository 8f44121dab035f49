"""The event types karamap knows, each mapped to CAMEO, PLOVER and ACLED codes and a map colour."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EventType", "EVENT_TYPES", "event_type"]


@dataclass(frozen=True, slots=True)
class EventType:
    """One kind of event and its codes in the standard event ontologies.

    ``cameo`` is the CAMEO 1.1b3 code (Gerner, Schrodt et al.), ``plover`` the PLOVER
    (POLECAT) event type with ``plover_mode`` where PLOVER distinguishes one, and
    ``acled_event_type`` / ``acled_sub_event_type`` the ACLED codebook (2023) pair that
    comes closest. ``color`` is a hex colour from Paul Tol's colour-blind-safe
    "vibrant" and "muted" schemes (plus black and grey), distinct across the types.
    """

    name: str
    label: str
    color: str
    cameo: str
    plover: str
    acled_event_type: str
    acled_sub_event_type: str
    description: str
    plover_mode: str | None = None


_TYPES = (
    EventType(
        "armed_clash", "Armed clash", "#CC3311", "190", "ASSAULT",
        "Battles", "Armed clash",
        "Armed groups or forces fight each other (clashes, fighting, battles, offensives).",
        "firearms",
    ),
    EventType(
        "attack_on_civilians", "Attack on civilians", "#882255", "180", "ASSAULT",
        "Violence against civilians", "Attack",
        "Violence directed at civilians or civilian targets "
        "(CAMEO 180 unconventional violence; 202 where a mass killing).",
    ),
    EventType(
        "shelling_air_strike", "Shelling or air strike", "#EE7733", "194", "ASSAULT",
        "Explosions/Remote violence", "Shelling/artillery/missile attack",
        "Remote violence: shelling, artillery, rockets and missiles "
        "(CAMEO 194; air and drone strikes are CAMEO 195, ACLED Air/drone strike).",
        "explosives",
    ),
    EventType(
        "casualties", "Casualties reported", "#EE3377", "190", "ASSAULT",
        "Battles", "Armed clash",
        "Soldiers or civilians reported killed or wounded (ACLED records them as the "
        "fatalities of the underlying violent event).",
    ),
    EventType(
        "ceasefire_violation", "Ceasefire violation claim", "#CC6677", "196", "ACCUSE",
        "Battles", "Armed clash",
        "A party is said to have violated a ceasefire or truce (CAMEO 196 violate ceasefire; "
        "as an accusation CAMEO 1123 accuse of aggression).",
        "aggression",
    ),
    EventType(
        "territory_taken", "Territory taken", "#AA4499", "192", "COERCE",
        "Battles", "Government regains territory",
        "A force occupies, captures, liberates or regains territory "
        "(ACLED Non-state actor overtakes territory where a non-state actor takes it).",
        "seize",
    ),
    EventType(
        "territory_handed_over", "Territory handed over", "#999933", "0874", "RETREAT",
        "Strategic developments", "Non-violent transfer of territory",
        "Territory is handed over or returned without fighting, under an agreement.",
        "withdraw",
    ),
    EventType(
        "withdrawal", "Withdrawal", "#DDCC77", "0874", "RETREAT",
        "Strategic developments", "Non-violent transfer of territory",
        "Forces withdraw, pull out or retreat (CAMEO 0874 retreat or surrender militarily).",
        "withdraw",
    ),
    EventType(
        "deployment", "Deployment or base established", "#332288", "074", "COOPERATE",
        "Strategic developments", "Headquarters or base established",
        "Troops, peacekeepers or monitors deployed; a base, centre or post set up "
        "(CAMEO 074 military protection or peacekeeping; 062 cooperate militarily).",
        "military",
    ),
    EventType(
        "ceasefire", "Ceasefire or peace agreement", "#117733", "0871", "AGREE",
        "Strategic developments", "Agreement",
        "A ceasefire, truce or peace deal is declared or takes effect "
        "(CAMEO 0871 declare truce, ceasefire; 057 where signed).",
    ),
    EventType(
        "agreement_signed", "Agreement signed", "#44AA99", "057", "AGREE",
        "Strategic developments", "Agreement",
        "A formal agreement, memorandum or treaty is signed (CAMEO 057 sign formal agreement).",
    ),
    EventType(
        "meeting", "Meeting", "#0077BB", "040", "CONSULT",
        "Strategic developments", "Other",
        "Officials meet, visit or hold talks (CAMEO 040 consult; 042/043 visits, "
        "044 meet at a third location, 046 negotiate).",
        "meeting",
    ),
    EventType(
        "phone_call", "Phone call", "#88CCEE", "041", "CONSULT",
        "Strategic developments", "Other",
        "Officials talk by telephone or video call (CAMEO 041 discuss by telephone).",
        "phone",
    ),
    EventType(
        "statement", "Statement", "#BBBBBB", "010", "OTHER",
        "Strategic developments", "Other",
        "An official announces, declares or states something (CAMEO 010 make statement; "
        "PLOVER has no neutral statement type).",
    ),
    EventType(
        "protest", "Protest", "#000000", "141", "PROTEST",
        "Protests", "Peaceful protest",
        "People demonstrate, rally or march (CAMEO 141 demonstrate or rally; "
        "ACLED Riots where violent).",
        "demonstrate",
    ),
)

#: every event type by its name, in the order a legend lists them (violence first)
EVENT_TYPES: dict[str, EventType] = {t.name: t for t in _TYPES}


def event_type(name: str) -> EventType:
    """The :class:`EventType` called ``name``; an unknown name gives the ``statement`` type.

    >>> event_type("agreement_signed").cameo
    '057'
    >>> event_type("no such thing").name
    'statement'
    """
    return EVENT_TYPES.get(name, EVENT_TYPES["statement"])
