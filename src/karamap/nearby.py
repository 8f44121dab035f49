"""Places near a place, found without a pass over every place a document names.

Resolution asks, for each reading of each name, how close it lies to the other places the text
names, and whether a place lies within some distance of any of them. A pass over all the places
for each question does work that grows with the square of the number of distinct places (4,000
names in one sentence did not finish). These structures give the same answers, visiting only the
places that can matter: :class:`Closeness`, a k-d tree over latitude and longitude whose nodes keep
the largest weight below them, and :class:`Within`, a grid of cells over the unit sphere.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Generic, Protocol, TypeVar

__all__ = ["Closeness", "Within", "closeness_to"]

#: points a leaf of the tree holds at most
_LEAF = 8
#: how much a node's bound is widened against rounding, so that no point that could win is skipped
_SLACK = 1.0 + 1e-9


class _Located(Protocol):
    @property
    def id(self) -> str: ...  # noqa: D102

    @property
    def lat(self) -> float: ...  # noqa: D102

    @property
    def lon(self) -> float: ...  # noqa: D102


P = TypeVar("P", bound=_Located)


def closeness_to(lat: float, lon: float, others: Iterable[tuple[float, float, float]], scale: float) -> float:
    """The largest ``weight * exp(-d * scale)`` over ``others`` (lat, lon, weight), where ``d`` is
    the equirectangular distance in degrees from (``lat``, ``lon``), longitudes taken the short
    way round; 0.0 for none. :meth:`Closeness.best` gives the same over its points.

    >>> round(closeness_to(0.0, 179.0, [(0.0, -179.0, 1.0), (10.0, 179.0, 0.5)], 1.0), 4)
    0.1353
    """
    k = math.cos(math.radians(lat))
    best = 0.0
    for olat, olon, weight in others:
        dx = ((olon - lon + 180.0) % 360.0 - 180.0) * k
        dy = olat - lat
        value = weight * math.exp(-math.sqrt(dx * dx + dy * dy) * scale)
        if value > best:
            best = value
    return best


class Closeness:
    """Points with weights that change (0.0 for a point not counted): :meth:`best` gives the
    largest ``weight * exp(-d * scale)`` over them, as :func:`closeness_to` does, looking only at
    the nodes of the tree whose box and largest weight could beat what was found so far.

    >>> c = Closeness([("a", 0.0, -179.0), ("b", 10.0, 179.0), ("c", 50.0, 20.0)], scale=1.0)
    >>> c.set("a", 1.0); c.set("b", 0.5)
    >>> round(c.best(0.0, 179.0), 4), round(c.best(0.0, 179.0, {"a": 0.0}), 6)
    (0.1353, 2.3e-05)
    """

    __slots__ = ("scale", "index", "ids", "lats", "lons", "weights", "leaf_of",
                 "lo", "hi", "left", "right", "parent", "box", "top")

    def __init__(self, points: Iterable[tuple[str, float, float]], scale: float) -> None:
        seen: dict[str, tuple[float, float]] = {}
        for pid, lat, lon in points:
            seen.setdefault(pid, (lat, lon))
        self.scale = scale
        self.ids: list[str] = []
        self.lats: list[float] = []
        self.lons: list[float] = []
        self.lo: list[int] = []
        self.hi: list[int] = []
        self.left: list[int] = []
        self.right: list[int] = []
        self.parent: list[int] = []
        self.box: list[tuple[float, float, float, float]] = []  # min lat, max lat, min lon, max lon
        self.top: list[float] = []  # the largest weight below each node
        self.leaf_of: list[int] = []
        if seen:
            self._build([(lat, lon, pid) for pid, (lat, lon) in seen.items()], -1)
        self.index = {pid: i for i, pid in enumerate(self.ids)}
        self.weights = [0.0] * len(self.ids)

    def _build(self, points: list[tuple[float, float, str]], parent: int) -> int:
        node = len(self.lo)
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        self.box.append((min(lats), max(lats), min(lons), max(lons)))
        self.parent.append(parent)
        self.top.append(0.0)
        self.lo.append(len(self.ids))
        self.left.append(-1)
        self.right.append(-1)
        self.hi.append(-1)
        if len(points) <= _LEAF:
            for lat, lon, pid in points:
                self.ids.append(pid)
                self.lats.append(lat)
                self.lons.append(lon)
                self.leaf_of.append(node)
        else:
            min_lat, max_lat, min_lon, max_lon = self.box[node]
            k = math.cos(math.radians((min_lat + max_lat) / 2))
            axis = 1 if (max_lon - min_lon) * k > max_lat - min_lat else 0
            points.sort(key=lambda p: p[axis])
            half = len(points) // 2
            self.left[node] = self._build(points[:half], node)
            self.right[node] = self._build(points[half:], node)
        self.hi[node] = len(self.ids)
        return node

    def __contains__(self, pid: str) -> bool:
        return pid in self.index

    def set(self, pid: str, weight: float) -> None:
        """Point ``pid`` weighs ``weight`` from now on (0.0: not counted)."""
        i = self.index[pid]
        self.weights[i] = weight
        node = self.leaf_of[i]
        self.top[node] = max(self.weights[self.lo[node]:self.hi[node]])
        node = self.parent[node]
        while node >= 0:
            self.top[node] = max(self.top[self.left[node]], self.top[self.right[node]])
            node = self.parent[node]

    def best(self, lat: float, lon: float, override: Mapping[str, float] | None = None) -> float:
        """The closeness of (``lat``, ``lon``) to the points, with the weights of ``override``
        (each no more than the point's own weight) in place of theirs."""
        if not self.ids or self.top[0] <= 0.0:
            return 0.0
        swap = {self.index[pid]: w for pid, w in override.items()} if override else {}
        k = math.cos(math.radians(lat))
        scale, box, top, lats, lons, weights = self.scale, self.box, self.top, self.lats, self.lons, self.weights
        left, right, lo, hi = self.left, self.right, self.lo, self.hi
        exp, sqrt = math.exp, math.sqrt

        def bound(node: int) -> float:
            min_lat, max_lat, min_lon, max_lon = box[node]
            dy = min_lat - lat if lat < min_lat else lat - max_lat if lat > max_lat else 0.0
            dl = 0.0 if min_lon <= lon <= max_lon else min((min_lon - lon) % 360.0, (lon - max_lon) % 360.0)
            dx = dl * k
            return top[node] * exp(-sqrt(dx * dx + dy * dy) * scale) * _SLACK

        found = 0.0
        stack = [(0, bound(0))]
        while stack:
            node, limit = stack.pop()
            if limit <= found:
                continue
            a = left[node]
            if a < 0:
                for i in range(lo[node], hi[node]):
                    weight = swap.get(i, weights[i]) if swap else weights[i]
                    if weight <= 0.0:
                        continue
                    dx = ((lons[i] - lon + 180.0) % 360.0 - 180.0) * k
                    dy = lats[i] - lat
                    value = weight * exp(-sqrt(dx * dx + dy * dy) * scale)
                    if value > found:
                        found = value
                continue
            b = right[node]
            la, lb = bound(a), bound(b)
            # the more promising child last, so that it is looked at first
            if la > lb:
                a, b, la, lb = b, a, lb, la
            if la > found:
                stack.append((a, la))
            if lb > found:
                stack.append((b, lb))
        return found


class Within(Generic[P]):
    """Places looked up by what lies within ``km`` of a place: a grid over the unit sphere whose
    cells are as wide as the chord of ``km``, so that the places within ``km`` of one lie in its
    cell or the 26 around it. ``distance`` (km) decides, as a pass over all the places would.

    >>> from karamap.model import Place
    >>> from karamap.resolve import distance_km
    >>> w = Within([Place("a", "A", "city", None, 0.0, 0.0), Place("b", "B", "city", None, 0.0, 30.0)],
    ...            400.0, distance_km)
    >>> w.any_near(Place("c", "C", "city", None, 1.0, 1.0)), w.any_near(Place("c", "C", "city", None, 0.0, 15.0))
    (True, False)
    >>> w.any_near(Place("a", "A", "city", None, 0.0, 0.0), exclude={"a"})
    False
    """

    __slots__ = ("km", "cell", "cells", "distance")

    def __init__(self, places: Iterable[P], km: float, distance: Callable[[P, P], float]) -> None:
        self.km = km
        self.distance = distance
        chord = 2.0 * math.sin(min(math.pi / 2, km / (2 * 6371.0088)))
        self.cell = max(chord * 1.001, 1e-9)
        self.cells: dict[tuple[int, int, int], list[P]] = {}
        for p in places:
            self.cells.setdefault(self._cell(p), []).append(p)

    def _cell(self, p: _Located) -> tuple[int, int, int]:
        lat, lon = math.radians(p.lat), math.radians(p.lon)
        x, y, z = math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)
        return math.floor(x / self.cell), math.floor(y / self.cell), math.floor(z / self.cell)

    def any_near(self, place: _Located, exclude: frozenset[str] | set[str] = frozenset()) -> bool:
        """Some place not in ``exclude`` (ids) lies within ``km`` of ``place``."""
        cx, cy, cz = self._cell(place)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for dz in (-1, 0, 1):
                    for a in self.cells.get((cx + dx, cy + dy, cz + dz), ()):
                        if a.id not in exclude and self.distance(place, a) <= self.km:  # type: ignore[arg-type]
                            return True
        return False
