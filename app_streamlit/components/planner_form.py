"""The planner's settings form: municipalities, capacity, radius, band gap and cost weights."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from analysis.settings import AnalysisSettings
from labels import t

__all__ = ["planner_settings_form"]

_WEIGHTS = (
    "weight_social_gap",
    "weight_distance",
    "weight_subject_misfit",
    "weight_level_mismatch",
)


def planner_settings_form(
    municipalities: Sequence[str], current: AnalysisSettings
) -> AnalysisSettings | None:
    """Show the form; return the new settings when it was submitted, else None."""
    d = current
    with st.form("planner_settings"):
        munis = st.multiselect(
            t("ui.planner.municipalities"),
            list(municipalities),
            default=[m for m in d.municipalities if m in municipalities],
            placeholder=t("ui.filter.whole_region"),
            help=t("analysis.setting.municipalities"),
        )
        c1, c2 = st.columns(2)
        max_km = c1.slider(
            t("ui.planner.max_km"),
            min_value=10,
            max_value=500,
            value=int(d.max_km),
            step=10,
            help=t("analysis.setting.max_km"),
        )
        gap = c2.slider(
            t("ui.planner.max_band_gap"),
            min_value=0,
            max_value=4,
            value=d.max_band_gap,
            help=t("analysis.setting.max_band_gap"),
        )
        c3, c4, c5 = st.columns(3)
        from_data = c3.checkbox(
            t("ui.planner.capacity_from_data"),
            value=d.capacity_override is None,
            help=t("analysis.setting.default_tutor_capacity"),
        )
        capacity = c4.number_input(
            t("ui.planner.capacity"),
            min_value=0,
            max_value=20,
            value=d.capacity_override if d.capacity_override is not None else 2,
            help=t("analysis.setting.capacity_override"),
        )
        cross = c5.checkbox(
            t("ui.planner.cross_municipality"),
            value=d.cross_municipality,
            help=t("analysis.setting.cross_municipality"),
        )
        st.markdown(f"**{t('ui.planner.weights')}**")
        wcols = st.columns(len(_WEIGHTS))
        weights = {
            name: column.number_input(
                t(f"ui.planner.{name}"),
                min_value=0.0,
                max_value=10.0,
                value=float(getattr(d, name)),
                step=0.1,
                help=t(f"analysis.setting.{name}"),
            )
            for column, name in zip(wcols, _WEIGHTS, strict=True)
        }
        submitted = st.form_submit_button(t("ui.planner.run"), type="primary")
    if not submitted:
        return None
    return AnalysisSettings(
        **{
            **current.model_dump(),
            "municipalities": tuple(munis),
            "capacity_override": None if from_data else int(capacity),
            "max_km": float(max_km),
            "max_band_gap": int(gap),
            "cross_municipality": bool(cross),
            **{k: float(v) for k, v in weights.items()},
        }
    )
