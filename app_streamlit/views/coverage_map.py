"""Карта покрытия: schools by status, pairs by activity, ШНОР without a partner; coverage."""

from __future__ import annotations

import streamlit as st

from app_streamlit import state
from app_streamlit.components.completeness import explain
from app_streamlit.components.empty_store import require_data
from app_streamlit.components.map_view import coverage_deck, legend_html
from app_streamlit.components.tables import (
    filter_frame,
    options_of,
    percent_columns,
    present,
    value_label,
)
from labels import t

st.title(t("ui.page.coverage"))
require_data()
explain("coverage")

data = state.map_data()
schools = data.schools

c1, c2, c3 = st.columns([2, 2, 1.4])
munis = c1.multiselect(
    t("ui.filter.municipality"),
    options_of(schools["municipality"]),
    key="map_muni",
    placeholder=t("ui.filter.any"),
)
statuses = c2.multiselect(
    t("ui.col.status"),
    options_of(schools["status"]),
    format_func=lambda s: value_label("status.", s),
    key="map_status",
    placeholder=t("ui.filter.any"),
)
only_alone = c3.toggle(t("ui.map.only_alone"), key="map_alone")
show_links = c3.toggle(t("ui.map.show_links"), value=True, key="map_links")
basemap = c3.toggle(
    t("ui.map.basemap"), value=True, key="map_basemap", help=t("ui.map.basemap_help")
)

points = filter_frame(schools, {"municipality": munis, "status": statuses})
if only_alone:
    points = points[points["is_low_without_partner"].astype(bool)]
links = data.links
if munis and {"tutor_school_id", "mentee_school_id"} <= set(links.columns):
    ids = set(points["school_id"])
    links = links[links["tutor_school_id"].isin(ids) | links["mentee_school_id"].isin(ids)]

n_alone = int(points["is_low_without_partner"].astype(bool).sum())
n_missing = int(points[["lat", "lon"]].isna().any(axis=1).sum())
st.caption(t("ui.map.summary", n=len(points), alone=n_alone, links=len(links)))
if n_missing:
    st.caption(t("ui.map.no_coordinates", n=n_missing))
st.pydeck_chart(coverage_deck(points, links, basemap=basemap, show_links=show_links), height=560)
st.html(legend_html())

st.subheader(t("ui.coverage.table"))
table = state.coverage_table()
shown = table if not munis else table[table["municipality"].isin([*munis, table.iloc[-1, 0]])]
st.dataframe(present(shown), hide_index=True, width="stretch", column_config=percent_columns(shown))
st.download_button(
    t("ui.coverage.download"),
    data=state.coverage_xlsx(table),
    file_name="pokrytie_po_municipalitetam.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="coverage_download",
)
