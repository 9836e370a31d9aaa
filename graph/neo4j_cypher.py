"""Every Cypher text of the Neo4j store, as literal constants.

Labels and relationship types cannot be query parameters, so each query that names one is
generated here once, at import time, from ``graph.model.NODE_LABELS`` / ``EDGE_TYPES`` into a
fixed dictionary; no query text is ever built from input.
"""

from __future__ import annotations

import re
import typing
from typing import LiteralString, cast

from graph.model import EDGE_TYPES, NODE_LABELS, NODE_MODELS

__all__ = [
    "AWAIT_INDEXES",
    "BOLT_SCHEMES",
    "BUMP_VERSION",
    "CLEAR_LIMIT",
    "CLEAR_NODES",
    "CLEAR_RELS",
    "COUNT_EDGES",
    "COUNT_NODES",
    "EDGE_ALL",
    "EDGE_DELETE",
    "EDGE_MERGE",
    "EDGE_MERGE_ONE",
    "EDGE_READ_PROPS",
    "EDGE_SHAPES",
    "EMPTY_LIST_FIXUPS",
    "ENSURE_META",
    "FIXUP_BATCH",
    "INCIDENT",
    "INDEX_WAIT_SECONDS",
    "NEIGHBOURS",
    "NEIGHBOUR_PATTERNS",
    "NODE_ALL",
    "NODE_GET",
    "NODE_IDS_FOUND",
    "NODE_MERGE",
    "NODE_MERGE_ONE",
    "NODE_READ_PROPS",
    "READ_VERSION",
    "SCHEMA_STATEMENTS",
    "cypher",
]

# The driver also speaks HTTP (the Query API), which has no explicit transactions: Bolt only.
BOLT_SCHEMES = frozenset(
    f"{base}{suffix}" for base in ("bolt", "neo4j") for suffix in ("", "+s", "+ssc")
)
_IDENT = re.compile(r"[A-Za-z][A-Za-z_]*")


def cypher(template: str, **names: str) -> LiteralString:
    """Fill a label or type (from the model, never from input) into a query template."""
    for name in names.values():
        if not _IDENT.fullmatch(name):  # a model constant that is no plain identifier
            raise ValueError(f"not a Cypher identifier: {name!r}")
    return cast(LiteralString, template.format(**names))


# --- schema -----------------------------------------------------------------------------------
SCHEMA_STATEMENTS: tuple[LiteralString, ...] = (
    *(
        cypher(
            "CREATE CONSTRAINT schoolnet_{L}_id IF NOT EXISTS FOR (n:{L}) REQUIRE n.id IS UNIQUE",
            L=label,
        )
        for label in NODE_LABELS
    ),
    "CREATE CONSTRAINT schoolnet_meta_key IF NOT EXISTS "
    "FOR (n:SchoolnetMeta) REQUIRE n.key IS UNIQUE",
    # Only short, typed values are indexed: a range index refuses strings over ~8 KB, and a
    # name can be anything a user typed.
    "CREATE INDEX schoolnet_event_date IF NOT EXISTS FOR (n:Event) ON (n.date)",
    "CREATE INDEX schoolnet_partnership_status IF NOT EXISTS FOR (n:Partnership) ON (n.status)",
    "CREATE INDEX schoolnet_result_year IF NOT EXISTS FOR (n:Result) ON (n.year)",
)

ENSURE_META: LiteralString = (
    "MERGE (m:SchoolnetMeta {key: 'data_version'}) "
    "ON CREATE SET m.value = 0, m.epoch = randomUUID()"
)
BUMP_VERSION: LiteralString = (
    "MERGE (m:SchoolnetMeta {key: 'data_version'}) "
    "ON CREATE SET m.epoch = randomUUID() "
    "SET m.value = coalesce(m.value, 0) + 1"
)
READ_VERSION: LiteralString = (
    "MATCH (m:SchoolnetMeta {key: 'data_version'}) RETURN m.epoch AS epoch, m.value AS value"
)
# Relationships first, then nodes, a few thousand per transaction: a DETACH DELETE of dense
# nodes drags all their relationships into one transaction's memory.
CLEAR_RELS: LiteralString = "MATCH ()-[r]->() WITH r LIMIT $limit DELETE r RETURN count(*) AS n"
CLEAR_NODES: LiteralString = (
    "MATCH (n) WHERE NOT (n:SchoolnetMeta AND n.key = 'data_version') "
    "WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS n"
)
CLEAR_LIMIT = 5000


def _list_fields(label: str) -> list[str]:
    model = NODE_MODELS[label]
    return sorted(
        name
        for name, info in model.model_fields.items()
        if typing.get_origin(info.annotation) is list
    )


# A database built by neo4j-admin (graph.neo4j_bulk) cannot hold an empty list: the tool
# stores no property for an empty array field (nor for ""). List fields of the model are never
# None, so a missing one is an empty list; the store sets them on first connection, in one pass
# over the label committed every $limit nodes (a LIMIT loop would rescan the label each time:
# minutes for a country's million teachers). Run in an auto-commit transaction.
EMPTY_LIST_FIXUPS: tuple[LiteralString, ...] = tuple(
    cypher(
        "MATCH (n:{L}) WHERE n.{F} IS NULL "
        "CALL (n) {{ SET n.{F} = [] }} IN TRANSACTIONS OF $limit ROWS",
        L=label,
        F=field,
    )
    for label in NODE_LABELS
    for field in _list_fields(label)
)

