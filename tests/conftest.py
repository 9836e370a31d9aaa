"""Shared fixtures: stores of both backends.

``store`` is parametrized over the backends: the embedded SQLite store always, and Neo4j when a
server is available (``tests/neo4j_support.py``). Under ``CI=true`` a missing Neo4j server is an
error, never a skip.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.store import Store

BACKENDS = ["embedded", "neo4j"]


def make_embedded(tmp_path: Path) -> EmbeddedStore:
    return EmbeddedStore(tmp_path / "test.db")


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend."""
    if request.param == "embedded":
        s: Store = make_embedded(tmp_path)
    else:
        from tests.neo4j_support import fresh_neo4j_store

        s = fresh_neo4j_store(request)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def embedded_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    s = make_embedded(tmp_path)
    try:
        yield s
    finally:
        s.close()
