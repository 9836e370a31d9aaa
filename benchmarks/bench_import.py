"""Import benchmark: the `region` demo into a fresh embedded store; prints rows/s and memory.

Usage: python benchmarks/bench_import.py [--size region] [--seed 42] [--paths rows,columns]

Both import paths run in the same call, each in a child process of its own (so that its peak
memory, ru_maxrss, is its own): ``rows`` is the old path (a model object per row,
``SCHOOLNET_IMPORT_PATH=rows``), ``columns`` the new one (whole columns; the default). The last
lines compare them as a ratio (issue 12 target: >= 100k rows/s, peak < 1 GB).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from graph.embedded import EmbeddedStore
from loaders.importer import apply_plan, import_paths, validate_paths
from loaders.readers import read_paths

def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

files = sorted(Path(sys.argv[1]).glob("*.csv"))
store = EmbeddedStore(sys.argv[2])
t0, c0 = time.perf_counter(), time.process_time()
plan = validate_paths(files, store)  # import_paths is apply_plan(validate_paths(...))
t1 = time.perf_counter()
report = apply_plan(plan, store)
t2, c2 = time.perf_counter(), time.process_time()
del plan
import_peak = peak()
again = import_paths(files, store)
t3 = time.perf_counter()
read = read_paths(files)
t4 = time.perf_counter()
del read
plan = validate_paths(files, store)
t5 = time.perf_counter()
print(json.dumps({
    "rows": sum(report.rows.values()),
    "written": report.stats.total_added,
    "import_s": t2 - t0,
    "import_cpu_s": c2 - c0,
    "check_s": t1 - t0,
    "write_s": t2 - t1,
    "read_s": t4 - t3,
    "validate_s": t5 - t4,
    "reimport_s": t3 - t2,
    "reimport_noop": again.is_noop(),
    "peak_mb": import_peak,
    "peak_all_mb": peak(),
    "db_mb": Path(sys.argv[2]).stat().st_size / 2**20,
}))
"""

# Issue 12's targets for the region import into the embedded store.
TARGET_ROWS_S = 100_000
TARGET_PEAK_MB = 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="region")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--paths", default="rows,columns")
    args = ap.parse_args()
    from seeds.demo import generate, write_csv

    load0 = _load()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        data = generate(args.size, seed=args.seed)
        write_csv(data, Path(tmp) / "files")
        gen_s = time.perf_counter() - t0
        runs = {}
        for path in args.paths.split(","):
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(Path(tmp) / "files"), f"{tmp}/{path}.db"],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "SCHOOLNET_IMPORT_PATH": path},
            )
            runs[path] = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"size={args.size} seed={args.seed}; load average before {load0}, after {_load()}")
    print(f"generate + write CSV : {gen_s:8.1f} s")
    for path, r in runs.items():
        print(f"--- path: {path}")
        _print_run(r)
    if len(runs) == 2:
        old, new = runs.values()
        print(
            f"--- new vs old: import {old['import_s'] / new['import_s']:.1f}x faster, "
            f"re-import {old['reimport_s'] / new['reimport_s']:.1f}x, "
            f"peak memory {new['peak_mb']:.0f} MB vs {old['peak_mb']:.0f} MB"
        )
    parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"parent peak memory   : {parent_mb:8.0f} MB")
    return 0


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _print_run(r: dict[str, float]) -> None:
    rate = r["rows"] / r["import_s"]
    print(f"rows in files        : {r['rows']:8d}")
    print(f"nodes+edges written  : {r['written']:8d}")
    print(f"import               : {r['import_s']:8.1f} s  ({rate:,.0f} rows/s)")
    print(f"  of which CPU       : {r['import_cpu_s']:8.1f} s  (this process; the rest waited)")
    print(f"  read files         : {r['read_s']:8.1f} s  (measured apart: read_paths alone)")
    print(f"  check (incl. read) : {r['check_s']:8.1f} s  (validate_paths: read + check, no write)")
    print(f"  write              : {r['write_s']:8.1f} s  (apply_plan: one transaction)")
    print(f"validate only (again): {r['validate_s']:6.1f} s")
    print(f"re-import (no-op={r['reimport_noop']}): {r['reimport_s']:6.1f} s")
    print(f"peak memory (import) : {r['peak_mb']:8.0f} MB")
    print(f"peak memory (all)    : {r['peak_all_mb']:8.0f} MB  (with the re-import and check)")
    print(f"SQLite file          : {r['db_mb']:8.0f} MB")
    print(
        f"target               : {rate / TARGET_ROWS_S:8.0%} of {TARGET_ROWS_S:,} rows/s "
        f"({'met' if rate >= TARGET_ROWS_S else 'missed'}); peak {r['peak_mb']:.0f} of "
        f"{TARGET_PEAK_MB} MB ({'met' if r['peak_mb'] < TARGET_PEAK_MB else 'missed'})"
    )


if __name__ == "__main__":
    raise SystemExit(main())
