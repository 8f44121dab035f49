"""Ctrl-C at any moment, start-up included: exit 130, one line, no traceback, previous outputs kept."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest


# --- Ctrl-C at any moment, start-up included ------------------------------------------------------------

# Runs `python -m karamap ARGS` and sends it SIGINT once it starts importing a module, or calls a
# function: the interrupt lands at a known point, however fast or loaded the machine is.
INTERRUPT_AT = textwrap.dedent(
    """
    import importlib, importlib.abc, os, runpy, signal, sys

    kind, target, again = sys.argv[1], sys.argv[2], sys.argv[3] == "again"

    def trip():
        os.kill(os.getpid(), signal.SIGINT)

    if kind == "import":
        class Trip(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path, target_=None):
                if name == target:
                    sys.meta_path.remove(self)
                    trip()
                return None

        sys.meta_path.insert(0, Trip())
    else:
        module_name, function = target.split(":")
        module = importlib.import_module(module_name)
        real = getattr(module, function)

        def tripped(*args, **kwargs):
            trip()
            return real(*args, **kwargs)

        setattr(module, function, tripped)
    if again:  # a second Ctrl-C while the first one is being handled
        import karamap.console

        first = karamap.console._interrupted

        def interrupted_again():
            trip()
            return first()

        karamap.console._interrupted = interrupted_again
    sys.argv = ["karamap", *sys.argv[4:]]
    runpy.run_module("karamap", run_name="__main__", alter_sys=True)
    """
)


@pytest.mark.parametrize(("kind", "target", "again"), [
    ("import", "click", "once"),                      # the command line's own imports
    ("import", "numpy", "once"),                      # pandas, shapely, geopandas load
    ("import", "karamap.api", "once"),
    ("import", "karamap.gazetteer.offline", "once"),  # the index is about to load
    ("call", "karamap.engine.batch:annotate_article", "once"),  # reading and annotating
    ("import", "numpy", "again"),
])
def test_ctrl_c_at_any_moment_start_up_included_exits_130_without_a_traceback(tmp_path, example_path,
                                                                               kind, target, again):
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "m.html").write_text("previous map")
    proc = subprocess.run(
        [sys.executable, "-c", INTERRUPT_AT, kind, target, again, "build", str(example_path),
         "-o", str(maps), "--name", "m"],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 130, proc.stderr
    assert "Traceback" not in proc.stderr and "KeyboardInterrupt" not in proc.stderr, proc.stderr
    assert proc.stderr.strip() in ("karamap: interrupted", ""), proc.stderr
    assert [p.name for p in maps.iterdir()] == ["m.html"] and (maps / "m.html").read_text() == "previous map"


def test_docstring_examples_run():
    import doctest

    import karamap.console

    assert doctest.testmod(karamap.console).failed == 0
