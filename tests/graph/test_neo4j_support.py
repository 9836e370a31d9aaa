"""The Neo4j test fixture: a missing Java/Maven skips locally and fails under CI=true."""

from __future__ import annotations

import pytest

from tests import neo4j_support


@pytest.fixture
def no_java(monkeypatch: pytest.MonkeyPatch) -> None:
    real_which = neo4j_support.shutil.which
    monkeypatch.setattr(
        neo4j_support.shutil,
        "which",
        lambda tool: None if tool in ("java", "mvn") else real_which(tool),
    )
    monkeypatch.delenv("NEO4J_URI", raising=False)


def test_missing_java_skips_locally(
    no_java: None, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="java and mvn not found"):
        neo4j_support._start(request)


def test_missing_java_fails_under_ci(
    no_java: None, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="required under CI=true"):
        neo4j_support._start(request)


def test_neo4j_uri_is_used_as_given(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://x.databases.neo4j.io")
    monkeypatch.setenv("NEO4J_USER", "u")
    monkeypatch.setenv("NEO4J_PASSWORD", "p")
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    assert neo4j_support.neo4j_server(request) == (
        "neo4j+s://x.databases.neo4j.io",
        "u",
        "p",
        "neo4j",
    )
