"""The demo's municipality outlines: one polygon each, no overlaps, schools inside."""

from __future__ import annotations

import datetime as dt

import orjson
import shapely
from shapely.geometry import Point, shape

from seeds.demo import generate


def test_region_demo_outlines_are_plausible() -> None:
    data = generate("region", seed=42, as_of=dt.date(2026, 11, 23))
    assert data.boundaries is not None
    feats = orjson.loads(data.boundaries)["features"]
    schools = data.sheets["schools"]
    names = sorted(f["properties"]["name"] for f in feats)
    assert names == sorted(schools["municipality"].unique())
    polys = {f["properties"]["name"]: shape(f["geometry"]) for f in feats}
    assert all(p.geom_type == "Polygon" and p.is_valid for p in polys.values())
    union = shapely.union_all(list(polys.values()))
    # Neighbours share borders: the pieces add up to the whole, without overlaps.
    assert abs(sum(p.area for p in polys.values()) - union.area) < 1e-6 * union.area
    inside = [
        polys[m].covers(Point(lon, lat))
        for m, lat, lon in schools[["municipality", "lat", "lon"]].itertuples(index=False)
    ]
    assert sum(inside) / len(inside) > 0.95
