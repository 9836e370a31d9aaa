"""Import benchmark: the `region` demo into a fresh embedded store; prints rows/s and memory.

Usage: python benchmarks/bench_import.py [--size region] [--seed 42]

Each phase runs in a child process so that its peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
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
from loaders.importer import import_paths, validate_paths
files = sorted(Path(sys.argv[1]).glob("*.csv"))
store = EmbeddedStore(sys.argv[2])
t0 = time.perf_counter()
report = import_paths(files, store)
t1 = time.perf_counter()
again = import_paths(files, store)
t2 = time.perf_counter()
print(json.dumps({
    "rows": sum(report.rows.values()),
    "written": report.stats.total_added,
    "import_s": t1 - t0,
    "reimport_s": t2 - t1,
    "reimport_noop": again.is_noop(),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "db_mb": Path(sys.argv[2]).stat().st_size / 2**20,
}))
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="region")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    from seeds.demo import generate, write_csv

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        data = generate(args.size, seed=args.seed)
        write_csv(data, Path(tmp) / "files")
        gen_s = time.perf_counter() - t0
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(Path(tmp) / "files"), str(Path(tmp) / "b.db")],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"size={args.size} seed={args.seed}")
    print(f"generate + write CSV : {gen_s:8.1f} s")
    print(f"rows in files        : {r['rows']:8d}")
    print(f"nodes+edges written  : {r['written']:8d}")
    print(
        f"import               : {r['import_s']:8.1f} s  ({r['rows'] / r['import_s']:,.0f} rows/s)"
    )
    print(f"re-import (no-op={r['reimport_noop']}): {r['reimport_s']:6.1f} s")
    print(f"peak memory (import) : {r['peak_mb']:8.0f} MB")
    print(f"SQLite file          : {r['db_mb']:8.0f} MB")
    parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"parent peak memory   : {parent_mb:8.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
