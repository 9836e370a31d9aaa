"""Events of the two years before ``as_of`` and who attended them.

Events come from five sources: РМО (methodological associations) of each municipality, schools
(mostly strong ones) showing their practice, consultations for weak schools, regional
associations (webinars, courses, conferences), and the joint events of partnerships. Attendance
is drawn by weighted sampling inside pools of teachers (a municipality's teachers of a subject,
a school, the region's young teachers …), vectorised over all events; weak schools' teachers
come less often.

Examples
--------
>>> from seeds.schools import SIZE_SPECS, build_world
>>> from seeds.staff import build_staff
>>> from seeds.network import build_associations, build_partnerships
>>> w = build_world(SIZE_SPECS["small"], seed=1)
>>> st = build_staff(w, seed=1)
>>> a = build_associations(w)
>>> p = build_partnerships(w, dt.date(2026, 11, 23), seed=1)
>>> ev, part = build_events(w, st, a, p, dt.date(2026, 11, 23), seed=1)
>>> set(ev["kind"]) <= set(KINDS), bool(part.duplicated(["event_id", "teacher_id"]).any())
(True, False)
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from seeds.event_builder import (
    EXAM_GROUPS,
    KIND_CODE,
    KINDS,
    ORGANIZER,
    P_MUNI,
    P_MUNI_GROUP,
    P_REGION,
    P_REGION_GROUP,
    P_REGION_YOUNG,
    P_SCHOOL,
    P_SCHOOL_GROUP,
    PARTICIPANT,
    ROLES,
    SPEAKER,
    EventBatch,
    EventBuilder,
    TeacherPools,
    draw_kinds,
)
from seeds.network import (
    EXCHANGE_WINDOW_DAYS,
    REGIONAL_ROLES,
    Associations,
    Partnerships,
    school_activity,
)
from seeds.schools import World
from seeds.sheet_frames import frame
from seeds.staff import Staff
from seeds.vocab import (
    RMO_GROUPS,
)

__all__ = ["KINDS", "ROLES", "build_events"]

_EVENTS_PER_SCHOOL, _REGIONAL_PER_SCHOOL = 2.9, 0.4

# kind → (share, low, high participants) for each source
_RMO_KINDS = {
    "seminar": (0.42, 15, 50),
    "round_table": (0.15, 10, 30),
    "master_class": (0.15, 10, 30),
    "open_lesson": (0.10, 6, 20),
    "webinar": (0.06, 20, 80),
    "conference": (0.04, 40, 120),
    "consultation": (0.08, 3, 8),
}
_SCHOOL_KINDS = {
    "master_class": (0.32, 10, 30),
    "open_lesson": (0.35, 6, 18),
    "seminar": (0.18, 12, 40),
    "round_table": (0.10, 10, 25),
    "consultation": (0.05, 3, 8),
}
_REGIONAL_KINDS = {
    "webinar": (0.35, 60, 260),
    "course": (0.20, 25, 60),
    "conference": (0.08, 100, 350),
    "seminar": (0.22, 25, 90),
    "master_class": (0.10, 15, 50),
    "round_table": (0.05, 12, 35),
}
_JOINT_KINDS = {
    "consultation": 0.35,
    "open_lesson": 0.2,
    "master_class": 0.2,
    "seminar": 0.15,
    "round_table": 0.1,
}


def build_events(
    world: World,
    staff: Staff,
    assoc: Associations,
    pships: Partnerships,
    as_of: dt.date,
    seed: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``events`` and ``participation`` sheets."""
    rng = np.random.default_rng([seed, 7])
    n_groups = len(RMO_GROUPS)
    t_school = staff.school
    t_muni = world.muni[t_school]
    t_region = world.region[t_school]
    activity = school_activity(world)[t_school] * rng.lognormal(0.0, 0.5, staff.n)
    activity *= np.where(staff.young, 1.2, 1.0)
    good = (world.made_strong | world.official_tutor | world.elite)[t_school]
    expertise = (
        np.array([3.0, 1.5, 0.5, 0.2])[staff.category]
        * np.where(good, 3.0, np.where(world.made_weak[t_school], 0.2, 1.0))
        * np.where(staff.experience >= 5, 1.0, 0.2)
    )
    weights = {"activity": activity, "expertise": expertise}
    pools = {
        P_MUNI_GROUP: TeacherPools(t_muni * n_groups + staff.group, weights),
        P_MUNI: TeacherPools(t_muni, weights),
        P_REGION_GROUP: TeacherPools(t_region * n_groups + staff.group, weights),
        P_REGION: TeacherPools(t_region, weights),
        P_SCHOOL: TeacherPools(t_school, weights),
        P_REGION_YOUNG: TeacherPools(t_region * 2 + staff.young, weights),
        P_SCHOOL_GROUP: TeacherPools(t_school * n_groups + staff.group, weights),
    }
    bld = EventBuilder(rng, as_of)
    _municipal_events(world, staff, assoc, pools, bld)
    _regional_events(world, assoc, bld)
    _joint_events(world, pships, pools, bld, as_of)

    # Draw attendance, all requests of a (pool, weight, role) at once.
    groups: dict[tuple[int, str, int], list[int]] = {}
    for k, q in enumerate(bld.requests):
        groups.setdefault((q[1], q[4], q[5]), []).append(k)
    for (pool_kind, weight, role), members in sorted(groups.items()):
        sel = [bld.requests[k] for k in members]
        ev = np.concatenate([q[0] for q in sel])
        key = np.concatenate([q[2] for q in sel])
        cnt = np.concatenate([q[3] for q in sel])
        req, teacher = pools[pool_kind].draw(rng, key, cnt, weight)
        bld.b.attend(ev[req], teacher, role)
    return _finish(world, staff, pships, bld.b, as_of)


