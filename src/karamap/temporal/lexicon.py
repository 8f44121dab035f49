"""Word tables of English time expressions: months, weekdays, seasons, units, number words."""

from __future__ import annotations

import re

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "SEASONS",
    "PARTS_OF_DAY",
    "ORDINALS",
    "UNITS",
    "NUMBER_WORDS",
    "VAGUE_QUANTITIES",
    "month_number",
    "weekday_number",
    "unit_code",
    "parse_number",
]

#: month number by lower-cased name or abbreviation (without the period)
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

#: ISO weekday (Monday 1) by lower-cased name or abbreviation
WEEKDAYS: dict[str, int] = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5,
    "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}

#: TIMEX3 season codes
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}

#: TIMEX3 part-of-day codes
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI",
}

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21,
}

#: (TIMEX3 unit letter, multiplier, is a time-of-day unit) by singular unit word
UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("Q", 1, False),
    "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
    "millennium": ("Y", 1000, False),
}

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "single": 1,
    "dozen": 12, "couple": 2, "hundred": 100, "thousand": 1000,
}

#: quantities that leave the number unspecified (TIMEX3 "X")
VAGUE_QUANTITIES = frozenset({"few", "several", "many", "some", "numerous", "multiple"})

_SPLIT = re.compile(r"[\s-]+")


def month_number(word: str) -> int:
    """The month number of a month name or abbreviation.

    >>> month_number("Sept.")
    9
    """
    return MONTHS[word.rstrip(".").lower()]


def weekday_number(word: str) -> int:
    """The ISO weekday number (Monday 1) of a weekday name.

    >>> weekday_number("Friday")
    5
    """
    return WEEKDAYS[word.rstrip(".").lower()]


def unit_code(word: str) -> tuple[str, int, bool]:
    """The TIMEX3 unit letter, multiplier and time-of-day flag of a unit word, plural or not.

    >>> unit_code("decades")
    ('Y', 10, False)
    """
    w = word.lower()
    if w == "centuries":
        w = "century"
    elif w == "millennia":
        w = "millennium"
    elif w.endswith("s") and w[:-1] in UNITS:
        w = w[:-1]
    return UNITS[w]


def parse_number(words: str) -> float | None:
    """The value of a spelled or written quantity; None when it is vague ("several").

    Raises KeyError for a word that is not a number.

    >>> parse_number("twenty-four"), parse_number("2 1/2"), parse_number("a couple of")
    (24.0, 2.5, 2.0)
    >>> parse_number("a few") is None
    True
    """
    text = words.strip().lower().replace(",", "")
    if not text:
        raise KeyError(words)
    total = 0.0
    current = 0.0
    seen = False
    tokens = [t for t in _SPLIT.split(text) if t]
    if tokens[:2] in (["a", "and"], ["an", "and"]):
        tokens = ["one"] + tokens[1:]  # "a ... and a half" was cut to "a and a half"
    for tok in tokens:
        if tok in ("and", "of") or (tok in ("a", "an") and len(tokens) > 1):
            continue  # "two and a half": the article counts nothing
        if tok in VAGUE_QUANTITIES:
            return None
        if re.fullmatch(r"\d+(?:\.\d+)?", tok):
            current += float(tok)
        elif re.fullmatch(r"\d+/\d+", tok):
            num, den = tok.split("/")
            if int(den) == 0:
                raise KeyError(words)
            current += int(num) / int(den)
        elif tok == "half":
            current += 0.5
        elif tok in ("hundred", "thousand"):
            current = (current or 1) * NUMBER_WORDS[tok]
            if tok == "thousand":
                total += current
                current = 0
        elif tok in NUMBER_WORDS:
            current += NUMBER_WORDS[tok]
        else:
            raise KeyError(words)
        seen = True
    if not seen:
        raise KeyError(words)
    return total + current
