"""The analysis view of an article: its text as if written plainly, and the way back to the text as read.

Text arrives rendered in many ways: tokenised ("March 01 , 2008"), hard-wrapped with words
hyphenated at line ends, HTML-escaped, with no-break spaces, curly quotes and dashes, with
CRLF line ends, with a headline or dateline in capitals. The pipeline's stages read one
plain view of it (:func:`analysis_view`), so they find the same places, dates and events
however it was rendered; :func:`restore_document` then maps every offset back to the text as
read and takes every surface and quote from it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from karamap.model import Article, Document, Event, Mention, Resolution, TimeExpr
from karamap.textview.offsets import Edit, TextView, identity_view
from karamap.textview.rules import (
    capitals_edits,
    character_edits,
    detokenise_edits,
    entity_edits,
    line_end_edits,
    unwrap_edits,
)

__all__ = ["TextView", "analysis_view", "view_article", "restore_document", "RULES"]

#: the rewrites, in the order they run (each reads the text the previous ones left)
RULES: tuple[Callable[[str], list[Edit]], ...] = (
    line_end_edits,
    entity_edits,
    entity_edits,  # once more for doubly escaped text ("&amp;quot;")
    character_edits,
    unwrap_edits,
    detokenise_edits,
    capitals_edits,
)


def analysis_view(text: str) -> TextView:
    """The plain view of ``text`` that karamap's stages read, with its map back.

    Plain text is its own view (nothing is copied).

    Examples
    --------
    >>> v = analysis_view("KRAMATORSK , Ukraine ( Reuters ) - Shelling on March 01 , 2008 .")
    >>> v.text
    'Kramatorsk, Ukraine (Reuters) - Shelling on March 01, 2008.'
    >>> start = v.text.index("March"); v.original[slice(*v.span(start, start + 14))]
    'March 01 , 2008'
    >>> analysis_view("Plain text.").identity
    True
    """
    view = identity_view(text)
    for rule in RULES:
        view = view.rewrite(rule(view.text))
    return view


def view_article(article: Article) -> tuple[Article, TextView]:
    """The article as the stages read it (its text replaced by the view) and the view."""
    view = analysis_view(article.text)
    if view.identity:
        return article, view
    return dataclasses.replace(article, text=view.text), view


def restore_document(doc: Document, view: TextView, article: Article) -> Document:
    """``doc``, found in ``view``, with offsets, surfaces and quotes in the text as read.

    ``article`` is the article as read; the document's article becomes it.
    """
    if view.identity:
        return doc if doc.article is article else dataclasses.replace(doc, article=article)
    return Document(
        article,
        tuple(_resolution(r, view) for r in doc.resolutions),
        tuple(_timex(t, view) for t in doc.timexes),
        tuple(_event(e, view) for e in doc.events),
    )


# (each keeps what the view leaves as it was, often most of a text: dataclasses.replace is costly)


def _mention(m: Mention, view: TextView) -> Mention:
    start, end = view.span(m.start, m.end)
    surface = view.original[start:end]
    if (start, end, surface) == (m.start, m.end, m.surface):
        return m
    return dataclasses.replace(m, start=start, end=end, surface=surface)


def _resolution(r: Resolution, view: TextView) -> Resolution:
    mention = _mention(r.mention, view)
    return r if mention is r.mention else dataclasses.replace(r, mention=mention)


def _timex(t: TimeExpr, view: TextView) -> TimeExpr:
    start, end = view.span(t.start, t.end)
    text = view.original[start:end]
    if (start, end, text) == (t.start, t.end, t.text):
        return t
    return dataclasses.replace(t, start=start, end=end, text=text)


def _event(e: Event, view: TextView) -> Event:
    start, end = view.span(e.quote_start, e.quote_end)
    quote = view.original[start:end]
    if (start, end, quote) == (e.quote_start, e.quote_end, e.quote):
        return e
    return dataclasses.replace(e, quote_start=start, quote_end=end, quote=quote)
