"""Connection problems become one clear Russian StoreError, and configuration comes from the
environment. These need no server: an unreachable one is a closed local port, and a refused
password is the driver's AuthError raised through the same code path the real one takes."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

import graph.neo4j_store as neo4j_store
from graph.neo4j_store import Neo4jStore
from graph.store import StoreError
from services.stores import Neo4jConfig, open_store


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _FakeDriver:
    """Stands in for the driver: connecting fails the way the real one reports it."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.closed = False

    def verify_connectivity(self) -> None:
        raise self.error

    def close(self) -> None:
        self.closed = True


def _fake_driver(monkeypatch: pytest.MonkeyPatch, error: Exception) -> list[_FakeDriver]:
    made: list[_FakeDriver] = []

    def driver(uri: str, **kwargs: Any) -> _FakeDriver:
        made.append(_FakeDriver(error))
        return made[-1]

    monkeypatch.setattr(neo4j_store.GraphDatabase, "driver", driver)
    return made


def test_unreachable_server_is_a_clear_error() -> None:
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    with pytest.raises(StoreError) as info:
        Neo4jStore(uri, user=None)
    assert str(info.value) == f"Не удалось подключиться к Neo4j по адресу {uri}: сервер недоступен"
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_wrong_password_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    made = _fake_driver(
        monkeypatch,
        AuthError("{code: Neo.ClientError.Security.Unauthorized} The client is unauthorized"),
    )
    with pytest.raises(StoreError) as info:
        Neo4jStore("bolt://db.example:7687", user="neo4j", password="wrong")
    assert str(info.value) == (
        "Не удалось подключиться к Neo4j по адресу bolt://db.example:7687: "
        "неверное имя пользователя или пароль"
    )
    assert made[0].closed


def test_server_lost_later_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    made = _fake_driver(monkeypatch, ServiceUnavailable("Couldn't connect"))
    with pytest.raises(StoreError, match="сервер недоступен"):
        Neo4jStore("neo4j://cluster.example", user="neo4j", password="x")
    assert made[0].closed


def test_bad_uri_is_a_clear_error() -> None:
    for uri in ("http://x:7474", "localhost:7687", "bolt//x"):
        with pytest.raises(StoreError, match=f"неверный адрес Neo4j «{uri}»"):
            Neo4jStore(uri)
    with pytest.raises(StoreError, match="неверный адрес Neo4j"):
        Neo4jStore("bolt://x:notaport")


def test_open_store_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_USER", "reader")
    monkeypatch.setenv("NEO4J_PASSWORD", "secret")
    monkeypatch.setenv("NEO4J_DATABASE", "schools")
    cfg = Neo4jConfig.from_env()
    assert cfg == Neo4jConfig(uri=uri, user="reader", password="secret", database="schools")
    with pytest.raises(StoreError, match="сервер недоступен"):
        open_store("neo4j")


def test_config_defaults_and_bad_batch_size() -> None:
    assert Neo4jConfig.from_env({}) == Neo4jConfig(
        uri="bolt://localhost:7687", user="neo4j", password=None, database="neo4j"
    )
    assert Neo4jConfig.from_env({"NEO4J_USER": ""}).user is None
    assert Neo4jConfig.from_env({"NEO4J_BATCH_SIZE": "250"}).batch_size == 250
    with pytest.raises(StoreError, match="NEO4J_BATCH_SIZE"):
        Neo4jConfig.from_env({"NEO4J_BATCH_SIZE": "много"})


def test_embedded_is_the_default(tmp_path: Any) -> None:
    with open_store(db=tmp_path / "x.db") as store:
        assert store.backend == "embedded"
    with pytest.raises(StoreError, match="неизвестное хранилище"):
        open_store("sqlite")


def test_transaction_memory_limit_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    # Built the way the driver builds it from the server's FAILURE message.
    error = Neo4jError._hydrate_neo4j(
        code="Neo.TransientError.General.MemoryPoolOutOfMemoryError",
        message="The allocation of an extra 2.0 MiB would use more than the limit 256.0 MiB.",
    )
    _fake_driver(monkeypatch, error)
    with pytest.raises(StoreError, match="write_batched") as info:
        Neo4jStore("bolt://db.example:7687", user=None)
    assert "db.memory.transaction.total.max" in str(info.value)
