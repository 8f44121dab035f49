"""A hostile or broken geocoder server on 127.0.0.1: it may drip, flood, redirect, stall with Retry-After,
send JSON of the wrong shape or escape sequences. Each time the run goes on with one warning and the
offline answers, its waits bounded, its cache holding only what karamap uses, its terminal unharmed.

Time goes through injected clocks: no test waits for the server's pace."""

from __future__ import annotations

import json
import logging
import sqlite3

import geopy.exc
import pytest
from http_stub import RawServer, Request, Wire, reply

from karamap.errors import GeocoderUnavailable
from karamap.gazetteer.chain import ChainGazetteer
from karamap.gazetteer.online import NominatimGazetteer
from karamap.gazetteer.policy import GeocodeCache, PoliteGazetteer
from karamap.gazetteer.user import UserGazetteer
from karamap.model import Place

UA = "karamap-tests/1.0 (tests@example.org)"
KHANKENDI = {
    "place_id": 1001, "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
    "osm_type": "relation", "osm_id": 9300221, "lat": "39.8177", "lon": "46.7528",
    "boundingbox": ["39.78", "39.85", "46.70", "46.80"], "class": "boundary", "type": "administrative",
    "addresstype": "city", "importance": 0.55, "name": "Khankendi", "display_name": "Khankendi, Azerbaijan",
    "address": {"city": "Khankendi", "country": "Azerbaijan", "country_code": "az"},
    "namedetails": {"name": "Xankəndi", "name:en": "Khankendi", "alt_name": "Stepanakert"},
    "extratags": {"wikidata": "Q171864", "note": "a field karamap never uses"},
}


class FakeTime:
    """A clock that sleeping advances: waits are recorded, not spent."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


class TickingClock:
    """A clock that moves ``step`` seconds each time it is read: a request that keeps reading
    runs out of time after a known number of reads, however fast the server really is."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture
def server():
    stub = RawServer()
    yield stub
    stub.close()


@pytest.fixture
def other_host():
    """A second server, reached as 'localhost': another host name than 127.0.0.1."""
    stub = RawServer()
    stub.url = f"http://localhost:{stub.port}"
    yield stub
    stub.close()


