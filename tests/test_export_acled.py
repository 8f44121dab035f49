"""The events' ACLED, CAMEO and PLOVER codes and actor roles in every export, and ACLED's own CSV."""

from __future__ import annotations

import dataclasses
import io
import json

import geopandas as gpd
import pandas as pd
import pytest
from click.testing import CliRunner
from map_support import sample_documents

from karamap.acled_csv import ACLED_COLUMNS, acled_region
from karamap.cli import cli
from karamap.errors import ConfigurationError
from karamap.export import export_layer
from karamap.layers import EVENT_COLUMNS, build_layers

CODED = ("disorder_type", "acled_event_type", "acled_sub_event_type", "cameo", "plover", "actor1",
         "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
         "fatalities")


def coded_documents():
    """The sample articles, their war event coded as ACLED would code it."""
    docs = sample_documents()
    war = docs[0]
    clash = dataclasses.replace(
        war.events[0], disorder_type="Political violence", acled_event_type="Battles",
        acled_sub_event_type="Armed clash", cameo="190", plover="ASSAULT",
        actor1="Military Forces of Azerbaijan", assoc_actor_1=("Volunteers (Azerbaijan)",), inter1=1,
        actor2="Military Forces of Armenia", inter2=1, interaction=11, fatalities=12)
    handed = dataclasses.replace(
        war.events[1], disorder_type="Strategic developments", acled_event_type="Strategic developments",
        acled_sub_event_type="Non-violent transfer of territory", cameo="0874", plover="RETREAT")
    docs[0] = dataclasses.replace(war, events=(clash, handed, *war.events[2:]))
    return docs


@pytest.fixture(scope="module")
def layers():
    return build_layers(coded_documents())


def test_the_events_layer_has_every_code_and_role(layers):
    assert set(CODED) <= set(EVENT_COLUMNS)
    row = layers.events.set_index("event_id").loc["ev-war"]
    assert (row["acled_event_type"], row["acled_sub_event_type"], row["disorder_type"]) == (
        "Battles", "Armed clash", "Political violence")
    assert (row["cameo"], row["plover"], row["inter1"], row["interaction"], row["fatalities"]) == (
        "190", "ASSAULT", 1, 11, 12)
    assert list(row["assoc_actor_1"]) == ["Volunteers (Azerbaijan)"] and row["country"] == "AZ"


def test_geojson_carries_the_codes_as_properties(layers, tmp_path):
    data = json.loads(export_layer(layers, "events", tmp_path / "e.geojson").read_text(encoding="utf-8"))
    props = {f["properties"]["event_id"]: f["properties"] for f in data["features"]}
    war = props["ev-war"]
    assert {k: war[k] for k in ("acled_sub_event_type", "cameo", "inter1", "interaction", "fatalities")} == {
        "acled_sub_event_type": "Armed clash", "cameo": "190", "inter1": 1, "interaction": 11, "fatalities": 12}
    # unknown stays null, never NaN or 0
    assert props["ev-talks"]["fatalities"] is None and props["ev-talks"]["acled_event_type"] is None
    assert props["ev-talks"]["civilian_targeting"] is False


def test_csv_and_geoparquet_carry_the_codes(layers, tmp_path):
    table = pd.read_csv(export_layer(layers, "events", tmp_path / "e.csv", format="csv"))
    war = table.set_index("event_id").loc["ev-war"]
    assert (war["acled_sub_event_type"], war["plover"], war["assoc_actor_1"]) == (
        "Armed clash", "ASSAULT", "Volunteers (Azerbaijan)")
    back = gpd.read_parquet(export_layer(layers, "events", tmp_path / "e.parquet", format="parquet"))
    assert set(CODED) <= set(back.columns)
    assert back.set_index("event_id").loc["ev-war", "acled_event_type"] == "Battles"


# -- ACLED's CSV -----------------------------------------------------------------------------------


def test_acled_csv_has_acleds_columns_in_acleds_order(layers, tmp_path):
    path = export_layer(layers, "events", tmp_path / "acled.csv", format="acled-csv")
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == list(ACLED_COLUMNS)
    assert ACLED_COLUMNS[:7] == ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
                                 "event_type", "sub_event_type")
    assert ACLED_COLUMNS[-3:] == ("fatalities", "tags", "timestamp") and len(ACLED_COLUMNS) == 31


