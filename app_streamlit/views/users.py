"""«Пользователи»: users, roles and scopes (regional role; the services refuse anyone else)."""

from __future__ import annotations

import streamlit as st

from app_streamlit import state
from app_streamlit.components.user_fields import role_scope_fields
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
    login = st.text_input(t("access.ui.login"), key="add_login")
    name = st.text_input(t("access.ui.users.name"), key="add_name")
    added = role_scope_fields("add", state.municipalities())
    password = st.text_input(t("access.ui.users.password"), type="password", key="add_password")
    if st.form_submit_button(t("access.ui.submit")):
        try:
            users.add_user(
                state.store(), actor, login, added.role, name, added.municipalities,
                added.schools, password or None,
            )  # fmt: skip
            st.success(t("access.ui.users.saved"))
        except UserError as exc:
            st.error(str(exc))

with st.form("set_role"):
    st.subheader(t("usersroles.set_role"))
    who = st.text_input(t("access.ui.login"), key="role_login")
    changed = role_scope_fields("role", state.municipalities())
    if st.form_submit_button(t("usersroles.set_role")):
        try:
            users.set_role(
                state.store(), actor, who, changed.role, changed.municipalities, changed.schools
            )
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
