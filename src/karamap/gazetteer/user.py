"""The user's own places and aliases from a CSV or GeoJSON file; they win over every other backend."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from karamap.errors import InputError, OverrideError
from karamap.gazetteer.base import Gazetteer, normalise_name
from karamap.model import FeatureKind, Place
from karamap.terminal import one_line

__all__ = ["UserGazetteer", "Alias", "COLUMNS", "MAX_OVERRIDES_BYTES"]

FEATURES: tuple[str, ...] = get_args(FeatureKind)
#: the columns (CSV) or properties (GeoJSON) an override may have; ``name`` and
#: either ``lat``/``lon`` (or a GeoJSON geometry) or ``same_as`` are required
COLUMNS = ("id", "name", "aliases", "lat", "lon", "feature", "country", "admin1", "population",
           "approximate", "members", "same_as")
#: an overrides file is a hand-made list; anything larger is a mistake
MAX_OVERRIDES_BYTES = 50 * 1024 * 1024
_LIST_SPLIT = re.compile(r"\s*[|;]\s*")
_TRUE = {"1", "true", "yes", "y", "x"}
_FALSE = {"", "0", "false", "no", "n"}


@dataclass(frozen=True, slots=True)
class Alias:
    """An extra name for a place another backend knows (``same_as`` row): ``name`` -> ``target``."""

    name: str
    target: str
    origin: str


class _RowErrors:
    """Collects the bad rows so the message names the first and counts the others."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def raise_if_any(self) -> None:
        if not self.messages:
            return
        first, rest = self.messages[0], len(self.messages) - 1
        raise OverrideError(first + (f" (and {rest} more bad row{'s' if rest > 1 else ''})" if rest else ""))


class UserGazetteer(Gazetteer):
    """Places and aliases a user supplies; ids are ``user:<id>``.

    CSV: a header row with ``name,lat,lon`` at least, optionally ``id``,
    ``aliases`` (separated by ``|`` or ``;``), ``feature`` (one of
    :data:`FEATURES`), ``country`` (ISO 3166-1 alpha-2), ``admin1``,
    ``population``, ``approximate`` (yes/no), ``members`` (ids of a group's
    members) and ``same_as``: an id of a built-in place (``geonames:584923``)
    that makes the row's name and aliases extra names of that place, no
    coordinates needed. GeoJSON: a FeatureCollection whose features carry the same
    keys as properties and a geometry (its representative point gives lat/lon).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "mine.csv"
    >>> _ = path.write_text("name,aliases,lat,lon,feature,country\\n"
    ...                     "Camp Alpha,Alpha base|the camp,40.1,46.8,facility,AZ\\n")
    >>> gaz = UserGazetteer.from_file(path)
    >>> [p.id for p in gaz.search("the camp")]
    ['user:camp-alpha']
    """

    name = "user"

    def __init__(self, places: Iterable[Place] = (), aliases: Iterable[Alias] = (),
                 origin: str = "overrides") -> None:
        self.origin = origin
        self._by_id: dict[str, Place] = {}
        self._by_key: dict[str, list[Place]] = {}
        for place in places:
            self._by_id[place.id] = place
            for label in (place.name, *place.aliases):
                bucket = self._by_key.setdefault(normalise_name(label), [])
                if place not in bucket:
                    bucket.append(place)
        self.aliases: tuple[Alias, ...] = tuple(aliases)

    # --- the contract ---------------------------------------------------------------------

    def search(self, name: str, *, country: str | None = None, limit: int = 10) -> list[Place]:
        found = self._by_key.get(normalise_name(name), [])
        if country:
            found = [p for p in found if p.country == country.upper()]
        return list(found[:limit])

    def get(self, place_id: str) -> Place | None:
        return self._by_id.get(place_id)

    def lookup_key(self, key: str) -> tuple[Place, ...]:
        return tuple(self._by_key.get(key, ()))

    def __len__(self) -> int:
        return len(self._by_id)

    @property
    def places(self) -> tuple[Place, ...]:
        return tuple(self._by_id.values())

    # --- loading --------------------------------------------------------------------------

    @classmethod
    def from_file(cls, path: str | Path) -> UserGazetteer:
        """Load and validate an overrides file (``.csv``, ``.tsv``, ``.geojson`` or ``.json``).

        Raises
        ------
        OverrideError : the file is missing or unreadable, or a row is bad (the message
            names the file and row of the first bad one and counts the others).
        """
        path = Path(path)
        origin = str(path)
        text = _read_file(path)
        if path.suffix.lower() in (".geojson", ".json") or text.lstrip().startswith("{"):
            rows = list(_geojson_rows(text, origin))
        else:
            rows = list(_csv_rows(text, origin, delimiter="\t" if path.suffix.lower() == ".tsv" else None))
        places, aliases = _validate(rows)
        if not places and not aliases:
            raise OverrideError(f"{origin}: no places in the overrides file")
        return cls(places, aliases, origin=origin)


