"""Школы: the filterable table of every school's status, and one school's card."""

from __future__ import annotations

import streamlit as st

from app_streamlit import state
from app_streamlit.components.big_table import page_of, whole_table_download
from app_streamlit.components.completeness import explain
from app_streamlit.components.empty_store import require_data
from app_streamlit.components.school_card import render_school_card
from app_streamlit.components.tables import filter_frame, options_of, present, value_label
from labels import t

st.title(t("ui.page.schools"))
require_data()
explain("schools")

table = state.identification_table()

c1, c2, c3, c4 = st.columns(4)
chosen = {
    "municipality": c1.multiselect(
        t("ui.filter.municipality"),
        options_of(table["municipality"]),
        key="schools_muni",
        placeholder=t("ui.filter.any"),
    ),
    "status": c2.multiselect(
        t("ui.col.status"),
        options_of(table["status"]),
        format_func=lambda s: value_label("status.", s),
        key="schools_status",
        placeholder=t("ui.filter.any"),
    ),
    "context_band": c3.multiselect(
        t("ui.col.context_band"),
        options_of(table["context_band"]),
        key="schools_band",
        placeholder=t("ui.filter.any"),
    ),
    "settlement_type": c4.multiselect(
        t("ui.col.settlement_type"),
        options_of(table["settlement_type"]),
        format_func=lambda s: value_label("ui.settlement.", s),
        key="schools_settlement",
        placeholder=t("ui.filter.any"),
    ),
}
text = st.text_input(t("ui.filter.search"), key="schools_search")
shown = filter_frame(table, chosen, text, ("name", "school_id"))

st.caption(t("ui.schools.count", n=len(shown), total=len(table)))
COLUMNS = [
    "name",
    "municipality",
    "status",
    "unfavourable",
    "official_low_results",
    "official_tutor",
    "context_band",
    "settlement_type",
    "weak_subjects",
    "strong_subjects",
    "reason",
]
# A country's table is shown a page at a time (Russian headers and values for that page
# only); the whole filtered table is one download away.
page = page_of(shown, "schools_page")
st.dataframe(
    present(page, COLUMNS),
    hide_index=True,
    width="stretch",
    height=360 if len(page) > 10 else "auto",
)
if len(page) < len(shown):
    whole_table_download(
        lambda: present(shown, COLUMNS), len(shown), "schools_download", "shkoly.csv"
    )

if shown.empty:
    st.stop()
names = dict(zip(page["school_id"], page["name"] + " — " + page["municipality"], strict=True))
school_id = st.selectbox(
    t("ui.schools.card_for"),
    list(names),
    format_func=names.__getitem__,
    key="schools_card",
    help=t("scale.card.from_page") if len(page) < len(shown) else None,
)
st.divider()
render_school_card(state.school_card(school_id))
