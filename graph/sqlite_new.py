"""Rows of labels (edge types) the embedded store does not hold yet: written without a stage.

The unit of work (:mod:`graph.embedded`) merges a batch through a temporary stage, so that it
can count what is new, changed or unchanged against the stored rows. When none of a large
batch's labels (or edge types) is stored yet, every row is new: the batch goes straight into
``nodes``/``edges`` (a repeated key keeps its last row, as the stage does), the counts are the
rows stored afterwards, and the typed result tables (:mod:`graph.sqlite_typed`) are filled
from the new rows. A first import of a region is one such batch per kind of row; it saves
writing a million rows twice.

Examples
--------
>>> import sqlite3
>>> from graph.store import WriteStats
>>> conn = sqlite3.connect(":memory:", isolation_level=None)
>>> _ = conn.execute("CREATE TABLE nodes (label, id, props, PRIMARY KEY (label, id))")
>>> rows = [("Teacher", "T1", "{}"), ("Teacher", "T1", '{"a":1}'), ("Teacher", "T2", "{}")]
>>> absent(conn, "nodes", "label", {"Teacher"})
True
>>> stats = WriteStats()
>>> insert_new_nodes(conn, rows, {"Teacher"}, stats)
>>> stats.added["Teacher"], conn.execute("SELECT props FROM nodes WHERE id = 'T1'").fetchone()
(2, ('{"a":1}',))
>>> absent(conn, "nodes", "label", {"Teacher", "School"})
False
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from graph.records import EdgeRow, NodeRow
from graph.sqlite_typed import sync_new_edges, sync_new_nodes
from graph.store import StoreError, WriteStats

__all__ = ["DIRECT_AT", "absent", "insert_new_edges", "insert_new_nodes"]

# Smaller batches go through the stage: the direct path pays off on many rows.
DIRECT_AT = 10_000

_EDGE_KEY = "type, src_label, src_id, dst_label, dst_id"


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def absent(conn: sqlite3.Connection, table: str, column: str, kinds: set[str]) -> bool:
    """Whether ``table`` holds no row whose ``column`` (its key's first column) is in ``kinds``."""
    sql = f"SELECT 1 FROM {table} WHERE {column} IN ({_marks(len(kinds))}) LIMIT 1"
    return conn.execute(sql, sorted(kinds)).fetchone() is None


def _count(
    conn: sqlite3.Connection, table: str, column: str, kinds: set[str], stats: WriteStats
) -> None:
    sql = (
        f"SELECT {column}, COUNT(*) FROM {table} WHERE {column} IN ({_marks(len(kinds))}) "
        f"GROUP BY {column}"
    )
    for kind, n in conn.execute(sql, sorted(kinds)):
        stats.added[kind] += n
        stats.changed[kind] += 0  # the stage's counts name every kind it saw
        stats.unchanged[kind] += 0


def insert_new_nodes(
    conn: sqlite3.Connection, rows: Sequence[NodeRow], labels: set[str], stats: WriteStats
) -> None:
    """Write node rows of labels :func:`absent` from ``nodes`` (inside the caller's tx)."""
    conn.executemany(
        "INSERT INTO nodes (label, id, props) VALUES (?, ?, ?) "
        "ON CONFLICT (label, id) DO UPDATE SET props = excluded.props",
        rows,
    )
    _count(conn, "nodes", "label", labels, stats)
    if "Result" in labels:
        sync_new_nodes(conn)


def insert_new_edges(
    conn: sqlite3.Connection, rows: Sequence[EdgeRow], types: set[str], stats: WriteStats
) -> None:
    """Write edge rows of types :func:`absent` from ``edges`` (inside the caller's tx);
    raise ``missing_endpoint`` (the caller rolls back) when an end is not stored."""
    conn.executemany(
        f"INSERT INTO edges ({_EDGE_KEY}, props) VALUES (?, ?, ?, ?, ?, ?) "
        f"ON CONFLICT ({_EDGE_KEY}) DO UPDATE SET props = excluded.props",
        rows,
    )
    kinds = sorted(types)
    for side in ("src", "dst"):
        missing = conn.execute(
            f"SELECT DISTINCT e.{side}_label, e.{side}_id FROM edges e "
            f"LEFT JOIN nodes n ON n.label = e.{side}_label AND n.id = e.{side}_id "
            f"WHERE e.type IN ({_marks(len(kinds))}) AND n.id IS NULL LIMIT 5",
            kinds,
        ).fetchall()
        if missing:
            refs = ", ".join(f"{lab}:{i}" for lab, i in missing)
            raise StoreError("missing_endpoint", label="", ids=refs)
    _count(conn, "edges", "type", types, stats)
    if "HAS_RESULT" in types:
        sync_new_edges(conn)