def _read_file(path: Path) -> str:
    from karamap.read.decode import decode_bytes, normalise_newlines

    try:
        with open(path, "rb") as fh:
            # Read with a limit, not by the size stat gives: a pipe or a device (/dev/zero,
            # /dev/stdin, <(...)) reports 0 bytes and may never end.
            if os.fstat(fh.fileno()).st_size > MAX_OVERRIDES_BYTES:
                raise OverrideError(f"{path}: larger than {MAX_OVERRIDES_BYTES // 2**20} MB; not an overrides file")
            data = fh.read(MAX_OVERRIDES_BYTES + 1)
    except FileNotFoundError as err:
        raise OverrideError(f"{path}: no such overrides file") from err
    except IsADirectoryError as err:
        raise OverrideError(f"{path}: is a folder, not an overrides file") from err
    except OSError as err:
        raise OverrideError(f"{path}: cannot read: {err.strerror or err}") from err
    if len(data) > MAX_OVERRIDES_BYTES:
        raise OverrideError(f"{path}: more than {MAX_OVERRIDES_BYTES // 2**20} MB; not an overrides file")
    try:
        return normalise_newlines(decode_bytes(data, str(path)).text)
    except InputError as err:
        raise OverrideError(str(err)) from err


@dataclass(frozen=True, slots=True)
class _Row:
    where: str
    values: Mapping[str, Any]
    #: (lat, lon, shapely geometry) from a GeoJSON geometry
    point: tuple[float, float, Any] | None = None


def _csv_rows(text: str, origin: str, delimiter: str | None) -> Iterator[_Row]:
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    fields = [f.strip().lower() for f in (reader.fieldnames or []) if f is not None]
    if not fields:
        raise OverrideError(f"{origin}: empty overrides file (a header row name,lat,lon is needed)")
    unknown = [f for f in fields if f not in COLUMNS]
    if unknown:
        raise OverrideError(f"{origin}:1: unknown column {unknown[0]!r} (known: {', '.join(COLUMNS)})")
    if "name" not in fields:
        raise OverrideError(f"{origin}:1: no 'name' column (columns: {', '.join(fields)})")
    if "same_as" not in fields and not {"lat", "lon"} <= set(fields):
        raise OverrideError(f"{origin}:1: no 'lat' and 'lon' columns (columns: {', '.join(fields)})")
    reader.fieldnames = fields
    try:
        for record in reader:
            where = f"{origin}:{reader.line_num}"
            if None in record:
                raise OverrideError(f"{where}: more values than columns")
            if all(not (v or "").strip() for v in record.values()):
                continue
            yield _Row(where, {k: (v or "").strip() for k, v in record.items()})
    except csv.Error as err:
        raise OverrideError(f"{origin}:{reader.line_num}: not valid CSV ({err})") from err


def _geojson_rows(text: str, origin: str) -> Iterator[_Row]:
    import shapely.geometry

    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise OverrideError(f"{origin}: not JSON ({err})") from err
    if not isinstance(data, dict) or data.get("type") not in ("FeatureCollection", "Feature"):
        raise OverrideError(f"{origin}: not a GeoJSON FeatureCollection")
    features = [data] if data["type"] == "Feature" else data.get("features")
    if not isinstance(features, list):
        raise OverrideError(f"{origin}: the FeatureCollection has no \"features\" list")
    for index, feature in enumerate(features, start=1):
        where = f"{origin}: feature {index}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise OverrideError(f"{where}: not a GeoJSON Feature")
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            raise OverrideError(f"{where}: \"properties\" is not an object")
        if isinstance(props.get("name"), str):
            where += f" ({props['name']!r})"
        # Extra properties (styling, notes) are allowed in GeoJSON and ignored.
        values = {k.lower(): v for k, v in props.items() if k.lower() in COLUMNS}
        point = None
        geometry = feature.get("geometry")
        if geometry is not None:
            shape = _checked_shape(geometry, where)
            rep = shape if shape.geom_type == "Point" else shape.representative_point()
            point = (rep.y, rep.x, None if shape.geom_type == "Point" else shape)
        yield _Row(where, values, point)


