"""Outputs are replaced all at once or not at all, and unwritable folders are refused up front."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from karamap.atomic import (
    TEMP_MARKER,
    atomic_batch,
    atomic_path,
    atomic_write,
    check_writable_dir,
    sweep_stale_temps,
)
from karamap.errors import OutputError


def temps(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if TEMP_MARKER in p.name]


def test_a_finished_write_replaces_the_file_with_the_mode_open_would_give(tmp_path):
    target = tmp_path / "map.html"
    target.write_text("old")
    with atomic_write(target) as fh:
        fh.write("new ü")
    assert target.read_text(encoding="utf-8") == "new ü"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert temps(tmp_path) == []


def test_binary_mode_writes_bytes(tmp_path):
    with atomic_write(tmp_path / "a.parquet", "wb") as fh:
        fh.write(b"\x00PAR1")
    assert (tmp_path / "a.parquet").read_bytes() == b"\x00PAR1"


@pytest.mark.parametrize("exc", [RuntimeError("boom"), KeyboardInterrupt()])
def test_an_exception_mid_write_leaves_the_old_file_and_no_temporary(tmp_path, exc):
    target = tmp_path / "places.geojson"
    target.write_text("previous")
    with pytest.raises(type(exc)):
        with atomic_write(target) as fh:
            fh.write("half a fil")
            raise exc
    assert target.read_text() == "previous"
    assert temps(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["places.geojson"]


def test_an_exception_before_any_file_existed_leaves_nothing(tmp_path):
    with pytest.raises(ValueError):
        with atomic_write(tmp_path / "new.txt") as fh:
            fh.write("x")
            raise ValueError
    assert list(tmp_path.iterdir()) == []


def test_atomic_path_keeps_the_suffix_and_renames_on_success(tmp_path):
    target = tmp_path / "events.geojson"
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp.suffix == ".geojson" and tmp.name.startswith(".")
        tmp.write_text("{}")
        assert not target.exists()
    assert target.read_text() == "{}"
    assert temps(tmp_path) == []


def test_atomic_path_removes_its_temporary_on_error(tmp_path):
    target = tmp_path / "events.geojson"
    target.write_text("old")
    with pytest.raises(KeyboardInterrupt):
        with atomic_path(target) as tmp:
            tmp.write_text("partial")
            raise KeyboardInterrupt
    assert target.read_text() == "old" and temps(tmp_path) == []


def test_atomic_path_whose_writer_wrote_nothing_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="produced no file"):
        with atomic_path(tmp_path / "x.csv"):
            pass


def test_a_batch_renames_nothing_until_every_file_is_written(tmp_path):
    (tmp_path / "m.html").write_text("old map")
    (tmp_path / "m-places.geojson").write_text("old places")
    with atomic_batch():
        with atomic_write(tmp_path / "m.html") as fh:
            fh.write("new map")
        assert (tmp_path / "m.html").read_text() == "old map"
        with atomic_path(tmp_path / "m-places.geojson") as tmp:
            tmp.write_text("new places")
    assert (tmp_path / "m.html").read_text() == "new map"
    assert (tmp_path / "m-places.geojson").read_text() == "new places"
    assert temps(tmp_path) == []


def test_a_batch_interrupted_after_one_file_keeps_every_previous_output(tmp_path):
    (tmp_path / "m.html").write_text("old map")
    (tmp_path / "m-places.geojson").write_text("old places")
    with pytest.raises(KeyboardInterrupt):
        with atomic_batch():
            with atomic_write(tmp_path / "m.html") as fh:
                fh.write("new map")
            with atomic_path(tmp_path / "m-places.geojson") as tmp:
                tmp.write_text("new pla")
                raise KeyboardInterrupt
    assert (tmp_path / "m.html").read_text() == "old map"
    assert (tmp_path / "m-places.geojson").read_text() == "old places"
    assert temps(tmp_path) == []


def test_writing_over_a_folder_is_an_output_error(tmp_path):
    (tmp_path / "map.html").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        with atomic_write(tmp_path / "map.html") as fh:
            fh.write("x")


def test_check_writable_dir_checks_a_missing_folder_without_creating_it(tmp_path):
    assert check_writable_dir(tmp_path / "a" / "b") == tmp_path / "a" / "b"
    assert not (tmp_path / "a").exists()  # created by the first output, once the input was read
    assert check_writable_dir(tmp_path / "a" / "b", create=True) == tmp_path / "a" / "b"
    assert (tmp_path / "a" / "b").is_dir()


def test_the_first_output_creates_its_folder(tmp_path):
    with atomic_write(tmp_path / "new" / "deeper" / "out.txt") as fh:
        fh.write("x")
    assert (tmp_path / "new" / "deeper" / "out.txt").read_text() == "x"


def test_check_writable_dir_refuses_a_file(tmp_path):
    (tmp_path / "maps").write_text("I am a file")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        check_writable_dir(tmp_path / "maps")
    with pytest.raises(OutputError, match="cannot create output folder"):
        check_writable_dir(tmp_path / "maps" / "sub")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_check_writable_dir_refuses_a_read_only_folder(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write into output folder"):
            check_writable_dir(ro)
    finally:
        ro.chmod(0o700)


def test_stale_temporaries_of_dead_processes_are_swept_and_live_ones_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".m.html{TEMP_MARKER}{dead_pid}-abcd1234.html"
    live = tmp_path / f".m.html{TEMP_MARKER}{os.getpid()}-abcd1234.html"
    stale.write_text("x")
    live.write_text("y")
    (tmp_path / "m.html").write_text("keep")
    assert sweep_stale_temps(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, "m.html"])


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from karamap.atomic import atomic_write
    target, marker = Path(sys.argv[1]), Path(sys.argv[2])
    with atomic_write(target) as fh:
        fh.write("new content, half written")
        fh.flush()
        marker.write_text("writing")
        time.sleep(60)
    """
)


