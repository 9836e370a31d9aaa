"""Named queries on the embedded store read straight into Arrow columns (ADBC's SQLite driver).

The row path (``sqlite3`` → a Python tuple per row → a Python object per value) spent most of a
region's first page turning millions of values into objects one at a time. ADBC's SQLite
driver steps the same SQL in C and fills Arrow arrays directly; ``queries.frames`` then types
each column once. The driver ships its own, newer SQLite (faster JSON functions), which reads
the same WAL-mode file; its connections are per thread and in autocommit mode, so every read
sees the last committed write.

The driver infers a column's type from the rows of a batch; one batch holds the whole answer,
so a column that starts with missing values still gets the type of the values that follow.
"""

from __future__ import annotations

import json
import re
import threading
from typing import Any

import pandas as pd

from queries.base import NamedQuery
from queries.frames import empty_frame, typed_frame

__all__ = ["ArrowReader", "sql_parameter_order"]

_ONE_BATCH = str(100_000_000)  # rows; the driver rejects values near 2**31
_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def sql_parameter_order(sql: str) -> list[str]:
    """Named parameters in the order SQLite numbers them (first appearance).

    >>> sql_parameter_order("SELECT :b, :a WHERE :b IS NULL")
    ['b', 'a']
    """
    seen: list[str] = []
    for m in _PARAM.finditer(sql):
        if m.group(1) not in seen:
            seen.append(m.group(1))
    return seen


class ArrowReader:
    """Per-thread ADBC connections to one SQLite file, for columnar reads of named queries."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()

    def _conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            import adbc_driver_sqlite.dbapi as adbc

            conn = adbc.connect(self.path, autocommit=True)
            self._local.conn = conn
        return conn

    def frame(self, q: NamedQuery, bound: dict[str, Any]) -> pd.DataFrame:
        values = tuple(
            json.dumps(bound[k], ensure_ascii=False) if isinstance(bound[k], list) else bound[k]
            for k in sql_parameter_order(q.sql)
        )
        cur = self._conn().cursor()
        try:
            cur.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": _ONE_BATCH})
            cur.execute(q.sql, values or None)
            table = cur.fetch_arrow_table()
        finally:
            cur.close()
        if table.num_rows == 0:
            return empty_frame(q)
        return typed_frame(q, table)

    def close(self) -> None:
        """Close this thread's connection (others close when their thread's state goes)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
