"""Property tests of the readers: for any input, an article whose offsets hold, or a karamap error."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from karamap.errors import KaramapError
from karamap.read import read, read_text
from karamap.read.decode import normalise_newlines
from karamap.read.header import parse_header
from karamap.read.text import scrub_surrogates

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like articles sometimes: headers, dates, odd line ends and any Unicode.
headers = st.builds(
    lambda lead, y, m, d, title: f"{lead}date {y:04d}-{m:02d}-{d:02d} {title}",
    st.sampled_from(["", " ", "\t", "\ufeff"]),
    st.integers(0, 3000), st.integers(0, 13), st.integers(0, 32), st.text(max_size=20),
)
bodies = st.text(alphabet=st.characters(), max_size=200)
texts = st.one_of(bodies, st.builds(lambda h, nl, b: h + nl + b, headers, st.sampled_from(["\n", "\r\n", "\r", ""]), bodies))


@SETTINGS
@given(texts)
def test_read_text_gives_the_text_back_or_a_karamap_error(text):
    try:
        article = read_text(text, id="p")
    except KaramapError:
        return
    assert article.text == scrub_surrogates(text)
    assert len(article.text) == len(text)  # surrogates replaced one for one: offsets hold
    if article.title is not None:
        first_line = article.text.split("\n", 1)[0]
        assert article.title in first_line
    if article.published is not None:
        assert article.published <= dt.date.today() + dt.timedelta(days=2)


@SETTINGS
@given(texts)
def test_a_header_ends_inside_the_text_at_its_first_line(text):
    try:
        header = parse_header(text, "p")
    except KaramapError:
        return
    if header is None:
        return
    assert 0 <= header.end <= len(text)
    assert "\n" not in text[: header.end]
    assert text[header.end: header.end + 1] in ("", "\n")
    if header.title is not None:
        assert header.title in text[: header.end]


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_in_a_text_file_give_an_article_or_a_karamap_error(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "any.txt"
        path.write_bytes(data)
        try:
            articles = list(read(path))
        except KaramapError:
            return
        (article,) = articles
        article.text.encode("utf-8")  # writable as UTF-8
        assert "\r" not in article.text
        try:
            as_text_mode = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            return
        # Where Python's text mode can read the file, offsets agree with it.
        assert article.text == as_text_mode.removeprefix("\ufeff")


@SETTINGS
@given(st.text(max_size=200), st.text(max_size=30), st.one_of(st.none(), st.text(max_size=12)))
def test_any_jsonl_record_round_trips_its_text_or_is_skipped(text, id, date):
    record = {"id": id, "text": text}
    if date is not None:
        record["date"] = date
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.jsonl"
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        try:
            (article,) = list(read(path))
        except KaramapError:
            return
        assert article.text == scrub_surrogates(text)
        assert article.id == scrub_surrogates(id)


@SETTINGS
@given(st.lists(st.one_of(st.text(max_size=40), st.binary(max_size=40).map(lambda b: b.decode("latin-1"))),
                max_size=6))
def test_any_jsonl_lines_never_raise_anything_but_karamap_errors(lines):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "l.jsonl"
        path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
        try:
            for article in read(path):
                assert article.text.strip()
        except KaramapError:
            pass


def test_newline_normalisation_is_idempotent_and_length_safe():
    for text in ["a\r\nb", "\r\r\n", "x"]:
        once = normalise_newlines(text)
        assert normalise_newlines(once) == once and "\r" not in once
