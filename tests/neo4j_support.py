"""A real Neo4j server for the tests.

``fresh_neo4j_store(request)`` returns an empty :class:`graph.neo4j_store.Neo4jStore`:

- with ``NEO4J_URI`` set (and ``NEO4J_USER`` / ``NEO4J_PASSWORD`` / ``NEO4J_DATABASE`` as
  needed) it uses that server. Careful: the tests *empty that database*;
- otherwise it starts the project's own server once per test session with
  ``scripts/neo4j-test-server start`` (Neo4j Community from Maven Central, on 127.0.0.1) and
  stops it when the session ends.

The database is cleared before each test. Without Java or Maven the Neo4j tests skip with a
one-line reason; under ``CI=true`` that is a failure instead, never a skip. A server that was
meant to start but did not is always a failure.

Under pytest-xdist each worker starts its own server (its own ``SCHOOLNET_NEO4J_STATE``);
with ``NEO4J_URI`` they share that one, so each Neo4j test then holds an exclusive file lock
while it runs (the database is one, and every test empties it).
"""

from __future__ import annotations

import atexit
import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, NoReturn

import pytest

from graph.neo4j_admin import clear_database
from graph.neo4j_store import Neo4jStore
from graph.store import StoreError

__all__ = ["SCRIPT", "fresh_neo4j_store", "imported_server", "neo4j_server"]

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "neo4j-test-server"
_START_TIMEOUT_S = 900  # the first start downloads the artifacts from Maven Central


class _Server:
    """The session's server: its address, or why there is none."""

    uri: str | None = None
    failure: str | None = None
    started_here = False


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"Neo4j is required under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def _script_env() -> dict[str, str]:
    env = dict(os.environ)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and "SCHOOLNET_NEO4J_STATE" not in os.environ:
        # Each xdist worker gets its own server: they all empty the database.
        env["SCHOOLNET_NEO4J_STATE"] = str(
            Path(tempfile.gettempdir()) / f"schoolnet-neo4j-{worker}"
        )
    return env


def _stop() -> None:
    if _Server.started_here:
        _Server.started_here = False
        subprocess.run(
            [str(SCRIPT), "stop"], capture_output=True, timeout=120, check=False, env=_script_env()
        )


def _start(request: pytest.FixtureRequest) -> str:
    if not SCRIPT.exists():
        _unavailable("Neo4j tests skipped: scripts/neo4j-test-server is missing")
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        _unavailable(
            f"Neo4j tests skipped: {' and '.join(missing)} not found (scripts/setup installs them)"
        )
    env = _script_env()
    # A server somebody started by hand is reused and left running.
    running = subprocess.run(
        [str(SCRIPT), "status"], capture_output=True, timeout=60, check=False, env=env
    )
    try:
        proc = subprocess.run(
            [str(SCRIPT), "start"],
            capture_output=True,
            text=True,
            timeout=_START_TIMEOUT_S,
            check=False,
            env=env,
        )
    except subprocess.TimeoutExpired:
        _Server.failure = f"scripts/neo4j-test-server start timed out after {_START_TIMEOUT_S} s"
        pytest.fail(_Server.failure, pytrace=False)
    lines = [ln.strip() for ln in proc.stdout.splitlines() if ln.strip()]
    if proc.returncode != 0 or not lines or "://" not in lines[-1]:
        err = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        detail = err[-1] if err else (lines[-1] if lines else "no output")
        _Server.failure = (
            f"scripts/neo4j-test-server start failed (exit {proc.returncode}): {detail}"
        )
        pytest.fail(_Server.failure, pytrace=False)
    if running.returncode != 0:
        _Server.started_here = True
        request.config.add_cleanup(_stop)
        atexit.register(_stop)  # in case the session dies before its cleanups
    return lines[-1]


def neo4j_server(request: pytest.FixtureRequest) -> tuple[str, str | None, str | None, str]:
    """(uri, user, password, database) of the server the tests use, starting it if needed."""
    env_uri = os.environ.get("NEO4J_URI", "").strip()
    if env_uri:
        return (
            env_uri,
            os.environ.get("NEO4J_USER", "neo4j") or None,
            os.environ.get("NEO4J_PASSWORD") or None,
            os.environ.get("NEO4J_DATABASE", "neo4j") or "neo4j",
        )
    if _Server.failure is not None:
        pytest.fail(_Server.failure, pytrace=False)
    if _Server.uri is None:
        _Server.uri = _start(request)
    return _Server.uri, None, None, "neo4j"


class _XdistLock:
    """An exclusive lock shared by the xdist workers of one run; re-entrant within a worker
    and a no-op without xdist."""

    def __init__(self) -> None:
        self._file: IO[str] | None = None
        self._depth = 0

    def acquire(self) -> None:
        self._depth += 1
        if self._depth > 1 or not os.environ.get("PYTEST_XDIST_WORKER"):
            return
        run = os.environ.get("PYTEST_XDIST_TESTRUNUID", "run")
        path = Path(tempfile.gettempdir()) / f"schoolnet-neo4j-{run}.lock"
        self._file = path.open("a")
        fcntl.flock(self._file, fcntl.LOCK_EX)

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


_LOCK = _XdistLock()


def open_neo4j_store(request: pytest.FixtureRequest, batch_size: int = 5000) -> Neo4jStore:
    """A store on the test server, without clearing it."""
    uri, user, password, database = neo4j_server(request)
    try:
        return Neo4jStore(uri, user, password, database=database, batch_size=batch_size)
    except StoreError as exc:
        pytest.fail(f"the Neo4j test server does not answer: {exc}", pytrace=False)


def fresh_neo4j_store(request: pytest.FixtureRequest) -> Neo4jStore:
    """An empty Neo4j store for one test (the test holds the server until it ends)."""
    if os.environ.get("NEO4J_URI", "").strip():
        _LOCK.acquire()
        request.addfinalizer(_LOCK.release)
    store = open_neo4j_store(request)
    clear_database(store)
    return store


@contextmanager
def imported_server(directory: Path, state: Path) -> Iterator[str]:
    """A server of its own (state folder ``state``) whose database ``neo4j-admin database import
    full`` built from ``directory`` (``schoolnet neo4j-import-files``); yields its URI."""
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        _unavailable(f"{' and '.join(missing)} not found (scripts/setup installs them)")
    env = dict(os.environ, SCHOOLNET_NEO4J_STATE=str(state))
    env.pop("NEO4J_URI", None)
    proc = subprocess.run(
        [str(SCRIPT), "start", "--import", str(directory)],
        capture_output=True,
        text=True,
        timeout=_START_TIMEOUT_S,
        check=False,
        env=env,
    )
    try:
        assert proc.returncode == 0, proc.stderr[-2000:]
        yield proc.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([str(SCRIPT), "stop"], capture_output=True, timeout=120, env=env)
