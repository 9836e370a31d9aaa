"""In Chromium: a file over the app's upload limit is refused in Russian by the app, not by
Streamlit's uploader in English ("File must be … or smaller")."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from graph.embedded import EmbeddedStore
from labels import t
from tests.app_server import serve_app
from tests.browser.support import SHOTS, chromium_context, need_chromium, settle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def small_limit_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    need_chromium()
    base = tmp_path_factory.mktemp("upload-limit")
    EmbeddedStore(base / "app.db").close()
    env = {**os.environ, "SCHOOLNET_MAX_UPLOAD_MB": "1"}
    with serve_app(base / "app.db", base / "app.log", env=env) as url:
        yield url


def test_a_file_over_the_limit_gets_the_apps_russian_message(small_limit_app: str) -> None:
    big = b"school_id,name,municipality\n" + b"S,School,M\n" * 150_000  # ~1.6 MB
    with chromium_context(only=[small_limit_app]) as context:
        page = context.new_page()
        page.goto(f"{small_limit_app}/import")
        page.get_by_role("heading", name=t("ui.page.import"), level=1).wait_for(timeout=90_000)
        settle(page)
        # Streamlit's own line would name its ceiling («2MB per file»), not the app's limit.
        assert page.locator('[data-testid="stFileUploaderDropzoneInstructions"]').is_hidden()
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
            [{"name": "schools.csv", "mimeType": "text/csv", "buffer": big}]
        )
        size = f"{len(big) / 1024 / 1024:.1f}".replace(".", ",")
        message = t("upload.too_large", name="schools.csv", size=size, limit=1)
        page.get_by_text(message).wait_for(timeout=90_000)
        settle(page)
        body = page.locator("body").inner_text()
        assert "or smaller" not in body and "File must be" not in body
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "upload_over_limit.png"), full_page=True)
