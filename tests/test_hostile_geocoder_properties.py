"""Whatever a geocoder server on 127.0.0.1 replies (status, headers, body), a search gives a list of usable
places or nothing, never an exception; and the places survive the cache and the pipeline's outputs."""

from __future__ import annotations

import email.utils
import json
import math
from collections import deque

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from http_stub import RawServer, reply

from karamap.gazetteer.chain import ChainGazetteer
from karamap.gazetteer.online import NominatimGazetteer
from karamap.gazetteer.policy import GeocodeCache, PoliteGazetteer
from karamap.gazetteer.user import UserGazetteer
from karamap.jsonl import dumps_record
from karamap.model import Place
from karamap.pipeline import annotate_article
from karamap.read import read_text

UA = "karamap-tests/1.0 (tests@example.org)"

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12))
JSON = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                    max_leaves=16)
COORDINATES = st.one_of(st.floats(-400, 400).map(lambda x: f"{x:.4f}"), st.floats(allow_nan=True, allow_infinity=True),
                        st.integers(-500, 500), st.sampled_from(["", "NaN", "1e999", " 40.1 ", "0x10", "--1"]), JSON)
TEXTS = st.one_of(st.text(max_size=30), st.sampled_from(["Khankendi", "\x1b[31mred", "a\ud800b", "", " "]), JSON)
RESULT = st.fixed_dictionaries({}, optional={
    "lat": COORDINATES, "lon": COORDINATES, "display_name": TEXTS, "name": TEXTS,
    "osm_type": st.one_of(st.sampled_from(["node", "way", "relation", "N"]), JSON),
    "osm_id": st.one_of(st.integers(-5, 10**12), st.text(max_size=6), JSON), "place_id": JSON,
    "class": TEXTS, "type": TEXTS, "addresstype": TEXTS,
    "address": st.one_of(st.dictionaries(st.sampled_from(["country_code", "state", "city"]), TEXTS), JSON),
    "namedetails": st.one_of(st.dictionaries(st.sampled_from(["name", "name:en", "alt_name", "old_name"]), TEXTS),
                             JSON),
})
PLAUSIBLE = st.fixed_dictionaries({
    "lat": st.floats(-90, 90).map(str), "lon": st.floats(-180, 180).map(str), "display_name": st.text(max_size=20),
    "name": st.text(max_size=20), "osm_type": st.just("node"), "osm_id": st.integers(0, 10**9),
})
BODIES = st.one_of(
    st.lists(st.one_of(RESULT, PLAUSIBLE), max_size=5).map(lambda r: json.dumps(r).encode()),
    JSON.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=64),
    st.builds(lambda v, n: json.dumps(v).encode()[:n], st.lists(PLAUSIBLE, max_size=3), st.integers(0, 40)),
)
HEADER_TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=255, exclude_characters="\x7f"), max_size=40)
RETRY_AFTER = st.one_of(st.integers(-5, 10**13).map(str), HEADER_TEXT,
                        st.floats(0, 4e9).map(lambda t: email.utils.formatdate(t, usegmt=True)))
LOCATION = st.one_of(st.sampled_from(["/search", "/v2/search?q=x", "http://localhost:9/", "//x", "",
                                      "http://[::1", "https://127.0.0.1:1/", "mailto:x@y"]), HEADER_TEXT)
HEADERS = st.fixed_dictionaries({}, optional={
    "Content-Type": st.one_of(st.just("application/json; charset=utf-999"), HEADER_TEXT),
    "Retry-After": RETRY_AFTER, "Location": LOCATION, "Content-Encoding": st.one_of(st.just("gzip"), HEADER_TEXT),
    "Transfer-Encoding": st.one_of(st.just("chunked"), HEADER_TEXT), "X-Junk": HEADER_TEXT,
})
STATUS = st.one_of(st.just(200), st.sampled_from([100, 204, 206, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404,
                                                  408, 413, 418, 429, 500, 502, 503, 504, 599]))
REPLIES = st.builds(lambda status, body, headers, length: reply(status, body, headers=headers, length=length),
                    STATUS, BODIES, HEADERS, st.booleans())


@pytest.fixture(scope="module")
def server():
    stub = RawServer()
    yield stub
    stub.close()


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert 0 <= seconds <= 30, seconds  # never more than the cap
        self.now += seconds


def usable(place: Place) -> bool:
    texts = [place.id, place.name, *place.aliases, place.admin1 or "", place.country or ""]
    for text in texts:
        assert isinstance(text, str)
        text.encode("utf-8")  # no lone surrogate: every output can write it
    return math.isfinite(place.lat) and math.isfinite(place.lon) and -90 <= place.lat <= 90 \
        and -180 <= place.lon <= 180 and bool(place.name.strip())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(st.lists(REPLIES, min_size=1, max_size=3))
def test_any_reply_gives_usable_places_or_nothing(server, replies):
    server.script = deque(replies)
    server.default = replies[-1]
    time_ = FakeTime()
    backend = NominatimGazetteer(UA, url=server.url, timeout=2.0)
    online = PoliteGazetteer(backend, GeocodeCache(":memory:"), retries=2, _clock=time_.clock, _sleep=time_.sleep)
    found = online.search("Khankendi")
    assert isinstance(found, list) and all(usable(p) for p in found)
    assert online.search("khankendi") == found  # the cached answer is the same places
    assert [online.get(p.id) for p in found] == found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.lists(st.one_of(RESULT, PLAUSIBLE), min_size=1, max_size=4))
def test_any_results_go_through_the_pipeline_into_its_outputs(server, results):
    server.script = deque()
    server.default = reply(200, json.dumps(results).encode())
    time_ = FakeTime()
    online = PoliteGazetteer(NominatimGazetteer(UA, url=server.url, timeout=2.0), GeocodeCache(":memory:"),
                             _clock=time_.clock, _sleep=time_.sleep)
    offline = UserGazetteer([Place("geonames:587084", "Baku", "city", "AZ", 40.38, 49.89, source="geonames")])
    chain = ChainGazetteer(offline, online=online)
    article = read_text("Shelling was reported in Qaraqoyunlu on Monday, officials in Baku said.",
                        published="2020-10-05")
    doc = annotate_article(article, chain, min_score=0)
    json.loads(dumps_record(doc))
