"""Country outlines shipped offline: Natural Earth shapes as packaged by ``countryinfo``.

The ``countryinfo`` package (MIT licence) ships, for each country, the outline
of johan/world.geo.json (Unlicense). Those shapes are Natural Earth's 1:110m
admin-0 countries (public domain): compared with the ``naturalearth_lowres``
file geopandas 0.14 shipped, Azerbaijan, Armenia, Turkey and Russia match
exactly (France differs only by French Guiana, a separate feature here).
karamap uses them for country polygons in the places layer and for the basemap
drawn under the optional online tiles.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

__all__ = ["OUTLINES_CREDIT", "country_outline", "country_outlines"]

#: the credit line the map and the README show for the outlines
OUTLINES_CREDIT = "Country outlines: Natural Earth (public domain) via world.geo.json and countryinfo"


@lru_cache(maxsize=1)
def country_outlines() -> dict[str, BaseGeometry]:
    """Every country outline the ``countryinfo`` package ships, by ISO 3166-1 alpha-2 code.

    Geometries are valid, in WGS 84 longitude/latitude. Loaded once per process.

    Examples
    --------
    >>> outlines = country_outlines()
    >>> outlines["AZ"].geom_type
    'MultiPolygon'
    >>> round(outlines["AM"].centroid.x)
    45
    """
    data = resources.files("countryinfo") / "data"
    out: dict[str, BaseGeometry] = {}
    for entry in sorted(data.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        record: dict[str, Any] = json.loads(entry.read_text(encoding="utf-8"))
        code = (record.get("ISO") or {}).get("alpha2")
        collection = record.get("geoJSON") or {}
        features = collection.get("features") or []
        if not code or not features:
            continue
        # Some shipped rings self-touch (Antarctica): repair each part before the union.
        parts = [shapely.make_valid(shape(f["geometry"])) for f in features if f.get("geometry")]
        if not parts:
            continue
        geom = shapely.make_valid(shapely.union_all(parts))
        out[code.upper()] = geom
    return out


def country_outline(code: str | None) -> BaseGeometry | None:
    """The outline of the country with ISO alpha-2 ``code``, or None when none ships.

    >>> country_outline("TR").bounds[0] > 25
    True
    >>> country_outline("XX") is None
    True
    """
    if not code:
        return None
    return country_outlines().get(code.upper())
