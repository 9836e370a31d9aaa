"""«Пользователи»: users, roles and scopes (regional role; the services refuse anyone else)."""

from __future__ import annotations

import streamlit as st

from app_streamlit import state
from labels import t
from services import users
from services.errors import UserError

st.title(t("access.ui.page.users"))
actor = state.actor()
try:
    st.dataframe(users.list_users(state.store(), actor), hide_index=True)
except UserError as exc:
    st.error(str(exc))
    st.stop()

with st.form("add_user", clear_on_submit=True):
    st.subheader(t("access.ui.users.add"))
    login = st.text_input(t("access.ui.login"))
    name = st.text_input(t("access.ui.users.name"))
    role = st.selectbox(
        t("access.ui.users.role"),
        ["coordinator", "curator", "observer", "regional"],
        format_func=lambda r: t(f"access.role.{r}"),
    )
    munis = st.multiselect(t("access.ui.users.municipalities"), state.municipalities())
    schools = st.text_input(t("access.ui.users.schools"))
    password = st.text_input(t("access.ui.users.password"), type="password")
    if st.form_submit_button(t("access.ui.submit")):
        try:
            users.add_user(
                state.store(), actor, login, role, name, munis,
                [s for s in schools.split(";") if s.strip()], password or None,
            )  # fmt: skip
            st.success(t("access.ui.users.saved"))
        except UserError as exc:
            st.error(str(exc))

with st.form("set_role"):
    st.subheader(t("usersroles.set_role"))
    who = st.text_input(t("access.ui.login"), key="role_login")
    new_role = st.selectbox(
        t("access.ui.users.role"),
        ["coordinator", "curator", "observer", "regional"],
        format_func=lambda r: t(f"access.role.{r}"),
        key="role_role",
    )
    new_munis = st.multiselect(
        t("access.ui.users.municipalities"), state.municipalities(), key="role_munis"
    )
    new_schools = st.text_input(t("access.ui.users.schools"), key="role_schools")
    if st.form_submit_button(t("usersroles.set_role")):
        try:
            users.set_role(
                state.store(), actor, who, new_role, new_munis,
                [s for s in new_schools.split(";") if s.strip()],
            )  # fmt: skip
            st.success(t("access.ui.users.saved"))
        except UserError as exc:
            st.error(str(exc))

with st.form("disable_user"):
    st.subheader(t("access.ui.users.disable"))
    who = st.text_input(t("access.ui.login"), key="disable_login")
    if st.form_submit_button(t("access.ui.users.disable")):
        try:
            users.disable_user(state.store(), actor, who)
            st.success(t("access.ui.users.saved"))
        except UserError as exc:
            st.error(str(exc))
