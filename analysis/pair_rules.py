"""The method's rules for a pair: who may be mentee or tutor, when a pair is feasible, its cost.

:func:`build_roster` turns the schools sheet, the identification and the existing
partnerships into aligned numpy arrays once (who needs a tutor, who may tutor, spare places);
:func:`score_pairs` is the one place where a pair's cost terms and infeasibility flags are
computed, so candidate generation, the solver, the greedy baseline, the what-if hints and the
hand-evaluation of a pair all score pairs the same (vectorized) way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pandas as pd

from analysis.columns import as_bool, as_str_id, column, list_column
from analysis.pair_travel import MODES, TravelTable, lookup, travel_table
from analysis.settings import AnalysisSettings

__all__ = ["EARTH_RADIUS_KM", "Flag", "Roster", "Scores", "build_roster", "score_pairs"]

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
TUTOR_STATUSES = ("strong", "resilient")
# Which mentee levels a tutor level covers (a secondary school teaches grades 1-11).
LEVEL_COVERS: dict[str, frozenset[str]] = {
    "secondary": frozenset({"primary", "basic", "secondary"}),
    "basic": frozenset({"primary", "basic"}),
    "primary": frozenset({"primary"}),
    "evening": frozenset({"evening"}),
    "other": frozenset({"other"}),
}
LEVELS = tuple(LEVEL_COVERS)


class Flag:
    """Bit flags of why a pair is infeasible (0: feasible)."""

    SAME = 1
    EXCLUDED = 2
    NO_BAND = 4
    BAND = 8
    DISTANCE = 16
    MUNICIPALITY = 32
    FULL = 64
    NOT_TUTOR = 128
    NOT_MENTEE = 256
    TAKEN = 512
    TIME = 1024  # a given travel time above max_minutes
    ORDER = (NOT_MENTEE, TAKEN, NOT_TUTOR, SAME, EXCLUDED, NO_BAND, BAND, DISTANCE, TIME,
             MUNICIPALITY, FULL)  # fmt: skip
    NAMES: ClassVar[dict[int, str]] = {
        SAME: "same",
        EXCLUDED: "excluded",
        NO_BAND: "no_band",
        BAND: "band",
        DISTANCE: "distance",
        MUNICIPALITY: "municipality",
        FULL: "full",
        NOT_TUTOR: "not_tutor",
        NOT_MENTEE: "not_mentee",
        TAKEN: "taken",
        TIME: "time",
    }


@dataclass
class Roster:
    """Every school of the schools sheet as aligned arrays (position = school number)."""

    ids: np.ndarray
    pos: dict[str, int]
    name: np.ndarray
    municipality: np.ndarray
    status: np.ndarray
    official_tutor: np.ndarray
    band: np.ndarray  # float, NaN when unknown
    social: np.ndarray
    level: np.ndarray  # int code into LEVELS, -1 unknown
    lat: np.ndarray
    lon: np.ndarray
    has_xyz: np.ndarray
    xyz: np.ndarray
    weak: list[list[str]]
    strong: list[list[str]]
    weak_bits: np.ndarray  # (n, words) uint64
    strong_bits: np.ndarray
    weak_count: np.ndarray
    capacity: np.ndarray
    used: np.ndarray
    spare: np.ndarray
    is_mentee: np.ndarray  # needs a tutor and is free (planned)
    needs_tutor: np.ndarray  # low / official low, whether free or not
    taken: np.ndarray  # mentee of an occupying partnership
    is_tutor: np.ndarray  # may tutor (spare capacity or not)
    excluded: np.ndarray  # sorted int64 keys mentee * n + tutor
    settings: AnalysisSettings
    travel: TravelTable  # given travel times (minutes) by pair of schools

    @property
    def n(self) -> int:
        return len(self.ids)


def _bits(lists: list[list[str]], vocab: dict[str, int]) -> np.ndarray:
    words = max(1, (len(vocab) + 63) // 64)
    out = np.zeros((len(lists), words), dtype=np.uint64)
    rows = np.repeat(np.arange(len(lists)), [len(x) for x in lists])
    if len(rows):
        codes = np.array([vocab[x] for lst in lists for x in lst], dtype=np.int64)
        bits = np.left_shift(np.uint64(1), (codes % 64).astype(np.uint64))
        np.bitwise_or.at(out, (rows, codes // 64), bits)
    return out


def _popcount(x: np.ndarray) -> np.ndarray:
    return np.bitwise_count(x).sum(axis=1).astype(np.int64)


def unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Points on the unit sphere (3-D), so chord length orders great-circle distance."""
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def chord_to_km(chord: np.ndarray) -> np.ndarray:
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.clip(chord / 2, 0, 1))


def km_to_chord(km: float) -> float:
    return float(2 * np.sin(min(km / (2 * EARTH_RADIUS_KM), np.pi / 2)))


