"""Word tokens of a text with the facts recognition needs: capitals, sentence starts, title lines."""

from __future__ import annotations

import re
from typing import NamedTuple

from karamap.gazetteer.base import normalise_name
from karamap.sentences import split_sentences

__all__ = ["Token", "tokenise", "key_of", "title_lines"]

# Dotted abbreviations first ("U.S.", "D.C."), then words with inner apostrophes and hyphens.
_TOKEN = re.compile(r"(?:[A-Z][a-z]?\.){2,}|[^\W\d_][\w]*(?:['\u2019\-][^\W_]+)*")
_OPENERS = "\"'\u201c\u2018([ \t-\u2014\u2013*"
_OPENER_RUN = re.compile(f"[{re.escape(_OPENERS)}]*")
_LINE_OPENING = re.compile(f"\n[{re.escape(_OPENERS)}]*")
_TITLE_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


class Token(NamedTuple):
    """One word: offsets, text, and its shape (a tuple: one is made for every word of a text,
    and a tuple is the cheapest object to make)."""

    start: int
    end: int
    text: str
    #: first letter upper-case
    cap: bool
    #: every letter upper-case (an acronym or a word of an all-caps line)
    upper: bool
    #: first word of its sentence (quotes and brackets before it ignored)
    initial: bool = False
    #: in a headline-like line where capitals say nothing
    titled: bool = False
    #: a possessive "'s" followed the word (and is not part of it)
    possessive: bool = False


def key_of(text: str) -> str:
    """The gazetteer key of a span (a fast path for ASCII text)."""
    if text.isascii():
        return " ".join(text.lower().split())
    return normalise_name(text)


def title_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines written in title case or capitals (headlines), where capitals prove nothing.

    A line told as a sentence, ending in a full stop with two lower-case words of some length in
    it, is prose however many names it holds ("In X Township, Y District, Z State, the army and
    the AA clashed.").

    >>> title_lines("Army Retakes Town Near Border\\nIn Paletwa Township, Mindat District, Chin State, troops clashed.")
    [(0, 29)]
    """
    spans = []
    pos = 0
    for line in text.split("\n"):
        words = [w for w in _TITLE_WORD.findall(line) if len(w) > 3]
        if len(words) >= 3:
            caps = sum(1 for w in words if w[0].isupper())
            prose = line.rstrip().endswith(".") and len(words) - caps >= 2
            if caps / len(words) >= 0.75 and not prose:
                spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def tokenise(text: str) -> list[Token]:
    """The word tokens of ``text``, possessives split off, with sentence starts and title lines marked.

    >>> [t.text for t in tokenise("Armenia's army left the U.S. base.")]
    ['Armenia', 'army', 'left', 'the', 'U.S.', 'base']
    """
    # a word is initial where only openers stand between it and the start of its sentence, of
    # the text or of a line: those starts, each moved past its openers, found once
    run = _OPENER_RUN.match
    initials = {run(text, s).end() for s, _ in split_sentences(text)}
    initials.add(run(text, 0).end())
    initials.update(m.end() for m in _LINE_OPENING.finditer(text))
    titled = title_lines(text)
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # (a Token made from its fields as NamedTuple._make does, without a call of Python)
    ti = 0
    n_titled = len(titled)
    first_title = titled[0][0] if titled else len(text) + 1
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        word = m.group()
        possessive = False
        last = word[-1]
        if last in "sS'\u2019":
            if last in "'\u2019":
                end -= 1
                word = word[:-1]
            elif len(word) > 2 and word[-2] in "'\u2019":
                end -= 2
                word = word[:-2]
                possessive = True
        cap = word[0].isupper()
        in_title = False
        if start >= first_title:
            while ti < n_titled and titled[ti][1] < start:
                ti += 1
            in_title = ti < n_titled and titled[ti][0] <= start < titled[ti][1]
        append(new(Token, (start, end, word, cap, cap and word.isupper(), start in initials, in_title, possessive)))
    return tokens
