"""Social context index (индекс социального благополучия) and context bands (кластеры).

DESIGN.md, Methods: a given ``social_index`` is used as is; otherwise each available indicator
is z-scored across the loaded schools, oriented so that higher means more favourable, and the
school's index is the mean of its available z-scores (no indicator: no index). Bands are
quantile bands of the index, ``K = min(max_bands, floor(n / schools_per_band))``, at least one;
band 1 is the least favourable.

Examples
--------
>>> schools = pd.DataFrame({
...     "school_id": ["a", "b", "c"],
...     "share_low_income": [10.0, 20.0, 30.0],
...     "social_index": [None, None, 5.0],
... })
>>> social_context_index(schools).round(3).tolist()
[1.225, 0.0, 5.0]
>>> context_bands(pd.Series([0.1, 0.5, None])).tolist()
[1, 1, <NA>]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.columns import as_str_id, column
from analysis.settings import AnalysisSettings

__all__ = ["INDICATORS", "band_count", "context_bands", "school_context", "social_context_index"]

# Indicator → orientation: +1 when a higher share means more favourable conditions.
INDICATORS: dict[str, int] = {
    "share_low_income": -1,
    "share_parents_higher_ed": +1,
    "share_special_needs": -1,
    "share_non_native": -1,
    "share_single_parent": -1,
}


def social_context_index(schools: pd.DataFrame) -> pd.Series:
    """The social context index of every school, aligned with ``schools``.

    Parameters
    ----------
    schools : DataFrame
        The schools sheet; any of the ``INDICATORS`` columns and ``social_index`` may be
        missing or hold missing cells.

    Returns
    -------
    Series of float
        Index per school (same index as ``schools``), NaN where nothing is known. z-scores use
        the population standard deviation; an indicator that does not vary carries no
        information and is left out.

    Examples
    --------
    Higher parental education is favourable, a higher low-income share is not:

    >>> df = pd.DataFrame({"share_parents_higher_ed": [20.0, 40.0],
    ...                    "share_low_income": [30.0, 10.0]})
    >>> social_context_index(df).tolist()
    [-1.0, 1.0]
    >>> social_context_index(pd.DataFrame({"school_id": ["x"]})).tolist()
    [nan]
    """
    zs = []
    for name, sign in INDICATORS.items():
        x = pd.to_numeric(column(schools, name), errors="coerce").astype(float)
        sd = x.std(ddof=0)
        if x.notna().sum() == 0 or not sd > 0:
            continue
        zs.append(sign * (x - x.mean()) / sd)
    computed = (
        pd.concat(zs, axis=1).mean(axis=1)
        if zs
        else pd.Series(np.nan, index=schools.index, dtype=float)
    )
    given = pd.to_numeric(column(schools, "social_index"), errors="coerce").astype(float)
    return given.fillna(computed).rename("social_index")


def band_count(n: int, settings: AnalysisSettings | None = None) -> int:
    """How many bands for ``n`` schools with an index: ``min(5, n // 10)``, at least 1.

    >>> [band_count(n) for n in (0, 9, 10, 35, 49, 50, 4000)]
    [1, 1, 1, 3, 4, 5, 5]
    """
    s = settings or AnalysisSettings()
    return max(1, min(s.max_bands, n // s.schools_per_band))


def context_bands(index: pd.Series, settings: AnalysisSettings | None = None) -> pd.Series:
    """Quantile band (1 = least favourable) of each index value; missing index → ``<NA>``.

    A school's band is ``floor(K * lower / n) + 1`` where ``lower`` is the number of schools
    with a strictly lower index, so equal indexes always share a band.

    Parameters
    ----------
    index : Series of float
        Social context index per school.
    settings : AnalysisSettings, optional

    Returns
    -------
    Series of Int64
        Same index as ``index``.

    Examples
    --------
    25 schools make 2 bands (13 + 12):

    >>> b = context_bands(pd.Series(range(25), dtype=float))
    >>> b.value_counts().sort_index().tolist()
    [13, 12]
    >>> context_bands(pd.Series([3.0] * 30)).unique().tolist()
    [1]
    """
    x = pd.to_numeric(index, errors="coerce").astype(float)
    mask = x.notna().to_numpy()
    known = pd.Series(x.to_numpy()[mask])
    k = band_count(len(known), settings)
    lower = known.rank(method="min").to_numpy() - 1
    values = np.full(len(x), np.nan)
    values[mask] = np.floor(k * lower / max(len(known), 1)) + 1
    out = pd.Series(values, index=x.index).astype("Int64")
    return out.rename("context_band")


def school_context(schools: pd.DataFrame, settings: AnalysisSettings | None = None) -> pd.DataFrame:
    """``school_id``, ``social_index``, ``context_band``, ``n_bands`` for every school.

    >>> df = pd.DataFrame({"school_id": [1, 2], "social_index": [0.5, -0.5]})
    >>> school_context(df).to_dict("records")[0]
    {'school_id': '1', 'social_index': 0.5, 'context_band': 1, 'n_bands': 1}
    """
    idx = social_context_index(schools)
    bands = context_bands(idx, settings)
    return pd.DataFrame(
        {
            "school_id": as_str_id(schools["school_id"]),
            "social_index": idx,
            "context_band": bands,
            "n_bands": band_count(int(idx.notna().sum()), settings),
        },
        index=schools.index,
    )
