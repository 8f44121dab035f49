"""A rewritten text that remembers, character by character, where it came from in the text as read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["Edit", "TextView", "identity_view"]

#: one rewrite of a stretch of a view: ``(start, end, replacement)`` in that view's offsets
Edit = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class TextView:
    """An analysis view of a text and the map back to the text as read.

    ``text`` is what the pipeline's stages read; ``original`` is the text as read, which every
    offset karamap reports indexes into. Character ``i`` of the view comes from
    ``original[starts[i]:ends[i]]`` (a character that replaced an entity such as ``&amp;``
    comes from all of it; a space inserted around a dash from the dash). ``starts`` is None
    when the view is the text itself.

    >>> v = identity_view("Baku")
    >>> v.text is v.original, v.span(0, 4)
    (True, (0, 4))
    """

    text: str
    original: str
    starts: Sequence[int] | None = field(default=None, repr=False, compare=False)
    ends: Sequence[int] | None = field(default=None, repr=False, compare=False)

    @property
    def identity(self) -> bool:
        """The view is the text as read (nothing was rewritten)."""
        return self.starts is None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The offsets in the text as read of the view's ``text[start:end]``.

        >>> v = identity_view("a &amp; b").rewrite([(2, 7, "&")])
        >>> v.text, v.span(2, 3), v.span(0, 5)
        ('a & b', (2, 7), (0, 9))
        """
        if self.starts is None or self.ends is None:
            return start, end
        n = len(self.starts)
        if start >= n:
            return len(self.original), len(self.original)
        lo = self.starts[start]
        if end <= start:
            return lo, lo
        return lo, self.ends[min(end, n) - 1]

    def rewrite(self, edits: Sequence[Edit]) -> TextView:
        """A new view with ``edits`` applied to this view's text (sorted, non-overlapping).

        A replacement as long as what it replaces maps character for character; any other
        maps each of its characters to the whole stretch it replaced.

        >>> v = identity_view("one\\r\\ntwo").rewrite([(3, 5, "\\n")])
        >>> v.text, v.span(4, 7)
        ('one\\ntwo', (5, 8))
        """
        if not edits:
            return self
        text = self.text
        n = len(text)
        if self.starts is None or self.ends is None:
            starts: Sequence[int] = range(n)
            ends: Sequence[int] = range(1, n + 1)
        else:
            starts, ends = self.starts, self.ends
        end_of_text = len(self.original)
        pieces: list[str] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        pos = 0
        for start, end, replacement in edits:
            if start < pos or end < start or end > n:
                raise ValueError(f"edits overlap or leave the text: {(start, end)} after {pos}")
            pieces.append(text[pos:start])
            new_starts.extend(starts[pos:start])
            new_ends.extend(ends[pos:start])
            pieces.append(replacement)
            if len(replacement) == end - start:
                new_starts.extend(starts[start:end])
                new_ends.extend(ends[start:end])
            elif replacement:
                lo = starts[start] if start < n else end_of_text
                hi = ends[end - 1] if end > start else lo
                new_starts.extend([lo] * len(replacement))
                new_ends.extend([hi] * len(replacement))
            pos = end
        pieces.append(text[pos:])
        new_starts.extend(starts[pos:])
        new_ends.extend(ends[pos:])
        return TextView("".join(pieces), self.original, new_starts, new_ends)


def identity_view(text: str) -> TextView:
    """The view of a text that nothing has rewritten yet."""
    return TextView(text, text)
