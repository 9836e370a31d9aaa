"""What the pairs achieve: matched difference in differences of the result index.

Each ШНОР in a working pair (treated) is compared with similar ШНОР that never had a pair
(controls): the same context band, and the nearest result index in the year before the pair
started (within ``did_caliper``), up to ``did_controls_per_school`` controls per treated school,
each control used once (an optimal assignment, :func:`scipy.optimize.linear_sum_assignment`).
For a treated school with pre-year ``p`` (the year before its pair started) and post-year ``q``
(its latest year with an index), its difference in differences is

    (index_q − index_p of the treated school) − mean over its controls of (index_q − index_p),

and the estimate is the mean over matched treated schools. The confidence interval resamples
the matched schools (with their controls) ``did_bootstrap`` times. The placebo repeats the
same comparison one year earlier (``p − 1`` to ``p``, before any pair): an estimate far from 0
there means the groups were already drifting apart and the main estimate is not to be trusted.
With fewer than ``did_min_matched`` matched schools there is no estimate (``status``
``too_few``).

Matching on the year before removes the pull of low schools back towards the mean (regression
to the mean), which a raw before/after comparison mistakes for an effect. It does not remove
differences that the index does not see (a new director, a motivated staff who asked for a
pair): the estimate is what pairs are associated with, under the assumption that matched
schools would have moved alike without the pair.

Examples
--------
>>> idx, treated, pool, bands = simulate_pair_data(effect=0.3, seed=1)
>>> est = pair_effect(idx, treated, pool, bands)
>>> est.status, est.n_matched >= 10, est.ci_low < 0.3 < est.ci_high
('ok', True, True)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.columns import as_str_id
from analysis.monitoring_settings import MonitoringSettings

__all__ = ["PairEffect", "pair_effect", "simulate_pair_data"]

_FAR = 1e6


@dataclass(frozen=True)
class PairEffect:
    """The estimate: ``status`` is ``ok``, ``too_few`` or ``no_pairs`` (codes, not text)."""

    status: str
    n_treated: int  # ШНОР with a working pair and an index before and after
    n_matched: int  # of them, matched to at least one control
    n_controls: int
    estimate: float = float("nan")
    ci_low: float = float("nan")
    ci_high: float = float("nan")
    placebo: float = float("nan")
    placebo_low: float = float("nan")
    placebo_high: float = float("nan")
    n_placebo: int = 0
    confidence: float = 0.95
    matches: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def significant(self) -> bool:
        """The interval excludes 0."""
        return self.status == "ok" and (self.ci_low > 0 or self.ci_high < 0)

    @property
    def placebo_ok(self) -> bool:
        """The placebo interval covers 0 (or there was no earlier year to check)."""
        return self.n_placebo == 0 or self.placebo_low <= 0 <= self.placebo_high


def _wide(index: pd.DataFrame) -> pd.DataFrame:
    idx = index.assign(school_id=as_str_id(index["school_id"]))
    idx = idx[idx["result_index"].notna()]
    return idx.pivot_table(index="school_id", columns="year", values="result_index")


def _match(
    wide: pd.DataFrame,
    treated: pd.DataFrame,
    pool: Iterable[str],
    bands: pd.Series,
    s: MonitoringSettings,
) -> pd.DataFrame:
    """Rows ``treated_id``, ``control_id``, ``pre_year``, ``post_year`` (one per control)."""
    rows: list[tuple[str, str, int, int]] = []
    used: set[str] = set()
    pool_ids = [c for c in pool if c in wide.index]
    band = bands.reindex(wide.index)
    for key, group in treated.groupby(["band", "pre_year", "post_year"], sort=True):
        b, p, q = key[0], int(str(key[1])), int(str(key[2]))
        if p not in wide.columns or q not in wide.columns:
            continue
        has_both = wide[p].notna() & wide[q].notna()
        cands = [c for c in pool_ids if c not in used and band.get(c) == b and has_both.get(c)]
        if not cands:
            continue
        t_ids = list(group["school_id"])
        k = s.did_controls_per_school
        t_pre = np.repeat(wide.loc[t_ids, p].to_numpy(), k)
        c_pre = wide.loc[cands, p].to_numpy()
        cost = np.abs(t_pre[:, None] - c_pre[None, :])
        cost[cost > s.did_caliper] = _FAR
        from scipy.optimize import linear_sum_assignment  # heavy: only when estimating

        r, c = linear_sum_assignment(cost)
        for i, j in zip(r, c, strict=True):
            if cost[i, j] < _FAR:
                rows.append((t_ids[i // k], cands[j], p, q))
                used.add(cands[j])
    return pd.DataFrame(rows, columns=["treated_id", "control_id", "pre_year", "post_year"])


def _unit_did(wide: pd.DataFrame, matches: pd.DataFrame, placebo: bool) -> pd.Series:
    """Per treated school: its change minus its controls' mean change.

    The main comparison runs from the pre-year to the post-year; the placebo from the year
    before the pre-year to the pre-year. Controls' changes are adjusted for the small gap left
    in the matching year (the slope of the controls' change on their index in that year), so
    a control that started a little higher is not mistaken for one that rose less.
    """
    if not len(matches):
        return pd.Series(dtype=float)
    if placebo:
        p, q, anchor = matches["pre_year"] - 1, matches["pre_year"], matches["pre_year"]
    else:
        p, q, anchor = matches["pre_year"], matches["post_year"], matches["pre_year"]
    stacked = wide.stack()

    def value(ids: pd.Series, years: pd.Series) -> np.ndarray:
        keys = pd.MultiIndex.from_arrays([ids.to_numpy(), years.to_numpy()])
        return stacked.reindex(keys).to_numpy(dtype=float)

    m = matches.assign(
        dt=value(matches["treated_id"], q) - value(matches["treated_id"], p),
        dc=value(matches["control_id"], q) - value(matches["control_id"], p),
        gap=value(matches["treated_id"], anchor) - value(matches["control_id"], anchor),
        xc=value(matches["control_id"], anchor),
    ).dropna(subset=["dt", "dc", "gap"])
    if len(m) > 2 and np.ptp(m["xc"]) > 0:
        slope = float(np.polyfit(m["xc"], m["dc"], 1)[0])
        m["dc"] = m["dc"] + slope * m["gap"]
    per = m.groupby("treated_id").agg(dt=("dt", "first"), dc=("dc", "mean"))
    return per["dt"] - per["dc"]


def _interval(
    units: np.ndarray, s: MonitoringSettings, rng: np.random.Generator
) -> tuple[float, float]:
    draws = rng.integers(0, len(units), size=(s.did_bootstrap, len(units)))
    means = units[draws].mean(axis=1)
    alpha = (1 - s.did_confidence) / 2
    lo, hi = np.quantile(means, [alpha, 1 - alpha])
    return float(lo), float(hi)


def pair_effect(
    result_index: pd.DataFrame,
    treated: pd.DataFrame,
    pool: Iterable[str],
    bands: pd.Series,
    settings: MonitoringSettings | None = None,
) -> PairEffect:
    """Matched difference in differences of the result index for ШНОР in a working pair.

    Parameters
    ----------
    result_index : DataFrame
        ``school_id``, ``year``, ``result_index`` (every school-year with an index).
    treated : DataFrame
        ``school_id``, ``start_year``: ШНОР in a working pair and the school year its pair
        started (the pre-year is the year before).
    pool : iterable of str
        ШНОР that never had a pair: the possible controls.
    bands : Series
        Context band by school id.
    settings : MonitoringSettings, optional
    """
    s = settings or MonitoringSettings()
    wide = _wide(result_index)
    tr = treated.assign(school_id=as_str_id(treated["school_id"]))
    tr = tr[tr["school_id"].isin(wide.index)].drop_duplicates("school_id").copy()
    tr["pre_year"] = tr["start_year"].astype(int) - 1
    post = []
    for sid, start in zip(tr["school_id"], tr["start_year"], strict=True):
        years = wide.loc[sid].dropna().index
        after = [int(y) for y in years if y >= start]
        post.append(max(after) if after and (int(start) - 1) in years else -1)
    tr["post_year"] = post
    tr = tr[tr["post_year"] > 0]
    tr["band"] = as_str_id(tr["school_id"]).map(bands).to_numpy()
    tr = tr[tr["band"].notna()]
    if not len(tr):
        return PairEffect(status="no_pairs", n_treated=0, n_matched=0, n_controls=0)
    matches = _match(wide, tr, {str(p) for p in pool} - set(tr["school_id"]), bands, s)
    units = _unit_did(wide, matches, placebo=False)
    n_controls = int(matches["control_id"].nunique()) if len(matches) else 0
    if len(units) < s.did_min_matched:
        return PairEffect(
            status="too_few",
            n_treated=len(tr),
            n_matched=len(units),
            n_controls=n_controls,
            confidence=s.did_confidence,
            matches=matches,
        )
    rng = np.random.default_rng(s.did_seed)
    lo, hi = _interval(units.to_numpy(), s, rng)
    placebo = _unit_did(wide, matches, placebo=True)
    nan = float("nan")
    p_est, p_lo, p_hi, n_placebo = nan, nan, nan, 0
    if len(placebo) >= s.did_min_matched:
        p_lo, p_hi = _interval(placebo.to_numpy(), s, rng)
        p_est, n_placebo = float(placebo.mean()), len(placebo)
    return PairEffect(
        status="ok",
        n_treated=len(tr),
        n_matched=len(units),
        n_controls=n_controls,
        estimate=float(units.mean()),
        ci_low=lo,
        ci_high=hi,
        placebo=p_est,
        placebo_low=p_lo,
        placebo_high=p_hi,
        n_placebo=n_placebo,
        confidence=s.did_confidence,
        matches=matches,
    )


def simulate_pair_data(
    effect: float,
    seed: int,
    n_low: int = 240,
    n_treated: int = 60,
    years: tuple[int, ...] = (2020, 2021, 2022, 2023, 2024, 2025),
    start_year: int = 2023,
) -> tuple[pd.DataFrame, pd.DataFrame, list[str], pd.Series]:
    """Generated ШНОР with a known effect of the pair, for tests and the coverage benchmark.

    A school's index is a lasting level (its band's mean plus its own), a shared year shock and
    transient noise; schools with a lower index in the year before are likelier to get a pair
    (as coordinators pair the weakest first), and a pair adds ``effect`` from ``start_year`` on.
    Returns ``(result_index, treated, pool, bands)`` as :func:`pair_effect` takes them.
    """
    rng = np.random.default_rng(seed)
    ids = [f"s{i:04d}" for i in range(n_low)]
    band = rng.integers(1, 4, size=n_low)
    level = -1.2 + 0.2 * band + rng.normal(0, 0.35, n_low)
    shocks = rng.normal(0, 0.1, len(years))
    noise = rng.normal(0, 0.25, (n_low, len(years)))
    index = level[:, None] + shocks[None, :] + noise
    pre = years.index(start_year - 1)
    weight = np.exp(-2.0 * (index[:, pre] - index[:, pre].mean()))
    chosen = rng.choice(n_low, size=n_treated, replace=False, p=weight / weight.sum())
    after = np.array([y >= start_year for y in years])
    index[np.ix_(chosen, np.flatnonzero(after))] += effect
    frame = pd.DataFrame(
        {
            "school_id": np.repeat(ids, len(years)),
            "year": np.tile(years, n_low),
            "result_index": index.ravel(),
        }
    )
    treated = pd.DataFrame({"school_id": [ids[i] for i in chosen], "start_year": start_year})
    picked = set(chosen.tolist())
    pool = [ids[i] for i in range(n_low) if i not in picked]
    return frame, treated, pool, pd.Series(band, index=ids)
