"""The one exception tree of karamap: every error the library raises on purpose."""

from __future__ import annotations

__all__ = [
    "KaramapError",
    "InputError",
    "ReadError",
    "EncodingError",
    "HeaderError",
    "RecordError",
    "NoArticlesError",
    "DuplicateIdError",
    "OutputError",
    "GazetteerError",
    "IndexBuildError",
    "OverrideError",
    "GeocoderError",
    "GeocoderUnavailable",
    "GeocoderRateLimited",
    "ConfigurationError",
    "AssetError",
    "EngineError",
    "EXIT_CODES",
    "exit_code_for",
]


class KaramapError(Exception):
    """Root of every error karamap raises on purpose.

    The CLI turns any ``KaramapError`` into a one-line message and the exit code
    of :data:`EXIT_CODES` for its class; anything else is a bug.
    """


class ConfigurationError(KaramapError, ValueError):
    """An option or argument has a value karamap cannot use."""


class InputError(KaramapError, ValueError):
    """An input source cannot be read as articles."""


class ReadError(InputError, OSError):
    """A file or folder is missing, unreadable, binary or too large."""


class EncodingError(InputError, UnicodeError):
    """A text file is not in an encoding karamap can decode."""


class HeaderError(InputError):
    """A ``date YYYY-MM-DD Title`` header line carries an impossible date."""


class RecordError(InputError):
    """A JSONL line is not JSON, lacks ``text`` or carries a wrong type."""


class NoArticlesError(InputError):
    """The sources held no article at all."""


class DuplicateIdError(InputError):
    """Two articles of one run have the same id."""


class OutputError(KaramapError, OSError):
    """An output file or directory cannot be written."""


class GazetteerError(KaramapError):
    """A gazetteer backend failed."""


class IndexBuildError(GazetteerError, OSError):
    """The offline index could not be built or loaded."""


class OverrideError(GazetteerError, ValueError):
    """A user override file has a bad row."""


class GeocoderError(GazetteerError):
    """An online geocoder answered with an error."""


class GeocoderUnavailable(GeocoderError, ConnectionError):
    """An online geocoder could not be reached (timeouts, refused, 5xx after retries)."""


class AssetError(KaramapError, RuntimeError):
    """A script or style the map inlines is missing, of the wrong version or cannot be inlined."""


class EngineError(KaramapError, RuntimeError):
    """A worker process or the Dask cluster failed the run (a worker died, the scheduler is gone)."""


class GeocoderRateLimited(GeocoderUnavailable):
    """An online geocoder answered 429 Too Many Requests (``retry_after``: seconds it asked for)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


#: Exit codes of the CLI, by error class (most specific first). Documented in the README.
EXIT_CODES: tuple[tuple[type[KaramapError], int], ...] = (
    (ConfigurationError, 2),
    (NoArticlesError, 4),
    (InputError, 3),
    (OutputError, 5),
    (GazetteerError, 6),
    (KaramapError, 1),
)


def exit_code_for(error: KaramapError) -> int:
    """The CLI exit code for ``error``.

    >>> exit_code_for(RecordError("x.jsonl:3: not JSON"))
    3
    """
    for cls, code in EXIT_CODES:
        if isinstance(error, cls):
            return code
    return 1
