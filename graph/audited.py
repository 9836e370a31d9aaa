"""A change and its audit entry committed together (see :meth:`graph.store.Store.audited`).

A use case may write through ``unit_of_work()``, ``write()`` or ``delete()`` as it always does;
inside an audited change those calls join one transaction, begun lazily at the first write (so
the writers' lock is taken no earlier than before: Neo4j's version node, SQLite's
``BEGIN IMMEDIATE``). The entry is appended in that same transaction and both commit at once,
or neither does.

Examples
--------
>>> from graph.embedded import EmbeddedStore
>>> from graph.model import School
>>> store = EmbeddedStore(":memory:")
>>> draft = AuditDraft(actor="cli:admin", action="import", target="schools.csv")
>>> with store.audited() as change:
...     _ = store.write([School(id="1", name="СОШ №1", municipality="Район")])
...     entry = change.finish(draft)
>>> entry.seq, store.count_nodes()["School"]
(1, 1)
>>> with store.audited() as change:  # left without finish: neither the school nor an entry
...     _ = store.write([School(id="2", name="СОШ №2", municipality="Район")])
>>> store.count_nodes()["School"], len(store.access().audit_entries())
(1, 1)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from graph.access import AuditDraft, AuditEntry
from graph.model import Edge, Node
from graph.store import ImportLock, StoreError, UnitOfWork

if TYPE_CHECKING:
    from graph.store import Store

__all__ = ["AuditedChange"]


class AuditedChange:
    """The open transaction of one audited use case (at most one per thread and store)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._uow: UnitOfWork | None = None
        self._broken = False
        self._done = False

    @property
    def wrote(self) -> bool:
        """Whether a write has joined (and so begun) the transaction."""
        return self._uow is not None

    @contextmanager
    def join(self) -> Iterator[UnitOfWork]:
        if self._done:
            raise StoreError("tx_closed")
        if self._uow is None:
            self._uow = self._store._begin()
        joined = _Joined(self._uow)
        try:
            yield joined
        finally:
            if not joined.committed:
                # The block's writes cannot be taken back alone: the whole change is void.
                self._broken = True

    def finish(self, draft: AuditDraft | None) -> AuditEntry | None:
        """Append ``draft`` to the change's transaction and commit both.

        Without a write in the block the entry is appended on its own (an export changes
        nothing but is recorded all the same).
        """
        if self._done or self._broken:
            raise StoreError("tx_closed")
        self._done = True
        if self._uow is None:
            return None if draft is None else self._store.access().append_audit(draft)
        entry = None if draft is None else self._uow.append_audit(draft)
        self._uow.commit()
        return entry

    def close(self) -> None:
        """Roll back whatever was not committed by :meth:`finish`."""
        self._done = True
        if self._uow is not None:
            self._uow.rollback()


class _Joined(UnitOfWork):
    """A block's view of the change's transaction: ``commit()`` marks the block done."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self.stats = uow.stats  # the same counters: the change's writes so far
        self.committed = False

    def upsert_nodes(self, nodes: Sequence[Node]) -> None:
        self._uow.upsert_nodes(nodes)

    def upsert_edges(self, edges: Sequence[Edge]) -> None:
        self._uow.upsert_edges(edges)

    def delete_edges(self, edges: Sequence[Edge]) -> None:
        self._uow.delete_edges(edges)

    def edges_of_type(self, type: str) -> list[Edge]:
        return self._uow.edges_of_type(type)

    def hold(self, lock: ImportLock | None) -> None:
        self._uow.hold(lock)

    def nodes_of_label(self, label: str) -> list[Node]:
        return self._uow.nodes_of_label(label)

    def append_audit(self, draft: AuditDraft) -> AuditEntry:
        return self._uow.append_audit(draft)

    def commit(self) -> None:
        self.committed = True

    def rollback(self) -> None:
        pass  # the change rolls back as a whole
