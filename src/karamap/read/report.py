"""What a read skipped and why, and what it recovered from: the summary the CLI prints."""

from __future__ import annotations

from dataclasses import dataclass, field

from karamap.errors import InputError

__all__ = ["Skipped", "ReadReport", "MAX_KEPT"]

#: skipped inputs kept with their reasons; beyond this only counted
MAX_KEPT = 1000


@dataclass(frozen=True, slots=True)
class Skipped:
    """One input that gave no article: where it was and the error that said why.

    >>> from karamap.errors import RecordError
    >>> str(Skipped("news.jsonl:3", RecordError("news.jsonl:3: not JSON")))
    'news.jsonl:3: not JSON'
    """

    origin: str
    error: InputError = field(compare=False)

    @property
    def reason(self) -> str:
        return str(self.error)

    def __str__(self) -> str:
        return str(self.error)


@dataclass(slots=True)
class ReadReport:
    """Collected while :func:`karamap.read.read` streams: counts, skipped inputs, recoveries.

    Append-only while a read runs; read it afterwards.

    >>> report = ReadReport()
    >>> report.articles, report.skipped, report.notes
    (0, [], [])
    """

    #: articles yielded
    articles: int = 0
    #: inputs that gave no article, in the order met (the first :data:`MAX_KEPT`)
    skipped: list[Skipped] = field(default_factory=list)
    #: how many inputs were skipped in all (a file of a million bad lines keeps memory bounded)
    skipped_count: int = 0
    #: recoveries worth telling the user ("a.txt: not UTF-8, decoded as cp1252")
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Nothing was skipped."""
        return self.skipped_count == 0

    def skip(self, origin: str, error: InputError) -> None:
        self.skipped_count += 1
        if len(self.skipped) < MAX_KEPT:
            self.skipped.append(Skipped(origin, error))

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)

    def summary(self) -> str:
        """One line: how many articles were read and how many inputs skipped.

        >>> ReadReport(articles=3).summary()
        '3 articles read'
        """
        text = f"{self.articles} article{'s' if self.articles != 1 else ''} read"
        if self.skipped_count:
            text += f", {self.skipped_count} input{'s' if self.skipped_count != 1 else ''} skipped"
        return text
