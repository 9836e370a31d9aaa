"""Neighbourhood views of the graph for the interactive network pictures.

A view is built layer by layer (curator → schools → partnerships → partner schools → teachers →
associations and events), capped at ``max_nodes``: earlier layers win, and whatever does not fit
is aggregated into one «ещё N …» node per kind and layer, so a picture never freezes the browser
and never silently hides that there is more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.model import Node, NodeRef
from graph.store import Direction, Store
from labels import t

__all__ = [
    "CURATOR_LAYERS",
    "SCHOOL_LAYERS",
    "Layer",
    "NetworkView",
    "build_network",
    "more_nodes",
    "node_title",
]


@dataclass(frozen=True)
class Layer:
    """One hop: from every kept node of ``sources``, follow ``edge_types`` to ``labels``."""

    sources: tuple[str, ...]
    edge_types: tuple[str, ...]
    direction: Direction
    labels: tuple[str, ...]


@dataclass
class NetworkView:
    """Nodes (id, label, title, status) and edges (source, target, type) of a picture."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False
    total_nodes: int = 0


_REST = (
    Layer(("School",), ("TUTOR_IN", "MENTEE_IN"), "out", ("Partnership",)),
    Layer(("Partnership",), ("TUTOR_IN", "MENTEE_IN"), "in", ("School",)),
    Layer(("School",), ("WORKS_AT",), "in", ("Teacher",)),
    Layer(("Teacher",), ("MEMBER_OF", "ATTENDED"), "out", ("Association", "Event")),
)
CURATOR_LAYERS: tuple[Layer, ...] = (
    Layer(("Curator",), ("CURATES",), "out", ("School",)),
    *_REST,
)
SCHOOL_LAYERS: tuple[Layer, ...] = (
    Layer(("School",), ("CURATES",), "in", ("Curator",)),
    *_REST,
)


def node_title(node: Node) -> str:
    """The name a person reads for a node (school name, teacher's full name, event title)."""
    for attr in ("name", "full_name", "title"):
        value = getattr(node, attr, None)
        if value:
            return str(value)
    if node.label == "Partnership":
        return t("network.partnership_title", id=node.id)
    return node.id


def build_network(
    store: Store,
    root: NodeRef,
    layers: Sequence[Layer],
    statuses: Mapping[str, str] | None = None,
    max_nodes: int = 300,
) -> NetworkView:
    """Expand ``root`` through ``layers`` and keep at most ``max_nodes`` nodes.

    ``statuses`` maps a node key (``School:101``, ``Partnership:P-1``) to the status shown as its
    colour. Returns an empty view when ``root`` does not exist.
    """
    root_node = store.get_node(root.label, root.id)
    if root_node is None:
        return NetworkView()
    statuses = statuses or {}
    kept: dict[str, dict[str, Any]] = {}
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    overflow: Counter[tuple[int, str]] = Counter()

    def keep(node: Node) -> None:
        key = node.ref().key()
        nodes[key] = node
        kept[key] = {
            "id": key,
            "label": node.label,
            "title": node_title(node),
            "status": statuses.get(key),
        }

    keep(root_node)
    seen = {root.key()}
    for depth, layer in enumerate(layers, start=1):
        sources = [n for n in nodes.values() if n.label in layer.sources]
        for node in sources:
            src = node.ref()
            for etype in layer.edge_types:
                for other in store.neighbours(src, etype, layer.direction):
                    if other.label not in layer.labels:
                        continue
                    okey = other.ref().key()
                    pair = (src.key(), okey) if layer.direction == "out" else (okey, src.key())
                    if okey not in seen:
                        seen.add(okey)
                        if len(kept) < max_nodes:
                            keep(other)
                        else:
                            overflow[(depth, other.label)] += 1
                            continue
                    if pair[0] in kept and pair[1] in kept:
                        edges[(pair[0], pair[1], etype)] = {
                            "source": pair[0],
                            "target": pair[1],
                            "type": etype,
                        }
    view = NetworkView(
        nodes=list(kept.values()),
        edges=list(edges.values()),
        truncated=bool(overflow),
        total_nodes=len(seen),
    )
    more, more_edges = more_nodes(
        root.key(), {f"More:{d}:{label}": (label, n) for (d, label), n in overflow.items()}
    )
    view.nodes.extend(more)
    view.edges.extend(more_edges)
    return view


def more_nodes(
    root_key: str, overflow: Mapping[str, tuple[str, int]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The «ещё N …» summary nodes of a capped picture and their edges from ``root_key``.

    ``overflow`` maps a summary node id to the kind and number of nodes it stands for; the
    nodes come in id order. The one home of the aggregate used by the service and the page.

    Examples
    --------
    >>> nodes, edges = more_nodes("Curator:1", {"More:School": ("School", 3)})
    >>> nodes[0]["id"], nodes[0]["label"], edges[0]["source"], edges[0]["type"]
    ('More:School', 'More', 'Curator:1', 'MORE')
    """
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for key, (kind, n) in sorted(overflow.items()):
        nodes.append(
            {
                "id": key,
                "label": "More",
                "title": t("network.more", n=n, kind=t(f"label.{kind}")),
                "status": None,
            }
        )
        edges.append({"source": root_key, "target": key, "type": "MORE"})
    return nodes, edges