def _municipal_events(
    world: World,
    staff: Staff,
    assoc: Associations,
    pools: dict[int, TeacherPools],
    bld: EventBuilder,
) -> None:
    """РМО events, schools showing their practice, consultations of the schools in need."""
    rng = bld.rng
    n_groups = len(RMO_GROUPS)
    n_munis = len(world.muni_name)
    schools_in_muni = np.bincount(world.muni, minlength=n_munis)
    n_events = rng.poisson(_EVENTS_PER_SCHOOL * schools_in_muni)
    all_keys = np.arange(n_munis * n_groups)
    rmo_size = pools[P_MUNI_GROUP].size_of(all_keys).reshape(n_munis, n_groups)
    tutors = world.made_strong | world.official_tutor
    school_w = (
        np.where(world.official_tutor, 5.0, 1.0)
        * np.where(world.made_strong, 4.0, 1.0)
        * np.where(world.elite, 3.0, 1.0)
        * np.where(world.made_weak, 0.3, 1.0)
        * np.sqrt(world.teachers)
    )
    target_w = (world.made_weak | world.official_low) * 5.0 + world.official_unfavourable * 2.0
    target_w = target_w + 0.2
    by_muni = np.argsort(world.muni, kind="stable")
    muni_first = np.concatenate([[0], np.cumsum(schools_in_muni)[:-1]])
    exam_groups = np.array(EXAM_GROUPS)
    school_ids = world.school_id
    for m in range(n_munis):
        r = int(world.muni_region[m])
        src = rng.choice(3, size=int(n_events[m]), p=[0.45, 0.4, 0.15])
        schools = by_muni[muni_first[m] : muni_first[m] + schools_in_muni[m]]
        # РМО events, more of them for the big subject groups.
        k = int((src == 0).sum())
        if k:
            groups = rng.choice(n_groups, size=k, p=rmo_size[m] / rmo_size[m].sum())
            kinds, counts = draw_kinds(rng, _RMO_KINDS, k)
            orgs = [assoc.association_id[assoc.rmo[m, g]] for g in groups]
            ev = bld.events(r, m, kinds, orgs, groups)
            key = m * n_groups + groups
            cap = np.ceil(0.9 * rmo_size[m, groups]).astype(np.int64)
            bld.request(ev, P_MUNI_GROUP, key, np.minimum(counts, cap), "activity", PARTICIPANT)
            bld.request(ev, P_MUNI_GROUP, key, rng.integers(1, 3, k), "expertise", SPEAKER)
        # School events: a teacher of the school shows their practice to colleagues.
        k = int((src == 1).sum())
        if k:
            w = school_w[schools]
            org = schools[rng.choice(len(schools), size=k, p=w / w.sum())]
            _, speaker = pools[P_SCHOOL].draw(rng, org, np.ones(k, np.int64), "expertise")
            groups = staff.group[speaker]
            kinds, counts = draw_kinds(rng, _SCHOOL_KINDS, k)
            ev = bld.events(r, m, kinds, [str(school_ids[o]) for o in org], groups)
            bld.b.attend(ev, speaker, SPEAKER)
            narrow = rmo_size[m, groups] >= 5
            key = np.where(narrow, m * n_groups + groups, m)
            bld.request(ev[narrow], P_MUNI_GROUP, key[narrow], counts[narrow], "activity",
                        PARTICIPANT)  # fmt: skip
            bld.request(ev[~narrow], P_MUNI, key[~narrow], counts[~narrow], "activity",
                        PARTICIPANT)  # fmt: skip
            host = rng.random(k) < 0.5
            bld.request(ev[host], P_SCHOOL, org[host], np.ones(int(host.sum())), "activity",
                        ORGANIZER)  # fmt: skip
        # Consultations for the schools that need support.
        k = int((src == 2).sum())
        if k:
            w = target_w[schools]
            target = schools[rng.choice(len(schools), size=k, p=w / w.sum())]
            groups = exam_groups[rng.integers(0, len(exam_groups), k)]
            own = schools[tutors[schools]]
            by_tutor = (rng.random(k) < 0.4) & (len(own) > 0)
            host = np.full(k, -1)
            if len(own):
                host[by_tutor] = own[rng.integers(0, len(own), int(by_tutor.sum()))]
            orgs = [
                str(school_ids[h]) if h >= 0 else assoc.association_id[assoc.rmo[m, g]]
                for h, g in zip(host, groups, strict=True)
            ]
            ev = bld.events(r, m, np.full(k, KIND_CODE["consultation"]), orgs, groups)
            ones = np.ones(k, np.int64)
            bld.request(ev[by_tutor], P_SCHOOL, host[by_tutor], ones[by_tutor], "expertise",
                        SPEAKER)  # fmt: skip
            bld.request(ev[~by_tutor], P_MUNI_GROUP, m * n_groups + groups[~by_tutor],
                        ones[~by_tutor], "expertise", SPEAKER)  # fmt: skip
            bld.request(ev, P_SCHOOL, target, rng.integers(2, 8, k), "activity", PARTICIPANT)


