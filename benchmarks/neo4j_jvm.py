"""What a benchmark says about the Neo4j server it measured: its JVM's JIT, collector and heap.

The project's server (``scripts/neo4j-test-server``) defaults to settings for short tests (the
C1 JIT only, the serial collector, a 256 MB page cache); figures are only comparable when the
line printed here names the options of the run, e.g. ``SCHOOLNET_NEO4J_JAVA_OPTS=
"-XX:TieredStopAtLevel=4 -XX:+UseG1GC"`` for benchmarks.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["server_line"]


def server_line(state: str | None = None) -> str:
    """``Neo4j JVM: …`` from the running server's command line (``SCHOOLNET_NEO4J_STATE``), or
    a note that it is unknown (a server not started by the project's script)."""
    folder = Path(state or os.environ.get("SCHOOLNET_NEO4J_STATE", "/tmp/schoolnet-neo4j"))
    try:
        pid = (folder / "neo4j.pid").read_text().strip()
        words = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    except (OSError, ValueError):
        return "Neo4j JVM: unknown (set SCHOOLNET_NEO4J_STATE to the server's state folder)"
    # The options given last win (SCHOOLNET_NEO4J_JAVA_OPTS comes after the defaults).
    jit = [w for w in words if w.startswith("-XX:TieredStopAtLevel=")]
    gcs = [w for w in words if w.startswith("-XX:+Use") and w.endswith("GC")]
    heap = [w for w in words if w.startswith("-Xmx")]
    level = jit[-1].split("=")[1] if jit else "4"
    parts = [
        "C1 JIT only" if level == "1" else f"tiered JIT to level {level} (C2)",
        gcs[-1][len("-XX:+Use") :] if gcs else "default GC",
        f"heap {heap[-1][4:]}" if heap else "default heap",
    ]
    return "Neo4j JVM: " + ", ".join(parts) + f" (pid {pid})"
