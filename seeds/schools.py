"""The demo's regions, municipalities and schools: sizes, social conditions, quality.

Places come from :mod:`seeds.places`, the schools' levels and names from
:mod:`seeds.school_layout`.

The latent model behind every other sheet lives here: each school has a social position
(``social``, higher is more favourable), a persistent quality (``quality``) and per-subject
deviations; the official lists are noisy views of them, as real lists are.

Examples
--------
>>> import collections
>>> w = build_world(SIZE_SPECS["small"], seed=1)
>>> len(w.school_id), sorted(collections.Counter(w.level_names()).items())
(18, [('basic', 3), ('evening', 1), ('primary', 1), ('secondary', 13)])
>>> int(w.official_low.sum())
3
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from seeds.names import (
    REGIONS,
    district_genitive,
    district_name,
    genitive_town,
    place_stems,
    town_name,
)
from seeds.places import cell_km, municipality_centres, municipality_sizes, region_boxes
from seeds.school_layout import (
    CITY,
    EVENING,
    LEVELS,
    PRIMARY,
    SETTLEMENTS,
    TOWN,
    VILLAGE,
    Draft,
    city_schools,
    district_schools,
    school_ids,
    small_district_schools,
)
from seeds.sheet_frames import frame
from seeds.vocab import EXAM_SUBJECTS

__all__ = [
    "INDICATORS",
    "LEVELS",
    "SETTLEMENTS",
    "SIZE_SPECS",
    "SizeSpec",
    "World",
    "build_world",
    "schools_sheet",
]


@dataclass(frozen=True)
class SizeSpec:
    """How big a demo is.

    ``schools`` and ``municipalities`` are per region (the country varies them by ±30 %).
    ``fixed_small`` lays out one district like Иволгинский район: 18 schools (13 secondary,
    3 basic, 1 primary, 1 evening) with 3 on the official ШНОР list. ``vpr_grades`` and
    ``electives`` set the detail of the results (ВПР grades; ОГЭ/ЕГЭ electives per school-year,
    0–2). ``small`` and ``region`` have the full detail, ~240 result rows per school over three
    years; ``country`` keeps ВПР in grade 4 and no electives (~60 rows per school, ~2.4 million
    rows), the volume the benchmarks of the analysis issue are stated for.
    """

    regions: int
    municipalities: int
    schools: int
    fixed_small: bool = False
    vpr_grades: tuple[int, ...] = (4, 5, 6, 7, 8)
    electives: int = 2


SIZE_SPECS: dict[str, SizeSpec] = {
    "small": SizeSpec(regions=1, municipalities=1, schools=18, fixed_small=True),
    "region": SizeSpec(regions=1, municipalities=30, schools=1500),
    "country": SizeSpec(regions=27, municipalities=40, schools=1480, vpr_grades=(4,), electives=0),
}

# Pupils: (low, high) by settlement and level.
_STUDENTS = {
    CITY: ((250, 650), (250, 600), (500, 1250), (80, 300), (150, 600)),
    TOWN: ((150, 450), (150, 400), (400, 1100), (60, 200), (80, 300)),
    VILLAGE: ((12, 70), (40, 160), (90, 350), (40, 120), (40, 200)),
}
_PUPILS_PER_TEACHER = {CITY: (18.0, 22.0), TOWN: (14.0, 18.0), VILLAGE: (10.0, 14.0)}
_MIN_TEACHERS = (3, 9, 14, 6, 8)
_SOCIAL_BASE = {CITY: 0.45, TOWN: 0.0, VILLAGE: -0.55}
_WEAK_SHARE, _STRONG_SHARE, _RESILIENT_SHARE = 0.09, 0.17, 0.35
_OFFICIAL_LOW_SHARE, _UNFAVOURABLE_SHARE, _TUTOR_SHARE = 0.08, 0.10, 0.06
_MISSING_CELL, _MISSING_SCHOOL = 0.03, 0.015
INDICATORS: tuple[str, ...] = (
    "share_low_income",
    "share_parents_higher_ed",
    "share_special_needs",
    "share_non_native",
    "share_single_parent",
)


@dataclass
class World:
    """Everything known about the places and schools; arrays are per school unless named."""

    region_name: list[str]
    region_genitive: list[str]
    region_code: list[int]
    muni_name: list[str]
    muni_genitive: list[str]  # «Озёрского района», «г. Озёрска»
    muni_region: np.ndarray
    muni_is_city: np.ndarray
    school_id: np.ndarray  # object array of str
    name: list[str]
    muni: np.ndarray
    region: np.ndarray
    settlement: np.ndarray
    level: np.ndarray
    elite: np.ndarray  # гимназия / лицей
    lat: np.ndarray
    lon: np.ndarray
    students: np.ndarray
    teachers: np.ndarray
    social: np.ndarray
    indicators: dict[str, np.ndarray]  # NaN where missing
    quality: np.ndarray
    made_weak: np.ndarray
    made_strong: np.ndarray
    official_low: np.ndarray
    official_unfavourable: np.ndarray
    official_tutor: np.ndarray
    tutor_capacity: np.ndarray  # 0 where not an official tutor
    subject_dev: np.ndarray  # (school, EXAM_SUBJECTS) persistent strength per subject

    @property
    def n(self) -> int:
        return len(self.school_id)

    def level_names(self) -> list[str]:
        return [LEVELS[i] for i in self.level]


def build_world(spec: SizeSpec, seed: int) -> World:
    """Lay out the regions, municipalities and schools of a demo of size ``spec``."""
    if not 1 <= spec.regions <= len(REGIONS):
        raise ValueError(f"a demo has 1 to {len(REGIONS)} regions, not {spec.regions}")
    rng = np.random.default_rng([seed, 1])
    stems = place_stems()
    stem_order = rng.permutation(len(stems))
    stem_iter = (stems[i] for i in stem_order)
    regions = list(range(spec.regions))
    region_order = [0, *(1 + rng.permutation(len(REGIONS) - 1))]
    region_name = [REGIONS[region_order[r]][0] for r in regions]
    region_gen = [REGIONS[region_order[r]][1] for r in regions]
    region_code = [3] if spec.regions == 1 else [r + 1 for r in regions]

    muni_name: list[str] = []
    muni_gen: list[str] = []
    muni_region: list[int] = []
    muni_city: list[bool] = []
    drafts: list[Draft] = []
    boxes = region_boxes(spec.regions)
    for r in regions:
        if spec.fixed_small:
            n_schools, n_munis = spec.schools, 1
        elif spec.regions == 1:
            n_schools, n_munis = spec.schools, spec.municipalities
        else:
            scale = rng.uniform(0.7, 1.3)
            n_schools = round(spec.schools * scale)
            n_munis = max(1, round(spec.municipalities * scale))
        counts, is_city = municipality_sizes(rng, n_schools, n_munis)
        centres = municipality_centres(rng, boxes[r], n_munis)
        cell = cell_km(boxes[r], n_munis)
        # Cities first in the region's municipality list, then districts.
        for m in range(n_munis):
            stem = next(stem_iter, None)
            if stem is None:
                raise ValueError(f"a demo has at most {len(stems)} municipalities")
            mi = len(muni_name)
            if is_city[m]:
                muni_name.append(f"г. {town_name(stem)}")
                muni_gen.append(f"г. {genitive_town(stem)}")
            else:
                kind = "муниципальный округ" if r % 3 == 2 else "район"
                muni_name.append(district_name(stem, kind))
                muni_gen.append(district_genitive(muni_name[-1]))
            muni_region.append(r)
            muni_city.append(bool(is_city[m]))
            lat0, lon0 = centres[m]
            if spec.fixed_small:
                drafts += small_district_schools(rng, mi, stem, lat0, lon0)
            elif is_city[m]:
                radius = 6.0 + 8.0 * min(1.0, counts[m] / 250)
                drafts += city_schools(rng, mi, stem, counts[m], lat0, lon0, radius)
            else:
                drafts += district_schools(rng, mi, stem, counts[m], lat0, lon0, cell)

    n = len(drafts)
    muni = np.array([d.muni for d in drafts])
    region = np.array(muni_region)[muni]
    settlement = np.array([d.settlement for d in drafts])
    level = np.array([d.level for d in drafts])
    elite = np.array([d.elite for d in drafts])
    ids = school_ids(muni, region, np.array(region_code), np.array(muni_region))

    lo_hi = np.array([[_STUDENTS[s][lv] for lv in range(5)] for s in range(3)])  # (3, 5, 2)
    lo = lo_hi[settlement, level, 0]
    hi = lo_hi[settlement, level, 1]
    students = np.round(lo + (hi - lo) * rng.beta(2.0, 2.0, n)).astype(np.int64)
    students = np.where(elite, np.maximum(students, 700), students)
    if spec.fixed_small:  # Иволгинский-like: big suburban villages, ~450 teachers in all
        students = np.round(students * 1.08).astype(np.int64)
    ratio_lo = np.array([_PUPILS_PER_TEACHER[s][0] for s in range(3)])[settlement]
    ratio_hi = np.array([_PUPILS_PER_TEACHER[s][1] for s in range(3)])[settlement]
    ratio = rng.uniform(ratio_lo, ratio_hi)
    teachers = np.maximum(np.array(_MIN_TEACHERS)[level], np.round(students / ratio))
    teachers = teachers.astype(np.int64)

    n_munis_total = len(muni_name)
    muni_effect = rng.normal(0.0, 0.25, n_munis_total) + 0.1 * np.array(muni_city)
    social = (
        np.array([_SOCIAL_BASE[s] for s in range(3)])[settlement]
        + muni_effect[muni]
        + rng.normal(0.0, 0.45, n)
        + 0.4 * elite
        - 0.8 * (level == EVENING)
    )
    indicators = _indicators(rng, social, muni, level, n_munis_total)

    quality = rng.normal(0.0, 0.3, n) + 0.35 * elite
    made_weak, made_strong = _weak_and_strong(rng, settlement, level, elite, region)
    quality[made_weak] = -rng.uniform(1.0, 1.5, made_weak.sum())
    quality[made_strong] = rng.uniform(0.8, 1.3, made_strong.sum())

    official_low = np.zeros(n, bool)
    official_unfav = np.zeros(n, bool)
    official_tutor = np.zeros(n, bool)
    observed = 0.45 * social + quality + rng.normal(0.0, 0.3, n)
    poverty_seen = social + rng.normal(0.0, 0.25, n)
    tutor_seen = quality + 0.3 * social + rng.normal(0.0, 0.25, n)
    for r in regions:
        idx = np.flatnonzero(region == r)
        k_low = 3 if spec.fixed_small else round(_OFFICIAL_LOW_SHARE * len(idx))
        official_low[idx[np.argsort(observed[idx], kind="stable")[:k_low]]] = True
        k_unf = max(1, round(_UNFAVOURABLE_SHARE * len(idx)))
        official_unfav[idx[np.argsort(poverty_seen[idx], kind="stable")[:k_unf]]] = True
        eligible = idx[
            (level[idx] != EVENING) & (level[idx] != PRIMARY) & ~made_weak[idx] & ~official_low[idx]
        ]
        k_tut = max(1, round(_TUTOR_SHARE * len(idx)))
        official_tutor[eligible[np.argsort(-tutor_seen[eligible], kind="stable")[:k_tut]]] = True
    tutor_capacity = np.where(official_tutor, rng.integers(1, 4, n), 0)

    subject_dev = rng.normal(0.0, 0.3, (n, len(EXAM_SUBJECTS)))

    return World(
        region_name=region_name,
        region_genitive=region_gen,
        region_code=region_code,
        muni_name=muni_name,
        muni_genitive=muni_gen,
        muni_region=np.array(muni_region),
        muni_is_city=np.array(muni_city),
        school_id=ids,
        name=[d.name for d in drafts],
        muni=muni,
        region=region,
        settlement=settlement,
        level=level,
        elite=elite,
        lat=np.round(np.array([d.lat for d in drafts]), 5),
        lon=np.round(np.array([d.lon for d in drafts]), 5),
        students=students,
        teachers=teachers,
        social=social,
        indicators=indicators,
        quality=quality,
        made_weak=made_weak,
        made_strong=made_strong,
        official_low=official_low,
        official_unfavourable=official_unfav,
        official_tutor=official_tutor,
        tutor_capacity=tutor_capacity,
        subject_dev=subject_dev,
    )


# --- social conditions and quality -----------------------------------------------------------


def _indicators(
    rng: np.random.Generator,
    social: np.ndarray,
    muni: np.ndarray,
    level: np.ndarray,
    n_munis: int,
) -> dict[str, np.ndarray]:
    n = len(social)
    evening = (level == EVENING).astype(float)
    national = rng.random(n_munis) < 0.1  # districts with many non-native speakers
    non_native_base = np.where(
        national, rng.uniform(15.0, 45.0, n_munis), np.exp(rng.normal(1.0, 0.6, n_munis))
    )
    values = {
        "share_low_income": 18.0 - 9.0 * social + rng.normal(0.0, 4.0, n) + 6.0 * evening,
        "share_parents_higher_ed": 32.0 + 13.0 * social + rng.normal(0.0, 5.0, n),
        "share_special_needs": 4.5 - 1.5 * social + rng.normal(0.0, 1.5, n) + 4.0 * evening,
        "share_non_native": non_native_base[muni] * np.exp(rng.normal(0.0, 0.4, n)) - 0.5 * social,
        "share_single_parent": 22.0 - 4.0 * social + rng.normal(0.0, 4.0, n) + 10.0 * evening,
    }
    bounds = {
        "share_low_income": (1.0, 75.0),
        "share_parents_higher_ed": (3.0, 85.0),
        "share_special_needs": (0.0, 30.0),
        "share_non_native": (0.0, 90.0),
        "share_single_parent": (5.0, 60.0),
    }
    no_data = rng.random(n) < _MISSING_SCHOOL
    gaps = {key: no_data | (rng.random(n) < _MISSING_CELL) for key in INDICATORS}
    if not any(g.any() for g in gaps.values()):  # even a tiny demo shows a gap in the data
        gaps[INDICATORS[int(rng.integers(len(INDICATORS)))]][int(rng.integers(n))] = True
    out = {}
    for key in INDICATORS:
        v = np.round(np.clip(values[key], *bounds[key]), 1)
        v[gaps[key]] = np.nan
        out[key] = v
    return out


def _weak_and_strong(
    rng: np.random.Generator,
    settlement: np.ndarray,
    level: np.ndarray,
    elite: np.ndarray,
    region: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Schools made persistently weak (~9 %) and strong (~17 %, a third in villages)."""
    n = len(level)
    weak = np.zeros(n, bool)
    strong = np.zeros(n, bool)
    for r in np.unique(region):
        idx = np.flatnonzero(region == r)
        w = np.array([0.8, 1.0, 1.3])[settlement[idx]] * np.where(level[idx] == EVENING, 2.0, 1.0)
        w = np.where(elite[idx], 0.0, w)
        k = max(2, round(_WEAK_SHARE * len(idx)))
        weak[idx[_weighted_pick(rng, w, k)]] = True
        k = max(3, round(_STRONG_SHARE * len(idx)))
        k_village = round(_RESILIENT_SHARE * k)
        ok = ~weak[idx] & (level[idx] != EVENING)
        village = ok & (settlement[idx] == VILLAGE)
        strong[idx[_weighted_pick(rng, village.astype(float), k_village)]] = True
        rest = ok & ~village & ~strong[idx]
        w = rest * np.where(elite[idx], 3.0, 1.0)
        strong[idx[_weighted_pick(rng, w, k - k_village)]] = True
    return weak, strong


