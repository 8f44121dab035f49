"""The event extractor: sentences and clauses with a trigger turned into Events."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from karamap.events.actors import actors_in
from karamap.events.attribution import Attribution, find_attribution
from karamap.events.clauses import HEADER, Clause, split_clauses
from karamap.events.dedup import merge_duplicates
from karamap.events.triggers import Trigger, best_trigger, find_triggers, scan
from karamap.events.when import When, event_time
from karamap.events.where import Where, dateline_span, document_focus, event_place, event_places
from karamap.model import Article, Event, Resolution, TimeExpr, TimeSpan
from karamap.sentences import split_sentences

__all__ = ["extract_events", "event_id"]

_QUOTES = "\"“”"
_PRONOUNS = frozenset({"he", "she", "they", "it", "we"})
# Types whose date anchors a later "the agreement" ("withdrawing in line with the agreement").
_ANCHOR_TYPES = frozenset({"ceasefire", "agreement_signed"})
# Statements are made when reported, not when the story they interrupt happened.
_NO_INHERIT = frozenset({"statement"})
# Violence is recorded once per location, as ACLED does.
_PER_LOCATION = frozenset(
    {"armed_clash", "attack_on_civilians", "shelling_air_strike", "casualties", "territory_taken", "protest"}
)
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_OWN_SIDE = re.compile(
    r"\b(?:his|her|their|its|our)\s+(?:own\s+)?(?:army|armed forces|forces|troops|soldiers|military|units)\b",
    re.IGNORECASE,
)
_COUNTERPART = re.compile(r"\b(?:his|her|their)\s+(?:[\w-]+\s+){0,2}counterparts?\b", re.IGNORECASE)
_PARTICIPLES = frozenset({"killing", "wounding", "injuring", "leaving"})
_RECIPROCAL = re.compile(
    r"\b(?:both sides|each other|one another|the (?:two|warring) (?:sides|countries|parties)|the sides|"
    r"both countries|both parties)\b",
    re.IGNORECASE,
)


def event_id(
    doc_id: str, quote_start: int, quote_end: int, trigger_start: int, type_: str, place_id: str | None = None
) -> str:
    """A stable id: a hash of the document id, the offsets and the type (and the place, for the
    second and later locations of one clause).

    >>> event_id("doc", 0, 10, 3, "armed_clash") == event_id("doc", 0, 10, 3, "armed_clash")
    True
    """
    key = f"{doc_id}\x1f{quote_start}\x1f{quote_end}\x1f{trigger_start}\x1f{type_}"
    if place_id is not None:
        key += f"\x1f{place_id}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _opens_quote_unclosed(sentence: str) -> bool:
    s = sentence.lstrip()
    return bool(s) and s[0] in "\"“" and sum(sentence.count(q) for q in _QUOTES) % 2 == 1


def _confidence(trigger: Trigger, when: When, where: Where, attribution: Attribution | None) -> float:
    score = 0.4 if trigger.type == "statement" else (0.45 if trigger.nominal else 0.6)
    if not when.inferred:
        score += 0.15
    if where.stated:
        score += 0.1
    if attribution is not None:
        score += 0.05
    return round(min(score, 0.95), 4)


def _actors(
    text: str, clause: Clause, sentence: tuple[int, int], resolutions: list[Resolution],
    exclude: list[tuple[int, int]], before: tuple[str, ...], speaker: list[str] | None = None,
) -> tuple[str, ...]:
    """The parties of the event of ``clause``; ``before`` are those of the paragraph's last event,
    ``speaker`` those of the source ("Aliyev said his army had liberated ...")."""
    own = actors_in(text, clause.start, clause.end, resolutions, exclude=exclude)
    if speaker and _OWN_SIDE.search(text, clause.start, clause.end):
        own = speaker + own
    if clause.lead in ("whose", "which"):
        # "a defeat for Armenia, whose armed forces ..." : the clause's subject is the last party named.
        prior = actors_in(text, sentence[0], clause.start, resolutions, exclude=exclude)
        if prior:
            own = [prior[-1]] + [a for a in own if a != prior[-1]]
    elif clause.lead in _PARTICIPLES or clause.lead == "and":
        # "Azerbaijani forces shelled Tartar, killing two civilians", "the army violated the
        # truce and killed ...": the subject went before.
        own = actors_in(text, sentence[0], clause.start, resolutions, exclude=exclude) + own
    if not own and _RECIPROCAL.search(text, clause.start, clause.end):
        own = list(before)  # "both sides accused each other ...": the parties just named
    if not own:
        own = actors_in(text, sentence[0], sentence[1], resolutions, exclude=exclude)
    return tuple(dict.fromkeys(own))


def extract_events(
    article: Article, resolutions: Sequence[Resolution], timexes: Sequence[TimeExpr]
) -> list[Event]:
    """The events told by ``article``, one per incident, in the order first told.

    Each sentence is cut into clauses; a clause with a trigger (see
    :mod:`karamap.events.triggers`) becomes an event of the most specific type it tells,
    dated by :func:`karamap.events.when.event_time`, located by
    :func:`karamap.events.where.event_place`, with its actors, its attribution and the
    sentence as the quote. Incidents told twice are merged.

    >>> import datetime as dt
    >>> from karamap.model import Article, TimeExpr, TimeSpan
    >>> a = Article("d", "Armenian forces withdrew on Nov. 20.", dt.date(2021, 1, 30))
    >>> tx = TimeExpr(27, 34, "Nov. 20", "DATE", "2020-11-20",
    ...               TimeSpan(dt.date(2020, 11, 20), dt.date(2020, 11, 20), "day"))
    >>> (e,) = extract_events(a, [], [tx])
    >>> (e.type, e.when.start.isoformat(), e.time_inferred, e.quote)
    ('withdrawal', '2020-11-20', False, 'Armenian forces withdrew on Nov. 20.')
    """
    text = article.text
    res = sorted((r for r in resolutions), key=lambda r: r.mention.start)
    txs = sorted((t for t in timexes), key=lambda t: t.start)
    focus = document_focus(text, res)
    protected = [(t.start, t.end) for t in txs] + [(r.mention.start, r.mention.end) for r in res]
    skip = [(t.start, t.end) for t in txs]
    candidates = scan(text)
    place_starts = [r.mention.start for r in res if r.place is not None and r.mention.kind != "demonym"]
    sentences = split_sentences(text)
    events: list[Event] = []
    undated: set[str] = set()  # ids of the events dated only by the document date
    anchors: list[TimeSpan] = []
    last_speaker: str | None = None
    previous: TimeExpr | None = None  # the last date of the paragraph so far
    parties: tuple[str, ...] = ()  # the actors of the paragraph's last event
    speaker_side: list[str] = []  # the country of the last quoted official whose country was named
    dateline = dateline_span(text)
    for n, (ss, se) in enumerate(sentences):
        if n and _PARAGRAPH.search(text, sentences[n - 1][1], ss):
            previous, parties = None, ()
        qs = ss
        if n == 0:
            head = HEADER.match(text, 0)
            if head and head.end() > ss:
                qs = head.end()
        attribution = find_attribution(text, qs, se, skip=skip, last_speaker=last_speaker)
        if attribution is None and _opens_quote_unclosed(text[qs:se]) and n + 1 < len(sentences):
            ns, ne = sentences[n + 1]
            attribution = find_attribution(text, ns, ne, skip=skip, last_speaker=last_speaker)
            if attribution is not None:
                attribution = Attribution(attribution.text, attribution.speaker, ne, ne)
        if attribution is not None and attribution.speaker.lower() not in _PRONOUNS:
            last_speaker = attribution.speaker
        if attribution is not None:
            side = actors_in(text, attribution.start, attribution.end, res)
            if side and not attribution.text.startswith("according to"):
                speaker_side = side
        # The source of an "according to" is neither actor, place nor trigger of the event.
        quiet = (
            (attribution.start, attribution.end)
            if attribution is not None and attribution.text.startswith("according to")
            else None
        )
        for clause in split_clauses(text, qs, se, protected):
            found = find_triggers(text, clause.start, clause.end, txs, context=(qs, se),
                                  places=place_starts, candidates=candidates)
            triggers = [t for t in found if not (quiet and quiet[0] <= t.start < quiet[1])]
            trigger = best_trigger(triggers)
            if trigger is None:
                continue
            span = (clause.start, clause.end)
            when = event_time(
                text, span, (qs, se), (trigger.start, trigger.end), txs,
                lead=clause.lead, doc_date=article.published, anchors=anchors,
                previous=None if trigger.type in _NO_INHERIT else previous,
            )
            # The source of a claim is not a party to what it tells, except to its own statement.
            speaker = [(attribution.start, attribution.end)] if attribution is not None else []
            if trigger.type == "statement":
                actors = tuple(dict.fromkeys(
                    actors_in(text, *speaker[0], res) + list(_actors(text, clause, (qs, se), res, [], parties))
                )) if speaker else _actors(text, clause, (qs, se), res, [], parties)
            else:
                own_side = actors_in(text, *speaker[0], res) if speaker else []
                actors = _actors(text, clause, (qs, se), res, speaker, parties, own_side)
            hidden = speaker + ([dateline] if dateline else [])
            if trigger.type in _PER_LOCATION:
                wheres = event_places(text, span, res, focus, exclude=hidden)
            else:
                wheres = [event_place(text, span, res, focus, exclude=hidden)]
            if speaker_side and _COUNTERPART.search(text, clause.start, clause.end):
                # "he discussed ... with his Azerbaijani counterpart": he is the official quoted
                # last whose country was named ("The Turkish defense minister").
                actors = tuple(dict.fromkeys(speaker_side + list(actors)))
            if actors:
                parties = actors
            for k, where in enumerate(wheres):
                events.append(_event(
                    article, trigger, (qs, se), when, where, actors, attribution,
                    event_id(article.id, qs, se, trigger.start, trigger.type, where.place_ids[0] if k else None),
                ))
                if when.fallback:
                    undated.add(events[-1].id)
            if trigger.type in _ANCHOR_TYPES and when.span is not None:
                anchors.append(when.span)
        dated = [t for t in txs if qs <= t.start < se and t.span is not None and t.type in ("DATE", "TIME")]
        if dated:
            previous = dated[-1]
    return merge_duplicates(events, frozenset(undated))


def _event(
    article: Article, trigger: Trigger, quote: tuple[int, int], when: When, where: Where,
    actors: tuple[str, ...], attribution: Attribution | None, id_: str,
) -> Event:
    qs, se = quote
    text = article.text
    return Event(
        id=id_,
        doc_id=article.id,
        type=trigger.type,
        trigger=trigger.text,
        quote=text[qs:se],
        quote_start=qs,
        quote_end=se,
        when=when.span,
        time_precision=when.precision,
        time_inferred=when.inferred,
        place_ids=where.place_ids,
        lat=where.lat,
        lon=where.lon,
        geo_precision=where.precision,
        place_stated=where.stated,
        actors=actors,
        attribution=attribution.text if attribution else None,
        confidence=_confidence(trigger, when, where, attribution),
    )
