"""Machinery the demo's events are built with: kinds, titles, days and pools of attendees.

:class:`EventBuilder` adds events to an :class:`EventBatch` (one list entry per event) and
collects attendance requests; :class:`TeacherPools` then draws the attendees of all events at
once, by weighted sampling inside blocks of teachers (a municipality's teachers of a subject, a
school, the region's young teachers …). :mod:`seeds.events` decides which events exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from graph.model import EventKind
from seeds.vocab import (
    EVENT_TOPICS_GENERAL,
    KIND_TITLES,
    METHODS,
    RMO_GROUPS,
    SUBJECTS,
    subject_topic,
)

__all__ = [
    "EXAM_GROUPS",
    "HORIZON_DAYS",
    "KINDS",
    "KIND_CODE",
    "ORGANIZER",
    "PARTICIPANT",
    "P_MUNI",
    "P_MUNI_GROUP",
    "P_REGION",
    "P_REGION_GROUP",
    "P_REGION_YOUNG",
    "P_SCHOOL",
    "P_SCHOOL_GROUP",
    "ROLES",
    "SPEAKER",
    "EventBatch",
    "EventBuilder",
    "TeacherPools",
    "draw_kinds",
]

KINDS: tuple[str, ...] = tuple(k.value for k in EventKind)
ROLES: tuple[str, ...] = ("organizer", "speaker", "participant")
ORGANIZER, SPEAKER, PARTICIPANT = range(3)
KIND_CODE = {k: i for i, k in enumerate(KINDS)}
HORIZON_DAYS = 730
_EXAM_SUBJECTS = (
    "Русский язык",
    "Математика",
    "Физика",
    "Химия",
    "Биология",
    "География",
    "История",
    "Информатика",
    "Английский язык",
)
EXAM_GROUPS = tuple(g for g, (s, _, _) in enumerate(RMO_GROUPS) if s in _EXAM_SUBJECTS)
# Groups without reading-and-writing lessons take only the methods that fit them.
_PRACTICAL_GROUPS = tuple(
    g for g, (s, _, _) in enumerate(RMO_GROUPS) if s in ("Физическая культура", "Технология")
)
_PRACTICAL_TOPICS = (
    "Проектная деятельность",
    "Дифференцированный подход",
    "Групповая работа",
    "Формирующее оценивание",
    "Работа с детьми с ОВЗ",
    "Цифровые образовательные ресурсы",
)
_PRACTICAL_METHODS = tuple(k for k, m in enumerate(METHODS) if m in _PRACTICAL_TOPICS)

_ONLINE_SHARE = {
    "webinar": 1.0,
    "course": 0.6,
    "conference": 0.4,
    "seminar": 0.3,
    "round_table": 0.2,
    "master_class": 0.15,
    "open_lesson": 0.05,
    "consultation": 0.3,
}
_ONLINE_P = np.array([_ONLINE_SHARE[k] for k in KINDS])
# Pools of teachers: each key identifies a block of teachers.
P_MUNI_GROUP, P_MUNI, P_REGION_GROUP, P_REGION, P_SCHOOL, P_REGION_YOUNG, P_SCHOOL_GROUP = range(7)


class TeacherPools:
    """Weighted sampling of teachers inside blocks defined by an integer key."""

    def __init__(self, key: np.ndarray, weights: dict[str, np.ndarray]) -> None:
        self.order = np.argsort(key, kind="stable")
        self.keys, self.first, self.size = np.unique(
            key[self.order], return_index=True, return_counts=True
        )
        self.cum = {name: np.cumsum(w[self.order]) for name, w in weights.items()}

    def _locate(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        pos = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        found = self.keys[pos] == keys
        return pos, np.where(found, self.size[pos], 0)

    def size_of(self, keys: np.ndarray) -> np.ndarray:
        return self._locate(keys)[1]

    def draw(
        self, rng: np.random.Generator, keys: np.ndarray, counts: np.ndarray, weight: str
    ) -> tuple[np.ndarray, np.ndarray]:
        """For request i, ``counts[i]`` teachers with replacement: (request index, teacher)."""
        pos, size = self._locate(keys)
        counts = np.where(size > 0, counts, 0)
        req = np.repeat(np.arange(len(keys)), counts)
        first, last = self.first[pos[req]], self.first[pos[req]] + size[req] - 1
        cum = self.cum[weight]
        lo = np.where(first > 0, cum[np.maximum(first - 1, 0)], 0.0)
        hi = cum[last]
        idx = np.searchsorted(cum, lo + rng.random(len(req)) * (hi - lo), side="right")
        return req, self.order[np.clip(idx, first, last)]


@dataclass
class EventBatch:
    """Events under construction, one entry per event in every list."""

    region: list[int] = field(default_factory=list)
    muni: list[int] = field(default_factory=list)  # -1: regional
    kind: list[int] = field(default_factory=list)
    days_ago: list[int] = field(default_factory=list)
    organizer: list[str | None] = field(default_factory=list)
    subject_group: list[int] = field(default_factory=list)  # -1: no subject
    title: list[str] = field(default_factory=list)
    online: list[bool] = field(default_factory=list)
    partnership: list[int] = field(default_factory=list)  # -1: none
    # attendance: (event, teacher, role) rows
    att_event: list[np.ndarray] = field(default_factory=list)
    att_teacher: list[np.ndarray] = field(default_factory=list)
    att_role: list[np.ndarray] = field(default_factory=list)

    def attend(self, event: np.ndarray, teacher: np.ndarray, role: int) -> None:
        self.att_event.append(np.asarray(event, dtype=np.int64))
        self.att_teacher.append(np.asarray(teacher, dtype=np.int64))
        self.att_role.append(np.full(len(teacher), role, dtype=np.int64))


def _day_weights(as_of: dt.date) -> np.ndarray:
    """Weights of the days 1…HORIZON_DAYS before as_of: school terms, working days."""
    month_w = np.array([0.7, 1.0, 1.1, 1.1, 0.8, 0.35, 0.05, 0.35, 0.9, 1.1, 1.1, 0.9])
    days = [as_of - dt.timedelta(days=k) for k in range(1, HORIZON_DAYS + 1)]
    w = np.array([month_w[d.month - 1] * (1.0, 1, 1, 1, 1, 0.25, 0.02)[d.weekday()] for d in days])
    return w / w.sum()


def _exam_topics(dative: str) -> tuple[str, ...]:
    return (
        f"Подготовка к ОГЭ по {dative}: типичные ошибки",
        f"Анализ результатов ВПР по {dative}",
        f"Подготовка к ЕГЭ по {dative}: задания с развёрнутым ответом",
        f"Объективность оценивания по {dative}",
    )


def _title(
    kind: int, group: int, grade: int, u: float, method: int, exam: int, general: int
) -> str:
    """A Russian event title from pre-drawn choices (``group`` < 0: a general topic)."""
    name = KINDS[kind]
    if group < 0:
        topic = EVENT_TOPICS_GENERAL[general]
    else:
        subject = RMO_GROUPS[group][0]
        if group in _PRACTICAL_GROUPS:
            method = _PRACTICAL_METHODS[method % len(_PRACTICAL_METHODS)]
        if name == "open_lesson":
            topic = f"{subject_topic(METHODS[method], subject)}, {grade} класс"
        elif group in EXAM_GROUPS and u < 0.3:
            topic = _exam_topics(SUBJECTS[subject].dative)[exam]
        else:
            topic = subject_topic(METHODS[method], subject)
    return KIND_TITLES[name].format(topic)


def draw_kinds(
    rng: np.random.Generator, table: dict[str, tuple[float, int, int]], n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Kinds drawn by share, and a participant count for each from its range."""
    names = list(table)
    p = np.array([table[k][0] for k in names])
    pick = rng.choice(len(names), size=n, p=p / p.sum())
    lo = np.array([table[k][1] for k in names])[pick]
    hi = np.array([table[k][2] for k in names])[pick]
    kind = np.array([KIND_CODE[k] for k in names])[pick]
    return kind, rng.integers(lo, hi + 1)


