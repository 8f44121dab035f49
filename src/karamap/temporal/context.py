"""The reading of a match (Norm), what a normaliser may consult (Context), shared helpers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from karamap.model import TimexType
from karamap.temporal.calendar import Tense, quarter_of
from karamap.temporal.lexicon import parse_number
from karamap.temporal.tense import tense_at

__all__ = [
    "Norm",
    "Context",
    "Direction",
    "Normaliser",
    "REFERENCE_KINDS",
    "ANAPHORIC_KINDS",
    "QUARTER_VALUE",
    "REL_SHIFT",
    "ymd",
    "year_str",
    "full_year",
    "spoken_year",
    "day_number",
    "rel_shift",
]


Direction = Literal["before", "after"]


@dataclass(frozen=True, slots=True)
class Norm:
    """The normalised reading of a match."""

    type: TimexType
    value: str
    #: a DURATION that ends at ("before") or starts at ("after") the document date
    relative: Direction | None = None
    #: a DURATION written as an adjective of an event ("the 44-day war"), to anchor in the text
    adjectival: bool = False
    #: where the expression starts when not where the match does ("the" of "the 44-day war"
    #: belongs to the noun phrase, not to the duration)
    start: int | None = None


@dataclass(slots=True)
class Context:
    """What a normaliser may look at besides its match."""

    text: str
    dct: dt.date | None
    #: values of the expressions already normalised, in text order (for anaphora)
    previous: list[tuple[int, str]] = field(default_factory=list)
    #: the tenses told so far, by text and span: the tagger normalises a chosen match twice
    tenses: dict[tuple[str, int, int], Tense | None] = field(default_factory=dict)

    def tense(self, m: re.Match[str]) -> Tense | None:
        """The tense of the clause around a match (see :func:`karamap.temporal.tense.tense_at`)."""
        key = (self.text, m.start(), m.end())
        if key not in self.tenses:
            self.tenses[key] = tense_at(*key)
        return self.tenses[key]

    def last_calendar_ref(self, before: int, reach: int = 1500) -> tuple[int, int | None] | None:
        """The (year, month or None) of the nearest earlier calendar date within ``reach``."""
        for pos, value in reversed(self.previous):
            if before - pos > reach:
                break
            cm = _CALENDAR_VALUE.match(value)
            if cm:
                return int(cm.group(1)), int(cm.group(2)) if cm.group(2) else None
        return None

    def last_day_ref(self, before: int, reach: int = 300) -> str | None:
        """The day value ("1998-10-23") of the nearest earlier day within ``reach``."""
        for pos, value in reversed(self.previous):
            if before - pos > reach:
                break
            if _DAY_VALUE.match(value):
                return value
        return None

    def last_quarter_ref(
        self, before: int, reach: int = 2000, *, reported: bool = False
    ) -> tuple[int, int] | None:
        """The (year, quarter) of the nearest earlier quarter expression within ``reach``.

        ``reported``: only the four quarters closed before the document date (a year-ago
        comparison is made with a recently reported quarter, not a forecast or an old one).
        """
        found: list[tuple[int, int]] = []
        for pos, value in reversed(self.previous):
            if before - pos > reach:
                break
            qm = QUARTER_VALUE.match(value)
            if qm:
                year, q = int(qm.group(1)), int(qm.group(2))
                if reported and self.dct is not None:
                    # within the four quarters before the document's own
                    now = self.dct.year * 4 + quarter_of(self.dct) - 1
                    if not now - 4 <= year * 4 + q - 1 < now:
                        continue
                    found.append((year, q))
                    continue
                return year, q
        if not found:
            return None
        # the quarter just closed is the one being reported when it has been named ("a flat
        # second quarter" told in a third-quarter report is background)
        latest = (self.dct.year, quarter_of(self.dct) - 1) if quarter_of(self.dct) > 1 else (self.dct.year - 1, 4)
        return latest if latest in found else found[0]


#: a quarter value ("1989-Q3")
QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
_CALENDAR_VALUE = re.compile(r"^(\d{4})(?:-(\d\d))?")
_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d$")
#: normalisers whose reading depends on what came before; the first pass (choosing among
#: overlapping matches, before anything is read) accepts them on trust
ANAPHORIC_KINDS = frozenset({"that_unit", "the_quarter"})
#: normalisers whose values other expressions may refer back to ("the quarter" after "the
#: third quarter"); readings that are themselves anaphoric ("a year ago") are left out
REFERENCE_KINDS = frozenset(
    {
        "quarter", "the_quarter", "year_period", "month_day_year", "month_day", "day_range", "iso_date",
        "month_year", "year", "fiscal_year", "month", "rel_unit", "weekday", "deictic_day", "next_day",
    }
)
#: a normaliser: the reading of a match, or None to reject it ("May" as a verb)
Normaliser = Callable[[re.Match[str], Context], "Norm | None"]


def ymd(date: dt.date) -> str:
    """A date as a TIMEX3 day value ("2020-09-27"), years below 1000 padded."""
    return f"{date.year:04d}-{date.month:02d}-{date.day:02d}"


def year_str(year: int) -> str:
    """A year as a TIMEX3 value ("0900", "1991")."""
    return f"{year:04d}"


def spoken_year(words: str) -> int:
    """The year of a read-out year ("nineteen ninety-six", "two thousand and one")."""
    w = words.lower().replace("-", " ").split()
    if w[0] == "two":  # two thousand [and] N
        rest = [x for x in w[2:] if x != "and"]
        return 2000 + int(parse_number(" ".join(rest)) or 0) if rest else 2000
    rest = [x for x in w[1:] if x != "oh"]
    if rest == ["hundred"]:
        return 1900
    return 1900 + int(parse_number(" ".join(rest)) or 0)


def full_year(yy: str, ctx: Context) -> int:
    """The year of a written year: four digits, read out, or two digits ("'98") by a pivot."""
    if not yy[0].isdigit():
        return spoken_year(yy)
    year = int(yy)
    if len(yy) > 2:
        return year
    pivot = (ctx.dct.year if ctx.dct else 2000) % 100 + 10
    return 2000 + year if year <= pivot else 1900 + year


def day_number(text: str) -> int:
    """The day of the month of "27", "27th"."""
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


#: the shift in units of a relative word ("last" -1, "next" +1, "this" 0)
REL_SHIFT = {
    "last": -1, "past": -1, "previous": -1, "this past": -1, "the past": -1, "the last": -1,
    "the previous": -1, "next": 1, "coming": 1, "this coming": 1, "the next": 1,
    "the coming": 1, "the following": 1, "this": 0, "the current": 0, "current": 0, "the": 0,
}


def rel_shift(word: str | None) -> int:
    """The shift of a relative word, white space normalised (unknown words: 0)."""
    return REL_SHIFT.get(re.sub(r"\s+", " ", (word or "the").lower()), 0)
