"""Fixtures of the loader tests: a fresh embedded store and the sample files on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from tests.loaders.sample import write_english


@pytest.fixture
def db(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "loaders.db")
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def english_dir(tmp_path: Path) -> Path:
    return write_english(tmp_path / "english")
