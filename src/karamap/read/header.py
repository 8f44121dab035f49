"""The optional ``date YYYY-MM-DD Title`` header line of a text article, and publication-date checks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from karamap.errors import HeaderError

__all__ = ["Header", "parse_header", "parse_published", "FUTURE_TOLERANCE_DAYS"]

#: a publication date may lie this many days after today (time zones, embargoed releases)
FUTURE_TOLERANCE_DAYS = 2

# "date" then something shaped like a date: only then is the first line a header
# (an article may well begin "Date night in Baku ...").
_HEADER = re.compile(r"^[ \t\ufeff]*date[ \t]+(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})(?:[ \t]+(.*?))?[ \t]*$",
                     re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z ]*)?$")


@dataclass(frozen=True, slots=True)
class Header:
    """A parsed header line: the publication date, the title, and where the header ends in the text."""

    published: dt.date
    title: str | None
    end: int


def parse_header(text: str, origin: str, *, today: dt.date | None = None) -> Header | None:
    """The header of ``text`` if its first line is one, else None.

    Raises
    ------
    HeaderError : the line is a header but its date is impossible, not ISO, or in the future.

    Examples
    --------
    >>> parse_header(" date 2021-01-30 Turkish-Russian joint center\\nANKARA ...", "a.txt")
    Header(published=datetime.date(2021, 1, 30), title='Turkish-Russian joint center', end=45)
    >>> parse_header("Date night in Baku", "a.txt") is None
    True
    >>> parse_header("date 2021-02-30 Title", "a.txt")
    Traceback (most recent call last):
    ...
    karamap.errors.HeaderError: a.txt:1: impossible date 2021-02-30 in the header (day is out of range for month)
    """
    newline = text.find("\n")
    first = text if newline < 0 else text[:newline]
    match = _HEADER.match(first.rstrip("\r"))
    if match is None:
        return None
    published = parse_published(match.group(1), f"{origin}:1", where="in the header", today=today)
    title = (match.group(2) or "").strip() or None
    return Header(published, title, len(first))


def parse_published(value: str, origin: str, *, where: str = "", today: dt.date | None = None) -> dt.date:
    """A publication date from ``YYYY-MM-DD`` (a time part after it is ignored), checked.

    >>> parse_published("1998-03-08T06:26:00", "x.jsonl:2")
    datetime.date(1998, 3, 8)
    >>> parse_published("2999-01-01", "x.jsonl:2", today=dt.date(2026, 1, 1))
    Traceback (most recent call last):
    ...
    karamap.errors.HeaderError: x.jsonl:2: date 2999-01-01 lies in the future (today is 2026-01-01); a publication date cannot
    """
    suffix = f" {where}" if where else ""
    match = _ISO.match(value.strip())
    if match is None:
        raise HeaderError(f"{origin}: date {value!r}{suffix} is not YYYY-MM-DD")
    try:
        published = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError as err:
        raise HeaderError(f"{origin}: impossible date {match.group(0)[:10]}{suffix} ({err})") from err
    today = today or dt.date.today()
    if published > today + dt.timedelta(days=FUTURE_TOLERANCE_DAYS):
        raise HeaderError(
            f"{origin}: date {published.isoformat()}{suffix} lies in the future "
            f"(today is {today.isoformat()}); a publication date cannot"
        )
    return published
