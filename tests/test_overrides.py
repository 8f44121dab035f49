"""User overrides: the user's own places and aliases (CSV or GeoJSON) win, and bad rows are pointed at."""

from __future__ import annotations

import json

import pytest

from karamap.errors import OverrideError
from karamap.gazetteer.chain import ChainGazetteer
from karamap.gazetteer.user import UserGazetteer
from karamap.model import Place

AGHDAM = Place("geonames:147425", "Aghdam", "city", "AZ", 39.99, 46.93, aliases=("Ağdam",), source="geonames")
SHUSHA = Place("geonames:585170", "Shusha", "city", "AZ", 39.76, 46.75, aliases=("Shushi",), source="geonames")


def offline() -> UserGazetteer:
    return UserGazetteer([AGHDAM, SHUSHA])


def csv_file(tmp_path, text: str, name: str = "mine.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_csv_of_places_with_aliases_and_every_column(tmp_path):
    path = csv_file(tmp_path, (
        "id,name,aliases,lat,lon,feature,country,admin1,population,approximate,members\n"
        "camp-a,Camp Alpha,Alpha base|the camp; Lager A,40.10,46.80,facility,az,Aghdam,0,yes,\n"
        ",Ağdam bazaar,,39.99,46.92,,,,,,\n"
    ))
    gaz = UserGazetteer.from_file(path)
    camp = gaz.get("user:camp-a")
    assert (camp.name, camp.feature, camp.country, camp.admin1, camp.approximate, camp.source) == (
        "Camp Alpha", "facility", "AZ", "Aghdam", True, "user")
    assert camp.aliases == ("Alpha base", "the camp", "Lager A")
    assert (camp.lat, camp.lon) == (40.10, 46.80)
    assert [p.id for p in gaz.search("THE CAMP")] == ["user:camp-a"]
    assert [p.id for p in gaz.lookup_key("agdam bazaar")] == ["user:agdam-bazaar"]
    assert gaz.get("user:agdam-bazaar").feature == "other"
    assert gaz.search("the camp", country="RU") == []


def test_excel_csv_with_bom_semicolons_and_decimal_commas(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffname;lat;lon\r\nQırmızı Bazar;39,70;46,90\r\n".encode("utf-8"))
    (place,) = UserGazetteer.from_file(path).places
    assert (place.name, place.lat, place.lon) == ("Qırmızı Bazar", 39.70, 46.90)


def test_a_geojson_of_points_and_polygons(tmp_path):
    path = tmp_path / "mine.geojson"
    path.write_text(json.dumps({
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [46.915, 40.026]},
             "properties": {"name": "Joint Monitoring Center", "aliases": ["the joint center"],
                            "feature": "facility", "country": "AZ", "approximate": True, "marker-color": "#f00"}},
            {"type": "Feature",
             "geometry": {"type": "Polygon", "coordinates": [[[46.0, 39.0], [47.0, 39.0], [47.0, 40.0],
                                                              [46.0, 40.0], [46.0, 39.0]]]},
             "properties": {"name": "Study Area", "feature": "region", "id": "area"}},
        ],
    }), encoding="utf-8")
    gaz = UserGazetteer.from_file(path)
    center = gaz.search("the joint center")[0]
    assert (center.lat, center.lon, center.approximate) == (40.026, 46.915, True)
    area = gaz.get("user:area")
    assert area.geometry is not None and area.geometry.geom_type == "Polygon"
    assert area.geometry.contains(__import__("shapely").geometry.Point(area.lon, area.lat))


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("name,lat,lon\nX,95,46\n", r"mine.csv:2: lat 95.0 is outside -90..90"),
        ("name,lat,lon\nX,40,460\n", r"mine.csv:2: lon 460.0 is outside -180..180"),
        ("name,lat,lon\nX,46.9,40.0\nY,146.9,40.0\n", r"mine.csv:3: lat 146.9 is outside"),
        ("name,lat,lon\nX,north,46\n", r"mine.csv:2: lat 'north' is not a number"),
        ("name,lat,lon\nX,,46\n", r"mine.csv:2: lat is missing"),
        ("name,lat,lon\nX,nan,46\n", r"mine.csv:2: lat 'nan' is not a finite number"),
        ("name,lat,lon\n,40,46\n", r"mine.csv:2: empty name"),
        ("name,lat,lon,feature\nX,40,46,village\n", r"mine.csv:2: unknown feature 'village' \(choose from"),
        ("name,lat,lon,country\nX,40,46,Azerbaijan\n", r"mine.csv:2: country 'AZERBAIJAN' is not an ISO"),
        ("name,lat,lon,approximate\nX,40,46,maybe\n", r"mine.csv:2: approximate 'maybe' is not yes or no"),
        ("name,lat,lon,population\nX,40,46,-5\n", r"mine.csv:2: population must not be negative"),
        ("name,lat,lon\nX,40,46,extra\n", r"mine.csv:2: more values than columns"),
        ("id,name,lat,lon\na,X,40,46\na,Y,41,47\n", r"mine.csv:3: duplicate id 'user:a'"),
        ("name,latitude,lon\nX,40,46\n", r"mine.csv:1: unknown column 'latitude'"),
        ("lat,lon\n40,46\n", r"mine.csv:1: no 'name' column"),
        ("name\nX\n", r"mine.csv:1: no 'lat' and 'lon' columns"),
        ("", r"mine.csv: empty overrides file"),
        ("name,lat,lon\n", r"mine.csv: no places in the overrides file"),
        ("name,lat,lon\nX,95,46\nY,95,46\nZ,95,46\n", r"mine.csv:2: lat 95.0 is outside -90..90 \(and 2 more bad rows\)"),
        ("name,same_as\nAgdam town,147425\n", r"mine.csv:2: same_as '147425' is not a place id"),
    ],
)
def test_bad_csv_rows_are_pointed_at(tmp_path, rows, message):
    with pytest.raises(OverrideError, match=message):
        UserGazetteer.from_file(csv_file(tmp_path, rows))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", r"mine.geojson: not JSON"),
        ('{"type": "Polygon", "coordinates": []}', r"not a GeoJSON FeatureCollection"),
        ('{"type": "FeatureCollection"}', r'has no "features" list'),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "X"},'
         ' "geometry": {"type": "Point", "coordinates": [46, 95]}}]}',
         r"mine.geojson: feature 1 \('X'\): lat 95.0 is outside"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "X"},'
         ' "geometry": {"type": "Point", "coordinates": ["a"]}}]}', r"feature 1 \('X'\): bad geometry"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": 5},'
         ' "geometry": null}]}', r"feature 1: lat is missing"),
        ('{"type": "FeatureCollection", "features": [42]}', r"feature 1: not a GeoJSON Feature"),
    ],
)
def test_bad_geojson_features_are_pointed_at(tmp_path, data, message):
    path = tmp_path / "mine.geojson"
    path.write_text(data, encoding="utf-8")
    with pytest.raises(OverrideError, match=message):
        UserGazetteer.from_file(path)