FIXUP_BATCH = 50_000
# Index population runs in the background after CREATE INDEX; a first connection waits for it.
AWAIT_INDEXES: LiteralString = "CALL db.awaitIndexes($seconds)"
INDEX_WAIT_SECONDS = 3600

# --- per-label node queries -------------------------------------------------------------------
NODE_READ_PROPS = {
    label: cypher(
        "UNWIND $ids AS id MATCH (n:{L} {{id: id}}) RETURN n.id AS id, properties(n) AS props",
        L=label,
    )
    for label in NODE_LABELS
}
NODE_MERGE = {
    label: cypher("UNWIND $rows AS row MERGE (n:{L} {{id: row.id}}) SET n = row.props", L=label)
    for label in NODE_LABELS
}
NODE_MERGE_ONE = {
    label: cypher("MERGE (n:{L} {{id: $id}}) SET n = $props", L=label) for label in NODE_LABELS
}
NODE_GET = {
    label: cypher("MATCH (n:{L} {{id: $id}}) RETURN properties(n) AS props", L=label)
    for label in NODE_LABELS
}
NODE_ALL = {
    label: cypher("MATCH (n:{L}) RETURN n.id AS id, properties(n) AS props", L=label)
    for label in NODE_LABELS
}
NODE_IDS_FOUND = {
    label: cypher("UNWIND $ids AS id MATCH (n:{L} {{id: id}}) RETURN n.id AS id", L=label)
    for label in NODE_LABELS
}
NEIGHBOUR_PATTERNS = {"out": "-[r]->", "in": "<-[r]-", "both": "-[r]-"}
NEIGHBOURS = {
    (label, direction): cypher(
        "MATCH (a:{L} {{id: $id}})" + pattern + "(b) "
        "WHERE ($type IS NULL OR type(r) = $type) AND NOT b:SchoolnetMeta "
        "RETURN DISTINCT labels(b) AS labels, b.id AS id, properties(b) AS props",
        L=label,
    )
    for label in NODE_LABELS
    for direction, pattern in NEIGHBOUR_PATTERNS.items()
}
INCIDENT = {
    label: cypher(
        "UNWIND $ids AS id MATCH (a:{L} {{id: id}})-[r]-() "
        "WITH DISTINCT r, startNode(r) AS s, endNode(r) AS e "
        "RETURN type(r) AS type, labels(s) AS sl, s.id AS si, labels(e) AS dl, e.id AS di, "
        "properties(r) AS props",
        L=label,
    )
    for label in NODE_LABELS
}
COUNT_NODES: LiteralString = cast(
    LiteralString,
    " UNION ALL ".join(
        cypher("MATCH (n:{L}) RETURN '{L}' AS key, count(n) AS n", L=label) for label in NODE_LABELS
    ),
)

# --- per-type (and endpoint labels) edge queries ----------------------------------------------
EDGE_SHAPES = [
    (etype, src, dst)
    for etype, (srcs, dsts) in EDGE_TYPES.items()
    for src in sorted(srcs)
    for dst in sorted(dsts)
]
EDGE_READ_PROPS = {
    shape: cypher(
        "UNWIND $rows AS row MATCH (a:{S} {{id: row.src}})-[r:{T}]->(b:{D} {{id: row.dst}}) "
        "RETURN a.id AS src, b.id AS dst, properties(r) AS props",
        T=shape[0],
        S=shape[1],
        D=shape[2],
    )
    for shape in EDGE_SHAPES
}
EDGE_MERGE = {
    shape: cypher(
        "UNWIND $rows AS row MATCH (a:{S} {{id: row.src}}) MATCH (b:{D} {{id: row.dst}}) "
        "MERGE (a)-[r:{T}]->(b) SET r = row.props",
        T=shape[0],
        S=shape[1],
        D=shape[2],
    )
    for shape in EDGE_SHAPES
}
EDGE_MERGE_ONE = {
    shape: cypher(
        "MATCH (a:{S} {{id: $src}}) MATCH (b:{D} {{id: $dst}}) "
        "MERGE (a)-[r:{T}]->(b) SET r = $props",
        T=shape[0],
        S=shape[1],
        D=shape[2],
    )
    for shape in EDGE_SHAPES
}
EDGE_DELETE = {
    shape: cypher(
        "UNWIND $rows AS row MATCH (a:{S} {{id: row.src}})-[r:{T}]->(b:{D} {{id: row.dst}}) "
        "DELETE r",
        T=shape[0],
        S=shape[1],
        D=shape[2],
    )
    for shape in EDGE_SHAPES
}
EDGE_ALL = {
    etype: cypher(
        "MATCH (a)-[r:{T}]->(b) "
        "RETURN labels(a) AS sl, a.id AS si, labels(b) AS dl, b.id AS di, properties(r) AS props",
        T=etype,
    )
    for etype in EDGE_TYPES
}
COUNT_EDGES: LiteralString = cast(
    LiteralString,
    " UNION ALL ".join(
        cypher("MATCH ()-[r:{T}]->() RETURN '{T}' AS key, count(r) AS n", T=etype)
        for etype in EDGE_TYPES
    ),
)
