"""Plausible municipality outlines for the demo: Voronoi cells of the schools, joined by
municipality and clipped to the region's outline (shapely).

Every school lies inside its own municipality's outline, neighbouring municipalities share
their borders exactly, and a region's outline is the buffered hull of its schools. Computed in
degrees of longitude and latitude scaled to kilometres near the region's middle, so that the
cells are not stretched east-west.

Examples
--------
>>> import numpy as np
>>> lat = np.array([51.0, 51.1, 51.5, 51.6]); lon = np.array([107.0, 107.2, 108.0, 108.1])
>>> polys = municipality_outlines(lat, lon, np.array([0, 0, 1, 1]), np.array([0, 0, 0, 0]))
>>> sorted(polys), [p.geom_type for p in polys.values()]
([0, 1], ['Polygon', 'Polygon'])
>>> from shapely.geometry import Point
>>> polys[0].contains(Point(107.0, 51.0)) and polys[1].contains(Point(108.1, 51.6))
True
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry import MultiPoint
from shapely.geometry.base import BaseGeometry

__all__ = ["municipality_outlines"]

_MARGIN_KM = 12.0


def municipality_outlines(
    lat: np.ndarray, lon: np.ndarray, muni: np.ndarray, region: np.ndarray
) -> dict[int, BaseGeometry]:
    """The outline of every municipality (by its number) that has a school with coordinates."""
    out: dict[int, BaseGeometry] = {}
    ok = np.isfinite(lat) & np.isfinite(lon)
    for r in np.unique(region[ok]):
        idx = np.flatnonzero(ok & (region == r))
        kx = math.cos(math.radians(float(np.mean(lat[idx])))) * 111.3
        ky = 111.3
        pts = np.column_stack([lon[idx] * kx, lat[idx] * ky])
        pts, first = np.unique(pts, axis=0, return_index=True)
        owners = muni[idx][first]
        hull = MultiPoint([tuple(p) for p in pts]).convex_hull.buffer(_MARGIN_KM, quad_segs=4)
        if len(pts) < 2:
            cells: list[BaseGeometry] = [hull]
        else:
            diagram = shapely.voronoi_polygons(MultiPoint([tuple(p) for p in pts]), extend_to=hull)
            cells = list(diagram.geoms)
        tree = shapely.STRtree(shapely.points(pts))
        groups: dict[int, list[BaseGeometry]] = {}
        for cell in cells:
            hit = tree.query(cell, predicate="contains")
            if len(hit):
                groups.setdefault(int(owners[hit[0]]), []).append(cell.intersection(hull))
        joined = {m: shapely.union_all(parts) for m, parts in groups.items()}
        for m, shape_km in _without_exclaves(joined).items():
            out[m] = shapely.transform(shape_km, lambda c, kx=kx, ky=ky: c / np.array([kx, ky]))
    return {m: g for m, g in sorted(out.items()) if isinstance(g, BaseGeometry) and not g.is_empty}


def _without_exclaves(shapes: dict[int, BaseGeometry]) -> dict[int, BaseGeometry]:
    """Each municipality keeps its largest piece; a smaller piece (a school drawn among another
    municipality's schools) goes to the neighbour it shares the longest border with."""
    main: dict[int, BaseGeometry] = {}
    loose: list[BaseGeometry] = []
    for m, g in shapes.items():
        pieces = sorted(getattr(g, "geoms", [g]), key=lambda p: -p.area)
        main[m] = pieces[0]
        loose += pieces[1:]
    for piece in sorted(loose, key=lambda p: -p.area):
        border = {m: piece.intersection(g).length for m, g in main.items()}
        best = max(border, key=lambda m: border[m])
        if border[best] > 0:
            main[best] = shapely.union_all([main[best], piece])
    return main


def travel_times(
    lat: np.ndarray,
    lon: np.ndarray,
    ids: np.ndarray,
    one: np.ndarray,
    other: np.ndarray,
    seed: int,
    max_km: float = 100.0,
) -> list[tuple[str, str, str, float]]:
    """Plausible travel minutes for the pairs (``one`` school, ``other`` school) within
    ``max_km`` in a straight line: the road winds 1.15–1.8 times the straight line at 45–75 km/h
    plus 5 minutes; public transport, where there is any (about 3 pairs in 5), takes 1.3–2.2
    times as long plus a 10-minute wait. Rows are ``(school, other school, mode, minutes)``.

    >>> rows = travel_times(np.array([51.0, 51.3]), np.array([107.0, 107.0]),
    ...     np.array(["a", "b"]), np.array([True, False]), np.array([False, True]), seed=1)
    >>> [(a, b, mode) for a, b, mode, _ in rows][:1], rows[0][3] > 33.4 / 75 * 60
    ([('a', 'b', 'road')], True)
    """
    from scipy.spatial import cKDTree

    rng = np.random.default_rng([seed, 13])
    ok = np.isfinite(lat) & np.isfinite(lon)
    kx = math.cos(math.radians(float(np.nanmean(lat)))) * 111.3 if ok.any() else 111.3
    xy = np.column_stack([np.where(ok, lon, 0) * kx, np.where(ok, lat, 0) * 111.3])
    a_idx, b_idx = np.flatnonzero(one & ok), np.flatnonzero(other & ok)
    if not len(a_idx) or not len(b_idx):
        return []
    near = cKDTree(xy[a_idx]).sparse_distance_matrix(
        cKDTree(xy[b_idx]), max_km, output_type="ndarray"
    )
    a, b, km = a_idx[near["i"]], b_idx[near["j"]], near["v"]
    keep = a != b
    a, b, km = a[keep], b[keep], km[keep]
    order = np.lexsort((b, a))
    a, b, km = a[order], b[order], km[order]
    road = km * rng.uniform(1.15, 1.8, len(km)) / rng.uniform(45, 75, len(km)) * 60 + 5
    bus = road * rng.uniform(1.3, 2.2, len(km)) + 10
    has_bus = rng.random(len(km)) < 0.6
    rows = [
        (str(ids[i]), str(ids[j]), "road", round(float(m), 1))
        for i, j, m in zip(a, b, road, strict=True)
    ]
    rows += [
        (str(ids[i]), str(ids[j]), "public_transport", round(float(m), 1))
        for i, j, m, h in zip(a, b, bus, has_bus, strict=True)
        if h
    ]
    return rows
