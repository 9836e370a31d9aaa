"""Programme monitoring over both stores, on the hand-built region of tests/monitoring_sample."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from analysis.settings import AnalysisSettings
from graph.embedded import EmbeddedStore
from graph.store import Store
from services.errors import UserError
from services.monitoring import monitoring
from tests.monitoring_sample import AS_OF, EXPECTED_2025, ROADMAP_STATES, monitoring_graph

# Five schools make one context band; only the official list marks ШНСУ here.
SETTINGS = AnalysisSettings(unfavourable_min_bands=2)


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    if request.param == "embedded":
        s: Store = EmbeddedStore(Path(tmp_path_factory.mktemp("mon")) / "m.db")
    else:
        from tests.neo4j_support import fresh_neo4j_store

        s = fresh_neo4j_store(request)
    nodes, edges = monitoring_graph()
    s.write(nodes, edges)
    try:
        yield s
    finally:
        s.close()


def _row(store: Store, indicator: str, scope: str | None) -> pd.Series:
    ind = monitoring(store, AS_OF, None, SETTINGS).all_indicators
    rows = ind[(ind["indicator"] == indicator) & (ind["year"] == 2025)]
    rows = (
        rows[rows["municipality"].isna()] if scope is None else rows[rows["municipality"] == scope]
    )
    assert len(rows) == 1
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("indicator", "scope"),
    [(i, m) for i, by in EXPECTED_2025.items() for m in by],
)
def test_indicator_figures(store: Store, indicator: str, scope: str | None) -> None:
    num, den, value = EXPECTED_2025[indicator][scope]
    row = _row(store, indicator, scope)
    assert row["numerator"] == pytest.approx(num)
    if den is None:
        assert math.isnan(row["denominator"])
    else:
        assert row["denominator"] == pytest.approx(den)
    assert row["value"] == pytest.approx(value)
    assert row["missing"] is None


def test_targets_baseline_and_met(store: Store) -> None:
    region = _row(store, "trained_teachers", None)
    assert (region["target"], region["target_scope"], region["met"]) == (30.0, "own", False)
    a = _row(store, "trained_teachers", "А")  # А has no own target: the region's applies
    assert (a["target"], a["target_scope"]) == (30.0, "region")
    assert _row(store, "trained_teachers", "Б")["target"] == 10.0
    staffed = _row(store, "staffing_filled", None)
    assert staffed["met"] is True and staffed["baseline_year"] == 2025
    engaged = _row(store, "municipalities_engaged", None)
    assert (engaged["target"], engaged["target_scope"], engaged["met"]) == (80.0, "default", False)
    # Trained in 2024 as well (the course of 2023 is within three years): baseline 20, change 0.
    assert (region["baseline_year"], region["baseline"], region["change"]) == (2024, 20.0, 0.0)


def test_roadmap_states_and_municipality_filter(store: Store) -> None:
    region = monitoring(store, AS_OF, None, SETTINGS).roadmap
    assert dict(zip(region["item_id"], region["state"], strict=True)) == ROADMAP_STATES
    assert region.set_index("item_id").loc["R1", "n_events"] == 1
    a = monitoring(store, AS_OF, "А", SETTINGS).roadmap
    assert "R5" not in set(a["item_id"]) and len(a) == 4


def test_pairs_and_page_table(store: Store) -> None:
    view = monitoring(store, AS_OF, "Б", SETTINGS)
    assert view.idle_pairs["partnership_id"].tolist() == ["P2"]
    assert view.alone.empty
    table = view.table.set_index("indicator")
    assert table.loc["trained_teachers", "value"] == 0.0
    assert table.loc["low_in_working_pair", "trend"] == "↓"  # 100 % in 2024, 0 % in 2025
    assert view.effect.status == "no_pairs"  # no result index a year before P1 started
    assert any("не достигнуто" in c.lower() for c in view.conclusions)


def test_stores_agree(store: Store, tmp_path: Path) -> None:
    other = EmbeddedStore(tmp_path / "other.db")
    other.write(*monitoring_graph())
    ours = monitoring(store, AS_OF, None, SETTINGS).all_indicators
    theirs = monitoring(other, AS_OF, None, SETTINGS).all_indicators
    pd.testing.assert_frame_equal(ours, theirs)


def test_unknown_municipality_is_a_user_error(store: Store) -> None:
    with pytest.raises(UserError, match="не найден"):
        monitoring(store, AS_OF, "Нет такого", SETTINGS)
