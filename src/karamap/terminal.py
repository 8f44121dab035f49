"""Text from outside (file names, server replies) made safe to print on a terminal."""

from __future__ import annotations

import unicodedata

__all__ = ["printable", "one_line", "UNSAFE_CATEGORIES"]

# Categories a terminal acts on instead of showing: controls (C0, DEL, C1: ANSI escapes start
# with ESC or CSI), format characters (bidi overrides, zero-width joiners), line and paragraph
# separators, surrogates (bytes of a non-UTF-8 file name, as Python decodes them), and code
# points Unicode has not assigned (what a terminal makes of them is anyone's guess).
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"})


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char, f"\\x{code:02x}")
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with everything a terminal would act on shown as a backslash escape.

    Control characters (ANSI escape sequences begin with one), bidirectional
    overrides and other format characters, and the bytes of a non-UTF-8 file name
    become ``\\x1b``, ``\\u202e``, ``\\xff``; everything else is kept.

    Examples
    --------
    >>> printable("ok \\x1b[31mred\\x1b[0m")
    'ok \\\\x1b[31mred\\\\x1b[0m'
    >>> printable("b\\udcff.txt")
    'b\\\\xff.txt'
    >>> printable("Xankəndi")
    'Xankəndi'
    """
    if text.isprintable():
        return text
    return "".join(_escape(c) if unicodedata.category(c) in UNSAFE_CATEGORIES else c for c in text)


def one_line(text: str, limit: int = 160) -> str:
    """``text`` as one short printable line: white space collapsed, escapes shown, cut at ``limit``.

    For text a server or a file chose, quoted in a message: it can neither move the
    cursor, colour the terminal, nor fill the screen.

    Examples
    --------
    >>> one_line("Service\\r\\n  unavailable\\x07")
    'Service unavailable\\\\x07'
    >>> one_line("x" * 500, limit=10)
    'xxxxxxxxx…'
    """
    flat = printable(" ".join(text.split()))
    return flat if len(flat) <= limit else flat[: max(limit - 1, 0)] + "…"