@pytest.fixture
def warnings_(caplog):
    caplog.set_level(logging.WARNING, logger="karamap")
    return lambda: [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def polite(url, tmp_path, *, time_=None, clock=None, timeout=10.0, **kw) -> PoliteGazetteer:
    extra = {"_clock": clock} if clock is not None else {}
    backend = NominatimGazetteer(UA, url=url, timeout=timeout, **extra)
    time_ = time_ or FakeTime()
    return PoliteGazetteer(backend, GeocodeCache(tmp_path / "cache.sqlite"), _clock=time_.clock,
                           _sleep=time_.sleep, **kw)


def offline_stand_in() -> UserGazetteer:
    return UserGazetteer([Place("geonames:147425", "Aghdam", "city", "AZ", 39.99, 46.93, source="geonames")])


# --- one deadline per request ---------------------------------------------------------------------


def drip_body(wire: Wire, request: Request) -> None:
    wire.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n")
    wire.drip(b"[" + b" " * 3998 + b"]")


def drip_head(wire: Wire, request: Request) -> None:
    wire.drip(b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"z" * 3000 + b"\r\nContent-Length: 2\r\n\r\n[]")


@pytest.mark.parametrize("drip", [drip_body, drip_head], ids=["body", "status line and headers"])
def test_a_slow_drip_is_cut_off_at_one_deadline_for_the_whole_request(server, drip):
    server.default = drip
    # 0.5 s pass at every read: a deadline of 10 s allows some twenty reads, not thousands
    gaz = NominatimGazetteer(UA, url=server.url, timeout=10.0, _clock=TickingClock(0.5))
    with pytest.raises(GeocoderUnavailable, match="timed out"):
        gaz.search("Khankendi")
    server.join()  # the drip ends when the server notices the client has gone
    (wire,) = server.wires
    assert wire.hung_up and wire.sent < 200, "the client must give up, not wait for the drip to end"


def test_a_dripping_server_costs_the_run_one_warning(server, tmp_path, warnings_):
    server.default = drip_body
    online = polite(server.url, tmp_path, clock=TickingClock(0.5), retries=1)
    chain = ChainGazetteer(offline_stand_in(), online=online)
    assert chain.search("Khankendi") == [] and chain.search("Stepanakert") == []
    assert [p.id for p in chain.search("Aghdam")] == ["geonames:147425"]
    assert len(server.requests) == 2  # a try and a retry, then no more for the run
    (warning,) = warnings_()
    assert "timed out" in warning and "offline gazetteer alone" in warning


# --- Retry-After: a small cap and a budget per run -----------------------------------------------


def test_a_retry_after_beyond_the_cap_is_not_waited_for(server, tmp_path, warnings_):
    server.default = reply(429, {"error": "slow down"}, reason="Too Many Requests",
                           headers={"Retry-After": "3600"})
    clock = FakeTime()
    gaz = polite(server.url, tmp_path, time_=clock, max_retry_after_seconds=30)
    assert gaz.search("Khankendi") == []
    assert len(server.requests) == 1 and not [s for s in clock.sleeps if s > 1.0]
    (warning,) = warnings_()
    assert "3600 s" in warning and "30 s" in warning


def test_a_retry_after_as_an_http_date_far_ahead_is_capped_too(server, tmp_path, warnings_):
    server.default = reply(503, b"{}", headers={"Retry-After": "Fri, 31 Dec 2100 23:59:59 GMT"})
    server.script.append(reply(429, b"{}", headers={"Retry-After": "Fri, 31 Dec 2100 23:59:59 GMT"}))
    clock = FakeTime()
    assert polite(server.url, tmp_path, time_=clock).search("Khankendi") == []
    assert max(clock.sleeps, default=0) <= 30


def test_retry_waits_of_a_run_stay_within_its_budget(server, tmp_path, warnings_):
    # Each name: a 429 asking for 20 s (under the cap), then an answer. Nine names would wait
    # 180 s; the run's budget is 120 s, so it stops asking once the budget is spent.
    slow_down = reply(429, b"{}", reason="Too Many Requests", headers={"Retry-After": "20"})
    for _ in range(9):
        server.script.extend([slow_down, reply(200, [KHANKENDI])])
    clock = FakeTime()
    gaz = polite(server.url, tmp_path, time_=clock, retry_budget_seconds=120)
    answered = [bool(gaz.search(f"Khankendi {i}")) for i in range(9)]
    assert answered == [True] * 6 + [False] * 3
    assert sum(s for s in clock.sleeps if s > 1.0) == 120
    (warning,) = warnings_()
    assert "120 s" in warning and "offline gazetteer alone" in warning


# --- redirects ------------------------------------------------------------------------------------


def test_a_redirect_to_another_host_is_not_followed(server, other_host, tmp_path, warnings_):
    other_host.default = reply(200, [KHANKENDI])
    server.default = reply(302, b"", reason="Found", headers={"Location": f"{other_host.url}/search?q=x"})
    chain = ChainGazetteer(offline_stand_in(), online=polite(server.url, tmp_path))
    assert chain.search("Khankendi") == []
    assert other_host.requests == []
    (warning,) = warnings_()
    assert "another host" in warning and "offline gazetteer alone" in warning


@pytest.mark.parametrize("location", ["http://127.0.0.1:{other}/search", "ftp://127.0.0.1/search",
                                      "file:///etc/passwd", "//localhost:{other}/search"])
def test_redirects_leaving_the_servers_origin_are_refused(server, other_host, tmp_path, location):
    other_host.default = reply(200, [KHANKENDI])
    server.default = reply(301, b"", headers={"Location": location.format(other=other_host.port)})
    assert polite(server.url, tmp_path).search("Khankendi") == []
    assert other_host.requests == []


def test_a_same_host_redirect_is_followed_and_its_hop_waits_its_turn(server, tmp_path):
    server.script.append(reply(302, b"", reason="Found", headers={"Location": "/v2/search?q=Khankendi"}))
    server.default = reply(200, [KHANKENDI])
    clock = FakeTime()
    gaz = polite(server.url, tmp_path, time_=clock, min_delay_seconds=1.0)
    assert [p.name for p in gaz.search("Khankendi")] == ["Khankendi"]
    assert [r.path for r in server.requests] == ["/search", "/v2/search"]
    assert gaz.requests == 2 and clock.sleeps == [1.0]  # the hop is a request: a second after the first


def test_redirect_loops_end(server, tmp_path, warnings_):
    server.default = reply(307, b"", headers={"Location": "/search"})
    assert polite(server.url, tmp_path, min_delay_seconds=0).search("Khankendi") == []
    assert len(server.requests) == 4  # the request and three redirects
    assert "redirects" in warnings_()[0]


# --- size ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("length", [True, False], ids=["announced", "unannounced"])
def test_a_reply_over_the_size_limit_is_refused(server, tmp_path, warnings_, length):
    flood = json.dumps([KHANKENDI] * 6000).encode()  # valid JSON, 4 MB
    assert len(flood) > 3 * 2**20
    server.default = reply(200, flood, length=length)
    chain = ChainGazetteer(offline_stand_in(), online=polite(server.url, tmp_path))
    assert chain.search("Khankendi") == []
    (warning,) = warnings_()
    assert "larger than" in warning and "refused" in warning


# --- the cache keeps what karamap uses ---------------------------------------------------------------


def test_the_cache_stores_the_fields_used_not_the_raw_reply(server, tmp_path):
    server.default = reply(200, [KHANKENDI])
    gaz = polite(server.url, tmp_path)
    (place,) = gaz.search("Khankendi")
    gaz.close()
    db = sqlite3.connect(tmp_path / "cache.sqlite")
    (answer,) = [json.loads(row[0]) for row in db.execute("SELECT places FROM answers")]
    (stored,) = [json.loads(row[0]) for row in db.execute("SELECT place FROM places")]
    dump = (tmp_path / "cache.sqlite").read_bytes()
    assert "raw" not in answer[0] and "raw" not in stored
    assert answer[0]["name"] == "Khankendi" and stored["id"] == "nominatim:relation/9300221"
    for unused in (b"boundingbox", b"extratags", b"licence", b"importance", b"Q171864"):
        assert unused not in dump
    again = polite(server.url, tmp_path).search("Khankendi")
    assert again == [place] and len(server.requests) == 1


# --- wrong shapes and impossible coordinates ---------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"results": []},
        "Khankendi",
        [1, 2, 3],
        [None],
        [{"lat": "forty", "lon": "46.75", "display_name": "x"}],
        [{"lat": "39.8", "display_name": "x"}],
        [{"lat": "95.0", "lon": "46.75", "display_name": "x", "name": "North of the pole"}],
        [{"lat": "39.8", "lon": "246.75", "display_name": "x", "name": "Far east"}],
        [{"lat": "NaN", "lon": "46.75", "display_name": "x"}],
        [{"lat": [39.8], "lon": {"deg": 46}, "display_name": "x"}],
        [{**KHANKENDI, "lat": "1e999"}],
    ],
    ids=lambda b: json.dumps(b)[:40],
)
def test_a_reply_of_the_wrong_shape_gives_one_warning_and_the_offline_answers(server, tmp_path, warnings_, body):
    server.default = reply(200, json.dumps(body).encode())
    online = polite(server.url, tmp_path)
    chain = ChainGazetteer(offline_stand_in(), online=online)
    assert chain.search("Khankendi") == []
    assert chain.search("Stepanakert") == []
    assert [p.name for p in chain.search("Aghdam")] == ["Aghdam"]
    assert len(server.requests) == 1, "the same server would send the same reply: no retry"
    (warning,) = warnings_()
    assert warning.startswith("karamap: warning: nominatim") and "offline gazetteer alone" in warning


