"""Building the sheets' DataFrames cheaply.

Text columns are kept as ``object`` columns of Python ``str`` (``None`` where missing): a
country-size sheet repeats a few thousand distinct strings millions of times, and an object
column shares them where pandas' own string dtype would copy every cell.

>>> df = frame({"id": ["a", "b"], "n": np.array([1, 2])})
>>> [str(t) for t in df.dtypes]
['object', 'int64']
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["frame"]


def frame(columns: dict[str, Any]) -> pd.DataFrame:
    """A DataFrame whose lists and object arrays become object columns without copying."""
    data: dict[str, Any] = {}
    for name, values in columns.items():
        if isinstance(values, list) or (isinstance(values, np.ndarray) and values.dtype == object):
            values = pd.Series(np.asarray(values, dtype=object), dtype=object, copy=False)
        data[name] = values
    return pd.DataFrame(data)
