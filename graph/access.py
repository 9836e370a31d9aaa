"""Who may use schoolnet and what they changed: users, roles, scopes and the audit chain.

These records live in the store beside the graph but are no part of it: they never appear in
``iter_nodes``, the exports or the named queries. Each backend keeps them in its own place
(SQLite tables ``users`` and ``audit``; Neo4j nodes ``SchoolnetUser`` and ``SchoolnetAudit``)
behind :class:`AccessRecords`.

The audit log is append-only and hash-chained: every entry carries the SHA-256 of its own
content and of the entry before it, and the store keeps the sequence number and hash of the last
entry (the head). :func:`verify_chain` recomputes the chain and names the first entry that was
edited or removed; it returns codes, never sentences.

Examples
--------
>>> draft = AuditDraft(actor="cli:admin", action="user.add", target="ivanova",
...                    after={"role": "curator"})
>>> first = chain_entry(draft, seq=1, prev_hash=GENESIS, at="2026-12-01T10:00:00+00:00")
>>> second = chain_entry(draft, seq=2, prev_hash=first.hash, at="2026-12-01T10:01:00+00:00")
>>> verify_chain([first, second], head=(2, second.hash)).ok
True
>>> edited = first.model_copy(update={"target": "petrov"})
>>> problem = verify_chain([edited, second], head=(2, second.hash)).problem
>>> problem.code, problem.seq
('audit.edited', 1)
>>> problem = verify_chain([second], head=(2, second.hash)).problem
>>> problem.code, problem.seq
('audit.removed', 1)
"""

from __future__ import annotations

import abc
import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = [
    "GENESIS",
    "LOGIN_PATTERN",
    "AccessRecords",
    "AccessRole",
    "AuditDraft",
    "AuditEntry",
    "ChainProblem",
    "ChainReport",
    "User",
    "chain_entry",
    "entry_hash",
    "utc_now",
    "verify_chain",
]

GENESIS = "0" * 64
LOGIN_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}")


class AccessRole(StrEnum):
    """What a user may do; the scope says where."""

    regional = "regional"
    coordinator = "coordinator"
    curator = "curator"
    observer = "observer"


