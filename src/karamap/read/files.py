"""Articles from files: a text file is one article, a JSONL file one article a line, streamed."""

from __future__ import annotations

import codecs
import io
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from karamap.errors import HeaderError, InputError, NoArticlesError, ReadError, RecordError
from karamap.model import Article
from karamap.read.decode import decode_bytes, normalise_newlines, sniff_binary
from karamap.read.header import parse_published
from karamap.read.html import article_from_html
from karamap.read.report import ReadReport
from karamap.read.text import article_from_text, scrub_surrogates

__all__ = [
    "Failure",
    "read_text_file",
    "read_text_stream",
    "iter_jsonl",
    "iter_jsonl_stream",
    "jsonl_lines",
    "iter_folder",
    "unreadable_name",
    "special_file",
    "MAX_TEXT_BYTES",
    "MAX_LINE_BYTES",
    "JSONL_SUFFIXES",
    "TEXT_SUFFIXES",
]

#: a text file is one article; beyond this size it is refused rather than read into memory
MAX_TEXT_BYTES = 20 * 1024 * 1024
#: one JSONL line (one article) may not be longer than this
MAX_LINE_BYTES = 20 * 1024 * 1024
JSONL_SUFFIXES = (".jsonl", ".ndjson")
#: what a folder is searched for (an explicitly named file of any other suffix is read as text)
TEXT_SUFFIXES = (".txt",)

