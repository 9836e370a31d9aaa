"""Reads pushed down to a municipality give the same answers as reading everything."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from analysis.exchange import timeline
from graph.embedded import EmbeddedStore
from loaders.importer import import_paths
from seeds.demo import generate, write_csv
from seeds.schools import SizeSpec
from services.exchange import partnership_timeline
from services.identification import identification_table, school_card
from services.query_frames import frame

AS_OF = dt.date(2026, 11, 23)
SPEC = SizeSpec(regions=1, municipalities=5, schools=120, vpr_grades=(4,), electives=0)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    root = tmp_path_factory.mktemp("pushdown")
    files = write_csv(generate(SPEC, seed=11, as_of=AS_OF), root / "files")
    s = EmbeddedStore(Path(root) / "m.db")
    import_paths(files, s)
    try:
        yield s
    finally:
        s.close()


def test_partnership_timelines_read_two_municipalities_and_equal_the_whole(
    store: EmbeddedStore,
) -> None:
    pairs = frame(store, "partnerships")
    whole = {n: frame(store, n) for n in ("partnerships", "events", "participation", "teachers")}
    assert frame(store, "schools")["municipality"].nunique() == 5
    seen = 0
    for pid in pairs["partnership_id"]:
        got = partnership_timeline(store, str(pid), as_of=AS_OF)
        pd.testing.assert_frame_equal(got, timeline(str(pid), **whole, as_of=AS_OF))
        seen += len(got)
    assert seen > 0  # some pair has joint events: the comparison saw rows


def test_school_card_results_and_band_medians_equal_the_whole(store: EmbeddedStore) -> None:
    table = identification_table(store)
    results = frame(store, "results")
    for school_id in table["school_id"].iloc[::30]:
        card = school_card(store, str(school_id), as_of=AS_OF)
        own = results[results["school_id"] == school_id].reset_index(drop=True)
        pd.testing.assert_frame_equal(card.results, own)
        band = table.loc[table["school_id"] == school_id, "context_band"].iloc[0]
        band_ids = table.loc[table["context_band"] == band, "school_id"]
        peers = results[results["school_id"].isin(band_ids)]
        medians = peers.groupby(["year", "assessment", "subject", "grade", "metric"])["value"]
        expected = medians.median().reset_index()
        assert card.band_results["value"].tolist() == pytest.approx(expected["value"].tolist())


def test_overview_counts_events_per_year_in_the_store(store: EmbeddedStore) -> None:
    """The overview's events (this year's count and the yearly series) come from the store's
    count per year; they equal counting the whole events table, for the region and for each
    municipality."""
    from services.overview import overview

    events = frame(store, "events")
    munis = sorted(frame(store, "schools")["municipality"].unique())
    for muni in (None, *munis):
        chosen = events if muni is None else events[events["municipality"] == muni]
        years = pd.Series([d.year for d in chosen["date"] if d is not None], dtype="int64")
        view = overview(store, municipality=muni, as_of=AS_OF)
        assert view.events_this_year == int((years == AS_OF.year).sum())
        series = view.trends[view.trends["code"] == "events"]
        assert dict(zip(series["year"], series["value"], strict=True)) == (
            years.value_counts().to_dict()
        )
    assert (events["date"].map(lambda d: d.year) == AS_OF.year).sum() > 0
