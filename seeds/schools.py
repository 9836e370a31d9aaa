"""Regions, municipalities and schools of the demo: places, sizes, social conditions, quality.

The latent model behind every other sheet lives here: each school has a social position
(``social``, higher is more favourable), a persistent quality (``quality``) and per-subject
deviations; the official lists are noisy views of them, as real lists are.

Examples
--------
>>> w = build_world(SIZE_SPECS["small"], seed=1)
>>> len(w.school_id), sorted(collections.Counter(w.level_names()).items())
(18, [('basic', 3), ('evening', 1), ('primary', 1), ('secondary', 13)])
>>> int(w.official_low.sum())
3
"""

from __future__ import annotations

import bisect
import collections
import itertools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from seeds.frames import frame
from seeds.names import (
    REGIONS,
    VILLAGE_ROOTS,
    district_genitive,
    district_name,
    genitive_town,
    place_stems,
    town_name,
    village_forms,
)
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

LEVELS: tuple[str, ...] = ("primary", "basic", "secondary", "evening", "other")
SETTLEMENTS: tuple[str, ...] = ("city", "town", "village")
PRIMARY, BASIC, SECONDARY, EVENING, OTHER = range(5)
CITY, TOWN, VILLAGE = range(3)


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

# Shares of levels by settlement type (primary, basic, secondary, evening, other).
_LEVEL_MIX = {
    CITY: (0.03, 0.03, 0.84, 0.03, 0.07),
    TOWN: (0.07, 0.08, 0.76, 0.05, 0.04),
    VILLAGE: (0.13, 0.34, 0.51, 0.0, 0.02),
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


@dataclass
class _Draft:
    """One school while the layout is drawn."""

    muni: int
    settlement: int
    level: int
    elite: bool
    lat: float
    lon: float
    name: str


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
    drafts: list[_Draft] = []
    boxes = _region_boxes(spec.regions)
    for r in regions:
        if spec.fixed_small:
            n_schools, n_munis = spec.schools, 1
        elif spec.regions == 1:
            n_schools, n_munis = spec.schools, spec.municipalities
        else:
            scale = rng.uniform(0.7, 1.3)
            n_schools = round(spec.schools * scale)
            n_munis = max(1, round(spec.municipalities * scale))
        counts, is_city = _municipality_sizes(rng, n_schools, n_munis)
        centres = _municipality_centres(rng, boxes[r], n_munis)
        cell_km = _cell_km(boxes[r], n_munis)
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
                drafts += _small_district(rng, mi, stem, lat0, lon0)
            elif is_city[m]:
                radius = 6.0 + 8.0 * min(1.0, counts[m] / 250)
                drafts += _city(rng, mi, stem, counts[m], lat0, lon0, radius)
            else:
                drafts += _district(rng, mi, stem, counts[m], lat0, lon0, cell_km)

    n = len(drafts)
    muni = np.array([d.muni for d in drafts])
    region = np.array(muni_region)[muni]
    settlement = np.array([d.settlement for d in drafts])
    level = np.array([d.level for d in drafts])
    elite = np.array([d.elite for d in drafts])
    ids = _school_ids(muni, region, np.array(region_code), np.array(muni_region))

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


# --- geography -------------------------------------------------------------------------------


def _region_boxes(n_regions: int) -> list[tuple[float, float, float, float]]:
    """(lat_min, lat_max, lon_min, lon_max) of each region: one box, or a grid for a country."""
    if n_regions == 1:
        return [(54.8, 58.8, 43.5, 50.5)]
    rows = 3 if n_regions >= 6 else 1
    cols = math.ceil(n_regions / rows)
    lat_step, lon_step = 12.0 / rows, 60.0 / cols
    boxes = []
    for r in range(n_regions):
        i, j = divmod(r, cols)
        lat0, lon0 = 50.0 + i * lat_step, 30.0 + j * lon_step
        boxes.append((lat0, lat0 + lat_step, lon0, lon0 + lon_step))
    return boxes


def _km_per_degree_lon(lat: float) -> float:
    return 111.3 * math.cos(math.radians(lat))


def _cell_km(box: tuple[float, float, float, float], n_munis: int) -> float:
    lat_km = (box[1] - box[0]) * 111.3
    lon_km = (box[3] - box[2]) * _km_per_degree_lon((box[0] + box[1]) / 2)
    return math.sqrt(lat_km * lon_km / max(1, n_munis))


def _municipality_centres(
    rng: np.random.Generator, box: tuple[float, float, float, float], n: int
) -> list[tuple[float, float]]:
    """Centres on a jittered grid over the box; the first (the capital) nearest its middle."""
    lat_min, lat_max, lon_min, lon_max = box
    aspect = (lon_max - lon_min) * _km_per_degree_lon((lat_min + lat_max) / 2)
    aspect /= (lat_max - lat_min) * 111.3
    cols = max(1, round(math.sqrt(n * aspect)))
    rows = math.ceil(n / cols)
    cells = [(i, j) for i in range(rows) for j in range(cols)]
    mid = ((rows - 1) / 2, (cols - 1) / 2)
    cells.sort(key=lambda c: (c[0] - mid[0]) ** 2 + (c[1] - mid[1]) ** 2)
    first, rest = cells[0], cells[1:]
    chosen = [first] + [rest[k] for k in sorted(rng.permutation(len(rest))[: n - 1])]
    centres = []
    for i, j in chosen:
        u, v = rng.uniform(0.2, 0.8, 2)
        lat = lat_min + (i + u) * (lat_max - lat_min) / rows
        lon = lon_min + (j + v) * (lon_max - lon_min) / cols
        centres.append((lat, lon))
    return centres


def _offset(
    rng: np.random.Generator, lat: float, lon: float, r_min: float, r_max: float
) -> tuple[float, float]:
    """A point at a distance from r_min to r_max km (area-uniform) from (lat, lon)."""
    u, v = rng.random(2).tolist()
    r = math.sqrt(r_min**2 + u * (r_max**2 - r_min**2))
    a = 2 * math.pi * v
    return lat + r * math.sin(a) / 111.3, lon + r * math.cos(a) / _km_per_degree_lon(lat)


def _municipality_sizes(
    rng: np.random.Generator, n_schools: int, n_munis: int
) -> tuple[list[int], list[bool]]:
    """School counts per municipality: the capital and a few cities first, then districts."""
    if n_munis == 1:
        return [n_schools], [False]
    n_cities = 1 if n_munis < 10 else 2 if n_munis < 20 else 3 if n_munis < 35 else 4
    capital = round(n_schools * min(0.3, 4.5 / n_munis))
    others = [max(8, round(n_schools * rng.uniform(0.03, 0.06))) for _ in range(n_cities - 1)]
    left = n_schools - capital - sum(others)
    n_districts = n_munis - n_cities
    shares = rng.dirichlet(np.full(n_districts, 4.0))
    districts = np.maximum(8, np.round(shares * left)).astype(int).tolist()
    return [capital, *others, *districts], [True] * n_cities + [False] * n_districts


def _pick(rng: np.random.Generator, weights: tuple[float, ...]) -> int:
    """An index drawn with probability proportional to ``weights`` (one cheap draw)."""
    cum = list(itertools.accumulate(weights))
    return min(bisect.bisect_right(cum, rng.random() * cum[-1]), len(cum) - 1)


def _pick_level(rng: np.random.Generator, settlement: int) -> int:
    return _pick(rng, _LEVEL_MIX[settlement])


_OWNER = {
    CITY: (("МБОУ", "МАОУ", "МКОУ"), (0.7, 0.25, 0.05)),
    TOWN: (("МБОУ", "МАОУ", "МКОУ"), (0.75, 0.1, 0.15)),
    VILLAGE: (("МКОУ", "МБОУ", "МАОУ"), (0.45, 0.5, 0.05)),
}
_SHORT = {PRIMARY: "НОШ", BASIC: "ООШ", SECONDARY: "СОШ"}


def _owner(rng: np.random.Generator, settlement: int) -> str:
    names, p = _OWNER[settlement]
    return names[_pick(rng, p)]


def _urban_schools(
    rng: np.random.Generator,
    muni: int,
    stem: str,
    settlement: int,
    levels: list[tuple[int, bool]],
    lat0: float,
    lon0: float,
    radius: float,
) -> list[_Draft]:
    """Schools of one town or city, numbered as they are in Russian towns."""
    where = f"г. {genitive_town(stem)}"
    plain = [k for k, (lv, el) in enumerate(levels) if lv in _SHORT and not el]
    numbers = iter(sorted(rng.choice(round(len(plain) * 1.3) + 2, len(plain), replace=False) + 1))
    gymnasia = iter(range(1, len(levels) + 1))
    lyceums = iter(range(1, len(levels) + 1))
    evening_no = iter(range(1, len(levels) + 1))
    other_no = iter(range(1, len(levels) + 1))
    drafts = []
    for lv, el in levels:
        owner = _owner(rng, settlement)
        if el:
            kind = "Гимназия" if rng.random() < 0.55 else "Лицей"
            no = next(gymnasia) if kind == "Гимназия" else next(lyceums)
            title = f'{owner} "{kind} № {no}" {where}'
        elif lv in _SHORT:
            extra = (
                " с углублённым изучением отдельных предметов"
                if lv == SECONDARY and rng.random() < 0.06
                else ""
            )
            title = f'{owner} "{_SHORT[lv]} № {next(numbers)}{extra}" {where}'
        elif lv == EVENING:
            title = f'{owner} "Вечерняя (сменная) общеобразовательная школа № {next(evening_no)}"'
            title += f" {where}"
        else:
            kind = ("Центр образования", "Школа-интернат", "Кадетская школа")[_pick(rng, (1, 1, 1))]
            if kind == "Школа-интернат":
                owner = "ГБОУ"
            title = f'{owner} "{kind} № {next(other_no)}" {where}'
        lat, lon = _offset(rng, lat0, lon0, 0.0, radius)
        drafts.append(_Draft(muni, settlement, lv, el, lat, lon, title))
    return drafts


def _village_school(
    rng: np.random.Generator, muni: int, root: str, level: int, lat: float, lon: float
) -> _Draft:
    forms = village_forms(root)
    village, adjective = forms[_pick(rng, (0.4, 0.3, 0.2, 0.1))]
    owner = _owner(rng, VILLAGE)
    if level == OTHER:
        title = f'{owner} "{adjective} школа-интернат"'
    elif rng.random() < 0.7:
        title = f'{owner} "{adjective} {_SHORT.get(level, "СОШ")}"'
    else:
        title = f'{owner} "{_SHORT.get(level, "СОШ")} {village}"'
    return _Draft(muni, VILLAGE, level, False, lat, lon, title)


def _village_roots(rng: np.random.Generator, n: int) -> list[str]:
    roots = [VILLAGE_ROOTS[i] for i in rng.permutation(len(VILLAGE_ROOTS))]
    while len(roots) < n:  # a very large district: «Новоивановская» and the like
        roots += ["Ново" + r[0].lower() + r[1:] for r in roots[: n - len(roots)]]
    return roots[:n]


def _city(
    rng: np.random.Generator,
    muni: int,
    stem: str,
    n: int,
    lat0: float,
    lon0: float,
    radius: float,
) -> list[_Draft]:
    levels = []
    for _ in range(n):
        lv = _pick_level(rng, CITY)
        levels.append((lv, lv == SECONDARY and rng.random() < 0.2))
    return _urban_schools(rng, muni, stem, CITY, levels, lat0, lon0, radius)


def _district(
    rng: np.random.Generator,
    muni: int,
    stem: str,
    n: int,
    lat0: float,
    lon0: float,
    cell_km: float,
) -> list[_Draft]:
    """A rural district: a centre town with a few schools and villages with one school each."""
    n_town = max(1, min(n, round(n * rng.uniform(0.15, 0.3))))
    levels = []
    evening_done = False
    for _ in range(n_town):
        lv = _pick_level(rng, TOWN)
        if lv == EVENING and evening_done:
            lv = SECONDARY
        evening_done |= lv == EVENING
        levels.append((lv, lv == SECONDARY and rng.random() < 0.1))
    drafts = _urban_schools(rng, muni, stem, TOWN, levels, lat0, lon0, 3.0)
    r_max = min(55.0, 0.6 * cell_km)
    r_min = min(10.0, r_max / 3)
    for root in _village_roots(rng, n - n_town):
        lat, lon = _offset(rng, lat0, lon0, r_min, r_max)
        drafts.append(_village_school(rng, muni, root, _pick_level(rng, VILLAGE), lat, lon))
    return drafts


def _small_district(
    rng: np.random.Generator, muni: int, stem: str, lat0: float, lon0: float
) -> list[_Draft]:
    """Иволгинский-like: 6 schools in the centre town, 12 village schools."""
    town = [(SECONDARY, True), (SECONDARY, False), (SECONDARY, False), (SECONDARY, False)]
    town += [(PRIMARY, False), (EVENING, False)]
    drafts = _urban_schools(rng, muni, stem, TOWN, town, lat0, lon0, 3.0)
    village_levels = [SECONDARY] * 9 + [BASIC] * 3
    village_levels = [village_levels[i] for i in rng.permutation(len(village_levels))]
    for root, lv in zip(_village_roots(rng, 12), village_levels, strict=True):
        lat, lon = _offset(rng, lat0, lon0, 10.0, 45.0)
        drafts.append(_village_school(rng, muni, root, lv, lat, lon))
    return drafts


def _school_ids(
    muni: np.ndarray, region: np.ndarray, region_code: np.ndarray, muni_region: np.ndarray
) -> np.ndarray:
    """«0301012»: region code, municipality number in the region, school number in it."""
    muni_no = np.zeros(len(muni_region), int)
    for r in np.unique(muni_region):
        idx = np.flatnonzero(muni_region == r)
        muni_no[idx] = np.arange(1, len(idx) + 1)
    ids = np.empty(len(muni), dtype=object)
    counter: collections.Counter[int] = collections.Counter()
    for k, (m, r) in enumerate(zip(muni.tolist(), region.tolist(), strict=True)):
        counter[m] += 1
        ids[k] = f"{region_code[r]:02d}{muni_no[m]:02d}{counter[m]:03d}"
    return ids


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
