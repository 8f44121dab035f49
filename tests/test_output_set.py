"""One output set, all or nothing: a map and its layers are switched together, and a signal at any
rename of the switch leaves (once the next run has looked) the whole previous set or the whole new one.

The signals land at known points, however fast or loaded the machine: the child process wraps
``karamap.atomic._rename`` (every rename of a switch goes through it) and signals itself just
before or just after the Nth call.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from karamap.atomic import (TEMP_MARKER, atomic_batch, atomic_dir, atomic_write, check_writable_dir,
                            recover_output_sets)
from karamap.errors import ConfigurationError, OutputError

SET = ("m.html", "m-places.geojson", "m-events.geojson")
OLD = {name: f"old {name}\n" for name in SET}
NEW = {name: f"new {name}, longer than the old one\n" for name in SET}

# The stop points: "K:before" / "K:after" the Kth rename, or "done" once the journal is gone.
# "then-kill" with SIGINT: a kill lands at the first rename of the undo the interrupt starts.
CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    import karamap.atomic as atomic

    folder, what, stop, then_kill = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4] == "then-kill"
    sig = getattr(signal, sys.argv[5]) if len(sys.argv) > 5 else None
    names = sys.argv[6:]
    calls = []
    real_rename, real_remove = atomic._rename, atomic._Journal.remove

    def stop_here():
        os.kill(os.getpid(), sig)

    def rename(src, dst):
        calls.append(f"{Path(src).name} -> {Path(dst).name}")
        n = len(calls)
        if then_kill and n > int(stop.split(":")[0]):
            os.kill(os.getpid(), signal.SIGKILL)  # the interrupt's undo is under way
        if stop == f"{n}:before":
            stop_here()
        real_rename(src, dst)
        if stop == f"{n}:after":
            stop_here()

    def remove(journal):
        real_remove(journal)
        if stop == "done" and journal.path is not None:
            stop_here()

    atomic._rename, atomic._Journal.remove = rename, remove
    try:
        if what == "files":
            with atomic.atomic_batch():
                for i, name in enumerate(names):
                    if i == 1:  # as GeoParquet is written: by a writer that wants a file name
                        with atomic.atomic_path(folder / name) as tmp:
                            tmp.write_text(f"new {name}, longer than the old one\\n")
                    else:
                        with atomic.atomic_write(folder / name) as fh:
                            fh.write(f"new {name}, longer than the old one\\n")
        else:  # a dataset: a folder of parts
            with atomic.atomic_dir(folder / names[0]) as tmp:
                for n in range(3):
                    (tmp / f"part.{n}.parquet").write_text(f"new part {n}\\n")
    except KeyboardInterrupt:
        sys.exit(130)
    print("\\n".join(calls))
    """
)


def child(folder: Path, what: str, stop: str = "never", sig: str = "SIGKILL", *names: str,
          then_kill: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CHILD, str(folder), what, stop,
                           "then-kill" if then_kill else "once", sig, *names],
                          capture_output=True, text=True, timeout=120)


