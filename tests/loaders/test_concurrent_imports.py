"""Imports at the same moment behave as one after the other, on both stores.

Each run checks both imports first (the slow part, outside any transaction), then writes them
at once from two threads (or processes). The graph must equal one of the two serial orders,
and each report must say what that import really did in it: a teacher moved by both imports
ends at one school, and of two identical imports only one reports the removed edges.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graph.embedded import EmbeddedStore
from graph.store import Store
from loaders.export import export_json
from loaders.importer import ImportReport, apply_plan, import_uploads, validate_uploads

RUNS = 12

SCHOOLS = (
    "school_id,name,municipality\nS1,Школа 1,Район\nS2,Школа 2,Район\nS3,Школа 3,Район\n"
).encode()


def _teachers(school: str, n: int = 5) -> list[tuple[str, bytes]]:
    rows = "".join(f"T{i},Педагог {i},{school}\n" for i in range(n))
    return [("teachers.csv", f"teacher_id,full_name,school_id\n{rows}".encode())]


BASE = [("schools.csv", SCHOOLS), *_teachers("S1")]
MOVE_A = _teachers("S2")
MOVE_B = _teachers("S3")


Files = list[tuple[str, bytes]]


def _serial(
    tmp_path: Path, *imports: Files, base: Files = BASE
) -> tuple[bytes, list[ImportReport]]:
    store = EmbeddedStore(tmp_path / f"serial-{len(list(tmp_path.iterdir()))}.db")
    import_uploads(base, store)
    reports = [import_uploads(files, store) for files in imports]
    data = export_json(store)
    store.close()
    return data, reports


Summary = tuple[dict[str, int], ...]


def _summary(report: ImportReport) -> Summary:
    def nonzero(c: Counter[str]) -> dict[str, int]:
        return {k: v for k, v in c.items() if v}

    return nonzero(report.stats.added), nonzero(report.stats.changed), nonzero(report.removed)


def _race(store: Store, a: Files, b: Files, batched: bool = False) -> list[Any]:
    plans = [validate_uploads(a, store), validate_uploads(b, store)]
    barrier = threading.Barrier(2)
    out: list[Any] = [None, None]

    def run(i: int) -> None:
        barrier.wait()
        try:
            out[i] = apply_plan(plans[i], store, batched=batched)
        except Exception as exc:  # reported by the assertion below
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return out


def _check_runs(
    store: Store,
    reset: Callable[[], None],
    tmp_path: Path,
    a: list[tuple[str, bytes]],
    b: list[tuple[str, bytes]],
    runs: int,
    base: Files = BASE,
) -> None:
    ab, (ra1, rb2) = _serial(tmp_path, a, b, base=base)
    ba, (rb1, ra2) = _serial(tmp_path, b, a, base=base)
    # (graph, what import a reported, what import b reported) of each serial order
    orders = [(ab, _summary(ra1), _summary(rb2)), (ba, _summary(ra2), _summary(rb1))]
    for _ in range(runs):
        reset()
        got = _race(store, a, b)
        assert not any(isinstance(r, Exception) for r in got), got
        data = export_json(store)
        assert data in (ab, ba), "the graph is neither serial order"
        assert (data, _summary(got[0]), _summary(got[1])) in orders


def _reset(store: Store, base: Files = BASE) -> Callable[[], None]:
    def reset() -> None:
        if isinstance(store, EmbeddedStore):
            with store._connect() as conn:
                conn.execute("DELETE FROM edges")
                conn.execute("DELETE FROM nodes")
        else:
            from graph.neo4j_admin import clear_database

            clear_database(store)  # type: ignore[arg-type]
        import_uploads(base, store)

    return reset


def test_conflicting_moves_end_in_one_serial_order(store: Store, tmp_path: Path) -> None:
    # Both imports move the same five teachers, to two different schools.
    _check_runs(store, _reset(store), tmp_path, MOVE_A, MOVE_B, RUNS)
    assert store.count_edges()["WORKS_AT"] == 5  # one each


def test_identical_imports_report_the_removal_once(store: Store, tmp_path: Path) -> None:
    _check_runs(store, _reset(store), tmp_path, MOVE_A, MOVE_A, RUNS)


# --- a municipality copied at check time -------------------------------------------------------
# An import that names a municipality without its region (a schools sheet with no region column)
# or brings its boundary keeps what is stored of it. What is stored may change between that
# import's check and its write: the write must keep the newer region, not the one it saw.
def _schools_in(region: str) -> Files:
    rows = "".join(f"S{i},Школа {i},Район,{region}\n" for i in (1, 2, 3))
    return [("schools.csv", f"school_id,name,municipality,region\n{rows}".encode())]


IN_REGION_A = _schools_in("Область А")
TO_REGION_B = _schools_in("Область Б")
NEW_SCHOOL = [("schools.csv", "school_id,name,municipality\nS4,Школа 4,Район\n".encode())]
OUTLINE = [
    (
        "районы.geojson",
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "Район"},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [[[30, 50], [31, 50], [31, 51], [30, 51], [30, 50]]],
                        },
                    }
                ],
            }
        ).encode(),
    )
]


def _region_of(store: Store, municipality: str) -> tuple[str | None, list[str]]:
    node = store.get_node("Municipality", municipality)
    assert node is not None
    edges = [e.dst.id for e in store.iter_edges("IN") if e.src.id == municipality]
    return getattr(node, "region", None), edges


@pytest.mark.parametrize("later", [NEW_SCHOOL, OUTLINE], ids=["school", "boundary"])
def test_a_region_written_after_the_check_is_kept(
    store: Store, tmp_path: Path, later: Files
) -> None:
    _reset(store, IN_REGION_A)()
    plan = validate_uploads(later, store)  # sees «Район» in «Область А»
    import_uploads(TO_REGION_B, store)  # then «Район» moves to «Область Б»
    report = apply_plan(plan, store)
    assert _region_of(store, "Район") == ("Область Б", ["Область Б"])
    expected, (_, serial_report) = _serial(tmp_path, TO_REGION_B, later, base=IN_REGION_A)
    assert export_json(store) == expected
    assert _summary(report) == _summary(serial_report)


@pytest.mark.parametrize("later", [NEW_SCHOOL, OUTLINE], ids=["school", "boundary"])
def test_a_write_during_the_check_repeats_it(
    store: Store, tmp_path: Path, later: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    import loaders.importer as importer

    _reset(store, IN_REGION_A)()
    checks: list[int] = []
    validate = importer.validate_sheets

    def check_then_move(*args: Any, **kwargs: Any) -> Any:
        checks.append(1)
        out = validate(*args, **kwargs)
        if len(checks) == 1:  # the move commits after the check read «Область А»
            import_uploads(TO_REGION_B, store)
        return out

    monkeypatch.setattr(importer, "validate_sheets", check_then_move)
    plan = validate_uploads(later, store)
    monkeypatch.undo()
    apply_plan(plan, store)
    assert len(checks) == 3  # the first check, the move's own, and the repeated one
    assert _region_of(store, "Район") == ("Область Б", ["Область Б"])
    expected, _ = _serial(tmp_path, TO_REGION_B, later, base=IN_REGION_A)
    assert export_json(store) == expected


@pytest.mark.parametrize("later", [NEW_SCHOOL, OUTLINE], ids=["school", "boundary"])
def test_a_region_move_and_a_copy_at_once_end_in_one_serial_order(
    store: Store, tmp_path: Path, later: Files
) -> None:
    _check_runs(store, _reset(store, IN_REGION_A), tmp_path, TO_REGION_B, later, 6, IN_REGION_A)


# --- processes on one SQLite file ---------------------------------------------------------------
def _import_in_process(path: str, files: list[tuple[str, bytes]], go: Any, out: Any) -> None:
    store = EmbeddedStore(path)
    plan = validate_uploads(files, store)
    go.wait()
    report = apply_plan(plan, store)
    out.put((files[0][1].decode()[-3:], _summary(report)))
    store.close()


def test_processes_on_one_file_are_serialised(tmp_path: Path) -> None:
    ab, (ra1, rb2) = _serial(tmp_path, MOVE_A, MOVE_B)
    ba, (rb1, ra2) = _serial(tmp_path, MOVE_B, MOVE_A)
    ctx = multiprocessing.get_context("fork")
    for run in range(4):
        path = str(tmp_path / f"proc-{run}.db")
        store = EmbeddedStore(path)
        import_uploads(BASE, store)
        go, out = ctx.Barrier(2), ctx.Queue()
        procs = [
            ctx.Process(target=_import_in_process, args=(path, files, go, out))
            for files in (MOVE_A, MOVE_B)
        ]
        for p in procs:
            p.start()
        for p in procs:
            p.join(timeout=120)
            assert p.exitcode == 0
        reports = dict(out.get(timeout=5) for _ in procs)
        data = export_json(store)
        assert data in (ab, ba)
        a, b = reports["S2\n"], reports["S3\n"]
        expected = (_summary(ra1), _summary(rb2)) if data == ab else (_summary(ra2), _summary(rb1))
        assert (a, b) == expected
        store.close()