def test_a_result_without_any_name_is_dropped(server, tmp_path, warnings_):
    server.default = reply(200, [{"lat": 39.8, "lon": 46.75}])  # geopy cannot make a Location of it
    assert polite(server.url, tmp_path).search("Khankendi") == []
    assert warnings_() == []


@pytest.mark.parametrize("osm", [{"osm_type": [], "osm_id": 5}, {"osm_type": {"a": 1}, "osm_id": [5]},
                                 {"osm_type": "node", "osm_id": "12a"}, {"osm_type": "galaxy", "osm_id": 5}])
def test_odd_osm_ids_give_a_place_id_of_the_coordinates(server, tmp_path, osm):
    server.default = reply(200, [{"lat": "40.1", "lon": "46.8", "display_name": "Camp", **osm}])
    (place,) = polite(server.url, tmp_path).search("Camp")
    assert place.id == "nominatim:40.10000,46.80000"


def test_text_fields_of_odd_types_are_dropped_not_trusted(server, tmp_path):
    odd = {**KHANKENDI, "name": 42, "namedetails": {"name": ["x"], "alt_name": "Khankandi;\ud800"},
           "address": {"country_code": 7, "state": {"a": 1}}, "osm_id": True, "class": None}
    server.default = reply(200, [odd])
    (place,) = polite(server.url, tmp_path).search("Khankendi")
    assert place.name == "Khankendi"  # from the display name
    assert place.country is None and place.admin1 is None
    assert place.id == "nominatim:1001"
    assert "Khankandi" in place.aliases and "\ufffd" in place.aliases  # a lone surrogate is replaced
    json.dumps([place.name, *place.aliases]).encode("utf-8")


def test_a_bogus_charset_label_is_not_trusted(server, tmp_path):
    server.default = reply(200, [KHANKENDI], headers={"Content-Type": "application/json; charset=utf-999"})
    assert [p.name for p in polite(server.url, tmp_path).search("Khankendi")] == ["Khankendi"]


