"""The programme's own sheets for the demo: staffing, targets and a road map.

Staffing follows each school's teacher count, with more vacancies and fewer specialists in
weak and rural schools. Targets are the region's (and, in a region with several
municipalities, two municipalities' own) for the last three school years. The road map holds
the usual sections of a municipal ШНОР programme; events carry out its items when their kind
fits and they fall before the deadline, so some items are done, some in progress and a few
overdue.

Examples
--------
>>> import datetime as dt
>>> from seeds.schools import SIZE_SPECS, build_world
>>> w = build_world(SIZE_SPECS["small"], 1)
>>> st = staffing_sheet(w, [2025, 2026], seed=1)
>>> len(st) == 2 * w.n, bool((st["filled"] <= st["positions"]).all())
(True, True)
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from seeds.schools import World

__all__ = ["ROADMAP", "link_events", "roadmap_sheet", "staffing_sheet", "targets_sheet"]

_SUBJECTS = ("Математика", "Русский язык", "Физика", "Химия", "Английский язык", "Информатика")


def staffing_sheet(world: World, years: list[int], seed: int) -> pd.DataFrame:
    """One row per school and school year."""
    rng = np.random.default_rng([seed, 11])
    rows = []
    weak = world.made_weak | world.official_low
    rural = world.settlement != 0
    for y, year in enumerate(years):
        positions = np.round(world.teachers * rng.uniform(1.0, 1.15, world.n) * 2) / 2
        gap = rng.binomial(np.maximum(1, (positions // 6).astype(int)), np.where(weak, 0.35, 0.12))
        gap = np.minimum(gap, positions).astype(int)
        # Staffing improves a little each year of the programme.
        filled = np.maximum(0.0, positions - np.maximum(0, gap - y))
        base = np.clip(world.students / 400, 0.1, 0.95) * np.where(rural, 0.7, 1.0)
        base = base * np.where(weak, 0.6 + 0.15 * y, 1.0)
        present = {
            name: rng.random(world.n) < np.clip(base * k, 0, 0.97)
            for name, k in (
                ("psychologists", 1.4),
                ("speech_therapists", 1.0),
                ("defectologists", 0.6),
                ("social_pedagogues", 1.2),
            )
        }
        for i in range(world.n):
            vac = int(positions[i] - filled[i])
            subjects: list[str] = (
                list(rng.choice(_SUBJECTS, size=min(vac, 2), replace=False)) if vac else []
            )
            rows.append(
                {
                    "school_id": world.school_id[i],
                    "year": year,
                    "positions": float(positions[i]),
                    "filled": float(filled[i]),
                    "vacancies": vac,
                    "vacancy_subjects": "; ".join(subjects),
                    **{k: (1.0 if v[i] else 0.0) for k, v in present.items()},
                }
            )
    return pd.DataFrame(rows)


_REGION_TARGETS = {
    "trained_teachers": (20.0, 30.0, 40.0),
    "gia_pass_unfavourable": (90.0, 92.0, 94.0),
    "low_improved": (40.0, 50.0, 60.0),
    "staffing_filled": (93.0, 95.0, 97.0),
    "specialists_present": (30.0, 40.0, 50.0),
    "low_in_working_pair": (40.0, 55.0, 70.0),
    "municipalities_engaged": (60.0, 70.0, 80.0),
}


def targets_sheet(world: World, years: list[int], seed: int) -> pd.DataFrame:
    """Region targets for the three years; two municipalities with their own (when several)."""
    rng = np.random.default_rng([seed, 12])
    shift = float(rng.choice([-5.0, 0.0, 5.0]))  # each region sets its own ambition
    rows = []
    n_munis = len(world.muni_name)
    for code, values in _REGION_TARGETS.items():
        for year, value in zip(years[-3:], values, strict=False):
            value = min(100.0, value + shift) if code != "gia_pass_unfavourable" else value
            rows.append({"indicator": code, "municipality": None, "year": year, "value": value})
    for year, per_muni in zip(years[-3:], (4, 5, 6), strict=False):
        rows.append(
            {
                "indicator": "exchange_events",
                "municipality": None,
                "year": year,
                "value": float(per_muni * n_munis),
            }
        )
    if n_munis > 1:
        for m in world.muni_name[:2]:
            rows.append(
                {"indicator": "low_in_working_pair", "municipality": m, "year": years[-1],
                 "value": 80.0}
            )  # fmt: skip
    return pd.DataFrame(rows)


# (section, activity, event kinds that carry it out, months after the school year's start
#  for the deadline or None for a periodic one, periodicity, responsible, expected result)
ROADMAP: tuple[tuple[str, str, tuple[str, ...], int | None, str | None, str, str], ...] = (
    ("1. Организационно-методическое обеспечение",
     "Утверждение муниципальной программы поддержки ШНОР", (), 1, "once",
     "Управление образования", "Программа утверждена приказом"),
    ("1. Организационно-методическое обеспечение",
     "Назначение кураторов ШНОР и школ-тьюторов", (), 1, "annual",
     "Управление образования", "Каждой ШНОР назначен куратор"),
    ("1. Организационно-методическое обеспечение",
     "Анализ результатов ВПР, ОГЭ и ЕГЭ ШНОР", ("seminar",), 3, "annual",
     "ИМЦ", "Выявлены дефициты по предметам"),
    ("2. Повышение квалификации",
     "Курсы повышения квалификации педагогов ШНОР", ("course",), 8, "annual",
     "ЦНППМ", "Не менее 40% педагогов ШНОР прошли КПК"),
    ("2. Повышение квалификации",
     "Вебинары для директоров ШНОР по управлению качеством образования", ("webinar",), None,
     "quarterly", "ИМЦ", "Проведено не менее 4 вебинаров в год"),
    ("3. Сетевое взаимодействие",
     "Мастер-классы учителей школ-тьюторов", ("master_class",), 6, "semiannual",
     "Школы-тьюторы", "Не менее 2 мастер-классов на каждую пару"),
    ("3. Сетевое взаимодействие",
     "Открытые уроки в школах-тьюторах", ("open_lesson",), 7, "semiannual",
     "Школы-тьюторы", "Учителя ШНОР посетили открытые уроки"),
    ("3. Сетевое взаимодействие",
     "Круглый стол «Опыт сетевых пар»", ("round_table",), 5, "once",
     "ИМЦ", "Обобщён опыт работающих пар"),
    ("3. Сетевое взаимодействие",
     "Муниципальная конференция по обмену опытом", ("conference",), 9, "annual",
     "Управление образования", "Представлены практики школ"),
    ("4. Мониторинг",
     "Мониторинговый отчёт за первое полугодие", (), 4, "semiannual",
     "ИМЦ", "Отчёт рассмотрен на совещании"),
    ("4. Мониторинг",
     "Мониторинговый отчёт по итогам учебного года", (), 9, "semiannual",
     "ИМЦ", "Отчёт рассмотрен на совещании"),
    ("4. Мониторинг",
     "Консультации кураторов для ШНОР", ("consultation",), None, "monthly",
     "Кураторы", "Каждая ШНОР получила консультации"),
)  # fmt: skip


def roadmap_sheet(as_of: dt.date, seed: int) -> pd.DataFrame:
    """The road map of the current school year (started 1 September before ``as_of``)."""
    rng = np.random.default_rng([seed, 13])
    start = dt.date(as_of.year if as_of.month >= 9 else as_of.year - 1, 9, 1)
    prev = dt.date(start.year - 1, 9, 1)
    rows = []
    for i, (section, activity, _kinds, months, period, resp, result) in enumerate(ROADMAP, 1):
        # Items of the past year stay on the map with their deadlines (some overdue).
        base = prev if i in (3, 6, 9, 10) else start
        deadline = None
        if months is not None:
            m = base.month - 1 + months
            deadline = dt.date(base.year + m // 12, m % 12 + 1, int(rng.integers(10, 29)))
        status = "done" if months == 1 else ("in_progress" if months is None else None)
        rows.append(
            {
                "item_id": f"{section[0]}.{i}",
                "activity": activity,
                "section": section,
                "deadline": deadline,
                "periodicity": period,
                "responsible": resp,
                "expected_result": result,
                "status": status,
                "municipality": None,
            }
        )
    return pd.DataFrame(rows)


def link_events(events: pd.DataFrame, roadmap: pd.DataFrame) -> pd.Series:
    """The road-map item each event carries out: the first item of its kind whose deadline it
    precedes by at most a year (periodic items take any event of their kind); else None."""
    items: list[tuple[frozenset[str], str, dt.date | None]] = [
        (frozenset(spec[2]), str(item_id), deadline)
        for spec, item_id, deadline in zip(
            ROADMAP, roadmap["item_id"], roadmap["deadline"], strict=True
        )
    ]
    year = dt.timedelta(days=365)
    out: list[str | None] = []
    for kind, day in zip(events["kind"], events["date"], strict=True):
        chosen = None
        for kinds, item_id, deadline in items:
            if kind in kinds and (deadline is None or deadline - year <= day <= deadline):
                chosen = item_id
                break
        out.append(chosen)
    return pd.Series(out, index=events.index, dtype=object)
