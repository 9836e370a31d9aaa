"""Benchmark: the app's first page after a start, and its reruns, before and after issue 12.

Each case is a new Python process (as ``schoolnet app`` after a restart) that runs the app's
router with its default page (the overview) headless through ``streamlit.testing.v1.AppTest``,
timed from the process's start (imports included), then reruns it ``--reruns`` times:

- ``before``: row reads (a Python object per value) and no kept results: what a start cost
  before the columnar reads and the result cache (``SCHOOLNET_COLUMNAR_READS=off``,
  ``SCHOOLNET_RESULT_CACHE=off``);
- ``cold``: columnar reads, nothing kept yet: the first start after a write;
- ``restart``: columnar reads and the results the ``cold`` process kept: every later start,
  a second worker.

Targets: embedded region first page < 2 s, rerun < 0.5 s; Neo4j region first page < 5 s.

Usage::

    python benchmarks/bench_first_page.py --db region.db
    python benchmarks/bench_first_page.py --backend neo4j   # NEO4J_URI, NEO4J_USER, ...
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app_streamlit" / "app.py"
CASES = {
    "before": {"SCHOOLNET_COLUMNAR_READS": "off", "SCHOOLNET_RESULT_CACHE": "off"},
    "cold": {"SCHOOLNET_COLUMNAR_READS": "on"},
    "restart": {"SCHOOLNET_COLUMNAR_READS": "on"},
}


def child(reruns: int) -> None:
    """Run in the measured process: the first page, then reruns; print one JSON line."""
    sys.path.insert(0, str(ROOT))
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=900)
    at.run()
    first = time.perf_counter() - _STARTED
    if at.exception:
        raise SystemExit(f"the app failed: {at.exception[0].value}")
    times = []
    for _ in range(reruns):
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
    print(json.dumps({"first": first, "reruns": times}))


def _cache_dir(backend: str, db: str) -> Path | None:
    sys.path.insert(0, str(ROOT))
    from services.stores import open_store

    with open_store(backend, db) as store:
        return store.cache_dir()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="schoolnet.db")
    parser.add_argument("--backend", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--reruns", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.reruns)
        return 0

    folder = _cache_dir(args.backend, args.db)
    if folder is not None and folder.exists():
        shutil.rmtree(folder)  # nothing kept: "cold" computes and keeps
    env = dict(os.environ, SCHOOLNET_BACKEND=args.backend, SCHOOLNET_DB=args.db)
    print(f"{args.backend} store {args.db if args.backend == 'embedded' else ''}")
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print(f"{'case':<8} {'first page, s':>14} {'rerun median, s':>16} {'rerun max, s':>13}")
    firsts: dict[str, float] = {}
    for case, extra in CASES.items():
        proc = subprocess.run(
            [sys.executable, __file__, "--child", "--reruns", str(args.reruns)],
            env={**env, **extra},
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(f"{case}: failed\n{proc.stderr[-3000:]}{proc.stdout[-1000:]}")
            return 1
        out = json.loads(proc.stdout.strip().splitlines()[-1])
        firsts[case] = out["first"]
        reruns = out["reruns"] or [0.0]
        print(
            f"{case:<8} {out['first']:>14.2f} {statistics.median(reruns):>16.3f} "
            f"{max(reruns):>13.3f}",
            flush=True,
        )
    print(
        f"first page: before/restart {firsts['before'] / firsts['restart']:.1f}×, "
        f"before/cold {firsts['before'] / firsts['cold']:.1f}×"
    )
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