def test_acled_csv_values_are_in_acleds_formats(layers, tmp_path):
    table = pd.read_csv(export_layer(layers, "events", tmp_path / "acled.csv", format="acled-csv"),
                        keep_default_na=False)
    # events outside ACLED's scope (the meeting, the statement, uncoded ones) are not written
    assert set(table["sub_event_type"]) == {"Armed clash", "Non-violent transfer of territory"}
    war = table[table["sub_event_type"] == "Armed clash"].iloc[0]
    assert war["event_date"] == "27 September 2020" and war["year"] == 2020 and war["time_precision"] == 3
    assert (war["inter1"], war["inter2"], war["interaction"]) == ("State forces", "State forces",
                                                                  "State forces-State forces")
    assert (war["iso"], war["region"], war["country"]) == (31, "Caucasus and Central Asia", "Azerbaijan")
    assert (war["location"], war["latitude"], war["longitude"]) == ("Fuzuli", 39.6003, 47.1431)
    assert war["event_id_cnty"].startswith("AZEKM") and war["fatalities"] == 12
    assert war["civilian_targeting"] == "" and war["source"] == "Wire"
    assert war["notes"] == "Fighting raged in Fuzuli for 44 days."
    handed = table[table["sub_event_type"] != "Armed clash"].iloc[0]
    assert handed["fatalities"] == 0  # ACLED codes an unknown toll as 0
    assert handed["interaction"] == "" and handed["disorder_type"] == "Strategic developments"


def test_acled_csv_concatenates_with_an_acled_download(layers, tmp_path):
    # A row as an ACLED download writes one (made up for this test), then ours beneath it.
    download = (",".join(ACLED_COLUMNS) + "\n"
                "XYZ123,02 March 2021,2021,1,Demonstrations,Protests,Peaceful protest,Protesters (Xland),,"
                "Protesters,,,,Protesters only,,999,Europe,Xland,North,,,Capital,50.1,20.2,1,Daily,National,"
                "Teachers rallied for pay.,0,crowd size=no report,1614902400\n")
    ours = export_layer(layers, "events", tmp_path / "ours.csv", format="acled-csv").read_text(encoding="utf-8")
    both = pd.concat([pd.read_csv(io.StringIO(download)), pd.read_csv(io.StringIO(ours))], ignore_index=True)
    assert list(both.columns) == list(ACLED_COLUMNS) and len(both) == 3
    dates = pd.to_datetime(both["event_date"], format="%d %B %Y")
    assert dates.dt.year.tolist() == both["year"].tolist()


def test_acled_csv_is_for_events_only(layers, tmp_path):
    with pytest.raises(ConfigurationError):
        export_layer(layers, "places", tmp_path / "p.csv", format="acled-csv")


def test_acled_regions():
    assert [acled_region(c) for c in ("AM", "IR", "SY", "SO", "BF", "CD", "MM", "AF", "RU", "MX")] == [
        "Caucasus and Central Asia", "Middle East", "Middle East", "Eastern Africa", "Western Africa",
        "Middle Africa", "Southeast Asia", "South Asia", "Europe", "Central America"]
    assert acled_region(None) is None


def test_the_cli_writes_acled_csv(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("date 2021-05-03 Clash\n\nOn 3 May 2021, soldiers clashed with rebels near Gyumri.\n",
                       encoding="utf-8")
    out = tmp_path / "acled.csv"
    result = CliRunner().invoke(cli, ["export", str(article), "--layer", "events", "--format", "acled-csv",
                                      "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out, keep_default_na=False)
    assert list(table.columns) == list(ACLED_COLUMNS)
    assert table.loc[0, "event_date"] == "03 May 2021" and table.loc[0, "sub_event_type"] == "Armed clash"
    bad = CliRunner().invoke(cli, ["export", str(article), "--layer", "places", "--format", "acled-csv",
                                   "-o", str(tmp_path / "p.csv"), "-q"])
    assert bad.exit_code == 2
