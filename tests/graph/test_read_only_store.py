"""A store file nobody may write to is refused with a coded, translated message, not a crash.

Opening the embedded store writes (the schema's meta rows; the typed result tables an older
store lacks), so a read-only file or folder cannot be opened: ``StoreError("read_only")``
naming the file alone. The reader really cannot write (tests/read_only_support.py). A file
that is no database at all is refused the same way (``not_a_database``).
"""

from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.store import StoreError
from labels import t
from schoolnet.cli import main
from tests.read_only_support import as_reader, read_only_store, reader_folder


@pytest.fixture
def folder() -> Iterator[Path]:
    with reader_folder() as path:
        yield path


def _open_and_read(db: Path) -> Callable[[], int]:
    def job() -> int:
        with EmbeddedStore(db) as store:
            return len(store.query("schools"))

    return job


@pytest.mark.parametrize("stale", [False, True], ids=["current", "without_typed_tables"])
@pytest.mark.parametrize("folder_writable", [True, False], ids=["folder_rw", "folder_ro"])
def test_a_read_only_store_is_refused_with_its_file_name(
    folder: Path, stale: bool, folder_writable: bool
) -> None:
    db = read_only_store(folder, stale)
    folder.chmod(0o777 if folder_writable else 0o555)
    outcome = as_reader(_open_and_read(db))
    assert outcome == ("StoreError", "read_only", t("store.read_only", name="region.db"))
    assert str(folder) not in outcome[2]  # the file's name, never the server's folder


def test_a_writable_store_opens_for_the_same_reader(folder: Path) -> None:
    """The harness can succeed: the same reader opens a store it may write."""
    db = read_only_store(folder, stale=True)
    db.chmod(0o666)
    folder.chmod(0o777)
    assert as_reader(_open_and_read(db)) == ("ok", 1)


def test_the_command_line_says_it_in_russian(folder: Path) -> None:
    db = read_only_store(folder, stale=True)
    warm = folder / "warm.db"  # every module the command needs, imported before the fork
    shutil.copyfile(db, warm)
    warm.chmod(0o644)
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["status", "--db", str(warm)]) == 0
    folder.chmod(0o555)

    def run() -> tuple[int, str]:
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["status", "--db", str(db)])
        return code, err.getvalue()

    outcome = as_reader(run)
    assert outcome[0] == "ok", outcome
    code, text = outcome[1]
    assert code != 0
    assert text.strip() == t("cli.error", message=t("store.read_only", name="region.db"))
    assert "Traceback" not in text and str(folder) not in text


def test_a_file_that_is_no_database_is_named_not_its_folder(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = folder / "notes.db"
    junk.write_bytes(b"not a database, just text\n" * 400)
    with pytest.raises(StoreError) as refused:
        EmbeddedStore(junk)
    assert refused.value.code == "not_a_database"
    assert str(refused.value) == t("store.not_a_database", name="notes.db")
    assert main(["status", "--db", str(junk)]) != 0
    err = capsys.readouterr().err
    assert err.strip() == t("cli.error", message=t("store.not_a_database", name="notes.db"))
    assert str(folder) not in err
    assert junk.read_bytes() == b"not a database, just text\n" * 400  # left as it was
