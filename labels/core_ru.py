"""Russian messages shared by every area (the language name, common words)."""

MESSAGES: dict[str, str] = {
    "lang.name": "Русский",
    "common.yes": "да",
    "common.no": "нет",
}
MESSAGES.update(
    {
        "status.low": "ШНОР (низкие результаты)",
        "status.strong": "сильная",
        "status.resilient": "резильентная (сильная в неблагоприятных условиях)",
        "status.regular": "обычная",
        "status.insufficient_data": "недостаточно данных",
        "level.primary": "начальная",
        "level.basic": "основная",
        "level.secondary": "средняя",
        "level.evening": "вечерняя",
        "level.other": "другая",
        "activity.active": "активна",
        "activity.dormant": "не работает",
        "activity.not_started": "не начата",
        "label.School": "Школа",
        "label.Teacher": "Педагог",
        "label.Curator": "Куратор",
        "label.Association": "Объединение",
        "label.Event": "Событие",
        "label.Partnership": "Сетевая пара",
        "label.Municipality": "Муниципалитет",
        "label.Region": "Регион",
        "label.Result": "Результат",
    }
)
MESSAGES.update(
    {
        "network.partnership_title": "Пара {id}",
        "network.more": "ещё {n}: {kind}",
        "label.More": "Не показано",
    }
)