def test_a_missing_or_binary_overrides_file(tmp_path):
    with pytest.raises(OverrideError, match=r"nope.csv: no such overrides file"):
        UserGazetteer.from_file(tmp_path / "nope.csv")
    (tmp_path / "x.csv").write_bytes(b"%PDF-1.4 \x00\x01")
    with pytest.raises(OverrideError, match=r"x.csv: not a text file: a PDF document"):
        UserGazetteer.from_file(tmp_path / "x.csv")


def test_user_places_win_over_the_offline_gazetteer(tmp_path):
    mine = UserGazetteer.from_file(csv_file(tmp_path, "name,lat,lon,feature\nAghdam,40.02,46.91,facility\n"))
    chain = ChainGazetteer(offline(), user=mine)
    assert [p.id for p in chain.lookup_key("aghdam")] == ["user:aghdam"]
    assert [p.id for p in chain.search("Aghdam")] == ["user:aghdam"]
    assert [p.id for p in chain.lookup_key("shusha")] == ["geonames:585170"]  # others untouched
    assert chain.get("user:aghdam").feature == "facility"
    assert chain.get("geonames:147425") == AGHDAM


def test_same_as_rows_add_aliases_to_built_in_places(tmp_path):
    mine = UserGazetteer.from_file(csv_file(
        tmp_path, "name,aliases,same_as\nAgdam city,Akna|Ağdam şəhəri,geonames:147425\n"))
    assert len(mine) == 0 and len(mine.aliases) == 3
    chain = ChainGazetteer(offline(), user=mine)
    assert chain.lookup_key("akna") == (AGHDAM,)
    assert chain.search("Ağdam şəhəri") == [AGHDAM]
    assert chain.lookup_key("agdam city") == (AGHDAM,)


def test_same_as_an_unknown_place_is_an_error_naming_the_row(tmp_path):
    mine = UserGazetteer.from_file(csv_file(tmp_path, "name,same_as\nX,geonames:1\n"))
    with pytest.raises(OverrideError, match=r"mine.csv:2: same_as 'geonames:1' is not a known place id"):
        ChainGazetteer(offline(), user=mine)


def test_a_users_facility_is_mapped_even_with_no_other_place_near_it(tmp_path, gazetteer):
    from karamap.model import Article
    from karamap.recognise import recognise
    from karamap.resolve import resolve

    mine = UserGazetteer.from_file(csv_file(tmp_path, "name,lat,lon,feature\nCamp Lemonnier,11.547,43.159,facility\n"))
    chain = ChainGazetteer(gazetteer, user=mine)
    art = Article("a", "Drones took off from Camp Lemonnier on Monday.")
    (res,) = resolve(art, recognise(art, chain), chain)
    assert (res.place.id, res.place.source) == ("user:camp-lemonnier", "user")
