"""Result index and within-band percentiles (DESIGN.md, Methods), worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.results import band_percentiles, result_index, subject_result_index, zscores
from analysis.settings import AnalysisSettings


def rows(*items: tuple[str, int, str, str, float, float | None]) -> pd.DataFrame:
    """(school, year, subject, metric, value, participants) → a results sheet."""
    return pd.DataFrame(
        [
            {
                "school_id": sid,
                "year": year,
                "assessment": "ОГЭ",
                "subject": subject,
                "grade": 9,
                "metric": metric,
                "value": value,
                "participants": participants,
            }
            for sid, year, subject, metric, value, participants in items
        ]
    )


def index_of(df: pd.DataFrame) -> dict[tuple[str, int], float]:
    ri = result_index(df)
    return {(s, y): v for s, y, v in ri[["school_id", "year", "result_index"]].values}


def test_low_share_is_negated() -> None:
    df = rows(
        ("a", 2024, "М", "low_share", 5.0, None),
        ("b", 2024, "М", "low_share", 25.0, None),
    )
    assert index_of(df) == {("a", 2024): 1.0, ("b", 2024): -1.0}


@pytest.mark.parametrize("metric", ["mean_score", "pass_rate", "high_share"])
def test_other_metrics_keep_their_sign(metric: str) -> None:
    df = rows(("a", 2024, "М", metric, 5.0, None), ("b", 2024, "М", metric, 25.0, None))
    assert index_of(df) == {("a", 2024): -1.0, ("b", 2024): 1.0}


def test_participant_weighted_mean() -> None:
    # Two groups of two schools: every z-score is ±1.
    df = rows(
        ("a", 2024, "М", "mean_score", 4.0, 30),
        ("b", 2024, "М", "mean_score", 3.0, 10),
        ("a", 2024, "М", "pass_rate", 50.0, 10),
        ("b", 2024, "М", "pass_rate", 90.0, None),
    )
    idx = index_of(df)
    assert idx[("a", 2024)] == pytest.approx((30 * 1 + 10 * -1) / 40)
    # b: weight 10 on -1, weight 1 (participants missing) on +1.
    assert idx[("b", 2024)] == pytest.approx((10 * -1 + 1 * 1) / 11)


def test_groups_are_separate_by_year_assessment_subject_grade_and_metric() -> None:
    df = rows(
        ("a", 2024, "М", "mean_score", 4.0, None),
        ("b", 2024, "М", "mean_score", 3.0, None),
        ("a", 2024, "Р", "mean_score", 1.0, None),
        ("b", 2024, "Р", "mean_score", 100.0, None),
    )
    # Z-scored within each subject, a is +1 then -1: the raw scale does not leak.
    assert index_of(df) == {("a", 2024): 0.0, ("b", 2024): 0.0}


def test_unscorable_rows_are_dropped() -> None:
    df = rows(
        ("a", 2024, "М", "mean_score", 4.0, None),
        ("b", 2024, "Ф", "mean_score", 3.0, None),  # alone in its group
        ("b", 2024, "М", "mean_score", 4.0, 0),  # nobody took it
        ("c", 2024, "М", "mean_score", 2.0, None),
    )
    z = zscores(df)
    assert sorted(z["school_id"]) == ["a", "c"]


def test_subject_index_per_subject() -> None:
    df = rows(
        ("a", 2024, "М", "mean_score", 4.0, None),
        ("b", 2024, "М", "mean_score", 3.0, None),
        ("a", 2024, "М", "low_share", 10.0, None),
        ("b", 2024, "М", "low_share", 5.0, None),
        ("a", 2024, "Р", "mean_score", 4.0, None),
        ("b", 2024, "Р", "mean_score", 3.0, None),
    )
    si = subject_result_index(df)
    got = {(s, sub): v for s, sub, v in si[["school_id", "subject", "result_index"]].values}
    assert got == {("a", "М"): 0.0, ("b", "М"): 0.0, ("a", "Р"): 1.0, ("b", "Р"): -1.0}


def test_school_ids_of_any_type_match() -> None:
    df = rows(("x", 2024, "М", "mean_score", 1.0, None), ("y", 2024, "М", "mean_score", 2.0, None))
    df["school_id"] = pd.Series([101, 102.0], dtype=object)
    assert set(result_index(df)["school_id"]) == {"101", "102"}


def pct_frame(values: list[float], bands: list[int]) -> pd.DataFrame:
    ids = [f"s{i}" for i in range(len(values))]
    idx = pd.DataFrame({"school_id": ids, "year": 2024, "result_index": values})
    return band_percentiles(idx, pd.Series(bands, index=ids))


def test_percentile_is_mid_rank_over_n_minus_one() -> None:
    out = pct_frame([3.0, 1.0, 2.0, 5.0, 4.0], [1] * 5)
    assert out["percentile"].tolist() == [0.5, 0.0, 0.25, 1.0, 0.75]


def test_ties_share_the_mid_rank() -> None:
    out = pct_frame([1.0, 2.0, 2.0, 2.0, 3.0, 4.0], [1] * 6)
    # The three 2.0s: lower = 1, ties (others equal) = 2 → (1 + 1) / 5 = 0.4.
    assert out["percentile"].tolist() == [0.0, 0.4, 0.4, 0.4, 0.8, 1.0]


def test_all_tied_is_the_middle() -> None:
    assert pct_frame([1.0] * 5, [1] * 5)["percentile"].tolist() == [0.5] * 5


def test_band_year_under_five_schools_ranks_nobody() -> None:
    out = pct_frame([1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0, 4.0, 5.0], [1] * 4 + [2] * 5)
    assert out["percentile"].iloc[:4].isna().all()
    assert out["percentile"].iloc[4:].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert out["band_size"].tolist() == [4] * 4 + [5] * 5


def test_min_band_year_size_is_a_setting() -> None:
    ids = ["a", "b", "c"]
    idx = pd.DataFrame({"school_id": ids, "year": 2024, "result_index": [1.0, 2.0, 3.0]})
    s = AnalysisSettings(min_band_year_size=3)
    out = band_percentiles(idx, pd.Series([1, 1, 1], index=ids), s)
    assert out["percentile"].tolist() == [0.0, 0.5, 1.0]


def test_years_are_ranked_separately_and_no_band_is_not_ranked() -> None:
    ids = [f"s{i}" for i in range(6)]
    idx = pd.DataFrame(
        {
            "school_id": ids * 2,
            "year": [2023] * 6 + [2024] * 6,
            "result_index": [1.0, 2, 3, 4, 5, 6, 6.0, 5, 4, 3, 2, 1],
        }
    )
    bands = pd.Series([1, 1, 1, 1, 1, None], index=ids, dtype="Int64")
    out = band_percentiles(idx, bands)
    assert out["percentile"].iloc[:5].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert out["percentile"].iloc[6:11].tolist() == [1.0, 0.75, 0.5, 0.25, 0.0]
    assert math.isnan(out["percentile"].iloc[5]) and math.isnan(out["percentile"].iloc[11])
