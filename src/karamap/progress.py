"""Progress of long steps (the index build, the articles, the map), reported to whoever listens.

The library only says what it is doing (:func:`task`); it never prints. A front end
listens by installing a reporter for a block (:func:`reporting`): the CLI installs
:func:`rich_reporter`, a rich progress bar on stderr, when stderr is a terminal and
``--quiet`` is not given. Without a reporter every call here costs next to nothing.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from typing import IO, Protocol

__all__ = ["Reporter", "task", "reporting", "rich_reporter"]


class Reporter(Protocol):
    """What a front end implements to show progress."""

    def start(self, description: str, total: int | None) -> int: ...
    def advance(self, task_id: int, amount: int) -> None: ...
    def finish(self, task_id: int) -> None: ...


_REPORTER: contextvars.ContextVar[Reporter | None] = contextvars.ContextVar("karamap_progress", default=None)


def _nothing(amount: int = 1) -> None:
    return None


@contextlib.contextmanager
def task(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """Report a step while the block runs; yields ``advance(amount=1)`` for steps that count.

    >>> with task("Counting") as advance:
    ...     advance(3)
    """
    reporter = _REPORTER.get()
    if reporter is None:
        yield _nothing
        return
    task_id = reporter.start(description, total)

    def advance(amount: int = 1) -> None:
        reporter.advance(task_id, amount)

    try:
        yield advance
    finally:
        reporter.finish(task_id)


@contextlib.contextmanager
def reporting(reporter: Reporter | None) -> Iterator[None]:
    """Send the progress of the library calls in the block to ``reporter`` (None: to nobody)."""
    token = _REPORTER.set(reporter)
    try:
        yield
    finally:
        _REPORTER.reset(token)


class _RichReporter:
    def __init__(self, progress) -> None:  # noqa: ANN001 - rich.progress.Progress
        self._progress = progress

    def start(self, description: str, total: int | None) -> int:
        return self._progress.add_task(description, total=total)

    def advance(self, task_id: int, amount: int) -> None:
        self._progress.advance(task_id, amount)

    def finish(self, task_id: int) -> None:
        task = self._progress._tasks.get(task_id)  # noqa: SLF001 - rich has no public lookup by id
        if task is not None and task.total is None:
            self._progress.update(task_id, total=task.completed or 1, completed=task.completed or 1)
        self._progress.stop_task(task_id)
        self._progress.update(task_id, visible=False)


@contextlib.contextmanager
def rich_reporter(stream: IO[str]) -> Iterator[Reporter]:
    """A rich progress bar on ``stream`` for the block (cleared when it ends)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        SpinnerColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(file=stream)
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                        TaskProgressColumn(), TextColumn("{task.completed:>6,.0f}"), TimeElapsedColumn(),
                        console=console, transient=True)
    with progress:
        yield _RichReporter(progress)
