"""The coverage map in Chromium with the outside network blocked: zero requests leave.

The app serves a small region with municipality boundaries and no base map configured; every
request the page makes is recorded. Only the app's own address (and data:/blob: URLs) may be
asked; the map must still draw (the outlines are the map) and a click on a municipality must
filter the page to it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from labels import t
from tests.app_server import serve_app
from tests.browser.support import LOCAL, SHOTS, chromium_context, need_chromium, settle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def map_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    need_chromium()
    from graph.embedded import EmbeddedStore
    from loaders.importer import import_paths
    from seeds.demo import generate, write_csv
    from tests.maps.conftest import AS_OF, SPEC

    base = tmp_path_factory.mktemp("map-browser")
    db = base / "app.db"
    files = write_csv(generate(SPEC, seed=7, as_of=AS_OF), base / "files")
    with EmbeddedStore(db) as store:
        import_paths(files, store)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCHOOLNET_BASEMAP")}
    with serve_app(db, base / "app.log", env=env) as url:
        yield url


def test_coverage_map_makes_no_outside_request(map_app: str) -> None:
    asked: list[str] = []
    with chromium_context(only=[map_app], height=1500) as context:
        page = context.new_page()
        page.on("request", lambda request: asked.append(request.url))
        page.goto(f"{map_app}/coverage")
        page.get_by_role("heading", name=t("ui.page.coverage"), level=1).wait_for(timeout=120_000)
        canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
        canvas.wait_for(timeout=120_000)
        settle(page, timeout=120_000)
        page.wait_for_timeout(2500)  # tiles or styles would be asked for by now
        assert page.locator('[data-testid="stException"]').count() == 0
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "coverage_offline.png"), full_page=True)
        outside = [u for u in asked if not u.startswith((map_app, *LOCAL))]
        assert outside == [], outside
        assert any(u.startswith(map_app) for u in asked)
        # A click in the middle of the map lands on a municipality and filters the page.
        box = canvas.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(300)
        page.mouse.down()
        page.wait_for_timeout(100)
        page.mouse.up()
        page.get_by_text("Отобран муниципалитет", exact=False).wait_for(timeout=60_000)
        settle(page, timeout=120_000)
        page.screenshot(path=str(SHOTS / "coverage_selected.png"), full_page=True)
        outside = [u for u in asked if not u.startswith((map_app, *LOCAL))]
        assert outside == [], outside
