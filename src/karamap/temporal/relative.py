"""Normalisers of expressions relative to the document date or to a date just named."""

from __future__ import annotations

import datetime as dt
import re

from karamap.model import TimexType
from karamap.temporal.calendar import (
    add_days,
    add_months,
    nearest_year_for_day,
    valid_date,
    week_value,
    weekday_date,
)
from karamap.temporal.context import (
    Context,
    Norm,
    Normaliser,
    day_number,
    rel_shift,
    year_str,
    ymd,
)
from karamap.temporal.dates import season_value
from karamap.temporal.durations import duration_value
from karamap.temporal.lexicon import (
    PARTS_OF_DAY,
    SEASONS,
    month_number,
    parse_number,
    unit_code,
    weekday_number,
)

__all__ = ["RELATIVE_NORMALISERS"]


def _unit_value(unit: str, shift: int, ctx: Context, m: re.Match[str]) -> Norm | None:
    dct = ctx.dct
    if unit in SEASONS:
        this = m.groupdict().get("rel", "").lower() in ("this", "the current")
        return season_value(SEASONS[unit], shift, None, ctx, m, this=this)
    if dct is None:
        if shift == 0 and unit != "weekend":
            return Norm("DATE", "PRESENT_REF")
        return Norm("DATE", "PAST_REF" if shift < 0 else "FUTURE_REF")
    if unit == "year":
        return Norm("DATE", year_str(dct.year + shift))
    if unit == "day":
        date = add_days(dct, shift)
        return Norm("DATE", ymd(date)) if date else None
    if unit == "month":
        y, mo = add_months(dct.year, dct.month, shift)
        return Norm("DATE", f"{y:04d}-{mo:02d}")
    if unit == "week":
        value = week_value(dct, shift)
        return Norm("DATE", value) if value else None
    if unit == "weekend":
        weeks = shift
        if shift == 0:
            # the weekend just past in a past-tense clause, else the coming one
            if dct.isoweekday() < 6 and ctx.tense(m) in ("past", "done"):
                weeks = -1
        elif shift < 0 and dct.isoweekday() >= 6:
            weeks = 0
        value = week_value(dct, weeks)
        return Norm("DATE", f"{value}-WE") if value else None
    if unit == "quarter":
        y, mo = add_months(dct.year, dct.month, 3 * shift)
        return Norm("DATE", f"{y:04d}-Q{(mo - 1) // 3 + 1}")
    if unit == "decade":
        return Norm("DATE", f"{dct.year // 10 + shift:03d}")
    if unit == "century":
        return Norm("DATE", f"{dct.year // 100 + shift:02d}")
    return None


def _rel_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    if m.group()[:1].isupper() and m.group().istitle() and ctx.text[m.start() - 1 : m.start()] in ('"', "\u201c", "'"):
        return None  # a quoted title: ABC's "This Week"
    unit = m["u"].lower()
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    if unit == "fall" and rel == "the" and re.match(r"\s+(?:of|in)\b", ctx.text[m.end() : m.end() + 4]):
        return None  # "the fall of the town"
    if rel in ("the following", "the previous") and unit in ("year", "month"):
        # told in a narrative: the year or month after (before) the one just mentioned
        ref = ctx.last_calendar_ref(m.start())
        if ref is not None:
            year, month = ref
            step = 1 if rel == "the following" else -1
            if unit == "year":
                return Norm("DATE", year_str(year + step))
            if month is not None:
                y, mo = add_months(year, month, step)
                return Norm("DATE", f"{y:04d}-{mo:02d}")
    if unit in ("decade", "century") and rel in ("the past", "past", "the next", "the coming") \
            and not m.groupdict().get("pos") and not m["mod"]:
        # "over the past decade" is the ten years up to now, as "the past ten years" is, and
        # "over the next decade" the ten years from now ("the last decade" may name the
        # previous decade, "the last century" the previous century)
        return Norm("DURATION", "P10Y" if unit == "decade" else "P100Y",
                    relative="before" if rel in ("the past", "past") else "after")
    if rel == "the" and not m.groupdict().get("pos"):
        # "the year", "the decade": a length more often than a date in news
        if unit == "year":
            before = ctx.text[max(0, m.start() - 5) : m.start()].lower()
            fiscal = "fiscal" in m.group().lower()
            after = ctx.text[m.end() : m.end() + 10]
            if re.match(r"\s+(?:ended|ending|to\b)", after) or fiscal:
                return Norm("DURATION", "P1Y")  # "for the year ended Sept. 30": a twelve-month period
            if re.search(r"\b(?:for|of|in)\s+$", before) and ctx.dct is not None:
                return Norm("DATE", year_str(ctx.dct.year))  # "results for the year"
            return Norm("DURATION", "P1Y")
        if unit == "decade":
            return Norm("DURATION", "P10Y")
        if unit == "century":
            return Norm("DURATION", "P100Y")
        if unit == "month":
            return Norm("DURATION", "P1M")
        if unit == "week":
            return Norm("DATE", f"{ctx.dct.year:04d}-WXX" if ctx.dct else "XXXX-WXX")
        if unit not in ("weekend",) and unit not in SEASONS:
            return None
    return _unit_value(unit, rel_shift(rel), ctx, m)


