"""The one store interface both backends implement (embedded SQLite and Neo4j).

Writes go through a unit of work that rolls back unless ``commit()`` is called, so an import is
all-or-nothing. Reads are typed (``get_node``, ``neighbours``, ``subgraph``) or named queries
(``query``), whose texts live in :mod:`queries`.
"""

from __future__ import annotations

import abc
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from graph.access import AccessRecords, AuditDraft, AuditEntry
from graph.model import Edge, Node, NodeRef
from graph.records import EdgeRow, NodeRow, edge_of_row, node_of_row
from labels.errors import CodedError

if TYPE_CHECKING:
    import networkx as nx

    from graph.audited import AuditedChange

__all__ = [
    "Direction",
    "Store",
    "StoreError",
    "Subgraph",
    "UnitOfWork",
    "WriteStats",
]

Direction = Literal["out", "in", "both"]


class StoreError(CodedError):
    """A storage problem the user can act on: a code and its parameters.

    The code names a message ``store.<code>`` of :mod:`labels`; ``str()`` renders it in the
    active language when it is shown (CLI, app), so this layer writes no sentence itself.

    >>> str(StoreError("tx_closed"))
    'транзакция уже завершена'
    """

    area = "store"


@dataclass(frozen=True)
class ImportLock:
    """A hold on a store's import lock (see :meth:`Store.import_lock`)."""

    token: str


@dataclass
class WriteStats:
    """What a write did, per node label or edge type."""

    added: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    def merge(self, other: WriteStats) -> None:
        self.added.update(other.added)
        self.changed.update(other.changed)
        self.unchanged.update(other.unchanged)

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_changed(self) -> int:
        return sum(self.changed.values())

    def is_noop(self) -> bool:
        return self.total_added == 0 and self.total_changed == 0


@dataclass
class Subgraph:
    """Nodes and edges around a node, capped at a node limit."""

    nodes: list[Node]
    edges: list[Edge]
    truncated: bool = False


class UnitOfWork(abc.ABC):
    """A write transaction: nothing is visible to readers before ``commit()``.

    Leaving the ``with`` block without ``commit()`` (or with an exception) rolls back.
    """

    stats: WriteStats

    @abc.abstractmethod
    def upsert_nodes(self, nodes: Sequence[Node]) -> None:
        """Insert or replace nodes by (label, id); identical nodes count as unchanged."""

    @abc.abstractmethod
    def upsert_edges(self, edges: Sequence[Edge]) -> None:
        """Insert or replace edges by (type, src, dst); endpoints must exist."""

    def upsert_node_rows(self, rows: Sequence[NodeRow]) -> None:
        """Nodes already validated, as ``(label, id, canonical JSON of the properties)``.

        The bulk path of an import (no object per row); a backend without a faster way
        writes them as objects.
        """
        self.upsert_nodes([node_of_row(r) for r in rows])

    def upsert_edge_rows(self, rows: Sequence[EdgeRow]) -> None:
        """Edges already validated, as ``(type, src label, src id, dst label, dst id, JSON)``."""
        self.upsert_edges([edge_of_row(r) for r in rows])

    @abc.abstractmethod
    def delete_edges(self, edges: Sequence[Edge]) -> None:
        """Remove edges by (type, src, dst); missing ones are ignored."""

    @abc.abstractmethod
    def edges_of_type(self, type: str) -> list[Edge]:
        """The edges of one type as this transaction sees them (its own writes included).

        Writers are serialised (the embedded store's ``BEGIN IMMEDIATE``, Neo4j's lock on the
        version node taken first), so what is read here cannot change before ``commit()``:
        a plan computed from it is the plan of one of the serial orders.
        """

    @abc.abstractmethod
    def hold(self, lock: ImportLock | None) -> None:
        """Inside this transaction, make sure the import lock is still held (and renew it).

        Raises ``StoreError("import_lock_lost")`` when another import took it meanwhile. A
        store whose imports are single transactions has nothing to check.
        """

    @abc.abstractmethod
    def nodes_of_label(self, label: str) -> list[Node]:
        """The nodes of one label as this transaction sees them (sorted by id); serialised like
        :meth:`edges_of_type`."""

    @abc.abstractmethod
    def append_audit(self, draft: AuditDraft) -> AuditEntry:
        """Append an audit entry inside this transaction: it commits or rolls back with the
        change it records (the store's :meth:`Store.access` must have been opened before)."""

    @abc.abstractmethod
    def commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...


