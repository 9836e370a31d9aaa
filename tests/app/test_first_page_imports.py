"""The first page loads no heavy library it does not use (each costs up to a second at start).

The app's first page (the router and «Обзор») runs in a fresh interpreter, as after a restart,
and the test reads which modules it imported. Geometry (shapely), optimisation and statistics
(OR-Tools, SciPy), spreadsheets (openpyxl), graphs (networkx, pyvis), plots (matplotlib) and
the demo generator are imported where they are used, never by a module's top.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NEVER = ["shapely"]  # nothing on the first page draws or reads a geometry
AFTER_A_RESTART = ["ortools", "scipy", "openpyxl", "networkx", "pyvis", "matplotlib", "seeds"]
SCRIPT = """
import json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=300).run()
assert not at.exception, [e.value for e in at.exception]
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def _first_page_modules(db: Path) -> set[str]:
    env = {**os.environ, "SCHOOLNET_BACKEND": "embedded", "SCHOOLNET_DB": str(db)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT / "app_streamlit" / "app.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.slow
def test_the_first_page_imports_no_heavy_library(fresh_db: Path) -> None:
    cold = _first_page_modules(fresh_db)  # computes and keeps the page's results
    assert "streamlit" in cold and "pandas" in cold  # the probe sees real imports
    assert not cold & set(NEVER), sorted(cold & set(NEVER))
    restart = _first_page_modules(fresh_db)
    assert not restart & {*NEVER, *AFTER_A_RESTART}, sorted(restart & {*NEVER, *AFTER_A_RESTART})
