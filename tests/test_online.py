"""Online geocoding against a real HTTP server on 127.0.0.1 that speaks Nominatim's /search JSON."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from karamap.config import Options
from karamap.errors import ConfigurationError
from karamap.gazetteer.base import normalise_name
from karamap.gazetteer.chain import ChainGazetteer
from karamap.gazetteer.online import OSM_ATTRIBUTION, NominatimGazetteer
from karamap.gazetteer.open import GEOCODER_CACHE_NAME, open_gazetteer
from karamap.gazetteer.policy import GeocodeCache, PoliteGazetteer, RateLimiter
from karamap.gazetteer.user import UserGazetteer
from karamap.model import Place

UA = "karamap-tests/1.0 (tests@example.org)"

KHANKENDI = {
    "place_id": 1001, "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
    "osm_type": "relation", "osm_id": 9300221, "lat": "39.8177", "lon": "46.7528",
    "class": "boundary", "type": "administrative", "addresstype": "city", "importance": 0.55,
    "name": "Khankendi", "display_name": "Khankendi, Azerbaijan",
    "address": {"city": "Khankendi", "country": "Azerbaijan", "country_code": "az"},
    "namedetails": {"name": "Xankəndi", "name:en": "Khankendi", "alt_name": "Stepanakert;Khankandi",
                    "name:ru": "Ханкенди"},
}
GIYASLI_POST = {
    "place_id": 1002, "osm_type": "node", "osm_id": 42, "lat": "40.026", "lon": "46.915",
    "class": "military", "type": "checkpoint", "name": "Monitoring post",
    "display_name": "Monitoring post, Aghdam District, Azerbaijan",
    "address": {"country_code": "az", "state": "Aghdam District"},
}


@dataclass
class Seen:
    at: float
    path: str
    query: dict[str, list[str]]
    user_agent: str


@dataclass
class NominatimStub:
    """A scripted Nominatim: answers from ``results``; ``script`` forces the next replies."""

    results: dict[str, list[dict]] = field(default_factory=dict)
    #: per request, in order: None (answer), an HTTP status int, ("sleep", s), ("retry-after", status, s), "garbage"
    script: deque = field(default_factory=deque)
    requests: list[Seen] = field(default_factory=list)
    url: str = ""

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        query = parse_qs(parts.query)
        self.requests.append(Seen(time.monotonic(), parts.path, query, handler.headers.get("User-Agent", "")))
        action = self.script.popleft() if self.script else None
        if isinstance(action, tuple) and action[0] == "sleep":
            time.sleep(action[1])
            action = None
        if isinstance(action, tuple) and action[0] == "retry-after":
            return self._send(handler, action[1], b'{"error": "slow down"}', {"Retry-After": str(action[2])})
        if isinstance(action, int):
            return self._send(handler, action, b'{"error": "scripted"}')
        if action == "garbage":
            return self._send(handler, 200, b"<html>captive portal</html>", ctype="text/html")
        if parts.path != "/search":
            return self._send(handler, 404, b"{}")
        name = normalise_name(query.get("q", [""])[0])
        found = self.results.get(name, [])
        if "countrycodes" in query:
            codes = query["countrycodes"][0].split(",")
            found = [r for r in found if r.get("address", {}).get("country_code") in codes]
        self._send(handler, 200, json.dumps(found).encode())

    @staticmethod
    def _send(handler, status, body, headers=None, ctype="application/json"):
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", ctype)
            handler.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                handler.send_header(k, v)
            handler.end_headers()
            handler.wfile.write(body)
        except OSError:
            pass  # the client gave up (timeout tests)


@pytest.fixture
def server():
    stub = NominatimStub(results={"khankendi": [KHANKENDI], "stepanakert": [KHANKENDI],
                                  "monitoring post": [GIYASLI_POST]})

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            stub.handle(self)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    stub.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield stub
    httpd.shutdown()
    httpd.server_close()


class FakeTime:
    """A clock that sleeping advances, so waits are measured, not spent."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def polite(url, cache, *, time_=None, timeout=2.0, min_delay=1.0, **kw) -> PoliteGazetteer:
    backend = NominatimGazetteer(UA, url=url, timeout=timeout)
    time_ = time_ or FakeTime()
    return PoliteGazetteer(backend, cache, min_delay_seconds=min_delay, _clock=time_.clock,
                           _sleep=time_.sleep, **kw)


