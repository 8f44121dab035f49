"""Write outputs all-or-nothing: a temporary file in the same folder, fsync, then rename into place."""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeGuard

from karamap.errors import ConfigurationError, KaramapError, OutputError

__all__ = ["atomic_write", "atomic_path", "atomic_dir", "atomic_batch", "check_writable_dir",
           "check_output_file", "check_output_folder", "recover_output_sets", "sweep_stale_temps",
           "is_stream_target", "TEMP_MARKER", "STDOUT"]

#: the output name that means standard output
STDOUT = "-"

#: every temporary file karamap names carries this marker (``.NAME.karamap-tmp-PID-XXXXXXXX.SUFFIX``);
#: no output may (see :func:`_check_target`), so the sweep never takes an output for a leftover
TEMP_MARKER = ".karamap-tmp-"
_TEMP_RE = re.compile(r"\.(?P<target>.+)\.karamap-tmp-(?P<pid>\d{1,10})-[0-9a-f]{8}(?P<suffix>.*)")
#: the journal of a set switch in progress (see :class:`_Journal`): ``.karamap-tmp-set-PID-XXXXXXXX.json``
_JOURNAL_RE = re.compile(r"\.karamap-tmp-set-(?P<pid>\d{1,10})-[0-9a-f]{8}\.json")

_log = logging.getLogger("karamap")

# The process umask, read once: temporary files are created 0600 and get the mode a
# plain open() would have given them before they are renamed into place.
_UMASK = os.umask(0)
os.umask(_UMASK)

#: the batch the current context's writes join (see :func:`atomic_batch`)
_BATCH: contextvars.ContextVar[_Batch | None] = contextvars.ContextVar("karamap_atomic_batch",
                                                                       default=None)


