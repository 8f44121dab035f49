"""karamap: turn news text into maps of places, dates and events.

Examples
--------
>>> import karamap
>>> doc = next(karamap.annotate(karamap.example_articles()))
>>> doc.article.published.isoformat()
'2021-01-30'
"""

from karamap.api import annotate, annotate_to_jsonl, build_map, export, layers_of
from karamap.config import Options
from karamap.errors import KaramapError
from karamap.gazetteer import Gazetteer
from karamap.gazetteer.open import open_gazetteer
from karamap.model import Article, Document, Event, Mention, Place, Resolution, TimeExpr, TimeSpan
from karamap.paths import example_articles
from karamap.pipeline import annotate_article
from karamap.read import read, read_text

__all__ = [
    "Article",
    "Document",
    "Event",
    "Gazetteer",
    "KaramapError",
    "Mention",
    "Options",
    "Place",
    "Resolution",
    "TimeExpr",
    "TimeSpan",
    "annotate",
    "annotate_article",
    "annotate_to_jsonl",
    "build_map",
    "example_articles",
    "export",
    "layers_of",
    "open_gazetteer",
    "read",
    "read_text",
]

__version__ = "0.1.0"
