"""Statuses, the unfavourable flag, weak/strong subjects and reasons, on a hand-made region.

Sixteen schools with a given social index fall into three bands (K = min(5, 16 // 5) = 3 with
``schools_per_band=5``): ``floor(3 * lower / 16) + 1`` puts the 6 lowest indexes in band 1 and
5 each in bands 2 and 3. One mean-score result per school-year, so a school's rank in its band
is the rank of its value. Percentiles (k / (n - 1)) are written next to each school.
"""

from __future__ import annotations

from typing import cast

import pandas as pd
import pytest

from analysis.identify import identify, identify_detail, school_year_percentiles
from analysis.settings import AnalysisSettings
from labels.reasons import Reason, render_all

S = AnalysisSettings(schools_per_band=5)
YEARS = (2022, 2023, 2024)

# school → (social index, {year: value}); missing years have no results.
REGION: dict[str, tuple[float, dict[int, float]]] = {
    # band 1: 5 schools in 2022-23 (k/4), 6 in 2024 (k/5)
    "m0": (-1.5, {2022: 1, 2023: 1, 2024: 2}),  # 0, 0, .2 → low
    "m1": (-1.4, {2022: 2, 2023: 2, 2024: 1}),  # .25, .25, 0 → one low year: regular
    "m2": (-1.3, {2022: 3, 2023: 3, 2024: 3}),  # .5, .5, .4 → regular
    "m3": (-1.2, {2022: 4, 2023: 4, 2024: 4}),  # .75, .75, .6 → resilient
    "m4": (-1.1, {2022: 5, 2023: 5, 2024: 5}),  # 1, 1, .8 → resilient
    "m5": (-1.0, {2024: 6}),  # missing years: 1 ranked year → insufficient_data
    # band 2: ties
    "n0": (-0.5, {y: 10 for y in YEARS}),  # tie with n1: .125 each year → regular
    "n1": (-0.4, {y: 10 for y in YEARS}),
    "n2": (-0.3, {y: 11 for y in YEARS}),  # .5 → regular (official ШНОР)
    "n3": (-0.2, {y: 12 for y in YEARS}),  # .75 → resilient (band 2)
    "n4": (-0.1, {y: 13 for y in YEARS}),  # 1 → resilient
    # band 3
    "p0": (0.5, {2022: 20, 2023: 20, 2024: 20}),  # 0, 0, .25 → low
    "p1": (0.6, {2022: 21, 2023: 21, 2024: 21}),  # .25, .25, .5 → regular
    "p2": (0.7, {2022: 22, 2023: 22, 2024: 22}),  # .5, .5, .75 → regular
    "p3": (0.8, {2022: 23, 2023: 23, 2024: 19}),  # .75, .75, 0 → high twice, but fell: regular
    "p4": (0.9, {2022: 24, 2023: 24, 2024: 24}),  # 1, 1, 1 → strong
}


def region() -> tuple[pd.DataFrame, pd.DataFrame]:
    schools = pd.DataFrame(
        {
            "school_id": list(REGION),
            "name": [f"Школа {k}" for k in REGION],
            "municipality": "Иволгинский район",
            "social_index": [v[0] for v in REGION.values()],
            "official_low_results": [k == "n2" for k in REGION],
            "official_unfavourable": [k == "p1" for k in REGION],
            "official_tutor": False,
        }
    )
    results = pd.DataFrame(
        [
            {
                "school_id": k,
                "year": y,
                "assessment": "ОГЭ",
                "subject": "Математика",
                "grade": 9,
                "metric": "mean_score",
                "value": float(val),
                "participants": 25,
            }
            for k, (_, by_year) in REGION.items()
            for y, val in by_year.items()
        ]
    )
    return schools, results


def reasons(out: pd.DataFrame, school: str) -> tuple[Reason, ...]:
    return tuple(cast(tuple[Reason, ...], out.loc[school, "reasons"]))


