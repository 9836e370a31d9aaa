"""Small helpers that make input frames predictable: missing optional columns, lists, flags.

Input sheets may come straight from CSV (lists as ``;``-joined text, flags as text) or from the
store (Python lists and bools); every analysis function first passes its frames through these.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from labels.formats import fold_yo, parse_bool, parse_date

__all__ = [
    "as_bool",
    "as_date",
    "as_list",
    "as_str_id",
    "column",
    "contains_sorted",
    "list_column",
    "norm_subject",
    "shared_codes",
    "unique_sorted",
]



def column(df: pd.DataFrame, name: str, default: Any = None) -> pd.Series:
    """``df[name]``, or a column of ``default`` when the sheet lacks it.

    >>> column(pd.DataFrame({"a": [1, 2]}), "b", 0).tolist()
    [0, 0]
    """
    if name in df.columns:
        return df[name]
    return pd.Series([default] * len(df), index=df.index, dtype=object)


def _map_uniques(s: pd.Series, fn: Any) -> pd.Series:
    # Map each distinct value once: id columns of millions of rows hold a few thousand values.
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    mapped = np.array([fn(u) for u in uniques] + [fn(None)], dtype=object)
    return pd.Series(mapped[codes], index=s.index, dtype=object)


def _is_missing(x: Any) -> bool:
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    return isinstance(x, float) and math.isnan(x)


def as_list(x: Any) -> list[str]:
    """A cell as a list of non-empty strings (lists, ``;``-joined text or nothing).

    >>> as_list("Математика; Физика"), as_list(None), as_list(["a", ""])
    (['Математика', 'Физика'], [], ['a'])
    """
    if isinstance(x, str):
        items: Iterable[Any] = x.split(";")
    elif isinstance(x, (list, tuple, set, frozenset, np.ndarray, pd.Series)):
        items = list(x)
    elif _is_missing(x):
        return []
    else:
        items = [x]
    return [str(i).strip() for i in items if not _is_missing(i) and str(i).strip()]


def list_column(df: pd.DataFrame, name: str) -> pd.Series:
    """A list-valued column, every cell a list of str (empty when missing)."""
    # Lists of clean strings (what the analysis itself produces) are taken as they are.
    cells = [
        x if type(x) is list and all(type(i) is str and i for i in x) else as_list(x)
        for x in column(df, name).to_numpy(dtype=object)
    ]
    return pd.Series(cells, index=df.index, dtype=object)


def as_bool(s: pd.Series) -> pd.Series:
    """Flags as plain bools: missing is False, text is read as the importer reads it.

    >>> as_bool(pd.Series([True, None, "да", "false", 1.0, float("nan")])).tolist()
    [True, False, True, False, True, False]
    """

    def one(x: Any) -> bool:
        if _is_missing(x):
            return False
        if isinstance(x, str):
            return parse_bool(x) is True
        return bool(x)

    return _map_uniques(s, one).astype(bool)


def _one_id(x: Any) -> Any:
    if _is_missing(x):
        return None
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x).strip()


def as_str_id(s: pd.Series) -> pd.Series:
    """Identifiers as stripped strings (``101`` and ``"101"`` are the same school).

    >>> as_str_id(pd.Series([101, " 7 ", 3.0])).tolist()
    ['101', '7', '3']
    """

    if len(s) and pd.api.types.infer_dtype(s, skipna=True) == "string":
        # The common case, text ids: one vectorized strip, missing cells stay missing.
        stripped = s.astype("str").str.strip().astype(object)
        return stripped.where(stripped.notna(), None)

    return _map_uniques(s, _one_id)


def unique_sorted(x: np.ndarray) -> np.ndarray:
    """Distinct values, ascending, by sorting (numpy's hash-based ``unique`` can be far slower
    on large, sparse int64 keys).

    >>> unique_sorted(np.array([5, 1, 5, 3])).tolist()
    [1, 3, 5]
    """
    s = np.sort(x)
    return s[np.r_[True, s[1:] != s[:-1]]] if len(s) else s


def contains_sorted(sorted_values: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Whether each ``x`` is in ``sorted_values`` (ascending), by binary search.

    >>> contains_sorted(np.array([1, 3, 5]), np.array([0, 3, 6])).tolist()
    [False, True, False]
    """
    if not len(sorted_values):
        return np.zeros(len(x), dtype=bool)
    i = np.minimum(np.searchsorted(sorted_values, x), len(sorted_values) - 1)
    return np.asarray(sorted_values[i] == x)


def shared_codes(*columns: pd.Series) -> tuple[list[np.ndarray], int]:
    """Integer codes of ids across several columns (normalized as :func:`as_str_id`).

    Equal ids get equal codes wherever they occur; missing ids get -1. Joining on these codes
    is much cheaper than joining millions of rows on text.

    >>> codes, n = shared_codes(pd.Series(["a", "b"]), pd.Series(["b", " a", None, 7]))
    >>> [c.tolist() for c in codes], n
    ([[0, 1], [1, 0, -1, 2]], 3)
    """
    lengths = [len(c) for c in columns]
    # Plain object arrays throughout: a pandas Series of text would be converted to Arrow.
    joined = np.concatenate([c.to_numpy(dtype=object) for c in columns])
    raw, uniques = pd.factorize(joined, use_na_sentinel=True)
    clean = np.array(
        [u.strip() if type(u) is str else _one_id(u) for u in uniques.tolist()], dtype=object
    )
    ucodes, cats = pd.factorize(clean, use_na_sentinel=True)
    codes = np.append(ucodes, -1)[raw].astype(np.int64)
    bounds = np.cumsum([0, *lengths])
    return [codes[a:b] for a, b in itertools.pairwise(bounds)], len(cats)


def as_date(s: pd.Series) -> pd.Series:
    """Dates as ``datetime64[ns]`` (``date``, ISO text, ДД.ММ.ГГГГ; missing → NaT).

    >>> as_date(pd.Series([dt.date(2024, 5, 1), "2024-05-02", "03.05.2024", None])).dt.day.tolist()
    [1.0, 2.0, 3.0, nan]
    """

    def one(x: Any) -> Any:
        if _is_missing(x):
            return pd.NaT
        if isinstance(x, (dt.date, pd.Timestamp)):
            return pd.Timestamp(x)
        text = str(x).strip()
        if not text:
            return pd.NaT
        day = parse_date(text)
        if day is not None:
            return pd.Timestamp(day)
        if "." in text:  # ДД.ММ.ГГГГ that is no real day
            return pd.NaT
        return pd.to_datetime(text, errors="coerce")

    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        return s.astype("datetime64[ns]")
    # A few hundred distinct days among many events: parse each once.
    return pd.to_datetime(_map_uniques(s, one)).astype("datetime64[ns]")


def norm_subject(name: str) -> str:
    """A subject name for matching: case, spaces and «ё» do not matter.

    >>> norm_subject(" Русский  Язык ") == norm_subject("русский язык")
    True
    """
    return " ".join(fold_yo(name.lower()).split())
