"""Ways text arrives: our own articles rendered tokenised, wrapped, escaped, typographic, CRLF, in capitals.

Each renderer takes an article written plainly (a title-case headline on the first line, a
dateline opening the body) and returns the same article as some source would deliver it.
The articles are written for these tests; they report no real events.
"""

from __future__ import annotations

import html
import re

__all__ = [
    "ARTICLES",
    "tokenise",
    "tokenise_with_offsets",
    "wrap",
    "escape_html",
    "typographic",
    "crlf",
    "capitals",
]

ARTICLES: dict[str, str] = {
    "aghdam": (
        "Shelling Hits Aghdam as Talks Stall in Baku\n"
        "\n"
        "Baku, Azerbaijan (Reuters) - Artillery fire struck the outskirts of Aghdam on Tuesday, "
        "killing two civilians, the defence ministry said. The ministry said the shells were "
        "fired from positions near Stepanakert late on Monday night.\n"
        "\n"
        "Negotiators met in Moscow on Sept. 27, 2020, and again on March 1, 2021, but the "
        "talks broke down two weeks ago. \"We will not give up,\" an official in Baku said, "
        "adding that a new round could open in Geneva later this year.\n"
        "\n"
        "The ceasefire signed on Nov. 10, 2020, ended the fighting in Nagorno-Karabakh. "
        "Protesters gathered in Yerevan on Saturday to demand the government's resignation."
    ),
    "kramatorsk": (
        "Missiles Strike Railway Station in Kramatorsk\n"
        "\n"
        "Kramatorsk, Ukraine (AP) - A missile struck the railway station in Kramatorsk on "
        "April 8, 2022, killing at least 50 people who were waiting to leave, regional "
        "officials said. Russian forces also shelled Sloviansk and the outskirts of Kharkiv "
        "overnight.\n"
        "\n"
        "The governor of the Donetsk region said on Friday that evacuation trains would run "
        "every day until the end of the month. \"People must leave now,\" he said. Aid groups "
        "in Dnipro reported that about 3,000 people arrived last weekend."
    ),
    "aleppo": (
        "Airstrikes Kill Civilians Near Aleppo\n"
        "\n"
        "Beirut (AFP) - Airstrikes on villages west of Aleppo killed 12 civilians on Wednesday, "
        "a monitoring group said, in the deadliest day in the province since January. Rebels "
        "in Idlib said they had repelled an attack near Saraqib on Tuesday evening.\n"
        "\n"
        "Turkey, which backs some of the rebel groups, sent reinforcements to its posts in "
        "Idlib on Feb. 3, 2020. The United Nations said nearly 900,000 people had fled toward "
        "the Turkish border since December 1, 2019."
    ),
    "goma": (
        "Rebels Advance Toward Goma as Fighting Spreads\n"
        "\n"
        "Goma, Democratic Republic of Congo (Reuters) - Rebel fighters seized the town of "
        "Rutshuru on Monday after two days of clashes with the army, residents said. Thousands "
        "of families fled south toward Goma, where aid agencies said camps were already full.\n"
        "\n"
        "The army said on Oct. 30, 2022, that it would retake the area within a week. "
        "Protesters marched in Kinshasa on Nov. 1, 2022, accusing Rwanda of backing the "
        "rebels, a charge Kigali denies."
    ),
}

_ABBREVIATION = re.compile(r"^(?:[A-Z]|[A-Za-z]+\.[A-Za-z.]*|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Gov|Sen|Rep)$")
_LEADING = "([\"$"
_TRAILING = ")],;:!?%\""


def _split_word(word: str, ptb_quotes: bool, quote_open: list[bool]) -> list[str]:
    head: list[str] = []
    tail: list[str] = []
    while word and word[0] in _LEADING:
        head.append(word[0])
        word = word[1:]
    while word and (word[-1] in _TRAILING or word[-1] == "."):
        if word[-1] == "." and (_ABBREVIATION.match(word[:-1]) or word.endswith("..")):
            break
        tail.insert(0, word[-1])
        word = word[:-1]
    middle: list[str] = []
    if word:
        m = re.match(r"^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$", word)
        middle = [m.group(1), m.group(2)] if m else [word]
    tokens = head + middle + tail
    if ptb_quotes:
        out = []
        for t in tokens:
            if t == '"':
                out.append("``" if quote_open[0] else "''")
                quote_open[0] = not quote_open[0]
            else:
                out.append(t)
        return out
    return tokens