def codes(out: pd.DataFrame, school: str) -> list[str]:
    return [r.code for r in reasons(out, school)]


@pytest.fixture(scope="module")
def out() -> pd.DataFrame:
    schools, results = region()
    return identify(schools, results, S).set_index("school_id")


def test_bands(out: pd.DataFrame) -> None:
    assert out["n_bands"].unique().tolist() == [3]
    assert out["context_band"].tolist() == [1] * 6 + [2] * 5 + [3] * 5
    assert out.loc["m0", "social_index"] == -1.5  # the given index, as is


@pytest.mark.parametrize(
    ("school", "status"),
    [
        ("m0", "low"),
        ("m1", "regular"),
        ("m2", "regular"),
        ("m3", "resilient"),
        ("m4", "resilient"),
        ("m5", "insufficient_data"),
        ("n0", "regular"),
        ("n1", "regular"),
        ("n2", "regular"),
        ("n3", "resilient"),
        ("n4", "resilient"),
        ("p0", "low"),
        ("p1", "regular"),
        ("p2", "regular"),
        ("p3", "regular"),
        ("p4", "strong"),
    ],
)
def test_status(out: pd.DataFrame, school: str, status: str) -> None:
    assert out.loc[school, "status"] == status


def test_unfavourable_is_band_one_or_the_official_list(out: pd.DataFrame) -> None:
    assert out.index[out["unfavourable"]].tolist() == ["m0", "m1", "m2", "m3", "m4", "m5", "p1"]


def test_official_lists_are_shown_beside_the_status(out: pd.DataFrame) -> None:
    assert out.loc["n2", "status"] == "regular" and out.loc["n2", "official_low_results"]
    assert "official_low" in codes(out, "n2")
    assert out.loc["p1", "official_unfavourable"] and out.loc["p1", "status"] == "regular"


def test_reasons(out: pd.DataFrame) -> None:
    m0 = reasons(out, "m0")
    assert m0[0] == Reason("low", years=(2022, 2023), share=90, band=1, n_bands=3)
    assert Reason("unfavourable", why=(Reason("unfavourable_band", band=1, n_bands=3),)) in m0
    assert reasons(out, "p4")[0] == Reason(
        "strong", years=(2022, 2023, 2024), share=75, floor=25, band=3, n_bands=3
    )
    assert reasons(out, "m4")[0].code == "resilient"
    m5 = reasons(out, "m5")[0]
    assert (m5.code, m5.params["ranked"], m5.params["n_window"]) == ("few_years", 1, 3)
    m2 = reasons(out, "m2")[0]
    assert m2.code == "regular" and (2024, 0.4) in [
        (y, round(p, 2)) for y, p in m2.params["year_shares"]
    ]


def test_reasons_render_in_russian(out: pd.DataFrame) -> None:
    text = render_all(reasons(out, "m0"))
    assert text.startswith(
        "в 2022 и 2023 гг. результаты ниже, чем у 90 % школ со схожими условиями (кластер 1 из 3)"
    )
    assert "; ШНСУ: " in text
    assert render_all(reasons(out, "p4")).startswith(
        "в 2022, 2023 и 2024 гг. результаты выше, чем у 75 % школ со схожими условиями "
        "(кластер 3 из 3)"
    )
    assert "неблагоприятные" in render_all(reasons(out, "m4"))
    assert "ни разу не попадали в нижние 25 %" in render_all(reasons(out, "p4"))
    assert render_all(reasons(out, "m5")).startswith(
        "недостаточно данных: результаты сопоставлены только за 1 из 3"
    )
    assert "2024 г. — 40 %" in render_all(reasons(out, "m2"))


def test_percentiles_long_frame() -> None:
    schools, results = region()
    pct = school_year_percentiles(schools, results, S).set_index(["school_id", "year"])
    assert pct.loc[("n0", 2022), "percentile"] == 0.125  # tie: (0 + 0.5·1) / 4
    assert pct.loc[("m0", 2024), "percentile"] == pytest.approx(0.2)
    assert pct.loc[("m0", 2024), "band_size"] == 6
    assert pct["in_window"].all()


