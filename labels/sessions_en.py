"""English messages of the sign-in session that survives a page reload."""

MESSAGES: dict[str, str] = {
    "sessions.secret_short": (
        "SCHOOLNET_SESSION_SECRET is too short: at least {n} characters are needed "
        "(for example the output of «openssl rand -hex 32»)."
    ),
}
