"""Russian messages of the analysis engine: reasons, labels and setting descriptions."""

MESSAGES: dict[str, str] = {
    # --- statuses -------------------------------------------------------------------------
    "analysis.status.low": "ШНОР (низкие результаты)",
    "analysis.status.strong": "сильная",
    "analysis.status.resilient": "резильентная (сильная в неблагоприятных условиях)",
    "analysis.status.regular": "обычная",
    "analysis.status.insufficient_data": "недостаточно данных",
    # --- identification reasons -----------------------------------------------------------
    "analysis.reason.low": (
        "в {years} результаты ниже, чем у {share}% школ со схожими условиями "
        "(кластер {band} из {n_bands})"
    ),
    "analysis.reason.strong": (
        "в {years} результаты выше, чем у {share}% школ со схожими условиями "
        "(кластер {band} из {n_bands}), и ни разу не попадали в нижние {floor}%"
    ),
    "analysis.reason.resilient": (
        "в {years} результаты выше, чем у {share}% школ со схожими условиями, "
        "хотя условия неблагоприятные (кластер {band} из {n_bands}), и ни разу не попадали "
        "в нижние {floor}%"
    ),
    "analysis.reason.regular": (
        "результаты на обычном уровне для школ со схожими условиями (кластер {band} из "
        "{n_bands}); доля школ кластера с более низкими результатами: {year_shares}"
    ),
    "analysis.reason.no_index": (
        "нет данных о социальных условиях школы (ни индекса, ни показателей), поэтому её не с "
        "кем сравнить"
    ),
    "analysis.reason.no_results": "нет результатов оценочных процедур за {window}",
    "analysis.reason.few_years": (
        "недостаточно данных: результаты сопоставлены только за {ranked} из {n_window} последних "
        "лет (нужно не менее {need})"
    ),
    "analysis.reason.small_band": (
        "; в {years} в кластере {band} из {n_bands} было меньше {min_size} школ "
        "с результатами — сравнение не проводилось"
    ),
    "analysis.reason.unfavourable": "ШНСУ: {why}",
    "analysis.reason.unfavourable_band": (
        "наименее благополучные социальные условия (кластер {band} из {n_bands})"
    ),
    "analysis.reason.official_unfavourable": "в официальном списке ШНСУ",
    "analysis.reason.official_low": "в официальном списке ШНОР",
    "analysis.reason.official_tutor": "в официальном списке школ-тьюторов (опорных школ)",
    # --- settings -------------------------------------------------------------------------
    "analysis.setting.window_years": (
        "Сколько последних лет с результатами учитывается при определении статуса школы."
    ),
    "analysis.setting.min_ranked_years": (
        "Сколько лет из этого окна школа должна быть сопоставлена с другими, чтобы получить "
        "статус (иначе — «недостаточно данных»); столько же «низких» лет делают школу ШНОР, "
        "а «высоких» — сильной."
    ),
    "analysis.setting.low_percentile": (
        "Год считается низким, если результаты школы ниже, чем у (1 − значение) школ её "
        "кластера: 0,10 — ниже, чем у 90%. Тот же порог выделяет слабые предметы."
    ),
    "analysis.setting.strong_percentile": (
        "Год считается высоким, если результаты школы выше, чем у этой доли школ её кластера "
        "(0,75 — выше, чем у 75%). Тот же порог выделяет сильные предметы."
    ),
    "analysis.setting.never_below_percentile": (
        "Сильная школа ни в одном году окна не опускается в эту нижнюю долю своего кластера."
    ),
    "analysis.setting.min_band_year_size": (
        "Если в кластере за год меньше стольких школ с результатами, их не сравнивают."
    ),
    "analysis.setting.max_bands": (
        "Наибольшее число кластеров — групп школ со схожими социальными условиями."
    ),
    "analysis.setting.schools_per_band": (
        "Кластеров не больше, чем школ с индексом, делённых на это число (35 школ — 3 "
        "кластера), но хотя бы один."
    ),
    "analysis.setting.resilient_bands": (
        "Кластеры, в которых сильная школа называется резильентной."
    ),
    "analysis.setting.unfavourable_bands": (
        "Кластеры, школы которых отмечаются как ШНСУ; кластер 1 — наименее благополучный."
    ),
    "analysis.setting.unfavourable_min_bands": (
        "Отмечать ШНСУ по кластеру, только если кластеров не меньше стольких (при одном "
        "кластере иначе ШНСУ окажутся все школы); официальный список учитывается всегда."
    ),
    "analysis.setting.default_tutor_capacity": (
        "Сколько школ-партнёров берёт школа-тьютор, если её вместимость не указана."
    ),
    "analysis.setting.capacity_override": (
        "Если задано — одинаковая вместимость всех школ-тьюторов вместо указанной в данных."
    ),
    "analysis.setting.max_km": (
        "Наибольшее расстояние между школами пары по прямой, км. Школы без координат "
        "допускаются, но помечаются."
    ),
    "analysis.setting.max_band_gap": (
        "На сколько кластеров могут различаться школы пары (0 — только из одного кластера)."
    ),
    "analysis.setting.weight_social_gap": (
        "Вес разницы в социальных условиях (индексах) в «стоимости» пары: чем больше, тем "
        "важнее схожесть условий."
    ),
    "analysis.setting.weight_distance": (
        "Вес расстояния в стоимости пары, за каждые 100 км (школы без координат — как за "
        "наибольшее расстояние)."
    ),
    "analysis.setting.weight_subject_misfit": (
        "Вес доли слабых предметов подшефной школы, которые не входят в сильные предметы "
        "школы-тьютора."
    ),
    "analysis.setting.weight_level_mismatch": (
        "Добавка к стоимости, если школа-тьютор не охватывает уровень подшефной (средняя "
        "школа охватывает начальную, основную и среднюю)."
    ),
    "analysis.setting.candidates_per_mentee": (
        "Если задано — для каждой подшефной школы рассматриваются только столько самых "
        "подходящих кандидатов (быстрее, но план точен лишь среди них). Пусто — все школы в "
        "радиусе, план точный."
    ),
    "analysis.setting.cross_municipality": ("Разрешены ли пары школ из разных муниципалитетов."),
    "analysis.setting.municipalities": (
        "Для каких муниципалитетов подбирать пары (пусто — для всего региона)."
    ),
    "analysis.setting.include_official_low": (
        "Подбирать пары и школам из официального списка ШНОР, даже если расчёт их не выделил."
    ),
    "analysis.setting.include_official_tutors": (
        "Считать школы из официального списка школ-тьюторов тьюторами, даже если расчёт не "
        "признал их сильными."
    ),
    "analysis.setting.occupying_statuses": (
        "Статусы существующих пар, которые занимают подшефную школу и место у школы-тьютора."
    ),
    "analysis.setting.cost_scale": (
        "Техническое: точность расчёта стоимости пар (стоимость округляется до 1/значения)."
    ),
    "analysis.setting.activity_window_days": (
        "Пара действует, если последнее совместное мероприятие было не раньше стольких дней "
        "назад; иначе пара «затихла»."
    ),
    "analysis.setting.coverage_window_days": (
        "За сколько последних дней учитывается участие учителей в мероприятиях (охват)."
    ),
}

