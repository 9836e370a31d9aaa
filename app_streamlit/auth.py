"""Who is using the app: sign-in before any page, and the acting user every service call gets.

``SCHOOLNET_SIGNIN`` chooses the mode (validated by ``schoolnet app`` before it starts):

- ``off`` (default): no sign-in; the single local user with every right (the app then
  listens on 127.0.0.1 only);
- ``accounts``: built-in accounts kept in the store (Argon2id, lock-out);
- ``oidc``: the region's identity provider through Streamlit's own ``st.login`` (configured in
  ``.streamlit/secrets.toml``, section ``[auth]``); the signed-in e-mail must be a user of the
  store (``schoolnet users add``).

A session ends after ``SCHOOLNET_SESSION_MINUTES`` without activity. A built-in account's
sign-in survives a page reload through a signed session token kept in a cookie
(:mod:`services.sessions`); OIDC's survives through Streamlit's own cookie.
"""

from __future__ import annotations

import json
import os
import time

import streamlit as st

from labels import t
from services.access import LOCAL, AccessDenied, Actor

__all__ = ["gate", "mode", "session_actor", "sign_out"]

_ACTOR = "schoolnet_actor"
_SEEN = "schoolnet_last_seen"
_TOKEN = "schoolnet_token"  # (token, monotonic time it was signed)
_CLEAR = "schoolnet_clear_cookie"
_REFRESH_S = 60  # an active user's token is signed anew at most once a minute


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
    actor = st.session_state.pop(_ACTOR, None)
    st.session_state.pop(_SEEN, None)
    if st.session_state.pop(_TOKEN, None) is not None and isinstance(actor, Actor):
        from app_streamlit import state
        from services.sessions import end_sessions

        end_sessions(state.store(), actor.login)  # the cookie's token is dead even if kept
    if mode() == "accounts":
        st.session_state[_CLEAR] = True
    if mode() == "oidc" and st.user.is_logged_in:
        st.logout()


def _write_cookie(token: str, max_age: int) -> None:
    """Keep ``token`` in the browser (``max_age`` 0 deletes it).

    Streamlit has no call that sets a cookie, so the page sets it: the token is readable by the
    page's own scripts (no HttpOnly), which is why it is signed, short-lived and revocable.
    """
    from services.sessions import SESSION_COOKIE

    value = json.dumps(f"{SESSION_COOKIE}={token}; Path=/; SameSite=Strict; Max-Age={max_age}")
    script = (
        f"<script>document.cookie = {value} + "
        "(location.protocol === 'https:' ? '; Secure' : '');</script>"
    )
    with st.sidebar:
        st.html(script, unsafe_allow_javascript=True)


def _keep_token(actor: Actor, minutes: int, force: bool = False) -> None:
    """Sign a fresh token for an active user (so the time-out counts from the last activity)."""
    from app_streamlit import state
    from services.sessions import session_secret, session_token

    held = st.session_state.get(_TOKEN)
    now = time.monotonic()
    if not force and isinstance(held, tuple) and now - held[1] < _REFRESH_S:
        return
    token = session_token(state.store(), actor.login, session_secret())
    st.session_state[_TOKEN] = (token, now)
    _write_cookie(token, minutes * 60)


def _token_actor(token: str | None, minutes: int) -> Actor | None:
    if not token:
        return None
    from app_streamlit import state
    from services.sessions import actor_for_token, session_secret

    return actor_for_token(state.store(), token, session_secret(), minutes)


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
    from services.sessions import SESSION_COOKIE
    from services.signin import SignInPolicy, actor_for_identity, sign_in

    policy = SignInPolicy.from_env()
    minutes = policy.session_minutes
    actor = st.session_state.get(_ACTOR)
    if isinstance(actor, Actor) and _expired(minutes):
        sign_out()
        st.warning(t("access.ui.expired", n=minutes))
        actor = None
    if isinstance(actor, Actor) and mode() == "accounts":
        held = st.session_state.get(_TOKEN)
        # Disabled, new password or signed out elsewhere since: this session ends too.
        if not isinstance(held, tuple) or _token_actor(held[0], minutes) is None:
            sign_out()
            actor = None
    if isinstance(actor, Actor):
        if mode() == "accounts":
            _keep_token(actor, minutes)
        return actor
    if st.session_state.pop(_CLEAR, False):
        _write_cookie("", 0)
    elif mode() == "accounts":
        actor = _token_actor(st.context.cookies.get(SESSION_COOKIE), minutes)
        if actor is not None:  # the page was reloaded: the browser's token still holds
            st.session_state[_ACTOR] = actor
            st.session_state[_SEEN] = time.monotonic()
            _keep_token(actor, minutes, force=True)
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
    if mode() == "accounts":
        _keep_token(actor, minutes, force=True)
    return actor
