"""Annotate on every core of this machine: batches of articles to worker processes, results in order."""

from __future__ import annotations

import gc
import multiprocessing
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from pathlib import Path

from karamap import progress
from karamap.config import Options
from karamap.engine.batch import BatchResult, Want, annotate_batch
from karamap.engine.worker import ensure_index, release_gazetteer, worker_gazetteer
from karamap.errors import EngineError
from karamap.gazetteer.open import open_gazetteer
from karamap.model import Article

__all__ = ["run_local", "BATCH_SIZE", "IN_FLIGHT"]

#: articles sent to a worker at once: about a third of a second of work, so that sending
#: them and their results back costs little beside it
BATCH_SIZE = 32
#: batches queued or running per worker: enough to keep every worker busy while the results
#: of earlier ones are written, and while the oldest batch (whose result is taken first) is a
#: slow one; few enough that memory stays bounded whatever the corpus size (a batch and its
#: result are tens of kilobytes)
IN_FLIGHT = 6

#: bytes the pipe of results from the workers holds: several batches' results (see _roomy_results)
RESULT_PIPE_BYTES = 1 << 20

# The options of this worker process, set once when it starts.
_OPTIONS: Options | None = None


def run_local(articles: Iterable[Article], options: Options, want: Want, *,
              batch_size: int = BATCH_SIZE) -> Iterator[BatchResult]:
    """Annotate ``articles`` with ``options.workers`` processes; yield each batch's result in input order.

    With one worker (or an online geocoder, whose one-request-a-second policy a single
    process keeps), or with fewer articles than two batches, everything runs in this
    process. The results are the same whatever the number of workers: batches are
    consecutive runs of articles and come back in order.

    Raises
    ------
    EngineError : a worker process died (killed, out of memory).

    Examples
    --------
    >>> from karamap.paths import example_articles
    >>> from karamap.read import read
    >>> [r.count for r in run_local(read(example_articles()), Options(workers=2), "jsonl")]
    [1]
    """
    if options.workers <= 1 or options.geocoder != "offline" or not _rereadable(options.overrides):
        yield from _inline(articles, options, want, batch_size=1 if want == "documents" else batch_size)
        return
    ensure_index(options)  # built once here, so that the workers only load it
    # Opened before any article is read (a bad overrides file is reported first, as in one
    # process); forked workers inherit it.
    with progress.task("Loading the place index"):
        gazetteer = worker_gazetteer(options)
    try:
        batches = _batches(articles, batch_size)
        head = list(islice(batches, 2))
        if len(head) < 2:  # a handful of articles: starting processes would cost more than it gives
            for batch in head:
                yield annotate_batch(batch, gazetteer, options, want)
            return
        yield from _pooled(chain(head, batches), options, want)
    finally:
        release_gazetteer(options)


def _rereadable(path: Path | None) -> bool:
    """Whether every worker can read ``path`` again (no file, or a regular file: not a pipe)."""
    return path is None or Path(path).is_file()


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(islice(it, size)):
        yield batch


def _inline(articles: Iterable[Article], options: Options, want: Want, *,
            batch_size: int) -> Iterator[BatchResult]:
    with progress.task("Loading the place index"):
        gazetteer = open_gazetteer(options)
    try:
        for batch in _batches(articles, batch_size):
            yield annotate_batch(batch, gazetteer, options, want)
    finally:
        gazetteer.close()


def _context() -> multiprocessing.context.BaseContext:
    # fork starts a worker in milliseconds with karamap already imported and lets the workers
    # share the parent's gazetteer; it is unsafe in a process that runs threads (a lock held by
    # another thread stays held in the child, e.g. while a progress bar refreshes): then a
    # fork server, started single-threaded, forks the workers instead.
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["karamap.engine.local"])
        return context
    return multiprocessing.get_context("spawn")


def _pooled(batches: Iterator[list[Article]], options: Options, want: Want) -> Iterator[BatchResult]:
    context = _context()
    shared = context.get_start_method() == "fork"
    if shared:
        # The gazetteer, loaded here, is inherited by every forked worker: its pages stay shared
        # until written. Frozen, the garbage collector never walks (and so never copies) them.
        gc.freeze()
    pool = ProcessPoolExecutor(max_workers=options.workers, mp_context=context,
                               initializer=_start_worker, initargs=(options,))
    _roomy_results(pool)
    pending: deque[Future[BatchResult]] = deque()
    limit = IN_FLIGHT * options.workers
    try:
        with progress.task(f"Starting {options.workers} worker processes" if shared
                           else f"Loading the place index in {options.workers} worker processes"):
            _result(pool.submit(_ready))
        for batch in batches:  # the articles are read here, in this process, in order
            pending.append(pool.submit(_work, batch, want))
            if len(pending) >= limit:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        # An error or an interrupt: drop the batches not started; the running ones end soon.
        pool.shutdown(wait=True, cancel_futures=True)
        if shared:
            gc.unfreeze()


def _roomy_results(pool: ProcessPoolExecutor) -> None:
    """Let the pipe that brings the workers' results back hold several of them (Linux).

    A batch's JSONL lines are about 120 KB, twice what a pipe holds by default: a worker
    that finished a batch would wait, before it starts the next, until this process (its
    threads sharing the cores and the GIL with reading, writing and sending) has read the
    result. With room for RESULT_PIPE_BYTES it writes the result and goes on at once.
    Where the pipe cannot grow (another system, a private attribute renamed), nothing changes.
    """
    try:
        import fcntl

        reader = pool._result_queue._reader  # type: ignore[attr-defined]
        limit = int(Path("/proc/sys/fs/pipe-max-size").read_text())
        fcntl.fcntl(reader.fileno(), fcntl.F_SETPIPE_SZ, min(RESULT_PIPE_BYTES, limit))
    except (AttributeError, ImportError, OSError, ValueError):
        pass


def _result(future: Future[BatchResult]) -> BatchResult:
    try:
        return future.result()
    except BrokenProcessPool as err:
        raise EngineError("a worker process died (killed, or out of memory?); "
                          "nothing was written; try again, or with fewer --workers") from err


def _start_worker(options: Options) -> None:
    global _OPTIONS
    # Ctrl-C is the parent's to handle: it stops the pool and reports the interrupt once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _OPTIONS = options
    worker_gazetteer(options)  # loaded once per worker, before its first batch


def _ready() -> BatchResult:
    """Nothing: returns once a worker has started (and so loaded its gazetteer)."""
    return BatchResult()


def _work(batch: list[Article], want: Want) -> BatchResult:
    assert _OPTIONS is not None
    return annotate_batch(batch, worker_gazetteer(_OPTIONS), _OPTIONS, want)
