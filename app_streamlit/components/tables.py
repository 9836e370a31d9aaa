"""Service frames made readable: Russian column names and values, lists and flags as text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
from pandas.api.types import is_datetime64_any_dtype

from labels import t
from labels.formats import fmt_percent, format_date

__all__ = [
    "VALUE_PREFIXES",
    "col",
    "filter_frame",
    "frame_to_xlsx",
    "options_of",
    "percent_columns",
    "present",
    "share_percent",
    "value_label",
]

# Which message family translates a column's values (``status.low`` → «ШНОР …»).
VALUE_PREFIXES: dict[str, str] = {
    "status": "status.",
    "activity": "activity.",
    "side": "ui.side.",
    "role": "ui.role_in_event.",
    "kind": "ui.event_kind.",
    "format": "ui.format.",
    "settlement_type": "ui.settlement.",
    "level": "level.",
    "label": "label.",
    "travel_mode": "maps.travel.mode.",
}


def col(name: str) -> str:
    """The Russian header of a service column (the column name itself when none is known)."""
    for key in (f"ui.col.{name}", f"services.coverage.col.{name}"):
        text = t(key)
        if text != key:
            return text
    return name


def value_label(prefix: str, value: Any) -> Any:
    """The Russian label of a coded value; the value itself when it has none."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, str) and "; " in value:  # several codes in one cell
        return "; ".join(str(value_label(prefix, v)) for v in value.split("; "))
    key = f"{prefix}{value}"
    text = t(key)
    return value if text == key else text


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime | pd.Timestamp):
        return "" if pd.isna(value) else format_date(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, bool):
        return t("common.yes") if value else t("common.no")
    if isinstance(value, list | tuple | set):
        return "; ".join(str(v) for v in value)
    return value


def present(
    frame: pd.DataFrame,
    columns: Sequence[str] | None = None,
    values: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """A copy of ``frame`` to show: chosen columns, Russian headers and values.

    ``values`` overrides :data:`VALUE_PREFIXES` for this frame (e.g. a partnership's
    ``status`` is ``ui.pstatus.``, not a school status).
    """
    prefixes = {**VALUE_PREFIXES, **(values or {})}
    keep = [c for c in (columns or list(frame.columns)) if c in frame.columns]
    out = frame.loc[:, keep].copy()
    for name in keep:
        series = out[name]
        if name in prefixes:
            out[name] = [value_label(prefixes[name], v) for v in series]
        elif series.dtype == object or series.dtype == bool or is_datetime64_any_dtype(series):
            out[name] = [_cell(v) for v in series]
    return out.rename(columns={c: col(c) for c in keep})


def options_of(values: Iterable[Any]) -> list[Any]:
    """Distinct non-empty values, sorted, for a filter widget."""
    seen = {v for v in values if not _missing(v)}
    return sorted(seen, key=str)


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pd.NA (a widget option must never be one: pd.NA has no truth value)."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and arrays are values, not missing
        return False


def frame_to_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """A frame as a one-sheet XLSX workbook (bytes for a download button), formula-safe."""
    from loaders.writers import frame_to_xlsx as write

    return write(frame, sheet)


def filter_frame(
    frame: pd.DataFrame,
    chosen: Mapping[str, Sequence[Any]],
    text: str = "",
    text_columns: Sequence[str] = ("name",),
) -> pd.DataFrame:
    """Rows whose column values are among the chosen ones (empty choice: any) and whose text
    columns contain ``text`` (case-insensitive).

    Examples
    --------
    >>> df = pd.DataFrame({"name": ["Школа №1", "Лицей"], "status": ["low", "strong"]})
    >>> filter_frame(df, {"status": ["low"]}, "школа")["name"].tolist()
    ['Школа №1']
    """
    mask = pd.Series(True, index=frame.index)
    for name, values in chosen.items():
        if values:
            mask &= frame[name].isin(list(values))
    needle = text.strip().casefold()
    if needle:
        hit = pd.Series(False, index=frame.index)
        for name in text_columns:
            hit |= frame[name].astype(str).str.casefold().str.contains(needle, regex=False)
        mask &= hit
    return frame[mask]


def share_percent(count: Any, total: Any) -> str:
    """«30 %» for a count out of a total; «—» when there is nothing to count.

    Examples
    --------
    >>> share_percent(3, 12)
    '25 %'
    """
    try:
        n, d = int(count), int(total)
    except (TypeError, ValueError):
        return "—"
    return "—" if d <= 0 else fmt_percent(n / d)


def percent_columns(frame: pd.DataFrame) -> dict[str, Any]:
    """Column settings showing every ``*_share`` column (0–1) as a percentage."""
    import streamlit as st

    return {
        col(name): st.column_config.NumberColumn(format="percent")
        for name in frame.columns
        if str(name).endswith("_share")
    }
