"""Signing in: a built-in account (Argon2id, lock-out) or the region's identity provider.

Both give the :class:`services.access.Actor` every later service call takes. A failed password
counts against the account; after ``max_failures`` in a row it is locked for
``lock_minutes`` (the message says until when, and a regional user can lift it by setting a
new password). Every failed sign-in (``signin.failed``: the login tried and why) and every
lock-out (``signin.lockout``) is appended to the audit log, in the same transaction as the
account's counters. Neither the password nor its hash is ever logged or recorded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from graph.access import LOGIN_PATTERN, AuditDraft
from graph.store import Store
from services.access import AccessDenied, Actor, unguarded
from services.sessions import check_secret

__all__ = [
    "LOCAL_ADDRESSES",
    "OIDC_KEYS",
    "SignInPolicy",
    "actor_for_identity",
    "check_app_settings",
    "sign_in",
]

_HASHER = PasswordHasher()
# Verified when the login is unknown too, so that the answer takes as long either way.
_DUMMY = _HASHER.hash("schoolnet-no-such-user")


@dataclass(frozen=True)
class SignInPolicy:
    """Lock-out and session time-out (minutes); from ``SCHOOLNET_*`` variables."""

    max_failures: int = 5
    lock_minutes: int = 15
    session_minutes: int = 30

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SignInPolicy:
        env = os.environ if env is None else env
        values = {}
        for name, var in (
            ("max_failures", "SCHOOLNET_LOCKOUT_ATTEMPTS"),
            ("lock_minutes", "SCHOOLNET_LOCKOUT_MINUTES"),
            ("session_minutes", "SCHOOLNET_SESSION_MINUTES"),
        ):
            raw = env.get(var, "").strip()
            if raw:
                if not raw.isdigit() or int(raw) < 1:
                    raise AccessDenied("access.settings.bad_number", name=var, value=raw)
                values[name] = int(raw)
        return cls(**values)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@unguarded("sign-in: establishes who acts; reads one account and updates its counters")
def sign_in(
    store: Store,
    login: str,
    password: str,
    policy: SignInPolicy | None = None,
    now: dt.datetime | None = None,
) -> Actor:
    """The actor of a built-in account, or ``AccessDenied`` (one message for a wrong login or
    password, so that nobody learns which logins exist)."""
    policy = policy or SignInPolicy()
    now = now or _now()
    records = store.access()
    user = records.get_user(login) if _valid_login(login) else None
    if user is None or user.password_hash is None:
        with contextlib.suppress(VerificationError):
            _HASHER.verify(_DUMMY, password + "x")
        records.append_audit(_failure(login, "unknown"))
        raise AccessDenied("access.signin.failed")
    if user.locked_until and dt.datetime.fromisoformat(user.locked_until) > now:
        records.append_audit(_failure(user.login, "locked", locked_until=user.locked_until))
        until = dt.datetime.fromisoformat(user.locked_until).astimezone()
        raise AccessDenied("access.signin.locked", until=until.strftime("%H:%M"))
    try:
        _HASHER.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        failures = user.failed_logins + 1
        locked = None
        if failures >= policy.max_failures:
            locked = (now + dt.timedelta(minutes=policy.lock_minutes)).isoformat()
            entry = AuditDraft(
                actor=user.login, action="signin.lockout", target=user.login,
                after={"failures": failures, "locked_until": locked},
            )  # fmt: skip
            failures = 0
        else:
            entry = _failure(user.login, "password", failures=failures)
        update = {"failed_logins": failures, "locked_until": locked}
        records.put_user(user.model_copy(update=update), audit=entry)
        if locked:
            until = dt.datetime.fromisoformat(locked).astimezone()
            raise AccessDenied("access.signin.locked", until=until.strftime("%H:%M")) from None
        raise AccessDenied("access.signin.failed") from None
    if user.disabled:
        records.append_audit(_failure(user.login, "disabled"))
        raise AccessDenied("access.signin.disabled")
    fresh: dict[str, object] = {"failed_logins": 0, "locked_until": None}
    if _HASHER.check_needs_rehash(user.password_hash):
        fresh["password_hash"] = _HASHER.hash(password)
    if user.failed_logins or user.locked_until or "password_hash" in fresh:
        records.put_user(user.model_copy(update=fresh))
    return Actor.from_user(user)


def _valid_login(login: str) -> bool:
    return LOGIN_PATTERN.fullmatch(login.strip()) is not None


def _failure(login: str, reason: str, **details: object) -> AuditDraft:
    """A failed sign-in for the log: the login tried (cut short), why; never the password."""
    who = " ".join(login.split())[:128] or "?"
    return AuditDraft(
        actor=who, action="signin.failed", target=who, after={"reason": reason, **details}
    )


@unguarded("sign-in: maps an identity the provider vouched for to a user of the store")
def actor_for_identity(store: Store, email: str | None, subject: str | None = None) -> Actor:
    """The actor of a user signed in through OpenID Connect, found by e-mail (or subject)."""
    records = store.access()
    for key in (email, subject):
        if not key:
            continue
        try:
            user = records.get_user(key)
        except ValueError:
            user = None
        if user is not None:
            if user.disabled:
                raise AccessDenied("access.signin.disabled")
            return Actor.from_user(user)
    raise AccessDenied("access.signin.unknown", who=email or subject or "?")


LOCAL_ADDRESSES = ("127.0.0.1", "localhost", "::1")
OIDC_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")


@unguarded("checks the sign-in settings before the app starts; reads no data")
def check_app_settings(
    address: str | None, secrets: Path, env: Mapping[str, str] | None = None
) -> str:
    """The sign-in mode, after checking it can work; ``AccessDenied`` with what to fix.

    Without sign-in only a loopback address is allowed.
    """
    import tomllib

    env = os.environ if env is None else env
    mode = env.get("SCHOOLNET_SIGNIN", "off").strip().lower() or "off"
    if mode not in ("off", "accounts", "oidc"):
        raise AccessDenied("access.settings.bad_mode", value=mode)
    SignInPolicy.from_env(env)
    check_secret(env)
    if mode == "off" and address not in (None, "", *LOCAL_ADDRESSES):
        raise AccessDenied("access.settings.refuse_address", address=address)
    if mode == "oidc":
        try:
            auth = tomllib.loads(secrets.read_text(encoding="utf-8")).get("auth", {})
        except (OSError, tomllib.TOMLDecodeError):
            auth = {}
        if not all(str(auth.get(k, "")).strip() for k in OIDC_KEYS):
            keys = ", ".join(OIDC_KEYS)
            raise AccessDenied("access.settings.oidc_missing", path=secrets, keys=keys)
    return mode
