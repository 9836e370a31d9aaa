"""Assessment results of the demo schools: ВПР, ОГЭ and ЕГЭ over the last three school years.

A school's figure in a subject comes from a latent level

    z = 0.45·social + quality + subject deviation + year noise (+ partnership effect),

turned into pupils' marks (ВПР, ОГЭ: an ordered-probit split into «2»…«5» calibrated to typical
national shares) or ЕГЭ points (normal, clipped to 0–100), drawn for the actual number of
participants. The four metrics of a row group are computed from the same simulated pupils, so
they agree with each other: ``pass_rate + low_share = 100`` and ``high_share <= pass_rate``.
Everything is vectorised; nothing loops per row.

Examples
--------
>>> result_years(dt.date(2026, 11, 23)), result_years(dt.date(2026, 3, 1))
([2024, 2025, 2026], [2023, 2024, 2025])
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from scipy.special import ndtr, ndtri

from seeds.school_layout import BASIC, EVENING, OTHER, PRIMARY, SECONDARY
from seeds.schools import World
from seeds.sheet_frames import frame
from seeds.vocab import (
    EGE_SUBJECTS,
    EXAM_SUBJECTS,
    MARK_DISTRIBUTIONS,
    OGE_ELECTIVES,
    VPR_ROTATING,
)

__all__ = ["ASSESSMENTS", "METRICS", "build_results", "result_years"]

ASSESSMENTS: tuple[str, ...] = ("ВПР", "ОГЭ", "ЕГЭ")
METRICS: tuple[str, ...] = ("mean_score", "pass_rate", "low_share", "high_share")
VPR, OGE, EGE = range(3)
_RESULTS_PUBLISHED = (8, 1)  # a school year's results are complete by 1 August
_SOCIAL_WEIGHT, _YEAR_SD, _CELL_SD = 0.45, 0.15, 0.12
_MARK_SLOPE, _EGE_SLOPE, _HIGH_POINTS = 0.65, 11.0, 81
_SUBJECT = {s: i for i, s in enumerate(EXAM_SUBJECTS)}
_ALL_GRADES = (BASIC, SECONDARY, OTHER)


def result_years(as_of: dt.date) -> list[int]:
    """The three last complete school years, each named by the year of its spring exams."""
    last = as_of.year if (as_of.month, as_of.day) >= _RESULTS_PUBLISHED else as_of.year - 1
    return [last - 2, last - 1, last]


def _cohorts(world: World) -> dict[str, np.ndarray]:
    """Expected pupils per grade: primary (1–4), middle (5–9), senior (10–11), by school."""
    s = world.students.astype(float)
    lv = world.level
    middle = np.select([lv == PRIMARY, lv == BASIC, lv == EVENING], [0.0, s / 9, 0.3 * s], s / 10.1)
    primary = np.select([lv == PRIMARY, lv == EVENING], [s / 4, 0.0], middle)
    senior = np.select(
        [np.isin(lv, [SECONDARY, OTHER]), lv == EVENING], [0.55 * s / 10.1, 0.25 * s], 0.0
    )
    return {"primary": primary, "middle": middle, "senior": senior}


def _thresholds(shares: tuple[float, float, float, float]) -> np.ndarray:
    """Cut points of a standard normal giving the mark shares at an average school."""
    return np.asarray(ndtri(np.cumsum(shares)[:3]))


def build_results(
    world: World,
    years: list[int],
    seed: int,
    boost: np.ndarray | None = None,
    vpr_grades: tuple[int, ...] = tuple(VPR_ROTATING),
    electives: int = 2,
) -> pd.DataFrame:
    """The ``results`` sheet; ``boost`` (school × year) adds to a school's latent level.

    ``vpr_grades`` and ``electives`` (ОГЭ and ЕГЭ electives per school and year, at most 2)
    trim the detail of a large load-test dataset.
    """
    rng = np.random.default_rng([seed, 4])
    n, n_years = world.n, len(years)
    cohort = _cohorts(world)
    year_dev = rng.normal(0.0, _YEAR_SD, (n, n_years))
    if boost is not None:
        year_dev = year_dev + boost
    # Class sizes vary a little from year to year.
    size = rng.uniform(0.85, 1.15, (n, n_years))

    sy_school = np.repeat(np.arange(n), n_years)
    sy_year = np.tile(np.arange(n_years), n)
    level = world.level[sy_school]

    parts: list[tuple[np.ndarray, ...]] = []  # (sy index, assessment, grade, subject, expected)

    def add(mask: np.ndarray, assessment: int, grade: int, subject: np.ndarray, exp: np.ndarray):
        sy = np.flatnonzero(mask)
        parts.append(
            (
                sy,
                np.full(len(sy), assessment),
                np.full(len(sy), grade),
                subject[sy] if subject.shape == mask.shape else subject,
                exp[sy],
            )
        )

    def fixed(name: str) -> np.ndarray:
        return np.full(len(sy_school), _SUBJECT[name])

    prim = cohort["primary"][sy_school] * size[sy_school, sy_year]
    mid = cohort["middle"][sy_school] * size[sy_school, sy_year]
    sen = cohort["senior"][sy_school] * size[sy_school, sy_year]

    # ВПР: grades 4–8, Russian, mathematics and a third subject drawn per class.
    has_vpr4 = np.isin(level, [PRIMARY, *_ALL_GRADES])
    has_vpr = np.isin(level, _ALL_GRADES)
    for g in vpr_grades:
        rotating = VPR_ROTATING[g]
        mask = has_vpr4 if g == 4 else has_vpr
        exp = (prim if g == 4 else mid) * 0.92
        add(mask, VPR, g, fixed("Русский язык"), exp)
        add(mask, VPR, g, fixed("Математика"), exp)
        options = np.array([_SUBJECT[s] for s in rotating])
        add(mask, VPR, g, options[rng.integers(0, len(options), len(sy_school))], exp)

    # ОГЭ: Russian and mathematics for all, the school's two most taken electives that year.
    has_oge = np.isin(level, [*_ALL_GRADES, EVENING])
    add(has_oge, OGE, 9, fixed("Русский язык"), mid * 0.97)
    add(has_oge, OGE, 9, fixed("Математика"), mid * 0.97)
    names = list(OGE_ELECTIVES)
    popularity = np.array(list(OGE_ELECTIVES.values()))
    picks = _top_k(rng, popularity, len(sy_school), 2)
    for k in range(min(2, electives)):
        mask = has_oge & ((level != EVENING) | (k == 0))
        share = popularity[picks[:, k]] * np.where(level == EVENING, 0.5, 1.0)
        add(mask, OGE, 9, np.array([_SUBJECT[s] for s in names])[picks[:, k]], mid * share)

    # ЕГЭ: Russian, профильная математика and two electives where grade 11 exists.
    has_ege = np.isin(level, [SECONDARY, OTHER, EVENING])
    ege_share = np.array([s[1] for s in EGE_SUBJECTS])
    evening_factor = np.where(level == EVENING, 0.3, 1.0)  # most evening pupils sit ГВЭ
    add(has_ege, EGE, 11, fixed("Русский язык"), sen * ege_share[0] * evening_factor)
    add(
        has_ege & (level != EVENING),
        EGE,
        11,
        fixed("Математика (профильная)"),
        sen * ege_share[1],
    )
    picks = _top_k(rng, ege_share[2:], len(sy_school), 2) + 2
    ege_subject = np.array([_SUBJECT[s[0]] for s in EGE_SUBJECTS])
    for k in range(min(2, electives)):
        mask = has_ege & ((level != EVENING) | (k == 0))
        share = ege_share[picks[:, k]] * evening_factor
        add(mask, EGE, 11, ege_subject[picks[:, k]], sen * share)

    sy = np.concatenate([p[0] for p in parts])
    assessment = np.concatenate([p[1] for p in parts])
    grade = np.concatenate([p[2] for p in parts])
    subject = np.concatenate([p[3] for p in parts])
    expected = np.concatenate([p[4] for p in parts])
    participants = rng.binomial(np.round(expected).astype(np.int64), 0.97)
    keep = participants > 0
    sy, assessment, grade, subject, participants = (
        a[keep] for a in (sy, assessment, grade, subject, participants)
    )
    school, year = sy_school[sy], sy_year[sy]
    key = (((school * n_years + year) * len(ASSESSMENTS) + assessment) * 12 + grade) * len(
        EXAM_SUBJECTS
    ) + subject
    order = np.argsort(key, kind="stable")
    school, year, assessment, grade, subject, participants = (
        a[order] for a in (school, year, assessment, grade, subject, participants)
    )

    z = (
        _SOCIAL_WEIGHT * world.social[school]
        + world.quality[school]
        + world.subject_dev[school, subject]
        + year_dev[school, year]
        + rng.normal(0.0, _CELL_SD, len(school))
    )
    values = np.empty((len(school), 4))
    marks = assessment != EGE
    values[marks] = _mark_metrics(rng, assessment[marks], grade[marks], subject[marks],
                                  participants[marks], z[marks])  # fmt: skip
    values[~marks] = _ege_metrics(rng, subject[~marks], participants[~marks], z[~marks])

    def rows(a: np.ndarray) -> np.ndarray:  # one row per metric of a cell
        return np.repeat(a, len(METRICS))

    return frame(
        {
            "school_id": rows(world.school_id[school]),
            "year": rows(np.array(years, dtype=np.int64)[year]),
            "assessment": rows(np.array(ASSESSMENTS, dtype=object)[assessment]),
            "subject": rows(np.array(EXAM_SUBJECTS, dtype=object)[subject]),
            "grade": rows(grade.astype(np.int64)),
            "metric": np.tile(np.array(METRICS, dtype=object), len(school)),
            "value": values.reshape(-1),
            "participants": rows(participants.astype(np.int64)),
        }
    )


def _top_k(rng: np.random.Generator, weights: np.ndarray, rows: int, k: int) -> np.ndarray:
    """For each row, k distinct indices drawn with probability ∝ weights (Gumbel top-k)."""
    keys = np.log(weights)[None, :] + rng.gumbel(size=(rows, len(weights)))
    return np.argsort(-keys, axis=1)[:, :k]


def _mark_metrics(
    rng: np.random.Generator,
    assessment: np.ndarray,
    grade: np.ndarray,
    subject: np.ndarray,
    n: np.ndarray,
    z: np.ndarray,
) -> np.ndarray:
    """mean mark, pass rate, share of «2», share of «4»–«5» from simulated pupils."""
    cuts = np.full((len(ASSESSMENTS), len(EXAM_SUBJECTS), 3), np.nan)
    for a, table in MARK_DISTRIBUTIONS.items():
        for s, shares in table.items():
            cuts[ASSESSMENTS.index(a), _SUBJECT[s]] = _thresholds(shares)
    c = cuts[assessment, subject]
    mu = _MARK_SLOPE * z + np.where(grade == 4, 0.15, 0.0)
    p_le = ndtr(c - mu[:, None])  # P(mark <= 2), P(<= 3), P(<= 4)
    p2 = p_le[:, 0]
    n2 = rng.binomial(n, p2)
    rest = n - n2
    n3 = rng.binomial(rest, np.clip((p_le[:, 1] - p2) / np.maximum(1 - p2, 1e-12), 0, 1))
    rest = rest - n3
    n4 = rng.binomial(
        rest, np.clip((p_le[:, 2] - p_le[:, 1]) / np.maximum(1 - p_le[:, 1], 1e-12), 0, 1)
    )
    n5 = rest - n4
    mean = (2 * n2 + 3 * n3 + 4 * n4 + 5 * n5) / n
    return np.column_stack(
        [
            np.round(mean, 2),
            np.round(100 * (n - n2) / n, 1),
            np.round(100 * n2 / n, 1),
            np.round(100 * (n4 + n5) / n, 1),
        ]
    )


def _ege_metrics(
    rng: np.random.Generator, subject: np.ndarray, n: np.ndarray, z: np.ndarray
) -> np.ndarray:
    """mean points, share at or above the minimum, below it, and of 81 points or more."""
    mean_of = np.zeros(len(EXAM_SUBJECTS))
    sd_of = np.ones(len(EXAM_SUBJECTS))
    min_of = np.zeros(len(EXAM_SUBJECTS))
    for name, _, m, sd, minimum in EGE_SUBJECTS:
        mean_of[_SUBJECT[name]], sd_of[_SUBJECT[name]], min_of[_SUBJECT[name]] = m, sd, minimum
    cell = np.repeat(np.arange(len(n)), n)
    points = np.clip(
        np.round(rng.normal(mean_of[subject[cell]] + _EGE_SLOPE * z[cell], sd_of[subject[cell]])),
        0,
        100,
    )
    total = np.bincount(cell, weights=points, minlength=len(n))
    low = np.bincount(cell, weights=points < min_of[subject[cell]], minlength=len(n))
    high = np.bincount(cell, weights=points >= _HIGH_POINTS, minlength=len(n))
    return np.column_stack(
        [
            np.round(total / n, 1),
            np.round(100 * (n - low) / n, 1),
            np.round(100 * low / n, 1),
            np.round(100 * high / n, 1),
        ]
    )
