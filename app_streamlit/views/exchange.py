"""Обмен опытом: partnerships by activity (dormant first), a timeline, the event form."""

from __future__ import annotations

import streamlit as st

from app_streamlit import state
from app_streamlit.components.completeness import explain
from app_streamlit.components.empty_store import require_data
from app_streamlit.components.event_form import event_form
from app_streamlit.components.tables import filter_frame, options_of, present, value_label
from labels import t
from services.errors import UserError

st.title(t("ui.page.exchange"))
require_data()
explained = explain("exchange")

for message in st.session_state.pop("exchange_messages", []):
    st.success(message)

table = state.exchange_table()
if table.empty:
    if "no_partnerships" not in explained:
        st.info(t("ui.exchange.none"))
    st.stop()

counts = table["activity"].value_counts()
cols = st.columns(len(counts) + 1)
cols[0].metric(t("ui.exchange.n_pairs"), len(table))
for column, (activity, n) in zip(cols[1:], counts.items(), strict=True):
    column.metric(value_label("activity.", activity), int(n))

c1, c2, c3 = st.columns(3)
shown = filter_frame(
    table,
    {
        "municipality": c1.multiselect(
            t("ui.filter.municipality"),
            options_of(table["municipality"]),
            key="ex_muni",
            placeholder=t("ui.filter.any"),
        ),
        "activity": c2.multiselect(
            t("ui.col.activity"),
            options_of(table["activity"]),
            format_func=lambda a: value_label("activity.", a),
            key="ex_activity",
            placeholder=t("ui.filter.any"),
        ),
    },
    c3.text_input(t("ui.filter.search"), key="ex_search"),
    ("tutor_name", "mentee_name"),
)
st.dataframe(
    present(
        shown,
        [
            "mentee_name",
            "tutor_name",
            "municipality",
            "status",
            "activity",
            "last_joint_event",
            "events_90d",
            "events_365d",
            "mentee_teachers_involved",
            "mentee_teacher_share",
            "focus_subjects",
            "subjects_missing",
        ],
        values={"status": "ui.pstatus."},
    ),
    hide_index=True,
    width="stretch",
    column_config={
        t("ui.col.mentee_teacher_share"): st.column_config.ProgressColumn(
            min_value=0.0, max_value=1.0, format="percent"
        )
    },
)
if shown.empty:
    st.stop()

st.divider()
records = {
    str(r["partnership_id"]): {str(k): v for k, v in r.items()} for r in shown.to_dict("records")
}
pid = st.selectbox(
    t("ui.exchange.choose"),
    list(records),
    format_func=lambda p: (
        f"{records[p]['mentee_name']} ← {records[p]['tutor_name']} · "
        f"{value_label('activity.', records[p]['activity'])}"
    ),
    key="ex_partnership",
)
pair = records[pid]
timeline_col, form_col = st.columns([1, 1])
with timeline_col:
    st.subheader(t("ui.exchange.timeline"))
    timeline = state.partnership_timeline(pid)
    if timeline.empty:
        st.caption(t("ui.exchange.no_events"))
    else:
        st.dataframe(
            present(
                timeline,
                [
                    "date",
                    "title",
                    "kind",
                    "subject",
                    "format",
                    "n_tutor_teachers",
                    "n_mentee_teachers",
                ],
            ),
            hide_index=True,
            width="stretch",
        )
with form_col:
    st.subheader(t("ui.exchange.log_event"))
    fields = event_form(pair, state.partnership_teachers(pid), state.event_kinds())
    if fields is not None:
        try:
            event_id = state.log_event(fields)
        except UserError as exc:
            st.error(str(exc))
        else:
            st.session_state["exchange_messages"] = [t("ui.exchange.logged", id=event_id)]
            st.rerun()
