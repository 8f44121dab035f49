"""The pipeline of one article: recognise, resolve, temporal and events into a Document."""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike

from karamap.config import DEFAULT_MIN_SCORE
from karamap.events import extract_events
from karamap.gazetteer import Gazetteer
from karamap.gazetteer.discover import discover
from karamap.gazetteer.open import open_gazetteer
from karamap.model import Article, Document
from karamap.recognise import recognise
from karamap.resolve import resolve
from karamap.temporal import tag_times
from karamap.textview import restore_document, view_article

__all__ = ["annotate_article", "Source"]

Source = str | PathLike[str] | Article | Iterable["Source"]


def annotate_article(article: Article, gazetteer: Gazetteer, *, min_score: float = DEFAULT_MIN_SCORE) -> Document:
    """Everything karamap finds in one article; readings below ``min_score`` are withheld.

    >>> from karamap.model import Article
    >>> import datetime as dt
    >>> doc = annotate_article(Article("a", "Clashes erupted in Aghdam on Sept. 27, 2020.",
    ...                                dt.date(2021, 1, 30)), open_gazetteer())
    >>> [r.place.name for r in doc.places]
    ['Aghdam']
    """
    # The stages read a plain view of the text (detokenised, unwrapped, recased ...); every
    # offset, surface and quote of the result is then mapped back to the text as read.
    read_as, view = view_article(article)
    return restore_document(_annotate_view(read_as, gazetteer, min_score), view, article)


def _annotate_view(article: Article, gazetteer: Gazetteer, min_score: float) -> Document:
    mentions = recognise(article, gazetteer)
    # names only an opted-in online geocoder knows ([] without one)
    mentions = sorted([*mentions, *discover(article, mentions, gazetteer)], key=lambda m: m.start)
    resolutions = resolve(article, mentions, gazetteer, min_score=min_score)
    timexes = tag_times(article)
    events = extract_events(article, resolutions, timexes)
    return Document(article, tuple(resolutions), tuple(timexes), tuple(events))
