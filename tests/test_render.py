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


def _external_references(html: str) -> list[str]:
    """Every script, stylesheet or other resource the page's markup would fetch."""
    markup = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", "", html, flags=re.S)
    found = re.findall(r"<script\b[^>]*\bsrc\s*=[^>]*>", html)
    found += re.findall(r"<link\b[^>]*>", markup) + re.findall(r"\b(?:src|href)\s*=[^>]*", markup)
    styles = "".join(re.findall(r"<style>(.*?)</style>", html, flags=re.S))
    found += re.findall(r"url\((?!data:)[^)]*\)", styles) + re.findall(r"@import[^;]*", styles)
    return found


@pytest.mark.parametrize("offline", [False, True], ids=["default", "offline"])
def test_every_map_inlines_leaflet_and_references_no_file(layers, tmp_path, offline):
    html = write_map(layers, tmp_path / "m.html", offline=offline).read_text(encoding="utf-8")
    assert _external_references(html) == []
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
    styles = "".join(re.findall(r"<style>(.*?)</style>", html, flags=re.S))
    assert "leaflet-control-layers-toggle" in styles  # Leaflet's own CSS, inlined
    assert "Leaflet 1.9.3" in html or '"1.9.3"' in html
    for unused in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers"):
        assert unused not in html.lower()


def test_offline_only_drops_the_online_tile_layer(layers):
    online = render_map(layers).get_root().render()
    offline = render_map(layers, offline=True).get_root().render()
    assert "tile.openstreetmap.org" in online
    assert "tile.openstreetmap" not in offline and "openstreetmap.org/{z}" not in offline.lower()
    assert _data(online) == _data(offline)  # the same data, basemap and labels
    assert len(online) - len(offline) < 2000  # nothing but the tile layer's few lines


def test_the_basemap_names_countries_and_major_places_near_the_story(layers):
    labels = _data(render_map(layers).get_root().render())["labels"]
    by_name = {label[2]: label for label in labels}
    assert {"Azerbaijan", "Armenia", "Georgia", "Iran", "Turkey"} <= set(by_name)
    assert {"Baku", "Yerevan", "Tbilisi", "Moscow"} <= set(by_name)     # capitals
    assert "Ganja" in by_name                                          # a large town near the story
    kind, zoom = by_name["Baku"][3:5]
    assert kind == 1 and zoom <= by_name["Ganja"][4]                   # a capital shows first
    assert by_name["Azerbaijan"][3] == 0                              # a country label
    lat, lon = by_name["Azerbaijan"][:2]
    assert 38.5 < lat < 41.9 and 44.8 < lon < 50.4                      # inside the country


def test_the_map_credits_the_basemap_labels(layers):
    html = render_map(layers, offline=True).get_root().render()
    assert "GeoNames (CC BY 4.0)" in html and "Natural Earth" in html


def test_the_committed_example_map_is_self_contained(repo_root):
    html = (repo_root / "maps" / "karabakh-joint-center.html").read_text(encoding="utf-8")
    assert _external_references(html) == []
    data = _data(html)
    assert data["ev"]["q"] and data["labels"]  # events, and the named basemap


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


def test_the_map_written_piece_by_piece_is_the_page_rendered_whole(tmp_path, monkeypatch):
    import karamap.render.payload as payload_module
    from karamap.render import map_html
    from karamap.render.folium_map import DATA_MARK

    monkeypatch.setattr(payload_module, "_PIECE_ITEMS", 2)  # every list of the data in several pieces
    layers = build_layers(sample_documents() + hostile_documents())
    title = f"Tricky {DATA_MARK} title"  # escaped in the page: no second place for the data
    written = write_map(layers, tmp_path / "m.html", title=title, offline=True).read_text(encoding="utf-8")
    whole = map_html(render_map(layers, title=title, offline=True))
    assert written == whole
    assert DATA_MARK not in written and len(_data(written)["ev"]["q"]) > 2


def test_json_in_pieces_joins_into_the_one_encoding(monkeypatch):
    import karamap.render.payload as payload_module

    monkeypatch.setattr(payload_module, "_PIECE_ITEMS", 3)
    value = {"ev": {"q": [f"quote {i} </script>" for i in range(10)], "y": list(range(7))},
             "empty": [], "nested": [[1, 2], {"k": None}], "n": 1.5, "t": "\u2028"}
    pieces = list(payload_module.embed_json_pieces(value))
    assert len(pieces) > 10
    text = "".join(pieces)
    assert text == json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c") \
        .replace(">", "\\u003e").replace("\u2028", "\\u2028")
    assert json.loads(text) == value
