"""The offline index's file: columns and hash tables read in place through ``mmap``, nothing parsed at open.

A run opens the index in milliseconds whatever its size: numbers are arrays viewed in the
mapped file, strings are read when a place is built, and a name's places are found by
probing an open-addressing hash table stored in the file (CRC-32 of the UTF-8 key, linear
probing), so a one-sentence run touches a few pages of it, not its 900,000 keys. Processes
that map the same file share its pages (the operating system's page cache), which is what
worker processes and Dask workers on one machine want.

Layout: a fixed header (magic, format version, where the head is), then sections aligned to
8 bytes; the head (marshal) holds the small tables and each section's offset and length.

A process holds a shared lock (``flock``) on the index it has open and a writer an exclusive
one on the file it writes, so that :func:`remove_stale` deletes only files nobody uses.
"""

from __future__ import annotations

import marshal
import mmap
import os
import struct
import time
import zlib
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["IndexWriter", "IndexFile", "StringColumn", "KeyTable", "FORMAT_VERSION", "MAGIC", "remove_stale"]

MAGIC = b"KARAMAPX"
#: bump when this layout changes (the index's contents have their own version)
FORMAT_VERSION = 2
_HEADER = struct.Struct("<8sIIQQ")  # magic, format version, 0, head offset, head length
_RECORD = struct.Struct("<HH")  # key bytes, number of values (the key and the values follow)


def _pad(n: int) -> int:
    return (n + 7) & ~7


def _flock(fd: int, exclusive: bool, *, wait: bool = True) -> bool:
    """Lock the open file ``fd`` (POSIX ``flock``: held until every copy of the descriptor is closed).

    False when ``wait`` is off and another open file holds a conflicting lock. Where there is
    no ``flock`` (Windows), nothing is locked: an open file cannot be deleted there anyway.
    """
    try:
        import fcntl
    except ImportError:
        return True
    mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | (0 if wait else fcntl.LOCK_NB)
    try:
        fcntl.flock(fd, mode)
    except BlockingIOError:
        return False
    except OSError:  # a file system without locks: behave as where there is no flock
        return True
    return True


