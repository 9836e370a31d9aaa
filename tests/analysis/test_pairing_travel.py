"""Pairing with travel times: minutes where given, straight-line km elsewhere; brute force."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from analysis.pairing import plan_pairs
from analysis.settings import AnalysisSettings
from labels.reasons import Reason
from tests.analysis.brute_force import brute_force, given_minutes
from tests.analysis.test_pairing import instances


@st.composite
def with_travel(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    schools, identified, _, _ = draw(instances())
    ids = list(schools["school_id"])
    rows: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 8))):
        a, b = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        if a == b:
            continue
        way = draw(st.sampled_from(["road", "public_transport"]))
        minutes = draw(st.sampled_from([5.0, 30.0, 60.0, 89.0, 90.0, 95.0, 200.0]))
        rows.append({"school_id": a, "other_school_id": b, "mode": way, "minutes": minutes})
    travel = pd.DataFrame(rows, columns=["school_id", "other_school_id", "mode", "minutes"])
    travel = travel.drop_duplicates(["school_id", "other_school_id", "mode"])
    return schools, identified, travel


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(with_travel(), st.sampled_from(["fastest", "road", "public_transport"]))
def test_plan_with_travel_times_matches_brute_force(
    inst: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], choice: str
) -> None:
    schools, identified, travel = inst
    s = AnalysisSettings.model_validate({"max_band_gap": 1, "travel_mode": choice, "max_km": 40})
    plan = plan_pairs(schools, identified, settings=s, travel_times=travel)
    n, cost = brute_force(schools, identified, s, travel=travel)
    event(f"pairs in the optimum: {n}; travel rows: {len(travel)}")
    assert plan.n_paired == n
    assert plan.total_cost == pytest.approx(cost, abs=n / s.cost_scale + 1e-9)
    for row in plan.pairs.to_dict("records"):
        minutes = given_minutes(travel, row["mentee_school_id"], row["tutor_school_id"], choice)
        way = row["reasons"][1]  # after the social conditions
        if minutes is None:
            assert pd.isna(row["travel_minutes"])
            assert way.code in ("straight", "coords_unknown")
        else:
            assert row["travel_minutes"] == minutes <= s.max_minutes
            assert way.code == "minutes" and way.params["minutes"] == round(minutes)


def _two_schools(km_apart: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    schools = pd.DataFrame(
        {
            "school_id": ["m", "t"],
            "name": ["М", "Т"],
            "municipality": "Р",
            "lat": [50.0, 50.0 + km_apart / 111.2],
            "lon": [30.0, 30.0],
            "level": "secondary",
            "tutor_capacity": [None, 1],
        }
    )
    ident = pd.DataFrame(
        {
            "school_id": ["m", "t"],
            "status": ["low", "strong"],
            "context_band": [1, 1],
            "social_index": [0.0, 0.1],
            "weak_subjects": [[], []],
            "strong_subjects": [[], []],
        }
    )
    return schools, ident


def test_minutes_decide_where_given_and_the_reason_says_so() -> None:
    schools, ident = _two_schools(30)  # 30 km apart: feasible by distance
    far = pd.DataFrame(
        {"school_id": ["m"], "other_school_id": ["t"], "mode": ["road"], "minutes": [140.0]}
    )
    plan = plan_pairs(schools, ident, travel_times=far)
    assert plan.n_paired == 0  # a river between them: 140 min by road
    cand = plan.candidates.iloc[0]
    assert Reason("time", minutes=140, max_minutes=90.0) in cand["infeasible_reasons"]
    near = far.assign(minutes=[45.0])
    plan = plan_pairs(schools, ident, travel_times=near)
    assert Reason("minutes", minutes=45, way="road") in plan.pairs["reasons"].iloc[0]
    plain = plan_pairs(schools, ident)
    assert Reason("straight", km=30.0) in plain.pairs["reasons"].iloc[0]
    # A pair beyond the radius in a straight line, but reachable in time, is considered.
    schools, ident = _two_schools(120)
    assert plan_pairs(schools, ident).n_paired == 0
    assert plan_pairs(schools, ident, travel_times=near.assign(minutes=[80.0])).n_paired == 1
