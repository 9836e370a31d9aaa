"""Operations on a Neo4j store outside the :class:`~graph.store.Store` interface.

Used by the test suite (an empty database for every test) and the benchmarks (what batching
with ``UNWIND`` buys; which server answered); no service or page calls them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from graph.model import Edge, Node
from graph.neo4j_cypher import CLEAR_LIMIT, CLEAR_NODES, CLEAR_RELS, EDGE_MERGE_ONE, NODE_MERGE_ONE
from graph.neo4j_store import Neo4jStore
from graph.neo4j_writes import bump_version, edge_props, node_row

__all__ = ["clear_database", "server_info", "write_per_row"]


def clear_database(store: Neo4jStore) -> None:
    """Delete every node and relationship of the store's database, in batches.

    The version counter survives, so ``data_version()`` keeps moving forward.
    """

    def batch(tx: Any, query: LiteralString) -> int:
        return int(tx.run(query, {"limit": CLEAR_LIMIT}).single()["n"])

    with store._errors(), store._session() as session:
        for query in (CLEAR_RELS, CLEAR_NODES):
            while session.execute_write(batch, query):
                pass
        session.execute_write(bump_version)


def write_per_row(
    store: Neo4jStore, nodes: Sequence[Node] = (), edges: Sequence[Edge] = ()
) -> None:
    """One ``MERGE`` statement per row in one transaction, without stats.

    Only for the benchmark that measures what batching with ``UNWIND`` buys.
    """
    with store._errors(), store._session() as session, session.begin_transaction() as tx:
        for n in nodes:
            row = node_row(n)
            tx.run(NODE_MERGE_ONE[n.label], {"id": n.id, "props": row["props"]}).consume()
        for e in edges:
            tx.run(
                EDGE_MERGE_ONE[(e.type, e.src.label, e.dst.label)],
                {"src": e.src.id, "dst": e.dst.id, "props": edge_props(e.props)},
            ).consume()
        bump_version(tx)
        tx.commit()


def server_info(store: Neo4jStore) -> dict[str, str]:
    """The server's agent string and protocol version (for reports and benchmarks)."""
    with store._errors():
        info = store._driver.get_server_info()
    return {"agent": str(info.agent), "protocol": ".".join(map(str, info.protocol_version))}
