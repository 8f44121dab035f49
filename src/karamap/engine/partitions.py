"""Sources cut into partitions a cluster can read on its own: byte ranges of JSONL, files, Parquet rows.

A partition is plain data (paths or URLs, offsets, ids). A worker reads it with the same
rules as :func:`karamap.read.read` (the same ids, the same messages for bad inputs, in the
same order), so a corpus read partition by partition gives the articles and the report
that one process reading it whole gives. Paths may be any URL fsspec opens (``s3://``,
``gs://``, ``https://``), where the matching fsspec backend is installed.
"""

from __future__ import annotations

import contextlib
import io
import os
import posixpath
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from karamap.errors import ConfigurationError, DuplicateIdError, InputError, NoArticlesError, ReadError, RecordError
from karamap.model import Article
from karamap.read import STDIN
from karamap.read.decode import sniff_binary
from karamap.read.files import (
    JSONL_SUFFIXES,
    MAX_TEXT_BYTES,
    TEXT_SUFFIXES,
    Failure,
    iter_folder,
    jsonl_lines,  # the one JSONL line reader, shared so both engines read lines alike
)
from karamap.read.report import ReadReport
from karamap.read.tables import CSV_SUFFIXES, PARQUET_SUFFIXES, _columns, _row_article, iter_table

#: what a folder is searched for: the files karamap.read.files.iter_folder finds
FOLDER_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES + PARQUET_SUFFIXES + (".html", ".htm")

__all__ = ["Partition", "BlockCount", "plan_partitions", "block_starts", "count_block", "place_lines",
           "read_partition"]
#: text files and Parquet rows per partition
ITEMS_PER_PARTITION = 256
#: JSONL bytes per partition, at most and at least (between them: about 32 partitions a worker, so
#: that the last ones, run while other workers have nothing left, are short)
MAX_BLOCK = 16 * 1024 * 1024
MIN_BLOCK = 256 * 1024
#: a file's end (less than a block a worker) is cut in blocks this many times smaller: they
#: run while other workers may have nothing left, and a worker that finished waits for a short one
TAIL_SPLIT = 4

Kind = Literal["jsonl", "text", "parquet", "csv", "articles", "failure"]


@dataclass(frozen=True, slots=True)
class Partition:
    """One piece of the input that a worker reads and annotates by itself."""

    index: int
    kind: Kind
    #: the file (a local path or an fsspec URL) of a JSONL block or Parquet rows
    url: str = ""
    #: the name used in messages, as a single process names the file
    origin: str = ""
    #: the file name without suffix: default ids are ``STEM-LINE``
    stem: str = ""
    #: JSONL: the byte range (whole lines); Parquet: the row range
    start: int = 0
    length: int = 0
    #: JSONL: the number of the block's first line, and what the blocks before it held
    first_line: int = 1
    lines_before: int = 0
    first_block: bool = True
    last_block: bool = True
    #: JSONL: what the file's first bytes are when not text ("a PDF document"), for every block
    binary: str | None = None
    #: text files: (path or URL, article id, origin) each
    files: tuple[tuple[str, str, str], ...] = ()
    #: articles passed in as objects (the Python API)
    articles: tuple[Article, ...] = ()
    #: an input that gives no article at all (a missing file), reported in its place
    failure: Failure | None = None


@dataclass(frozen=True, slots=True)
class BlockCount:
    """What a JSONL block holds: its lines, the non-blank ones, and what its first bytes are."""

    lines: int
    nonblank: int
    binary: str | None = None


def _is_url(source: str) -> bool:
    return "://" in source and not source.startswith("file://")


def _strip_file(source: str) -> str:
    return source[len("file://"):] if source.startswith("file://") else source


