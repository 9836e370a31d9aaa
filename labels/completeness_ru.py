"""Russian messages of data completeness (what is loaded, what is missing, what it switches off),
of the app's error boundary and of partial-data explanations on pages."""

MESSAGES: dict[str, str] = {
    # what is missing: what it switches off — what to load
    "queries.title.result_years": "Результаты по годам",
    "queries.title.result_assessments": "Оценочные процедуры",
    "completeness.sentence": "{gap}: {off} — {load}",
    "completeness.gap.no_schools": "Нет ни одной школы",
    "completeness.off.no_schools": "ничего не считается",
    "completeness.load.no_schools": "загрузите лист «Школы» (и «Результаты»)",
    "completeness.gap.no_results": "Нет результатов оценочных процедур",
    "completeness.off.no_results": (
        "статусы школ (ШНОР, сильные, резильентные), слабые и сильные предметы и динамика не "
        "определяются; пары подбираются только по официальным спискам"
    ),
    "completeness.load.no_results": "загрузите лист «Результаты»",
    "completeness.gap.few_years": "Результаты только за {n} г.",
    "completeness.off.few_years": (
        "статус школы определяется не меньше чем по {need} годам, поэтому у всех школ "
        "«недостаточно данных», а пары подбираются только по официальным спискам"
    ),
    "completeness.load.few_years": "загрузите в лист «Результаты» результаты прошлых лет",
    "completeness.gap.no_social": "Нет социальных показателей школ",
    "completeness.off.no_social": (
        "школы не делятся на кластеры схожих условий, поэтому не определяются ни ШНСУ, ни "
        "статусы ШНОР и сильных школ, и пары не подбираются"
    ),
    "completeness.load.no_social": (
        "заполните в листе «Школы» хотя бы один показатель (например, «Доля малоимущих "
        "семей, %») или «Индекс социального благополучия»"
    ),
    "completeness.gap.partial_social": "У {n} из {total} школ нет социальных показателей",
    "completeness.off.partial_social": (
        "эти школы не попадают в кластеры, не получают статуса и не участвуют в подборе пар"
    ),
    "completeness.load.partial_social": (
        "заполните для них социальные показатели или индекс в листе «Школы»"
    ),
    "completeness.gap.no_coordinates": "Нет координат школ",
    "completeness.off.no_coordinates": (
        "карта покрытия пуста, а расстояние в парах не учитывается (пары отмечаются как "
        "«расстояние неизвестно»)"
    ),
    "completeness.load.no_coordinates": "заполните «Широта» и «Долгота» в листе «Школы»",
    "completeness.gap.partial_coordinates": "У {n} из {total} школ нет координат",
    "completeness.off.partial_coordinates": (
        "эти школы не видны на карте, расстояние до них при подборе пар неизвестно"
    ),
    "completeness.load.partial_coordinates": (
        "заполните для них «Широта» и «Долгота» в листе «Школы»"
    ),
    "completeness.gap.no_teachers": "Нет педагогов",
    "completeness.off.no_teachers": (
        "не считаются доли педагогов ШНОР в объединениях и на мероприятиях, вовлечённость "
        "педагогов в пары и сеть куратора"
    ),
    "completeness.load.no_teachers": "загрузите лист «Педагоги»",
    "completeness.gap.no_curators": "Нет кураторов",
    "completeness.off.no_curators": (
        "страница «Мои школы» пуста, доля ШНОР с куратором не считается"
    ),
    "completeness.load.no_curators": "загрузите лист «Кураторы»",
    "completeness.gap.no_associations": "Нет методических объединений или членства в них",
    "completeness.off.no_associations": "доля педагогов ШНОР в объединениях не считается",
    "completeness.load.no_associations": "загрузите листы «Объединения» и «Членство»",
    "completeness.gap.no_events": "Нет мероприятий",
    "completeness.off.no_events": (
        "работа пар не оценивается (все пары — «не начата»), охват мероприятиями не считается"
    ),
    "completeness.load.no_events": "загрузите лист «Мероприятия»",
    "completeness.gap.no_participation": "Нет участия педагогов в мероприятиях",
    "completeness.off.no_participation": (
        "совместными считаются только мероприятия, привязанные к паре; доля педагогов на "
        "мероприятиях не считается"
    ),
    "completeness.load.no_participation": "загрузите лист «Участие в мероприятиях»",
    "completeness.gap.no_partnerships": "Нет сетевых пар",
    "completeness.off.no_partnerships": (
        "оценивать работу пар не по чему, доля ШНОР в работающей паре — 0 "
        "(пары можно подобрать и принять на странице «Подбор пар»)"
    ),
    "completeness.load.no_partnerships": "загрузите лист «Пары» или примите пары в «Подборе пар»",
    # the completeness block («Обзор», `schoolnet status`)
    "completeness.title": "Полнота данных",
    "completeness.banner": (
        "Загружены не все данные — часть показателей не считается. Подробности — в разделе "
        "«Полнота данных» внизу страницы."
    ),
    "completeness.all_loaded": "Загружены все листы; пропусков, отключающих расчёты, нет.",
    "completeness.col.sheet": "Лист",
    "completeness.col.rows": "Строк",
    "completeness.col.gap": "Чего нет",
    "completeness.col.off": "Что не считается",
    "completeness.col.load": "Что загрузить",
    "completeness.col.assessment": "Оценочная процедура",
    "completeness.col.n_schools": "Школ с результатами",
    "completeness.col.n_rows": "Строк",
    "completeness.col.years": "Годы",
    "completeness.not_loaded": "не загружен",
    "completeness.schools": "Школ: {n}",
    "completeness.with_coordinates": "С координатами",
    "completeness.with_social": "С социальными показателями",
    "completeness.with_results": "С результатами за {year} г.",
    "completeness.years": "Годы результатов: {years}",
    "completeness.no_years": "Результатов нет",
    "completeness.assessments": "Оценочные процедуры: {items}",
    "completeness.assessment_item": "{name} (школ: {n_schools}, годы: {years})",
    "completeness.share": "{n} из {total} ({pct})",
    "completeness.missing": "Чего не хватает",
    # `schoolnet status`
    "cli.status.sheets": "Загруженные листы (строк):",
    "cli.status.gaps": "Чего не хватает и что из-за этого не считается:",
    "cli.status.no_gaps": "Пропусков, отключающих расчёты, нет.",
    # results without any year
    "analysis.reason.no_results_loaded": (
        "нет результатов оценочных процедур: загрузите лист «Результаты»"
    ),
    # the error boundary around every page
    "errors.page": (
        "Не удалось показать страницу: произошла внутренняя ошибка. Код инцидента: {code}. "
        "Сообщите его администратору — подробности записаны в журнал сервера."
    ),
    "errors.store": "Хранилище данных недоступно: {message}",
    "errors.demo_failure": "Проверка обработки ошибок: намеренный сбой страницы",
}
