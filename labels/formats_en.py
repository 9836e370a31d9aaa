"""How numbers, years and lists are written (labels.formats), English."""

MESSAGES: dict[str, str] = {
    "formats.decimal_separator": ".",
    "formats.year": "{year}",
    "formats.years": "{years}",
    "formats.and": "{head} and {last}",
    "formats.unknown": "—",
}
