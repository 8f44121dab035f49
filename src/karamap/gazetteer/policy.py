"""Manners around an online backend: one request a second, an on-disk cache, retries, and giving up once."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from karamap.errors import GeocoderError, GeocoderRateLimited, GeocoderUnavailable
from karamap.gazetteer.base import Gazetteer, normalise_name
from karamap.model import Place

__all__ = ["RateLimiter", "GeocodeCache", "PoliteGazetteer", "place_to_json", "place_from_json", "logger"]

#: karamap's logger; with no logging set up, Python prints its warnings on stderr as they are
logger = logging.getLogger("karamap")

#: how many results are asked for and cached per name (searches slice it)
FETCH_LIMIT = 10


class RateLimiter:
    """At most one call per ``min_delay`` seconds, counted from the END of the previous call.

    Counting from the end (not the start) makes the guarantee hold where the
    server measures it: the previous request reached the server before it ended.
    Use as a context manager around each call. ``_clock`` and ``_sleep`` are
    injectable so tests need not wait.

    >>> now = [0.0]
    >>> limiter = RateLimiter(1.0, _clock=lambda: now[0], _sleep=lambda s: now.__setitem__(0, now[0] + s))
    >>> with limiter: now[0] += 0.25  # a request that took 0.25 s
    >>> with limiter: pass
    >>> now[0]
    1.25
    """

    def __init__(self, min_delay: float = 1.0, *, _clock: Callable[[], float] = time.monotonic,
                 _sleep: Callable[[float], None] = time.sleep) -> None:
        self.min_delay = min_delay
        self._clock = _clock
        self._sleep = _sleep
        self._last: float | None = None
        self._lock = threading.Lock()

    def __enter__(self) -> RateLimiter:
        self._lock.acquire()
        if self._last is not None:
            remaining = self.min_delay - (self._clock() - self._last)
            if remaining > 0:
                self._sleep(remaining)
        return self

    def __exit__(self, *exc: object) -> None:
        self._last = self._clock()
        self._lock.release()


def place_to_json(place: Place) -> dict[str, Any]:
    """A JSON-ready dict of ``place`` (its shapely geometry dropped; ``raw`` kept if JSON-able)."""
    data = {f.name: getattr(place, f.name) for f in dataclasses.fields(place) if f.name != "geometry"}
    data["aliases"] = list(place.aliases)
    data["members"] = list(place.members)
    try:
        json.dumps(data["raw"])
    except (TypeError, ValueError):
        data["raw"] = None
    return data


def place_from_json(data: dict[str, Any]) -> Place:
    data = dict(data)
    data["aliases"] = tuple(data.get("aliases", ()))
    data["members"] = tuple(data.get("members", ()))
    known = {f.name for f in dataclasses.fields(Place)}
    return Place(**{k: v for k, v in data.items() if k in known})


class GeocodeCache:
    """Answers of online geocoders in an SQLite file that survives runs.

    Empty answers are cached too (an unknown name is not asked again); failures are
    not. A cache file that cannot be opened is replaced by an in-memory one with a
    warning: the run goes on, only slower.

    >>> cache = GeocodeCache(":memory:")
    >>> cache.get("k") is None
    True
    >>> cache.put("k", []); cache.get("k")
    []
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._lock = threading.Lock()
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = self._connect(self.path)
        except (sqlite3.Error, OSError) as err:
            logger.warning("karamap: warning: geocoder cache %s cannot be used (%s); "
                           "caching in memory for this run", self.path, err)
            self._db = self._connect(":memory:")

    @staticmethod
    def _connect(path: str) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=30, check_same_thread=False)
        db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, places TEXT NOT NULL, "
                   "created REAL NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS places (id TEXT PRIMARY KEY, place TEXT NOT NULL)")
        db.commit()
        return db

    def _failed(self, err: Exception) -> None:
        # A cache is an optimisation: say so once and go on in memory rather than fail the run.
        logger.warning("karamap: warning: geocoder cache %s failed (%s); caching in memory for this run",
                       self.path, err)
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
        self.path = ":memory:"
        self._db = self._connect(":memory:")

    def get(self, key: str) -> list[Place] | None:
        with self._lock:
            try:
                row = self._db.execute("SELECT places FROM answers WHERE key = ?", (key,)).fetchone()
                return None if row is None else [place_from_json(d) for d in json.loads(row[0])]
            except (sqlite3.Error, ValueError, TypeError) as err:
                self._failed(err)
                return None

    def put(self, key: str, places: list[Place]) -> None:
        records = [place_to_json(p) for p in places]
        with self._lock:
            try:
                self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                                 (key, json.dumps(records, ensure_ascii=False), time.time()))
                self._db.executemany("INSERT OR REPLACE INTO places VALUES (?, ?)",
                                     [(r["id"], json.dumps(r, ensure_ascii=False)) for r in records])
                self._db.commit()
            except sqlite3.Error as err:
                self._failed(err)

    def get_place(self, place_id: str) -> Place | None:
        with self._lock:
            try:
                row = self._db.execute("SELECT place FROM places WHERE id = ?", (place_id,)).fetchone()
                return None if row is None else place_from_json(json.loads(row[0]))
            except (sqlite3.Error, ValueError, TypeError) as err:
                self._failed(err)
                return None

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):  # closing twice, or a connection already gone
            self._db.close()


