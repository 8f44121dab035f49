"""The event extractor: sentences and clauses with a trigger turned into Events."""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from karamap.events.actors import ActorMention, actor_mentions, actors_in, group_spans, qualifies_noun
from karamap.events.attribution import Attribution, find_attribution
from karamap.events.clauses import HEADER, Clause, split_clauses
from karamap.events.acled import actor_is_state, code_incident
from karamap.events.dedup import (LONG_SENTENCE, Incident, Telling, fold_incident, group_incidents,
                                  merge_duplicates)
from karamap.events.fatalities import fatalities_in
from karamap.events.roles import DIPLOMACY as _DIPLOMACY
from karamap.events.roles import Parties, acled_fields, find_parties, with_parties
from karamap.events.triggers import PRIORITY, Trigger, background_start, best_trigger, find_triggers, scan
from karamap.events.types import HAZARD_TYPES, INCIDENT_TYPES, STATEMENT_TYPES, event_type
from karamap.events.when import Dates, When, event_time
from karamap.events.where import Where, dateline_span, document_focus, elsewhere_spans, event_place, event_places
from karamap.intervals import ByStart, SpanSet
from karamap.model import Article, Event, Place, Resolution, TimeExpr, TimeSpan
from karamap.resolve import distance_km
from karamap.sentences import split_sentences

__all__ = ["extract_events", "event_id", "told_in"]

#: how far a window reaches before and after the trigger and place it is about
_REACH = 200

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
_RANK_OF = {name: i for i, name in enumerate(PRIORITY)}
_OWN_SIDE = re.compile(
    r"\b(?:his|her|their|its|our)\s+(?:own\s+)?(?:army|armed forces|forces|troops|soldiers|military|units)\b",
    re.IGNORECASE,
)
_COUNTERPART = re.compile(r"\b(?:his|her|their)\s+(?:[\w-]+\s+){0,2}counterparts?\b", re.IGNORECASE)
_PARTICIPLES = frozenset({"killing", "wounding", "injuring", "leaving"})
# Verbs of a later sentence that tell who intervened in or suffered an incident ("Police fired tear
# gas", "two soldiers were killed").
_ACTS_ON = re.compile(r"\b(?:fired|dispersed|arrested|detained|intervened|beat|clashed|shot|broke up|cracked down|"
                      r"used|attacked|killed|wounded|injured|abducted|kidnapped)\b", re.IGNORECASE)
# Clause leads of a subordinate clause, whose event has its own actors.
_SUBORDINATE = frozenset({"when", "while", "after", "before", "since", "as", "during", "despite", "although",
                          "though", "following", "amid", "until", "once", "where", "saying", "noting", "adding",
                          "but"})
# Words before a clause's trigger that go on telling what was told before ("The protesters then
# marched", "They later burned"): such a clause is the same incident, wherever it went.
_GOES_ON = re.compile(
    r"\b(?:they|them|then|later|afterwards|subsequently|thereafter|the (?:same )?(?:protesters|demonstrators|"
    r"crowds?|marchers|rioters|mobs?|attackers|assailants|gunmen|militants|fighters|rebels|group|rally|march|"
    r"protest|procession|quake|earthquake|tremor|storm|cyclone|hurricane|typhoon|floods?|floodwaters|waters|"
    r"fire|blaze|wildfires?|landslide|avalanche))\b", re.IGNORECASE)
# Words that open a clause on a scene of its own, with other people ("Thousands of people marched",
# "Meanwhile, hundreds rallied", "A separate protest was held").
_FRONTED = (r"(?:meanwhile|elsewhere|separately|in (?:the capital|another|a separate)[^,]{0,40}|"
            r"in (?-i:[A-Z])[\w-]+(?: (?-i:[A-Z])[\w-]+)?)")
