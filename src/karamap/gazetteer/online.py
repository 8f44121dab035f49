"""Online geocoders on geopy as gazetteer backends: a subclass builds a request and parses a reply.

No policy lives here: rate limits, the on-disk cache, retries and the fallback
to offline wrap a backend (:mod:`karamap.gazetteer.policy`).
"""

from __future__ import annotations

import abc
import functools
import math
import re
import socket
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import geopy.exc
from geopy.adapters import AdapterHTTPError
from geopy.geocoders import Nominatim
from geopy.location import Location

from karamap.errors import ConfigurationError, GeocoderError, GeocoderRateLimited, GeocoderUnavailable
from karamap.gazetteer.base import Gazetteer
from karamap.gazetteer.transport import MAX_REPLY_BYTES, BoundedAdapter
from karamap.model import FeatureKind, Place
from karamap.read.text import scrub_surrogates
from karamap.terminal import one_line, printable

__all__ = ["OnlineGazetteer", "NominatimGazetteer", "NOMINATIM_URL", "OSM_ATTRIBUTION", "translate_error",
           "check_endpoint", "check_user_agent", "WrongShape", "MAX_NAME_CHARS"]

NOMINATIM_URL = "https://nominatim.openstreetmap.org"
#: required on any map that shows Nominatim (OpenStreetMap) results, ODbL
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
#: longer names are not asked: no place name is this long, and a server would refuse the URL
MAX_NAME_CHARS = 200
#: a User-Agent is an HTTP header: one line of printable ASCII, at most this long
MAX_USER_AGENT_CHARS = 256
_OSM_TYPES = frozenset({"node", "way", "relation"})
_ALPHA2 = re.compile(r"[a-zA-Z]{2}")
_MAX_ALIASES = 100


class WrongShape(geopy.exc.GeocoderParseError):
    """A reply that is JSON but not the geocoder's: another type, or results without a usable position."""


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

    def pace_redirects(self, hook: Callable[[], None]) -> None:
        """Call ``hook`` before every redirect hop (a rate limiter counts hops as requests)."""
        adapter = getattr(self.geocoder, "adapter", None)
        if hasattr(adapter, "before_redirect"):
            adapter.before_redirect = hook

    def search(self, name: str, *, country: str | None = None, limit: int = 10) -> list[Place]:
        if not name.strip() or len(name) > MAX_NAME_CHARS or not _encodable(name):
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


def _encodable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates cannot go into a URL
        return False
    return True


def translate_error(err: Exception, who: str) -> GeocoderError:
    """The karamap error of a geopy error (``who`` names the service in the message).

    What the server said is quoted as one short escaped line, never verbatim.

    >>> translate_error(geopy.exc.GeocoderTimedOut("slow"), "nominatim").__class__.__name__
    'GeocoderUnavailable'
    >>> str(translate_error(geopy.exc.GeocoderQueryError("\\x1b[2Jbad\\nquery"), "nominatim"))
    'nominatim failed: \\\\x1b[2Jbad query'
    """
    text = one_line(str(err), 120)
    if isinstance(err, geopy.exc.GeocoderRateLimited):
        return GeocoderRateLimited(f"{who} asked to slow down (429 Too Many Requests)",
                                   retry_after=err.retry_after)
    if isinstance(err, geopy.exc.GeocoderTimedOut):
        return GeocoderUnavailable(f"{who} timed out")
    if isinstance(err, WrongShape):
        # The same server gives the same wrong answer a second later: no retry.
        return _unavailable(f"{who} sent a reply of the wrong shape ({text})", transient=False)
    if isinstance(err, geopy.exc.GeocoderUnavailable):
        return _unavailable(f"{who} cannot be reached ({text})", transient="unreachable" not in text)
    if isinstance(err, geopy.exc.GeocoderParseError):
        return GeocoderUnavailable(f"{who} sent a reply that is not its JSON ({text})")
    cause = err.__cause__ or err.__context__
    status = cause.status_code if isinstance(cause, AdapterHTTPError) else None
    if status is not None and status >= 500:
        return GeocoderUnavailable(f"{who} failed (HTTP {status})")
    if status is None and isinstance(cause, OSError):  # refused, reset, DNS: geopy wraps them as a bare service error
        return _unavailable(f"{who} cannot be reached ({text})", transient=not _nobody_there(cause))
    if isinstance(err, geopy.exc.GeocoderInsufficientPrivileges | geopy.exc.GeocoderAuthenticationFailure):
        return GeocoderError(f"{who} refused the request (HTTP {status or 403}): "
                             "check --user-agent names you (the usage policy requires it)")
    return GeocoderError(f"{who} failed: {text}")


