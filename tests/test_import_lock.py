"""A batched import is one import to every other: two at once do not interleave their batches.

On Neo4j a batched import commits batch by batch; every import holds the import lock (a lease
node, :mod:`graph.neo4j_lock`) from its first transaction to its last, so another import waits
and then sees all of it. The embedded store writes a batched import in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.store import ImportLock, Store, StoreError
from loaders.export import export_json
from loaders.importer import import_uploads, validate_uploads
from tests.loaders.test_concurrent_imports import BASE, MOVE_A, MOVE_B, _race, _reset, _serial

RUNS = 4


@pytest.fixture
def small_batches(store: Store) -> Iterator[Store]:
    """Batches of two rows: a batched import of the sample takes several transactions."""
    old = getattr(store, "batch_size", None)
    if old is not None:
        store.batch_size = 2  # type: ignore[attr-defined]
    try:
        yield store
    finally:
        if old is not None:
            store.batch_size = old  # type: ignore[attr-defined]


def test_two_batched_imports_at_once_end_in_one_serial_order(
    small_batches: Store, tmp_path: Path
) -> None:
    store = small_batches
    ab, _ = _serial(tmp_path, MOVE_A, MOVE_B)
    ba, _ = _serial(tmp_path, MOVE_B, MOVE_A)
    reset = _reset(store)
    for _ in range(RUNS):
        reset()
        got = _race(store, MOVE_A, MOVE_B, batched=True)
        assert not any(isinstance(r, Exception) for r in got), got
        assert export_json(store) in (ab, ba), "the batches of the two imports interleaved"
        assert store.count_edges()["WORKS_AT"] == 5


# --- Neo4j: the lease -----------------------------------------------------------------------------
@pytest.fixture
def neo4j(request: pytest.FixtureRequest) -> Iterator[Store]:
    from tests.neo4j_support import fresh_neo4j_store

    s = fresh_neo4j_store(request)
    try:
        import_uploads(BASE, s)
        yield s
    finally:
        s.close()


def _holder(store: Any) -> Any:
    rows = store._read("MATCH (l:SchoolnetMeta {key: 'import_lock'}) RETURN l.holder AS holder")
    return rows[0]["holder"] if rows else None


def _set_holder(store: Any, holder: str, expires_in_ms: int) -> None:
    with store._session() as session:
        session.run(
            "MERGE (l:SchoolnetMeta {key: 'import_lock'}) "
            "SET l.holder = $holder, l.expires = timestamp() + $ms",
            {"holder": holder, "ms": expires_in_ms},
        ).consume()


def test_an_import_waits_for_a_live_lease_and_says_so(
    neo4j: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCHOOLNET_IMPORT_WAIT_SECONDS", "1")
    _set_holder(neo4j, "another import", 60_000)
    with pytest.raises(StoreError) as err:
        import_uploads(MOVE_A, neo4j)
    assert err.value.code == "import_busy"
    assert "SCHOOLNET_IMPORT_WAIT_SECONDS" in str(err.value)
    assert {e.dst.id for e in neo4j.iter_edges("WORKS_AT")} == {"S1"}  # nothing written


def test_a_crashed_imports_lease_expires(neo4j: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCHOOLNET_IMPORT_WAIT_SECONDS", "5")
    _set_holder(neo4j, "a crashed import", -1)
    import_uploads(MOVE_A, neo4j)
    assert {e.dst.id for e in neo4j.iter_edges("WORKS_AT")} == {"S2"}
    assert _holder(neo4j) is None  # given back


def test_a_batched_import_that_lost_its_lease_stops(neo4j: Store) -> None:
    plan = validate_uploads(MOVE_A, neo4j)
    with neo4j.import_lock() as lock:
        assert isinstance(lock, ImportLock)
        _set_holder(neo4j, "the import that took over", 60_000)
        with pytest.raises(StoreError) as err:
            neo4j.write_batched(plan.nodes, plan.edges, lock=lock)
    assert err.value.code == "import_lock_lost"
    assert _holder(neo4j) == "the import that took over"  # not released by the loser
