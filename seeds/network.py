"""The support network of the demo: associations, memberships and school partnerships.

Partnerships are drawn before results (a working pair lifts its mentee a little) and before
events (their joint events are planned here, as dates, so that every pair lands in the intended
exchange state: ``active``, ``dormant`` or ``not_started`` relative to ``as_of``).

Examples
--------
>>> from seeds.schools import SIZE_SPECS, build_world
>>> w = build_world(SIZE_SPECS["small"], seed=1)
>>> p = build_partnerships(w, dt.date(2026, 11, 23), seed=1)
>>> sorted(set(p.state)) == ["active", "dormant", "not_started"]
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from seeds.schools import EVENING, PRIMARY, World
from seeds.sheet_frames import frame
from seeds.staff import Staff
from seeds.vocab import EXAM_SUBJECTS, RMO_GROUPS

__all__ = [
    "EXCHANGE_WINDOW_DAYS",
    "Associations",
    "Partnerships",
    "associations_sheet",
    "build_associations",
    "build_memberships",
    "build_partnerships",
    "partnership_boost",
    "partnerships_sheet",
]

EXCHANGE_WINDOW_DAYS = 90  # DESIGN.md: a pair is active with a joint event in the last 90 days
_FOCUS_PRIMARY = ("Русский язык", "Математика", "Окружающий мир")
_FOCUS_EVENING = ("Русский язык", "Математика")
_FOCUS = (
    "Русский язык",
    "Математика",
    "История",
    "Биология",
    "География",
    "Обществознание",
    "Физика",
    "Химия",
)
_SUBJECT = {s: i for i, s in enumerate(EXAM_SUBJECTS)}


# --- associations ----------------------------------------------------------------------------

# Regional associations: (name pattern, kind, subject, role in events and memberships).
_REGIONAL = (
    ("Клуб молодых педагогов {gen}", "клуб молодых педагогов", None, "young"),
    ('Сетевое сообщество "Функциональная грамотность" {gen}', "сетевое сообщество", None, "fg"),
    ('Сетевое сообщество школ-тьюторов "Вместе к успеху" {gen}', "сетевое сообщество", None,
     "tutors"),
    ('Сетевое сообщество учителей русского языка и литературы "Живое слово" {gen}',
     "сетевое сообщество", "Русский язык", "russian"),
    ('Сетевое сообщество учителей математики "Математическая вертикаль" {gen}',
     "сетевое сообщество", "Математика", "maths"),
)  # fmt: skip
REGIONAL_ROLES: tuple[str, ...] = tuple(r[3] for r in _REGIONAL)


@dataclass
class Associations:
    """Every association, one entry per association in the lists."""

    association_id: list[str] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    subject: list[str | None] = field(default_factory=list)
    municipality: list[str | None] = field(default_factory=list)
    rmo: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), int))  # (muni, group)
    city_club: np.ndarray = field(default_factory=lambda: np.zeros(0, int))  # per muni, -1
    regional: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), int))  # (region, role)


def build_associations(world: World) -> Associations:
    """РМО per subject group and municipality, a young teachers' club in each city, and the
    regional club and network communities."""
    a = Associations()
    n_munis = len(world.muni_name)
    a.rmo = np.full((n_munis, len(RMO_GROUPS)), -1)
    a.city_club = np.full(n_munis, -1)
    a.regional = np.full((len(world.region_name), len(_REGIONAL)), -1)
    counter = [0] * len(world.region_name)

    def add(region: int, name: str, kind: str, subject: str | None, muni: str | None) -> int:
        counter[region] += 1
        a.association_id.append(f"A{world.region_code[region]:02d}-{counter[region]:04d}")
        a.name.append(name)
        a.kind.append(kind)
        a.subject.append(subject)
        a.municipality.append(muni)
        return len(a.name) - 1

    for r, gen in enumerate(world.region_genitive):
        for k, (pattern, kind, subject, _) in enumerate(_REGIONAL):
            a.regional[r, k] = add(r, pattern.format(gen=gen), kind, subject, None)
    for m in range(n_munis):
        r = int(world.muni_region[m])
        where = world.muni_genitive[m]
        for g, (subject, members, _) in enumerate(RMO_GROUPS):
            a.rmo[m, g] = add(r, f"РМО {members} {where}", "РМО", subject, world.muni_name[m])
        if world.muni_is_city[m]:
            a.city_club[m] = add(
                r, f"Клуб молодых педагогов {where}", "клуб молодых педагогов", None,
                world.muni_name[m],
            )  # fmt: skip
    return a


def associations_sheet(a: Associations) -> pd.DataFrame:
    return frame(
        {
            "association_id": a.association_id,
            "name": a.name,
            "kind": a.kind,
            "subject": a.subject,
            "municipality": a.municipality,
        }
    )


def school_activity(world: World) -> np.ndarray:
    """How readily a school's teachers join associations and come to events."""
    f = np.ones(world.n)
    f[world.official_low] = 0.7
    f[world.made_weak] = 0.45
    f[world.made_strong] = 1.3
    f[world.official_tutor] = 1.4
    return f


