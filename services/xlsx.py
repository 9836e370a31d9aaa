"""Writing tables to Excel safely: text from data is always text, never a formula.

openpyxl turns any string that starts with ``=`` into a formula; a school named
``=HYPERLINK(...)`` must reach the coordinator's Excel as the text it is.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["append_row", "frames_to_xlsx"]

_MAX_CELL = 32767  # Excel's limit on the characters of one cell


def _cell_value(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, list | tuple | set):
        return "; ".join(str(x) for x in v)
    if v is pd.NA or v is pd.NaT:
        return None
    if hasattr(v, "item") and not isinstance(v, str):  # numpy scalars
        return v.item()
    return v


def append_row(ws: Worksheet, values: Iterable[Any], bold: bool = False) -> None:
    """Append a row; strings stay strings (no formulas), lists are joined with «; »."""
    row = [_cell_value(v) for v in values]
    ws.append([None if isinstance(v, str) else v for v in row])
    r = ws.max_row
    for i, v in enumerate(row, start=1):
        cell = ws.cell(row=r, column=i)
        if isinstance(v, str):
            cell.value = v[:_MAX_CELL]
            cell.data_type = "s"
        if bold:
            cell.font = Font(bold=True)


def frames_to_xlsx(
    sheets: Mapping[str, pd.DataFrame], headers: Mapping[str, str] | None = None
) -> bytes:
    """A workbook with one sheet per frame; ``headers`` renames columns for people."""
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    for title, df in sheets.items():
        ws = wb.create_sheet(title=title[:31])
        append_row(ws, [(headers or {}).get(str(c), str(c)) for c in df.columns], bold=True)
        for values in df.itertuples(index=False):
            append_row(ws, values)
        for i, col in enumerate(df.columns, start=1):
            width = max(
                [len(str(col))] + [len(str(_cell_value(v) or "")) for v in df[col].head(200)]
            )
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
