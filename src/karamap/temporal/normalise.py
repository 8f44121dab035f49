"""TIMEX3 values for pattern matches: the registry of normalisers by pattern kind."""

from __future__ import annotations

from karamap.temporal.clock import CLOCK_NORMALISERS
from karamap.temporal.context import ANAPHORIC_KINDS, REFERENCE_KINDS, Context, Norm, Normaliser
from karamap.temporal.dates import DATE_NORMALISERS
from karamap.temporal.durations import DURATION_NORMALISERS, duration_value
from karamap.temporal.quarters import QUARTER_NORMALISERS
from karamap.temporal.relative import RELATIVE_NORMALISERS

__all__ = ["Norm", "Context", "NORMALISERS", "REFERENCE_KINDS", "ANAPHORIC_KINDS", "duration_value"]

#: the normaliser of each pattern kind (:attr:`karamap.temporal.patterns.Rule.kind`)
NORMALISERS: dict[str, Normaliser] = {
    **DATE_NORMALISERS,
    **QUARTER_NORMALISERS,
    **RELATIVE_NORMALISERS,
    **CLOCK_NORMALISERS,
    **DURATION_NORMALISERS,
}
