"""A small per-store memo keyed by the store's data version.

Services call the same reads and computations many times per page (the identification feeds
the planner, the coverage, the map and the school card). ``memo`` keeps the last answers per
store and drops them as soon as ``data_version()`` changes, so a write is never hidden.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from graph.store import Store
from labels import get_language

__all__ = ["memo"]

T = TypeVar("T")
_MAX_ENTRIES = 48
_lock = threading.Lock()
_memos: weakref.WeakKeyDictionary[Store, OrderedDict[tuple[Any, ...], Any]] = (
    weakref.WeakKeyDictionary()
)


def memo(store: Store, key: Hashable, compute: Callable[[], T], *, persist: bool = False) -> T:
    """``compute()`` once per (store, data version, key); later calls return the same object.

    Callers must treat the answer as read-only (copy a frame before changing it). ``persist``
    also keeps the answer on disk for the data version (:mod:`services.result_cache`), so a new
    process reads it instead of computing it.
    """
    # Answers may hold rendered words: the language is part of the key.
    full = (store.data_version(), key, get_language())
    with _lock:
        entries = _memos.setdefault(store, OrderedDict())
        if full in entries:
            entries.move_to_end(full)
            return entries[full]
    if persist:
        from services.result_cache import cached

        value = cached(store, (key, full[2]), compute)
    else:
        value = compute()
    with _lock:
        entries = _memos.setdefault(store, OrderedDict())
        entries[full] = value
        while len(entries) > _MAX_ENTRIES:
            entries.popitem(last=False)
    return value
