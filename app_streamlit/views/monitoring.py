"""Мониторинг программы: indicators against targets, their trends, the road map, idle pairs."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_streamlit import state
from app_streamlit.components.charts import indicator_lines
from app_streamlit.components.empty_store import require_data
from labels import t

st.title(t("monitoring.page.title"))
require_data()

REGION = ""
c1, c2 = st.columns([3, 1])
as_of = c2.date_input(t("monitoring.page.as_of"), value=dt.date.today(), key="mon_as_of",
                      format="DD.MM.YYYY")  # fmt: skip
base = state.monitoring(as_of)
muni = c1.selectbox(
    t("ui.filter.municipality"),
    [REGION, *base.municipalities],
    format_func=lambda m: m or t("monitoring.scope.region"),
    key="mon_muni",
)
view = state.monitoring(as_of, muni or None)
tables = state.monitoring_rendered(as_of, muni or None, "tables")
st.caption(
    t("monitoring.report.scope", scope=muni or t("monitoring.scope.region"))
    + " · "
    + t("monitoring.report.period", period=view.period)
)

st.subheader(t("monitoring.report.indicators"))
st.dataframe(tables["indicators"], hide_index=True, width="stretch")
for note in dict.fromkeys(n for n in view.table["note"] if n):
    st.info(note)

# The indicators' charts drawn by the browser (the report's PNGs take seconds to draw).
lines = indicator_lines(view)
if lines:
    st.subheader(t("monitoring.report.charts"))
    columns = st.columns(2)
    for i, chart in enumerate(lines):
        columns[i % 2].altair_chart(chart, width="stretch")

st.subheader(t("monitoring.report.roadmap"))
road = view.roadmap
if len(road):
    counts = road["state"].value_counts()
    m = st.columns(3)
    for col, state_code in zip(m, ("done", "in_progress", "overdue"), strict=True):
        col.metric(t(f"monitoring.roadmap.{state_code}"), int(counts.get(state_code, 0)))
    st.dataframe(tables["roadmap"], hide_index=True, width="stretch")
else:
    st.info(t("monitoring.report.no_roadmap"))

left, right = st.columns(2)
with left:
    st.subheader(t("monitoring.report.idle"))
    if len(tables["idle_pairs"]):
        st.dataframe(tables["idle_pairs"], hide_index=True, width="stretch")
    else:
        st.caption(t("monitoring.report.none"))
with right:
    st.subheader(t("monitoring.report.alone"))
    if len(tables["alone"]):
        st.dataframe(tables["alone"], hide_index=True, width="stretch")
    else:
        st.caption(t("monitoring.report.none"))

st.subheader(t("monitoring.report.effect"))
st.markdown(view.effect_summary)

st.subheader(t("monitoring.report.conclusions"))
st.markdown("\n".join(f"- {line}" for line in view.conclusions))

name = f"monitoring_{as_of:%Y-%m-%d}"
d1, d2 = st.columns(2)
d1.download_button(
    t("monitoring.page.download_docx"),
    data=lambda: state.monitoring_rendered(as_of, muni or None, "docx"),  # made when pressed
    file_name=f"{name}.docx",
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    key="mon_docx",
)
d2.download_button(
    t("monitoring.page.download_xlsx"),
    data=lambda: state.monitoring_rendered(as_of, muni or None, "xlsx"),
    file_name=f"{name}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="mon_xlsx",
)
