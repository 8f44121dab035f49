"""Where the pipeline runs: this process, every core of this machine, or a Dask cluster.

Every engine splits the articles into consecutive batches (Dask: partitions), annotates
each with :func:`karamap.engine.batch.annotate_batch` and hands back the results in input
order, so outputs are the same whichever engine made them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from karamap.config import Options
from karamap.engine.batch import BatchResult, Want
from karamap.engine.local import run_local
from karamap.read import ReadReport, read

__all__ = ["BatchResult", "Want", "run"]


def run(sources: Any, options: Options, want: Want, report: ReadReport) -> Iterator[BatchResult]:
    """Read and annotate ``sources`` with the engine ``options`` name; batch results in input order.

    ``report`` is filled as the sources are read (skipped inputs in input order, as a
    single process reading them would list them).

    Examples
    --------
    >>> from karamap.paths import example_articles
    >>> sum(r.count for r in run(example_articles(), Options(), "layers", ReadReport()))
    1
    """
    if options.engine == "dask":
        from karamap.engine.cluster import run_cluster

        return run_cluster(sources, options, want, report)
    return run_local(read(sources, strict=options.strict, report=report, text_column=options.text_column),
                     options, want)
