"""Users and the audit log in the embedded store's SQLite file (tables ``users``, ``audit``).

The audit head (number and hash of the last entry) sits in the ``meta`` table; an append reads
it and writes the entry and the new head in one ``BEGIN IMMEDIATE`` transaction, so concurrent
appends queue and the chain never forks. :func:`append_in` does it inside a transaction already
open (a graph write's, or a user change's), so the entry commits with the change it records.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from graph.access import GENESIS, AccessRecords, AuditDraft, AuditEntry, User, chain_entry
from graph.store import StoreError

__all__ = ["ACCESS_SCHEMA", "SqliteAccessRecords", "append_in"]

ACCESS_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (login TEXT PRIMARY KEY, props TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_time ON audit (at);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""

_COLUMNS = "seq, at, actor, action, target, before, after, prev_hash, hash"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class SqliteAccessRecords(AccessRecords):
    """``connect`` gives the calling thread's connection of the embedded store."""

    def __init__(self, connect: Callable[[], sqlite3.Connection]) -> None:
        self._connect = connect
        self._connect().executescript(ACCESS_SCHEMA)

    def get_user(self, login: str) -> User | None:
        row = (
            self._connect()
            .execute("SELECT props FROM users WHERE login = ?", (login.strip().lower(),))
            .fetchone()
        )
        return None if row is None else User.model_validate_json(row[0])

    def list_users(self) -> list[User]:
        rows = self._connect().execute("SELECT props FROM users ORDER BY login").fetchall()
        return [User.model_validate_json(r[0]) for r in rows]

    def put_user(self, user: User, audit: AuditDraft | None = None) -> AuditEntry | None:
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO users (login, props) VALUES (?, ?) "
                "ON CONFLICT (login) DO UPDATE SET props = excluded.props",
                (user.login, user.model_dump_json()),
            )
            return None if audit is None else append_in(conn, audit)

    def get_settings(self) -> dict[str, Any] | None:
        row = (
            self._connect()
            .execute("SELECT value FROM settings WHERE key = 'region'")
            .fetchone()
        )
        return None if row is None else dict(json.loads(row[0]))

    def put_settings(self, values: dict[str, Any], audit: AuditDraft) -> AuditEntry:
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES ('region', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (_dumps(values),),
            )
            conn.execute(
                "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'"
            )
            return append_in(conn, audit)

    def append_audit(self, draft: AuditDraft) -> AuditEntry:
        with self._transaction() as conn:
            return append_in(conn, draft)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError("busy", detail=str(exc)) from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def audit_entries(self, since: str | None = None) -> list[AuditEntry]:
        sql = f"SELECT {_COLUMNS} FROM audit"
        params: tuple[str, ...] = ()
        if since:
            sql += " WHERE at >= ?"
            params = (since,)
        rows = self._connect().execute(sql + " ORDER BY seq", params).fetchall()
        return [
            AuditEntry(
                seq=r[0],
                at=r[1],
                actor=r[2],
                action=r[3],
                target=r[4],
                before=json.loads(r[5]),
                after=json.loads(r[6]),
                prev_hash=r[7],
                hash=r[8],
            )
            for r in rows
        ]

    def audit_head(self) -> tuple[int, str] | None:
        return _head(self._connect())


def _head(conn: sqlite3.Connection) -> tuple[int, str] | None:
    found = dict(
        conn.execute(
            "SELECT key, value FROM meta WHERE key IN ('audit_seq', 'audit_hash')"
        ).fetchall()
    )
    if "audit_seq" not in found or "audit_hash" not in found:
        return None
    return int(found["audit_seq"]), str(found["audit_hash"])


def append_in(conn: sqlite3.Connection, draft: AuditDraft) -> AuditEntry:
    """Append ``draft`` after the head inside the transaction open on ``conn`` (a writer's:
    ``BEGIN IMMEDIATE``, so no other append can come between the read and the write)."""
    head = _head(conn)
    seq, prev = head if head is not None else (0, GENESIS)
    entry = chain_entry(draft, seq + 1, prev)
    conn.execute(
        f"INSERT INTO audit ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.seq,
            entry.at,
            entry.actor,
            entry.action,
            entry.target,
            _dumps(entry.before),
            _dumps(entry.after),
            entry.prev_hash,
            entry.hash,
        ),
    )
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [("audit_seq", str(entry.seq)), ("audit_hash", entry.hash)],
    )
    return entry
