"""Cheap literal pre-tests for regular expressions: run a pattern only where it can match.

Many rules (event triggers, date anchors, cue classes) are patterns that open with one of a few
words ("withdr", "shell", "attack"). Python's ``re`` tries such a pattern at every character of
a text; most texts contain none of the words. :func:`lead_words` reads a pattern's syntax tree
for the words every match must start with, and :class:`WordIndex` lists where each word of a
text starts, so a rule is tried only at the few places where it may match. The result is the
same as scanning the whole text: every position skipped is one where no match can start.
"""

from __future__ import annotations

import bisect
import functools
import re
import re._constants as _c
import re._parser as _parser
import string
from dataclasses import dataclass
from itertools import chain

__all__ = ["Lowered", "lowered", "KEEP_CHARS", "TextScan", "pattern_words", "trie_alternation", "lead_literals", "lead_words", "needed_words", "pattern_needs", "starts_at_word", "WordIndex", "ASCII_LOWER", "CASE_EXCEPTIONS", "KEY", "DIGIT", "ANY", "END"]

#: ASCII upper to lower case (same length, so offsets hold)
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
#: the characters outside ASCII that ``re.IGNORECASE`` matches to ASCII letters (dotted and
#: dotless i, long s, the Kelvin sign): where a text holds one, a case-blind pattern's literals
#: may not be in its ASCII-lower-cased form
CASE_EXCEPTIONS = re.compile("[\u0130\u0131\u017f\u212a]")
#: how many leading characters of a word the index keys it by
KEY = 3
#: the key of every word that starts with a digit (and, in a literal, a digit of any kind)
DIGIT = "\x01"
#: a key that ends in this stands for every key that starts with what goes before it
ANY = "\x02"
#: a character no word has, or the text's end: a literal prefix that ends in it ends a word
#: there ("a" before ``\s+``, "ago" before ``\b``), so the index keys it as a whole word
END = "\x03"
_MAX_SET = 256
_WORD = re.compile(r"\w+")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what re's \w matches in a str pattern


def _digits(av) -> bool:
    """A character class of digits alone (``\\d``, ``[0-5]``, ``[12]``)."""
    for op, a in av:
        if op is _c.LITERAL and chr(a).isdecimal():
            continue
        if op is _c.RANGE and 0x30 <= a[0] <= a[1] <= 0x39:
            continue
        if op is _c.CATEGORY and a is _c.CATEGORY_DIGIT:
            continue
        return False
    return True


def _not_word(av) -> bool:
    """A character class of characters no word has (``\\s``, ``[\\s-]``, ``[,.]``)."""
    for op, a in av:
        if op is _c.CATEGORY and a in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD):
            continue
        if op is _c.LITERAL and not _is_word_char(chr(a)):
            continue
        return False
    return True


def _parse(pattern: str, flags: int):
    """The parsed syntax tree of ``pattern``, or None where it does not parse (the rules' callers
    then know nothing of its words and scan as before)."""
    try:
        return _parser.parse(pattern, flags)
    except (re.error, TypeError, ValueError):
        return None


