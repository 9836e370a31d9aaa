"""Named query answers as typed columns: one vectorised conversion per column, never per value.

Both backends hand over columns, not rows: the embedded store its answer transposed once (no
dict per row), Neo4j one list of rows decoded in bulk. ``typed_frame`` gives every answer the one
form the analysis expects, whatever the backend delivered:

=========  ===============================================================================
kind       column
=========  ===============================================================================
``str``    pandas ``str`` dtype; missing values are NaN
``int``    ``int64``; ``float64`` with NaN when a value is missing
``float``  ``float64`` with NaN
``bool``   ``bool``; ``object`` (True, False, None) when a value is missing
``list``   ``object`` of Python lists of str (``[]`` when missing); JSON text is parsed
``date``   ``object`` of ``datetime.date`` (None when missing or unreadable)
=========  ===============================================================================

Examples
--------
>>> from queries import get_query
>>> q = get_query("memberships")
>>> typed_frame(q, pd.DataFrame({"teacher_id": ["t1", None], "association_id": [1, "a"]}))
  teacher_id association_id
0         t1              1
1        NaN              a
"""

from __future__ import annotations

from typing import Any

import numpy as np
import orjson
import pandas as pd
import pyarrow as pa

from queries.base import NamedQuery

__all__ = ["empty_frame", "rows_frame", "star_frame", "typed_frame"]


def typed_frame(q: NamedQuery, data: pa.Table | pd.DataFrame) -> pd.DataFrame:
    """The answer of ``q`` with its declared columns, each converted once, as a whole."""
    if isinstance(data, pa.Table):
        data = _arrow_to_pandas(data)
    n = len(data)
    out = {}
    for col, kind in q.columns:
        if col in data.columns:
            series = data[col].reset_index(drop=True)
        else:
            series = pd.Series([None] * n, dtype=object)
        out[col] = _CONVERT[kind](series)
    return pd.DataFrame(out, index=pd.RangeIndex(n))


def rows_frame(q: NamedQuery, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The typed frame of an answer given as rows (a backend without a columnar read)."""
    if not rows:
        return empty_frame(q)
    return typed_frame(q, pd.DataFrame.from_records(rows, columns=q.column_names))


def star_frame(q: NamedQuery, facts: pd.DataFrame, dims: pd.DataFrame, key: str) -> pd.DataFrame:
    """The answer of ``q`` from its facts and the small table of repeated columns (a star).

    Each fact row carries ``key``; the columns of ``dims`` are typed once, on their few
    rows, then taken into place by position: no value crosses a Python loop.

    >>> from queries import get_query
    >>> q = get_query("results")
    >>> facts = pd.DataFrame({"school_id": ["s1", "s2"], "kind": [7, 7],
    ...                       "value": [3.5, 4.0], "participants": [20, None]})
    >>> dims = pd.DataFrame({"kind": [7], "year": [2024], "assessment": ["ВПР"],
    ...                      "subject": ["Математика"], "grade": [5], "metric": ["mean_score"]})
    >>> star_frame(q, facts, dims, "kind")[["school_id", "year", "grade", "participants"]]
      school_id  year  grade  participants
    0        s1  2024      5          20.0
    1        s2  2024      5           NaN
    """
    kinds = dict(q.columns)
    codes = pd.to_numeric(facts[key]).to_numpy(dtype=np.int64)
    known = pd.Index(pd.to_numeric(dims[key]).to_numpy(dtype=np.int64))
    if not known.is_unique:
        raise ValueError(f"{q.name}: {key} is not unique in the dimension table")
    positions = known.get_indexer(codes)
    if (positions < 0).any():
        raise ValueError(f"{q.name}: a row refers to an unknown {key}")
    columns: dict[str, Any] = {}
    for col in q.column_names:
        if col in dims.columns and col != key:
            typed = _CONVERT[kinds[col]](dims[col].reset_index(drop=True))
            columns[col] = typed.take(positions).reset_index(drop=True)
        elif col in facts.columns:
            columns[col] = facts[col].reset_index(drop=True)
    return typed_frame(q, pd.DataFrame(columns, index=pd.RangeIndex(len(facts))))


def empty_frame(q: NamedQuery) -> pd.DataFrame:
    return typed_frame(q, pd.DataFrame({c: pd.Series([], dtype=object) for c in q.column_names}))


def _arrow_to_pandas(table: pa.Table) -> pd.DataFrame:
    # Every column goes to plain NumPy/object form; the converters below pick the dtype.
    return table.to_pandas(types_mapper=None, date_as_object=True, ignore_metadata=True)


def _missing(s: pd.Series) -> np.ndarray:
    return np.asarray(s.isna(), dtype=bool)


def _to_str(s: pd.Series) -> pd.Series:
    if s.dtype == "str":
        return s
    values = s.astype(object)
    mask = _missing(values)
    if not mask.all() and not all(isinstance(v, str) for v in values[~mask]):
        values = values.where(mask, values.map(str, na_action="ignore"))
    return values.where(~mask, None).astype("str")


def _to_float(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s, errors="coerce").astype("float64")


def _to_int(s: pd.Series) -> pd.Series:
    f = _to_float(s)
    if f.isna().any():
        return f
    return f.astype("int64")


def _to_bool(s: pd.Series) -> pd.Series:
    mask = _missing(s)
    if not mask.any():
        return s.astype(bool)
    values = np.empty(len(s), dtype=object)
    values[mask] = None
    values[~mask] = s[~mask].astype(bool).to_numpy()
    return pd.Series(values, dtype=object)


def _to_list(s: pd.Series) -> pd.Series:
    values = np.empty(len(s), dtype=object)
    for i, v in enumerate(s.to_numpy(dtype=object)):
        if v is None or (isinstance(v, float) and v != v):
            values[i] = []
        elif isinstance(v, str | bytes):
            values[i] = [str(x) for x in orjson.loads(v)]
        else:
            values[i] = [str(x) for x in v]
    return pd.Series(values, dtype=object)


def _to_date(s: pd.Series) -> pd.Series:
    mask = _missing(s)
    text = s.astype(object).where(~mask, None)
    if not all(isinstance(v, str) for v in text[~mask]):
        text = text.map(str, na_action="ignore")
    parsed = pd.to_datetime(text.str.slice(0, 10), errors="coerce", format="%Y-%m-%d")
    ok = np.asarray(parsed.notna(), dtype=bool)
    values = np.full(len(s), None, dtype=object)
    if ok.any():
        values[ok] = parsed[ok].dt.date.to_numpy()  # datetime.date, converted in one pass
    return pd.Series(values, dtype=object)


_CONVERT = {
    "str": _to_str,
    "int": _to_int,
    "float": _to_float,
    "bool": _to_bool,
    "list": _to_list,
    "date": _to_date,
}
