"""Manners around an online backend: one request a second, an on-disk cache, retries, and giving up once."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import math
import re
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

from karamap.errors import GeocoderError, GeocoderRateLimited, GeocoderUnavailable
from karamap.gazetteer.base import Gazetteer, normalise_name
from karamap.model import FeatureKind, Place
from karamap.terminal import one_line, printable

__all__ = ["RateLimiter", "GeocodeCache", "PoliteGazetteer", "place_to_json", "place_from_json", "logger",
           "MAX_RETRY_AFTER_SECONDS", "RETRY_BUDGET_SECONDS"]

#: karamap's logger; with no logging set up, Python prints its warnings on stderr as they are
logger = logging.getLogger("karamap")

#: how many results are asked for and cached per name (searches slice it)
FETCH_LIMIT = 10
#: a server's Retry-After is waited up to this; asked for longer, karamap stops asking for the run
MAX_RETRY_AFTER_SECONDS = 30.0
#: all retry waits of a run (backoff and Retry-After) together: beyond it, karamap stops asking
RETRY_BUDGET_SECONDS = 120.0
#: the Place fields a cached answer keeps: what karamap uses, not the server's raw reply
_CACHED_FIELDS = tuple(f.name for f in dataclasses.fields(Place) if f.name not in ("geometry", "raw"))
_FEATURES = frozenset(get_args(FeatureKind))
_ALPHA2 = re.compile(r"[A-Z]{2}")


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

    def between_hops(self) -> None:
        """Inside the ``with`` block: one request just ended and another (a redirect hop) follows.

        The hop is a request like any other, so it waits as a new call would.

        >>> now = [0.0]
        >>> limiter = RateLimiter(1.0, _clock=lambda: now[0], _sleep=lambda s: now.__setitem__(0, now[0] + s))
        >>> with limiter:
        ...     limiter.between_hops()  # a redirect: the second request waits a second
        >>> now[0]
        1.0
        """
        self._sleep(self.min_delay)


def place_to_json(place: Place) -> dict[str, Any]:
    """The fields of ``place`` karamap uses, JSON-ready: no geometry, and not the server's raw reply.

    >>> place_to_json(Place("nominatim:node/7", "Qaraqoyunlu", "city", "AZ", 40.08, 46.77, raw={"x": 1}))["id"]
    'nominatim:node/7'
    """
    data = {name: getattr(place, name) for name in _CACHED_FIELDS}
    data["aliases"] = list(place.aliases)
    data["members"] = list(place.members)
    return data


def place_from_json(data: Any) -> Place:
    """The :class:`Place` of a cached record, every field's type checked.

    Raises
    ------
    ValueError : the record is not an object of karamap's fields (the message names the first bad one).

    Examples
    --------
    >>> place_from_json({"id": "n:1", "name": "X", "feature": "city", "country": "AZ", "lat": 40, "lon": 46}).lat
    40.0
    >>> place_from_json({"id": "n:1", "name": "X", "feature": "city", "country": "AZ", "lat": "40", "lon": 46})
    Traceback (most recent call last):
    ...
    ValueError: lat is a string, not a number
    """
    if not isinstance(data, dict):
        raise ValueError(f"a place is {_kind(data)}, not an object")
    place_id = _string(data, "id")
    if not place_id:
        raise ValueError("id is empty")
    feature = _string(data, "feature")
    if feature not in _FEATURES:
        raise ValueError(f"feature {one_line(feature, 40)!r} is not one of karamap's")
    country = _string(data, "country", optional=True)
    if country is not None and not _ALPHA2.fullmatch(country):
        raise ValueError("country is not an ISO 3166-1 alpha-2 code")
    lat, lon = _number(data, "lat"), _number(data, "lon")
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ValueError(f"lat {lat:g}, lon {lon:g} lies outside the world")
    population = data.get("population", 0)
    if isinstance(population, bool) or not isinstance(population, int) or population < 0:
        raise ValueError("population is not a whole number of people")
    geonameid = data.get("geonameid")
    if geonameid is not None and (isinstance(geonameid, bool) or not isinstance(geonameid, int)):
        raise ValueError("geonameid is not a whole number")
    approximate = data.get("approximate", False)
    if not isinstance(approximate, bool):
        raise ValueError("approximate is not true or false")
    return Place(
        id=place_id,
        name=_string(data, "name"),
        feature=feature,  # type: ignore[arg-type]
        country=country,
        lat=lat,
        lon=lon,
        population=population,
        geonameid=geonameid,
        admin1=_string(data, "admin1", optional=True),
        aliases=_strings(data, "aliases"),
        source=_string(data, "source", optional=True) or "cache",
        members=_strings(data, "members"),
        approximate=approximate,
    )


def _kind(value: Any) -> str:
    kinds = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(value), "a number" if isinstance(value, int | float) else type(value).__name__)


def _utf8(value: str, key: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        raise ValueError(f"{key} is not UTF-8 text") from err
    return value


def _string(data: dict[str, Any], key: str, *, optional: bool = False) -> Any:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key} is {_kind(value)}, not a string")
    return _utf8(value, key)


def _strings(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key} is not a list of strings")
    return tuple(_utf8(v, key) for v in value)


def _number(data: dict[str, Any], key: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{key} is {_kind(value)}, not a number")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{key} is not a finite number")
    return number


def _answer_from_json(text: Any) -> list[Place]:
    """The places of one cached answer (the ``places`` column), or ValueError."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")  # UnicodeDecodeError is a ValueError
    if not isinstance(text, str):
        raise ValueError(f"the stored answer is {_kind(text)}, not JSON text")
    try:
        records = json.loads(text)
    except RecursionError as err:
        raise ValueError("the stored answer is nested too deeply") from err
    if not isinstance(records, list):
        raise ValueError(f"the stored answer is {_kind(records)}, not a list of places")
    return [place_from_json(record) for record in records]


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
        #: rows of the wrong types met (dropped; the first one warned about)
        self._warned_rows = 0
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
            except (sqlite3.Error, ValueError) as err:
                self._failed(err)
                return None
            if row is None:
                return None
            try:
                return _answer_from_json(row[0])
            except ValueError as err:
                self._bad_row("answers", key, err)
                return None

    def put(self, key: str, places: list[Place]) -> None:
        records = [place_to_json(p) for p in places]
        with self._lock:
            try:
                # ASCII JSON: any string a server sent can be stored and read back
                self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                                 (key, json.dumps(records), time.time()))
                self._db.executemany("INSERT OR REPLACE INTO places VALUES (?, ?)",
                                     [(r["id"], json.dumps(r)) for r in records])
                self._db.commit()
            except (sqlite3.Error, ValueError) as err:
                self._failed(err)

    def get_place(self, place_id: str) -> Place | None:
        with self._lock:
            try:
                row = self._db.execute("SELECT place FROM places WHERE id = ?", (place_id,)).fetchone()
            except (sqlite3.Error, ValueError) as err:
                self._failed(err)
                return None
            if row is None:
                return None
            try:
                text = row[0].decode("utf-8") if isinstance(row[0], bytes) else row[0]
                if not isinstance(text, str):
                    raise ValueError(f"the stored place is {_kind(text)}, not JSON text")
                return place_from_json(json.loads(text))
            except (ValueError, RecursionError) as err:
                self._bad_row("places", place_id, ValueError(str(err)))
                return None

    def _bad_row(self, table: str, key: str, err: ValueError) -> None:
        # A row another version, another program or a disk error wrote: not an answer. It is
        # dropped (the name is asked again) and the run told once, not once a row.
        if not self._warned_rows:
            logger.warning("karamap: warning: geocoder cache %s holds a row karamap cannot use (%s); "
                           "such rows are dropped and asked again", printable(self.path), one_line(str(err), 100))
        self._warned_rows += 1
        column = "key" if table == "answers" else "id"
        try:
            self._db.execute(f"DELETE FROM {table} WHERE {column} = ?", (key,))  # noqa: S608 - two fixed names
            self._db.commit()
        except sqlite3.Error as error:
            self._failed(error)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):  # closing twice, or a connection already gone
            self._db.close()