def _regional_events(world: World, assoc: Associations, bld: EventBuilder) -> None:
    """Webinars, courses, conferences of the regional club and network communities."""
    rng = bld.rng
    n_groups = len(RMO_GROUPS)
    role_of = {name: k for k, name in enumerate(REGIONAL_ROLES)}
    role_p = {"fg": 0.35, "tutors": 0.2, "young": 0.15, "russian": 0.15, "maths": 0.15}
    group_of = {"russian": 1, "maths": 2}
    for r in range(len(world.region_name)):
        schools_r = int((world.region == r).sum())
        k = max(3, int(rng.poisson(_REGIONAL_PER_SCHOOL * schools_r)))
        roles = rng.choice(list(role_p), size=k, p=list(role_p.values()))
        kinds, counts = draw_kinds(rng, _REGIONAL_KINDS, k)
        groups = np.array([group_of.get(str(x), -1) for x in roles])
        orgs = [assoc.association_id[assoc.regional[r, role_of[str(x)]]] for x in roles]
        ev = bld.events(r, -1, kinds, orgs, groups)
        young = roles == "young"
        subject = ~young & (groups >= 0)
        general = ~young & ~subject
        for pool, sel, key in (
            (P_REGION_YOUNG, young, np.full(k, r * 2 + 1)),
            (P_REGION_GROUP, subject, r * n_groups + groups),
            (P_REGION, general, np.full(k, r)),
        ):
            bld.request(ev[sel], pool, key[sel], counts[sel], "activity", PARTICIPANT)
            bld.request(ev[sel], pool, key[sel], rng.integers(1, 5, int(sel.sum())), "expertise",
                        SPEAKER)  # fmt: skip


