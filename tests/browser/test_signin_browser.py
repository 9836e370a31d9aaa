"""Signing in, in Chromium: through a real OpenID Connect provider and with built-in accounts.

The test starts ``oidc-provider-mock`` (a real OIDC provider process, on 127.0.0.1) and
``schoolnet app`` with ``SCHOOLNET_SIGNIN=oidc`` and a ``.streamlit/secrets.toml`` pointing at
it; each role signs in through the provider's authorisation page. A second app runs with
built-in accounts and shows the lock-out. Every change made here leaves exactly one audit entry.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.embedded import EmbeddedStore
from labels import t
from services.access import LOCAL
from services.demo import load_demo
from services.importing import import_uploads
from services.users import add_user
from tests.app_server import free_port, serve_app, stop_group
from tests.browser.support import chromium_context, need_chromium, settle

pytestmark = pytest.mark.browser

OTHER = "Заречный район"
PASSWORD = "correct horse battery"
USERS = {
    "reg@region.ru": ("regional", "Смирнова Анна Сергеевна"),
    "coord@region.ru": ("coordinator", "Козлов Кирилл Петрович"),
    "cur@region.ru": ("curator", "Петрова Полина Ивановна"),
    "obs@region.ru": ("observer", "Орлов Олег Олегович"),
}


def _seed(db: Path) -> dict[str, Any]:
    store = EmbeddedStore(db)
    try:
        load_demo(store, size="small", seed=42)
        other = (
            "school_id,name,municipality,lat,lon\n"
            f"Z1,Заречная СОШ,{OTHER},55.1,61.1\nZ2,Заречная ООШ,{OTHER},55.2,61.2\n"
        )
        import_uploads(store, [("schools.csv", other.encode())])
        schools = store.query("schools")
        home = next(str(r["municipality"]) for r in schools if r["municipality"] != OTHER)
        pairs = store.query("partnerships")
        mine = str(pairs[0]["mentee_school_id"])
        for login, (role, name) in USERS.items():
            add_user(
                store, LOCAL, login, role, name,
                municipalities=[home] if role == "coordinator" else [],
                schools=[mine] if role == "curator" else [],
                password=PASSWORD,
            )  # fmt: skip
        store.checkpoint()
        return {
            "home": home,
            "curator_school": mine,
            "school_names": {str(r["school_id"]): str(r["name"]) for r in schools},
            "teachers": sorted({str(r["full_name"]) for r in store.query("teachers")}),
        }
    finally:
        store.close()


@pytest.fixture(scope="module")
def oidc_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    need_chromium()
    work = tmp_path_factory.mktemp("oidc")
    db = work / "app.db"
    facts = _seed(db)
    idp_port, app_port = free_port(), free_port()
    idp_cmd = [
        sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1",
        "--port", str(idp_port),
    ]  # fmt: skip
    for login in USERS:
        idp_cmd += ["--user-claims", json.dumps({"sub": login, "email": login})]
    idp_log = (work / "idp.log").open("wb")
    idp = subprocess.Popen(idp_cmd, stdout=idp_log, stderr=subprocess.STDOUT,
                           start_new_session=True)  # fmt: skip
    app_url = f"http://127.0.0.1:{app_port}"
    idp_url = f"http://127.0.0.1:{idp_port}"
    (work / ".streamlit").mkdir()
    (work / ".streamlit" / "secrets.toml").write_text(
        "[auth]\n"
        f'redirect_uri = "{app_url}/oauth2callback"\n'
        'cookie_secret = "a-long-random-test-cookie-secret-0123456789"\n'
        'client_id = "schoolnet"\nclient_secret = "schoolnet-secret"\n'
        f'server_metadata_url = "{idp_url}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    env = {**os.environ, "SCHOOLNET_SIGNIN": "oidc"}
    try:
        with serve_app(db, work / "app.log", env=env, cwd=work, port=app_port) as url:
            assert url == app_url
            yield {"url": app_url, "idp": idp_url, "db": db, **facts}
    finally:
        stop_group(idp)
        idp_log.close()


@pytest.fixture
def browser(oidc_app: dict[str, Any]) -> Iterator[Any]:
    with chromium_context(only=[oidc_app["url"], oidc_app["idp"]], height=1400) as context:
        yield context.new_page()


def _oidc_sign_in(page: Any, app: dict[str, Any], login: str) -> None:
    page.goto(app["url"])
    page.get_by_role("button", name=t("access.ui.oidc")).click()
    # The provider's own authorisation page: choose the predefined user.
    page.get_by_role("button", name=login, exact=True).click()
    page.wait_for_url(f"{app['url']}/**", timeout=60_000)
    role, name = USERS[login]
    page.get_by_text(t("access.ui.signed_in", name=name, role=t(f"access.role.{role}"))).wait_for(
        timeout=90_000
    )
    page.get_by_role("heading", level=1).first.wait_for(timeout=90_000)
    settle(page)


def _goto(page: Any, app: dict[str, Any], path: str, title_key: str | None = None) -> None:
    """Open a page by its address: a new session, signed in again from the provider's cookie."""
    page.goto(f"{app['url']}/{path}")
    heading = page.get_by_role("heading", level=1)
    if title_key:
        heading = page.get_by_role("heading", name=t(title_key), level=1)
    heading.first.wait_for(timeout=90_000)
    settle(page)


