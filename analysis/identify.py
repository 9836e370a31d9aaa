"""Who is low (ШНОР), strong, resilient, regular or without enough data, and why.

DESIGN.md, Methods ("Status"): over the last ``window_years`` years that have results, a school
is ``low`` when its within-band percentile is at or below ``low_percentile`` in at least
``min_ranked_years`` years; ``strong`` when at or above ``strong_percentile`` in at least that
many years and never at or below ``never_below_percentile``; ``resilient`` when strong in one of
``resilient_bands``; ``insufficient_data`` when ranked in fewer than ``min_ranked_years`` years;
``regular`` otherwise. ``unfavourable`` (ШНСУ) is a separate flag: an unfavourable band or the
official list. Weak and strong subjects apply the same thresholds to each subject's own
percentile in the latest window year in which the school is ranked in that subject. Official
lists are reported beside the computed status, never instead of it.

The window is the same for every school: the latest years with results anywhere in the data,
so a school that stopped reporting is judged on the years it missed (it has fewer ranked years),
not on stale ones.

Examples
--------
>>> schools = pd.DataFrame({"school_id": [f"s{i}" for i in range(6)],
...     "name": [f"Школа {i}" for i in range(6)], "municipality": "Район",
...     "social_index": [0.0] * 6})
>>> results = pd.DataFrame([
...     {"school_id": f"s{i}", "year": y, "assessment": "ОГЭ", "subject": "Математика",
...      "grade": 9, "metric": "mean_score", "value": float(i)}
...     for i in range(6) for y in (2023, 2024)])
>>> out = identify(schools, results)
>>> out.loc[0, "status"], bool(out.loc[0, "unfavourable"]), out.loc[5, "status"]
('low', True, 'resilient')
>>> out.loc[0, "reasons"][0]
Reason('low', band=1, n_bands=1, share=90, years=(2023, 2024))
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.columns import as_bool, column
from analysis.context import school_context
from analysis.results import band_percentiles, result_index, subject_result_index, zscores
from analysis.settings import AnalysisSettings
from labels.reasons import Reason

__all__ = [
    "STATUSES",
    "Identification",
    "identify",
    "identify_detail",
    "school_year_percentiles",
    "window_years",
]

STATUSES = ("low", "strong", "resilient", "regular", "insufficient_data")
_EPS = 1e-9  # percentiles such as 1/10 must compare equal to the 0.10 threshold


@dataclass(frozen=True)
class Identification:
    """Everything identification computes.

    Attributes
    ----------
    schools : DataFrame
        One row per school (what :func:`identify` returns).
    percentiles : DataFrame
        One row per school-year with results: ``school_id``, ``year``, ``result_index``,
        ``band``, ``band_size``, ``percentile``, ``in_window``.
    subject_percentiles : DataFrame
        The same per school, year and ``subject``.
    window : list of int
        The status window's years, ascending.
    """

    schools: pd.DataFrame
    percentiles: pd.DataFrame
    subject_percentiles: pd.DataFrame
    window: list[int]


def window_years(years: pd.Series, settings: AnalysisSettings | None = None) -> list[int]:
    """The latest ``window_years`` distinct years, ascending.

    >>> window_years(pd.Series([2020, 2024, 2022, 2024, 2021]))
    [2021, 2022, 2024]
    """
    s = settings or AnalysisSettings()
    return sorted(int(y) for y in pd.unique(years.dropna()))[-s.window_years :]


def _subject_lists(
    subj: pd.DataFrame, ids: pd.Series, s: AnalysisSettings
) -> tuple[pd.Series, pd.Series]:
    ranked = subj[subj["in_window"] & subj["percentile"].notna()]
    latest = ranked.sort_values("year").drop_duplicates(["school_id", "subject"], keep="last")
    p = latest["percentile"].to_numpy()
    weak: dict[str, list[str]] = defaultdict(list)
    strong: dict[str, list[str]] = defaultdict(list)
    # Only the few extreme rows are walked in Python.
    for bucket, mask in (
        (weak, p <= s.low_percentile + _EPS),
        (strong, p >= s.strong_percentile - _EPS),
    ):
        sids = latest["school_id"].to_numpy(dtype=object)[mask]
        subjects = latest["subject"].to_numpy(dtype=object)[mask]
        for sid, subject in zip(sids, subjects, strict=True):
            bucket[sid].append(str(subject))
    return (
        pd.Series([sorted(weak.get(i, [])) for i in ids], index=ids.index, dtype=object),
        pd.Series([sorted(strong.get(i, [])) for i in ids], index=ids.index, dtype=object),
    )


def _reason(
    row: dict[Any, Any],
    years: list[tuple[int, float]],
    small_years: list[int],
    window: list[int],
    s: AnalysisSettings,
) -> tuple[Reason, ...]:
    """Why the school has its status (first) and its flags, as codes with their numbers."""
    band, k = row["context_band"], row["n_bands"]
    status = row["status"]
    if status == "low":
        low = tuple(y for y, p in years if p <= s.low_percentile + _EPS)
        main = Reason(
            "low", years=low, share=round((1 - s.low_percentile) * 100), band=band, n_bands=k
        )
    elif status in ("strong", "resilient"):
        high = tuple(y for y, p in years if p >= s.strong_percentile - _EPS)
        main = Reason(
            status,
            years=high,
            share=round(s.strong_percentile * 100),
            floor=round(s.never_below_percentile * 100),
            band=band,
            n_bands=k,
        )
    elif status == "regular":
        main = Reason("regular", band=band, n_bands=k, year_shares=tuple(years))
    elif pd.isna(band):
        main = Reason("no_index")
    elif not window:
        main = Reason("no_results_loaded")
    elif not years and not small_years and not row["has_results"]:
        main = Reason("no_results", window=tuple(window))
    else:
        small = None
        if small_years:
            small = Reason(
                "small_band",
                years=tuple(small_years),
                band=band,
                n_bands=k,
                min_size=s.min_band_year_size,
            )
        main = Reason(
            "few_years",
            ranked=len(years),
            n_window=len(window),
            need=s.min_ranked_years,
            suffix=small,
        )
    extra = []
    if row["unfavourable"]:
        why = []
        if row["band_unfavourable"]:
            why.append(Reason("unfavourable_band", band=band, n_bands=k))
        if row["official_unfavourable"]:
            why.append(Reason("official_unfavourable"))
        extra.append(Reason("unfavourable", why=tuple(why)))
    if row["official_low_results"]:
        extra.append(Reason("official_low"))
    if row["official_tutor"]:
        extra.append(Reason("official_tutor"))
    return (main, *extra)


def identify_detail(
    schools: pd.DataFrame, results: pd.DataFrame, settings: AnalysisSettings | None = None
) -> Identification:
    """Identification with its intermediate per-year and per-subject percentiles.

    Parameters
    ----------
    schools, results : DataFrame
        The import sheets (results of schools not in ``schools`` are ignored).
    settings : AnalysisSettings, optional

    Returns
    -------
    Identification
    """
    s = settings or AnalysisSettings()
    ctx = school_context(schools, s).reset_index(drop=True)
    ids = ctx["school_id"]
    bands = pd.Series(ctx["context_band"].to_numpy(), index=ids.to_numpy())
    res = results
    scored = zscores(res, schools=set(ids))
    window = window_years(scored["year"], s)
    pct = band_percentiles(result_index(res, scored=scored), bands, s)
    pct["in_window"] = pct["year"].isin(window)
    subj = band_percentiles(
        subject_result_index(res, scored=scored), bands, s, by=("year", "subject")
    )
    subj["in_window"] = subj["year"].isin(window)

    win = pct[pct["in_window"]]
    p = win["percentile"]
    counts = (
        pd.DataFrame(
            {
                "school_id": win["school_id"],
                "ranked": p.notna(),
                "low": p <= s.low_percentile + _EPS,
                "high": p >= s.strong_percentile - _EPS,
                "below": p <= s.never_below_percentile + _EPS,
            }
        )
        .groupby("school_id")[["ranked", "low", "high", "below"]]
        .sum()
    )
    counts = counts.reindex(ids.to_numpy(), fill_value=0)
    ranked = counts["ranked"].to_numpy()
    is_low = counts["low"].to_numpy() >= s.min_ranked_years
    is_strong = (counts["high"].to_numpy() >= s.min_ranked_years) & (
        counts["below"].to_numpy() == 0
    )
    band = ctx["context_band"]
    in_resilient = band.isin(list(s.resilient_bands)).fillna(False).to_numpy(dtype=bool)
    status = np.select(
        [ranked < s.min_ranked_years, is_low, is_strong & in_resilient, is_strong],
        ["insufficient_data", "low", "resilient", "strong"],
        default="regular",
    )
    off_unfav = as_bool(column(schools, "official_unfavourable")).to_numpy()
    band_unfav = band.isin(list(s.unfavourable_bands)).fillna(False).to_numpy(dtype=bool) & (
        ctx["n_bands"].to_numpy() >= s.unfavourable_min_bands
    )
    weak, strong = _subject_lists(subj, ids, s)
    out = pd.DataFrame(
        {
            "school_id": ids,
            "name": column(schools, "name").to_numpy(),
            "municipality": column(schools, "municipality").to_numpy(),
            "social_index": ctx["social_index"],
            "context_band": band,
            "n_bands": ctx["n_bands"],
            "status": status,
            "unfavourable": band_unfav | off_unfav,
            "official_low_results": as_bool(column(schools, "official_low_results")).to_numpy(),
            "official_unfavourable": off_unfav,
            "official_tutor": as_bool(column(schools, "official_tutor")).to_numpy(),
            "weak_subjects": weak,
            "strong_subjects": strong,
            "ranked_years": ranked.astype(int),
        }
    )
    by_school: dict[str, list[tuple[int, float]]] = defaultdict(list)
    small: dict[str, list[int]] = defaultdict(list)
    for sid, year, perc in zip(
        win["school_id"].to_numpy(dtype=object),
        win["year"].to_numpy(),
        win["percentile"].to_numpy(),
        strict=True,
    ):
        if perc == perc:  # not NaN
            by_school[sid].append((int(year), float(perc)))
        else:
            small[sid].append(int(year))
    has_results = set(pct["school_id"])
    last = {sid: ys[-1][1] for sid, ys in by_school.items() if ys}
    out["last_percentile"] = out["school_id"].map(last).astype(float)
    reasons = []
    cols = ["school_id", "context_band", "n_bands", "status", "unfavourable",
            "official_unfavourable", "official_low_results", "official_tutor"]  # fmt: skip
    for values in zip(*(out[c].to_numpy(dtype=object) for c in cols), strict=True):
        row = dict(zip(cols, values, strict=True))
        sid = str(row["school_id"])
        row["band_unfavourable"] = (
            pd.notna(row["context_band"])
            and int(row["context_band"]) in s.unfavourable_bands
            and int(row["n_bands"]) >= s.unfavourable_min_bands
        )
        row["has_results"] = sid in has_results
        reasons.append(_reason(row, by_school.get(sid, []), small.get(sid, []), window, s))
    out["reasons"] = pd.Series(reasons, index=out.index, dtype=object)
    return Identification(out, pct, subj, window)


def identify(
    schools: pd.DataFrame, results: pd.DataFrame, settings: AnalysisSettings | None = None
) -> pd.DataFrame:
    """One row per school: context, computed status, official lists, subjects and a reason.

    Parameters
    ----------
    schools, results : DataFrame
        The import sheets.
    settings : AnalysisSettings, optional

    Returns
    -------
    DataFrame
        ``school_id``, ``name``, ``municipality``, ``social_index``, ``context_band``,
        ``n_bands``, ``status``, ``unfavourable``, ``official_low_results``,
        ``official_unfavourable``, ``official_tutor``, ``weak_subjects`` (list),
        ``strong_subjects`` (list), ``ranked_years``, ``last_percentile``, ``reasons`` (a tuple
        of :class:`labels.reasons.Reason`: the status's reason first, then the flags').
    """
    return identify_detail(schools, results, settings).schools


def school_year_percentiles(
    schools: pd.DataFrame, results: pd.DataFrame, settings: AnalysisSettings | None = None
) -> pd.DataFrame:
    """Long frame for trend charts: ``school_id``, ``year``, ``result_index``, ``band``,
    ``band_size``, ``percentile`` (NaN when the band-year is too small), ``in_window``.

    Examples
    --------
    >>> schools = pd.DataFrame({"school_id": ["a", "b"], "social_index": [0.0, 1.0]})
    >>> results = pd.DataFrame({"school_id": ["a", "b"], "year": 2024, "assessment": "ВПР",
    ...     "subject": "Математика", "metric": "pass_rate", "value": [60.0, 80.0]})
    >>> school_year_percentiles(schools, results)[["school_id", "result_index", "percentile"]]
      school_id  result_index  percentile
    0         a          -1.0         NaN
    1         b           1.0         NaN
    """
    return identify_detail(schools, results, settings).percentiles