def test_sigkill_mid_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out" / "map.html"
    target.parent.mkdir()
    target.write_text("previous map")
    marker = tmp_path / "marker"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(marker)])
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert proc.poll() is None, "writer died before writing"
            assert time.monotonic() < deadline, "writer never started writing"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert target.read_text() == "previous map"
    assert sorted(p.name for p in target.parent.iterdir()) == ["map.html"]


def test_a_full_disk_while_writing_is_an_output_error_and_the_old_file_stays(tmp_path):
    import errno

    target = tmp_path / "out.jsonl"
    target.write_text("old")
    with pytest.raises(OutputError, match="cannot write .*out.jsonl: No space left on device"):
        with atomic_write(target) as fh:
            fh.write("x")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert target.read_text() == "old" and temps(tmp_path) == []


def test_karamap_errors_raised_inside_the_block_pass_through_unchanged(tmp_path):
    from karamap.errors import ReadError

    with pytest.raises(ReadError, match="in.txt: no such file"):
        with atomic_write(tmp_path / "out.jsonl"):
            raise ReadError("in.txt: no such file or folder")


def test_a_named_pipe_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    with atomic_write(fifo) as fh:
        fh.write("through the pipe\n")
    out, _ = reader.communicate(timeout=10)
    assert out == b"through the pipe\n"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)          # still a pipe, not a regular file
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temporary left


def test_a_character_device_is_written_into_not_replaced(tmp_path):
    before = os.stat("/dev/null")
    with atomic_write("/dev/null") as fh:
        fh.write("discarded")
    with atomic_path("/dev/null") as tmp:      # writers that need a file name (GeoParquet)
        tmp.write_bytes(b"also discarded")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_dash_writes_to_standard_output():
    code = ("from karamap.atomic import atomic_write, atomic_path\n"
            "with atomic_write('-') as fh: fh.write('text out\\n')\n"
            "with atomic_path('-') as tmp: tmp.write_bytes(b'bytes out\\n')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert done.stdout == b"text out\nbytes out\n"


def test_regular_files_are_still_replaced_atomically(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    inode = os.stat(target).st_ino
    with pytest.raises(RuntimeError):
        with atomic_write(target) as fh:
            fh.write("half")
            raise RuntimeError("interrupted")
    assert target.read_text() == "old"
    with atomic_write(target) as fh:
        fh.write("new")
    assert target.read_text() == "new" and os.stat(target).st_ino != inode  # renamed into place