# (a place or "meanwhile" set before the clause with a comma opens a scene of its own, whoever acts:
# "In Gyumri, police detained five activists")
_FRONTED_PHRASE = re.compile(r"\W*" + _FRONTED + r",\s*", re.IGNORECASE)
_NEW_SCENE = re.compile(
    r"\W*(?:" + _FRONTED + r",\s|(?:" + _FRONTED + r",?\s+)?(?:(?:tens of )?thousands|hundreds|dozens|scores|"
    r"several|some|many|more|other|another|an?(?: separate| second| further| similar| smaller| larger| new)?|"
    r"\d[\d,]*|a group of|a crowd of|a number of)\b)", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"\W*(?:it|which|that)\s+(?:(?:also|later|then|had|has|have)\s+)?", re.IGNORECASE)
_FINE = frozenset({"facility", "city", "admin2"})
# Disasters, accidents, votes and summits: what may be told as the background of another event.
_GENERAL = HAZARD_TYPES | {"election", "summit"}
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
    if not own and clause.lead not in _SUBORDINATE:
        # a clause that names nobody shares its sentence's parties, unless it is a subordinate
        # clause of its own ("When clashes erupted, the president ...")
        own = actors_in(text, sentence[0], sentence[1], resolutions, exclude=exclude)
    return tuple(dict.fromkeys(own))


@dataclass
class _Story:
    """What reading an article remembers from one sentence to the next."""

    previous: TimeExpr | None = None  # the last date of the paragraph so far
    previous_places: list[Place] = field(default_factory=list)  # the towns of the sentence that gave it
    parties: tuple[str, ...] = ()  # the actors of the paragraph's last event
    last_speaker: str | None = None  # the last source named (for "he said")
    speaker_side: list[str] = field(default_factory=list)  # the country of the last quoted official
    anchors: list[TimeSpan] = field(default_factory=list)  # the dates of the agreements told so far
    events: list[Event] = field(default_factory=list)
    undated: set[str] = field(default_factory=set)  # ids of the events dated only by the document
    tellings: dict[str, Telling] = field(default_factory=dict)  # where each event was told
    paragraph: int = 0  # the paragraph being read


