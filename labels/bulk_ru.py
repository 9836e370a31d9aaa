"""Russian messages of the bulk load into Neo4j (neo4j-admin database import full)."""

MESSAGES: dict[str, str] = {
    "bulk.files_written": (
        "Файлы для neo4j-admin записаны в {out}: узлов {nodes}, связей {relationships}. "
        "Остановите базу и выполните в этой папке: neo4j-admin $(cat {args})"
    ),
    "bulk.repeated_node": (
        "Узел {label} «{id}» есть и в части {first}, и в части {part}: каждая часть "
        "загружает только свои строки, а на строки прежних частей может только ссылаться"
    ),
    "bulk.parts_written": "Часть {done} из {total} проверена и записана",
    "bulk.regions_written": "Записано папок регионов: {n} в {out} (для neo4j-import-files --parts)",
}
