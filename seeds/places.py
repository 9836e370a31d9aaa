"""Where the demo's places lie: region boxes, municipality centres and sizes, offsets in km.

Pure geometry on a flat-enough Earth (111.3 km per degree of latitude); every draw takes the
caller's ``numpy`` generator, so a seed fixes the layout.

>>> round(km_per_degree_lon(60.0), 2)
55.65
"""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "cell_km",
    "km_per_degree_lon",
    "municipality_centres",
    "municipality_sizes",
    "offset",
    "region_boxes",
]


def region_boxes(n_regions: int) -> list[tuple[float, float, float, float]]:
    """(lat_min, lat_max, lon_min, lon_max) of each region: one box, or a grid for a country."""
    if n_regions == 1:
        return [(54.8, 58.8, 43.5, 50.5)]
    rows = 3 if n_regions >= 6 else 1
    cols = math.ceil(n_regions / rows)
    lat_step, lon_step = 12.0 / rows, 60.0 / cols
    boxes = []
    for r in range(n_regions):
        i, j = divmod(r, cols)
        lat0, lon0 = 50.0 + i * lat_step, 30.0 + j * lon_step
        boxes.append((lat0, lat0 + lat_step, lon0, lon0 + lon_step))
    return boxes


def km_per_degree_lon(lat: float) -> float:
    return 111.3 * math.cos(math.radians(lat))


def cell_km(box: tuple[float, float, float, float], n_munis: int) -> float:
    lat_km = (box[1] - box[0]) * 111.3
    lon_km = (box[3] - box[2]) * km_per_degree_lon((box[0] + box[1]) / 2)
    return math.sqrt(lat_km * lon_km / max(1, n_munis))


def municipality_centres(
    rng: np.random.Generator, box: tuple[float, float, float, float], n: int
) -> list[tuple[float, float]]:
    """Centres on a jittered grid over the box; the first (the capital) nearest its middle."""
    lat_min, lat_max, lon_min, lon_max = box
    aspect = (lon_max - lon_min) * km_per_degree_lon((lat_min + lat_max) / 2)
    aspect /= (lat_max - lat_min) * 111.3
    cols = max(1, round(math.sqrt(n * aspect)))
    rows = math.ceil(n / cols)
    cells = [(i, j) for i in range(rows) for j in range(cols)]
    mid = ((rows - 1) / 2, (cols - 1) / 2)
    cells.sort(key=lambda c: (c[0] - mid[0]) ** 2 + (c[1] - mid[1]) ** 2)
    first, rest = cells[0], cells[1:]
    chosen = [first] + [rest[k] for k in sorted(rng.permutation(len(rest))[: n - 1])]
    centres = []
    for i, j in chosen:
        u, v = rng.uniform(0.2, 0.8, 2)
        lat = lat_min + (i + u) * (lat_max - lat_min) / rows
        lon = lon_min + (j + v) * (lon_max - lon_min) / cols
        centres.append((lat, lon))
    return centres


def offset(
    rng: np.random.Generator, lat: float, lon: float, r_min: float, r_max: float
) -> tuple[float, float]:
    """A point at a distance from r_min to r_max km (area-uniform) from (lat, lon)."""
    u, v = rng.random(2).tolist()
    r = math.sqrt(r_min**2 + u * (r_max**2 - r_min**2))
    a = 2 * math.pi * v
    return lat + r * math.sin(a) / 111.3, lon + r * math.cos(a) / km_per_degree_lon(lat)


def municipality_sizes(
    rng: np.random.Generator, n_schools: int, n_munis: int
) -> tuple[list[int], list[bool]]:
    """School counts per municipality: the capital and a few cities first, then districts."""
    if n_munis == 1:
        return [n_schools], [False]
    n_cities = 1 if n_munis < 10 else 2 if n_munis < 20 else 3 if n_munis < 35 else 4
    capital = round(n_schools * min(0.3, 4.5 / n_munis))
    others = [max(8, round(n_schools * rng.uniform(0.03, 0.06))) for _ in range(n_cities - 1)]
    left = n_schools - capital - sum(others)
    n_districts = n_munis - n_cities
    shares = rng.dirichlet(np.full(n_districts, 4.0))
    districts = np.maximum(8, np.round(shares * left)).astype(int).tolist()
    return [capital, *others, *districts], [True] * n_cities + [False] * n_districts