def test_band_year_under_five_ranks_nobody() -> None:
    schools, results = region()
    # Drop p4's 2023 result: band 3 has 4 schools in 2023, so nobody there is ranked that year.
    results = results[~((results["school_id"] == "p4") & (results["year"] == 2023))]
    det = identify_detail(schools, results, S)
    pct = det.percentiles.set_index(["school_id", "year"])
    assert pct["percentile"].isna()[("p0", 2023)]
    out = det.schools.set_index("school_id")
    # p0 is now low only in 2022 (2024: .25): regular; p4 is strong in 2022 and 2024 only.
    assert out.loc["p0", "status"] == "regular"
    assert out.loc["p4", "status"] == "strong"
    assert out.loc["p4", "ranked_years"] == 2


def test_window_is_the_latest_years_with_results() -> None:
    schools, results = region()
    old = results[results["year"] == 2022].assign(year=2019)
    det = identify_detail(schools, pd.concat([old, results]), S)
    assert det.window == [2022, 2023, 2024]
    assert not det.percentiles.loc[det.percentiles["year"] == 2019, "in_window"].any()


def test_min_ranked_years_is_a_setting() -> None:
    schools, results = region()
    s = AnalysisSettings(schools_per_band=5, min_ranked_years=3)
    out = identify(schools, results, s).set_index("school_id")
    assert out.loc["m0", "status"] == "regular"  # low in only 2 of 3 years
    assert out.loc["p4", "status"] == "strong"
    assert out.loc["m5", "status"] == "insufficient_data"


def test_school_without_social_data_or_results() -> None:
    schools, results = region()
    extra = pd.DataFrame(
        {"school_id": ["z"], "name": ["Школа z"], "municipality": "Район", "social_index": None}
    )
    out = identify(pd.concat([schools, extra]), results, S).set_index("school_id")
    assert out.loc["z", "status"] == "insufficient_data"
    assert out["context_band"].isna()["z"]
    assert codes(out, "z")[0] == "no_index"


def test_no_results_at_all() -> None:
    schools, results = region()
    out = identify(schools, results.iloc[0:0], S)
    assert set(out["status"]) == {"insufficient_data"}
    # No year at all: «load the results sheet», not «no results for <no years>».
    assert {rs[0].code for rs in out["reasons"]} == {"no_results_loaded"}


def test_weak_and_strong_subjects_in_the_latest_year() -> None:
    ids = [f"s{i}" for i in range(5)]
    schools = pd.DataFrame(
        {"school_id": ids, "name": ids, "municipality": "М", "social_index": 0.0}
    )

    def res(year: int, subject: str, values: list[float]) -> list[dict[str, object]]:
        return [
            {
                "school_id": i,
                "year": year,
                "assessment": "ВПР",
                "subject": subject,
                "grade": 5,
                "metric": "mean_score",
                "value": v,
            }
            for i, v in zip(ids, values, strict=True)
        ]

    results = pd.DataFrame(
        res(2023, "Математика", [5, 4, 3, 2, 1])  # older year: s0 strong there, not now
        + res(2024, "Математика", [1, 2, 3, 4, 5])
        + res(2024, "Русский язык", [5, 1, 2, 3, 4])
        + res(2023, "История", [1, 2, 3, 4, 5])  # only in 2023: its latest ranked year
    )
    out = identify(schools, results).set_index("school_id")
    assert out.loc["s0", "weak_subjects"] == ["История", "Математика"]
    assert out.loc["s0", "strong_subjects"] == ["Русский язык"]
    assert out.loc["s1", "weak_subjects"] == ["Русский язык"]
    assert out.loc["s4", "strong_subjects"] == ["История", "Математика", "Русский язык"]
    assert out.loc["s3", "strong_subjects"] == ["История", "Математика"]  # Русский: .5
