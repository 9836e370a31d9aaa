"""Teachers and curators of the demo.

Teachers are generated school by school in school order (so a school's teachers are one
contiguous block), vectorised over the whole population; only the final strings are built
one by one.

Examples
--------
>>> from seeds.schools import SIZE_SPECS, build_world
>>> w = build_world(SIZE_SPECS["small"], seed=1)
>>> st = build_staff(w, seed=1)
>>> len(st.teacher_id) == int(w.teachers.sum())
True
>>> st.teacher_id[0]
'T0301001-001'
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from seeds.names import full_names
from seeds.school_layout import BASIC, EVENING, LEVELS, OTHER, PRIMARY, SECONDARY
from seeds.schools import World
from seeds.sheet_frames import frame
from seeds.vocab import (
    BUNDLE_WEIGHTS,
    CATEGORIES,
    GENERIC_DEFICITS,
    RMO_GROUPS,
    SUBJECTS,
    TEACHER_BUNDLES,
    YOUNG_DEFICITS,
)

__all__ = [
    "BUNDLE_GROUP",
    "YOUNG_YEARS",
    "Staff",
    "build_curators",
    "build_staff",
    "teachers_sheet",
]

_EXAM_DEFICIT_SUBJECTS = (
    "Русский язык",
    "Математика",
    "Физика",
    "Химия",
    "Биология",
    "География",
    "История",
    "Обществознание",
    "Информатика",
    "Английский язык",
)
_WEAK_LEANING = {"преодоление учебной неуспешности", "мотивация учащихся", "формирующее оценивание"}
_FEMALE_SHARE = {
    "Начальные классы": 0.97,
    "Русский язык": 0.95,
    "Английский язык": 0.95,
    "Немецкий язык": 0.95,
    "Математика": 0.85,
    "Физическая культура": 0.45,
    "ОБЗР": 0.25,
    "Технология": 0.55,
    "Физика": 0.6,
    "Информатика": 0.6,
    "История": 0.75,
}
# Category shares (высшая, первая, соответствие, без категории) by experience band.
_CATEGORY_BY_EXPERIENCE = np.array(
    [
        [0.0, 0.0, 0.0, 1.0],
        [0.02, 0.25, 0.33, 0.40],
        [0.20, 0.42, 0.28, 0.10],
        [0.48, 0.32, 0.17, 0.03],
    ]
)
YOUNG_YEARS = 5  # «молодой педагог»: up to five years in the profession


@dataclass
class Staff:
    """Teachers, one entry per teacher in every array."""

    teacher_id: np.ndarray  # object array of str
    school: np.ndarray  # index into the world's schools
    bundle: np.ndarray  # index into TEACHER_BUNDLES
    group: np.ndarray  # index into RMO_GROUPS
    experience: np.ndarray
    category: np.ndarray  # index into CATEGORIES
    full_name: list[str]
    deficits: np.ndarray  # object array: "a;b" or None
    school_start: np.ndarray  # per school: its first teacher

    @property
    def n(self) -> int:
        return len(self.teacher_id)

    @property
    def young(self) -> np.ndarray:
        return self.experience <= YOUNG_YEARS


def _bundle_group() -> np.ndarray:
    by_subject = {s: g for g, (_, _, subjects) in enumerate(RMO_GROUPS) for s in subjects}
    return np.array([by_subject[b[0]] for b in TEACHER_BUNDLES])


BUNDLE_GROUP = _bundle_group()
_BUNDLE_TEXT = np.array([";".join(b) for b in TEACHER_BUNDLES], dtype=object)
_RUSSIAN, _MATHS, _PRIMARY_CLASSES = 1, 2, 0


def build_staff(world: World, seed: int) -> Staff:
    """Every teacher of every school; a school's count is ``world.teachers``."""
    rng = np.random.default_rng([seed, 2])
    counts = world.teachers
    school = np.repeat(np.arange(world.n), counts)
    start = np.concatenate([[0], np.cumsum(counts)[:-1]])
    local = np.arange(len(school)) - start[school]
    level = world.level[school]

    bundle = np.zeros(len(school), np.int64)
    for lv, name in enumerate(LEVELS):
        idx = np.flatnonzero(level == lv)
        p = np.array(BUNDLE_WEIGHTS[name])
        bundle[idx] = rng.choice(len(p), size=len(idx), p=p / p.sum())
    # Every school has its core teachers whatever the draw.
    subject_school = np.isin(level, [BASIC, SECONDARY, OTHER, EVENING])
    bundle[subject_school & (local == 0)] = _RUSSIAN
    bundle[subject_school & (local == 1)] = _MATHS
    has_primary = np.isin(level, [BASIC, SECONDARY, OTHER])
    bundle[has_primary & (local == 2)] = _PRIMARY_CLASSES
    bundle[(level == PRIMARY) & (local < 2)] = _PRIMARY_CLASSES

    young = rng.random(len(school)) < 0.14
    experience = np.where(
        young,
        rng.integers(0, YOUNG_YEARS + 1, len(school)),
        np.clip(np.round(rng.normal(24.0, 10.0, len(school))), YOUNG_YEARS + 1, 50),
    ).astype(np.int64)

    band = np.digitize(experience, [2, 5, 15])
    p = _CATEGORY_BY_EXPERIENCE[band].copy()
    weak = world.made_weak[school]
    good = (world.made_strong | world.elite)[school]
    p[:, 0] *= np.where(weak, 0.5, np.where(good, 1.4, 1.0))
    p /= p.sum(axis=1, keepdims=True)
    category = (rng.random(len(school))[:, None] > np.cumsum(p, axis=1)).sum(axis=1)
    category = np.minimum(category, len(CATEGORIES) - 1)

    female_p = np.array([_FEMALE_SHARE.get(b[0], 0.85) for b in TEACHER_BUNDLES])[bundle]
    names = full_names(rng, rng.random(len(school)) < female_p)

    deficits = _deficits(rng, world, school, bundle, experience, category)
    suffix = np.array([f"-{k + 1:03d}" for k in range(int(counts.max(initial=0)))], dtype=object)
    ids = "T" + world.school_id[school] + suffix[local]
    return Staff(
        teacher_id=ids,
        school=school,
        bundle=bundle,
        group=BUNDLE_GROUP[bundle],
        experience=experience,
        category=category,
        full_name=names,
        deficits=deficits,
        school_start=start,
    )


