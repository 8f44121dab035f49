"""Inputs that used to end in an internal error (exit 70) or in reads without a bound: file names that are
not UTF-8, pipes and devices in folders, a closed standard input, overrides from devices and pipes,
override geometries karamap cannot map as drawn. Each is now a clear error or a skip with a message."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from karamap.gazetteer.user import MAX_OVERRIDES_BYTES

GOOD = "date 2021-01-30 Joint center\nTurkish and Russian officers met in Aghdam on Jan. 30.\n"


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- file names and special files in folders -------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_skipped_and_the_others_mapped(run_cli, tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(GOOD, encoding="utf-8")
    with open(os.path.join(os.fsencode(news), b"b\xff\xfe.txt"), "w", encoding="utf-8") as fh:
        fh.write(GOOD)
    with open(os.path.join(os.fsencode(news), b"c\xe9.jsonl"), "w", encoding="utf-8") as fh:
        fh.write('{"id": "c1", "text": "Talks in Baku on Jan. 30."}\n')
    out = tmp_path / "out.jsonl"
    code, err = run_cli("annotate", str(news), "-o", str(out))
    assert code == 0, err
    assert [r["id"] for r in records(out)] == ["a"]
    assert f"karamap: skipped {news}/b\\xff\\xfe.txt: the file name is not UTF-8 (rename it)" in err
    assert f"{news}/c\\xe9.jsonl: the file name is not UTF-8" in err
    assert "\udcff" not in err


def test_a_file_named_on_the_command_line_that_is_not_utf8_is_an_input_error(run_cli, tmp_path):
    path = os.path.join(os.fsencode(tmp_path), b"r\xff.txt")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(GOOD)
    code, err = run_cli("annotate", os.fsdecode(path), "-o", str(tmp_path / "o.jsonl"))
    assert code == 3 and "r\\xff.txt: the file name is not UTF-8" in err


def test_pipes_devices_sockets_and_broken_links_in_a_folder_are_listed_as_skipped(run_cli, tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(news / "pipe.txt")  # nobody writes: reading it would block the run for ever
    (news / "zero.txt").symlink_to("/dev/zero")  # reading it would never end
    (news / "gone.jsonl").symlink_to(tmp_path / "nowhere.jsonl")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(news / "sock.txt"))
        out = tmp_path / "out.jsonl"
        code, err = run_cli("annotate", str(news), "-o", str(out))
    assert code == 0, err
    assert [r["id"] for r in records(out)] == ["a"]
    assert f"skipped {news}/pipe.txt: not a regular file but a named pipe" in err
    assert f"skipped {news}/zero.txt: not a regular file but a character device" in err
    assert f"skipped {news}/sock.txt: not a regular file but a socket" in err
    assert f"skipped {news}/gone.jsonl: a broken symbolic link" in err
    assert "4 input(s) skipped; 1 article(s) read" in err


def test_a_folder_holding_only_a_pipe_names_the_pipe(run_cli, tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    os.mkfifo(news / "pipe.jsonl")
    code, err = run_cli("annotate", str(news), "-o", str(tmp_path / "o.jsonl"))
    assert code == 3 and "pipe.jsonl: not a regular file but a named pipe" in err


def test_control_characters_in_a_skipped_file_name_are_shown_escaped(run_cli, tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(GOOD, encoding="utf-8")
    (news / "\x1b[2Jevil\nname.txt").write_bytes(b"%PDF-1.4 not text")
    code, err = run_cli("annotate", str(news), "-o", str(tmp_path / "o.jsonl"))
    assert code == 0
    (line,) = [x for x in err.splitlines() if "evil" in x]
    assert "\\x1b[2Jevil\\nname.txt: not a text file: a PDF document" in line and "\x1b" not in err


# --- standard input ------------------------------------------------------------------------------


def test_a_closed_standard_input_is_an_input_error(tmp_path):
    proc = subprocess.run(["sh", "-c", 'exec "$0" -m karamap annotate - -o "$1" <&-', sys.executable,
                           str(tmp_path / "o.jsonl")], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 3, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "karamap: error: <stdin>: standard input is closed"
    assert "Traceback" not in proc.stderr


# --- overrides: bounded reads and geometries --------------------------------------------------------


def test_overrides_from_an_endless_device_are_read_to_a_limit(run_cli, tmp_path, small_offline):
    code, err = run_cli("annotate", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.jsonl"), "--overrides", "/dev/zero")
    assert code == 6
    assert err.strip() == f"karamap: error: /dev/zero: more than {MAX_OVERRIDES_BYTES // 2**20} MB; not an overrides file"
    assert small_offline == []  # refused before the index was opened


def _pipe(data: bytes) -> tuple[str, threading.Thread]:
    read_fd, write_fd = os.pipe()

    def feed() -> None:
        try:
            with open(write_fd, "wb") as fh:
                fh.write(data)
        except BrokenPipeError:
            pass  # the reader stopped at its limit

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    return f"/dev/fd/{read_fd}", thread


def test_overrides_from_a_pipe_are_read(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text("date 2021-01-30 T\nTroops reached Camp Alpha on Jan. 30.\n", encoding="utf-8")
    path, feeder = _pipe(b"name,lat,lon,feature\nCamp Alpha,40.1,46.8,facility\n")
    out = tmp_path / "o.jsonl"
    code, err = run_cli("annotate", str(tmp_path / "a.txt"), "-o", str(out), "--overrides", path, "--min-score", "0")
    feeder.join(5)
    assert code == 0, err
    assert "user:camp-alpha" in json.dumps(records(out))


def test_overrides_from_a_pipe_that_never_stops_are_cut_at_the_limit(run_cli, tmp_path):
    path, feeder = _pipe(b"name,lat,lon\n" + b"Camp,40.1,46.8\n" * (MAX_OVERRIDES_BYTES // 15 + 1000))
    code, err = run_cli("annotate", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.jsonl"), "--overrides", path)
    os.close(int(path.rsplit("/", 1)[1]))  # the reader end: the feeder stops
    feeder.join(5)
    assert code == 6 and "more than 50 MB" in err


def feature(geometry: dict) -> str:
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Camp Alpha", "feature": "facility"}, "geometry": geometry}]})


SQUARE = [[46.0, 40.0], [47.0, 40.0], [47.0, 41.0], [46.0, 41.0], [46.0, 40.0]]


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        ({"type": "Polygon", "coordinates": [[[46, 40], [47, 41], [47, 40], [46, 41], [46, 40]]]},
         r"not a valid Polygon \(self-intersection at lon 46.5, lat 40.5\)"),
        ({"type": "Polygon", "coordinates": [SQUARE, [[48, 42], [48.5, 42], [48.5, 42.5], [48, 42.5], [48, 42]]]},
         r"not a valid Polygon \(hole lies outside shell at lon 48, lat 42\)"),
        ({"type": "Polygon", "coordinates": [[[46, 40], [float("nan"), 40], [47, 41], [46, 41], [46, 40]]]},
         r"a coordinate of the geometry is not a finite number"),
        ({"type": "LineString", "coordinates": [[46, 40], [float("inf"), 41]]},
         r"not a finite number"),
        ({"type": "Polygon", "coordinates": [[[179, -17], [-179, -17], [-179, -16], [179, -16], [179, -17]]]},
         r"an edge crosses the antimeridian \(from lon 179 to -179\); cut the shape in two"),
        ({"type": "MultiPolygon", "coordinates": [[SQUARE], [[[170, 0], [-170, 0], [-170, 1], [170, 0]]]]},
         r"crosses the antimeridian"),
        ({"type": "Polygon", "coordinates": [[[46, 40], [47, 40], [47, 95], [46, 40]]]},
         r"lat 95.0 is outside -90..90"),
        ({"type": "Polygon", "coordinates": [[[46, 40], [47, 40]]]}, r"bad geometry"),
    ],
    ids=["self-intersecting", "hole outside shell", "NaN vertex", "infinite vertex", "antimeridian",
         "antimeridian in a part", "vertex off the world", "too few points"],
)
def test_bad_override_geometries_are_refused_before_any_work(run_cli, tmp_path, small_offline, geometry, message):
    overrides = tmp_path / "mine.geojson"
    overrides.write_text(feature(geometry), encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    code, err = run_cli("build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "maps"), "--overrides", str(overrides))
    assert code == 6, err
    (line,) = err.strip().splitlines()
    assert line.startswith(f"karamap: error: {overrides}: feature 1 ('Camp Alpha'): ")
    assert re.search(message, line), line
    assert small_offline == [] and not list((tmp_path / "maps").glob("*.html"))


def test_a_valid_polygon_on_either_side_of_the_antimeridian_is_kept(run_cli, tmp_path):
    fiji = {"type": "MultiPolygon", "coordinates": [
        [[[177, -18], [180, -18], [180, -16], [177, -16], [177, -18]]],
        [[[-180, -18], [-179, -18], [-179, -16], [-180, -16], [-180, -18]]]]}
    overrides = tmp_path / "mine.geojson"
    overrides.write_text(feature(fiji), encoding="utf-8")
    (tmp_path / "a.txt").write_text("date 2021-01-30 T\nStorms hit Camp Alpha on Jan. 30.\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    code, err = run_cli("annotate", str(tmp_path / "a.txt"), "-o", str(out), "--overrides", str(overrides),
                    "--min-score", "0")
    assert code == 0, err
    assert "user:camp-alpha" in json.dumps(records(out))


@pytest.mark.parametrize("module", ["karamap.read.files", "karamap.gazetteer.user"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
