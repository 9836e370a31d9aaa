"""A long table one page at a time, with the whole of it to download.

``st.dataframe`` of a country's 40,000 schools sends every row to the browser on every rerun
and ``present`` turns every cell into Russian text first: seconds for a table nobody reads to
the end. A table longer than :data:`PAGE_ROWS` shows one page, says which rows these are and
how to narrow them, and offers the whole table (as filtered) for download, made only when the
button is pressed.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd
import streamlit as st

from labels import t
from loaders.writers import frame_to_csv_bytes

__all__ = ["PAGE_ROWS", "page_of", "whole_table_download"]

PAGE_ROWS = 1000


def page_of(frame: pd.DataFrame, key: str, rows: int | None = None) -> pd.DataFrame:
    """The rows of ``frame`` to show now: all of them when they fit on one page (``rows``,
    default :data:`PAGE_ROWS`); else a page picker and a note in Russian, and that page."""
    rows = rows or PAGE_ROWS
    n = len(frame)
    if n <= rows:
        return frame
    pages = math.ceil(n / rows)
    if int(st.session_state.get(key, 1)) > pages:
        st.session_state[key] = 1  # the filters shrank the table under the chosen page
    page = int(
        st.number_input(t("scale.table.page", pages=pages), 1, pages, step=1, key=key)
    )
    start = (page - 1) * rows
    part = frame.iloc[start : start + rows]
    st.caption(t("scale.table.note", first=start + 1, last=start + len(part), n=n))
    return part


def whole_table_download(
    make: Callable[[], pd.DataFrame], n: int, key: str, file_name: str
) -> None:
    """A button that downloads the whole table (``make()``, as shown: Russian headers) as a
    formula-safe CSV, built only when pressed."""
    st.download_button(
        t("scale.table.download", n=n),
        data=lambda: frame_to_csv_bytes(make(), bom=True),
        file_name=file_name,
        mime="text/csv",
        key=key,
    )
