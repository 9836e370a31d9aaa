"""What the Chromium tests share: the browser, its offline routing and waiting for Streamlit.

Never downloads a browser: without ``/usr/bin/chromium`` a test skips locally and fails under
``CI=true``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "LOCAL",
    "SHOTS",
    "chromium_context",
    "need_chromium",
    "settle",
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
# Addresses a page may use without the network.
LOCAL = ("data:", "blob:", "about:")


def need_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing (install Debian's chromium: scripts/setup)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextlib.contextmanager
def chromium_context(only: Sequence[str] | None = None, height: int = 1600) -> Iterator[Any]:
    """A Russian-locale Chromium context, 1400 px wide; with ``only``, every request to any other
    address (but data:, blob:, about:) is refused, as on a machine without the internet."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": height}, locale="ru-RU")
        if only is not None:
            allowed = (*only, *LOCAL)

            def offline(route: Any) -> None:
                if route.request.url.startswith(allowed):
                    route.continue_()
                else:
                    route.abort()

            context.route("**/*", offline)
        try:
            yield context
        finally:
            context.close()
            browser.close()


SETTLED = """() => {
    const q = (s) => document.querySelectorAll(s);
    if (q('[data-testid="stStatusWidgetRunningIcon"]').length) return false;
    if (q('[data-testid="stSkeleton"]').length) return false;
    // A rerun keeps the last run's elements on screen (stale, still clickable) until it
    // draws them again: a click there reaches the last run's widget (its download, say).
    if (q('[data-stale="true"]').length) return false;
    for (const chart of q('[data-testid="stVegaLiteChart"]')) {
        // Charts in a hidden tab are drawn when the tab is opened.
        if (chart.offsetParent !== null && !chart.querySelector('svg, canvas')) return false;
    }
    return true;
}"""


def settle(page: Any, timeout: float = 90_000) -> None:
    """Wait until Streamlit has run the script and drawn everything (charts included)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_function(SETTLED, timeout=timeout)
    page.wait_for_timeout(800)
