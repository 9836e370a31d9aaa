"""The optimal pairing plan: as many mentees paired as possible, at the least total cost.

DESIGN.md, "Pairing". Mentees are ``low`` schools (and, by default, the official ШНОР list)
without an occupying partnership (status ``agreed``/``active``); tutors are ``strong`` and
``resilient`` schools (and, by default, the official tutor list) that are not mentees, with
spare capacity (``tutor_capacity`` or the default, minus their occupying partnerships). A pair
is feasible when the two bands differ by at most ``max_band_gap``, the great-circle distance is
at most ``max_km`` (unknown coordinates: feasible, flagged, costed as ``max_km``), the
coordinator did not exclude it, and (with ``cross_municipality`` off) both schools share a
municipality. Its cost is

    weight_social_gap * |index gap| + weight_distance * km / 100
    + weight_subject_misfit * (share of the mentee's weak subjects the tutor is not strong in)
    + weight_level_mismatch * (the tutor's level does not cover the mentee's).

The plan is exact: OR-Tools' min-cost flow (``solve_max_flow_with_min_cost``) over mentee →
tutor arcs (capacity 1, cost scaled to integers by ``cost_scale``) and tutor → sink arcs
(capacity = spare) gives the maximum number of pairs and, among such plans, the least cost.
Candidates come from a k-d tree over 3-D unit vectors: every tutor within the radius is
considered, so the plan is exact over all feasible pairs. ``candidates_per_mentee`` may cap
the solver's arcs to each mentee's cheapest feasible ones (faster; exact only among those).

Examples
--------
>>> schools = pd.DataFrame({"school_id": ["m1", "t1", "t2"], "name": ["М1", "Т1", "Т2"],
...     "municipality": "Район", "lat": [52.0, 52.1, 52.5], "lon": [107.0, 107.0, 107.0],
...     "level": "secondary", "tutor_capacity": [None, 1, 1]})
>>> identified = pd.DataFrame({"school_id": ["m1", "t1", "t2"],
...     "status": ["low", "strong", "strong"], "context_band": [1, 1, 2],
...     "social_index": [-1.0, -0.8, 0.2], "weak_subjects": [["Математика"], [], []],
...     "strong_subjects": [[], ["Физика"], ["Математика"]]})
>>> plan = plan_pairs(schools, identified)
>>> plan.pairs[["mentee_school_id", "tutor_school_id", "distance_km"]].round(1).values.tolist()
[['m1', 't1', 11.1]]
>>> round(plan.total_cost, 3)
1.256
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.pair_reasons import cells, flag_reasons, pair_reason
from analysis.pair_rules import Roster, Scores, build_roster, km_to_chord, score_pairs
from analysis.pair_whatif import unpaired_reasons
from analysis.settings import AnalysisSettings
from labels.reasons import Reason

__all__ = [
    "PairingPlan",
    "candidate_pairs",
    "evaluate_pair",
    "evaluate_plan",
    "greedy_plan",
    "min_cost_assignment",
    "plan_cost",
    "plan_pairs",
]

PAIR_COLUMNS = [
    "mentee_school_id",
    "tutor_school_id",
    "cost",
    "social_gap",
    "distance_km",
    "subject_fit",
    "band_gap",
    "level_mismatch",
    "coords_unknown",
]


@dataclass(frozen=True)
class PairingPlan:
    """A pairing plan with its explanation.

    Attributes
    ----------
    pairs : DataFrame
        One row per suggested pair: ``PAIR_COLUMNS`` + names, municipalities and ``reasons``
        (a tuple of :class:`labels.reasons.Reason`, codes of ``analysis.pair.*``).
    unpaired : DataFrame
        One row per mentee left without a tutor: ``mentee_school_id``, ``n_feasible``
        (feasible tutors with spare capacity), ``reason`` (a Reason of
        ``analysis.unpaired.*``) and ``hints`` (what would pair it: Reasons of
        ``analysis.hint.*``), with the hinted tutors' ids.
    candidates : DataFrame
        Every mentee-tutor pair considered (all tutors within the radius, and all pairs with
        unknown coordinates): ``PAIR_COLUMNS``, ``feasible`` and ``infeasible_reasons`` (Reasons
        of ``analysis.infeasible.*``; ``()`` when feasible).
    method : str
        ``"optimal"`` or ``"greedy"``.
    """

    pairs: pd.DataFrame
    unpaired: pd.DataFrame
    candidates: pd.DataFrame
    method: str = "optimal"

    @property
    def n_paired(self) -> int:
        return len(self.pairs)

    @property
    def total_cost(self) -> float:
        return float(self.pairs["cost"].sum())

    def no_feasible_tutor(self) -> list[str]:
        """Mentees without any feasible tutor with spare capacity."""
        return self.unpaired.loc[self.unpaired["n_feasible"] == 0, "mentee_school_id"].tolist()


def _candidates(r: Roster) -> Scores:
    s = r.settings
    mentees = np.flatnonzero(r.is_mentee)
    tutors = np.flatnonzero(r.is_tutor)
    mk, tk = mentees[r.has_xyz[mentees]], tutors[r.has_xyz[tutors]]
    parts_m, parts_t = [], []
    if len(mk) and len(tk):
        from scipy.spatial import cKDTree  # heavy: imported when pairs are planned

        near = cKDTree(r.xyz[mk]).sparse_distance_matrix(
            cKDTree(r.xyz[tk]), km_to_chord(s.max_km) * (1 + 1e-9), output_type="ndarray"
        )
        parts_m.append(mk[near["i"]])
        parts_t.append(tk[near["j"]])
    # Unknown coordinates cannot be ruled out by distance: such pairs are all considered.
    mu, tu = mentees[~r.has_xyz[mentees]], tutors[~r.has_xyz[tutors]]
    parts_m += [np.repeat(mu, len(tutors)), np.repeat(mk, len(tu))]
    parts_t += [np.tile(tutors, len(mu)), np.tile(tu, len(mk))]
    # A pair with a given travel time is considered whatever its straight-line distance.
    ta, tb = r.travel.pairs()
    timed = r.is_mentee[ta] & r.is_tutor[tb]
    parts_m.append(ta[timed])
    parts_t.append(tb[timed])
    m = np.concatenate(parts_m) if parts_m else np.zeros(0, np.int64)
    tt = np.concatenate(parts_t) if parts_t else np.zeros(0, np.int64)
    _, first = np.unique(m * r.n + tt, return_index=True)
    m, tt = m[first], tt[first]
    order = np.lexsort((tt, m))
    return score_pairs(r, m[order], tt[order])


def _candidate_frame(r: Roster, cand: Scores) -> pd.DataFrame:
    df = cand.frame(r)
    df["feasible"] = cand.flags == 0
    df["infeasible_reasons"] = flag_reasons(cand, r)
    return df


def min_cost_assignment(
    mentee: np.ndarray,
    tutor: np.ndarray,
    cost: np.ndarray,
    capacity: np.ndarray,
    cost_scale: int = 10_000,
) -> np.ndarray:
    """The exact lexicographic optimum over given arcs: most pairs, then least total cost.

    Parameters
    ----------
    mentee, tutor : array of int
        The two ends of each allowed arc (any integer labels).
    cost : array of float
        Cost of each arc (non-negative); rounded to ``1 / cost_scale``.
    capacity : array of int
        Places of each tutor, indexed by the tutor label (``capacity[tutor[i]]``).
    cost_scale : int

    Returns
    -------
    array of bool
        Which arcs are chosen; each mentee at most once, each tutor at most its capacity.

    Examples
    --------
    >>> min_cost_assignment(np.array([0, 0, 1]), np.array([0, 1, 0]),
    ...                     np.array([1.0, 5.0, 2.0]), np.array([1, 1])).tolist()
    [False, True, True]
    """
    chosen = np.zeros(len(mentee), dtype=bool)
    if not len(mentee):
        return chosen
    mu, mloc = np.unique(mentee, return_inverse=True)
    tu, tloc = np.unique(tutor, return_inverse=True)
    sink = len(mu) + len(tu)
    from ortools.graph.python import min_cost_flow  # heavy: imported when pairs are planned

    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(
        mloc.astype(np.int32),
        (len(mu) + tloc).astype(np.int32),
        np.ones(len(mentee), dtype=np.int64),
        np.rint(np.asarray(cost) * cost_scale).astype(np.int64),
    )
    smcf.add_arcs_with_capacity_and_unit_cost(
        (len(mu) + np.arange(len(tu))).astype(np.int32),
        np.full(len(tu), sink, dtype=np.int32),
        np.asarray(capacity)[tu].astype(np.int64),
        np.zeros(len(tu), dtype=np.int64),
    )
    # Every mentee offers one unit; the solver sends as many as fit, as cheaply as possible.
    smcf.set_nodes_supplies(
        np.arange(sink + 1, dtype=np.int32),
        np.r_[np.ones(len(mu), np.int64), np.zeros(len(tu), np.int64), -len(mu)],
    )
    status = smcf.solve_max_flow_with_min_cost()
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    chosen[:] = smcf.flows(np.arange(len(mentee))) > 0
    return chosen


def _solve(r: Roster, cand: Scores) -> np.ndarray:
    """Indices into ``cand`` of the chosen pairs (exact lexicographic optimum)."""
    s = r.settings
    ok = np.flatnonzero(cand.flags == 0)
    if s.candidates_per_mentee is not None and len(ok):
        o = ok[np.lexsort((cand.cost[ok], cand.mentee[ok]))]
        first = np.r_[True, cand.mentee[o][1:] != cand.mentee[o][:-1]]
        start = np.maximum.accumulate(np.where(first, np.arange(len(o)), 0))
        ok = np.sort(o[np.arange(len(o)) - start < s.candidates_per_mentee])
    chosen = min_cost_assignment(
        cand.mentee[ok], cand.tutor[ok], cand.cost[ok], r.spare, s.cost_scale
    )
    return ok[chosen]


def _greedy(r: Roster, cand: Scores) -> np.ndarray:
    ok = np.flatnonzero(cand.flags == 0)
    # Each mentee in turn (schools-sheet order) takes its nearest tutor with a place left.
    dist = np.where(cand.coords_unknown[ok], np.inf, cand.distance_km[ok])
    ok = ok[np.lexsort((cand.cost[ok], dist, cand.mentee[ok]))]
    left = r.spare.copy()
    chosen = []
    done = -1
    for i in ok:
        m, tt = cand.mentee[i], cand.tutor[i]
        if m == done or left[tt] <= 0:
            continue
        left[tt] -= 1
        chosen.append(i)
        done = m
    return np.array(chosen, dtype=np.int64)


def _assemble(r: Roster, cand: Scores, chosen: np.ndarray, method: str) -> PairingPlan:
    pairs = cand.frame(r).iloc[chosen].reset_index(drop=True)
    m, tt = cand.mentee[chosen], cand.tutor[chosen]
    pairs.insert(1, "mentee_name", r.name[m])
    pairs.insert(2, "mentee_municipality", r.municipality[m])
    pairs.insert(4, "tutor_name", r.name[tt])
    pairs.insert(5, "tutor_municipality", r.municipality[tt])
    pairs["tutor_status"] = r.status[tt]
    pairs["reasons"] = cells([pair_reason(r, cand, int(i)) for i in chosen])
    pairs = pairs.sort_values(["mentee_school_id"], kind="stable").reset_index(drop=True)
    residual = r.spare.copy()
    np.subtract.at(residual, tt, 1)
    mentees = np.flatnonzero(r.is_mentee)
    unpaired = unpaired_reasons(r, cand, np.setdiff1d(mentees, m), residual)
    return PairingPlan(pairs, unpaired, _candidate_frame(r, cand), method)


def _roster(
    schools: pd.DataFrame,
    identified: pd.DataFrame,
    partnerships: pd.DataFrame | None,
    exclusions: pd.DataFrame | None,
    settings: AnalysisSettings | None,
    travel_times: pd.DataFrame | None = None,
) -> Roster:
    return build_roster(
        schools, identified, partnerships, exclusions, settings or AnalysisSettings(), travel_times
    )


def candidate_pairs(
    schools: pd.DataFrame,
    identified: pd.DataFrame,
    partnerships: pd.DataFrame | None = None,
    exclusions: pd.DataFrame | None = None,
    settings: AnalysisSettings | None = None,
    travel_times: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every mentee-tutor pair considered, scored, with feasibility and a reason.

    Parameters
    ----------
    schools : DataFrame
        The schools sheet (coordinates, level, tutor capacity, official lists).
    identified : DataFrame
        :func:`analysis.identify.identify` of the same schools.
    partnerships, exclusions : DataFrame, optional
        Existing partnerships; pairs the coordinator rejected.
    settings : AnalysisSettings, optional

    Returns
    -------
    DataFrame
        ``PAIR_COLUMNS`` + ``feasible`` + ``infeasible_reasons``.
    """
    r = _roster(schools, identified, partnerships, exclusions, settings, travel_times)
    return _candidate_frame(r, _candidates(r))


