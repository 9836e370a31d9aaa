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
    "loaders.export.too_long": (
        "значение «{value}…» (лист {sheet}) длиной {n} символов не помещается в ячейку Excel "
        "(не больше 32 767 символов); выгрузите данные в JSON или CSV"
    ),
    "loaders.export.bad_char": (
        "значение {value} (лист {sheet}) содержит управляющий символ, который нельзя "
        "записать в Excel; выгрузите данные в JSON или CSV"
    ),
    # template help («Справка»)
    "loaders.help.sheet": "Лист",
    "loaders.help.sheet_ru": "Лист по-русски",
    "loaders.help.column": "Столбец",
    "loaders.help.aliases": "Можно назвать по-русски",
    "loaders.help.type": "Тип",
    "loaders.help.required": "Обязательный",
    "loaders.help.allowed": "Допустимые значения",
    "loaders.help.description": "Что указать",
    "loaders.help.note_lists": "Несколько значений в одной ячейке разделяйте точкой с запятой «;».",
    "loaders.help.note_dates": (
        "Даты — ДД.ММ.ГГГГ или ГГГГ-ММ-ДД; числа можно писать с запятой (12,5); "
        "проценты — от 0 до 100."
    ),
    "loaders.help.note_all": (
        "Импорт «всё или ничего»: если хотя бы в одной строке ошибка, ничего не записывается, "
        "а все ошибки перечисляются с файлом, строкой и столбцом. Повторная загрузка тех же "
        "файлов ничего не меняет."
    ),
    "loaders.type.str": "текст",
    "loaders.type.int": "целое число",
    "loaders.type.float": "число",
    "loaders.type.percent": "процент (0–100)",
    "loaders.type.bool": "да/нет",
    "loaders.type.date": "дата",
    "loaders.type.list": "список через «;»",
    "loaders.type.enum": "значение из списка",
    # column descriptions
    "loaders.col.schools.school_id": "Код образовательной организации, уникальный в регионе",
    "loaders.col.schools.name": "Наименование школы",
    "loaders.col.schools.municipality": "Муниципальный район или городской округ",
    "loaders.col.schools.region": "Субъект РФ",
    "loaders.col.schools.settlement_type": "Тип населённого пункта",
    "loaders.col.schools.level": "Уровень образования (тип школы)",
    "loaders.col.schools.lat": "Широта в градусах, например 51,83",
    "loaders.col.schools.lon": "Долгота в градусах, например 107,58",
    "loaders.col.schools.students": "Число обучающихся",
    "loaders.col.schools.teachers": "Число педагогов",
    "loaders.col.schools.share_low_income": "Доля обучающихся из малоимущих семей, %",
    "loaders.col.schools.share_parents_higher_ed": "Доля родителей с высшим образованием, %",
    "loaders.col.schools.share_special_needs": "Доля обучающихся с ОВЗ, %",
    "loaders.col.schools.share_non_native": (
        "Доля обучающихся, для которых русский язык неродной, %"
    ),
    "loaders.col.schools.share_single_parent": "Доля обучающихся из неполных семей, %",
    "loaders.col.schools.social_index": (
        "Индекс социального благополучия, если он уже рассчитан (иначе рассчитается по долям)"
    ),
    "loaders.col.schools.official_low_results": "Школа в региональном списке ШНОР",
    "loaders.col.schools.official_unfavourable": "Школа в региональном списке ШНСУ",
    "loaders.col.schools.official_tutor": "Школа в списке опорных школ / школ-тьюторов",
    "loaders.col.schools.tutor_capacity": (
        "Сколько школ может сопровождать школа-тьютор (по умолчанию 2)"
    ),
    "loaders.col.results.school_id": "Код школы из листа schools",
    "loaders.col.results.year": "Год проведения, например 2024",
    "loaders.col.results.assessment": "Оценочная процедура: ВПР, ОГЭ, ЕГЭ или другая",
    "loaders.col.results.subject": "Учебный предмет",
    "loaders.col.results.grade": "Класс (1–11)",
    "loaders.col.results.metric": "Какой показатель указан в «Значении»",
    "loaders.col.results.value": "Значение показателя; доли — в процентах (0–100)",
    "loaders.col.results.participants": "Число участников",
    "loaders.col.teachers.teacher_id": "Код педагога, уникальный в регионе",
    "loaders.col.teachers.full_name": "Фамилия, имя, отчество",
    "loaders.col.teachers.school_id": "Код школы, где работает педагог",
    "loaders.col.teachers.subjects": "Преподаваемые предметы",
    "loaders.col.teachers.category": "Квалификационная категория",
    "loaders.col.teachers.experience_years": "Педагогический стаж, лет",
    "loaders.col.teachers.deficits": "Профессиональные дефициты",
    "loaders.col.curators.curator_id": "Код куратора",
    "loaders.col.curators.full_name": "Фамилия, имя, отчество",
    "loaders.col.curators.organisation": "Организация (РУО, ИМЦ, школа-тьютор)",
    "loaders.col.curators.schools": "Коды курируемых школ",
    "loaders.col.curators.since": "С какой даты куратор сопровождает эти школы",
    "loaders.col.associations.association_id": "Код объединения",
    "loaders.col.associations.name": "Название объединения",
    "loaders.col.associations.kind": "Вид: РМО, ГПО, сетевое сообщество, клуб молодых педагогов…",
    "loaders.col.associations.subject": "Предмет (для предметных объединений)",
    "loaders.col.associations.municipality": "Муниципалитет",
    "loaders.col.memberships.teacher_id": "Код педагога",
    "loaders.col.memberships.association_id": "Код объединения, в которое он входит",
    "loaders.col.events.event_id": "Код мероприятия",
    "loaders.col.events.title": "Название или тема",
    "loaders.col.events.kind": "Вид мероприятия",
    "loaders.col.events.date": "Дата проведения",
    "loaders.col.events.subject": "Предмет",
    "loaders.col.events.format": "Очно или онлайн",
    "loaders.col.events.organizer_id": "Код школы или объединения, которые провели мероприятие",
    "loaders.col.events.municipality": "Муниципалитет",
    "loaders.col.events.partnership_id": "Код сетевой пары, если мероприятие проведено для неё",
    "loaders.col.participation.event_id": "Код мероприятия",
    "loaders.col.participation.teacher_id": "Код педагога",
    "loaders.col.participation.role": "Роль педагога (по умолчанию — участник)",
    "loaders.col.partnerships.partnership_id": (
        "Код пары; если пусто — P-<код тьютора>-<код наставляемой>"
    ),
    "loaders.col.partnerships.tutor_school_id": "Код школы-тьютора",
    "loaders.col.partnerships.mentee_school_id": "Код наставляемой школы",
    "loaders.col.partnerships.status": "Статус пары (по умолчанию — предложена)",
    "loaders.col.partnerships.start_date": "Дата начала сотрудничества",
    "loaders.col.partnerships.end_date": "Дата окончания",
    "loaders.col.partnerships.focus_subjects": "Предметы, по которым работает пара",
    "loaders.col.mentoring.mentor_id": "Код педагога-наставника",
    "loaders.col.mentoring.mentee_id": "Код наставляемого педагога",
    "loaders.col.mentoring.since": "Дата начала наставничества",
    "loaders.col.excluded_pairs.tutor_school_id": "Код школы-тьютора",
    "loaders.col.excluded_pairs.mentee_school_id": "Код школы, которой эта пара не подходит",
    "loaders.col.excluded_pairs.reason": "Почему пара отклонена",
    "loaders.col.excluded_pairs.date": "Когда пара отклонена",
}
