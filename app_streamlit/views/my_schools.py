"""Мои школы: a curator's schools (status, pair, activity, open deficits) and their network."""

from __future__ import annotations

import streamlit as st

from app_streamlit import state
from app_streamlit.components.completeness import explain
from app_streamlit.components.empty_store import require_data
from app_streamlit.components.network_panel import show_network
from app_streamlit.components.tables import present
from labels import t

st.title(t("ui.page.my_schools"))
require_data()
explained = explain("my_schools")

people = state.curators()
if people.empty:
    if "no_curators" not in explained:
        st.info(t("ui.curator.none"))
    st.stop()
names = {
    str(r["curator_id"]): str(r["full_name"])
    + (f" ({r['organisation']})" if r.get("organisation") else "")
    for r in people.to_dict("records")
}
curator_id = st.selectbox(
    t("ui.curator.choose"), list(names), format_func=names.__getitem__, key="curator"
)

schools = state.curator_schools(curator_id)
st.subheader(t("ui.curator.schools", n=len(schools)))
if schools.empty:
    st.caption(t("ui.curator.no_schools"))
else:
    st.dataframe(present(schools, values={"status": "status."}), hide_index=True, width="stretch")

st.subheader(t("ui.curator.network"))
limit = st.select_slider(
    t("ui.curator.node_limit"), options=[50, 100, 200, 300, 400], value=200, key="curator_limit"
)
show_network(
    state.curator_network(curator_id, max_nodes=int(limit)), height=600, max_nodes=int(limit)
)
