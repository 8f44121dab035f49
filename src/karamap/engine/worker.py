"""The gazetteer of a worker process: loaded once per process, its index built by one process at a time."""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from karamap.config import Options
from karamap.gazetteer import Gazetteer
from karamap.gazetteer.index import build_index, index_file
from karamap.gazetteer.open import open_gazetteer
from karamap.paths import geodata_dir

__all__ = ["ensure_index", "worker_gazetteer", "release_gazetteer", "settle_heap", "LOCK_NAME"]

#: the lock file, in the cache folder, that whoever builds the index holds
LOCK_NAME = "gazetteer-index.lock"

# One gazetteer per set of options in this process (a Dask worker may run tasks of several
# runs); the lock keeps two threads of one worker from loading it twice.
_GAZETTEERS: dict[tuple[object, ...], Gazetteer] = {}
_LOADING = threading.Lock()
_SETTLED = False


@contextlib.contextmanager
def _index_lock(cache_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the cache folder's index, across processes (POSIX ``flock``)."""
    try:
        import fcntl
    except ImportError:  # Windows: no lock; the index is still written atomically
        yield
        return
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    fd = os.open(Path(cache_dir) / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def ensure_index(options: Options) -> None:
    """Build the offline index into ``options.cache_dir`` unless it is there.

    Called before workers start, so that they only load it; the lock keeps
    processes that start at once (Dask workers sharing a cache folder) from
    building it side by side, each for 15 s and several hundred MB.

    >>> from karamap.config import Options
    >>> ensure_index(Options())
    """
    path = index_file(options.cache_dir)
    if path.exists():
        return
    with _index_lock(options.cache_dir):
        if not path.exists():  # another process may have built it while we waited
            build_index(geodata_dir(), path)


def _key(options: Options) -> tuple[object, ...]:
    return (options.cache_dir, options.overrides, options.geocoder, options.geocoder_url,
            options.user_agent, options.min_delay_seconds)


def worker_gazetteer(options: Options) -> Gazetteer:
    """The gazetteer ``options`` describe, opened once in this process and kept for its life.

    >>> worker_gazetteer(Options()) is worker_gazetteer(Options())
    True
    """
    key = _key(options)
    found = _GAZETTEERS.get(key)
    if found is not None:
        return found
    with _LOADING:
        found = _GAZETTEERS.get(key)
        if found is None:
            ensure_index(options)
            found = _GAZETTEERS[key] = open_gazetteer(options)
    return found


def release_gazetteer(options: Options) -> None:
    """Close and forget the gazetteer :func:`worker_gazetteer` opened for ``options`` (if any)."""
    with _LOADING:
        found = _GAZETTEERS.pop(_key(options), None)
    if found is not None:
        found.close()


def settle_heap() -> None:
    """Freeze what this worker process holds now (its modules, the gazetteer), once in its life.

    The garbage collector's full passes walk every object a process holds; a worker's
    (distributed, karamap's stages, the gazetteer) are there for its life, so walking them
    again and again is the only thing those passes do with them: a few percent of a Dask
    worker's time. Frozen (:func:`gc.freeze`), they are left out; what the articles make is
    collected as before. Forked local workers get the same from their parent (see
    :mod:`karamap.engine.local`).
    """
    global _SETTLED
    with _LOADING:
        if not _SETTLED:
            _SETTLED = True
            gc.collect()
            gc.freeze()
