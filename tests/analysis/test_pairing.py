"""The pairing plan: hand-made cases, and the exact optimum against brute force."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from analysis.pairing import (
    candidate_pairs,
    evaluate_pair,
    evaluate_plan,
    greedy_plan,
    plan_cost,
    plan_pairs,
)
from analysis.settings import AnalysisSettings
from labels.reasons import Reason
from tests.analysis.brute_force import R, brute_force, haversine

KM_PER_DEG_LAT = math.pi * R / 180  # ≈ 111.2 km


def school(sid: str, km_north: float | None, **kw: Any) -> dict[str, Any]:
    """A school ``km_north`` km north of (50°N, 30°E) (None: unknown coordinates)."""
    return {
        "school_id": sid,
        "name": f"Школа {sid}",
        "municipality": kw.pop("municipality", "Район"),
        "lat": None if km_north is None else 50 + km_north / KM_PER_DEG_LAT,
        "lon": None if km_north is None else 30.0,
        "level": kw.pop("level", "secondary"),
        "tutor_capacity": kw.pop("capacity", None),
        **kw,
    }


def ident(sid: str, status: str, band: int, index: float, **kw: Any) -> dict[str, Any]:
    return {
        "school_id": sid,
        "status": status,
        "context_band": band,
        "social_index": index,
        "weak_subjects": kw.get("weak", []),
        "strong_subjects": kw.get("strong", []),
        "official_low_results": kw.get("official_low", False),
        "official_tutor": kw.get("official_tutor", False),
    }


def frames(*pairs: tuple[dict[str, Any], dict[str, Any]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.DataFrame([p[0] for p in pairs]), pd.DataFrame([p[1] for p in pairs])


# --- hand-made cases --------------------------------------------------------------------------


def test_the_optimum_pairs_more_than_greedy() -> None:
    # m1 is nearest t1, but t1 is m2's only feasible tutor: greedy (m1 first) strands m2.
    schools, identified = frames(
        (school("m1", 0), ident("m1", "low", 2, 0.0)),
        (school("m2", 50), ident("m2", "low", 1, -1.0)),
        (school("t1", 30, capacity=1), ident("t1", "strong", 1, -0.5)),
        (school("t2", -40, capacity=1), ident("t2", "strong", 3, 1.0)),
    )
    opt = plan_pairs(schools, identified)
    got = zip(opt.pairs["mentee_school_id"], opt.pairs["tutor_school_id"], strict=True)
    assert sorted(got) == [
        ("m1", "t2"),
        ("m2", "t1"),
    ]
    greedy = greedy_plan(schools, identified)
    assert greedy.n_paired == 1 and greedy.unpaired["mentee_school_id"].tolist() == ["m2"]
    assert greedy.unpaired.loc[0, "n_feasible"] == 1
    assert greedy.unpaired.loc[0, "reason"] == Reason("all_taken", n=1, km=100.0)


def test_cost_is_the_documented_weighted_sum() -> None:
    schools, identified = frames(
        (
            school("m", 0, level="secondary"),
            ident("m", "low", 2, 0.0, weak=["Математика", "Физика", "Химия", "История"]),
        ),
        (
            school("t", 60, level="basic"),
            ident("t", "strong", 2, 0.3, strong=["Математика", "Физика", "Биология"]),
        ),
    )
    plan = plan_pairs(schools, identified)
    p = plan.pairs.iloc[0]
    s = AnalysisSettings()
    assert p["distance_km"] == pytest.approx(60, abs=1e-6)
    assert p["subject_fit"] == 0.5 and bool(p["level_mismatch"])
    expected = (
        s.weight_social_gap * 0.3
        + s.weight_distance * 0.6
        + s.weight_subject_misfit * 0.5
        + s.weight_level_mismatch
    )
    assert p["cost"] == pytest.approx(expected)
    assert p["reasons"][1:] == (
        Reason("straight", km=60.0),
        Reason("subjects", subjects=("Математика", "Физика"), n=2, total=4),
        Reason("level", lm="secondary", lt="basic"),
        Reason("tutor_strong"),
    )


def test_secondary_tutor_covers_a_basic_mentee() -> None:
    schools, identified = frames(
        (school("m", 0, level="basic"), ident("m", "low", 1, 0.0)),
        (school("t", 1, level="secondary"), ident("t", "strong", 1, 0.0)),
    )
    assert not plan_pairs(schools, identified).pairs.loc[0, "level_mismatch"]


def test_band_gap_distance_and_same_school_rules() -> None:
    schools, identified = frames(
        (school("m", 0), ident("m", "low", 1, -1.0)),
        (school("far", 101), ident("far", "strong", 1, -1.0)),
        (school("gap2", 5), ident("gap2", "strong", 3, 1.0)),
        (school("ok", 99), ident("ok", "resilient", 2, 0.0)),
    )
    cand = candidate_pairs(schools, identified).set_index("tutor_school_id")
    assert "far" not in cand.index  # beyond the radius: not a candidate
    assert not cand.loc["gap2", "feasible"]
    assert cand.loc["gap2", "infeasible_reasons"] == (Reason("band", bm=1, bt=3, gap=1),)
    assert cand.loc["ok", "feasible"]
    plan = plan_pairs(schools, identified, settings=AnalysisSettings(max_band_gap=0))
    assert plan.n_paired == 0
    hints = {h.code: h.params for h in plan.unpaired["hints"].iloc[0]}
    assert hints["wider"] == {"name": "Школа far", "km": 101.0, "radius": 110}
    assert hints["next_band"] == {"name": "Школа ok", "band": 2, "km": 99.0, "gap": 1}
    assert plan.unpaired.loc[0, "nearest_tutor_id"] == "far"


def test_hints_for_a_mentee_with_no_tutor_near() -> None:
    schools, identified = frames(
        (school("m", 0), ident("m", "low", 2, 0.0, weak=["Физика"])),
        (school("near", 150), ident("near", "strong", 2, 0.9)),
        (school("alike", 300), ident("alike", "strong", 2, 0.0, strong=["Физика"])),
    )
    row = plan_pairs(schools, identified).unpaired.iloc[0]
    assert row["reason"] == Reason("none_near", km=100.0, bands=(1, 2))
    assert (row["nearest_tutor_id"], row["online_tutor_id"]) == ("near", "alike")
    online = Reason("online", name="Школа alike", km=300.0, index_gap=0.0)
    assert online in row["hints"]


def test_unknown_coordinates_are_feasible_but_flagged_and_cost_the_max_distance() -> None:
    schools, identified = frames(
        (school("m", 0), ident("m", "low", 1, 0.0)),
        (school("t", None), ident("t", "strong", 1, 0.0)),
    )
    plan = plan_pairs(schools, identified)
    p = plan.pairs.iloc[0]
    assert bool(p["coords_unknown"]) and math.isnan(p["distance_km"])
    assert p["cost"] == pytest.approx(AnalysisSettings().weight_distance * 1.0)
    assert Reason("coords_unknown") in p["reasons"]


def test_active_partnerships_take_the_mentee_and_a_tutor_place() -> None:
    schools, identified = frames(
        (school("m1", 0), ident("m1", "low", 1, 0.0)),
        (school("m2", 10), ident("m2", "low", 1, 0.0)),
        (school("m3", 20), ident("m3", "low", 1, 0.0)),
        (school("t", 5, capacity=2), ident("t", "strong", 1, 0.0)),
    )
    partnerships = pd.DataFrame(
        {
            "partnership_id": ["p1", "p2"],
            "tutor_school_id": ["t", "t"],
            "mentee_school_id": ["m1", "m2"],
            "status": ["active", "closed"],
        }
    )
    plan = plan_pairs(schools, identified, partnerships)
    # m1 is taken; t has one place left (the closed pair frees its place): m2 or m3 gets it.
    assert plan.n_paired == 1
    assert "m1" not in set(plan.pairs["mentee_school_id"]) | set(plan.unpaired["mentee_school_id"])
    partnerships.loc[1, "status"] = "agreed"
    plan = plan_pairs(schools, identified, partnerships)
    assert plan.n_paired == 0
    row = plan.unpaired.iloc[0]
    assert row["mentee_school_id"] == "m3" and row["n_feasible"] == 0
    assert row["reason"] == Reason("full", n=1)
    capacity = Reason("capacity", name="Школа t", km=15.0, capacity=2, more=3)
    assert capacity in row["hints"]
    cand = plan.candidates.set_index("mentee_school_id")
    assert cand.loc["m3", "infeasible_reasons"] == (Reason("full", used=2, capacity=2),)
    assert plan.no_feasible_tutor() == ["m3"]


def test_exclusions_are_respected() -> None:
    schools, identified = frames(
        (school("m", 0), ident("m", "low", 1, 0.0)),
        (school("t1", 1), ident("t1", "strong", 1, 0.0)),
        (school("t2", 80), ident("t2", "strong", 1, 0.0)),
    )
    excl = pd.DataFrame({"tutor_school_id": ["t1"], "mentee_school_id": ["m"]})
    plan = plan_pairs(schools, identified, exclusions=excl)
    assert plan.pairs["tutor_school_id"].tolist() == ["t2"]
    cand = plan.candidates.set_index("tutor_school_id")
    assert cand.loc["t1", "infeasible_reasons"] == (Reason("excluded"),)


def test_municipality_settings() -> None:
    schools, identified = frames(
        (school("a", 0, municipality="А"), ident("a", "low", 1, 0.0)),
        (school("b", 3, municipality="Б"), ident("b", "low", 1, 0.0)),
        (school("tb", 1, municipality="Б"), ident("tb", "strong", 1, 0.0)),
    )
    only_a = plan_pairs(schools, identified, settings=AnalysisSettings(municipalities=("А",)))
    assert only_a.pairs["mentee_school_id"].tolist() == ["a"]  # tutor from Б is allowed
    closed = plan_pairs(schools, identified, settings=AnalysisSettings(cross_municipality=False))
    assert closed.pairs["mentee_school_id"].tolist() == ["b"]
    assert closed.unpaired.loc[0, "reason"] == Reason("municipality")


def test_official_lists_and_mentees_never_tutor() -> None:
    schools, identified = frames(
        (school("m", 0), ident("m", "regular", 1, 0.0, official_low=True)),
        (school("x", 1), ident("x", "strong", 1, 0.0, official_low=True)),
        (school("t", 2), ident("t", "regular", 1, 0.0, official_tutor=True)),
    )
    plan = plan_pairs(schools, identified)
    assert sorted(plan.pairs["tutor_school_id"]) == ["t", "t"]
    assert plan.pairs["reasons"].iloc[0][-1] == Reason("tutor_official")
    off = plan_pairs(schools, identified, settings=AnalysisSettings(include_official_low=False))
    assert off.n_paired == 0 and off.unpaired.empty


def test_mentee_without_social_index() -> None:
    schools, identified = frames(
        (school("m", 0), ident("m", "low", 1, 0.0)),
        (school("t", 1), ident("t", "strong", 1, 0.0)),
    )
    identified.loc[0, ["context_band", "social_index"]] = None
    plan = plan_pairs(schools, identified)
    assert plan.n_paired == 0
    assert plan.unpaired.loc[0, "reason"] == Reason("no_index")
    assert plan.unpaired.loc[0, "hints"] == (Reason("fill_index"),)


def test_evaluate_pair_and_plan_cost_for_hand_edits() -> None:
    schools, identified = frames(
        (school("m1", 0), ident("m1", "low", 1, 0.0)),
        (school("m2", 0), ident("m2", "low", 1, 0.0)),
        (school("t", 10, capacity=1), ident("t", "strong", 1, 0.5)),
        (school("r", 10), ident("r", "regular", 1, 0.5)),
    )
    ok = evaluate_pair(schools, identified, "m1", "t")
    assert ok["feasible"] and ok["cost"] == pytest.approx(0.5 + 0.05)
    assert ok["reasons"][0] == Reason("social", im=0.0, it=0.5, bm=1, bt=1)
    assert ok["infeasible_reasons"] == ()
    bad = evaluate_pair(schools, identified, "m1", "r")
    assert not bad["feasible"] and bad["reasons"] == ()
    assert bad["infeasible_reasons"] == (Reason("not_tutor", status="regular"),)
    both = pd.DataFrame({"mentee_school_id": ["m1", "m2"], "tutor_school_id": ["t", "t"]})
    ev = evaluate_plan(schools, identified, both)
    assert ev["feasible"].tolist() == [True, False]
    assert ev.loc[1, "infeasible_reasons"] == (Reason("over_capacity", spare=1),)
    assert plan_cost(schools, identified, both) == math.inf
    assert plan_cost(schools, identified, both.iloc[:1]) == pytest.approx(0.55)
    missing = evaluate_pair(schools, identified, "m1", "nope")
    assert missing["infeasible_reasons"] == (Reason("unknown_school"),)


def test_candidate_cap_keeps_the_cheapest() -> None:
    schools, identified = frames(
        (school("m", 0), ident("m", "low", 1, 0.0)),
        (school("t1", 10), ident("t1", "strong", 1, 0.0)),
        (school("t2", 20), ident("t2", "strong", 1, 0.0)),
    )
    plan = plan_pairs(schools, identified, settings=AnalysisSettings(candidates_per_mentee=1))
    assert plan.pairs["tutor_school_id"].tolist() == ["t1"]
    assert len(plan.candidates) == 2  # the cap only limits the solver, not the report


def test_empty_inputs() -> None:
    schools, identified = frames((school("t", 0), ident("t", "strong", 1, 0.0)))
    plan = plan_pairs(schools, identified)
    assert plan.n_paired == 0 and plan.unpaired.empty and plan.candidates.empty


SUBJECTS = ["Математика", "Русский язык", "Физика"]


@st.composite
def instances(draw: st.DrawFn) -> tuple[pd.DataFrame, ...]:
    n_m = draw(st.integers(1, 5))
    n_t = draw(st.integers(1, 4))
    rows, idents = [], []
    for k in range(n_m + n_t):
        sid = f"m{k}" if k < n_m else f"t{k}"
        known = draw(st.booleans()) or draw(st.booleans())
        rows.append(
            {
                "school_id": sid,
                "name": sid,
                "municipality": "Р",
                "lat": draw(st.floats(49.6, 50.4)) if known else None,
                "lon": draw(st.floats(29.4, 30.6)) if known else None,
                "level": draw(st.sampled_from(["primary", "basic", "secondary"])),
                "tutor_capacity": draw(st.sampled_from([None, 0, 1, 2])),
            }
        )
        idents.append(
            {
                "school_id": sid,
                "status": "low" if k < n_m else draw(st.sampled_from(["strong", "resilient"])),
                "context_band": draw(st.integers(1, 3)),
                "social_index": draw(st.floats(-2, 2)),
                "weak_subjects": draw(st.lists(st.sampled_from(SUBJECTS), unique=True)),
                "strong_subjects": draw(st.lists(st.sampled_from(SUBJECTS), unique=True)),
            }
        )
    ms = [r["school_id"] for r in rows[:n_m]]
    ts = [r["school_id"] for r in rows[n_m:]]
    pairs = [(m, t) for m in ms for t in ts]
    excl = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3))
    active = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2))
    statuses = [draw(st.sampled_from(["active", "agreed", "closed", "proposed"])) for _ in active]
    return (
        pd.DataFrame(rows),
        pd.DataFrame(idents),
        pd.DataFrame(
            {
                "tutor_school_id": [t for _, t in active],
                "mentee_school_id": [m for m, _ in active],
                "status": statuses,
            },
            dtype=object,
        ),
        pd.DataFrame(
            {"tutor_school_id": [t for _, t in excl], "mentee_school_id": [m for m, _ in excl]},
            dtype=object,
        ),
    )


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.sampled_from([0, 1]))
def test_plan_matches_brute_force(inst: tuple[pd.DataFrame, ...], gap: int) -> None:
    schools, identified, partnerships, exclusions = inst
    s = AnalysisSettings(max_band_gap=gap)
    plan = plan_pairs(schools, identified, partnerships, exclusions, s)
    n, cost = brute_force(schools, identified, s, partnerships, exclusions)
    event(f"pairs in the optimum: {n}")
    assert plan.n_paired == n
    assert plan.total_cost == pytest.approx(cost, abs=n / s.cost_scale + 1e-9)
    # Every suggested pair respects the rules, checked from the raw inputs.
    info = schools.merge(identified, on="school_id").set_index("school_id")
    occupying = partnerships[partnerships["status"].isin(["agreed", "active"])]
    excluded = set(zip(exclusions["mentee_school_id"], exclusions["tutor_school_id"], strict=True))
    for m, t in zip(plan.pairs["mentee_school_id"], plan.pairs["tutor_school_id"], strict=True):
        a, b = info.loc[m], info.loc[t]
        assert abs(a["context_band"] - b["context_band"]) <= gap
        if not (pd.isna(a["lat"]) or pd.isna(b["lat"])):
            assert haversine(a["lat"], a["lon"], b["lat"], b["lon"]) <= s.max_km + 1e-6
        assert (m, t) not in excluded and m not in set(occupying["mentee_school_id"])
    for t, k in Counter(plan.pairs["tutor_school_id"]).items():
        cap = info.loc[t, "tutor_capacity"]
        cap = 2 if pd.isna(cap) else int(cap)
        assert k <= cap - int((occupying["tutor_school_id"] == t).sum())
    assert plan.pairs["mentee_school_id"].is_unique
    # The greedy baseline never pairs more, nor pairs as many for less.
    g = greedy_plan(schools, identified, partnerships, exclusions, s)
    assert g.n_paired <= n
    if g.n_paired == n:
        assert g.total_cost >= cost - n / s.cost_scale - 1e-9
    worse = g.n_paired < n or g.total_cost > cost + 1e-6
    event("greedy worse than the optimum" if worse else "greedy optimal")
    # Unpaired mentees with a feasible tutor only happen when all are used by the plan.
    assert set(plan.unpaired["mentee_school_id"]).isdisjoint(plan.pairs["mentee_school_id"])


def test_larger_random_instance_against_networkx() -> None:
    import networkx as nx

    rng = np.random.default_rng(7)
    n = 120
    schools = pd.DataFrame(
        {
            "school_id": [f"s{i}" for i in range(n)],
            "name": "x",
            "municipality": "Р",
            "lat": rng.uniform(50, 51.5, n),
            "lon": rng.uniform(30, 32, n),
            "tutor_capacity": rng.integers(0, 3, n),
        }
    )
    identified = pd.DataFrame(
        {
            "school_id": schools["school_id"],
            "status": rng.choice(["low", "strong", "regular"], n, p=[0.4, 0.3, 0.3]),
            "context_band": rng.integers(1, 6, n),
            "social_index": rng.normal(0, 1, n),
        }
    )
    s = AnalysisSettings()
    plan = plan_pairs(schools, identified, settings=s)
    cand = plan.candidates[plan.candidates["feasible"]]
    g = nx.DiGraph()
    for m in cand["mentee_school_id"].unique():
        g.add_edge("src", ("m", m), capacity=1, weight=0)
    caps = dict(zip(schools["school_id"], schools["tutor_capacity"], strict=True))
    for t in cand["tutor_school_id"].unique():
        g.add_edge(("t", t), "sink", capacity=int(caps[t]), weight=0)
    for m, t, c in cand[["mentee_school_id", "tutor_school_id", "cost"]].itertuples(index=False):
        g.add_edge(("m", m), ("t", t), capacity=1, weight=round(c * s.cost_scale))
    flow = nx.max_flow_min_cost(g, "src", "sink")
    n_nx = sum(flow["src"].values())
    cost_nx = nx.cost_of_flow(g, flow) / s.cost_scale
    assert plan.n_paired == n_nx
    assert plan.total_cost == pytest.approx(cost_nx, abs=plan.n_paired / s.cost_scale)
