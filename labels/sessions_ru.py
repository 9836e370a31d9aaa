"""Russian messages of the sign-in session that survives a page reload."""

MESSAGES: dict[str, str] = {
    "sessions.secret_short": (
        "SCHOOLNET_SESSION_SECRET слишком короткий: нужно не меньше {n} символов "
        "(например, вывод команды «openssl rand -hex 32»)."
    ),
}
