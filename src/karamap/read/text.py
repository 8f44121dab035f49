"""One article from a string: the header line parsed, the text kept as given."""

from __future__ import annotations

import datetime as dt
import re

from karamap.errors import ConfigurationError, NoArticlesError
from karamap.model import Article
from karamap.read.header import parse_header, parse_published

__all__ = ["read_text", "article_from_text", "scrub_surrogates"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub_surrogates(value: str) -> str:
    """Unpaired surrogates (from JSON escapes like ``\\ud800``) become U+FFFD, one for one.

    Such a string cannot be written as UTF-8; replacing each by one character keeps
    every offset valid.

    >>> scrub_surrogates("a\\ud800b")
    'a\\ufffdb'
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)
    return value


def article_from_text(
    text: str,
    *,
    id: str,
    origin: str,
    published: dt.date | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Article:
    """The :class:`Article` of ``text``; the header line (if any) supplies a missing date and title.

    Raises
    ------
    NoArticlesError : the text is empty, blank, or a header line alone.
    HeaderError : the header's date is impossible or in the future.
    """
    if not text.strip():
        raise NoArticlesError(f"{origin}: empty (no text, or only white space)")
    header = parse_header(text, origin)
    if header is not None:
        if not text[header.end:].strip():
            raise NoArticlesError(f"{origin}: a header line and no article text")
        published = published or header.published
        title = title or header.title
    return Article(id=id, text=text, published=published, title=title, source=source, url=url,
                   origin=origin)


def read_text(
    text: str,
    *,
    id: str = "text",
    published: dt.date | str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Article:
    """An :class:`Article` from a string, for API users.

    The text is kept exactly as given (offsets of every later stage index into
    it); an optional first line ``date YYYY-MM-DD Title`` supplies the
    publication date and title unless they are passed.

    Parameters
    ----------
    text : the article, optionally with its header line.
    id : the article id.
    published : publication date (a :class:`datetime.date` or ``"YYYY-MM-DD"``).
    title, source, url : optional metadata.

    Raises
    ------
    NoArticlesError : empty or blank text.
    HeaderError : an impossible or future header or ``published`` date.

    Examples
    --------
    >>> a = read_text("date 2021-01-30 Joint center\\nAnkara said so.")
    >>> a.published.isoformat(), a.title, a.text.startswith("date")
    ('2021-01-30', 'Joint center', True)
    >>> read_text("Baku, Oct. 3", published="2020-10-04").published
    datetime.date(2020, 10, 4)
    """
    if not isinstance(text, str):
        raise ConfigurationError(f"read_text needs a str, not {type(text).__name__}")
    if isinstance(published, str):
        published = parse_published(published, id)
    elif published is not None and not isinstance(published, dt.date):
        raise ConfigurationError(f"published must be a date or 'YYYY-MM-DD', not {published!r}")
    if isinstance(published, dt.datetime):
        published = published.date()
    return article_from_text(scrub_surrogates(text), id=id, origin=id, published=published,
                             title=title, source=source, url=url)