def build_memberships(
    world: World, staff: Staff, assoc: Associations, paired: np.ndarray, seed: int
) -> pd.DataFrame:
    """The ``memberships`` sheet; ``paired`` marks schools in a partnership."""
    rng = np.random.default_rng([seed, 6])
    t_school = staff.school
    t_muni = world.muni[t_school]
    t_region = world.region[t_school]
    activity = school_activity(world)[t_school]
    young = staff.young
    role = {name: k for k, name in enumerate(REGIONAL_ROLES)}
    teacher_parts, assoc_parts = [], []

    def add(mask: np.ndarray, association: np.ndarray) -> None:
        idx = np.flatnonzero(mask)
        teacher_parts.append(idx)
        assoc_parts.append(association[idx] if association.shape == mask.shape else association)

    p_rmo = np.minimum(0.95, 0.6 * activity * np.where(young, 0.9, 1.0))
    add(rng.random(staff.n) < p_rmo, assoc.rmo[t_muni, staff.group])
    add(young & (rng.random(staff.n) < 0.45), assoc.regional[t_region, role["young"]])
    club = assoc.city_club[t_muni]
    add(young & (club >= 0) & (rng.random(staff.n) < 0.35), club)
    strong = (world.made_strong | world.official_tutor)[t_school]
    add(
        rng.random(staff.n) < 0.06 * np.where(strong, 3.0, 1.0),
        assoc.regional[t_region, role["fg"]],
    )
    tutors_p = np.where(strong, 0.3, np.where(paired[t_school], 0.2, 0.0))
    add(rng.random(staff.n) < tutors_p, assoc.regional[t_region, role["tutors"]])
    russian = np.array([g[0] == "Русский язык" for g in RMO_GROUPS])[staff.group]
    maths = np.array([g[0] == "Математика" for g in RMO_GROUPS])[staff.group]
    add(russian & (rng.random(staff.n) < 0.15), assoc.regional[t_region, role["russian"]])
    add(maths & (rng.random(staff.n) < 0.15), assoc.regional[t_region, role["maths"]])

    teacher = np.concatenate(teacher_parts)
    association = np.concatenate(assoc_parts)
    order = np.lexsort((association, teacher))
    ids = np.array(assoc.association_id, dtype=object)
    return frame(
        {"teacher_id": staff.teacher_id[teacher[order]], "association_id": ids[association[order]]}
    )


# --- partnerships ----------------------------------------------------------------------------


@dataclass
class Partnerships:
    """Existing school pairs and the joint events planned for them."""

    partnership_id: list[str] = field(default_factory=list)
    tutor: list[int] = field(default_factory=list)
    mentee: list[int] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    start: list[dt.date] = field(default_factory=list)
    end: list[dt.date | None] = field(default_factory=list)
    state: list[str] = field(default_factory=list)  # intended exchange state at as_of
    focus: list[list[str]] = field(default_factory=list)
    event_dates: list[list[dt.date]] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.partnership_id)


def _distance_km(lat1: float, lon1: float, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * 6371.0 * np.arcsin(np.sqrt(h)))


def build_partnerships(world: World, as_of: dt.date, seed: int) -> Partnerships:
    """Pairs of a strong or official tutor school with a weak or listed school.

    About half of the weak and officially listed schools already have a pair; the states of
    the pairs cover a working exchange, a stalled one and one that never started.
    """
    rng = np.random.default_rng([seed, 5])
    out = Partnerships()
    tutor_ok = (world.made_strong | world.official_tutor) & (world.level != EVENING)
    capacity = np.where(world.official_tutor, world.tutor_capacity, 2)
    for r in range(len(world.region_name)):
        in_region = world.region == r
        low = in_region & (world.made_weak | world.official_low)
        unfav = in_region & world.official_unfavourable & ~low
        cands = np.flatnonzero(low | unfav)
        p = np.where(low[cands], 0.55, 0.25)
        chosen = cands[rng.random(len(cands)) < p]
        if len(chosen) < 3:  # even the smallest demo shows every exchange state
            extra = np.setdiff1d(cands[np.argsort(~low[cands], kind="stable")], chosen)
            chosen = np.concatenate([chosen, extra[: 3 - len(chosen)]])
        chosen = chosen[rng.permutation(len(chosen))]
        tutors = np.flatnonzero(in_region & tutor_ok)
        pairs = []
        for mentee in chosen.tolist():
            options = tutors[(capacity[tutors] > 0) & (tutors != mentee)]
            if len(options) == 0:
                continue
            d = _distance_km(world.lat[mentee], world.lon[mentee], world.lat[options],
                             world.lon[options])  # fmt: skip
            cost = (
                d
                + 40.0 * (world.muni[options] != world.muni[mentee])
                + 25.0 * np.abs(world.social[options] - world.social[mentee])
                + rng.uniform(0.0, 10.0, len(options))
            )
            cost[d > 100.0] = np.inf
            if not np.isfinite(cost).any():
                continue
            tutor = int(options[np.argmin(cost)])
            capacity[tutor] -= 1
            pairs.append((tutor, mentee))
        states = _states(rng, len(pairs))
        for (tutor, mentee), state in zip(pairs, states, strict=True):
            _add_partnership(rng, world, out, r, tutor, mentee, state, as_of)
    return out


