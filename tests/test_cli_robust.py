"""Every bad input through the CLI: the documented exit code, one line naming the problem, no
traceback, and earlier outputs left as they were. Also kills and interrupts mid-write."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from karamap.atomic import TEMP_MARKER
from karamap.cli import main

PREVIOUS = '{"id": "previous", "note": "an earlier run wrote this"}\n'
GOOD = "date 2021-01-30 Joint center\nThe Turkish-Russian joint center in Aghdam started work on Jan. 30.\n"


@pytest.fixture
def run(tmp_path, capsys, monkeypatch):
    """Run ``karamap annotate ARGS -o out.jsonl`` in-process over a previous output; returns
    (exit code, stderr, output path)."""
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out" / "out.jsonl"
    out.parent.mkdir()
    out.write_text(PREVIOUS, encoding="utf-8")

    def _run(*args: str, command: str = "annotate", output: bool = True) -> tuple[int, str, Path]:
        argv = [command, *args] + (["-o", str(out)] if output else [])
        code = main(argv)
        err = capsys.readouterr().err
        assert "Traceback" not in err
        return code, err, out

    return _run


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8", newline="")
    return path


def untouched(out: Path) -> bool:
    return out.read_text(encoding="utf-8") == PREVIOUS and not [
        p for p in out.parent.iterdir() if TEMP_MARKER in p.name]


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def assert_offsets_index(record: dict, text: str) -> int:
    """Every span of ``record`` lies in ``text`` and matches its surface; returns how many were checked."""
    spans = [(x["start"], x["end"], x["text"]) for x in record["places"] + record["timexes"]]
    spans += [(e["quote_start"], e["quote_end"], e["quote"]) for e in record["events"]]
    for start, end, surface in spans:
        assert 0 <= start <= end <= len(text) and text[start:end] == surface, (start, end, surface)
    return len(spans)


# --- bad inputs that leave nothing to do: non-zero exit, previous output kept ---------------


@pytest.mark.parametrize(
    ("name", "data", "code", "message"),
    [
        ("empty.txt", "", 4, r"empty.txt: empty \(no text, or only white space\)"),
        ("blank.txt", "  \n\t\r\n ", 4, r"blank.txt: empty"),
        ("header-only.txt", "date 2021-01-30 T\n", 4, r"header-only.txt: a header line and no article text"),
        ("scan.txt", b"%PDF-1.5\n%\xb5\xb5\xb5\xb5\n1 0 obj", 3, r"scan.txt: not a text file: a PDF document"),
        ("blob.txt", bytes(range(256)) * 8, 3, r"blob.txt: not a text file: a binary file"),
        ("odd.txt", b"Aghdam \x81\x8d\x90 text", 3, r"odd.txt: not UTF-8 \(bad byte 0x81 at byte 7\).*convert it to UTF-8"),
        ("feb.txt", "date 2021-02-30 T\nAghdam.\n", 3, r"feb.txt:1: impossible date 2021-02-30 in the header"),
        ("future.txt", "date 2999-01-01 T\nAghdam.\n", 3, r"future.txt:1: date 2999-01-01 in the header lies in the future"),
        ("slash.txt", "date 30/01/2021 T\nAghdam.\n", 3, r"slash.txt:1: date '30/01/2021' in the header is not YYYY-MM-DD"),
        ("notjson.jsonl", "this is not json\n", 3, r"notjson.jsonl:1: not JSON \(Expecting value at column 1\)"),
        ("notext.jsonl", '{"id": "a", "body": "Aghdam"}\n', 3, r'notext.jsonl:1: the record lacks "text"'),
        ("types.jsonl", '{"id": "a", "text": {"en": "Aghdam"}}\n', 3, r'types.jsonl:1: "text" must be a string, not an object'),
        ("date.jsonl", '{"id": "a", "text": "x", "date": "2021-02-30"}\n', 3, r'date.jsonl:1: impossible date 2021-02-30 in "date"'),
        ("empty.jsonl", "\n\n", 4, r"empty.jsonl: empty \(no JSON line\)"),
        ("gz.jsonl", b"\x1f\x8b\x08\x00\x00\x00\x00\x00", 3, r"gz.jsonl: not a JSONL file: a gzip archive"),
    ],
)
def test_a_bad_single_input_exits_non_zero_naming_the_problem(run, tmp_path, name, data, code, message):
    import re

    path = write(tmp_path / "in" / name, data)
    exit_code, err, out = run(str(path))
    assert exit_code == code, err
    (line,) = [x for x in err.splitlines() if x.startswith("karamap: error:")]
    assert re.search(message, line), line
    assert untouched(out)


def test_a_missing_file(run, tmp_path):
    code, err, out = run(str(tmp_path / "nope.txt"))
    assert code == 3
    assert f"karamap: error: {tmp_path / 'nope.txt'}: no such file or folder" in err
    assert untouched(out)


def test_a_folder_with_no_articles(run, tmp_path):
    write(tmp_path / "news" / "readme.md", "nothing here")
    code, err, out = run(str(tmp_path / "news"))
    assert code == 4
    assert f"{tmp_path / 'news'}: folder holds no .txt or .jsonl file" in err
    assert untouched(out)


def test_a_text_file_of_50_mb_is_refused_with_a_message(run, tmp_path):
    path = tmp_path / "in" / "dump.txt"
    path.parent.mkdir()
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    code, err, out = run(str(path))
    assert code == 3
    assert "dump.txt: 50.0 MB is too large for one article" in err and "JSONL" in err
    assert untouched(out)


# --- recoveries: the article is read, and the user is told --------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [("Ağdam and Şuşa were returned.", "cp1254"), ("The “joint center” opened.", "cp1252"),
     ("The café in Aghdam.", "latin-1")],
)
def test_legacy_encodings_are_read_and_named(run, tmp_path, data, encoding):
    path = write(tmp_path / "in" / "old.txt", data.encode(encoding))
    code, err, out = run(str(path))
    assert code == 0, err
    assert f"karamap: note: {path}: not UTF-8; decoded as {encoding}" in err
    assert records(out)[0]["id"] == "old"
    assert_offsets_index(records(out)[0], data)


def test_a_bom_and_crlf_are_read_and_offsets_index_the_text_as_read(run, tmp_path):
    path = write(tmp_path / "in" / "win.txt", b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    code, err, out = run(str(path))
    assert code == 0, err
    (record,) = records(out)
    assert (record["date"], record["title"]) == ("2021-01-30", "Joint center")
    assert assert_offsets_index(record, GOOD) >= 2  # Aghdam, Jan. 30: offsets into the LF text


# --- batches: one bad article does not stop the others unless --strict ----------------------


def batch(tmp_path: Path) -> list[str]:
    write(tmp_path / "in" / "a-good.txt", GOOD)
    write(tmp_path / "in" / "b-feb.txt", "date 2021-02-30 T\nAghdam.\n")
    write(tmp_path / "in" / "c.jsonl",
          '{"id": "c1", "text": "Shusha, Jan. 31."}\nnot json\n{"id": "a-good", "text": "dup"}\n')
    return [str(tmp_path / "in"), str(tmp_path / "missing.txt")]


def test_a_batch_skips_bad_inputs_and_lists_them(run, tmp_path):
    code, err, out = run(*batch(tmp_path))
    assert code == 0, err
    assert [r["id"] for r in records(out)] == ["a-good", "c1"]
    assert "karamap: skipped " + str(tmp_path / "in" / "b-feb.txt") + ":1: impossible date" in err
    assert "c.jsonl:2: not JSON" in err
    assert "c.jsonl:3: duplicate article id 'a-good'" in err
    assert "missing.txt: no such file or folder" in err
    assert "karamap: 4 input(s) skipped; 2 article(s) read" in err


def test_strict_stops_at_the_first_bad_input_and_keeps_the_previous_output(run, tmp_path):
    code, err, out = run("--strict", *batch(tmp_path))
    assert code == 3
    assert "karamap: error: " + str(tmp_path / "in" / "b-feb.txt") + ":1: impossible date" in err
    assert untouched(out)


def test_duplicate_ids_under_strict(run, tmp_path):
    path = write(tmp_path / "in" / "d.jsonl", '{"id": "x", "text": "A."}\n{"id": "x", "text": "B."}\n')
    code, err, out = run(str(path))
    assert code == 0 and "d.jsonl:2: duplicate article id 'x'" in err
    code, err, _ = run("--strict", str(path))
    assert code == 3 and "karamap: error:" in err and "duplicate article id 'x'" in err


# --- outputs, options, overrides, geocoders ------------------------------------------------


def test_an_output_folder_that_cannot_be_written_fails_before_any_work(run, tmp_path):
    blocker = write(tmp_path / "blocker", "a file where a folder should be")
    code, err, _ = run(str(write(tmp_path / "in" / "a.txt", GOOD)), "-o", str(blocker / "out.jsonl"),
                       output=False)
    assert code == 5
    assert f"karamap: error: output folder {blocker} is a file, not a folder" in err
    assert blocker.read_text() == "a file where a folder should be"


def test_build_into_a_file_is_an_output_error_not_a_usage_error(run, tmp_path):
    blocker = write(tmp_path / "blocker", "a file where a folder should be")
    code, err, _ = run(str(write(tmp_path / "in" / "a.txt", GOOD)), "-o", str(blocker), "--name", "m",
                       command="build", output=False)
    assert code == 5
    assert err.strip().splitlines() == [f"karamap: error: output folder {blocker} is a file, not a folder"]
    assert blocker.read_text() == "a file where a folder should be"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "in", "out"]


def test_bad_overrides_point_to_the_row(run, tmp_path):
    overrides = write(tmp_path / "mine.csv", "name,lat,lon\nCamp,40.1,46.8\nOther,95,46\n")
    code, err, out = run("--overrides", str(overrides), str(write(tmp_path / "in" / "a.txt", GOOD)))
    assert code == 6
    assert f"karamap: error: {overrides}:3: lat 95.0 is outside -90..90" in err
    assert untouched(out)
    code, err, out = run("--overrides", str(tmp_path / "none.csv"), str(tmp_path / "in" / "a.txt"))
    assert code == 6 and "none.csv: no such overrides file" in err


def test_overrides_win_in_the_output(run, tmp_path):
    overrides = write(tmp_path / "mine.csv", "id,name,lat,lon,feature,country\nmy-aghdam,Aghdam,40.0,47.0,city,AZ\n")
    code, err, out = run("--overrides", str(overrides), str(write(tmp_path / "in" / "a.txt", GOOD)))
    assert code == 0, err
    place_ids = json.dumps(records(out)[0])
    assert "user:my-aghdam" in place_ids


def test_an_online_geocoder_without_user_agent_is_a_usage_error(run, tmp_path):
    code, err, out = run("--geocoder", "nominatim", str(write(tmp_path / "in" / "a.txt", GOOD)))
    assert code == 2 and "needs a user agent" in err
    assert untouched(out)


def test_a_dead_geocoder_falls_back_to_offline_with_one_warning(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    text = write(tmp_path / "a.txt", GOOD + "Officials in Qaraqoyunlu and Zzyzxville and Tartar spoke.\n")
    proc = subprocess.run(
        [sys.executable, "-m", "karamap", "annotate", str(text), "-o", str(tmp_path / "o.jsonl"),
         "--geocoder", "nominatim", "--user-agent", "karamap-tests/1.0", "--geocoder-url", dead],
        capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if "warning" in line]
    (warning,) = warnings  # once, not per place
    assert warning.startswith("karamap: warning: nominatim") and "cannot be reached" in warning
    assert "using the offline gazetteer alone for the rest of this run" in warning
    assert (tmp_path / "o.jsonl").is_file()


def test_a_map_built_with_nominatim_credits_openstreetmap(run, tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    source = str(write(tmp_path / "in" / "a.txt", GOOD))
    code, err, _ = run(source, "-o", str(tmp_path / "plain"), "--name", "m", "--offline",
                       command="build", output=False)
    assert code == 0, err
    assert "OpenStreetMap contributors" not in (tmp_path / "plain" / "m.html").read_text(encoding="utf-8")
    code, err, _ = run(source, "-o", str(tmp_path / "osm"), "--name", "m", "--offline",
                       "--geocoder", "nominatim", "--user-agent", "karamap-tests/1.0", "--geocoder-url", dead,
                       command="build", output=False)
    assert code == 0, err
    assert "© OpenStreetMap contributors" in (tmp_path / "osm" / "m.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["annotate", "{missing}"], 3, "no such file or folder"),
        (["annotate", "{pdf}"], 3, "not a text file: a PDF document"),
        (["export", "{pdf}", "--layer", "events", "--format", "geojson"], 3, "not a text file"),
        (["build", "{missing}", "--name", "m"], 3, "no such file or folder"),
    ],
)
def test_as_a_real_process_errors_are_one_line_without_traceback(tmp_path, args, code, message):
    pdf = write(tmp_path / "in" / "scan.txt", b"%PDF-1.4\n\x00\x01")
    out = write(tmp_path / "out" / "previous.file", "previous")
    argv = [a.format(missing=tmp_path / "missing.txt", pdf=pdf) for a in args]
    argv += ["-o", str(out.parent if args[0] == "build" else out)]
    proc = subprocess.run([sys.executable, "-m", "karamap", *argv], capture_output=True, text=True,
                          timeout=600, cwd=tmp_path)
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("karamap: error: ")
    assert message in proc.stderr
    assert out.read_text() == "previous"
    assert sorted(p.name for p in out.parent.iterdir()) == ["previous.file"]


def test_a_bug_ends_in_one_line_and_exit_70_and_the_previous_output_stays(run, tmp_path, monkeypatch):
    import karamap.api

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(karamap.api, "annotate_to_jsonl", broken)
    code, err, out = run(str(write(tmp_path / "in" / "a.txt", GOOD)))
    assert code == 70
    assert "karamap: error: internal error: ZeroDivisionError: division by zero (a bug in karamap" in err
    assert untouched(out)
    monkeypatch.setenv("KARAMAP_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["annotate", str(tmp_path / "in" / "a.txt"), "-o", str(out)])


def test_standard_input_is_a_source(tmp_path):
    out = tmp_path / "o.jsonl"
    proc = subprocess.run([sys.executable, "-m", "karamap", "annotate", "-", "-o", str(out)],
                          input='{"id": "s1", "text": "Talks in Baku on Jan. 30."}\n{"id": 5\n',
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "karamap: skipped <stdin>:2: not JSON" in proc.stderr and "Traceback" not in proc.stderr
    assert [r["id"] for r in records(out)] == ["s1"]


# --- kill and interrupt mid-write of `karamap build` ------------------------------------------

SLOW_BUILD = textwrap.dedent(
    """
    import contextlib, sys, time
    from pathlib import Path
    import karamap.atomic, karamap.export, karamap.jsonl
    import karamap.render.folium_map

    real = karamap.atomic.atomic_write
    marker, stop_at = Path(sys.argv[1]), int(sys.argv[2])
    count = [0]

    @contextlib.contextmanager
    def slow(path, *args, **kwargs):
        with real(path, *args, **kwargs) as fh:
            yield fh
            fh.flush()
            count[0] += 1
            if count[0] == stop_at:  # this file is written, not yet renamed: stop here
                marker.write_text(str(path))
                time.sleep(120)

    for module in (karamap.export, karamap.render.folium_map, karamap.jsonl):
        module.atomic_write = slow
    from karamap.cli import main
    sys.exit(main(sys.argv[3:]))
    """
)


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory):
    """A finished build of one article, the outputs a killed later build must not touch."""
    root = tmp_path_factory.mktemp("build")
    source = write(root / "first.txt", "date 2021-01-30 First\nTurkish and Russian officers met in Aghdam on Jan. 30.\n")
    assert main(["build", str(source), "-o", str(root / "maps"), "--name", "m"]) == 0
    return root


@pytest.mark.parametrize(("sig", "stop_at"), [(signal.SIGKILL, 1), (signal.SIGKILL, 2), (signal.SIGKILL, 3),
                                              (signal.SIGINT, 2)])
def test_a_build_killed_mid_write_leaves_the_previous_map_and_layers_byte_identical(
        previous_build, example_path, tmp_path, sig, stop_at):
    maps = tmp_path / "maps"
    maps.mkdir()
    for name, data in snapshot(previous_build / "maps").items():
        (maps / name).write_bytes(data)
    before = snapshot(maps)
    assert sorted(before) == ["m-events.geojson", "m-places.geojson", "m.html"]
    marker = tmp_path / "marker"
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(marker), str(stop_at),
         "build", str(example_path), "-o", str(maps), "--name", "m"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 300
        while not marker.exists():
            if proc.poll() is not None:
                pytest.fail(f"build ended before writing: {proc.communicate()[1]}")
            assert time.monotonic() < deadline, "build never reached its writes"
            time.sleep(0.05)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "karamap: interrupted" in err and "Traceback" not in err
    else:
        assert proc.returncode == -signal.SIGKILL
    assert snapshot(maps) == before  # byte-identical, and no temporary file beside them
