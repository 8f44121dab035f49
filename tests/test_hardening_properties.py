"""No input ends in an internal error: any file names in a folder, any options, through the command line.

The offline index is replaced by two places (:func:`small_offline`): these properties are about what
the command line accepts, and each example runs in milliseconds."""

from __future__ import annotations

import json
import os
import shutil
import socket
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from karamap.terminal import UNSAFE_CATEGORIES

GOOD = "date 2021-01-30 Joint center\nTurkish and Russian officers met in Aghdam on Jan. 30.\n"
DOCUMENTED = {0, 1, 2, 3, 4, 5, 6}  # everything but 70 (a bug) and 130 (Ctrl-C)

# Bytes of a file name: anything but '/' and NUL, so names that are not UTF-8, carry control
# characters or escape sequences, look hidden or look like karamap's temporary files.
NAME_BYTES = st.one_of(
    st.binary(min_size=1, max_size=30),
    st.sampled_from([b"\xff\xfe", b"caf\xe9", b"\x1b[31mred", b"a\nb", b" ", b"-", b"--help", b"~",
                     b".m.html.karamap-tmp-1-0badcafe", b"\xe2\x80\xae", b"\xed\xa0\x80"]),
).map(lambda b: b.replace(b"/", b"_").replace(b"\0", b"_")).filter(lambda b: b not in (b".", b".."))
SUFFIXES = st.sampled_from([b".txt", b".TXT", b".jsonl", b".ndjson", b"", b".md", b".txt.bak"])
KINDS = st.sampled_from(["text", "jsonl", "empty", "binary", "latin-1", "fifo", "device", "broken link",
                         "folder", "socket"])


def terminal_safe(text: str) -> bool:
    """Nothing a terminal would act on: no control, format or unassigned character, no lone surrogate."""
    return not any(unicodedata.category(c) in UNSAFE_CATEGORIES for c in text.replace("\n", ""))


def make(folder: bytes, name: bytes, kind: str) -> None:
    path = os.path.join(folder, name)
    if os.path.lexists(path):
        return
    if kind == "text":
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(GOOD)
    elif kind == "jsonl":
        with open(path, "w", encoding="utf-8") as fh:
            fh.write('{"id": "j1", "text": "Talks in Baku on Jan. 30."}\nnot json\n')
    elif kind == "empty":
        open(path, "wb").close()
    elif kind == "binary":
        with open(path, "wb") as fh:
            fh.write(b"%PDF-1.4\x00\x01\x02")
    elif kind == "latin-1":
        with open(path, "wb") as fh:
            fh.write("Talks in Baku, caf\xe9 owners said.".encode("latin-1"))
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        os.symlink(b"/dev/zero", path)
    elif kind == "broken link":
        os.symlink(b"/nonexistent/nowhere", path)
    elif kind == "folder":
        os.mkdir(path)
        with open(os.path.join(path, b"inner.txt"), "w", encoding="utf-8") as fh:
            fh.write(GOOD)
    elif kind == "socket":
        if len(path) < 100:  # a socket's path has a length limit of its own
            sock = socket.socket(socket.AF_UNIX)
            sock.bind(path)
            sock.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(st.lists(st.tuples(NAME_BYTES, SUFFIXES, KINDS), min_size=1, max_size=6))
def test_any_file_names_in_a_folder_give_a_documented_exit(run_cli, entries):
    root = tempfile.mkdtemp()
    try:
        folder = os.path.join(os.fsencode(root), b"news")
        os.mkdir(folder)
        for name, suffix, kind in entries:
            make(folder, name + suffix, kind)
        out = os.path.join(root, "out.jsonl")
        code, err = run_cli("annotate", os.fsdecode(folder), "-o", out)
        event(f"exit {code}")
        assert code in (0, 3, 4), err
        assert terminal_safe(err), err  # file names are shown escaped
        if code == 0:
            for line in Path(out).read_text(encoding="utf-8").splitlines():
                json.loads(line)["id"].encode("utf-8")
    finally:
        shutil.rmtree(root, ignore_errors=True)


# Option values as the shell hands them over: any text, the bytes of a non-UTF-8 argument (as
# Python decodes argv), separators, control characters, long runs.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)
TRICKY = st.sampled_from(["", " ", ".", "..", "../x", "a/b", "a\\b", "x\udcff", "\x1b[2J", "a\nb", "-",
                          "--name", "é" * 150, "a" * 300, "m.karamap-tmp-1-0badcafe", "CON", "nul", "\u202e"])
VALUES = st.one_of(ANY_TEXT, TRICKY)
URLS = st.one_of(VALUES, st.sampled_from(["http://[::1", "http://x:99999", "ftp://x", "http://a b", "localhost",
                                          "https://user:pw@h/", "http://127.0.0.1:9/?q=1", "http://%zz"]))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(name=st.one_of(st.none(), VALUES), title=st.one_of(st.none(), VALUES),
       min_score=st.one_of(st.none(), VALUES, st.floats(-2, 2).map(str)),
       geocoder=st.one_of(st.none(), st.tuples(st.one_of(st.none(), VALUES), st.one_of(st.none(), URLS))))
def test_any_options_give_a_documented_exit(run_cli, name, title, min_score, geocoder):
    root = Path(tempfile.mkdtemp())
    try:
        (root / "a.txt").write_text(GOOD, encoding="utf-8")
        args = ["build", str(root / "a.txt"), "-o", str(root / "maps")]
        for option, value in (("--name", name), ("--title", title), ("--min-score", min_score)):
            if value is not None:
                args += [option, value]
        if geocoder is not None:
            user_agent, url = geocoder
            args += ["--geocoder", "nominatim"]
            args += ["--user-agent", user_agent] if user_agent is not None else []
            args += ["--geocoder-url", url] if url is not None else []
        code, err = run_cli(*args)
        event(f"exit {code}")
        assert code in DOCUMENTED, err
        last = err.strip().splitlines()[-1] if err.strip() else ""
        if code != 0:  # one line of karamap's, or click's usage text ending in its error line
            assert last.startswith(("karamap: error: ", "Error: ")), err
        if last.startswith("karamap: error: "):
            assert terminal_safe(last), err
        maps = root / "maps"
        if code == 0 and maps.exists():
            assert {p.suffix for p in maps.iterdir()} == {".html", ".geojson"}
        assert sorted(p.name for p in root.iterdir()) in (["a.txt"], ["a.txt", "maps"])
    finally:
        shutil.rmtree(root, ignore_errors=True)