def offline_stand_in() -> UserGazetteer:
    """A small in-memory offline gazetteer (the contract is all the chain needs)."""
    return UserGazetteer([Place("geonames:147425", "Aghdam", "city", "AZ", 39.99, 46.93, source="geonames")])


@pytest.fixture
def warnings_(caplog):
    caplog.set_level(logging.WARNING, logger="karamap")
    return lambda: [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


# --- results -----------------------------------------------------------------------------


def test_results_of_the_server_become_places(server):
    gaz = NominatimGazetteer(UA, url=server.url)
    (place,) = gaz.search("Khankendi", country="AZ")
    assert place.id == "nominatim:relation/9300221"
    assert (place.name, place.feature, place.country, place.source) == ("Khankendi", "city", "AZ", "nominatim")
    assert (place.lat, place.lon) == (39.8177, 46.7528)
    assert {"Xankəndi", "Stepanakert", "Khankandi", "Ханкенди"} <= set(place.aliases)
    assert gaz.get(place.id) == place
    (seen,) = server.requests
    assert seen.path == "/search"
    assert seen.user_agent == UA
    assert seen.query["q"] == ["Khankendi"] and seen.query["format"] == ["json"]
    assert seen.query["countrycodes"] == ["az"]
    assert gaz.search("Atlantis") == []


def test_a_facility_result_is_typed_as_one(server):
    (place,) = NominatimGazetteer(UA, url=server.url).search("Monitoring post")
    assert (place.id, place.feature, place.admin1) == ("nominatim:node/42", "facility", "Aghdam District")


def test_a_user_agent_is_required():
    with pytest.raises(ConfigurationError, match="user agent"):
        NominatimGazetteer("  ")
    with pytest.raises(ConfigurationError, match="needs a user agent"):
        Options(geocoder="nominatim")


# --- cache -------------------------------------------------------------------------------


def test_the_second_run_is_answered_by_the_disk_cache_without_request_or_wait(server, tmp_path):
    db = tmp_path / "cache.sqlite"
    first = polite(server.url, GeocodeCache(db))
    assert [p.name for p in first.search("Khankendi")] == ["Khankendi"]
    assert first.search("Atlantis") == []  # unknown names are cached too
    first.close()
    assert len(server.requests) == 2

    clock = FakeTime()
    second = polite(server.url, GeocodeCache(db), time_=clock)
    started = time.monotonic()
    again = second.search("khankendi ")  # same lookup key
    assert second.search("Atlantis") == []
    assert [p.id for p in again] == ["nominatim:relation/9300221"]
    assert again[0].aliases == first.backend.get("nominatim:relation/9300221").aliases
    assert len(server.requests) == 2, "a cache hit must not reach the server"
    assert clock.sleeps == [] and second.requests == 0, "a cache hit must not wait"
    assert time.monotonic() - started < 0.5
    assert second.get("nominatim:relation/9300221").name == "Khankendi"  # by id, from the cache
    assert second.used and second.attribution == OSM_ATTRIBUTION


def test_a_corrupt_cache_file_is_replaced_by_memory_with_a_warning(tmp_path, server, warnings_):
    db = tmp_path / "cache.sqlite"
    db.write_bytes(b"this is not sqlite" * 100)
    gaz = polite(server.url, GeocodeCache(db))
    assert [p.name for p in gaz.search("Khankendi")] == ["Khankendi"]
    assert any("cannot be used" in w for w in warnings_())


# --- retries -----------------------------------------------------------------------------


def test_429_then_success_is_retried_after_the_servers_retry_after(server, tmp_path, warnings_):
    server.script.extend([("retry-after", 429, 3), None])
    clock = FakeTime()
    gaz = polite(server.url, GeocodeCache(tmp_path / "c.sqlite"), time_=clock)
    assert [p.name for p in gaz.search("Khankendi")] == ["Khankendi"]
    assert len(server.requests) == 2
    assert 3.0 in clock.sleeps
    assert gaz.down is None and warnings_() == []


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_5xx_then_success_is_retried_with_backoff(server, tmp_path, status):
    server.script.extend([status, status, None])
    clock = FakeTime()
    gaz = polite(server.url, GeocodeCache(tmp_path / "c.sqlite"), time_=clock, backoff_seconds=1.0)
    assert [p.name for p in gaz.search("Khankendi")] == ["Khankendi"]
    assert len(server.requests) == 3
    assert [s for s in clock.sleeps if s >= 1.0][:2] == [1.0, 2.0]  # exponential backoff


# --- falling back to offline ---------------------------------------------------------------


def test_timeouts_fall_back_to_offline_with_one_warning(server, tmp_path, warnings_):
    server.script.extend([("sleep", 1.0)] * 10)
    online = polite(server.url, GeocodeCache(tmp_path / "c.sqlite"), timeout=0.2, retries=2)
    chain = ChainGazetteer(offline_stand_in(), online=online)
    assert chain.search("Khankendi") == []  # unknown offline, online timed out
    assert len(server.requests) == 3  # first try and two retries
    assert [p.id for p in chain.search("Aghdam")] == ["geonames:147425"]  # offline still answers
    assert chain.search("Stepanakert") == []  # no more requests once given up
    assert len(server.requests) == 3
    (warning,) = warnings_()
    assert "timed out" in warning and "offline gazetteer" in warning and "3 tries" in warning
    assert chain.attribution == ""  # nothing came from OSM


def test_a_dead_server_falls_back_to_offline_with_one_warning(tmp_path, warnings_):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    clock = FakeTime()
    online = polite(dead, GeocodeCache(tmp_path / "c.sqlite"), time_=clock)
    chain = ChainGazetteer(offline_stand_in(), online=online)
    for name in ("Khankendi", "Stepanakert", "Shusha", "Lachin"):
        assert chain.search(name) == []
    assert [p.name for p in chain.search("Aghdam")] == ["Aghdam"]
    (warning,) = warnings_()
    assert "cannot be reached" in warning and "offline gazetteer" in warning
    assert online.requests == 1 and clock.sleeps == []  # nothing listens: no retry, no wait


def test_a_garbled_reply_is_retried_then_given_up(server, tmp_path, warnings_):
    server.script.extend(["garbage"] * 5)
    gaz = polite(server.url, GeocodeCache(tmp_path / "c.sqlite"), retries=1)
    assert gaz.search("Khankendi") == []
    assert len(server.requests) == 2
    assert "not its JSON" in warnings_()[0]


def test_403_is_not_retried_and_names_the_user_agent(server, tmp_path, warnings_):
    server.script.extend([403] * 5)
    gaz = polite(server.url, GeocodeCache(tmp_path / "c.sqlite"))
    assert gaz.search("Khankendi") == []
    assert gaz.search("Stepanakert") == []
    assert len(server.requests) == 1
    (warning,) = warnings_()
    assert "refused" in warning and "--user-agent" in warning


def test_failures_are_not_cached(server, tmp_path):
    db = tmp_path / "c.sqlite"
    server.script.extend([503] * 4)
    assert polite(server.url, GeocodeCache(db), retries=0).search("Khankendi") == []
    assert [p.name for p in polite(server.url, GeocodeCache(db)).search("Khankendi")] == ["Khankendi"]


# --- rate -----------------------------------------------------------------------------------


def test_never_more_than_one_request_a_second_at_the_server(server, tmp_path):
    gaz = PoliteGazetteer(NominatimGazetteer(UA, url=server.url), GeocodeCache(tmp_path / "c.sqlite"),
                          min_delay_seconds=1.0)  # the real clock: this test does wait
    server.script.extend([503, None])  # a retry counts as a request too
    for name in ("Khankendi", "Stepanakert", "Monitoring post"):
        gaz.search(name)
    times = [r.at for r in server.requests]
    assert len(times) == 4
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 1.0, gaps


def test_the_rate_limiter_counts_from_the_end_of_the_previous_call():
    clock = FakeTime()
    limiter = RateLimiter(1.0, _clock=clock.clock, _sleep=clock.sleep)
    with limiter:
        clock.now += 0.4  # the request took 0.4 s
    with limiter:
        pass
    assert clock.sleeps == [1.0]
    clock.now += 5
    with limiter:
        pass
    assert clock.sleeps == [1.0]


# --- composition ------------------------------------------------------------------------------


def test_open_gazetteer_builds_user_offline_online_from_options(server, tmp_path):
    overrides = tmp_path / "mine.csv"
    overrides.write_text("name,lat,lon,feature\nCamp Alpha,40.1,46.8,facility\n")
    options = Options(geocoder="nominatim", user_agent=UA, geocoder_url=server.url,
                      cache_dir=tmp_path / "cache", min_delay_seconds=0, overrides=overrides)
    gaz = open_gazetteer(options, offline=offline_stand_in())
    assert isinstance(gaz, ChainGazetteer)
    assert [p.id for p in gaz.lookup_key("camp alpha")] == ["user:camp-alpha"]
    assert gaz.lookup_key("khankendi") == ()  # recognition never goes online
    assert gaz.attribution == ""
    assert [p.id for p in gaz.search("Aghdam")] == ["geonames:147425"]
    assert server.requests == []  # offline knew it: no request
    (online,) = gaz.search("Khankendi")
    assert online.source == "nominatim"
    assert gaz.get(online.id) == online
    assert gaz.attribution == OSM_ATTRIBUTION
    assert (tmp_path / "cache" / GEOCODER_CACHE_NAME).is_file()
    gaz.close()


def test_open_gazetteer_without_extras_is_the_offline_backend_itself(tmp_path):
    stand_in = offline_stand_in()
    assert open_gazetteer(Options(cache_dir=tmp_path), offline=stand_in) is stand_in


# --- one contract, every backend of this module --------------------------------------------------


@pytest.fixture(params=["user", "nominatim", "polite", "chain"])
def backend(request, server, tmp_path):
    """Each backend that knows Khankendi (AZ), as the Gazetteer contract sees it."""
    if request.param == "user":
        return UserGazetteer([Place("user:khankendi", "Khankendi", "city", "AZ", 39.8177, 46.7528,
                                    aliases=("Stepanakert",), source="user")])
    if request.param == "nominatim":
        return NominatimGazetteer(UA, url=server.url)
    online = polite(server.url, GeocodeCache(tmp_path / "c.sqlite"), min_delay=0)
    return online if request.param == "polite" else ChainGazetteer(offline_stand_in(), online=online)


def test_contract_an_unknown_name_is_an_empty_list_and_an_unknown_id_none(backend):
    assert backend.search("Qwxzy Nowhere") == []
    assert backend.search("   ") == []
    assert backend.get("nosuch:1") is None
    assert isinstance(backend.lookup_key("qwxzy nowhere"), tuple)


def test_contract_search_answers_places_that_get_gives_back(backend):
    found = backend.search("Khankendi")
    assert found and all(isinstance(p, Place) for p in found)
    assert found[0].country == "AZ" and -90 <= found[0].lat <= 90 and -180 <= found[0].lon <= 180
    assert [backend.get(p.id) for p in found] == found


def test_contract_country_and_limit_restrict_the_answer(backend):
    assert backend.search("Khankendi", country="RU") == []
    assert [p.country for p in backend.search("Khankendi", country="az")] == ["AZ"]
    assert len(backend.search("Stepanakert", limit=1)) == 1


# --- the pipeline asks the online geocoder for names only it knows ---------------------------------

QARAQOYUNLU = {
    "place_id": 1003, "osm_type": "node", "osm_id": 7, "lat": "40.08", "lon": "46.77", "class": "place",
    "type": "village", "addresstype": "village", "name": "Qaraqoyunlu",
    "display_name": "Qaraqoyunlu, Tartar District, Azerbaijan", "address": {"country_code": "az"},
}


def test_an_article_names_a_village_only_nominatim_knows(server, tmp_path, gazetteer):
    from karamap.pipeline import annotate_article
    from karamap.read import read_text

    server.results["qaraqoyunlu"] = [QARAQOYUNLU]
    options = Options(geocoder="nominatim", user_agent=UA, geocoder_url=server.url,
                      cache_dir=tmp_path / "cache", min_delay_seconds=0)
    chain = open_gazetteer(options, offline=gazetteer)
    article = read_text("Shelling was reported in Qaraqoyunlu on Monday, officials in Baku said.",
                        published="2020-10-05")
    doc = annotate_article(article, chain)
    by_surface = {r.mention.surface: r.place for r in doc.places}
    assert by_surface["Qaraqoyunlu"].id == "nominatim:node/7"
    assert by_surface["Baku"].source != "nominatim"  # known offline: never asked
    asked = [r.query["q"][0] for r in server.requests]
    assert asked == ["Qaraqoyunlu"]  # resolution's search was answered by the cache
    assert chain.attribution.endswith(OSM_ATTRIBUTION)
    chain.online.close()  # not the chain: the offline gazetteer is the session's


def test_without_an_online_geocoder_nothing_is_discovered(gazetteer):
    from karamap.gazetteer.discover import discover
    from karamap.read import read_text

    assert discover(read_text("Shelling in Qaraqoyunlu."), [], gazetteer) == []
