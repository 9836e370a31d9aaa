"""English messages of the fourth session's clean-up: read-only store files, number formats."""

MESSAGES: dict[str, str] = {
    "store.read_only": (
        "the database file «{name}» is read-only, and opening it writes bookkeeping data. "
        "Allow writing to this file and its folder, or open a copy of it"
    ),
    "store.not_a_database": (
        "the file «{name}» is not a schoolnet database (or it is damaged). Give a schoolnet "
        "database file or the path of a new one"
    ),
    # labels.formats: a percent (the number is written by fmt_number) and thousands apart
    "formats.percent": "{value}%",
    "formats.thousands_separator": ",",
    # services.import_scope: a feature of a boundary file that lies in another municipality
    "leftovers4.scope.feature": "{file}, feature «{feature}»",
}