def plan_pairs(
    schools: pd.DataFrame,
    identified: pd.DataFrame,
    partnerships: pd.DataFrame | None = None,
    exclusions: pd.DataFrame | None = None,
    settings: AnalysisSettings | None = None,
    travel_times: pd.DataFrame | None = None,
) -> PairingPlan:
    """The exact optimal plan (most pairs, then least total cost); see the module doc.

    Parameters are those of :func:`candidate_pairs`.

    Returns
    -------
    PairingPlan
    """
    r = _roster(schools, identified, partnerships, exclusions, settings, travel_times)
    cand = _candidates(r)
    return _assemble(r, cand, _solve(r, cand), "optimal")


def greedy_plan(
    schools: pd.DataFrame,
    identified: pd.DataFrame,
    partnerships: pd.DataFrame | None = None,
    exclusions: pd.DataFrame | None = None,
    settings: AnalysisSettings | None = None,
    travel_times: pd.DataFrame | None = None,
) -> PairingPlan:
    """Baseline for benchmarks: each mentee in turn takes its nearest feasible tutor with a
    place left (not optimal: it may pair fewer mentees, at a higher cost).

    Examples
    --------
    >>> schools = pd.DataFrame({"school_id": ["a", "b", "t"], "name": ["A", "B", "T"],
    ...     "municipality": "Р", "lat": [50.0, 50.2, 50.1], "lon": [30.0, 30.0, 30.0],
    ...     "tutor_capacity": [None, None, 1]})
    >>> ident = pd.DataFrame({"school_id": ["a", "b", "t"], "status": ["low", "low", "strong"],
    ...     "context_band": [1, 1, 1], "social_index": [0.0, 0.0, 0.0]})
    >>> greedy_plan(schools, ident).pairs["mentee_school_id"].tolist()
    ['a']
    """
    r = _roster(schools, identified, partnerships, exclusions, settings, travel_times)
    cand = _candidates(r)
    return _assemble(r, cand, _greedy(r, cand), "greedy")


