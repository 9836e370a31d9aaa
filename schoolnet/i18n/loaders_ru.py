"""Russian messages of the loaders: import problems, reports, template help."""

MESSAGES: dict[str, str] = {
    # where a problem is
    "loaders.loc.sheet": "лист «{sheet}»",
    "loaders.loc.row": "строка {row}",
    "loaders.loc.column": "столбец «{column}»",
    "loaders.loc.other_row": "строке {row}",
    "loaders.loc.other_file_row": "файле {file}, строке {row}",
    "loaders.more_issues": "… и ещё {n}",
    # files
    "loaders.file.not_found": "файл или папка не найдены",
    "loaders.file.unreadable": "не удалось прочитать файл: {error}",
    "loaders.file.unknown_name": (
        "не понятно, какие данные в файле: назовите его по имени листа "
        "({sheets}) или по-русски ({aliases})"
    ),
    "loaders.file.unsupported": (
        "файлы такого типа не поддерживаются: загрузите CSV (UTF-8) или книгу Excel (.xlsx)"
    ),
    "loaders.file.xls": (
        "старый формат Excel (.xls) не поддерживается: откройте файл в Excel и сохраните "
        "как «Книга Excel (.xlsx)»"
    ),
    "loaders.file.empty": "файл пустой: в нём нет даже строки заголовков",
    "loaders.file.encoding": (
        "файл сохранён не в кодировке UTF-8 (вероятно, Windows-1251). Откройте его в Excel "
        "и сохраните как «CSV UTF-8 (разделитель — запятая)» или как книгу Excel (.xlsx), "
        "затем загрузите снова"
    ),
    "loaders.file.bad_csv": "не удалось разобрать CSV: {error}",
    "loaders.file.bad_xlsx": (
        "не удалось открыть книгу Excel: файл повреждён или это не .xlsx ({error})"
    ),
    "loaders.file.no_sheets": "в книге нет ни одного листа с данными для импорта",
    "loaders.sheet.unknown": (
        "лист не распознан: назовите его по имени листа ({sheets}) или по-русски "
        "({aliases}); лист «Справка» пропускается"
    ),
    "loaders.sheet.empty": "лист пустой: в нём нет даже строки заголовков",
    "loaders.row.too_many_cells": (
        "в строке больше значений ({cells}), чем столбцов в заголовке ({headers}): "
        "вероятно, значение с разделителем (запятой или точкой с запятой) не взято в кавычки"
    ),
    # headers
    "loaders.header.missing": "нет обязательного столбца «{column}» (русское название: {aliases})",
    "loaders.header.duplicate": (
        "столбец «{column}» указан дважды: заголовки «{first}» и «{second}»"
    ),
    "loaders.header.unknown": "столбец не распознан и будет пропущен",
    "loaders.header.blank": "у столбца с данными нет заголовка: столбец будет пропущен",
    # values
    "loaders.value.required": "обязательное значение не заполнено",
    "loaders.value.not_number": "ожидается число, а указано «{value}»",
    "loaders.value.not_integer": "ожидается целое число, а указано «{value}»",
    "loaders.value.percent": "процент должен быть от 0 до 100, а указано «{value}»",
    "loaders.value.date": (
        "недопустимая дата «{value}»: ожидается дата в виде ДД.ММ.ГГГГ или ГГГГ-ММ-ДД, "
        "и такой день должен существовать"
    ),
    "loaders.value.bool": "ожидается «да» или «нет» (также true/false, 1/0), а указано «{value}»",
    "loaders.value.enum": "недопустимое значение «{value}»; допустимы: {allowed}",
    "loaders.value.min": "значение должно быть не меньше {limit}, а указано «{value}»",
    "loaders.value.max": "значение должно быть не больше {limit}, а указано «{value}»",
    "loaders.value.invalid": "недопустимое значение «{value}»",
    "loaders.value.result_percent": (
        "для показателя «{metric}» значение — процент от 0 до 100, а указано «{value}»"
    ),
    "loaders.value.negative": "значение не может быть отрицательным, а указано «{value}»",
    # rows and references
    "loaders.row.duplicate_id": "повторяется код «{id}»: он уже есть в {where}",
    "loaders.row.duplicate_key": "такая строка ({key}) уже есть в {where}",
    "loaders.ref.School": "школа с кодом «{id}» не найдена ни в загружаемых данных, ни в базе",
    "loaders.ref.Teacher": "педагог с кодом «{id}» не найден ни в загружаемых данных, ни в базе",
    "loaders.ref.Event": (
        "мероприятие с кодом «{id}» не найдено ни в загружаемых данных, ни в базе"
    ),
    "loaders.ref.Association": (
        "объединение с кодом «{id}» не найдено ни в загружаемых данных, ни в базе"
    ),
    "loaders.ref.Partnership": (
        "сетевая пара с кодом «{id}» не найдена ни в загружаемых данных, ни в базе"
    ),
    "loaders.ref.organizer": (
        "организатор «{id}» не найден: укажите код школы или объединения из загружаемых "
        "данных или из базы"
    ),
    "loaders.ref.organizer_ambiguous": (
        "организатор «{id}» не однозначен: такой код есть и у школы, и у объединения"
    ),
    "loaders.row.same_school": "школа-тьютор и наставляемая школа совпадают («{id}»)",
    "loaders.row.same_teacher": "педагог не может быть наставником самому себе («{id}»)",
    "loaders.row.dates_order": "дата окончания ({end}) раньше даты начала ({start})",
    "loaders.row.region_conflict": (
        "муниципалитет «{municipality}» уже отнесён к региону «{other}» в {where}"
    ),
    # outcome
    "loaders.failed": (
        "Импорт не выполнен: найдено проблем — {n}. В базу ничего не записано. "
        "Исправьте файлы и загрузите их снова."
    ),
    "loaders.nothing": "Нечего импортировать: в файлах нет ни одной строки данных.",
    "loaders.report.head": "Импорт выполнен: прочитано строк — {rows}.",
    "loaders.report.sheet": (
        "{sheet}: строк {rows}; добавлено {added}, изменено {changed}, без изменений {unchanged}"
    ),
    "loaders.report.removed": "Удалено устаревших связей: {n}.",
    "loaders.report.noop": "Данные уже в базе: ничего не изменилось.",
    "loaders.report.warnings": "Предупреждения ({n}):",
    # export
    "loaders.export.bad_char": (
        "значение «{value}» ({label} {id}) содержит управляющий символ, который нельзя "
        "записать в Excel; выгрузите данные в JSON"
    ),
}
