"""Normalisers of clock times ("10 a.m. Friday", "noon")."""

from __future__ import annotations

import re

from karamap.temporal.calendar import add_days, nearest_year_for_day, weekday_date
from karamap.temporal.context import Context, Norm, Normaliser, day_number, ymd
from karamap.temporal.lexicon import PARTS_OF_DAY, month_number, weekday_number

__all__ = ["CLOCK_NORMALISERS"]


# the day a clock time is on, written after a bracketed conversion: "10:35 a.m. (0735 GMT) Friday"
_DAY_AFTER_ASIDE = re.compile(
    r"\s*\([^()]{1,24}\)\s*,?\s*(?:on\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![a-z])"
)
#: days from the document date of a day said after a clock time
_SAID_DAYS = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "this": 0, "tomorrow": 1}


def _said_part(m: re.Match[str]) -> str:
    """The part of the day a clock time is told in: "in the evening", "tonight", "tomorrow morning"."""
    groups = m.groupdict()
    part = (groups.get("part") or groups.get("dpart") or "").lower()
    if not part and (groups.get("deictic") or "").lower().split()[-1:] in (["tonight"], ["night"]):
        part = "night"
    return part


def _clock_date(m: re.Match[str], ctx: Context, after_midnight: bool = False) -> str:
    """The day of a clock time; ``after_midnight``: an hour before dawn told as part of a night
    ("2 a.m. tonight"), which falls on the day after the night's evening."""
    groups = m.groupdict()
    if not groups.get("wd") and not groups.get("d") and not groups.get("deictic"):
        aside = _DAY_AFTER_ASIDE.match(ctx.text, m.end())
        if aside is not None:
            groups = {**groups, "wd": aside["wd"]}
    if groups.get("m") and groups.get("d"):
        month, day = month_number(m["m"]), day_number(m["d"])
        if ctx.dct is not None:
            year = nearest_year_for_day(month, day, ctx.dct, ctx.tense(m))
            if year is not None:
                return f"{year:04d}-{month:02d}-{day:02d}"
        return f"XXXX-{month:02d}-{day:02d}"
    if groups.get("wd"):
        if ctx.dct is None:
            return f"XXXX-WXX-{weekday_number(groups['wd'])}"
        date = weekday_date(weekday_number(groups["wd"]), ctx.dct, ctx.tense(m))
        if date is not None:
            return ymd(date)
    if groups.get("deictic"):  # "mid-afternoon yesterday", "10 p.m. tomorrow", "8 o'clock tonight"
        shift = _SAID_DAYS[" ".join(m["deictic"].lower().split())] + after_midnight
        date = add_days(ctx.dct, shift) if ctx.dct is not None else None
        return ymd(date) if date else "XXXX-XX-XX"
    # A bare clock time belongs to the day the story has just named ("shot on Oct. 23 ...
    # at 10 p.m."), else to the document date.
    named = ctx.last_day_ref(m.start())
    if named is not None:
        return named
    if ctx.dct is None:
        return "XXXX-XX-XX"
    return ymd(ctx.dct)


_HOUR_WORDS = {w: n for n, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve".split(), start=1)}


def _clock(m: re.Match[str], ctx: Context) -> Norm | None:
    hour = int(m["h"]) if m["h"].isdigit() else _HOUR_WORDS[m["h"].lower()]
    minute = int(m["mm"]) if m.groupdict().get("mm") else 0
    ap = (m.groupdict().get("ap") or "").lower().replace(".", "")
    part = _said_part(m)
    if not ap and (part in ("afternoon", "evening") or (part == "night" and hour >= 6)):
        ap = "pm"  # "8 o'clock tonight" is 20:00
    # "2 a.m. tonight", "at 3 last night": the small hours after the night's evening
    after_midnight = part == "night" and (ap == "am" or (not ap and hour < 6))
    if ap == "pm" and hour < 12:
        hour += 12
    elif ap == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return None
    return Norm("TIME", f"{_clock_date(m, ctx, after_midnight)}T{hour:02d}:{minute:02d}")


def _clock_said_day(m: re.Match[str], ctx: Context) -> Norm | None:
    # a bare hour ("at 10 tomorrow") is a time only when the part of the day is said
    return _clock(m, ctx) if _said_part(m) else None


def _part_of_day(m: re.Match[str], ctx: Context) -> Norm | None:
    if not m["deictic"] and not m["wd"] and re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]):
        return None  # "in the early morning of 5 June": the date that follows is the expression
    code = PARTS_OF_DAY[m["p"].lower()]
    return Norm("TIME", f"{_clock_date(m, ctx)}T{code}")


def _noon(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m["w"].lower()
    clock = "24:00" if word == "midnight" else "12:00"
    return Norm("TIME", f"{_clock_date(m, ctx)}T{clock}")


CLOCK_NORMALISERS: dict[str, Normaliser] = {
    "clock": _clock,
    "clock_said_day": _clock_said_day,
    "noon": _noon,
    "part_of_day": _part_of_day,
}

