"""Titles of the named queries and errors of calling them (Russian)."""

MESSAGES: dict[str, str] = {
    "queries.title.schools": "Школы",
    "queries.title.results": "Результаты оценочных процедур",
    "queries.title.teachers": "Педагоги",
    "queries.title.curatorships": "Кураторство",
    "queries.title.curators": "Кураторы",
    "queries.title.associations": "Методические объединения",
    "queries.title.memberships": "Членство в объединениях",
    "queries.title.events": "События",
    "queries.title.participation": "Участие в событиях",
    "queries.title.partnerships": "Сетевые пары",
    "queries.title.exclusions": "Исключённые пары",
    "queries.title.municipalities": "Муниципалитеты",
    "queries.title.boundaries": "Границы муниципалитетов",
    "queries.title.node_counts": "Объём данных",
    "queries.title.school_events": "События школы",
    "queries.error.unknown": "неизвестный запрос: {name}",
    "queries.error.unknown_params": "запрос {name}: неизвестные параметры {params}",
}
