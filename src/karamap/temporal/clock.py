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


def _clock_date(m: re.Match[str], ctx: Context) -> str:
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
    if groups.get("deictic"):  # "mid-afternoon yesterday"
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m["deictic"].lower()]
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
    part = (m.groupdict().get("part") or "").lower()
    if part in ("afternoon", "evening") or (part == "night" and hour >= 6):
        ap = "pm"
    if ap == "pm" and hour < 12:
        hour += 12
    elif ap == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return None
    return Norm("TIME", f"{_clock_date(m, ctx)}T{hour:02d}:{minute:02d}")


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
    "noon": _noon,
    "part_of_day": _part_of_day,
}

