"""Russian messages of the fourth session's clean-up: read-only store files, number formats."""

MESSAGES: dict[str, str] = {
    "store.read_only": (
        "файл базы данных «{name}» доступен только для чтения, а при открытии в него "
        "записываются служебные данные. Разрешите запись в этот файл и его папку "
        "или откройте его копию"
    ),
    "store.not_a_database": (
        "файл «{name}» — не база данных schoolnet (или он повреждён). Укажите файл базы "
        "данных schoolnet или путь к новому файлу"
    ),
    # labels.formats: a percent (the number is written by fmt_number) and thousands apart
    "formats.percent": "{value} %",
    "formats.thousands_separator": " ",
    # services.import_scope: a feature of a boundary file that lies in another municipality
    "leftovers4.scope.feature": "{file}, объект «{feature}»",
}
