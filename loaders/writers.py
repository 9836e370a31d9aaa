"""The one safe way schoolnet writes tables to files: CSV and XLSX never carry a formula.

A text from the data (a school named ``=HYPERLINK(...)``, ``+SUM(A1)``, ``-2+3``, ``@cmd``)
must reach the coordinator's spreadsheet as the text it is (OWASP "CSV injection"):

- CSV: a text cell that begins with ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading
  apostrophe, which spreadsheets read as "this is text". A text that already begins with an
  apostrophe followed by one of those (or by another apostrophe) gets one too, so the escape is
  reversible: :func:`unescape_csv_cell` gives back the exact text, and the CSV reader applies it.
- XLSX: every text is an explicit string cell (``data_type = "s"``); openpyxl would otherwise
  turn any string that starts with ``=`` into a formula. No prefix is needed, so an exported
  workbook imports back unchanged.

Numbers stay numbers (``-2`` is written as the number -2, not as text), lists are joined with
«; », missing values are empty cells.

Examples
--------
>>> csv_bytes([["name", "n"], ["=1+1", -3]]).decode()
"name,n\\r\\n'=1+1,-3\\r\\n"
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # openpyxl is heavy: imported when a workbook is written
    from openpyxl.worksheet.worksheet import Worksheet

from loaders.formula import (
    ESCAPE_PATTERN,
    FORMULA_START,
    csv_cell,
    needs_escape,
    unescape_csv_cell,
)

__all__ = [
    "FORMULA_START",
    "append_row",
    "csv_bytes",
    "csv_cell",
    "frame_to_csv_bytes",
    "frame_to_xlsx",
    "frames_to_xlsx",
    "needs_escape",
    "safe_frame_for_csv",
    "set_text",
    "text_cell",
    "unescape_csv_cell",
    "write_frame",
]

EXCEL_MAX_CHARS = 32_767  # Excel's limit on the characters of one cell


def _plain(value: Any) -> Any:
    """Python scalars from numpy/pandas ones; missing → None; lists joined with «; »."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(x) for x in value)
    if isinstance(value, dict):
        return str(value)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    if hasattr(value, "item") and not isinstance(value, str | bytes):  # numpy scalars
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value


def csv_bytes(
    rows: Iterable[Sequence[Any]],
    *,
    delimiter: str = ",",
    bom: bool = False,
    escaped: bool = False,
) -> bytes:
    """Rows (the header first) as CSV bytes, UTF-8 (with a BOM for Excel when asked).

    ``escaped=True``: the caller already passed every cell through :func:`csv_cell` (and
    rendered its numbers as text), so nothing is escaped twice.
    """
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    cell = (lambda v: v) if escaped else csv_cell
    for row in rows:
        writer.writerow(["" if (v := _plain(x)) is None else cell(v) for x in row])
    return buf.getvalue().encode("utf-8-sig" if bom else "utf-8")


def safe_frame_for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are escaped for CSV (vectorised; numbers untouched).

    >>> df = pd.DataFrame({"name": ["=1+1", "СОШ"], "n": [-2, 3]})
    >>> safe_frame_for_csv(df).to_dict("list")
    {'name': ["'=1+1", 'СОШ'], 'n': [-2, 3]}
    """
    out = frame.copy()
    for name in out.columns:
        series = out[name]
        if series.dtype != object and not isinstance(series.dtype, pd.StringDtype):
            continue
        is_text = series.map(lambda v: isinstance(v, str))
        if not is_text.any():
            continue
        text = series.where(is_text, "").astype(str)
        hit = is_text & text.str.match(ESCAPE_PATTERN)
        if hit.any():
            out[name] = series.where(~hit, "'" + text)
    out.columns = [csv_cell(str(c)) for c in out.columns]
    return out


def frame_to_csv_bytes(frame: pd.DataFrame, *, bom: bool = False) -> bytes:
    """A frame as safe CSV bytes (no index, comma, UTF-8)."""
    text = safe_frame_for_csv(frame).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig" if bom else "utf-8")


# --- XLSX ---------------------------------------------------------------------------------------
def text_cell(value: str) -> str:
    """A text Excel can hold: without control characters, at most 32,767 characters."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)[:EXCEL_MAX_CHARS]


def set_text(cell: Any, value: Any) -> None:
    """Put ``value`` into an openpyxl cell; a text is always a string cell, never a formula."""
    value = _plain(value)
    if isinstance(value, str):
        cell.value = text_cell(value)
        cell.data_type = "s"
    else:
        cell.value = value


def append_row(ws: Worksheet, values: Iterable[Any], bold: bool = False) -> None:
    """Append a row to a worksheet: texts stay texts (no formulas), lists joined with «; »."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    row = [_plain(v) for v in values]
    if ws.__class__.__name__ == "WriteOnlyWorksheet":
        cells = []
        for v in row:
            new = WriteOnlyCell(ws)
            set_text(new, v)
            if bold:
                new.font = Font(bold=True)
            cells.append(new)
        ws.append(cells)
        return
    ws.append([None if isinstance(v, str) else v for v in row])
    r = ws.max_row
    for i, v in enumerate(row, start=1):
        cell = ws.cell(row=r, column=i)
        if isinstance(v, str):
            set_text(cell, v)
        if bold:
            cell.font = Font(bold=True)


def frames_to_xlsx(
    sheets: Mapping[str, pd.DataFrame], headers: Mapping[str, str] | None = None
) -> bytes:
    """A workbook with one sheet per frame; ``headers`` renames columns for people."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.worksheets[0])
    for title, df in sheets.items():
        ws = wb.create_sheet(title=text_cell(title)[:31] or "data")
        append_row(ws, [(headers or {}).get(str(c), str(c)) for c in df.columns], bold=True)
        for values in df.itertuples(index=False):
            append_row(ws, values)
        for i, col in enumerate(df.columns, start=1):
            width = max([len(str(col))] + [len(str(_plain(v) or "")) for v in df[col].head(200)])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def frame_to_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """A frame as a one-sheet workbook (bytes, e.g. for a download button)."""
    return frames_to_xlsx({sheet: frame})


def write_frame(frame: pd.DataFrame, out: str | Path) -> Path:
    """Write a frame to ``out``: XLSX when the name ends with ``.xlsx``, CSV otherwise."""
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        path.write_bytes(frame_to_xlsx(frame))
    else:
        path.write_bytes(frame_to_csv_bytes(frame))
    return path
