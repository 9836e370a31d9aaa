"""The embedded store: one SQLite file (WAL mode), the source of truth for one region.

Nodes and edges live in two tables with JSON properties; named queries are SQL texts run on
them. Each thread gets its own connection, so Streamlit's script threads read concurrently
while one writer writes (``BEGIN IMMEDIATE``); a process killed mid-write leaves the last
committed state, because SQLite's journal rolls the open transaction back on next open.

Examples
--------
>>> from graph.model import School
>>> store = EmbeddedStore(":memory:")
>>> stats = store.write([School(id="1", name="СОШ №1", municipality="Озёрск")])
>>> stats.added["School"], store.get_node("School", "1").name
(1, 'СОШ №1')
>>> store.write([School(id="1", name="СОШ №1", municipality="Озёрск")]).is_noop()
True
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from graph.access import AccessRecords, AuditDraft, AuditEntry
from graph.model import Edge, Node, NodeRef, node_from_props
from graph.records import EdgeRow, NodeRow, dumps_props
from graph.sqlite_new import DIRECT_AT, absent, insert_new_edges, insert_new_nodes
from graph.sqlite_typed import ensure_typed_tables, sync_staged_edges, sync_staged_nodes
from graph.store import Direction, ImportLock, Store, StoreError, UnitOfWork, WriteStats

__all__ = ["EmbeddedStore", "dumps_props"]

# The secondary indexes of ``edges``: dropped and built again around a merge that adds at
# least _REBUILD_AT edges and at least half as many as the table already holds.
_EDGE_INDEXES = (
    ("edges_by_src", "src_label, src_id, type"),
    ("edges_by_dst", "dst_label, dst_id, type"),
)
_REBUILD_AT = 50_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS nodes (
    label TEXT NOT NULL,
    id TEXT NOT NULL,
    props TEXT NOT NULL,
    PRIMARY KEY (label, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS edges (
    type TEXT NOT NULL,
    src_label TEXT NOT NULL,
    src_id TEXT NOT NULL,
    dst_label TEXT NOT NULL,
    dst_id TEXT NOT NULL,
    props TEXT NOT NULL,
    PRIMARY KEY (type, src_label, src_id, dst_label, dst_id)
) WITHOUT ROWID;
{indexes}
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('data_version', '0');
INSERT OR IGNORE INTO meta (key, value) VALUES ('epoch', lower(hex(randomblob(8))));
INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '1');
""".replace(
    "{indexes}",
    "\n".join(f"CREATE INDEX IF NOT EXISTS {n} ON edges ({c});" for n, c in _EDGE_INDEXES),
)

_STAGING = """
CREATE TEMP TABLE IF NOT EXISTS stage_nodes (
    label TEXT NOT NULL, id TEXT NOT NULL, props TEXT NOT NULL, PRIMARY KEY (label, id)
) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS stage_edges (
    type TEXT NOT NULL, src_label TEXT NOT NULL, src_id TEXT NOT NULL,
    dst_label TEXT NOT NULL, dst_id TEXT NOT NULL, props TEXT NOT NULL,
    PRIMARY KEY (type, src_label, src_id, dst_label, dst_id)
) WITHOUT ROWID;
"""


