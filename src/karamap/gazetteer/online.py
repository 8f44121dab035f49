"""Online geocoders on geopy as gazetteer backends: a subclass builds a request and parses a reply.

No policy lives here: rate limits, the on-disk cache, retries and the fallback
to offline wrap a backend (:mod:`karamap.gazetteer.policy`).
"""

from __future__ import annotations

import abc
import socket
from typing import Any
from urllib.parse import urlsplit

import geopy.exc
from geopy.adapters import AdapterHTTPError, URLLibAdapter
from geopy.geocoders import Nominatim
from geopy.location import Location

from karamap.errors import ConfigurationError, GeocoderError, GeocoderRateLimited, GeocoderUnavailable
from karamap.gazetteer.base import Gazetteer
from karamap.model import FeatureKind, Place

__all__ = ["OnlineGazetteer", "NominatimGazetteer", "NOMINATIM_URL", "OSM_ATTRIBUTION", "translate_error"]

NOMINATIM_URL = "https://nominatim.openstreetmap.org"
#: required on any map that shows Nominatim (OpenStreetMap) results, ODbL
OSM_ATTRIBUTION = "© OpenStreetMap contributors"


class OnlineGazetteer(Gazetteer):
    """A geopy geocoder as a :class:`Gazetteer`.

    Subclasses implement :meth:`request` (the keyword arguments of the geocoder's
    ``geocode``) and :meth:`parse` (a geopy ``Location`` to a :class:`Place`).
    Every geopy error becomes a karamap one: :class:`GeocoderUnavailable` for what a
    retry may cure (timeouts, 429, 5xx, refused connections, garbled replies),
    :class:`GeocoderError` for the rest.
    """

    name = "online"

    def __init__(self, geocoder: Any, endpoint: str) -> None:
        self.geocoder = geocoder
        #: where requests go (for messages and cache keys)
        self.endpoint = endpoint
        self._seen: dict[str, Place] = {}

    @abc.abstractmethod
    def request(self, name: str, country: str | None, limit: int) -> dict[str, Any]:
        """Keyword arguments of ``self.geocoder.geocode`` for one search."""

    @abc.abstractmethod
    def parse(self, location: Location) -> Place | None:
        """The :class:`Place` of one result (None to drop a result that cannot be used)."""

    def search(self, name: str, *, country: str | None = None, limit: int = 10) -> list[Place]:
        if not name.strip():
            return []
        try:
            found = self.geocoder.geocode(**self.request(name, country, limit))
        except geopy.exc.GeopyError as err:
            raise translate_error(err, f"{self.name} ({self.endpoint})") from err
        if found is None:
            return []
        locations = found if isinstance(found, list) else [found]
        places = []
        for location in locations:
            place = self.parse(location)
            if place is not None and place.id not in {p.id for p in places}:
                places.append(place)
                self._seen[place.id] = place
        return places[:limit]

    def get(self, place_id: str) -> Place | None:
        return self._seen.get(place_id)


def translate_error(err: Exception, who: str) -> GeocoderError:
    """The karamap error of a geopy error (``who`` names the service in the message).

    >>> translate_error(geopy.exc.GeocoderTimedOut("slow"), "nominatim").__class__.__name__
    'GeocoderUnavailable'
    """
    if isinstance(err, geopy.exc.GeocoderRateLimited):
        return GeocoderRateLimited(f"{who} asked to slow down (429 Too Many Requests)",
                                   retry_after=err.retry_after)
    if isinstance(err, geopy.exc.GeocoderTimedOut):
        return GeocoderUnavailable(f"{who} timed out")
    if isinstance(err, geopy.exc.GeocoderUnavailable):
        return _unavailable(f"{who} cannot be reached ({err})", transient="unreachable" not in str(err))
    if isinstance(err, geopy.exc.GeocoderParseError):
        return GeocoderUnavailable(f"{who} sent a reply that is not its JSON ({err})")
    cause = err.__cause__ or err.__context__
    status = cause.status_code if isinstance(cause, AdapterHTTPError) else None
    if status is not None and status >= 500:
        return GeocoderUnavailable(f"{who} failed (HTTP {status})")
    if status is None and isinstance(cause, OSError):  # refused, reset, DNS: geopy wraps them as a bare service error
        return _unavailable(f"{who} cannot be reached ({err})", transient=not _nobody_there(cause))
    if isinstance(err, geopy.exc.GeocoderInsufficientPrivileges | geopy.exc.GeocoderAuthenticationFailure):
        return GeocoderError(f"{who} refused the request (HTTP {status or 403}): "
                             "check --user-agent names you (the usage policy requires it)")
    return GeocoderError(f"{who} failed: {err}")