def _seq(items, fold: bool, blind: bool = False) -> tuple[set[str], bool]:
    """The literal prefixes of a sequence of parsed items, and whether the whole sequence is
    literal (so what follows it may extend them). ``blind``: read every literal lower-cased,
    whatever case the groups ask for (prefixes then hold for an ASCII-lower-cased text).
    :data:`DIGIT` stands for a digit of a class (``\\d``, ``[0-9]``), and ends a prefix;
    :data:`END` for a class of characters no word has, or a ``\\b`` after a word's letters,
    and ends it too."""
    items = list(items)
    cur = {""}
    for n, (op, av) in enumerate(items):
        nxt: set[str] | None = None
        whole = False
        if op is _c.AT and av is _c.AT_BOUNDARY and all(p and _is_word_char(p[-1]) for p in cur):
            nxt = {END}  # a boundary after a word's letters: the word ends here
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width: says nothing of the characters
        elif op is _c.LITERAL:
            ch = chr(av)
            if fold and not ch.isascii() and ch.lower() != ch.upper():
                return cur, False
            nxt, whole = {ch.lower() if fold else ch}, True
        elif op is _c.IN and _digits(av) and not all(iop is _c.LITERAL for iop, _ in av):
            nxt, whole = {DIGIT}, False
        elif op is _c.IN and _not_word(av) and not all(iop is _c.LITERAL for iop, _ in av):
            nxt, whole = {END}, False
        elif op is _c.IN:
            chars = set()
            for iop, iav in av:
                if iop is not _c.LITERAL:
                    return cur, False
                ch = chr(iav)
                if fold and not ch.isascii() and ch.lower() != ch.upper():
                    return cur, False
                chars.add(ch.lower() if fold else ch)
            nxt, whole = chars, True
        elif op is _c.SUBPATTERN:
            _group, add, remove, sub = av
            if blind and not (add | remove) & ~_c.SRE_FLAG_IGNORECASE:
                nxt, whole = _seq(sub, fold, blind)
            elif add or remove:
                return cur, False  # a group that sets its own flags (case) is not read
            else:
                nxt, whole = _seq(sub, fold, blind)
        elif op is _c.BRANCH:
            nxt, whole = set(), True
            for alt in av[1]:
                s, w = _seq(alt, fold, blind)
                nxt |= s
                whole = whole and w
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            s, w = _seq(sub, fold, blind)
            if lo == 0 and hi == 1 and w:
                nxt, whole = s | {""}, True  # optional literal: both readings go on
            elif lo == 0:
                # an optional part: a match opens with it, or with what follows it
                rest, _ = _seq(items[n + 1:], fold, blind)
                nxt, whole = s | rest, False
            else:
                nxt, whole = s, w and lo == hi == 1
        else:
            return cur, False
        if len(cur) * len(nxt) > _MAX_SET:
            return cur, False
        cur = {a + b for a in cur for b in nxt}
        if not whole:
            return cur, False
    return cur, True