def _menu(page: Any) -> str:
    return str(page.locator('[data-testid="stSidebar"]').inner_text())


def _audit(db: Path) -> list[Any]:
    with EmbeddedStore(db) as store:
        assert store.access().verify().ok
        return store.access().audit_entries()


def test_curator_sees_only_their_schools_and_no_planner(browser: Any, oidc_app: dict) -> None:
    page = browser
    _oidc_sign_in(page, oidc_app, "cur@region.ru")
    # One page only: Streamlit shows no menu at all, the curator's page opens by itself.
    page.get_by_role("heading", name=t("ui.page.my_schools"), level=1).wait_for(timeout=90_000)
    menu = _menu(page)
    assert t("ui.page.planner") not in menu and t("ui.page.import") not in menu
    _goto(page, oidc_app, "planner")
    assert page.get_by_role("heading", name=t("ui.page.planner"), level=1).count() == 0
    _goto(page, oidc_app, "my-schools", "ui.page.my_schools")
    # The network picture of the curator's schools: its nodes are data, not canvas pixels.
    page.frame_locator("iframe").first.locator("#mynetwork canvas").wait_for(timeout=60_000)
    html = page.locator("iframe").first.get_attribute("srcdoc") or ""
    assert set(re.findall(r"School:([\w-]+)", html)) == {oidc_app["curator_school"]}
    assert page.locator('[data-testid="stException"]').count() == 0


def test_observer_sees_no_teacher_name_anywhere(browser: Any, oidc_app: dict) -> None:
    page = browser
    _oidc_sign_in(page, oidc_app, "obs@region.ru")
    assert "app.db" not in _menu(page)  # no server path for anyone but the regional role
    menu = _menu(page)
    assert t("ui.page.overview") in menu and t("ui.page.coverage") in menu
    assert t("ui.page.schools") not in menu and t("ui.page.my_schools") not in menu
    for path in ("overview", "coverage", "schools", "my-schools", "exchange"):
        _goto(page, oidc_app, path)
        text = page.locator("body").inner_text()
        leaked = [name for name in oidc_app["teachers"] if name in text]
        assert leaked == [], f"/{path} shows {leaked[:3]}"
        assert page.locator('[data-testid="stException"]').count() == 0


