"""The command line, through click's runner: each command's job, its help, its errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from karamap.cli import cli, main


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("args", [[], ["build"], ["annotate"], ["export"]])
def test_every_help_shows_examples(runner, args):
    result = runner.invoke(cli, [*args, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert "karamap " in result.output.split("Examples:")[1]


def test_build_without_sources_maps_the_bundled_example(runner, tmp_path):
    result = runner.invoke(cli, ["build", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["karabakh-joint-center-events.geojson", "karabakh-joint-center-places.geojson",
                     "karabakh-joint-center.html"]
    events = json.loads((tmp_path / "karabakh-joint-center-events.geojson").read_text())
    assert events["type"] == "FeatureCollection" and len(events["features"]) >= 7
    assert "1 articles" in result.output


def test_annotate_writes_one_line_per_article(runner, tmp_path, example_path):
    out = tmp_path / "seed.jsonl"
    result = runner.invoke(cli, ["annotate", str(example_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    (line,) = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["date"] == "2021-01-30"
    assert {"places", "timexes", "events"} <= set(record)
    assert any(p["text"] == "ANKARA" and p["geonameid"] == 323786 for p in record["places"])


def test_min_score_decides_whether_a_close_call_is_mapped(runner, tmp_path):
    source = tmp_path / "fair.txt"
    source.write_text("The fair opens in Springfield on Friday.\n", encoding="utf-8")
    records = {}
    for option in (None, "0"):
        out = tmp_path / f"out-{option}.jsonl"
        args = ["annotate", str(source), "-o", str(out)] + (["--min-score", option] if option else [])
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        records[option] = json.loads(out.read_text(encoding="utf-8"))
    assert records[None]["places"] == [] and records[None]["withheld"][0]["text"] == "Springfield"
    assert records["0"]["withheld"] == [] and records["0"]["places"][0]["country"] == "US"
    said = runner.invoke(cli, ["annotate", str(source), "-o", str(tmp_path / "y.jsonl")])
    assert "1 place reading(s) withheld as too close to call" in said.output
    result = runner.invoke(cli, ["annotate", str(source), "-o", str(tmp_path / "x.jsonl"), "--min-score", "2"])
    assert result.exit_code == 2 and "min-score" in result.output


def test_export_writes_the_chosen_layer(runner, tmp_path, example_path):
    out = tmp_path / "places.geojson"
    result = runner.invoke(cli, ["export", str(example_path), "--layer", "places", "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = {f["properties"]["name"] for f in json.loads(out.read_text())["features"]}
    assert {"Ankara", "Armenia", "Azerbaijan"} <= names


def test_an_online_geocoder_needs_a_user_agent(tmp_path, example_path, capsys):
    code = main(["annotate", str(example_path), "-o", str(tmp_path / "x.jsonl"), "--geocoder", "nominatim"])
    assert code == 2
    err = capsys.readouterr().err
    assert "user agent" in err and "Traceback" not in err
    assert not (tmp_path / "x.jsonl").exists()


def test_unknown_option_is_a_usage_error(capsys):
    assert main(["build", "--no-such-option"]) == 2
    assert "No such option" in capsys.readouterr().err
