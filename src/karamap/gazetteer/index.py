"""The compact offline index: parallel columns plus a key table, stored with marshal for fast loads."""

from __future__ import annotations

import gc
import marshal
import math
from array import array
import os
import time
from dataclasses import dataclass
from pathlib import Path

from karamap.errors import IndexBuildError
from karamap.gazetteer.base import normalise_name
from karamap.gazetteer.romanise import romanised_keys_of
from karamap.gazetteer.sources import Entry, collect_entries, read_demonyms, read_tsv

__all__ = ["IndexData", "build_index", "load_index", "INDEX_VERSION", "index_file"]

#: bump when the layout or the sources change: an older file is rebuilt
INDEX_VERSION = 36

#: how strongly a feature kind claims a shared name, before population breaks ties
FEATURE_RANK = {
    "country": 9, "continent": 8, "region": 7, "group": 7, "facility": 7,
    "admin1": 6, "city": 3, "admin2": 2, "other": 1,
}


@dataclass(slots=True)
class IndexData:
    """The loaded columns (index i describes one place in every column)."""

    #: ids of the places that are not GeoNames records (the rest are ``geonames:<geonameid>``)
    ids: dict[int, str]
    names: list[str]
    #: one byte per place: its feature's position in FEATURES
    features: bytes
    #: two characters per place ("--" for none)
    countries: str
    lats: array
    lons: array
    populations: array
    #: 0 for none
    geonameids: array
    admin1s: list[str | None]
    sources: list[str]
    source_of: list[int]
    approximate: frozenset[int]
    capitals: frozenset[int]
    members: dict[int, tuple[str, ...]]
    aliases: dict[int, tuple[str, ...]]
    #: a key's place, or its places strongest first
    keys: dict[str, int | tuple[int, ...]]
    #: a romanisation key's places (see ``romanise.py``), strongest first
    rkeys: dict[str, int | tuple[int, ...]]
    demonyms: dict[str, str]
    country_index: dict[str, int]
    build_seconds: float


FEATURES = ("continent", "country", "admin1", "admin2", "city", "region", "facility", "group", "other")


def index_file(cache_dir: Path) -> Path:
    return Path(cache_dir) / f"gazetteer-v{INDEX_VERSION}.marshal"


def _priority(e: Entry) -> float:
    rank = FEATURE_RANK.get(e.feature, 1)
    if e.id.startswith("karamap:"):
        rank = max(rank, 7)  # the project's own, curated entries win over namesakes
    return rank * 3 + math.log10(1 + e.population)