def _joint_events(
    world: World,
    pships: Partnerships,
    pools: dict[int, TeacherPools],
    bld: EventBuilder,
    as_of: dt.date,
) -> None:
    """The planned joint events of each partnership, attended by teachers of both schools.

    The tutor school mostly hosts; a teacher of the focus subject speaks when the school has
    one, and the mentee sends its teachers of that subject first.
    """
    rng = bld.rng
    n_groups = len(RMO_GROUPS)
    group_of_subject = {s: g for g, (_, _, subjects) in enumerate(RMO_GROUPS) for s in subjects}
    pid = np.repeat(np.arange(pships.n), [len(d) for d in pships.event_dates])
    k = len(pid)
    if k == 0:
        return
    days = np.array([(as_of - d).days for dates in pships.event_dates for d in dates])
    tutor = np.array(pships.tutor)[pid]
    mentee = np.array(pships.mentee)[pid]
    focus = [[group_of_subject.get(s, 0) for s in f] for f in pships.focus]
    pick = rng.random(k)
    group = np.array([focus[p][int(u * len(focus[p]))] for p, u in zip(pid, pick, strict=True)])
    names = list(_JOINT_KINDS)
    share = np.array(list(_JOINT_KINDS.values()))
    kinds = np.array([KIND_CODE[n] for n in names])[rng.choice(len(names), size=k, p=share)]
    host = np.where(rng.random(k) < 0.8, tutor, mentee)
    ev = bld.events(
        world.region[tutor], world.muni[host], kinds, list(world.school_id[host]), group,
        days_ago=days, partnership=pid,
    )  # fmt: skip
    ones = np.ones(k, np.int64)
    for school, lead, extra in ((tutor, SPEAKER, (0, 3)), (mentee, PARTICIPANT, (1, 6))):
        subject_key = school * n_groups + group
        has = pools[P_SCHOOL_GROUP].size_of(subject_key) > 0
        bld.request(ev[has], P_SCHOOL_GROUP, subject_key[has], ones[has], "expertise", lead)
        bld.request(ev[~has], P_SCHOOL, school[~has], ones[~has], "expertise", lead)
        bld.request(ev, P_SCHOOL, school, rng.integers(extra[0], extra[1], k), "activity",
                    PARTICIPANT)  # fmt: skip
    bld.request(ev, P_SCHOOL, host, ones, "activity", ORGANIZER)