#: tables of articles (read by karamap.read.tables), searched for in folders too
_TABLE_SUFFIXES = (".csv", ".tsv", ".parquet")
_HTML_SUFFIXES = (".html", ".htm")
_DATE_KEYS = ("date", "published", "dct")
_OPTIONAL_STR = ("title", "url", "source")
_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", int: "a number",
               float: "a number", bool: "a boolean", type(None): "null"}


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that gave no article, and why (streamed in place of the article)."""

    origin: str
    error: InputError


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def read_text_file(path: Path, *, id: str, origin: str, report: ReadReport) -> Article:
    """The article of one text file (see :func:`karamap.read.read` for the rules).

    Raises
    ------
    ReadError, EncodingError, HeaderError, NoArticlesError
    """
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise ReadError(
                f"{origin}: {size / 1024 / 1024:.1f} MB is too large for one article "
                f"(limit {_mb(MAX_TEXT_BYTES)}); split it, or put one article a line in a JSONL file"
            )
        with open(path, "rb") as fh:
            return read_text_stream(fh, id=id, origin=origin, report=report)
    except OSError as err:
        raise ReadError(f"{origin}: cannot read: {err.strerror or err}") from err


def read_text_stream(fh: BinaryIO, *, id: str, origin: str, report: ReadReport) -> Article:
    """The article of an open binary stream (a file, a pipe, standard input), read bounded."""
    try:
        data = fh.read(MAX_TEXT_BYTES + 1)  # bounded even for devices and pipes
    except OSError as err:
        raise ReadError(f"{origin}: cannot read: {err.strerror or err}") from err
    if len(data) > MAX_TEXT_BYTES:
        raise ReadError(f"{origin}: more than {_mb(MAX_TEXT_BYTES)}, too large for one article; "
                        "put one article a line in JSONL")
    decoded = decode_bytes(data, origin)
    if decoded.legacy:
        report.note(f"{origin}: not UTF-8; decoded as {decoded.encoding}")
    # Line ends as Python's text mode reads them: offsets then agree with open(path).read().
    text = normalise_newlines(decoded.text)
    return article_from_text(text, id=id, origin=origin)


def iter_jsonl(path: Path, *, origin: str, report: ReadReport) -> Iterator[Article | Failure]:
    """The articles of a JSONL file, one line at a time (memory bounded by the longest line).

    A bad line gives a :class:`Failure` naming ``file:line`` and the reading goes on;
    blank lines are ignored.
    """
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below; errors must become Failures
    except OSError as err:
        yield Failure(origin, ReadError(f"{origin}: cannot read: {err.strerror or err}"))
        return
    with fh:
        yield from iter_jsonl_stream(fh, origin=origin, stem=path.stem, report=report)


def iter_jsonl_stream(fh: io.BufferedIOBase, *, origin: str, stem: str,
                      report: ReadReport) -> Iterator[Article | Failure]:
    """:func:`iter_jsonl` over an open binary stream (standard input too: nothing is sought)."""
    try:
        head = fh.peek(8192)[:8192] if hasattr(fh, "peek") else b""
    except OSError as err:
        yield Failure(origin, ReadError(f"{origin}: cannot read: {err.strerror or err}"))
        return
    kind = sniff_binary(head)
    if kind is not None:
        yield Failure(origin, ReadError(f"{origin}: not a JSONL file: {kind}"))
        return
    yield from jsonl_lines(fh, origin=origin, stem=stem, report=report)


def jsonl_lines(fh: BinaryIO, *, origin: str, stem: str, report: ReadReport, first_line: int = 1,
                lines_before: int = 0, last: bool = True) -> Iterator[Article | Failure]:
    """The article (or the failure) of each JSONL line read from ``fh``, one line at a time.

    The one reader of JSONL lines, for a whole file or standard input and for a block of
    a file that a cluster worker reads by itself: a block starts at line ``first_line``
    after ``lines_before`` non-blank lines, and only the ``last`` block of a file reports
    a file without a JSON line. A line longer than :data:`MAX_LINE_BYTES` is skipped
    unread (memory stays bounded), a UTF-8 BOM before the first line is dropped, blank
    lines are ignored, and a default id is ``STEM-LINE``.

    >>> import io
    >>> from karamap.read.report import ReadReport
    >>> data = io.BytesIO(b'{"id": "a", "text": "Rain in Baku."}\\n\\n{"text": "Wind."}\\n[1]\\n')
    >>> [getattr(x, "id", None) or x.origin for x in jsonl_lines(data, origin="f", stem="f", report=ReadReport())]
    ['a', 'f-3', 'f:4']
    """
    lines = lines_before
    lineno = first_line - 1
    while True:
        try:
            raw = fh.readline(MAX_LINE_BYTES + 1)
        except OSError as err:
            yield Failure(origin, ReadError(f"{origin}: cannot read: {err.strerror or err}"))
            return
        if not raw:
            break
        lineno += 1
        where = f"{origin}:{lineno}"
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            _drain_line(fh)
            yield Failure(where, RecordError(f"{where}: line longer than {_mb(MAX_LINE_BYTES)}"))
            continue
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if not raw.strip():
            continue
        lines += 1
        try:
            yield _record_article(raw, where, default_id=f"{stem}-{lineno}", origin=origin,
                                  report=report)
        except InputError as err:
            yield Failure(where, err)
    if last and lines == 0:
        yield Failure(origin, NoArticlesError(f"{origin}: empty (no JSON line)"))


def _drain_line(fh: Any) -> None:
    while True:
        chunk = fh.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _record_article(raw: bytes, where: str, *, default_id: str, origin: str,
                    report: ReadReport) -> Article:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        decoded = decode_bytes(raw, where)
        report.note(f"{origin}: not UTF-8; lines decoded as {decoded.encoding}")
        line = decoded.text
    try:
        record = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as err:
        raise RecordError(f"{where}: not JSON ({err.msg} at column {err.colno})") from err
    except (ValueError, RecursionError) as err:
        raise RecordError(f"{where}: not usable JSON ({err})") from err
    if not isinstance(record, dict):
        raise RecordError(f"{where}: {_json_type(record)} where an object "
                          '{"id", "text", "date"?, "title"?, ...} was expected')
    if "text" not in record:
        raise RecordError(f'{where}: the record lacks "text"')
    text = record["text"]
    if not isinstance(text, str):
        raise RecordError(f'{where}: "text" must be a string, not {_json_type(text)}')
    article_id = record.get("id", default_id)
    if isinstance(article_id, bool) or not isinstance(article_id, str | int):
        raise RecordError(f'{where}: "id" must be a string, not {_json_type(article_id)}')
    article_id = scrub_surrogates(str(article_id))
    if not article_id.strip():
        raise RecordError(f'{where}: "id" is empty')
    fields: dict[str, str | None] = {}
    for key in _OPTIONAL_STR:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise RecordError(f'{where}: "{key}" must be a string or null, not {_json_type(value)}')
        fields[key] = scrub_surrogates(value) if value else None
    published = None
    for key in _DATE_KEYS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise RecordError(f'{where}: "{key}" must be a "YYYY-MM-DD" string, not {_json_type(value)}')
        try:
            published = parse_published(value, where, where=f'in "{key}"')
        except HeaderError as err:
            raise RecordError(str(err)) from err
        break
    markup = record.get("format", "text")
    if markup == "html":  # a saved web page: its main text is read, its metadata fills gaps
        try:
            return article_from_html(scrub_surrogates(text), id=article_id, origin=where,
                                     report=report, published=published, **fields)
        except ReadError as err:
            raise RecordError(str(err)) from err
        except NoArticlesError as err:
            raise RecordError(f'{where}: "text" holds no article text (format "html")') from err
    if markup != "text":
        raise RecordError(f'{where}: "format" must be "text" or "html", not {json.dumps(markup)[:40]}')
    try:
        return article_from_text(scrub_surrogates(text), id=article_id, origin=where,
                                 published=published, **fields)
    except NoArticlesError as err:
        raise RecordError(f'{where}: empty "text"') from err
    except HeaderError as err:
        raise RecordError(str(err)) from err


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def iter_folder(folder: Path, *, origin: str) -> Iterator[tuple[Path, str, str] | Failure]:
    """The article files under ``folder``: ``(path, id, origin)`` sorted by relative path.

    Hidden files and folders (``.git``, editors' and karamap's temporaries) are
    skipped; symbolic links to folders are not followed (no cycles). A file karamap
    would read but cannot is a :class:`Failure` in its place, so the summary lists it:
    a name that is not UTF-8 (its id could not be written), a named pipe, a device
    or a socket (reading it would block the run or never end), a broken link.
    """
    found: list[tuple[str, Path]] = []
    for root, dirs, files in os.walk(folder, onerror=None, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            if name.lower().endswith(TEXT_SUFFIXES + JSONL_SUFFIXES + _TABLE_SUFFIXES + _HTML_SUFFIXES):
                path = Path(root) / name
                found.append((path.relative_to(folder).as_posix(), path))
    found.sort()
    for relative, path in found:
        where = os.path.join(origin, relative)
        problem = unreadable_name(relative) or special_file(path)
        if problem is not None:
            yield Failure(where, ReadError(f"{where}: {problem}"))
            continue
        stem = relative.rsplit(".", 1)[0]
        yield path, stem, where


def unreadable_name(name: str) -> str | None:
    """Why a file's name cannot name an article (its id), or None.

    Python reads a name that is not UTF-8 with its undecodable bytes as lone
    surrogates; such an id cannot be written to JSON, GeoJSON or HTML.

    >>> unreadable_name("news/b\\udcff.txt")
    'the file name is not UTF-8 (rename it)'
    >>> unreadable_name("news/a.txt") is None
    True
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not UTF-8 (rename it)"
    return None


def special_file(path: Path) -> str | None:
    """What ``path`` is when it is not a regular file (after links): a pipe, a device ... or None."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a broken symbolic link" if path.is_symlink() else "no such file"
    except OSError as err:
        return f"cannot be read ({err.strerror or err})"
    if stat.S_ISREG(mode):
        return None
    for test, kind in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return f"not a regular file but {kind}"
    return "not a regular file"
