"""The work of one batch of articles, the same in this process, a worker process or a Dask worker."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from karamap.config import Options
from karamap.gazetteer import Gazetteer
from karamap.jsonl import dumps_record
from karamap.layers import LayerParts
from karamap.model import Article, Document
from karamap.pipeline import annotate_article

__all__ = ["Want", "BatchResult", "annotate_batch"]

#: what a run needs back from each batch: the documents themselves (the Python API), their
#: JSONL lines (``annotate``), or their layer tally (``build``, ``export``). Lines and tallies
#: are far smaller to send between processes than documents with every candidate place.
Want = Literal["documents", "jsonl", "layers"]


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What one batch of consecutive articles gave; results of consecutive batches concatenate.

    >>> BatchResult().count
    0
    """

    #: the documents, in input order (``want="documents"``)
    documents: tuple[Document, ...] = ()
    #: one JSON line (with its newline) per document, in input order (``want="jsonl"``)
    jsonl: str = ""
    #: the layer tally of the batch (``want="layers"``)
    parts: LayerParts | None = field(default=None, compare=False)
    #: documents annotated
    count: int = 0
    #: place readings withheld as too close to call
    withheld: int = 0
    #: the title of the batch's first document (a one-article map is named after it)
    first_title: str | None = None


def annotate_batch(articles: Iterable[Article], gazetteer: Gazetteer, options: Options,
                   want: Want) -> BatchResult:
    """Annotate ``articles`` in order and keep what ``want`` asks for.

    Examples
    --------
    >>> from karamap.gazetteer.open import open_gazetteer
    >>> from karamap.paths import example_articles
    >>> from karamap.read import read
    >>> result = annotate_batch(read(example_articles()), open_gazetteer(), Options(), "layers")
    >>> result.count, result.parts.documents
    (1, 1)
    """
    documents: list[Document] = []
    lines: list[str] = []
    parts = LayerParts() if want == "layers" else None
    count = withheld = 0
    first_title: str | None = None
    for article in articles:
        doc = annotate_article(article, gazetteer, min_score=options.min_score)
        if count == 0:
            first_title = article.title
        count += 1
        withheld += sum(1 for r in doc.resolutions if r.withheld)
        if want == "documents":
            documents.append(doc)
        elif want == "jsonl":
            lines.append(dumps_record(doc) + "\n")
        else:
            assert parts is not None
            parts.add(doc)
    return BatchResult(tuple(documents), "".join(lines), parts, count, withheld, first_title)
