"""Users and the hash-chained audit log, on both backends."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from graph.access import AccessRole, AuditDraft, User
from graph.embedded import EmbeddedStore
from graph.model import School
from graph.store import Store
from loaders.export import export_json
from tests.access_support import delete_entry, edit_entry


def _draft(i: int) -> AuditDraft:
    return AuditDraft(
        actor="cli:admin",
        action="user.add",
        target=f"user{i}",
        before=None,
        after={"role": "curator", "schools": [f"s{i}"], "note": "ёлка «1»", "n": 1.5},
    )


def test_users_round_trip(store: Store) -> None:
    records = store.access()
    assert records.list_users() == []
    user = User(
        login=" Ivanova@Rayon.ru ",
        name="Иванова И. И.",
        role=AccessRole.coordinator,
        municipalities=("Озёрск", "Берёзовка", "Озёрск"),
    )
    records.put_user(user)
    got = records.get_user("IVANOVA@rayon.ru")
    assert got == user
    assert got is not None and got.login == "ivanova@rayon.ru"
    assert got.municipalities == ("Берёзовка", "Озёрск")
    records.put_user(user.model_copy(update={"disabled": True}))
    records.put_user(User(login="admin", role=AccessRole.regional))
    assert [(u.login, u.disabled) for u in records.list_users()] == [
        ("admin", False),
        ("ivanova@rayon.ru", True),
    ]
    assert records.get_user("nobody") is None


def test_bad_login_is_refused() -> None:
    with pytest.raises(ValueError, match=r"access\.bad_login"):
        User(login="'; DROP TABLE users;--", role=AccessRole.observer)


def test_chain_appends_and_verifies(store: Store) -> None:
    records = store.access()
    assert records.verify().ok and records.verify().entries == 0
    entries = [records.append_audit(_draft(i)) for i in range(1, 4)]
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[1].prev_hash == entries[0].hash
    stored = records.audit_entries()
    assert stored == entries
    assert stored[0].after == {"role": "curator", "schools": ["s1"], "note": "ёлка «1»", "n": 1.5}
    report = records.verify()
    assert report.ok and report.entries == 3 and report.last_seq == 3
    assert records.audit_head() == (3, entries[2].hash)
    since = records.audit_entries(since=entries[2].at)
    assert since[-1] == entries[2] and all(e.at >= entries[2].at for e in since)
    assert records.audit_entries(since="2999-01-01") == []


def test_edited_entry_is_named(store: Store) -> None:
    records = store.access()
    for i in range(1, 5):
        records.append_audit(_draft(i))
    edit_entry(store, 2, "someone-else")
    problem = records.verify().problem
    assert problem is not None and (problem.code, problem.seq) == ("audit.edited", 2)


@pytest.mark.parametrize(("seq", "code"), [(1, "audit.removed"), (3, "audit.removed"),
                                           (4, "audit.removed_last")])
def test_removed_entry_is_named(store: Store, seq: int, code: str) -> None:
    records = store.access()
    for i in range(1, 5):
        records.append_audit(_draft(i))
    delete_entry(store, seq)
    problem = records.verify().problem
    assert problem is not None and (problem.code, problem.seq) == (code, seq)


def test_access_records_stay_out_of_the_graph(store: Store) -> None:
    store.write([School(id="1", name="СОШ №1", municipality="Озёрск")])
    before = export_json(store)
    version = store.data_version()
    store.access().put_user(User(login="admin", role=AccessRole.regional))
    store.access().append_audit(_draft(1))
    assert export_json(store) == before
    assert store.count_nodes() == {"School": 1}
    assert store.data_version() == version


def test_concurrent_appends_keep_one_chain(tmp_path: Path) -> None:
    path = tmp_path / "chain.db"
    EmbeddedStore(path).close()

    def work(k: int) -> None:
        s = EmbeddedStore(path)
        try:
            for i in range(10):
                s.access().append_audit(_draft(k * 100 + i))
        finally:
            s.close()

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    with EmbeddedStore(path) as s:
        report = s.access().verify()
        assert report.ok and report.entries == 40


def test_user_services_on_both_backends(store: Store) -> None:
    from services.access import LOCAL
    from services.users import add_user, disable_user, set_role

    add_user(store, LOCAL, "kozlov", "coordinator", "Козлов К. К.", ["Озёрск"])
    set_role(store, LOCAL, "kozlov", "curator", schools=["101"])
    disable_user(store, LOCAL, "kozlov")
    user = store.access().get_user("kozlov")
    assert user is not None and user.disabled and user.schools == ("101",)
    entries = store.access().audit_entries()
    assert [(e.actor, e.action, e.target) for e in entries] == [
        ("local", "user.add", "kozlov"),
        ("local", "user.set_role", "kozlov"),
        ("local", "user.disable", "kozlov"),
    ]
    assert store.access().verify().ok
