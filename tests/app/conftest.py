"""Fixtures of the app tests: a small demo store built once, copied for tests that write."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.store import Store

APP = Path(__file__).resolve().parents[2] / "app_streamlit"
PAGES = APP / "views"


def _seed(path: Path, size: str) -> Path:
    from services.demo import load_demo
    from services.stores import open_store

    store = open_store("embedded", str(path))
    try:
        load_demo(store, size=size, seed=42)
        store.checkpoint()  # type: ignore[attr-defined]
    finally:
        store.close()
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo region, loaded once; tests that only read share it."""
    return _seed(tmp_path_factory.mktemp("demo") / "demo.db", "small")


@pytest.fixture
def fresh_db(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy of the demo store, for a test that writes."""
    target = tmp_path / "copy.db"
    shutil.copyfile(demo_db, target)
    return target


@pytest.fixture
def use_db(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Point the app at a database file (what ``schoolnet app --db`` does)."""

    def point(path: Path) -> None:
        monkeypatch.setenv("SCHOOLNET_BACKEND", "embedded")
        monkeypatch.setenv("SCHOOLNET_DB", str(path))

    return point


@pytest.fixture
def open_db() -> Iterator[Callable[[Path], Store]]:
    """Open a database file directly, to check what the app wrote."""
    from services.stores import open_store

    opened: list[Store] = []

    def do(path: Path) -> Store:
        store = open_store("embedded", str(path))
        opened.append(store)
        return store

    yield do
    for store in opened:
        store.close()


def page(name: str) -> AppTest:
    """An AppTest of one page file (run it with ``.run()``)."""
    return AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=120)
