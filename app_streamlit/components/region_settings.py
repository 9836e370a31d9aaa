"""Saving the planner's values as the region's settings (the regional role only)."""

from __future__ import annotations

import streamlit as st

from analysis.settings import AnalysisSettings
from app_streamlit import state
from app_streamlit.boundary import guard
from labels import t
from services.access import Right
from services.region_settings import changed_fields

__all__ = ["save_settings"]


def _save(settings: AnalysisSettings) -> None:
    state.save_region_settings(settings)
    st.session_state.setdefault("planner_messages", []).append(t("regionsettings.saved"))


def save_settings(current: AnalysisSettings, region: AnalysisSettings) -> None:
    """Say whether the values in use are the region's; offer to save them to who may."""
    diff = changed_fields(region, current)
    if not diff:
        st.caption(t("regionsettings.are_region"))
        return
    if not state.actor().can(Right.settings):
        st.caption(t("regionsettings.session_only", n=len(diff)))
        return
    st.caption(t("regionsettings.differ", n=len(diff)))
    st.button(t("regionsettings.save"), on_click=guard(_save), args=(current,))
