"""Every file of the hostile corpus, through the command line and through the app's import page.

For each case: a clear Russian message naming the problem (or a correct import, checked value by
value), never a traceback, and after a rejection the store exactly as it was (canonical JSON
export compared byte for byte).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from loaders.export import export_json
from loaders.importer import import_uploads
from schoolnet.cli import main
from tests.hostile.corpus import Case, cases

CASES = cases()
BASE = [("schools.csv", "school_id,name,municipality\nBASE1,Базовая школа,Район\n".encode())]
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@pytest.fixture
def base_db(tmp_path: Path) -> Iterator[Path]:
    """A store holding one school: what a rejection must leave untouched."""
    path = tmp_path / "base.db"
    store = EmbeddedStore(path)
    import_uploads(BASE, store)
    store.checkpoint()
    store.close()
    yield path


def _export(path: Path) -> bytes:
    store = EmbeddedStore(path)
    try:
        return export_json(store)
    finally:
        store.close()


def _check_stored(path: Path, case: Case) -> None:
    store = EmbeddedStore(path)
    try:
        for label, id_, field, value in case.stored:
            node = store.get_node(label, id_)
            assert node is not None, (label, id_)
            assert node.model_dump()[field] == value
    finally:
        store.close()


def test_the_corpus_is_large_and_varied() -> None:
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)
    assert sum(c.expect is None for c in CASES) >= 5


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cli(case: Case, base_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    paths = []
    for name, data in case.files:
        (folder / name).write_bytes(data)
        paths.append(str(folder / name))
    before = _export(base_db)
    code = main(["import", "--db", str(base_db), *paths])
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text and "Error:" not in text
    if case.expect is None:
        assert code == 0, text
        _check_stored(base_db, case)
    else:
        assert code == 1, text
        assert case.expect in out.err, out.err
        assert _CYRILLIC.search(out.err)
        assert _export(base_db) == before


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_app_import_page(case: Case, base_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from labels import t
    from tests.app.conftest import page

    monkeypatch.setenv("SCHOOLNET_BACKEND", "embedded")
    monkeypatch.setenv("SCHOOLNET_DB", str(base_db))
    before = _export(base_db)
    at = page("import_data").run()
    assert not at.exception
    uploader = at.file_uploader[0]
    assert uploader.allowed_type == []  # .xls and the rest reach our own Russian message
    uploader.set_value([(name, data, "application/octet-stream") for name, data in case.files])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [e.value for e in at.error] + [
        str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel().tolist()
    ]
    assert not any("Traceback" in s for s in shown)
    commit = [b for b in at.button if b.label == t("ui.import.commit")]
    if case.expect is None:
        assert not at.error, [e.value for e in at.error]
        if commit:
            commit[0].click()
            at.run()
            assert not at.exception and not at.error
        _check_stored(base_db, case)
    else:
        assert at.error, "a rejection shows an error"
        assert not commit
        assert any(case.expect in s for s in shown), shown
        assert _export(base_db) == before


def test_cli_file_size_limit_is_named(
    base_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SCHOOLNET_MAX_UPLOAD_MB", "200")  # restored after the test
    big = tmp_path / "schools.csv"
    big.write_bytes(b"school_id,name,municipality\n" + b"S1,x,y\n" * 300_000)  # ~2.1 MB
    before = _export(base_db)
    code = main(["import", "--max-file-mb", "1", "--db", str(base_db), str(big)])
    err = capsys.readouterr().err
    assert code == 1
    assert "файл размером 2,0 МБ больше допустимого: не больше 1 МБ" in err, err
    assert _export(base_db) == before
