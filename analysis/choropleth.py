"""Municipalities shaded by a coverage measure: the measures, their values and class breaks.

A measure is a share of the coverage table (:func:`analysis.coverage.coverage`): a numerator
column over a denominator column of the same row, so the map shows exactly the table's numbers.
A municipality whose denominator is 0 (no ШНОР, no ШНОР teachers) has no value (``NaN``) and is
drawn as "no data", never as 0 %.

Class breaks are upper bounds in whole percent: ``quantiles`` cuts the municipalities into
``k`` groups of about equal size and rounds each cut up to a readable step (5 % when the values
span more than 20 points, else 1 %); ``fixed`` is 20-40-60-80-100 % (the same on every map, so
small multiples compare). A value belongs to the first class whose bound it does not exceed.

Examples
--------
>>> table = pd.DataFrame({"municipality": ["А", "Б", "В", "Итого"],
...     "low_schools": [4, 0, 2, 6], "low_with_active_pair": [1, 0, 2, 3]})
>>> measure_values(table, "active_pair").round(2).to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
{'municipality': ['А', 'Б', 'В'], 'value': [0.25, nan, 1.0], 'numerator': [1, 0, 2],
 'denominator': [4, 0, 2]}
>>> class_breaks([0.03, 0.12, 0.4, 0.41, 0.77, 1.0], k=3)
[15, 45, 100]
>>> classify([0.03, 0.5, float("nan")], [15, 45, 100]).tolist()
[0, 2, -1]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["MEASURES", "SCHEMES", "Measure", "class_breaks", "classify", "measure_values"]


@dataclass(frozen=True)
class Measure:
    """A share of the coverage table: ``numerator / denominator`` per municipality."""

    code: str
    numerator: str
    denominator: str
    higher_is_better: bool


MEASURES: dict[str, Measure] = {
    m.code: m
    for m in (
        Measure("active_pair", "low_with_active_pair", "low_schools", True),
        Measure("teachers_at_event", "low_teachers_at_event", "low_teachers", True),
        Measure("without_tutor", "low_without_feasible_tutor", "low_schools", False),
        Measure("curator", "low_with_curator", "low_schools", True),
    )
}
"""The shading measures by code, in the order the app offers them."""

SCHEMES = ("quantiles", "fixed")
_FIXED = [20, 40, 60, 80, 100]


def measure_values(table: pd.DataFrame, measure: str | Measure) -> pd.DataFrame:
    """``municipality``, ``value`` (share 0–1, NaN without a denominator), ``numerator``,
    ``denominator`` for every municipality row of the coverage table (the total row dropped).
    """
    m = MEASURES[measure] if isinstance(measure, str) else measure
    rows = table.iloc[:-1] if len(table) else table
    num = pd.to_numeric(rows[m.numerator], errors="coerce")
    den = pd.to_numeric(rows[m.denominator], errors="coerce")
    value = (num / den.where(den > 0)).astype(float)
    return pd.DataFrame(
        {
            "municipality": rows["municipality"].astype(str).to_numpy(),
            "value": value.to_numpy(),
            "numerator": num.fillna(0).astype(int).to_numpy(),
            "denominator": den.fillna(0).astype(int).to_numpy(),
        }
    )


def _nice_up(x: float, step: int) -> int:
    return int(min(100, step * math.ceil(round(x, 6) / step)))


def class_breaks(values: Iterable[float], k: int = 5, scheme: str = "quantiles") -> list[int]:
    """Upper bounds (whole percent, increasing, the last covers the largest value)."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown class scheme {scheme!r}; expected one of {SCHEMES}")
    if scheme == "fixed":
        return list(_FIXED)
    pct = np.array([v * 100 for v in values if v is not None and np.isfinite(v)], dtype=float)
    if not len(pct):
        return []
    step = 5 if pct.max() - pct.min() > 20 else 1
    k = max(1, min(k, len(np.unique(pct))))
    cuts = np.quantile(pct, [i / k for i in range(1, k + 1)], method="inverted_cdf")
    return sorted({_nice_up(float(c), step) for c in cuts})


def classify(values: Sequence[float] | np.ndarray, breaks: Sequence[int]) -> np.ndarray:
    """The class of each value (index into ``breaks``); -1 for a missing value."""
    v = np.asarray(values, dtype=float) * 100
    if not len(breaks):
        return np.full(len(v), -1, dtype=np.int64)
    idx = np.searchsorted(np.asarray(breaks, dtype=float) + 1e-9, v, side="left")
    idx = np.minimum(idx, len(breaks) - 1)
    return np.where(np.isfinite(v), idx, -1).astype(np.int64)
