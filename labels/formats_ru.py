"""How numbers, years and lists are written (labels.formats), Russian."""

MESSAGES: dict[str, str] = {
    "formats.decimal_separator": ",",
    "formats.year": "{year} г.",
    "formats.years": "{years} гг.",
    "formats.and": "{head} и {last}",
    "formats.unknown": "—",
}
