"""The shaded coverage map: municipalities coloured by a coverage measure, with its legend.

The numbers come from :func:`services.coverage.coverage_table` (the same call, the same
settings, the same day), so a municipality on the map shows exactly its row of the table. The
outlines come from the ``boundaries`` query, simplified for drawing (≈ 100 m); a store without
boundaries gives a map with no outlines and ``has_boundaries`` false (the page then draws the
schools only and says how to add them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import orjson
import pandas as pd
import shapely
from shapely.geometry import mapping, shape

from analysis.choropleth import MEASURES, class_breaks, classify, measure_values
from analysis.settings import AnalysisSettings
from graph.store import Store
from labels import t
from services.cache import memo
from services.coverage import coverage_table
from services.errors import UserError
from services.query_frames import frame

__all__ = ["NO_DATA_RGB", "ShadedMap", "measure_codes", "outlines", "shaded_map"]

NO_DATA_RGB = [215, 215, 215]
_RAMP = {True: "YlGnBu", False: "OrRd"}  # higher is better: pale = not reached
_SIMPLIFY_DEG = 0.001


@dataclass(frozen=True)
class ShadedMap:
    """One measure on the municipalities.

    ``table``: ``municipality``, ``value`` (0–1 or NaN), ``numerator``, ``denominator``,
    ``klass`` (index into ``breaks``, -1 no data), ``rgb``, ``has_boundary``.
    ``legend``: (text, rgb) per class, then the no-data entry. ``outlines``: municipality →
    GeoJSON geometry (dict). ``region``: the region's name when the store has one.
    """

    measure: str
    title: str
    as_of: dt.date
    table: pd.DataFrame
    breaks: list[int]
    legend: list[tuple[str, list[int]]]
    outlines: dict[str, dict[str, Any]] = field(default_factory=dict)
    region: str | None = None

    @property
    def has_boundaries(self) -> bool:
        return bool(self.outlines)

    @property
    def without_boundary(self) -> list[str]:
        return sorted(set(self.table["municipality"]) - set(self.outlines))


def measure_codes() -> list[str]:
    """The measures a map can be shaded by, in the order they are offered."""
    return list(MEASURES)


def _palette(higher_is_better: bool, n: int) -> list[list[int]]:
    from matplotlib import colormaps

    ramp = colormaps[_RAMP[higher_is_better]]
    spots = [0.5] if n == 1 else [0.12 + 0.78 * i / (n - 1) for i in range(n)]
    return [[round(255 * c) for c in ramp(x)[:3]] for x in spots]


def _legend_texts(breaks: list[int]) -> list[str]:
    lows = [0, *breaks[:-1]]
    return [
        t("maps.legend.one", value=hi) if lo == hi else t("maps.legend.range", lo=lo, hi=hi)
        for lo, hi in zip(lows, breaks, strict=True)
    ]


def outlines(store: Store) -> dict[str, dict[str, Any]]:
    """Municipality → its outline as a GeoJSON geometry, simplified for drawing."""

    def compute() -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        table = frame(store, "boundaries")
        for muni, text in zip(table["municipality"], table["boundary"], strict=True):
            geom = shape(orjson.loads(str(text)))
            small = shapely.simplify(geom, _SIMPLIFY_DEG, preserve_topology=True)
            out[str(muni)] = dict(mapping(small))
        return out

    return dict(memo(store, ("outlines",), compute))


def _region(store: Store) -> str | None:
    regions = frame(store, "municipalities")["region"].dropna().unique().tolist()
    return str(regions[0]) if len(regions) == 1 else None


def shaded_map(
    store: Store,
    measure: str = "active_pair",
    settings: AnalysisSettings | None = None,
    as_of: dt.date | None = None,
    scheme: str = "quantiles",
    classes: int = 5,
) -> ShadedMap:
    """Municipalities shaded by ``measure`` (see :data:`analysis.choropleth.MEASURES`)."""
    if measure not in MEASURES:
        allowed = ", ".join(MEASURES)
        raise UserError(t("maps.measure.unknown", measure=measure, allowed=allowed))
    day = as_of or dt.date.today()
    table = coverage_table(store, settings, day)
    values = measure_values(table, measure)
    breaks = class_breaks(values["value"], classes, scheme)
    klass = classify(values["value"].to_numpy(), breaks)
    colours = _palette(MEASURES[measure].higher_is_better, max(1, len(breaks)))
    shapes = outlines(store)
    values["klass"] = klass
    values["rgb"] = [colours[k] if k >= 0 else NO_DATA_RGB for k in klass]
    values["has_boundary"] = values["municipality"].isin(list(shapes))
    legend = list(zip(_legend_texts(breaks), colours, strict=False))
    legend.append((t(f"maps.no_data.{measure}"), NO_DATA_RGB))
    return ShadedMap(
        measure=measure,
        title=t(f"maps.measure.{measure}"),
        as_of=day,
        table=values,
        breaks=breaks,
        legend=legend,
        outlines={m: g for m, g in shapes.items() if m in set(values["municipality"])},
        region=_region(store),
    )
