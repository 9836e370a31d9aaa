"""The school card compares the school with the median of its own context band."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from graph.embedded import EmbeddedStore
from services.demo import load_demo
from services.identification import identification_table, school_card
from services.query_frames import frame


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("card") / "small.db")
    load_demo(store, "small", seed=42, as_of=dt.date(2026, 11, 23))
    return store


def test_band_results_are_medians_over_the_schools_band(small: EmbeddedStore) -> None:
    table = identification_table(small)
    school = table.iloc[0]
    card = school_card(small, str(school["school_id"]), as_of=dt.date(2026, 11, 23))
    peers = set(table.loc[table["context_band"] == school["context_band"], "school_id"])
    results = frame(small, "results")
    row = card.band_results.iloc[0]
    mine = results[
        results["school_id"].isin(peers)
        & (results["year"] == row["year"])
        & (results["assessment"] == row["assessment"])
        & (results["subject"] == row["subject"])
        & (results["grade"] == row["grade"])
        & (results["metric"] == row["metric"])
    ]
    assert row["value"] == pytest.approx(mine["value"].median())
    assert row["n_schools"] == mine["school_id"].nunique()
    assert set(card.results["school_id"]) == {school["school_id"]}
    own = results[results["school_id"] == school["school_id"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(card.results, own)  # read for its municipality only
    assert card.network.nodes and card.network.nodes[0]["id"] == f"School:{school['school_id']}"


def test_unknown_school_is_a_user_error(small: EmbeddedStore, tmp_path: Path) -> None:
    from services.errors import UserError

    with pytest.raises(UserError, match="не найдена"):
        school_card(small, "NO-SUCH")
