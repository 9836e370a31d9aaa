"""A built-in account's sign-in that survives a page reload: a signed, expiring session token.

Streamlit forgets ``st.session_state`` when the page reloads (a new websocket, a new session).
After a built-in account signs in, the page keeps a token in a cookie; a new session reads it
back (``st.context.cookies``) and, if it is still good, continues as that user. The token is

- signed (HMAC-SHA1 through ``itsdangerous``) with a server secret kept outside the code:
  ``SCHOOLNET_SESSION_SECRET``, or else a random secret of this process (a restart of the app
  then asks everyone to sign in again);
- expiring: it carries the time it was signed and is refused after the session time-out
  (``SCHOOLNET_SESSION_MINUTES``); the page signs a fresh one while the user is active;
- bound to the user and revocable: it carries the login and the account's ``session_epoch``,
  which a sign-out, a disable and a password change move on, so every token signed before is
  refused from then on.

It names no role or area: those are read from the store each time, so a role change applies.

Examples
--------
>>> from graph.embedded import EmbeddedStore
>>> from services.access import LOCAL
>>> from services.users import add_user
>>> store = EmbeddedStore(":memory:")
>>> _ = add_user(store, LOCAL, "petrova", "observer", password="correct horse battery")
>>> secret = b"x" * 32
>>> token = session_token(store, "petrova", secret)
>>> actor_for_token(store, token, secret, minutes=30).login
'petrova'
>>> actor_for_token(store, token[:-2] + "xx", secret, minutes=30) is None  # tampered
True
>>> end_sessions(store, "petrova")
>>> actor_for_token(store, token, secret, minutes=30) is None  # signed out: revoked
True
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping

from itsdangerous import BadData, URLSafeTimedSerializer

from graph.store import Store
from services.access import AccessDenied, Actor, unguarded

__all__ = [
    "MIN_SECRET_LENGTH",
    "SESSION_COOKIE",
    "actor_for_token",
    "check_secret",
    "end_sessions",
    "session_secret",
    "session_token",
]

SESSION_COOKIE = "schoolnet_session"
MIN_SECRET_LENGTH = 32
_SALT = "schoolnet.session"
_PROCESS_SECRET = secrets.token_bytes(32)  # when no secret is configured: this process only


@unguarded("checks a setting before the app starts; reads no data")
def check_secret(env: Mapping[str, str] | None = None) -> None:
    """``AccessDenied`` when ``SCHOOLNET_SESSION_SECRET`` is set but too short to be safe."""
    env = os.environ if env is None else env
    raw = env.get("SCHOOLNET_SESSION_SECRET", "")
    if raw and len(raw.strip()) < MIN_SECRET_LENGTH:
        raise AccessDenied("sessions.secret_short", n=MIN_SECRET_LENGTH)


@unguarded("the server's signing secret; reads no data")
def session_secret(env: Mapping[str, str] | None = None) -> bytes:
    """The server secret tokens are signed with (configured, or this process's random one)."""
    env = os.environ if env is None else env
    raw = env.get("SCHOOLNET_SESSION_SECRET", "").strip()
    return raw.encode("utf-8") if raw else _PROCESS_SECRET


def _serializer(secret: bytes) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=_SALT)


@unguarded("sign-in: signs a token for the browser of a user who has just signed in")
def session_token(store: Store, login: str, secret: bytes) -> str:
    """A token standing for ``login``'s current sessions (signed now)."""
    user = store.access().get_user(login)
    if user is None:
        raise AccessDenied("access.no_such_user", login=login)
    return str(_serializer(secret).dumps({"u": user.login, "e": user.session_epoch}))


@unguarded("sign-in: the user a token presented by the browser stands for, if it still holds")
def actor_for_token(store: Store, token: str, secret: bytes, minutes: int) -> Actor | None:
    """The actor of a good token; None when it is forged, expired, revoked or the user is
    disabled, gone or no longer a built-in account."""
    try:
        data = _serializer(secret).loads(token, max_age=minutes * 60)
        login, epoch = str(data["u"]), int(data["e"])
    except (BadData, KeyError, TypeError, ValueError):
        return None
    try:
        user = store.access().get_user(login)
    except ValueError:
        return None
    if user is None or user.disabled or user.password_hash is None:
        return None
    if user.session_epoch != epoch:
        return None
    return Actor.from_user(user)


@unguarded("sign-out: the user's own session tokens are revoked; no data changes")
def end_sessions(store: Store, login: str) -> None:
    """Revoke every token signed so far for ``login`` (a sign-out ends them everywhere)."""
    records = store.access()
    user = records.get_user(login)
    if user is not None:
        records.put_user(user.model_copy(update={"session_epoch": user.session_epoch + 1}))