def visible(folder: Path) -> dict[str, str]:
    """What a user sees in the folder: its files that are not hidden, and their text."""
    return {p.name: p.read_text() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def everything(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def journals(folder: Path) -> list[str]:
    return [name for name in everything(folder) if name.startswith(f"{TEMP_MARKER}set-")]


PREVIOUS = {"full": OLD, "none": {}, "partial": {"m.html": OLD["m.html"]}}


def previous_set(folder: Path, which: str) -> dict[str, str]:
    folder.mkdir(exist_ok=True)
    for name, text in PREVIOUS[which].items():
        (folder / name).write_text(text)
    return dict(PREVIOUS[which])


# --- the switch, rename by rename -------------------------------------------------------------------


def test_a_set_is_switched_by_a_journal_then_one_rename_a_file(tmp_path):
    previous_set(tmp_path, "full")
    done = child(tmp_path, "files", "never", "SIGKILL", *SET)
    assert done.returncode == 0, done.stderr
    renames = done.stdout.splitlines()
    assert len(renames) == 4, renames
    assert renames[0].endswith(".json") and renames[0].split(" -> ")[1].startswith(f"{TEMP_MARKER}set-")
    assert [r.split(" -> ")[1] for r in renames[1:]] == list(SET)
    assert visible(tmp_path) == {name: NEW[name] for name in SET}
    assert everything(tmp_path) == sorted(SET)  # no journal, no old files, no temporaries left


STOPS = [f"{n}:{when}" for n in range(1, 5) for when in ("before", "after")]


@pytest.mark.parametrize("which", ["full", "none", "partial"])
@pytest.mark.parametrize("stop", STOPS)
def test_a_kill_at_any_rename_leaves_the_previous_set_once_the_next_run_has_looked(tmp_path, which, stop):
    before = previous_set(tmp_path, which)
    done = child(tmp_path, "files", stop, "SIGKILL", *SET)
    assert done.returncode == -signal.SIGKILL, done.stderr
    seen = visible(tmp_path)
    # Until the next run, a killed switch is either not begun or marked by its journal.
    assert seen == before or journals(tmp_path), (stop, seen)
    check_writable_dir(tmp_path)  # what every later run into the folder does first
    assert visible(tmp_path) == before
    assert everything(tmp_path) == sorted(before)


@pytest.mark.parametrize("which", ["full", "none"])
def test_a_kill_once_the_journal_is_gone_leaves_the_new_set(tmp_path, which):
    previous_set(tmp_path, which)
    done = child(tmp_path, "files", "done", "SIGKILL", *SET)
    assert done.returncode == -signal.SIGKILL
    assert visible(tmp_path) == {name: NEW[name] for name in SET} and not journals(tmp_path)
    check_writable_dir(tmp_path)  # the old files the killed run had kept are swept
    assert everything(tmp_path) == sorted(SET)


@pytest.mark.parametrize("which", ["full", "none", "partial"])
@pytest.mark.parametrize("stop", STOPS)
def test_an_interrupt_at_any_rename_puts_the_previous_set_back_at_once(tmp_path, which, stop):
    before = previous_set(tmp_path, which)
    done = child(tmp_path, "files", stop, "SIGINT", *SET)
    assert done.returncode == 130, done.stderr
    assert visible(tmp_path) == before
    assert everything(tmp_path) == sorted(before)  # no journal, no temporary file left


@pytest.mark.parametrize("stop", ["2:after", "3:before", "3:after", "4:after"])
def test_a_kill_while_an_interrupt_is_undoing_the_switch_is_undone_by_the_next_run(tmp_path, stop):
    before = previous_set(tmp_path, "full")
    done = child(tmp_path, "files", stop, "SIGINT", *SET, then_kill=True)
    assert done.returncode == -signal.SIGKILL, done.stderr  # the undo had a rename to do
    assert journals(tmp_path)
    check_writable_dir(tmp_path)
    assert visible(tmp_path) == before and everything(tmp_path) == sorted(before)


def test_a_kill_while_the_next_run_puts_the_set_back_is_finished_by_the_run_after(tmp_path):
    before = previous_set(tmp_path, "full")
    assert child(tmp_path, "files", "4:before", "SIGKILL", *SET).returncode == -signal.SIGKILL
    recovering = textwrap.dedent(
        """
        import os, signal, sys
        import karamap.atomic as atomic
        def rename(src, dst):
            os.kill(os.getpid(), signal.SIGKILL)  # at the first rename of the recovery
        atomic._rename = rename
        atomic.check_writable_dir(sys.argv[1])
        """)
    done = subprocess.run([sys.executable, "-c", recovering, str(tmp_path)], capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL
    check_writable_dir(tmp_path)
    assert visible(tmp_path) == before and everything(tmp_path) == sorted(before)


DATASET_STOPS = [f"{n}:{when}" for n in range(1, 4) for when in ("before", "after")]


@pytest.mark.parametrize("sig", ["SIGKILL", "SIGINT"])
@pytest.mark.parametrize("stop", DATASET_STOPS)
def test_a_dataset_folder_is_swapped_all_or_nothing(tmp_path, stop, sig):
    # A folder is moved aside, then the new one moved in: three renames with the journal's.
    old = tmp_path / "events"
    old.mkdir()
    for n in range(2):
        (old / f"part.{n}.parquet").write_text(f"old part {n}\n")
    done = child(tmp_path, "dataset", stop, sig, "events")
    assert done.returncode == (130 if sig == "SIGINT" else -signal.SIGKILL), done.stderr
    check_writable_dir(tmp_path)
    assert everything(tmp_path) == ["events"]
    assert visible(old) == {f"part.{n}.parquet": f"old part {n}\n" for n in range(2)}


def test_a_dataset_switch_is_a_journal_and_two_renames(tmp_path):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "part.0.parquet").write_text("old\n")
    done = child(tmp_path, "dataset", "never", "SIGKILL", "events")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 3
    assert everything(tmp_path) == ["events"]
    assert sorted(visible(tmp_path / "events")) == ["part.0.parquet", "part.1.parquet", "part.2.parquet"]


# --- failures: the previous set stays, and the error says why ----------------------------------------


def test_a_rename_that_fails_half_way_puts_the_previous_set_back(tmp_path, monkeypatch):
    # As on Windows when QGIS holds a layer open: the map was switched, the layer cannot be.
    import karamap.atomic as atomic

    before = previous_set(tmp_path, "full")
    real = atomic._rename

    def rename(src, dst):
        if Path(dst).name == "m-events.geojson" and TEMP_MARKER in Path(src).name:
            raise PermissionError(13, "Permission denied")
        real(src, dst)

    monkeypatch.setattr(atomic, "_rename", rename)
    with pytest.raises(OutputError, match=r"cannot write .*m-events.geojson: Permission denied"):
        with atomic_batch():
            for name in SET:
                with atomic_write(tmp_path / name) as fh:
                    fh.write(NEW[name])
    assert visible(tmp_path) == before and everything(tmp_path) == sorted(before)


def test_without_hard_links_the_old_files_are_kept_as_copies_and_put_back(tmp_path, monkeypatch):
    # FAT, exFAT and some network shares have no hard links: the old files are copied aside.
    import karamap.atomic as atomic

    before = previous_set(tmp_path, "full")
    real_link, real_rename, calls = os.link, atomic._rename, []

    def link(src, dst, *args, follow_symlinks=True, **kwargs):
        if not follow_symlinks:  # the old file's second name (not an anonymous file's first)
            raise PermissionError(1, "Operation not permitted")
        return real_link(src, dst, *args, follow_symlinks=follow_symlinks, **kwargs)

    def rename(src, dst):
        calls.append(dst)
        if len(calls) == 4:
            raise KeyboardInterrupt  # two files switched, the third not
        real_rename(src, dst)

    monkeypatch.setattr(os, "link", link)
    monkeypatch.setattr(atomic, "_rename", rename)
    with pytest.raises(KeyboardInterrupt):
        with atomic_batch():
            for name in SET:
                with atomic_write(tmp_path / name) as fh:
                    fh.write(NEW[name])
    assert visible(tmp_path) == before and everything(tmp_path) == sorted(before)


def test_the_outputs_of_a_set_lie_in_one_folder(tmp_path):
    (tmp_path / "a").mkdir()
    with pytest.raises(ConfigurationError, match="an output set lies in one folder"):
        with atomic_batch():
            with atomic_write(tmp_path / "a" / "m.html") as fh:
                fh.write("map")
            with atomic_write(tmp_path / "b" / "m-places.geojson") as fh:
                fh.write("layer")
    assert everything(tmp_path / "a") == [] and everything(tmp_path / "b") == []


def test_an_error_while_a_folder_is_filled_leaves_the_previous_folder(tmp_path):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "part.0.parquet").write_text("old\n")
    with pytest.raises(RuntimeError):
        with atomic_dir(tmp_path / "events") as tmp:
            (tmp / "part.0.parquet").write_text("new, half")
            raise RuntimeError("disk trouble")
    assert everything(tmp_path) == ["events"] and visible(tmp_path / "events") == {"part.0.parquet": "old\n"}


def test_a_file_where_a_folder_goes_is_an_output_error(tmp_path):
    (tmp_path / "events").write_text("a file")
    with pytest.raises(OutputError, match="it is a file, not a folder"):
        with atomic_dir(tmp_path / "events"):
            pass


# --- the journal a killed run leaves ------------------------------------------------------------------


def killed_mid_switch(folder: Path) -> dict[str, str]:
    """The previous set, and a switch killed after its second file was renamed in."""
    before = previous_set(folder, "full")
    assert child(folder, "files", "3:after", "SIGKILL", *SET).returncode == -signal.SIGKILL
    assert visible(folder) != before and journals(folder)
    return before


def test_the_next_run_says_which_outputs_it_put_back(tmp_path, caplog):
    before = killed_mid_switch(tmp_path)
    with caplog.at_level(logging.WARNING, logger="karamap"):
        assert recover_output_sets(tmp_path) == [tmp_path / name for name in SET]
    assert visible(tmp_path) == before
    assert "an earlier run was stopped while replacing m.html, m-places.geojson, m-events.geojson; " \
           "the previous files are back" in caplog.text
    assert recover_output_sets(tmp_path) == []  # nothing left to do


def test_the_sweep_keeps_what_an_unfinished_switch_needs(tmp_path):
    from karamap.atomic import sweep_stale_temps

    before = killed_mid_switch(tmp_path)
    sweep_stale_temps(tmp_path)  # alone, before any recovery: the kept old files must stay
    recover_output_sets(tmp_path)
    assert visible(tmp_path) == before and everything(tmp_path) == sorted(before)


@pytest.mark.parametrize("entry", [
    {"target": "../outside.html", "new": ".x.html.karamap-tmp-1-0badcafe.html", "old": None},
    {"target": "m.html", "new": "notes.txt", "old": None},
    {"target": "m.html", "new": ".m.html.karamap-tmp-1-0badcafe.html", "old": "/etc/passwd"},
    {"target": "m.html", "new": ".other.html.karamap-tmp-1-0badcafe.html", "old": None},
])
def test_a_journal_that_names_anything_but_its_own_temporaries_is_refused_and_nothing_moves(tmp_path, entry):
    (tmp_path / "m.html").write_text("mine")
    (tmp_path / "notes.txt").write_text("mine too")
    journal = tmp_path / f"{TEMP_MARKER}set-99999999-0badcafe.json"
    journal.write_text(json.dumps({"karamap": "output set", "version": 1, "entries": [{**entry, "folder": False}]}))
    with pytest.raises(OutputError, match="named as karamap's journal of an output set but not one"):
        check_writable_dir(tmp_path)
    assert everything(tmp_path) == sorted([journal.name, "m.html", "notes.txt"])
    assert (tmp_path / "m.html").read_text() == "mine"


def test_a_journal_that_is_not_json_is_an_output_error_naming_it(tmp_path):
    journal = tmp_path / f"{TEMP_MARKER}set-99999999-0badcafe.json"
    journal.write_bytes(b"\x00\xff not json")
    with pytest.raises(OutputError, match=r"set-99999999-0badcafe.json: a file named as karamap's journal"):
        recover_output_sets(tmp_path)


def test_the_docstring_examples_run():
    import doctest

    import karamap.atomic

    result = doctest.testmod(karamap.atomic)
    assert result.attempted > 0 and result.failed == 0


# --- `karamap build`, on one core, on several, on a Dask cluster ------------------------------------

# `python -m karamap ARGS`, signalled at the Nth rename of its outputs (after the earlier ones).
BUILD_CHILD = textwrap.dedent(
    """
    import os, runpy, signal, sys
    import karamap.atomic as atomic

    stop_at, sig = int(sys.argv[1]), getattr(signal, sys.argv[2])
    real, calls = atomic._rename, [0]

    def rename(src, dst):
        calls[0] += 1
        if calls[0] == stop_at:
            os.kill(os.getpid(), sig)
        real(src, dst)

    atomic._rename = rename
    sys.argv = ["karamap", *sys.argv[3:]]
    runpy.run_module("karamap", run_name="__main__", alter_sys=True)
    """
)
BUILT = ["m-events.geojson", "m-places.geojson", "m.html"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def earlier_build(tmp_path_factory) -> dict[str, bytes]:
    """The map and layers of an earlier build, which a stopped later build must leave as they were."""
    from karamap.cli import main

    root = tmp_path_factory.mktemp("earlier")
    source = root / "first.txt"
    source.write_text("date 2021-01-30 First\nTurkish and Russian officers met in Aghdam on Jan. 30.\n",
                      encoding="utf-8")
    assert main(["build", str(source), "-o", str(root / "maps"), "--name", "m", "--workers", "1"]) == 0
    files = snapshot(root / "maps")
    assert sorted(files) == BUILT
    return files


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Enough articles for two batches, so that `--workers 2` really annotates in two processes."""
    from corpus_support import write_corpus
    from karamap.engine.local import BATCH_SIZE

    return write_corpus(tmp_path_factory.mktemp("corpus") / "news.jsonl", 2 * BATCH_SIZE + 1)


def maps_of(tmp_path: Path, files: dict[str, bytes]) -> Path:
    maps = tmp_path / "maps"
    maps.mkdir()
    for name, data in files.items():
        (maps / name).write_bytes(data)
    return maps


def test_ctrl_c_in_the_middle_of_the_switch_exits_130_with_the_previous_map_and_layers(
        tmp_path, earlier_build, example_path):
    maps = maps_of(tmp_path, earlier_build)
    # rename 1 is the journal's, 2 the map's: stop before the places layer follows it
    done = subprocess.run([sys.executable, "-c", BUILD_CHILD, "3", "SIGINT", "build", str(example_path),
                           "-o", str(maps), "--name", "m", "--workers", "1"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip() == "karamap: interrupted"
    assert snapshot(maps) == earlier_build  # byte-identical, and nothing else in the folder


def test_a_build_on_two_workers_killed_in_the_middle_of_the_switch_is_undone_by_the_next_run(
        tmp_path, earlier_build, corpus):
    maps = maps_of(tmp_path, earlier_build)
    done = subprocess.run([sys.executable, "-c", BUILD_CHILD, "3", "SIGKILL", "build", str(corpus),
                           "-o", str(maps), "--name", "m", "--workers", "2"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert snapshot(maps)["m.html"] != earlier_build["m.html"]  # the new map beside the old layers
    # The next run into the folder puts the previous set back first, whatever becomes of it.
    done = subprocess.run([sys.executable, "-m", "karamap", "build", str(tmp_path / "missing.txt"),
                           "-o", str(maps), "--name", "m"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 3
    assert f"karamap: warning: {maps}: an earlier run was stopped while replacing m.html, m-places.geojson, " \
           "m-events.geojson; the previous files are back" in done.stderr
    assert snapshot(maps) == earlier_build


@pytest.fixture(scope="module")
def local_cluster():
    """A LocalCluster of one worker process, as --engine dask starts one."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  host="127.0.0.1") as cluster:
        yield cluster.scheduler_address


def test_a_build_on_a_dask_cluster_goes_through_the_same_switch(tmp_path, earlier_build, corpus, local_cluster,
                                                                monkeypatch):
    import karamap.atomic as atomic
    from karamap.api import build_map
    from karamap.config import Options

    maps = maps_of(tmp_path, earlier_build)
    real, calls = atomic._rename, []

    def rename(src, dst):
        calls.append(Path(dst).name)
        if len(calls) == 3:
            raise KeyboardInterrupt  # Ctrl-C between the map and its places layer
        real(src, dst)

    monkeypatch.setattr(atomic, "_rename", rename)
    options = Options(engine="dask", scheduler=local_cluster)
    with pytest.raises(KeyboardInterrupt):
        build_map([corpus], maps, "m", options=options)
    assert calls[0].startswith(f"{TEMP_MARKER}set-") and calls[1:3] == ["m.html", "m-places.geojson"]
    assert snapshot(maps) == earlier_build
    monkeypatch.setattr(atomic, "_rename", real)
    result = build_map([corpus], maps, "m", options=options)
    assert result.documents == 2 * 32 + 1
    assert sorted(snapshot(maps)) == BUILT and snapshot(maps) != earlier_build


def test_a_dataset_exported_again_from_a_cluster_replaces_the_previous_one(tmp_path, corpus, local_cluster,
                                                                          monkeypatch):
    pytest.importorskip("dask_geopandas")
    from karamap.cli import main

    monkeypatch.setattr("karamap.dataset.ROWS_PER_PART", 10)
    out = tmp_path / "events"
    args = ["export", str(corpus), "--layer", "events", "--format", "parquet", "-o", str(out),
            "--engine", "dask", "--scheduler", local_cluster]
    assert main(args) == 0
    first = snapshot(out)
    monkeypatch.setattr("karamap.dataset.ROWS_PER_PART", 1000)  # the same rows in one part now
    assert main(args) == 0
    assert sorted(snapshot(out)) == ["part.0.parquet"] and len(first) > 1
    assert everything(tmp_path) == ["events"]