def plan_partitions(sources: Any, *, block_size: int | None = None, workers: int = 2) -> list[Partition]:
    """Cut ``sources`` (paths, URLs, :class:`Article` objects, nested lists) into partitions, in input order.

    Files are listed here (folders walked, sizes asked); nothing is read but
    Parquet footers. A JSONL file larger than a block is cut at line ends.

    Raises
    ------
    ConfigurationError : standard input, or something that is no source.

    Examples
    --------
    >>> from karamap.paths import example_articles
    >>> [(p.kind, p.files[0][1]) for p in plan_partitions(example_articles())]
    [('text', '2021-01-30-joint-karabakh-center')]
    """
    items: list[Partition] = []
    for entry in _expand(sources):
        items.append(entry)
    # consecutive text files and Article objects share partitions
    merged: list[Partition] = []
    for part in items:
        last = merged[-1] if merged else None
        if part.kind == "text" and last is not None and last.kind == "text" \
                and len(last.files) < ITEMS_PER_PARTITION:
            merged[-1] = replace(last, files=last.files + part.files)
        elif part.kind == "articles" and last is not None and last.kind == "articles" \
                and len(last.articles) < ITEMS_PER_PARTITION:
            merged[-1] = replace(last, articles=last.articles + part.articles)
        else:
            merged.append(part)
    size = block_size or _block_size(merged, workers)
    out: list[Partition] = []
    for part in merged:
        if part.kind == "jsonl":
            out.extend(_blocks(part, size, workers))
        elif part.kind == "parquet":
            out.extend(_row_ranges(part))
        else:
            out.append(part)
    return [replace(p, index=i) for i, p in enumerate(out)]


