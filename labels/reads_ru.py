"""Words of the pushed-down reads (issue 12: the app at country scale), Russian."""

MESSAGES: dict[str, str] = {
    "queries.title.event_years": "События по годам",
}
