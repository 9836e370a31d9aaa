"""English messages of the import lock (a batched import on Neo4j holds it to its end)."""

MESSAGES: dict[str, str] = {
    "store.import_busy": (
        "another import into this Neo4j database is running: waited {seconds} s and it did not "
        "finish. Run the import again later (SCHOOLNET_IMPORT_WAIT_SECONDS sets how long to wait)"
    ),
    "store.import_lock_lost": (
        "the import stopped: it wrote nothing for longer than its lock lasts "
        "(SCHOOLNET_IMPORT_LOCK_SECONDS) and another import took the lock. The batches written "
        "stay; run the same import again to finish it"
    ),
}
