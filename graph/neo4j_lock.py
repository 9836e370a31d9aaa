"""The import lock on Neo4j: a lease node that one import at a time holds.

A batched import commits batch by batch, so the version-node lock each transaction takes
(:mod:`graph.neo4j_writes`) cannot keep two of them apart. Every import therefore first takes
this lease (``SchoolnetMeta {key: 'import_lock'}``: a holder token and an expiry), waits while
another import holds it, and gives it back at the end. Every transaction of the import renews
the lease and checks that it still holds it (:func:`hold`), after taking the version-node lock:
an import whose lease expired (it stalled for longer than the lease) and was taken by another
fails at its next transaction instead of writing into the other's. A crashed import's lease
expires after ``SCHOOLNET_IMPORT_LOCK_SECONDS`` (default 300).

Each transaction writes the lease node first (``SET l.seen``) and reads it only then: the write
lock makes the read the last committed value (Neo4j's own advice against lost updates).
"""

from __future__ import annotations

import os
import time
import uuid
from typing import Any, LiteralString

from graph.store import ImportLock, StoreError

__all__ = ["acquire", "hold", "lease_seconds", "release", "wait_seconds"]

_LOCK: LiteralString = (
    "MERGE (l:SchoolnetMeta {key: 'import_lock'}) SET l.seen = timestamp() "
    "RETURN l.holder AS holder, l.expires AS expires, timestamp() AS now"
)
_TAKE: LiteralString = (
    "MATCH (l:SchoolnetMeta {key: 'import_lock'}) "
    "SET l.holder = $token, l.expires = timestamp() + $ms"
)
_RENEW: LiteralString = (
    "MATCH (l:SchoolnetMeta {key: 'import_lock'}) WHERE l.holder = $token "
    "SET l.expires = timestamp() + $ms RETURN count(l) AS held"
)
_RELEASE: LiteralString = (
    "MATCH (l:SchoolnetMeta {key: 'import_lock'}) WHERE l.holder = $token "
    "REMOVE l.holder, l.expires"
)


def _seconds(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, "") or default)
    except ValueError:
        return default
    return value if value > 0 else default


def lease_seconds() -> float:
    """How long a lease lasts without a transaction of its import renewing it."""
    return _seconds("SCHOOLNET_IMPORT_LOCK_SECONDS", 300.0)


def wait_seconds() -> float:
    """How long an import waits for another one to finish before giving up."""
    return _seconds("SCHOOLNET_IMPORT_WAIT_SECONDS", 3600.0)


def _try_take(tx: Any, token: str, ms: int) -> bool:
    rec = tx.run(_LOCK).single()
    holder, expires, now = rec["holder"], rec["expires"], rec["now"]
    if holder is not None and holder != token and expires is not None and expires > now:
        return False
    tx.run(_TAKE, {"token": token, "ms": ms}).consume()
    return True


def acquire(session: Any) -> ImportLock:
    """Take the lease, waiting while another import holds it; ``StoreError('import_busy')``
    after :func:`wait_seconds`."""
    token = uuid.uuid4().hex
    ms = int(lease_seconds() * 1000)
    deadline = time.monotonic() + wait_seconds()
    pause = 0.02
    while not session.execute_write(_try_take, token, ms):
        if time.monotonic() > deadline:
            raise StoreError("import_busy", seconds=round(wait_seconds()))
        time.sleep(pause)
        pause = min(pause * 2, 0.5)
    return ImportLock(token)


def hold(tx: Any, lock: ImportLock) -> None:
    """Inside a write transaction (after the version-node lock): renew the lease, or raise
    ``StoreError('import_lock_lost')`` when another import took it meanwhile."""
    tx.run(_LOCK).consume()
    held = tx.run(_RENEW, {"token": lock.token, "ms": int(lease_seconds() * 1000)}).single()
    if not held or not held["held"]:
        raise StoreError("import_lock_lost")


def release(session: Any, lock: ImportLock) -> None:
    session.execute_write(lambda tx: tx.run(_RELEASE, {"token": lock.token}).consume())
