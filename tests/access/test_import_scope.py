"""A coordinator's import touching another municipality is refused whole, naming the rows as
the user's file shows them (file, sheet, row number): through the service, the command line
(``schoolnet import --as``) and the import page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from graph.embedded import EmbeddedStore
from graph.store import Store
from loaders.export import export_json
from loaders.writers import frames_to_xlsx
from services import api
from services.access import LOCAL, AccessDenied, Actor
from services.users import add_user

HOME, OTHER = "Озёрск", "Заречный район"
PASSWORD = "correct horse battery"
SCHOOLS = f"school_id,name,municipality\n101,СОШ №1,{HOME}\nZ1,Заречная СОШ,{OTHER}\n"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "scope.db"
    with EmbeddedStore(path) as store:
        api.import_uploads(store, LOCAL, [("schools.csv", SCHOOLS.encode())])
        add_user(store, LOCAL, "coord", "coordinator", "Козлов К. П.", municipalities=[HOME],
                 password=PASSWORD)  # fmt: skip
    return path


def _book() -> bytes:
    schools = pd.DataFrame(
        {"school_id": ["NEW1", "Z9"], "name": ["Новая СОШ", "Чужая СОШ"],
         "municipality": [HOME, OTHER]}
    )  # fmt: skip
    teachers = pd.DataFrame(
        {"teacher_id": ["T1", "T2", "T3"], "full_name": ["Иванова И. И.", "Петров П. П.", "Ким"],
         "school_id": ["101", "Z1", "NEW1"]}
    )  # fmt: skip
    return frames_to_xlsx({"schools": schools, "teachers": teachers})


def _coordinator(store: Store) -> Actor:
    user = store.access().get_user("coord")
    assert user is not None
    return Actor.from_user(user)


def test_refusal_names_file_sheet_and_row(db: Path) -> None:
    with EmbeddedStore(db) as store:
        before, head = export_json(store), store.access().audit_head()
        with pytest.raises(AccessDenied) as denied:
            api.import_uploads(store, _coordinator(store), [("book.xlsx", _book())])
        message = str(denied.value)
        assert "отклонена целиком" in message
        assert f"book.xlsx, лист «schools», строка 3 — {OTHER}" in message
        assert f"book.xlsx, лист «teachers», строка 3 — {OTHER}" in message
        assert "строка 2" not in message and "строка 4" not in message  # rows at home
        assert export_json(store) == before and store.access().audit_head() == head


def test_command_line_on_behalf_of_a_coordinator(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from schoolnet.cli import main

    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "schools.csv").write_text(
        f"school_id,name,municipality\nNEW1,Новая СОШ,{HOME}\nZ9,Чужая СОШ,{OTHER}\n",
        encoding="utf-8",
    )
    (folder / "teachers.csv").write_text(
        "teacher_id,full_name,school_id\nT1,Иванова И. И.,101\nT2,Петров П. П.,Z1\n",
        encoding="utf-8",
    )
    with EmbeddedStore(db) as store:
        before = export_json(store)
    assert main(["import", "--db", str(db), "--as", "coord", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"schools.csv, строка 3 — {OTHER}" in err and f"teachers.csv, строка 3 — {OTHER}" in err
    assert "строка 2" not in err and str(tmp_path) not in err
    with EmbeddedStore(db) as store:
        assert export_json(store) == before
    # Only their own rows: it goes through, recorded as who ran it for whom.
    (folder / "schools.csv").write_text(
        f"school_id,name,municipality\nNEW1,Новая СОШ,{HOME}\n", encoding="utf-8"
    )
    (folder / "teachers.csv").unlink()
    assert main(["import", "--db", str(db), "--as", "coord", str(folder)]) == 0
    with EmbeddedStore(db) as store:
        entry = store.access().audit_entries()[-1]
        assert entry.action == "import" and entry.actor.endswith(">coord")
        assert entry.actor.startswith("cli:")
    assert main(["import", "--db", str(db), "--as", "nobody", str(folder)]) == 1


def test_import_page_names_the_rows(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP

    monkeypatch.setenv("SCHOOLNET_BACKEND", "embedded")
    monkeypatch.setenv("SCHOOLNET_DB", str(db))
    monkeypatch.setenv("SCHOOLNET_SIGNIN", "accounts")
    with EmbeddedStore(db) as store:
        before = export_json(store)
    at = AppTest.from_file(str(APP / "app.py"), default_timeout=120).run()
    at.text_input[0].input("coord")
    at.text_input[1].input(PASSWORD)
    at.button[0].click()
    at.run()
    at.switch_page("views/import_data.py").run()
    assert not at.exception
    at.file_uploader[0].set_value([("book.xlsx", _book(), "application/octet-stream")])
    at.run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert f"book.xlsx, лист «schools», строка 3 — {OTHER}" in shown, shown
    assert f"book.xlsx, лист «teachers», строка 3 — {OTHER}" in shown
    with EmbeddedStore(db) as store:
        assert export_json(store) == before