def _unavailable(message: str, *, transient: bool) -> GeocoderUnavailable:
    error = GeocoderUnavailable(message)
    #: False when retrying cannot help soon (nothing listens, no such host): give up at once
    error.transient = transient  # type: ignore[attr-defined]
    return error


def _nobody_there(cause: BaseException) -> bool:
    reason = getattr(cause, "reason", cause)  # urllib's URLError wraps the socket error
    return isinstance(reason, ConnectionRefusedError | socket.gaierror)


# Nominatim's addresstype / type / class to karamap's feature kinds.
_FEATURE_BY_TYPE: dict[str, FeatureKind] = {
    "continent": "continent",
    "country": "country",
    "state": "admin1", "province": "admin1", "region": "admin1",
    "county": "admin2", "district": "admin2", "municipality": "admin2", "state_district": "admin2",
    "city": "city", "town": "city", "village": "city", "hamlet": "city", "suburb": "city",
    "city_district": "city", "borough": "city", "quarter": "city", "neighbourhood": "city",
    "isolated_dwelling": "city",
}
_FACILITY_CLASSES = {"amenity", "building", "military", "aeroway", "man_made", "office",
                     "tourism", "railway", "historic", "leisure", "shop"}
_REGION_CLASSES = {"natural", "mountain_pass", "waterway"}


class NominatimGazetteer(OnlineGazetteer):
    """OpenStreetMap's Nominatim ``/search`` (or a server of your own at ``url``).

    Examples
    --------
    >>> gaz = NominatimGazetteer("karamap-doc/1.0 you@example.org")
    >>> gaz.request("Aghdam", "az", 5)["country_codes"]
    'az'
    >>> gaz.attribution
    '© OpenStreetMap contributors'
    """

    name = "nominatim"
    attribution = OSM_ATTRIBUTION

    def __init__(self, user_agent: str, *, url: str = NOMINATIM_URL, timeout: float = 10.0,
                 language: str = "en") -> None:
        if not user_agent or not user_agent.strip():
            raise ConfigurationError("Nominatim needs a user agent naming you or your project")
        parts = urlsplit(url if "://" in url else f"https://{url}")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigurationError(f"geocoder URL {url!r} is not an http(s) URL")
        geocoder = Nominatim(
            user_agent=user_agent,
            domain=parts.netloc + parts.path.rstrip("/"),
            scheme=parts.scheme,
            timeout=timeout,
            # the standard library's urllib: no extra dependency, no hidden retries
            adapter_factory=URLLibAdapter,
        )
        super().__init__(geocoder, f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}")
        self.language = language

    def request(self, name: str, country: str | None, limit: int) -> dict[str, Any]:
        return {
            "query": name,
            "exactly_one": False,
            "limit": max(1, min(limit, 40)),
            "addressdetails": True,
            "namedetails": True,
            "language": self.language,
            "country_codes": country.lower() if country else None,
        }

    def parse(self, location: Location) -> Place | None:
        raw = location.raw if isinstance(location.raw, dict) else {}
        try:
            lat, lon = float(raw.get("lat", location.latitude)), float(raw.get("lon", location.longitude))
        except (TypeError, ValueError):
            return None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        osm_type, osm_id = raw.get("osm_type"), raw.get("osm_id")
        place_id = (f"nominatim:{osm_type}/{osm_id}" if osm_type and osm_id is not None
                    else f"nominatim:{raw.get('place_id', f'{lat:.5f},{lon:.5f}')}")
        names = raw.get("namedetails") if isinstance(raw.get("namedetails"), dict) else {}
        display = str(raw.get("display_name") or location.address or "")
        name = str(raw.get("name") or names.get(f"name:{self.language}") or names.get("name")
                   or display.split(",")[0]).strip()
        if not name:
            return None
        aliases = []
        for key, value in names.items():
            if isinstance(value, str) and (key.startswith(("name:", "alt_name", "old_name", "official_name",
                                                         "short_name", "int_name")) or key == "name"):
                aliases.extend(v.strip() for v in value.split(";") if v.strip() and v.strip() != name)
        address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
        country = str(address.get("country_code") or "").upper() or None
        return Place(
            id=place_id,
            name=name,
            feature=_feature(raw),
            country=country if country and len(country) == 2 else None,
            lat=lat,
            lon=lon,
            admin1=address.get("state"),
            aliases=tuple(dict.fromkeys(aliases)),
            source="nominatim",
            raw=raw,
        )


def _feature(raw: dict[str, Any]) -> FeatureKind:
    for key in ("addresstype", "type"):
        kind = _FEATURE_BY_TYPE.get(str(raw.get(key, "")))
        if kind is not None:
            return kind
    cls = str(raw.get("class") or raw.get("category") or "")
    if cls in _FACILITY_CLASSES:
        return "facility"
    if cls in _REGION_CLASSES:
        return "region"
    return "other"