class _SqliteUnitOfWork(UnitOfWork):
    """Writes are staged in temporary tables, then merged in SQL (fast and exact stats)."""

    def __init__(self, store: EmbeddedStore) -> None:
        self._store = store
        self._conn = store._connect()
        self._open = True
        self.stats = WriteStats()
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError("busy", detail=str(exc)) from exc

    def upsert_nodes(self, nodes: Sequence[Node]) -> None:
        if nodes:
            self._merge_nodes((n.label, n.id, dumps_props(n.props())) for n in nodes)

    def upsert_node_rows(self, rows: Sequence[NodeRow]) -> None:
        if rows:
            self._merge_nodes(rows)

    def _merge_nodes(self, rows: Iterable[NodeRow]) -> None:
        c = self._conn
        rows = rows if isinstance(rows, list) else list(rows)
        labels = {r[0] for r in rows}
        if len(rows) >= DIRECT_AT and absent(c, "nodes", "label", labels):
            insert_new_nodes(c, rows, labels, self.stats)  # all new (graph/sqlite_new.py)
            return
        c.execute("DELETE FROM temp.stage_nodes")
        c.executemany(
            "INSERT OR REPLACE INTO temp.stage_nodes (label, id, props) VALUES (?, ?, ?)", rows
        )
        self._count(
            "SELECT s.label, SUM(n.id IS NULL), SUM(n.props != s.props), SUM(n.props = s.props) "
            "FROM temp.stage_nodes s LEFT JOIN nodes n ON n.label = s.label AND n.id = s.id "
            "GROUP BY s.label"
        )
        sync_staged_nodes(c)  # the typed result tables, from the stage (graph/sqlite_typed.py)
        c.execute(
            "INSERT INTO nodes (label, id, props) SELECT label, id, props FROM temp.stage_nodes "
            "WHERE true ON CONFLICT (label, id) DO UPDATE SET props = excluded.props "
            "WHERE props != excluded.props"
        )

    def upsert_edges(self, edges: Sequence[Edge]) -> None:
        if edges:
            self._merge_edges((*e.key(), dumps_props(e.props)) for e in edges)

    def upsert_edge_rows(self, rows: Sequence[EdgeRow]) -> None:
        if rows:
            self._merge_edges(rows)

    def _merge_edges(self, rows: Iterable[EdgeRow]) -> None:
        c = self._conn
        rows = rows if isinstance(rows, list) else list(rows)
        types = {r[0] for r in rows}
        if len(rows) >= DIRECT_AT and absent(c, "edges", "type", types):
            rebuild = len(rows) >= _REBUILD_AT and len(rows) * 2 >= _count_edges(c)
            with _edge_indexes_rebuilt(c, rebuild):
                insert_new_edges(c, rows, types, self.stats)  # all new (graph/sqlite_new.py)
            return
        c.execute("DELETE FROM temp.stage_edges")
        c.executemany(
            "INSERT OR REPLACE INTO temp.stage_edges "
            "(type, src_label, src_id, dst_label, dst_id, props) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        for side in ("src", "dst"):
            missing = c.execute(
                f"SELECT DISTINCT s.{side}_label, s.{side}_id FROM temp.stage_edges s "
                f"LEFT JOIN nodes n ON n.label = s.{side}_label AND n.id = s.{side}_id "
                "WHERE n.id IS NULL LIMIT 5"
            ).fetchall()
            if missing:
                refs = ", ".join(f"{lab}:{i}" for lab, i in missing)
                raise StoreError("missing_endpoint", label="", ids=refs)
        added = self._count(
            "SELECT s.type, SUM(e.type IS NULL), SUM(e.props != s.props), SUM(e.props = s.props) "
            "FROM temp.stage_edges s LEFT JOIN edges e ON e.type = s.type "
            "AND e.src_label = s.src_label AND e.src_id = s.src_id "
            "AND e.dst_label = s.dst_label AND e.dst_id = s.dst_id GROUP BY s.type"
        )
        # Many new edges go in faster without the two indexes, built again afterwards in one
        # sorted pass (same transaction: a failure rolls the drop back too).
        rebuild = added >= _REBUILD_AT and added * 2 >= _count_edges(c)
        with _edge_indexes_rebuilt(c, rebuild):
            c.execute(
                "INSERT INTO edges (type, src_label, src_id, dst_label, dst_id, props) "
                "SELECT type, src_label, src_id, dst_label, dst_id, props FROM temp.stage_edges "
                "WHERE true ON CONFLICT (type, src_label, src_id, dst_label, dst_id) "
                "DO UPDATE SET props = excluded.props WHERE props != excluded.props"
            )
        sync_staged_edges(c)

    def _count(self, sql: str) -> int:
        """Add the staged rows' counts to the stats; how many are new."""
        total = 0
        for kind, added, changed, unchanged in self._conn.execute(sql):
            self.stats.added[kind] += added or 0
            self.stats.changed[kind] += changed or 0
            self.stats.unchanged[kind] += unchanged or 0
            total += added or 0
        return total

    def delete_edges(self, edges: Sequence[Edge]) -> None:
        self._conn.executemany(
            "DELETE FROM edges WHERE type = ? AND src_label = ? AND src_id = ? "
            "AND dst_label = ? AND dst_id = ?",
            [e.key() for e in edges],
        )

    def edges_of_type(self, type: str) -> list[Edge]:
        rows = self._conn.execute(
            "SELECT type, src_label, src_id, dst_label, dst_id, props FROM edges WHERE type = ? "
            "ORDER BY src_label, src_id, dst_label, dst_id",
            (type,),
        )
        return [_edge(row) for row in rows]

    def hold(self, lock: ImportLock | None) -> None:
        """Nothing to hold: ``BEGIN IMMEDIATE`` serialises writers, and an import (batched
        too) is one transaction here."""

    def nodes_of_label(self, label: str) -> list[Node]:
        rows = self._conn.execute(
            "SELECT id, props FROM nodes WHERE label = ? ORDER BY id", (label,)
        )
        return [node_from_props(label, id_, json.loads(props)) for id_, props in rows]

    def append_audit(self, draft: AuditDraft) -> AuditEntry:
        from graph.access_sqlite import append_in

        return append_in(self._conn, draft)

    def commit(self) -> None:
        if not self._open:
            raise StoreError("tx_closed")
        self._conn.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'"
        )
        self._conn.execute("COMMIT")
        self._open = False

    def rollback(self) -> None:
        if self._open:
            self._conn.execute("ROLLBACK")
            self._open = False