def _checked_shape(geometry: Any, where: str) -> Any:
    """The shapely geometry of a GeoJSON geometry, refused unless it is one karamap can map as drawn.

    A geometry is refused (not repaired) when a coordinate is not a finite number,
    lies outside the world, an edge crosses the antimeridian (RFC 7946 asks such
    shapes to be cut in two at 180 degrees), or it is not valid (a ring crossing
    itself, a hole outside its shell). A repair such as ``shapely.make_valid`` changes
    what the shape says: a bow-tie becomes two triangles, a hole outside its shell a
    second area. Which of them the user meant, only the user knows.
    """
    import numpy as np
    import shapely
    import shapely.geometry

    try:
        with warnings.catch_warnings():  # NaN vertices make shapely warn on stderr
            warnings.simplefilter("ignore", RuntimeWarning)
            shape = shapely.geometry.shape(geometry)
            coords = shapely.get_coordinates(shape)
    except Exception as err:  # shapely raises several types for bad GeoJSON
        raise OverrideError(f"{where}: bad geometry ({one_line(str(err), 100)})") from err
    if shape.is_empty:
        raise OverrideError(f"{where}: empty geometry")
    if not np.isfinite(coords).all():
        raise OverrideError(f"{where}: a coordinate of the geometry is not a finite number (NaN or infinity)")
    lats, lons = coords[:, 1], coords[:, 0]
    if (np.abs(lats) > 90.0).any():
        raise OverrideError(f"{where}: lat {float(lats[np.abs(lats) > 90.0][0])} is outside -90..90")
    if (np.abs(lons) > 180.0).any():
        raise OverrideError(f"{where}: lon {float(lons[np.abs(lons) > 180.0][0])} is outside -180..180")
    jump = _antimeridian_jump(shape)
    if jump is not None:
        raise OverrideError(f"{where}: an edge crosses the antimeridian (from lon {jump[0]:g} to {jump[1]:g}); "
                            "cut the shape in two at 180 degrees (a MultiPolygon), as RFC 7946 asks")
    if not shape.is_valid:
        raise OverrideError(f"{where}: not a valid {shape.geom_type} ({_reason(shape)}); "
                            "fix it (QGIS: Fix geometries; shapely.make_valid) and check the result")
    return shape


def _antimeridian_jump(shape: Any) -> tuple[float, float] | None:
    """An edge of ``shape`` spanning more than 180 degrees of longitude, taken the long way round.

    GeoJSON edges are straight lines in longitude and latitude, so an edge from 179
    to -179 runs across the whole map, not over the antimeridian; a writer that
    meant the short way produced it.
    """
    import shapely

    for line in _lines(shape):
        xs = shapely.get_coordinates(line)[:, 0]
        for a, b in zip(xs[:-1], xs[1:], strict=True):
            if abs(b - a) > 180.0:
                return float(a), float(b)
    return None


def _lines(shape: Any) -> Iterator[Any]:
    """The lines and rings of ``shape`` (points have no edges)."""
    import shapely

    if shape.geom_type == "Polygon":
        yield from shapely.get_rings(shape)
    elif shape.geom_type in ("LineString", "LinearRing"):
        yield shape
    elif shape.geom_type.startswith("Multi") or shape.geom_type == "GeometryCollection":
        for part in shapely.get_parts(shape):
            yield from _lines(part)


def _reason(shape: Any) -> str:
    """shapely's reason a shape is invalid, in words: ``self-intersection at lon 0.5, lat 0.5``."""
    import shapely

    reason = shapely.is_valid_reason(shape) or "invalid"
    match = re.fullmatch(r"(.*?)\s*\[\s*(-?[\d.e+-]+)\s+(-?[\d.e+-]+)\s*\]", reason)
    if match is None:
        return one_line(reason.lower(), 80)
    return f"{match.group(1).lower()} at lon {float(match.group(2)):g}, lat {float(match.group(3)):g}"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise_name(name)).strip("-") or "place"


