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

from collections.abc import Collection, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.columns import as_str_id, column
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
    # Index -1 (a missing cell) picks the appended -1: still missing.
    final = np.append(ucodes, -1)[codes]
    return pd.Categorical.from_codes(final, categories=pd.Index(cats, dtype=object))


class _Groups:
    """Group codes over several key columns, and the key values of each group.

    Codes are mixed-radix numbers of the per-column codes, so no hashing is needed when the
    key space is small (years x subjects x ...); a huge key space is re-densified.
    """

    def __init__(self, cols: Mapping[str, pd.Series | pd.Categorical | np.ndarray]) -> None:
        self.keys = list(cols)
        self.uniques: list[np.ndarray] = []
        code = np.zeros(len(next(iter(cols.values()))), dtype=np.int64)
        size = 1
        for col in cols.values():
            cat = col.array if isinstance(col, pd.Series) else col
            if isinstance(cat, pd.Categorical):
                cats = cat.categories.to_numpy(dtype=object)
                c = cat.codes.astype(np.int64)
                c = np.where(c < 0, len(cats), c)  # missing is a group of its own
                u = np.append(cats, np.array([None], dtype=object))
            else:
                c, raw = pd.factorize(col, use_na_sentinel=False)
                u = np.asarray(raw, dtype=object)
            self.uniques.append(u)
            code = code * len(u) + c
            size *= max(len(u), 1)
        self.dense = size > 50_000_000
        if self.dense:
            code, first = pd.factorize(code)
            size = len(first)
            self._radix = np.asarray(first, dtype=np.int64)
        self.code, self.size = code.astype(np.int64), size

    def values(self, groups: np.ndarray) -> dict[str, np.ndarray]:
        """Key values of the given group codes."""
        rad = self._radix[groups] if self.dense else groups
        out: dict[str, np.ndarray] = {}
        for k, u in zip(reversed(self.keys), reversed(self.uniques), strict=True):
            out[k] = u[rad % len(u)]
            rad = rad // len(u)
        return {k: out[k] for k in self.keys}


def zscores(results: pd.DataFrame, *, schools: Collection[str] | None = None) -> pd.DataFrame:
    """Result rows with a ``z`` column (oriented: higher is better) and a ``weight`` column.

    Rows that cannot be scored (non-numeric value, a group of one school or with no spread,
    zero participants) are dropped: they carry no comparison.

    Parameters
    ----------
    results : DataFrame
        The results sheet (``grade`` and ``participants`` optional).
    schools : collection of str, optional
        Keep only the results of these schools (before z-scoring).

    Returns
    -------
    DataFrame
        ``school_id``, ``year`` (int), ``subject`` (categoricals), ``z``, ``weight``.

    Examples
    --------
    >>> r = pd.DataFrame({"school_id": [1, 2, 3], "year": 2024, "assessment": "ВПР",
    ...                   "subject": "Русский язык", "metric": "low_share",
    ...                   "value": [10.0, 20.0, 30.0]})
    >>> zscores(r)["z"].round(3).tolist()  # the fewest failing pupils scores highest
    [1.225, 0.0, -1.225]
    """
    sid = _categorical(results["school_id"], ids=True)
    cols: dict[str, pd.Categorical | np.ndarray] = {
        "year": _numbers(results["year"]),
        "assessment": _categorical(column(results, "assessment")),
        "subject": _categorical(column(results, "subject")),
        "grade": _numbers(column(results, "grade")),
        "metric": _categorical(column(results, "metric")),
    }
    v = _numbers(results["value"])
    w = _numbers(column(results, "participants"))
    w = np.where(np.isnan(w), 1.0, w)
    keep = ~np.isnan(v) & ~np.isnan(cols["year"]) & (sid.codes >= 0) & (w > 0)
    if schools is not None:
        known = np.append(sid.categories.isin(list(schools)), False)
        keep &= known[sid.codes]
    rows = np.flatnonzero(keep)
    sid, v, w = sid[rows], v[rows], w[rows]
    cols = {k: c[rows] for k, c in cols.items()}
    groups = _Groups(cols)
    g, n = groups.code, groups.size
    cnt = np.maximum(np.bincount(g, minlength=n), 1).astype(float)  # empty codes stay unused
    mean = np.bincount(g, weights=v, minlength=n) / cnt
    dev = v - mean[g]
    sd = np.sqrt(np.bincount(g, weights=dev * dev, minlength=n) / cnt)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = dev / sd[g]
    negated = np.asarray(pd.Series(cols["metric"]).isin(NEGATED_METRICS), dtype=bool)
    z = np.where(negated, -z, z) + 0.0
    ok = np.isfinite(z) & (sd[g] > 1e-12)
    return pd.DataFrame(
        {
            "school_id": sid[ok],
            "year": cols["year"][ok].astype(int),
            "subject": cols["subject"][ok],
            "z": z[ok],
            "weight": w[ok],
        }
    )


def _numbers(s: pd.Series) -> np.ndarray:
    return pd.to_numeric(s, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _weighted_mean(z: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    groups = _Groups({k: z[k] for k in keys})
    g, n = groups.code, groups.size
    wz = np.bincount(g, weights=z["z"].to_numpy() * z["weight"].to_numpy(), minlength=n)
    ws = np.bincount(g, weights=z["weight"].to_numpy(), minlength=n)
    present = np.flatnonzero(np.bincount(g, minlength=n))
    out = pd.DataFrame(groups.values(present))
    if "year" in out.columns:
        out["year"] = out["year"].astype(int)
    out["result_index"] = wz[present] / ws[present]
    out["weight"] = ws[present]
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
