"""Attribution: who a sentence's claim comes from ("according to ...", "X said")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from karamap.prefilter import KEEP_CHARS, TextScan

__all__ = ["Attribution", "find_attribution"]


@dataclass(frozen=True, slots=True)
class Attribution:
    """The source of a sentence: ``text`` as it will be shown, ``speaker`` the source alone.

    ``start``/``end`` cover the words that name the source (so they are not taken for
    an actor or a place of the event).
    """

    text: str
    speaker: str
    start: int
    end: int


_ACCORDING = re.compile(r"\baccording to ((?:[^,.;:\"“”]|\.(?=\w))+)", re.IGNORECASE)
_VERB = re.compile(
    r"\b(said|says|told|announced|stated|claimed|added|noted|reported|declared|confirmed|vowed|"
    r"recalled|stressed|warned|insisted|emphasi[sz]ed|wrote|tweeted)\b"
)
_PRONOUN = frozenset({"he", "she", "they", "it", "we"})
# Lower-case words that belong to a speaker's description ("the defense minister").
_ROLE = frozenset(
    """the a an of minister ministry defense defence foreign interior spokesman spokeswoman spokesperson
    president prime official officials press service office deputy head chief commander general
    secretary senior army military agency command department government his her their
    presidential adviser aide envoy ambassador mayor governor""".split()
)
_TOKEN = re.compile(r"[\w.'’-]+")
_WORD_CHAR = re.compile(r"\w")


def _speaker_before(text: str, lo: int, verb_start: int, skip: list[tuple[int, int]]) -> tuple[int, str] | None:
    """The speaker phrase that ends right before ``verb_start`` (walking back over words)."""
    pos = verb_start
    words: list[tuple[int, int]] = []
    while pos > lo:
        # Jump over a date between speaker and verb ("the minister on Jan. 30 announced").
        jumped = False
        for a, b in skip:
            if a < pos and text[b:pos].strip() == "" and b > lo:
                pos = a
                if text[max(lo, pos - 3):pos].lower().strip() == "on":
                    pos -= 3
                jumped = True
                break
        seg = text[lo:pos].rstrip()
        if jumped:
            continue
        m = None
        for m in _TOKEN.finditer(seg):
            pass
        if m is None or lo + m.end() != lo + len(seg):
            break
        word = m.group()
        if not (word[0].isupper() or word.lower() in _ROLE or (not words and word.lower() in _PRONOUN)):
            break
        if words and word.lower() in _PRONOUN:
            break
        words.insert(0, (lo + m.start(), lo + m.end()))
        pos = lo + m.start()
        if word.lower() in _PRONOUN:
            break
    while words and text[words[0][0]:words[0][1]].lower() in {"of", "and"}:
        words.pop(0)
    if not words:
        return None
    phrase = " ".join(text[a:b] for a, b in words)
    if all(w.lower() in {"the", "a", "an"} for w in phrase.split()):
        return None
    return words[0][0], phrase


def find_attribution(
    text: str,
    start: int,
    end: int,
    *,
    skip: list[tuple[int, int]] | None = None,
    last_speaker: str | None = None,
) -> Attribution | None:
    """The attribution of the sentence ``text[start:end]``, if it names one.

    A pronoun speaker ("he said") takes ``last_speaker``, the speaker named before.

    >>> t = "Two soldiers were killed, according to the Azerbaijani Defense Ministry."
    >>> find_attribution(t, 0, len(t)).text
    'according to the Azerbaijani Defense Ministry'
    >>> t = "Minister Hulusi Akar told reporters that talks went well."
    >>> find_attribution(t, 0, len(t)).text
    'Minister Hulusi Akar told'
    """
    sent = text[start:end]
    # (a word of each pattern looked up first: most sentences have neither; a word starts at the
    # sentence's start for its index as for a scan of the sentence alone where no letter is before it)
    scan = TextScan(text) if len(text) <= KEEP_CHARS and not (start and _WORD_CHAR.match(text, start - 1)) else None
    m = _ACCORDING.search(sent) if scan is None or scan.may_match(_ACCORDING, start, end) else None
    if m:
        source = m.group(1).strip()
        return Attribution(f"according to {source}", source, start + m.start(), start + m.start(1) + len(source))
    for v in _VERB.finditer(sent) if scan is None or scan.may_match(_VERB, start, end) else ():
        found = _speaker_before(text, start, start + v.start(), skip or [])
        if found is None:
            # "..., said the ministry": the speaker follows the verb.
            after = re.match(r"\s+((?:the\s+)?(?:[A-Z][\w.'’-]*\s*){1,5})", sent[v.end():])
            if after and re.search(r"[,\"”]\s*$", sent[:v.start()]):
                phrase = after.group(1).strip().rstrip(".")
                a = start + v.end() + after.start(1)
                return Attribution(f"{phrase} {v.group(1)}", phrase, a, a + len(phrase))
            continue
        s, phrase = found
        speaker = phrase
        if phrase.lower() in _PRONOUN:
            if last_speaker is None:
                continue
            speaker = last_speaker
        return Attribution(f"{speaker} {v.group(1)}", speaker, s, s + len(phrase))
    return None
