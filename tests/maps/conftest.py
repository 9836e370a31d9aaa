"""A small multi-municipality demo region with boundaries (embedded store), built once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from loaders.importer import import_paths
from seeds.demo import generate, write_csv
from seeds.schools import SizeSpec

AS_OF = dt.date(2026, 11, 23)
SPEC = SizeSpec(regions=1, municipalities=6, schools=160, vpr_grades=(4, 5), electives=0)


@pytest.fixture(scope="session")
def region_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("maps-region")
    return write_csv(generate(SPEC, seed=7, as_of=AS_OF), out)


@pytest.fixture(scope="session")
def region_db(region_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("maps-db") / "region.db"
    with EmbeddedStore(db) as store:
        import_paths(region_files, store)
    return db


@pytest.fixture
def region_store(region_db: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(region_db)
    try:
        yield store
    finally:
        store.close()
