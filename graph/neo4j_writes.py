"""The write operations of the Neo4j store, shared by its three write paths.

A unit of work, a retryable ``write()`` and ``write_batched()`` all run these on a transaction
(explicit or managed): ``UNWIND … MERGE`` batches that read the current properties first, so
the stats say exactly what was added, changed or left unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, LiteralString, Protocol, TypeVar

from graph.embedded import dumps_props
from graph.model import NODE_MODELS, Edge, Node
from graph.neo4j_cypher import (
    BUMP_VERSION,
    EDGE_DELETE,
    EDGE_MERGE,
    EDGE_READ_PROPS,
    NODE_IDS_FOUND,
    NODE_MERGE,
    NODE_READ_PROPS,
)
from graph.store import StoreError, WriteStats

__all__ = [
    "Runner",
    "bump_version",
    "chunks",
    "delete_edges",
    "edge_props",
    "label_of",
    "node_row",
    "upsert_edges",
    "upsert_nodes",
    "without_id",
]


class Runner(Protocol):
    """What a write needs of a transaction: explicit (``Transaction``) or managed."""

    def run(self, query: LiteralString, parameters: dict[str, Any] | None = None) -> Any: ...


def chunks(seq: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def label_of(labels: list[str]) -> str | None:
    """The schoolnet label among a node's labels (None for nodes that are not ours)."""
    for label in labels:
        if label in NODE_MODELS:
            return label
    return None


def edge_props(props: dict[str, Any]) -> dict[str, Any]:
    # Neo4j cannot store null properties: ``SET r = {x: null}`` leaves ``x`` out, so a missing
    # and a null edge property are the same thing here, and the stats must agree.
    return {k: v for k, v in props.items() if v is not None}


def node_row(node: Node) -> dict[str, Any]:
    return {"id": node.id, "props": {"id": node.id, **node.props()}}


def without_id(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k != "id"}


_Key = TypeVar("_Key", str, tuple[str, str])


def _needs_write(
    existing: dict[_Key, str], key: _Key, canon: str, kind: str, stats: WriteStats
) -> bool:
    """Counts one node or edge as added, changed or unchanged against the stored properties
    (and those staged earlier in this write: a repeated id counts once); True to write it."""
    old = existing.get(key)
    if old == canon:
        stats.unchanged[kind] += 1
        return False
    (stats.added if old is None else stats.changed)[kind] += 1
    existing[key] = canon
    return True


# --- the write operations, shared by the three write paths -------------------------------------
def upsert_nodes(tx: Runner, nodes: Sequence[Node], batch_size: int, stats: WriteStats) -> None:
    by_label: dict[str, list[Node]] = {}
    for n in nodes:
        by_label.setdefault(n.label, []).append(n)
    for label, items in by_label.items():
        for chunk in chunks(items, batch_size):
            ids = sorted({n.id for n in chunk})
            existing = {
                rec["id"]: dumps_props(without_id(rec["props"]))
                for rec in tx.run(NODE_READ_PROPS[label], {"ids": ids})
            }
            todo: dict[str, dict[str, Any]] = {}
            for n in chunk:
                if _needs_write(existing, n.id, dumps_props(n.props()), label, stats):
                    todo[n.id] = node_row(n)
            if todo:
                tx.run(NODE_MERGE[label], {"rows": list(todo.values())}).consume()


def check_endpoints(tx: Runner, chunk: Sequence[Edge]) -> None:
    by_label: dict[str, set[str]] = {}
    for e in chunk:
        by_label.setdefault(e.src.label, set()).add(e.src.id)
        by_label.setdefault(e.dst.label, set()).add(e.dst.id)
    for label, ids in by_label.items():
        found = {rec["id"] for rec in tx.run(NODE_IDS_FOUND[label], {"ids": sorted(ids)})}
        missing = ids - found
        if missing:
            raise StoreError("missing_endpoint", label=f" {label}", ids=sorted(missing)[:5])


def upsert_edges(tx: Runner, edges: Sequence[Edge], batch_size: int, stats: WriteStats) -> None:
    by_shape: dict[tuple[str, str, str], list[Edge]] = {}
    for e in edges:
        by_shape.setdefault((e.type, e.src.label, e.dst.label), []).append(e)
    for shape, items in by_shape.items():
        etype = shape[0]
        for chunk in chunks(items, batch_size):
            check_endpoints(tx, chunk)
            keys = sorted({(e.src.id, e.dst.id) for e in chunk})
            existing = {
                (rec["src"], rec["dst"]): dumps_props(rec["props"])
                for rec in tx.run(
                    EDGE_READ_PROPS[shape], {"rows": [{"src": s, "dst": d} for s, d in keys]}
                )
            }
            todo: dict[tuple[str, str], dict[str, Any]] = {}
            for e in chunk:
                key = (e.src.id, e.dst.id)
                props = edge_props(e.props)
                if _needs_write(existing, key, dumps_props(props), etype, stats):
                    todo[key] = {"src": key[0], "dst": key[1], "props": props}
            if todo:
                tx.run(EDGE_MERGE[shape], {"rows": list(todo.values())}).consume()


def delete_edges(tx: Runner, edges: Sequence[Edge], batch_size: int) -> None:
    by_shape: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for e in edges:
        by_shape.setdefault((e.type, e.src.label, e.dst.label), []).append(
            {"src": e.src.id, "dst": e.dst.id}
        )
    for shape, rows in by_shape.items():
        for chunk in chunks(rows, batch_size):
            tx.run(EDGE_DELETE[shape], {"rows": list(chunk)}).consume()


def bump_version(tx: Runner) -> None:
    tx.run(BUMP_VERSION).consume()
