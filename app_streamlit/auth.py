"""Who is using the app: sign-in before any page, and the acting user every service call gets.

``SCHOOLNET_SIGNIN`` chooses the mode (validated by ``schoolnet app`` before it starts):

- ``off`` (default): no sign-in; the single local user with every right (the app then
  listens on 127.0.0.1 only);
- ``accounts``: built-in accounts kept in the store (Argon2id, lock-out);
- ``oidc``: the region's identity provider through Streamlit's own ``st.login`` (configured in
  ``.streamlit/secrets.toml``, section ``[auth]``); the signed-in e-mail must be a user of the
  store (``schoolnet users add``).

A session ends after ``SCHOOLNET_SESSION_MINUTES`` without activity.
"""

from __future__ import annotations

import os
import time

import streamlit as st

from labels import t
from services.access import LOCAL, AccessDenied, Actor

__all__ = ["gate", "mode", "session_actor", "sign_out"]

_ACTOR = "schoolnet_actor"
_SEEN = "schoolnet_last_seen"


def mode() -> str:
    return os.environ.get("SCHOOLNET_SIGNIN", "off").strip().lower() or "off"


def session_actor() -> Actor:
    """The signed-in actor of this session; the local user when sign-in is off."""
    if mode() == "off":
        return LOCAL
    actor = st.session_state.get(_ACTOR)
    if not isinstance(actor, Actor):
        st.stop()  # no page runs before sign-in
    return actor


def sign_out() -> None:
    st.session_state.pop(_ACTOR, None)
    st.session_state.pop(_SEEN, None)
    if mode() == "oidc" and st.user.is_logged_in:
        st.logout()


def _expired(minutes: int) -> bool:
    seen = st.session_state.get(_SEEN)
    now = time.monotonic()
    st.session_state[_SEEN] = now
    return isinstance(seen, float) and now - seen > minutes * 60


def gate() -> Actor:
    """The actor of this session, or a sign-in form and ``st.stop()``."""
    if mode() == "off":
        return LOCAL
    from app_streamlit import state
    from services.signin import SignInPolicy, actor_for_identity, sign_in

    policy = SignInPolicy.from_env()
    actor = st.session_state.get(_ACTOR)
    if isinstance(actor, Actor) and _expired(policy.session_minutes):
        sign_out()
        st.warning(t("access.ui.expired", n=policy.session_minutes))
        actor = None
    if isinstance(actor, Actor):
        return actor
    if mode() == "oidc":
        if not st.user.is_logged_in:
            st.title(t("access.ui.title"))
            st.button(t("access.ui.oidc"), on_click=st.login, type="primary")
            st.stop()
        try:
            actor = actor_for_identity(
                state.store(), str(st.user.get("email") or ""), str(st.user.get("sub") or "")
            )
        except AccessDenied as exc:
            st.error(str(exc))
            st.button(t("access.ui.logout"), on_click=st.logout)
            st.stop()
    else:
        # The form goes away as soon as the user is known: the page the address asked for then
        # runs in this same run (a rerun would fall back to the default page).
        box = st.empty()
        with box.container():
            st.title(t("access.ui.title"))
            with st.form("signin"):
                login = st.text_input(t("access.ui.login"))
                password = st.text_input(t("access.ui.password"), type="password")
                submitted = st.form_submit_button(t("access.ui.submit"), type="primary")
        if not submitted:
            st.stop()
        try:
            actor = sign_in(state.store(), login, password, policy)
        except AccessDenied as exc:
            st.error(str(exc))
            st.stop()
        box.empty()
    st.session_state[_ACTOR] = actor
    st.session_state[_SEEN] = time.monotonic()
    return actor
