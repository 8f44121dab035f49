"""build_layers: one row per place, group and event, in EPSG:4326, in a stable order."""

from __future__ import annotations

import pytest
from map_support import AGHDAM, DISTRICTS, FUZULI, LACHIN, sample_documents

from karamap.layers import EVENT_COLUMNS, PLACE_COLUMNS, build_layers


def test_places_count_mentions_and_keep_their_names_and_documents():
    places = build_layers(sample_documents()).places.set_index("place_id")
    assert places.crs.to_epsg() == 4326
    assert places.loc["geonames:587116", "mentions"] == 2  # Azerbaijan, named in two articles
    assert places.loc["geonames:587116", "doc_ids"] == ["center", "war"]
    assert places.loc[AGHDAM.id, "names"] == ["Aghdam"]
    assert list(places.columns[: len(PLACE_COLUMNS) - 1]) == list(PLACE_COLUMNS[1:])


def test_a_country_is_drawn_with_its_natural_earth_outline_and_a_town_as_a_point():
    places = build_layers(sample_documents()).places.set_index("place_id")
    azerbaijan = places.loc["geonames:587116"]
    assert azerbaijan.outline and azerbaijan.geometry.geom_type == "MultiPolygon"
    assert azerbaijan.geometry.contains(places.loc[AGHDAM.id].geometry)  # Aghdam lies inside
    assert places.loc[AGHDAM.id].geometry.geom_type == "Point"
    assert (places.loc[AGHDAM.id].geometry.x, places.loc[AGHDAM.id].geometry.y) == (AGHDAM.lon, AGHDAM.lat)


def test_places_are_ordered_by_mentions_then_id():
    ids = build_layers(sample_documents()).places["place_id"].tolist()
    assert ids[0] == "geonames:587116"
    assert ids[1:] == sorted(ids[1:])


def test_a_group_place_becomes_a_region_holding_its_members():
    regions = build_layers(sample_documents()).regions
    assert len(regions) == 1
    region = regions.iloc[0]
    assert region.region_id == DISTRICTS.id
    assert region.members == [AGHDAM.id, FUZULI.id, LACHIN.id]
    assert region.member_names == ["Aghdam", "Fuzuli", "Lachin"]
    assert region.geometry.geom_type == "MultiPoint" and len(region.geometry.geoms) == 3


def test_events_are_one_row_each_in_date_order_with_type_colour_and_source():
    events = build_layers(sample_documents()).events
    assert events["event_id"].tolist() == ["ev-war", "ev-shusha", "ev-lachin", "ev-jan", "ev-center", "ev-talks"]
    assert list(events.columns[:-1]) == list(EVENT_COLUMNS)
    war = events.iloc[0]
    assert (war.start_date, war.end_date, war.precision) == ("2020-09-27", "2020-11-10", "range")
    assert (war.type_label, war.color) == ("Armed clash", "#CC3311")
    assert war.actors == ["Azerbaijan", "Armenia"]
    assert war.source_title == "The 44-day war ends" and war.source_url == "https://example.org/war"
    assert war.geometry.geom_type == "Point" and (war.geometry.x, war.geometry.y) == (FUZULI.lon, FUZULI.lat)
    center = events.set_index("event_id").loc["ev-center"]
    assert center.place_names == ["Turkish-Russian Joint Monitoring Center"]
    assert center.attribution == "the Turkish defence ministry"


def test_no_documents_give_empty_layers_with_a_crs():
    layers = build_layers([])
    assert len(layers.places) == len(layers.regions) == len(layers.events) == 0
    assert layers.events.crs.to_epsg() == 4326 and layers.documents == 0


def test_the_same_documents_give_equal_layers():
    a, b = build_layers(sample_documents()), build_layers(iter(sample_documents()))
    assert a.places.equals(b.places) and a.events.equals(b.events) and a.regions.equals(b.regions)


@pytest.mark.parametrize("module", ["karamap.layers", "karamap.outlines", "karamap.export",
                                    "karamap.render.payload", "karamap.render.folium_map",
                                    "karamap.render.assets"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
