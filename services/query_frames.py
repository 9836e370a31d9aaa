"""Named query answers as pandas frames: the inputs of every analysis function."""

from __future__ import annotations

from typing import Any

import pandas as pd

from graph.store import Store
from queries import get_query
from services.cache import memo

__all__ = ["frame"]


def frame(store: Store, name: str, **params: Any) -> pd.DataFrame:
    """Run the named query ``name`` and return its rows as a frame with the declared columns.

    Date columns become ``datetime.date`` (or None); the answer is memoised per data version,
    so callers get a copy they may change.
    """
    key = ("frame", name, tuple(sorted((k, _hashable(v)) for k, v in params.items())))
    cached = memo(store, key, lambda: _build(store, name, params))
    return cached.copy()


def _hashable(v: Any) -> Any:
    return tuple(v) if isinstance(v, list | tuple) else v


def _build(store: Store, name: str, params: dict[str, Any]) -> pd.DataFrame:
    q = get_query(name)
    df = pd.DataFrame(store.query(name, **params), columns=q.column_names)
    for col, kind in q.columns:
        if kind == "date":
            parsed = pd.to_datetime(df[col], errors="coerce")
            df[col] = [None if pd.isna(x) else x.date() for x in parsed]
        elif kind == "list":
            df[col] = df[col].astype(object)
    return df
