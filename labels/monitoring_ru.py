"""Russian messages of programme monitoring: sheets, indicators, road map, report, estimate."""

MESSAGES: dict[str, str] = {
    # --- import: the monitoring sheets ----------------------------------------------------
    "loaders.ref.RoadmapItem": (
        "пункт дорожной карты с кодом «{id}» не найден ни в загружаемых данных, ни в базе"
    ),
    "loaders.col.events.roadmap_item_id": (
        "Код пункта дорожной карты, который выполняет это мероприятие"
    ),
    "loaders.col.staffing.school_id": "Код школы",
    "loaders.col.staffing.year": "Учебный год (год его окончания: 2025 — это 2024/25)",
    "loaders.col.staffing.positions": "Педагогических ставок по штатному расписанию",
    "loaders.col.staffing.filled": "Из них занято (укомплектовано)",
    "loaders.col.staffing.vacancies": "Число вакансий",
    "loaders.col.staffing.vacancy_subjects": "Предметы, по которым есть вакансии",
    "loaders.col.staffing.psychologists": "Ставок педагога-психолога (занятых)",
    "loaders.col.staffing.speech_therapists": "Ставок учителя-логопеда (занятых)",
    "loaders.col.staffing.defectologists": "Ставок учителя-дефектолога (занятых)",
    "loaders.col.staffing.social_pedagogues": "Ставок социального педагога (занятых)",
    "loaders.col.targets.indicator": "Показатель программы",
    "loaders.col.targets.municipality": "Муниципалитет; пусто — целевое значение по региону",
    "loaders.col.targets.year": "Учебный год (год его окончания)",
    "loaders.col.targets.value": "Целевое значение (доли — в процентах от 0 до 100)",
    "loaders.col.roadmap.item_id": "Код (номер) пункта дорожной карты",
    "loaders.col.roadmap.activity": "Мероприятие",
    "loaders.col.roadmap.section": "Раздел дорожной карты",
    "loaders.col.roadmap.deadline": "Срок исполнения",
    "loaders.col.roadmap.periodicity": "Периодичность, если мероприятие повторяется",
    "loaders.col.roadmap.responsible": "Ответственный исполнитель",
    "loaders.col.roadmap.expected_result": "Ожидаемый результат",
    "loaders.col.roadmap.status": "Отметка о выполнении",
    "loaders.col.roadmap.municipality": "Муниципалитет; пусто — региональное мероприятие",
    # --- indicators -----------------------------------------------------------------------
    "monitoring.indicator.trained_teachers": (
        "Доля педагогов ШНОР, прошедших повышение квалификации"
    ),
    "monitoring.indicator.gia_pass_unfavourable": ("Доля обучающихся ШНСУ, успешно прошедших ГИА"),
    "monitoring.indicator.low_improved": "Доля ШНОР, улучшивших результаты за год",
    "monitoring.indicator.staffing_filled": "Укомплектованность ШНОР кадрами",
    "monitoring.indicator.specialists_present": "Доля ШНОР со всеми узкими специалистами",
    "monitoring.indicator.low_in_working_pair": "Доля ШНОР в действующей сетевой паре",
    "monitoring.indicator.municipalities_engaged": (
        "Доля муниципалитетов, вовлечённых в сетевое партнёрство"
    ),
    "monitoring.indicator.exchange_events": "Семинары и вебинары по обмену опытом",
    "monitoring.unit.percent": "%",
    "monitoring.unit.count": "шт.",
    "monitoring.missing.teachers": "загрузите лист «Педагоги» (teachers)",
    "monitoring.missing.participation": (
        "загрузите мероприятия вида «курсы» и участие в них (events, participation)"
    ),
    "monitoring.missing.gia": "нет результатов ОГЭ/ЕГЭ с числом участников у ШНСУ",
    "monitoring.missing.unfavourable": "нет ШНСУ: загрузите социальные показатели школ",
    "monitoring.missing.low": "нет ШНОР: загрузите результаты не менее чем за два года",
    "monitoring.missing.index": "нет индекса результатов ШНОР за этот и прошлый год",
    "monitoring.missing.staffing": "загрузите лист «Кадры» (staffing)",
    "monitoring.missing.partnerships": "загрузите сетевые пары (partnerships) и их мероприятия",
    "monitoring.missing.events": "загрузите мероприятия (events)",
    "monitoring.missing.year": "нет данных за {year} учебный год",
    # --- settings -------------------------------------------------------------------------
    "monitoring.setting.school_year_start_month": (
        "Месяц начала учебного года. Учебный год обозначается годом его окончания: "
        "2025 — это 2024/25 (с 1 сентября 2024 по 31 августа 2025)."
    ),
    "monitoring.setting.training_event_kinds": (
        "Какие виды мероприятий считаются повышением квалификации."
    ),
    "monitoring.setting.training_period_years": (
        "Педагог считается прошедшим повышение квалификации, если посетил такое мероприятие "
        "за столько последних лет до конца учебного года."
    ),
    "monitoring.setting.gia_assessments": "Какие оценочные процедуры считаются ГИА.",
    "monitoring.setting.gia_success_metrics": (
        "Как понимать «успешно прошёл ГИА», в порядке предпочтения: pass_rate — доля "
        "справившихся; low_share — 100 минус доля не справившихся. Для каждого экзамена "
        "берётся первый показатель, который загружен; доли взвешиваются числом участников."
    ),
    "monitoring.setting.improvement_min_delta": (
        "ШНОР улучшила результаты, если её индекс результатов вырос за год больше чем на "
        "столько (в стандартных отклонениях)."
    ),
    "monitoring.setting.required_specialists": (
        "Какие узкие специалисты должны быть в школе, чтобы она считалась обеспеченной."
    ),
    "monitoring.setting.exchange_event_kinds": (
        "Какие виды мероприятий считаются семинарами и вебинарами по обмену опытом."
    ),
    "monitoring.setting.engaged_target_share": (
        "Цель по умолчанию для доли вовлечённых муниципалитетов, %, если своя не загружена."
    ),
    "monitoring.setting.baseline_year": (
        "Базовый год показателей; пусто — первый год, за который показатель посчитан."
    ),
    "monitoring.setting.did_controls_per_school": (
        "Оценка эффекта пар: сколько похожих ШНОР без пары подбирается к каждой ШНОР с "
        "действующей парой."
    ),
    "monitoring.setting.did_caliper": (
        "Оценка эффекта пар: наибольшая разница индекса результатов в год до начала пары, "
        "при которой школы считаются похожими."
    ),
    "monitoring.setting.did_min_matched": (
        "Оценка эффекта пар: меньше стольких сопоставленных ШНОР — оценка не даётся."
    ),
    "monitoring.setting.did_bootstrap": (
        "Оценка эффекта пар: число повторов бутстрепа для доверительного интервала."
    ),
    "monitoring.setting.did_confidence": "Оценка эффекта пар: уровень доверия интервала.",
    "monitoring.setting.did_seed": "Оценка эффекта пар: начальное число генератора бутстрепа.",
}
MESSAGES.update(
    {
        "monitoring.query.staffing": "Кадры школ",
        "monitoring.query.targets": "Целевые показатели программы",
        "monitoring.query.roadmap": "Дорожная карта",
        "monitoring.query.roadmap_events": "Мероприятия по пунктам дорожной карты",
    }
)
MESSAGES.update(
    {
        "monitoring.period": "{start}/{end} учебный год, по состоянию на {as_of:%d.%m.%Y}",
        "monitoring.error.municipality": "Муниципалитет «{name}» не найден в данных",
        "monitoring.roadmap.done": "выполнено",
        "monitoring.roadmap.in_progress": "в работе",
        "monitoring.roadmap.overdue": "просрочено",
        "monitoring.roadmap.planned": "запланировано",
        "monitoring.roadmap.cancelled": "отменено",
        "monitoring.conclusion.met": "Достигнуты целевые значения: {items}.",
        "monitoring.conclusion.missed": (
            "Не достигнуто целевое значение показателя «{name}»: {value} при цели {target}."
        ),
        "monitoring.conclusion.no_target": (
            "Показателей без целевого значения: {n} (загрузите лист «Целевые показатели»)."
        ),
        "monitoring.conclusion.no_data": "Показатель «{name}» не рассчитан: {note}.",
        "monitoring.conclusion.falling": "По сравнению с прошлым учебным годом снизились: {items}.",
        "monitoring.conclusion.roadmap": (
            "Дорожная карта: выполнено {done} из {total} мероприятий, просрочено {overdue}."
        ),
        "monitoring.conclusion.idle": (
            "Сетевых пар, которые не работают (нет совместных мероприятий в последние 90 дней): "
            "{n}; им нужна помощь кураторов."
        ),
        "monitoring.conclusion.alone": "ШНОР без пары: {n}; их стоит включить в план пар.",
        "monitoring.effect.no_pairs": (
            "Эффект пар оценить нельзя: нет ШНОР в работающей паре с результатами за год до "
            "начала пары и после него."
        ),
        "monitoring.effect.too_few": (
            "Эффект пар не оценивается: похожих ШНОР без пары удалось подобрать только для "
            "{n} из {treated} ШНОР в работающих парах, а для честной оценки нужно больше."
        ),
        "monitoring.effect.positive": (
            "ШНОР в работающих парах за время работы пары улучшили индекс результатов "
            "на {estimate} больше, чем похожие ШНОР без пары ({level} доверительный "
            "интервал от {low} до {high}; сопоставлено {n} школ с {controls} "
            "похожими)."
        ),
        "monitoring.effect.negative": (
            "ШНОР в работающих парах изменили индекс результатов на {estimate} хуже, "
            "чем похожие ШНОР без пары ({level} доверительный интервал от {low} до "
            "{high}; сопоставлено {n} школ с {controls} похожими)."
        ),
        "monitoring.effect.unclear": (
            "Разница между ШНОР в работающих парах и похожими ШНОР без пары — {estimate} "
            "индекса результатов, но она не отличима от нуля ({level} доверительный интервал "
            "от {low} до {high}; сопоставлено {n} школ с {controls} похожими)."
        ),
        "monitoring.effect.placebo_ok": (
            "Проверка на годах до начала пар разницы не находит ({estimate}, от "
            "{low} до {high}): до пар школы шли вровень."
        ),
        "monitoring.effect.placebo_bad": (
            "Осторожно: уже до начала пар школы расходились ({estimate}, от {low} "
            "до {high}), поэтому разницу нельзя приписать парам."
        ),
        "monitoring.effect.caveat": (
            "Сравниваются школы одного кластера с одинаковым индексом в год до начала пары, "
            "поэтому обычный «откат» слабых школ к среднему не выдаётся за эффект. Но оценка "
            "не учитывает того, чего нет в данных (смена директора, желание школы работать в "
            "паре), и показывает связь пар с результатами, а не доказанную причину."
        ),
    }
)
MESSAGES.update(
    {
        "monitoring.met.yes": "да",
        "monitoring.met.no": "нет",
        "monitoring.col.name": "Показатель",
        "monitoring.col.year": "Учебный год",
        "monitoring.col.value": "Значение",
        "monitoring.col.fraction": "Числитель / знаменатель",
        "monitoring.col.baseline": "Базовое значение (год)",
        "monitoring.col.trend": "Динамика",
        "monitoring.col.target": "Цель",
        "monitoring.col.met": "Цель достигнута",
        "monitoring.col.note": "Примечание",
        "monitoring.col.item": "№",
        "monitoring.col.activity": "Мероприятие",
        "monitoring.col.deadline": "Срок",
        "monitoring.col.responsible": "Ответственный",
        "monitoring.col.events": "Проведено мероприятий",
        "monitoring.col.state": "Исполнение",
        "monitoring.col.tutor": "Школа-тьютор",
        "monitoring.col.mentee": "ШНОР",
        "monitoring.col.municipality": "Муниципалитет",
        "monitoring.col.activity_state": "Состояние пары",
        "monitoring.col.last_event": "Последнее совместное мероприятие",
        "monitoring.col.school_id": "Код ОО",
        "monitoring.col.school": "Школа",
        "monitoring.scope.region": "регион в целом",
        "monitoring.report.title": "Мониторинг реализации программы поддержки ШНОР",
        "monitoring.report.scope": "Территория: {scope}",
        "monitoring.report.period": "Отчётный период: {period}",
        "monitoring.report.indicators": "1. Показатели программы и их целевые значения",
        "monitoring.report.charts": "2. Динамика показателей",
        "monitoring.report.roadmap": "3. Исполнение дорожной карты",
        "monitoring.report.no_roadmap": (
            "Дорожная карта не загружена (лист «Дорожная карта», roadmap)."
        ),
        "monitoring.report.idle": "4. Сетевые пары, которые не работают",
        "monitoring.report.alone": "5. ШНОР без сетевой пары",
        "monitoring.report.none": "Нет.",
        "monitoring.report.effect": "6. Что дают сетевые пары",
        "monitoring.report.conclusions": "7. Выводы",
        "monitoring.sheet.indicators": "Показатели",
        "monitoring.sheet.roadmap": "Дорожная карта",
        "monitoring.sheet.idle_pairs": "Неработающие пары",
        "monitoring.sheet.alone": "ШНОР без пары",
        "monitoring.sheet.conclusions": "Выводы",
    }
)
MESSAGES.update(
    {
        "cli.report.format": "Отчёт пишется в .docx или .xlsx, а не в «{out}»",
        "cli.report.done": "Отчёт о мониторинге ({period}) записан в {out}",
    }
)
MESSAGES.update(
    {
        "monitoring.page.title": "Мониторинг программы",
        "monitoring.page.as_of": "По состоянию на",
        "monitoring.page.download_docx": "Скачать отчёт (Word)",
        "monitoring.page.download_xlsx": "Скачать отчёт (Excel)",
    }
)
MESSAGES.update(
    {
        "monitoring.partial_year": "учебный год не завершён: значение на дату отчёта",
    }
)
