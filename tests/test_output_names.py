"""Output names and options are checked before any work: ``--name`` is a file name, ``--title`` one line,
``-o`` a file name that can be written with its temporary file beside it, none carrying the mark of
karamap's temporary files; an online geocoder's user agent and URL are ones it can send."""

from __future__ import annotations

import pytest

from karamap.atomic import TEMP_MARKER, atomic_path, atomic_write, sweep_stale_temps
from karamap.errors import OutputError

GOOD = "date 2021-01-30 Joint center\nTurkish and Russian officers met in Aghdam on Jan. 30.\n"


# --- --name is a file name, --title a line ------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "../escape"], "--name '../escape' is a path, not a file name"),
        (["--name", "a/b"], "is a path, not a file name"),
        (["--name", "a\\b"], "is a path, not a file name"),
        (["--name", ".."], "is a path, not a file name"),
        (["--name", ".hidden"], "starts with '.'"),
        (["--name", "a\nb"], "holds a control character (\\n)"),
        (["--name", "a\x1b[31m"], "holds a control character (\\x1b)"),
        (["--name", "x\udcff"], "--name 'x\\xff' is not UTF-8 text"),
        (["--name", "é" * 101], "--name is 202 bytes long; at most 200 are allowed"),
        (["--name", f"m{TEMP_MARKER}99999-0badcafe"], "the mark of karamap's temporary files"),
        (["--title", "x\udcff"], "--title 'x\\xff' is not UTF-8 text"),
        (["--title", "a" * 501], "--title is 501 characters long; at most 500 are allowed"),
        (["--title", "two\nlines"], "--title 'two lines' holds a control character (\\n); a title is one line"),
    ],
)
def test_a_bad_name_or_title_is_a_usage_error_before_any_work(run_cli, tmp_path, small_offline, args, message):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    code, err = run_cli("build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "maps"), *args)
    assert code == 2, err
    assert err.strip() == f"karamap: error: {message}" or message in err.strip(), err
    assert len(err.strip().splitlines()) == 1
    assert small_offline == [] and not (tmp_path / "maps").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_name_of_200_bytes_writes_every_output(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    name = "ü" * 100
    code, err = run_cli("build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "maps"), "--name", name,
                    "--title", "Ağdam, 2021")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "maps").iterdir()) == [
        f"{name}-events.geojson", f"{name}-places.geojson", f"{name}.html"]


@pytest.mark.parametrize("command", ["annotate", "export"])
@pytest.mark.parametrize(("output", "message"), [
    (f".o.jsonl{TEMP_MARKER}99999-0badcafe.jsonl", "the mark of karamap's temporary files"),
    ("o\x07.jsonl", "holds a control character (\\x07)"),
    ("o\udcff.jsonl", "is not UTF-8 text"),
    ("x" * 230 + ".jsonl", "too long to be written safely"),
])
def test_an_output_file_name_that_cannot_be_written_safely_is_a_usage_error(run_cli, tmp_path, small_offline,
                                                                           command, output, message):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    extra = ["--layer", "places"] if command == "export" else []
    code, err = run_cli(command, str(tmp_path / "a.txt"), *extra, "-o", str(tmp_path / output))
    assert code == 2 and message in err, err
    assert small_offline == [] and sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_an_output_named_like_a_dead_runs_temporary_file_is_never_written_nor_swept(tmp_path):
    lookalike = tmp_path / f".m.html{TEMP_MARKER}99999999-0badcafe.html"
    for write in (lambda: atomic_write(lookalike).__enter__(), lambda: atomic_path(lookalike).__enter__()):
        with pytest.raises(OutputError, match="mark of karamap's temporary files"):
            write()
    assert list(tmp_path.iterdir()) == []
    # Files that merely resemble a temporary file (a user's, another tool's) are not karamap's to remove.
    keep = [f".m.html{TEMP_MARKER}99999999-0badcafe.html.bak", f".m.html{TEMP_MARKER}99999999-abc.html",
            f".m.html{TEMP_MARKER}99999999-0badcafe.csv", f".m{TEMP_MARKER}{'9' * 40}-0badcafe"]
    for name in keep:
        (tmp_path / name).write_text("mine")
    stale = tmp_path / f".m.html{TEMP_MARKER}99999999-0badcafe.html"
    stale.write_text("left by a killed run")
    assert sweep_stale_temps(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(keep)


# --- options an online geocoder is given --------------------------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    (["--user-agent", "me\r\nX-Injected: 1"], "--user-agent must be one line of printable ASCII"),
    (["--user-agent", "mé/1.0"], "--user-agent must be one line of printable ASCII"),
    (["--user-agent", "me", "--geocoder-url", "http://[::1"], "is not a URL (Invalid IPv6 URL)"),
    (["--user-agent", "me", "--geocoder-url", "http://localhost:99999"], "is not a URL"),
    (["--user-agent", "me", "--geocoder-url", "gopher://localhost"], "is not an http(s) URL"),
    (["--user-agent", "me", "--geocoder-url", "http://user:pw@localhost/"], "without credentials"),
    (["--user-agent", "me", "--geocoder-url", "http://local host/"], "spaces or control characters"),
])
def test_bad_geocoder_options_are_usage_errors_before_any_work(run_cli, tmp_path, small_offline, args, message):
    code, err = run_cli("annotate", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.jsonl"),
                    "--geocoder", "nominatim", *args)
    assert code == 2 and message in err, err
    assert small_offline == []


@pytest.mark.parametrize("module", ["karamap.names", "karamap.terminal"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
