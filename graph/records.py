"""Nodes and edges as plain rows: what the stores keep, without a model object per row.

A bulk import validates whole columns and hands the store rows: ``(label, id, props)`` for a
node and ``(type, src label, src id, dst label, dst id, props)`` for an edge, ``props`` being
the canonical JSON of the properties (sorted keys, UTF-8, no spaces: the embedded store's own
form). The pydantic models of :mod:`graph.model` stay the schema of record: a row is what
``Node.props()`` of the validated node gives, and :func:`node_of_row` rebuilds that node.

Examples
--------
>>> from graph.model import School
>>> row = node_row(School(id="1", name="СОШ №1", municipality="Озёрск"))
>>> row[:2], row[2].startswith('{"municipality":"Озёрск","name":"СОШ №1"')
(('School', '1'), True)
>>> node_of_row(row) == School(id="1", name="СОШ №1", municipality="Озёрск")
True
"""

from __future__ import annotations

from typing import Any

import orjson

from graph.model import NODE_MODELS, Edge, Node, NodeRef

__all__ = [
    "EdgeRow",
    "NodeRow",
    "dumps_props",
    "edge_of_row",
    "edge_row",
    "node_of_row",
    "node_row",
]

NodeRow = tuple[str, str, str]
EdgeRow = tuple[str, str, str, str, str, str]


def dumps_props(props: dict[str, Any]) -> str:
    """Canonical JSON of properties: sorted keys, UTF-8 (no ASCII escaping), no spaces.

    >>> dumps_props({"b": 1, "a": "ё"})
    '{"a":"ё","b":1}'
    """
    return orjson.dumps(props, option=orjson.OPT_SORT_KEYS).decode("utf-8")


def node_row(node: Node) -> NodeRow:
    return (node.label, node.id, dumps_props(node.props()))


def edge_row(edge: Edge) -> EdgeRow:
    return (*edge.key(), dumps_props(edge.props))


def node_of_row(row: NodeRow) -> Node:
    """The node of a row (not validated again: the row was built from validated values)."""
    label, id, props = row
    return NODE_MODELS[label].model_construct(id=id, **orjson.loads(props))


def edge_of_row(row: EdgeRow) -> Edge:
    type, sl, si, dl, di, props = row
    return Edge.unchecked(type, NodeRef(sl, si), NodeRef(dl, di), orjson.loads(props))