def build_roster(
    schools: pd.DataFrame,
    identified: pd.DataFrame,
    partnerships: pd.DataFrame | None,
    exclusions: pd.DataFrame | None,
    settings: AnalysisSettings,
    travel: pd.DataFrame | None = None,
) -> Roster:
    s = settings
    sch = schools.reset_index(drop=True)
    ids = as_str_id(sch["school_id"]).to_numpy(dtype=object)
    pos = {str(v): i for i, v in enumerate(ids)}
    n = len(ids)
    ident = identified.assign(school_id=as_str_id(identified["school_id"])).drop_duplicates(
        "school_id"
    )
    ident = ident.set_index("school_id").reindex(ids)
    status = column(ident, "status", "insufficient_data").fillna("insufficient_data")
    band = pd.to_numeric(column(ident, "context_band"), errors="coerce").to_numpy(dtype=float)
    social = pd.to_numeric(column(ident, "social_index"), errors="coerce").to_numpy(dtype=float)
    weak = [list(x) for x in list_column(ident, "weak_subjects")]
    strong = [list(x) for x in list_column(ident, "strong_subjects")]
    vocab = {v: i for i, v in enumerate(sorted({x for lst in weak + strong for x in lst}))}
    off_low = as_bool(column(sch, "official_low_results")).to_numpy()
    if "official_low_results" in ident.columns:
        off_low = off_low | as_bool(ident["official_low_results"]).to_numpy()
    off_tutor = as_bool(column(sch, "official_tutor")).to_numpy()
    if "official_tutor" in ident.columns:
        off_tutor = off_tutor | as_bool(ident["official_tutor"]).to_numpy()
    lvl = column(sch, "level").astype(object)
    level = pd.Categorical(lvl, categories=list(LEVELS)).codes.astype(np.int64)
    lat = pd.to_numeric(column(sch, "lat"), errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(column(sch, "lon"), errors="coerce").to_numpy(dtype=float)
    has_xyz = np.isfinite(lat) & np.isfinite(lon)
    xyz = unit_vectors(np.where(has_xyz, lat, 0.0), np.where(has_xyz, lon, 0.0))

    if s.capacity_override is not None:
        capacity = np.full(n, s.capacity_override, dtype=np.int64)
    else:
        cap = pd.to_numeric(column(sch, "tutor_capacity"), errors="coerce")
        capacity = cap.fillna(s.default_tutor_capacity).to_numpy(dtype=float).astype(np.int64)
    used = np.zeros(n, dtype=np.int64)
    taken = np.zeros(n, dtype=bool)
    if partnerships is not None and len(partnerships):
        occ = partnerships[column(partnerships, "status").isin(list(s.occupying_statuses))]
        for sid in as_str_id(occ["tutor_school_id"]):
            if sid in pos:
                used[pos[sid]] += 1
        for sid in as_str_id(occ["mentee_school_id"]):
            if sid in pos:
                taken[pos[sid]] = True
    st = status.to_numpy(dtype=object)
    needs = (st == "low") | (off_low & s.include_official_low)
    munis = column(sch, "municipality").astype(object).to_numpy()
    in_scope = np.isin(munis, list(s.municipalities)) if s.municipalities else np.ones(n, bool)
    is_tutor = (np.isin(st, TUTOR_STATUSES) | (off_tutor & s.include_official_tutors)) & ~needs

    keys: list[int] = []
    if exclusions is not None and len(exclusions):
        for t_id, m_id in zip(
            as_str_id(exclusions["tutor_school_id"]),
            as_str_id(exclusions["mentee_school_id"]),
            strict=True,
        ):
            if t_id in pos and m_id in pos:
                keys.append(pos[m_id] * n + pos[t_id])
    return Roster(
        ids=ids,
        pos=pos,
        name=column(sch, "name").astype(object).to_numpy(),
        municipality=munis,
        status=st,
        official_tutor=off_tutor,
        band=band,
        social=social,
        level=level,
        lat=lat,
        lon=lon,
        has_xyz=has_xyz,
        xyz=xyz,
        weak=weak,
        strong=strong,
        weak_bits=_bits(weak, vocab),
        strong_bits=_bits(strong, vocab),
        weak_count=np.array([len(w) for w in weak], dtype=np.int64),
        capacity=capacity,
        used=used,
        spare=np.maximum(capacity - used, 0),
        is_mentee=needs & ~taken & in_scope,
        needs_tutor=needs,
        taken=taken,
        is_tutor=is_tutor,
        excluded=np.unique(np.array(keys, dtype=np.int64)),
        settings=s,
        travel=travel_table(travel, pos, n, s.travel_mode),
    )


@dataclass
class Scores:
    """Cost columns and infeasibility flags of a batch of (mentee, tutor) pairs."""

    mentee: np.ndarray
    tutor: np.ndarray
    cost: np.ndarray
    distance_cost: np.ndarray  # the distance term of ``cost`` (what an online pair drops)
    social_gap: np.ndarray
    distance_km: np.ndarray
    subject_fit: np.ndarray
    misfit: np.ndarray
    band_gap: np.ndarray
    level_mismatch: np.ndarray
    coords_unknown: np.ndarray
    flags: np.ndarray
    minutes: np.ndarray  # the given travel time (NaN: none, the distance counts)
    travel_mode: np.ndarray  # index into analysis.pair_travel.MODES, -1 without a time

    def frame(self, r: Roster) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "mentee_school_id": r.ids[self.mentee],
                "tutor_school_id": r.ids[self.tutor],
                "cost": self.cost,
                "social_gap": self.social_gap,
                "distance_km": self.distance_km,
                "subject_fit": self.subject_fit,
                "band_gap": self.band_gap,
                "level_mismatch": self.level_mismatch,
                "coords_unknown": self.coords_unknown,
                "travel_minutes": self.minutes,
                "travel_mode": [MODES[k] if k >= 0 else None for k in self.travel_mode],
            }
        )


