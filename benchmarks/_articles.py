"""Articles of an annotated dev set, read for the benchmarks that time or score the pipeline on it.

The benchmarks are scripts (``python benchmarks/NAME.py``), so this module is imported from their
own folder: ``from _articles import read_articles``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

__all__ = ["read_articles"]


def _date(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((raw or "")[:10])
    except ValueError:
        return None


def read_articles(path: Path, limit: int | None = None) -> list:
    """The first ``limit`` (all when None) records of a gold JSONL file as karamap Articles.

    The publication date is the record's ``date`` or its ``meta.date``; one that is not an ISO date
    is left out rather than guessed.
    """
    from karamap.model import Article

    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            g = json.loads(line)
            date = g.get("date") or (g.get("meta") or {}).get("date")
            out.append(Article(id=str(g["id"]), text=g["text"], published=_date(date)))
            if limit and len(out) >= limit:
                break
    return out
