"""Подбор пар: run the optimiser, accept / reject / swap pairs, export the draft order."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analysis.settings import AnalysisSettings
from app_streamlit import state
from app_streamlit.boundary import guard
from app_streamlit.components.completeness import explain
from app_streamlit.components.empty_store import require_data
from app_streamlit.components.planner_form import planner_settings_form
from app_streamlit.components.region_settings import save_settings
from app_streamlit.components.tables import frame_to_xlsx, present
from labels import t
from labels.formats import fmt_number

st.title(t("ui.page.planner"))
require_data()
explain("planner")
st.caption(t("ui.planner.intro"))

saved = st.session_state.get("planner_settings_json")
region = state.region_settings()
# The form's values are this session's what-if; the region's saved settings are where it starts.
current = AnalysisSettings.model_validate_json(saved) if saved else region
submitted = planner_settings_form(state.municipalities(), current)
if submitted is not None:
    st.session_state["planner_settings_json"] = submitted.model_dump_json()
    current = submitted
elif saved is None:
    st.info(t("ui.planner.press_run"))
    st.stop()
save_settings(current, region)

for message in st.session_state.pop("planner_messages", []):
    st.success(message)

plan = state.plan_pairs(current)
pairs, unpaired = plan.pairs, plan.unpaired

m1, m2, m3 = st.columns(3)
m1.metric(t("ui.planner.n_pairs"), len(pairs))
m2.metric(t("ui.planner.n_unpaired"), len(unpaired))
m3.metric(t("ui.planner.total_cost"), fmt_number(pairs["cost"].sum(), 2) if len(pairs) else "—")

st.date_input(
    t("ui.planner.start_date"), value=dt.date.today(), format="DD.MM.YYYY", key="planner_start"
)

# --- suggested pairs ----------------------------------------------------------------------------
st.subheader(t("ui.planner.pairs"))
if pairs.empty:
    st.caption(t("ui.planner.no_pairs"))
else:
    st.dataframe(
        present(
            pairs,
            [
                "mentee_name",
                "tutor_name",
                "cost",
                "distance_km",
                "reason",
                "focus_subjects",
                "social_gap",
                "subject_fit",
                "mentee_municipality",
                "tutor_municipality",
            ],
        ),
        hide_index=True,
        width="stretch",
        column_config={
            t("ui.col.cost"): st.column_config.NumberColumn(format="%.2f"),
            t("ui.col.social_gap"): st.column_config.NumberColumn(format="%.2f"),
            t("ui.col.distance_km"): st.column_config.NumberColumn(format="%.0f"),
            t("ui.col.subject_fit"): st.column_config.NumberColumn(format="%.2f"),
            t("ui.col.reason"): st.column_config.TextColumn(width="large"),
        },
    )
    by_mentee = {str(r["mentee_school_id"]): r for r in pairs.to_dict("records")}

    def pair_label(mentee_id: str) -> str:
        r = by_mentee[mentee_id]
        return f"{r['mentee_name']} → {r['tutor_name']} ({fmt_number(r['cost'], 2)})"

    chosen = st.multiselect(
        t("ui.planner.choose_pairs"),
        list(by_mentee),
        format_func=pair_label,
        key="planner_chosen",
        placeholder=t("ui.filter.choose"),
    )
    st.text_input(t("ui.planner.reject_reason"), key="planner_reject_reason")

    # Writes run in callbacks, before the rerun, which then shows an emptied choice. Widget
    # values are read from the session: they may have changed in the same round trip.
    def accept(every: bool) -> None:
        targets = list(by_mentee) if every else st.session_state.get("planner_chosen", [])
        day = st.session_state.get("planner_start")
        accepted: list[str] = st.session_state.setdefault("planner_accepted", [])
        for mentee_id in targets:
            r = by_mentee[mentee_id]
            focus = list(r["focus_subjects"] or [])
            accepted.append(state.accept_pair(mentee_id, str(r["tutor_school_id"]), focus, day))
        st.session_state["planner_messages"] = [t("ui.planner.accepted", n=len(targets))]
        st.session_state["planner_chosen"] = []

    def reject() -> None:
        targets = st.session_state.get("planner_chosen", [])
        why = st.session_state.get("planner_reject_reason", "")
        for mentee_id in targets:
            state.reject_pair(mentee_id, str(by_mentee[mentee_id]["tutor_school_id"]), why)
        st.session_state["planner_messages"] = [t("ui.planner.rejected", n=len(targets))]
        st.session_state["planner_chosen"] = []

    b1, b2, b3 = st.columns(3)
    b1.button(
        t("ui.planner.accept_all"),
        key="planner_accept_all",
        on_click=guard(accept),
        args=(True,),
    )
    b2.button(
        t("ui.planner.accept"),
        type="primary",
        disabled=not chosen,
        key="planner_accept",
        on_click=guard(accept),
        args=(False,),
    )
    b3.button(
        t("ui.planner.reject"),
        disabled=not chosen,
        key="planner_reject",
        on_click=guard(reject),
    )

    plan_table = present(pairs, ["mentee_name", "mentee_municipality", "tutor_name",
                                 "tutor_municipality", "cost", "distance_km", "focus_subjects",
                                 "reason"])  # fmt: skip
    st.download_button(
        t("ui.planner.plan_download"),
        data=lambda: frame_to_xlsx(plan_table, t("ui.planner.pairs")),
        file_name="predlozhennye_pary.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="planner_plan_download",
    )

# --- unpaired mentees ---------------------------------------------------------------------------
st.subheader(t("ui.planner.unpaired"))
if unpaired.empty:
    st.caption(t("ui.planner.all_paired"))
else:
    st.dataframe(
        present(unpaired, ["mentee_name", "municipality", "reason", "hint"]),
        hide_index=True,
        width="stretch",
    )

# --- a tutor chosen by hand ----------------------------------------------------------------------
st.subheader(t("ui.planner.swap"))
mentees = {
    **{str(r["mentee_school_id"]): str(r["mentee_name"]) for r in pairs.to_dict("records")},
    **{str(r["mentee_school_id"]): str(r["mentee_name"]) for r in unpaired.to_dict("records")},
}
if mentees:
    mentee_id = st.selectbox(
        t("ui.planner.swap_mentee"), list(mentees), format_func=mentees.__getitem__, key="swap_m"
    )
    options = state.tutor_options(mentee_id, current)
    feasible = options[options["feasible"].astype(bool)] if len(options) else options
    if feasible.empty:
        st.warning(t("ui.planner.swap_none"))
    else:
        tutors = {
            str(r["tutor_school_id"]): f"{r['tutor_name']} ({fmt_number(r['cost'], 2)})"
            for r in feasible.to_dict("records")
        }
        tutor_id = st.selectbox(
            t("ui.planner.swap_tutor"), list(tutors), format_func=tutors.__getitem__, key="swap_t"
        )
        verdict = state.evaluate_pair(mentee_id, tutor_id, current)
        st.markdown(
            t("ui.planner.swap_cost", cost=fmt_number(verdict["cost"], 2))
            + f" — {verdict['reason']}"
        )
        focus = [
            list(r["focus_subjects"] or [])
            for r in pairs.to_dict("records")
            if str(r["mentee_school_id"]) == mentee_id
        ]

        def accept_swap() -> None:
            day = st.session_state.get("planner_start")
            pid = state.accept_pair(mentee_id, tutor_id, focus[0] if focus else [], day)
            st.session_state.setdefault("planner_accepted", []).append(pid)
            st.session_state["planner_messages"] = [t("ui.planner.accepted", n=1)]

        st.button(
            t("ui.planner.swap_accept"),
            key="swap_accept",
            disabled=not verdict.get("feasible", True),
            on_click=guard(accept_swap),
        )
        with st.expander(t("ui.planner.swap_all_options")):
            st.dataframe(present(options), hide_index=True, width="stretch")

# --- the draft order ----------------------------------------------------------------------------
st.subheader(t("ui.planner.order"))
accepted_ids = st.session_state.get("planner_accepted", [])
if not accepted_ids:
    st.caption(t("ui.planner.order_empty"))
else:
    st.caption(t("ui.planner.order_help", n=len(accepted_ids)))
    st.download_button(
        t("ui.planner.order_download"),
        data=state.draft_order_download(accepted_ids),
        file_name="proekt_prikaza_pary.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="planner_order",
    )
