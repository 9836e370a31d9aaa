"""Russian messages shared by every area (the language name, common words)."""

MESSAGES: dict[str, str] = {
    "lang.name": "Русский",
    "common.yes": "да",
    "common.no": "нет",
}
