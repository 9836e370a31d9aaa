"""App benchmark: how long each page takes to rerun at the `region` demo size.

Usage: python benchmarks/bench_app.py [--db PATH] [--size region] [--reruns 5]

Without ``--db`` the demo of ``--size`` is generated into a temporary embedded store first.
Every page file is run headless through ``streamlit.testing.v1.AppTest`` (the script's own
time, as the server spends it; the browser's drawing is not included): the first load (cold
caches), then ``--reruns`` reruns, which is what a user waits for after touching a widget.
The planner is measured with its plan shown (after «Подобрать пары»). Target: under 1 s per
rerun.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "app_streamlit" / "views"
PAGE_FILES = (
    "overview",
    "schools",
    "planner",
    "exchange",
    "import_data",
    "my_schools",
    "coverage_map",
)
TARGET_S = 1.0


def _seed(db: Path, size: str) -> None:
    from services.demo import load_demo
    from services.stores import open_store

    started = time.perf_counter()
    store = open_store("embedded", str(db))
    try:
        load_demo(store, size=size, seed=42)
        counts = store.count_nodes()
    finally:
        store.close()
    print(
        f"seeded {size}: {counts.get('School', 0)} schools, {counts.get('Result', 0)} results, "
        f"{counts.get('Teacher', 0)} teachers in {time.perf_counter() - started:.1f} s"
    )


def _bench_page(name: str, reruns: int) -> tuple[float, list[float]]:
    from streamlit.testing.v1 import AppTest

    from labels import t

    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=600)
    started = time.perf_counter()
    at.run()
    if name == "planner":
        run = [b for b in at.button if b.label == t("ui.planner.run")]
        run[0].click()
        at.run()
    first = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"{name}: {at.exception[0].value}")
    times = []
    for _ in range(reruns):
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
        if at.exception:
            raise RuntimeError(f"{name}: {at.exception[0].value}")
    return first, times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="an already seeded store")
    parser.add_argument("--size", default="region", choices=["small", "region", "country"])
    parser.add_argument("--reruns", type=int, default=5)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    # AppTest runs pages without a server; Streamlit says so on every run.
    logging.getLogger("streamlit").setLevel(logging.ERROR)

    with tempfile.TemporaryDirectory(prefix="schoolnet-bench-app-") as tmp:
        db = args.db or Path(tmp) / "app.db"
        if args.db is None:
            _seed(db, args.size)
        os.environ["SCHOOLNET_BACKEND"] = "embedded"
        os.environ["SCHOOLNET_DB"] = str(db)
        print(f"{'page':<14} {'first load, s':>14} {'rerun median, s':>16} {'rerun max, s':>13}")
        worst = 0.0
        for name in PAGE_FILES:
            first, times = _bench_page(name, args.reruns)
            worst = max(worst, max(times))
            print(
                f"{name:<14} {first:>14.2f} {statistics.median(times):>16.3f} {max(times):>13.3f}"
            )
        verdict = "meets" if worst < TARGET_S else "MISSES"
        print(f"slowest rerun {worst:.3f} s: {verdict} the {TARGET_S:.0f} s target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