def tokenise(text: str, ptb_quotes: bool = False) -> str:
    """Spaces around punctuation and brackets, possessives and n't split off, as corpora print text.

    >>> tokenise('BAKU (Reuters) - It didn\\'t stop on March 1, 2008, Baku\\'s mayor said.')
    "BAKU ( Reuters ) - It did n't stop on March 1 , 2008 , Baku 's mayor said ."
    """
    lines = []
    for line in text.split("\n"):
        quote_open = [True]
        tokens: list[str] = []
        for word in line.split(" "):
            # an empty word keeps a run of spaces as it was
            tokens.extend(_split_word(word, ptb_quotes, quote_open) if word else [""])
        lines.append(" ".join(tokens))
    return "\n".join(lines)


def tokenise_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`tokenise` (straight quotes) and, for each offset of the result, the offset in ``text``.

    Tokenising only inserts spaces, so an offset of the result maps to the plain character
    it shows (an inserted space to the character after it); ``len(result)`` maps to ``len(text)``.

    >>> out, back = tokenise_with_offsets("Baku, 2008.")
    >>> out, [back[i] for i in range(len(out) + 1)]
    ('Baku , 2008 .', [0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10, 10, 11])
    """
    out = tokenise(text)
    back: list[int] = []
    j = 0
    for c in out:
        if j < len(text) and c == text[j]:
            back.append(j)
            j += 1
        elif c == " ":
            back.append(j)
        else:
            raise ValueError(f"tokenising changed {text[j:j + 10]!r}")
    if j != len(text):
        raise ValueError("tokenising dropped text")
    back.append(len(text))
    return out, back


def wrap(text: str, width: int, hyphenate: bool) -> str:
    """Each paragraph hard-wrapped at ``width`` (greedy); with ``hyphenate``, long words are
    broken at a line end with a hyphen, as typesetting does.

    >>> print(wrap("Artillery fire struck the outskirts of Aghdam on Tuesday.", 24, True))
    Artillery fire struck
    the outskirts of Aghdam
    on Tuesday.
    """
    out = []
    for paragraph in text.split("\n"):
        lines: list[str] = []
        line = ""
        for word in paragraph.split(" "):
            if not line:
                line = word
                continue
            if len(line) + 1 + len(word) <= width:
                line += " " + word
                continue
            room = width - len(line) - 2  # a space and the hyphen
            if hyphenate and word.isalpha() and len(word) >= 8 and room >= 3 and len(word) - room >= 3:
                lines.append(f"{line} {word[:room]}-")
                line = word[room:]
            else:
                lines.append(line)
                line = word
        lines.append(line)
        out.append("\n".join(lines))
    return "\n".join(out)


def escape_html(text: str, named: bool = False) -> str:
    """HTML-escaped text (``&amp;``, ``&quot;``, ``&#x27;``), and with ``named`` typographic
    characters as named entities too (``&rsquo;``, ``&mdash;``, ``&nbsp;``).

    >>> escape_html('It\\'s "Baku" - 5 & 6', named=True)
    'It&rsquo;s &quot;Baku&quot; &mdash; 5&nbsp;&amp; 6'
    """
    escaped = html.escape(text, quote=True)
    if named:
        escaped = escaped.replace("&#x27;", "&rsquo;").replace(" - ", " &mdash; ").replace(" &amp;", "&nbsp;&amp;")
    return escaped


def typographic(text: str, spaced_dash: bool = True) -> str:
    """Curly quotes and apostrophes, em dashes, no-break spaces after abbreviations and in numbers.

    >>> typographic('"We won\\'t," he said - on Sept. 27.', spaced_dash=False)
    '“We won’t,” he said—on Sept.\\xa027.'
    """
    out = re.sub(r'(^|[\s(])"', "\\1\u201c", text)
    out = out.replace('"', "\u201d")
    out = out.replace("'", "\u2019")
    out = out.replace(" - ", " \u2014 " if spaced_dash else "\u2014")
    out = re.sub(r"\b(Jan|Feb|Aug|Sept|Oct|Nov|Dec)\. ", "\\1.\u00a0", out)
    return out


def crlf(text: str) -> str:
    """Windows line ends."""
    return text.replace("\n", "\r\n")


def capitals(text: str) -> str:
    """The headline (first line) and the dateline's place in capitals, as wire copy writes them.

    >>> capitals("Shelling Hits Aghdam\\n\\nBaku, Azerbaijan (Reuters) - Fire.")
    'SHELLING HITS AGHDAM\\n\\nBAKU, Azerbaijan (Reuters) - Fire.'
    """
    headline, _, body = text.partition("\n")
    body = re.sub(r"^(\s*)([^,(\n]+?)(?=\s*[,(])", lambda m: m.group(1) + m.group(2).upper(), body, count=1)
    return headline.upper() + "\n" + body
