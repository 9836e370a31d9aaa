"""The test server's JVM options: the user's (SCHOOLNET_NEO4J_JAVA_OPTS) win, and the JVM takes
them: a collector of the user's replaces the default serial one instead of clashing with it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "neo4j-test-server"
COLLECTOR = re.compile(r"-XX:\+Use\w*GC")


def _options(user: str) -> list[str]:
    env = {**os.environ, "SCHOOLNET_NEO4J_JAVA_OPTS": user, "SCHOOLNET_NEO4J_HEAP": "256m"}
    out = subprocess.run(
        ["bash", str(SCRIPT), "jvm-options"], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.splitlines()


def _final_flags(options: list[str]) -> dict[str, str]:
    """What the JVM makes of the options (``-XX:+PrintFlagsFinal``); fails on a JVM error."""
    java = shutil.which("java")
    if java is None:
        if os.environ.get("CI") == "true":
            pytest.fail("java is required under CI=true")
        pytest.skip("no java")
    run = subprocess.run(
        [java, *options, "-XX:+PrintFlagsFinal", "-version"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    flags = {}
    for line in run.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[2] == "=":
            flags[parts[1]] = parts[3]
    return flags


@pytest.mark.parametrize(
    ("user", "collector", "tiered"),
    [
        ("", "UseSerialGC", "1"),
        ("-XX:+UseG1GC", "UseG1GC", "1"),
        ("-XX:TieredStopAtLevel=4 -XX:+UseG1GC", "UseG1GC", "4"),
        ("-XX:+UseParallelGC -Xmx300m", "UseParallelGC", "1"),
    ],
)
def test_user_options_win_without_a_jvm_error(user: str, collector: str, tiered: str) -> None:
    options = _options(user)
    assert [o for o in options if COLLECTOR.fullmatch(o)] == [f"-XX:+{collector}"]
    if user:
        assert options[-len(user.split()) :] == user.split()  # the user's come last
    flags = _final_flags(options)
    assert flags[collector] == "true"
    assert flags["TieredStopAtLevel"] == tiered
    if "-Xmx300m" in user:
        assert int(flags["MaxHeapSize"]) == 300 * 1024 * 1024
