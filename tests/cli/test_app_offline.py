"""`schoolnet app` starts a server that never calls out (closed network).

The server runs with a ``sitecustomize`` that blocks and logs every attempt to reach an
address outside the machine (``connect``, ``sendto``, name lookups). The test serves a page
and the health check, then reads the log. A bare ``streamlit run`` under the same guard
shows the guard works: it tries to look up the external IP.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.app_server import free_port

_GUARD = """
import os, socket

_LOG = os.environ["NET_GUARD_LOG"]
_LOCAL = ("127.", "::1", "localhost", "0.0.0.0")


def _log(what):
    with open(_LOG, "a", encoding="utf-8") as f:
        f.write(what + "\\n")


def _outside(address):
    host = address[0] if isinstance(address, tuple) else address
    return isinstance(host, str) and not host.startswith(_LOCAL) and not host.startswith("/")


for _name in ("connect", "connect_ex"):
    _orig = getattr(socket.socket, _name)

    def _guarded(self, address, _orig=_orig, _name=_name):
        if self.family in (socket.AF_INET, socket.AF_INET6) and _outside(address):
            _log(f"{_name} {address!r}")
            raise OSError("outside traffic blocked by the test")
        return _orig(self, address)

    setattr(socket.socket, _name, _guarded)

_orig_sendto = socket.socket.sendto


def _sendto(self, data, *args):
    if _outside(args[-1]):
        _log(f"sendto {args[-1]!r}")
        raise OSError("outside traffic blocked by the test")
    return _orig_sendto(self, data, *args)


socket.socket.sendto = _sendto
_orig_getaddrinfo = socket.getaddrinfo


def _getaddrinfo(host, *args, **kw):
    if isinstance(host, str) and host and _outside((host,)) and host != socket.gethostname():
        _log(f"getaddrinfo {host!r}")
        raise socket.gaierror("outside lookup blocked by the test")
    return _orig_getaddrinfo(host, *args, **kw)


socket.getaddrinfo = _getaddrinfo
"""


def _serve(cmd: list[str], tmp_path: Path, port: int) -> tuple[str, str]:
    """Run a server under the guard until it answers; its output and the guard's log."""
    guard = tmp_path / "guard"
    guard.mkdir(exist_ok=True)
    (guard / "sitecustomize.py").write_text(_GUARD, encoding="utf-8")
    log = tmp_path / "net.log"
    log.write_text("", encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(guard), env.get("PYTHONPATH", "")])
    env["NET_GUARD_LOG"] = str(log)
    env["SCHOOLNET_DB"] = str(tmp_path / "app.db")
    out = tmp_path / "server.out"
    with out.open("wb") as sink:
        proc = subprocess.Popen(cmd, env=env, stdout=sink, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    url = f"http://127.0.0.1:{port}/_stcore/health"
                    with urllib.request.urlopen(url, timeout=2) as resp:
                        assert resp.status == 200
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as resp:
                assert resp.status == 200
            time.sleep(3)  # anything the server does after start-up shows in the log by now
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return out.read_text(encoding="utf-8", errors="replace"), log.read_text(encoding="utf-8")


def test_schoolnet_app_calls_nobody(tmp_path: Path) -> None:
    port = free_port()
    cmd = [sys.executable, "-m", "schoolnet.cli", "app", "--db", str(tmp_path / "app.db")]
    output, attempts = _serve([*cmd, "--port", str(port)], tmp_path, port)
    assert attempts == "", attempts
    assert "Did not auto detect external IP" not in output
    assert f"http://127.0.0.1:{port}" in output


def test_the_guard_sees_a_bare_streamlit_calling_out(tmp_path: Path) -> None:
    app = tmp_path / "bare.py"
    app.write_text("import streamlit as st\nst.write('x')\n", encoding="utf-8")
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port)]
    cmd += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    output, attempts = _serve(cmd, tmp_path, port)
    assert "Did not auto detect external IP" in output
    assert "checkip.amazonaws.com" in attempts or "8.8.8.8" in attempts, attempts
