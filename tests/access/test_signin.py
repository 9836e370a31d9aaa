"""Sign-in: built-in accounts with lock-out, identities from the provider, start-up checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.access import AccessRole
from graph.embedded import EmbeddedStore
from services.access import LOCAL, AccessDenied
from services.signin import SignInPolicy, actor_for_identity, check_app_settings, sign_in
from services.users import add_user, disable_user, set_password

PASSWORD = "correct horse battery"
NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    s = EmbeddedStore(tmp_path / "users.db")
    add_user(s, LOCAL, "petrova", "curator", "Петрова П. П.", schools=["101"], password=PASSWORD)
    add_user(s, LOCAL, "ivanova@rayon.ru", "coordinator", "Иванова", ["Озёрск"])
    return s


def test_right_password_gives_the_actor(store: EmbeddedStore) -> None:
    actor = sign_in(store, "Petrova", PASSWORD, now=NOW)
    assert actor.login == "petrova" and actor.role is AccessRole.curator
    assert actor.schools == frozenset({"101"}) and not actor.local


@pytest.mark.parametrize("login", ["petrova", "nobody", "ivanova@rayon.ru", ""])
def test_wrong_login_or_password_says_the_same(store: EmbeddedStore, login: str) -> None:
    with pytest.raises(AccessDenied) as denied:
        sign_in(store, login, "wrong password!", now=NOW)
    assert denied.value.code == "access.signin.failed"


def test_lock_out_after_repeated_failures(store: EmbeddedStore) -> None:
    policy = SignInPolicy(max_failures=3, lock_minutes=15)
    for _ in range(2):
        with pytest.raises(AccessDenied, match="Неверное"):
            sign_in(store, "petrova", "wrong password!", policy, now=NOW)
    with pytest.raises(AccessDenied) as denied:
        sign_in(store, "petrova", "wrong password!", policy, now=NOW)
    assert denied.value.code == "access.signin.locked"
    # locked: even the right password is refused until the lock ends
    with pytest.raises(AccessDenied) as denied:
        sign_in(store, "petrova", PASSWORD, policy, now=NOW + dt.timedelta(minutes=14))
    assert denied.value.code == "access.signin.locked"
    assert sign_in(store, "petrova", PASSWORD, policy, now=NOW + dt.timedelta(minutes=16))
    user = store.access().get_user("petrova")
    assert user is not None and user.failed_logins == 0 and user.locked_until is None


def test_new_password_lifts_the_lock(store: EmbeddedStore) -> None:
    policy = SignInPolicy(max_failures=1)
    with pytest.raises(AccessDenied):
        sign_in(store, "petrova", "wrong password!", policy, now=NOW)
    set_password(store, LOCAL, "petrova", "another long password")
    assert sign_in(store, "petrova", "another long password", policy, now=NOW).login == "petrova"
    actions = [e.action for e in store.access().audit_entries()]
    assert actions == ["user.add", "user.add", "signin.lockout", "user.password"]
    assert "argon2" not in str([e.after for e in store.access().audit_entries()])


def test_disabled_account_cannot_sign_in(store: EmbeddedStore) -> None:
    disable_user(store, LOCAL, "petrova")
    with pytest.raises(AccessDenied) as denied:
        sign_in(store, "petrova", PASSWORD, now=NOW)
    assert denied.value.code == "access.signin.disabled"


def test_identity_from_the_provider(store: EmbeddedStore) -> None:
    actor = actor_for_identity(store, "Ivanova@Rayon.ru", "sub-1")
    assert actor.role is AccessRole.coordinator and actor.municipalities == {"Озёрск"}
    with pytest.raises(AccessDenied, match="не зарегистрирован"):
        actor_for_identity(store, "stranger@example.org", "sub-2")


def test_without_sign_in_only_loopback(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    assert check_app_settings(None, secrets, {}) == "off"
    assert check_app_settings("127.0.0.1", secrets, {}) == "off"
    with pytest.raises(AccessDenied, match=r"только 127\.0\.0\.1"):
        check_app_settings("0.0.0.0", secrets, {})
    assert check_app_settings("0.0.0.0", secrets, {"SCHOOLNET_SIGNIN": "accounts"}) == "accounts"
    with pytest.raises(AccessDenied, match="off, accounts или oidc"):
        check_app_settings(None, secrets, {"SCHOOLNET_SIGNIN": "ldap"})
    with pytest.raises(AccessDenied, match="SCHOOLNET_SESSION_MINUTES"):
        check_app_settings(None, secrets, {"SCHOOLNET_SESSION_MINUTES": "ten"})


def test_oidc_settings_are_checked(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    env = {"SCHOOLNET_SIGNIN": "oidc"}
    with pytest.raises(AccessDenied, match="server_metadata_url"):
        check_app_settings("0.0.0.0", secrets, env)
    secrets.write_text(
        '[auth]\nredirect_uri = "https://schoolnet.example/oauth2callback"\n'
        'cookie_secret = "s3cr3t"\nclient_id = "schoolnet"\nclient_secret = "x"\n'
        'server_metadata_url = "https://id.example/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    assert check_app_settings("0.0.0.0", secrets, env) == "oidc"


def test_app_refuses_a_public_address_without_sign_in(monkeypatch, capsys, tmp_path) -> None:
    from schoolnet.cli import main

    monkeypatch.delenv("SCHOOLNET_SIGNIN", raising=False)
    db = tmp_path / "x.db"
    assert main(["app", "--db", str(db), "--address", "0.0.0.0"]) == 1
    assert "только 127.0.0.1" in capsys.readouterr().err


def test_app_with_accounts_needs_a_user(monkeypatch, capsys, tmp_path) -> None:
    from schoolnet.cli import main

    monkeypatch.setenv("SCHOOLNET_SIGNIN", "accounts")
    assert main(["app", "--db", str(tmp_path / "x.db"), "--address", "0.0.0.0"]) == 1
    assert "пользователей нет" in capsys.readouterr().err


def test_failed_sign_ins_and_lock_outs_are_in_the_audit_log(store: EmbeddedStore) -> None:
    policy = SignInPolicy(max_failures=2, lock_minutes=15)
    before = len(store.access().audit_entries())
    attempts = [
        ("nobody", "a guess at it!"),
        ("petrova", "wrong password!"),
        ("petrova", "wrong again!!"),  # the second in a row: locked
        ("petrova", PASSWORD),  # right, but locked
    ]
    for login, password in attempts:
        with pytest.raises(AccessDenied):
            sign_in(store, login, password, policy, now=NOW)
    disable_user(store, LOCAL, "ivanova@rayon.ru")
    entries = store.access().audit_entries()[before:]
    got = [(e.actor, e.action, (e.after or {}).get("reason")) for e in entries]
    assert got == [
        ("nobody", "signin.failed", "unknown"),
        ("petrova", "signin.failed", "password"),
        ("petrova", "signin.lockout", None),
        ("petrova", "signin.failed", "locked"),
        ("local", "user.disable", None),
    ]
    assert entries[2].after["locked_until"] == (NOW + dt.timedelta(minutes=15)).isoformat()
    text = " ".join(e.model_dump_json() for e in store.access().audit_entries())
    for _, password in attempts:
        assert password not in text
    assert "argon2" not in text
    assert store.access().verify().ok