def _rel_unit_year(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("DATE", year_str(ctx.dct.year) if ctx.dct else "XXXX")


def _year_end(m: re.Match[str], ctx: Context) -> Norm | None:
    # TIMEX3 writes "year-end" as the year itself (with mod="END", which karamap drops)
    if ctx.dct is None:
        return Norm("DATE", "XXXX")
    year = ctx.dct.year
    if ctx.dct.month <= 3 and ctx.tense(m) in ("past", "done"):
        year -= 1
    return Norm("DATE", year_str(year))


_DEICTIC = {
    "today": 0, "tonight": 0, "overnight": 0, "yesterday": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}


# a capitalised word (not a sentence's first) right before: "USA Today", "VOA Today"
_NAME_BEFORE = re.compile(r"(?<![.!?:\"\u201c]\s)(?<![.!?:\"\u201c])\b[A-Z][\w.&'-]*\s+$")


# what "today's" qualifies when it means the present age, not the day: "today's world"
_GENERIC_TODAY = re.compile(
    r"['\u2019]s\s+(?:world|society|societies|economy|global|modern|standards?|terms|dollars|money|"
    r"prices|age|era|environment|climate|culture|youth|young|generation|children|kids|politics|"
    r"technology|market(?:place)?|workplace|media|army|military|warfare)\b", re.IGNORECASE)


def _deictic_day(m: re.Match[str], ctx: Context) -> Norm | None:
    word = re.sub(r"\s+", " ", m["w"].lower())
    part = PARTS_OF_DAY.get((m["p"] or "").lower()) or PARTS_OF_DAY.get(word)
    before = ctx.text[max(0, m.start() - 12) : m.start()]
    if word == "tomorrow" and re.search(r"\b(?:in|of|for)\s+$", before):
        return None  # generic: "the people of tomorrow"
    if word == "today" and _GENERIC_TODAY.match(ctx.text, m.end()):
        return None  # generic: "in today's world", "by today's standards"
    if m.group() == "Today" and _NAME_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start()):
        return None  # a title: "USA Today", "Good Morning America Today"
    if ctx.dct is None:
        if word == "today":
            return Norm("DATE", "PRESENT_REF")
        base = "XXXX-XX-XX"
    else:
        date = add_days(ctx.dct, _DEICTIC[word])
        if date is None:
            return None
        base = ymd(date)
    if part:
        return Norm("TIME", f"{base}T{part}")
    return Norm("DATE", base)


def _this_part(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = m["rel"].lower()
    part = PARTS_OF_DAY[m["p"].lower()]
    if rel == "the":
        return None
    shift = -1 if rel == "last" else 0
    if ctx.dct is None:
        return Norm("TIME", f"XXXX-XX-XXT{part}")
    date = add_days(ctx.dct, shift)
    return Norm("TIME", f"{ymd(date)}T{part}") if date else None


def _next_day(m: re.Match[str], ctx: Context) -> Norm | None:
    # TimeML anchors "the next day" on the story's time: the day last named, else the
    # document date; "the next morning" is a part of that day (a TIME)
    named = ctx.last_day_ref(m.start(), reach=1000)
    anchor = dt.date.fromisoformat(named) if named else ctx.dct
    part = PARTS_OF_DAY.get(m["u"].lower())
    date = add_days(anchor, 1) if anchor else None
    base = ymd(date) if date else "XXXX-XX-XX"
    return Norm("TIME", f"{base}T{part}") if part else Norm("DATE", base)


_WEEKDAY_DATE_AFTER = re.compile(
    r",?\s+(?P<m>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?)\s*"
    r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y>\d{4}))?"
)


_POSSESSIVE = re.compile(r"['\u2019]s\b")
_AHEAD_OF = re.compile(r"(?i:\b(?:ahead\s+of|awaiting|await|upcoming)\s+)$")


