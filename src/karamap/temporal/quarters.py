"""Normalisers of quarters, halves and year-ago periods, as business news reports them."""

from __future__ import annotations

import datetime as dt
import re

from karamap.temporal.calendar import nearest_year_for_day, quarter_of, valid_date
from karamap.temporal.context import Context, Norm, Normaliser, full_year, rel_shift, year_str
from karamap.temporal.lexicon import ORDINALS, month_number

__all__ = ["QUARTER_NORMALISERS"]


def _quarter_number(word: str) -> int | None:
    w = word.lower()
    if w in ("last", "final"):
        return 4
    if w.startswith("q"):
        return int(w[1])
    if w.endswith("q"):  # "3Q"
        return int(w[0])
    q = ORDINALS.get(w)
    return q if q and q <= 4 else None


def _year_from_rel(m: re.Match[str], ctx: Context) -> int | None:
    groups = m.groupdict()
    if groups.get("y"):
        return full_year(m["y"], ctx)
    if ctx.dct is None:
        return None
    return ctx.dct.year + rel_shift(groups["rel"]) if groups.get("rel") else None


def _quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    q = _quarter_number(m["q"])
    if q is None:
        return None
    year = _year_from_rel(m, ctx)
    if year is None:
        if ctx.dct is None:
            return Norm("DATE", f"XXXX-Q{q}")
        year = ctx.dct.year
        current = quarter_of(ctx.dct)
        # Quarters are reported after they close: only a quarter two or more away from the
        # current one, against the tense, belongs to another year.
        if q - current >= 2 and ctx.tense(m) in ("past", "done"):
            year -= 1
        elif current - q >= 2 and ctx.tense(m) == "future":
            year += 1
    return Norm("DATE", f"{year:04d}-Q{q}")


def _reference_quarter(m: re.Match[str], ctx: Context) -> tuple[int, int] | None:
    ref = ctx.last_quarter_ref(m.start(), reported=True)
    if ref is not None:
        return ref
    if ctx.dct is None:
        return None
    q = quarter_of(ctx.dct) - 1
    return (ctx.dct.year, q) if q else (ctx.dct.year - 1, 4)


def _year_ago_period(m: re.Match[str], ctx: Context) -> Norm | None:
    if m.groupdict().get("q"):
        q = _quarter_number(m["q"])
        if q is None:
            return None
        if ctx.dct is None:
            return Norm("DATE", f"XXXX-Q{q}")
        ref = ctx.last_quarter_ref(m.start(), reported=True)
        year = (ref[0] if ref else ctx.dct.year) - 1
        return Norm("DATE", f"{year:04d}-Q{q}")
    ref = _reference_quarter(m, ctx)
    if ref is None:
        return Norm("DATE", "XXXX-QX")
    return Norm("DATE", f"{ref[0] - 1:04d}-Q{ref[1]}")


_ENDED = re.compile(
    r"\s+(?:that\s+)?(?:ended|ending|ends|closed)\s+(?:on\s+)?(?P<m>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?)"
    r"\s*(?P<d>[0-3]?\d)(?!\d)(?:,?\s+(?P<y>(?:19|20)\d\d))?"
)


def _closing_date(m: re.Match[str], ctx: Context) -> dt.date | None:
    """The stated last day of a period ("the quarter ended Sept. 30"), or None."""
    stated = _ENDED.match(ctx.text, m.end())
    if stated is None or ctx.dct is None:
        return None
    month, day = month_number(stated["m"]), int(stated["d"])
    year = int(stated["y"]) if stated["y"] else nearest_year_for_day(month, day, ctx.dct, "past")
    return valid_date(year, month, day) if year else None


