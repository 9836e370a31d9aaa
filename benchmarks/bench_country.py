"""Benchmark: the country demo (~40,000 schools) into Neo4j with neo4j-admin, then the app on it.

Prints, against the targets of issue 12:

- **load** (target < 10 min): ``schoolnet neo4j-import-files --parts`` over the regions' folders
  (``schoolnet seed --size country --by-region``: validated one region at a time), then
  ``scripts/neo4j-test-server start --import`` (``neo4j-admin database import full`` and the
  server's start), then the store's first connection (constraints and indexes, which
  ``neo4j-admin`` in Community cannot build: ``--schema`` needs the Enterprise block format);
  wall time and CPU time of each step, the peak memory of the first, the total against 600 s;
- **first page** (target < 10 s): the app's default page (the overview) in a new process, timed
  from the process's start, ``cold`` (nothing kept: identification, plan, activity and coverage
  computed from the store) and ``restart`` (what ``cold`` kept on disk);
- **page reruns with a municipality chosen** (target < 2 s): every page of the coordinator and
  the region, in one process as a user would go: the page opened, a municipality chosen (the
  first run with it), then ``--reruns`` reruns.

Usage::

    python benchmarks/bench_country.py [--work /tmp/schoolnet-country] [--reruns 3]
    python benchmarks/bench_country.py --skip-load      # NEO4J_URI: a server already loaded

Without ``--skip-load`` it generates the country (once: ``--work``/regions is reused), writes
the import files and starts its own server (``SCHOOLNET_NEO4J_STATE``, default
``<work>/state``), and stops it at the end unless ``--keep`` (then it prints the URI). The
server gets the options of a country rather than of the tests unless they are set:
``SCHOOLNET_NEO4J_PAGECACHE=3g``, ``SCHOOLNET_NEO4J_JAVA_OPTS="-XX:TieredStopAtLevel=4
-XX:+UseG1GC"``; neo4j-admin uses every CPU (``SCHOOLNET_NEO4J_ADMIN_THREADS``). Use
``--work`` with an existing ``regions/`` folder to skip generating.
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "neo4j-test-server"
APP = ROOT / "app_streamlit" / "app.py"
PAGES = ROOT / "app_streamlit" / "views"
SCHOOLNET = [str(Path(sys.executable).parent / "schoolnet")]
# page file → (the municipality widget's key, whether it is a multiselect)
MUNICIPALITY_WIDGETS: dict[str, tuple[str, bool]] = {
    "overview": ("overview_municipality", False),
    "schools": ("schools_muni", True),
    "exchange": ("ex_muni", True),
    "coverage_map": ("map_muni", True),
    "monitoring": ("mon_muni", False),
}
LOAD_TARGET_S = 600.0
FIRST_PAGE_TARGET_S = 10.0
RERUN_TARGET_S = 2.0


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str, str]:
    """Wall and CPU seconds of a command run to its end, with its stdout and stderr."""
    t0, c0 = time.perf_counter(), _cpu()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, cwd=ROOT)
    wall, cpu = time.perf_counter() - t0, _cpu() - c0
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr[-3000:]}")
    return wall, cpu, proc.stdout, proc.stderr


def _verdict(value: float, target: float) -> str:
    return f"{'meets' if value < target else 'MISSES'} < {target:g} s ({value / target:.2f}×)"


def load(work: Path, env: dict[str, str]) -> str:
    """Generate (once), write the import files, build the database; print; return the URI."""
    regions = work / "regions"
    if not (regions / "01" / "schools.csv").exists():
        print("... generating the country by region (not part of the load)", file=sys.stderr)
        wall, _, _, _ = _run(
            [*SCHOOLNET, "seed", "--size", "country", "--by-region", "--out", str(regions),
             "--as-of", "2026-09-01"],
            env,
        )  # fmt: skip
        print(f"country demo generated in {wall:.0f} s")
    folders = sorted(p for p in regions.iterdir() if p.is_dir())
    rows = sum(
        max(0, sum(1 for _ in f.open(encoding="utf-8")) - 1)
        for folder in folders
        for f in folder.glob("*.csv")
    )
    admin = work / "admin"
    shutil.rmtree(admin, ignore_errors=True)
    print(f"... import files from {len(folders)} folders, {rows:,} rows", file=sys.stderr)
    files_wall, files_cpu, out, files_err = _run(
        ["/usr/bin/time", "-f", "maxrss_kb=%M", *SCHOOLNET, "neo4j-import-files", "--parts",
         "--out", str(admin), *map(str, folders)],
        env,
    )  # fmt: skip
    print("... neo4j-admin database import full and the server's start", file=sys.stderr)
    admin_wall, admin_cpu, uri_out, err = _run([str(SCRIPT), "start", "--import", str(admin)], env)
    found = re.search(r"import full done in (\d+) s", err)
    tool = float(found.group(1)) if found else admin_wall
    uri = uri_out.strip().splitlines()[-1]
    print("... constraints, indexes, empty lists (the store's first connection)", file=sys.stderr)
    schema_wall = _first_connection(uri, env)
    total = files_wall + admin_wall + schema_wall
    rss = re.search(r"maxrss_kb=(\d+)", files_err)
    peak = f"peak memory {int(rss.group(1)) >> 10:,} MB" if rss else ""
    print(f"country first load: {rows:,} rows in {len(folders)} parts; {out.strip()[:200]}")
    print(f"{'step':<44} {'wall, s':>8} {'CPU, s':>8}")
    print(f"{'check + write files (--parts)':<44} {files_wall:>8.0f} {files_cpu:>8.0f}  {peak}")
    print(f"{'neo4j-admin database import full':<44} {tool:>8.0f}")
    print(f"{'server start':<44} {admin_wall - tool:>8.0f}")
    print(f"{'  (neo4j-admin + start: CPU of both)':<44} {'':>8} {admin_cpu:>8.0f}")
    print(f"{'constraints + indexes until ready for the app':<44} {schema_wall:>8.0f}")
    print(f"{'load, total':<44} {total:>8.0f}  {_verdict(total, LOAD_TARGET_S)}")
    print(f"load average after the load: {os.getloadavg()[0]:.1f}")
    return uri


def _first_connection(uri: str, env: dict[str, str]) -> float:
    """Seconds of the store's first connection to a fresh import: it creates the constraints
    and indexes (neo4j-admin cannot, in Community), sets the empty lists and waits until the
    indexes are online."""
    code = (
        "import sys, time; sys.path.insert(0, sys.argv[2]); t = time.perf_counter()\n"
        "from graph.neo4j_store import Neo4jStore\n"
        "Neo4jStore(sys.argv[1], user=None).close(); print(time.perf_counter() - t)"
    )
    wall, _, out, _ = _run([sys.executable, "-c", code, uri, str(ROOT)], env)
    return float(out.strip().splitlines()[-1]) if out.strip() else wall


def child_first() -> None:
    """In a new process: the router's default page; print the seconds since start."""
    sys.path.insert(0, str(ROOT))
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=3600)
    at.run()
    if at.exception:
        raise SystemExit(f"the app failed: {at.exception[0].value}")
    print(json.dumps({"first": time.perf_counter() - _STARTED}))


