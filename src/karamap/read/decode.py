"""Bytes to text: UTF-8 first, a BOM honoured, legacy Windows/ISO encodings detected, binaries refused."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from karamap.errors import EncodingError, ReadError

__all__ = ["Decoded", "decode_bytes", "normalise_newlines", "sniff_binary"]

# Bytes where Windows-1254 (Turkish) has Ğ İ Ş ğ ı ş and Windows-1252 has Ð Ý Þ ð ý þ.
# In English news about the region the Turkish letters are by far the likelier.
_CP1254_LETTERS = frozenset(b"\xd0\xdd\xde\xf0\xfd\xfe")
# Signatures of files people feed by mistake, named in the message.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and the encoding it was decoded from (``utf-8``, ``utf-8-sig``, ``cp1252`` ...)."""

    text: str
    encoding: str

    @property
    def legacy(self) -> bool:
        """Decoded from something other than UTF-8 (worth a note to the user)."""
        return self.encoding not in ("utf-8", "utf-8-sig", "ascii")


def sniff_binary(head: bytes) -> str | None:
    """What kind of binary ``head`` (a file's first bytes) starts, or None for plausible text.

    >>> sniff_binary(b"%PDF-1.7 ...")
    'a PDF document'
    >>> sniff_binary(b"plain text") is None
    True
    """
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # UTF-16 text has NUL bytes by nature
    if b"\x00" in head:
        return "a binary file (it contains NUL bytes)"
    return None


def decode_bytes(data: bytes, origin: str) -> Decoded:
    """Decode a text file's bytes, naming ``origin`` in any error.

    UTF-8 (a leading BOM is dropped), UTF-16 with a BOM, then Windows-1254 when
    the Turkish letters' bytes occur, Windows-1252 when the 0x80-0x9F block is
    used (curly quotes, dashes), and ISO-8859-1 (latin-1) otherwise. Bytes none
    of these defines are refused.

    Examples
    --------
    >>> decode_bytes("Ağdam".encode("utf-8"), "a.txt")
    Decoded(text='Ağdam', encoding='utf-8')
    >>> decode_bytes("Ağdam".encode("cp1254"), "a.txt")
    Decoded(text='Ağdam', encoding='cp1254')
    >>> decode_bytes("“Shusha”".encode("cp1252"), "a.txt")
    Decoded(text='“Shusha”', encoding='cp1252')
    >>> decode_bytes("café".encode("latin-1"), "a.txt")
    Decoded(text='café', encoding='latin-1')
    """
    kind = sniff_binary(data[:8192])
    if kind is not None:
        raise ReadError(f"{origin}: not a text file: {kind}")
    if data.startswith(codecs.BOM_UTF8):
        return _checked(_strict(data, "utf-8-sig", origin), "utf-8-sig", origin)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(_strict(data, "utf-16", origin), "utf-16", origin)
    try:
        return _checked(data.decode("utf-8"), "utf-8", origin)
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    for encoding in _legacy_candidates(data):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "latin-1" and any(0x80 <= b <= 0x9F for b in data):
            break  # C1 control characters: no real text in latin-1 carries them
        return _checked(text, encoding, origin)
    raise EncodingError(
        f"{origin}: not UTF-8 (bad byte 0x{data[first_bad]:02x} at byte {first_bad}) and not "
        "Windows-1252/1254 or latin-1 text either; convert it to UTF-8"
    )


def _legacy_candidates(data: bytes) -> tuple[str, ...]:
    if any(b in _CP1254_LETTERS for b in data):
        return ("cp1254", "cp1252", "latin-1")
    if any(0x80 <= b <= 0x9F for b in data):
        return ("cp1252", "cp1254", "latin-1")
    return ("latin-1",)


def _strict(data: bytes, encoding: str, origin: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise EncodingError(
            f"{origin}: starts with a {encoding} byte-order mark but byte {err.start} is not {encoding}"
        ) from err


def _checked(text: str, encoding: str, origin: str) -> Decoded:
    # Text full of control characters is a binary that happened to decode.
    controls = sum(1 for c in text[:65536] if c < " " and c not in _ALLOWED_CONTROLS)
    if "\x00" in text or controls > max(8, len(text[:65536]) // 100):
        raise ReadError(f"{origin}: not a text file: a binary file ({controls} control characters)")
    return Decoded(text, encoding)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, as Python's text mode reads them.

    >>> normalise_newlines("a\\r\\nb\\rc\\n")
    'a\\nb\\nc\\n'
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
