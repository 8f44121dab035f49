"""karamap: turn news text into maps of places, dates and events.

Examples
--------
>>> import karamap
>>> doc = next(karamap.annotate(karamap.example_articles()))
>>> doc.article.published.isoformat()
'2021-01-30'
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Everything is imported on first use: ``import karamap`` stays cheap (pandas, shapely and
# geopandas take a second or more), so the command line sets up its Ctrl-C handling first.
_HOMES = {
    **dict.fromkeys(("read", "read_text"), "karamap.read"),
    **dict.fromkeys(("annotate", "annotate_to_jsonl", "build_map", "export", "layers_of"), "karamap.api"),
    "Options": "karamap.config",
    "KaramapError": "karamap.errors",
    "Gazetteer": "karamap.gazetteer",
    "open_gazetteer": "karamap.gazetteer.open",
    **dict.fromkeys(("Article", "Document", "Event", "Mention", "Place", "Resolution", "TimeExpr", "TimeSpan"),
                    "karamap.model"),
    "example_articles": "karamap.paths",
    "annotate_article": "karamap.pipeline",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'karamap' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The type of the ``karamap`` module: ``karamap.read`` stays the function.

    Importing a subpackage binds it in its parent under its name; the subpackage
    ``karamap.read`` would then hide the function ``read``, whichever was imported
    first. Loading lazily, the binding is refused instead.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "read" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