class EventBuilder:
    """Adds events to a batch and collects the attendance requests for them."""

    def __init__(self, rng: np.random.Generator, as_of: dt.date) -> None:
        self.rng = rng
        self.day_p = _day_weights(as_of)
        self.b = EventBatch()
        # (event, pool kind, key, count, weight name, role)
        self.requests: list[tuple[np.ndarray, int, np.ndarray, np.ndarray, str, int]] = []

    def days(self, n: int) -> np.ndarray:
        return 1 + self.rng.choice(HORIZON_DAYS, size=n, p=self.day_p)

    def events(
        self,
        region: int | np.ndarray,
        muni: int | np.ndarray,
        kinds: np.ndarray,
        organizers: list[str],
        groups: np.ndarray,
        days_ago: np.ndarray | None = None,
        partnership: int | np.ndarray = -1,
    ) -> np.ndarray:
        """Add events (scalars apply to all of them); return their indices."""
        b, rng = self.b, self.rng
        k = len(kinds)
        days = self.days(k) if days_ago is None else days_ago
        online = rng.random(k) < _ONLINE_P[kinds]
        grade = np.where(groups == 0, rng.integers(1, 5, k), rng.integers(5, 10, k))
        u = rng.random(k)
        method = rng.integers(0, len(METHODS), k)
        exam = rng.integers(0, 4, k)
        general = rng.integers(0, len(EVENT_TOPICS_GENERAL), k)
        first = len(b.kind)
        b.region += np.broadcast_to(region, k).tolist()
        b.muni += np.broadcast_to(muni, k).tolist()
        b.kind += kinds.tolist()
        b.days_ago += days.tolist()
        b.organizer += organizers
        b.subject_group += groups.tolist()
        b.online += online.tolist()
        b.partnership += np.broadcast_to(partnership, k).tolist()
        b.title += [
            _title(*row)
            for row in zip(
                kinds.tolist(), groups.tolist(), grade.tolist(), u.tolist(), method.tolist(),
                exam.tolist(), general.tolist(), strict=True,
            )
        ]  # fmt: skip
        return np.arange(first, first + k)

    def request(
        self, ev: np.ndarray, pool: int, key: np.ndarray, count: np.ndarray, weight: str, role: int
    ) -> None:
        self.requests.append((ev, pool, key, np.asarray(count, dtype=np.int64), weight, role))
