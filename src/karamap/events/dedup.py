"""One event per incident: merge events that tell the same incident twice."""

from __future__ import annotations

import dataclasses

from karamap.model import Event

__all__ = ["same_incident", "merge_duplicates"]

# Types that tell the same kind of incident; the first of a family is kept on a merge.
_FAMILY = {"phone_call": "talks", "meeting": "talks"}
_PREFERRED = ("phone_call", "meeting")


def _family(t: str) -> str:
    return _FAMILY.get(t, t)


def _days(a, b) -> int:
    return abs((a - b).days)


def same_incident(a: Event, b: Event, *, undated: frozenset[str] = frozenset()) -> bool:
    """Two events tell one incident: one type (or family), nearly the same time (starts and ends
    within a day, same precision code; any time where one of them is ``undated``, its id in that
    set: dated only by the document), compatible places (shared ids or one inferred) and
    compatible actors (shared or one side without any).

    >>> import datetime as dt
    >>> from karamap.model import Event, TimeSpan
    >>> d = TimeSpan(dt.date(2021, 1, 30), dt.date(2021, 1, 30), "day")
    >>> e = Event("x", "d", "deployment", "set up", "q", 0, 1, d, 1, False, ("p",), 1.0, 2.0, 1, True)
    >>> same_incident(e, dataclasses.replace(e, id="y", place_ids=("q",), place_stated=False))
    True
    """
    if _family(a.type) != _family(b.type):
        return False
    # An undated telling joins a dated one of the very same type only (a call is not a meeting).
    loose = (a.id in undated or b.id in undated) and a.type == b.type
    if (a.when is None) != (b.when is None) and not loose:
        return False
    if a.when is not None and b.when is not None and not loose:
        if a.time_precision != b.time_precision:
            return False
        if _days(a.when.start, b.when.start) > 1 or _days(a.when.end, b.when.end) > 1:
            return False
    if a.place_stated and b.place_stated and not set(a.place_ids) & set(b.place_ids):
        return False
    if a.actors and b.actors and not set(a.actors) & set(b.actors):
        return False
    return True


def _score(e: Event) -> tuple[int, int, int, int]:
    type_rank = _PREFERRED.index(e.type) if e.type in _PREFERRED else 0
    return (not e.time_inferred, e.place_stated, -e.geo_precision if e.geo_precision else -9, -type_rank)


def _merge(keep: Event, other: Event) -> Event:
    actors = tuple(dict.fromkeys(keep.actors + other.actors))
    # "discussed over the phone" and "discussed with" of one day: the call is the more specific.
    type_ = "phone_call" if "phone_call" in (keep.type, other.type) else keep.type
    return dataclasses.replace(
        keep,
        type=type_,
        actors=actors,
        attribution=keep.attribution or other.attribution,
        confidence=min(0.95, max(keep.confidence, other.confidence) + 0.05),
    )


def merge_duplicates(events: list[Event], undated: frozenset[str] = frozenset()) -> list[Event]:
    """``events`` with each incident told more than once kept once (the better-located,
    better-dated telling, the earlier on ties), actors joined; order of first telling.

    An ``undated`` event (its id in the set: dated only by the document, such as a headline's
    "Armenia and Azerbaijan agree truce") joins a dated telling of the same type and place.
    """
    kept: list[Event] = []
    for e in events:
        for i, k in enumerate(kept):
            if same_incident(k, e, undated=undated):
                best, other = (e, k) if _score(e) > _score(k) else (k, e)
                merged = _merge(best, other)
                kept[i] = merged
                break
        else:
            kept.append(e)
    return kept
