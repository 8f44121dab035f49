"""Outputs respect what they write to: standard output, pipes and devices, formats by extension,
no folder before the input is known readable, atomic replacement of regular files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from karamap.cli import main

ARTICLE = "date 2021-01-30 Joint center\nMonitors opened a joint center in Aghdam on Jan. 30.\n"


def karamap(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "karamap", *args], capture_output=True, timeout=600,
                          cwd=cwd, input=None if stdin is None else stdin.encode())


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "in" / "center.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_annotate_dash_writes_jsonl_to_standard_output_and_no_file(tmp_path, article):
    proc = karamap("annotate", str(article), "-o", "-", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    (line,) = proc.stdout.decode().splitlines()
    assert json.loads(line)["id"] == "center"
    assert not (tmp_path / "-").exists()
    assert b"Traceback" not in proc.stderr


def test_export_dash_writes_geojson_to_standard_output(tmp_path, article):
    proc = karamap("export", str(article), "--layer", "places", "-o", "-", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["type"] == "FeatureCollection"
    assert not (tmp_path / "-").exists()


def test_the_processs_own_standard_output_by_path_is_written_into(tmp_path, article):
    # /proc/self/fd/1 is what /dev/stdout points to: a pipe here, never to be renamed over
    # (the machine's own /dev/stdout is not risked in a test).
    proc = karamap("annotate", str(article), "-o", "/proc/self/fd/1", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "center"


def test_a_named_pipe_target_is_written_into_not_replaced(tmp_path, article):
    fifo = tmp_path / "events.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code = main(["annotate", str(article), "-o", str(fifo)])
    reader.join(timeout=60)
    assert code == 0
    assert json.loads(got[0])["id"] == "center"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.fifo", "in"]


@pytest.mark.parametrize(("name", "check"), [
    ("events.parquet", lambda p: pq.read_table(p).num_rows >= 1),
    ("events.geoparquet", lambda p: p.read_bytes()[:4] == b"PAR1"),
    ("events.csv", lambda p: p.read_text().startswith("event_id,doc_id,type,")),
    ("events.geojson", lambda p: json.loads(p.read_text())["type"] == "FeatureCollection"),
    ("events.jsonl", lambda p: all(json.loads(line)["type"] == "Feature" for line in p.read_text().splitlines())),
])
def test_export_takes_the_format_from_the_extension(tmp_path, article, name, check):
    out = tmp_path / name
    assert main(["export", str(article), "--layer", "events", "-o", str(out)]) == 0
    assert check(out)


def test_format_wins_over_the_extension(tmp_path, article):
    out = tmp_path / "events.txt"
    assert main(["export", str(article), "--layer", "events", "--format", "csv", "-o", str(out)]) == 0
    assert out.read_text().startswith("event_id,")


@pytest.mark.parametrize("name", ["events.xlsx", "events", "events.parq"])
def test_an_unknown_extension_is_a_usage_error_before_any_work(tmp_path, article, capsys, name):
    code = main(["export", str(article), "--layer", "events", "-o", str(tmp_path / "new" / name)])
    err = capsys.readouterr().err
    assert code == 2
    assert "names no output format" in err and "--format" in err
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("command", ["annotate", "export", "build"])
def test_no_output_folder_is_made_when_the_input_cannot_be_read(tmp_path, capsys, command):
    folder = tmp_path / "results" / "today"
    out = folder if command == "build" else folder / "out.jsonl"
    extra = ["--layer", "events"] if command == "export" else []
    if command == "export":
        out = folder / "out.geojson"
    code = main([command, str(tmp_path / "missing.txt"), *extra, "-o", str(out)])
    assert code == 3
    assert "no such file or folder" in capsys.readouterr().err
    assert not (tmp_path / "results").exists()


def test_build_creates_its_output_folder_once_the_input_is_read(tmp_path, article):
    out = tmp_path / "results" / "today"
    assert main(["build", str(article), "--output", str(out), "--name", "m"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["m-events.geojson", "m-places.geojson", "m.html"]


def test_build_dash_is_a_usage_error(tmp_path, article, capsys):
    assert main(["build", str(article), "-o", "-"]) == 2
    assert "folder" in capsys.readouterr().err


@pytest.mark.parametrize("spelling", ["-o", "--output", "--out-dir"])
def test_build_takes_the_one_output_spelling_and_the_old_alias(tmp_path, article, spelling):
    out = tmp_path / spelling.strip("-")
    assert main(["build", str(article), spelling, str(out), "--name", "m"]) == 0
    assert (out / "m.html").is_file()
