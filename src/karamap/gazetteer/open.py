"""Open the gazetteer the options describe: user overrides, then the offline index, then online."""

from __future__ import annotations

from karamap.config import Options
from karamap.gazetteer.base import Gazetteer
from karamap.gazetteer.chain import ChainGazetteer
from karamap.gazetteer.offline import OfflineGazetteer

__all__ = ["open_gazetteer", "GEOCODER_CACHE_NAME"]

#: the SQLite file of online answers, inside ``Options.cache_dir``
GEOCODER_CACHE_NAME = "geocoder-cache.sqlite"


def open_gazetteer(options: Options | None = None, *, offline: Gazetteer | None = None) -> Gazetteer:
    """The gazetteer for a run.

    The embedded offline index (built on first use) alone by default; with
    ``options.overrides`` the user's places win over it; with ``options.geocoder``
    set to ``"nominatim"`` an online Nominatim (``options.geocoder_url``, the public
    server by default) is asked for names the others do not know, politely: one
    request per ``options.min_delay_seconds``, answers cached on disk in
    ``options.cache_dir``, retries, and the offline answers alone, after one warning,
    when it is down. ``offline`` replaces the embedded index (tests, other indexes).

    Raises
    ------
    OverrideError : the overrides file is missing or has a bad row.

    Examples
    --------
    >>> open_gazetteer().search("Ankara")[0].id
    'geonames:323786'
    """
    options = options or Options()
    user = None
    if options.overrides is not None:  # validated first: a bad row fails before the index loads
        from karamap.gazetteer.user import UserGazetteer

        user = UserGazetteer.from_file(options.overrides)
    base = offline if offline is not None else OfflineGazetteer.open(options.cache_dir)
    online = None
    if options.geocoder == "nominatim":
        from karamap.gazetteer.online import NOMINATIM_URL, NominatimGazetteer
        from karamap.gazetteer.policy import GeocodeCache, PoliteGazetteer

        backend = NominatimGazetteer(options.user_agent or "", url=options.geocoder_url or NOMINATIM_URL)
        online = PoliteGazetteer(backend, GeocodeCache(options.cache_dir / GEOCODER_CACHE_NAME),
                                 min_delay_seconds=options.min_delay_seconds)
    if user is None and online is None:
        return base
    return ChainGazetteer(base, user=user, online=online)
