"""``schoolnet audit verify`` against a real Neo4j server names the edited or removed entry."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.store import Store
from schoolnet.cli import main
from tests.access_support import delete_entry, edit_entry


@pytest.fixture
def neo4j_cli(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    from tests.neo4j_support import fresh_neo4j_store, neo4j_server

    store = fresh_neo4j_store(request)  # the database emptied, the audit log with it
    uri, user, password, database = neo4j_server(request)
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_USER", user or "")
    monkeypatch.setenv("NEO4J_PASSWORD", password or "")
    monkeypatch.setenv("NEO4J_DATABASE", database)
    yield store
    store.close()


def test_verify_names_the_damaged_entry_on_neo4j(neo4j_cli: Store, capsys) -> None:
    store = neo4j_cli
    d = ["--backend", "neo4j"]
    for login in ("a1", "a2", "a3", "a4"):
        assert main(["users", "add", login, "--role", "observer", *d]) == 0
    capsys.readouterr()
    assert main(["audit", "verify", *d]) == 0
    assert "записей 4" in capsys.readouterr().out
    edit_entry(store, 2, "a2-forged")
    assert main(["audit", "verify", *d]) == 1
    assert "запись №2 изменена" in capsys.readouterr().err
    edit_entry(store, 2, "a2")
    assert main(["audit", "verify", *d]) == 0
    capsys.readouterr()
    delete_entry(store, 4)
    assert main(["audit", "verify", *d]) == 1
    assert "последняя запись №4 удалена" in capsys.readouterr().err
    delete_entry(store, 1)
    assert main(["audit", "verify", *d]) == 1
    assert "запись №1 удалена" in capsys.readouterr().err
