"""The import page's own size limit: a file over it is refused in Russian by the app, which
lets Streamlit take files up to twice the limit (Streamlit's own refusal is in English)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from labels import t
from tests.app.conftest import page


def _csv_of(n_bytes: int) -> bytes:
    head = b"school_id,name,municipality\n"
    row = b"S,School,M\n"
    return head + row * ((n_bytes - len(head)) // len(row) + 1)


@pytest.fixture
def import_page(
    fresh_db: Path, use_db: Callable[[Path], None], monkeypatch: pytest.MonkeyPatch
) -> AppTest:
    """The import page, run once, with a limit of 1 MB."""
    monkeypatch.setenv("SCHOOLNET_MAX_UPLOAD_MB", "1")
    use_db(fresh_db)
    return page("import_data").run()


def test_a_file_over_the_limit_is_refused_by_the_app(import_page: AppTest) -> None:
    at = import_page
    uploader = at.file_uploader[0]
    assert uploader.proto.max_upload_size_mb == 2  # Streamlit takes it; the app refuses it
    big = _csv_of(3 * 1024 * 1024 // 2)  # 1.5 MB
    uploader.set_value([("schools.csv", big, "text/csv"), ("teachers.csv", b"x", "text/csv")])
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors == [t("upload.too_large", name="schools.csv", size="1,5", limit=1)]
    assert "1,5 МБ" in errors[0] and "не больше 1 МБ" in errors[0]
    assert not at.dataframe  # refused before anything was read


def test_a_file_within_the_limit_is_checked_as_usual(import_page: AppTest) -> None:
    at = import_page
    at.file_uploader[0].set_value(("schools.csv", _csv_of(900 * 1024), "text/csv"))
    at.run()
    assert not at.exception
    assert t("upload.too_large", name="schools.csv", size="0,9", limit=1) not in [
        e.value for e in at.error
    ]
    assert at.dataframe  # the preview of the check
