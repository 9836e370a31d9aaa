"""The one «ещё N …» aggregate shared by the network service and the page."""

from __future__ import annotations

from app_streamlit.components.graph_view import vis_data
from labels import t
from services.api import more_nodes


def test_more_nodes_one_per_id_sorted_and_linked_to_root() -> None:
    nodes, edges = more_nodes(
        "Curator:7", {"More:2:Teacher": ("Teacher", 4), "More:1:School": ("School", 2)}
    )
    assert [n["id"] for n in nodes] == ["More:1:School", "More:2:Teacher"]
    assert all(n["label"] == "More" and n["status"] is None for n in nodes)
    assert nodes[1]["title"] == t("network.more", n=4, kind=t("label.Teacher"))
    assert [(e["source"], e["target"], e["type"]) for e in edges] == [
        ("Curator:7", "More:1:School", "MORE"),
        ("Curator:7", "More:2:Teacher", "MORE"),
    ]


def test_more_nodes_empty_overflow_adds_nothing() -> None:
    assert more_nodes("School:1", {}) == ([], [])


def test_page_fold_uses_the_same_aggregate() -> None:
    ns = [{"id": f"Teacher:{i}", "label": "Teacher", "title": f"T{i}"} for i in range(6)]
    vn, ve, hidden = vis_data(ns, [], max_nodes=2)
    assert hidden == 4
    expected, _ = more_nodes("Teacher:0", {"More:Teacher": ("Teacher", 4)})
    assert vn[-1]["id"] == "More:Teacher"
    assert expected[0]["title"] in vn[-1]["title"]
    assert [(e["from"], e["to"]) for e in ve] == [("Teacher:0", "More:Teacher")]
