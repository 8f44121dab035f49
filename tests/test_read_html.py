"""Saved web pages: only the article is read, its title and date come from the page's metadata.

The pages are written for these tests, each with the furniture a news site wraps an article
in (navigation, asides, related links, footers, cookie banners) naming places of their own,
which must never be read as the article's.
"""

from __future__ import annotations

import json

import pytest

from karamap.cli import main
from karamap.errors import InputError, NoArticlesError
from karamap.read import ReadReport, read

ARTICLE = (
    "<p>Artillery fire struck the outskirts of Aghdam on Tuesday, killing two civilians, the "
    "defence ministry said in a statement.</p>\n"
    "<p>Negotiators met in Moscow on Sept. 27, 2020, but the talks broke down two weeks ago, "
    "officials in Baku said.</p>\n"
)

# Places named only by the furniture around the article: none may be read.
FURNITURE_PLACES = ("Lisbon", "Nairobi", "Montevideo", "Oslo", "Manila")


def page(head: str = "", article_open: str = "<article>", article_close: str = "</article>",
         headline: str = "<h1>Shelling hits the outskirts of Aghdam</h1>") -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Shelling hits Aghdam | The Example Courier</title>
{head}
</head><body>
<div class="cookie-banner">We use cookies. Our offices in Lisbon are open.</div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/nairobi">Nairobi bureau</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main>{article_open}{headline}
<p class="byline">By a staff reporter</p>
{ARTICLE}{article_close}
<aside class="related"><h2>Related</h2><ul><li><a href="/a">Floods close roads in Montevideo</a></li>
<li><a href="/b">Oslo hosts a conference on fisheries</a></li></ul></aside></main>
<footer><p>The Example Courier, 12 Harbour Street, Manila. All rights reserved.</p>
<nav><a href="/about">About</a> <a href="/contact">Contact</a></nav></footer>
</body></html>"""


DATE_STYLES = {
    "article:published_time": '<meta property="article:published_time" content="2020-10-06T09:30:00+04:00">',
    "json-ld datePublished": (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"headline": "Shelling hits the outskirts of Aghdam", "datePublished": "2020-10-06T07:00:00Z", '
        '"dateModified": "2020-10-09T12:00:00Z"}</script>'
    ),
    "meta name=date": '<meta name="date" content="2020-10-06">',
    "dc.date": '<meta name="DC.date.issued" content="2020-10-06">',
}
BODY_DATE_STYLES = {
    "time datetime": '<article><p class="meta">Published <time datetime="2020-10-06T08:00">6 October</time></p>',
    "itemprop datePublished": (
        '<article itemscope itemtype="https://schema.org/NewsArticle">'
        '<span itemprop="datePublished" content="2020-10-06">6 Oct 2020</span>'
    ),
}


def _write(tmp_path, name: str, markup: str):
    path = tmp_path / name
    path.write_text(markup, encoding="utf-8")
    return path


def _one(path):
    report = ReadReport()
    (article,) = list(read(path, report=report))
    return article, report


@pytest.mark.parametrize("style", sorted(DATE_STYLES))
def test_the_publication_date_comes_from_the_head_metadata(tmp_path, style):
    article, _ = _one(_write(tmp_path, "a.html", page(head=DATE_STYLES[style])))
    assert article.published.isoformat() == "2020-10-06"


@pytest.mark.parametrize("style", sorted(BODY_DATE_STYLES))
def test_the_publication_date_comes_from_the_body_markup(tmp_path, style):
    article, _ = _one(_write(tmp_path, "a.htm", page(article_open=BODY_DATE_STYLES[style])))
    assert article.published.isoformat() == "2020-10-06"


def test_a_page_without_date_metadata_has_no_date_even_if_its_text_names_dates(tmp_path):
    # "Sept. 27, 2020" in the article is an event's date, not the page's
    article, _ = _one(_write(tmp_path, "a.html", page()))
    assert article.published is None


def test_only_the_article_is_read_and_its_title_is_the_headline(tmp_path):
    article, _ = _one(_write(tmp_path, "shelling.html", page(head=DATE_STYLES["article:published_time"])))
    assert article.id == "shelling"
    assert article.title == "Shelling hits the outskirts of Aghdam"
    assert article.extracted
    assert "Artillery fire struck the outskirts of Aghdam on Tuesday" in article.text
    assert "officials in Baku said." in article.text
    for place in FURNITURE_PLACES:
        assert place not in article.text
    for word in ("Home", "Related", "cookies", "All rights reserved", "<p>", "&"):
        assert word not in article.text


def test_a_page_without_an_article_element_is_still_read_without_its_furniture(tmp_path):
    markup = page(head=DATE_STYLES["meta name=date"], article_open='<div class="story-body">',
                  article_close="</div>")
    article, _ = _one(_write(tmp_path, "a.html", markup))
    assert "Artillery fire struck" in article.text
    for place in FURNITURE_PLACES:
        assert place not in article.text


def test_annotate_writes_the_extracted_text_and_its_offsets_point_into_it(tmp_path):
    path = _write(tmp_path, "a.html", page(head=DATE_STYLES["json-ld datePublished"]))
    out = tmp_path / "out.jsonl"
    assert main(["annotate", str(path), "-o", str(out)]) == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    text = record["text"]
    assert record["date"] == "2020-10-06"
    assert record["title"] == "Shelling hits the outskirts of Aghdam"
    names = {p["text"] for p in record["places"]}
    assert {"Aghdam", "Moscow", "Baku"} <= names
    assert not names & set(FURNITURE_PLACES)
    for p in record["places"]:
        assert text[p["start"] : p["end"]] == p["text"]
    for t in record["timexes"]:
        assert text[t["start"] : t["end"]] == t["text"]
    assert ("Sept. 27, 2020", "2020-09-27") in {(t["text"], t["value"]) for t in record["timexes"]}
    # "on Tuesday" counts from the page's date
    assert ("Tuesday", "2020-10-06") in {(t["text"], t["value"]) for t in record["timexes"]}
    for e in record["events"]:
        assert text[e["quote_start"] : e["quote_end"]] == e["quote"]


def test_a_text_article_has_no_text_field(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Clashes erupted in Aghdam on Sept. 27, 2020.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["annotate", str(path), "-o", str(out)]) == 0
    assert "text" not in json.loads(out.read_text(encoding="utf-8"))


def test_html_in_jsonl_is_read_with_format_html(tmp_path):
    lines = [
        {"id": "page-1", "format": "html", "text": page(head=DATE_STYLES["article:published_time"])},
        # metadata given in the record wins over the page's own
        {"id": "page-2", "format": "html", "date": "2020-10-08", "title": "Our title",
         "text": page(head=DATE_STYLES["article:published_time"])},
        {"id": "plain", "text": "Clashes erupted in Aghdam."},
    ]
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    first, second, plain = list(read(path))
    assert first.extracted and first.published.isoformat() == "2020-10-06"
    assert "<p>" not in first.text and "Lisbon" not in first.text
    assert second.published.isoformat() == "2020-10-08" and second.title == "Our title"
    assert not plain.extracted and plain.text == "Clashes erupted in Aghdam."


def test_a_folder_of_saved_pages_is_read(tmp_path):
    _write(tmp_path, "one.html", page(head=DATE_STYLES["meta name=date"]))
    _write(tmp_path, "two.HTM", page(head=DATE_STYLES["dc.date"]))
    (tmp_path / "notes.txt").write_text("Talks resumed in Geneva.", encoding="utf-8")
    assert [a.id for a in read(tmp_path)] == ["notes", "one", "two"]


# ---------------------------------------------------------------- bad pages
def _skipped(path) -> str:
    report = ReadReport()
    with pytest.raises(InputError) as err:
        list(read(path, report=report))
    return str(err.value)


def test_a_page_with_no_article_text_is_skipped_with_a_reason(tmp_path):
    path = _write(tmp_path, "index.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    message = _skipped(path)
    assert "index.html" in message and "no article text" in message


def test_an_empty_or_binary_page_is_refused_with_a_message(tmp_path):
    assert "empty" in _skipped(_write(tmp_path, "empty.html", "   \n"))
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    assert "PNG" in _skipped(binary)


@pytest.mark.parametrize("markup", [
    "<html><body><p>Unclosed <b>tags <i>everywhere<p>Artillery fire struck Aghdam on Tuesday, "
    "killing two civilians and wounding several others, the ministry said in a statement.",
    "<<<>>> </p></div></html> <p>Clashes were reported near Barda on Monday, the defence ministry "
    "said, adding that the shelling had stopped by the evening.</p>",
    "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><html><body><p>&a;&a;&a; "
    "Shelling hit Tartar on Friday, officials said, and schools in the town were closed.</p></body></html>",
])
def test_broken_markup_is_read_or_refused_never_a_traceback(tmp_path, markup, capsys):
    path = _write(tmp_path, "broken.html", markup)
    code = main(["annotate", str(path), "-o", str(tmp_path / "o.jsonl")])
    err = capsys.readouterr().err
    assert code in (0, 3, 4), err  # read, or refused as input: never an internal error
    assert "Traceback" not in err and "internal error" not in err


def test_a_bad_format_in_jsonl_is_named(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"id": "a", "format": "pdf", "text": "x"}) + "\n", encoding="utf-8")
    assert '"format" must be "text" or "html"' in _skipped(path)


def test_a_page_record_without_article_text_is_skipped_and_the_rest_is_read(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"id": "a", "format": "html", "text": "<nav>Home</nav>"}) + "\n"
                    + json.dumps({"id": "b", "text": "Talks resumed in Geneva."}) + "\n", encoding="utf-8")
    report = ReadReport()
    assert [a.id for a in read(path, report=report)] == ["b"]
    assert report.skipped_count == 1 and "x.jsonl:1" in report.skipped[0].reason
    with pytest.raises(NoArticlesError):
        list(read(_write(tmp_path, "empty.htm", "<html></html>")))
