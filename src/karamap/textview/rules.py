"""The rewrites that undo how a text was rendered: each finds its edits in a text, nothing more.

Each function returns the :data:`~karamap.textview.offsets.Edit` list for one kind of
rendering; :func:`karamap.textview.analysis_view` applies them in order. A rule that finds
nothing returns ``[]``, so plain text costs one scan per rule.
"""

from __future__ import annotations

import functools
import html
import re

from karamap.textview.offsets import Edit

__all__ = [
    "line_end_edits",
    "entity_edits",
    "character_edits",
    "unwrap_edits",
    "detokenise_edits",
    "capitals_edits",
]


# ------------------------------------------------------------------------- line ends
_CR = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def line_end_edits(text: str) -> list[Edit]:
    """CRLF, lone CR and Unicode line separators become LF.

    >>> line_end_edits("a\\r\\nb\\rc")
    [(1, 3, '\\n'), (4, 5, '\\n')]
    """
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text and "\x85" not in text:
        return []
    return [(m.start(), m.end(), "\n") for m in _CR.finditer(text)]


# ------------------------------------------------------------------------- entities
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def entity_edits(text: str) -> list[Edit]:
    """HTML character references (``&amp;``, ``&#8217;``, ``&nbsp;``) become their characters.

    >>> entity_edits("AT&amp;T &#8217;")
    [(2, 7, '&'), (9, 16, '’')]
    """
    if "&" not in text:
        return []
    edits = []
    for m in _ENTITY.finditer(text):
        char = html.unescape(m.group())
        if char != m.group() and char and "\x00" not in char:
            edits.append((m.start(), m.end(), char))
    return edits


