"""Russian messages of the import lock (a batched import on Neo4j holds it to its end)."""

MESSAGES: dict[str, str] = {
    "store.import_busy": (
        "в эту базу Neo4j уже идёт другой импорт: ждали {seconds} с, он не закончился. "
        "Повторите импорт позже (сколько ждать, задаёт SCHOOLNET_IMPORT_WAIT_SECONDS)"
    ),
    "store.import_lock_lost": (
        "импорт остановлен: он не писал дольше срока своей блокировки "
        "(SCHOOLNET_IMPORT_LOCK_SECONDS), и её занял другой импорт. Записанные пакеты "
        "остались; запустите тот же импорт ещё раз, чтобы его завершить"
    ),
}