def _busiest(store: Any) -> str:
    from services.query_frames import frame

    schools = frame(store, "schools")
    return str(schools["municipality"].value_counts().index[0])


def child_pages(reruns: int) -> None:
    """In one process: each page opened, a municipality chosen, reruns; print JSON lines."""
    sys.path.insert(0, str(ROOT))
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from streamlit.testing.v1 import AppTest

    from services.stores import open_store

    with open_store("neo4j", "") as store:
        muni = _busiest(store)
    print(json.dumps({"municipality": muni}), flush=True)
    for name, (key, multi) in MUNICIPALITY_WIDGETS.items():
        at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=3600)
        t0 = time.perf_counter()
        at.run()
        opened = time.perf_counter() - t0
        if multi:
            at.multiselect(key=key).set_value([muni])
        else:
            at.selectbox(key=key).set_value(muni)
        t0 = time.perf_counter()
        at.run()
        chosen = time.perf_counter() - t0
        times = []
        for _ in range(reruns):
            t0 = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t0)
        failed = str(at.exception[0].value)[:200] if at.exception else ""
        print(
            json.dumps(
                {"page": name, "opened": opened, "chosen": chosen, "reruns": times,
                 "failed": failed}
            ),
            flush=True,
        )  # fmt: skip


def _child(args: list[str], env: dict[str, str]) -> list[dict[str, Any]]:
    proc = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise SystemExit(f"{args[0]} failed\n{proc.stderr[-3000:]}{proc.stdout[-1000:]}")
    return [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]