class PoliteGazetteer(Gazetteer):
    """An online backend with manners: cache first, then at most one request per
    ``min_delay_seconds`` (redirect hops counted as requests), retries with exponential
    backoff on timeouts, 429 and 5xx (not on a refused connection or an unknown host,
    which a retry seconds later does not cure), and, when the service stays down or refuses, one
    warning and no more requests for the rest of the run (searches then answer
    nothing, so the offline gazetteer's answers stand).

    A server's Retry-After is honoured up to ``max_retry_after_seconds``; one that asks
    for longer is taken as down for this run. All retry waits of a run together stay
    within ``retry_budget_seconds``: a server that keeps asking for patience cannot
    stretch a run by more.

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
        max_retry_after_seconds: float = MAX_RETRY_AFTER_SECONDS,
        retry_budget_seconds: float = RETRY_BUDGET_SECONDS,
        _clock: Callable[[], float] = time.monotonic,
        _sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.backend = backend
        self.cache = cache
        self.name = backend.name
        self.retries = retries
        self.backoff_seconds = backoff_seconds
        self.max_backoff_seconds = max_backoff_seconds
        self.max_retry_after_seconds = max_retry_after_seconds
        self.retry_budget_seconds = retry_budget_seconds
        self.limiter = RateLimiter(min_delay_seconds, _clock=_clock, _sleep=_sleep)
        self._sleep = _sleep
        #: the error that made this run stop asking (None while the service answers)
        self.down: GeocoderError | None = None
        #: at least one place came from this backend (its attribution must be shown)
        self.used = False
        #: requests actually sent, redirect hops included (cache hits excluded)
        self.requests = 0
        #: seconds this run has waited before retries (backoff and Retry-After)
        self.waited = 0.0
        pace = getattr(backend, "pace_redirects", None)
        if callable(pace):
            pace(self._redirect_hop)

    @property
    def attribution(self) -> str:  # type: ignore[override]
        return self.backend.attribution if self.used else ""

    def _key(self, name: str, country: str | None) -> str:
        endpoint = getattr(self.backend, "endpoint", "")
        return f"{self.backend.name}|{endpoint}|{normalise_name(name)}|{(country or '').upper()}"

    def search(self, name: str, *, country: str | None = None, limit: int = 10) -> list[Place]:
        if not name.strip() or not _sendable(name):
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

    def _redirect_hop(self) -> None:
        self.requests += 1
        self.limiter.between_hops()

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
                self._wait_before_retry(err, attempt)
                attempt += 1

    def _wait_before_retry(self, err: GeocoderUnavailable, attempt: int) -> None:
        retry_after = err.retry_after if isinstance(err, GeocoderRateLimited) else None
        if retry_after is not None and retry_after > self.max_retry_after_seconds:
            raise GeocoderUnavailable(f"{err}: it asked to wait {retry_after:.0f} s, more than karamap waits "
                                      f"({self.max_retry_after_seconds:g} s)") from err
        delay = min(retry_after if retry_after else self.backoff_seconds * 2 ** attempt,
                    self.max_backoff_seconds)
        if self.waited + delay > self.retry_budget_seconds:
            raise GeocoderUnavailable(f"{err}: retries have waited {self.waited:.0f} s in this run, "
                                      f"the most karamap waits ({self.retry_budget_seconds:g} s)") from err
        logger.debug("karamap: %s; retrying in %.1f s", err, delay)
        self.waited += delay
        self._sleep(delay)

    def _give_up(self, err: GeocoderError) -> None:
        self.down = err
        logger.warning("karamap: warning: %s; using the offline gazetteer alone for the rest of this run",
                       printable(str(err)))

    def get(self, place_id: str) -> Place | None:
        return self.backend.get(place_id) or self.cache.get_place(place_id)

    def close(self) -> None:
        self.cache.close()
        self.backend.close()


def _sendable(name: str) -> bool:
    # Lone surrogates (bytes that were not UTF-8) can neither go into a URL nor into the cache.
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
