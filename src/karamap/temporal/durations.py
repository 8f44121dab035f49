"""Normalisers of durations ("44-day", "nearly three decades") and sets ("every Monday")."""

from __future__ import annotations

import re

from karamap.temporal.context import Context, Direction, Norm, Normaliser
from karamap.temporal.lexicon import (
    MONTHS,
    PARTS_OF_DAY,
    SEASONS,
    parse_number,
    unit_code,
    weekday_number,
)

__all__ = ["DURATION_NORMALISERS", "duration_value"]


def duration_value(n: float | None, unit: str) -> str | None:
    """The TIMEX3 duration of ``n`` units (None: an unspecified number).

    >>> duration_value(3, "decades"), duration_value(2.5, "years"), duration_value(None, "hours")
    ('P30Y', 'P2Y6M', 'PTXH')
    """
    code, mult, clock = unit_code(unit)
    prefix = "PT" if clock else "P"
    if n is None:
        return f"{prefix}X{code if mult == 1 else ('DE' if mult == 10 else 'C' if mult == 100 else 'Y')}"
    amount = n * mult
    if amount <= 0:
        return None
    whole = int(amount)
    frac = amount - whole
    if frac == 0:
        return f"{prefix}{whole}{code}"
    smaller = {"Y": ("M", 12), "M": ("D", 30) if not clock else ("S", 60), "W": ("D", 7),
               "D": ("H", 24), "H": ("M", 60), "Q": ("M", 3), "S": ("S", 1)}[code]
    rest = round(frac * smaller[1])
    if code == "D":
        return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
    if code == "Q":
        return f"P{int(amount * 3)}M"
    head = f"{prefix}{whole}{code}" if whole else prefix
    return f"{head}{rest}{smaller[0]}"


def _set_every(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["wd"]:
        return Norm("SET", f"XXXX-WXX-{weekday_number(m['wd'])}")
    if m["m"]:
        return Norm("SET", f"XXXX-{MONTHS[m['m'].lower()]:02d}")
    if m["s"]:
        return Norm("SET", f"XXXX-{SEASONS[m['s'].lower()]}")
    if m["p"]:
        return Norm("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[m['p'].lower()]}")
    if m["u"].lower() == "night" and not m["n"] and "other" not in m.group().lower():
        return Norm("SET", "XXXX-XX-XXTNI")  # "every night" is each day's night, as "every morning"
    n: float | None = 1.0
    if m["n"]:
        try:
            n = parse_number(m["n"])
        except KeyError:
            return None
    if n is None:  # "every few weeks": a period of unspecified length
        value = duration_value(None, m["u"])
        return Norm("SET", value) if value else None
    if "other" in m.group().lower():
        n *= 2
    value = duration_value(n, m["u"])
    return Norm("SET", value) if value else None


_ADVERB_SET = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
    "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "bimonthly": "P2M",
    "semiannually": "P6M", "quarterly": "P3M", "fortnightly": "P2W",
}


# Words that are adverbs only: whatever follows, they say how often ("held here annually for ...").
_ADVERB_ONLY = frozenset({"annually", "semiannually", "semi-annually"})


# words that follow an adverb of frequency, not a noun it qualifies: "meets monthly and ...",
# "paid quarterly since 2001", "on a weekly basis"
_ADVERB_AFTER = re.compile(
    r"\s+(?:basis|and|or|but|since|until|in|on|at|for|from|to|with|by|during|through|over|"
    r"throughout|instead|rather|thereafter|ever|as)\b"
)