def _unavailable(message: str, *, transient: bool) -> GeocoderUnavailable:
    error = GeocoderUnavailable(message)
    #: False when retrying cannot help soon (nothing listens, no such host): give up at once
    error.transient = transient  # type: ignore[attr-defined]
    return error


def _nobody_there(cause: BaseException) -> bool:
    reason = getattr(cause, "reason", cause)  # urllib's URLError wraps the socket error
    return isinstance(reason, ConnectionRefusedError | socket.gaierror)


def check_user_agent(user_agent: str | None) -> str:
    """``user_agent`` if it can be sent as a User-Agent header, else a :class:`ConfigurationError`.

    >>> check_user_agent("myproject/1.0 me@example.org")
    'myproject/1.0 me@example.org'
    >>> check_user_agent("me\\r\\nX-Injected: 1")
    Traceback (most recent call last):
    ...
    karamap.errors.ConfigurationError: --user-agent must be one line of printable ASCII (found \\r)
    """
    if not user_agent or not user_agent.strip():
        raise ConfigurationError("Nominatim needs a user agent naming you or your project")
    bad = next((c for c in user_agent if not " " <= c <= "~"), None)
    if bad is not None:
        raise ConfigurationError(f"--user-agent must be one line of printable ASCII (found {printable(bad)})")
    if len(user_agent) > MAX_USER_AGENT_CHARS:
        raise ConfigurationError(f"--user-agent is longer than {MAX_USER_AGENT_CHARS} characters")
    return user_agent


