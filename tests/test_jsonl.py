"""The annotate JSONL record: the contract the scorers in ../shared/eval read."""

from __future__ import annotations

import datetime as dt
import json

from karamap.jsonl import document_record, write_jsonl
from karamap.model import Article, Document, Event, Mention, Place, Resolution, TimeExpr, TimeSpan

TEXT = "Clashes erupted near Aghdam and in the seven adjacent districts on Sept. 27, 2020."
AGHDAM = Place("geonames:148619", "Aghdam", "city", "AZ", 39.99096, 46.92736, 37700, 148619)
LACHIN = Place("geonames:147625", "Lachin", "city", "AZ", 39.63742, 46.54977, 0, 147625)
GROUP = Place("karamap:seven-districts", "Seven districts", "group", "AZ", 39.6, 46.7,
              members=(AGHDAM.id, LACHIN.id), source="karamap")


def _document() -> Document:
    article = Article("doc-1", TEXT, dt.date(2021, 1, 30), title="Clashes", url="https://example.org/a")
    aghdam = Resolution(Mention(21, 27, "Aghdam", "toponym", "aghdam"), AGHDAM, 0.91, (AGHDAM,))
    group = Resolution(Mention(39, 63, "seven adjacent districts", "group"), GROUP, 0.8,
                       (GROUP,), members=(AGHDAM, LACHIN))
    unknown = Resolution(Mention(0, 7, "Clashes", "toponym"), None, 0.1)
    withheld = Resolution(Mention(8, 15, "erupted", "toponym"), None, 0.51, (LACHIN, AGHDAM), withheld=True)
    when = TimeSpan(dt.date(2020, 9, 27), dt.date(2020, 9, 27), "day")
    timex = TimeExpr(67, 81, "Sept. 27, 2020", "DATE", "2020-09-27", when)
    event = Event("ev-1", "doc-1", "armed_clash", "Clashes erupted", TEXT, 0, len(TEXT), when, 1,
                  False, (AGHDAM.id,), AGHDAM.lat, AGHDAM.lon, 1, True, ("Armenia", "Azerbaijan"))
    return Document(article, (aghdam, group, unknown, withheld), (timex,), (event,))


def test_record_has_the_documented_keys_and_values():
    record = document_record(_document())
    assert record["id"] == "doc-1"
    assert record["date"] == "2021-01-30"
    assert record["title"] == "Clashes"
    place = record["places"][0]
    assert {k: place[k] for k in ("start", "end", "text", "kind", "place_id", "geonameid")} == {
        "start": 21, "end": 27, "text": "Aghdam", "kind": "toponym",
        "place_id": "geonames:148619", "geonameid": 148619}
    assert (place["lat"], place["lon"], place["feature"], place["country"]) == (39.99096, 46.92736, "city", "AZ")
    assert place["score"] == 0.91


def test_group_lists_its_members_with_coordinates():
    group = document_record(_document())["places"][1]
    assert group["kind"] == "group"
    assert [(m["name"], m["lat"], m["lon"]) for m in group["members"]] == [
        ("Aghdam", 39.99096, 46.92736), ("Lachin", 39.63742, 46.54977)]


def test_unresolved_mention_keeps_its_span_with_null_coordinates():
    unknown = document_record(_document())["places"][2]
    assert (unknown["text"], unknown["place_id"], unknown["lat"], unknown["lon"]) == ("Clashes", None, None, None)


def test_withheld_mention_is_listed_apart_with_its_candidates_never_as_a_place():
    record = document_record(_document())
    assert [p["text"] for p in record["places"]] == ["Aghdam", "seven adjacent districts", "Clashes"]
    (withheld,) = record["withheld"]
    assert (withheld["start"], withheld["end"], withheld["text"], withheld["score"]) == (8, 15, "erupted", 0.51)
    assert [(c["name"], c["lat"]) for c in withheld["candidates"]] == [("Lachin", 39.63742), ("Aghdam", 39.99096)]


def test_timex_and_event_records():
    record = document_record(_document())
    assert record["timexes"] == [{"start": 67, "end": 81, "text": "Sept. 27, 2020", "type": "DATE",
                                  "value": "2020-09-27", "precision": "day",
                                  "range": ["2020-09-27", "2020-09-27"]}]
    event = record["events"][0]
    assert (event["start_date"], event["end_date"], event["time_precision"]) == ("2020-09-27", "2020-09-27", 1)
    assert event["place_ids"] == ["geonames:148619"]
    assert event["actors"] == ["Armenia", "Azerbaijan"]
    assert TEXT[event["quote_start"]:event["quote_end"]] == event["quote"]


def test_write_jsonl_writes_one_parseable_line_per_document(tmp_path):
    out = tmp_path / "out.jsonl"
    assert write_jsonl([_document(), _document()], out) == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["doc-1", "doc-1"]
    assert list(tmp_path.iterdir()) == [out]
