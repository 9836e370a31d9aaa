"""Columnar reads: every named query's frame is the same on both stores and on both paths.

The embedded store transposes its answer into columns once and Neo4j returns one list of rows;
both are typed by ``queries.frames.typed_frame``. Each must equal the typed frame of the
row path (``Store.query``, held to parity by tests/test_parity.py), and the two backends must
give the same frame, on the hand-built graph and on the small demo.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from graph.store import Store
from queries import NamedQuery, all_queries
from queries.frames import rows_frame
from tests.test_parity import PARAMS, demo_loaded, demo_params, loaded  # noqa: F401


def _sorted(q: NamedQuery, df: pd.DataFrame) -> pd.DataFrame:
    if q.order_matters or df.empty:
        return df.reset_index(drop=True)
    keys = [repr(tuple(row)) for row in df.itertuples(index=False)]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return df.iloc[order].reset_index(drop=True)


def _check(q: NamedQuery, params: dict[str, Any], embedded: Store, neo4j: Store) -> int:
    frames = {}
    for store in (embedded, neo4j):
        columnar = store.query_frame(q.name, **params)
        by_rows = rows_frame(q, store.query(q.name, **params))
        assert list(columnar.columns) == q.column_names
        pd.testing.assert_frame_equal(
            _sorted(q, columnar), _sorted(q, by_rows), obj=f"{store.backend} {q.name}{params}"
        )
        frames[store.backend] = _sorted(q, columnar)
    pd.testing.assert_frame_equal(
        frames["embedded"], frames["neo4j"], obj=f"{q.name}{params}: embedded vs neo4j"
    )
    return len(frames["embedded"])


@pytest.mark.parametrize("q", all_queries(), ids=lambda q: q.name)
def test_frames_agree_on_the_rich_graph(q: NamedQuery, loaded: tuple[Store, Store]) -> None:  # noqa: F811
    seen = sum(_check(q, p, *loaded) for p in PARAMS.get(q.name, [{}]))
    assert seen > 0


@pytest.mark.parametrize("q", all_queries(), ids=lambda q: q.name)
def test_frames_agree_on_the_small_demo(q: NamedQuery, demo_loaded: tuple[Store, Store]) -> None:  # noqa: F811
    for params in demo_params(demo_loaded[0]).get(q.name, [{}]):
        _check(q, params, *demo_loaded)


def test_frame_types_are_the_declared_ones(loaded: tuple[Store, Store]) -> None:  # noqa: F811
    schools = loaded[0].query_frame("schools")
    assert schools["students"].dtype == "float64"  # a school without a count: NaN
    assert schools["lat"].dtype == "float64"
    assert schools["name"].dtype == "str"
    teachers = loaded[0].query_frame("teachers")
    assert all(isinstance(v, list) for v in teachers["subjects"])
    events = loaded[0].query_frame("events")
    assert {type(v).__name__ for v in events["date"]} <= {"date", "NoneType"}
