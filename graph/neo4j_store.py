"""The Neo4j store: the shared server for a region or the whole country (Neo4j 5.x).

Nodes are stored with their label and the properties ``Node.props()`` gives plus ``id``
(lists as lists, dates as ISO strings), so ``node_from_props`` rebuilds them unchanged; edges
are relationships of the edge type with their properties. A unique constraint on ``id`` per
label is created idempotently when the store opens.

Cypher is only ever literal text with ``$parameters``. Labels and relationship types cannot be
parameters, so every query that needs one is generated once, at import time, from
``graph.model.NODE_LABELS`` / ``EDGE_TYPES`` into a fixed dictionary: no query text is ever
built from input.

Three ways to write:

- ``unit_of_work()``: one explicit transaction (an import of a region); it rolls back unless
  ``commit()`` is called, so the import is all-or-nothing.
- ``write()`` / ``delete()``: small app writes, run as retryable transaction functions
  (``session.execute_write``); they are idempotent (``MERGE`` … ``SET n = row.props``).
- ``write_batched()``: a country-sized load committed batch by batch. It is *not*
  all-or-nothing: a failure leaves the batches before it committed. Every batch is an
  idempotent ``MERGE``, so rerunning the same load after a failure completes it safely
  (already-written rows count as unchanged).

Sizing: a transaction holds its changes in the server's transaction memory, about 3 KB per
node and 1.6 KB per relationship written (Neo4j 5.26). The ``region`` demo (about 400,000 nodes
and 580,000 relationships) in one unit of work needs ``db.memory.transaction.total.max`` of
about 2.5 GB (and a heap to match); a server with less refuses it with a StoreError that says
so, and ``write_batched`` loads it in 5,000-row transactions instead.

Every committed write increments the counter node ``(:SchoolnetMeta {key: 'data_version'})``;
``data_version()`` reads it (with a random epoch, so a database wiped from outside never
reuses an old token). The meta label is invisible to every read of the interface.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, LiteralString, cast

import pandas as pd
from neo4j import Driver, GraphDatabase, RoutingControl, Session
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph import neo4j_lock
from graph.access import AccessRecords, AuditDraft, AuditEntry
from graph.model import EDGE_TYPES, NODE_LABELS, Edge, Node, NodeRef, node_from_props
from graph.neo4j_cypher import (
    AWAIT_INDEXES,
    BOLT_SCHEMES,
    COUNT_EDGES,
    COUNT_NODES,
    EDGE_ALL,
    EMPTY_LIST_FIXUPS,
    ENSURE_META,
    FIXUP_BATCH,
    INCIDENT,
    INDEX_WAIT_SECONDS,
    NEIGHBOURS,
    NODE_ALL,
    NODE_GET,
    READ_VERSION,
    SCHEMA_STATEMENTS,
)
from graph.neo4j_writes import (
    bump_version,
    chunks,
    delete_edges,
    label_of,
    upsert_edges,
    upsert_nodes,
    without_id,
)
from graph.secrets import mask_text, mask_uri
from graph.store import Direction, ImportLock, Store, StoreError, UnitOfWork, WriteStats

_IDENT = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


@functools.cache
def columnar_cypher(name: str, text: LiteralString, columns: tuple[str, ...]) -> LiteralString:
    """A named query's Cypher wrapped to return all its rows at once, column by column.

    One record: a list per column, in the query's own row order (the rows are collected
    once, then each column taken out of them: ``collect`` of a column alone would drop its
    nulls). ``columns`` are the query's declared column names (code, never input).
    """
    for col in columns:
        if not _IDENT.fullmatch(col):
            raise ValueError(f"{name}: not a Cypher identifier: {col!r}")
    taken = ", ".join(f"[row IN rows | row[{i}]] AS {col}" for i, col in enumerate(columns))
    wrapped = (
        "CALL () {\n" + text + "\n}\nWITH collect([" + ", ".join(columns) + "]) AS rows\n"
        "RETURN " + taken
    )
    return cast(LiteralString, wrapped)


__all__ = ["DEFAULT_BATCH_SIZE", "META_LABEL", "SCHEMA_STATEMENTS", "Neo4jStore"]

DEFAULT_BATCH_SIZE = 5000
META_LABEL = "SchoolnetMeta"


def _edges_from(etype: str, records: Iterable[Any]) -> list[Edge]:
    """Edges of one type from ``EDGE_ALL`` records, sorted by their ends."""
    found = []
    for r in records:
        sl, dl = label_of(r["sl"]), label_of(r["dl"])
        if sl is not None and dl is not None:
            found.append(((sl, r["si"], dl, r["di"]), r["props"]))
    found.sort(key=lambda x: x[0])
    return [
        Edge(type=etype, src=NodeRef(sl, si), dst=NodeRef(dl, di), props=props)
        for (sl, si, dl, di), props in found
    ]


class _Neo4jUnitOfWork(UnitOfWork):
    """One explicit transaction; ``rollback()`` (always called on leaving) undoes it unless
    ``commit()`` came first."""

    def __init__(self, store: Neo4jStore) -> None:
        self._store = store
        self.stats = WriteStats()
        with store._errors():
            self._session = store._session()
            try:
                self._tx = self._session.begin_transaction()
                # Lock the version node first: writers queue here, so each one reads (and plans
                # from) what the one before it committed. Neo4j alone would let two
                # transactions read the same edges and both add theirs.
                bump_version(self._tx)
            except BaseException:
                self._session.close()
                raise
        self._open = True

    def upsert_nodes(self, nodes: Sequence[Node]) -> None:
        with self._store._errors():
            upsert_nodes(self._tx, nodes, self._store.batch_size, self.stats)

    def upsert_edges(self, edges: Sequence[Edge]) -> None:
        with self._store._errors():
            upsert_edges(self._tx, edges, self._store.batch_size, self.stats)

    def delete_edges(self, edges: Sequence[Edge]) -> None:
        with self._store._errors():
            delete_edges(self._tx, edges, self._store.batch_size)

    def edges_of_type(self, type: str) -> list[Edge]:
        query = EDGE_ALL.get(type)
        if query is None:
            return []
        with self._store._errors():
            records = list(self._tx.run(query))
        return _edges_from(type, records)

    def hold(self, lock: ImportLock | None) -> None:
        if lock is not None:
            with self._store._errors():
                neo4j_lock.hold(self._tx, lock)

    def nodes_of_label(self, label: str) -> list[Node]:
        query = NODE_ALL.get(label)
        if query is None:
            return []
        with self._store._errors():
            rows = sorted((r["id"], r["props"]) for r in self._tx.run(query))
        return [node_from_props(label, id_, without_id(props)) for id_, props in rows]

    def append_audit(self, draft: AuditDraft) -> AuditEntry:
        from graph.access_neo4j import append_in

        with self._store._errors():
            return append_in(self._tx, draft)

    def commit(self) -> None:
        if not self._open:
            raise StoreError("tx_closed")
        try:
            with self._store._errors():
                self._tx.commit()
        finally:
            self._open = False
            self._session.close()

    def rollback(self) -> None:
        if not self._open:
            return
        self._open = False
        try:
            if not self._tx.closed():
                self._tx.rollback()
        except (DriverError, Neo4jError):
            pass  # the server already dropped it: nothing was committed either way
        finally:
            self._session.close()


class Neo4jStore(Store):
    """The store on a Neo4j 5.x server (``bolt://``, ``neo4j://`` or their ``+s`` forms).

    Parameters
    ----------
    uri, user, password
        Where and as whom to connect; ``user=None`` connects without authentication (a server
        with auth disabled).
    database
        The database every query runs in (always passed explicitly).
    batch_size
        Rows per ``UNWIND`` statement (and per commit in ``write_batched``).

    Raises
    ------
    StoreError
        In Russian, without a traceback's worth of driver detail, when the server cannot be
        reached or refuses the credentials.
    """

    backend = "neo4j"
    batches_commit = True

    def __init__(
        self,
        uri: str,
        user: str | None = "neo4j",
        password: str | None = None,
        database: str = "neo4j",
        batch_size: int = DEFAULT_BATCH_SIZE,
        connection_timeout: float = 10.0,
    ) -> None:
        super().__init__()
        if batch_size < 1:
            raise StoreError("neo4j.batch_size")
        self.uri = mask_uri(uri)  # as shown in messages and versions: never the password
        self.database = database
        self.batch_size = batch_size
        self._access: AccessRecords | None = None
        scheme = uri.partition("://")[0]
        if scheme not in BOLT_SCHEMES or "://" not in uri:
            raise StoreError("neo4j.bad_scheme", uri=self.uri)
        if self.uri != uri:
            # The driver refuses userinfo in a URI (and would echo it back): say what to do.
            raise StoreError("neo4j.userinfo", uri=self.uri)
        auth = None if user is None else (user, password or "")
        with self._errors():
            try:
                # Notifications (e.g. "relationship type does not exist yet" while counting an
                # empty database) are for query authors, not for users' logs.
                self._driver: Driver = GraphDatabase.driver(
                    uri,
                    auth=auth,
                    connection_timeout=connection_timeout,
                    notifications_min_severity="OFF",
                )
            except (ConfigurationError, ValueError) as exc:
                error = mask_text(str(exc), uri, password)
                raise StoreError("neo4j.bad_uri", uri=self.uri, detail=error) from None
            try:
                self._driver.verify_connectivity()
                self.ensure_schema()
            except ValueError as exc:  # e.g. a port that is no number
                self._driver.close()
                error = mask_text(str(exc), uri, password)
                raise StoreError("neo4j.bad_uri", uri=self.uri, detail=error) from None
            except BaseException:
                self._driver.close()
                raise

    # --- plumbing -----------------------------------------------------------------------------
    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn driver failures into StoreError with a message a user can act on."""
        try:
            yield
        except StoreError:
            raise
        except AuthError:
            raise StoreError("neo4j.auth", uri=self.uri) from None
        except (ServiceUnavailable, SessionExpired):
            raise StoreError("neo4j.unavailable", uri=self.uri) from None
        except Neo4jError as exc:
            if "MemoryPoolOutOfMemoryError" in (exc.code or ""):
                raise StoreError("neo4j.tx_memory", detail=exc.message) from exc
            raise StoreError("neo4j.server", code=exc.code, detail=exc.message) from exc
        except DriverError as exc:
            raise StoreError("neo4j.driver", detail=str(exc)) from exc

    def _session(self) -> Session:
        # Sharing execute_query's bookmark manager makes reads see every committed write,
        # also on a cluster.
        return self._driver.session(
            database=self.database,
            bookmark_manager=self._driver.execute_query_bookmark_manager,
        )

    def _read(self, query: LiteralString, params: dict[str, Any] | None = None) -> list[Any]:
        with self._errors():
            records, _, _ = self._driver.execute_query(
                query, params or {}, database_=self.database, routing_=RoutingControl.READ
            )
        return list(records)

    def _write_auto(self, query: LiteralString) -> None:
        with self._errors():
            self._driver.execute_query(
                query, database_=self.database, routing_=RoutingControl.WRITE
            )

    def ensure_schema(self) -> None:
        """Create the constraints, indexes and the version counter if missing (idempotent).

        A database without the counter was never written through this store (new, or built by
        ``neo4j-admin database import full``): its missing list properties become empty lists.
        """

        with self._errors():
            for stmt in SCHEMA_STATEMENTS:
                self._write_auto(stmt)
            first = not self._read(READ_VERSION)
            if first:
                with self._session() as session:
                    for query in EMPTY_LIST_FIXUPS:
                        session.run(query, {"limit": FIXUP_BATCH}).consume()
                    # Ready for the app: the indexes built above are online before it reads.
                    session.run(AWAIT_INDEXES, {"seconds": INDEX_WAIT_SECONDS}).consume()
            self._write_auto(ENSURE_META)

    # --- writes -------------------------------------------------------------------------------
    def _begin(self) -> UnitOfWork:
        return _Neo4jUnitOfWork(self)

    def write(self, nodes: Sequence[Node] = (), edges: Sequence[Edge] = ()) -> WriteStats:
        """Upsert nodes then edges in one retryable transaction (all-or-nothing)."""
        if self.open_change() is not None:
            return super().write(nodes, edges)  # joins the audited change's transaction

        def work(tx: Any) -> WriteStats:
            stats = WriteStats()  # fresh on every retry
            bump_version(tx)  # the writers' lock first (see _Neo4jUnitOfWork)
            upsert_nodes(tx, nodes, self.batch_size, stats)
            upsert_edges(tx, edges, self.batch_size, stats)
            return stats

        with self._errors(), self._session() as session:
            return session.execute_write(work)

    def delete(self, edges: Sequence[Edge]) -> None:
        if self.open_change() is not None:
            super().delete(edges)
            return

        def work(tx: Any) -> None:
            bump_version(tx)
            delete_edges(tx, edges, self.batch_size)

        with self._errors(), self._session() as session:
            session.execute_write(work)

    def write_batched(
        self,
        nodes: Sequence[Node] = (),
        edges: Sequence[Edge] = (),
        batch_size: int | None = None,
        lock: ImportLock | None = None,
    ) -> WriteStats:
        """Country-sized load: every batch of ``batch_size`` rows is its own committed,
        retryable transaction.

        Not all-or-nothing: when it fails (server gone, an edge whose endpoint is missing),
        the batches before the failure stay committed. Each batch is an idempotent ``MERGE``,
        so rerunning the same call completes the load; rows already written then count as
        unchanged. Its batches cannot join an audited change (they commit on their own, and
        the change's transaction would hold the version node they each lock first).
        With ``lock`` (:meth:`import_lock`) every batch checks and renews it after the
        version-node lock, and the load stops (``import_lock_lost``) if another import took it.
        """
        if self.open_change() is not None:
            raise RuntimeError("write_batched commits its own batches: not inside audited()")
        size = batch_size or self.batch_size
        total = WriteStats()

        def nodes_batch(tx: Any, chunk: Sequence[Node]) -> WriteStats:
            stats = WriteStats()
            bump_version(tx)
            if lock is not None:
                neo4j_lock.hold(tx, lock)
            upsert_nodes(tx, chunk, size, stats)
            return stats

        def edges_batch(tx: Any, chunk: Sequence[Edge]) -> WriteStats:
            stats = WriteStats()
            bump_version(tx)
            if lock is not None:
                neo4j_lock.hold(tx, lock)
            upsert_edges(tx, chunk, size, stats)
            return stats

        with self._errors(), self._session() as session:
            for node_chunk in chunks(nodes, size):
                total.merge(session.execute_write(nodes_batch, node_chunk))
            for edge_chunk in chunks(edges, size):
                total.merge(session.execute_write(edges_batch, edge_chunk))
        return total

    @contextmanager
    def import_lock(self) -> Iterator[ImportLock | None]:
        """The lease of :mod:`graph.neo4j_lock`: waits while another import holds it."""
        with self._errors(), self._session() as session:
            lock = neo4j_lock.acquire(session)
        try:
            yield lock
        finally:
            # Not given back (server gone): it expires by itself.
            with contextlib.suppress(StoreError), self._errors(), self._session() as session:
                neo4j_lock.release(session, lock)

    # --- reads --------------------------------------------------------------------------------
    def get_node(self, label: str, id: str) -> Node | None:
        query = NODE_GET.get(label)
        if query is None:
            return None
        rows = self._read(query, {"id": id})
        if not rows:
            return None
        return node_from_props(label, id, without_id(rows[0]["props"]))

    def iter_nodes(self, label: str | None = None) -> Iterator[Node]:
        labels = sorted(NODE_LABELS) if label is None else [label]
        for lab in labels:
            query = NODE_ALL.get(lab)
            if query is None:
                continue
            rows = sorted(((r["id"], r["props"]) for r in self._read(query)), key=lambda x: x[0])
            for id_, props in rows:
                yield node_from_props(lab, id_, without_id(props))

    def iter_edges(self, type: str | None = None) -> Iterator[Edge]:
        types = sorted(EDGE_TYPES) if type is None else [type]
        for etype in types:
            query = EDGE_ALL.get(etype)
            if query is None:
                continue
            found = []
            for r in self._read(query):
                sl, dl = label_of(r["sl"]), label_of(r["dl"])
                if sl is not None and dl is not None:
                    found.append(((sl, r["si"], dl, r["di"]), r["props"]))
            found.sort(key=lambda x: x[0])
            for (sl, si, dl, di), props in found:
                yield Edge(type=etype, src=NodeRef(sl, si), dst=NodeRef(dl, di), props=props)

    def neighbours(
        self, ref: NodeRef, edge_type: str | None = None, direction: Direction = "both"
    ) -> list[Node]:
        query = NEIGHBOURS.get((ref.label, direction))
        if query is None:
            return []
        out: dict[NodeRef, Node] = {}
        for r in self._read(query, {"id": ref.id, "type": edge_type}):
            label = label_of(r["labels"])
            if label is not None:
                out[NodeRef(label, r["id"])] = node_from_props(
                    label, r["id"], without_id(r["props"])
                )
        return [out[k] for k in sorted(out)]

    def incident_edges(self, refs: Iterable[NodeRef]) -> list[Edge]:
        by_label: dict[str, set[str]] = {}
        for ref in refs:
            by_label.setdefault(ref.label, set()).add(ref.id)
        out: dict[tuple[str, ...], Edge] = {}
        for label, ids in by_label.items():
            query = INCIDENT.get(label)
            if query is None:
                continue
            for part in chunks(sorted(ids), self.batch_size):
                for r in self._read(query, {"ids": list(part)}):
                    sl, dl = label_of(r["sl"]), label_of(r["dl"])
                    if r["type"] not in EDGE_TYPES or sl is None or dl is None:
                        continue
                    e = Edge(
                        type=r["type"],
                        src=NodeRef(sl, r["si"]),
                        dst=NodeRef(dl, r["di"]),
                        props=r["props"],
                    )
                    out[e.key()] = e
        return [out[k] for k in sorted(out)]

    def count_nodes(self) -> dict[str, int]:
        counts = {r["key"]: r["n"] for r in self._read(COUNT_NODES) if r["n"]}
        return dict(sorted(counts.items()))

    def count_edges(self) -> dict[str, int]:
        counts = {r["key"]: r["n"] for r in self._read(COUNT_EDGES) if r["n"]}
        return dict(sorted(counts.items()))

    def data_version(self) -> str:
        rows = self._read(READ_VERSION)
        epoch, value = (rows[0]["epoch"], rows[0]["value"]) if rows else ("-", 0)
        return f"neo4j:{self.uri}/{self.database}:{epoch}:{value}"

    def cache_dir(self) -> Path | None:
        """A folder per server and database under ``SCHOOLNET_RESULT_CACHE``.

        (default ``~/.cache/schoolnet/results``); the version's epoch tells databases apart.
        """
        root = os.environ.get("SCHOOLNET_RESULT_CACHE", "")
        if not root or root.lower() == "off":
            root = str(Path.home() / ".cache" / "schoolnet" / "results")
        name = hashlib.sha256(f"{self.uri}/{self.database}".encode()).hexdigest()[:16]
        return Path(root) / f"neo4j-{name}"

    def query(self, name: str, **params: Any) -> list[dict[str, Any]]:
        from queries import get_query

        q = get_query(name)
        rows = self._read(q.cypher, q.bind(params))
        return q.normalise([dict(r) for r in rows])

    def query_frame(self, name: str, **params: Any) -> pd.DataFrame:
        """The answer as one record holding a list per column, typed column by column.

        Streaming a record per row costs the server and the driver far more than a few long
        lists (decoded in bulk by the driver's Rust extension when installed), and a list per
        column becomes a pandas column without a Python object per row.
        """
        from queries import get_query
        from queries.frames import empty_frame, typed_frame

        q = get_query(name)
        cols = tuple(q.column_names)
        records = self._read(columnar_cypher(q.name, q.cypher, cols), q.bind(params))
        if not records or not records[0][cols[0]]:
            return empty_frame(q)
        answer = records[0]
        return typed_frame(q, pd.DataFrame({c: pd.Series(answer[c], dtype=object) for c in cols}))

    def access(self) -> AccessRecords:
        if self._access is None:
            from graph.access_neo4j import Neo4jAccessRecords

            self._access = Neo4jAccessRecords(self._driver, self.database, self._errors)
        return self._access

    def close(self) -> None:
        self._driver.close()