class _Reader:
    """Reads one article sentence by sentence into events (the state lives in a :class:`_Story`)."""

    def __init__(self, article: Article, resolutions: Sequence[Resolution], timexes: Sequence[TimeExpr]):
        self.article = article
        self.text = article.text
        # a place word inside an armed group's name ("Taliban", "Arakan Army") names no place
        groups = SpanSet(group_spans(self.text))
        self.res = sorted((r for r in resolutions if not groups.covers(r.mention.start)),
                          key=lambda r: r.mention.start)
        self.txs = sorted(timexes, key=lambda t: t.start)
        # what a sentence or clause asks of the whole document, looked up by offset (a scan of
        # every mention for each clause would grow with the square of the text's length)
        self.by_res = ByStart(self.res, key=lambda r: r.mention.start)
        self.by_tx = ByStart(self.txs, key=lambda t: t.start)
        self.tx_reach = max((t.end - t.start for t in self.txs), default=0)  # the longest expression
        self.dates = Dates(self.txs)
        self.focus = document_focus(self.text, self.res)
        self.protected = SpanSet([(t.start, t.end) for t in self.txs] + [(r.mention.start, r.mention.end) for r in self.res])
        self.candidates = scan(self.text)
        self.place_starts = [r.mention.start for r in self.res
                             if r.place is not None and r.mention.kind != "demonym"]
        self.by_place = ByStart(self.place_starts, key=int)
        self.dateline = dateline_span(self.text)
        # places a note says belong to another event ("in X (coded separately)")
        self.elsewhere = ByStart(sorted(elsewhere_spans(self.text)), key=lambda span: span[0])
        self.elsewhere_reach = max((b - a for a, b in self.elsewhere.items), default=0)
        self.places = {r.place.id: r.place for r in self.res if r.place is not None}
        # the country the article is about, where nothing locates an event: the one its places lie
        # in most (not a demonym's: "the Armenian army attacked civilians" says nothing of theirs)
        countries = Counter(r.place.country for r in self.res
                            if r.place is not None and r.place.country and r.mention.kind != "demonym"
                            and not qualifies_noun(self.text, r.mention.end))
        self.country = countries.most_common(1)[0][0] if countries else None
        self.iso = {r.place.name: r.place.country for r in self.res if r.place is not None and r.place.country}
        self.mentions: dict[tuple[int, int], list[ActorMention]] = {}
        self.triggers: dict[str, tuple[int, int]] = {}  # each event's trigger span
        self.quiet: dict[str, tuple[int, int]] = {}  # each event's source, if it has one
        self.leads: dict[str, str | None] = {}  # the word that opened each event's clause
        self.backgrounds: list[int] = []  # where a clause's background disaster starts (background_start)
        self.story = _Story()

    def read(self) -> list[Event]:
        sentences = split_sentences(self.text)
        for n, (ss, se) in enumerate(sentences):
            if n and _PARAGRAPH.search(self.text, sentences[n - 1][1], ss):
                self.story.previous, self.story.parties, self.story.previous_places = None, (), []
                self.story.paragraph += 1
            if n == 0 and (head := HEADER.match(self.text, 0)) and head.end() > ss:
                ss = head.end()  # the "date YYYY-MM-DD" header is not part of any quote
            following = sentences[n + 1] if n + 1 < len(sentences) else None
            self.sentence(ss, se, self.attribution(ss, se, following))
        incidents = group_incidents(self.story.events, self.story.tellings, self.places,
                                    incident_types=INCIDENT_TYPES, statement_types=STATEMENT_TYPES,
                                    hazard_types=HAZARD_TYPES)
        paragraphs = _paragraph_spans(self.text, sentences)
        alone = {g.paragraph for g in incidents if g.events[0].type in INCIDENT_TYPES}
        per_paragraph = Counter(g.paragraph for g in incidents)
        counts = {p: per_paragraph[p] for p in alone}
        starts = sorted(g.span[0] for g in incidents)
        events = [self.code(g, paragraphs[g.paragraph] if counts.get(g.paragraph) == 1 else None,
                            self.extent(g, starts, paragraphs[g.paragraph]))
                  for g in incidents]
        return merge_duplicates(events, frozenset(self.story.undated))

    def extent(self, incident: Incident, starts: list[int], paragraph: tuple[int, int]) -> tuple[int, int]:
        """Where the incident is told: from its first sentence (:attr:`Incident.span`) to the next
        incident's first sentence, within its paragraph ("... attacked a post. Two soldiers were
        killed.")."""
        span = first, told = incident.span
        i = bisect.bisect_right(starts, first)
        nxt = starts[i] if i < len(starts) else paragraph[1]
        last = incident.quoted[-1] if incident.quoted[-1][1] == told else span
        end = max(last[1], min(nxt, paragraph[1]))
        # the dead of a disaster told as the background of its last sentence are not the incident's
        # (the cuts are kept in text order)
        k = bisect.bisect_left(self.backgrounds, last[0])
        cut = self.backgrounds[k] if k < len(self.backgrounds) and self.backgrounds[k] < last[1] else None
        return first, end if cut is None else cut

    def parties(self, incident: Incident) -> list[Parties]:
        """The actors by role of each telling of the incident that names any, in text order."""
        found: list[Parties] = []
        for event, telling in sorted(zip(incident.events, incident.tellings),
                                     key=lambda p: (p[1].sentence, p[1].trigger)):
            ss, se = told = self.roles_span(event, telling)
            if (ss, se) not in self.mentions:  # the clauses of a sentence share its actor phrases
                self.mentions[(ss, se)] = actor_mentions(self.text, ss, se, self.res_of(ss, se),
                                                         country=self.country_of(event))
            exclude = [self.quiet[event.id]] if event.id in self.quiet else []
            # a subordinate clause ("When clashes erupted, the president ...") has its own actors
            window = told
            if self.leads.get(event.id) in _SUBORDINATE:
                window = (max(told[0], telling.clause[0]), min(told[1], telling.clause[1]))
            mentions = [m for m in self.mentions[(ss, se)] if window[0] <= m.start < window[1]]
            p = find_parties(self.text, window, self.triggers.get(event.id, (telling.trigger, telling.trigger)),
                             self.res_of(ss, se), country=self.country_of(event), exclude=exclude,
                             mentions=mentions)
            if p.actor1 is not None or p.actor2 is not None:
                found.append(p)
        return found

    def bystanders(self, incident: Incident, extent: tuple[int, int]) -> list[Parties]:
        """The actors the sentences of the incident's ``extent`` tell acting on it or suffering
        from it ("Police fired tear gas", "two soldiers were killed"), for roles its tellings
        leave open."""
        found: list[Parties] = []
        for ss, se in split_sentences(self.text[extent[0]:extent[1]]):
            ss, se = ss + extent[0], se + extent[0]
            verbs = list(_ACTS_ON.finditer(self.text, ss, se))
            if verbs and (ss, se) not in self.mentions:
                self.mentions[(ss, se)] = actor_mentions(self.text, ss, se, self.res_of(ss, se), country=self.country)
            for verb in verbs:
                p = find_parties(self.text, (ss, se), (verb.start(), verb.end()), self.res_of(ss, se),
                                 country=self.country_of(incident.events[0]), mentions=self.mentions[(ss, se)])
                if p.actor1 is not None or p.actor2 is not None:
                    found.append(p)
        return found

    def roles_span(self, event: Event, telling: Telling) -> tuple[int, int]:
        """Where the actors of ``event`` are looked for: its sentence, or in a very long one the
        window it quotes where that holds its trigger, else the trigger's own window."""
        told = telling.quoted
        if told[0] <= telling.trigger < told[1]:
            return told
        return told_in(self.text, telling.sentence, self.triggers[event.id], None)

    def res_of(self, start: int, end: int) -> list[Resolution]:
        """The resolutions a look at ``text[start:end]`` may need, in order: those that start in it
        (and just after it, where a phrase at its end reaches over: "forces of" + a country)."""
        return self.by_res.between(start, end + 2)

    def country_of(self, event: Event) -> str | None:
        """The country the event's place lies in, else the country the article mostly names."""
        place = self.places.get(event.place_ids[0]) if event.place_ids else None
        return (place.country if place is not None else None) or self.country

    def code(self, incident: Incident, paragraph: tuple[int, int] | None, extent: tuple[int, int]) -> Event:
        """The incident as one event, with the ACLED coding its words decide (the whole paragraph's
        words where it is the paragraph's only incident), its actors named in ACLED's style for
        that coding and the dead its telling (``extent``) reports."""
        event = fold_incident(incident, self.text)
        told = sorted({e.type for e in incident.events}, key=_RANK_OF.__getitem__)
        also = {a for t in incident.tellings for a in t.also if a in INCIDENT_TYPES} if told[0] in INCIDENT_TYPES else set()
        types = told + sorted(also - set(told), key=_RANK_OF.__getitem__)
        if paragraph is not None:
            words = self.text[paragraph[0]:paragraph[1]]
        else:
            words = " ".join(self.text[a:b] for a, b in incident.quoted)
        lead = incident.tellings[0]
        roles = self.roles_span(incident.events[0], lead)
        coding = code_incident(types, words, state_actor=actor_is_state(self.text, roles[0], lead.trigger, roles[1]))
        trigger = next((e.trigger for e in incident.events if e.type == coding.type), event.trigger)
        country = self.country_of(event)
        told = self.parties(incident) or [Parties()]
        fields = acled_fields(told[0], coding.acled_event_type, country, more=told[1:],
                              sub_event_type=coding.acled_sub_event_type)
        if (fields.actor1 is None or fields.actor2 is None) and coding.acled_event_type not in (
                None, "Strategic developments"):
            more = told[1:] + self.bystanders(incident, extent)
            fields = acled_fields(told[0], coding.acled_event_type, country, more=more,
                                  sub_event_type=coding.acled_sub_event_type)
        # the parties by role, then the other countries and organisations the telling gives as
        # parties (the speaker's side of "his army", the sides of "both sides", "his counterpart")
        actors = with_parties(fields.names, [(a, self.iso.get(a)) for a in event.actors], coding.acled_event_type)
        # the dead of any incident but the talks and deals of diplomacy (a meeting "to discuss the
        # attack that killed five" has no dead of its own)
        counted = coding.type in HAZARD_TYPES or coding.acled_event_type is not None and not (
            coding.acled_event_type == "Strategic developments" and coding.acled_sub_event_type in _DIPLOMACY)
        return dataclasses.replace(
            event, type=coding.type, trigger=trigger, disorder_type=coding.disorder_type,
            acled_event_type=coding.acled_event_type, acled_sub_event_type=coding.acled_sub_event_type,
            cameo=coding.cameo, plover=coding.plover, actors=actors, actor1=fields.actor1, actor2=fields.actor2,
            assoc_actor_1=fields.assoc_actor_1, assoc_actor_2=fields.assoc_actor_2, inter1=fields.inter1,
            inter2=fields.inter2, interaction=fields.interaction, civilian_targeting=fields.civilian_targeting,
            fatalities=fatalities_in(self.text, *extent) if counted else None)

    def attribution(self, ss: int, se: int, following: tuple[int, int] | None) -> Attribution | None:
        """The sentence's source; an opened quotation takes the source of the next sentence."""
        # the dates a speaker phrase may jump over: those that reach into either sentence
        last = following[1] if following is not None else se
        story, skip = self.story, [(t.start, t.end) for t in self.by_tx.between(ss - self.tx_reach, max(se, last))]
        found = find_attribution(self.text, ss, se, skip=skip, last_speaker=story.last_speaker)
        if found is None and following is not None and _opens_quote_unclosed(self.text[ss:se]):
            ahead = find_attribution(self.text, *following, skip=skip, last_speaker=story.last_speaker)
            if ahead is not None:
                found = Attribution(ahead.text, ahead.speaker, following[1], following[1])
        if found is not None:
            if found.speaker.lower() not in _PRONOUNS:
                story.last_speaker = found.speaker
            side = actors_in(self.text, found.start, found.end, self.res_of(found.start, found.end))
            if side and not found.text.startswith("according to"):
                story.speaker_side = side
        return found

    def sentence(self, ss: int, se: int, attribution: Attribution | None) -> None:
        text, story = self.text, self.story
        # The source of an "according to" is neither actor, place nor trigger of the event.
        quiet = (attribution.start, attribution.end) if (
            attribution is not None and attribution.text.startswith("according to")) else None
        first = bisect.bisect_left(self.candidates, ss, key=lambda c: c.start)
        told = first < len(self.candidates) and self.candidates[first].start < se
        for clause in split_clauses(text, ss, se, self.protected) if told else ():  # (no trigger: no clause tells)
            # (a date modifies a trigger 12 characters before it or 15 after; a place names what a
            # trigger acts on 25 characters after it at most)
            found = find_triggers(text, clause.start, clause.end,
                                  self.by_tx.between(clause.start - 12 - self.tx_reach, clause.end + 16),
                                  context=(ss, se), places=self.by_place.between(clause.start, clause.end + 26),
                                  candidates=self.candidates, published=self.article.published)
            kept = [t for t in found if not (quiet and quiet[0] <= t.start < quiet[1])]
            trigger = best_trigger(kept)
            if trigger is not None and trigger.type not in _GENERAL:
                cut = background_start(text, clause.start, clause.end, self.candidates)
                if cut is not None and cut >= trigger.end:
                    # a disaster told as the background ("a week after floods hit Sylhet") gives
                    # the clause's event neither its place, nor its date, nor its dead
                    clause = dataclasses.replace(clause, end=cut)
                    self.backgrounds.append(cut)
            if trigger is not None:
                self.clause_events(clause, (ss, se), trigger, attribution, frozenset(t.type for t in kept))
        dated = [t for t in self.by_tx.between(ss, se) if t.span is not None and t.type in ("DATE", "TIME")]
        if dated:
            story.previous = dated[-1]
            story.previous_places = [r.place for r in self.by_res.between(ss, se) if r.place is not None
                                     and r.mention.kind != "demonym" and r.place.feature in _FINE]

    def clause_events(
        self, clause: Clause, sentence: tuple[int, int], trigger: Trigger, attribution: Attribution | None,
        also: frozenset[str] = frozenset(),
    ) -> None:
        text, story, (ss, se) = self.text, self.story, sentence
        span = (clause.start, clause.end)
        hidden = ([(attribution.start, attribution.end)] if attribution is not None else []) + (
            [self.dateline] if self.dateline else []) + [
            (a, b) for a, b in self.elsewhere.between(ss - self.elsewhere_reach, se) if b > ss]  # (those in the sentence)
        # a verb phrase coordinated with the one before ("blocked the road in X and protested") shares
        # its place, and so does a clause after a place set before it ("In Gyumri, police detained ...")
        fronted = clause.start > ss and _FRONTED_PHRASE.fullmatch(text, ss, clause.start) is not None
        before = (ss, clause.start) if clause.lead == "and" or fronted else None
        nearby = self.by_res.between(ss, se)  # (the clause and the words before it lie in the sentence)
        if trigger.type in _PER_LOCATION:
            wheres = event_places(text, span, nearby, self.focus, exclude=hidden, sentence=before)
        else:
            wheres = [event_place(text, span, nearby, self.focus, exclude=hidden, sentence=before)]
        goes_on = bool(_GOES_ON.search(text, clause.start, trigger.start))
        # The story goes on in the time of its last date, but an event told elsewhere, of others
        # ("Thousands marched in the capital" after a protest dated in another town), is no part of
        # it: it does not take that date.
        previous = None if trigger.type in _NO_INHERIT or (
            not goes_on and self.far_from_last_date(wheres[0])) else story.previous
        when = event_time(
            text, span, sentence, (trigger.start, trigger.end), self.txs,
            lead=clause.lead, doc_date=self.article.published, anchors=story.anchors, previous=previous,
            last=story.previous, dates=self.dates,
        )
        actors = self.actors(clause, sentence, trigger, attribution)
        if actors:
            story.parties = actors
        for k, where in enumerate(wheres):
            id_ = event_id(self.article.id, ss, se, trigger.start, trigger.type, where.place_ids[0] if k else None)
            told = told_in(text, sentence, (trigger.start, trigger.end), where.named)
            story.events.append(_event(self.article, trigger, told, when, where, actors, attribution, id_))
            story.tellings[id_] = Telling(
                story.paragraph, sentence, span, trigger.start, also,
                new_scene=fronted or bool(_NEW_SCENE.match(text, clause.start, trigger.start)),
                pronoun_subject=bool(_PRONOUN_SUBJECT.fullmatch(text, clause.start, trigger.start)),
                window=None if told == sentence else told)
            self.triggers[id_] = (trigger.start, trigger.end)
            self.leads[id_] = clause.lead
            if attribution is not None:  # the source of a claim is no actor of what it tells
                self.quiet[id_] = (attribution.start, attribution.end)
            if when.fallback:
                story.undated.add(id_)
        if trigger.type in _ANCHOR_TYPES and when.span is not None:
            story.anchors.append(when.span)

    def far_from_last_date(self, where: Where) -> bool:
        """The event is told at a town or district other than those of the sentence that gave the
        story its last date (none of them within 25 km)."""
        before = self.story.previous_places
        place = self.places.get(where.place_ids[0]) if where.stated and where.place_ids else None
        if not before or place is None or place.feature not in _FINE:
            return False
        return all(p.id not in where.place_ids and distance_km(p, place) > 25.0 for p in before)

    def actors(
        self, clause: Clause, sentence: tuple[int, int], trigger: Trigger, attribution: Attribution | None
    ) -> tuple[str, ...]:
        text, story = self.text, self.story
        # The source of a claim is not a party to what it tells, except to its own statement.
        speaker = [(attribution.start, attribution.end)] if attribution is not None else []
        side = actors_in(text, *speaker[0], self.res_of(*speaker[0])) if speaker else []
        nearby = self.by_res.between(*sentence)
        if trigger.type == "statement":
            actors = tuple(dict.fromkeys(side + list(_actors(text, clause, sentence, nearby, [], story.parties))))
        else:
            actors = _actors(text, clause, sentence, nearby, speaker, story.parties, side)
        if story.speaker_side and _COUNTERPART.search(text, clause.start, clause.end):
            # "he discussed ... with his Azerbaijani counterpart": he is the official quoted
            # last whose country was named ("The Turkish defense minister").
            actors = tuple(dict.fromkeys(story.speaker_side + list(actors)))
        return actors


