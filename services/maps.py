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

from analysis.choropleth import MEASURES, class_breaks, classify, measure_values
from analysis.settings import AnalysisSettings
from graph.store import Store
from labels import t
from labels.formats import fmt_percent
from services.cache import memo
from services.coverage import coverage_table
from services.errors import UserError
from services.query_frames import frame

__all__ = [
    "NO_DATA_RGB",
    "PROGRAMME",
    "ShadedMap",
    "measure_codes",
    "outlines",
    "programme_measures",
    "shaded_map",
]

NO_DATA_RGB = [215, 215, 215]
PROGRAMME = "programme."  # a measure "programme.<indicator>": the programme's indicator
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


def _programme_table(
    store: Store, settings: AnalysisSettings | None, day: dt.date
) -> tuple[pd.DataFrame, list[str]]:
    """The programme's indicators per municipality in the school year of ``day``."""
    from analysis.indicators import COUNT_INDICATORS
    from services.monitoring import monitoring

    view = monitoring(store, day, None, settings)
    ind = view.all_indicators
    rows = ind[
        ind["municipality"].notna()
        & (ind["year"] == view.year)
        & ~ind["indicator"].isin(list(COUNT_INDICATORS))
    ]
    return rows, list(view.municipalities)


def programme_measures(
    store: Store, settings: AnalysisSettings | None = None, as_of: dt.date | None = None
) -> list[str]:
    """The programme's indicators (shares) that some municipality has a value of this year."""
    rows, _ = _programme_table(store, settings, as_of or dt.date.today())
    have = rows.loc[pd.to_numeric(rows["value"], errors="coerce").notna(), "indicator"]
    return [f"{PROGRAMME}{code}" for code in dict.fromkeys(have.astype(str))]


def _programme_values(
    store: Store, code: str, settings: AnalysisSettings | None, day: dt.date
) -> pd.DataFrame:
    rows, munis = _programme_table(store, settings, day)
    by = rows[rows["indicator"] == code].set_index("municipality")
    num = pd.to_numeric(by["numerator"], errors="coerce").reindex(munis)
    den = pd.to_numeric(by["denominator"], errors="coerce").reindex(munis)
    value = pd.to_numeric(by["value"], errors="coerce").reindex(munis) / 100
    return pd.DataFrame(
        {
            "municipality": munis,
            "value": value.to_numpy(dtype=float),
            "numerator": num.fillna(0).to_numpy(dtype=float),
            "denominator": den.fillna(0).to_numpy(dtype=float),
        }
    )


def _palette(higher_is_better: bool, n: int) -> list[list[int]]:
    from matplotlib import colormaps

    ramp = colormaps[_RAMP[higher_is_better]]
    spots = [0.5] if n == 1 else [0.12 + 0.78 * i / (n - 1) for i in range(n)]
    return [[round(255 * c) for c in ramp(x)[:3]] for x in spots]


def _legend_texts(breaks: list[int]) -> list[str]:
    lows = [0, *breaks][: len(breaks)]  # no breaks (nothing to shade): no classes
    return [
        fmt_percent(hi / 100) if lo == hi else t("maps.legend.range", lo=lo, hi=hi)
        for lo, hi in zip(lows, breaks, strict=True)
    ]


def outlines(store: Store) -> dict[str, dict[str, Any]]:
    """Municipality → its outline as a GeoJSON geometry, simplified for drawing."""

    def compute() -> dict[str, dict[str, Any]]:
        import shapely  # heavy: imported when outlines are drawn
        from shapely.geometry import mapping, shape

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
    from analysis.indicators import COUNT_INDICATORS, INDICATORS

    code = measure.removeprefix(PROGRAMME)
    programme = measure.startswith(PROGRAMME) and code in INDICATORS
    if measure not in MEASURES and not (programme and code not in COUNT_INDICATORS):
        allowed = ", ".join(MEASURES) + f", {PROGRAMME}…"
        raise UserError(t("maps.measure.unknown", measure=measure, allowed=allowed))
    day = as_of or dt.date.today()
    if programme:
        values = _programme_values(store, code, settings, day)
        title, no_data, better = (
            t(f"monitoring.indicator.{code}"),
            t("maps.no_data.programme"),
            True,
        )
    else:
        values = measure_values(coverage_table(store, settings, day), measure)
        title, no_data = t(f"maps.measure.{measure}"), t(f"maps.no_data.{measure}")
        better = MEASURES[measure].higher_is_better
    breaks = class_breaks(values["value"], classes, scheme)
    klass = classify(values["value"].to_numpy(), breaks)
    colours = _palette(better, max(1, len(breaks)))
    shapes = outlines(store)
    values["klass"] = klass
    values["rgb"] = [colours[k] if k >= 0 else NO_DATA_RGB for k in klass]
    values["has_boundary"] = values["municipality"].isin(list(shapes))
    legend = list(zip(_legend_texts(breaks), colours, strict=False))
    legend.append((no_data, NO_DATA_RGB))
    return ShadedMap(
        measure=measure,
        title=title,
        as_of=day,
        table=values,
        breaks=breaks,
        legend=legend,
        outlines={m: g for m, g in shapes.items() if m in set(values["municipality"])},
        region=_region(store),
    )
