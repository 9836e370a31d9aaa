"""The app's page files must not live in a folder Streamlit serves on its own."""

from __future__ import annotations

from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app_streamlit"


def test_no_auto_discovered_pages_folder() -> None:
    # A "pages/" folder beside app.py is also served as old-style pages: opening
    # /schools directly ran the page without the router, with file names as the menu.
    assert not (APP / "pages").exists()
    assert (APP / "views").is_dir() and any((APP / "views").glob("*.py"))
