"""Result index per school-year (and per school-year-subject) and within-band percentiles.

DESIGN.md, Methods: within each (year, assessment, subject, grade, metric) group the value is
z-scored across schools (``low_share`` negated, since fewer failing pupils is better); a
school-year's index is the participant-weighted mean of its z-scores (weight 1 where
participants are missing). A school's percentile in a year is the mid-rank of its index among
the schools of its band with an index that year, ``(lower + 0.5 * ties) / (n - 1)``; a
band-year with fewer than ``min_band_year_size`` schools ranks nobody.

Everything is vectorized (group codes and ``numpy.bincount``): millions of result rows take
seconds.

Examples
--------
>>> results = pd.DataFrame({
...     "school_id": ["a", "b", "a", "b"], "year": [2024] * 4,
...     "assessment": ["ОГЭ"] * 4, "subject": ["Математика"] * 4, "grade": [9] * 4,
...     "metric": ["mean_score", "mean_score", "low_share", "low_share"],
...     "value": [4.0, 3.0, 5.0, 25.0], "participants": [20, 20, None, None]})
>>> result_index(results)[["school_id", "year", "result_index"]].values.tolist()
[['a', 2024, 1.0], ['b', 2024, -1.0]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis._frames import as_str_id, column
from analysis.settings import AnalysisSettings

__all__ = ["GROUP_KEYS", "band_percentiles", "result_index", "subject_result_index", "zscores"]

GROUP_KEYS = ["year", "assessment", "subject", "grade", "metric"]
NEGATED_METRICS = frozenset({"low_share"})


def _categorical(s: pd.Series, *, ids: bool = False) -> pd.Categorical:
    """A column as a Categorical; ids normalized (``101`` == ``"101"``) on distinct values only."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    values = pd.Series(uniques, dtype=object)
    if ids:
        values = as_str_id(values)
    ucodes, cats = pd.factorize(values, use_na_sentinel=True)
    final = np.where(codes >= 0, ucodes[np.maximum(codes, 0)] if len(ucodes) else -1, -1)
    return pd.Categorical.from_codes(final, categories=pd.Index(cats, dtype=object))


def _codes(df: pd.DataFrame, keys: Sequence[str]) -> tuple[np.ndarray, int]:
    """Dense group codes over ``keys`` (missing values form their own group)."""
    codes = np.zeros(len(df), dtype=np.int64)
    uniq: object = [0]
    for k in keys:
        c, u = pd.factorize(df[k], use_na_sentinel=False)
        # Re-densify after each key so the combined code never overflows.
        codes, uniq = pd.factorize(codes * len(u) + c)
    return codes.astype(np.int64), len(uniq)  # type: ignore[arg-type]


def zscores(results: pd.DataFrame) -> pd.DataFrame:
    """Result rows with a ``z`` column (oriented: higher is better) and a ``weight`` column.

    Rows that cannot be scored (non-numeric value, a group of one school or with no spread,
    zero participants) are dropped: they carry no comparison.

    Parameters
    ----------
    results : DataFrame
        The results sheet (``grade`` and ``participants`` optional).

    Returns
    -------
    DataFrame
        ``school_id`` (str), ``year`` (int), ``subject``, ``z``, ``weight``.

    Examples
    --------
    >>> r = pd.DataFrame({"school_id": [1, 2, 3], "year": 2024, "assessment": "ВПР",
    ...                   "subject": "Русский язык", "metric": "low_share",
    ...                   "value": [10.0, 20.0, 30.0]})
    >>> zscores(r)["z"].round(3).tolist()  # the fewest failing pupils scores highest
    [1.225, 0.0, -1.225]
    """
    df = pd.DataFrame(
        {
            "school_id": _categorical(results["school_id"], ids=True),
            "year": pd.to_numeric(results["year"], errors="coerce"),
            "assessment": _categorical(column(results, "assessment")),
            "subject": _categorical(column(results, "subject")),
            "grade": pd.to_numeric(column(results, "grade"), errors="coerce"),
            "metric": _categorical(column(results, "metric")),
            "value": pd.to_numeric(results["value"], errors="coerce"),
            "participants": pd.to_numeric(column(results, "participants"), errors="coerce"),
        }
    )
    df = df[df["value"].notna() & df["year"].notna() & df["school_id"].notna()]
    w = df["participants"].to_numpy(dtype=float, na_value=np.nan)
    w = np.where(np.isnan(w), 1.0, w)
    df = df[w > 0]
    w = w[w > 0]
    g, n = _codes(df, GROUP_KEYS)
    v = df["value"].to_numpy(dtype=float)
    cnt = np.bincount(g, minlength=n).astype(float)
    mean = np.bincount(g, weights=v, minlength=n) / cnt
    dev = v - mean[g]
    sd = np.sqrt(np.bincount(g, weights=dev * dev, minlength=n) / cnt)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = dev / sd[g]
    z = np.where(df["metric"].isin(NEGATED_METRICS).to_numpy(), -z, z) + 0.0
    ok = np.isfinite(z) & (sd[g] > 1e-12)
    out = df.loc[ok, ["school_id", "year", "subject"]].reset_index(drop=True)
    out["year"] = out["year"].astype(int)
    out["z"] = z[ok]
    out["weight"] = w[ok]
    return out