def _validate(rows: list[_Row]) -> tuple[list[Place], list[Alias]]:
    errors = _RowErrors()
    places: dict[str, Place] = {}
    aliases: list[Alias] = []
    for row in rows:
        try:
            item = _row_place(row)
        except OverrideError as err:
            errors.messages.append(str(err))
            continue
        if isinstance(item, Alias):
            aliases.append(item)
            for extra in _as_list(row.values.get("aliases"), row.where, "aliases"):
                aliases.append(Alias(extra, item.target, row.where))
            continue
        if item.id in places:
            errors.messages.append(f"{row.where}: duplicate id {item.id!r} (give each row its own id)")
            continue
        places[item.id] = item
    errors.raise_if_any()
    return list(places.values()), aliases


def _row_place(row: _Row) -> Place | Alias:
    v, where = row.values, row.where
    name = _text(v.get("name"), where, "name")
    if not name:
        raise OverrideError(f"{where}: empty name")
    same_as = _text(v.get("same_as"), where, "same_as")
    if same_as:
        if ":" not in same_as:
            raise OverrideError(f"{where}: same_as {same_as!r} is not a place id like geonames:584923")
        return Alias(name, same_as, where)
    if row.point is not None:
        lat, lon, geometry = row.point
    else:
        lat, lon, geometry = _number(v.get("lat"), where, "lat"), _number(v.get("lon"), where, "lon"), None
    if not -90.0 <= lat <= 90.0:
        raise OverrideError(f"{where}: lat {lat} is outside -90..90")
    if not -180.0 <= lon <= 180.0:
        raise OverrideError(f"{where}: lon {lon} is outside -180..180"
                            + (" (lat and lon swapped?)" if -90 <= lon and abs(lat) <= 180 else ""))
    feature = (_text(v.get("feature"), where, "feature") or "other").lower()
    if feature not in FEATURES:
        raise OverrideError(f"{where}: unknown feature {feature!r} (choose from {', '.join(FEATURES)})")
    country = _text(v.get("country"), where, "country").upper() or None
    if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
        raise OverrideError(f"{where}: country {country!r} is not an ISO 3166-1 alpha-2 code like AZ")
    population = v.get("population")
    pop = 0 if population in (None, "") else int(_number(population, where, "population"))
    if pop < 0:
        raise OverrideError(f"{where}: population must not be negative")
    raw_id = _text(v.get("id"), where, "id") or _slug(name)
    place_id = raw_id if raw_id.startswith("user:") else f"user:{raw_id}"
    return Place(
        id=place_id,
        name=name,
        feature=feature,  # type: ignore[arg-type]
        country=country,
        lat=lat,
        lon=lon,
        population=pop,
        admin1=_text(v.get("admin1"), where, "admin1") or None,
        aliases=tuple(_as_list(v.get("aliases"), where, "aliases")),
        source="user",
        members=tuple(_as_list(v.get("members"), where, "members")),
        approximate=_flag(v.get("approximate"), where),
        geometry=geometry,
        raw=dict(v),
    )


def _text(value: Any, where: str, key: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise OverrideError(f"{where}: {key} must be text, not {type(value).__name__}")
    return str(value).strip()


def _number(value: Any, where: str, key: str) -> float:
    if value is None or value == "":
        raise OverrideError(f"{where}: {key} is missing")
    if isinstance(value, bool):
        raise OverrideError(f"{where}: {key} must be a number, not {value!r}")
    try:
        number = float(str(value).strip().replace(",", ".") if isinstance(value, str) else value)
    except (TypeError, ValueError) as err:
        raise OverrideError(f"{where}: {key} {value!r} is not a number") from err
    if not math.isfinite(number):
        raise OverrideError(f"{where}: {key} {value!r} is not a finite number")
    return number


def _as_list(value: Any, where: str, key: str) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        if not all(isinstance(x, str) for x in value):
            raise OverrideError(f"{where}: {key} must be a list of strings")
        return [x.strip() for x in value if x.strip()]
    return [x for x in _LIST_SPLIT.split(_text(value, where, key)) if x]


def _flag(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value, where, "approximate").lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise OverrideError(f"{where}: approximate {value!r} is not yes or no")
