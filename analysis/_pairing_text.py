"""Plain-Russian reasons of the pairing: why a pair, why not a pair, what would pair a mentee.

Internal to :mod:`analysis.pairing`; every text comes from :mod:`labels`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis._roster import LEVELS, Flag, Roster, Scores, chord_to_km, score_pairs
from analysis._travel import MODES
from labels import t

__all__ = ["flag_reasons", "pair_reason", "unpaired_reasons"]


def _km(x: float) -> str:
    return f"{x:.0f}" if x >= 10 else f"{x:.1f}".replace(".", ",")


def _idx(x: float) -> str:
    return f"{x:+.2f}".replace(".", ",")


def _band(x: float) -> str:
    return "—" if math.isnan(x) else str(int(x))


def _minutes(x: float) -> str:
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
            kw = {"bm": _band(r.band[m]), "bt": _band(r.band[tt]), "gap": s.max_band_gap}
        elif f == Flag.DISTANCE:
            kw = {"km": _km(dist), "max_km": _km(s.max_km)}
        elif f == Flag.TIME:
            kw = {"minutes": _minutes(minutes), "max_minutes": _minutes(s.max_minutes)}
        elif f == Flag.FULL:
            kw = {"used": int(r.used[tt]), "capacity": int(r.capacity[tt])}
        elif f == Flag.NOT_TUTOR:
            kw = {"status": t(f"analysis.status.{r.status[tt]}")}
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
    return t(f"analysis.level.{LEVELS[code]}") if code >= 0 else "—"


def pair_reason(r: Roster, sc: Scores, i: int) -> str:
    """Why pair ``i`` of ``sc`` is suggested."""
    m, tt = int(sc.mentee[i]), int(sc.tutor[i])
    parts = [
        t(
            "analysis.pair.social",
            im=_idx(r.social[m]),
            it=_idx(r.social[tt]),
            bm=_band(r.band[m]),
            bt=_band(r.band[tt]),
        )
    ]
    if np.isfinite(sc.minutes[i]):
        way = t(f"maps.travel.mode.{MODES[int(sc.travel_mode[i])]}")
        parts.append(t("maps.pair.minutes", minutes=_minutes(float(sc.minutes[i])), way=way))
    elif sc.coords_unknown[i]:
        parts.append(t("analysis.pair.coords_unknown"))
    else:
        parts.append(t("maps.pair.straight", km=_km(float(sc.distance_km[i]))))
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


def _allowed_bands(r: Roster, m: int, gap: int) -> str:
    b = int(r.band[m])
    top = int(np.nanmax(r.band)) if np.isfinite(r.band).any() else b
    lo, hi = max(1, b - gap), min(top, b + gap)
    return str(lo) if lo == hi else f"{lo}–{hi}"


def unpaired_reasons(
    r: Roster, cand: Scores, mentees: np.ndarray, residual: np.ndarray
) -> pd.DataFrame:
    """Why each unpaired mentee has no tutor and what would pair it.

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
        hints: list[str] = []
        extra: dict[str, object] = {}
        if math.isnan(r.band[m]):
            why = t("analysis.unpaired.no_index")
            hints.append(t("analysis.hint.fill_index"))
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
                why = t("analysis.unpaired.all_taken", n=n_feasible, km=_km(s.max_km))
            elif (flags == Flag.FULL).any():
                why = t("analysis.unpaired.full", n=int((flags == Flag.FULL).sum()))
            elif (flags == Flag.EXCLUDED).any():
                why = t("analysis.unpaired.excluded", n=int((flags == Flag.EXCLUDED).sum()))
            elif not s.cross_municipality and (flags == Flag.MUNICIPALITY).any():
                why = t("analysis.unpaired.municipality")
            else:
                why = t(
                    "analysis.unpaired.none_near",
                    km=_km(s.max_km),
                    bands=_allowed_bands(r, m, s.max_band_gap),
                )
            busy = rows_m[(flags == 0) | (flags == Flag.FULL)]
            if len(busy):
                best = busy[np.argmin(cand.cost[busy])]
                tt = int(cand.tutor[best])
                extra["capacity_tutor_id"] = r.ids[tt]
                hints.append(
                    t(
                        "analysis.hint.capacity",
                        name=r.name[tt],
                        km=_km(float(np.nan_to_num(cand.distance_km[best]))),
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
                    t(
                        "analysis.hint.wider",
                        name=r.name[tt],
                        km=_km(float(km[j])),
                        radius=int(math.ceil(km[j] / 10) * 10),
                    )
                )
            online = np.flatnonzero(ok & free)
            if len(online):
                # Online, distance does not matter: the best match on everything else.
                sc = score_pairs(r, np.full(len(online), m), tutors[online])
                km_part = np.where(sc.coords_unknown, s.max_km, sc.distance_km) / 100.0
                rest = sc.cost - s.weight_distance * km_part
                j = int(online[np.argmin(rest)])
                tt = int(tutors[j])
                extra["online_tutor_id"] = r.ids[tt]
                dist_txt = _km(float(km[j])) if np.isfinite(km[j]) else "?"
                gap = float(np.abs(r.social[tt] - r.social[m]))
                hints.append(t("analysis.hint.online", name=r.name[tt], km=dist_txt, gap=_idx(gap)))
            nxt = base_ok & free & (gaps == s.max_band_gap + 1) & (km <= s.max_km)
            if nxt.any():
                j = int(np.argmin(np.where(nxt, km, np.inf)))
                tt = int(tutors[j])
                extra["next_band_tutor_id"] = r.ids[tt]
                hints.append(
                    t(
                        "analysis.hint.next_band",
                        name=r.name[tt],
                        band=_band(r.band[tt]),
                        km=_km(float(km[j])),
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
                "hint": "; ".join(hints) if hints else t("analysis.hint.none"),
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
        "hint",
        "capacity_tutor_id",
        "nearest_tutor_id",
        "nearest_km",
        "online_tutor_id",
        "next_band_tutor_id",
    ]
    return pd.DataFrame(rows).reindex(columns=cols)
