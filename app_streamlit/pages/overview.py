"""Обзор: the region or one municipality at a glance, with trends over the years."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_streamlit import state
from app_streamlit.components import charts
from app_streamlit.components.empty_store import require_data
from app_streamlit.components.tables import value_label
from schoolnet.i18n import t

st.title(t("ui.page.overview"))
require_data()

ALL = ""
chosen = st.session_state.get("overview_municipality", ALL)
ov = state.overview(chosen or None)

st.selectbox(
    t("ui.filter.municipality"),
    [ALL, *ov.municipalities],
    format_func=lambda m: m or t("ui.filter.whole_region"),
    key="overview_municipality",
)

st.subheader(t("ui.overview.schools"))
count_cols = st.columns(len(ov.counts) or 1)
for column, (name, value) in zip(count_cols, ov.counts.items(), strict=False):
    column.metric(value_label("ui.overview.count.", name), value)

left, right = st.columns(2)
with left:
    st.subheader(t("ui.overview.partnerships"))
    activity = ov.activity.copy()
    if activity.empty or int(activity["n"].sum()) == 0:
        st.caption(t("ui.overview.no_partnerships"))
    else:
        activity["label"] = [value_label("activity.", a) for a in activity["activity"]]
        st.altair_chart(
            charts.bar_chart(activity, "label", "n", title=t("ui.overview.n_partnerships")),
            width="stretch",
        )
    st.metric(t("ui.overview.events_this_year"), ov.events_this_year)
with right:
    st.subheader(t("ui.overview.coverage"))
    cov_cols = st.columns(2)
    shown = [(k, v) for k, v in ov.coverage.items() if k != "municipality"]
    for i, (name, value) in enumerate(shown):
        text = f"{value:.0%}" if isinstance(value, float) and 0 <= value <= 1 else value
        if isinstance(value, float) and pd.isna(value):
            text = "—"
        cov_cols[i % 2].metric(value_label("ui.col.", name), text)

st.subheader(t("ui.overview.trends"))
if ov.trends.empty:
    st.caption(t("ui.overview.no_trends"))
else:
    st.altair_chart(
        charts.series_chart(
            ov.trends,
            names={s: value_label("ui.trend.", s) for s in ov.trends["series"].unique()},
        ),
        width="stretch",
    )
