"""Named query answers as pandas frames: the inputs of every analysis function."""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from graph.store import Store
from queries import get_query
from queries.frames import rows_frame
from services.cache import memo

__all__ = ["frame"]


def frame(store: Store, name: str, **params: Any) -> pd.DataFrame:
    """Run the named query ``name`` and return its rows as a frame with the declared columns.

    Columns are typed as :func:`queries.frames.typed_frame` says (dates as ``datetime.date``,
    lists as lists); the answer is memoised per data version, so callers get a copy they may
    change.
    """
    key = ("frame", name, tuple(sorted((k, _hashable(v)) for k, v in params.items())))
    cached = memo(store, key, lambda: _build(store, name, params))
    return cached.copy()


def _hashable(v: Any) -> Any:
    return tuple(v) if isinstance(v, list | tuple) else v


def _build(store: Store, name: str, params: dict[str, Any]) -> pd.DataFrame:
    q = get_query(name)  # an unknown name fails here, before any backend work
    if os.environ.get("SCHOOLNET_COLUMNAR_READS", "").lower() == "off":
        # The row path (a Python object per value), for benchmarks that compare the two.
        return rows_frame(q, store.query(name, **params))
    return store.query_frame(name, **params)