def evaluate_plan(
    schools: pd.DataFrame,
    identified: pd.DataFrame,
    pairs: pd.DataFrame,
    partnerships: pd.DataFrame | None = None,
    exclusions: pd.DataFrame | None = None,
    settings: AnalysisSettings | None = None,
    travel_times: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Score any set of pairs (e.g. a plan the coordinator edited by hand).

    Parameters
    ----------
    pairs : DataFrame
        ``mentee_school_id`` and ``tutor_school_id``.
    Other parameters are those of :func:`candidate_pairs`.

    Returns
    -------
    DataFrame
        ``PAIR_COLUMNS``, ``feasible``, ``infeasible_reasons`` (including a tutor given more
        mentees than places or a mentee given twice) and, for feasible pairs, ``reasons``
        (tuples of :class:`labels.reasons.Reason`). Unknown school ids are infeasible.
    """
    r = _roster(schools, identified, partnerships, exclusions, settings, travel_times)
    mid = [r.pos.get(str(x), -1) for x in pairs["mentee_school_id"]]
    tid = [r.pos.get(str(x), -1) for x in pairs["tutor_school_id"]]
    known = np.array([a >= 0 and b >= 0 for a, b in zip(mid, tid, strict=True)], dtype=bool)
    sc = score_pairs(r, np.where(known, mid, 0), np.where(known, tid, 0))
    df = sc.frame(r)
    df["mentee_school_id"] = pairs["mentee_school_id"].astype(str).to_numpy()
    df["tutor_school_id"] = pairs["tutor_school_id"].astype(str).to_numpy()
    reasons = flag_reasons(sc, r)
    load: dict[int, int] = {}
    seen: set[int] = set()
    for i in range(len(df)):
        if not known[i]:
            reasons[i] = (Reason("unknown_school"),)
            continue
        tt, m = int(sc.tutor[i]), int(sc.mentee[i])
        load[tt] = load.get(tt, 0) + 1
        extra = []
        if load[tt] > r.spare[tt] and r.spare[tt] > 0:
            extra.append(Reason("over_capacity", spare=int(r.spare[tt])))
        if m in seen:
            extra.append(Reason("twice"))
        seen.add(m)
        reasons[i] = (*reasons[i], *extra)
    df["feasible"] = [not x for x in reasons]
    df["infeasible_reasons"] = reasons
    df["reasons"] = cells(
        [pair_reason(r, sc, i) if ok else () for i, ok in enumerate(df["feasible"])]
    )
    return df


def evaluate_pair(
    schools: pd.DataFrame,
    identified: pd.DataFrame,
    mentee_school_id: str,
    tutor_school_id: str,
    partnerships: pd.DataFrame | None = None,
    exclusions: pd.DataFrame | None = None,
    settings: AnalysisSettings | None = None,
    travel_times: pd.DataFrame | None = None,
) -> dict[Any, Any]:
    """Cost, feasibility and reason of one pair, for a coordinator choosing a tutor by hand.

    Returns
    -------
    dict
        The columns of :func:`evaluate_plan` for that pair.
    """
    one = pd.DataFrame(
        {"mentee_school_id": [mentee_school_id], "tutor_school_id": [tutor_school_id]}
    )
    row = evaluate_plan(schools, identified, one, partnerships, exclusions, settings, travel_times)
    return row.iloc[0].to_dict()


def plan_cost(
    schools: pd.DataFrame,
    identified: pd.DataFrame,
    pairs: pd.DataFrame,
    partnerships: pd.DataFrame | None = None,
    exclusions: pd.DataFrame | None = None,
    settings: AnalysisSettings | None = None,
    travel_times: pd.DataFrame | None = None,
) -> float:
    """Total cost of a set of pairs (``inf`` when any of them is infeasible)."""
    ev = evaluate_plan(schools, identified, pairs, partnerships, exclusions, settings, travel_times)
    return float(ev["cost"].sum()) if bool(ev["feasible"].all()) else float("inf")
