"""Users, roles and scopes: adding, listing, changing and disabling them (regional role only).

Every change is recorded in the audit log with the user's public record before and after (never
the password hash). Passwords of built-in accounts are hashed with Argon2id.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from argon2 import PasswordHasher
from pydantic import ValidationError

from graph.access import AccessRole, User
from graph.store import Store
from services.access import (
    AccessDenied,
    Actor,
    Right,
    guarded,
    school_municipalities,
    unguarded,
)
from services.audit import draft

__all__ = [
    "MIN_PASSWORD",
    "ROLES",
    "USER_COLUMNS",
    "add_user",
    "disable_user",
    "hash_password",
    "list_users",
    "set_password",
    "set_role",
]

MIN_PASSWORD = 10
ROLES: tuple[str, ...] = tuple(sorted(role.value for role in AccessRole))
"""The roles a user may be given, in the order forms offer them (the first is the default)."""
USER_COLUMNS = ["login", "name", "role", "municipalities", "schools", "disabled", "password_set"]
_HASHER = PasswordHasher()  # Argon2id with the library's recommended parameters


@unguarded("pure: hashes a password, reads and writes nothing")
def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccessDenied("access.password_short", n=MIN_PASSWORD)
    return _HASHER.hash(password)


def _checked(
    store: Store,
    login: str,
    role: str,
    name: str,
    municipalities: Iterable[str],
    schools: Iterable[str],
) -> User:
    try:
        access_role = AccessRole(role)
    except ValueError:
        raise AccessDenied("access.bad_role", value=role) from None
    try:
        user = User(
            login=login,
            name=name,
            role=access_role,
            municipalities=tuple(municipalities),
            schools=tuple(schools),
        )
    except ValidationError:
        raise AccessDenied("access.bad_login", value=login) from None
    if user.role is AccessRole.coordinator and not user.municipalities:
        raise AccessDenied("access.coordinator_needs_municipality")
    if user.role is AccessRole.curator and not user.schools:
        raise AccessDenied("access.curator_needs_school")
    known = school_municipalities(store)
    if known:  # an empty store: users may be set up before the first import
        unknown_m = sorted(set(user.municipalities) - set(known.values()))
        if unknown_m:
            raise AccessDenied("access.unknown_municipality", names=", ".join(unknown_m))
        unknown_s = sorted(set(user.schools) - set(known))
        if unknown_s:
            raise AccessDenied("access.unknown_school", ids=", ".join(unknown_s))
    return user


@guarded(Right.manage_users, writes=True)
def add_user(
    store: Store,
    actor: Actor,
    login: str,
    role: str,
    name: str = "",
    municipalities: Iterable[str] = (),
    schools: Iterable[str] = (),
    password: str | None = None,
) -> User:
    """A new user; ``password`` makes it a built-in account (else it signs in through OIDC)."""
    user = _checked(store, login, role, name, municipalities, schools)
    records = store.access()
    if records.get_user(user.login) is not None:
        raise AccessDenied("access.user_exists", login=user.login)
    if password is not None:
        user = user.model_copy(update={"password_hash": hash_password(password)})
    records.put_user(user, audit=draft(actor, "user.add", user.login, None, user.public()))
    return user


def _existing(store: Store, login: str) -> User:
    user = store.access().get_user(login)
    if user is None:
        raise AccessDenied("access.no_such_user", login=login)
    return user


@guarded(Right.manage_users)
def list_users(store: Store, actor: Actor) -> pd.DataFrame:
    rows = [u.public() for u in store.access().list_users()]
    for row in rows:
        row["municipalities"] = "; ".join(row["municipalities"])
        row["schools"] = "; ".join(row["schools"])
    return pd.DataFrame(rows, columns=USER_COLUMNS)


@guarded(Right.manage_users, writes=True)
def set_role(
    store: Store,
    actor: Actor,
    login: str,
    role: str,
    municipalities: Iterable[str] = (),
    schools: Iterable[str] = (),
) -> User:
    """Change a user's role and scope (the scope is replaced, not merged)."""
    old = _existing(store, login)
    new = _checked(store, old.login, role, old.name, municipalities, schools)
    new = new.model_copy(
        update={"password_hash": old.password_hash, "disabled": old.disabled}
    )
    if new == old:
        return old
    store.access().put_user(
        new, audit=draft(actor, "user.set_role", new.login, old.public(), new.public())
    )
    return new


@guarded(Right.manage_users, writes=True)
def disable_user(store: Store, actor: Actor, login: str, disabled: bool = True) -> User:
    """Disable (or enable again) a user; a disabled user cannot sign in."""
    old = _existing(store, login)
    if old.login == actor.login and disabled:
        raise AccessDenied("access.cannot_disable_self")
    new = old.model_copy(
        update={
            "disabled": disabled,
            "failed_logins": 0,
            "locked_until": None,
            "session_epoch": old.session_epoch + int(disabled),  # ends the user's sessions
        }
    )
    if new == old:
        return old
    action = "user.disable" if disabled else "user.enable"
    store.access().put_user(new, audit=draft(actor, action, new.login, old.public(), new.public()))
    return new


@guarded(Right.manage_users, writes=True)
def set_password(store: Store, actor: Actor, login: str, password: str) -> User:
    """Set a built-in account's password (and lift a lock-out)."""
    old = _existing(store, login)
    new = old.model_copy(
        update={
            "password_hash": hash_password(password),
            "failed_logins": 0,
            "locked_until": None,
            "session_epoch": old.session_epoch + 1,  # a new password ends the old sessions
        }
    )
    store.access().put_user(
        new, audit=draft(actor, "user.password", new.login, None, {"password_set": True})
    )
    return new
