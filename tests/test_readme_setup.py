"""The README's quick start works on a clean Debian: its own commands, Debian's own Python.

The test reads the two commands of the README's «Quick start» (the app on the demo region, and
the whole test suite), clones the repository, puts Debian's externally managed
``/usr/bin/python3`` first on ``PATH`` and runs the first command exactly as written (with a
small demo, a free port and the loopback address added: the script passes extra arguments to
``schoolnet app``). The set-up must create the project's virtual environment (``.venv`` of the
clone, or ``$SCHOOLNET_VENV`` when set) and never touch the system interpreter; then the app
must answer on ``/_stcore/health``. The second command is the one CI runs (``.ci/run``), so the
README and CI cannot drift apart; running it here would run this suite inside itself.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.app_server import free_port, stop_group, wait_healthy

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
DEBIAN_PYTHON = Path("/usr/bin/python3")


def quick_start_commands() -> list[str]:
    """The shell commands of the README's «Quick start» section, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Quick start.*?(?=^## )", text, flags=re.S | re.M)
    assert section, "the README has a «Quick start» section"
    blocks = re.findall(r"```bash\n(.*?)```", section.group(0), flags=re.S)
    return [line.strip() for b in blocks for line in b.splitlines() if line.strip()]


def test_readme_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2, commands
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines(), "CI runs the README's test command"


def test_readme_setup_and_app_on_debian_python(tmp_path: Path) -> None:
    if not DEBIAN_PYTHON.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Debian's /usr/bin/python3 is required under CI=true")
        pytest.skip("no /usr/bin/python3 (not a Debian machine)")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    shim = tmp_path / "debian-python"
    shim.mkdir()
    (shim / "python3").symlink_to(DEBIAN_PYTHON)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = f"{shim}{os.pathsep}{env.get('PATH', '')}"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PIP_NO_COMPILE"] = "1"  # what is installed is the same; only faster (no .pyc now)
    venv = Path(env.get("SCHOOLNET_VENV") or clone / ".venv")
    port = free_port()
    demo = quick_start_commands()[0]
    command = f"{demo} --demo small --port {port} --address 127.0.0.1"
    log_path = tmp_path / "demo.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            shlex.split(command),
            cwd=clone,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_healthy(f"http://127.0.0.1:{port}", proc, timeout=900, poll=1)
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n{log_path.read_text(errors='replace')[-3000:]}") from None
    finally:
        stop_group(proc)
    # The environment was created by Debian's interpreter, and the system one was left alone.
    cfg = (venv / "pyvenv.cfg").read_text(encoding="utf-8")
    if "SCHOOLNET_VENV" not in os.environ:
        assert f"executable = {DEBIAN_PYTHON.resolve()}" in cfg, cfg
    assert (venv / "bin" / "schoolnet").exists()
    assert "externally-managed-environment" not in log_path.read_text(errors="replace")