def score_pairs(
    r: Roster, mentee: np.ndarray, tutor: np.ndarray, *, check_distance: bool = True
) -> Scores:
    """Score pairs given by school numbers; ``flags`` says what makes each infeasible.

    Capacity (``Flag.FULL``) is the tutor's spare capacity before planning.
    """
    s = r.settings
    m = np.asarray(mentee, dtype=np.int64)
    tt = np.asarray(tutor, dtype=np.int64)
    known = r.has_xyz[m] & r.has_xyz[tt]
    chord = np.linalg.norm(r.xyz[m] - r.xyz[tt], axis=1)
    dist = np.where(known, chord_to_km(chord), np.nan)
    gap = np.abs(r.social[m] - r.social[tt])
    band_gap = np.abs(r.band[m] - r.band[tt])
    hit = _popcount(r.weak_bits[m] & r.strong_bits[tt])
    wc = r.weak_count[m]
    with np.errstate(invalid="ignore", divide="ignore"):
        fit = np.where(wc > 0, hit / np.maximum(wc, 1), np.nan)
    misfit = np.where(wc > 0, 1 - np.nan_to_num(fit), 0.0)
    lm, lt = r.level[m], r.level[tt]
    mismatch = np.zeros(len(m), dtype=bool)
    for code, tutor_level in enumerate(LEVELS):
        covered = [LEVELS.index(v) for v in LEVEL_COVERS[tutor_level]]
        mismatch |= (lt == code) & (lm >= 0) & ~np.isin(lm, covered)
    minutes, way = lookup(r.travel, m, tt)
    timed = np.isfinite(minutes)
    # A travel time costs as the distance it stands for: max_minutes weighs as max_km.
    km_equiv = np.where(timed, minutes * s.max_km / s.max_minutes, np.where(known, dist, s.max_km))
    distance_cost = s.weight_distance * km_equiv / 100.0
    cost = (
        s.weight_social_gap * np.nan_to_num(gap)
        + distance_cost
        + s.weight_subject_misfit * misfit
        + s.weight_level_mismatch * mismatch
    )
    flags = np.zeros(len(m), dtype=np.int64)
    flags |= np.where(m == tt, Flag.SAME, 0)
    if len(r.excluded):
        flags |= np.where(np.isin(m * r.n + tt, r.excluded), Flag.EXCLUDED, 0)
    no_band = np.isnan(band_gap)
    flags |= np.where(no_band, Flag.NO_BAND, 0)
    flags |= np.where(~no_band & (np.nan_to_num(band_gap) > s.max_band_gap), Flag.BAND, 0)
    if check_distance:
        flags |= np.where(~timed & known & (np.nan_to_num(dist) > s.max_km), Flag.DISTANCE, 0)
        flags |= np.where(timed & (np.nan_to_num(minutes) > s.max_minutes), Flag.TIME, 0)
    if not s.cross_municipality:
        flags |= np.where(r.municipality[m] != r.municipality[tt], Flag.MUNICIPALITY, 0)
    flags |= np.where(r.spare[tt] <= 0, Flag.FULL, 0)
    flags |= np.where(~r.is_tutor[tt], Flag.NOT_TUTOR, 0)
    flags |= np.where(~r.needs_tutor[m], Flag.NOT_MENTEE, 0)
    flags |= np.where(r.needs_tutor[m] & r.taken[m], Flag.TAKEN, 0)
    return Scores(
        mentee=m,
        tutor=tt,
        cost=cost,
        distance_cost=distance_cost,
        social_gap=gap,
        distance_km=dist,
        subject_fit=fit,
        misfit=misfit,
        band_gap=band_gap,
        level_mismatch=mismatch,
        coords_unknown=~known,
        flags=flags,
        minutes=minutes,
        travel_mode=way,
    )
