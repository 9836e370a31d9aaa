"""Russian words of changing a user's role on the users page."""

MESSAGES: dict[str, str] = {
    "usersroles.set_role": "Изменить роль и зону",
}
