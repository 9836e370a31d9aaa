"""Benchmark: every named query into a frame, the row path (before) against the columnar one.

For each named query it prints, in the same run, the median of ``--runs`` runs after a
warm-up of:

- ``rows``: the path the services used before the columnar reads (``Store.query``: a Python
  tuple per row, then ``NamedQuery.normalise`` converting value by value, then a frame built
  from the dicts, dates parsed), as it was;
- ``columns``: ``Store.query_frame`` (embedded: the answer transposed once into columns;
  Neo4j: one record holding every row, decoded by the driver's Rust extension when installed),
  typed column by column;

and their ratio, on the embedded store and, with ``--neo4j URI`` (or ``NEO4J_URI``), on Neo4j,
with Neo4j's columnar time against the embedded one (target: within 2×). It reads only.

Usage::

    python benchmarks/bench_reads.py --db region.db [--neo4j bolt://127.0.0.1:7687] [--runs 3]
"""

from __future__ import annotations

import argparse
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


def rows_path(store: Store, name: str, **params: Any) -> pd.DataFrame:
    """The frame as ``services.frames`` built it before the columnar reads."""
    q = get_query(name)
    df = pd.DataFrame(store.query(name, **params), columns=q.column_names)
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
    args = parser.parse_args(argv)

    embedded = EmbeddedStore(args.db)
    stores: list[Store] = [embedded]
    if args.neo4j:
        from graph.neo4j_store import Neo4jStore

        stores.append(Neo4jStore(args.neo4j, user=os.environ.get("NEO4J_USER") or None))
    extra = _params(embedded)
    cases: list[tuple[str, str, dict[str, Any]]] = []
    for q in all_queries():
        cases.append((q.name, q.name, extra.get(q.name, {})))
        for label, params in extra.items():
            if label.startswith(q.name + " ("):
                cases.append((label, q.name, params))

    print(f"load average before: {os.getloadavg()[0]:.1f}")
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
