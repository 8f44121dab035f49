"""render: one reproducible, self-contained HTML file whose data cannot run as script."""

from __future__ import annotations

import json
import re

import pytest
from map_support import PAYLOADS, hostile_documents, sample_documents

from karamap.layers import build_layers
from karamap.render import render_map, write_map
from karamap.render.payload import embed_json, map_payload


@pytest.fixture(scope="module")
def layers():
    return build_layers(sample_documents())


def _data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="karamap-data">(.*?)</script>', html, re.S)
    assert block is not None
    return json.loads(block.group(1))


def test_building_twice_gives_identical_bytes(layers, tmp_path):
    a = write_map(layers, tmp_path / "a.html", title="Same")
    b = write_map(build_layers(sample_documents()), tmp_path / "b.html", title="Same")
    assert a.read_bytes() == b.read_bytes()
    assert not re.search(r"[0-9a-f]{32}", a.read_text(encoding="utf-8"))  # no branca random ids


def test_offline_map_references_no_url_but_inlines_leaflet(layers, tmp_path):
    html = write_map(layers, tmp_path / "m.html", offline=True).read_text(encoding="utf-8")
    markup = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", "", html, flags=re.S)
    assert "<script" not in markup.replace("<script>", "")  # no <script src=...>
    assert not re.search(r"<link\b", markup) and not re.search(r"(src|href)\s*=", markup)
    styles = "".join(re.findall(r"<style>(.*?)</style>", html, flags=re.S))
    assert "leaflet-control-layers-toggle" in styles and not re.search(r"url\((?!data:)", styles)
    assert "openstreetmap.org/{z}" not in html.lower() and "tile.openstreetmap" not in html
    assert "Leaflet 1.9.3" in html or '"1.9.3"' in html
    for unused in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers"):
        assert unused not in html.lower()


def test_online_map_links_leaflet_from_the_cdn_and_draws_osm_tiles(layers):
    html = render_map(layers).get_root().render()
    assert "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js" in html
    assert "tile.openstreetmap.org" in html
    assert "jquery" not in html.lower()


def test_the_data_is_passed_once_as_columns(layers):
    html = render_map(layers, offline=True).get_root().render()
    assert html.count('id="karamap-data"') == 1
    data = _data(html)
    assert len(data["ev"]["q"]) == len(layers.events)
    assert [t[0] for t in data["types"]][:2] == ["armed_clash", "territory_taken"]
    assert data["ev"]["s"][0] == 0 and data["ev"]["e"][0] == 44  # 27 Sep to 10 Nov 2020, relative days
    assert data["epoch"] == 18532  # 2020-09-27 as days since 1970-01-01
    assert len(data["places"]) == len(layers.places) and data["places"][0]["geo"]  # Azerbaijan's outline
    assert data["regions"][0]["name"] == "the seven adjacent districts"
    assert len(data["regions"][0]["members"]) == 3
    assert len(data["basemap"]) > 150


def test_embedded_json_cannot_close_the_script_element():
    text = embed_json({"q": "</script><script>alert(1)</script>\u2028<!--"})
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text)["q"] == "</script><script>alert(1)</script>\u2028<!--"


def test_hostile_text_appears_only_escaped_in_the_html(tmp_path):
    html = write_map(build_layers(hostile_documents()), tmp_path / "h.html",
                     title="Hostile " + PAYLOADS[0], offline=True).read_text(encoding="utf-8")
    for payload in PAYLOADS:
        assert payload not in html
    assert "window.pwned" in html  # present, but only inside escaped JSON strings
    assert html.count("<script>window.pwned") == 0
    assert "{{ 7*7 }}" in _data(html)["ev"]["q"][0]  # no template evaluation of article text
    assert "<title>Hostile &lt;script&gt;" in html


def test_undrawable_events_are_left_out_of_the_map_payload():
    from map_support import event, day, span
    from karamap.model import Article, Document, Place

    nowhere = Place("x:none", "Nowhere", "other", None, 0.0, 0.0)
    ev = event("e", "d", "statement", "Said somewhere.", span("2021-01-01"), nowhere)
    ev = type(ev)(**{**{f: getattr(ev, f) for f in ev.__slots__}, "lat": None, "lon": None, "place_ids": ()})
    doc = Document(Article("d", "Said somewhere.", day("2021-01-01")), (), (), (ev,))
    payload = map_payload(build_layers([doc]))
    assert payload["ev"]["q"] == []


def test_the_example_builds_to_identical_files_twice(tmp_path):
    from karamap.api import build_map

    first = build_map(None, tmp_path / "a")
    second = build_map(None, tmp_path / "b")
    names = [first.map_path.name, *(p.name for p in first.layer_paths)]
    assert names == ["karabakh-joint-center.html", "karabakh-joint-center-places.geojson",
                     "karabakh-joint-center-events.geojson"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_an_undated_event_is_kept_with_no_days_and_sorted_last():
    from map_support import AGHDAM, day, event, span

    from karamap.model import Article, Document

    undated = event("e0", "d", "statement", "Officials spoke of Aghdam.", None, AGHDAM)
    dated = event("e1", "d", "statement", "Officials met in Aghdam.", span("2021-01-30"), AGHDAM)
    doc = Document(Article("d", "x", day("2021-01-30")), (), (), (undated, dated))
    layers = build_layers([doc])
    assert layers.events["event_id"].tolist() == ["e1", "e0"]
    payload = map_payload(layers)
    assert payload["ev"]["s"] == [0, None] and payload["ev"]["e"] == [0, None]


def test_embedded_json_round_trips_any_text_and_never_opens_a_tag():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.recursive(st.text() | st.integers() | st.none(),
                        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                        max_leaves=20))
    def check(value):
        text = embed_json(value)
        assert json.loads(text) == value
        assert "<" not in text and ">" not in text and "&" not in text
        assert "\u2028" not in text and "\u2029" not in text

    check()
