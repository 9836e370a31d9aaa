"""The matched difference-in-differences estimate recovers a planted effect (not timed).

The benchmark (benchmarks/bench_pair_effect.py) runs 200 simulations per scenario; here 40
each, with a tolerance for the smaller number (coverage ≥ 0.85 instead of 0.90).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.monitoring_settings import MonitoringSettings
from analysis.pair_effect import pair_effect, simulate_pair_data

FAST = MonitoringSettings(did_bootstrap=300)


@pytest.mark.parametrize("effect", [0.3, 0.0])
def test_interval_covers_the_planted_effect(effect: float) -> None:
    runs = [pair_effect(*simulate_pair_data(effect, seed), settings=FAST) for seed in range(40)]
    assert all(r.status == "ok" for r in runs)
    coverage = np.mean([r.ci_low <= effect <= r.ci_high for r in runs])
    assert coverage >= 0.85
    assert abs(np.mean([r.estimate for r in runs]) - effect) < 0.05
    assert np.mean([r.placebo_ok for r in runs]) >= 0.8


def test_an_unmatched_comparison_would_be_fooled() -> None:
    # Weak schools picked for pairs bounce back on their own (regression to the mean): with no
    # effect at all, paired schools gain more than all unpaired ones, while the matched
    # estimate stays near 0.
    naive, matched = [], []
    for seed in range(10):
        index, treated, pool, bands = simulate_pair_data(0.0, seed=seed)
        wide = index.pivot_table(index="school_id", columns="year", values="result_index")
        change = wide[2025] - wide[2022]
        naive.append(change[list(treated["school_id"])].mean() - change[pool].mean())
        matched.append(pair_effect(index, treated, pool, bands, FAST).estimate)
    assert np.mean(naive) > 0.1
    assert abs(np.mean(matched)) < 0.05


def test_too_few_matched_gives_no_estimate() -> None:
    index, treated, pool, bands = simulate_pair_data(0.3, seed=5)
    est = pair_effect(index, treated.head(4), pool, bands, FAST)
    assert est.status == "too_few" and est.n_matched == 4
    assert np.isnan(est.estimate) and not est.significant


def test_no_treated_with_a_year_before() -> None:
    index = pd.DataFrame({"school_id": ["a"], "year": [2025], "result_index": [0.0]})
    treated = pd.DataFrame({"school_id": ["a"], "start_year": [2025]})
    est = pair_effect(index, treated, [], pd.Series({"a": 1}))
    assert est.status == "no_pairs"


def test_placebo_catches_groups_that_drifted_apart_before() -> None:
    index, treated, pool, bands = simulate_pair_data(0.0, seed=11)
    ids = set(treated["school_id"])
    # The treated schools were already falling by 0.4 a year before anything started.
    drift = index["school_id"].isin(ids) * (index["year"] - 2022) * 0.4
    est = pair_effect(
        index.assign(result_index=index["result_index"] + drift), treated, pool, bands, FAST
    )
    assert est.status == "ok" and not est.placebo_ok
