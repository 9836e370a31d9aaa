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