class EmbeddedStore(Store):
    """The SQLite-file store. ``path`` may be ``:memory:`` (one shared connection)."""

    backend = "embedded"

    def __init__(self, path: str | Path = "schoolnet.db") -> None:
        super().__init__()
        self.path = str(path)
        self._local = threading.local()
        self._memory_conn: sqlite3.Connection | None = None
        self._write_lock = threading.Lock()
        self._access: AccessRecords | None = None
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.exists():
                raise StoreError("no_folder", folder=str(parent))
        conn = self._connect()
        try:  # opening writes: the schema's meta rows, typed tables an older store lacks
            conn.executescript(SCHEMA)
            ensure_typed_tables(conn)
        except sqlite3.DatabaseError as exc:
            self.close()
            raise _refusal(exc, self.path) from exc

    def _connect(self) -> sqlite3.Connection:
        if self.path == ":memory:":
            if self._memory_conn is None:
                self._memory_conn = self._open_conn()
            return self._memory_conn
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._open_conn()
            self._local.conn = conn
        return conn

    def _open_conn(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self.path, timeout=30, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=OFF")
            conn.execute("PRAGMA cache_size=-65536")
            conn.execute("PRAGMA temp_store=MEMORY")
            conn.executescript(_STAGING)
        except sqlite3.DatabaseError as exc:
            raise _refusal(exc, self.path) from exc
        return conn

    # --- writes -----------------------------------------------------------------------------
    def _begin(self) -> UnitOfWork:
        return _SqliteUnitOfWork(self)

    # --- reads ------------------------------------------------------------------------------
    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        return self._connect().execute(sql, params).fetchall()

    def get_node(self, label: str, id: str) -> Node | None:
        rows = self._rows("SELECT props FROM nodes WHERE label = ? AND id = ?", (label, id))
        if not rows:
            return None
        return node_from_props(label, id, json.loads(rows[0][0]))

    def iter_nodes(self, label: str | None = None) -> Iterator[Node]:
        if label is None:
            cur = self._connect().execute("SELECT label, id, props FROM nodes ORDER BY label, id")
        else:
            cur = self._connect().execute(
                "SELECT label, id, props FROM nodes WHERE label = ? ORDER BY id", (label,)
            )
        for lab, id_, props in cur:
            yield node_from_props(lab, id_, json.loads(props))

    def iter_edges(self, type: str | None = None) -> Iterator[Edge]:
        sql = "SELECT type, src_label, src_id, dst_label, dst_id, props FROM edges"
        params: tuple[Any, ...] = ()
        if type is not None:
            sql += " WHERE type = ?"
            params = (type,)
        sql += " ORDER BY type, src_label, src_id, dst_label, dst_id"
        for row in self._connect().execute(sql, params):
            yield _edge(row)

    def neighbours(
        self, ref: NodeRef, edge_type: str | None = None, direction: Direction = "both"
    ) -> list[Node]:
        parts = []
        params: list[Any] = []
        tfilter = "" if edge_type is None else " AND e.type = ?"
        if direction in ("out", "both"):
            parts.append(
                "SELECT n.label, n.id, n.props FROM edges e JOIN nodes n "
                "ON n.label = e.dst_label AND n.id = e.dst_id "
                f"WHERE e.src_label = ? AND e.src_id = ?{tfilter}"
            )
            params += [ref.label, ref.id] + ([edge_type] if edge_type else [])
        if direction in ("in", "both"):
            parts.append(
                "SELECT n.label, n.id, n.props FROM edges e JOIN nodes n "
                "ON n.label = e.src_label AND n.id = e.src_id "
                f"WHERE e.dst_label = ? AND e.dst_id = ?{tfilter}"
            )
            params += [ref.label, ref.id] + ([edge_type] if edge_type else [])
        sql = " UNION ".join(parts) + " ORDER BY 1, 2"
        return [node_from_props(lab, i, json.loads(p)) for lab, i, p in self._rows(sql, params)]

    def incident_edges(self, refs: Iterable[NodeRef]) -> list[Edge]:
        out: dict[tuple[str, ...], Edge] = {}
        ref_list = list(refs)
        conn = self._connect()
        for r in ref_list:
            for row in conn.execute(
                "SELECT type, src_label, src_id, dst_label, dst_id, props FROM edges "
                "WHERE (src_label = ? AND src_id = ?) OR (dst_label = ? AND dst_id = ?)",
                (r.label, r.id, r.label, r.id),
            ):
                out[tuple(row[:5])] = _edge(row)
        return [out[k] for k in sorted(out)]

    def count_nodes(self) -> dict[str, int]:
        return dict(self._rows("SELECT label, COUNT(*) FROM nodes GROUP BY label ORDER BY label"))

    def count_edges(self) -> dict[str, int]:
        return dict(self._rows("SELECT type, COUNT(*) FROM edges GROUP BY type ORDER BY type"))

    def data_version(self) -> str:
        # The epoch tells apart two files that reach the same count (a database deleted and
        # loaded anew), so caches kept beside the file never serve the old one's answers.
        rows = dict(
            self._rows("SELECT key, value FROM meta WHERE key IN ('data_version', 'epoch')")
        )
        return f"embedded:{self.path}:{rows.get('epoch', '-')}:{rows['data_version']}"

    def cache_dir(self) -> Path | None:
        """``<database file>.cache`` beside the file (an in-memory store keeps nothing)."""
        return None if self.path == ":memory:" else Path(self.path + ".cache")

    def query(self, name: str, **params: Any) -> list[dict[str, Any]]:
        from queries import get_query

        q = get_query(name)
        cur = self._connect().execute(q.sql, _sql_params(q.bind(params)))
        cols = [c[0] for c in cur.description]
        rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        return q.normalise(rows, json_text=True)

    def query_frame(self, name: str, **params: Any) -> pd.DataFrame:
        """The answer column by column: rows are fetched once, each column typed once.

        A query with a star read (``results``: graph/sqlite_typed.py) fetches its facts and
        the small table of repeated columns, and joins them in NumPy. (ADBC's SQLite driver
        would fill Arrow arrays directly, but it links its own SQLite library: two SQLite
        libraries on one WAL file in one process do not see each other's locks, and the app
        got ``disk I/O error`` from it. One library per process it is.)
        """
        from queries import get_query
        from queries.frames import empty_frame, star_frame, typed_frame

        q = get_query(name)
        bound = _sql_params(q.bind(params))
        conn = self._connect()
        if q.star is None:
            answer = _columns(conn, q.sql, bound)
            return empty_frame(q) if answer is None else typed_frame(q, answer)
        snapshot = not conn.in_transaction  # facts and kinds from one committed state
        if snapshot:
            conn.execute("BEGIN")
        try:
            facts = _columns(conn, q.star.facts_sql, bound)
            dims = None if facts is None else _columns(conn, q.star.dims_sql, {})
        finally:
            if snapshot:
                conn.execute("COMMIT")
        if facts is None or dims is None:
            return empty_frame(q)
        return star_frame(q, facts, dims, q.star.key)

    def access(self) -> AccessRecords:
        if self._access is None:
            from graph.access_sqlite import SqliteAccessRecords

            self._access = SqliteAccessRecords(self._connect)
        return self._access

    def checkpoint(self) -> None:
        """Fold the WAL into the main file (used before copying or hashing the file)."""
        self._connect().execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
        if self._memory_conn is not None:
            self._memory_conn.close()
            self._memory_conn = None


def _count_edges(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM edges").fetchone()[0])


@contextmanager
def _edge_indexes_rebuilt(conn: sqlite3.Connection, rebuild: bool) -> Iterator[None]:
    """Without the secondary edge indexes inside the block, built again after it (in one
    sorted pass each: many new edges go in faster so). The caller's transaction rolls the
    drop back too if the block fails."""
    if rebuild:
        for name, _ in _EDGE_INDEXES:
            conn.execute(f"DROP INDEX {name}")
    yield
    if rebuild:
        for name, columns in _EDGE_INDEXES:
            conn.execute(f"CREATE INDEX {name} ON edges ({columns})")


def _refusal(exc: sqlite3.DatabaseError, path: str) -> StoreError:
    """Why the file at ``path`` does not open as a store, naming the file alone (never the
    server's folder): read-only (SQLite's ``SQLITE_READONLY*``), not a database, or else."""
    code, name = getattr(exc, "sqlite_errorname", ""), Path(path).name
    if code.startswith("SQLITE_READONLY"):
        return StoreError("read_only", name=name)
    if code == "SQLITE_NOTADB":
        return StoreError("not_a_database", name=name)
    return StoreError("cannot_open", name=name, detail=str(exc))


def _sql_params(bound: dict[str, Any]) -> dict[str, Any]:
    return {
        k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list | tuple) else v)
        for k, v in bound.items()
    }


def _columns(conn: sqlite3.Connection, sql: str, params: dict[str, Any]) -> pd.DataFrame | None:
    """The answer as a frame of object columns (None when empty), transposed in C."""
    cur = conn.execute(sql, params)
    names = [c[0] for c in cur.description]
    rows = cur.fetchall()
    if not rows:
        return None
    # SQLite values are scalars (str, int, float, bytes, None): no nesting for NumPy to unpack.
    table = np.array(rows, dtype=object).reshape(len(rows), len(names))
    return pd.DataFrame({n: table[:, i] for i, n in enumerate(names)}, copy=False)


def _edge(row: Sequence[Any]) -> Edge:
    t, sl, si, dl, di, props = row
    # Stored edges were validated when written.
    return Edge.unchecked(t, NodeRef(sl, si), NodeRef(dl, di), json.loads(props))