@dataclass(slots=True)
class _Staged:
    """A fully written temporary file (or folder) waiting to be renamed over ``target``.

    ``fd`` is an open descriptor of an anonymous (``O_TMPFILE``) file that has no
    name yet, so a killed process leaves nothing behind; ``tmp`` is the named
    temporary file (or, with ``folder``, the temporary folder) otherwise.
    """

    target: Path
    fd: int | None = None
    tmp: Path | None = None
    folder: bool = False

    def name(self) -> Path:
        """The temporary name, given to an anonymous file now: renames need names."""
        if self.tmp is None:
            assert self.fd is not None
            tmp = _temp_name(self.target)
            _link_anonymous(self.fd, tmp)
            self.tmp = tmp
        self._close()
        return self.tmp

    def commit(self) -> None:
        """Rename one file into place: a single rename, atomic by itself."""
        try:
            _rename(self.name(), self.target)
            self.tmp = None
        except OSError as err:
            self.discard()
            raise OutputError(f"cannot write {self.target}: {err.strerror or err}") from err
        finally:
            self._close()
        _fsync(self.target.parent)

    def discard(self) -> None:
        self._close()
        if self.tmp is not None:
            _remove(self.tmp)
            self.tmp = None

    def _close(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None


@dataclass(slots=True)
class _Batch:
    """Outputs written in one :func:`atomic_batch`: one set, switched by :func:`_switch`."""

    staged: list[_Staged] = field(default_factory=list)

    def add(self, item: _Staged) -> None:
        if self.staged and not _same_folder(item.target.parent, self.staged[0].target.parent):
            item.discard()
            raise ConfigurationError(f"an output set lies in one folder: {item.target} is not in "
                                     f"{self.staged[0].target.parent}")
        self.staged.append(item)

    def commit(self) -> None:
        if not self.staged:
            return
        directory = self.staged[0].target.parent
        try:
            with _folder_lock(directory) as locked:
                if locked:  # no switch of another run is under way: any journal here is stale
                    _tell_recovered(directory, _recover(directory, locked=True))
                _switch(directory, self.staged)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        for item in self.staged:
            item.discard()


# --- switching a set of outputs -------------------------------------------------------------------
#
# A map and its layers are several files under names users rely on (they open maps/NAME.html, QGIS
# points at NAME-events.geojson), so the set cannot be one directory entry. It is switched by
# ordered renames under a journal, and undone if anything stops the switch:
#
#   1. every new file is complete, fsynced and has a temporary name (.NAME.html.karamap-tmp-...);
#   2. each existing target gets a second name, a hard link (or a copy) that keeps the old file;
#   3. a journal (.karamap-tmp-set-PID-XXXXXXXX.json) lists target, new and old names, fsynced;
#   4. the new files are renamed over their targets, one after the other;
#   5. the journal is removed: from here on the new set stands; then the old files go.
#
# Whatever stops steps 1-5 (an error such as a target held open on Windows, Ctrl-C, a kill) puts the
# old set back: at once in the process, or, after a kill, in the next run into that folder, which
# finds the journal (check_writable_dir -> recover_output_sets). The journal lists only names in
# its own folder, marked as karamap's, so it can restore nothing else.


@dataclass(slots=True)
class _Entry:
    """One output of a set switch: its name, the new file's and the kept old file's (names in one folder)."""

    target: str
    new: str
    old: str | None = None
    folder: bool = False

    def switch(self, directory: Path) -> None:
        if self.folder and self.old is not None:  # a folder cannot be renamed over a full one
            _rename(directory / self.target, directory / self.old)
        _rename(directory / self.new, directory / self.target)

    def undo(self, directory: Path) -> bool:
        """Put the old output back (or remove the new one where there was none); True if the
        target changed. Safe to repeat after an undo that was itself stopped half way."""
        target, new = directory / self.target, directory / self.new
        old = None if self.old is None else directory / self.old
        changed = False
        if os.path.lexists(new):  # not switched in: the target is still the old one, unless a folder moved away
            if old is not None and os.path.lexists(old):
                if not self.folder:
                    _remove(old)  # a second name of the target, which is still the old file
                elif not os.path.lexists(target):
                    _rename(old, target)
                    changed = True
            _remove(new)
            return changed
        if old is not None and os.path.lexists(old):
            if self.folder and os.path.lexists(target):
                trash = _temp_name(target)
                _rename(target, trash)
                _rename(old, target)
                _remove(trash)
            else:
                _rename(old, target)  # over the new file, in one rename
            return True
        if old is None and os.path.lexists(target):
            if self.folder:
                trash = _temp_name(target)
                _rename(target, trash)
                _remove(trash)
            else:
                os.unlink(target)
            return True
        return False  # undone already

    def as_json(self) -> dict[str, Any]:
        return {"target": self.target, "new": self.new, "old": self.old, "folder": self.folder}

    @classmethod
    def from_json(cls, data: object) -> _Entry:
        if not isinstance(data, dict):
            raise ValueError("an entry is not an object")
        target, new, old, folder = data.get("target"), data.get("new"), data.get("old"), data.get("folder")
        if not isinstance(target, str) or not _plain_name(target) or TEMP_MARKER in target:
            raise ValueError(f"target {target!r} is not an output's name")
        if not _temp_of(new, target) or not (old is None or _temp_of(old, target)):
            raise ValueError(f"{new!r} or {old!r} is not the name of a temporary file of {target!r}")
        if not isinstance(folder, bool):
            raise ValueError("'folder' is not true or false")
        return cls(target, new, old, folder)


@dataclass(slots=True)
class _Journal:
    """The list of a set switch under way, on disk while the renames run (see the comment above)."""

    directory: Path
    entries: list[_Entry] = field(default_factory=list)
    path: Path | None = None

    def write(self) -> None:
        self.path = self.directory / f"{TEMP_MARKER}set-{os.getpid()}-{secrets.token_hex(4)}.json"
        tmp = _temp_name(self.path)
        data = json.dumps({"karamap": "output set", "version": 1,
                           "entries": [entry.as_json() for entry in self.entries]}).encode("ascii")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            try:
                while data:
                    data = data[os.write(fd, data):]
                os.fsync(fd)
            finally:
                os.close(fd)
            _rename(tmp, self.path)
        except BaseException:
            _remove(tmp)
            raise
        _fsync(self.directory)

    def remove(self) -> None:
        if self.path is not None and os.path.lexists(self.path):
            os.unlink(self.path)
            _fsync(self.directory)

    def undo(self) -> bool:
        """Put the old set back, then drop the journal; True if any target changed."""
        changed = [entry.undo(self.directory) for entry in self.entries]
        _fsync(self.directory)
        self.remove()
        return any(changed)

    def drop_old(self) -> None:
        for entry in self.entries:
            if entry.old is not None:
                _remove(self.directory / entry.old)

    @classmethod
    def read(cls, path: Path) -> _Journal:
        """The journal at ``path``; ValueError if it is not one karamap wrote."""
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError as err:
            raise ValueError(err.strerror or str(err)) from err
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(_JOURNAL_MAX_BYTES + 1)
        if len(data) > _JOURNAL_MAX_BYTES:
            raise ValueError(f"over {_JOURNAL_MAX_BYTES} bytes")
        try:
            doc = json.loads(data.decode("ascii"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise ValueError(f"not JSON ({err})") from err
        if not isinstance(doc, dict) or doc.get("karamap") != "output set" or doc.get("version") != 1 \
                or not isinstance(doc.get("entries"), list):
            raise ValueError("not the journal of an output set")
        return cls(path.parent, [_Entry.from_json(item) for item in doc["entries"]], path)


#: a journal names a few outputs: a larger file is no journal of karamap's
_JOURNAL_MAX_BYTES = 1 << 20


def _switch(directory: Path, staged: list[_Staged]) -> None:
    """Rename every staged output over its target, all or none (steps 1-5 above)."""
    journal = _Journal(directory)
    current: Path | None = None
    try:
        for item in staged:
            current = item.target
            entry = _Entry(item.target.name, item.name().name, folder=item.folder)
            journal.entries.append(entry)
            entry.old = _keep_old(item)
        current = None
        _fsync(directory)
        journal.write()
        for entry in journal.entries:
            current = directory / entry.target
            entry.switch(directory)
        current = None
        _fsync(directory)
        journal.remove()
    except BaseException as err:
        for item in staged[:len(journal.entries)]:
            item.tmp = None  # the journal's undo removes them (the rest: the batch's discard)
        try:
            journal.undo()
        except OSError as undo_err:
            raise OutputError(
                f"cannot put the previous outputs in {directory} back ({undo_err.strerror or undo_err}) "
                "after the new ones failed; the next karamap run into that folder tries again") from err
        if isinstance(err, OSError) and not isinstance(err, KaramapError):
            what = current if current is not None else directory
            raise OutputError(f"cannot write {what}: {err.strerror or err}") from err
        raise
    for item in staged:
        item.tmp = None
    journal.drop_old()


def _keep_old(item: _Staged) -> str | None:
    """Give the existing target a second name that keeps it through the switch; None if there is none.

    A file gets a hard link (the target keeps its name until it is replaced), or a copy where
    the file system has no hard links; a folder only gets its name reserved: it is moved
    aside in the switch itself.
    """
    target = item.target
    if not os.path.lexists(target):
        return None
    old = _temp_name(target)
    if item.folder:
        if not target.is_dir() or target.is_symlink():
            raise OutputError(f"cannot write {target}: it is a file, not a folder")
        return old.name
    if target.is_dir() and not target.is_symlink():
        raise OutputError(f"cannot write {target}: it is a folder")
    try:
        os.link(target, old, follow_symlinks=False)
    except (OSError, NotImplementedError):  # FAT, some network shares; no linkat
        shutil.copy2(target, old, follow_symlinks=False)
        _fsync(old)
    return old.name


def _recover(directory: Path, *, locked: bool) -> list[str]:
    """Undo every set switch a stopped run left in ``directory``; returns the targets of the sets put back.

    ``locked``: this process holds the folder's lock, so no switch is under way and every
    journal is stale; without the lock (no ``fcntl``) a journal of a live process is left alone.
    """
    changed: list[str] = []
    try:
        names = sorted(entry.name for entry in os.scandir(directory)
                       if _JOURNAL_RE.fullmatch(entry.name) and entry.is_file(follow_symlinks=False))
    except OSError:
        return changed
    for name in names:
        path = directory / name
        match = _JOURNAL_RE.fullmatch(name)
        assert match is not None
        if not locked and _alive(int(match["pid"])):
            continue
        try:
            journal = _Journal.read(path)
        except ValueError as err:
            raise OutputError(f"{path}: a file named as karamap's journal of an output set but not one "
                              f"({err}); check the outputs in {directory} and remove it") from err
        try:
            if journal.undo():
                changed += [entry.target for entry in journal.entries]
        except OSError as err:
            raise OutputError(f"an earlier run into {directory} was stopped while replacing "
                              f"{', '.join(e.target for e in journal.entries)}, and the previous files "
                              f"cannot be put back: {err.strerror or err}") from err
    return changed


def recover_output_sets(path: str | os.PathLike[str]) -> list[Path]:
    """Put back the previous outputs of a set switch that a killed run left half done in the folder ``path``.

    :func:`atomic_batch` replaces a set of outputs (a map and its layers) under a journal; a
    run killed during the renames leaves that journal behind, and the next run into the folder
    (:func:`check_writable_dir` calls this) undoes the switch, so the set is the old one again.
    Returns the outputs of the sets that were put back (a new output where there was
    none before is removed).

    Raises
    ------
    OutputError : a journal cannot be read, or the old files cannot be put back.

    Examples
    --------
    >>> import tempfile
    >>> recover_output_sets(tempfile.mkdtemp())
    []
    """
    directory = Path(path)
    if not directory.is_dir():
        return []
    with _folder_lock(directory) as locked:
        changed = _recover(directory, locked=locked)
    _tell_recovered(directory, changed)
    return [directory / name for name in changed]


def _tell_recovered(directory: Path, changed: list[str]) -> None:
    if changed:
        from karamap.terminal import printable

        _log.warning("karamap: warning: %s: an earlier run was stopped while replacing %s; "
                     "the previous files are back", printable(str(directory)),
                     ", ".join(printable(name) for name in changed))


@contextlib.contextmanager
def _folder_lock(directory: Path) -> Iterator[bool]:
    """Hold an exclusive lock on ``directory`` (``flock``) while a set is switched or recovered.

    Yields False where no lock could be taken (no ``fcntl``: Windows; a file system without
    locks): journals of live processes are then told apart by their pid.
    """
    try:
        import fcntl
    except ImportError:
        yield False
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            locked = True
        except OSError:
            locked = False
        yield locked
    finally:
        os.close(fd)  # releases the lock


def _rename(src: Path, dst: Path) -> None:
    """Every rename that puts an output in place (or back) goes through here; tests stop runs at each."""
    os.replace(src, dst)


def _remove(path: Path) -> None:
    """Remove a temporary file or folder of karamap's, whatever is left of it."""
    with contextlib.suppress(OSError):
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.unlink(path)


def _temp_of(name: object, target: str) -> TypeGuard[str]:
    """``name`` is a temporary file's name of ``target`` (:func:`_temp_name`), in the same folder."""
    if not isinstance(name, str) or not _plain_name(name):
        return False
    match = _TEMP_RE.fullmatch(name)
    return match is not None and match["target"] == target and match["suffix"] == Path(target).suffix


def _plain_name(name: str) -> bool:
    return name not in ("", ".", "..") and "/" not in name and "\\" not in name and "\0" not in name


def _same_folder(a: Path, b: Path) -> bool:
    return os.path.abspath(a) == os.path.abspath(b)


def _temp_name(target: Path) -> Path:
    # Hidden, marked with our pid (so a later run can tell a dead writer's leftovers),
    # and ending in the target's suffix so writers that choose a driver by suffix still work.
    token = secrets.token_hex(4)
    return target.with_name(f".{target.name}{TEMP_MARKER}{os.getpid()}-{token}{target.suffix}")


def _link_anonymous(fd: int, name: Path) -> None:
    """Give the anonymous file ``fd`` the name ``name``: linkat(AT_SYMLINK_FOLLOW) through /proc.

    A directory descriptor is passed on purpose: without one CPython calls link(2),
    which does not follow the /proc magic link.
    """
    dir_fd = os.open(name.parent, os.O_RDONLY)
    try:
        os.link(f"/proc/self/fd/{fd}", name.name, dst_dir_fd=dir_fd, follow_symlinks=True)
    finally:
        os.close(dir_fd)


def _fsync(path: Path) -> None:
    # Make a file's bytes, or a folder's renames, durable; not every platform or filesystem allows
    # it. The same open-read-only-and-fsync serves a file and a folder.
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _open_anonymous(directory: Path) -> int | None:
    """An unnamed file in ``directory`` (Linux ``O_TMPFILE``), or None where unsupported."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(directory, flag | os.O_WRONLY, 0o666)
    except OSError:
        return None  # filesystem without O_TMPFILE (or a folder we cannot write: caught below)


def _check_target(target: Path) -> None:
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a folder")
    _check_marker(target)


def _check_marker(target: Path) -> None:
    if TEMP_MARKER in target.name:
        raise OutputError(f"cannot write {target}: its name carries {TEMP_MARKER!r}, the mark of karamap's "
                          "temporary files (a later run would remove it)")


def _stage(target: Path, *, anonymous: bool) -> tuple[_Staged, int]:
    directory = target.parent
    _check_target(target)
    _make_dir(directory)
    fd = _open_anonymous(directory) if anonymous else None
    if fd is not None:
        return _Staged(target, fd=fd), fd
    tmp = _temp_name(target)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from err
    if hasattr(os, "fchmod"):  # not on Windows before 3.13
        os.fchmod(fd, 0o666 & ~_UMASK)
    return _Staged(target, tmp=tmp, fd=fd), fd


def _finish(staged: _Staged) -> None:
    batch = _BATCH.get()
    if batch is not None:
        batch.add(staged)
    elif staged.folder:  # two renames (the old folder aside, the new one in): a set of its own
        _Batch([staged]).commit()
    else:
        staged.commit()


def is_stream_target(path: str | os.PathLike[str]) -> bool:
    """True for ``-`` (standard output) and for an existing target that is not a regular file.

    A named pipe, a terminal, ``/dev/stdout`` or ``/dev/null`` is written to directly:
    renaming a temporary file over it would replace the device by a plain file.

    >>> is_stream_target("-"), is_stream_target("/dev/null"), is_stream_target("/tmp/new-file.txt")
    (True, True, False)
    """
    if os.fspath(path) == STDOUT:
        return True
    try:
        mode = os.stat(path).st_mode  # follows symbolic links: /dev/stdout -> /proc/self/fd/1
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


class _Unclosed:
    """A file object whose ``close`` only flushes: standard output outlives the write."""

    def __init__(self, fh: IO[Any]) -> None:
        self._fh = fh

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)

    def __enter__(self) -> _Unclosed:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.flush()


def _open_stream(target: Path, mode: str, encoding: str | None, newline: str | None) -> IO[Any]:
    if os.fspath(target) == STDOUT:
        try:
            sys.stdout.flush()
            raw = os.dup(sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            # Standard output replaced by an object without a descriptor (an embedding app, a test runner).
            return _Unclosed(sys.stdout.buffer if mode == "wb" else sys.stdout)  # type: ignore[return-value]
    else:
        raw = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    if mode == "wb":
        return os.fdopen(raw, "wb")
    return os.fdopen(raw, "w", encoding=encoding, newline=newline)


@contextlib.contextmanager
def _stream(target: Path, mode: str, encoding: str | None, newline: str | None) -> Iterator[IO[Any]]:
    """Write straight into standard output or a non-regular file; nothing to rename."""
    try:
        fh = _open_stream(target, mode, encoding, newline)
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from err
    try:
        with fh:
            yield fh
    except BrokenPipeError:
        pass  # the reader went away (| head): it has what it wanted; no traceback
    except OSError as err:
        if isinstance(err, KaramapError):
            raise
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from err


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str],
    mode: str = "w",
    encoding: str | None = "utf-8",
    newline: str | None = None,
) -> Iterator[IO[Any]]:
    """Open ``path`` for writing so that it is replaced all at once or not at all.

    The data goes to a temporary file in the same folder (an anonymous
    ``O_TMPFILE`` on Linux, so even SIGKILL leaves nothing behind), is fsynced
    and then renamed over ``path`` with :func:`os.replace`. Any exception in the
    block, ``KeyboardInterrupt`` included, removes the temporary file and leaves
    the previous ``path`` untouched. Inside :func:`atomic_batch` the rename waits
    for the end of the batch.

    ``-`` and targets that are not regular files (a named pipe, a terminal,
    ``/dev/stdout``) are written directly instead (:func:`is_stream_target`).

    Parameters
    ----------
    path : the file to (re)place.
    mode : ``"w"`` (text) or ``"wb"`` (bytes).
    encoding, newline : as for :func:`open`, text mode only.

    Raises
    ------
    OutputError : the folder cannot be written or the rename failed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_write(out) as fh:
    ...     _ = fh.write("hello")
    >>> out.read_text()
    'hello'
    """
    if mode not in ("w", "wb"):
        raise ConfigurationError(f"atomic_write mode must be 'w' or 'wb', not {mode!r}")
    target = Path(path)
    if is_stream_target(path):
        with _stream(target, mode, encoding, newline) as fh:
            yield fh
        return
    staged, fd = _stage(target, anonymous=True)
    try:
        if mode == "wb":
            fh: IO[Any] = os.fdopen(fd, "wb", closefd=False)
        else:
            fh = os.fdopen(fd, "w", encoding=encoding, newline=newline, closefd=False)
        with fh:
            yield fh
            fh.flush()
            os.fsync(fd)
    except OSError as err:
        staged.discard()
        if isinstance(err, KaramapError):  # a ReadError of the input read while writing
            raise
        # a full disk, a quota, an I/O error while writing
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from err
    except BaseException:
        staged.discard()
        raise
    _finish(staged)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path for writers that insist on a file name; renamed over ``path`` on success.

    The temporary name is hidden, in the same folder and ends in ``path``'s
    suffix (drivers chosen by suffix still work). Unlike :func:`atomic_write` the
    file has a name while it is written, so a SIGKILL can leave it behind; the
    next run's :func:`check_writable_dir` sweeps such leftovers.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "b.txt"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("hi")
    >>> out.read_text()
    'hi'
    """
    target = Path(path)
    if is_stream_target(path):
        # The writer makes a file in a private folder; its bytes are then copied to the stream.
        with tempfile.TemporaryDirectory(prefix="karamap-") as private:
            tmp = Path(private) / f"output{target.suffix}"
            yield tmp
            if not tmp.exists():
                raise OutputError(f"cannot write {target}: the writer produced no file")
            with open(tmp, "rb") as src, _stream(target, "wb", None, None) as dst:
                shutil.copyfileobj(src, dst)
        return
    _check_target(target)
    # Only a name is reserved (random, pid-marked): some writers refuse an existing file.
    _make_dir(target.parent)
    staged = _Staged(target, tmp=_temp_name(target))
    try:
        assert staged.tmp is not None
        yield staged.tmp
        if not staged.tmp.exists():
            raise OutputError(f"cannot write {target}: the writer produced no file")
        with contextlib.suppress(OSError):
            sync_fd = os.open(staged.tmp, os.O_RDONLY)
            try:
                os.fsync(sync_fd)
            finally:
                os.close(sync_fd)
    except BaseException:
        staged.discard()
        raise
    _finish(staged)


@contextlib.contextmanager
def atomic_dir(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A fresh hidden folder to fill; on success it replaces the folder ``path`` (a dataset of parts).

    The folder is written beside ``path`` (``.NAME.karamap-tmp-PID-XXXXXXXX``) and
    switched in as a set (see :func:`atomic_batch`): the previous folder stays in place
    until the new one is complete, and a kill between moving it aside and moving the new
    one in is undone by the next run into the parent folder. An error or an interrupt in
    the block removes the new folder and leaves ``path`` as it was.

    Raises
    ------
    OutputError : ``path`` is a file, or the parent folder cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "events"
    >>> with atomic_dir(out) as tmp:
    ...     _ = (tmp / "part.0.parquet").write_bytes(b"PAR1")
    >>> sorted(p.name for p in out.iterdir())
    ['part.0.parquet']
    """
    target = Path(path)
    _check_marker(target)
    if os.path.lexists(target) and (not target.is_dir() or target.is_symlink()):
        raise OutputError(f"cannot write {target}: it is a file, not a folder")
    _make_dir(target.parent)
    staged = _Staged(target, tmp=_temp_name(target), folder=True)
    assert staged.tmp is not None
    try:
        staged.tmp.mkdir()
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from err
    try:
        yield staged.tmp
        for written in staged.tmp.rglob("*"):
            if written.is_file():
                _fsync(written)
        _fsync(staged.tmp)
    except BaseException:
        staged.discard()
        raise
    _finish(staged)


@contextlib.contextmanager
def atomic_batch() -> Iterator[None]:
    """Group :func:`atomic_write` / :func:`atomic_path` / :func:`atomic_dir` calls into one set of
    outputs, replaced all together or not at all.

    Nothing is renamed until every output of the block is written; then the set is
    switched by ordered renames under a journal. An error or an interrupt, in the block
    or during the renames, leaves every previous output as it was; a kill during the
    renames leaves the journal, and the next run into that folder
    (:func:`check_writable_dir`, :func:`recover_output_sets`) puts the previous outputs
    back. The outputs of a batch lie in one folder. Nested batches join the outer one.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_batch():
    ...     with atomic_write(d / "map.html") as fh:
    ...         _ = fh.write("<html/>")
    ...     (d / "map.html").exists()
    False
    >>> (d / "map.html").read_text()
    '<html/>'
    """
    if _BATCH.get() is not None:
        yield
        return
    batch = _Batch()
    token = _BATCH.set(batch)
    try:
        yield
    except BaseException:
        batch.discard()
        raise
    finally:
        _BATCH.reset(token)
    batch.commit()


def sweep_stale_temps(directory: str | os.PathLike[str]) -> list[Path]:
    """Remove temporary files and folders left in ``directory`` by karamap processes that no longer run.

    Returns the removed paths. Files of a live process (a concurrent run) are kept, and so
    are the files a journal of an unfinished set switch names (:func:`recover_output_sets`
    needs them).
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    journaled = _journaled_names(Path(directory), entries)
    for entry in entries:
        match = _TEMP_RE.fullmatch(entry.name)
        if not match or match["suffix"] != Path(match["target"]).suffix or entry.name in journaled:
            continue
        if not (entry.is_file(follow_symlinks=False) or entry.is_dir(follow_symlinks=False)
                or entry.is_symlink()):
            continue  # a pipe, a socket: not karamap's
        if _alive(int(match["pid"])):
            continue
        path = Path(entry.path)
        _remove(path)
        if not os.path.lexists(path):
            removed.append(path)
    return removed


def _journaled_names(directory: Path, entries: list[os.DirEntry[str]]) -> set[str]:
    names: set[str] = set()
    for entry in entries:
        if _JOURNAL_RE.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            try:
                journal = _Journal.read(directory / entry.name)
            except ValueError:
                continue
            for item in journal.entries:
                names.update(name for name in (item.new, item.old) if name is not None)
    return names


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # exists but belongs to someone else (or no pid at all: keep what is not ours)
    return True


def _alive_windows(pid: int) -> bool:
    # Not os.kill(pid, 0): on Windows, signal 0 is CTRL_C_EVENT, sent to that process group.
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() != 87  # ERROR_INVALID_PARAMETER: no such process
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _make_dir(directory: Path) -> None:
    """Create the output folder when the first output is written (not before: a run whose
    input turns out unreadable leaves no empty folder behind)."""
    if directory.is_dir():
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"cannot create output folder {directory}: {err.strerror or err}") from err


def _nearest_existing(directory: Path) -> Path:
    probe = directory.absolute()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return probe


def check_writable_dir(path: str | os.PathLike[str], *, create: bool = False) -> Path:
    """Make sure karamap can write into the folder ``path``, before any work.

    Called first, so that a run does not compute for minutes and then fail to save.
    A folder that does not exist yet is not created (unless ``create``): the first
    output written creates it, so a run that fails on its input leaves nothing behind;
    its nearest existing parent must then be a folder karamap can write into. Also
    puts back the previous outputs of a set switch a killed earlier run left half done
    (:func:`recover_output_sets`) and sweeps the temporary files such runs left behind.

    Raises
    ------
    OutputError : the path is a file, cannot be created or cannot be written, or an earlier
        run's half-done switch cannot be undone.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()) / "maps"
    >>> check_writable_dir(d) == d, d.exists()
    (True, False)
    """
    directory = Path(path) if str(path) else Path(".")
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"output folder {directory} is a file, not a folder")
    if not directory.exists():
        if create:
            _make_dir(directory)
        else:
            parent = _nearest_existing(directory)
            if not parent.is_dir():
                raise OutputError(f"cannot create output folder {directory}: {parent} is a file")
            if not os.access(parent, os.W_OK | os.X_OK):
                raise OutputError(f"cannot create output folder {directory}: {parent} is not writable")
            return directory
    try:
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as err:
        raise OutputError(f"cannot write into output folder {directory}: {err.strerror or err}") from err
    recover_output_sets(directory)
    sweep_stale_temps(directory)
    return directory


def check_output_file(path: str | os.PathLike[str]) -> Path:
    """:func:`check_writable_dir` for the folder of the file ``path``; nothing for ``-``, pipes, devices.

    >>> check_output_file("-")
    PosixPath('-')
    """
    target = Path(path)
    if is_stream_target(path):
        return target
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a folder")
    check_writable_dir(target.parent)
    return target


def check_output_folder(path: str | os.PathLike[str]) -> Path:
    """:func:`check_writable_dir` for the folder that holds ``path``, a folder of outputs replaced as a
    whole (:func:`atomic_dir`): it may exist already, but must not be a file.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> check_output_folder(d / "events") == d / "events"
    True
    """
    target = Path(path)
    if os.path.lexists(target) and (not target.is_dir() or target.is_symlink()):
        raise OutputError(f"cannot write {target}: it is a file, not a folder")
    _check_marker(target)
    check_writable_dir(target.parent)
    return target
