"""Annotate on a Dask distributed cluster: each worker reads and annotates partitions of the input.

The client lists the input and cuts it into partitions (:mod:`karamap.engine.partitions`);
every worker loads the gazetteer once and annotates whole partitions; the client takes the
results back in input order, merges the read reports, and skips ids an earlier partition
already read, exactly as one process reading the input whole would.
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from karamap.config import DEFAULT_CACHE_DIR, Options
from karamap.engine.batch import BatchResult, Want, annotate_batch
from karamap.engine.partitions import Partition, count_block, place_lines, plan_partitions, read_partition
from karamap.engine.worker import settle_heap, worker_gazetteer
from karamap.errors import ConfigurationError, EngineError, InputError, NoArticlesError
from karamap.read import ReadReport
from karamap.read.files import Failure
from karamap.read.report import Skipped

__all__ = ["run_cluster", "PartitionResult", "annotate_partition", "RETRIES", "cluster_client"]

#: times a failed partition is tried again (a worker lost, a read error of remote storage)
RETRIES = 2
#: partitions queued or running per worker: results wait on the workers, not in the client
IN_FLIGHT = 3
#: seconds to wait for a scheduler to answer
CONNECT_TIMEOUT = 20
#: Dask settings of the LocalCluster karamap starts (a cluster of the user's keeps its own).
#: Its workers, scheduler and client share this machine's cores with the annotating, so the
#: diagnostics that wake them many times a second are turned off or slowed: the statistical
#: profiler (it samples the running task's stack every 10 ms, taking the GIL from it), the
#: event loops' health tick (every 20 ms), the system and memory monitors.
LOCAL_CLUSTER_CONFIG: dict[str, object] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.worker.memory.monitor-interval": "500ms",
}


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What one partition gave: its batch result, what its reading skipped, the ids it read."""

    batch: BatchResult
    articles: int = 0
    skipped: tuple[Skipped, ...] = ()
    skipped_count: int = 0
    notes: tuple[str, ...] = ()
    #: (id, where it was read) of each article, in order: the client finds repeats across partitions
    ids: tuple[tuple[str, str], ...] = ()
    #: with --strict, the partition's first bad input (the job stops at the first in input order)
    error: InputError | None = field(default=None, compare=False)
    #: the input problem a read that found nothing reports (see karamap.read)
    failures: tuple[Failure, ...] = ()


def annotate_partition(part: Partition, options: Options, want: Want,
                       seen: dict[str, str] | None = None, *,
                       client_cache: Path | None = None, own_worker: bool = False) -> PartitionResult:
    """Read and annotate one partition on a worker (the gazetteer is loaded once per worker process).

    ``own_worker``: the worker is one of a LocalCluster karamap started for this run, whose
    heap (distributed, karamap, the gazetteer) may be frozen for the process's life (see
    :func:`karamap.engine.worker.settle_heap`); a user's worker is left as it is.

    >>> from karamap.paths import example_articles
    >>> from karamap.engine.partitions import plan_partitions
    >>> (part,) = plan_partitions(example_articles())
    >>> annotate_partition(part, Options(), "jsonl").batch.count
    1
    """
    if client_cache is not None and options.cache_dir == client_cache:
        # the client's default cache folder means "the default": on a worker, its own user's
        options = options.replace(cache_dir=DEFAULT_CACHE_DIR)
    report = _FailureReport()
    ids: list[tuple[str, str]] = []

    def tracked() -> Iterator[Any]:
        for article in read_partition(part, strict=options.strict, report=report, seen=seen,
                                      text_column=options.text_column):
            ids.append((article.id, article.origin or article.id))
            yield article

    gazetteer = worker_gazetteer(options)
    if own_worker:
        settle_heap()
    try:
        batch = annotate_batch(tracked(), gazetteer, options, want)
    except InputError as err:
        if not options.strict:
            raise
        # a bad input under --strict is the user's data, not a failure to retry
        return PartitionResult(BatchResult(), error=err)
    return PartitionResult(batch, report.articles, tuple(report.skipped), report.skipped_count,
                           tuple(report.notes), tuple(ids), None, tuple(report.failures))


@dataclass(slots=True)
class _FailureReport(ReadReport):
    """A read report that also keeps the first failures, for the message of a read that found nothing."""

    failures: list[Failure] = field(default_factory=list)

    def skip(self, origin: str, error: InputError) -> None:
        ReadReport.skip(self, origin, error)
        _keep_failure(self.failures, Failure(origin, error))


def _dask() -> Any:
    try:
        import distributed
    except ImportError as err:
        raise ConfigurationError("the Dask engine needs dask and distributed: "
                                 "pip install 'karamap[dask]'") from err
    return distributed


