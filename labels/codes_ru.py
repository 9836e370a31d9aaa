"""Messages of codes returned below the services (issue 9), Russian."""

MESSAGES: dict[str, str] = {
    "analysis.reason.year_share": "{year} г. — {percent}",
    "cli.description": "schoolnet: ШНОР/ШНСУ, school pairs, exchange of practice and coverage.",
    "loaders.help.bool_note": "да/нет",
    "services.demo.unknown_size": "неизвестный размер демо-данных: {size} (допустимо: {sizes})",
    "model.percent_range": "процент должен быть от 0 до 100",
    "model.blank_id": "идентификатор не может быть пустым",
    "model.unknown_edge_type": "неизвестный тип связи: {type}",
    "model.edge_ends": "связь {type} не может идти от {src} к {dst}",
}
