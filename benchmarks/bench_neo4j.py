"""Benchmark: importing the demo region into Neo4j, and every named query on both stores.

Prints, for the ``region`` demo (``seeds.demo`` written as CSV, read and validated by
``loaders``):

- import rows/s: embedded (reference); Neo4j in one unit of work (batched ``UNWIND``; a server
  whose transaction memory is too small for the whole region refuses it, and that is printed);
  Neo4j ``write_batched`` (one commit per batch) and its rerun on a completed load;
- batched ``UNWIND`` against one ``MERGE`` statement per row, on the same sample of rows and in
  the same run, and their ratio;
- the latency of each named query on both stores (median of ``--runs`` runs after a warm-up).

Usage::

    python benchmarks/bench_neo4j.py [--size region] [--sample 5000] [--runs 3] [--skip-uow]

It uses ``NEO4J_URI`` (``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) when set, else
starts ``scripts/neo4j-test-server`` and stops it at the end. **It empties that database.**
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.embedded import EmbeddedStore  # noqa: E402
from graph.model import Edge, Node  # noqa: E402
from graph.neo4j_admin import clear_database, server_info, write_per_row  # noqa: E402
from graph.neo4j_store import Neo4jStore  # noqa: E402
from graph.store import Store, StoreError  # noqa: E402
from queries import all_queries  # noqa: E402

SCRIPT = ROOT / "scripts" / "neo4j-test-server"


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def _open_neo4j(batch_size: int) -> tuple[Neo4jStore, bool]:
    """The store to benchmark, and whether this script started its server."""
    uri = os.environ.get("NEO4J_URI", "").strip()
    if uri:
        store = Neo4jStore(
            uri,
            user=os.environ.get("NEO4J_USER", "neo4j") or None,
            password=os.environ.get("NEO4J_PASSWORD") or None,
            database=os.environ.get("NEO4J_DATABASE", "neo4j") or "neo4j",
            batch_size=batch_size,
        )
        return store, False
    running = subprocess.run([str(SCRIPT), "status"], capture_output=True, check=False)
    proc = subprocess.run(
        [str(SCRIPT), "start"], capture_output=True, text=True, check=True, timeout=900
    )
    uri = proc.stdout.strip().splitlines()[-1]
    return Neo4jStore(uri, user=None, batch_size=batch_size), running.returncode != 0


def _plan(size: str, seed: int, workdir: Path) -> tuple[list[Node], list[Edge], Any, float]:
    from loaders.importer import validate_paths
    from services.demo import generate_demo_files

    files = generate_demo_files(workdir / "files", size, seed)
    planner = EmbeddedStore(workdir / "plan.db")  # empty: validation needs a store to look in
    seconds, plan = _timed(lambda: validate_paths(files, planner))
    planner.close()
    if not plan.ok:
        raise SystemExit(f"the demo did not validate: {plan.issues[:3]}")
    return list(plan.nodes), list(plan.edges), plan, seconds


def _import(store: Store, nodes: Sequence[Node], edges: Sequence[Edge]) -> None:
    with store.unit_of_work() as uow:
        uow.upsert_nodes(nodes)
        uow.upsert_edges(edges)
        uow.commit()


def _row(*cells: Any, widths: Sequence[int] = (34, 14, 14, 14)) -> str:
    out: list[str] = []
    for cell, w in zip(cells, widths, strict=False):
        if isinstance(cell, float):
            text = f"{cell:,.2f}" if abs(cell) < 10 else f"{cell:,.0f}"
        else:
            text = str(cell)
        out.append(text.ljust(w) if not out else text.rjust(w))
    return " ".join(out)


def _query_params(nodes: Sequence[Node], edges: Sequence[Edge]) -> dict[str, dict[str, Any]]:
    """Representative parameters taken from the data: the busiest school and curator."""
    works = {e.src.id: e.dst.id for e in edges if e.type == "WORKS_AT"}
    attended = Counter(works[e.src.id] for e in edges if e.type == "ATTENDED" and e.src.id in works)
    organized = Counter(e.src.id for e in edges if e.type == "ORGANIZED")
    busy = attended + organized
    busy_school = str(busy.most_common(1)[0][0]) if busy else ""
    curated = Counter(e.src.id for e in edges if e.type == "CURATES")
    curator = curated.most_common(1)[0][0] if curated else None
    munis = Counter(str(getattr(n, "municipality", "")) for n in nodes if n.label == "School")
    muni = munis.most_common(1)[0][0] if munis else ""
    return {
        "schools": {"municipalities": [muni]},
        "results": {"municipalities": [muni]},
        "teachers": {"school_id": busy_school},
        "curatorships": {"curator_id": curator},
        "school_events": {"school_id": busy_school},
    }


def _latency(store: Store, name: str, params: dict[str, Any], runs: int) -> tuple[float, int]:
    rows = store.query(name, **params)  # warm-up (plans, caches)
    times = []
    for _ in range(runs):
        seconds, _ = _timed(lambda: store.query(name, **params))
        times.append(seconds * 1000)
    return statistics.median(times), len(rows)


def _progress(text: str) -> None:
    print(f"... {text}", file=sys.stderr, flush=True)


def _endpoints(nodes: Sequence[Node], edges: Sequence[Edge]) -> list[Node]:
    refs = {e.src for e in edges} | {e.dst for e in edges}
    return [n for n in nodes if n.ref() in refs]


def _per_row_against_batched(
    neo: Neo4jStore, nodes: Sequence[Node], edges: Sequence[Edge], sample: int, seed: int
) -> None:
    """One MERGE per row against UNWIND batches, on the same sample, each in one transaction."""
    rng = random.Random(seed)
    k_nodes = min(len(nodes), sample // 2)
    k_edges = min(len(edges), sample - k_nodes)
    node_sample = rng.sample(list(nodes), k_nodes)
    edge_sample = rng.sample(list(edges), k_edges)
    ends = _endpoints(nodes, edge_sample)
    writers: list[Callable[[Sequence[Node], Sequence[Edge]], Any]] = [
        partial(write_per_row, neo),
        lambda ns, es: _import(neo, ns, es),
    ]
    results: dict[str, tuple[float, float]] = {}
    for kind in ("nodes", "edges"):
        ns = node_sample if kind == "nodes" else []
        es = edge_sample if kind == "edges" else []
        timings = []
        # The first round only warms up: query plans compiled and cached, JIT warm.
        for timed in (False, True):
            for write in writers:
                clear_database(neo)
                if kind == "edges":
                    neo.write_batched(ends)  # the endpoints first, not timed
                seconds, _ = _timed(partial(write, ns, es))
                if timed:
                    timings.append(seconds)
        _progress(f"{kind} sample done")
        size = len(ns) + len(es)
        results[kind] = (size / timings[0], size / timings[1])
    total = k_nodes + k_edges
    per_row = total / (k_nodes / results["nodes"][0] + k_edges / results["edges"][0])
    batched = total / (k_nodes / results["nodes"][1] + k_edges / results["edges"][1])
    print(
        f"batched UNWIND against one MERGE per row (same sample: {k_nodes:,} nodes + "
        f"{k_edges:,} edges; one transaction each; same run)"
    )
    print(_row("rows", "per-row rows/s", "UNWIND rows/s", "ratio"))
    for kind in ("nodes", "edges"):
        p, b = results[kind]
        print(_row(kind, p, b, f"{b / p:.1f}x"))
    print(_row("all", per_row, batched, f"{batched / per_row:.1f}x"))
    print()


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--size", default="region")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--sample", type=int, default=5000, help="rows for the per-row comparison")
    ap.add_argument("--runs", type=int, default=3, help="runs per query (median)")
    ap.add_argument("--batch-size", type=int, default=5000)
    ap.add_argument(
        "--skip-uow", action="store_true", help="do not try the whole import in one transaction"
    )
    args = ap.parse_args(argv)

    neo, started = _open_neo4j(args.batch_size)
    try:
        with tempfile.TemporaryDirectory(prefix="schoolnet-bench-") as tmp:
            work = Path(tmp)
            _progress(f"generating and validating the '{args.size}' demo")
            nodes, edges, _, plan_s = _plan(args.size, args.seed, work)
            n_rows = len(nodes) + len(edges)
            info = server_info(neo)
            import neo4j as driver

            print(f"schoolnet Neo4j benchmark: demo '{args.size}' (seed {args.seed})")
            print(
                f"server {info['agent']} (Bolt {info['protocol']}), "
                f"driver neo4j-python {driver.__version__}, batch size {args.batch_size}, "
                f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
            )
            print(
                f"rows: {len(nodes):,} nodes + {len(edges):,} edges = {n_rows:,} "
                f"(read + validated in {plan_s:.1f} s)"
            )
            print()

            _per_row_against_batched(neo, nodes, edges, args.sample, args.seed)

            # --- whole import ---------------------------------------------------------------
            _progress("embedded import")
            emb = EmbeddedStore(work / "bench.db")
            emb_s, _ = _timed(lambda: _import(emb, nodes, edges))
            uow: tuple[float, str] | None = None
            if not args.skip_uow:
                _progress("neo4j import in one unit of work")
                clear_database(neo)
                try:
                    uow = (_timed(lambda: _import(neo, nodes, edges))[0], "")
                except StoreError as exc:
                    uow = (0.0, str(exc).split(". ")[0])
            clear_database(neo)
            _progress("neo4j write_batched")
            batched_s, _ = _timed(lambda: neo.write_batched(nodes, edges))
            _progress("neo4j write_batched again (a completed load)")
            again_s, again = _timed(lambda: neo.write_batched(nodes, edges))
            print("import of the whole demo")
            print(_row("store / mode", "seconds", "rows/s"))
            print(_row("embedded, one transaction", emb_s, n_rows / emb_s))
            if uow is not None and not uow[1]:
                print(_row("neo4j, one unit of work (UNWIND)", uow[0], n_rows / uow[0]))
            elif uow is not None:
                print(_row("neo4j, one unit of work (UNWIND)", "refused", "-"))
                print(f"    {uow[1]}")
            print(_row("neo4j, write_batched (UNWIND)", batched_s, n_rows / batched_s))
            print(
                _row("neo4j, write_batched rerun", again_s, n_rows / again_s)
                + f"   (no-op: {again.is_noop()})"
            )
            print()

            # --- named queries ------------------------------------------------------------
            params = _query_params(nodes, edges)
            print(f"named queries: median of {args.runs} runs after a warm-up, milliseconds")
            print(_row("query", "embedded ms", "neo4j ms", "rows"))
            for q in all_queries():
                _progress(f"query {q.name}")
                p = params.get(q.name, {})
                emb_ms, emb_rows = _latency(emb, q.name, p, args.runs)
                neo_ms, neo_rows = _latency(neo, q.name, p, args.runs)
                rows = str(emb_rows) if emb_rows == neo_rows else f"{emb_rows}/{neo_rows}!"
                print(_row(q.name, emb_ms, neo_ms, rows), flush=True)
            emb.close()
    finally:
        neo.close()
        if started:
            subprocess.run([str(SCRIPT), "stop"], capture_output=True, check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
