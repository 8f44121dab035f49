"""export: GeoJSON as RFC 7946 wants it, GeoParquet and CSV, reading back to the same features."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from map_support import hostile_documents, sample_documents
from shapely.geometry import shape

from karamap.errors import ConfigurationError
from karamap.export import export_layer, write_layers
from karamap.layers import build_layers


@pytest.fixture(scope="module")
def layers():
    return build_layers(sample_documents())


@pytest.mark.parametrize("layer", ["places", "regions", "events"])
def test_geojson_is_rfc7946(layers, layer, tmp_path):
    path = export_layer(layers, layer, tmp_path / f"{layer}.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert len(data["features"]) == len(getattr(layers, layer))
    for feature in data["features"]:
        geom = shape(feature["geometry"])
        assert geom.is_valid
        lon, lat = feature["geometry"]["coordinates"][0] if geom.geom_type == "MultiPoint" else (
            geom.representative_point().x, geom.representative_point().y)
        assert 44 < lon < 51 and 38 < lat < 42  # longitude first: the Caucasus, not the Indian Ocean
        for poly in getattr(geom, "geoms", [geom]):
            if poly.geom_type == "Polygon":
                assert poly.exterior.is_ccw  # the right-hand rule
                assert all(not ring.is_ccw for ring in poly.interiors)


def test_coordinates_have_at_most_six_decimals(layers, tmp_path):
    text = export_layer(layers, "places", tmp_path / "p.geojson").read_text(encoding="utf-8")
    coords = json.loads(text)["features"][0]["geometry"]["coordinates"]
    flat = json.dumps(coords)
    assert all(len(n.split(".")[1]) <= 6 for n in flat.replace("[", " ").replace("]", " ").replace(",", " ").split()
               if "." in n)


def _same(frame: gpd.GeoDataFrame, back: gpd.GeoDataFrame) -> None:
    assert list(back.columns) == list(frame.columns)
    assert len(back) == len(frame)
    for a, b in zip(frame.geometry, back.geometry):
        assert shapely.equals_exact(shapely.normalize(a), shapely.normalize(b), tolerance=1e-6)
    for column in frame.columns.drop("geometry"):
        for a, b in zip(frame[column], back[column]):
            if isinstance(a, list):
                assert list(b) == a, column
            elif a is None or (isinstance(a, float) and pd.isna(a)):
                assert b is None or pd.isna(b), column
            elif isinstance(b, pd.Timestamp):
                assert b.date().isoformat() == a, column
            else:
                assert b == a, column


@pytest.mark.parametrize("layer", ["places", "events"])
def test_geojson_reads_back_with_geopandas_to_the_same_features(layers, layer, tmp_path):
    path = export_layer(layers, layer, tmp_path / f"{layer}.geojson")
    back = gpd.read_file(path)
    assert back.crs.to_epsg() == 4326
    _same(getattr(layers, layer), back)


def test_geoparquet_reads_back_to_the_same_frame(layers, tmp_path):
    path = export_layer(layers, "events", tmp_path / "events.parquet", format="parquet")
    back = gpd.read_parquet(path)
    assert back.crs.to_epsg() == 4326
    _same(layers.events, back)


def test_csv_has_wkt_geometry_and_joined_lists(layers, tmp_path):
    path = export_layer(layers, "events", tmp_path / "events.csv", format="csv")
    table = pd.read_csv(path)
    assert table.loc[0, "geometry_wkt"] == "POINT (47.1431 39.6003)"
    assert table.loc[0, "actors"] == "Azerbaijan; Armenia"
    assert len(table) == len(layers.events)


def test_exports_are_byte_identical_when_repeated(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write_layers(build_layers(sample_documents()), tmp_path / "a", "m")
    second = write_layers(build_layers(sample_documents()), tmp_path / "b", "m")
    assert [p.name for p in first] == ["m-places.geojson", "m-events.geojson"]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_hostile_text_stays_data_in_geojson(tmp_path):
    path = export_layer(build_layers(hostile_documents()), "events", tmp_path / "e.geojson")
    feature = json.loads(path.read_text(encoding="utf-8"))["features"][0]
    assert feature["properties"]["source_url"] == "javascript:window.pwned=5"  # kept as data, never a link
    assert "</script>" in feature["properties"]["quote"]


def test_unknown_layer_or_format_is_a_configuration_error(layers, tmp_path):
    with pytest.raises(ConfigurationError):
        export_layer(layers, "rivers", tmp_path / "x.geojson")
    with pytest.raises(ConfigurationError):
        export_layer(layers, "places", tmp_path / "x.kml", format="kml")


@pytest.mark.parametrize("layer", ["places", "events"])
def test_a_layer_written_a_few_features_at_a_time_is_the_text_made_whole(layers, layer, tmp_path, monkeypatch):
    import karamap.export as export

    whole = export.geojson_text(getattr(layers, layer))
    assert whole.count('"type":"Feature"') >= 3
    monkeypatch.setattr(export, "_CHUNK", 2)  # several chunks, the last one short
    path = export_layer(layers, layer, tmp_path / f"{layer}.geojson")
    assert path.read_bytes() == whole.encode("utf-8")
    assert json.loads(whole)["features"] == json.loads(path.read_text(encoding="utf-8"))["features"]
