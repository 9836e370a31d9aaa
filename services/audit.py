"""The audit log as the services use it: record a change, read the log, check the chain.

Every change a service makes (an import, an accepted or rejected pair, a recorded event, a user
or role change, a settings change, an export with personal data) appends one entry with who,
what, on what and the values before and after. A change to the store is recorded in its own
transaction (:meth:`graph.store.Store.audited` with a :func:`draft`; a user's record with
``put_user(user, audit=draft(...))``), so the entry and the change commit together; an export,
which changes nothing, is recorded on its own with :func:`record`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from graph.access import AuditDraft, AuditEntry, ChainReport
from graph.store import Store
from labels import t
from services.access import Actor, Right, guarded, unguarded

__all__ = [
    "AUDIT_COLUMNS",
    "AuditCheck",
    "action_title",
    "audit_table",
    "draft",
    "record",
    "verify_audit",
    "write_audit",
]

AUDIT_COLUMNS = ["seq", "at", "actor", "action", "what", "target", "before", "after", "hash"]


@unguarded("builds an entry for a service to commit with its change; reads and writes nothing")
def draft(
    actor: Actor, action: str, target: str = "", before: Any = None, after: Any = None
) -> AuditDraft:
    """The entry for a change ``actor`` makes (``action`` is a code: ``pair.accept``)."""
    return AuditDraft(actor=actor.login, action=action, target=target, before=before, after=after)


@unguarded("called by a service after an action it has checked; records who made it")
def record(
    store: Store,
    actor: Actor,
    action: str,
    target: str = "",
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    """Append one entry on its own for what ``actor`` did (an export: nothing else to commit)."""
    return store.access().append_audit(draft(actor, action, target, before, after))


@dataclass(frozen=True)
class AuditCheck:
    """The verdict of :func:`verify_audit` and its message in the active language."""

    report: ChainReport
    message: str

    @property
    def ok(self) -> bool:
        return self.report.ok


@guarded(Right.view_audit)
def verify_audit(store: Store, actor: Actor) -> AuditCheck:
    """Recompute the hash chain; the message names the first entry edited or removed."""
    report = store.access().verify()
    if report.problem is None:
        return AuditCheck(report, t("audit.verify.ok", n=report.entries))
    return AuditCheck(report, t(report.problem.code, seq=report.problem.seq))


@guarded(Right.view_audit)
def audit_table(
    store: Store,
    actor: Actor,
    since: dt.date | None = None,
    who: str = "",
    action: str = "",
) -> pd.DataFrame:
    """Entries (oldest first) since ``since``, optionally by one login or one action code.

    ``action`` also matches a family of codes by its first part (``signin``: every failed
    sign-in and lock-out); ``what`` says the action in words.
    """
    entries = store.access().audit_entries(since.isoformat() if since else None)
    rows = [
        {
            "seq": e.seq,
            "at": e.at,
            "actor": e.actor,
            "action": e.action,
            "what": action_title(e.action),
            "target": e.target,
            "before": _text(e.before),
            "after": _text(e.after),
            "hash": e.hash,
        }
        for e in entries
        if (not who or e.actor == who)
        and (not action or e.action == action or e.action.startswith(action + "."))
    ]
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS)


@unguarded("renders an action code in words; reads no data")
def action_title(code: str) -> str:
    """What an action code means, in the active language (the code itself if unknown)."""
    key = f"auditlog.action.{code}"
    text = t(key)
    return code if text == key else text


def _text(value: Any) -> str:
    import orjson

    return "" if value is None else orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


@guarded(Right.view_audit)
def write_audit(store: Store, actor: Actor, out: Path, since: dt.date | None = None) -> int:
    """Write the log since ``since`` to ``out`` (XLSX by suffix, else CSV); how many entries.

    The file names users, so writing it is itself recorded (a personal-data export).
    """
    from loaders.writers import write_frame

    table = audit_table(store, actor, since)
    write_frame(table, out)
    record(
        store, actor, "export.audit", out.name,
        after={"entries": len(table), "since": since.isoformat() if since else None},
    )
    return len(table)