# ------------------------------------------------------------------------- characters
# Same length: spaces of every width, curly quotes, dashes and hyphens.
_SAME_LENGTH = {
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "),
    **dict.fromkeys("\u2018\u2019\u201a\u201b", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d", "-"),
}
# Soft hyphens and zero-width characters carry nothing a reader sees.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_CHARS = re.compile("[" + "".join(_SAME_LENGTH) + _INVISIBLE + "\u2014\u2015\u2026]")
_WORDISH = re.compile(r"\w")


def character_edits(text: str) -> list[Edit]:
    """Typographic characters become their plain forms.

    No-break and thin spaces become spaces, curly quotes straight ones, en dashes, minus
    signs and Unicode hyphens ``-``, an ellipsis ``...``. An em dash becomes ``-``, spaced
    as `` - `` when it joins two words ("Aghdam\u2014the town"), since a hyphen between
    words would make one compound word of them. Soft hyphens and zero-width characters go.

    >>> character_edits("\u201cBaku\u201d\u00a0\u2014 Ganja\u2014Barda")
    [(0, 1, '"'), (5, 6, '"'), (6, 7, ' '), (7, 8, '-'), (14, 15, ' - ')]
    """
    edits: list[Edit] = []
    for m in _CHARS.finditer(text):
        c = m.group()
        i = m.start()
        if c in _SAME_LENGTH:
            edits.append((i, i + 1, _SAME_LENGTH[c]))
        elif c in _INVISIBLE:
            if i == 0 and c == "\ufeff":
                continue  # a byte-order mark the header rule already allows for
            edits.append((i, i + 1, ""))
        elif c == "\u2026":
            edits.append((i, i + 1, "..."))
        else:  # em dash, horizontal bar
            joined = _WORDISH.match(text, i - 1) is not None if i else False
            joined = joined and _WORDISH.match(text, i + 1) is not None
            edits.append((i, i + 1, " - " if joined else "-"))
    return edits


# ------------------------------------------------------------------------- hard wrapping
_FIRST_WORD = re.compile(r"\S+")
_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_HYPHEN_BREAK = re.compile(r"([^\W\d_]+)-[ \t]*\n[ \t]*([^\W\d_]+)")
#: a hard-wrapped text has no line longer than this
_MAX_WRAP_WIDTH = 150
_MIN_WRAP_WIDTH = 30
#: a line this full (a share of the longest) ended where the wrapping broke it
_FULL_LINE = 0.8
# Second parts after which a capitalised first part keeps its hyphen ("Kremlin-backed").
_COMPOUND_HEADS = frozenset(
    """led backed based born owned run held controlled linked allied friendly style era wide made
    related bound language speaking leaning occupied administered annexed supported sponsored
    aligned oriented installed appointed dominated majority populated""".split()
)
_INFLECTION = re.compile(r"(?:ing|ed|es|s|ly|er)$")


@functools.cache
def _dictionary() -> frozenset[str]:
    """Lower-cased words of Webster's 2nd (the ``english-words`` package), proper nouns too."""
    from english_words import get_english_words_set

    return frozenset(w.lower() for w in get_english_words_set(["web2"], lower=False, alpha=True))


def _is_word(fragment: str) -> bool:
    words = _dictionary()
    low = fragment.lower()
    if low in words:
        return True
    stem = _INFLECTION.sub("", low)
    if len(stem) < 3:
        return False
    # "repelled", "shelling": a consonant doubled before the ending
    undoubled = stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem
    return stem in words or stem + "e" in words or undoubled in words


def keeps_hyphen(left: str, right: str) -> bool:
    """Whether a word broken as ``left-`` / ``right`` at a line end was a hyphenated compound.

    The joined word wins when the dictionary knows it ("govern-ment"); a second part in
    capitals keeps the hyphen ("Nagorno-Karabakh"); two words keep it ("cease-fire"),
    after a capitalised first part only with a compound's head ("Houthi-backed", but
    "Spring-field" is one name).

    >>> keeps_hyphen("govern", "ment"), keeps_hyphen("Nagorno", "Karabakh"), keeps_hyphen("cease", "fire")
    (False, True, True)
    >>> keeps_hyphen("Stepana", "kert"), keeps_hyphen("Houthi", "backed"), keeps_hyphen("repel", "led")
    (False, True, False)
    """
    if left.isupper() and right.isupper() and len(left) > 1:
        # a line in capitals says nothing by its case: judge the word as written in lower case
        return keeps_hyphen(left.lower(), right.lower())
    if right[:1].isupper() or left[-1:].isdigit():
        return True
    if _is_word(left + right):
        return False
    if not _is_word(right):
        return False
    if left[:1].isupper():
        return right.lower() in _COMPOUND_HEADS or len(right) >= 5 and _INFLECTION.search(right) is not None
    return _is_word(left)


def _keeps_hyphen_here(text: str, left: str, right: str) -> bool:
    # The article's own spelling elsewhere settles it ("ceasefire" or "cease-fire").
    joined = re.search(rf"(?<![\w-]){re.escape(left + right)}(?![\w-])", text, re.IGNORECASE)
    hyphenated = re.search(rf"(?<![\w-]){re.escape(left)}-{re.escape(right)}(?![\w-])", text, re.IGNORECASE)
    if (joined is None) != (hyphenated is None):
        return hyphenated is not None
    return keeps_hyphen(left, right)


def unwrap_edits(text: str) -> list[Edit]:
    """Line breaks of a hard-wrapped text become spaces; words hyphenated at a line end are rejoined.

    A text counts as hard-wrapped when no line is longer than a terminal's and most line
    breaks inside paragraphs end a full line or fall where the next word would not have
    fitted on it (as greedy wrapping leaves them), often before a word in lower case. Other
    breaks (after a headline, a dateline, a short last line) stay.

    >>> t = ("Shelling hit the outskirts of the town\\nof Aghdam on Monday morning, and the gov-\\n"
    ...      "ernment said the talks would resume\\nin Baku as soon as the guns fell silent.")
    >>> [t[s:e] + "->" + r for s, e, r in unwrap_edits(t)]
    ['\\n-> ', '-\\n->', '\\n-> ']
    """
    if "\n" not in text:
        return []
    lines = text.split("\n")
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(lengths) < 3:
        return []
    width = max(lengths)
    if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH:
        return []
    soft: list[int] = []  # indices of lines whose break is a wrap
    inner = lower = 0
    for i in range(len(lines) - 1):
        line, nxt = lines[i].rstrip(), lines[i + 1].strip()
        if not line.strip() or not nxt:
            continue
        inner += 1
        first = _FIRST_WORD.match(nxt)
        word = len(first.group()) if first else 0
        hyphenated = len(line) >= 2 and line[-1] == "-" and line[-2].isalpha() and nxt[:1].isalpha()
        if hyphenated or len(line) + 1 + word > width or len(line) >= _FULL_LINE * width:
            soft.append(i)
            lower += not nxt[:1].isupper()
    # Prose wraps mostly before a lower-case word; a list of headlines never does.
    if len(soft) < 2 or len(soft) * 2 < inner or lower * 3 < len(soft):
        return []
    edits: list[Edit] = []
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for i in soft:
        newline = offsets[i + 1] - 1
        m = _HYPHEN_BREAK.match(text, _word_start(text, newline))
        if m is not None and m.end(1) + 1 <= newline < m.start(2):
            dash = m.end(1)
            keep = _keeps_hyphen_here(text, m.group(1), m.group(2))
            edits.append((dash + 1 if keep else dash, m.start(2), ""))
            continue
        b = _BREAK.match(text, _space_start(text, newline))
        if b is not None:
            edits.append((b.start(), b.end(), " "))
    return edits


def _word_start(text: str, newline: int) -> int:
    i = newline
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i > 0 and text[i - 1] == "-":
        i -= 1
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return i


def _space_start(text: str, newline: int) -> int:
    i = newline
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i


# ------------------------------------------------------------------------- tokenised text
# A space before closing punctuation ("March 01 , 2008", "( Reuters )", "5 %"): no written
# English puts one there. A period is closing only when a space, a line end or the text's
# end follows it, so a spaced ellipsis (". . .") and decimals (" .5") are left alone.
_SPACE_BEFORE = re.compile(r"(?<=\S)(?<!\s\.)[ \t]+(?=(?:[,;:!?%)\]}]|\.(?!\s*\.)|n't\b|'(?:s|re|ve|ll|d|m)\b)"
                           r"(?=[\s,;:!?)\]}\"']|$))", re.IGNORECASE)
# PTB's sentence-final period after an abbreviation's ("in the U.S. ."): one period is enough.
_DOUBLE_PERIOD = re.compile(r"(?<=[^\W\d_]\.)[ \t]+\.(?![ \t]*\.)(?=\s|$)")
# A space after an opening bracket or a currency sign ("( Reuters", "$ 5").
_SPACE_AFTER = re.compile(r"(?<=[(\[{$£€])[ \t]+(?=\S)")
# PTB's quotes: `` and '' for opening and closing double quotes.
_PTB_OPEN = re.compile(r"``[ \t]*")
_PTB_CLOSE = re.compile(r"[ \t]*''(?!\w)")
# A straight double quote with space on both sides: tokenised.
_LONE_QUOTE = re.compile(r'(?:^|(?<=\s))"(?=[ \t])|(?<=[ \t])"(?=\s|$)')
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def detokenise_edits(text: str) -> list[Edit]:
    """Spaces that a tokeniser put around punctuation and brackets are taken out.

    ``March 01 , 2008`` becomes ``March 01, 2008``, ``( Reuters )`` ``(Reuters)``,
    ``did n't`` ``didn't``, ``Baku 's`` ``Baku's``, PTB's quotes (``` `` ``` and ``''``)
    straight ones, and straight quotes standing alone between spaces join the words they
    enclose (paired within a paragraph).

    >>> t = "KRAMATORSK , Ukraine ( Reuters ) - It did n't , on March 01 , 2008 ."
    >>> v = t
    >>> for s, e, r in reversed(detokenise_edits(t)):
    ...     v = v[:s] + r + v[e:]
    >>> v
    "KRAMATORSK, Ukraine (Reuters) - It didn't, on March 01, 2008."
    """
    edits: dict[int, Edit] = {}

    def add(start: int, end: int, replacement: str) -> None:
        if end > start or replacement:
            for other in list(edits.values()):
                if other[0] < end and start < other[1]:
                    return
            edits[start] = (start, end, replacement)

    for m in _DOUBLE_PERIOD.finditer(text):
        add(m.start(), m.end(), "")
    for m in _SPACE_BEFORE.finditer(text):
        add(m.start(), m.end(), "")
    for m in _SPACE_AFTER.finditer(text):
        add(m.start(), m.end(), "")
    if "``" in text or "''" in text:
        for m in _PTB_OPEN.finditer(text):
            add(m.start(), m.end(), '"')
        for m in _PTB_CLOSE.finditer(text):
            add(m.start(), m.end(), '"')
    if '"' in text:
        _pair_quotes(text, add)
    return [edits[k] for k in sorted(edits)]


def _pair_quotes(text: str, add) -> None:  # type: ignore[no-untyped-def]
    bounds = [0, *(m.end() for m in _PARAGRAPH.finditer(text)), len(text)]
    for lo, hi in zip(bounds, bounds[1:]):
        quotes = [m.start() for m in re.finditer('"', text[lo:hi])]
        lone = {q + lo for q in quotes if _LONE_QUOTE.match(text, q + lo)}
        if not lone:
            continue
        for k, q in enumerate(quotes):
            q += lo
            if q not in lone:
                continue
            if k % 2 == 0:  # opening: join the word after
                end = q + 1
                while end < len(text) and text[end] in " \t":
                    end += 1
                add(q + 1, end, "")
            else:  # closing: join the word before
                start = q
                while start > 0 and text[start - 1] in " \t":
                    start -= 1
                add(start, q, "")


# ------------------------------------------------------------------------- capitals
# Short words a headline in capitals writes that are English words, not acronyms; any other
# word of three letters or fewer in capitals ("US", "UN", "AP") stays in capitals.
_SHORT_WORDS = frozenset(
    """a an and are as at be but by do go he if in is it me my no nor not of off on or our out
    own per so the to too up via was we who why yes yet you all any ago aid arm ban bid big
    boy car cut day did die dig due end eye far few fly fox gas get got guy had has her him his
    hit hot how ill its jet job key kid kin law lay led leg let lie low man may men mob new nod
    now oil old one pay put ran red rig row run sat saw say sea see set she shy six sky son spy
    sue sun tax ten tie top toy try two use van vow war way wet win won yet zoo bus cop fan fee
    fix gap gun hat hug ice mad mix net odd opt pan pen pet pit pop pub rat raw rid rob rod sad
    tip tow via vet web wed wit st mt ft dr mr mrs ms gen lt col sgt""".split()
)
# Small words a title leaves in lower case (after the first word).
_TITLE_SMALL = frozenset(
    "a an and as at but by for from in into nor of off on onto or over per the to up upon via vs with".split()
)
_CAPS_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['\u2019.-][^\W\d_]+)*\.?")
_LINE = re.compile(r"[^\n]+")
_HEADER_PREFIX = re.compile(r"[ \t\ufeff]*date[ \t]+\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}[ \t]+", re.IGNORECASE)
# A dateline opening a line: a place in capitals, then a comma, a bracket, a dash or a colon.
_DATELINE = re.compile(
    r"[ \t]*(?P<place>[^\W\d_][^\W\d_'.\u2019-]*(?:[ .'\u2019-]+[^\W\d_]+){0,3}\.?)"
    r"(?=[ \t]*(?:,|\(|-|:|/))"
)


def _recase_word(word: str, first: bool) -> str:
    low = word.lower()
    bare = low.rstrip(".")
    if len(bare) <= 3 and bare not in _SHORT_WORDS:
        return word  # an acronym: US, UN, AP, EU, U.S.
    if not first and bare in _TITLE_SMALL:
        return low
    # each part of a hyphenated name: Al-Qamishli (an apostrophe keeps Ma'arrat, Baku's)
    return "-".join(part[:1].upper() + part[1:] for part in low.split("-"))


def _title_case(text: str, start: int, end: int, edits: list[Edit]) -> None:
    first = True
    for m in _CAPS_WORD.finditer(text, start, end):
        word = m.group()
        if word.isupper() and sum(c.isalpha() for c in word) >= 2:
            new = _recase_word(word, first)
            if new != word:
                edits.append((m.start(), m.end(), new))
        first = False


_ASCII_SMALL = re.compile("[a-z]")
_LETTER_PAIR = re.compile(r"[^\W\d_]{2,}")


def _mostly_capitals(segment: str) -> bool:
    # more than a tenth of the segment in small ASCII letters is more than a tenth of its
    # letters: not mostly capitals, told without a pass over every character in Python
    if 10 * len(_ASCII_SMALL.findall(segment)) > len(segment):
        return False
    letters = [c for c in segment if c.isalpha()]
    words = _LETTER_PAIR.findall(segment)
    if len(letters) < 6 or len(words) < 2:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper >= 0.9 * len(letters)


_TWO_CAPITALS = re.compile("[A-Z\u00c0-\u00de\u0100-\u024f\u0400-\u042f]{2}")


def capitals_edits(text: str) -> list[Edit]:
    """Lines in capitals (a headline) and a dateline's place in capitals are recased, length kept.

    A headline becomes title case (small words lower), a dateline's place a name
    ("KRAMATORSK, Ukraine (Reuters) -" reads "Kramatorsk, Ukraine (Reuters) -"); words of
    three letters or fewer that are not English words (US, UN, AP) stay in capitals.

    >>> t = "SHELLING HITS AGHDAM AS US ENVOY ARRIVES\\nNEW YORK, March 3 (Reuters) - Talks began."
    >>> v = t
    >>> for s, e, r in capitals_edits(t):
    ...     v = v[:s] + r + v[e:]
    >>> print(v)
    Shelling Hits Aghdam as US Envoy Arrives
    New York, March 3 (Reuters) - Talks began.
    """
    if _TWO_CAPITALS.search(text) is None:
        return []
    edits: list[Edit] = []
    for line in _LINE.finditer(text):
        start, end = line.start(), line.end()
        header = _HEADER_PREFIX.match(text, start, end) if start == 0 else None
        if header is not None:
            start = header.end()
        if _mostly_capitals(text[start:end]):
            _title_case(text, start, end, edits)
            continue
        d = _DATELINE.match(text, start, end)
        if d is not None:
            place = d.group("place")
            letters = [c for c in place if c.isalpha()]
            if len(letters) >= 4 and place.isupper():
                _title_case(text, d.start("place"), d.end("place"), edits)
    return edits
