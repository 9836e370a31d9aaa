"""Words of the pushed-down reads (issue 12: the app at country scale), English."""

MESSAGES: dict[str, str] = {
    "queries.title.event_years": "Events by year",
}
