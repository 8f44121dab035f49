"""The library calls behind the CLI: annotate to JSONL, build a map, export a layer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import itertools

from karamap.atomic import atomic_batch, check_output_file, check_writable_dir
from karamap import progress
from karamap.config import Options
from karamap.errors import ConfigurationError
from karamap.gazetteer.index import index_file
from karamap.gazetteer.open import open_gazetteer
from karamap.jsonl import write_jsonl
from karamap.layers import Layers, build_layers
from karamap.model import Document
from karamap.names import check_file_name, check_output_name, check_title
from karamap.paths import EXAMPLE_NAME, example_articles
from karamap.pipeline import Source, annotate_article
from karamap.read import ReadReport, read
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

    Examples
    --------
    >>> docs = list(annotate(example_articles()))
    >>> sorted({r.place.name for r in docs[0].places})[:3]
    ['Ankara', 'Armenia', 'Azerbaijan']
    """
    options = options or Options()
    building = not index_file(options.cache_dir).exists()
    with progress.task("Building the place index (first run only, about 15 s)" if building
                       else "Loading the place index"):
        gazetteer = open_gazetteer(options)
    try:
        with progress.task("Articles") as advance:
            for article in read(sources, strict=options.strict, report=report, text_column=options.text_column):
                yield annotate_article(article, gazetteer, min_score=options.min_score)
                advance(1)
    finally:
        gazetteer.close()


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
    withheld = 0
    unknown: list[UnknownName] = []

    def counted() -> Iterator[Document]:
        nonlocal withheld
        for doc in annotate(sources, options=options, report=report):
            withheld += _withheld(doc)
            if report_unknown:
                unknown.extend(unknown_names(doc))
            yield doc

    documents = counted()
    # The input is found readable (or its error raised) before any output exists.
    first = next(documents, None)
    count = write_jsonl(itertools.chain([] if first is None else [first], documents), path)
    return AnnotateResult(path, count, report, withheld, tuple(count_unknown(unknown)))


def _withheld(doc: Document) -> int:
    return sum(1 for r in doc.resolutions if r.withheld)


def layers_of(sources: Source, *, options: Options | None = None,
              report: ReadReport | None = None) -> Layers:
    """The GeoDataFrame layers (places, regions, events) of ``sources``."""
    return build_layers(annotate(sources, options=options, report=report))


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
    from karamap.export import write_layers
    from karamap.render import write_map

    options = options or Options()
    if sources is None or sources == () or sources == []:
        sources = example_articles()
        name = name or EXAMPLE_NAME
    name = check_output_name(name or "karamap")
    title = check_title(title)
    out = Path(out_dir)
    check_writable_dir(out)
    report = ReadReport()
    documents = list(annotate(sources, options=options, report=report))
    layers = build_layers(documents)
    attribution = _attribution(options)
    # The map and its layers are renamed into place together, after all were written.
    with progress.task("Writing the map and its layers"), atomic_batch():
        map_path = write_map(layers, out / f"{name}.html", title=title or _title(documents, name),
                             offline=offline, attribution=attribution)
        layer_paths = write_layers(layers, out, name)
    return BuildResult(
        map_path=map_path,
        layer_paths=tuple(layer_paths),
        documents=len(documents),
        places=len(layers.places),
        events=len(layers.events),
        report=report,
        attribution=attribution,
        withheld=sum(_withheld(doc) for doc in documents),
    )


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
    any work.
    """
    from karamap.export import export_layer, format_for_path

    path = check_file_name(path)
    if format is None:
        format = format_for_path(path)
    if format == "acled-csv" and layer != "events":
        raise ConfigurationError(f"the acled-csv format holds events, not {layer}: use the events layer")
    check_output_file(path)
    report = ReadReport()
    layers = layers_of(sources, options=options, report=report)
    with progress.task(f"Writing the {layer} layer"):
        written = export_layer(layers, layer, path, format=format)
    return ExportResult(written, len(getattr(layers, layer)), report)


def _title(documents: list[Document], name: str) -> str:
    if len(documents) == 1 and documents[0].article.title:
        return documents[0].article.title
    return f"{name}: {len(documents)} articles"


def _attribution(options: Options) -> str:
    if options.geocoder == "nominatim":
        return "Geocoding © OpenStreetMap contributors (Nominatim)"
    return ""
