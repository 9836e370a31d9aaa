"""The app on a read-only store file: the translated refusal, no traceback, no server path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from labels import t
from tests.app.conftest import APP
from tests.read_only_support import as_reader, read_only_store, reader_folder


def _shown(db: Path) -> tuple[list[str], int, str]:
    at = AppTest.from_file(str(APP / "app.py"), default_timeout=120).run()
    texts = [str(getattr(e, "value", "")) for kind in ("error", "markdown", "caption")
             for e in at.get(kind)]  # fmt: skip
    return [e.value for e in at.error], len(at.exception), "\n".join(texts)


def test_the_app_says_the_store_is_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCHOOLNET_BACKEND", "embedded")
    with reader_folder() as folder:
        db = read_only_store(folder, stale=True)
        warm = folder / "warm.db"  # the app's modules, imported before the reader forks
        shutil.copyfile(db, warm)
        warm.chmod(0o644)
        monkeypatch.setenv("SCHOOLNET_DB", str(warm))
        assert _shown(warm)[:2] == ([], 0)
        monkeypatch.setenv("SCHOOLNET_DB", str(db))
        folder.chmod(0o555)
        outcome = as_reader(lambda: _shown(db))
    assert outcome[0] == "ok", outcome
    errors, exceptions, text = outcome[1]
    message = t("errors.store", message=t("store.read_only", name="region.db"))
    assert (errors, exceptions) == ([message], 0)
    assert str(folder) not in text and "Traceback" not in text