@contextlib.contextmanager
def cluster_client(options: Options) -> Iterator[Any]:
    """A Dask client: of the scheduler at ``options.scheduler``, else of a new LocalCluster.

    The LocalCluster has ``options.workers`` worker processes of one thread each (the
    pipeline is pure Python: threads would share one core) and is closed afterwards.
    """
    distributed = _dask()
    if options.scheduler:
        try:
            client = distributed.Client(options.scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as err:
            raise EngineError(f"cannot reach the Dask scheduler at {options.scheduler}: {err}") from err
        try:
            yield client
        finally:
            client.close()
        return
    import dask

    with dask.config.set(LOCAL_CLUSTER_CONFIG):  # read as the scheduler and the workers start
        cluster = distributed.LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True,
                                           dashboard_address=":0", silence_logs=logging.ERROR)
    try:
        # Results come straight from the workers, not relayed by the scheduler (which runs in
        # this process and would receive and send every partition's lines once more).
        client = distributed.Client(cluster, set_as_default=False, direct_to_workers=True)
        try:
            yield client
        finally:
            client.close()
    finally:
        cluster.close()


def run_cluster(sources: Any, options: Options, want: Want, report: ReadReport) -> Iterator[BatchResult]:
    """Annotate ``sources`` on a Dask cluster; yield each partition's result in input order.

    Raises
    ------
    ConfigurationError : dask is not installed, or an online geocoder was asked for.
    EngineError : the scheduler cannot be reached, or a partition failed on every try.
    InputError : with ``options.strict``, the first bad input in input order; without it,
        only when no article at all was read (as :func:`karamap.read.read`).
    """
    if options.geocoder != "offline":
        raise ConfigurationError("an online geocoder asks one request a second from one process: "
                                 "it cannot be shared out to a cluster (use --engine local)")
    if options.overrides is not None:
        if not Path(options.overrides).is_file():
            raise ConfigurationError(f"{options.overrides}: overrides for a cluster must be a file "
                                     "every worker can read (not a pipe or a device)")
        # a bad row is reported here, before any work, as one process reports it
        from karamap.gazetteer.user import UserGazetteer

        UserGazetteer.from_file(options.overrides)
    _dask()
    parts = plan_partitions(sources, workers=options.workers)
    with cluster_client(options) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or options.workers)
        parts = _number_lines(client, parts)
        yield from _annotate(client, parts, options, want, report, workers, own=not options.scheduler)


def _number_lines(client: Any, parts: list[Partition]) -> list[Partition]:
    split = [p for p in parts if p.kind == "jsonl" and not (p.first_block and p.last_block)]
    if not split:
        return parts
    futures = client.map(count_block, split, retries=RETRIES, pure=False)
    counts = dict(zip((p.index for p in split), _gather(client, futures)))
    return place_lines(parts, counts)


def _gather(client: Any, futures: list[Any]) -> list[Any]:
    try:
        return list(client.gather(futures))
    except Exception as err:
        raise _engine_error(err) from err


def _engine_error(err: BaseException) -> BaseException:
    if isinstance(err, InputError):
        return err
    name = type(err).__name__
    if name in ("KilledWorker", "CommClosedError", "CancelledError", "FutureCancelledError") \
            or isinstance(err, OSError | TimeoutError):
        return EngineError(f"the Dask cluster failed the job ({name}: {err}); nothing was written")
    return err


def _annotate(client: Any, parts: list[Partition], options: Options, want: Want, report: ReadReport,
              workers: int, *, own: bool = False) -> Iterator[BatchResult]:
    def submit(part: Partition, seen: dict[str, str] | None = None) -> Any:
        return client.submit(annotate_partition, part, options, want, seen, client_cache=DEFAULT_CACHE_DIR,
                             own_worker=own, retries=RETRIES, pure=False)

    pending: deque[tuple[Partition, Any]] = deque()
    todo = iter(parts)
    seen: dict[str, str] = {}
    failures: list[Failure] = []
    failed = 0
    limit = IN_FLIGHT * workers
    try:
        while True:
            while len(pending) < limit:
                part = next(todo, None)
                if part is None:
                    break
                pending.append((part, submit(part)))
            if not pending:
                break
            part, future = pending.popleft()
            result = _result(future)
            repeats = {i: seen[i] for i, _ in result.ids if i in seen}
            if repeats:  # ids an earlier partition read: read this one again, skipping them
                result = _result(submit(part, repeats))
            if result.error is not None:
                raise result.error
            for article_id, where in result.ids:
                seen.setdefault(article_id, where)
            _merge_report(report, result)
            failed += result.skipped_count
            for failure in result.failures:
                _keep_failure(failures, failure)
            yield result.batch
    finally:
        for _, future in pending:
            future.cancel()
    if report.articles == 0:
        from karamap.read import _nothing_read

        raise _nothing_read(failures, failed)


def _result(future: Any) -> PartitionResult:
    try:
        result: PartitionResult = future.result()
    except Exception as err:
        raise _engine_error(err) from err
    finally:
        future.release()
    return result


def _merge_report(report: ReadReport, result: PartitionResult) -> None:
    report.articles += result.articles
    for item in result.skipped:
        report.skip(item.origin, item.error)
    report.skipped_count += result.skipped_count - len(result.skipped)
    for note in result.notes:
        report.note(note)


def _keep_failure(failures: list[Failure], item: Failure) -> None:
    """Keep what :func:`karamap.read.read` keeps for its error when nothing was read:
    the first failure, and the first real one after a first "nothing there"."""
    if not failures or (len(failures) == 1 and isinstance(failures[0].error, NoArticlesError)
                        and not isinstance(item.error, NoArticlesError)):
        failures.append(item)