class IndexWriter:
    """Write an index file section by section, then :meth:`close` with the head.

    The file is written to a temporary name beside ``target`` and renamed over it when
    complete, so a reader never maps half a file.
    """

    def __init__(self, target: Path) -> None:
        self.target = Path(target)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._tmp = self.target.with_name(f".{self.target.name}.{os.getpid()}.tmp")
        self._fh = open(self._tmp, "wb")
        _flock(self._fh.fileno(), exclusive=True)  # being written: remove_stale leaves it
        self._fh.write(b"\0" * _HEADER.size)
        self._sections: dict[str, tuple[int, int]] = {}

    def _section(self, name: str, data: bytes) -> None:
        offset = self._fh.tell()
        self._fh.write(data)
        self._fh.write(b"\0" * (_pad(len(data)) - len(data)))
        self._sections[name] = (offset, len(data))

    def bytes(self, name: str, data: bytes) -> None:
        """A section of raw bytes (an ``array``'s, a column of one-byte codes)."""
        self._section(name, bytes(data))

    def strings(self, name: str, values: Sequence[str]) -> None:
        """A column of strings, read back one at a time by :class:`StringColumn`."""
        encoded = [v.encode("utf-8") for v in values]
        offsets = array("Q", [0])
        total = 0
        for e in encoded:
            total += len(e)
            offsets.append(total)
        self._section(f"{name}.offsets", offsets.tobytes())
        self._section(f"{name}.data", b"".join(encoded))

    def keys(self, name: str, table: dict[str, int | tuple[int, ...]]) -> None:
        """A hash table from string keys to a place position or a tuple of them (see :class:`KeyTable`)."""
        size = 1 << max(4, (len(table) * 2 - 1).bit_length())  # at most half full: short probes
        mask = size - 1
        slots = array("I", bytes(4 * size))
        records = bytearray(8)  # offset 0 marks an empty slot
        for key, value in table.items():
            kb = key.encode("utf-8")
            values = (value,) if isinstance(value, int) else tuple(value)
            at = len(records)
            if at >= 2**32:
                raise ValueError("the key table outgrew 4 GB")
            records += _RECORD.pack(len(kb), len(values))
            records += kb
            records += struct.pack(f"<{len(values)}I", *values)
            i = zlib.crc32(kb) & mask
            while slots[i]:
                i = (i + 1) & mask
            slots[i] = at
        self._section(f"{name}.slots", slots.tobytes())
        self._section(f"{name}.records", bytes(records))

    def close(self, head: dict[str, Any]) -> None:
        """Write ``head`` (marshal-able) and the section table, then move the file into place."""
        try:
            head = {**head, "sections": self._sections}
            blob = marshal.dumps(head)
            offset = self._fh.tell()
            self._fh.write(blob)
            self._fh.seek(0)
            self._fh.write(_HEADER.pack(MAGIC, FORMAT_VERSION, 0, offset, len(blob)))
            self._fh.flush()
            os.replace(self._tmp, self.target)  # still locked: never taken for an abandoned file
            self._fh.close()
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Drop the unfinished file."""
        self._fh.close()
        self._tmp.unlink(missing_ok=True)


class IndexFile:
    """An index file mapped into memory: its head, and views of its sections.

    Raises ``ValueError`` for a file that is not a complete index of this format.
    """

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as fh:
            # A shared lock says the file is in use (remove_stale leaves it). It belongs to the
            # open file, which the map keeps open (mmap holds a duplicate of the descriptor, and
            # forked workers inherit it): held for as long as the map, whatever closes fh.
            _flock(fh.fileno(), exclusive=False)
            size = os.fstat(fh.fileno()).st_size
            if size < _HEADER.size:
                raise ValueError("too short to be an index")
            self._mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        magic, version, _, offset, length = _HEADER.unpack_from(self._mm, 0)
        if magic != MAGIC or version != FORMAT_VERSION or offset + length > size:
            raise ValueError("not an index of this format")
        self.head: dict[str, Any] = marshal.loads(self._mm[offset:offset + length])
        self._sections: dict[str, tuple[int, int]] = self.head.pop("sections")
        for name, (start, n) in self._sections.items():
            if start + n > offset:
                raise ValueError(f"section {name} is cut short")

    def view(self, name: str, fmt: str = "B") -> memoryview:
        """Section ``name`` as a read-only memoryview of items of struct format ``fmt``."""
        start, n = self._sections[name]
        return memoryview(self._mm)[start:start + n].cast(fmt)

    def raw(self, name: str) -> bytes:
        """Section ``name`` copied out as bytes."""
        start, n = self._sections[name]
        return self._mm[start:start + n]

    def strings(self, name: str) -> StringColumn:
        return StringColumn(self.view(f"{name}.offsets", "Q"), self.view(f"{name}.data"))

    def keys(self, name: str) -> KeyTable:
        start, n = self._sections[f"{name}.records"]
        return KeyTable(self.view(f"{name}.slots", "I"), self._mm, start)


class StringColumn(Sequence[str]):
    """Strings stored end to end; the i-th is decoded when asked for."""

    __slots__ = ("_offsets", "_data")

    def __init__(self, offsets: memoryview, data: memoryview) -> None:
        self._offsets = offsets
        self._data = data

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        return str(self._data[self._offsets[i]:self._offsets[i + 1]], "utf-8")


class KeyTable:
    """A string key's place position (an int) or positions (a tuple, strongest first), read in place.

    Behaves as the read-only ``dict`` it was written from for ``get`` and ``in``.
    """

    __slots__ = ("_slots", "_buf", "_base", "_mask")

    def __init__(self, slots: memoryview, buf: mmap.mmap, base: int) -> None:
        self._slots = slots
        self._buf = buf
        self._base = base
        self._mask = len(slots) - 1

    def _find(self, key: str) -> int:
        """The record's offset in the file, or -1."""
        kb = key.encode("utf-8")
        n = len(kb)
        slots, buf, mask = self._slots, self._buf, self._mask
        i = zlib.crc32(kb) & mask
        while True:
            at = slots[i]
            if not at:
                return -1
            at += self._base
            klen, _ = _RECORD.unpack_from(buf, at)
            if klen == n and buf[at + 4:at + 4 + n] == kb:
                return at
            i = (i + 1) & mask

    def get(self, key: str, default: Any = None) -> int | tuple[int, ...] | Any:
        at = self._find(key)
        if at < 0:
            return default
        klen, count = _RECORD.unpack_from(self._buf, at)
        values = struct.unpack_from(f"<{count}I", self._buf, at + 4 + klen)
        return values[0] if count == 1 else values

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) >= 0

    def __len__(self) -> int:
        return sum(1 for at in self._slots if at)

    def items(self) -> Iterable[tuple[str, int | tuple[int, ...]]]:
        """Every key and its value, in the table's order (tests, tools; not for a run's hot path)."""
        buf = self._buf
        for at in self._slots:
            if at:
                at += self._base
                klen, count = _RECORD.unpack_from(buf, at)
                key = str(buf[at + 4:at + 4 + klen], "utf-8")
                values = struct.unpack_from(f"<{count}I", buf, at + 4 + klen)
                yield key, values[0] if count == 1 else values


def remove_stale(folder: Path, keep: Path, *, prefix: str, suffixes: tuple[str, ...] = (".idx",),
                 unused_seconds: float = 0.0) -> list[Path]:
    """Delete the files in ``folder`` named ``PREFIX*SUFFIX`` but ``keep`` that were last
    modified (or marked used) more than ``unused_seconds`` ago, and the unfinished ones of
    interrupted writes (``.PREFIX*.tmp``), where no process has them open.

    A file another process has open holds a lock and is left: another installation that
    shares the cache folder reads it, or writes it. (On Linux, deleting a file a process
    has mapped would not harm that process, but it would have to build the file again at
    its next start.) Returns the paths deleted.

    >>> import tempfile
    >>> remove_stale(Path(tempfile.mkdtemp()), Path("gazetteer-v1-abc.idx"), prefix="gazetteer-v")
    []
    """
    removed: list[Path] = []
    before = time.time() - unused_seconds
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        finished = name.startswith(prefix) and name.endswith(suffixes) and name != Path(keep).name
        unfinished = name.startswith(f".{prefix}") and name.endswith(".tmp")
        if not (finished or unfinished) or not entry.is_file(follow_symlinks=False):
            continue
        try:
            if finished and entry.stat(follow_symlinks=False).st_mtime > before:
                continue  # used lately: another installation may still want it
        except OSError:
            continue
        try:
            fd = os.open(entry.path, os.O_RDONLY)
        except OSError:
            continue
        try:
            # the lock first, then a check that the name is still this file (not one renamed
            # over it since), then the deletion: nobody can open and lock it in between
            if _flock(fd, exclusive=True, wait=False) and os.stat(entry.path).st_ino == os.fstat(fd).st_ino:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed
