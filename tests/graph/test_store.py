"""The store interface's own suite: runs unchanged against every backend."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.model import (
    Edge,
    Event,
    EventKind,
    Municipality,
    NodeRef,
    Partnership,
    PartnershipStatus,
    School,
    Teacher,
)
from graph.store import Store, StoreError

HOSTILE = [
    "<script>alert('x')</script>",
    "'}) DETACH DELETE n //",
    'Robert"); DROP TABLE nodes;--',
    "МБОУ «СОШ №1» ёлка",
    "x" * 1_000_000,
]


def _municipality_with_schools(n: int = 3) -> tuple[list, list]:
    nodes: list = [Municipality(id="Озёрск", name="Озёрск")]
    edges: list = []
    for i in range(n):
        nodes.append(School(id=f"s{i}", name=f"Школа {i}", municipality="Озёрск", lat=55.0))
        edges.append(
            Edge(type="IN", src=NodeRef("School", f"s{i}"), dst=NodeRef("Municipality", "Озёрск"))
        )
    return nodes, edges


def test_upsert_and_get(store: Store) -> None:
    nodes, edges = _municipality_with_schools()
    stats = store.write(nodes, edges)
    assert stats.added["School"] == 3
    assert stats.added["IN"] == 3
    got = store.get_node("School", "s1")
    assert isinstance(got, School) and got.name == "Школа 1" and got.lat == 55.0
    assert store.get_node("School", "nope") is None
    assert store.count_nodes() == {"Municipality": 1, "School": 3}
    assert store.count_edges() == {"IN": 3}


def test_reupsert_is_noop_and_change_is_counted(store: Store) -> None:
    nodes, edges = _municipality_with_schools()
    store.write(nodes, edges)
    v1 = store.data_version()
    again = store.write(nodes, edges)
    assert again.is_noop()
    assert again.unchanged["School"] == 3
    changed = store.write([School(id="s0", name="Новое имя", municipality="Озёрск")])
    assert changed.changed["School"] == 1 and changed.total_added == 0
    assert store.get_node("School", "s0").name == "Новое имя"  # type: ignore[union-attr]
    assert store.data_version() != v1


def test_uncommitted_unit_of_work_rolls_back(store: Store) -> None:
    nodes, edges = _municipality_with_schools()
    store.write(nodes, edges)
    before = store.count_nodes()
    with store.unit_of_work() as uow:
        uow.upsert_nodes([School(id="s9", name="Лишняя", municipality="Озёрск")])
    assert store.count_nodes() == before
    with pytest.raises(RuntimeError), store.unit_of_work() as uow:
        uow.upsert_nodes([School(id="s8", name="Лишняя", municipality="Озёрск")])
        raise RuntimeError("boom")
    assert store.get_node("School", "s8") is None


def test_edge_to_missing_node_is_refused(store: Store) -> None:
    nodes, edges = _municipality_with_schools(1)
    store.write(nodes, edges)
    bad = Edge(type="WORKS_AT", src=NodeRef("Teacher", "ghost"), dst=NodeRef("School", "s0"))
    with pytest.raises(StoreError):
        store.write([], [bad])
    assert store.count_edges() == {"IN": 1}


def test_neighbours_and_subgraph(store: Store) -> None:
    nodes, edges = _municipality_with_schools(2)
    nodes += [Teacher(id="t1", full_name="Иванова А. А.", school_id="s0", subjects=["Математика"])]
    edges += [Edge(type="WORKS_AT", src=NodeRef("Teacher", "t1"), dst=NodeRef("School", "s0"))]
    store.write(nodes, edges)
    n = store.neighbours(NodeRef("School", "s0"))
    assert [x.ref() for x in n] == [NodeRef("Municipality", "Озёрск"), NodeRef("Teacher", "t1")]
    assert [x.id for x in store.neighbours(NodeRef("School", "s0"), "WORKS_AT", "in")] == ["t1"]
    assert store.neighbours(NodeRef("School", "s0"), "WORKS_AT", "out") == []
    sub = store.subgraph(NodeRef("Teacher", "t1"), depth=3)
    assert {x.id for x in sub.nodes} == {"t1", "s0", "s1", "Озёрск"}
    assert len(sub.edges) == 3 and not sub.truncated
    capped = store.subgraph(NodeRef("Teacher", "t1"), depth=3, max_nodes=2)
    assert len(capped.nodes) == 2 and capped.truncated
    g = store.to_networkx()
    assert g.number_of_nodes() == 4 and g.number_of_edges() == 3
    assert g.nodes["Teacher:t1"]["subjects"] == ["Математика"]


@pytest.mark.parametrize("text", HOSTILE, ids=["html", "cypher", "sql", "cyrillic", "1mb"])
def test_hostile_strings_are_stored_verbatim(store: Store, text: str) -> None:
    nodes, edges = _municipality_with_schools(1)
    store.write(nodes, edges)
    store.write([School(id="s0", name=text, municipality="Озёрск")])
    got = store.get_node("School", "s0")
    assert isinstance(got, School) and got.name == text
    assert store.count_nodes() == {"Municipality": 1, "School": 1}
    rows = store.query("schools")
    assert rows[0]["name"] == text


def test_delete_edges_and_typed_round_trip(store: Store) -> None:
    nodes, edges = _municipality_with_schools(2)
    p = Partnership(
        id="p1",
        tutor_school_id="s0",
        mentee_school_id="s1",
        status=PartnershipStatus.agreed,
        start_date=dt.date(2025, 9, 1),
        focus_subjects=["Математика", "Физика"],
    )
    ev = Event(
        id="e1",
        title="Семинар",
        kind=EventKind.seminar,
        date=dt.date(2025, 10, 1),
        partnership_id="p1",
    )
    nodes += [p, ev]
    edges += [
        Edge(type="TUTOR_IN", src=NodeRef("School", "s0"), dst=p.ref()),
        Edge(type="MENTEE_IN", src=NodeRef("School", "s1"), dst=p.ref()),
        Edge(type="FOR", src=ev.ref(), dst=p.ref()),
        Edge(
            type="EXCLUDED_PAIR",
            src=NodeRef("School", "s1"),
            dst=NodeRef("School", "s0"),
            props={"reason": "далеко", "date": "2025-10-02"},
        ),
    ]
    store.write(nodes, edges)
    assert store.get_node("Partnership", "p1") == p
    assert store.get_node("Event", "e1") == ev
    assert store.query("exclusions")[0]["reason"] == "далеко"
    store.delete([edges[-1]])
    assert store.query("exclusions") == []
    assert store.query("partnerships")[0]["focus_subjects"] == ["Математика", "Физика"]