def _states(rng: np.random.Generator, n: int) -> list[str]:
    """Intended exchange states: half active, some dormant, some not started; each if n >= 3."""
    n_active = max(1, round(0.5 * n)) if n else 0
    n_dormant = max(1, round(0.3 * n)) if n >= 2 else 0
    n_active = min(n_active, n - n_dormant - (1 if n >= 3 else 0))
    states = (
        ["active"] * n_active
        + ["dormant"] * n_dormant
        + ["not_started"] * (n - n_active - n_dormant)
    )
    return [states[i] for i in rng.permutation(n)]


def _add_partnership(
    rng: np.random.Generator,
    world: World,
    out: Partnerships,
    region: int,
    tutor: int,
    mentee: int,
    state: str,
    as_of: dt.date,
) -> None:
    def ago(days: float) -> dt.date:
        return as_of - dt.timedelta(days=int(days))

    end: dt.date | None = None
    if state == "active":
        start = ago(rng.uniform(120, 600))
        k = int(rng.integers(2, 7))
        span = (as_of - start).days
        dates = [ago(rng.uniform(3, 80))]
        dates += [start + dt.timedelta(days=int(rng.uniform(10, span - 5))) for _ in range(k - 1)]
        status = "active" if rng.random() < 0.85 else "agreed"
    elif state == "dormant":
        start = ago(rng.uniform(200, 700))
        last = ago(rng.uniform(100, 170))
        k = int(rng.integers(1, 5))
        span = (last - start).days
        dates = [last] + [
            start + dt.timedelta(days=int(rng.uniform(10, max(11, span)))) for _ in range(k - 1)
        ]
        u = rng.random()
        status = "active" if u < 0.45 else "paused" if u < 0.8 else "closed"
        if status == "closed":
            end = last + dt.timedelta(days=int(rng.uniform(10, 60)))
    else:
        start = ago(rng.uniform(20, 240))
        dates = []
        status = "agreed" if rng.random() < 0.6 else "active"
    dates = sorted(d for d in dates if start <= d < as_of)

    options = {PRIMARY: _FOCUS_PRIMARY, EVENING: _FOCUS_EVENING}.get(
        int(world.level[mentee]), _FOCUS
    )
    cols = [_SUBJECT[s] for s in options]
    gap = world.subject_dev[mentee, cols] - 0.5 * world.subject_dev[tutor, cols]
    k_focus = 1 if rng.random() < 0.5 else 2
    focus = [options[i] for i in np.argsort(gap, kind="stable")[:k_focus]]

    out.partnership_id.append(f"P{world.region_code[region]:02d}-{out.n + 1:04d}")
    out.tutor.append(tutor)
    out.mentee.append(mentee)
    out.status.append(status)
    out.start.append(start)
    out.end.append(end)
    out.state.append(state)
    out.focus.append(focus)
    out.event_dates.append(dates)


def partnership_boost(world: World, p: Partnerships, years: list[int]) -> np.ndarray:
    """The lift (school × year) of mentees whose pair had worked half a year by the exams."""
    boost = np.zeros((world.n, len(years)))
    lift = {"active": 0.25, "dormant": 0.08, "not_started": 0.0}
    for mentee, start, state in zip(p.mentee, p.start, p.state, strict=True):
        for k, year in enumerate(years):
            if dt.date(year, 5, 15) >= start + dt.timedelta(days=180):
                boost[mentee, k] += lift[state]
    return boost


def partnerships_sheet(world: World, p: Partnerships) -> pd.DataFrame:
    return frame(
        {
            "partnership_id": p.partnership_id,
            "tutor_school_id": [world.school_id[t] for t in p.tutor],
            "mentee_school_id": [world.school_id[m] for m in p.mentee],
            "status": p.status,
            "start_date": p.start,
            "end_date": p.end,
            "focus_subjects": [";".join(f) for f in p.focus],
        }
    )