def test_coordinator_import_of_another_municipality_is_refused(
    browser: Any, oidc_app: dict
) -> None:
    page = browser
    before = len(_audit(oidc_app["db"]))
    _oidc_sign_in(page, oidc_app, "coord@region.ru")
    _goto(page, oidc_app, "import", "ui.page.import")
    foreign = (
        "school_id,name,municipality\n"
        f"Z1,Заречная СОШ № 1,{OTHER}\n"
    ).encode()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [{"name": "schools.csv", "mimeType": "text/csv", "buffer": foreign}]
    )
    page.get_by_text("Загрузка отклонена целиком").wait_for(timeout=60_000)
    assert OTHER in page.locator('[data-testid="stAlert"]').first.inner_text()
    assert len(_audit(oidc_app["db"])) == before  # refused: nothing written, nothing logged
    # An import of the coordinator's own municipality goes through, with one audit entry.
    own = f"school_id,name,municipality\nNEW-1,Новая школа,{oidc_app['home']}\n".encode()
    _goto(page, oidc_app, "import", "ui.page.import")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [{"name": "schools.csv", "mimeType": "text/csv", "buffer": own}]
    )
    page.get_by_role("button", name=t("ui.import.commit")).click()
    page.get_by_text(t("loaders.report.head", rows=1)).wait_for(timeout=60_000)
    entries = _audit(oidc_app["db"])
    assert len(entries) == before + 1
    assert (entries[-1].actor, entries[-1].action) == ("coord@region.ru", "import")
    assert entries[-1].after["rows"] == {"schools": 1}


def test_unknown_identity_is_refused(browser: Any, oidc_app: dict) -> None:
    page = browser
    page.goto(oidc_app["url"])
    page.get_by_role("button", name=t("access.ui.oidc")).click()
    page.locator('input[name="sub"]').fill("stranger@example.org")
    page.get_by_role("button", name="Authorize").click()
    page.get_by_text("не зарегистрирован").wait_for(timeout=90_000)
    assert t("ui.page.overview") not in page.locator("body").inner_text()


# --- built-in accounts -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def accounts_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    need_chromium()
    work = tmp_path_factory.mktemp("accounts")
    db = work / "app.db"
    facts = _seed(db)
    env = {
        **os.environ,
        "SCHOOLNET_SIGNIN": "accounts",
        "SCHOOLNET_LOCKOUT_ATTEMPTS": "3",
        "SCHOOLNET_LOCKOUT_MINUTES": "15",
    }
    with serve_app(db, work / "app.log", env=env, cwd=work) as url:
        yield {"url": url, "db": db, **facts}


def _account_sign_in(page: Any, url: str, login: str, password: str) -> None:
    page.goto(url)
    page.get_by_label(t("access.ui.login")).fill(login)
    page.get_by_label(t("access.ui.password")).fill(password)
    page.get_by_role("button", name=t("access.ui.submit")).click()
    settle(page)


def test_built_in_account_and_lock_out(accounts_app: dict[str, Any]) -> None:
    with chromium_context(only=[accounts_app["url"]]) as context:
        page = context.new_page()
        url = accounts_app["url"]
        for _ in range(2):
            _account_sign_in(page, url, "cur@region.ru", "wrong password")
            page.get_by_text(t("access.signin.failed")).wait_for(timeout=30_000)
        _account_sign_in(page, url, "cur@region.ru", "wrong password")
        page.get_by_text("вход заблокирован до").wait_for(timeout=30_000)
        _account_sign_in(page, url, "cur@region.ru", PASSWORD)  # right, but locked
        page.get_by_text("вход заблокирован до").wait_for(timeout=30_000)
        assert t("ui.page.my_schools") not in page.locator("body").inner_text()
        _account_sign_in(page, url, "reg@region.ru", PASSWORD)
        role, name = USERS["reg@region.ru"]
        page.get_by_text(
            t("access.ui.signed_in", name=name, role=t(f"access.role.{role}"))
        ).wait_for(timeout=60_000)
        page.get_by_role("link", name=t("access.ui.page.audit")).wait_for(timeout=60_000)
        page.get_by_role("link", name=t("access.ui.page.users")).wait_for(timeout=60_000)
    # One entry per failed attempt, one for the lock-out; never the password.
    tried = [e for e in _audit(accounts_app["db"]) if e.action.startswith("signin.")]
    assert [(e.actor, e.action, e.after.get("reason", "")) for e in tried] == [
        ("cur@region.ru", "signin.failed", "password"),
        ("cur@region.ru", "signin.failed", "password"),
        ("cur@region.ru", "signin.lockout", ""),
        ("cur@region.ru", "signin.failed", "locked"),
    ]
    assert not any(PASSWORD in e.model_dump_json() for e in _audit(accounts_app["db"]))
