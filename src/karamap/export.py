"""Layers to files GIS tools open: GeoJSON (RFC 7946), GeoParquet and CSV, written atomically."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from karamap.atomic import atomic_path, atomic_write
from karamap.errors import ConfigurationError, OutputError
from karamap.layers import Layers

__all__ = ["FORMATS", "LAYERS", "EXTENSIONS", "export_layer", "write_layers", "geojson_text",
           "rfc7946_geometry", "format_for_path"]

LAYERS = ("places", "regions", "events")
FORMATS = ("geojson", "parquet", "csv", "jsonl", "acled-csv")
#: the format an output's extension names when no format is given
EXTENSIONS: dict[str, str] = {
    ".geojson": "geojson", ".json": "geojson",
    ".parquet": "parquet", ".geoparquet": "parquet",
    ".csv": "csv",
    ".jsonl": "jsonl", ".geojsonl": "jsonl", ".ndjson": "jsonl",
}
#: RFC 7946 section 11.2: six decimals are about 10 cm, more is false precision
_DECIMALS = 6
#: features made at a time when a layer is written
_CHUNK = 4096


def rfc7946_geometry(geom: BaseGeometry | None) -> dict[str, Any] | None:
    """A GeoJSON geometry object as RFC 7946 wants it, or None for no geometry.

    Coordinates are longitude, latitude (WGS 84) rounded to 6 decimals, the
    geometry is made valid, and polygon rings follow the right-hand rule
    (exteriors counter-clockwise, holes clockwise).

    >>> from shapely.geometry import Polygon
    >>> rfc7946_geometry(Polygon([(0, 0), (0, 1), (1, 1), (1, 0)]))["coordinates"][0]
    [[0.0, 1.0], [0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]
    """
    return _rfc7946_geometries([geom])[0]


def _rfc7946_geometries(geoms: Any) -> list[dict[str, Any] | None]:
    """:func:`rfc7946_geometry` of each of ``geoms``, with shapely's array functions (one call
    each for the whole layer, not one a feature)."""
    geoms = np.asarray(geoms, dtype=object)
    out: list[dict[str, Any] | None] = [None] * len(geoms)
    present = np.flatnonzero([g is not None for g in geoms])
    if len(present) == 0:
        return out
    todo = geoms[present]
    keep = ~shapely.is_empty(todo)
    present, todo = present[keep], todo[keep]
    todo = shapely.set_precision(todo, 10.0**-_DECIMALS)
    invalid = ~shapely.is_valid(todo)
    if invalid.any():
        todo[invalid] = shapely.make_valid(todo[invalid])
    todo = shapely.orient_polygons(todo, exterior_cw=False)
    for i, geom in zip(present.tolist(), todo):
        out[i] = _lists(mapping(geom))
    return out


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    if isinstance(value, float):
        out = round(value, _DECIMALS)
        return 0.0 if out == 0 else out
    return value


def _plain(value: Any) -> Any:
    """A property value as plain JSON: numpy scalars unwrapped, NaN and NA as null, tuples as lists."""
    kind = type(value)
    if kind is str or kind is int or kind is bool:  # most cells: nothing to do
        return value
    if kind is float:
        return None if math.isnan(value) else value
    if value is None or value is pd.NA:
        return None
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def format_for_path(path: str | Path) -> str:
    """The export format an output's extension names; ``-`` (standard output) is GeoJSON.

    Raises
    ------
    ConfigurationError : an extension that names no format (a usage error: exit 2).

    >>> format_for_path("events.parquet"), format_for_path("-")
    ('parquet', 'geojson')
    """
    if str(path) == "-":
        return "geojson"
    suffix = Path(path).suffix.lower()
    fmt = EXTENSIONS.get(suffix)
    if fmt is None:
        known = ", ".join(EXTENSIONS)
        what = f"extension {suffix!r}" if suffix else "no extension"
        raise ConfigurationError(f"{path}: {what} names no output format (known: {known}); "
                                 "use one of them or give --format")
    return fmt


def _feature_lines(frame: gpd.GeoDataFrame) -> Iterator[str]:
    """One GeoJSON Feature (RFC 7946) a string, in the frame's order.

    Made :data:`_CHUNK` rows at a time, so that writing a layer of any size holds the
    strings and geometry dicts of one chunk, never of the whole layer.
    """
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    columns = [c for c in frame.columns if c != frame.geometry.name]
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
    for start in range(0, len(frame), _CHUNK):
        part = frame.iloc[start:start + _CHUNK]
        # Whole columns as Python lists: reading a frame row by row costs a call per cell.
        values = [part[c].tolist() for c in columns]
        geometries = _rfc7946_geometries(part.geometry.values)
        for geometry, row in zip(geometries, zip(*values) if values else ([()] * len(part))):
            feature = {
                "type": "Feature",
                "geometry": geometry,
                "properties": {c: _plain(v) for c, v in zip(columns, row)},
            }
            yield dumps(feature)


def _geojson_pieces(frame: gpd.GeoDataFrame) -> Iterator[str]:
    """The text of :func:`geojson_text` in pieces, to be written as they come."""
    yield '{"type":"FeatureCollection","features":[\n'
    first = True
    for line in _feature_lines(frame):
        yield line if first else ",\n" + line
        first = False
    yield "]}\n" if first else "\n]}\n"


def geojson_text(frame: gpd.GeoDataFrame) -> str:
    """``frame`` as an RFC 7946 FeatureCollection, one feature a line (clean diffs in git).

    No ``crs`` member (RFC 7946 fixes WGS 84); the same frame always gives the same text.

    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> frame = gpd.GeoDataFrame({"name": ["Aghdam"]}, geometry=[Point(46.9295, 39.9937)], crs="EPSG:4326")
    >>> print(geojson_text(frame))
    {"type":"FeatureCollection","features":[
    {"type":"Feature","geometry":{"type":"Point","coordinates":[46.9295,39.9937]},"properties":{"name":"Aghdam"}}
    ]}
    <BLANKLINE>
    """
    return "".join(_geojson_pieces(frame))


def _csv_frame(frame: gpd.GeoDataFrame) -> Any:
    out = frame.drop(columns=frame.geometry.name).copy()
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, (list, tuple, np.ndarray))).any():
            out[column] = out[column].map(
                lambda v: "; ".join(str(x) for x in v) if isinstance(v, (list, tuple, np.ndarray)) else v)
    out["geometry_wkt"] = [None if g is None or g.is_empty else g.wkt for g in frame.geometry]
    return out


def export_layer(layers: Layers, layer: str, path: str | Path, *, format: str | None = "geojson") -> Path:
    """Write one layer (``places``, ``regions`` or ``events``) to ``path``, atomically.

    ``format`` is ``geojson`` (RFC 7946), ``parquet`` (GeoParquet), ``csv``
    (the geometry as WKT, lists joined with ``"; "``), ``jsonl`` (one GeoJSON
    feature a line) or ``acled-csv`` (the events in ACLED's export columns and formats,
    see :mod:`karamap.acled_csv`); None takes it from ``path``'s extension (:func:`format_for_path`).
    ``path`` may be ``-`` (standard output), a pipe or a device: written directly.

    Raises
    ------
    ConfigurationError : an unknown layer or format.
    OutputError : the file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from karamap.layers import build_layers
    >>> out = export_layer(build_layers([]), "events", pathlib.Path(tempfile.mkdtemp()) / "e.geojson")
    >>> out.read_text()
    '{"type":"FeatureCollection","features":[\\n]}\\n'
    """
    if layer not in LAYERS:
        raise ConfigurationError(f"unknown layer {layer!r}: choose one of {', '.join(LAYERS)}")
    if format is None:
        format = format_for_path(path)
    if format not in FORMATS:
        raise ConfigurationError(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
    if format == "acled-csv" and layer != "events":
        raise ConfigurationError(f"the acled-csv format holds events, not {layer}: use --layer events")
    frame: gpd.GeoDataFrame = getattr(layers, layer)
    path = Path(path)
    if format == "acled-csv":
        from karamap.acled_csv import acled_table

        with atomic_write(path, "w", encoding="utf-8", newline="") as fh:
            acled_table(frame).to_csv(fh, index=False, lineterminator="\n")
    elif format == "geojson":
        with atomic_write(path, "w", encoding="utf-8", newline="\n") as fh:
            for piece in _geojson_pieces(frame):  # never the whole layer's text in memory
                fh.write(piece)
    elif format == "jsonl":
        with atomic_write(path, "w", encoding="utf-8", newline="\n") as fh:
            for line in _feature_lines(frame):
                fh.write(line + "\n")
    elif format == "csv":
        table = _csv_frame(frame)
        with atomic_write(path, "w", encoding="utf-8", newline="") as fh:
            table.to_csv(fh, index=False, lineterminator="\n")
    else:
        try:
            import pyarrow  # noqa: F401
        except ImportError as err:
            raise ConfigurationError("GeoParquet needs the pyarrow package: pip install pyarrow") from err
        with atomic_path(path) as tmp:
            try:
                frame.to_parquet(tmp, index=False)
            except (OSError, ValueError) as err:
                raise OutputError(f"cannot write {path}: {err}") from err
    return path


def write_layers(layers: Layers, directory: str | Path, name: str) -> list[Path]:
    """Write ``NAME-places.geojson`` and ``NAME-events.geojson`` into ``directory``.

    >>> import tempfile
    >>> from karamap.layers import build_layers
    >>> [p.name for p in write_layers(build_layers([]), tempfile.mkdtemp(), "demo")]
    ['demo-places.geojson', 'demo-events.geojson']
    """
    directory = Path(directory)
    return [export_layer(layers, layer, directory / f"{name}-{layer}.geojson") for layer in ("places", "events")]