def told_in(
    text: str, sentence: tuple[int, int], trigger: tuple[int, int], place: tuple[int, int] | None
) -> tuple[int, int]:
    """What an event told at ``trigger`` of ``sentence`` (and at ``place``, where the text names
    it) quotes: the sentence, but a window of one longer than :data:`LONG_SENTENCE` characters.

    A clause that records one event per location over a list of towns gives an event a town, and
    each quoting the whole list would make the quotes grow with the square of its length. The
    window reaches 200 characters before and after the trigger and the place, cut at spaces;
    where they lie more than 400 characters apart, it is the place's alone.

    >>> t = "Troops shelled " + ", ".join(f"Town{n}" for n in range(200)) + "."
    >>> at = t.index("Town150")
    >>> s, e = told_in(t, (0, len(t)), (7, 14), (at, at + 7))
    >>> s < at < e, e - s < 500, t[s:s + 4], t[e - 1]
    (True, True, 'Town', ',')
    >>> t[slice(*told_in(t, (0, len(t)), (7, 14), (15, 20)))][:22]
    'Troops shelled Town0, '
    """
    ss, se = sentence
    if se - ss <= LONG_SENTENCE:
        return sentence
    start, end = trigger
    if place is not None:
        start, end = min(start, place[0]), max(end, place[1])
        if end - start > 2 * _REACH:
            start, end = place
    lo, hi = max(ss, start - _REACH), min(se, end + _REACH)
    if lo > ss and not text[lo - 1].isspace():  # (never from inside a word)
        cut = text.find(" ", lo, start)
        lo = cut + 1 if cut >= 0 else lo
    if hi < se and not text[hi].isspace():
        cut = text.rfind(" ", end, hi)
        hi = cut if cut >= 0 else hi
    return lo, hi


def _paragraph_spans(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The (start, end) of each paragraph: runs of sentences without a blank line between them."""
    spans: list[tuple[int, int]] = []
    for n, (ss, se) in enumerate(sentences):
        if n and not _PARAGRAPH.search(text, sentences[n - 1][1], ss):
            spans[-1] = (spans[-1][0], se)
        else:
            spans.append((ss, se))
    return spans


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
    return _Reader(article, resolutions, timexes).read()


def _event(
    article: Article, trigger: Trigger, quote: tuple[int, int], when: When, where: Where,
    actors: tuple[str, ...], attribution: Attribution | None, id_: str,
) -> Event:
    qs, se = quote
    text = article.text
    kind = event_type(trigger.type)
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
        acled_event_type=kind.acled_event_type,
        acled_sub_event_type=kind.acled_sub_event_type,
        cameo=kind.cameo,
        plover=kind.plover,
    )
