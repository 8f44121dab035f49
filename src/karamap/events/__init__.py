"""Events: sentences with a trigger turned into dated, located, typed events."""

from __future__ import annotations

from karamap.events.types import EVENT_TYPES, EventType
from karamap.model import Article, Event, Resolution, TimeExpr

__all__ = ["extract_events", "EVENT_TYPES", "EventType"]


def extract_events(
    article: Article, resolutions: list[Resolution], timexes: list[TimeExpr]
) -> list[Event]:
    """The events told by ``article`` (placeholder until the extractor lands)."""
    return []
