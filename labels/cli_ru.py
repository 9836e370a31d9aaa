"""Russian messages of the command line."""

MESSAGES: dict[str, str] = {
    "cli.error": "Ошибка: {message}",
    "cli.internal_error": "Внутренняя ошибка (сообщите разработчикам): {error}",
    "cli.bad_date": "неверная дата «{value}»: ожидается ГГГГ-ММ-ДД или ДД.ММ.ГГГГ",
    "cli.bad_value": "неверное значение: {error}",
    "cli.file_not_found": "файл или папка не найдены: {path}",
    "cli.file_error": "не удалось прочитать или записать файл: {error}",
    "cli.seed.country_needs_out": (
        "Размер country (~40 000 школ) предназначен для нагрузочных замеров: укажите --out "
        "ПАПКА, чтобы записать файлы, или явно --db ФАЙЛ, чтобы загрузить их в хранилище."
    ),
    "cli.seed.files_written": "Записано файлов: {n} в {out}",
    "cli.app.loading_demo": "Хранилище пусто: загружаю демо-регион ({size})…",
    "cli.export.done": "Экспорт записан: {out}",
    "cli.template.done": "Шаблоны записаны ({n} файлов) в {out}",
    "cli.identify.done": "Школ: {n}; таблица записана в {out}",
    "cli.pair.done": "Предложено пар: {paired}; без пары: {unpaired}; план записан в {out}",
    "cli.pair.candidates": "Рассмотрено вариантов: {n}; записано в {out}",
    "cli.coverage.done": "Муниципалитетов: {n}; таблица охвата записана в {out}",
    "cli.import.nothing": "Импортировать нечего: файлы пусты",
    "cli.import.summary": "Добавлено: {added}; изменено: {changed}; без изменений: {unchanged}",
    "cli.import.line": "  {kind}: +{added} добавлено, {changed} изменено, {unchanged} прежние",
}
