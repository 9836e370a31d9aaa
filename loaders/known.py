"""Ids an import may refer to: those declared in the import, then those already stored.

Store lookups are lazy and per label: a few ids are looked up one by one, many at once by
reading every id of the label.
"""

from __future__ import annotations

from graph.store import Store

__all__ = ["KnownIds"]


class KnownIds:
    """Ids declared in the import, then looked up in the store (lazily, per label)."""

    _LOOKUPS_BEFORE_SCAN = 64

    def __init__(self, store: Store | None) -> None:
        self.declared: dict[str, set[str]] = {}
        self._store = store
        self._cache: dict[str, dict[str, bool]] = {}
        self._all: dict[str, set[str]] = {}

    def declare(self, label: str, id: str) -> None:
        self.declared.setdefault(label, set()).add(id)

    def in_import(self, label: str, id: str) -> bool:
        return id in self.declared.get(label, ())

    def in_store(self, label: str, id: str) -> bool:
        if self._store is None:
            return False
        if label in self._all:
            return id in self._all[label]
        cache = self._cache.setdefault(label, {})
        if id not in cache:
            if len(cache) >= self._LOOKUPS_BEFORE_SCAN:
                self._all[label] = {n.id for n in self._store.iter_nodes(label)}
                return id in self._all[label]
            cache[id] = self._store.get_node(label, id) is not None
        return cache[id]

    def has(self, label: str, id: str) -> bool:
        return self.in_import(label, id) or self.in_store(label, id)
