"""Saved web pages: the article's main text, title and publication date, read with trafilatura.

A page is more than its article: navigation, asides ("read more"), footers, comments. karamap
reads only the main text, as trafilatura (Apache-2.0) extracts it, and takes the title and the
publication date from the page's metadata (``<meta property="article:published_time">``,
JSON-LD ``datePublished``, ``<time datetime>``, ``itemprop``, ... as htmldate reads them,
never a date guessed from the text). The extracted text is the article's text: every offset
karamap reports indexes into it, and ``annotate`` writes it out as ``text``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from karamap.errors import HeaderError, NoArticlesError, ReadError
from karamap.model import Article
from karamap.read.decode import decode_bytes
from karamap.read.header import parse_published
from karamap.read.report import ReadReport

__all__ = ["HTML_SUFFIXES", "Page", "extract_page", "read_html_file", "article_from_html"]

HTML_SUFFIXES = (".html", ".htm")
#: a saved page larger than this is refused (pages with inlined images can be large)
MAX_HTML_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Page:
    """What a saved page holds for karamap: its main text and its metadata."""

    text: str
    title: str | None
    #: the publication date as the page's metadata gives it ("YYYY-MM-DD"), or None
    date: str | None
    url: str | None = None
    source: str | None = None


_FURNITURE = [
    "//nav", "//aside", "//footer", "//*[@role='navigation']", "//*[@role='contentinfo']",
    "//*[@role='complementary']",
]


def extract_page(markup: str, origin: str) -> Page:
    """The main text, title and publication date of an HTML page.

    Raises
    ------
    NoArticlesError : the page holds no article text (an index page, an empty page).
    ReadError : the markup cannot be parsed at all.

    Examples
    --------
    >>> page = extract_page(
    ...     '<html><head><meta property="article:published_time" content="2020-10-03T08:00:00Z">'
    ...     '</head><body><nav>Home | World | Sport</nav><article><h1>Shelling hits Aghdam</h1>'
    ...     '<p>Artillery fire struck the outskirts of Aghdam on Tuesday, killing two civilians, '
    ...     'the ministry said.</p></article><footer>Example News, Berlin</footer></body></html>',
    ...     "a.html")
    >>> page.title, page.date
    ('Shelling hits Aghdam', '2020-10-03')
    >>> print(page.text)
    Shelling hits Aghdam
    Artillery fire struck the outskirts of Aghdam on Tuesday, killing two civilians, the ministry said.
    """
    import trafilatura

    if not markup.strip():
        raise NoArticlesError(f"{origin}: empty page")
    try:
        doc = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            # the date from the page's markup only, and its first publication, not an update
            date_extraction_params={"extensive_search": False, "original_date": True},
            # a page's furniture is never the article, even where the extractor falls back
            prune_xpath=_FURNITURE,
        )
    except Exception as err:  # noqa: BLE001 - a parser's own failure becomes an input error
        raise ReadError(f"{origin}: cannot read the page as HTML ({type(err).__name__}: {err})") from err
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise NoArticlesError(f"{origin}: no article text found in the page")
    return Page(
        text=text,
        title=_clean(getattr(doc, "title", None)),
        date=_clean(getattr(doc, "date", None)),
        url=_clean(getattr(doc, "url", None)),
        source=_clean(getattr(doc, "sitename", None)),
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def article_from_html(
    markup: str,
    *,
    id: str,
    origin: str,
    report: ReadReport,
    published: dt.date | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Article:
    """The :class:`Article` of a page; metadata passed in wins over the page's own.

    A publication date in the page that cannot be one (impossible, in the future) is left
    out with a note in the report rather than refusing the page.

    Raises
    ------
    NoArticlesError, ReadError : see :func:`extract_page`.
    """
    page = extract_page(markup, origin)
    if published is None and page.date is not None:
        try:
            published = parse_published(page.date, origin, where="in the page's metadata")
        except HeaderError as err:
            report.note(f"{err}; read without a publication date")
    return Article(
        id=id,
        text=page.text,
        published=published,
        title=title or page.title,
        source=source or page.source,
        url=url or page.url,
        origin=origin,
        extracted=True,
    )


def read_html_file(path: Path, *, id: str, origin: str, report: ReadReport) -> Article:
    """The article of a saved page (see :func:`article_from_html`).

    Raises
    ------
    ReadError, EncodingError, NoArticlesError
    """
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_HTML_BYTES + 1)
    except OSError as err:
        raise ReadError(f"{origin}: cannot read: {err.strerror or err}") from err
    if len(data) > MAX_HTML_BYTES:
        raise ReadError(f"{origin}: more than {MAX_HTML_BYTES // 1024 // 1024} MB, too large for one page")
    decoded = decode_bytes(data, origin)
    if decoded.legacy:
        report.note(f"{origin}: not UTF-8; decoded as {decoded.encoding}")
    return article_from_html(decoded.text, id=id, origin=origin, report=report)
