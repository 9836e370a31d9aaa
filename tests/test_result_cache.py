"""Analysis results kept per data version: exact round trip, a new process reads, a write misses."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.monitoring_settings import MonitoringSettings
from analysis.settings import AnalysisSettings
from graph.embedded import EmbeddedStore
from graph.model import School
from labels.reasons import Reason
from services import result_cache
from services.completeness import completeness
from services.coverage import coverage_table
from services.demo import load_demo
from services.exchange import activity
from services.identification import (
    _band_medians,
    identification,
    identification_table,
    percentile_table,
)
from services.monitoring import _region_wide
from services.overview import overview
from services.planning import plan_pairs

AS_OF = dt.date(2026, 11, 23)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cache") / "demo.db"
    with EmbeddedStore(path) as store:
        load_demo(store, "small", seed=42, as_of=AS_OF)
    return path


def _equal(a: object, b: object) -> None:
    if isinstance(a, pd.DataFrame):
        assert isinstance(b, pd.DataFrame)
        pd.testing.assert_frame_equal(a, b)
        for col in a.columns:  # cell types too: lists stay lists, dates stay dates
            assert [type(v) for v in a[col]] == [type(v) for v in b[col]], col
    elif dataclasses.is_dataclass(a) and not isinstance(a, type):
        assert type(a) is type(b)
        for f in dataclasses.fields(a):
            _equal(getattr(a, f.name), getattr(b, f.name))
    elif isinstance(a, float) and math.isnan(a):
        assert isinstance(b, float) and math.isnan(b)
    else:
        assert a == b


def test_every_kept_result_round_trips_exactly(demo_db: Path) -> None:
    with EmbeddedStore(demo_db) as store:
        for value in (
            identification(store),
            identification_table(store),
            plan_pairs(store),
            coverage_table(store, as_of=AS_OF),
            activity(store, as_of=AS_OF),
            _band_medians(store),
            completeness(store),
            percentile_table(store, AnalysisSettings()),
            overview(store, as_of=AS_OF),
            overview(store, municipality="нет такого", as_of=AS_OF),
            _region_wide(store, AnalysisSettings(), MonitoringSettings(), AS_OF),
        ):
            manifest, files = result_cache.encode(value)
            _equal(value, result_cache.decode(manifest, files))


def test_a_new_process_reads_instead_of_computing(demo_db: Path) -> None:
    with EmbeddedStore(demo_db) as store:
        expected = identification_table(store)
    assert list(Path(str(demo_db) + ".cache").glob("*.zip"))
    # A fresh interpreter whose analysis would fail: only the kept answer can satisfy it.
    code = (
        "import sys, analysis.identify as ai\n"
        "def boom(*a, **k): raise SystemExit('recomputed')\n"
        "ai.identify_detail = boom\n"
        "import services.identification as si\n"
        "si.identify_detail = boom\n"
        "from graph.embedded import EmbeddedStore\n"
        f"store = EmbeddedStore({str(demo_db)!r})\n"
        "print(len(si.identification_table(store)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-2000:] + proc.stdout
    assert proc.stdout.strip() == str(len(expected))


def test_the_identification_keeps_what_the_card_and_overview_take_from_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "card.db"
    with EmbeddedStore(path) as store:
        load_demo(store, "small", seed=42, as_of=AS_OF)
        identification_table(store)  # nothing else asked for
    # A new process that can neither identify nor read every result gets both from disk.
    code = (
        "import analysis.identify as ai, services.identification as si\n"
        "def boom(*a, **k): raise SystemExit('recomputed')\n"
        "ai.identify_detail = si.identify_detail = boom\n"
        "from graph.embedded import EmbeddedStore\n"
        "real = EmbeddedStore.query_frame\n"
        "def guarded(self, name, **p):\n"
        "    if name == 'results' and not p.get('municipalities'): boom()\n"
        "    return real(self, name, **p)\n"
        "EmbeddedStore.query_frame = guarded\n"
        f"store = EmbeddedStore({str(path)!r})\n"
        "m, p = si._band_medians(store), si.percentile_table(store)\n"
        "print(len(m), len(p), round(float(m['value'].sum()), 6), p['year'].max())\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-2000:] + proc.stdout
    with EmbeddedStore(path) as store:
        medians, pct = _band_medians(store), percentile_table(store)
    expected = f"{len(medians)} {len(pct)} {round(float(medians['value'].sum()), 6)} "
    assert proc.stdout.strip() == expected + str(pct["year"].max())
    assert list(pct.columns) == ["school_id", "year", "result_index", "percentile", "band"]


def test_a_new_process_reads_the_overview_without_its_inputs(tmp_path: Path) -> None:
    path = tmp_path / "ov.db"
    with EmbeddedStore(path) as store:
        load_demo(store, "small", seed=42, as_of=AS_OF)
        counts = overview(store, as_of=AS_OF).counts
    assert counts["schools"] > 0
    code = (
        "import services.overview as so\n"
        "def boom(*a, **k): raise SystemExit('recomputed')\n"
        "so.identification_table = so.activity = so.coverage_table = so.frame = boom\n"
        "import datetime as dt\n"
        "from graph.embedded import EmbeddedStore\n"
        f"store = EmbeddedStore({str(path)!r})\n"
        f"print(sorted(so.overview(store, as_of=dt.date.fromisoformat({AS_OF.isoformat()!r}))"
        ".counts.items()))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-2000:] + proc.stdout
    assert proc.stdout.strip() == str(sorted(counts.items()))


def test_a_write_is_never_hidden(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    with EmbeddedStore(path) as store:
        load_demo(store, "small", seed=42, as_of=AS_OF)
        before = identification_table(store)
        store.write([School(id="new-1", name="Новая школа", municipality="Новый район")])
    with EmbeddedStore(path) as reopened:  # a new store object: only the disk cache is shared
        after = identification_table(reopened)
    assert len(after) == len(before) + 1
    assert "new-1" in set(after["school_id"])
    # the files of the old version are gone once the new one is kept
    versions = {p.name.split("-")[0] for p in Path(str(path) + ".cache").glob("*.zip")}
    assert len(versions) == 1


def test_a_new_database_in_the_same_file_gets_a_new_version(tmp_path: Path) -> None:
    path = tmp_path / "same.db"
    with EmbeddedStore(path) as store:
        store.write([School(id="a", name="А", municipality="М")])
        first = store.data_version()
    path.unlink()
    with EmbeddedStore(path) as store:
        store.write([School(id="b", name="Б", municipality="М")])
        assert store.data_version() != first


def test_a_broken_cache_file_is_only_a_miss(demo_db: Path) -> None:
    with EmbeddedStore(demo_db) as store:
        expected = identification_table(store)
        for p in Path(str(demo_db) + ".cache").glob("*.zip"):
            p.write_bytes(b"not a zip")
        import services.cache as cache

        cache._memos.clear()
        _equal(identification_table(store), expected)


def test_unregistered_classes_are_refused() -> None:
    @dataclasses.dataclass
    class Other:
        x: int

    with pytest.raises(TypeError):
        result_cache.encode(Other(1))


def test_reason_cells_are_kept_as_columns_and_come_back_equal() -> None:
    cells = [
        (Reason("analysis.a", km=12.5, bands=(1, 2)), Reason("analysis.b")),
        (),
        None,
        (Reason("analysis.a", km=12.5, bands=(1, 2)),),
        (Reason("analysis.c", subjects=["Математика"], km=float("nan")),),
    ]
    frame = pd.DataFrame(
        {
            "school_id": ["1", "2", "3", "4", "5"],
            "reasons": pd.Series(cells, dtype=object),
            "reason": pd.Series([Reason("analysis.x", n=1), None] * 2 + [None], dtype=object),
        }
    )
    manifest, files = result_cache.encode(frame)
    assert manifest["reasons"] == ["reason", "reasons"]
    assert "reasons" not in manifest["objects"] and "reason" not in manifest["objects"]
    back = result_cache.decode(manifest, files)
    assert list(back.columns) == list(frame.columns)
    for col in ("reason", "reasons"):
        for a, b in zip(frame[col], back[col], strict=True):
            assert type(a) is type(b)
            if a is not None:
                assert repr(a) == repr(b)  # NaN args compare by their text
