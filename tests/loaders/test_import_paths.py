"""The column import path against the row path: the same store, the same problems.

``SCHOOLNET_IMPORT_PATH=rows`` selects the old path (a model object per row); the default
checks the large sheets over whole columns. Both must give the same canonical JSON export,
the same added/changed counts, and the same issues (file, sheet, row, column, code,
parameters) in the same order, on the small demo and on random files with broken cells.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.embedded import EmbeddedStore
from loaders.export import export_json
from loaders.importer import ImportFailed, import_paths, validate_paths
from loaders.issues import ImportIssue
from loaders.writers import csv_bytes

PATHS = ("rows", "columns")


def _issues(plan_issues: list[ImportIssue]) -> list[tuple[Any, ...]]:
    return [(i.file, i.sheet, i.row, i.column, i.code, repr(i.text)) for i in plan_issues]


def _import(files: list[Path], db: Path, path: str, mp: pytest.MonkeyPatch) -> dict[str, Any]:
    mp.setenv("SCHOOLNET_IMPORT_PATH", path)
    store = EmbeddedStore(db)
    plan = validate_paths(files, store)
    out: dict[str, Any] = {"issues": _issues(plan.issues), "warnings": _issues(plan.warnings)}
    if plan.ok:
        report = import_paths(files, store)
        again = import_paths(files, store)
        out["counts"] = report.by_sheet()
        out["noop"] = again.is_noop()
        out["export"] = export_json(store)
    else:
        with pytest.raises(ImportFailed):
            import_paths(files, store)
        out["empty"] = store.count_nodes() == {}
    store.close()
    return out


@pytest.mark.slow
def test_small_demo_same_store_both_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from seeds.demo import generate, write_csv

    files = sorted(
        p for p in write_csv(generate("small", seed=7), tmp_path / "in") if p.suffix == ".csv"
    )
    runs = [_import(files, tmp_path / f"{p}.db", p, monkeypatch) for p in PATHS]
    assert runs[0]["issues"] == [] and runs[0]["noop"]
    assert runs[0] == runs[1]


# --- random files with broken cells --------------------------------------------------------------
_IDS = st.sampled_from(["1", "2", "3", "99", " 2 ", "1\u200b", ""])
_INTS = st.sampled_from(
    ["2023", "2024", "1800", "2024,0", "2024,5", "x", "", "99999999999999999999"]
)
_GRADES = st.sampled_from(["", "4", "9", "12", "0", "abc"])
_VALUES = st.sampled_from(["10", "55,5", "-3", "140", "1e999", "", "n/a", "0"])
_METRICS = st.sampled_from(["mean_score", "pass_rate", "Средний балл", "low_share", "bad", ""])
_TEXTS = st.sampled_from(["Математика", "впр", "ВПР", "ОГЭ", "", "a\x01b"])
_TEACHERS = st.sampled_from(["T1", "T2", "T3", "T9", ""])
_EVENTS = st.sampled_from(["E1", "E2", "E9", ""])
_ROLES = st.sampled_from(["", "speaker", "участник", "boss"])
_YEARS_EXP = st.sampled_from(["", "5", "81", "-1", "x"])


def _rows(*columns: st.SearchStrategy[str]) -> st.SearchStrategy[list[list[str]]]:
    return st.lists(st.tuples(*columns).map(list), max_size=8)


_SCHOOLS = [
    ["school_id", "name", "municipality"],
    ["1", "СОШ №1", "Озёрский"],
    ["2", "СОШ №2", "Озёрский"],
    ["3", "СОШ №3", "Лесной"],
]
_FIXED = {
    "events.csv": [
        ["event_id", "title", "kind", "date"],
        ["E1", "Семинар", "seminar", "2024-09-01"],
        ["E2", "Вебинар", "webinar", "01.10.2024"],
    ],
    "associations.csv": [["association_id", "name"], ["A1", "РМО математиков"]],
}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    results=_rows(_IDS, _INTS, _TEXTS, _TEXTS, _GRADES, _METRICS, _VALUES, _YEARS_EXP),
    teachers=_rows(_TEACHERS, _TEXTS, _IDS, _YEARS_EXP),
    memberships=_rows(_TEACHERS, st.sampled_from(["A1", "A2", ""])),
    participation=_rows(_EVENTS, _TEACHERS, _ROLES),
)
def test_random_files_same_outcome_both_paths(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    results: list[list[str]],
    teachers: list[list[str]],
    memberships: list[list[str]],
    participation: list[list[str]],
) -> None:
    folder = tmp_path_factory.mktemp("in")
    tables = {
        "schools.csv": _SCHOOLS,
        "results.csv": [
            [
                "school_id",
                "year",
                "assessment",
                "subject",
                "grade",
                "metric",
                "value",
                "participants",
            ],
            *results,
        ],
        "teachers.csv": [["teacher_id", "full_name", "school_id", "experience_years"], *teachers],
        "memberships.csv": [["teacher_id", "association_id"], *memberships],
        "participation.csv": [["event_id", "teacher_id", "role"], *participation],
        **_FIXED,
    }
    files = []
    for name, rows in tables.items():
        (folder / name).write_bytes(csv_bytes(rows))
        files.append(folder / name)
    runs = [_import(files, folder / f"{p}.db", p, monkeypatch) for p in PATHS]
    assert runs[0] == runs[1]