def check_endpoint(url: str) -> str:
    """The endpoint ``scheme://host[:port][/path]`` of a geocoder URL, or a :class:`ConfigurationError`.

    >>> check_endpoint("localhost:8080/nominatim/")
    'https://localhost:8080/nominatim'
    >>> check_endpoint("http://[::1")
    Traceback (most recent call last):
    ...
    karamap.errors.ConfigurationError: geocoder URL 'http://[::1' is not a URL (Invalid IPv6 URL)
    """
    shown = one_line(url, 120)
    if not url.strip() or not url.isprintable() or any(c.isspace() for c in url) or len(url) > 2000:
        raise ConfigurationError(f"geocoder URL '{shown}' is not a URL (empty, too long, or with spaces "
                                 "or control characters)")
    try:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        parts.port  # noqa: B018 - raises on a port out of range
    except ValueError as err:
        raise ConfigurationError(f"geocoder URL '{shown}' is not a URL ({one_line(str(err), 80)})") from err
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(f"geocoder URL '{shown}' is not an http(s) URL")
    if parts.username is not None or parts.query or parts.fragment:
        raise ConfigurationError(f"geocoder URL '{shown}' must be scheme://host[:port][/path], "
                                 "without credentials, query or fragment")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def _coordinate(value: Any) -> float | None:
    """A finite number from a JSON number or numeric string (Nominatim sends strings), else None."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        number = float(value.strip()[:64] if isinstance(value, str) else value)
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def check_reply(reply: Any) -> list[tuple[dict[str, Any], float, float]]:
    """The results of a Nominatim ``/search`` reply with their coordinates, or :class:`WrongShape`.

    A reply is a list of objects, each with ``lat`` and ``lon`` inside the world;
    ``{"error": ...}`` is the server refusing the query.

    >>> check_reply([{"lat": "40.1", "lon": "46.8"}])[0][1:]
    (40.1, 46.8)
    >>> check_reply([{"lat": "95", "lon": "46.8"}])
    Traceback (most recent call last):
    ...
    karamap.gazetteer.online.WrongShape: result 1 lies outside the world (lat 95, lon 46.8)
    """
    if reply is None:
        return []
    if isinstance(reply, dict) and "error" in reply:
        error = reply["error"]
        message = error.get("message", error) if isinstance(error, dict) else error
        raise geopy.exc.GeocoderQueryError(one_line(str(message), 120))
    if not isinstance(reply, list):
        raise WrongShape(f"{_json_kind(reply)} where a list of results was expected")
    results = []
    for index, item in enumerate(reply, start=1):
        if not isinstance(item, dict):
            raise WrongShape(f"result {index} is {_json_kind(item)}, not an object")
        lat, lon = _coordinate(item.get("lat")), _coordinate(item.get("lon"))
        if lat is None or lon is None:
            raise WrongShape(f"result {index} has no numeric lat and lon")
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise WrongShape(f"result {index} lies outside the world (lat {lat:g}, lon {lon:g})")
        results.append((item, lat, lon))
    return results


def _json_kind(value: Any) -> str:
    kinds = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(value), "a number")


class _CheckedNominatim(Nominatim):
    """geopy's Nominatim with a reply checked before it becomes Locations.

    geopy's own parsing trusts the reply (a result without coordinates or name,
    or a latitude of 95, ends in Python errors); here the reply either passes
    :func:`check_reply` or is refused as a whole.
    """

    def _parse_json(self, places: Any, exactly_one: bool) -> Any:
        results = check_reply(places)
        if not results:
            return None
        locations = [Location(_text(item.get("display_name")), (lat, lon), item) for item, lat, lon in results]
        return locations[0] if exactly_one else locations


def _text(value: Any) -> str:
    # JSON's "\ud800" escapes decode to lone surrogates, which no output can encode
    return scrub_surrogates(value.strip()) if isinstance(value, str) else ""


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

    Requests go through a :class:`~karamap.gazetteer.transport.BoundedAdapter`: ``timeout``
    is one deadline for a whole request, replies over ``max_bytes`` are refused,
    redirects stay on the server's host.

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
                 language: str = "en", max_bytes: int = MAX_REPLY_BYTES,
                 _clock: Callable[[], float] = time.monotonic) -> None:
        check_user_agent(user_agent)
        endpoint = check_endpoint(url)
        scheme, domain = endpoint.split("://", 1)
        geocoder = _CheckedNominatim(
            user_agent=user_agent,
            domain=domain,
            scheme=scheme,
            timeout=timeout,
            adapter_factory=functools.partial(BoundedAdapter, max_bytes=max_bytes, _clock=_clock),
        )
        super().__init__(geocoder, endpoint)
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
        lat, lon = _coordinate(raw.get("lat")), _coordinate(raw.get("lon"))
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None  # check_reply let it through only if usable; a subclass's reply may differ
        names = {k: v for k, v in raw.get("namedetails", {}).items() if isinstance(k, str) and isinstance(v, str)} \
            if isinstance(raw.get("namedetails"), dict) else {}
        display = _text(raw.get("display_name")) or _text(location.address)
        name = (_text(raw.get("name")) or _text(names.get(f"name:{self.language}")) or _text(names.get("name"))
                or display.split(",")[0].strip())
        if not name:
            return None
        aliases = []
        for key, value in names.items():
            if key.startswith(("name:", "alt_name", "old_name", "official_name", "short_name", "int_name")) \
                    or key == "name":
                aliases.extend(_text(v) for v in value.split(";") if _text(v) and _text(v) != name)
        address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
        code = address.get("country_code")
        country = code.upper() if isinstance(code, str) and _ALPHA2.fullmatch(code) else None
        return Place(
            id=_place_id(raw, lat, lon),
            name=name,
            feature=_feature(raw),
            country=country,
            lat=lat,
            lon=lon,
            admin1=_text(address.get("state")) or None,
            aliases=tuple(dict.fromkeys(aliases))[:_MAX_ALIASES],
            source="nominatim",
            raw=raw,
        )


def _place_id(raw: dict[str, Any], lat: float, lon: float) -> str:
    osm_type, osm_id = raw.get("osm_type"), raw.get("osm_id")
    if isinstance(osm_id, str) and osm_id.isascii() and osm_id.isdigit():
        osm_id = int(osm_id)
    if isinstance(osm_type, str) and osm_type in _OSM_TYPES and isinstance(osm_id, int) \
            and not isinstance(osm_id, bool):
        return f"nominatim:{osm_type}/{osm_id}"
    place_id = raw.get("place_id")
    if isinstance(place_id, int) and not isinstance(place_id, bool):
        return f"nominatim:{place_id}"
    return f"nominatim:{lat:.5f},{lon:.5f}"


def _feature(raw: dict[str, Any]) -> FeatureKind:
    for key in ("addresstype", "type"):
        kind = _FEATURE_BY_TYPE.get(_text(raw.get(key)))
        if kind is not None:
            return kind
    cls = _text(raw.get("class")) or _text(raw.get("category"))
    if cls in _FACILITY_CLASSES:
        return "facility"
    if cls in _REGION_CLASSES:
        return "region"
    return "other"
