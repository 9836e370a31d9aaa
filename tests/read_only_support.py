"""Store files nobody may write to, and a reader who really cannot write them.

Root ignores file modes, so as root the reader is a forked child that has dropped to the
``nobody`` user (a real permission refusal, not a simulated one); an ordinary user is refused
by ``chmod`` alone. A forked child imports nothing from the interpreter's own folder (private to
root): warm every module a job needs up in the parent first.
"""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph.embedded import EmbeddedStore
from graph.model import School
from graph.store import StoreError

__all__ = ["as_reader", "read_only_store", "reader_folder"]

NOBODY = 65534
STALE = (  # what a store written before the typed result tables looks like
    "DROP TRIGGER result_node_delete; DROP TRIGGER result_edge_delete;"
    "DROP TABLE result_facts; DROP TABLE result_values; DROP TABLE result_kinds;"
    "DELETE FROM meta WHERE key = 'typed_tables';"
)


def as_reader(job: Callable[[], Any]) -> Any:
    """``job()`` run by a user who may read the store but not write it.

    Returns ``("ok", result)``, ``("StoreError", code, message)`` or ``(exception type name,
    message)`` for any other error (what a test must never see).
    """
    if os.geteuid() != 0:
        return _outcome(job)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root, run, send the outcome back, exit without clean-up
        try:
            os.close(read)
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            os.write(write, pickle.dumps(_outcome(job)))
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return pickle.loads(data)


def _outcome(job: Callable[[], Any]) -> Any:
    try:
        return ("ok", job())
    except StoreError as exc:
        return ("StoreError", exc.code, str(exc))
    except Exception as exc:
        return (type(exc).__name__, str(exc))


@contextmanager
def reader_folder() -> Iterator[Path]:
    """A folder the reader can enter (pytest's tmp folders are private to their owner)."""
    path = Path(tempfile.mkdtemp(prefix="schoolnet-ro-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        path.chmod(0o755)
        shutil.rmtree(path, ignore_errors=True)


def read_only_store(folder: Path, stale: bool = False, name: str = "region.db") -> Path:
    """A store of one school in ``folder``, its file read-only; ``stale``: without the typed
    result tables, as a store written before them (opening it would have to build them)."""
    db = folder / name
    with EmbeddedStore(db) as store:
        store.write([School(id="s1", name="s1", municipality="m")])
        store.checkpoint()  # type: ignore[attr-defined]
    if stale:
        conn = sqlite3.connect(db, isolation_level=None)
        conn.executescript(STALE)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    for extra in folder.glob(f"{name}-*"):
        extra.unlink()
    db.chmod(0o444)
    return db