def _block_size(parts: list[Partition], workers: int) -> int:
    total = sum(p.length for p in parts if p.kind == "jsonl")
    return max(MIN_BLOCK, min(MAX_BLOCK, total // max(1, 32 * workers) + 1))


def _expand(source: Any) -> Iterator[Partition]:
    if isinstance(source, Article):
        yield Partition(0, "articles", articles=(source,))
    elif isinstance(source, str | os.PathLike):
        text = os.fspath(source)
        if not text.strip():
            yield _failed(repr(text), ReadError("an empty path names no file or folder"))
        elif text == STDIN:
            raise ConfigurationError("standard input cannot be shared out to a cluster: "
                                     "save it to a file, or use --engine local")
        elif _is_url(text):
            yield from _expand_url(text)
        else:
            yield from _expand_path(Path(_strip_file(text)), _strip_file(text))
    elif isinstance(source, bytes | bytearray | dict) or not isinstance(source, Iterable):
        raise ConfigurationError(
            f"cannot read {type(source).__name__} as articles: pass paths, Article objects, "
            "or karamap.read_text(...) for a string")
    else:
        for item in source:
            yield from _expand(item)


def _failed(origin: str, error: InputError) -> Partition:
    return Partition(0, "failure", origin=origin, failure=Failure(origin, error))


def _file(url: str, stem: str, origin: str, size: int) -> Partition:
    suffix = posixpath.splitext(url)[1].lower()
    if suffix in JSONL_SUFFIXES:
        # a JSONL file's default ids are named after the file itself, wherever it lies
        return Partition(0, "jsonl", url=url, origin=origin, stem=PurePosixPath(url).stem, length=size)
    if suffix in PARQUET_SUFFIXES:
        return Partition(0, "parquet", url=url, origin=origin, stem=stem)
    if suffix in CSV_SUFFIXES:  # read whole by one worker: a CSV row may span lines
        return Partition(0, "csv", url=url, origin=origin, stem=stem)
    return Partition(0, "text", files=((url, stem, origin),))


def _expand_path(path: Path, origin: str) -> Iterator[Partition]:
    # The same walk, ids and messages as karamap.read for a local path.
    if path.is_dir():
        empty = True
        for file, stem, file_origin in _folder_files(path, origin):
            empty = False
            yield _file(str(file), stem, file_origin, _size(file))
        if empty:
            yield _failed(origin, NoArticlesError(f"{origin}: folder holds no .txt or .jsonl file"))
    elif path.exists():
        yield _file(str(path), path.stem, origin, _size(path))
    elif path.is_symlink():
        yield _failed(origin, ReadError(f"{origin}: broken symbolic link"))
    else:
        yield _failed(origin, ReadError(f"{origin}: no such file or folder"))


def _folder_files(path: Path, origin: str) -> Iterator[tuple[Path, str, str]]:
    yield from iter_folder(path, origin=origin)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _fs(url: str) -> tuple[Any, str]:
    try:
        import fsspec
    except ImportError as err:  # pragma: no cover - fsspec comes with dask
        raise ConfigurationError("reading URLs needs fsspec: pip install 'karamap[dask]'") from err
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as err:
        raise ConfigurationError(f"{url}: {err}") from err


def _expand_url(url: str) -> Iterator[Partition]:
    fs, root = _fs(url)
    protocol = url.split("://", 1)[0]
    try:
        if fs.isdir(root):
            files = []
            for found in fs.find(root):
                relative = posixpath.relpath(found, root)
                if any(part.startswith(".") for part in relative.split("/")):
                    continue
                if relative.lower().endswith(FOLDER_SUFFIXES):
                    files.append((0, relative, found))
            files.sort()
            if not files:
                yield _failed(url, NoArticlesError(f"{url}: folder holds no .txt or .jsonl file"))
            for _, relative, found in files:
                full = f"{protocol}://{found}" if "://" not in found else found
                yield _file(full, relative.rsplit(".", 1)[0], url.rstrip("/") + "/" + relative,
                            int(fs.size(found) or 0))
        elif fs.exists(root):
            name = posixpath.basename(root.rstrip("/"))
            yield _file(url, name.rsplit(".", 1)[0] if "." in name else name, url, int(fs.size(root) or 0))
        else:
            yield _failed(url, ReadError(f"{url}: no such file or folder"))
    except OSError as err:
        yield _failed(url, ReadError(f"{url}: cannot read: {err}"))


def _blocks(part: Partition, size: int, workers: int) -> Iterator[Partition]:
    if part.length <= size:
        yield part
        return
    starts = block_starts(part.length, size, workers)
    ends = [*starts[1:], part.length]
    for n, (start, end) in enumerate(zip(starts, ends)):
        yield replace(part, start=start, length=end - start, first_block=n == 0, last_block=n == len(starts) - 1)


def block_starts(length: int, size: int, workers: int) -> list[int]:
    """Where the byte ranges of a file of ``length`` bytes start: ranges of ``size``, but the
    file's end (less than ``size`` bytes a worker) in ranges :data:`TAIL_SPLIT` times smaller.

    >>> block_starts(1000, 300, 2)
    [0, 300, 600, 675, 750, 825, 900, 975]
    """
    head = max(0, length - workers * size)
    starts = list(range(0, head, size))
    starts.extend(range(len(starts) * size, length, max(1, size // TAIL_SPLIT)))
    return starts


def _row_ranges(part: Partition) -> Iterator[Partition]:
    rows = _parquet_rows(part.url)
    if rows <= ITEMS_PER_PARTITION * 4:
        yield replace(part, start=0, length=rows)
        return
    step = ITEMS_PER_PARTITION * 4
    starts = list(range(0, rows, step))
    for n, start in enumerate(starts):
        yield replace(part, start=start, length=min(step, rows - start),
                      first_block=n == 0, last_block=n == len(starts) - 1)


def _open(url: str) -> Any:
    if _is_url(url):
        fs, path = _fs(url)
        return fs.open(path, "rb")
    return open(url, "rb")  # noqa: SIM115 - closed by the caller's with


def _parquet_rows(url: str) -> int:
    import pyarrow.parquet as pq

    try:
        with _open(url) as fh:
            return int(pq.ParquetFile(fh).metadata.num_rows)
    except (OSError, ValueError) as err:
        raise ReadError(f"{url}: not a Parquet file of articles ({err})") from err


# -- on the workers ---------------------------------------------------------------------


def _read_block(part: Partition) -> bytes:
    """The whole lines of the partition's byte range (a line belongs to the block it starts in)."""
    from fsspec.utils import read_block

    with _open(part.url) as fh:
        if part.first_block and part.last_block:
            return fh.read()
        data: bytes = read_block(fh, part.start, part.length, delimiter=b"\n")
        return data


def count_block(part: Partition) -> BlockCount:
    """Count the lines of one JSONL block (for the line numbers of the blocks after it)."""
    data = _read_block(part)
    lines = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    nonblank = sum(1 for line in data.splitlines() if line.strip())
    binary = sniff_binary(data[:8192]) if part.first_block else None
    return BlockCount(lines, nonblank, binary)


def place_lines(parts: list[Partition], counts: dict[int, BlockCount]) -> list[Partition]:
    """Give each block of a file its first line number and what the blocks before it held."""
    out = []
    line, before, binary = 1, 0, None
    for part in parts:
        if part.kind == "jsonl" and not (part.first_block and part.last_block):
            if part.first_block:
                line, before, binary = 1, 0, counts[part.index].binary
            part = replace(part, first_line=line, lines_before=before, binary=binary)
            line += counts[part.index].lines
            before += counts[part.index].nonblank
        out.append(part)
    return out


@dataclass(slots=True)
class _Reader:
    """Reads one partition as :func:`karamap.read.read` would read its stretch of the input."""

    strict: bool
    report: ReadReport
    #: ids already read (by earlier partitions too) and where they were first read
    seen: dict[str, str] = field(default_factory=dict)

    def articles(self, items: Iterable[Article | Failure]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, Article):
                first = self.seen.get(item.id)
                if first is None:
                    self.seen[item.id] = item.origin or item.id
                    self.report.articles += 1
                    yield item
                    continue
                where = item.origin or item.id
                item = Failure(where, DuplicateIdError(
                    f"{where}: duplicate article id {item.id!r} (first read from {first})"))
            if self.strict:
                raise item.error
            self.report.skip(item.origin, item.error)


def read_partition(part: Partition, *, strict: bool, report: ReadReport,
                   seen: dict[str, str] | None = None, text_column: str | None = None) -> Iterator[Article]:
    """The articles of one partition; bad inputs skipped into ``report`` (raised with ``strict``).

    ``seen`` holds ids earlier partitions read that this one repeats, with where they were
    first read: those are skipped as duplicates, as one pass over the input skips them.
    """
    reader = _Reader(strict, report, dict(seen or {}))
    return reader.articles(_items(part, report, text_column))


def _items(part: Partition, report: ReadReport, text_column: str | None) -> Iterator[Article | Failure]:
    if part.kind == "failure":
        assert part.failure is not None
        yield part.failure
    elif part.kind == "articles":
        yield from part.articles
    elif part.kind == "text":
        for url, stem, origin in part.files:
            yield from _text_file(url, stem, origin, report, text_column)
    elif part.kind == "jsonl":
        yield from _jsonl_items(part, report)
    elif part.kind == "csv":
        yield from _csv_items(part, report, text_column)
    else:
        yield from _parquet_items(part, report, text_column)


def _text_file(url: str, stem: str, origin: str, report: ReadReport,
               text_column: str | None) -> Iterator[Article | Failure]:
    """One file that is one article (text, a saved web page), read by karamap.read's own rules."""
    from karamap.read import _expand_file  # the per-file reader of karamap.read, by suffix

    if not _is_url(url):
        yield from _expand_file(Path(url), stem, origin, report, text_column)
        return
    with _local_copy(url, origin, limit=MAX_TEXT_BYTES + 1) as local:
        if isinstance(local, Failure):
            yield local
        else:
            yield from _expand_file(local, stem, origin, report, text_column)


@contextlib.contextmanager
def _local_copy(url: str, origin: str, *, limit: int | None = None) -> Iterator[Path | Failure]:
    """A remote file copied into a temporary folder under its own name (readers that want a path)."""
    with tempfile.TemporaryDirectory() as folder:
        local = Path(folder) / (PurePosixPath(url).name or "file")
        try:
            with _open(url) as src, open(local, "wb") as dst:
                dst.write(src.read() if limit is None else src.read(limit))
        except OSError as err:
            yield Failure(origin, ReadError(f"{origin}: cannot read: {err}"))
            return
        yield local


def _jsonl_items(part: Partition, report: ReadReport) -> Iterator[Article | Failure]:
    origin = part.origin
    try:
        data = _read_block(part)
    except OSError as err:
        if part.first_block:
            yield Failure(origin, ReadError(f"{origin}: cannot read: {err.strerror or err}"))
        return
    binary = part.binary if not part.first_block or not part.last_block else sniff_binary(data[:8192])
    if binary is not None:
        if part.first_block:
            yield Failure(origin, ReadError(f"{origin}: not a JSONL file: {binary}"))
        return
    yield from jsonl_lines(io.BytesIO(data), origin=origin, stem=part.stem, report=report,
                           first_line=part.first_line, lines_before=part.lines_before, last=part.last_block)


def _csv_items(part: Partition, report: ReadReport, text_column: str | None) -> Iterator[Article | Failure]:
    if not _is_url(part.url):
        yield from iter_table(Path(part.url), origin=part.origin, stem=part.stem, report=report,
                              text_column=text_column)
        return
    # the table reader wants a file: a remote CSV is copied to a local one first
    with _local_copy(part.url, part.origin) as local:
        if isinstance(local, Failure):
            yield local
        else:
            yield from iter_table(local, origin=part.origin, stem=part.stem, report=report,
                                  text_column=text_column)


def _parquet_items(part: Partition, report: ReadReport, text_column: str | None) -> Iterator[Article | Failure]:
    """Rows ``start`` to ``start + length`` of a Parquet table, read as karamap.read reads the table whole."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    origin = part.origin or part.url
    try:
        with _open(part.url) as fh:
            try:
                pfile = pq.ParquetFile(fh)
            except (OSError, pa.ArrowException) as err:
                raise ReadError(f"{origin}: not a readable Parquet file: {err}") from err
            columns = _columns(list(pfile.schema_arrow.names), text_column, origin)
            try:
                table = _rows(pfile, sorted(set(columns.values())), part.start, part.length)
            except (OSError, pa.ArrowException) as err:
                raise ReadError(f"{origin}: not a readable Parquet file: {err}") from err
    except InputError as err:
        if part.first_block:  # the whole table is refused once
            yield Failure(origin, err)
        return
    except OSError as err:
        if part.first_block:
            yield Failure(origin, ReadError(f"{origin}: cannot read: {err}"))
        return
    rows = table.to_pylist()
    for offset, row in enumerate(rows):
        number = part.start + offset + 1
        where = f"{origin}:row {number}"
        try:
            yield _row_article(row, columns, where, f"{part.stem}-{number}")
        except InputError as err:
            yield Failure(where, err)
    if part.first_block and part.last_block and not rows:
        yield Failure(origin, NoArticlesError(f"{origin}: a table with no rows"))


def _rows(pfile: Any, columns: list[str], start: int, length: int) -> Any:
    """Rows ``start`` to ``start + length`` of a Parquet file, reading only the row groups that hold them."""
    import pyarrow as pa

    tables, offset = [], 0
    meta = pfile.metadata
    for group in range(meta.num_row_groups):
        rows = meta.row_group(group).num_rows
        if offset + rows > start and offset < start + length:
            table = pfile.read_row_group(group, columns=columns)
            lo = max(0, start - offset)
            hi = min(rows, start + length - offset)
            tables.append(table.slice(lo, hi - lo))
        offset += rows
    if not tables:
        return pa.table({c: [] for c in columns})
    return pa.concat_tables(tables)


