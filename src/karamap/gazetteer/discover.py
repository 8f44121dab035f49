"""Names the local gazetteers do not know, proposed to an online geocoder (only when one is configured).

Recognition looks every span up locally, so a village missing from the offline
index is never a mention. With an online geocoder opted in, a capitalised name
right after a locative preposition ("in Qaraqoyunlu", "near Tartar") that no
mention covers is asked for; the names it knows become mentions, which
resolution then resolves through the same ``search``, answered from the cache.
"""

from __future__ import annotations

import re

from karamap.gazetteer.base import Gazetteer, normalise_name
from karamap.model import Article, Mention

__all__ = ["discover", "MAX_QUESTIONS"]

#: at most this many names of one article are asked (each may cost a second online)
MAX_QUESTIONS = 8

_PLACE_RUN = re.compile(
    r"\b(?:in|near|outside|into|towards?|around|at|from)\s+"
    r"((?:[A-Z][\w'’-]*[\w])(?:\s+(?:[A-Z][\w'’-]*[\w])){0,3})"
)
# Capitalised words that begin no place name after "in"/"at"/"from".
_NOT_PLACES = frozenset(normalise_name(w) for w in (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday The A An This That These Those His Her Its Their Our My Your Mr Mrs Ms Dr "
    "President Minister Prime General Gen Colonel Col Lieutenant Lt Captain Capt Major Sgt "
    "Ministry Agency Office University Council Committee Party Army Forces Force Police Court "
    "Parliament Government Company Corporation Group Bank Reuters AP AFP TASS Anadolu English "
    "Christmas Easter Ramadan Eid COVID Covid"
).split())


def _has_online(gazetteer: Gazetteer) -> bool:
    return getattr(gazetteer, "online", None) is not None


def discover(article: Article, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """New mentions for unknown names an online geocoder knows; ``[]`` without one.

    Parameters
    ----------
    article : the article recognised.
    mentions : what recognition found (spans it covers are not asked again).
    gazetteer : the run's gazetteer; only a chain with an online backend is asked.

    Examples
    --------
    >>> from karamap.gazetteer.user import UserGazetteer
    >>> discover(Article("a", "Shelling in Qaraqoyunlu."), [], UserGazetteer())
    []
    """
    if not _has_online(gazetteer):
        return []
    text = article.text
    taken = [(m.start, m.end) for m in mentions]
    found: list[Mention] = []
    asked: set[str] = set()
    for match in _PLACE_RUN.finditer(text):
        start, end = match.span(1)
        surface = text[start:end]
        words = normalise_name(surface).replace("-", " ").split()
        if not words or words[0] in _NOT_PLACES or any(w in _NOT_PLACES for w in words[1:]):
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        key = normalise_name(surface)
        if key in asked or gazetteer.lookup_key(key):
            continue  # known locally: recognition chose not to take it, and it knows better
        if len(asked) >= MAX_QUESTIONS:
            break
        asked.add(key)
        if gazetteer.search(surface, limit=1):
            found.append(Mention(start, end, surface, "toponym", key))
            taken.append((start, end))
    return found
