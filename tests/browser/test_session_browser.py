"""A built-in account's sign-in survives a page reload, in Chromium; its token is checked.

Signed in, the page keeps a signed session token in a cookie: a reload (a new Streamlit
session) continues as the same user; after signing out, a reload shows the sign-in form, and
the old token is refused even when the browser presents it again; a tampered token is refused.
"""

from __future__ import annotations

from typing import Any

import pytest

from labels import t
from services.sessions import SESSION_COOKIE
from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, settle
from tests.browser.test_signin_browser import (
    PASSWORD,
    USERS,
    _account_sign_in,
    accounts_app,
)

pytestmark = pytest.mark.browser
__all__ = ["accounts_app"]  # the fixture, shared with test_signin_browser

LOGIN = "reg@region.ru"


def _signed_in_text() -> str:
    role, name = USERS[LOGIN]
    return t("access.ui.signed_in", name=name, role=t(f"access.role.{role}"))


def _wait_signed_in(page: Any) -> None:
    page.get_by_text(_signed_in_text()).wait_for(timeout=90_000)
    settle(page)


def _wait_form(page: Any) -> None:
    page.get_by_role("button", name=t("access.ui.submit")).wait_for(timeout=90_000)
    settle(page)
    assert _signed_in_text() not in page.locator("body").inner_text()


def _token(context: Any) -> str | None:
    found = [c for c in context.cookies() if c["name"] == SESSION_COOKIE]
    return str(found[0]["value"]) if found and found[0]["value"] else None


def _present(context: Any, url: str, token: str) -> None:
    context.add_cookies([{"name": SESSION_COOKIE, "value": token, "url": url}])


def test_sign_in_survives_a_reload_until_sign_out(accounts_app: dict[str, Any]) -> None:
    from playwright.sync_api import sync_playwright

    url = accounts_app["url"]
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = chromium.new_context(locale="ru-RU")
        page = context.new_page()
        try:
            _account_sign_in(page, url, LOGIN, PASSWORD)
            _wait_signed_in(page)
            token = _token(context)
            assert token and PASSWORD not in token
            page.reload()
            _wait_signed_in(page)
            page.get_by_role("link", name=t("access.ui.page.users")).wait_for(timeout=60_000)

            # A tampered token (its signature, then its payload) is refused.
            assert token is not None
            payload, _, rest = token.partition(".")
            sig = token.rsplit(".", 1)[1]  # its first character: no padding bits there
            for forged in (token[: -len(sig)] + ("A" if sig[0] != "A" else "B") + sig[1:],
                           payload[:-1] + ("x" if payload[-1] != "x" else "y") + "." + rest):
                _present(context, url, forged)
                page.reload()
                _wait_form(page)

            _account_sign_in(page, url, LOGIN, PASSWORD)
            _wait_signed_in(page)
            kept = _token(context)
            assert kept is not None
            page.get_by_role("button", name=t("access.ui.logout")).click()
            _wait_form(page)
            page.reload()
            _wait_form(page)
            assert _token(context) is None  # the page deleted it
            _present(context, url, kept)  # and had it kept a copy, it is revoked
            page.reload()
            _wait_form(page)
        finally:
            context.close()
            chromium.close()
