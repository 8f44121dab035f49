"""The data contract in code: the input columns, the annotate JSONL fields and the layer columns.

Read from the writers themselves (a sample document through :func:`karamap.jsonl.document_record`,
the layers' column tuples), so ``karamap formats`` and the tests that hold ``docs/format.md`` to it
cannot drift from what karamap really writes.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from karamap.layers import EVENT_COLUMNS, PLACE_COLUMNS, REGION_COLUMNS

__all__ = ["HEADER_LINE", "ARTICLE_COLUMNS", "TEXT_COLUMNS", "jsonl_fields", "layer_csv_columns"]

#: the optional first line of a text article
HEADER_LINE = "date YYYY-MM-DD Title"
#: columns a CSV or Parquet table of articles is searched for, first match wins
TEXT_COLUMNS: tuple[str, ...] = ("text", "body", "content")
#: the other columns of such a table that are read when present
ARTICLE_COLUMNS: tuple[str, ...] = ("id", "date", "title", "url", "source")


@lru_cache(maxsize=1)
def jsonl_fields() -> dict[str, tuple[str, ...]]:
    """The keys ``karamap annotate`` writes: the record's, and those of each list in it.

    Examples
    --------
    >>> fields = jsonl_fields()
    >>> fields["record"][:3], "actor1" in fields["events"]
    (('id', 'date', 'title'), True)
    """
    from karamap.jsonl import document_record
    from karamap.model import Article, Document, Event, Mention, Place, Resolution, TimeExpr, TimeSpan

    place = Place("geonames:1", "Sample", "city", "AZ", 40.0, 47.0, geonameid=1)
    group = Place("karamap:g", "the sample places", "group", "AZ", 40.0, 47.0, members=(place.id,))
    span = TimeSpan(dt.date(2021, 1, 30), dt.date(2021, 1, 30), "day")
    placed = Resolution(Mention(0, 6, "Sample"), group, 0.9, (group,), (place,))
    withheld = Resolution(Mention(7, 13, "Sample"), None, 0.3, (place,), withheld=True)
    timex = TimeExpr(14, 20, "Sat", "DATE", "2021-01-30", span)
    event = Event("e", "d", "statement", "said", "Sample said.", 0, 12, span, 1, False, (place.id,),
                  40.0, 47.0, 1, True)
    record = document_record(Document(Article("d", "Sample Sample Sample said.", span.start),
                                      (placed, withheld), (timex,), (event,)))
    out: dict[str, tuple[str, ...]] = {"record": tuple(record)}
    for key in ("places", "withheld", "timexes", "events"):
        out[key] = tuple(record[key][0]) if record[key] else ()
    return out


def layer_csv_columns() -> dict[str, tuple[str, ...]]:
    """The columns of each layer's CSV export (the geometry as WKT comes last).

    >>> layer_csv_columns()["events"][:3]
    ('event_id', 'doc_id', 'type')
    """
    return {name: (*columns, "geometry_wkt") for name, columns in
            (("places", PLACE_COLUMNS), ("regions", REGION_COLUMNS), ("events", EVENT_COLUMNS))}
