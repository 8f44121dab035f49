"""Reading articles: text files with their header, JSONL, folders, and every bad input of issue 6."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from pathlib import Path

import pytest

from karamap.errors import (
    ConfigurationError,
    DuplicateIdError,
    EncodingError,
    HeaderError,
    NoArticlesError,
    ReadError,
    RecordError,
)
from karamap.model import Article
from karamap.read import MAX_TEXT_BYTES, ReadReport, read, read_text
from karamap.read.header import FUTURE_TOLERANCE_DAYS

SEED_HEAD = " date 2021-01-30 Turkish-Russian joint Karabakh center to start operating\n\nANKARA- Anadolu Agency\n"


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def read_all(sources, **kwargs) -> tuple[list[Article], ReadReport]:
    report = ReadReport()
    return list(read(sources, report=report, **kwargs)), report


# --- text files ---------------------------------------------------------------------------


def test_a_text_file_with_the_seed_header_gives_date_title_and_the_whole_text(tmp_path):
    path = write(tmp_path / "2021-01-30-joint.txt", SEED_HEAD)
    (article,) = read(path)
    assert article.id == "2021-01-30-joint"
    assert article.published == dt.date(2021, 1, 30)
    assert article.title == "Turkish-Russian joint Karabakh center to start operating"
    assert article.text == SEED_HEAD  # header included: offsets index the file
    assert article.text.index("ANKARA") == SEED_HEAD.index("ANKARA")
    assert article.origin == str(path)


def test_the_bundled_example_reads_as_the_seed(example_path):
    (article,) = read(str(example_path))
    assert article.published == dt.date(2021, 1, 30)
    assert article.title.startswith("Turkish-Russian joint Karabakh center")
    assert article.text == example_path.read_text(encoding="utf-8")


def test_a_file_without_header_has_no_date_and_a_first_line_about_dates_is_text(tmp_path):
    path = write(tmp_path / "a.txt", "Date night in Baku turned into a protest.\n")
    (article,) = read(path)
    assert article.published is None and article.title is None
    assert article.text.startswith("Date night")


def test_header_without_title(tmp_path):
    (article,) = read(write(tmp_path / "a.txt", "date 2020-09-27\nFighting erupted.\n"))
    assert article.published == dt.date(2020, 9, 27) and article.title is None


def test_crlf_line_ends_read_as_python_text_mode_reads_them(tmp_path):
    path = write(tmp_path / "win.txt", b"date 2021-01-30 T\r\nAghdam\r\nLachin\rShusha\r\n")
    (article,) = read(path)
    assert article.text == "date 2021-01-30 T\nAghdam\nLachin\nShusha\n"
    assert article.text == path.read_text(encoding="utf-8")
    assert article.published == dt.date(2021, 1, 30) and article.title == "T"


def test_a_utf8_bom_is_dropped_and_the_header_still_read(tmp_path):
    path = write(tmp_path / "bom.txt", "\ufeffdate 2021-01-30 Title\nBaku\n".encode())
    (article,) = read(path)
    assert article.text == "date 2021-01-30 Title\nBaku\n"
    assert article.published == dt.date(2021, 1, 30)


def test_utf16_with_bom_is_decoded(tmp_path):
    path = write(tmp_path / "u16.txt", "date 2021-01-30 T\nŞuşa\n".encode("utf-16"))
    articles, report = read_all(path)
    assert articles[0].text == "date 2021-01-30 T\nŞuşa\n"
    assert report.notes == [f"{path}: not UTF-8; decoded as utf-16"]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Ağdam and Şuşa, said Çavuşoğlu", "cp1254"),
        ("the “joint center” – in Aghdam", "cp1252"),
        ("café in Zürich", "latin-1"),
    ],
)
def test_legacy_encodings_are_detected_and_named_in_the_report(tmp_path, text, encoding):
    path = write(tmp_path / "old.txt", text.encode(encoding))
    articles, report = read_all(path)
    assert articles[0].text == text
    assert report.notes == [f"{path}: not UTF-8; decoded as {encoding}"]
    assert report.skipped == []


def test_bytes_no_known_encoding_defines_are_refused(tmp_path):
    path = write(tmp_path / "odd.txt", b"abc \x81\x8d\x8f\x90\x9d def")
    with pytest.raises(EncodingError, match=r"odd.txt: not UTF-8 \(bad byte 0x81 at byte 4\)"):
        list(read(path))


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
        (bytes(range(256)) * 4, r"a binary file \(it contains NUL bytes\)"),
    ],
)
def test_binary_files_are_refused_naming_what_they_look_like(tmp_path, data, kind):
    path = write(tmp_path / "article.txt", data)
    with pytest.raises(ReadError, match=f"article.txt: not a text file: {kind}"):
        list(read(path))


def test_control_character_soup_is_refused_as_binary(tmp_path):
    path = write(tmp_path / "noise.txt", bytes([1, 2, 3, 4, 5, 6, 7, 14, 15, 16, 17]) * 20)
    with pytest.raises(ReadError, match="not a text file"):
        list(read(path))


@pytest.mark.parametrize("content", ["", "   \n\t\n  ", "\ufeff"])
def test_an_empty_or_blank_file_has_no_articles(tmp_path, content):
    path = write(tmp_path / "empty.txt", content)
    with pytest.raises(NoArticlesError, match="empty.txt: empty"):
        list(read(path))


def test_a_header_and_nothing_else_is_no_article(tmp_path):
    with pytest.raises(NoArticlesError, match="a header line and no article text"):
        list(read(write(tmp_path / "h.txt", "date 2021-01-30 Title\n\n")))


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("date 2021-02-30 Title", r"h.txt:1: impossible date 2021-02-30 in the header \(day is out of range"),
        ("date 2021-13-01 Title", r"impossible date 2021-13-01 in the header \(month must be in 1..12\)"),
        ("date 30/01/2021 Title", r"h.txt:1: date '30/01/2021' in the header is not YYYY-MM-DD"),
        ("date 2999-01-01 Title", r"h.txt:1: date 2999-01-01 in the header lies in the future"),
    ],
)
def test_impossible_or_future_header_dates_are_header_errors(tmp_path, header, message):
    path = write(tmp_path / "h.txt", header + "\nText about Aghdam.\n")
    with pytest.raises(HeaderError, match=message):
        list(read(path))


def test_a_date_just_after_today_is_tolerated_for_time_zones(tmp_path):
    soon = dt.date.today() + dt.timedelta(days=FUTURE_TOLERANCE_DAYS)
    (article,) = read(write(tmp_path / "a.txt", f"date {soon.isoformat()} T\nText.\n"))
    assert article.published == soon


def test_missing_file_is_a_read_error_naming_it(tmp_path):
    with pytest.raises(ReadError, match=r"nope.txt: no such file or folder"):
        list(read(tmp_path / "nope.txt"))


def test_a_text_file_over_the_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # a sparse 50 MB file: cheap to make, costly to read
        fh.truncate(50 * 1024 * 1024)
    assert path.stat().st_size > MAX_TEXT_BYTES
    with pytest.raises(ReadError, match=r"huge.txt: 50.0 MB is too large for one article .*JSONL"):
        list(read(path))


def test_a_text_file_of_any_other_suffix_named_explicitly_is_read_as_text(tmp_path):
    (article,) = read(write(tmp_path / "note.md", "Clashes in Fuzuli.\n"))
    assert article.id == "note" and article.text == "Clashes in Fuzuli.\n"


# --- JSONL --------------------------------------------------------------------------------


def jsonl(path: Path, *records: object) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    return write(path, "\n".join(lines) + "\n")


def test_jsonl_records_become_articles_with_their_metadata(tmp_path):
    path = jsonl(
        tmp_path / "news.jsonl",
        {"id": "a1", "text": "Shusha was shelled.", "date": "2020-10-08", "title": "Shusha",
         "url": "https://example.org/a1", "source": "Agency", "toponyms": []},
        {"id": 7, "text": "Lachin corridor.", "dct": "1998-03-08T06:26:00"},
        {"text": "No id here.", "published": None},
    )
    a, b, c = read(path)
    assert (a.id, a.text, a.published, a.title, a.url, a.source) == (
        "a1", "Shusha was shelled.", dt.date(2020, 10, 8), "Shusha", "https://example.org/a1", "Agency")
    assert a.origin == f"{path}:1"
    assert (b.id, b.published) == ("7", dt.date(1998, 3, 8))
    assert (c.id, c.published) == ("news-3", None)


def test_jsonl_text_is_kept_verbatim_even_with_crlf(tmp_path):
    (article,) = read(jsonl(tmp_path / "a.jsonl", {"id": "x", "text": "a\r\nb"}))
    assert article.text == "a\r\nb"


def test_jsonl_with_bom_crlf_and_blank_lines(tmp_path):
    path = write(tmp_path / "a.jsonl", b'\xef\xbb\xbf{"id":"x","text":"Baku"}\r\n\r\n{"id":"y","text":"Ganja"}\r\n')
    assert [a.id for a in read(path)] == ["x", "y"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", r"bad.jsonl:2: not JSON \(Expecting value at column 1\)"),
        ('{"id": "b", "text": "unterminated', r"bad.jsonl:2: not JSON \(Unterminated string"),
        ('{"id": "b"}', r'bad.jsonl:2: the record lacks "text"'),
        ('{"id": "b", "text": 42}', r'bad.jsonl:2: "text" must be a string, not a number'),
        ('{"id": "b", "text": ["a"]}', r'bad.jsonl:2: "text" must be a string, not an array'),
        ('{"id": "b", "text": "  "}', r'bad.jsonl:2: empty "text"'),
        ('{"id": true, "text": "x"}', r'bad.jsonl:2: "id" must be a string, not a boolean'),
        ('{"id": "", "text": "x"}', r'bad.jsonl:2: "id" is empty'),
        ('{"id": "b", "text": "x", "title": 3}', r'bad.jsonl:2: "title" must be a string or null'),
        ('{"id": "b", "text": "x", "date": 20210130}', r'bad.jsonl:2: "date" must be a "YYYY-MM-DD" string'),
        ('{"id": "b", "text": "x", "date": "2021-02-30"}', r'bad.jsonl:2: impossible date 2021-02-30 in "date"'),
        ('{"id": "b", "text": "x", "date": "2999-01-01"}', r'bad.jsonl:2: date 2999-01-01 in "date" lies in the future'),
        ("[1, 2]", r"bad.jsonl:2: an array where an object"),
        ('"text"', r"bad.jsonl:2: a string where an object"),
        ("[" * 100000, r"bad.jsonl:2: not usable JSON"),
    ],
)
def test_bad_jsonl_lines_name_file_and_line_and_the_others_are_read(tmp_path, line, message):
    path = jsonl(tmp_path / "bad.jsonl", {"id": "a", "text": "Aghdam."}, line, {"id": "c", "text": "Kalbajar."})
    articles, report = read_all(path)
    assert [a.id for a in articles] == ["a", "c"]
    (skipped,) = report.skipped
    assert skipped.origin == f"{path}:2"
    assert isinstance(skipped.error, RecordError)
    import re

    assert re.search(message, str(skipped)), str(skipped)
    with pytest.raises(RecordError, match=message):
        list(read(path, strict=True))


def test_strict_stops_at_the_bad_line_after_yielding_the_good_ones_before_it(tmp_path):
    path = jsonl(tmp_path / "bad.jsonl", {"id": "a", "text": "A."}, "oops", {"id": "c", "text": "C."})
    seen = []
    with pytest.raises(RecordError):
        for article in read(path, strict=True):
            seen.append(article.id)
    assert seen == ["a"]


def test_a_jsonl_file_of_only_bad_lines_raises_the_first_problem_and_counts_the_rest(tmp_path):
    path = jsonl(tmp_path / "bad.jsonl", "x", "y", "z")
    with pytest.raises(RecordError, match=r"bad.jsonl:1: not JSON .* \(and 2 more problems; no article was read\)"):
        list(read(path))


def test_an_empty_jsonl_file_has_no_articles(tmp_path):
    with pytest.raises(NoArticlesError, match="e.jsonl: empty"):
        list(read(write(tmp_path / "e.jsonl", "\n\n")))


def test_a_binary_jsonl_is_refused(tmp_path):
    with pytest.raises(ReadError, match="b.jsonl: not a JSONL file: a gzip archive"):
        list(read(write(tmp_path / "b.jsonl", b"\x1f\x8b\x08\x00" + bytes(100))))


def test_a_cp1252_jsonl_line_is_decoded_and_noted(tmp_path):
    path = write(tmp_path / "w.jsonl", '{"id": "a", "text": "the “center”"}\n'.encode("cp1252"))
    articles, report = read_all(path)
    assert articles[0].text == "the “center”"
    assert report.notes == [f"{path}: not UTF-8; lines decoded as cp1252"]


def test_unpaired_surrogates_from_json_escapes_become_replacement_characters(tmp_path):
    (article,) = read(write(tmp_path / "s.jsonl", '{"id": "a", "text": "x\\ud800y"}\n'))
    assert article.text == "x\ufffdy"
    article.text.encode("utf-8")


def test_duplicate_ids_keep_the_first_and_skip_the_rest(tmp_path):
    path = jsonl(tmp_path / "d.jsonl", {"id": "a", "text": "one"}, {"id": "a", "text": "two"})
    articles, report = read_all(path)
    assert [a.text for a in articles] == ["one"]
    (skipped,) = report.skipped
    assert isinstance(skipped.error, DuplicateIdError)
    assert str(skipped) == f"{path}:2: duplicate article id 'a' (first read from {path}:1)"
    with pytest.raises(DuplicateIdError):
        list(read(path, strict=True))


def test_a_50_mb_jsonl_file_streams_one_line_at_a_time(tmp_path):
    path = tmp_path / "big.jsonl"
    line = json.dumps({"id": "", "text": "Clashes near Aghdam. " * 250}) + "\n"  # ~5 kB
    n = (50 * 1024 * 1024) // len(line) + 1
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(line.replace('"id": ""', f'"id": "a{i}"', 1))
    assert path.stat().st_size > 50 * 1024 * 1024
    stream = read(path)
    first = next(stream)  # the first article comes before the file is read through
    assert first.id == "a0"
    assert sum(1 for _ in stream) == n - 1


def test_an_overlong_jsonl_line_is_skipped_and_the_next_line_read(tmp_path, monkeypatch):
    files = importlib.import_module("karamap.read.files")  # karamap.read is also the function

    monkeypatch.setattr(files, "MAX_LINE_BYTES", 1000)
    path = jsonl(tmp_path / "l.jsonl", {"id": "big", "text": "x" * 5000}, {"id": "ok", "text": "fine"})
    articles, report = read_all(path)
    assert [a.id for a in articles] == ["ok"]
    assert str(report.skipped[0]) == f"{path}:1: line longer than 0 MB"



@pytest.mark.parametrize("block_size", [40, 97, 100_000])
def test_a_jsonl_file_read_in_blocks_as_cluster_workers_read_it_gives_what_one_read_gives(
        tmp_path, monkeypatch, block_size):
    from karamap.engine.partitions import count_block, place_lines, plan_partitions, read_partition

    files = importlib.import_module("karamap.read.files")
    monkeypatch.setattr(files, "MAX_LINE_BYTES", 60)
    exact = json.dumps({"id": "edge", "text": "x" * 30})
    exact = exact[:-2] + "y" * (60 - len(exact) - 1) + exact[-2:]  # 60 bytes with its newline
    path = write(tmp_path / "mixed.jsonl", "\ufeff" + "\n".join([
        json.dumps({"id": "first", "text": "Rain fell on Ganja."}),
        "",
        json.dumps({"text": "Fog over Lachin."}),
        json.dumps({"id": "long", "text": "z" * 200}),
        "   ",
        "not json",
        exact,
        json.dumps({"id": "first", "text": "Again."}),
        json.dumps({"id": "last", "text": "Snow in Kalbajar."}),
    ]) + "\n")
    articles, report = read_all(path)

    parts = plan_partitions(path, block_size=block_size)
    counts = {p.index: count_block(p) for p in parts if not (p.first_block and p.last_block)}
    block_report, seen, block_articles = ReadReport(), {}, []
    for part in place_lines(parts, counts):
        for article in read_partition(part, strict=False, report=block_report, seen=seen):
            seen[article.id] = article.origin
            block_articles.append(article)
    assert [a.id for a in articles] == ["first", "mixed-3", "edge", "last"]
    assert [str(s) for s in report.skipped] == [
        f"{path}:4: line longer than 0 MB",
        f"{path}:6: not JSON (Expecting value at column 1)",
        f"{path}:8: duplicate article id 'first' (first read from {path}:1)"]
    assert block_articles == articles
    assert [str(s) for s in block_report.skipped] == [str(s) for s in report.skipped]


# --- folders, mixtures, batches -----------------------------------------------------------


def test_a_jsonl_file_cut_for_a_cluster_ends_in_short_blocks(tmp_path):
    # The blocks that run last, while a worker that finished may wait, are a quarter of the others.
    from karamap.engine.partitions import plan_partitions

    path = write(tmp_path / "news.jsonl", "".join(
        json.dumps({"id": f"n{k}", "text": f"Report {k} from Ganja."}) + "\n" for k in range(400)))
    size = path.stat().st_size
    parts = plan_partitions(path, block_size=1000, workers=2)
    assert [p.start + p.length for p in parts[:-1]] == [p.start for p in parts[1:]]
    assert parts[0].start == 0 and parts[-1].start + parts[-1].length == size
    lengths = [p.length for p in parts]
    whole = lengths.count(1000)
    assert set(lengths[:whole]) == {1000} and whole > 10
    assert set(lengths[whole:-1]) == {250} and lengths[-1] <= 250
    assert 4 <= len(lengths) - whole <= 8  # the file's last 1,000 to 2,000 bytes


def test_a_folder_is_read_recursively_sorted_skipping_hidden_and_other_files(tmp_path):
    write(tmp_path / "b.txt", "Bravo in Baku.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "a.txt", "Alpha in Aghdam.")
    jsonl(tmp_path / "c.jsonl", {"id": "c1", "text": "Charlie in Shusha."})
    write(tmp_path / "notes.csv", "x,y")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git" / "x.txt", "hidden")
    write(tmp_path / ".draft.txt", "hidden")
    articles = list(read(tmp_path))
    assert [a.id for a in articles] == ["b", "c1", "sub/a"]
    assert articles[2].origin == str(tmp_path / "sub" / "a.txt")


def test_same_file_names_in_two_subfolders_get_distinct_ids(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        write(tmp_path / sub / "a.txt", f"Text {sub}.")
    assert [a.id for a in read(tmp_path)] == ["x/a", "y/a"]


def test_a_folder_with_no_articles_says_so(tmp_path):
    write(tmp_path / "readme.md", "no articles")
    with pytest.raises(NoArticlesError, match=f"{tmp_path}: folder holds no .txt or .jsonl file"):
        list(read(tmp_path))


def test_one_bad_input_does_not_stop_the_batch_and_the_report_says_why(tmp_path):
    good = write(tmp_path / "good.txt", "date 2021-01-30 G\nAghdam.")
    bad_date = write(tmp_path / "bad.txt", "date 2021-02-30 B\nLachin.")
    empty = write(tmp_path / "empty.txt", "")
    missing = tmp_path / "missing.txt"
    articles, report = read_all([good, [bad_date, empty], missing, Article("mine", "Fuzuli.")])
    assert [a.id for a in articles] == ["good", "mine"]
    assert report.articles == 2
    assert [type(s.error) for s in report.skipped] == [HeaderError, NoArticlesError, ReadError]
    assert [s.origin for s in report.skipped] == [str(bad_date), str(empty), str(missing)]
    assert report.summary() == "2 articles read, 3 inputs skipped"


def test_when_nothing_is_read_the_real_problem_wins_over_an_empty_file(tmp_path):
    empty = write(tmp_path / "empty.txt", "")
    with pytest.raises(ReadError, match=r"missing.txt: no such file or folder \(and 1 more problem;"):
        list(read([empty, tmp_path / "missing.txt"]))


def test_no_sources_at_all(tmp_path):
    with pytest.raises(NoArticlesError, match="no input given"):
        list(read([]))


@pytest.mark.parametrize("bad", [42, b"bytes", {"id": "x"}])
def test_things_that_are_not_sources_are_configuration_errors(bad):
    with pytest.raises(ConfigurationError, match="cannot read"):
        list(read(bad))


def test_articles_pass_through_and_duplicate_objects_are_caught():
    a = Article("a", "Aghdam.")
    articles, report = read_all([a, a])
    assert articles == [a]
    assert isinstance(report.skipped[0].error, DuplicateIdError)


# --- read_text ----------------------------------------------------------------------------


def test_read_text_keeps_the_string_exactly_and_parses_the_header():
    text = " date 2021-01-30 Joint center\r\nAnkara said."
    article = read_text(text, id="s")
    assert article.text == text
    assert (article.id, article.published, article.title) == ("s", dt.date(2021, 1, 30), "Joint center")


def test_read_text_arguments_win_over_the_header():
    article = read_text("date 2021-01-30 Header title\nx", published=dt.date(2021, 1, 31), title="Mine")
    assert (article.published, article.title) == (dt.date(2021, 1, 31), "Mine")


def test_read_text_rejects_bad_inputs_with_karamap_errors():
    with pytest.raises(NoArticlesError):
        read_text("  \n ")
    with pytest.raises(HeaderError):
        read_text("x", published="2021-02-30")
    with pytest.raises(ConfigurationError):
        read_text(b"bytes")  # type: ignore[arg-type]


def test_a_file_of_many_bad_lines_keeps_the_report_bounded(tmp_path):
    from karamap.read.report import MAX_KEPT

    path = write(tmp_path / "junk.jsonl", "junk\n" * (MAX_KEPT * 3) + '{"id": "ok", "text": "Baku."}\n')
    articles, report = read_all(path)
    assert [a.id for a in articles] == ["ok"]
    assert report.skipped_count == MAX_KEPT * 3 and len(report.skipped) == MAX_KEPT
    assert report.summary() == f"1 article read, {MAX_KEPT * 3} inputs skipped"
    with pytest.raises(RecordError, match=rf"junk.jsonl:1: not JSON .* \(and {MAX_KEPT * 3 - 1} more problems"):
        list(read(write(tmp_path / "all-junk.jsonl", "junk\n" * (MAX_KEPT * 3))))


class _Stdin:
    def __init__(self, data: bytes) -> None:
        import io

        self.buffer = io.BufferedReader(io.BytesIO(data))


def test_a_dash_reads_jsonl_from_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", _Stdin(b'\n {"id": "a", "text": "Baku."}\nnope\n'))
    articles, report = read_all("-")
    assert [(a.id, a.origin) for a in articles] == [("a", "<stdin>:2")]
    assert str(report.skipped[0]) == "<stdin>:3: not JSON (Expecting value at column 1)"


def test_a_dash_reads_one_text_article_from_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", _Stdin("date 2021-01-30 T\r\nŞuşa.".encode("cp1254")))
    articles, report = read_all(["-"])
    assert [(a.id, a.text, a.published) for a in articles] == [("stdin", "date 2021-01-30 T\nŞuşa.",
                                                                 dt.date(2021, 1, 30))]
    assert report.notes == ["<stdin>: not UTF-8; decoded as cp1254"]


def test_an_empty_path_is_not_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.txt", "Baku.")
    with pytest.raises(ReadError, match="an empty path names no file or folder"):
        list(read(""))


def test_pipes_inside_a_folder_are_passed_over(tmp_path):
    import os

    write(tmp_path / "a.txt", "Baku.")
    os.mkfifo(tmp_path / "b.txt")
    assert [a.id for a in read(tmp_path)] == ["a"]
