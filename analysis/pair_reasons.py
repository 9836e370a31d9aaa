"""Why a pair is suggested and why a pair is infeasible, for every pair the planner scores.

Internal to :mod:`analysis.pairing`; every text comes from :mod:`labels`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.pair_rules import LEVELS, Flag, Roster, Scores
from analysis.pair_travel import MODES
from labels import t
from labels.formats import fmt_band, fmt_index, fmt_km

__all__ = ["flag_reasons", "flag_text", "pair_reason"]


def fmt_minutes(x: float) -> str:
    return f"{x:.0f}"


def flag_text(
    flags: int, r: Roster, m: int, tt: int, dist: float, minutes: float = math.nan
) -> str:
    """Why one pair is infeasible (``""`` when feasible)."""
    s = r.settings
    parts = []
    for f in Flag.ORDER:
        if not flags & f:
            continue
        kw: dict[str, object] = {}
        if f == Flag.BAND:
            kw = {"bm": fmt_band(r.band[m]), "bt": fmt_band(r.band[tt]), "gap": s.max_band_gap}
        elif f == Flag.DISTANCE:
            kw = {"km": fmt_km(dist), "max_km": fmt_km(s.max_km)}
        elif f == Flag.TIME:
            kw = {"minutes": fmt_minutes(minutes), "max_minutes": fmt_minutes(s.max_minutes)}
        elif f == Flag.FULL:
            kw = {"used": int(r.used[tt]), "capacity": int(r.capacity[tt])}
        elif f == Flag.NOT_TUTOR:
            kw = {"status": t(f"status.{r.status[tt]}")}
        parts.append(t(f"analysis.infeasible.{Flag.NAMES[f]}", **kw))
    return "; ".join(parts)


def flag_reasons(sc: Scores, r: Roster) -> np.ndarray:
    """Reasons for a batch of pairs, formatted once per distinct situation."""
    out = np.full(len(sc.flags), "", dtype=object)
    bad = np.flatnonzero(sc.flags)
    if not len(bad):
        return out
    # A reason depends on the flags and a few numbers; group rows that read the same.
    key = pd.DataFrame(
        {
            "f": sc.flags[bad],
            "bm": np.where(sc.flags[bad] & Flag.BAND, r.band[sc.mentee[bad]], -1),
            "bt": np.where(sc.flags[bad] & Flag.BAND, r.band[sc.tutor[bad]], -1),
            "u": np.where(sc.flags[bad] & Flag.FULL, r.used[sc.tutor[bad]], -1),
            "c": np.where(sc.flags[bad] & Flag.FULL, r.capacity[sc.tutor[bad]], -1),
            "s": np.where(sc.flags[bad] & Flag.NOT_TUTOR, r.status[sc.tutor[bad]], ""),
            "d": np.where(sc.flags[bad] & Flag.DISTANCE, np.round(sc.distance_km[bad]), -1),
            "t": np.where(sc.flags[bad] & Flag.TIME, np.round(sc.minutes[bad]), -1),
        }
    )
    key["s"] = pd.factorize(key["s"])[0]
    _, first, codes = np.unique(
        key.to_numpy(dtype=np.int64), axis=0, return_index=True, return_inverse=True
    )
    codes = codes.ravel()
    texts = np.array(
        [
            flag_text(
                int(sc.flags[bad[i]]),
                r,
                int(sc.mentee[bad[i]]),
                int(sc.tutor[bad[i]]),
                float(sc.distance_km[bad[i]]),
                float(sc.minutes[bad[i]]),
            )
            for i in first
        ],
        dtype=object,
    )
    out[bad] = texts[codes]
    return out


def _list_text(items: list[str], limit: int = 5) -> str:
    """At most ``limit`` items, then how many more: reasons stay readable."""
    if len(items) <= limit:
        return ", ".join(items)
    return t("analysis.list.more", items=", ".join(items[:limit]), n=len(items) - limit)


def _level_name(code: int) -> str:
    return t(f"level.{LEVELS[code]}") if code >= 0 else "—"


def pair_reason(r: Roster, sc: Scores, i: int) -> str:
    """Why pair ``i`` of ``sc`` is suggested."""
    m, tt = int(sc.mentee[i]), int(sc.tutor[i])
    parts = [
        t(
            "analysis.pair.social",
            im=fmt_index(r.social[m]),
            it=fmt_index(r.social[tt]),
            bm=fmt_band(r.band[m]),
            bt=fmt_band(r.band[tt]),
        )
    ]
    if np.isfinite(sc.minutes[i]):
        way = t(f"maps.travel.mode.{MODES[int(sc.travel_mode[i])]}")
        parts.append(t("maps.pair.minutes", minutes=fmt_minutes(float(sc.minutes[i])), way=way))
    elif sc.coords_unknown[i]:
        parts.append(t("analysis.pair.coords_unknown"))
    else:
        parts.append(t("maps.pair.straight", km=fmt_km(float(sc.distance_km[i]))))
    weak = r.weak[m]
    if not weak:
        parts.append(t("analysis.pair.no_weak"))
    else:
        both = [x for x in weak if x in set(r.strong[tt])]
        if both:
            parts.append(
                t(
                    "analysis.pair.subjects",
                    subjects=_list_text(both),
                    n=len(both),
                    total=len(weak),
                )
            )
        else:
            parts.append(t("analysis.pair.no_subjects", subjects=_list_text(weak)))
    if sc.level_mismatch[i]:
        parts.append(
            t(
                "analysis.pair.level",
                lm=_level_name(int(r.level[m])),
                lt=_level_name(int(r.level[tt])),
            )
        )
    role = r.status[tt] if r.status[tt] in ("strong", "resilient") else "official"
    parts.append(t(f"analysis.pair.tutor_{role}"))
    return "; ".join(parts)
