"""The served app in Chromium on partial data, and its error boundary.

- A store holding only ``schools`` and ``results`` (no events, no pairs, no teachers): every page
  opens without an exception and says what is missing.
- A page made to fail (``SCHOOLNET_FAIL_PAGE``) shows the short Russian message with an incident
  code and no traceback or server path, while the server log has the traceback under that code.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.embedded import EmbeddedStore
from labels import t
from loaders.importer import import_paths
from tests.app_server import serve_app
from tests.browser.support import SHOTS, chromium_context, need_chromium, settle
from tests.subsets import CHOSEN, subset_files

pytestmark = pytest.mark.browser

PAGES = {
    "": "ui.page.overview",
    "schools": "ui.page.schools",
    "planner": "ui.page.planner",
    "exchange": "ui.page.exchange",
    "import": "ui.page.import",
    "my-schools": "ui.page.my_schools",
    "coverage": "ui.page.coverage",
    "monitoring": "monitoring.page.title",
}
LEAKS = ("Traceback", 'File "', ".py", "/work/", "/tmp/", "site-packages", "RuntimeError")


@pytest.fixture(scope="module")
def partial_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_chromium()
    folder = tmp_path_factory.mktemp("partial")
    store = EmbeddedStore(folder / "partial.db")
    try:
        import_paths(subset_files(CHOSEN["schools_results"], folder / "files"), store)
        store.checkpoint()
        counts = store.count_nodes()
    finally:
        store.close()
    assert set(counts) == {"Region", "Municipality", "School", "Result"}
    return folder / "partial.db"


@pytest.fixture(scope="module")
def served(partial_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_app(partial_db, tmp_path_factory.getbasetemp() / "partial-app.log") as url:
        yield url


@pytest.fixture(scope="module")
def failing(
    partial_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    copy = tmp_path_factory.mktemp("failing") / "failing.db"
    shutil.copy(partial_db, copy)
    log = copy.parent / "failing-app.log"
    with serve_app(copy, log, env={**os.environ, "SCHOOLNET_FAIL_PAGE": "schools"}) as url:
        yield url, log


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium_context() as context:
        yield context


def _goto(page: Any, url: str, path: str) -> None:
    page.goto(f"{url}/{path}")
    page.get_by_role("heading", name=t(PAGES[path]), level=1).wait_for(timeout=90_000)
    settle(page)


def _body(page: Any) -> str:
    return str(page.locator('[data-testid="stMain"]').inner_text())


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_on_schools_and_results_only(browser: Any, served: str, path: str) -> None:
    page = browser.new_page()
    try:
        _goto(page, served, path)
        assert page.locator('[data-testid="stException"]').count() == 0
        body = _body(page)
        assert not any(leak in body for leak in LEAKS), body
        if path in ("", "exchange", "my-schools", "coverage"):
            # Each says, in Russian, what is missing and what to load.
            assert "загрузите лист" in body, body
        if path == "exchange":
            assert t("completeness.gap.no_events") in body
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"partial_{path or 'overview'}.png"), full_page=True)
    finally:
        page.close()


def test_a_failing_page_shows_an_incident_code_not_a_traceback(
    browser: Any, failing: tuple[str, Path]
) -> None:
    url, log = failing
    page = browser.new_page()
    try:
        _goto(page, url, "schools")
        alert = page.locator('[data-testid="stAlert"]').filter(has_text="Код инцидента")
        alert.first.wait_for(timeout=60_000)
        text = alert.first.inner_text()
        found = re.search(r"Код инцидента: ([0-9A-F]{8})", text)
        assert found, text
        code = found.group(1)
        body = _body(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert not any(leak in body for leak in LEAKS), body
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "incident.png"), full_page=True)
        # Other pages of the same server still work.
        _goto(page, url, "")
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()
    server_log = log.read_text(encoding="utf-8", errors="replace")
    assert f"incident {code}" in server_log
    after = server_log[server_log.index(f"incident {code}") :]
    assert "Traceback (most recent call last)" in after and "RuntimeError" in after
