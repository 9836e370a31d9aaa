"""English words of changing a user's role on the «Users» page."""

MESSAGES: dict[str, str] = {
    "usersroles.set_role": "Change the role and area",
}