def _the_quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    word = "period" if "period" in m.group().lower() else "quarter"
    back = 1 if m["ago"] else 0
    if ctx.dct is None:
        return Norm("DATE", "XXXX-QX") if word == "quarter" else None
    current = (ctx.dct.year, quarter_of(ctx.dct))
    closed = _closing_date(m, ctx)
    if closed is not None and rel in ("the", "the latest", "the most recent", "the same", "the last", "the past"):
        # "the quarter ended Sept. 30" is the calendar quarter holding most of its three months
        middle = closed - dt.timedelta(days=45)
        return Norm("DATE", f"{middle.year - back:04d}-Q{quarter_of(middle)}")
    ref = ctx.last_quarter_ref(m.start())
    if ref is not None and ref[0] < ctx.dct.year and rel in ("this", "the current"):
        ref = None  # "this quarter" is not the year-ago one just compared with
    if rel in ("the latest", "the most recent") and word == "quarter":
        # the last quarter closed before the document date (a company's "fourth quarter"
        # named nearby may be a fiscal one)
        ref = (current[0], current[1] - 1) if current[1] > 1 else (current[0] - 1, 4)
    if rel in ("this", "the current"):
        year, q = ref or current
    elif rel in ("last", "the previous", "the last", "the past") and word == "quarter" and ref is None:
        year, q = (current[0], current[1] - 1) if current[1] > 1 else (current[0] - 1, 4)
    elif rel == "next":
        year, q = (current[0], current[1] + 1) if current[1] < 4 else (current[0] + 1, 1)
    else:
        if ref is None:
            if word == "period" and rel not in ("the latest", "the most recent", "the same"):
                return None
            ref = _reference_quarter(m, ctx)
            if ref is None:
                return None
        year, q = ref
    return Norm("DATE", f"{year - back:04d}-Q{q}")


def _year_period(m: re.Match[str], ctx: Context) -> Norm | None:
    year = full_year(m["y"], ctx)
    ref = ctx.last_quarter_ref(m.start())
    if ref is not None:
        return Norm("DATE", f"{year:04d}-Q{ref[1]}")
    return Norm("DATE", year_str(year))


def _half(m: re.Match[str], ctx: Context) -> Norm | None:
    h = 1 if m["h"].lower() == "first" else 2
    if m["d2"]:
        return Norm("DATE", f"19{m['d2']}")
    if m["y"]:
        year: int | None = full_year(m["y"], ctx)
    elif ctx.dct is not None:
        year = ctx.dct.year + (rel_shift(m["rel"]) if m["rel"] else 0)
    else:
        year = None
    if year is None:
        return Norm("DATE", f"XXXX-H{h}")
    return Norm("DATE", f"{year:04d}-H{h}")


def _h_code(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("DATE", f"{full_year(m['y'], ctx):04d}-H{m['hc'][1]}")


def _months_period(m: re.Match[str], ctx: Context) -> Norm | None:
    n = {"nine": 9, "six": 6, "three": 3}[m["n"].lower()]
    return Norm("DURATION", f"P{n}M")


def _month_range_quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    first, last = month_number(m["m1"]), month_number(m["m2"])
    if first % 3 != 1 or last != first + 2:
        return None  # not a calendar quarter ("the June-August period")
    q = (first - 1) // 3 + 1
    if m["y"]:
        return Norm("DATE", f"{int(m['y']):04d}-Q{q}")
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-Q{q}")
    # the quarter's last day nearest the document date, the tense breaking the doubt (a verb the
    # quarter completes says only that it has begun: "grew in the April-June quarter")
    tense = ctx.tense(m)
    year = nearest_year_for_day(last, 28, ctx.dct, "past" if tense == "done" else tense)
    return Norm("DATE", f"{year or ctx.dct.year:04d}-Q{q}")


QUARTER_NORMALISERS: dict[str, Normaliser] = {
    "month_range_quarter": _month_range_quarter,
    "h_code": _h_code,
    "quarter": _quarter,
    "year_ago_period": _year_ago_period,
    "the_quarter": _the_quarter,
    "year_period": _year_period,
    "half": _half,
    "months_period": _months_period,
}

