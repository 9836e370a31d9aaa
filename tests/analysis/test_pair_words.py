"""The pairing's reason codes rendered into Russian (and English) in one place, the services."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest

from analysis.pairing import candidate_pairs, evaluate_pair, plan_pairs
from labels import set_language
from labels.formats import joined, years_text
from labels.reasons import Reason, render, render_all, render_column
from services.planning import in_words
from tests.analysis.test_pairing import frames, ident, school


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    try:
        yield
    finally:
        set_language("ru")


def test_a_pair_and_an_unpaired_mentee_read_in_russian() -> None:
    schools, identified = frames(
        (
            school("m", 0, level="secondary"),
            ident("m", "low", 2, 0.0, weak=["Математика", "Физика", "Химия", "История"]),
        ),
        (
            school("t", 60, level="basic"),
            ident("t", "strong", 2, 0.3, strong=["Математика", "Физика", "Биология"]),
        ),
        (school("m2", 300), ident("m2", "low", 2, 0.0)),
    )
    plan = plan_pairs(schools, identified)
    pair = in_words(plan.pairs).iloc[0]
    assert pair["reason"] == (
        "схожие социальные условия: индексы +0,00 и +0,30 (кластеры 2 и 2); "
        "60 км по прямой (времени в пути нет); "
        "слабые предметы подшефной — сильные у тьютора: Математика, Физика (2 из 4); "
        "уровни школ различаются: подшефная средняя, тьютор основная; "
        "школа-тьютор — сильная по результатам"
    )
    unpaired = in_words(plan.unpaired, unpaired=True).iloc[0]
    assert unpaired["reason"] == "в радиусе 100 км нет школ-тьюторов из кластеров 1–2"
    assert unpaired["hint"] == (
        "ближайшая подходящая школа-тьютор — «Школа t» в 240 км: пара возможна при радиусе "
        "240 км; онлайн-пара со школой «Школа t» (240 км, разница индексов +0,30)"
    )
    assert "reasons" not in in_words(plan.pairs).columns


def test_infeasible_pairs_read_in_russian_and_feasible_ones_are_empty() -> None:
    schools, identified = frames(
        (school("m", 0), ident("m", "low", 1, -1.0)),
        (school("gap2", 5), ident("gap2", "strong", 3, 1.0)),
        (school("ok", 99), ident("ok", "resilient", 2, 0.0)),
    )
    cand = in_words(candidate_pairs(schools, identified)).set_index("tutor_school_id")
    assert cand.loc["gap2", "infeasible_reason"] == "кластеры 1 и 3 различаются больше чем на 1"
    assert cand.loc["ok", "infeasible_reason"] == ""
    verdict = in_words(pd.DataFrame([evaluate_pair(schools, identified, "m", "gap2")])).iloc[0]
    assert verdict["reason"] == "" and verdict["infeasible_reason"].startswith("кластеры 1 и 3")


def test_parameters_are_written_by_their_kind() -> None:
    assert render(Reason("distance", km=7.25, max_km=100.0), "analysis.infeasible") == (
        "7,2 км — дальше допустимых 100 км"
    )
    assert render(Reason("online", name="А", km=None, index_gap=0.5), "analysis.hint") == (
        "онлайн-пара со школой «А» (? км, разница индексов +0,50)"
    )
    six = tuple(f"п{i}" for i in range(6))
    assert render(Reason("no_subjects", subjects=six), "analysis.pair") == (
        "слабые предметы подшефной (п0, п1, п2, п3, п4 и ещё 1) у тьютора не выделяются как сильные"
    )
    assert render(Reason("none_near", km=50.0, bands=(2, 2)), "analysis.unpaired").endswith(
        "из кластеров 2"
    )
    assert render(Reason("level", lm="primary", lt=None), "analysis.pair").endswith("тьютор —")


def test_a_column_renders_each_distinct_reason_once() -> None:
    same = (Reason("twice"),)
    assert render_column([same, (), same], "analysis.infeasible") == [
        "подшефная школа назначена больше одного раза",
        "",
        "подшефная школа назначена больше одного раза",
    ]


@pytest.mark.usefixtures("english")
def test_english_words_numbers_and_years() -> None:
    assert years_text([2024]) == "2024" and years_text([2022, 2023, 2024]) == "2022, 2023 and 2024"
    assert joined(["a", "b"]) == "a and b"
    assert render(Reason("distance", km=7.25, max_km=100.0), "analysis.infeasible") == (
        "7.2 km, beyond the allowed 100 km"
    )
    low = Reason("low", years=(2024, 2025), share=90, band=1, n_bands=5)
    assert "2024 and 2025" in render_all([low]) and "г." not in render_all([low])
