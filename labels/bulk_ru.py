"""Russian messages of the bulk load into Neo4j (neo4j-admin database import full)."""

MESSAGES: dict[str, str] = {
    "bulk.files_written": (
        "Файлы для neo4j-admin записаны в {out}: узлов {nodes}, связей {relationships}. "
        "Остановите базу и выполните в этой папке: neo4j-admin $(cat {args})"
    ),
}
