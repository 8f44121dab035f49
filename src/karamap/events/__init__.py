"""Events: sentences with a trigger turned into dated, located, typed events (ACLED/GDELT style).

Modules: :mod:`~karamap.events.types` (the types and their CAMEO, PLOVER, ACLED codes),
:mod:`~karamap.events.triggers` (the lexicon), :mod:`~karamap.events.clauses`,
:mod:`~karamap.events.when`, :mod:`~karamap.events.where`, :mod:`~karamap.events.actors` (actor
phrases, ACLED names and types), :mod:`~karamap.events.roles` (who acts, who is acted on),
:mod:`~karamap.events.fatalities`, :mod:`~karamap.events.attribution`, :mod:`~karamap.events.dedup` and
:mod:`~karamap.events.extract` (which joins them).
"""

from __future__ import annotations

from karamap.events.extract import event_id, extract_events
from karamap.events.types import EVENT_TYPES, EventType, event_type

__all__ = ["extract_events", "event_id", "EVENT_TYPES", "EventType", "event_type"]
