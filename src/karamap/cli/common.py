"""What the CLI commands share: input options, error handling, the run summary."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from karamap import progress
from karamap.config import DEFAULT_MIN_SCORE, ENGINES, GEOCODERS, Options, cpu_count
from karamap.errors import KaramapError, exit_code_for
from karamap.terminal import printable

__all__ = ["SOURCE", "input_options", "options_from", "run_guarded", "echo_error", "progress_shown", "EXIT_INTERRUPTED",
           "EXIT_INTERNAL"]

#: exit code after Ctrl-C (128 + SIGINT), as shells report it
EXIT_INTERRUPTED = 130
#: exit code of an unexpected error, a bug (EX_SOFTWARE of sysexits.h)
EXIT_INTERNAL = 70


class _Source(click.ParamType):
    """A source argument: a local path, or a URL kept as it is (``s3://``, ``https://``: fsspec reads it)."""

    name = "source"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and "://" in value:
            return value  # a Path would fold "s3://bucket" into "s3:/bucket"
        return Path(value)


#: the type of the SOURCES argument of every command
SOURCE = _Source()


def input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command that reads articles takes."""
    decorators = [
        click.option("--strict", is_flag=True,
                     help="Stop at the first bad article instead of skipping it."),
        click.option("-q", "--quiet", is_flag=True,
                     help="No progress bar (it only shows when stderr is a terminal)."),
        click.option("--geocoder", type=click.Choice(GEOCODERS), default="offline", show_default=True,
                     help="Online geocoder asked after the offline gazetteer (opt-in)."),
        click.option("--geocoder-url", metavar="URL",
                     help="Server of the online geocoder (default: the public Nominatim)."),
        click.option("--user-agent", metavar="UA",
                     help="User-Agent for an online geocoder, naming you (required with one)."),
        click.option("--overrides", type=click.Path(dir_okay=False, path_type=Path),
                     help="CSV or GeoJSON of your own places and aliases; wins over the rest."),
        click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
                     help="Where the offline index and the geocoder cache live."),
        click.option("--text-column", metavar="NAME",
                     help="Column of CSV/Parquet inputs holding the article text (default: text, body or content)."),
        click.option("--min-score", type=click.FloatRange(0.0, 1.0), default=DEFAULT_MIN_SCORE,
                     show_default=True,
                     help="Withhold a place reading whose confidence is lower (0 maps every best guess)."),
        click.option("--workers", type=click.IntRange(min=1), metavar="N",
                     help="Processes that annotate at once (default: one per core; 1: this process "
                          "alone). With --engine dask and no --scheduler: the LocalCluster's workers."),
        click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                     help="Run on this machine, or on a Dask distributed cluster."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="The Dask scheduler to use (tcp://HOST:8786; default: a LocalCluster)."),
    ]
    return functools.reduce(lambda f, d: d(f), reversed(decorators), func)


def options_from(kwargs: dict[str, Any]) -> Options:
    """Build the validated :class:`Options` from the shared input options."""
    changes: dict[str, Any] = {
        "strict": kwargs.pop("strict", False),
        "geocoder": kwargs.pop("geocoder", "offline"),
        "user_agent": kwargs.pop("user_agent", None),
        "geocoder_url": kwargs.pop("geocoder_url", None),
        "overrides": kwargs.pop("overrides", None),
        "min_score": kwargs.pop("min_score", DEFAULT_MIN_SCORE),
        "text_column": kwargs.pop("text_column", None),
        "engine": kwargs.pop("engine", "local"),
        "scheduler": kwargs.pop("scheduler", None),
    }
    workers = kwargs.pop("workers", None)
    changes["workers"] = workers if workers is not None else cpu_count()
    cache_dir = kwargs.pop("cache_dir", None)
    if cache_dir is not None:
        changes["cache_dir"] = cache_dir
    return Options(**changes)


@contextlib.contextmanager
def progress_shown(quiet: bool) -> Iterator[None]:
    """A progress bar on stderr for the block when stderr is a terminal and not ``quiet``."""
    stream = sys.stderr
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        terminal = False
    if quiet or not terminal:
        yield
        return
    with progress.rich_reporter(stream) as reporter, progress.reporting(reporter):
        yield


def echo_error(message: str) -> None:
    # Messages quote file names and server text: shown escaped, they cannot drive the terminal.
    click.echo(f"karamap: error: {printable(message)}", err=True)


def run_guarded(command: click.Command, argv: list[str] | None) -> int:
    """Run ``command``; karamap errors become one line on stderr and their exit code."""
    try:
        result = command.main(args=argv, prog_name="karamap", standalone_mode=False)
    except KaramapError as err:
        echo_error(str(err))
        return exit_code_for(err)
    except click.exceptions.Abort:
        click.echo("karamap: interrupted", err=True)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        click.echo("karamap: interrupted", err=True)
        return EXIT_INTERRUPTED
    except click.ClickException as err:
        err.show(file=sys.stderr)
        return err.exit_code
    except Exception as err:
        # Last resort: a bug still ends in one line and a documented code, not a traceback.
        if os.environ.get("KARAMAP_DEBUG"):
            raise
        echo_error(f"internal error: {type(err).__name__}: {err} (a bug in karamap: please report it; "
                   "KARAMAP_DEBUG=1 shows the traceback)")
        return EXIT_INTERNAL
    return result if isinstance(result, int) else 0
