"""Обзор: the region or one municipality at a glance, with trends over the years."""

from __future__ import annotations

import streamlit as st

from app_streamlit import state
from app_streamlit.components import charts
from app_streamlit.components.completeness import completeness_banner, completeness_section
from app_streamlit.components.empty_store import require_data
from app_streamlit.components.tables import col, share_percent, value_label
from labels import t
from labels.formats import fmt_count
from services.completeness import Gap, gap_text, share_text

st.title(t("ui.page.overview"))
require_data()
completeness_banner()

ALL = ""
chosen = st.session_state.get("overview_municipality", ALL)
ov = state.overview(municipality=chosen or None)

st.selectbox(
    t("ui.filter.municipality"),
    [ALL, *ov.municipalities],
    format_func=lambda m: m or t("ui.filter.whole_region"),
    key="overview_municipality",
)

counts = st.columns(len(ov.counts) or 1)
for column, (name, value) in zip(counts, ov.counts.items(), strict=False):
    column.metric(value_label("ui.overview.count.", name), fmt_count(value))

left, right = st.columns(2)
with left:
    st.subheader(t("ui.overview.partnerships"))
    activity = ov.activity
    if activity.empty or int(activity["n"].sum()) == 0:
        st.caption(t("ui.overview.no_partnerships"))
    else:
        bars = activity.assign(label=[value_label("activity.", a) for a in activity["activity"]])
        st.altair_chart(
            charts.bar_chart(bars, "label", "n", title=t("ui.overview.n_partnerships"), height=140),
            width="stretch",
        )
    st.metric(t("ui.overview.events_this_year"), ov.events_this_year)
with right:
    st.subheader(t("ui.overview.coverage"))
    cov = ov.coverage
    cells = st.columns(2)
    shown = [
        ("low_with_active_pair", "low_schools"),
        ("low_with_curator", "low_schools"),
        ("low_teachers_in_association", "low_teachers"),
        ("low_teachers_at_event", "low_teachers"),
        ("dormant_pairs", None),
        ("low_without_feasible_tutor", None),
    ]
    for i, (name, total) in enumerate(n for n in shown if n[0] in cov):
        cell = cells[i % 2]
        label = t(f"ui.overview.cov.{name}")
        if total:
            cell.metric(label, share_percent(cov[name], cov.get(total)), help=col(name))
            cell.caption(share_text(cov[name], cov.get(total)))
        else:
            cell.metric(label, str(cov[name]), help=col(name))

st.subheader(t("ui.overview.trends"))
if ov.trends.empty or ov.trends["year"].nunique() < 2:
    st.caption(t("ui.overview.no_trends"))
else:
    # Result indexes and event counts differ in scale: one chart each.
    events_series = t("services.trend.events")
    index_part = ov.trends[ov.trends["series"] != events_series]
    events_part = ov.trends[ov.trends["series"] == events_series]
    a, b = st.columns(2)
    if index_part.empty:
        a.caption(t("ui.overview.no_trends"))
    else:
        a.altair_chart(
            charts.series_chart(index_part, y_title=t("ui.card.result_index")), width="stretch"
        )
    if events_part.empty or not events_part["value"].astype(float).any():
        # No chart of zeros: say what is missing instead.
        b.caption(gap_text(Gap("no_events")))
    else:
        b.altair_chart(charts.series_chart(events_part, y_title=events_series), width="stretch")

st.divider()
completeness_section()
