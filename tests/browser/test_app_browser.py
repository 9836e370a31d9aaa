"""The served app in a real browser: Debian's Chromium driven by Playwright.

``schoolnet app`` serves a small demo store (plus a school whose name is a script tag); every
page is opened with the internet cut off (only the app's own address is reachable), checked for
its main element and for the absence of a Streamlit exception, and photographed into
``screenshots/``. The planner is run and one pair accepted. Never downloads a browser: without
``/usr/bin/chromium`` the test skips locally and fails under ``CI=true``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from labels import t
from tests.app_server import serve_app
from tests.browser.support import SHOTS, chromium_context, need_chromium, settle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EVIL_NAME = "<script>alert(1)</script>"

DIALOGS: list[str] = []

# url path → (title key, CSS selector of the page's main element)
PAGES: dict[str, tuple[str, str]] = {
    "": ("ui.page.overview", '[data-testid="stMetric"]'),
    "schools": ("ui.page.schools", '[data-testid="stDataFrame"]'),
    "planner": ("ui.page.planner", '[data-testid="stForm"]'),
    "exchange": ("ui.page.exchange", '[data-testid="stForm"]'),
    "import": ("ui.page.import", '[data-testid="stFileUploader"]'),
    "my-schools": ("ui.page.my_schools", "iframe"),
    "coverage": ("ui.page.coverage", '[data-testid="stDeckGlJsonChart"] canvas'),
    "monitoring": ("monitoring.page.title", '[data-testid="stVegaLiteChart"]'),
}


@pytest.fixture(scope="module")
def served_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    need_chromium()
    from services.demo import load_demo
    from services.importing import import_uploads
    from services.stores import open_store

    db = tmp_path_factory.mktemp("browser") / "app.db"
    store = open_store("embedded", str(db))
    try:
        load_demo(store, size="small", seed=42)
        first = store.nodes("School")[0]
        evil = (
            "school_id,name,municipality,lat,lon\n"
            f'EVIL-1,"{EVIL_NAME}",{first.municipality},'  # type: ignore[attr-defined]
            f"{first.lat + 0.03},{first.lon + 0.03}\n"  # type: ignore[attr-defined]
        )
        import_uploads(store, [("schools.csv", evil.encode())])
    finally:
        store.close()
    with serve_app(db, tmp_path_factory.getbasetemp() / "app.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser_page(served_app: str) -> Iterator[Any]:
    # No internet: anything but the app itself is refused, as on an offline machine.
    with chromium_context(only=[served_app]) as context:
        page = context.new_page()

        # A script smuggled in through the data would show itself as an alert.
        def record(dialog: Any) -> None:
            DIALOGS.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", record)
        yield page


def _open(page: Any, url: str, path: str) -> None:
    title_key, main = PAGES[path]
    page.goto(f"{url}/{path}")
    page.get_by_role("heading", name=t(title_key), level=1).wait_for(timeout=90_000)
    page.wait_for_selector(main, timeout=90_000)
    settle(page)


def _no_exception(page: Any) -> None:
    errors = page.locator('[data-testid="stException"]')
    assert errors.count() == 0, errors.first.inner_text()


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_opens_offline(browser_page: Any, served_app: str, path: str) -> None:
    page = browser_page
    _open(page, served_app, path)
    _no_exception(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{path or 'overview'}.png"), full_page=True)
    assert DIALOGS == []


def test_network_picture_draws_without_cdn(browser_page: Any, served_app: str) -> None:
    page = browser_page
    _open(page, served_app, "my-schools")
    frame = page.frame_locator("iframe").first
    frame.locator("#mynetwork canvas").wait_for(timeout=30_000)
    html = page.locator("iframe").first.get_attribute("srcdoc") or ""
    assert "<script src" not in html
    assert DIALOGS == []


def test_school_with_a_script_for_a_name_is_shown_as_text(
    browser_page: Any, served_app: str
) -> None:
    page = browser_page
    _open(page, served_app, "schools")
    page.get_by_label(t("ui.filter.search")).fill("script")
    page.keyboard.press("Enter")
    settle(page)
    page.get_by_role("heading", name=EVIL_NAME).wait_for(timeout=30_000)
    _no_exception(page)
    page.get_by_role("tab", name=t("ui.card.tab.network")).click()
    page.frame_locator("iframe").first.locator("#mynetwork canvas").wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "school_card_escaped.png"), full_page=True)
    assert DIALOGS == []


def test_planner_run_and_accept_one_pair(browser_page: Any, served_app: str) -> None:
    page = browser_page
    _open(page, served_app, "planner")
    page.get_by_role("button", name=t("ui.planner.run")).click()
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=90_000)
    settle(page)
    _no_exception(page)
    chooser = page.locator('[data-testid="stMultiSelect"]').filter(
        has_text=t("ui.planner.choose_pairs")
    )
    chooser.locator("input").click()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settle(page)
    page.get_by_role("button", name=t("ui.planner.accept"), exact=True).click()
    page.get_by_text(t("ui.planner.accepted", n=1)).wait_for(timeout=60_000)
    settle(page)
    _no_exception(page)
    page.get_by_role("button", name=t("ui.planner.order_download")).wait_for()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "planner_accepted.png"), full_page=True)


def test_role_picks_the_menu(browser_page: Any, served_app: str) -> None:
    page = browser_page
    _open(page, served_app, "schools")
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').click()
    page.get_by_role("option", name=t("ui.role.curator")).click()
    page.get_by_role("heading", name=t("ui.page.my_schools"), level=1).wait_for(timeout=60_000)
    settle(page)
    _no_exception(page)
    assert page.get_by_role("link", name=t("ui.page.schools")).count() == 0


def test_monitoring_municipality_and_report_download(
    browser_page: Any, served_app: str, tmp_path: Path
) -> None:
    import io

    from docx import Document

    page = browser_page
    _open(page, served_app, "monitoring")
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=t("ui.filter.municipality"))
    box.click()
    options = page.get_by_role("option")
    names = [n for n in options.all_inner_texts() if n != t("monitoring.scope.region")]
    assert names, "no municipality to choose"
    page.keyboard.type(names[0])
    page.keyboard.press("Enter")
    scope = t("monitoring.report.scope", scope=names[0])
    page.get_by_text(scope, exact=False).wait_for(timeout=90_000)
    settle(page)
    _no_exception(page)
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name=t("monitoring.page.download_docx")).click()
    path = tmp_path / "report.docx"
    info.value.save_as(path)
    doc = Document(io.BytesIO(path.read_bytes()))
    texts = [p.text for p in doc.paragraphs]
    assert scope in texts
    assert len(doc.tables) >= 2 and doc.inline_shapes
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "monitoring_municipality.png"), full_page=True)
    assert DIALOGS == []
