"""What would pair a mentee the plan leaves alone: the what-if searches behind its hints.

For each unpaired mentee: why no tutor took it, and the nearest changes that would pair it
(one more place at a busy tutor, a wider radius, an online pair, the next band). Internal to
:mod:`analysis.pairing`. The answers are codes with their numbers
(:class:`labels.reasons.Reason`): the reason a code of ``analysis.unpaired.*``, the hints codes
of ``analysis.hint.*``; services render them.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.pair_reasons import band_of
from analysis.pair_rules import Flag, Roster, Scores, chord_to_km, score_pairs
from labels.formats import round_km
from labels.reasons import Reason

__all__ = ["unpaired_reasons"]


def _allowed_bands(r: Roster, m: int, gap: int) -> tuple[int, int]:
    b = int(r.band[m])
    top = int(np.nanmax(r.band)) if np.isfinite(r.band).any() else b
    return max(1, b - gap), min(top, b + gap)


def unpaired_reasons(
    r: Roster, cand: Scores, mentees: np.ndarray, residual: np.ndarray
) -> pd.DataFrame:
    """Why each unpaired mentee has no tutor (``reason``) and what would pair it (``hints``).

    ``residual`` is every school's spare capacity left after the plan.
    """
    s = r.settings
    rows = []
    order = np.argsort(cand.mentee, kind="stable")
    cm = cand.mentee[order]
    tutors = np.flatnonzero(r.is_tutor)
    for m in mentees:
        lo, hi = np.searchsorted(cm, [m, m + 1])
        rows_m = order[lo:hi]
        flags = cand.flags[rows_m]
        n_feasible = int((flags == 0).sum())
        hints: list[Reason] = []
        extra: dict[str, object] = {}
        if math.isnan(r.band[m]):
            why = Reason("no_index")
            hints.append(Reason("fill_index"))
        else:
            base_ok = (
                r.is_tutor[tutors]
                & np.isfinite(r.band[tutors])
                & ~np.isin(m * r.n + tutors, r.excluded)
            )
            if not s.cross_municipality:
                base_ok &= r.municipality[tutors] == r.municipality[m]
            gaps = np.abs(r.band[tutors] - r.band[m])
            free = residual[tutors] > 0
            chord = np.linalg.norm(r.xyz[tutors] - r.xyz[m], axis=1)
            km = np.where(r.has_xyz[tutors] & r.has_xyz[m], chord_to_km(chord), np.inf)
            ok = base_ok & (gaps <= s.max_band_gap)
            if n_feasible:
                why = Reason("all_taken", n=n_feasible, km=float(s.max_km))
            elif (flags == Flag.FULL).any():
                why = Reason("full", n=int((flags == Flag.FULL).sum()))
            elif (flags == Flag.EXCLUDED).any():
                why = Reason("excluded", n=int((flags == Flag.EXCLUDED).sum()))
            elif not s.cross_municipality and (flags == Flag.MUNICIPALITY).any():
                why = Reason("municipality")
            else:
                why = Reason(
                    "none_near", km=float(s.max_km), bands=_allowed_bands(r, m, s.max_band_gap)
                )
            busy = rows_m[(flags == 0) | (flags == Flag.FULL)]
            if len(busy):
                best = busy[np.argmin(cand.cost[busy])]
                tt = int(cand.tutor[best])
                extra["capacity_tutor_id"] = r.ids[tt]
                hints.append(
                    Reason(
                        "capacity",
                        name=str(r.name[tt]),
                        km=round_km(float(np.nan_to_num(cand.distance_km[best]))),
                        capacity=int(r.capacity[tt]),
                        more=int(r.capacity[tt]) + 1,
                    )
                )
            far = ok & free & np.isfinite(km) & (km > s.max_km)
            if far.any():
                j = int(np.argmin(np.where(far, km, np.inf)))
                tt = int(tutors[j])
                extra["nearest_tutor_id"], extra["nearest_km"] = r.ids[tt], float(km[j])
                hints.append(
                    Reason(
                        "wider",
                        name=str(r.name[tt]),
                        km=round_km(float(km[j])),
                        radius=int(math.ceil(km[j] / 10) * 10),
                    )
                )
            online = np.flatnonzero(ok & free)
            if len(online):
                # Online, distance does not matter: the best match on everything else.
                sc = score_pairs(r, np.full(len(online), m), tutors[online])
                rest = sc.cost - sc.distance_cost
                j = int(online[np.argmin(rest)])
                tt = int(tutors[j])
                extra["online_tutor_id"] = r.ids[tt]
                dist = round_km(float(km[j])) if np.isfinite(km[j]) else None
                gap = float(np.abs(r.social[tt] - r.social[m]))
                hints.append(Reason("online", name=str(r.name[tt]), km=dist, index_gap=gap))
            nxt = base_ok & free & (gaps == s.max_band_gap + 1) & (km <= s.max_km)
            if nxt.any():
                j = int(np.argmin(np.where(nxt, km, np.inf)))
                tt = int(tutors[j])
                extra["next_band_tutor_id"] = r.ids[tt]
                hints.append(
                    Reason(
                        "next_band",
                        name=str(r.name[tt]),
                        band=band_of(r.band[tt]),
                        km=round_km(float(km[j])),
                        gap=s.max_band_gap + 1,
                    )
                )
        rows.append(
            {
                "mentee_school_id": r.ids[m],
                "mentee_name": r.name[m],
                "municipality": r.municipality[m],
                "context_band": r.band[m],
                "n_feasible": n_feasible,
                "reason": why,
                "hints": tuple(hints) or (Reason("none"),),
                **extra,
            }
        )
    cols = [
        "mentee_school_id",
        "mentee_name",
        "municipality",
        "context_band",
        "n_feasible",
        "reason",
        "hints",
        "capacity_tutor_id",
        "nearest_tutor_id",
        "nearest_km",
        "online_tutor_id",
        "next_band_tutor_id",
    ]
    return pd.DataFrame(rows).reindex(columns=cols)
