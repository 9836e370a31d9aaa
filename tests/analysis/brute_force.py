"""The pairing rules restated from DESIGN.md and solved by enumeration, to check the solver.

Most pairs, then least cost, over every assignment of mentees to tutors with spare capacity.
Used by the pairing tests with and without travel times; small instances only.
"""

from __future__ import annotations

import itertools
import math

import pandas as pd

from analysis.settings import AnalysisSettings

R = 6371.0088
# Which levels a tutor school's level covers.
COVERS = {"secondary": {"primary", "basic", "secondary"}, "basic": {"primary", "basic"},
          "primary": {"primary"}}  # fmt: skip


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * R * math.asin(math.sqrt(a))


def given_minutes(travel: pd.DataFrame, a: str, b: str, choice: str) -> float | None:
    """The rule of analysis.pair_travel, restated: per way the longer direction; fastest = min."""
    per_way = {}
    for way in ("road", "public_transport"):
        rows = travel[
            (travel["mode"] == way)
            & (
                ((travel["school_id"] == a) & (travel["other_school_id"] == b))
                | ((travel["school_id"] == b) & (travel["other_school_id"] == a))
            )
        ]
        if len(rows):
            per_way[way] = float(rows["minutes"].max())
    if choice != "fastest":
        return per_way.get(choice)
    return min(per_way.values()) if per_way else None


def brute_force(
    schools: pd.DataFrame,
    identified: pd.DataFrame,
    s: AnalysisSettings,
    partnerships: pd.DataFrame | None = None,
    exclusions: pd.DataFrame | None = None,
    travel: pd.DataFrame | None = None,
) -> tuple[int, float]:
    """Most pairs, then least cost, by enumerating every assignment, straight from the rules."""
    info = schools.merge(identified, on="school_id").set_index("school_id")
    occupying = (
        partnerships[partnerships["status"].isin(["agreed", "active"])]
        if partnerships is not None
        else pd.DataFrame({"mentee_school_id": [], "tutor_school_id": []})
    )
    taken = set(occupying["mentee_school_id"])
    mentees = [i for i in info.index if info.loc[i, "status"] == "low" and i not in taken]
    spare = {}
    for i in info.index:
        if info.loc[i, "status"] in ("strong", "resilient"):
            cap = info.loc[i, "tutor_capacity"]
            cap = s.default_tutor_capacity if pd.isna(cap) else int(cap)
            spare[i] = cap - int((occupying["tutor_school_id"] == i).sum())
    excluded = (
        set(zip(exclusions["mentee_school_id"], exclusions["tutor_school_id"], strict=True))
        if exclusions is not None
        else set()
    )

    def cost(m: str, t: str) -> float | None:
        a, b = info.loc[m], info.loc[t]
        if abs(a["context_band"] - b["context_band"]) > s.max_band_gap or (m, t) in excluded:
            return None
        minutes = given_minutes(travel, m, t, s.travel_mode) if travel is not None else None
        if minutes is not None:
            if minutes > s.max_minutes:
                return None
            km = minutes * s.max_km / s.max_minutes
        elif pd.isna(a["lat"]) or pd.isna(b["lat"]):
            km = s.max_km
        else:
            km = haversine(a["lat"], a["lon"], b["lat"], b["lon"])
            if km > s.max_km:
                return None
        weak = list(a["weak_subjects"])
        misfit = len([x for x in weak if x not in b["strong_subjects"]]) / len(weak) if weak else 0
        mismatch = str(a["level"]) not in COVERS[str(b["level"])]
        return (
            s.weight_social_gap * abs(a["social_index"] - b["social_index"])
            + s.weight_distance * km / 100
            + s.weight_subject_misfit * misfit
            + s.weight_level_mismatch * mismatch
        )

    options = []
    for m in mentees:
        opts: list[tuple[str | None, float]] = [(None, 0.0)]
        opts += [(t, c) for t in spare if spare[t] > 0 and (c := cost(m, t)) is not None]
        options.append(opts)
    best = (0, 0.0)
    for combo in itertools.product(*options):
        used: dict[str, int] = {}
        for t, _ in combo:
            if t is not None:
                used[t] = used.get(t, 0) + 1
        if any(used[t] > spare[t] for t in used):
            continue
        n, total = sum(used.values()), sum(c for _, c in combo)
        if n > best[0] or (n == best[0] and total < best[1]):
            best = (n, total)
    return best