def _weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    wd = weekday_number(m["wd"])
    rel = (m["rel"] or "").lower()
    part = PARTS_OF_DAY.get((m["p"] or "").lower())
    # TimeML writes a weekday's part of the day as a TIME: "Friday night" is XXXX-XX-XXTNI
    # (TimeBank follows it throughout; some AQUAINT files drop the part or call it a DATE).
    kind: TimexType = "TIME" if part else "DATE"
    suffix = f"T{part}" if part else ""
    if ctx.dct is None:
        return Norm(kind, f"XXXX-WXX-{wd}{suffix}")
    stated = _WEEKDAY_DATE_AFTER.match(ctx.text, m.end())
    if stated is not None and not part:
        # "Thursday, Jan. 6": the weekday names the date that follows
        year = int(stated["y"]) if stated["y"] else None
        month, day = month_number(stated["m"]), day_number(stated["d"])
        if year is None:
            year = nearest_year_for_day(month, day, ctx.dct, ctx.tense(m))
        date = valid_date(year, month, day) if year else None
        if date is not None and date.isoweekday() == wd:
            return Norm("DATE", ymd(date))
    rel = re.sub(r"\s+", " ", rel)
    if rel in ("the previous", "the following", "the next"):
        # anaphoric (TimeML): the weekday before or after the day the story has just named
        # ("down from the previous Friday"), else before or after the document date
        named = ctx.last_day_ref(m.start(), reach=1000)
        anchor = dt.date.fromisoformat(named) if named else ctx.dct
        date = weekday_date(wd, anchor, None, -1 if rel == "the previous" else 1)
        return Norm(kind, ymd(date) + suffix) if date else None
    shift = {"last": -1, "this past": -1, "next": 1, "this coming": 1}.get(rel, 0)
    tense = ctx.tense(m)
    if not rel and _POSSESSIVE.match(ctx.text, m.end()):
        # "Wednesday's ruling" names an event by its day, reported once it has happened: the
        # clause's verb ("would look for ways around Wednesday's ruling") does not date it
        ahead = _AHEAD_OF.search(ctx.text, max(0, m.start() - 20), m.start())
        tense = "future" if ahead else "past"
    if rel == "this":
        tense = "future" if wd >= ctx.dct.isoweekday() else "past"
    date = weekday_date(wd, ctx.dct, tense, shift)
    if date is None:
        return None
    return Norm(kind, ymd(date) + suffix)


def _ago(m: re.Match[str], ctx: Context) -> Norm | None:
    try:
        n = parse_number(m["n"])
    except KeyError:
        return None
    direction = m["dir"].lower()
    if m["half"]:
        if direction in ("earlier", "later"):
            return None  # "a minute and a half later": the length alone, as the duration rule reads it
        n = None if n is None else n + 0.5  # "a year and a half ago"
    sign = -1 if direction in ("ago", "earlier", "before", "back") else 1
    code, mult, clock = unit_code(m["u"])
    if n is None:
        if direction in ("earlier", "later"):
            value = duration_value(None, m["u"])
            return Norm("DURATION", value) if value else None
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    year_ago = direction == "earlier" and code == "Y" and n * mult == 1
    if direction in ("earlier", "later") and not year_ago:
        # "three days later", "two months earlier": TimeML marks the length and reads the
        # word after it as a signal that places it from the story's own time (not from the
        # document date), so the value is the length. "A year earlier" names the period
        # compared with (the same quarter or year before the one reported), a date.
        value = duration_value(n, m["u"])
        return Norm("DURATION", value) if value else None
    if ctx.dct is None:
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    dct = ctx.dct
    amount = n * mult
    if amount != int(amount):
        if code == "Y" and amount * 12 == int(amount * 12):
            # "two and a half years ago": thirty months ago, a month
            y, mo = add_months(dct.year, dct.month, int(amount * 12) * sign)
            return Norm("DATE", f"{y:04d}-{mo:02d}")
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    k = int(amount) * sign
    if clock or code == "D":
        days = k if code == "D" else 0
        date = add_days(dct, days)
        return Norm("DATE", ymd(date)) if date else None
    if code == "W":
        value = week_value(dct, k)
        return Norm("DATE", value) if value else None
    if code == "M":
        y, mo = add_months(dct.year, dct.month, k)
        return Norm("DATE", f"{y:04d}-{mo:02d}")
    if code == "Q":
        y, mo = add_months(dct.year, dct.month, 3 * k)
        return Norm("DATE", f"{y:04d}-Q{(mo - 1) // 3 + 1}")
    if code == "Y":
        if amount == 1 and sign < 0 and direction in ("ago", "earlier"):
            ref = ctx.last_quarter_ref(m.start(), reach=1500, reported=True)
            if ref is not None:
                return Norm("DATE", f"{ref[0] - 1:04d}-Q{ref[1]}")
        year = dct.year + k
        if year < 1:
            return None
        return Norm("DATE", year_str(year))
    return None