MESSAGES.update(
    {
        # --- levels ---------------------------------------------------------------------------
        "analysis.level.primary": "начальная",
        "analysis.level.basic": "основная",
        "analysis.level.secondary": "средняя",
        "analysis.level.evening": "вечерняя",
        "analysis.level.other": "другая",
        # --- why a pair is infeasible ---------------------------------------------------------
        "analysis.infeasible.same": "это одна и та же школа",
        "analysis.infeasible.excluded": "пара отклонена координатором",
        "analysis.infeasible.no_band": (
            "у одной из школ нет данных о социальных условиях, кластер неизвестен"
        ),
        "analysis.infeasible.band": "кластеры {bm} и {bt} различаются больше чем на {gap}",
        "analysis.infeasible.distance": "{km} км — дальше допустимых {max_km} км",
        "analysis.infeasible.municipality": (
            "школы из разных муниципалитетов, а межмуниципальные пары выключены"
        ),
        "analysis.infeasible.full": (
            "у школы-тьютора нет свободных мест (занято {used} из {capacity})"
        ),
        "analysis.infeasible.not_tutor": (
            "школа не сильная и не в списке школ-тьюторов (статус: {status})"
        ),
        "analysis.infeasible.not_mentee": "школа не ШНОР и не в официальном списке ШНОР",
        "analysis.infeasible.taken": "у подшефной школы уже есть действующая пара",
        "analysis.infeasible.unknown_school": "школа с таким кодом не найдена",
        "analysis.infeasible.over_capacity": (
            "школе-тьютору назначено больше подшефных, чем у неё свободных мест ({spare})"
        ),
        "analysis.infeasible.twice": "подшефная школа назначена больше одного раза",
        # --- why a pair is suggested ----------------------------------------------------------
        "analysis.pair.social": (
            "схожие социальные условия: индексы {im} и {it} (кластеры {bm} и {bt})"
        ),
        "analysis.pair.distance": "{km} км",
        "analysis.pair.coords_unknown": "координаты неизвестны — расстояние не проверено",
        "analysis.pair.subjects": (
            "слабые предметы подшефной — сильные у тьютора: {subjects} ({n} из {total})"
        ),
        "analysis.pair.no_subjects": (
            "слабые предметы подшефной ({subjects}) у тьютора не выделяются как сильные"
        ),
        "analysis.pair.no_weak": "отдельных слабых предметов у подшефной не выявлено",
        "analysis.pair.level": "уровни школ различаются: подшефная {lm}, тьютор {lt}",
        "analysis.pair.tutor_strong": "школа-тьютор — сильная по результатам",
        "analysis.pair.tutor_resilient": (
            "школа-тьютор — резильентная: сильные результаты в неблагоприятных условиях"
        ),
        "analysis.pair.tutor_official": "школа-тьютор — из официального списка школ-тьюторов",
        # --- why a mentee is unpaired, what would pair it -------------------------------------
        "analysis.unpaired.no_index": (
            "нет данных о социальных условиях школы — нельзя подобрать школу в схожих условиях"
        ),
        "analysis.unpaired.all_taken": (
            "все подходящие школы-тьюторы в радиусе {km} км ({n}) заняты другими парами плана"
        ),
        "analysis.unpaired.full": (
            "подходящие школы-тьюторы в радиусе ({n}) заняты существующими парами"
        ),
        "analysis.unpaired.excluded": (
            "подходящие школы-тьюторы в радиусе ({n}) отклонены координатором"
        ),
        "analysis.unpaired.municipality": (
            "в своём муниципалитете подходящей школы-тьютора нет, а межмуниципальные пары выключены"
        ),
        "analysis.unpaired.none_near": ("в радиусе {km} км нет школ-тьюторов из кластеров {bands}"),
        "analysis.hint.capacity": (
            "увеличить вместимость школы «{name}» ({km} км) с {capacity} до {more}"
        ),
        "analysis.hint.wider": (
            "ближайшая подходящая школа-тьютор — «{name}» в {km} км: пара возможна при "
            "радиусе {radius} км"
        ),
        "analysis.hint.online": (
            "онлайн-пара со школой «{name}» ({km} км, разница индексов {gap})"
        ),
        "analysis.hint.next_band": (
            "при допуске кластеров, различающихся на {gap}: «{name}» (кластер {band}, {km} км)"
        ),
        "analysis.hint.none": "свободных школ-тьюторов в подходящих кластерах нет",
    }
)

MESSAGES.update(
    {
        "analysis.activity.label.active": "действует",
        "analysis.activity.label.dormant": "затихла",
        "analysis.activity.label.not_started": "не началась",
        "analysis.activity.active": (
            "последнее совместное мероприятие {date} ({days} дн. назад, не дольше {window_days})"
        ),
        "analysis.activity.dormant": (
            "последнее совместное мероприятие {date} — {days} дн. назад, дольше {window_days} дн."
        ),
        "analysis.activity.not_started": "совместных мероприятий с начала пары не было",
    }
)


MESSAGES.update(
    {
        "analysis.list.more": "{items} и ещё {n}",
        "analysis.hint.fill_index": (
            "заполнить показатели социальных условий школы (доли малоимущих семей, родителей "
            "с высшим образованием и др.) или её индекс"
        ),
    }
)
