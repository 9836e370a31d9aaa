"""Errors of the stores (graph/, services/stores.py), by code (Russian)."""

MESSAGES: dict[str, str] = {
    "store.neo4j.userinfo": (
        "в адресе Neo4j «{uri}» указаны имя пользователя и пароль: уберите их из адреса и "
        "задайте в NEO4J_USER и NEO4J_PASSWORD"
    ),
    "store.busy": "хранилище занято другой записью: {detail}",
    "store.missing_endpoint": "связь ссылается на отсутствующий узел{label}: {ids}",
    "store.tx_closed": "транзакция уже завершена",
    "store.no_folder": "папка для базы данных не существует: {folder}",
    "store.cannot_open": "не удалось открыть базу данных «{name}»: {detail}",
    "store.unknown_backend": "неизвестное хранилище «{backend}»: выберите embedded или neo4j",
    "store.neo4j.batch_size": "размер пакета должен быть не меньше 1",
    "store.neo4j.batch_size_env": "NEO4J_BATCH_SIZE должен быть целым числом, а не «{value}»",
    "store.neo4j.bad_scheme": (
        "неверный адрес Neo4j «{uri}»: нужен адрес вида bolt://host:7687 или neo4j://host "
        "(neo4j+s:// для Aura)"
    ),
    "store.neo4j.bad_uri": "неверный адрес Neo4j «{uri}»: {detail}",
    "store.neo4j.auth": (
        "Не удалось подключиться к Neo4j по адресу {uri}: неверное имя пользователя или пароль"
    ),
    "store.neo4j.unavailable": "Не удалось подключиться к Neo4j по адресу {uri}: сервер недоступен",
    "store.neo4j.tx_memory": (
        "запись не помещается в память транзакций сервера Neo4j: увеличьте "
        "db.memory.transaction.total.max и память сервера (heap) или загружайте пакетами "
        "(write_batched). Сервер сообщил: {detail}"
    ),
    "store.neo4j.server": "ошибка Neo4j ({code}): {detail}",
    "store.neo4j.driver": "ошибка драйвера Neo4j: {detail}",
}