def _weighted_pick(rng: np.random.Generator, weights: np.ndarray, k: int) -> np.ndarray:
    """k distinct indices drawn with probability proportional to ``weights`` (Gumbel top-k)."""
    positive = np.flatnonzero(weights > 0)
    k = min(k, len(positive))
    if k == 0:
        return positive[:0]
    keys = np.log(weights[positive]) + rng.gumbel(size=len(positive))
    return positive[np.argsort(-keys, kind="stable")[:k]]


def schools_sheet(world: World) -> pd.DataFrame:
    """The ``schools`` import sheet; ``social_index`` is left empty (it is computed)."""
    n = world.n
    cols: dict[str, object] = {
        "school_id": world.school_id,
        "name": world.name,
        "municipality": np.array(world.muni_name, dtype=object)[world.muni],
        "region": np.array(world.region_name, dtype=object)[world.region],
        "settlement_type": np.array(SETTLEMENTS, dtype=object)[world.settlement],
        "level": np.array(LEVELS, dtype=object)[world.level],
        "lat": world.lat,
        "lon": world.lon,
        "students": world.students,
        "teachers": world.teachers,
    }
    cols.update(world.indicators)
    cols["social_index"] = np.full(n, np.nan)
    cols["official_low_results"] = world.official_low
    cols["official_unfavourable"] = world.official_unfavourable
    cols["official_tutor"] = world.official_tutor
    cols["tutor_capacity"] = pd.array(
        np.where(world.official_tutor, world.tutor_capacity, 0), dtype="Int64"
    )
    df = frame(cols)
    df.loc[~world.official_tutor, "tutor_capacity"] = pd.NA
    return df
