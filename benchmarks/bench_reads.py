"""Benchmark: every named query into a frame, the row path (before) against the columnar one.

For each named query it prints, in the same run, the median of ``--runs`` runs after a
warm-up of:

- ``rows``: the path the services used before the columnar reads (``Store.query``: a Python
  tuple per row, then ``NamedQuery.normalise`` converting value by value, then a frame built
  from the dicts, dates parsed), as it was; on the embedded store the result queries run
  their old SQL (figures out of the JSON properties, ``BEFORE_SQL``);
- ``columns``: ``Store.query_frame`` (embedded: the answer transposed once into columns, the
  results from the typed result tables;
  Neo4j: one record holding every row, decoded by the driver's Rust extension when installed),
  typed column by column;

and their ratio, on the embedded store and, with ``--neo4j URI`` (or ``NEO4J_URI``), on Neo4j,
with Neo4j's columnar time against the embedded one (target: within 2×). It reads only.

Usage::

    python benchmarks/bench_reads.py --db region.db [--neo4j bolt://127.0.0.1:7687] [--runs 3]
                                   [--query results ...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.embedded import EmbeddedStore  # noqa: E402
from graph.store import Store  # noqa: E402
from queries import all_queries, get_query  # noqa: E402

# The embedded SQL of the queries that now read the typed result tables, as it was before
# (every figure out of the JSON properties): the ``rows`` column runs these.
_JSON_RESULT = (
    "FROM edges e JOIN nodes r ON r.label = 'Result' AND r.id = e.dst_id "
    "WHERE e.type = 'HAS_RESULT'"
)
BEFORE_SQL = {
    "results": "SELECT e.src_id AS school_id, "
    + ", ".join(
        f"json_extract(r.props, '$.{p}') AS {p}"
        for p in ("year", "assessment", "subject", "grade", "metric", "value", "participants")
    )
    + " FROM edges e JOIN nodes r ON r.label = 'Result' AND r.id = e.dst_id"
    " JOIN nodes s ON s.label = 'School' AND s.id = e.src_id"
    " WHERE e.type = 'HAS_RESULT' AND (:municipalities IS NULL OR "
    "json_extract(s.props, '$.municipality') IN (SELECT value FROM json_each(:municipalities)))",
    "result_years": "SELECT json_extract(r.props, '$.year') AS year, "
    f"COUNT(DISTINCT e.src_id) AS n_schools, COUNT(*) AS n_rows {_JSON_RESULT} "
    "GROUP BY 1 ORDER BY 1",
    "result_assessments": "SELECT json_extract(r.props, '$.assessment') AS assessment, "
    "COUNT(DISTINCT e.src_id) AS n_schools, COUNT(*) AS n_rows, "
    "MIN(json_extract(r.props, '$.year')) AS first_year, "
    f"MAX(json_extract(r.props, '$.year')) AS last_year {_JSON_RESULT} GROUP BY 1 ORDER BY 1",
}


def _rows_before(store: Store, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """``Store.query`` as it was: the old SQL on the embedded store, value-by-value typing."""
    q = get_query(name)
    if not isinstance(store, EmbeddedStore) or name not in BEFORE_SQL:
        return store.query(name, **params)
    bound = {k: json.dumps(v) if isinstance(v, list) else v for k, v in q.bind(params).items()}
    cur = store._connect().execute(BEFORE_SQL[name], bound)  # the benchmark's own SQL
    cols = [c[0] for c in cur.description]
    return q.normalise([dict(zip(cols, r, strict=True)) for r in cur.fetchall()], json_text=True)


def rows_path(store: Store, name: str, **params: Any) -> pd.DataFrame:
    """The frame as ``services.frames`` built it before the columnar reads."""
    q = get_query(name)
    df = pd.DataFrame(_rows_before(store, name, params), columns=q.column_names)
    for col, kind in q.columns:
        if kind == "date":
            parsed = pd.to_datetime(df[col], errors="coerce")
            df[col] = [None if pd.isna(x) else x.date() for x in parsed]
        elif kind == "list":
            df[col] = df[col].astype(object)
    return df


def median_time(fn: Callable[[], Any], runs: int) -> float:
    fn()  # warm-up: plans, caches, connections
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _params(store: Store) -> dict[str, dict[str, Any]]:
    schools = store.query_frame("schools")
    busiest = str(schools["school_id"].iloc[0]) if len(schools) else ""
    munis = sorted(set(schools["municipality"].dropna()))
    return {
        "school_events": {"school_id": busiest},
        "teachers": {},
        "results": {},
        "results (one municipality)": {"municipalities": munis[:1]},
        "schools (one municipality)": {"municipalities": munis[:1]},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="an embedded store (e.g. the region demo)")
    parser.add_argument("--neo4j", default=os.environ.get("NEO4J_URI", ""), help="Bolt URI")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--query", action="append", default=[], help="only these queries (repeatable)"
    )
    args = parser.parse_args(argv)

    embedded = EmbeddedStore(args.db)
    stores: list[Store] = [embedded]
    if args.neo4j:
        from graph.neo4j_store import Neo4jStore

        stores.append(Neo4jStore(args.neo4j, user=os.environ.get("NEO4J_USER") or None))
    extra = _params(embedded)
    cases: list[tuple[str, str, dict[str, Any]]] = []
    for q in all_queries():
        if args.query and q.name not in args.query:
            continue
        cases.append((q.name, q.name, extra.get(q.name, {})))
        for label, params in extra.items():
            if label.startswith(q.name + " ("):
                cases.append((label, q.name, params))

    print(f"load average before: {os.getloadavg()[0]:.1f}")
    if args.neo4j:
        from neo4j_jvm import server_line

        print(server_line())
    header = f"{'query':<28} {'rows':>8}"
    for s in stores:
        header += f" | {s.backend + ' rows, s':>16} {'columns, s':>10} {'×':>5}"
    if len(stores) > 1:
        header += f" | {'neo4j/emb':>9}"
    print(header)
    worst_embedded_ratio = None
    for label, name, params in cases:
        n = len(embedded.query_frame(name, **params))
        line = f"{label:<28} {n:>8}"
        cols: dict[str, float] = {}
        for s in stores:
            before = median_time(partial(rows_path, s, name, **params), args.runs)
            after = median_time(partial(s.query_frame, name, **params), args.runs)
            cols[s.backend] = after
            line += f" | {before:>16.3f} {after:>10.3f} {before / max(after, 1e-9):>5.1f}"
            if s is embedded and label == "results":
                worst_embedded_ratio = before / max(after, 1e-9)
        if len(stores) > 1:
            line += f" | {cols['neo4j'] / max(cols['embedded'], 1e-9):>9.1f}"
        print(line, flush=True)
    if worst_embedded_ratio is not None:
        verdict = "meets" if worst_embedded_ratio >= 5 else "MISSES"
        print(f"results into a frame: {worst_embedded_ratio:.1f}× faster ({verdict} the 5× target)")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
