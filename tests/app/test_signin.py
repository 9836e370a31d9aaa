"""The app with built-in accounts: a sign-in form first, then the menu of the user's role."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from services.access import LOCAL
from services.users import add_user
from tests.app.conftest import APP

PASSWORD = "correct horse battery"


def _app() -> AppTest:
    return AppTest.from_file(str(APP / "app.py"), default_timeout=120)


@pytest.fixture
def accounts(fresh_db: Path, use_db: Callable[[Path], None], open_db, monkeypatch) -> Path:
    use_db(fresh_db)
    monkeypatch.setenv("SCHOOLNET_SIGNIN", "accounts")
    store = open_db(fresh_db)
    school = str(store.query("schools")[0]["school_id"])
    add_user(store, LOCAL, "petrova", "curator", "Петрова П. П.", schools=[school],
             password=PASSWORD)  # fmt: skip
    add_user(store, LOCAL, "admin", "regional", "Смирнова", password=PASSWORD)
    return fresh_db


def _sign_in(at: AppTest, login: str, password: str) -> AppTest:
    at.text_input[0].input(login)
    at.text_input[1].input(password)
    at.button[0].click()
    return at.run()


def test_nothing_before_sign_in(accounts: Path) -> None:
    at = _app().run()
    assert not at.exception
    assert [ti.label for ti in at.text_input] == ["Имя пользователя", "Пароль"]
    assert not at.dataframe  # no page ran


def test_wrong_password_is_refused(accounts: Path) -> None:
    at = _sign_in(_app().run(), "petrova", "not the password")
    assert any("Неверное имя пользователя или пароль" in e.value for e in at.error)


def test_curator_sees_only_the_curator_menu(accounts: Path) -> None:
    at = _sign_in(_app().run(), "petrova", PASSWORD)
    assert not at.exception
    text = " ".join(c.value for c in at.sidebar.caption)
    assert "Петрова П. П." in text and "куратор" in text
    assert not at.sidebar.selectbox  # no role picker for a signed-in user


def test_regional_user_signs_in(accounts: Path) -> None:
    at = _sign_in(_app().run(), "admin", PASSWORD)
    assert not at.exception
    assert "региональный координатор" in " ".join(c.value for c in at.sidebar.caption)


def test_failed_sign_ins_are_shown_in_the_change_log(
    fresh_db: Path, use_db: Callable[[Path], None], open_db
) -> None:
    from services.access import AccessDenied
    from services.signin import SignInPolicy, sign_in
    from tests.app.conftest import page

    use_db(fresh_db)
    store = open_db(fresh_db)
    add_user(store, LOCAL, "petrova", "observer", password=PASSWORD)
    for password in ("wrong one!", "wrong two!"):
        with pytest.raises(AccessDenied):
            sign_in(store, "petrova", password, SignInPolicy(max_failures=2))
    with pytest.raises(AccessDenied):
        sign_in(store, "nobody", "a guess at it", SignInPolicy(max_failures=2))
    at = page("audit_log").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "Что сделано" in table.columns and "Кто" in table.columns
    at.checkbox[0].check().run()
    table = at.dataframe[0].value
    rows = list(zip(table["Кто"], table["Что сделано"], strict=True))
    assert rows == [
        ("petrova", "Неудачный вход"),
        ("petrova", "Вход заблокирован после неудачных попыток"),
        ("nobody", "Неудачный вход"),
    ]
    text = table.to_string()
    assert "wrong one" not in text and "a guess" not in text
