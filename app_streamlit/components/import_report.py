"""Import previews, reports and failures as tables and messages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from app_streamlit.components.tables import present

__all__ = ["issues_frame", "report_lines"]

ISSUE_COLUMNS = ["file", "sheet", "row", "column", "message"]


def report_lines(report: Any) -> list[str]:
    """The Russian summary of an ``ImportReport``."""
    for name in ("summary_lines", "lines"):
        method = getattr(report, name, None)
        if callable(method):
            return [str(line) for line in method()]
    return [str(report)]


def issues_frame(issues: Any) -> pd.DataFrame:
    """Issues (a frame, or ``ImportIssue`` objects) as a table with Russian headers.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> issues_frame([NS(file="a.csv", sheet=None, row=2, column="name", message="пусто")]).shape
    (1, 4)
    """
    if isinstance(issues, pd.DataFrame):
        frame = issues
    else:
        frame = pd.DataFrame(
            [{c: getattr(i, c, None) for c in ISSUE_COLUMNS} for i in _iter(issues)],
            columns=ISSUE_COLUMNS,
        )
    keep = [c for c in ISSUE_COLUMNS if c in frame.columns and frame[c].notna().any()]
    keep = list(dict.fromkeys([*keep, *(c for c in ("file", "message") if c in frame.columns)]))
    keep.sort(key=ISSUE_COLUMNS.index)
    out = frame.loc[:, keep].copy()
    if "row" in out.columns:
        out["row"] = out["row"].astype("Int64")
    return present(out)


def _iter(issues: Any) -> Iterable[Any]:
    return list(issues or [])
