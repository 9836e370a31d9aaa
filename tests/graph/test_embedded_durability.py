"""The embedded store under a killed writer and concurrent readers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.model import Municipality, School

CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from graph.embedded import EmbeddedStore
    from graph.model import School
    store = EmbeddedStore(sys.argv[1])
    with store.unit_of_work() as uow:
        for start in range(0, 20000, 1000):
            uow.upsert_nodes([School(id=f"new{i}", name="Новая", municipality="Озёрск")
                              for i in range(start, start + 1000)])
        uow.upsert_nodes([School(id="s0", name="Переименована", municipality="Озёрск")])
        Path(sys.argv[2]).write_text("mid-write")
        time.sleep(60)
        uow.commit()
    """
)


def _seed(path: Path) -> None:
    store = EmbeddedStore(path)
    store.write(
        [Municipality(id="Озёрск", name="Озёрск")]
        + [School(id=f"s{i}", name=f"Школа {i}", municipality="Озёрск") for i in range(50)]
    )
    store.close()


def test_sigkill_mid_write_keeps_previous_state(tmp_path: Path) -> None:
    db = tmp_path / "kill.db"
    marker = tmp_path / "marker"
    _seed(db)
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(marker)])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, "child died before the write"
            assert time.monotonic() < deadline, "child never reached the write"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    store = EmbeddedStore(db)
    assert store.count_nodes() == {"Municipality": 1, "School": 50}
    s0 = store.get_node("School", "s0")
    assert isinstance(s0, School) and s0.name == "Школа 0"
    assert (
        store.write([School(id="s1", name="После сбоя", municipality="Озёрск")]).changed["School"]
        == 1
    )
    store.close()


def test_readers_work_while_a_writer_writes(tmp_path: Path) -> None:
    db = tmp_path / "rw.db"
    _seed(db)
    store = EmbeddedStore(db)
    started = threading.Event()
    release = threading.Event()
    seen: list[dict[str, int]] = []

    def writer() -> None:
        with store.unit_of_work() as uow:
            uow.upsert_nodes([School(id="w1", name="Пишется", municipality="Озёрск")])
            started.set()
            release.wait(10)
            uow.commit()

    def reader() -> None:
        seen.append(store.count_nodes())

    w = threading.Thread(target=writer)
    w.start()
    assert started.wait(10)
    readers = [threading.Thread(target=reader) for _ in range(4)]
    for r in readers:
        r.start()
    for r in readers:
        r.join(20)
    # Every reader finished while the write transaction was still open (not released yet).
    blocked = [r for r in readers if r.is_alive()]
    release.set()
    w.join(10)
    assert seen == [{"Municipality": 1, "School": 50}] * 4  # the uncommitted write is invisible
    assert not blocked
    assert store.count_nodes()["School"] == 51
    store.close()