def _weighted_mean(z: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    g, n = _codes(z, keys)
    wz = np.bincount(g, weights=z["z"].to_numpy() * z["weight"].to_numpy(), minlength=n)
    ws = np.bincount(g, weights=z["weight"].to_numpy(), minlength=n)
    first = np.full(n, -1, dtype=np.int64)
    # The first row of each group carries its key values.
    order = np.arange(len(g))[::-1]
    first[g[order]] = order
    out = z.iloc[first][keys].reset_index(drop=True)
    for k in keys:
        if isinstance(out[k].dtype, pd.CategoricalDtype):
            out[k] = out[k].astype(object)
    out["result_index"] = wz / ws
    out["weight"] = ws
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


def result_index(results: pd.DataFrame, *, scored: pd.DataFrame | None = None) -> pd.DataFrame:
    """The result index of every school-year with results.

    Parameters
    ----------
    results : DataFrame
        The results sheet.
    scored : DataFrame, optional
        ``zscores(results)`` when already computed.

    Returns
    -------
    DataFrame
        ``school_id``, ``year``, ``result_index`` (participant-weighted mean z-score),
        ``weight`` (sum of weights), sorted by school and year.
    """
    z = zscores(results) if scored is None else scored
    return _weighted_mean(z, ["school_id", "year"])


def subject_result_index(
    results: pd.DataFrame, *, scored: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Like :func:`result_index`, per school, year and subject (over assessments and grades).

    Examples
    --------
    >>> r = pd.DataFrame({"school_id": ["a", "b", "a", "b"], "year": 2024, "assessment": "ВПР",
    ...     "subject": ["Математика", "Математика", "Физика", "Физика"], "metric": "mean_score",
    ...     "value": [3.0, 4.0, 5.0, 4.0]})
    >>> subject_result_index(r)[["school_id", "subject", "result_index"]].values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [['a', 'Математика', -1.0], ['a', 'Физика', 1.0],
     ['b', 'Математика', 1.0], ['b', 'Физика', -1.0]]
    """
    z = zscores(results) if scored is None else scored
    return _weighted_mean(z, ["school_id", "year", "subject"])


def band_percentiles(
    index: pd.DataFrame,
    bands: pd.Series,
    settings: AnalysisSettings | None = None,
    *,
    by: Sequence[str] = ("year",),
) -> pd.DataFrame:
    """Within-band mid-rank percentile of each row's ``result_index``.

    Parameters
    ----------
    index : DataFrame
        ``school_id``, ``result_index`` and the ``by`` columns (one row per school and group).
    bands : Series
        Context band per school, indexed by ``school_id`` (missing: not ranked).
    settings : AnalysisSettings, optional
    by : sequence of str
        The columns that, with the band, form a comparison group (``year``; for subjects
        ``year`` and ``subject``).

    Returns
    -------
    DataFrame
        ``index`` plus ``band``, ``band_size`` (schools with an index in the group) and
        ``percentile`` (NaN when the group is smaller than ``min_band_year_size``).

    Examples
    --------
    Ties share a mid-rank; a band-year of four ranks nobody:

    >>> idx = pd.DataFrame({"school_id": list("abcdefghi"), "year": 2024,
    ...                     "result_index": [1.0, 2, 2, 3, 4, 1, 2, 3, 4]})
    >>> bands = pd.Series([1] * 5 + [2] * 4, index=list("abcdefghi"))
    >>> band_percentiles(idx, bands)["percentile"].tolist()
    [0.0, 0.375, 0.375, 0.75, 1.0, nan, nan, nan, nan]
    """
    s = settings or AnalysisSettings()
    out = index.copy()
    out["band"] = out["school_id"].map(bands).astype("Int64")
    ranked = out[out["band"].notna() & out["result_index"].notna()]
    keys = [*by, "band"]
    grp = ranked.groupby(keys, sort=False)["result_index"]
    n = grp.transform("size").astype(float)
    mid = grp.rank(method="average") - 1.0  # = lower + 0.5 * (ties excluding itself)
    pct = (mid / (n - 1)).where(n >= s.min_band_year_size)
    out["band_size"] = n.reindex(out.index).fillna(0).astype(int)
    out["percentile"] = pct.reindex(out.index).astype(float)
    return out