def app(uri: str, env: dict[str, str], reruns: int) -> None:
    sys.path.insert(0, str(ROOT))
    from services.stores import open_store

    env = {**env, "NEO4J_URI": uri, "SCHOOLNET_BACKEND": "neo4j"}
    os.environ.update(env)
    with open_store("neo4j", "") as store:
        folder = store.cache_dir()
        counts = dict(store.count_nodes())
    if folder is not None and folder.exists():
        shutil.rmtree(folder)  # nothing kept: "cold" computes and keeps
    print(f"\napp on Neo4j: {counts.get('School', 0):,} schools, load average "
          f"{os.getloadavg()[0]:.1f}")  # fmt: skip
    from neo4j_jvm import server_line

    print(server_line(env.get("SCHOOLNET_NEO4J_STATE")))
    print(f"{'first page (overview), new process':<44} {'s':>8}")
    for case in ("cold", "restart"):
        first = _child(["--child-first"], env)[0]["first"]
        target = _verdict(first, FIRST_PAGE_TARGET_S) if case == "restart" else "(computes)"
        print(f"{case:<44} {first:>8.1f}  {target}", flush=True)
    lines = _child(["--child-pages", "--reruns", str(reruns)], env)
    print(f"\npages with a municipality chosen ({lines[0]['municipality']}), seconds")
    print(f"{'page':<14} {'opened':>8} {'chosen':>8} {'rerun median':>13} {'rerun max':>10}")
    worst = 0.0
    for line in lines[1:]:
        reruns_s = line["reruns"] or [0.0]
        worst = max(worst, line["chosen"], max(reruns_s))
        note = f"  FAILED: {line['failed']}" if line["failed"] else ""
        print(
            f"{line['page']:<14} {line['opened']:>8.2f} {line['chosen']:>8.2f} "
            f"{statistics.median(reruns_s):>13.2f} {max(reruns_s):>10.2f}{note}"
        )
    print(
        f"slowest run with a municipality chosen: {worst:.2f} s, {_verdict(worst, RERUN_TARGET_S)}"
    )
    print(f"load average after: {os.getloadavg()[0]:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default="/tmp/schoolnet-country")
    parser.add_argument("--reruns", type=int, default=3)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-app", action="store_true")
    parser.add_argument("--keep", action="store_true", help="leave the server running")
    parser.add_argument("--child-first", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-pages", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_first:
        child_first()
        return 0
    if args.child_pages:
        child_pages(args.reruns)
        return 0

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("SCHOOLNET_NEO4J_STATE", str(work / "state"))
    # A server for a country, not for tests: a page cache of about the store's size (~2.5 GB),
    # the full JIT and a parallel collector (see scripts/neo4j-test-server).
    env.setdefault("SCHOOLNET_NEO4J_PAGECACHE", "3g")
    env.setdefault("SCHOOLNET_NEO4J_JAVA_OPTS", "-XX:TieredStopAtLevel=4 -XX:+UseG1GC")
    memory_gb = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") >> 30
    print(f"{os.cpu_count()} CPUs, {memory_gb} GB, load average {os.getloadavg()[0]:.1f}")
    started = False
    if args.skip_load:
        uri = env.get("NEO4J_URI", "")
        if not uri:
            raise SystemExit("--skip-load needs NEO4J_URI")
    else:
        env.pop("NEO4J_URI", None)
        uri = load(work, env)
        started = True
    try:
        if not args.skip_app:
            app(uri, env, args.reruns)
    finally:
        if started and not args.keep:
            subprocess.run([str(SCRIPT), "stop"], env=env, capture_output=True, check=False)
        elif started:
            state = env["SCHOOLNET_NEO4J_STATE"]
            print(f"server left running: {uri} (SCHOOLNET_NEO4J_STATE={state}); stop it with "
                  f"SCHOOLNET_NEO4J_STATE={state} scripts/neo4j-test-server stop")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
