"""The error boundary around every page: Russian messages, incident codes, tracebacks in the log.

(The same in a real browser, with the server's log: ``tests/browser/test_partial_browser.py``.)
"""

from __future__ import annotations

import logging
import re
import socket
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from labels import t
from tests.app.conftest import APP


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _app() -> AppTest:
    return AppTest.from_file(str(APP / "app.py"), default_timeout=120)


def test_a_failing_page_shows_a_code_and_logs_the_traceback(
    demo_db: Path, use_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_db(demo_db)
    monkeypatch.setenv("SCHOOLNET_FAIL_PAGE", "overview")
    handler = _Records()
    logger = logging.getLogger("schoolnet.app")
    logger.addHandler(handler)
    try:
        at = _app().run()
    finally:
        logger.removeHandler(handler)
    assert not at.exception
    [error] = [e.value for e in at.error if "Код инцидента" in e.value]
    code = re.search(r"Код инцидента: ([0-9A-F]{8})", error)
    assert code, error
    assert "Traceback" not in error and ".py" not in error
    [record] = [r for r in handler.records if code.group(1) in r.getMessage()]
    assert record.exc_info and record.exc_info[0] is RuntimeError
    # The sidebar and the menu are still there: the user can go elsewhere.
    assert at.sidebar.selectbox(key="role") is not None


def test_an_unreachable_neo4j_is_its_russian_message(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("SCHOOLNET_BACKEND", "neo4j")
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{port}")
    monkeypatch.setenv("NEO4J_PASSWORD", "wrong")
    at = _app().run()
    assert not at.exception
    messages = [e.value for e in at.error]
    prefix = t("errors.store", message="")
    assert any(m.startswith(prefix) and len(m) > len(prefix) for m in messages), messages
    assert not any("Traceback" in m or "Код инцидента" in m for m in messages)


def test_showing_error_details_is_off(demo_db: Path, use_db) -> None:
    import streamlit as st

    use_db(demo_db)
    _app().run()
    assert st.get_option("client.showErrorDetails") == "none"
