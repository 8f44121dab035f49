"""The library calls behind the CLI: annotate to JSONL, build a map, export a layer."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from karamap import progress
from karamap.atomic import (atomic_batch, atomic_write, check_output_file, check_output_folder,
                            check_writable_dir)
from karamap.config import Options
from karamap.engine import BatchResult, Want, run
from karamap.engine.worker import ensure_index
from karamap.errors import ConfigurationError
from karamap.gazetteer.index import index_file
from karamap.layers import LayerParts, Layers
from karamap.model import Document
from karamap.names import check_file_name, check_output_name, check_title
from karamap.paths import EXAMPLE_NAME, example_articles
from karamap.jsonl import dumps_record
from karamap.pipeline import Source
from karamap.read import ReadReport
from karamap.recognise.unknown import UnknownName, count_unknown, unknown_names

__all__ = [
    "annotate",
    "annotate_to_jsonl",
    "layers_of",
    "build_map",
    "export",
    "AnnotateResult",
    "BuildResult",
    "ExportResult",
]


@dataclass(frozen=True, slots=True)
class AnnotateResult:
    """What ``annotate_to_jsonl`` wrote."""

    path: Path
    documents: int
    report: ReadReport
    #: place readings withheld as too close to call (below ``Options.min_score``)
    withheld: int = 0
    #: with ``report_unknown``: names in place positions no gazetteer here placed, with their
    #: counts, most frequent first (what a user may add with ``--overrides``)
    unknown: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What ``build_map`` wrote: the HTML map and the layer files."""

    map_path: Path
    layer_paths: tuple[Path, ...]
    documents: int
    places: int
    events: int
    report: ReadReport
    attribution: str = ""
    #: place readings withheld as too close to call (below ``Options.min_score``)
    withheld: int = 0


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What ``export`` wrote."""

    path: Path
    features: int
    report: ReadReport = field(default_factory=ReadReport)


def annotate(
    sources: Source,
    *,
    options: Options | None = None,
    report: ReadReport | None = None,
) -> Iterator[Document]:
    """Read ``sources`` and yield the :class:`Document` of each article, streaming.

    With ``Options(workers=N)`` N processes annotate batches of articles; the
    documents still come in input order.

    Examples
    --------
    >>> docs = list(annotate(example_articles()))
    >>> sorted({r.place.name for r in docs[0].places})[:3]
    ['Ankara', 'Armenia', 'Azerbaijan']
    """
    for result in _run(sources, options, "documents", report):
        yield from result.documents


def _run(sources: Source, options: Options | None, want: Want,
         report: ReadReport | None) -> Iterator[BatchResult]:
    options = options or Options()
    if options.engine == "local":
        # the index is built here, once, before any worker process starts (Dask workers build
        # their own, one at a time)
        if not index_file(options.cache_dir).exists():
            with progress.task("Building the place index (first run only, about 15 s)"):
                ensure_index(options)
    results = run(sources, options, want, report if report is not None else ReadReport())
    with progress.task("Articles") as advance:
        for result in results:
            yield result
            advance(result.count)


def annotate_to_jsonl(sources: Source, path: str | Path, *, options: Options | None = None,
                      report_unknown: bool = False) -> AnnotateResult:
    """Annotate ``sources`` and write the JSONL of ``docs/format.md`` to ``path``.

    A regular file is replaced atomically; ``-`` is standard output, and a pipe or
    a device is written directly. Nothing is created before the first article was
    read: a run whose input is unreadable leaves no file or folder behind.
    With ``report_unknown`` the result also counts the names in place positions that
    no gazetteer here placed (see :func:`karamap.recognise.unknown.unknown_names`).
    """
    path = check_file_name(path)
    check_output_file(path)
    report = ReadReport()
    count = withheld = 0
    unknown: list[UnknownName] = []
    # Unknown names are found in the documents themselves: then they come back whole.
    results = _run(sources, options, "documents" if report_unknown else "jsonl", report)
    # The input is found readable (or its error raised) before any output exists.
    first = next(results, None)
    with atomic_write(path) as fh:
        for result in itertools.chain([] if first is None else [first], results):
            if report_unknown:
                for doc in result.documents:
                    fh.write(dumps_record(doc) + "\n")
                    unknown.extend(unknown_names(doc))
            else:
                fh.write(result.jsonl)
            count += result.count
            withheld += result.withheld
    return AnnotateResult(path, count, report, withheld, tuple(count_unknown(unknown)))


@dataclass(slots=True)
class _Tally:
    """The layer parts of a whole run, merged batch by batch in input order, and its counts."""

    parts: LayerParts = field(default_factory=LayerParts)
    withheld: int = 0
    first_title: str | None = None

    def take(self, results: Iterator[BatchResult], *, first: Callable[[], None] | None = None) -> _Tally:
        """Merge ``results``; ``first`` is called once the first has come (worker processes run by then)."""
        for result in results:
            if self.parts.documents == 0:
                self.first_title = result.first_title
                if first is not None:
                    first()
                    first = None
            assert result.parts is not None
            self.parts.merge(result.parts)
            self.withheld += result.withheld
        return self


def layers_of(sources: Source, *, options: Options | None = None,
              report: ReadReport | None = None) -> Layers:
    """The GeoDataFrame layers (places, regions, events) of ``sources``.

    Documents are tallied as they stream (never held all at once); with
    ``Options(workers=N)`` or ``Options(engine="dask")`` the tally is split
    between processes and merged in input order, to the same layers.
    """
    return _Tally().take(_run(sources, options, "layers", report)).parts.finish()


def build_map(
    sources: Source | None = None,
    out_dir: str | Path = "maps",
    name: str | None = None,
    *,
    options: Options | None = None,
    offline: bool = False,
    title: str | None = None,
) -> BuildResult:
    """Build ``out_dir/NAME.html`` and the GeoJSON layers of ``sources``.

    With no sources, the bundled example article is mapped under the name
    ``karabakh-joint-center``. ``out_dir`` is checked first but only created once
    the articles have been read.
    """
    options = options or Options()
    if sources is None or sources == () or sources == []:
        sources = example_articles()
        name = name or EXAMPLE_NAME
    name = check_output_name(name or "karamap")
    title = check_title(title)
    out = Path(out_dir)
    check_writable_dir(out)
    report = ReadReport()
    warm = _Warm(options)
    try:
        tally = _Tally().take(_run(sources, options, "layers", report), first=warm.start)
    finally:
        warm.join()
    from karamap.export import write_layers
    from karamap.render import write_map

    documents = tally.parts.documents
    layers = tally.parts.finish()
    tally.parts = LayerParts()  # let the tally go: the layers hold what the map needs
    attribution = _attribution(options)
    # The map and its layers are renamed into place together, after all were written.
    with progress.task("Writing the map and its layers"), atomic_batch():
        map_path = write_map(layers, out / f"{name}.html",
                             title=title or _title(documents, tally.first_title, name),
                             offline=offline, attribution=attribution)
        layer_paths = write_layers(layers, out, name)
    return BuildResult(
        map_path=map_path,
        layer_paths=tuple(layer_paths),
        documents=documents,
        places=len(layers.places),
        events=len(layers.events),
        report=report,
        attribution=attribution,
        withheld=tally.withheld,
    )


class _Warm:
    """Imports the map and layer writers (geopandas, folium: a second or two) and reads the
    basemap's labels in a thread, while worker processes annotate and this one waits on them.

    Started only once the workers run: a process forked while a thread runs could inherit a
    lock that thread held. In one process there is no idle core to use, so nothing starts.
    """

    def __init__(self, options: Options) -> None:
        self._wanted = options.engine == "dask" or options.workers > 1
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._wanted and self._thread is None:
            self._thread = threading.Thread(target=self._load, name="karamap-warm", daemon=True)
            self._thread.start()

    @staticmethod
    def _load() -> None:
        try:
            import karamap.export  # noqa: F401
            from karamap.render.labels import basemap_labels

            basemap_labels()
        except Exception:  # noqa: BLE001 - only a head start: the writers report any error themselves
            pass

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()


def export(
    sources: Source,
    layer: str,
    path: str | Path,
    *,
    format: str | None = "geojson",
    options: Options | None = None,
) -> ExportResult:
    """Write one layer (``places``, ``regions`` or ``events``) of ``sources`` to ``path``.

    ``format`` None takes the format from ``path``'s extension (``.geojson``,
    ``.parquet``, ``.csv``, ``.jsonl``; ``-`` is standard output, as GeoJSON); an
    extension that names no format is a :class:`ConfigurationError` raised before
    any work. With ``Options(engine="dask")`` and the Parquet format, ``path`` is a
    folder: the layer is written as a partitioned GeoParquet dataset
    (see :func:`karamap.dataset.write_dataset`).
    """
    from karamap.export import export_layer, format_for_path

    options = options or Options()
    path = check_file_name(path)
    if format is None:
        format = format_for_path(path)
    if format == "acled-csv" and layer != "events":
        raise ConfigurationError(f"the acled-csv format holds events, not {layer}: use the events layer")
    dataset = options.engine == "dask" and format == "parquet"
    if dataset:
        check_output_folder(path)  # a dataset replaces its folder as a whole: it may exist already
    else:
        check_output_file(path)
    report = ReadReport()
    layers = layers_of(sources, options=options, report=report)
    with progress.task(f"Writing the {layer} layer"):
        if dataset:
            # a cluster's output: a folder of GeoParquet parts (part.0.parquet, ...), in layer order
            from karamap.dataset import write_dataset

            written = write_dataset(layers.layer(layer), path)
        else:
            written = export_layer(layers, layer, path, format=format)
    return ExportResult(written, len(getattr(layers, layer)), report)


def _title(documents: int, first_title: str | None, name: str) -> str:
    if documents == 1 and first_title:
        return first_title
    return f"{name}: {documents} articles"


def _attribution(options: Options) -> str:
    if options.geocoder == "nominatim":
        return "Geocoding © OpenStreetMap contributors (Nominatim)"
    return ""
