"""Opening the configured store: the embedded SQLite file by default, or a Neo4j server.

Neo4j is configured through the environment, the same for the CLI (``--backend neo4j``) and
the app:

- ``NEO4J_URI``: the Bolt address (``bolt://``, ``neo4j://``; ``neo4j+s://`` for Aura),
  default ``bolt://localhost:7687``;
- ``NEO4J_USER``: default ``neo4j``; set it empty to connect without authentication;
- ``NEO4J_PASSWORD``: the password (none by default);
- ``NEO4J_DATABASE``: default ``neo4j``;
- ``NEO4J_BATCH_SIZE``: rows per ``UNWIND`` batch, default 5000.

Examples
--------
>>> cfg = Neo4jConfig.from_env({"NEO4J_URI": "neo4j+s://x.databases.neo4j.io",
...                             "NEO4J_PASSWORD": "secret"})
>>> cfg.uri, cfg.user, cfg.database, cfg.batch_size
('neo4j+s://x.databases.neo4j.io', 'neo4j', 'neo4j', 5000)
>>> open_store("mysql")
Traceback (most recent call last):
...
graph.store.StoreError: неизвестное хранилище «mysql»: выберите embedded или neo4j
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.store import Store, StoreError

__all__ = ["BACKENDS", "Neo4jConfig", "open_store"]

BACKENDS = ("embedded", "neo4j")


@dataclass(frozen=True)
class Neo4jConfig:
    """Where the Neo4j store lives and how to log in."""

    uri: str = "bolt://localhost:7687"
    user: str | None = "neo4j"
    password: str | None = None
    database: str = "neo4j"
    batch_size: int = 5000

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Neo4jConfig:
        """Read ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``
        (and ``NEO4J_BATCH_SIZE``); unset ones take the defaults."""
        env = os.environ if env is None else env
        user = env.get("NEO4J_USER", "neo4j").strip()
        password = env.get("NEO4J_PASSWORD") or None
        batch = env.get("NEO4J_BATCH_SIZE", "").strip()
        try:
            batch_size = int(batch) if batch else cls.batch_size
        except ValueError:
            raise StoreError("neo4j.batch_size_env", value=batch) from None
        return cls(
            uri=env.get("NEO4J_URI", "").strip() or cls.uri,
            user=user or None,
            password=password,
            database=env.get("NEO4J_DATABASE", "").strip() or cls.database,
            batch_size=batch_size,
        )


def open_store(
    backend: str = "embedded",
    db: str | Path = "schoolnet.db",
    neo4j: Neo4jConfig | None = None,
) -> Store:
    """The store of ``backend``: ``embedded`` (the SQLite file ``db``) or ``neo4j``
    (``neo4j`` or, when not given, ``Neo4jConfig.from_env()``).

    Raises ``StoreError`` with a Russian message (server unreachable, wrong password, unknown
    backend): callers show it as is.
    """
    if backend == "embedded":
        from graph.embedded import EmbeddedStore

        return EmbeddedStore(db)
    if backend == "neo4j":
        from graph.neo4j_store import Neo4jStore

        cfg = neo4j or Neo4jConfig.from_env()
        return Neo4jStore(
            cfg.uri,
            user=cfg.user,
            password=cfg.password,
            database=cfg.database,
            batch_size=cfg.batch_size,
        )
    raise StoreError("unknown_backend", backend=backend)
