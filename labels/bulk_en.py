"""English messages of the bulk load into Neo4j (neo4j-admin database import full)."""

MESSAGES: dict[str, str] = {
    "bulk.files_written": (
        "Files for neo4j-admin written to {out}: {nodes} nodes, {relationships} relationships. "
        "Stop the database and run in that folder: neo4j-admin $(cat {args})"
    ),
    "bulk.repeated_node": (
        "Node {label} \"{id}\" is in part {first} and in part {part}: each part loads only its "
        "own rows and may only refer to the rows of earlier parts"
    ),
    "bulk.parts_written": "Part {done} of {total} checked and written",
    "bulk.regions_written": "Region folders written: {n} to {out} (for neo4j-import-files --parts)",
}
