"""The ``karamap`` command: Ctrl-C at any moment, start-up included, ends in exit 130 without a traceback.

The console script and ``python -m karamap`` start here, not in :mod:`karamap.cli`:
importing the CLI loads pandas, shapely and geopandas, a second or more in which
Python's own Ctrl-C would print a traceback. This module imports nothing heavy
before its handler is in place.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

__all__ = ["main", "EXIT_INTERRUPTED"]

#: exit code after Ctrl-C (128 + SIGINT), as shells report it
EXIT_INTERRUPTED = 130


def _interrupt(signum: int, frame: FrameType | None) -> None:
    # The first Ctrl-C unwinds the run (temporary files removed, previous outputs kept);
    # a second one, while that clean-up runs, ends the process at once, still silently.
    signal.signal(signal.SIGINT, _exit_now)
    raise KeyboardInterrupt


def _exit_now(signum: int, frame: FrameType | None) -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    os._exit(EXIT_INTERRUPTED)


def _interrupted() -> int:
    try:
        sys.stderr.write("karamap: interrupted\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # stderr closed or gone
        pass
    return EXIT_INTERRUPTED


def main(argv: list[str] | None = None) -> int:
    """Run the command line (``argv``: the arguments, ``sys.argv[1:]`` by default); returns
    the exit code, or exits with it when ``argv`` is None."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when Ctrl-C is ignored
        signal.signal(signal.SIGINT, _interrupt)
    try:
        from karamap.cli import cli
        from karamap.cli.common import run_guarded

        code = run_guarded(cli, argv)
    except KeyboardInterrupt:
        code = _interrupted()
    if argv is None:
        if signal.getsignal(signal.SIGINT) is _interrupt:
            signal.signal(signal.SIGINT, _exit_now)  # a Ctrl-C while Python shuts down: no traceback either
        sys.exit(code)
    return code