class Store(abc.ABC):
    """Storage of the schoolnet graph."""

    backend: str = "abstract"
    #: ``write_batched`` commits batch by batch (so it cannot join an audited change).
    batches_commit: bool = False

    def __init__(self) -> None:
        self._nx_lock = threading.Lock()
        self._nx_cache: tuple[str, nx.MultiDiGraph] | None = None
        self._ambient = threading.local()  # the calling thread's open AuditedChange, if any

    # --- writes -----------------------------------------------------------------------------
    @abc.abstractmethod
    def _begin(self) -> UnitOfWork: ...

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """Open a write transaction; it rolls back unless committed inside the block.

        Inside :meth:`audited` the block joins the change's one transaction instead: its
        ``commit()`` only says the block is done, and the change commits it with its entry.
        """
        change = self.open_change()
        if change is not None:
            with change.join() as joined:
                yield joined
            return
        uow = self._begin()
        try:
            yield uow
        finally:
            uow.rollback()

    def open_change(self) -> AuditedChange | None:
        """The audited change the calling thread has open on this store, if any."""
        change: AuditedChange | None = getattr(self._ambient, "change", None)
        return change

    @contextmanager
    def audited(self) -> Iterator[AuditedChange]:
        """One use case's writes and the audit entry recording them, in one transaction.

        Every write inside the block (``unit_of_work``, ``write``, ``delete``) joins one
        transaction, begun at the first write; :meth:`AuditedChange.finish` appends the entry
        to it and commits both. Leaving the block without ``finish`` (an error anywhere, a
        failed audit write, a crash) leaves neither the change nor the entry.
        """
        from graph.audited import AuditedChange

        if self.open_change() is not None:
            raise RuntimeError("audited changes do not nest")
        self.access()  # tables and constraints exist before any transaction opens
        change = AuditedChange(self)
        self._ambient.change = change
        try:
            yield change
        finally:
            self._ambient.change = None
            change.close()

    def write(self, nodes: Sequence[Node] = (), edges: Sequence[Edge] = ()) -> WriteStats:
        """Upsert nodes then edges in one committed transaction."""
        with self.unit_of_work() as uow:
            uow.upsert_nodes(nodes)
            uow.upsert_edges(edges)
            uow.commit()
            return uow.stats

    def write_batched(
        self,
        nodes: Sequence[Node] = (),
        edges: Sequence[Edge] = (),
        batch_size: int | None = None,
        lock: ImportLock | None = None,
    ) -> WriteStats:
        """A load too large for one transaction, in committed, idempotent batches.

        Backends whose transactions hold any load (the embedded store) write it in one
        transaction, exactly as :meth:`write`; Neo4j overrides this. With ``lock`` (from
        :meth:`import_lock`) every batch first checks that the lock is still held.
        """
        return self.write(nodes, edges)

    @contextmanager
    def import_lock(self) -> Iterator[ImportLock | None]:
        """Hold the store's import lock for a block: one import at a time, from its first
        transaction to its last.

        Needed where an import takes several transactions (a batched import on Neo4j): other
        imports wait until it is over. Where every import is one transaction (the embedded
        store: ``BEGIN IMMEDIATE`` serialises them) there is nothing to hold: ``None``.
        """
        yield None

    def delete(self, edges: Sequence[Edge]) -> None:
        with self.unit_of_work() as uow:
            uow.delete_edges(edges)
            uow.commit()

    # --- reads ------------------------------------------------------------------------------
    @abc.abstractmethod
    def get_node(self, label: str, id: str) -> Node | None: ...

    @abc.abstractmethod
    def iter_nodes(self, label: str | None = None) -> Iterator[Node]: ...

    @abc.abstractmethod
    def iter_edges(self, type: str | None = None) -> Iterator[Edge]: ...

    @abc.abstractmethod
    def neighbours(
        self, ref: NodeRef, edge_type: str | None = None, direction: Direction = "both"
    ) -> list[Node]:
        """Nodes one edge away from ``ref`` (sorted by label, id)."""

    @abc.abstractmethod
    def incident_edges(self, refs: Iterable[NodeRef]) -> list[Edge]:
        """Every edge with at least one end in ``refs``."""

    @abc.abstractmethod
    def count_nodes(self) -> dict[str, int]: ...

    @abc.abstractmethod
    def count_edges(self) -> dict[str, int]: ...

    @abc.abstractmethod
    def data_version(self) -> str:
        """A token that changes after every committed write (for caches)."""

    @abc.abstractmethod
    def query(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run the named query ``name`` of :mod:`queries` on this backend.

        Rows are plain dicts with the query's declared columns, normalised the same way on
        both backends (the parity tests hold them to it).
        """

    def query_frame(self, name: str, **params: Any) -> pd.DataFrame:
        """Run the named query ``name`` into typed columns (:func:`queries.frames.typed_frame`).

        Backends override this to read columns in bulk; this fallback types the rows.
        """
        from queries import get_query
        from queries.frames import rows_frame

        return rows_frame(get_query(name), self.query(name, **params))

    def cache_dir(self) -> Path | None:
        """Where analysis results of this store's data versions may be kept (None: nowhere)."""
        return None

    def access(self) -> AccessRecords:
        """Users and the audit log kept in this store (no part of the graph)."""
        raise NotImplementedError(f"{self.backend} keeps no users")

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- derived views -----------------------------------------------------------------------
    def nodes(self, label: str | None = None) -> list[Node]:
        return list(self.iter_nodes(label))

    def edges(self, type: str | None = None) -> list[Edge]:
        return list(self.iter_edges(type))

    def subgraph(self, ref: NodeRef, depth: int = 1, max_nodes: int = 300) -> Subgraph:
        """Breadth-first neighbourhood of ``ref`` up to ``depth`` hops, at most ``max_nodes``."""
        start = self.get_node(ref.label, ref.id)
        if start is None:
            return Subgraph(nodes=[], edges=[])
        seen: dict[NodeRef, Node] = {ref: start}
        frontier = [ref]
        truncated = False
        for _ in range(depth):
            nxt: list[NodeRef] = []
            for cur in frontier:
                for n in self.neighbours(cur):
                    r = n.ref()
                    if r in seen:
                        continue
                    if len(seen) >= max_nodes:
                        truncated = True
                        break
                    seen[r] = n
                    nxt.append(r)
            frontier = nxt
        edges = [e for e in self.incident_edges(seen.keys()) if e.src in seen and e.dst in seen]
        return Subgraph(nodes=list(seen.values()), edges=edges, truncated=truncated)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph as a networkx MultiDiGraph (rebuilt only after the data changed).

        Node keys are ``Label:id``; node attributes are the properties plus ``label``;
        edge keys are the edge types.
        """
        version = self.data_version()
        with self._nx_lock:
            if self._nx_cache is not None and self._nx_cache[0] == version:
                return self._nx_cache[1]
            import networkx as nx  # heavy: imported when a graph algorithm needs it

            g = nx.MultiDiGraph()
            g.add_nodes_from(
                (n.ref().key(), {"label": n.label, "id": n.id, **n.props()})
                for n in self.iter_nodes()
            )
            g.add_edges_from(
                (e.src.key(), e.dst.key(), e.type, {"type": e.type, **e.props})
                for e in self.iter_edges()
            )
            self._nx_cache = (version, g)
            return g