def _set_adverb(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m["w"].lower()
    if word not in _ADVERB_ONLY and re.match(r"\s+[a-z]", ctx.text[m.end() : m.end() + 2]) \
            and not _ADVERB_AFTER.match(ctx.text, m.end()):
        return None  # an adjective: "average daily volume", "the Communist Party daily"
    return Norm("SET", _ADVERB_SET[word.replace("-", "")])


def _set_times(m: re.Match[str], ctx: Context) -> Norm | None:
    # TIMEX3 writes the period of a frequency ("twice a week" is P1W, its freq 2X)
    value = duration_value(1, m["u"])
    return Norm("SET", value) if value else None


def _unit_long(m: re.Match[str], ctx: Context) -> Norm | None:
    value = duration_value(1, m["u"])
    return Norm("DURATION", value) if value else None


def _set_plural_weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    wd = m["wd"][:-1] if m["wd"].endswith("s") else m["wd"]
    part = f"T{PARTS_OF_DAY[m['p'].lower()]}" if m["p"] else ""
    return Norm("SET", f"XXXX-WXX-{weekday_number(wd)}{part}")


def _set_weekends(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("SET", "XXXX-WXX-WE")


_RATE_BEFORE = re.compile(
    r"(?i:(?:\d|million|billion|trillion|dollars?|cents?|percent|%|times|twice|once|thrice|hours|"
    r"pounds?|euros?|tons?|tonnes?|barrels?|shares|units|hours|miles|kilometers|km|people)\s*)$"
)


_LENGTH_BEFORE = re.compile(
    r"(?i:\b(?:for|within|in|over|than|about|nearly|almost|after|before|of|just|only|least|"
    r"under|during|throughout|took|takes|lasted|lasts|spent|half|another|nearly)\s+)$"
)


# a modal or a subject right before "one day" makes it an adverb of some time to come
_SOMEDAY_BEFORE = re.compile(r"(?i:\b(?:will|would|could|may|might|can|shall|should|must|to|i|you|he|she|we|they)\s+)$")


def _duration(m: re.Match[str], ctx: Context) -> Norm | None:
    raw_n = m["n"]
    try:
        n = parse_number(raw_n)
    except KeyError:
        return None
    if n is not None and n > 10000:
        return None
    if n is not None and m["half"]:
        n += 0.5  # "a minute and a half"
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    unit = m["u"]
    if n is None and rel == "" and raw_n.lower() in ("some", "many"):
        return None  # "some days", "many years": too vague to count as a span
    value = duration_value(n, unit)
    if value is None:
        return None
    after = ctx.text[m.end() : m.end() + 12]
    if re.match(r"\s+old\b", after):
        return None  # an age: "52 years old"
    unit_word = unit.lower()
    if unit_word.startswith("quarter") and (re.match(r"\s+of\b", after) or "-" in m.group()):
        return None  # "three-quarters of its food" is a fraction
    lowered = raw_n.lower()
    if lowered == "one" and unit_word == "day" and not rel and _SOMEDAY_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()):
        return Norm("DATE", "FUTURE_REF")  # "they will one day return": some day to come, no length
    if unit_word == "second" and lowered in ("a", "an", "one") and not rel:
        return None  # "a second group"
    if lowered in ("a", "an") and not rel:
        before = ctx.text[max(0, m.start() - 24) : m.start()]
        if not _LENGTH_BEFORE.search(before):
            # "four flights a week", "$2 million a year": a rate, not a length
            if _RATE_BEFORE.search(before) or re.search(r"[A-Za-z]s\s+$|\d\s*$", before):
                return Norm("SET", value)
    relative: Direction | None = None
    if rel in ("the past", "the last", "past", "last", "the previous", "previous"):
        relative = "before"
    elif rel in ("the next", "the coming", "next", "coming", "the following"):
        relative = "after"
    between = m.group()[m.start("n") - m.start() + len(raw_n) : m.start("u") - m.start()]
    adjectival = "-" in between or bool(m["adj"])
    return Norm("DURATION", value, relative, adjectival, m.start("n") if adjectival and rel == "the" else None)


def _duration_half(m: re.Match[str], ctx: Context) -> Norm | None:
    value = duration_value(0.5, m["u"])
    return Norm("DURATION", value) if value else None


def _vague_duration(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = m["u"] or m["u2"] or m["u3"] or m["u4"]
    value = duration_value(None, unit)
    if value is None:
        return None
    if value == "PXDE":
        value = "PXY"  # TimeBank writes "decades" as an unspecified number of years
    return Norm("DURATION", value)


def _a_while(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("DURATION", "PXX")


DURATION_NORMALISERS: dict[str, Normaliser] = {
    "a_while": _a_while,
    "set_every": _set_every,
    "set_adverb": _set_adverb,
    "set_times": _set_times,
    "unit_long": _unit_long,
    "set_plural_weekday": _set_plural_weekday,
    "set_weekends": _set_weekends,
    "duration": _duration,
    "duration_half": _duration_half,
    "vague_duration": _vague_duration,
}