# --- server text on the terminal ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "hostile",
    [
        reply(400, {"error": "\x1b[2J\x1b[31mYOUR DISK IS FULL\x1b[0m\nsecond line\r" + "x" * 2000}),
        reply(418, b"{}", reason=b"\x1b]0;pwned\x07\x1b[31mteapot"),
        reply(302, b"", headers={"Location": "http://evil.example/\x1b[2J" + "y" * 500}),
        reply(200, b"\x1b[31m<html>" + b"z" * 5000),
    ],
    ids=["json error", "reason phrase", "location", "body"],
)
def test_server_text_reaches_the_terminal_escaped_and_on_one_short_line(server, tmp_path, warnings_, hostile):
    server.default = hostile
    assert polite(server.url, tmp_path, retries=0).search("Khankendi") == []
    (warning,) = warnings_()
    assert "\x1b" not in warning and "\x07" not in warning and "\r" not in warning and "\n" not in warning
    assert warning.isprintable()
    assert len(warning) < 400


# --- a cache row of the wrong types ---------------------------------------------------------------

GOOD_ROW = {"id": "nominatim:relation/9300221", "name": "Khankendi", "feature": "city", "country": "AZ",
            "lat": 39.8177, "lon": 46.7528, "population": 0, "geonameid": None, "admin1": None,
            "aliases": ["Stepanakert"], "source": "nominatim", "members": [], "approximate": False}


@pytest.mark.parametrize(
    "stored",
    [
        5,
        b"\xff\xfe not text",
        "not json",
        '{"a": 1}',
        "[" * 100000 + "]" * 100000,
        json.dumps([42]),
        json.dumps([{**GOOD_ROW, "lat": "39.8"}]),
        json.dumps([{**GOOD_ROW, "lat": 95.0}]),
        json.dumps([{**GOOD_ROW, "lon": None}]),
        json.dumps([{**GOOD_ROW, "id": 7}]),
        json.dumps([{**GOOD_ROW, "name": ["Khankendi"]}]),
        json.dumps([{**GOOD_ROW, "feature": "spaceship"}]),
        json.dumps([{**GOOD_ROW, "country": "Azerbaijan"}]),
        json.dumps([{**GOOD_ROW, "aliases": "Stepanakert"}]),
        json.dumps([{**GOOD_ROW, "population": -3}]),
        json.dumps([{**GOOD_ROW, "approximate": "yes"}]),
        json.dumps([{**GOOD_ROW, "name": "a\ud800b"}]),
    ],
    ids=lambda v: repr(v)[:30],
)
def test_a_cache_row_of_the_wrong_types_is_dropped_and_asked_again(server, tmp_path, warnings_, stored):
    server.default = reply(200, [KHANKENDI])
    first = polite(server.url, tmp_path)
    first.search("Khankendi")
    first.close()
    db = sqlite3.connect(tmp_path / "cache.sqlite")
    with db:
        db.execute("UPDATE answers SET places = ?", (stored,))
        db.execute("UPDATE places SET place = ?", (stored,))
    db.close()
    again = polite(server.url, tmp_path)
    found = again.search("Khankendi")
    assert [(p.name, p.lat, p.lon) for p in found] == [("Khankendi", 39.8177, 46.7528)]
    assert len(server.requests) == 2  # asked again, the bad row replaced
    (warning,) = warnings_()
    assert "cannot use" in warning and "\n" not in warning
    assert polite(server.url, tmp_path).search("Khankendi") == found and len(server.requests) == 2


def test_a_place_row_of_the_wrong_types_is_unknown_not_an_error(server, tmp_path, warnings_):
    server.default = reply(200, [KHANKENDI])
    first = polite(server.url, tmp_path)
    (place,) = first.search("Khankendi")
    first.close()
    db = sqlite3.connect(tmp_path / "cache.sqlite")
    with db:
        db.execute("UPDATE places SET place = ?", (json.dumps({**GOOD_ROW, "lat": "north"}),))
    db.close()
    assert polite(server.url, tmp_path).get(place.id) is None
    assert len(warnings_()) == 1


@pytest.mark.parametrize("module", ["karamap.gazetteer.transport", "karamap.gazetteer.online",
                                    "karamap.gazetteer.policy", "karamap.terminal"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_a_proxy_from_the_environment_carries_the_request_under_the_same_bounds(server, monkeypatch):
    from karamap.gazetteer.transport import BoundedAdapter

    monkeypatch.setenv("http_proxy", server.url)  # the stub plays a forward proxy
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    server.default = reply(200, [KHANKENDI])
    adapter = BoundedAdapter(proxies=None)
    answer = adapter.get_json("http://nominatim.invalid/search?q=Khankendi", timeout=5, headers={"User-Agent": UA})
    assert answer[0]["name"] == "Khankendi"
    (request,) = server.requests
    assert request.path == "/search" and request.headers["host"] == "nominatim.invalid"
    server.default = drip_body
    slow = BoundedAdapter(proxies=None, _clock=TickingClock(0.5))
    with pytest.raises(geopy.exc.GeocoderTimedOut, match="no complete reply within 10 s"):
        slow.get_json("http://nominatim.invalid/search?q=x", timeout=10, headers={})
