"""Messages of the import's codes (issue 9 item 1, issue 12 item 3), English."""

MESSAGES: dict[str, str] = {
    "loaders.issue": "{issue}",
}
