"""The ``karamap annotate`` JSONL contract: one JSON object per document (see DESIGN.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from karamap.atomic import atomic_write
from karamap.model import Document, Event, Place, Resolution, TimeExpr

__all__ = ["document_record", "write_jsonl", "dumps_record"]


def _place_fields(place: Place) -> dict[str, Any]:
    return {
        "place_id": place.id,
        "name": place.name,
        "feature": place.feature,
        "country": place.country,
        "geonameid": place.geonameid,
        "lat": round(place.lat, 6),
        "lon": round(place.lon, 6),
    }


_UNKNOWN_PLACE = dict.fromkeys(("place_id", "name", "feature", "country", "geonameid", "lat", "lon"))


def _mention_fields(res: Resolution) -> dict[str, Any]:
    m = res.mention
    return {"start": m.start, "end": m.end, "text": m.surface, "kind": m.kind}


def _resolution_record(res: Resolution) -> dict[str, Any]:
    record = _mention_fields(res)
    record.update(_UNKNOWN_PLACE if res.place is None else _place_fields(res.place))
    record["score"] = round(res.score, 4)
    if res.members:
        record["members"] = [_place_fields(p) for p in res.members]
    return record


def _withheld_record(res: Resolution) -> dict[str, Any]:
    """A mention whose readings were too close to call: its score and the readings weighed."""
    record = _mention_fields(res)
    record["score"] = round(res.score, 4)
    record["candidates"] = [_place_fields(p) for p in res.candidates]
    return record


def _timex_record(t: TimeExpr) -> dict[str, Any]:
    return {
        "start": t.start,
        "end": t.end,
        "text": t.text,
        "type": t.type,
        "value": t.value,
        "precision": t.span.precision if t.span else None,
        "range": [t.span.start.isoformat(), t.span.end.isoformat()] if t.span else None,
    }


def _event_record(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "type": e.type,
        "start_date": e.when.start.isoformat() if e.when else None,
        "end_date": e.when.end.isoformat() if e.when else None,
        "date_precision": e.when.precision if e.when else None,
        "time_precision": e.time_precision,
        "time_inferred": e.time_inferred,
        "place_ids": list(e.place_ids),
        "lat": None if e.lat is None else round(e.lat, 6),
        "lon": None if e.lon is None else round(e.lon, 6),
        "geo_precision": e.geo_precision,
        "place_stated": e.place_stated,
        "actors": list(e.actors),
        "trigger": e.trigger,
        "quote": e.quote,
        "quote_start": e.quote_start,
        "quote_end": e.quote_end,
        "attribution": e.attribution,
        "confidence": round(e.confidence, 4),
        "disorder_type": e.disorder_type,
        "acled_event_type": e.acled_event_type,
        "acled_sub_event_type": e.acled_sub_event_type,
        "cameo": e.cameo,
        "plover": e.plover,
        "actor1": e.actor1,
        "assoc_actor_1": list(e.assoc_actor_1),
        "actor2": e.actor2,
        "assoc_actor_2": list(e.assoc_actor_2),
        "inter1": e.inter1,
        "inter2": e.inter2,
        "interaction": e.interaction,
        "civilian_targeting": e.civilian_targeting,
        "fatalities": e.fatalities,
    }


def document_record(doc: Document) -> dict[str, Any]:
    """The JSON-ready record of one document, in the shape DESIGN.md fixes.

    >>> import datetime as dt
    >>> from karamap.model import Article
    >>> document_record(Document(Article("a", "No places.", dt.date(2021, 1, 30))))["date"]
    '2021-01-30'
    """
    art = doc.article
    return {
        "id": art.id,
        "date": art.published.isoformat() if art.published else None,
        "title": art.title,
        "url": art.url,
        "source": art.source,
        # the text offsets index into, where it is not the input itself (a saved web page)
        **({"text": art.text} if art.extracted else {}),
        "places": [_resolution_record(r) for r in doc.resolutions if not r.withheld],
        "withheld": [_withheld_record(r) for r in doc.resolutions if r.withheld],
        "timexes": [_timex_record(t) for t in doc.timexes],
        "events": [_event_record(e) for e in doc.events],
    }


def dumps_record(doc: Document) -> str:
    """One JSONL line (without its newline) for ``doc``."""
    return json.dumps(document_record(doc), ensure_ascii=False, sort_keys=False)


def write_jsonl(documents: Iterable[Document], path: str | Path) -> int:
    """Write one line per document to ``path`` atomically; returns how many were written."""
    count = 0
    with atomic_write(Path(path)) as fh:
        for doc in documents:
            fh.write(dumps_record(doc))
            fh.write("\n")
            count += 1
    return count
