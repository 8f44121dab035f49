"""Write outputs all-or-nothing: a temporary file in the same folder, fsync, then rename into place."""

from __future__ import annotations

import contextlib
import contextvars
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
from typing import IO, Any

from karamap.errors import ConfigurationError, KaramapError, OutputError

__all__ = ["atomic_write", "atomic_path", "atomic_batch", "check_writable_dir", "check_output_file",
           "sweep_stale_temps", "is_stream_target", "TEMP_MARKER", "STDOUT"]

#: the output name that means standard output
STDOUT = "-"

#: every temporary file karamap names carries this marker (``.NAME.karamap-tmp-PID-XXXXXXXX.SUFFIX``);
#: no output may (see :func:`_check_target`), so the sweep never takes an output for a leftover
TEMP_MARKER = ".karamap-tmp-"
_TEMP_RE = re.compile(r"\.(?P<target>.+)\.karamap-tmp-(?P<pid>\d{1,10})-[0-9a-f]{8}(?P<suffix>.*)")

# The process umask, read once: temporary files are created 0600 and get the mode a
# plain open() would have given them before they are renamed into place.
_UMASK = os.umask(0)
os.umask(_UMASK)

#: the batch the current context's writes join (see :func:`atomic_batch`)
_BATCH: contextvars.ContextVar[_Batch | None] = contextvars.ContextVar("karamap_atomic_batch",
                                                                       default=None)


@dataclass(slots=True)
class _Staged:
    """A fully written temporary file waiting to be renamed over ``target``.

    ``fd`` is an open descriptor of an anonymous (``O_TMPFILE``) file that has no
    name yet, so a killed process leaves nothing behind; ``tmp`` is the named
    temporary file otherwise.
    """

    target: Path
    fd: int | None = None
    tmp: Path | None = None

    def commit(self) -> None:
        try:
            if self.tmp is None:
                assert self.fd is not None
                self.tmp = _temp_name(self.target)
                _link_anonymous(self.fd, self.tmp)
            os.replace(self.tmp, self.target)
            self.tmp = None
        except OSError as err:
            self.discard()
            raise OutputError(f"cannot write {self.target}: {err.strerror or err}") from err
        finally:
            self._close()
        _fsync_dir(self.target.parent)

    def discard(self) -> None:
        self._close()
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            self.tmp = None

    def _close(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None


@dataclass(slots=True)
class _Batch:
    staged: list[_Staged] = field(default_factory=list)

    def commit(self) -> None:
        # Name every file first, then rename them one after the other: the
        # renames are the only window in which outputs of two runs can mix.
        try:
            for item in self.staged:
                if item.tmp is None and item.fd is not None:
                    item.tmp = _temp_name(item.target)
                    _link_anonymous(item.fd, item.tmp)
        except OSError as err:
            self.discard()
            raise OutputError(f"cannot write {item.target}: {err.strerror or err}") from err
        for index, item in enumerate(self.staged):
            try:
                item.commit()
            except BaseException:
                for rest in self.staged[index + 1:]:
                    rest.discard()
                raise

    def discard(self) -> None:
        for item in self.staged:
            item.discard()


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


def _fsync_dir(directory: Path) -> None:
    # Make the rename itself durable; not every platform or filesystem allows it.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
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
        batch.staged.append(staged)
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
def atomic_batch() -> Iterator[None]:
    """Group several :func:`atomic_write` / :func:`atomic_path` calls: nothing is renamed until all succeeded.

    A map and its layers are then replaced together; an error or an interrupt
    in the block leaves every previous output as it was. Nested batches join the
    outer one.

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
    """Remove temporary files left in ``directory`` by karamap processes that no longer run.

    Returns the removed paths. Files of a live process (a concurrent run) are kept.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_RE.fullmatch(entry.name)
        if not match or match["suffix"] != Path(match["target"]).suffix \
                or not entry.is_file(follow_symlinks=False):
            continue
        if _alive(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # exists but belongs to someone else (or no pid at all: keep what is not ours)
    return True


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
    sweeps temporary files a killed earlier run left behind.

    Raises
    ------
    OutputError : the path is a file, cannot be created or cannot be written.

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
