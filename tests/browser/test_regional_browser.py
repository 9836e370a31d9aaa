"""The regional role through the real OpenID Connect provider, in Chromium: it sees «Пользователи»
and «Журнал изменений», changes a user's role there, and the change is in the log (in the
store, and in the log the page hands out)."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
import pytest

from labels import t
from tests.browser.support import settle
from tests.browser.test_signin_browser import (
    _audit,
    _goto,
    _menu,
    _oidc_sign_in,
    browser,
    oidc_app,
)

pytestmark = pytest.mark.browser
__all__ = ["browser", "oidc_app"]  # the fixtures, shared with test_signin_browser

TARGET = "obs@region.ru"


def _choose(form: Any, page: Any, label: str, option: str) -> None:
    """Pick ``option`` in the select box or multiselect labelled ``label`` inside ``form``."""
    form.locator('[data-testid="stSelectbox"], [data-testid="stMultiSelect"]').filter(
        has_text=label
    ).first.click()
    page.get_by_role("option", name=option, exact=True).first.click()


def test_regional_user_changes_a_role_and_it_is_logged(browser: Any, oidc_app: dict) -> None:
    page = browser
    before = len(_audit(oidc_app["db"]))
    _oidc_sign_in(page, oidc_app, "reg@region.ru")
    menu = _menu(page)
    assert t("access.ui.page.users") in menu and t("access.ui.page.audit") in menu
    page.get_by_role("link", name=t("access.ui.page.users")).click()
    page.get_by_role("heading", name=t("access.ui.page.users"), level=1).wait_for(timeout=90_000)
    settle(page)
    form = page.locator('[data-testid="stForm"]').filter(has_text=t("usersroles.set_role"))
    form.get_by_label(t("access.ui.login")).fill(TARGET)
    _choose(form, page, t("access.ui.users.role"), t("access.role.coordinator"))
    _choose(form, page, t("access.ui.users.municipalities"), oidc_app["home"])
    page.keyboard.press("Escape")
    form.get_by_role("button", name=t("usersroles.set_role")).click()
    page.get_by_text(t("access.ui.users.saved")).wait_for(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0

    entries = _audit(oidc_app["db"])
    assert len(entries) == before + 1  # one change, one entry
    last = entries[-1]
    assert (last.actor, last.action, last.target) == ("reg@region.ru", "user.set_role", TARGET)
    assert (last.before["role"], last.after["role"]) == ("observer", "coordinator")
    assert last.after["municipalities"] == [oidc_app["home"]]

    # The log as «Журнал изменений» hands it out has the change too.
    _goto(page, oidc_app, "audit", "access.ui.page.audit")
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name=t("access.ui.audit.download")).click()
    path = download.value.path()
    table = pd.read_excel(io.BytesIO(path.read_bytes()) if path else io.BytesIO())
    rows = table[(table["action"] == "user.set_role") & (table["target"] == TARGET)]
    assert list(rows["actor"]) == ["reg@region.ru"]
    assert "coordinator" in str(rows["after"].iloc[0])