def _half_ago(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = m["u"].lower()
    direction = m["dir"].lower()
    if direction in ("earlier", "later"):  # a length told from the story's time, as "two years later"
        return Norm("DURATION", {"century": "P50Y", "decade": "P5Y", "year": "P6M"}[unit])
    if ctx.dct is None:
        return Norm("DATE", "PAST_REF")
    if unit == "year":
        y, mo = add_months(ctx.dct.year, ctx.dct.month, -6)
        return Norm("DATE", f"{y:04d}-{mo:02d}")
    return Norm("DATE", year_str(ctx.dct.year - (50 if unit == "century" else 5)))


def _vague_ago(m: re.Match[str], ctx: Context) -> Norm | None:
    direction = m["dir"].lower()
    return Norm("DATE", "PAST_REF" if direction in ("ago", "earlier") else "FUTURE_REF")


_REF_WORDS = {
    "PRESENT_REF": ("now", "right now", "just now", "nowadays", "currently", "presently",
                    "at present", "the present", "the present time", "the present day",
                    "these days", "at the moment"),
    "PAST_REF": ("recently", "more recently", "lately", "the past", "previously", "formerly"),
    "FUTURE_REF": ("the future", "the near future", "a later date", "soon", "shortly"),
}
_REF_OF = {w: ref for ref, words in _REF_WORDS.items() for w in words}
_NUMBER_WORD_RE = r"(?:two|three|four|five|six|seven|eight|nine|ten|several|few|many)\b"


def _ref_words(m: re.Match[str], ctx: Context) -> Norm | None:
    word = re.sub(r"\s+", " ", m.group().lower())
    ref = _REF_OF.get(word)
    if ref is None:
        return None
    if word == "the past" and re.match(rf"\s+(?:\d|{_NUMBER_WORD_RE})", ctx.text[m.end() : m.end() + 12], re.I):
        return None  # "the past three summers": a count of periods, not the past at large
    return Norm("DATE", ref)


def _ref_adjective(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["w2"]:
        return Norm("DATE", "PRESENT_REF")  # "current"
    word, unit = m["w"].lower(), m["u"].lower()
    if word == "future":
        return Norm("DATE", "FUTURE_REF")
    if word == "recent" and unit in ("years", "decades"):
        return Norm("DATE", "PAST_REF")
    # "recent weeks", "coming months": an unspecified stretch before or after now
    value = duration_value(None, unit)
    return Norm("DURATION", value) if value else None


def _that_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = m["u"].lower()
    if unit == "quarter":
        ref = ctx.last_quarter_ref(m.start())
        return Norm("DATE", f"{ref[0]:04d}-Q{ref[1]}") if ref else None
    if unit in PARTS_OF_DAY:
        # "that night": a part of the day the story has just named (TimeML: a TIME)
        named = ctx.last_day_ref(m.start(), reach=600)
        return Norm("TIME", f"{named}T{PARTS_OF_DAY[unit]}") if named else None
    for pos, value in reversed(ctx.previous):
        if m.start() - pos > 1500:
            break
        if unit == "year" and re.match(r"^\d{4}", value):
            return Norm("DATE", value[:4])
        if unit == "month" and re.match(r"^\d{4}-\d\d(?:$|-\d\d$)", value):
            return Norm("DATE", value[:7])
        if unit in ("day", "week") and re.match(r"^\d{4}-\d\d-\d\d$", value):
            if unit == "day":
                return Norm("DATE", value)
            return Norm("DATE", week_value(dt.date.fromisoformat(value)) or "XXXX-WXX")
    return None


RELATIVE_NORMALISERS: dict[str, Normaliser] = {
    "rel_unit": _rel_unit,
    "rel_unit_year": _rel_unit_year,
    "year_end": _year_end,
    "deictic_day": _deictic_day,
    "this_part": _this_part,
    "next_day": _next_day,
    "weekday": _weekday,
    "ago": _ago,
    "half_ago": _half_ago,
    "vague_ago": _vague_ago,
    "ref_words": _ref_words,
    "ref_adjective": _ref_adjective,
    "that_unit": _that_unit,
}