def lead_literals(pattern: str, flags: int = 0, *, blind: bool = False) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` starts with (lower-cased where
    ``flags`` has IGNORECASE, or everywhere with ``blind``: what an ASCII-lower-cased text
    holds where the pattern matches), or None where some match may start with any character.

    >>> sorted(lead_literals(r"\\b(?:sign(?:ed|s)?|inked)"))
    ['inked', 'sign', 'signed', 'signs']
    >>> sorted(lead_literals(r"\\b(?:an?|one)\\s+day"))  # (the word ends: :data:`END`)
    ['a\\x03', 'an\\x03', 'one\\x03']
    >>> lead_literals(r"(?:\\w+ )?troops") is None
    True
    """
    parsed = _parse(pattern, flags)
    if parsed is None:
        return None
    fold = blind or bool((flags | parsed.state.flags) & re.IGNORECASE)
    found, _ = _seq(list(parsed), fold, blind)
    if not found or "" in found:
        return None
    return frozenset(found)


def lead_words(pattern: str, flags: int = 0, *, blind: bool = False) -> frozenset[str] | None:
    """The keys (:data:`KEY` characters, or a whole shorter word) of the words every match of
    ``pattern`` starts with, for a pattern whose matches start at the start of a word; None
    where some match may start otherwise (a non-word character, a class of letters). A word
    shorter than the key has a key ending in :data:`ANY` (every word that starts with it). A match of ``pattern`` at a word start lies at a position that
    :meth:`WordIndex.starts` gives for one of these keys.

    >>> sorted(lead_words(r"\\b(?:withdr(?:ew|awn)|pull(?:ed)? out)\\b"))
    ['pul', 'wit']
    """
    found = lead_literals(pattern, flags, blind=blind)
    if found is None:
        return None
    keys = set()
    for lit in found:
        if lit[0] == DIGIT or lit[0].isdecimal():
            keys.add(DIGIT)  # a word that starts with a digit
            continue
        if DIGIT in lit[:KEY]:
            return None
        n = 0
        while n < len(lit) and _is_word_char(lit[n]):
            n += 1
        if n == 0:
            return None
        if n < KEY and n < len(lit):
            # a short word that ends in the literal ("al-", "un "): the index keys it whole
            keys.add(lit[:n] + "\0")
        elif n < KEY:
            keys.add(lit[:n] + ANY)  # the word may go on with any letters: every key it may have
        else:
            keys.add(lit[:KEY])
    return frozenset(keys)


# Words too common for their presence to tell anything: a needed word is chosen among others first.
_COMMON_KEYS = frozenset({"the", "and", "of\0", "to\0", "in\0", "a\0", "an\0", "on\0", "at\0", "by\0",
                          "for", "wit", "was", "wer", "is\0", "are", "has", "had", "hav", "fro", "tha"})


@dataclass(frozen=True, slots=True)
class _Needed:
    """Strings one of which every match of a part of a pattern holds, each with whether a word
    starts where it does in every match."""

    strings: frozenset[tuple[str, bool]]

    def keys(self) -> frozenset[str] | None:
        """The :class:`WordIndex` keys of a word each string holds a start of (None: some
        string holds no word start)."""
        return _keys_of(self.strings)

    def rank(self) -> tuple[int, int, int, int]:
        """How much the keys tell: whole keys before prefixes, rare words before common ones,
        fewer before more."""
        keys = _keys_of(self.strings)
        if keys is None:
            return (0, 0, 0, 0)
        return (1, 0 if any(k[-1] == ANY for k in keys) else 1, 0 if keys & _COMMON_KEYS else 1, -len(keys))


@functools.lru_cache(maxsize=4096)
def _keys_of(strings: frozenset[tuple[str, bool]]) -> frozenset[str] | None:
    out = set()
    for s, at_word in strings:
        key = _word_key(s, at_word)
        if key is None:
            return None
        out.add(key)
    return frozenset(out)


def _word_key(s: str, at_word: bool) -> str | None:
    """The key of a word that starts in ``s`` (at its start where ``at_word``, else after one of
    its characters that no word has), the best of them; None where no word starts in it."""
    best = None
    for p in range(len(s)):
        if not _is_word_char(s[p]) or not (at_word if p == 0 else not _is_word_char(s[p - 1])):
            continue
        n = p
        while n < len(s) and _is_word_char(s[n]):
            n += 1
        run = s[p:n]
        if len(run) >= KEY:
            key = run[:KEY]
        elif n < len(s):
            key = run + "\0"  # the word ends within the string
        else:
            key = run + ANY  # it may go on with any letters
        if best is None or (best in _COMMON_KEYS or best[-1] == ANY) and not (key in _COMMON_KEYS or key[-1] == ANY):
            best = key
    return best


def _best(a: _Needed | None, b: _Needed | None) -> _Needed | None:
    if a is None or b is None:
        return a or b
    return a if a.rank() >= b.rank() else b


def _ends_non_word(strings: set[str], before: bool) -> bool:
    """After a match of one of ``strings`` a word character starts a word (``before``: it
    would where the string is empty)."""
    return all(not _is_word_char(x[-1]) if x else before for x in strings)


def _need_seq(items, at_word: bool, memo: dict) -> tuple[set[str] | None, _Needed | None, bool]:
    """What every match of a sequence of parsed items holds, where a word starts at its start
    if ``at_word``: the set of strings it matches where that set is small and known (else
    None), the best :class:`_Needed` of its parts, and whether a word starts right after it
    (``memo``: what each part of the tree read so far gave, a part repeated being read twice)."""
    key = (id(items), at_word)
    if key in memo:
        return memo[key]
    memo[key] = found = _read_seq(getattr(items, "data", items), at_word, memo)
    return found


def _read_seq(items, at_word: bool, memo: dict) -> tuple[set[str] | None, _Needed | None, bool]:
    best: _Needed | None = None
    run: set[str] = {""}  # the strings of the literal parts read since the last other part
    run_at = at_word  # a word starts where the run does
    whole: set[str] | None = {""}
    at = at_word  # a word starts here (if a word character comes)
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            if op is _c.AT and av is _c.AT_BOUNDARY:
                at = True  # (before a word character a boundary is a word start)
                if run == {""}:
                    run_at = True
            continue
        exact, need, ends = _need_node(op, av, at, memo)
        if exact is not None and len(run) * len(exact) <= _MAX_SET:
            if run == {""}:
                run_at = at
            run = {x + y for x in run for y in exact}
        else:
            if "" not in run:
                best = _best(best, _Needed(frozenset((x, run_at) for x in run)))
            whole = None
            run, run_at = (exact, at) if exact is not None else ({""}, ends)
        if whole is not None:
            whole = run
        if exact is None:
            best = _best(best, need)  # (what an item of known strings holds, its run holds)
        at = ends
        if run == {""}:
            run_at = at
    if "" not in run:
        best = _best(best, _Needed(frozenset((x, run_at) for x in run)))
    return whole, best, at


def _need_node(op, av, at_word: bool, memo: dict) -> tuple[set[str] | None, _Needed | None, bool]:
    """(the strings it matches where few and known, the strings one of which it holds, a word
    starts right after it) of one parsed item consuming characters, at a word start if ``at_word``."""
    # (the strings of a literal are read into its run: no need of its own is asked of it)
    if op is _c.LITERAL:
        ch = chr(av)
        if ch.isascii():
            return {ch.lower()}, None, not (ch.isalnum() or ch == "_")
        return (None, None, False) if ch.lower() != ch.upper() else ({ch}, None, not _is_word_char(ch))
    if op is _c.IN:
        chars = set()
        for iop, iav in av:
            ch = chr(iav) if iop is _c.LITERAL else ""
            if iop is not _c.LITERAL or not ch.isascii() and ch.lower() != ch.upper():
                return None, None, _not_word(av)
            chars.add(ch.lower())
        return chars, None, _ends_non_word(chars, at_word)
    if op is _c.SUBPATTERN:
        return _need_seq(av[3], at_word, memo)
    if op is _c.BRANCH:
        exacts, needs, ends = [], [], True
        for alt in av[1]:
            e, n, a = _need_seq(alt, at_word, memo)
            exacts.append(e)
            needs.append(n)
            ends = ends and a
        exact = set().union(*exacts) if all(e is not None for e in exacts) else None
        if exact is not None and len(exact) > _MAX_SET:
            exact = None
        need = (_Needed(frozenset().union(*(n.strings for n in needs)))  # type: ignore[union-attr]
                if all(n is not None for n in needs) else None)
        return exact, need, ends
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        e, n, ends = _need_seq(sub, at_word, memo)
        if lo == 1 and hi == 1:
            return e, n, ends
        ends = ends and _need_seq(sub, False, memo)[2]  # (a second time round it follows itself)
        if lo == 0:
            return (e | {""} if hi == 1 and e is not None else None), None, ends and at_word
        return None, n, ends
    return None, None, False


def needed_words(pattern: str, flags: int = 0, *, at_word: bool = False) -> frozenset[str] | None:
    """Keys of words (as :class:`WordIndex` keys them, read case-blind) one of which starts in
    every match of ``pattern``, or None where none is known: a text whose index holds none of
    them has no match. ``at_word``: every match starts where a word starts.

    >>> sorted(needed_words(r"(?:homes|streets)\s+were\s+(?:flooded|submerged)"))
    ['flo', 'sub']
    >>> needed_words(r"\w+quake") is None
    True
    """
    parsed = _parse(pattern, flags)
    if parsed is None:
        return None
    _, need, _ = _need_seq(parsed, at_word, {})
    return need.keys() if need is not None else None


def _at_word(items) -> bool:
    """The sequence starts at a word boundary, or after a character that is no word's."""
    for op, av in items:
        if op is _c.ASSERT and av[0] == 1:
            continue  # a look-ahead consumes nothing
        if op is _c.ASSERT_NOT and av[0] == -1:
            # (?<![\\w...]): no word character before
            behind = list(av[1])
            if len(behind) == 1 and behind[0][0] is _c.IN and (_c.CATEGORY, _c.CATEGORY_WORD) in behind[0][1]:
                return True
            continue  # another look-behind ("(?<!high\\s)") consumes nothing either
        if op is _c.ASSERT and av[0] == -1:
            # (?<=\\bat\\s): a space before
            behind = list(av[1])
            last = behind[-1] if behind else None
            if last is not None and (last == (_c.IN, [(_c.CATEGORY, _c.CATEGORY_SPACE)])
                                     or last[0] is _c.LITERAL and chr(last[1]).isspace()):
                return True
            continue
        if op is _c.AT:
            return av is _c.AT_BOUNDARY
        if op is _c.SUBPATTERN:
            return _at_word(av[3])
        if op is _c.BRANCH:
            return all(_at_word(alt) for alt in av[1])
        return False
    return False


def starts_at_word(pattern: str, flags: int = 0) -> bool:
    """Every match of ``pattern`` starts where a ``\\b`` holds or after a character that no
    word has (look-aheads aside): where it opens with a word character, at a word's start.

    >>> starts_at_word(r"(?=[a-z])(?i:\\b(?:last|next)\\s+week)"), starts_at_word(r"May|\\bJune")
    (True, False)
    """
    parsed = _parse(pattern, flags)
    return parsed is not None and _at_word(list(parsed))


def trie_alternation(words) -> str:
    """A regex source that matches what ``|``-joining the escaped ``words``, longest first,
    matches, as a tree of their letters: the engine reads each letter once at a position
    instead of trying every word there (several times faster for hundreds of words).

    At one position the words that match are prefixes of one another; the longest comes first
    in both forms (the tree's optional ends are greedy), so a pattern that goes on after the
    alternation backtracks through them in the same order.

    >>> trie_alternation(["alshabaab", "al", "isis"])
    '(?:al(?:shabaab)?|isis)'
    """
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return (body if len(branches) > 1 else "(?:" + body + ")") + "?"
        return body

    body = emit(root)
    return body if sum(1 for ch in root if ch) > 1 and "" not in root else "(?:" + body + ")"


class WordIndex:
    """Where each word of a (lower-cased) text starts, by its first :data:`KEY` characters
    (a shorter word by itself, marked with a NUL)."""

    __slots__ = ("_at", "_found", "_prefixed")

    def __init__(self, text: str) -> None:
        at: dict[str, list[int]] = {}
        digits: list[int] = []
        for m in _WORD.finditer(text):
            s, e = m.span()
            key = text[s:s + KEY] if e - s >= KEY else text[s:e] + "\0"
            bucket = at.get(key)
            if bucket is None:
                at[key] = [s]
            else:
                bucket.append(s)
            if text[s].isdecimal():  # what re's \d matches
                digits.append(s)
        if digits:
            at[DIGIT] = digits
        self._at = at
        # the answer for each set of keys asked, as rules share their lead words
        self._found: dict[frozenset[str], list[int]] = {}
        # the buckets of the keys that start with a prefix (an :data:`ANY` key), by prefix
        self._prefixed: dict[str, list[list[int]]] = {}

    def starts(self, keys: frozenset[str]) -> list[int]:
        """The start offsets of the words keyed by any of ``keys``, in order (a list that is
        shared: the caller does not change it)."""
        found = self._found.get(keys)
        if found is None:
            found = self._found[keys] = self._starts(keys)
        return found

    def _starts(self, keys: frozenset[str]) -> list[int]:
        at = self._at
        split = _SPLIT.get(keys)
        if split is None:
            split = _SPLIT[keys] = (frozenset(k for k in keys if k[-1] != ANY),
                                    tuple(k[:-1] for k in keys if k[-1] == ANY))
        plain, prefixes = split
        found = [at[k] for k in plain & at.keys()]
        for p in prefixes:
            found += self._prefix(p)
        if not found:
            return []
        if len(found) == 1:
            return found[0]
        return sorted(chain.from_iterable(found))

    def has_any(self, keys: frozenset[str]) -> bool:
        """Some word of the text is keyed by one of ``keys``."""
        at = self._at
        for k in keys:
            if k in at if k[-1] != ANY else self._prefix(k[:-1]):
                return True
        return False

    def _prefix(self, p: str) -> list[list[int]]:
        buckets = self._prefixed.get(p)
        if buckets is None:
            buckets = self._prefixed[p] = [bucket for key, bucket in self._at.items()
                                           if key.startswith(p) and key != DIGIT]
        return buckets


#: each set of keys a rule asks for, split into whole keys and the prefixes of its :data:`ANY` keys
_SPLIT: dict[frozenset[str], tuple[frozenset[str], tuple[str, ...]]] = {}


@dataclass(frozen=True, slots=True)
class Lowered:
    """A text ASCII-lower-cased (same length, so offsets hold) and the word index of that form."""

    #: the text with ASCII capitals lower-cased
    low: str
    #: where each word of :attr:`low` starts
    index: WordIndex
    #: the text has no letter outside ASCII that ignoring case matches to an ASCII one, so a
    #: case-blind pattern's lead words hold in :attr:`low` (see :data:`CASE_EXCEPTIONS`)
    blind: bool


#: texts up to this length are kept indexed (and split into sentences, :mod:`karamap.sentences`)
#: for the next stage that scans them; a longer one (a book, not an article) is indexed anew
#: each time rather than held in memory
KEEP_CHARS = 200_000


def lowered(text: str) -> Lowered:
    """``text`` lower-cased and indexed by its words, made once a text however many stages
    (dates, event triggers, event codes) scan it: the last few texts are kept.

    >>> found = lowered("Troops Withdrew.")
    >>> found.low, found.index.starts(frozenset({"wit"})), found.blind
    ('troops withdrew.', [7], True)
    """
    return _lowered(text) if len(text) <= KEEP_CHARS else _lower(text)


def _lower(text: str) -> Lowered:
    # (str.lower is ASCII lower-casing for an ASCII text, and ten times faster than translate)
    low = text.lower() if text.isascii() else text.translate(ASCII_LOWER)
    return Lowered(low, WordIndex(low), CASE_EXCEPTIONS.search(text) is None)


_lowered = functools.lru_cache(maxsize=8)(_lower)


_KEYS: dict[re.Pattern[str], frozenset[str] | None] = {}


def pattern_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The lead-word keys of ``pattern`` (:func:`lead_words`, read case-blind) where every match
    starts at a word's start, else None; worked out once a pattern."""
    try:
        return _KEYS[pattern]
    except KeyError:
        keys = None
        if starts_at_word(pattern.pattern, pattern.flags):
            keys = lead_words(pattern.pattern, pattern.flags, blind=True)
        _KEYS[pattern] = keys
        return keys


_NEEDS: dict[re.Pattern[str], frozenset[str] | None] = {}


def pattern_needs(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The keys of words one of which starts in every match of ``pattern`` (:func:`needed_words`),
    worked out once a pattern."""
    try:
        return _NEEDS[pattern]
    except KeyError:
        keys = _NEEDS[pattern] = needed_words(pattern.pattern, pattern.flags)
        return keys


class TextScan:
    """One text to run many patterns over: :meth:`finditer` yields what ``pattern.finditer``
    yields, trying a pattern only where a word it can open with starts (the index is built on
    first use; a pattern without lead words, or a text with a letter that ignoring case matches
    to an ASCII one, is scanned in full)."""

    __slots__ = ("text", "_index", "_blind")

    def __init__(self, text: str) -> None:
        self.text = text
        self._index: WordIndex | None = None
        self._blind: bool | None = None

    def index(self) -> WordIndex | None:
        """The word index of the text's ASCII-lower-cased form (None where it cannot serve)."""
        if self._blind is None:
            found = lowered(self.text)
            self._blind = found.blind
            if self._blind:
                self._index = found.index
        return self._index

    def may_match(self, pattern: re.Pattern[str], pos: int = 0, endpos: int | None = None) -> bool:
        """False where no match of ``pattern`` can lie in the text from ``pos`` to ``endpos``:
        none of the words every match holds (:func:`pattern_needs`) starts there. (A word starts
        at ``pos`` only where the character before it is no word's, as ``pattern.search(text,
        pos)`` reads it; a slice ``text[pos:]`` may find more.)"""
        needs = pattern_needs(pattern)
        if needs is None or self._blind is None and len(self.text) > KEEP_CHARS:
            return True  # (a long text is not indexed for this alone: its index is not kept)
        index = self.index()
        if index is None:
            return True
        at = index.starts(needs)  # type: ignore[arg-type]
        k = bisect.bisect_left(at, pos)
        return k < len(at) and at[k] < (len(self.text) if endpos is None else endpos)

    def finditer(self, pattern: re.Pattern[str], pos: int = 0, endpos: int | None = None):
        """The matches of ``pattern`` in the text (from ``pos`` to ``endpos``), in order."""
        if not self.may_match(pattern, pos, endpos):
            return
        keys = pattern_words(pattern)
        index = self.index() if keys is not None else None
        end = len(self.text) if endpos is None else endpos
        if index is None:
            yield from pattern.finditer(self.text, pos, end)
            return
        match, text = pattern.match, self.text
        for i in index.starts(keys):  # type: ignore[arg-type]
            if i < pos:
                continue
            if i >= end:
                break
            m = match(text, i, end)
            if m is not None:
                yield m
                pos = m.end() if m.end() > i else i + 1

    def search(self, pattern: re.Pattern[str], pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The first match of ``pattern`` (as ``pattern.search``)."""
        return next(self.finditer(pattern, pos, endpos), None)
