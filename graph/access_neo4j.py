"""Users and the audit log on the Neo4j server: nodes ``SchoolnetUser`` and ``SchoolnetAudit``.

Neither label is a graph label (``graph.model.NODE_LABELS``), so no read of the store interface
and no export ever sees them. The audit head is the node ``(:SchoolnetMeta {key: 'audit_head'})``;
an append first writes to it, which takes its write lock, so concurrent appends queue and the
chain never forks. Every text is literal Cypher with parameters.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any, LiteralString

from neo4j import Driver, RoutingControl

from graph.access import GENESIS, AccessRecords, AuditDraft, AuditEntry, User, chain_entry

__all__ = ["ACCESS_SCHEMA", "Neo4jAccessRecords", "append_in"]

ACCESS_SCHEMA: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT schoolnet_user_login IF NOT EXISTS "
    "FOR (u:SchoolnetUser) REQUIRE u.login IS UNIQUE",
    "CREATE CONSTRAINT schoolnet_audit_seq IF NOT EXISTS "
    "FOR (a:SchoolnetAudit) REQUIRE a.seq IS UNIQUE",
)
_USER_GET: LiteralString = "MATCH (u:SchoolnetUser {login: $login}) RETURN u.props AS props"
_USER_ALL: LiteralString = "MATCH (u:SchoolnetUser) RETURN u.props AS props ORDER BY u.login"
_USER_PUT: LiteralString = "MERGE (u:SchoolnetUser {login: $login}) SET u.props = $props"
_HEAD_LOCK: LiteralString = (
    "MERGE (h:SchoolnetMeta {key: 'audit_head'}) SET h.lock = coalesce(h.lock, 0) + 1 "
    "RETURN h.seq AS seq, h.hash AS hash"
)
_HEAD_READ: LiteralString = (
    "MATCH (h:SchoolnetMeta {key: 'audit_head'}) WHERE h.seq IS NOT NULL "
    "RETURN h.seq AS seq, h.hash AS hash"
)
_APPEND: LiteralString = (
    "CREATE (a:SchoolnetAudit) SET a = $entry "
    "WITH a MATCH (h:SchoolnetMeta {key: 'audit_head'}) SET h.seq = a.seq, h.hash = a.hash"
)
_SETTINGS_GET: LiteralString = (
    "MATCH (s:SchoolnetMeta {key: 'region_settings'}) RETURN s.value AS value"
)
_SETTINGS_PUT: LiteralString = (
    "MERGE (s:SchoolnetMeta {key: 'region_settings'}) SET s.value = $value"
)
_ENTRIES: LiteralString = (
    "MATCH (a:SchoolnetAudit) WHERE $since IS NULL OR a.at >= $since "
    "RETURN properties(a) AS p ORDER BY a.seq"
)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Neo4jAccessRecords(AccessRecords):
    """``errors`` turns driver failures into the store's ``StoreError``."""

    def __init__(
        self,
        driver: Driver,
        database: str,
        errors: Callable[[], AbstractContextManager[None]],
    ) -> None:
        self._driver = driver
        self._database = database
        self._errors = errors
        for stmt in ACCESS_SCHEMA:
            self._write(stmt, {})

    def _read(self, query: LiteralString, params: dict[str, Any]) -> list[Any]:
        with self._errors():
            records, _, _ = self._driver.execute_query(
                query, params, database_=self._database, routing_=RoutingControl.READ
            )
        return list(records)

    def _write(self, query: LiteralString, params: dict[str, Any]) -> None:
        with self._errors():
            self._driver.execute_query(
                query, params, database_=self._database, routing_=RoutingControl.WRITE
            )

    def get_user(self, login: str) -> User | None:
        rows = self._read(_USER_GET, {"login": login.strip().lower()})
        return User.model_validate_json(rows[0]["props"]) if rows else None

    def list_users(self) -> list[User]:
        return [User.model_validate_json(r["props"]) for r in self._read(_USER_ALL, {})]

    def put_user(self, user: User, audit: AuditDraft | None = None) -> AuditEntry | None:
        def work(tx: Any) -> AuditEntry | None:
            tx.run(_USER_PUT, {"login": user.login, "props": user.model_dump_json()}).consume()
            return None if audit is None else append_in(tx, audit)

        return self._in_transaction(work)

    def get_settings(self) -> dict[str, Any] | None:
        rows = self._read(_SETTINGS_GET, {})
        return dict(json.loads(rows[0]["value"])) if rows and rows[0]["value"] else None

    def put_settings(self, values: dict[str, Any], audit: AuditDraft) -> AuditEntry:
        from graph.neo4j_writes import bump_version

        def work(tx: Any) -> AuditEntry:
            bump_version(tx)  # the writers' lock first, as every graph write takes it
            tx.run(_SETTINGS_PUT, {"value": _dumps(values)}).consume()
            return append_in(tx, audit)

        entry = self._in_transaction(work)
        assert entry is not None
        return entry

    def append_audit(self, draft: AuditDraft) -> AuditEntry:
        entry = self._in_transaction(lambda tx: append_in(tx, draft))
        assert entry is not None
        return entry

    def _in_transaction(self, work: Callable[[Any], AuditEntry | None]) -> AuditEntry | None:
        with self._errors(), self._driver.session(
            database=self._database,
            bookmark_manager=self._driver.execute_query_bookmark_manager,
        ) as session:
            return session.execute_write(work)

    def audit_entries(self, since: str | None = None) -> list[AuditEntry]:
        return list(self._iter_entries(since))

    def _iter_entries(self, since: str | None) -> Iterator[AuditEntry]:
        for r in self._read(_ENTRIES, {"since": since or None}):
            p = dict(r["p"])
            for name in ("at", "actor", "action", "target", "prev_hash", "hash"):
                p.setdefault(name, "")  # a property removed by hand: the hash check names it
            p.setdefault("seq", 0)
            p["before"] = json.loads(p.get("before", "null"))
            p["after"] = json.loads(p.get("after", "null"))
            yield AuditEntry.model_validate(p)

    def audit_head(self) -> tuple[int, str] | None:
        rows = self._read(_HEAD_READ, {})
        return (int(rows[0]["seq"]), str(rows[0]["hash"])) if rows else None


def append_in(tx: Any, draft: AuditDraft) -> AuditEntry:
    """Append ``draft`` after the head inside the open transaction ``tx`` (a graph write's,
    which has locked the version node first, or a user change's): writing to the head node
    first takes its lock, so appends queue and the entry commits with the change."""
    head = tx.run(_HEAD_LOCK).single()
    seq = int(head["seq"]) if head and head["seq"] is not None else 0
    prev = str(head["hash"]) if head and head["hash"] is not None else GENESIS
    entry = chain_entry(draft, seq + 1, prev)
    stored = entry.model_dump()
    stored["before"] = _dumps(entry.before)
    stored["after"] = _dumps(entry.after)
    tx.run(_APPEND, {"entry": stored}).consume()
    return entry
