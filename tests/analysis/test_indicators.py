"""Indicators on hand-made frames: low_improved, partial data, baselines and targets."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.indicators import INDICATORS, MonitoringInputs, indicators
from analysis.monitoring_settings import MonitoringSettings

IDENT = pd.DataFrame(
    {
        "school_id": ["a1", "a2", "a3", "b1"],
        "municipality": ["А", "А", "А", "Б"],
        "status": ["low", "low", "regular", "low"],
        "unfavourable": [False, False, False, False],
    }
)
INDEX = pd.DataFrame(
    {
        "school_id": ["a1", "a1", "a2", "a2", "a3", "a3", "b1", "b1", "b1"],
        "year": [2024, 2025, 2024, 2025, 2024, 2025, 2023, 2024, 2025],
        # a1 rises 0.5, a2 falls 0.2, a3 is not ШНОР, b1 rises 0.1 then stays flat.
        "result_index": [-1.0, -0.5, -0.8, -1.0, 0.0, 3.0, -1.2, -1.1, -1.1],
    }
)


def _value(out: pd.DataFrame, code: str, muni: str | None, year: int) -> pd.Series:
    rows = out[(out["indicator"] == code) & (out["year"] == year)]
    rows = rows[rows["municipality"].isna()] if muni is None else rows[rows["municipality"] == muni]
    return rows.iloc[0]


def test_low_improved_counts_schools_whose_index_rose() -> None:
    out = indicators(MonitoringInputs(IDENT, result_index=INDEX), [2024, 2025])
    # 2025: А: a1 rose, a2 fell → 1 of 2; Б: b1 flat (not more than 0) → 0 of 1; region 1 of 3.
    a = _value(out, "low_improved", "А", 2025)
    assert (a["numerator"], a["denominator"], a["value"]) == (1.0, 2.0, 50.0)
    region = _value(out, "low_improved", None, 2025)
    assert (region["numerator"], region["denominator"]) == (1.0, 3.0)
    # 2024: only b1 has the year before (2023): it rose by 0.1 → 1 of 1.
    assert _value(out, "low_improved", None, 2024)["numerator"] == 1.0
    assert _value(out, "low_improved", None, 2024)["denominator"] == 1.0
    strict = indicators(
        MonitoringInputs(IDENT, result_index=INDEX),
        [2024],
        MonitoringSettings(improvement_min_delta=0.2),
    )
    assert _value(strict, "low_improved", None, 2024)["numerator"] == 0.0


def test_partial_data_says_what_to_load() -> None:
    out = indicators(MonitoringInputs(IDENT), [2025])
    region = out[out["municipality"].isna()].set_index("indicator")
    assert list(region.index) == list(INDICATORS)
    assert region.loc["staffing_filled", "missing"] == "staffing"
    assert region.loc["trained_teachers", "missing"] == "teachers"
    assert region.loc["gia_pass_unfavourable", "missing"] == "unfavourable"
    assert region["value"].isna().all()


def test_targets_fall_back_to_the_region_and_baseline_setting() -> None:
    targets = pd.DataFrame(
        {
            "indicator": ["low_improved", "low_improved"],
            "municipality": [None, "Б"],
            "year": [2025, 2025],
            "value": [40.0, 100.0],
        }
    )
    inp = MonitoringInputs(IDENT, result_index=INDEX, targets=targets)
    out = indicators(inp, [2024, 2025], MonitoringSettings(baseline_year=2024))
    a = _value(out, "low_improved", "А", 2025)
    assert (a["target"], a["target_scope"], a["met"]) == (40.0, "region", True)
    b = _value(out, "low_improved", "Б", 2025)
    assert (b["target"], b["target_scope"], b["met"]) == (100.0, "own", False)
    region = _value(out, "low_improved", None, 2025)
    assert region["baseline_year"] == 2024 and region["baseline"] == 100.0
    assert region["change"] == pytest.approx(100 / 3 - 100)


def test_events_after_as_of_do_not_count() -> None:
    events = pd.DataFrame(
        {
            "event_id": ["e1", "e2"],
            "kind": ["seminar", "webinar"],
            "date": [dt.date(2024, 10, 1), dt.date(2025, 5, 1)],
            "municipality": ["А", "Б"],
        }
    )
    out = indicators(MonitoringInputs(IDENT, events=events), [2025], as_of=dt.date(2025, 1, 1))
    assert _value(out, "exchange_events", None, 2025)["value"] == 1.0
    assert _value(out, "exchange_events", "Б", 2025)["value"] == 0.0


def test_every_monitoring_setting_is_documented_in_both_languages() -> None:
    from pathlib import Path

    from analysis.monitoring_settings import describe_monitoring_settings
    from labels import set_language, t

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for lang in ("ru", "en"):
        set_language(lang)
        try:
            for name, _value, _english in describe_monitoring_settings():
                text = t(f"monitoring.setting.{name}")
                assert text and text != f"monitoring.setting.{name}", (lang, name)
                assert f"`{name}`" in readme
        finally:
            set_language("ru")


def test_a_region_count_target_is_not_a_municipality_target() -> None:
    targets = pd.DataFrame(
        {"indicator": ["exchange_events"], "municipality": [None], "year": [2025], "value": [30.0]}
    )
    events = pd.DataFrame(
        {"event_id": ["e1"], "kind": ["seminar"], "date": [dt.date(2024, 10, 1)],
         "municipality": ["А"]}
    )  # fmt: skip
    out = indicators(MonitoringInputs(IDENT, events=events, targets=targets), [2025])
    assert _value(out, "exchange_events", None, 2025)["target"] == 30.0
    assert pd.isna(_value(out, "exchange_events", "А", 2025)["target"])