def utc_now() -> str:
    """The current time as an ISO-8601 UTC string with seconds (what entries record)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class User(BaseModel):
    """A person who signs in: their role and scope, and the state of a built-in account.

    ``municipalities`` scope a coordinator, ``schools`` a curator (school ids); a regional user
    and an observer need neither. ``password_hash`` is an Argon2id hash for a built-in account
    (None for a user who signs in through the region's identity provider). ``session_epoch``
    is carried by the user's session tokens; moving it on revokes them all.
    """

    model_config = ConfigDict(frozen=True)

    login: str
    name: str = ""
    role: AccessRole
    municipalities: tuple[str, ...] = ()
    schools: tuple[str, ...] = ()
    disabled: bool = False
    password_hash: str | None = None
    failed_logins: int = Field(default=0, ge=0)
    locked_until: str | None = None
    session_epoch: int = Field(default=0, ge=0)  # moved on to revoke every session token

    @field_validator("login")
    @classmethod
    def _login(cls, v: str) -> str:
        v = v.strip()
        if not LOGIN_PATTERN.fullmatch(v):
            raise ValueError("access.bad_login")
        return v.lower()

    @field_validator("municipalities", "schools")
    @classmethod
    def _ids(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted({s.strip() for s in v if s.strip()}))

    def public(self) -> dict[str, Any]:
        """What the audit log records of a user: no password hash, no sign-in counters."""
        return {
            "login": self.login,
            "name": self.name,
            "role": self.role.value,
            "municipalities": list(self.municipalities),
            "schools": list(self.schools),
            "disabled": self.disabled,
            "password_set": self.password_hash is not None,
        }


class AuditDraft(BaseModel):
    """One change to record: who, what (an action code), on what, before and after."""

    model_config = ConfigDict(frozen=True)

    actor: str
    action: str
    target: str = ""
    before: Any = None
    after: Any = None


class AuditEntry(AuditDraft):
    """A recorded change: the draft plus its place in the chain."""

    seq: int
    at: str
    prev_hash: str
    hash: str

    def content(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "target": self.target,
            "before": self.before,
            "after": self.after,
            "prev_hash": self.prev_hash,
        }


def _canonical(obj: Any) -> bytes:
    return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)


def entry_hash(content: dict[str, Any]) -> str:
    """SHA-256 (hex) of an entry's canonical JSON content (which includes the previous hash)."""
    return hashlib.sha256(_canonical(content)).hexdigest()


def chain_entry(draft: AuditDraft, seq: int, prev_hash: str, at: str | None = None) -> AuditEntry:
    """The entry that follows ``prev_hash`` as number ``seq``."""
    # Round-trip the values through JSON so that what is hashed is what any backend stores.
    before = orjson.loads(_canonical(draft.before))
    after = orjson.loads(_canonical(draft.after))
    content = {
        "seq": seq,
        "at": at or utc_now(),
        "actor": draft.actor,
        "action": draft.action,
        "target": draft.target,
        "before": before,
        "after": after,
        "prev_hash": prev_hash,
    }
    return AuditEntry(**content, hash=entry_hash(content))


@dataclass(frozen=True)
class ChainProblem:
    """The first break in the chain: a code (``audit.edited``, ``audit.removed``,
    ``audit.removed_last``, ``audit.head_missing``) and the entry number it names."""

    code: str
    seq: int


@dataclass(frozen=True)
class ChainReport:
    entries: int
    problem: ChainProblem | None = None
    last_seq: int = 0
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_chain(entries: Sequence[AuditEntry], head: tuple[int, str] | None) -> ChainReport:
    """Recompute the chain of ``entries`` (ordered by ``seq``) against the stored ``head``.

    An edited entry no longer matches its own hash; a removed one leaves a gap in the numbers
    and a ``prev_hash`` that points at nothing; a removed last entry leaves the head pointing
    past the end.
    """
    prev_hash = GENESIS
    expected = 1
    for entry in entries:
        if entry.seq != expected:
            return ChainReport(len(entries), ChainProblem("audit.removed", expected))
        if entry_hash(entry.content()) != entry.hash:
            return ChainReport(len(entries), ChainProblem("audit.edited", entry.seq))
        if entry.prev_hash != prev_hash:  # the entry before was rewritten with a fresh hash
            return ChainReport(len(entries), ChainProblem("audit.edited", entry.seq - 1))
        prev_hash = entry.hash
        expected += 1
    last = expected - 1
    if head is None:
        if entries:
            return ChainReport(len(entries), ChainProblem("audit.head_missing", last), last)
        return ChainReport(0)
    head_seq, head_hash = head
    if head_seq > last:
        return ChainReport(len(entries), ChainProblem("audit.removed_last", last + 1), last)
    if head_seq < last or head_hash != prev_hash:
        return ChainReport(len(entries), ChainProblem("audit.edited", head_seq or last), last)
    return ChainReport(len(entries), None, last)


class AccessRecords(abc.ABC):
    """Users and the audit log of one store (each backend implements it)."""

    @abc.abstractmethod
    def get_user(self, login: str) -> User | None: ...

    @abc.abstractmethod
    def list_users(self) -> list[User]:
        """Every user, sorted by login."""

    @abc.abstractmethod
    def put_user(self, user: User, audit: AuditDraft | None = None) -> AuditEntry | None:
        """Insert or replace the user ``user.login``; ``audit`` is appended in the same
        transaction (the change and its entry commit together or not at all)."""

    @abc.abstractmethod
    def get_settings(self) -> dict[str, Any] | None:
        """The region's settings as last saved (None: never saved)."""

    @abc.abstractmethod
    def put_settings(self, values: dict[str, Any], audit: AuditDraft) -> AuditEntry:
        """Save the region's settings and their audit entry in one transaction.

        The data version moves on too (it is the writers' lock on Neo4j, taken first), so no
        cache serves an answer computed with the settings before.
        """

    @abc.abstractmethod
    def append_audit(self, draft: AuditDraft) -> AuditEntry:
        """Append one entry after the current head, atomically (concurrent appends queue)."""

    @abc.abstractmethod
    def audit_entries(self, since: str | None = None) -> list[AuditEntry]:
        """Entries ordered by number; ``since`` (ISO date or time) keeps those at or after it."""

    @abc.abstractmethod
    def audit_head(self) -> tuple[int, str] | None:
        """Number and hash of the last appended entry, as the store keeps them."""

    def verify(self) -> ChainReport:
        return verify_chain(self.audit_entries(), self.audit_head())
