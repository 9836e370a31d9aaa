"""Errors of the stores (graph/, services/stores.py), by code (English)."""

MESSAGES: dict[str, str] = {
    "store.neo4j.userinfo": (
        "the Neo4j address “{uri}” holds a user name and password: remove them from the "
        "address and set NEO4J_USER and NEO4J_PASSWORD"
    ),
    "store.busy": "the store is busy with another write: {detail}",
    "store.missing_endpoint": "an edge refers to a missing node{label}: {ids}",
    "store.tx_closed": "the transaction is already finished",
    "store.no_folder": "the folder of the database does not exist: {folder}",
    "store.cannot_open": "cannot open the database «{name}»: {detail}",
    "store.unknown_backend": "unknown store «{backend}»: choose embedded or neo4j",
    "store.neo4j.batch_size": "the batch size must be at least 1",
    "store.neo4j.batch_size_env": "NEO4J_BATCH_SIZE must be an integer, not «{value}»",
    "store.neo4j.bad_scheme": (
        "wrong Neo4j address «{uri}»: use bolt://host:7687 or neo4j://host (neo4j+s:// for Aura)"
    ),
    "store.neo4j.bad_uri": "wrong Neo4j address «{uri}»: {detail}",
    "store.neo4j.auth": "Cannot connect to Neo4j at {uri}: wrong user name or password",
    "store.neo4j.unavailable": "Cannot connect to Neo4j at {uri}: the server is unavailable",
    "store.neo4j.tx_memory": (
        "the write does not fit the Neo4j server's transaction memory: raise "
        "db.memory.transaction.total.max and the server's heap, or load in batches "
        "(write_batched). The server said: {detail}"
    ),
    "store.neo4j.server": "Neo4j error ({code}): {detail}",
    "store.neo4j.driver": "Neo4j driver error: {detail}",
}
