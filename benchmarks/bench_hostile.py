"""Hostile-input benchmark: peak memory and time of refusing zip bombs and huge cells.

Usage: python benchmarks/bench_hostile.py [--cell-mb 1024] [--level 9]

Builds (once, into a temporary folder) an XLSX workbook whose one inline-string cell holds
``--cell-mb`` megabytes: at the default 1 GB and compression level 9 the file is about 1 MB,
the "zip bomb" of issue 14. Each case then runs in a fresh process, and the process's peak
resident memory (``ru_maxrss``) is printed:

- ``cli``: ``schoolnet import bomb.xlsx`` (an embedded store), the command-line path;
- ``app-check``: ``services.importing.validate_uploads`` on the bytes, what the app server does
  when a file is uploaded to «Импорт данных»;
- ``cell-100mb``: a 100 MB cell (under the unzipped limit, refused by the compression ratio);
- ``csv-cell-150mb``: a 150 MB CSV whose one cell is the whole file (an unclosed quote).

Target: every case refused with a Russian message; the zip bombs under 300 MB of peak memory.
A CSV is held in memory as uploaded (never decoded whole): its ceiling is the interpreter with
its libraries (~160 MB) plus the file's size, bounded by the upload limit.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MB = 300

_CHILD = """
import resource, sys, time
from pathlib import Path
kind, path, db = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
import contextlib, io
from schoolnet.cli import main
from graph.embedded import EmbeddedStore
from services.importing import validate_uploads
t0 = time.perf_counter()  # after the imports: the time of the check itself
if kind == "cli":
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["import", "--db", db, str(path)])
    message = "exit status %d: %s" % (code, err.getvalue().strip().splitlines()[-1])
else:
    preview = validate_uploads(EmbeddedStore(db), [(path.name, path.read_bytes())])
    message = "" if preview.ok else str(preview.issues["message"].iloc[0])
elapsed = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("RESULT\\t%.1f\\t%.2f\\t%s" % (peak, elapsed, message.replace("\\n", " ")[:160]))
"""


def _run(kind: str, path: Path, db: Path) -> tuple[float, float, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(path), str(db)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT")), None)
    if line is None:
        raise SystemExit(f"{kind} failed:\n{proc.stdout}\n{proc.stderr}")
    _, peak, elapsed, message = line.split("\t", 3)
    return float(peak), float(elapsed), message


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cell-mb", type=int, default=1024)
    parser.add_argument("--level", type=int, default=9)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.hostile.corpus import bomb_xlsx

    with tempfile.TemporaryDirectory(prefix="schoolnet-bomb-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        bomb = folder / "bomb.xlsx"
        bomb.write_bytes(bomb_xlsx(args.cell_mb, level=args.level))
        print(
            f"bomb: {bomb.stat().st_size / 1e6:.2f} MB on disk, one cell of {args.cell_mb} MB "
            f"(built in {time.perf_counter() - t0:.1f} s)"
        )
        cell = folder / "cell.xlsx"
        cell.write_bytes(bomb_xlsx(100, level=1))
        csv = folder / "schools.csv"
        with csv.open("wb") as f:
            f.write(b'school_id,name,municipality\nS1,"')
            for _ in range(150):
                f.write(b"x" * (1 << 20))
        cases = [
            ("cli", bomb),
            ("app-check", bomb),
            ("cell-100mb", cell),
            ("csv-cell-150mb", csv),
        ]
        print(f"{'case':<16} {'peak MB':>8} {'time s':>7}  message")
        worst = 0.0  # of the zip bombs
        for name, path in cases:
            kind = "cli" if name == "cli" else "app"
            db = folder / f"{name}.db"
            peak, elapsed, message = _run(kind, path, db)
            if path.suffix == ".xlsx":
                worst = max(worst, peak)
            print(f"{name:<16} {peak:>8.0f} {elapsed:>7.2f}  {message}")
        verdict = "OK" if worst < TARGET_MB else "OVER"
        print(f"zip bombs: worst peak {worst:.0f} MB (target < {TARGET_MB} MB): {verdict}")


if __name__ == "__main__":
    main()
