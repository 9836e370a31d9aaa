"""The first run: an empty store offers to load the demo region (or to import files)."""

from __future__ import annotations

import streamlit as st

from app_streamlit import state
from app_streamlit.components.import_report import report_lines
from labels import t

__all__ = ["offer_demo", "require_data"]

DEMO_SIZES = ("small", "region")


def offer_demo() -> None:
    """Explain that the store is empty and offer the demo data in one click."""
    st.info(t("ui.empty.message", db=state.store_label()))
    cols = st.columns(len(DEMO_SIZES))
    for column, size in zip(cols, DEMO_SIZES, strict=True):
        with column:
            st.caption(t(f"ui.empty.{size}.help"))
            if st.button(t(f"ui.empty.{size}"), key=f"demo_{size}", type="primary"):
                with st.spinner(t("ui.empty.loading")):
                    report = state.load_demo(size)
                st.session_state["demo_report"] = report_lines(report)
                st.rerun()
    st.caption(t("ui.empty.or_import"))


def require_data() -> None:
    """Stop the page with the demo offer when the store holds no school."""
    report = st.session_state.pop("demo_report", None)
    if report:
        st.success(t("ui.empty.loaded") + "\n\n" + "\n\n".join(report))
    if state.is_empty():
        offer_demo()
        st.stop()
