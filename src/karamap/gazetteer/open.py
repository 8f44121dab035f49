"""Open the gazetteer the options describe: user overrides, then the offline index, then online."""

from __future__ import annotations

from karamap.config import Options
from karamap.gazetteer.base import Gazetteer
from karamap.gazetteer.offline import OfflineGazetteer

__all__ = ["open_gazetteer"]


def open_gazetteer(options: Options | None = None) -> Gazetteer:
    """The gazetteer for a run: the embedded offline index (built on first use).

    >>> open_gazetteer().search("Ankara")[0].id
    'geonames:323786'
    """
    options = options or Options()
    return OfflineGazetteer.open(options.cache_dir)
