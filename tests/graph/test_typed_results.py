"""The embedded store's typed result tables always say what the graph's JSON says.

``result_kinds``/``result_values``/``result_facts`` (graph/sqlite_typed.py) are written by the
unit of work and cleaned by delete triggers; the oracle here reads the same answer straight
from the JSON properties, as the ``results`` query did before. Any sequence of writes (new,
changed and unchanged results, batches, unlinked edges, rows deleted by hand) must leave the
two equal, and a store without the tables gets them, equal, when opened.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.embedded import EmbeddedStore
from graph.model import Edge, Metric, Municipality, Result, School
from graph.sqlite_typed import TYPED_VERSION
from queries import get_query
from queries.frames import rows_frame

ORACLE = (
    "SELECT e.src_id AS school_id, "
    + ", ".join(
        f"json_extract(r.props, '$.{p}') AS {p}"
        for p in ("year", "assessment", "subject", "grade", "metric", "value", "participants")
    )
    + " FROM edges e JOIN nodes r ON r.label = 'Result' AND r.id = e.dst_id"
    " JOIN nodes s ON s.label = 'School' AND s.id = e.src_id"
    " WHERE e.type = 'HAS_RESULT' AND (:m IS NULL OR json_extract(s.props, '$.municipality')"
    " IN (SELECT value FROM json_each(:m)))"
)
SCHOOLS = [School(id=f"s{i}", name=f"Школа {i}", municipality=f"М{i % 2}") for i in range(4)]
MUNIS = [Municipality(id="М0", name="М0"), Municipality(id="М1", name="М1")]


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    keys = [repr(tuple(row)) for row in df.itertuples(index=False)]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return df.iloc[order].reset_index(drop=True)


def _oracle(store: EmbeddedStore, munis: list[str] | None) -> pd.DataFrame:
    q = get_query("results")
    conn = store._connect()  # the test's own SQL: the JSON truth
    cur = conn.execute(ORACLE, {"m": None if munis is None else json.dumps(munis)})
    cols = [c[0] for c in cur.description]
    rows = q.normalise([dict(zip(cols, r, strict=True)) for r in cur.fetchall()], json_text=True)
    return _sorted(rows_frame(q, rows))


def assert_typed_equals_json(store: EmbeddedStore) -> None:
    q = get_query("results")
    for munis in (None, ["М0"], ["М1", "М0"], []):
        expected = _oracle(store, munis)
        by_rows = _sorted(rows_frame(q, store.query("results", municipalities=munis)))
        columnar = _sorted(store.query_frame("results", municipalities=munis))
        pd.testing.assert_frame_equal(by_rows, expected, obj=f"rows {munis}")
        pd.testing.assert_frame_equal(columnar, expected, obj=f"frame {munis}")
    years = store.query_frame("result_years")
    expected_years = _oracle(store, None).groupby("year").size()
    assert dict(zip(years["year"], years["n_rows"], strict=True)) == expected_years.to_dict()


def _result(
    i: int,
    school: str,
    year: int,
    subject: str,
    grade: int | None,
    value: float,
    participants: int | None,
) -> Result:
    return Result(
        id=f"r{i}",
        school_id=school,
        year=year,
        assessment="ВПР",
        subject=subject,
        grade=grade,
        metric=Metric.mean_score,
        value=value,
        participants=participants,
    )


def _has(r: Result) -> Edge:
    return Edge(
        type="HAS_RESULT", src=School(id=r.school_id, name="-", municipality="-").ref(), dst=r.ref()
    )


results_st = st.builds(
    _result,
    i=st.integers(0, 12),
    school=st.sampled_from([s.id for s in SCHOOLS]),
    year=st.integers(2020, 2024),
    subject=st.sampled_from(["Математика", "Русский язык", "x'\"\n"]),
    grade=st.none() | st.integers(1, 11),
    value=st.floats(-1e6, 1e6, allow_nan=False) | st.just(0.1 + 0.2),
    participants=st.none() | st.integers(0, 500),
)
ops_st = st.lists(
    st.tuples(
        st.sampled_from(["write", "batched", "unlink", "raw_delete"]),
        st.lists(results_st, min_size=1, max_size=6),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=40, deadline=None)
@given(ops=ops_st)
def test_any_writes_keep_the_typed_tables_equal_to_the_graph(ops: list[Any]) -> None:
    store = EmbeddedStore(":memory:")
    store.write([*MUNIS, *SCHOOLS])
    for op, results in ops:
        by_id = {r.id: r for r in results}  # one version of each result per write
        nodes = list(by_id.values())
        # A result whose school changed keeps its old edge too, as a re-import would.
        if op == "write":
            store.write(nodes, [_has(r) for r in nodes])
        elif op == "batched":
            store.write_batched(nodes, [_has(r) for r in nodes], batch_size=2)
        elif op == "unlink":
            store.delete([_has(r) for r in nodes])
        else:  # a tool deleting by hand: triggers remove the facts
            conn = store._connect()
            conn.executemany(
                "DELETE FROM nodes WHERE label = 'Result' AND id = ?", [(r.id,) for r in nodes]
            )
            conn.executemany("DELETE FROM edges WHERE dst_id = ?", [(r.id,) for r in nodes])
        assert_typed_equals_json(store)


def test_a_store_without_the_tables_gets_them_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = EmbeddedStore(path)
    results = [
        _result(i, f"s{i % 4}", 2022 + i % 3, "Математика", None if i % 2 else 5, i / 3, i)
        for i in range(10)
    ]
    store.write([*MUNIS, *SCHOOLS, *results], [_has(r) for r in results])
    store.close()
    conn = sqlite3.connect(path, isolation_level=None)  # as a store of the last release
    conn.executescript(
        "DROP TRIGGER result_node_delete; DROP TRIGGER result_edge_delete;"
        "DROP TABLE result_facts; DROP TABLE result_values; DROP TABLE result_kinds;"
        "DELETE FROM meta WHERE key = 'typed_tables';"
    )
    conn.close()
    reopened = EmbeddedStore(path)
    try:
        assert len(reopened.query_frame("results")) == 10
        assert_typed_equals_json(reopened)
        version = (
            reopened._connect()
            .execute("SELECT value FROM meta WHERE key = 'typed_tables'")
            .fetchone()[0]
        )
        assert version == TYPED_VERSION
    finally:
        reopened.close()
