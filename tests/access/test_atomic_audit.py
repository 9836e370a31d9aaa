"""A change and its audit entry commit together, on both backends.

A failure after the change is written but before it commits (an exception, or the process
dying) leaves neither the change nor the entry; a failure while writing the entry rolls the
change back. Checked through the real service calls (``services.api``), against the canonical
export and the audit chain.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import graph.access_neo4j
import graph.access_sqlite
from graph.embedded import EmbeddedStore, _SqliteUnitOfWork
from graph.model import Edge, NodeRef, School, Teacher
from graph.neo4j_store import _Neo4jUnitOfWork
from graph.store import Store
from loaders.export import export_json
from services import api
from services.access import LOCAL
from services.users import add_user, set_role

ROOT = Path(__file__).resolve().parents[2]


def _seed(store: Store) -> None:
    store.write(
        [
            School(id="101", name="СОШ №1", municipality="Озёрск"),
            School(id="102", name="СОШ №2", municipality="Озёрск"),
            Teacher(id="T1", full_name="Иванова И. И.", school_id="101"),
        ],
        [Edge(type="WORKS_AT", src=NodeRef("Teacher", "T1"), dst=NodeRef("School", "101"))],
    )


def _accept(store: Store) -> Any:
    return api.accept_pair(store, LOCAL, "102", "101")


def _reject(store: Store) -> Any:
    return api.reject_pair(store, LOCAL, "102", "101", reason="далеко")


def _event(store: Store) -> Any:
    form = {
        "title": "Семинар",
        "kind": "seminar",
        "date": "2026-11-01",
        "organizer_id": "101",
        "participants": [["T1", "participant"]],
    }
    return api.log_event(store, LOCAL, form)


def _import(store: Store) -> Any:
    csv = "school_id,name,municipality\n103,СОШ №3,Озёрск\n".encode()
    return api.import_uploads(store, LOCAL, [("schools.csv", csv)])


CHANGES: dict[str, Callable[[Store], Any]] = {
    "pair.accept": _accept,
    "pair.reject": _reject,
    "event.record": _event,
    "import": _import,
}


def _uow_class(store: Store) -> type[Any]:
    return _SqliteUnitOfWork if isinstance(store, EmbeddedStore) else _Neo4jUnitOfWork


def _state(store: Store) -> tuple[bytes, int]:
    return export_json(store), len(store.access().audit_entries())


@pytest.mark.parametrize("action", sorted(CHANGES))
def test_change_and_entry_commit_together(store: Store, action: str) -> None:
    _seed(store)
    graph_before, entries_before = _state(store)
    CHANGES[action](store)
    graph_after, entries_after = _state(store)
    assert graph_after != graph_before
    assert entries_after == entries_before + 1
    assert store.access().audit_entries()[-1].action == action
    assert store.access().verify().ok


@pytest.mark.parametrize("action", sorted(CHANGES))
def test_failure_before_commit_leaves_neither(
    store: Store, action: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The change and its entry are both written in the transaction; the commit never comes."""
    _seed(store)
    before = _state(store)
    seen: list[str] = []
    real_append = _uow_class(store).append_audit

    def append_then_crash(self: Any, draft: Any) -> Any:
        real_append(self, draft)
        seen.append(draft.action)
        raise RuntimeError("crash between the change and the commit")

    monkeypatch.setattr(_uow_class(store), "append_audit", append_then_crash)
    with pytest.raises(RuntimeError, match="crash"):
        CHANGES[action](store)
    assert seen == [action]  # the entry was written, in the change's own transaction
    assert _state(store) == before
    assert store.access().verify().ok


@pytest.mark.parametrize("action", sorted(CHANGES))
def test_failed_audit_write_rolls_back_the_change(
    store: Store, action: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(store)
    before = _state(store)
    module = graph.access_sqlite if isinstance(store, EmbeddedStore) else graph.access_neo4j

    def refuse(*_: Any) -> Any:
        raise RuntimeError("audit write failed")

    monkeypatch.setattr(module, "append_in", refuse)
    with pytest.raises(RuntimeError, match="audit write failed"):
        CHANGES[action](store)
    assert _state(store) == before


def test_user_change_and_entry_commit_together(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(store)
    add_user(store, LOCAL, "ivanova", "curator", schools=["101"])
    users_before = store.access().list_users()
    entries_before = len(store.access().audit_entries())
    module = graph.access_sqlite if isinstance(store, EmbeddedStore) else graph.access_neo4j

    def refuse(*_: Any) -> Any:
        raise RuntimeError("audit write failed")

    monkeypatch.setattr(module, "append_in", refuse)
    with pytest.raises(RuntimeError):
        set_role(store, LOCAL, "ivanova", "coordinator", municipalities=["Озёрск"])
    with pytest.raises(RuntimeError):
        add_user(store, LOCAL, "petrov", "observer")
    assert store.access().list_users() == users_before
    assert len(store.access().audit_entries()) == entries_before


_CHILD = textwrap.dedent(
    """
    import os, sys
    import graph.embedded, graph.neo4j_store
    from services import api
    from services.access import LOCAL

    if sys.argv[1] == "embedded":
        store = graph.embedded.EmbeddedStore(sys.argv[2])
        uow = graph.embedded._SqliteUnitOfWork
    else:
        user = sys.argv[3] or None
        store = graph.neo4j_store.Neo4jStore(sys.argv[2], user, sys.argv[4], sys.argv[5])
        uow = graph.neo4j_store._Neo4jUnitOfWork
    real = uow.append_audit

    def append_then_die(self, draft):
        real(self, draft)
        os._exit(17)  # the process dies with the change and the entry written, not committed

    uow.append_audit = append_then_die
    api.accept_pair(store, LOCAL, "102", "101")
    """
)


def test_process_dying_before_commit_leaves_neither(
    store: Store, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    _seed(store)
    before = _state(store)
    if isinstance(store, EmbeddedStore):
        args = ["embedded", store.path]
    else:
        from tests.neo4j_support import neo4j_server

        uri, user, password, database = neo4j_server(request)
        args = ["neo4j", uri, user or "", password or "", database]
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, *args], cwd=ROOT, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert child.returncode == 17, child.stderr[-2000:]
    assert _state(store) == before
    assert store.access().verify().ok
