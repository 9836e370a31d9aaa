"""English messages of the bulk load into Neo4j (neo4j-admin database import full)."""

MESSAGES: dict[str, str] = {
    "bulk.files_written": (
        "Files for neo4j-admin written to {out}: {nodes} nodes, {relationships} relationships. "
        "Stop the database and run in that folder: neo4j-admin $(cat {args})"
    ),
}
