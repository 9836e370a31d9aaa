"""Start ``schoolnet app`` (or any server) in its own process group for a test, and end it.

Shared by the browser tests, the README set-up test and the offline start-up test.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

__all__ = ["free_port", "serve_app", "stop_group", "wait_healthy"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(
    url: str, proc: subprocess.Popen[bytes], timeout: float = 90, poll: float = 0.5
) -> None:
    """Wait until a Streamlit server answers ``ok`` on its health address."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the app exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(poll)
    raise AssertionError(f"the app did not answer at {url} in {timeout} s")


def stop_group(proc: subprocess.Popen[bytes]) -> None:
    """End a process and its children (SIGTERM, then SIGKILL after a grace period): ``schoolnet
    app`` runs streamlit as a child, which must go too. The process must lead its own group
    (``start_new_session=True``)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            continue
        # The leader is gone; make sure nothing else of the group lingers.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        return


@contextlib.contextmanager
def serve_app(
    db: Path,
    log_path: Path,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    port: int | None = None,
) -> Iterator[str]:
    """``schoolnet app --db DB`` on a free loopback port until the block ends; yields its URL.

    ``env`` replaces the environment (default: this process's); ``port`` when the address must
    be known before (default: a free one). The server's output goes to
    ``log_path``; its last lines are in the error when it does not start.
    """
    port = port or free_port()
    exe = shutil.which("schoolnet")
    cmd = [exe] if exe else [sys.executable, "-m", "schoolnet.cli"]
    cmd += ["app", "--db", str(db), "--port", str(port), "--address", "127.0.0.1"]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=dict(env) if env is not None else None,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_healthy(url, proc)
        except AssertionError as exc:
            tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise AssertionError(f"{exc}\n{tail}") from None
        yield url
    finally:
        stop_group(proc)
