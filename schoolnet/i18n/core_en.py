"""English messages shared by every area."""

MESSAGES: dict[str, str] = {
    "lang.name": "English",
    "common.yes": "yes",
    "common.no": "no",
}
