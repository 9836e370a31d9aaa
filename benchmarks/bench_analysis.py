"""Analysis benchmark: identification, pairing, exchange and coverage on the demo data.

Usage: python benchmarks/bench_analysis.py [--sizes region country] [--seed 42]
       [--as-of 2026-11-23] [--nx-max-arcs 20000] [--no-memory]

Prints, per demo size: the time of each step (identification, pairing incl. candidate
generation, the greedy baseline, exchange activity, coverage), each step's peak traced memory
(tracemalloc, measured in a second, traced run so it does not slow the timed one) and the
process's peak RSS; for pairing, the greedy baseline against the optimum (pairs, cost) and
``networkx.min_cost_flow`` against OR-Tools on the same candidate graph (on a subsample of
mentees when the graph has more than ``--nx-max-arcs`` arcs: networkx's network simplex is
far slower); and, where the generator's truth is known, precision and recall of the
identified low schools against the schools it made weak.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.coverage import coverage
from analysis.exchange import partnership_activity
from analysis.identify import identify_detail
from analysis.pairing import PairingPlan, greedy_plan, min_cost_assignment, plan_pairs
from analysis.settings import AnalysisSettings


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn: Callable[[], Any], memory: bool) -> tuple[Any, float, float | None]:
    """Result, wall time and (optionally, from a second traced run) peak traced MB."""
    t0 = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - t0
    peak = None
    if memory:
        tracemalloc.start()
        fn()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return out, seconds, peak


def networkx_vs_ortools(
    plan: PairingPlan, spare: dict[str, int], s: AnalysisSettings, max_arcs: int, seed: int
) -> dict[str, Any]:
    """Solve the same feasible candidate graph with networkx and OR-Tools, timing both."""
    cand = plan.candidates[plan.candidates["feasible"]]
    mentees = cand["mentee_school_id"].unique()
    note = "full graph"
    if len(cand) > max_arcs:
        rng = np.random.default_rng(seed)
        keep = max(1, int(len(mentees) * max_arcs / len(cand)))
        chosen = set(rng.choice(mentees, size=keep, replace=False))
        cand = cand[cand["mentee_school_id"].isin(chosen)]
        note = f"subsample: {keep} of {len(mentees)} mentees"
    m_codes, m_uniq = pd.factorize(cand["mentee_school_id"])
    t_codes, t_uniq = pd.factorize(cand["tutor_school_id"])
    caps = np.array([spare[t] for t in t_uniq], dtype=np.int64)
    t0 = time.perf_counter()
    chosen_arcs = min_cost_assignment(m_codes, t_codes, cand["cost"].to_numpy(), caps, s.cost_scale)
    ortools_s = time.perf_counter() - t0
    flow_value = int(chosen_arcs.sum())
    scaled = np.rint(cand["cost"].to_numpy() * s.cost_scale).astype(np.int64)
    ortools_cost = int(scaled[chosen_arcs].sum())

    g = nx.DiGraph()
    g.add_node("source", demand=-flow_value)
    g.add_node("sink", demand=flow_value)
    for i in range(len(m_uniq)):
        g.add_edge("source", ("m", i), capacity=1, weight=0)
    for j, cap in enumerate(caps):
        g.add_edge(("t", j), "sink", capacity=int(cap), weight=0)
    for a, b, c in zip(m_codes.tolist(), t_codes.tolist(), scaled.tolist(), strict=True):
        g.add_edge(("m", a), ("t", b), capacity=1, weight=c)
    t0 = time.perf_counter()
    flow = nx.min_cost_flow(g)
    nx_s = time.perf_counter() - t0
    return {
        "graph": note,
        "arcs": len(cand),
        "mentees": len(m_uniq),
        "tutors": len(t_uniq),
        "ortools_s": ortools_s,
        "networkx_s": nx_s,
        "same_cost": nx.cost_of_flow(g, flow) == ortools_cost,
    }


def spare_capacity(
    schools: pd.DataFrame, partnerships: pd.DataFrame, s: AnalysisSettings
) -> dict[str, int]:
    cap = pd.to_numeric(schools["tutor_capacity"], errors="coerce").fillna(s.default_tutor_capacity)
    spare = dict(zip(schools["school_id"].astype(str), cap.astype(int), strict=True))
    occ = partnerships[partnerships["status"].isin(list(s.occupying_statuses))]
    for t in occ["tutor_school_id"].astype(str):
        spare[t] = spare.get(t, 0) - 1
    return spare


def run(size: str, seed: int, as_of: dt.date, nx_max_arcs: int, memory: bool) -> None:
    from seeds.demo import generate

    s = AnalysisSettings()
    t0 = time.perf_counter()
    data = generate(size, seed=seed, as_of=as_of)
    sh = data.sheets
    print(f"\n=== {size}: {len(sh['schools']):,} schools, {len(sh['results']):,} result rows, "
          f"{len(sh['partnerships']):,} partnerships (generated in "
          f"{time.perf_counter() - t0:.1f} s; RSS {rss_mb():,.0f} MB) ===")  # fmt: skip
    rows: list[tuple[str, float, float | None]] = []

    det, sec, peak = timed(lambda: identify_detail(sh["schools"], sh["results"], s), memory)
    rows.append(("identification", sec, peak))
    ident = det.schools
    plan, sec, peak = timed(
        lambda: plan_pairs(sh["schools"], ident, sh["partnerships"], None, s), memory
    )
    rows.append(("pairing (optimal, incl. candidates)", sec, peak))
    greedy, sec, peak = timed(
        lambda: greedy_plan(sh["schools"], ident, sh["partnerships"], None, s), memory
    )
    rows.append(("pairing (greedy baseline)", sec, peak))
    args = (sh["partnerships"], sh["events"], sh["participation"], sh["teachers"], as_of, s)
    activity, sec, peak = timed(lambda: partnership_activity(*args), memory)
    rows.append(("exchange activity", sec, peak))
    cov, sec, peak = timed(
        lambda: coverage(
            ident,
            sh["teachers"],
            as_of=as_of,
            curatorships=sh["curators"],
            memberships=sh["memberships"],
            events=sh["events"],
            participation=sh["participation"],
            activity=activity,
            plan=plan,
            settings=s,
        ),
        memory,
    )
    rows.append(("coverage", sec, peak))

    print(f"{'step':<38}{'time, s':>10}{'peak traced, MB':>18}")
    for name, sec, peak in rows:
        mem = "-" if peak is None else f"{peak:,.0f}"
        print(f"{name:<38}{sec:>10.2f}{mem:>18}")
    print(f"process peak RSS (data + analysis): {rss_mb():,.0f} MB; load average now "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")  # fmt: skip

    counts = ident["status"].value_counts().to_dict()
    print(f"statuses: {counts}; window {det.window}; bands {int(ident['n_bands'].iloc[0])}")
    unpaired_with_tutor = int((plan.unpaired["n_feasible"] > 0).sum())
    mentees = plan.n_paired + len(plan.unpaired)
    feasible = plan.candidates["feasible"]
    print(f"pairing: {mentees} mentees, {len(plan.candidates):,} candidates "
          f"({int(feasible.sum()):,} feasible); optimum pairs {plan.n_paired}, "
          f"cost {plan.total_cost:.2f}; unpaired {len(plan.unpaired)} "
          f"(with a feasible tutor: {unpaired_with_tutor}; without any: "
          f"{len(plan.no_feasible_tutor())})")  # fmt: skip
    ratio_n = greedy.n_paired / plan.n_paired if plan.n_paired else float("nan")
    ratio_c = greedy.total_cost / plan.total_cost if plan.total_cost else float("nan")
    print(f"greedy baseline: pairs {greedy.n_paired} ({ratio_n:.3f} of the optimum), "
          f"cost {greedy.total_cost:.2f} ({ratio_c:.3f} x the optimum's)")  # fmt: skip
    if greedy.n_paired == plan.n_paired:
        print("  same number paired: the optimum's cost is never above greedy's: "
              f"{plan.total_cost <= greedy.total_cost + 1e-9}")  # fmt: skip
    # Tutors made scarce (one place each, a 40 km radius): where greedy loses pairs.
    scarce = AnalysisSettings(capacity_override=1, max_km=40)
    t0 = time.perf_counter()
    opt_s = plan_pairs(sh["schools"], ident, sh["partnerships"], None, scarce)
    scarce_s = time.perf_counter() - t0
    gr_s = greedy_plan(sh["schools"], ident, sh["partnerships"], None, scarce)
    print(f"scarce tutors (capacity 1, 40 km): optimum {opt_s.n_paired} pairs, cost "
          f"{opt_s.total_cost:.2f} ({scarce_s:.2f} s); greedy {gr_s.n_paired} pairs "
          f"({gr_s.n_paired / max(opt_s.n_paired, 1):.3f}), cost {gr_s.total_cost:.2f} "
          f"({gr_s.total_cost / max(opt_s.total_cost, 1e-9):.3f} x)")  # fmt: skip
    spare = spare_capacity(sh["schools"], sh["partnerships"], s)
    cmp = networkx_vs_ortools(plan, spare, s, nx_max_arcs, seed)
    print(f"networkx.min_cost_flow vs OR-Tools on the same graph ({cmp['graph']}; "
          f"{cmp['arcs']:,} arcs, {cmp['mentees']} mentees, {cmp['tutors']} tutors): "
          f"networkx {cmp['networkx_s']:.2f} s, OR-Tools {cmp['ortools_s']:.3f} s "
          f"({cmp['networkx_s'] / max(cmp['ortools_s'], 1e-9):,.0f}x); same cost: "
          f"{cmp['same_cost']}")  # fmt: skip
    total = cov.iloc[-1]
    print(f"coverage (region total): low-results {int(total['low_schools'])}, with an active pair "
          f"{total['low_with_active_pair_share']:.1%}, with a curator "
          f"{total['low_with_curator_share']:.1%}, dormant pairs {int(total['dormant_pairs'])}, "
          f"without a feasible tutor {int(total['low_without_feasible_tutor'])}")  # fmt: skip

    truth = data.truth.assign(school_id=data.truth["school_id"].astype(str))
    weak = set(truth.loc[truth["made_weak"].astype(bool), "school_id"])
    made_strong = set(truth.loc[truth["made_strong"].astype(bool), "school_id"])
    low = set(ident.loc[ident["status"] == "low", "school_id"])
    strong = set(ident.loc[ident["status"].isin(["strong", "resilient"]), "school_id"])
    official = set(ident.loc[ident["official_low_results"], "school_id"])
    for label, found, actual in (
        ("computed low vs made weak", low, weak),
        ("official low-results list vs made weak", official, weak),
        ("strong+resilient vs made strong", strong, made_strong),
    ):
        tp = len(found & actual)
        print(f"{label}: precision {tp / max(len(found), 1):.3f}, recall "
              f"{tp / max(len(actual), 1):.3f} ({tp} of {len(found)} found, "
              f"{len(actual)} in truth)")  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", default=["region", "country"])
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 11, 23))
    ap.add_argument("--nx-max-arcs", type=int, default=20_000)
    ap.add_argument("--no-memory", action="store_true", help="skip the traced runs")
    args = ap.parse_args()
    for size in args.sizes:
        run(size, args.seed, args.as_of, args.nx_max_arcs, not args.no_memory)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
