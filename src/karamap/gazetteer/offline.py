"""The embedded offline gazetteer: GeoNames, ISO names and karamap's geodata, no server, no download."""

from __future__ import annotations

import time
from pathlib import Path

from karamap.errors import IndexBuildError
from karamap.gazetteer.base import Gazetteer, normalise_name
from karamap.gazetteer.index import FEATURES, IndexData, build_index, index_file, load_index, remove_stale_indexes
from karamap.model import Place
from karamap.paths import geodata_dir

__all__ = ["OfflineGazetteer", "PLACE_CACHE_SIZE"]

#: places kept built between look-ups: a corpus names a few thousand again and again; the cache
#: starts afresh when full, so that a corpus of millions of articles keeps memory bounded
PLACE_CACHE_SIZE = 50_000
#: keys whose index positions are kept after a look-up (found or not): text after text asks for the
#: same capitalised words ("The", "Monday", "Police"), and the index's hash table is read in
#: Python; the memo starts afresh when full, as the place cache does
KEY_MEMO_SIZE = 50_000


class OfflineGazetteer(Gazetteer):
    """Places from the index built once into the cache directory.

    Keys are :func:`~karamap.gazetteer.base.normalise_name` forms of every name and alias
    (accents and case folded), so ``lookup_key`` is one dict look-up. Candidates of a key
    come strongest first: countries, regions and karamap's own entries, first-level
    divisions, then towns by population (a big city before its namesake province).

    >>> from karamap.config import DEFAULT_CACHE_DIR
    >>> gaz = OfflineGazetteer.open(DEFAULT_CACHE_DIR)
    >>> [p.feature for p in gaz.search("Georgia")[:2]]
    ['country', 'admin1']
    """

    name = "offline"
    attribution = "GeoNames (CC BY 4.0), ISO 3166 via pycountry, countryinfo, karamap geodata"

    def __init__(self, data: IndexData, *, path: Path | None = None, load_seconds: float = 0.0) -> None:
        self._d = data
        self._cache: dict[int, Place] = {}
        # key -> index position(s) or None, for names and for romanisation keys
        self._keys_seen: dict[str, int | tuple[int, ...] | None] = {}
        self._rkeys_seen: dict[str, int | tuple[int, ...] | None] = {}
        self._by_id: dict[str, int] | None = None
        self._capitals: tuple[frozenset[str], frozenset[int]] | None = None
        self._demonym_places: dict[str, Place | None] = {}  # state and region demonyms, once found
        self.path = path
        #: seconds the last load took (the build not included)
        self.load_seconds = load_seconds
        #: seconds the index took to build (when it was built)
        self.build_seconds = data.build_seconds

    @classmethod
    def open(cls, cache_dir: str | Path, *, rebuild: bool = False) -> OfflineGazetteer:
        """Open the index in ``cache_dir``, building it first when missing or stale.

        >>> from karamap.config import DEFAULT_CACHE_DIR
        >>> OfflineGazetteer.open(DEFAULT_CACHE_DIR).search("Ankara")[0].id
        'geonames:323786'
        """
        path = index_file(Path(cache_dir))
        if rebuild or not path.exists():
            build_index(geodata_dir(), path)
        started = time.perf_counter()
        try:
            data = load_index(path)
        except IndexBuildError:
            build_index(geodata_dir(), path)  # a stale or broken file: build it again once
            started = time.perf_counter()
            data = load_index(path)
        seconds = time.perf_counter() - started
        remove_stale_indexes(path.parent)  # indexes of other sources that nobody has open
        return cls(data, path=path, load_seconds=seconds)

    # -- the contract ---------------------------------------------------------------
    def place(self, i: int) -> Place:
        """The Place at index position ``i`` (built once, then cached)."""
        p = self._cache.get(i)
        if p is None:
            if len(self._cache) >= PLACE_CACHE_SIZE:
                self._cache.clear()
            d = self._d
            members = d.members.get(i, ())
            gid = d.geonameids[i] or None
            cc = d.countries[2 * i : 2 * i + 2]
            p = Place(
                id=d.ids.get(i) or f"geonames:{gid}", name=d.names[i],
                feature=FEATURES[d.features[i]], country=None if cc == "--" else cc,  # type: ignore[arg-type]
                lat=d.lats[i], lon=d.lons[i], population=d.populations[i], geonameid=gid,
                admin1=d.admin1_names[d.admin1_of[i]], aliases=d.aliases.get(i, ()), source=d.sources[d.source_of[i]],
                members=members, approximate=i in d.approximate,
            )
            self._cache[i] = p
        return p

    def lookup_key(self, key: str) -> tuple[Place, ...]:
        """Places whose name or alias normalises to ``key``, strongest claim first.

        >>> from karamap.config import DEFAULT_CACHE_DIR
        >>> OfflineGazetteer.open(DEFAULT_CACHE_DIR).lookup_key("upper karabakh")[0].id
        'karamap:nagorno-karabakh'
        """
        return self._places(_positions(self._keys_seen, self._d.keys, key))

    def lookup_romanised(self, rkey: str) -> tuple[Place, ...]:
        """Places one of whose names has the romanisation key ``rkey`` (see
        :func:`~karamap.gazetteer.romanise.romanised_key`), strongest claim first.

        >>> from karamap.config import DEFAULT_CACHE_DIR
        >>> from karamap.gazetteer.romanise import romanised_key
        >>> OfflineGazetteer.open(DEFAULT_CACHE_DIR).lookup_romanised(romanised_key("tall afar"))[0].name
        'Tall ‘Afar'
        """
        return self._places(_positions(self._rkeys_seen, self._d.rkeys, rkey))

    def _places(self, ix: int | tuple[int, ...] | None) -> tuple[Place, ...]:
        if ix is None:
            return ()
        if isinstance(ix, int):
            return (self.place(ix),)
        return tuple([self.place(i) for i in ix])

    def has_key(self, key: str) -> bool:
        """Whether any place answers to ``key`` (cheaper than :meth:`lookup_key`)."""
        return key in self._d.keys

    def search(self, name: str, *, country: str | None = None, limit: int = 10) -> list[Place]:
        """Places called ``name``, strongest first (country, region, division, then by population)."""
        places = self.lookup_key(normalise_name(name))
        if country:
            places = tuple(p for p in places if p.country == country.upper())
        return list(places[:limit])

    def get(self, place_id: str) -> Place | None:
        if self._by_id is None:
            self._by_id = {pid: i for i, pid in self._d.ids.items()}
        i = self._by_id.get(place_id)
        if i is None and place_id.startswith("geonames:") and place_id[9:].isdigit():
            i = self._geonames_position(int(place_id[9:]))
        return None if i is None else self.place(i)

    def _geonames_position(self, gid: int) -> int | None:
        if not hasattr(self, "_by_gid"):
            self._by_gid = {g: i for i, g in enumerate(self._d.geonameids) if g and i not in self._d.ids}
        return self._by_gid.get(gid)

    # -- extras the recogniser and resolver use when present -------------------------
    def demonym(self, key: str) -> Place | None:
        """The country (or state) a demonym or adjective names ("turkish" -> Turkey,
        "ohioans" -> Ohio), or None."""
        cc = self._d.demonyms.get(key)
        if cc is None:
            return None
        if len(cc) == 2:
            return self.country(cc)
        if cc not in self._demonym_places:
            if cc.startswith("="):  # a continent or region by its name ("=Europe")
                found = next((p for p in self.lookup_key(normalise_name(cc[1:])) if p.feature != "city"), None)
            else:  # a state: "ISO:division" ("US:Ohio")
                iso, division = cc.split(":", 1)
                found = next((p for p in self.lookup_key(normalise_name(division))
                              if p.feature == "admin1" and p.country == iso), None)
            self._demonym_places[cc] = found
        return self._demonym_places[cc]

    def is_capital(self, place: Place) -> bool:
        """Whether ``place`` is a country's capital city (GeoNames' capital of the country)."""
        if self._capitals is None:  # the ids and GeoNames ids of the few capitals
            capitals = [self.place(i) for i in self._d.capitals]
            self._capitals = (frozenset(p.id for p in capitals),
                              frozenset(p.geonameid for p in capitals if p.geonameid))
        ids, gids = self._capitals
        return place.id in ids or place.geonameid in gids

    def country(self, code: str) -> Place | None:
        """The country with ISO 3166-1 alpha-2 ``code``."""
        i = self._d.country_index.get(code.upper())
        return None if i is None else self.place(i)

    def __len__(self) -> int:
        return len(self._d.names)


def _positions(seen: dict, table, key: str) -> int | tuple[int, ...] | None:
    """The index position(s) of ``key`` in ``table`` (None: none), remembered in ``seen``."""
    ix = seen.get(key, _UNSEEN)
    if ix is _UNSEEN:
        if len(seen) >= KEY_MEMO_SIZE:
            seen.clear()
        ix = seen[key] = table.get(key)
    return ix  # type: ignore[return-value]


_UNSEEN = object()
