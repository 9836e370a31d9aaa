"""«Журнал изменений»: who changed what and when, with filters and a chain check."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_streamlit import state
from labels import t
from loaders.writers import frame_to_xlsx
from services import audit
from services.errors import UserError

st.title(t("access.ui.page.audit"))
actor = state.actor()
cols = st.columns(3)
since = cols[0].date_input(t("access.ui.audit.since"), value=dt.date.today() - dt.timedelta(30))
who = cols[1].text_input(t("access.ui.audit.who"))
action = cols[2].text_input(t("access.ui.audit.action"))
if st.checkbox(t("auditlog.only_signin")):
    action = "signin"
try:
    table = audit.audit_table(
        state.store(), actor, since if isinstance(since, dt.date) else None, who.strip(),
        action.strip(),
    )  # fmt: skip
except UserError as exc:
    st.error(str(exc))
    st.stop()
st.dataframe(
    table.rename(columns={c: t(f"auditlog.col.{c}") for c in table.columns}), hide_index=True
)
if st.button(t("access.ui.audit.verify")):
    check = audit.verify_audit(state.store(), actor)
    (st.success if check.ok else st.error)(check.message)
st.download_button(
    t("access.ui.audit.download"), frame_to_xlsx(table, "audit"), file_name="audit.xlsx"
)