def _finish(
    world: World, staff: Staff, pships: Partnerships, b: EventBatch, as_of: dt.date
) -> tuple[pd.DataFrame, pd.DataFrame]:
    n_ev = len(b.kind)
    region = np.array(b.region)
    days = np.array(b.days_ago)
    # Event ids in date order within each region.
    order = np.lexsort((np.arange(n_ev), -days, region))
    rank = np.empty(n_ev, np.int64)
    rank[order] = np.arange(n_ev)
    region_first = np.searchsorted(region[order], np.arange(len(world.region_name)))
    number = rank - region_first[region] + 1
    prefix = np.array([f"E{c:02d}-" for c in world.region_code], dtype=object)
    digits = np.array([f"{k:05d}" for k in range(int(number.max(initial=0)) + 1)], dtype=object)
    ids = prefix[region] + digits[number]

    event = np.concatenate(b.att_event)
    teacher = np.concatenate(b.att_teacher)
    role = np.concatenate(b.att_role)
    # One row per (event, teacher): the most visible role wins.
    key = event * staff.n + teacher
    first = np.argsort(key * len(ROLES) + role, kind="stable")
    keep = first[np.concatenate([[True], key[first][1:] != key[first][:-1]])]
    event, teacher, role = event[keep], teacher[keep], role[keep]
    event, teacher, role = _drop_unplanned_joint(
        world, staff, pships, b, as_of, event, teacher, role
    )

    dates = np.array([as_of - dt.timedelta(days=int(d)) for d in days], dtype=object)
    partnership = np.array(
        [pships.partnership_id[p] if p >= 0 else None for p in b.partnership], dtype=object
    )
    muni_names = np.array([*world.muni_name, None], dtype=object)
    group_subject = np.array([g[0] for g in RMO_GROUPS] + [None], dtype=object)
    subjects = group_subject[np.array(b.subject_group)]
    events = frame(
        {
            "event_id": ids[order],
            "title": np.array(b.title, dtype=object)[order],
            "kind": np.array(KINDS, dtype=object)[np.array(b.kind)][order],
            "date": dates[order],
            "subject": subjects[order],
            "format": np.where(np.array(b.online), "online", "offline")[order].astype(object),
            "organizer_id": np.array(b.organizer, dtype=object)[order],
            "municipality": muni_names[np.array(b.muni)][order],
            "partnership_id": partnership[order],
        }
    )
    by = np.argsort((rank[event] * len(ROLES) + role) * staff.n + teacher, kind="stable")
    participation = frame(
        {
            "event_id": ids[event[by]],
            "teacher_id": staff.teacher_id[teacher[by]],
            "role": np.array(ROLES, dtype=object)[role[by]],
        }
    )
    return events, participation


def _drop_unplanned_joint(
    world: World,
    staff: Staff,
    pships: Partnerships,
    b: EventBatch,
    as_of: dt.date,
    event: np.ndarray,
    teacher: np.ndarray,
    role: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Keep stalled pairs stalled: a pair meant to be dormant or not started must not meet by
    chance at some other event (DESIGN.md counts any event attended by both schools as joint),
    so the mentee's teachers leave such events."""
    rows = [
        (i, pships.tutor[i], pships.mentee[i],
         (as_of - pships.start[i]).days if pships.state[i] == "not_started"
         else EXCHANGE_WINDOW_DAYS)
        for i in range(pships.n) if pships.state[i] != "active"
    ]  # fmt: skip
    if not rows:
        return event, teacher, role
    pairs = pd.DataFrame(rows, columns=["pship", "tutor", "mentee", "since_days"])
    school = staff.school[teacher]
    row = np.flatnonzero(np.isin(school, np.concatenate([pairs["tutor"], pairs["mentee"]])))
    att = pd.DataFrame(
        {
            "row": row,
            "event": event[row],
            "school": school[row],
            "days_ago": np.array(b.days_ago)[event[row]],
            "linked": np.array(b.partnership)[event[row]],
        }
    )
    m = att.merge(pairs, left_on="school", right_on="mentee")
    m = m[(m["days_ago"] <= m["since_days"]) & (m["linked"] != m["pship"])]
    t = att.merge(pairs, left_on="school", right_on="tutor")[["event", "pship"]].drop_duplicates()
    bad = m.merge(t, on=["event", "pship"])["row"].to_numpy()
    keep = np.ones(len(event), bool)
    keep[bad] = False
    return event[keep], teacher[keep], role[keep]
