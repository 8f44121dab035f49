"""Articles from tables: CSV, TSV and Parquet files with one article a row, streamed.

The text comes from one column (``--text-column``, else the first of ``text``,
``body``, ``content``); ``id``, ``date`` (or ``published``), ``title``, ``url`` and
``source`` are read when the table has them. A table without a text column is
refused as a whole, naming the columns it has; a bad row is skipped and named
(``file.csv:row 7``) like a bad JSONL line.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from karamap.contract import TEXT_COLUMNS
from karamap.errors import HeaderError, InputError, NoArticlesError, ReadError, RecordError
from karamap.model import Article
from karamap.read.decode import decode_bytes, sniff_binary
from karamap.read.files import MAX_LINE_BYTES, Failure
from karamap.read.header import parse_published
from karamap.read.report import ReadReport
from karamap.read.text import article_from_text, scrub_surrogates

__all__ = ["CSV_SUFFIXES", "PARQUET_SUFFIXES", "TABLE_SUFFIXES", "iter_table", "text_column_of"]

CSV_SUFFIXES = (".csv", ".tsv")
PARQUET_SUFFIXES = (".parquet",)
TABLE_SUFFIXES = CSV_SUFFIXES + PARQUET_SUFFIXES
_DATE_COLUMNS = ("date", "published")
_OPTIONAL = ("title", "url", "source")
#: rows read from a Parquet file at a time (memory stays bounded for big tables)
_BATCH_ROWS = 2048


def text_column_of(columns: list[str], wanted: str | None, origin: str) -> str:
    """The column the article text is read from; a :class:`ReadError` naming the columns if none.

    >>> text_column_of(["id", "Body", "date"], None, "news.csv")
    'Body'
    """
    lower = {c.strip().lower(): c for c in reversed(columns)}
    if wanted is not None:
        found = wanted if wanted in columns else lower.get(wanted.strip().lower())
        if found is None:
            raise ReadError(f"{origin}: no column {wanted!r} (--text-column); the columns are: "
                            f"{', '.join(columns) or 'none'}")
        return found
    for name in TEXT_COLUMNS:
        if name in lower:
            return lower[name]
    raise ReadError(f"{origin}: no text column: a table of articles needs a column named "
                    f"{', '.join(TEXT_COLUMNS[:-1])} or {TEXT_COLUMNS[-1]}, or --text-column NAME; "
                    f"the columns are: {', '.join(columns) or 'none'}")


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "isoformat"):  # a Parquet date or timestamp
        value = value.isoformat()[:10]
    text = str(value).strip()
    return scrub_surrogates(text) if text else None


def _row_article(row: Mapping[str, Any], columns: dict[str, str], where: str, default_id: str) -> Article:
    text = row.get(columns["text"])
    if text is None or (isinstance(text, float) and text != text) or not str(text).strip():
        raise RecordError(f"{where}: empty text in column {columns['text']!r}")
    if not isinstance(text, str):
        raise RecordError(f"{where}: the text column holds {type(text).__name__}, not text")
    article_id = _cell(row.get(columns["id"])) if "id" in columns else None
    fields = {key: _cell(row.get(columns[key])) if key in columns else None for key in _OPTIONAL}
    published = None
    date = _cell(row.get(columns["date"])) if "date" in columns else None
    if date:
        try:
            published = parse_published(date, where, where=f"in column {columns['date']!r}")
        except HeaderError as err:
            raise RecordError(str(err)) from err
    try:
        return article_from_text(scrub_surrogates(text), id=article_id or default_id, origin=where,
                                 published=published, **fields)
    except NoArticlesError as err:
        raise RecordError(f"{where}: empty text") from err
    except HeaderError as err:
        raise RecordError(str(err)) from err


def _columns(names: list[str], text_column: str | None, origin: str) -> dict[str, str]:
    lower = {c.strip().lower(): c for c in reversed(names)}
    columns = {"text": text_column_of(names, text_column, origin)}
    for key in ("id", *_OPTIONAL):
        if key in lower:
            columns[key] = lower[key]
    for key in _DATE_COLUMNS:
        if key in lower:
            columns["date"] = lower[key]
            break
    return columns


def iter_table(path: Path, *, origin: str, stem: str, report: ReadReport,
               text_column: str | None = None) -> Iterator[Article | Failure]:
    """The articles of a CSV, TSV or Parquet file, one a row, streamed.

    Row ``n`` (the first data row is 1) of a table without an ``id`` column gets
    the id ``STEM-n``.
    """
    rows = _parquet_rows if path.suffix.lower() in PARQUET_SUFFIXES else _csv_rows
    count = 0
    try:
        for number, row, columns in rows(path, origin, text_column, report):
            count += 1
            where = f"{origin}:row {number}"
            try:
                yield _row_article(row, columns, where, f"{stem}-{number}")
            except InputError as err:
                yield Failure(where, err)
    except InputError as err:
        yield Failure(origin, err)
        return
    if count == 0:
        yield Failure(origin, NoArticlesError(f"{origin}: a table with no rows"))


def _csv_rows(path: Path, origin: str, text_column: str | None,
              report: ReadReport) -> Iterator[tuple[int, dict[str, Any], dict[str, str]]]:
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as err:
        raise ReadError(f"{origin}: cannot read: {err.strerror or err}") from err
    with fh:
        head = fh.read(65536)
        kind = sniff_binary(head)
        if kind is not None:
            raise ReadError(f"{origin}: not a CSV file: {kind}")
        try:
            head.decode("utf-8")
            encoding = "utf-8-sig"
        except UnicodeDecodeError as err:
            if err.start < len(head) - 4:  # not just a character cut at the end of the sample
                encoding = decode_bytes(head, origin).encoding
                report.note(f"{origin}: not UTF-8; decoded as {encoding}")
            else:
                encoding = "utf-8-sig"
        fh.seek(0)
        text = io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline="")
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        # One article may be long: allow a field as long as a JSONL line.
        csv.field_size_limit(min(sys.maxsize, MAX_LINE_BYTES))
        reader = csv.reader(text, delimiter=delimiter)
        try:
            header = next(reader, None)
            if header is None:
                raise NoArticlesError(f"{origin}: empty (no header row)")
            header = [h.lstrip("\ufeff") for h in header]
            columns = _columns(header, text_column, origin)
            for number, values in enumerate(reader, start=1):
                if not any(v.strip() for v in values):
                    continue
                yield number, dict(zip(header, values)), columns
        except csv.Error as err:
            raise ReadError(f"{origin}: not a readable CSV file: {err}") from err


def _parquet_rows(path: Path, origin: str, text_column: str | None,
                  report: ReadReport) -> Iterator[tuple[int, dict[str, Any], dict[str, str]]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as err:
        raise ReadError(f"{origin}: not a readable Parquet file: {err}") from err
    names = list(table.schema_arrow.names)
    columns = _columns(names, text_column, origin)
    number = 0
    try:
        for batch in table.iter_batches(batch_size=_BATCH_ROWS, columns=sorted(set(columns.values()))):
            for row in batch.to_pylist():
                number += 1
                yield number, row, columns
    except (OSError, pa.ArrowException) as err:
        raise ReadError(f"{origin}: not a readable Parquet file: {err}") from err
