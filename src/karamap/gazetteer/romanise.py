"""A romanisation key: one spelling for the many ways the news romanises a place name.

News spells Arabic, Persian, Pashto, Somali, Slavic and Caucasian names in many ways
("Ma'arrat an-Nu'man", "Maarat al-Numan"; "Tall Afar", "Tal Afar"; "Kramatorske",
"Kramatorsk"). :func:`romanised_key` folds such spellings onto one key, which the
offline index keeps beside its exact keys. The key is deliberately lossy: a match on it
is a weaker reading than an exact one, which recognition accepts only with support from
the text (see ``karamap.recognise.spans``) and resolution never prefers to an exact name.

The rules, each tested in ``tests/test_romanise.py``:

- Arabic articles at the start of a word ("al-", "el-", "ad-", "ash-", "an-", "as-", "at-",
  "az-", "ar-" ...) and the Persian izafe ("Nad-e Ali", "Sangi-ye") are dropped.
- Apostrophes, hamza and ayn signs (ʿ ʾ ' ’ `), hyphens and spaces are dropped.
- Digraphs: kh, x -> h; gh -> g; dj, dzh -> j; ph -> f; q -> k; w -> v; y -> i;
  ou, oo -> u; ee -> i; ei, ey, ay -> ai; ow, aw, au -> o.
- Doubled letters are single; a final h after a vowel goes ("Raqqah").
- Affixes: -iya, -iyah, -iyeh, -ia -> ia; Deir, Dayr, Dair -> dair; Tell, Tal, Tall, Tel -> tal;
  -ske, -skoye, -skoe, -skiy, -s'k -> sk; the Russian neuter -oye after a consonant -> the
  Ukrainian -e ("Vodyanoye", "Vodyane").
- Cyrillic names are romanised with the Ukrainian national system and with BGN/PCGN
  for Russian (:func:`cyrillic_readings`) before the rules above apply.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from karamap.model import Place

__all__ = ["romanised_key", "cyrillic_readings", "romanised_keys_of", "stands_alone", "dominant_country", "WELL_KNOWN_POPULATION"]

#: a town this large is named widely enough for its spellings to stand alone (see stands_alone)
WELL_KNOWN_POPULATION = 50000

# -- Cyrillic ---------------------------------------------------------------------------------
_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ж": "zh", "з": "z", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ъ": "", "'": "", "’": "",
    "ю": "iu", "я": "ia", "ё": "io", "э": "e", "ы": "y",
}
#: Ukrainian national romanisation (Cabinet of Ministers resolution 55 of 2010)
_UKRAINIAN = {**_COMMON, "г": "h", "ґ": "g", "є": "ie", "и": "y", "і": "i", "ї": "i", "й": "i"}
#: BGN/PCGN for Russian
_RUSSIAN = {**_COMMON, "г": "g", "и": "i", "й": "y", "е": "e", "ё": "e", "і": "i", "ї": "i", "є": "e", "ґ": "g"}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґ]")


def cyrillic_readings(name: str) -> tuple[str, ...]:
    """The Latin readings of a Cyrillic name (lower case): the Ukrainian national system, and
    BGN/PCGN's Russian one unless the name has letters only Ukrainian writes.

    >>> cyrillic_readings("Краматорськ")
    ('kramatorsk',)
    >>> cyrillic_readings("Горловка")
    ('horlovka', 'gorlovka')
    >>> cyrillic_readings("Kyiv")
    ()
    """
    low = name.lower()
    if not _CYRILLIC.search(low):
        return ()
    tables = (_UKRAINIAN,) if _UKRAINIAN_ONLY.search(low) else (_UKRAINIAN, _RUSSIAN)
    readings = []
    for table in tables:
        reading = "".join(table.get(c, c) for c in low)
        if _CYRILLIC.search(reading):
            return ()  # another Cyrillic alphabet (Serbian, Kazakh ...): no reading of ours
        if reading not in readings:
            readings.append(reading)
    return tuple(readings)


# -- Latin ------------------------------------------------------------------------------------
#: an Arabic article before a word ("al-", "el ", "ash-"): dropped with what joins it
_ARTICLE = re.compile(r"(?:(?<=^)|(?<=[\s-]))(?:a|e)(?:l|d|dh|r|s|sh|t|th|z|n)[\s-](?=\w)")
#: the Persian izafe between two words ("Nad-e Ali", "Sangi-ye Pain", "Pul-i Khumri")
_IZAFE = re.compile(r"(?<=\w)-(?:e|i|ye|yi)(?=[\s-])")
_SIGNS = re.compile(r"['\u2019\u2018`\u02bf\u02be\u02bc\u02bb\u00b4]")
_NOT_LETTER = re.compile(r"[^a-z]")
_DOUBLE = re.compile(r"(.)\1+")
#: word-level variants, applied to each word before the letters are folded
_WORDS = {
    "deir": "dair", "dayr": "dair", "dair": "dair", "der": "dair", "dei": "dair",
    "tell": "tal", "tall": "tal", "tel": "tal", "tal": "tal",
}
#: Slavic adjectival endings: "-ske", "-skoye", "-skoe", "-skiy", "-skyi", "-s'k" -> "sk"
_SLAVIC_ADJECTIVE = re.compile(r"sk(?:e|oe|oie|oye|ii|iy|yi|yy|ij|iy|a|aya|aia)?$")
_DIGRAPHS = (
    ("dzh", "j"), ("dj", "j"), ("kh", "h"), ("x", "h"), ("gh", "g"), ("ph", "f"), ("q", "k"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "ai"), ("ey", "ai"), ("ay", "ai"),
    ("ow", "o"), ("aw", "o"), ("au", "o"), ("w", "v"), ("y", "i"),
)
_ENDINGS = re.compile(r"(?<=i)(?:ah|e|eh)$")
#: the Russian neuter ending of a name whose Ukrainian form ends in -e ("Vodyanoye", "Vodiane")
_RUSSIAN_NEUTER = re.compile(r"(?<=[^aeiou])o(?:ie|e)$")


@functools.lru_cache(maxsize=16384)  # (names share their words: "al", "north", "district")
def _fold_word(word: str) -> str:
    word = _WORDS.get(word, word)
    if len(word) > 3 and word[-1] == "h" and word[-2] in "aeiou":
        word = word[:-1]  # a final h after a vowel ("Raqqah"; not the h of "Sheikh")
    word = _SLAVIC_ADJECTIVE.sub("sk", word) if len(word) > 5 else word
    for a, b in _DIGRAPHS:
        word = word.replace(a, b)
    word = _DOUBLE.sub(r"\1", word)
    if len(word) > 5:
        word = _RUSSIAN_NEUTER.sub("e", word)
    return _ENDINGS.sub("a", word)


@functools.lru_cache(maxsize=65536)
def romanised_key(key: str) -> str:
    """The romanisation key of a normalised name key (see :func:`~karamap.gazetteer.base.normalise_name`);
    "" when the name is not in the Latin alphabet or too short to fold safely.

    >>> romanised_key("ma'arrat an-nu'man") == romanised_key("maarat al-numan")
    True
    >>> romanised_key("tall afar") == romanised_key("tal afar")
    True
    >>> romanised_key("jowzjan") == romanised_key("jawzjan")
    True
    >>> romanised_key("kramatorske") == romanised_key("kramatorsk")
    True
    >>> romanised_key("qamishli") == romanised_key("al-qamishli")
    True
    """
    text = _SIGNS.sub("", key.lower())
    if not text.isascii():
        return ""  # another script, or letters the rules do not know (ø, ł): no key
    if any(map(str.isdigit, text)):
        return ""  # "Airstrip 2608": a number is no spelling to fold
    text = _IZAFE.sub("", text)
    text = _ARTICLE.sub("", text)
    words = [_NOT_LETTER.sub("", w) for w in re.split(r"[\s-]+", text)]
    words = [w for w in words if w]
    if not words or any(not w.isascii() for w in words):
        return ""
    folded = "".join(_fold_word(w) for w in words)
    folded = _DOUBLE.sub(r"\1", folded)
    return folded if len(folded) >= 4 else ""


def romanised_keys_of(name_key: str) -> tuple[str, ...]:
    """Every romanisation key of one normalised name: its own, or its Cyrillic readings' keys.

    >>> romanised_keys_of("краматорськ")
    ('kramatorsk',)
    """
    if _CYRILLIC.search(name_key):
        keys = [romanised_key(r) for r in cyrillic_readings(name_key)]
    else:
        keys = [romanised_key(name_key)]
    return tuple(dict.fromkeys(k for k in keys if k))


def stands_alone(places: Sequence[Place]) -> bool:
    """Whether a name read by its romanisation key may be taken without the text naming the
    country of its places: when every place bearing the key lies in one country and one of
    them is a first-level division or a town of :data:`WELL_KNOWN_POPULATION` people or more
    ("Ar-Raqqa", "Nassriya"). A key shared across countries, or one only villages bear, needs
    the text's country (a spelling close to a village's name is no evidence of that village).

    >>> from karamap.model import Place
    >>> raqqa = Place("geonames:163915", "Ar Raqqah", "city", "SY", 35.95, 39.01, population=531952)
    >>> stands_alone([raqqa])
    True
    >>> stands_alone([raqqa, Place("geonames:1", "Raqa", "city", "IQ", 33.0, 44.0)])
    False
    """
    countries = {p.country for p in places}
    if len(countries) != 1 or None in countries:
        return False
    return any(p.feature == "admin1" or (p.feature == "city" and p.population >= WELL_KNOWN_POPULATION)
               for p in places)


def dominant_country(places: Sequence[Place]) -> str | None:
    """The country of the city of 100,000 people or more that a name means before its namesakes,
    each at most a tenth of its size ("Kabul", not a village called Kabul elsewhere), if any: the
    country such a name tells the reader, as a country's own name would.

    >>> from karamap.model import Place
    >>> kabul = Place("geonames:1138958", "Kabul", "city", "AF", 34.5, 69.2, population=4434550)
    >>> dominant_country([kabul, Place("geonames:2", "Cabool", "city", "US", 37.1, -92.1, population=2130)])
    'AF'
    """
    cities = sorted((p for p in places if p.feature == "city"), key=lambda p: -p.population)
    if not cities or not cities[0].country or cities[0].population < 100000:
        return None
    if any(p.population * 10 > cities[0].population for p in cities[1:]):
        return None
    return cities[0].country
