"""Read articles from text files, JSONL files, folders, strings and Article objects, streaming.

Bad inputs never stop a batch (unless ``strict``): each one is skipped, named with
its file (and line) in the :class:`ReadReport`, and the reading goes on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from karamap.errors import (
    ConfigurationError,
    DuplicateIdError,
    InputError,
    NoArticlesError,
    ReadError,
)
from karamap.model import Article
from karamap.read.files import (
    JSONL_SUFFIXES,
    MAX_LINE_BYTES,
    MAX_TEXT_BYTES,
    Failure,
    iter_folder,
    iter_jsonl,
    iter_jsonl_stream,
    read_text_file,
    read_text_stream,
    unreadable_name,
)
from karamap.read.report import ReadReport, Skipped
from karamap.read.html import HTML_SUFFIXES, read_html_file
from karamap.read.tables import TABLE_SUFFIXES, iter_table
from karamap.read.text import read_text

__all__ = ["read", "read_text", "ReadReport", "Skipped", "MAX_TEXT_BYTES", "MAX_LINE_BYTES", "STDIN"]

#: the source name that reads standard input (JSONL when it starts with "{", else one text article)
STDIN = "-"


#: a file named explicitly with one of these suffixes (or none) is one text article
TEXT_FILE_SUFFIXES = ("", ".txt", ".text", ".md")


def read(sources: Any, *, strict: bool = False, report: ReadReport | None = None,
         text_column: str | None = None) -> Iterator[Article]:
    """Stream the articles of ``sources``.

    Parameters
    ----------
    sources : a path (``str`` or path-like) to a text file, a JSONL file or a folder,
        an :class:`Article`, or an iterable of these (nested freely).

        - A text file (any suffix but ``.jsonl``/``.ndjson``) is one article; its id is
          the file name without suffix. An optional first line ``date YYYY-MM-DD Title``
          gives the publication date and title; ``Article.text`` is the whole file, that
          line included, so offsets index into the file as Python's text mode reads it
          (UTF-8, BOM dropped, CRLF and CR read as LF). Non-UTF-8 files are decoded as
          Windows-1254, Windows-1252 or latin-1 and the report notes which.
        - A JSONL file holds one object a line: ``{"id", "text", "date"?, "title"?,
          "url"?, "source"?}`` (``published`` or ``dct`` are read as ``date``; other keys
          are ignored). It is streamed line by line.
        - A CSV, TSV or Parquet file holds one article a row (:mod:`karamap.read.tables`):
          the text from ``text_column``, else a ``text``, ``body`` or ``content`` column.
        - A file of any other suffix is refused (a :class:`ReadError` naming what is read).
        - A folder: its ``.txt``, ``.jsonl``, ``.ndjson``, ``.csv``, ``.tsv`` and ``.parquet``
          files, recursively, sorted; ids of its text files are their paths relative to it,
          without suffix.
        - ``"-"``: standard input, read as JSONL when it starts with ``{``, else as one
          text article with the id ``stdin``.
    strict : raise the first bad input's error instead of skipping it.
    report : filled while reading: the article count, what was skipped and why, and
        the recoveries made (encodings).
    text_column : the column of CSV and Parquet inputs the text is read from.

    Raises
    ------
    InputError
        With ``strict``, the first bad input's error. Without, only when no article
        at all was read: :class:`NoArticlesError` when the sources were empty, else
        the first problem met (:class:`ReadError`, :class:`EncodingError`,
        :class:`HeaderError`, :class:`RecordError`).
    ConfigurationError
        ``sources`` holds something that is no source (a number, bytes ...).

    Examples
    --------
    >>> from karamap.paths import example_articles
    >>> [(a.id, a.published.isoformat()) for a in read(example_articles())]
    [('2021-01-30-joint-karabakh-center', '2021-01-30')]
    """
    report = report if report is not None else ReadReport()
    seen: dict[str, str] = {}
    # for the error of a read that found nothing: the first failure, the first real one, a count
    failures: list[Failure] = []
    failed = 0
    count = 0
    for item in _expand(sources, report, text_column):
        if isinstance(item, Article):
            first = seen.get(item.id)
            if first is None:
                seen[item.id] = item.origin or item.id
                count += 1
                report.articles += 1
                yield item
                continue
            where = item.origin or item.id
            item = Failure(where, DuplicateIdError(
                f"{where}: duplicate article id {item.id!r} (first read from {first})"))
        if strict:
            raise item.error
        failed += 1
        if not failures or (len(failures) == 1 and isinstance(failures[0].error, NoArticlesError)
                            and not isinstance(item.error, NoArticlesError)):
            failures.append(item)
        report.skip(item.origin, item.error)
    if count == 0:
        raise _nothing_read(failures, failed)


def _nothing_read(failures: list[Failure], failed: int) -> InputError:
    if not failures:
        return NoArticlesError("no input given: name text files, JSONL files or folders")
    # A real problem (a missing file, a bad encoding) says more than "nothing there".
    real = [f for f in failures if not isinstance(f.error, NoArticlesError)]
    first = (real or failures)[0].error
    if failed == 1:
        return first
    others = failed - 1
    error = type(first)(f"{first} (and {others} more problem{'s' if others > 1 else ''}; "
                        "no article was read)")
    error.__cause__ = first
    return error


def _expand(source: Any, report: ReadReport, text_column: str | None = None) -> Iterator[Article | Failure]:
    if isinstance(source, Article):
        yield source
    elif isinstance(source, str | os.PathLike):
        if not os.fspath(source).strip():
            # Path("") would silently mean the current folder
            yield Failure(repr(os.fspath(source)), ReadError("an empty path names no file or folder"))
            return
        yield from _expand_path(Path(source), report, text_column)
    elif isinstance(source, bytes | bytearray | dict) or not isinstance(source, Iterable):
        raise ConfigurationError(
            f"cannot read {type(source).__name__} as articles: pass paths, Article objects, "
            "or karamap.read_text(...) for a string"
        )
    else:
        for item in source:
            yield from _expand(item, report, text_column)


def _expand_path(path: Path, report: ReadReport, text_column: str | None = None) -> Iterator[Article | Failure]:
    origin = str(path)
    if origin == STDIN:
        yield from _expand_stdin(report)
    elif path.is_dir():
        empty = True
        for entry in iter_folder(path, origin=origin):
            empty = False
            if isinstance(entry, Failure):
                yield entry
                continue
            file, stem, file_origin = entry
            yield from _expand_file(file, stem, file_origin, report, text_column)
        if empty:
            yield Failure(origin, NoArticlesError(
                f"{origin}: folder holds no .txt or .jsonl file"))
    elif path.exists():
        yield from _expand_file(path, path.stem, origin, report, text_column)
    elif path.is_symlink():
        yield Failure(origin, ReadError(f"{origin}: broken symbolic link"))
    else:
        yield Failure(origin, ReadError(f"{origin}: no such file or folder"))


def _expand_file(path: Path, stem: str, origin: str, report: ReadReport,
                 text_column: str | None = None) -> Iterator[Article | Failure]:
    problem = unreadable_name(origin)
    if problem is not None:
        yield Failure(origin, ReadError(f"{origin}: {problem}"))
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from iter_jsonl(path, origin=origin, report=report)
        return
    if suffix in TABLE_SUFFIXES:
        yield from iter_table(path, origin=origin, stem=stem, report=report, text_column=text_column)
        return
    if suffix in HTML_SUFFIXES:
        try:
            yield read_html_file(path, id=stem, origin=origin, report=report)
        except InputError as err:
            yield Failure(origin, err)
        return
    if suffix not in TEXT_FILE_SUFFIXES:
        yield Failure(origin, ReadError(
            f"{origin}: karamap does not read {suffix} files: it reads text (.txt, .text, .md), "
            "JSONL (.jsonl, .ndjson), CSV/TSV and Parquet files of articles and saved web pages "
            "(.html, .htm) (docs/format.md)"))
        return
    try:
        yield read_text_file(path, id=stem, origin=origin, report=report)
    except InputError as err:
        yield Failure(origin, err)


def _expand_stdin(report: ReadReport) -> Iterator[Article | Failure]:
    # JSONL when the first non-blank byte opens an object, else one text article.
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # started with standard input closed (`<&-`): Python then has no sys.stdin
        yield Failure("<stdin>", ReadError("<stdin>: standard input is closed"))
        return
    try:
        head = stream.peek(4096).lstrip()[:1] if hasattr(stream, "peek") else b""
    except OSError:
        head = b""
    if head == b"{":
        yield from iter_jsonl_stream(stream, origin="<stdin>", stem="stdin", report=report)
        return
    try:
        yield read_text_stream(stream, id="stdin", origin="<stdin>", report=report)
    except InputError as err:
        yield Failure("<stdin>", err)
