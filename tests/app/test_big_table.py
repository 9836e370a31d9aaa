"""Long tables: one page at a time, with a note and the whole table to download."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app_streamlit.components import big_table
from labels import t
from tests.app.conftest import page


def _run(at: Any) -> Any:
    at.run()
    assert not at.exception, at.exception
    return at


def test_schools_table_is_paged_with_a_note_and_a_whole_download(
    demo_db: Path, use_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_db(demo_db)
    monkeypatch.setattr(big_table, "PAGE_ROWS", 5)
    at = _run(page("schools"))
    assert len(at.dataframe[0].value) == 5
    assert any(t("scale.table.note", first=1, last=5, n=18) == c.value for c in at.caption)
    labels = [b.label for b in at.get("download_button")]
    assert t("scale.table.download", n=18) in labels
    at.number_input(key="schools_page").set_value(4)
    _run(at)
    assert len(at.dataframe[0].value) == 3  # 18 schools: the last page holds 3
    assert len(at.selectbox(key="schools_card").options) == 3  # the card: the page's schools


def test_a_short_table_shows_whole(demo_db: Path, use_db: Any) -> None:
    use_db(demo_db)
    at = _run(page("schools"))
    assert len(at.dataframe[0].value) == 18
    assert not at.number_input
