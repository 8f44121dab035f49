"""Offsets looked up by bisection: what the stages ask of a document's spans, without a scan per question.

A stage that asks, for each sentence or clause, "which place mentions start here?" or "is this
offset inside a date?" by scanning every mention of the document does work that grows with the
square of the document's length. These two structures answer the same questions in logarithmic
time, with the same answers (and the items in the same order) as the scans.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

__all__ = ["SpanSet", "ByStart", "Disjoint"]

T = TypeVar("T")


class SpanSet:
    """Half-open spans ``(a, b)``, possibly overlapping: :meth:`covers` says whether any holds an offset.

    >>> s = SpanSet([(10, 20), (0, 5), (12, 30)])
    >>> [s.covers(i) for i in (0, 5, 11, 25, 30)]
    [True, False, True, True, False]
    """

    __slots__ = ("_starts", "_reach")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        reach: list[int] = []  # the furthest end of the spans that start at or before each one
        furthest = None
        for _, b in ordered:
            furthest = b if furthest is None or b > furthest else furthest
            reach.append(furthest)
        self._reach = reach

    def covers(self, pos: int) -> bool:
        """Some span ``(a, b)`` has ``a <= pos < b``."""
        i = bisect.bisect_right(self._starts, pos)
        return i > 0 and self._reach[i - 1] > pos

    def overlaps(self, start: int, end: int) -> bool:
        """Some span ``(a, b)`` has ``a < end and start < b``.

        >>> SpanSet([(10, 20), (30, 32)]).overlaps(20, 30), SpanSet([(10, 20)]).overlaps(19, 25)
        (False, True)
        """
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._reach[i - 1] > start


class ByStart(Generic[T]):
    """Items sorted by a start offset (kept in their given order, which must be by that offset):
    :meth:`between` gives those that start in a stretch, in order.

    >>> b = ByStart([(3, "a"), (7, "b"), (7, "c"), (12, "d")], key=lambda x: x[0])
    >>> [x[1] for x in b.between(5, 12)], b.first_from(8)
    (['b', 'c'], (12, 'd'))
    """

    __slots__ = ("items", "starts")

    def __init__(self, items: Sequence[T], key: Callable[[T], int]) -> None:
        self.items = list(items)
        self.starts = [key(x) for x in self.items]
        if any(a > b for a, b in zip(self.starts, self.starts[1:])):
            raise ValueError("ByStart: items must be in order of their start")

    def between(self, lo: int, hi: int) -> list[T]:
        """The items that start at ``lo`` or after and before ``hi``, in order."""
        return self.items[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]

    def first_from(self, lo: int) -> T | None:
        """The first item that starts at ``lo`` or after."""
        i = bisect.bisect_left(self.starts, lo)
        return self.items[i] if i < len(self.items) else None


class Disjoint(Generic[T]):
    """Items whose spans do not overlap, in text order: :meth:`overlapping` gives those that
    overlap a stretch. :meth:`of` gives None for items that overlap each other.

    >>> d = Disjoint.of([(0, 4), (6, 9), (9, 9), (12, 15)], span=lambda x: x)
    >>> d.overlapping(3, 10), d.overlapping(9, 12), Disjoint.of([(0, 5), (4, 6)], span=lambda x: x)
    ([(0, 4), (6, 9), (9, 9)], [], None)
    """

    __slots__ = ("items", "starts", "ends", "span")

    def __init__(self, span: Callable[[T], tuple[int, int]]) -> None:
        self.items: list[T] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.span = span

    @classmethod
    def of(cls, items: Iterable[T], span: Callable[[T], tuple[int, int]]) -> Disjoint[T] | None:
        """``items`` in order of their spans, or None where two of them overlap."""
        out = cls(span)
        for item in sorted(items, key=span):
            if not out.append(item):
                return None
        return out

    def append(self, item: T) -> bool:
        """Add ``item`` after the others; False (and nothing added) where it would overlap one or
        come before one."""
        start, end = self.span(item)
        if self.items and (start < self.ends[-1] or start < self.starts[-1]):
            return False
        self.items.append(item)
        self.starts.append(start)
        self.ends.append(end)
        return True

    def overlapping(self, start: int, end: int) -> list[T]:
        """The items whose span ``(a, b)`` has ``a < end and start < b``, in order."""
        lo = bisect.bisect_right(self.ends, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.items[lo:hi]
