"""Inputs users have: CSV, TSV and Parquet tables of articles; anything unknown refused with a message."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from karamap.cli import main
from karamap.errors import ReadError, RecordError
from karamap.read import ReadReport, read

ROWS = [
    {"id": "a1", "date": "2021-01-30", "title": "Center opens", "url": "https://example.org/a1",
     "body": "Monitors opened a joint center in Aghdam on Saturday.", "section": "world"},
    {"id": "a2", "date": "2021-02-02", "title": "Talks", "url": "",
     "body": "Officials met in Shusha, said a spokesman, \"for hours\".\nA second line.", "section": "world"},
]


def write_csv(path, rows, delimiter=","):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_csv_of_articles_gives_one_article_a_row_with_its_columns(tmp_path):
    articles = list(read(write_csv(tmp_path / "news.csv", ROWS)))
    assert [a.id for a in articles] == ["a1", "a2"]
    first, second = articles
    assert first.text == ROWS[0]["body"] and first.published == dt.date(2021, 1, 30)
    assert first.title == "Center opens" and first.url == "https://example.org/a1"
    assert second.text == ROWS[1]["body"]  # quotes, commas and a newline inside the cell
    assert second.url is None


@pytest.mark.parametrize("column", ["text", "body", "content", "Content"])
def test_the_text_column_defaults_to_text_body_or_content(tmp_path, column):
    path = write_csv(tmp_path / "n.csv", [{"id": "x", column: "Clashes were reported in Fuzuli."}])
    (article,) = read(path)
    assert article.text == "Clashes were reported in Fuzuli."


def test_text_column_names_another_column_and_ids_default_to_the_row(tmp_path):
    path = write_csv(tmp_path / "n.csv", [{"headline": "h", "story": "Talks in Baku."},
                                          {"headline": "h2", "story": "Talks in Yerevan."}])
    articles = list(read(path, text_column="story"))
    assert [(a.id, a.text) for a in articles] == [("n-1", "Talks in Baku."), ("n-2", "Talks in Yerevan.")]


def test_a_table_without_a_text_column_is_refused_naming_its_columns(tmp_path):
    path = write_csv(tmp_path / "n.csv", [{"headline": "h", "story": "Talks in Baku."}])
    with pytest.raises(ReadError, match=r"no text column.*--text-column.*the columns are: headline, story"):
        list(read(path))
    with pytest.raises(ReadError, match=r"no column 'bodytext' \(--text-column\)"):
        list(read(path, text_column="bodytext"))


def test_a_tsv_file_is_read_with_tabs(tmp_path):
    (article,) = read(write_csv(tmp_path / "n.tsv", [{"id": "t", "text": "Talks, at last, in Baku."}], "\t"))
    assert (article.id, article.text) == ("t", "Talks, at last, in Baku.")


def test_a_bad_row_is_skipped_and_named(tmp_path):
    rows = [{"id": "ok", "date": "2021-01-30", "text": "Talks in Baku."},
            {"id": "bad", "date": "2021-02-30", "text": "Talks in Ganja."},
            {"id": "empty", "date": "", "text": "  "}]
    report = ReadReport()
    articles = list(read(write_csv(tmp_path / "n.csv", rows), report=report))
    assert [a.id for a in articles] == ["ok"]
    skipped = " ".join(str(s) for s in report.skipped)
    assert "n.csv:row 2" in skipped and "n.csv:row 3" in skipped
    with pytest.raises(RecordError, match="row 2"):
        list(read(tmp_path / "n.csv", strict=True))


def test_a_parquet_file_of_articles(tmp_path):
    table = pa.table({"id": ["p1", "p2"], "published": [dt.date(2021, 1, 30), None],
                      "content": ["Monitors opened a center in Aghdam.", "Talks in Baku."],
                      "extra": [1, 2]})
    pq.write_table(table, tmp_path / "news.parquet")
    articles = list(read(tmp_path / "news.parquet"))
    assert [(a.id, a.published, a.text) for a in articles] == [
        ("p1", dt.date(2021, 1, 30), "Monitors opened a center in Aghdam."), ("p2", None, "Talks in Baku.")]


def test_a_folder_holds_tables_too(tmp_path):
    write_csv(tmp_path / "a.csv", [{"id": "c", "text": "Talks in Baku."}])
    (tmp_path / "b.txt").write_text("Talks in Ganja.\n", encoding="utf-8")
    assert sorted(a.id for a in read(tmp_path)) == ["b", "c"]


@pytest.mark.parametrize(("name", "data"), [
    ("report.pdf", b"%PDF-1.4\n"),
    ("sheet.xlsx", b"PK\x03\x04"),
    ("notes.json", b'{"text": "Talks in Baku."}'),
    ("story.docx", b"PK\x03\x04"),
])
def test_a_file_of_an_unknown_kind_is_refused_with_a_message(tmp_path, capsys, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    code = main(["annotate", str(path), "-o", str(tmp_path / "out.jsonl")])
    err = capsys.readouterr().err
    assert code == 3
    assert f"karamap does not read {path.suffix} files" in err and "CSV" in err
    assert not (tmp_path / "out.jsonl").exists()


def test_the_cli_reads_a_csv_with_text_column(tmp_path):
    path = write_csv(tmp_path / "n.csv", [{"slug": "s1", "story": "Clashes were reported in Fuzuli on Jan. 3, 2021."}])
    out = tmp_path / "out.jsonl"
    assert main(["annotate", str(path), "--text-column", "story", "-o", str(out)]) == 0
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["id"] == "n-1"
    assert any(p["name"] == "Fuzuli" for p in record["places"])
