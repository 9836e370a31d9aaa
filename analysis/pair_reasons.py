"""Why a pair is suggested and why a pair is infeasible, for every pair the planner scores.

Internal to :mod:`analysis.pairing`. The answers are codes with their numbers
(:class:`labels.reasons.Reason`), never text: infeasibility reasons are codes of
``analysis.infeasible.*`` and a pair's reasons codes of ``analysis.pair.*``; services render
them (:func:`labels.reasons.render_column`).

Examples
--------
>>> import pandas as pd
>>> from analysis.pair_rules import build_roster, score_pairs
>>> from analysis.settings import AnalysisSettings
>>> schools = pd.DataFrame({"school_id": ["m", "t"], "name": ["M", "T"], "municipality": "R",
...     "lat": [52.0, 53.5], "lon": [107.0, 107.0], "level": "secondary",
...     "tutor_capacity": [None, 1]})
>>> ident = pd.DataFrame({"school_id": ["m", "t"], "status": ["low", "strong"],
...     "context_band": [1, 3], "social_index": [-1.0, 0.5]})
>>> r = build_roster(schools, ident, None, None, AnalysisSettings())
>>> sc = score_pairs(r, np.array([0]), np.array([1]))
>>> flag_reasons(sc, r)[0]
(Reason('band', bm=1, bt=3, gap=1), Reason('distance', km=167.0, max_km=100.0))
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.pair_rules import LEVELS, Flag, Roster, Scores
from analysis.pair_travel import MODES
from labels.formats import round_km
from labels.reasons import Reason

__all__ = ["band_of", "cells", "flag_reasons", "infeasible", "pair_reason"]

Reasons = tuple[Reason, ...]


def cells(values: Sequence[object]) -> np.ndarray:
    """A 1-D object array holding each value (tuples stay whole cells, never a 2-D array)."""
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        out[i] = v
    return out


def band_of(value: float) -> int | None:
    """A band as a whole number (None when unknown)."""
    return None if np.isnan(value) else int(value)


def infeasible(flags: int, r: Roster, m: int, tt: int, km: float, minutes: float) -> Reasons:
    """Why one pair is infeasible (``()`` when feasible), in the order of :attr:`Flag.ORDER`."""
    s = r.settings
    out = []
    for f in Flag.ORDER:
        if not flags & f:
            continue
        params: dict[str, object] = {}
        if f == Flag.BAND:
            params = {"bm": band_of(r.band[m]), "bt": band_of(r.band[tt]), "gap": s.max_band_gap}
        elif f == Flag.DISTANCE:
            params = {"km": round_km(km), "max_km": float(s.max_km)}
        elif f == Flag.TIME:
            params = {"minutes": round(minutes), "max_minutes": float(s.max_minutes)}
        elif f == Flag.FULL:
            params = {"used": int(r.used[tt]), "capacity": int(r.capacity[tt])}
        elif f == Flag.NOT_TUTOR:
            params = {"status": str(r.status[tt])}
        out.append(Reason(Flag.NAMES[f], **params))
    return tuple(out)


def flag_reasons(sc: Scores, r: Roster) -> np.ndarray:
    """Reasons for a batch of pairs (a tuple each), built once per distinct situation."""
    out = cells([()] * len(sc.flags))
    bad = np.flatnonzero(sc.flags)
    if not len(bad):
        return out
    # A reason depends on the flags and a few numbers; rows that read the same share one.
    f = sc.flags[bad]
    km = sc.distance_km[bad]
    key = pd.DataFrame(
        {
            "f": f,
            "bm": np.where(f & Flag.BAND, r.band[sc.mentee[bad]], -1),
            "bt": np.where(f & Flag.BAND, r.band[sc.tutor[bad]], -1),
            "u": np.where(f & Flag.FULL, r.used[sc.tutor[bad]], -1),
            "c": np.where(f & Flag.FULL, r.capacity[sc.tutor[bad]], -1),
            "s": np.where(f & Flag.NOT_TUTOR, r.status[sc.tutor[bad]], ""),
            # tenths of a km below 10 km, whole km above: what round_km keeps
            "d": np.where(f & Flag.DISTANCE, np.round(km * np.where(km >= 10, 1, 10)), -1),
            "t": np.where(f & Flag.TIME, np.round(sc.minutes[bad]), -1),
        }
    )
    key["s"] = pd.factorize(key["s"])[0]
    _, first, codes = np.unique(
        key.to_numpy(dtype=np.int64), axis=0, return_index=True, return_inverse=True
    )
    found = cells(
        [
            infeasible(
                int(sc.flags[bad[i]]),
                r,
                int(sc.mentee[bad[i]]),
                int(sc.tutor[bad[i]]),
                float(sc.distance_km[bad[i]]),
                float(sc.minutes[bad[i]]),
            )
            for i in first
        ]
    )
    out[bad] = found[codes.ravel()]
    return out


def _level(code: int) -> str | None:
    return LEVELS[code] if code >= 0 else None


def pair_reason(r: Roster, sc: Scores, i: int) -> Reasons:
    """Why pair ``i`` of ``sc`` is suggested: conditions, way, subjects, levels, the tutor."""
    m, tt = int(sc.mentee[i]), int(sc.tutor[i])
    parts = [
        Reason(
            "social",
            im=float(r.social[m]),
            it=float(r.social[tt]),
            bm=band_of(r.band[m]),
            bt=band_of(r.band[tt]),
        )
    ]
    if np.isfinite(sc.minutes[i]):
        way = MODES[int(sc.travel_mode[i])]
        parts.append(Reason("minutes", minutes=round(float(sc.minutes[i])), way=way))
    elif sc.coords_unknown[i]:
        parts.append(Reason("coords_unknown"))
    else:
        parts.append(Reason("straight", km=round_km(float(sc.distance_km[i]))))
    weak = r.weak[m]
    if not weak:
        parts.append(Reason("no_weak"))
    else:
        strong = set(r.strong[tt])
        both = tuple(x for x in weak if x in strong)
        if both:
            parts.append(Reason("subjects", subjects=both, n=len(both), total=len(weak)))
        else:
            parts.append(Reason("no_subjects", subjects=tuple(weak)))
    if sc.level_mismatch[i]:
        parts.append(Reason("level", lm=_level(int(r.level[m])), lt=_level(int(r.level[tt]))))
    role = r.status[tt] if r.status[tt] in ("strong", "resilient") else "official"
    parts.append(Reason(f"tutor_{role}"))
    return tuple(parts)