class PoliteGazetteer(Gazetteer):
    """An online backend with manners: cache first, then at most one request per
    ``min_delay_seconds``, retries with exponential backoff on timeouts, 429 (its
    Retry-After honoured) and 5xx (not on a refused connection or an unknown host,
    which a retry seconds later does not cure), and, when the service stays down or refuses, one
    warning and no more requests for the rest of the run (searches then answer
    nothing, so the offline gazetteer's answers stand).

    Examples
    --------
    >>> from karamap.gazetteer.user import UserGazetteer
    >>> from karamap.model import Place
    >>> backend = UserGazetteer([Place("user:x", "Xankandi", "city", "AZ", 39.8, 46.75)])
    >>> polite = PoliteGazetteer(backend, GeocodeCache(":memory:"), min_delay_seconds=0)
    >>> [p.name for p in polite.search("Xankandi")]
    ['Xankandi']
    """

    def __init__(
        self,
        backend: Gazetteer,
        cache: GeocodeCache,
        *,
        min_delay_seconds: float = 1.0,
        retries: int = 3,
        backoff_seconds: float = 1.0,
        max_backoff_seconds: float = 60.0,
        _clock: Callable[[], float] = time.monotonic,
        _sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.backend = backend
        self.cache = cache
        self.name = backend.name
        self.retries = retries
        self.backoff_seconds = backoff_seconds
        self.max_backoff_seconds = max_backoff_seconds
        self.limiter = RateLimiter(min_delay_seconds, _clock=_clock, _sleep=_sleep)
        self._sleep = _sleep
        #: the error that made this run stop asking (None while the service answers)
        self.down: GeocoderError | None = None
        #: at least one place came from this backend (its attribution must be shown)
        self.used = False
        #: requests actually sent (cache hits excluded)
        self.requests = 0

    @property
    def attribution(self) -> str:  # type: ignore[override]
        return self.backend.attribution if self.used else ""

    def _key(self, name: str, country: str | None) -> str:
        endpoint = getattr(self.backend, "endpoint", "")
        return f"{self.backend.name}|{endpoint}|{normalise_name(name)}|{(country or '').upper()}"

    def search(self, name: str, *, country: str | None = None, limit: int = 10) -> list[Place]:
        if not name.strip():
            return []
        key = self._key(name, country)
        cached = self.cache.get(key)
        if cached is None:
            if self.down is not None:
                return []
            try:
                cached = self._ask(name, country)
            except GeocoderError as err:
                self._give_up(err)
                return []
            self.cache.put(key, cached)
        if cached:
            self.used = True
        return cached[:limit]

    def _ask(self, name: str, country: str | None) -> list[Place]:
        attempt = 0
        while True:
            try:
                with self.limiter:
                    self.requests += 1
                    return self.backend.search(name, country=country, limit=FETCH_LIMIT)
            except GeocoderUnavailable as err:
                if not getattr(err, "transient", True):
                    raise
                if attempt >= self.retries:
                    raise GeocoderUnavailable(f"{err} ({attempt + 1} tries)") from err
                retry_after = err.retry_after if isinstance(err, GeocoderRateLimited) else None
                delay = min(retry_after if retry_after else self.backoff_seconds * 2 ** attempt,
                            self.max_backoff_seconds)
                logger.debug("karamap: %s; retrying in %.1f s", err, delay)
                self._sleep(delay)
                attempt += 1

    def _give_up(self, err: GeocoderError) -> None:
        self.down = err
        logger.warning("karamap: warning: %s; using the offline gazetteer alone for the rest of this run",
                       err)

    def get(self, place_id: str) -> Place | None:
        return self.backend.get(place_id) or self.cache.get_place(place_id)

    def close(self) -> None:
        self.cache.close()
        self.backend.close()
