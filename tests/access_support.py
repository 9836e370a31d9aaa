"""Tampering with a store's audit log behind the application's back (what verify must catch)."""

from __future__ import annotations

from typing import Any

from graph.store import Store


def edit_entry(store: Store, seq: int, target: str) -> None:
    """Rewrite the ``target`` of entry ``seq`` directly in the backend."""
    if store.backend == "embedded":
        store._connect().execute(  # type: ignore[attr-defined]
            "UPDATE audit SET target = ? WHERE seq = ?", (target, seq)
        )
    else:
        _cypher(store, "MATCH (a:SchoolnetAudit {seq: $seq}) SET a.target = $t", seq=seq, t=target)


def delete_entry(store: Store, seq: int) -> None:
    """Remove entry ``seq`` directly in the backend."""
    if store.backend == "embedded":
        store._connect().execute("DELETE FROM audit WHERE seq = ?", (seq,))  # type: ignore[attr-defined]
    else:
        _cypher(store, "MATCH (a:SchoolnetAudit {seq: $seq}) DELETE a", seq=seq)


def _cypher(store: Store, query: Any, **params: Any) -> None:
    store._driver.execute_query(query, params, database_=store.database)  # type: ignore[attr-defined]
