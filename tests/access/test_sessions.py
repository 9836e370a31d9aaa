"""Session tokens of built-in accounts: signed, expiring, bound to the user, revocable."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from services.access import LOCAL, AccessDenied
from services.sessions import (
    actor_for_token,
    check_secret,
    end_sessions,
    session_secret,
    session_token,
)
from services.signin import check_app_settings
from services.users import add_user, disable_user, set_password, set_role

PASSWORD = "correct horse battery"
SECRET = b"s" * 32


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    s = EmbeddedStore(tmp_path / "users.db")
    add_user(s, LOCAL, "petrova", "observer", "Петрова П. П.", password=PASSWORD)
    add_user(s, LOCAL, "ivanova@rayon.ru", "observer", "Иванова")  # signs in through OIDC
    return s


def test_token_stands_for_the_user_until_it_expires(
    store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = session_token(store, "petrova", SECRET)
    actor = actor_for_token(store, token, SECRET, minutes=30)
    assert actor is not None and actor.login == "petrova" and actor.name == "Петрова П. П."
    later = time.time() + 31 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert actor_for_token(store, token, SECRET, minutes=30) is None
    assert actor_for_token(store, token, SECRET, minutes=60) is not None


def test_forged_or_tampered_tokens_are_refused(store: EmbeddedStore) -> None:
    token = session_token(store, "petrova", SECRET)
    payload, _, rest = token.partition(".")
    assert actor_for_token(store, token, b"another secret of 32 bytes......", 30) is None
    # Change the signature's first character: all six of its bits count (the last one's low bits
    # may be padding, so flipping it can decode to the same bytes).
    signed, _, signature = token.rpartition(".")
    flipped = f"{signed}.{'g' if signature[0] == 'A' else 'A'}{signature[1:]}"
    assert actor_for_token(store, flipped, SECRET, 30) is None
    # The payload of another user with this token's signature.
    other = session_token(store, "ivanova@rayon.ru", SECRET).partition(".")[0]
    assert actor_for_token(store, f"{other}.{rest}", SECRET, 30) is None
    for junk in ("", "x", "a.b.c", payload):
        assert actor_for_token(store, junk, SECRET, 30) is None


@pytest.mark.parametrize("how", ["sign_out", "disable", "password"])
def test_sign_out_disable_and_new_password_revoke(store: EmbeddedStore, how: str) -> None:
    token = session_token(store, "petrova", SECRET)
    if how == "sign_out":
        end_sessions(store, "petrova")
    elif how == "disable":
        disable_user(store, LOCAL, "petrova")
        disable_user(store, LOCAL, "petrova", disabled=False)  # enabled again: still revoked
    else:
        set_password(store, LOCAL, "petrova", "another long password")
    assert actor_for_token(store, token, SECRET, 30) is None
    fresh = session_token(store, "petrova", SECRET)
    assert actor_for_token(store, fresh, SECRET, 30) is not None


def test_role_comes_from_the_store_not_the_token(store: EmbeddedStore) -> None:
    token = session_token(store, "petrova", SECRET)
    set_role(store, LOCAL, "petrova", "regional")
    actor = actor_for_token(store, token, SECRET, 30)
    assert actor is not None and actor.role.value == "regional"


def test_an_account_without_password_gets_no_session(store: EmbeddedStore) -> None:
    token = session_token(store, "ivanova@rayon.ru", SECRET)
    assert actor_for_token(store, token, SECRET, 30) is None


def test_secret_comes_from_the_environment(tmp_path: Path) -> None:
    assert session_secret({"SCHOOLNET_SESSION_SECRET": "k" * 40}) == b"k" * 40
    assert session_secret({}) == session_secret({})  # this process's own, stable
    assert len(session_secret({})) == 32
    check_secret({"SCHOOLNET_SESSION_SECRET": "k" * 32})
    with pytest.raises(AccessDenied) as denied:
        check_app_settings(
            "127.0.0.1", tmp_path / "none.toml",
            {"SCHOOLNET_SIGNIN": "accounts", "SCHOOLNET_SESSION_SECRET": "short"},
        )  # fmt: skip
    assert denied.value.code == "sessions.secret_short"