def build_index(geodata: Path, target: Path) -> float:
    """Build the index from the sources into ``target`` (atomically); returns the seconds taken."""
    started = time.perf_counter()
    entries = collect_entries(geodata)
    entries.sort(key=_priority, reverse=True)
    keys: dict[str, list[int]] = {}
    for i, e in enumerate(entries):
        seen: set[str] = set()
        for name in e.names:
            key = normalise_name(name)
            if key and key not in seen:
                seen.add(key)
                keys.setdefault(key, []).append(i)
    # "Lancaster" may be Lancaster County where the text says so: a county is a further reading
    # of a name that already names a place (never a new name to recognise)
    for i, e in enumerate(entries):
        if e.feature == "admin2" and " " in e.name:
            stem, _, last = e.name.rpartition(" ")
            if last.lower() in ("county", "parish"):
                key = normalise_name(stem)
                if key in keys and i not in keys[key]:
                    keys[key].append(i)
    # A division that is mostly one big city of its name means the city ("Ankara", "Tehran").
    for key, ix in keys.items():
        head = entries[ix[0]]
        if head.feature != "admin1" or len(ix) == 1:
            continue
        for pos, i in enumerate(ix[1:], 1):
            e = entries[i]
            if e.feature == "city" and e.country == head.country and e.population >= 100000 \
                    and e.population >= 0.4 * max(1, head.population):
                ix.insert(0, ix.pop(pos))
                break
    # abbreviations of places ("NSW", "L.A."): the strongest place of that name in its country
    abbreviations = geodata / "abbreviations.tsv"
    if abbreviations.exists():
        for abbr, full, iso, _src in read_tsv(abbreviations):
            named = [i for i in keys.get(normalise_name(full), []) if entries[i].country == iso]
            if named and named[0] not in keys.get(normalise_name(abbr), []):
                keys.setdefault(normalise_name(abbr), []).insert(0, named[0])
    # US state abbreviations ("Tex.", "Calif.") find their state.
    state_index = {e.name: i for i, e in enumerate(entries) if e.feature == "admin1" and e.country == "US"}
    for abbr, state, _src in read_tsv(geodata / "us_state_abbreviations.tsv"):
        if state in state_index:
            keys.setdefault(normalise_name(abbr), []).append(state_index[state])
    rkeys = _romanised_keys(keys)
    sources: list[str] = []
    source_ix: dict[str, int] = {}
    source_of = []
    for e in entries:
        if e.source not in source_ix:
            source_ix[e.source] = len(sources)
            sources.append(e.source)
        source_of.append(source_ix[e.source])
    payload = {
        "version": INDEX_VERSION,
        "ids": {i: e.id for i, e in enumerate(entries) if e.id != f"geonames:{e.geonameid}"},
        "names": [e.name for e in entries],
        "features": bytes(FEATURES.index(e.feature) for e in entries),
        "countries": "".join((e.country or "--")[:2].ljust(2, "-") for e in entries),
        "lats": array("d", [e.lat for e in entries]).tobytes(),
        "lons": array("d", [e.lon for e in entries]).tobytes(),
        "populations": array("q", [e.population for e in entries]).tobytes(),
        "geonameids": array("q", [e.geonameid or 0 for e in entries]).tobytes(),
        "admin1s": [e.admin1 for e in entries],
        "sources": sources,
        "source_of": source_of,
        "approximate": [i for i, e in enumerate(entries) if e.approximate],
        "capitals": [i for i, e in enumerate(entries) if e.capital],
        "members": {i: e.members for i, e in enumerate(entries) if e.members},
        "aliases": {i: e.aliases for i, e in enumerate(entries) if e.aliases and e.feature != "city"},
        "keys": {k: v[0] if len(v) == 1 else tuple(v) for k, v in keys.items()},
        "rkeys": rkeys,
        "demonyms": read_demonyms(geodata),
        "country_index": {e.country: i for i, e in enumerate(entries) if e.feature == "country" and e.country},
        "build_seconds": 0.0,
    }
    payload["build_seconds"] = time.perf_counter() - started
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            marshal.dump(payload, fh)
        os.replace(tmp, target)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise IndexBuildError(f"cannot write the gazetteer index {target}: {err}") from err
    return payload["build_seconds"]


def _romanised_keys(keys: dict[str, list[int]]) -> dict[str, int | tuple[int, ...]]:
    """The romanisation keys of every name key, each with its places strongest first (a place's
    position in the index is its rank)."""
    out: dict[str, set[int]] = {}
    for key, ix in keys.items():
        for rkey in romanised_keys_of(key):
            out.setdefault(rkey, set()).update(ix)
    return {k: min(v) if len(v) == 1 else tuple(sorted(v)) for k, v in out.items()}


def load_index(path: Path) -> IndexData:
    """Load an index written by :func:`build_index`; raises IndexBuildError when unusable."""
    # The index is hundreds of thousands of small objects: a cyclic-GC pass every few thousand
    # allocations would triple the load time, and none of them can form a cycle.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        # one read then loads(): marshal.load() on a file object reads in small pieces, 4x slower
        payload = marshal.loads(Path(path).read_bytes())
    except (OSError, EOFError, ValueError, TypeError) as err:
        raise IndexBuildError(f"cannot read the gazetteer index {path}: {err}") from err
    finally:
        if gc_was_enabled:
            gc.enable()
    if not isinstance(payload, dict) or payload.get("version") != INDEX_VERSION:
        raise IndexBuildError(f"the gazetteer index {path} has another version")
    payload.pop("version")
    payload["approximate"] = frozenset(payload["approximate"])
    payload["capitals"] = frozenset(payload["capitals"])
    for name, code in (("lats", "d"), ("lons", "d"), ("populations", "q"), ("geonameids", "q")):
        column = array(code)
        column.frombytes(payload[name])
        payload[name] = column
    return IndexData(**payload)
