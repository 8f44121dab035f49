"""Actors: the countries and organisations that take part in an event."""

from __future__ import annotations

import re
from collections.abc import Sequence

from karamap.model import Resolution

__all__ = ["actors_in", "ORGANISATIONS"]

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
    for pattern, name in ORGANISATIONS:
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
