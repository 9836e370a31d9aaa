"""``schoolnet users`` and ``schoolnet audit``: users managed, every change in the log."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from graph.embedded import EmbeddedStore
from schoolnet.cli import main
from tests.access_support import delete_entry, edit_entry

MUNICIPALITY = "Старопокровский район"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("users") / "small.db"
    assert main(["seed", "--size", "small", "--as-of", "2026-11-23", "--db", str(db)]) == 0
    return db


@pytest.fixture
def db(seeded: Path, tmp_path: Path) -> Path:
    out = tmp_path / "copy.db"
    store = EmbeddedStore(seeded)
    store.checkpoint()
    store.close()
    shutil.copy(seeded, out)
    return out


def _school_ids(db: Path) -> list[str]:
    with EmbeddedStore(db) as s:
        return sorted(str(r["school_id"]) for r in s.query("schools"))


def test_users_add_list_set_role_disable_are_audited(db: Path, capsys, monkeypatch) -> None:
    d = ["--db", str(db)]
    schools = _school_ids(db)
    name = ["--name", "Смирнова А. А."]
    assert main(["users", "add", "Admin", "--role", "regional", *name, *d]) == 0
    assert main(["users", "add", "kozlov", "--role", "coordinator",
                 "--municipality", MUNICIPALITY, *d]) == 0  # fmt: skip
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    assert main(["users", "add", "petrova", "--role", "curator", "--school", schools[0],
                 "--school", schools[1], "--password-stdin", *d]) == 0  # fmt: skip
    assert main(["users", "set-role", "petrova", "--role", "observer", *d]) == 0
    assert main(["users", "disable", "kozlov", *d]) == 0
    capsys.readouterr()
    assert main(["users", "list", *d]) == 0
    listing = capsys.readouterr().out
    assert "admin" in listing and "Смирнова А. А." in listing and "observer" in listing
    with EmbeddedStore(db) as s:
        users = {u.login: u for u in s.access().list_users()}
        assert users["petrova"].password_hash is not None
        assert users["petrova"].password_hash.startswith("$argon2id$")
        assert users["kozlov"].disabled
        seeded, *entries = s.access().audit_entries()
    assert seeded.action == "import"  # the seed, loaded as files are
    assert [e.action for e in entries] == [
        "user.add", "user.add", "user.add", "user.set_role", "user.disable",
    ]  # fmt: skip
    assert all(e.actor.startswith("cli:") for e in entries)
    change = entries[3]
    assert change.before["role"] == "curator" and change.after["role"] == "observer"
    assert change.before["schools"] == schools[:2] and change.after["schools"] == []
    assert all("argon2" not in str(e.before) + str(e.after) for e in entries)


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["users", "add", "x", "--role", "coordinator"], "хотя бы один муниципалитет"),
        (["users", "add", "x", "--role", "curator", "--school", "nope"], "не найдены"),
        (["users", "add", "x", "--role", "coordinator", "--municipality", "Атлантида"],
         "Атлантида"),
        (["users", "add", "'; DROP TABLE users;--", "--role", "observer"], "неверное имя"),
        (["users", "set-role", "ghost", "--role", "observer"], "не найден"),
        (["users", "disable"], "Укажите имя пользователя"),
        (["audit"], "--out"),
    ],
)
def test_bad_requests_are_messages(db: Path, capsys, argv: list[str], needle: str) -> None:
    assert main([*argv, "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err
    with EmbeddedStore(db) as s:
        assert s.access().list_users() == []
        assert [e.action for e in s.access().audit_entries()] == ["import"]  # the seed only


def test_short_password_is_refused(db: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    argv = ["users", "add", "a", "--role", "observer", "--password-stdin", "--db", str(db)]
    assert main(argv) == 1
    assert "слишком короткий" in capsys.readouterr().err


def test_audit_verify_names_the_damaged_entry(db: Path, capsys) -> None:
    d = ["--db", str(db)]
    for login in ("a1", "a2", "a3"):
        assert main(["users", "add", login, "--role", "observer", *d]) == 0
    capsys.readouterr()
    assert main(["audit", "verify", *d]) == 0
    assert "записей 4" in capsys.readouterr().out  # the seed's import, then three users
    with EmbeddedStore(db) as s:
        edit_entry(s, 3, "a2-forged")
    assert main(["audit", "verify", *d]) == 1
    assert "запись №3 изменена" in capsys.readouterr().err
    with EmbeddedStore(db) as s:
        edit_entry(s, 3, "a2")
    assert main(["audit", "verify", *d]) == 0
    with EmbeddedStore(db) as s:
        delete_entry(s, 2)
    assert main(["audit", "verify", *d]) == 1
    assert "запись №2 удалена" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_audit_export_since(db: Path, tmp_path: Path, capsys, suffix: str) -> None:
    d = ["--db", str(db)]
    assert main(["users", "add", "=cmd", "--role", "observer", *d]) == 1  # not a valid login
    assert main(["users", "add", "obs", "--role", "observer", "--name", "=HYPERLINK(1)", *d]) == 0
    out = tmp_path / f"audit{suffix}"
    assert main(["audit", "--since", "2000-01-01", "--out", str(out), *d]) == 0
    table = pd.read_excel(out) if suffix == ".xlsx" else pd.read_csv(out)
    assert list(table["action"]) == ["import", "user.add"]
    assert "HYPERLINK" in table["after"][1] and not str(table["after"][1]).startswith("=")
    assert main(["audit", "--since", "2999-01-01", "--out", str(out), *d]) == 0
    table = pd.read_excel(out) if suffix == ".xlsx" else pd.read_csv(out)
    assert table.empty
    with EmbeddedStore(db) as s:  # the two exports are recorded too
        assert [e.action for e in s.access().audit_entries()] == [
            "import", "user.add", "export.audit", "export.audit",
        ]  # fmt: skip
        assert s.access().verify().ok
