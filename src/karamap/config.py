"""Defaults in one place: the validated options object every entry point takes."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from karamap.errors import ConfigurationError

__all__ = ["Options", "DEFAULT_CACHE_DIR", "DEFAULT_MIN_SCORE", "GEOCODERS", "ENGINES", "cpu_count"]

DEFAULT_CACHE_DIR = Path(platformdirs.user_cache_dir("karamap"))
#: names accepted by ``--geocoder``; "offline" is the embedded index alone
GEOCODERS = ("offline", "nominatim")
#: a reading whose confidence falls below this is withheld, not mapped: a confidence of 0.57 is
#: a lead of about 0.3 (in resolution's score units) over the best rival more than 161 km away,
#: so near-ties between namesakes ("Paris" the capital or the Texas town, with no context) stay
#: off the map. On the geoparsing dev set, of the readings scored under it 79 were right, 117
#: wrong and 145 not place names at all.
DEFAULT_MIN_SCORE = 0.57
#: names accepted by ``--engine``: processes on this machine, or a Dask distributed cluster
ENGINES = ("local", "dask")


def cpu_count() -> int:
    """The cores this process may run on (the CLI's default ``--workers``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on macOS or Windows
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class Options:
    """Run options with their defaults.

    >>> Options().geocoder
    'offline'
    >>> Options(geocoder="bing")
    Traceback (most recent call last):
    ...
    karamap.errors.ConfigurationError: unknown geocoder 'bing' (choose from offline, nominatim)
    """

    #: where the offline index and the geocoder cache live
    cache_dir: Path = DEFAULT_CACHE_DIR
    #: "offline" (embedded only) or an online geocoder tried after it
    geocoder: str = "offline"
    #: the User-Agent an online geocoder is called with (required by Nominatim's policy)
    user_agent: str | None = None
    #: the online geocoder's server (None: the public one; a Nominatim of your own: "http://localhost:8080")
    geocoder_url: str | None = None
    #: at least this many seconds between two requests to an online geocoder
    min_delay_seconds: float = 1.0
    #: the user's own places and aliases (CSV or GeoJSON); they win over everything else
    overrides: Path | None = None
    #: stop at the first bad article instead of skipping it
    strict: bool = False
    #: readings scoring below this are withheld (reported, not mapped); 0 maps every best guess
    min_score: float = DEFAULT_MIN_SCORE
    #: the column of CSV and Parquet inputs the article text is read from (None: text, body or content)
    text_column: str | None = None
    #: processes that annotate at once (1: this process alone; the CLI defaults to every core)
    workers: int = 1
    #: "local" (processes on this machine) or "dask" (a Dask distributed cluster)
    engine: str = "local"
    #: the Dask scheduler's address ("tcp://10.0.0.5:8786"); None starts a LocalCluster
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if self.geocoder not in GEOCODERS:
            raise ConfigurationError(
                f"unknown geocoder {self.geocoder!r} (choose from {', '.join(GEOCODERS)})"
            )
        if self.min_delay_seconds < 0:
            raise ConfigurationError("min_delay_seconds must not be negative")
        if not 0.0 <= self.min_score <= 1.0:
            raise ConfigurationError("min_score must lie between 0 and 1")
        if isinstance(self.workers, bool) or not isinstance(self.workers, int) or self.workers < 1:
            raise ConfigurationError(f"workers must be a whole number of at least 1, not {self.workers!r}")
        if self.engine not in ENGINES:
            raise ConfigurationError(f"unknown engine {self.engine!r} (choose from {', '.join(ENGINES)})")
        if self.scheduler is not None and self.engine != "dask":
            raise ConfigurationError("a scheduler address needs the Dask engine (--engine dask)")
        if self.geocoder != "offline" and not self.user_agent:
            raise ConfigurationError(
                f"the {self.geocoder} geocoder needs a user agent naming you or your project "
                "(--user-agent 'myproject/1.0 me@example.org')"
            )
        if self.geocoder != "offline":
            # checked here, before any work, rather than when the first request is sent
            from karamap.gazetteer.online import check_endpoint, check_user_agent

            check_user_agent(self.user_agent)
            if self.geocoder_url is not None:
                check_endpoint(self.geocoder_url)

    def replace(self, **changes: object) -> Options:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]
