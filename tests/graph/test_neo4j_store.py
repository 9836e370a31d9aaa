"""Neo4j-only behaviour on a real server: schema, batched loads, transactions, versions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.model import Edge, Municipality, NodeRef, School, Teacher
from graph.neo4j_admin import clear_database, server_info, write_per_row
from graph.neo4j_store import Neo4jStore
from graph.store import StoreError

pytestmark = pytest.mark.neo4j


@pytest.fixture
def neo4j_store(request: pytest.FixtureRequest) -> Iterator[Neo4jStore]:
    from tests.neo4j_support import fresh_neo4j_store

    store = fresh_neo4j_store(request)
    try:
        yield store
    finally:
        store.close()


def _reopen(store: Neo4jStore, batch_size: int = 5000) -> Neo4jStore:
    # The driver keeps its auth to itself; the test server runs without one, NEO4J_URI may not.
    import os

    user = os.environ.get("NEO4J_USER", "neo4j") if os.environ.get("NEO4J_URI") else None
    return Neo4jStore(
        store.uri,
        user=user,
        password=os.environ.get("NEO4J_PASSWORD"),
        database=store.database,
        batch_size=batch_size,
    )


def _constraints(store: Neo4jStore) -> set[tuple[str, str, str]]:
    rows = store._read(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "RETURN type, labelsOrTypes, properties"
    )
    return {(r["type"], r["labelsOrTypes"][0], r["properties"][0]) for r in rows}


def _schools(n: int, name: str = "Школа") -> list[School]:
    return [School(id=f"s{i:03}", name=f"{name} {i}", municipality="Озёрск") for i in range(n)]


def _in_edges(n: int) -> list[Edge]:
    return [
        Edge(type="IN", src=NodeRef("School", f"s{i:03}"), dst=NodeRef("Municipality", "Озёрск"))
        for i in range(n)
    ]


def test_constraints_exist_and_reopening_is_idempotent(neo4j_store: Neo4jStore) -> None:
    found = _constraints(neo4j_store)
    for label in ("Region", "Municipality", "School", "Teacher", "Curator", "Association",
                  "Event", "Partnership", "Result"):  # fmt: skip
        assert ("UNIQUENESS", label, "id") in found
    indexes = {r["name"] for r in neo4j_store._read("SHOW INDEXES YIELD name RETURN name")}
    assert {"schoolnet_event_date", "schoolnet_result_year"} <= indexes
    again = _reopen(neo4j_store)
    try:
        again.ensure_schema()
        assert _constraints(again) == found
    finally:
        again.close()


def test_unique_constraint_guards_ids(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write(_schools(1))
    with pytest.raises(StoreError, match="Neo4j"):
        neo4j_store._write_auto("CREATE (:School {id: 's000', name: 'дубль'})")
    assert neo4j_store.count_nodes() == {"School": 1}


def test_batched_load_is_resumable_and_idempotent(neo4j_store: Neo4jStore) -> None:
    schools = _schools(7)
    muni = Municipality(id="Озёрск", name="Озёрск")
    edges = _in_edges(7)
    # The municipality is missing: the node batches commit, the edge batches fail.
    with pytest.raises(StoreError, match="отсутствующий узел Municipality"):
        neo4j_store.write_batched(schools, edges, batch_size=3)
    assert neo4j_store.count_nodes() == {"School": 7}
    assert neo4j_store.count_edges() == {}
    # The rerun (with what was missing) completes; the committed part counts as unchanged.
    stats = neo4j_store.write_batched([muni, *schools], edges, batch_size=3)
    assert stats.added["Municipality"] == 1 and stats.unchanged["School"] == 7
    assert stats.added["IN"] == 7
    assert neo4j_store.count_edges() == {"IN": 7}
    v = neo4j_store.data_version()
    # And a rerun of a completed load changes nothing.
    again = neo4j_store.write_batched([muni, *schools], edges, batch_size=3)
    assert again.is_noop() and again.unchanged["IN"] == 7
    assert neo4j_store.count_nodes() == {"Municipality": 1, "School": 7}
    assert neo4j_store.data_version() != v  # committed batches all the same


def test_batches_split_large_writes(request: pytest.FixtureRequest) -> None:
    from tests.neo4j_support import fresh_neo4j_store

    base = fresh_neo4j_store(request)
    small = _reopen(base, batch_size=2)
    try:
        stats = small.write([Municipality(id="Озёрск", name="Озёрск"), *_schools(5)], _in_edges(5))
        assert stats.added["School"] == 5 and stats.added["IN"] == 5
        dup = small.write(_schools(5) + _schools(5, "Другое имя"))
        assert dup.unchanged["School"] == 5 and dup.changed["School"] == 5
        assert small.get_node("School", "s004").name == "Другое имя 4"  # type: ignore[union-attr]
    finally:
        small.close()
        base.close()


def test_unit_of_work_is_invisible_until_commit(neo4j_store: Neo4jStore) -> None:
    v0 = neo4j_store.data_version()
    with neo4j_store.unit_of_work() as uow:
        uow.upsert_nodes(_schools(2))
        assert neo4j_store.get_node("School", "s000") is None  # other readers see nothing yet
        assert neo4j_store.data_version() == v0
        uow.commit()
        with pytest.raises(StoreError):
            uow.commit()
    assert neo4j_store.get_node("School", "s000") is not None
    assert neo4j_store.data_version() != v0


def test_null_edge_properties_are_left_out(neo4j_store: Neo4jStore) -> None:
    t = Teacher(id="t1", full_name="Иванова", school_id="s000")
    school = _schools(1)[0]
    edge = Edge(type="WORKS_AT", src=t.ref(), dst=school.ref(), props={"since": None, "x": 1})
    neo4j_store.write([school, t], [edge])
    assert neo4j_store.edges("WORKS_AT")[0].props == {"x": 1}
    assert neo4j_store.write([], [edge]).is_noop()


def test_unknown_labels_and_hostile_ids_are_harmless(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write(_schools(1))
    assert neo4j_store.get_node("School) DETACH DELETE n //", "s000") is None
    assert neo4j_store.get_node("School", "') DETACH DELETE n //") is None
    assert list(neo4j_store.iter_nodes("Nope")) == []
    assert neo4j_store.neighbours(NodeRef("Nope", "x")) == []
    assert neo4j_store.count_nodes() == {"School": 1}


def test_meta_node_is_invisible_and_version_survives_clear(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write(_schools(2))
    assert neo4j_store.query("node_counts") == [{"label": "School", "n": 2}]
    v = neo4j_store.data_version()
    clear_database(neo4j_store)
    assert neo4j_store.count_nodes() == {}
    assert neo4j_store.query("node_counts") == []
    assert neo4j_store.data_version() != v
    assert neo4j_store.to_networkx().number_of_nodes() == 0


def test_per_row_writes_match_batched(neo4j_store: Neo4jStore) -> None:
    muni = Municipality(id="Озёрск", name="Озёрск")
    write_per_row(neo4j_store, [muni, *_schools(4)], _in_edges(4))
    assert neo4j_store.count_nodes() == {"Municipality": 1, "School": 4}
    assert neo4j_store.write([muni, *_schools(4)], _in_edges(4)).is_noop()


def test_server_info_names_neo4j(neo4j_store: Neo4jStore) -> None:
    assert server_info(neo4j_store)["agent"].startswith("Neo4j/")
