"""Social context index and context bands (DESIGN.md, Methods)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.context import band_count, context_bands, school_context, social_context_index
from analysis.settings import AnalysisSettings


def test_given_social_index_is_used_as_is() -> None:
    df = pd.DataFrame(
        {
            "school_id": ["a", "b", "c"],
            "social_index": [7.5, None, -3.0],
            "share_low_income": [90.0, 10.0, 50.0],
        }
    )
    idx = social_context_index(df)
    assert idx[0] == 7.5 and idx[2] == -3.0
    # b's computed index: low income 10 vs mean 50, sd sqrt(3200/3); oriented positive.
    assert idx[1] == pytest.approx(40 / math.sqrt(3200 / 3))


def test_indicators_are_oriented_so_higher_is_more_favourable() -> None:
    df = pd.DataFrame(
        {
            "share_low_income": [10.0, 30.0],
            "share_parents_higher_ed": [60.0, 20.0],
            "share_special_needs": [1.0, 5.0],
            "share_non_native": [0.0, 10.0],
            "share_single_parent": [5.0, 25.0],
        }
    )
    idx = social_context_index(df)
    # Every indicator says school 0 is better off: +1 on each of five z-scores.
    assert idx.tolist() == [1.0, -1.0]


def test_index_is_the_mean_of_available_z_scores() -> None:
    df = pd.DataFrame(
        {
            "share_low_income": [10.0, 30.0, None],
            "share_parents_higher_ed": [None, 20.0, 60.0],
        }
    )
    idx = social_context_index(df)
    # a: low income z=-1 → +1; b: low income +1 → -1, higher ed -1 → mean -1; c: +1.
    assert idx.tolist() == [1.0, -1.0, 1.0]


def test_no_indicator_means_no_index() -> None:
    df = pd.DataFrame({"share_low_income": [10.0, None, 30.0], "social_index": None})
    assert math.isnan(social_context_index(df)[1])


def test_a_constant_indicator_carries_no_information() -> None:
    df = pd.DataFrame({"share_low_income": [20.0, 20.0], "share_single_parent": [10.0, 30.0]})
    assert social_context_index(df).tolist() == [1.0, -1.0]


@pytest.mark.parametrize(
    ("n", "k"), [(0, 1), (1, 1), (9, 1), (10, 1), (19, 1), (20, 2), (39, 3), (50, 5), (999, 5)]
)
def test_band_count(n: int, k: int) -> None:
    assert band_count(n) == k


def test_fewer_than_ten_schools_make_one_band() -> None:
    bands = context_bands(pd.Series([0.3, -1.0, 2.0, 0.0, 5.0]))
    assert bands.tolist() == [1, 1, 1, 1, 1]


def test_bands_are_quantiles_and_band_one_is_least_favourable() -> None:
    idx = pd.Series([float(i) for i in range(30)][::-1])  # 29 … 0
    bands = context_bands(idx)
    assert bands.value_counts().sort_index().tolist() == [10, 10, 10]
    assert bands.iloc[-1] == 1 and bands.iloc[0] == 3


def test_equal_indexes_share_a_band_and_missing_index_has_none() -> None:
    idx = pd.Series([0.0] * 12 + [1.0] * 8 + [None])
    bands = context_bands(idx)
    assert bands.iloc[:12].tolist() == [1] * 12
    # 20 schools → 2 bands; the 1.0s have 12 below: floor(2*12/20)+1 = 2.
    assert bands.iloc[12:20].tolist() == [2] * 8
    assert pd.isna(bands.iloc[20])


def test_band_settings_are_honoured() -> None:
    s = AnalysisSettings(max_bands=2, schools_per_band=2)
    assert context_bands(pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), s).tolist() == [
        1, 1, 1, 2, 2, 2
    ]  # fmt: skip


def test_school_context_columns() -> None:
    df = pd.DataFrame({"school_id": [10, 11], "social_index": [None, 1.0]})
    out = school_context(df)
    assert out["school_id"].tolist() == ["10", "11"]
    assert pd.isna(out["context_band"][0]) and out["context_band"][1] == 1
    assert out["n_bands"].tolist() == [1, 1]