def _deficit_candidates(bundle: tuple[str, ...]) -> tuple[list[str], np.ndarray]:
    """The phrases a teacher of this bundle may name, and their base weights."""
    phrases = list(GENERIC_DEFICITS)
    weights = list(GENERIC_DEFICITS.values())
    for subject in bundle:
        if subject in _EXAM_DEFICIT_SUBJECTS:
            dative = SUBJECTS[subject].dative
            phrases += [
                f"подготовка к ОГЭ по {dative}",
                f"подготовка к ЕГЭ по {dative}",
                f"анализ результатов ВПР по {dative}",
            ]
            weights += [1.5, 1.0, 1.0]
    if bundle[0] == "Начальные классы":
        phrases += [
            "анализ результатов ВПР в 4 классе",
            "читательская грамотность младших школьников",
        ]
        weights += [1.5, 1.5]
    return phrases, np.array(weights)


def _deficits(
    rng: np.random.Generator,
    world: World,
    school: np.ndarray,
    bundle: np.ndarray,
    experience: np.ndarray,
    category: np.ndarray,
) -> np.ndarray:
    weak = world.made_weak[school]
    lam = (
        0.7
        + 1.5 * weak
        + 0.6 * (world.official_low[school] & ~weak)
        + 0.5 * (experience < 3)
        - 0.3 * (category == 0)
    )
    k = np.minimum(rng.poisson(lam), 4)
    out = np.full(len(school), None, dtype=object)
    for b, spec in enumerate(TEACHER_BUNDLES):
        idx = np.flatnonzero((bundle == b) & (k > 0))
        if len(idx) == 0:
            continue
        phrases, base = _deficit_candidates(spec)
        boost = np.array(
            [3.0 if p in _WEAK_LEANING or p.startswith("подготовка к") else 1.0 for p in phrases]
        )
        young_boost = np.array([4.0 if p in YOUNG_DEFICITS else 1.0 for p in phrases])
        logw = (
            np.log(base)[None, :]
            + np.log(boost)[None, :] * weak[idx, None]
            + np.log(young_boost)[None, :] * (experience[idx, None] <= YOUNG_YEARS)
        )
        keys = logw + rng.gumbel(size=(len(idx), len(phrases)))
        order = np.argsort(-keys, axis=1)
        text = np.array(phrases, dtype=object)[order[:, :4]]
        ki = k[idx]
        joined = text[:, 0]
        for j in range(1, 4):
            joined = np.where(ki > j, joined + ";" + text[:, j], joined)
        out[idx] = joined
    return out


def teachers_sheet(world: World, staff: Staff) -> pd.DataFrame:
    """The ``teachers`` import sheet."""
    return frame(
        {
            "teacher_id": staff.teacher_id,
            "full_name": staff.full_name,
            "school_id": world.school_id[staff.school],
            "subjects": _BUNDLE_TEXT[staff.bundle],
            "category": np.array(CATEGORIES, dtype=object)[staff.category],
            "experience_years": staff.experience,
            "deficits": staff.deficits,
        }
    )


def build_curators(world: World, seed: int) -> pd.DataFrame:
    """The ``curators`` sheet: most weak and officially listed schools get a curator."""
    rng = np.random.default_rng([seed, 3])
    rows: list[dict[str, str]] = []
    counter: dict[int, int] = {}
    tutors = world.made_strong | world.official_tutor
    for m in range(len(world.muni_name)):
        in_muni = world.muni == m
        low = in_muni & (world.made_weak | world.official_low)
        unfav = in_muni & world.official_unfavourable & ~low
        covered = np.flatnonzero(
            (low & (rng.random(world.n) < 0.8)) | (unfav & (rng.random(world.n) < 0.5))
        )
        covered = covered[rng.permutation(len(covered))]
        while len(covered):
            size = int(rng.integers(2, 6))
            group, covered = covered[:size], covered[size:]
            r = int(world.muni_region[m])
            counter[r] = counter.get(r, 0) + 1
            female = rng.random() < 0.75
            name = full_names(rng, np.array([female]))[0]
            rows.append(
                {
                    "curator_id": f"C{world.region_code[r]:02d}-{counter[r]:04d}",
                    "full_name": name,
                    "organisation": _organisation(rng, world, m, tutors),
                    "schools": ";".join(world.school_id[sorted(group.tolist())]),
                }
            )
    columns = ("curator_id", "full_name", "organisation", "schools")
    return frame({c: [row[c] for row in rows] for c in columns})


def _organisation(rng: np.random.Generator, world: World, m: int, tutors: np.ndarray) -> str:
    region = int(world.muni_region[m])
    where = world.muni_genitive[m]
    u = rng.random()
    if u < 0.15:
        return f"ЦНППМ {world.region_genitive[region]}"
    if u < 0.3:
        own = np.flatnonzero((world.muni == m) & tutors)
        if len(own):
            return world.name[int(own[rng.integers(len(own))])]
    if u < 0.5:
        return f"Управление образования администрации {where}"
    if world.muni_is_city[m]:
        return f'МКУ "Информационно-методический центр" {where}'
    return f"ИМЦ {where}"
