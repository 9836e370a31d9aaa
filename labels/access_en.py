"""English messages of sign-in, roles, scopes, users and the audit log."""

MESSAGES: dict[str, str] = {
    "access.role.regional": "regional coordinator",
    "access.role.coordinator": "municipal coordinator",
    "access.role.curator": "curator",
    "access.role.observer": "observer",
    "access.right.view_aggregates": "viewing aggregate figures",
    "access.right.view_schools": "viewing school details",
    "access.right.view_personal": "viewing personal data",
    "access.right.plan": "planning and approving pairs",
    "access.right.record_events": "recording events",
    "access.right.import_data": "loading data",
    "access.right.export_all": "exporting all data",
    "access.right.manage_users": "managing users",
    "access.right.view_audit": "viewing the change log",
    "access.right.settings": "changing settings",
    "access.denied.right": "Not allowed: «{right}» is not available to the role «{role}».",
    "access.denied.scope": (
        "Not allowed: schools outside your area ({n}): {schools}. Nothing was changed."
    ),
    "access.denied.import_scope": (
        "The import was refused as a whole: rows belong to municipalities outside your area. "
        "{rows}"
    ),
    "access.denied.import_row": "«{sheet}», {id}: {municipality}",
    "access.bad_login": (
        "invalid user name «{value}»: Latin letters, digits and . _ @ + -, at most 128 characters"
    ),
    "access.bad_role": (
        "unknown role «{value}»: choose regional, coordinator, curator or observer"
    ),
    "access.coordinator_needs_municipality": (
        "A municipal coordinator needs at least one municipality (--municipality)."
    ),
    "access.curator_needs_school": "A curator needs at least one school (--school, school id).",
    "access.unknown_municipality": "Municipalities not found in the loaded data: {names}",
    "access.unknown_school": "No schools with these ids in the loaded data: {ids}",
    "access.user_exists": "The user «{login}» already exists; set-role changes the role.",
    "access.no_such_user": "No user «{login}».",
    "access.cannot_disable_self": "You cannot disable your own account.",
    "access.password_short": "The password is too short: at least {n} characters.",
    "audit.verify.ok": "The change log is intact: {n} entries, the hash chain holds.",
    "audit.edited": "The change log is damaged: entry #{seq} was altered after it was written.",
    "audit.removed": "The change log is damaged: entry #{seq} was removed.",
    "audit.removed_last": "The change log is damaged: the last entry #{seq} was removed.",
    "audit.head_missing": (
        "The change log is damaged: the record of its last entry is missing (the last one "
        "found is #{seq})."
    ),
    "cli.users.added": "User added: {login} ({role})",
    "cli.users.changed": "Role changed: {login} ({role})",
    "cli.users.disabled": "User disabled: {login}",
    "cli.users.enabled": "User enabled again: {login}",
    "cli.users.password_set": "Password set: {login}",
    "cli.users.need_login": "Give the user name (LOGIN).",
    "cli.audit.need_out": "Give the file: --out FILE (CSV or XLSX).",
    "cli.users.none": "No users yet.",
    "cli.users.passwords_differ": "The passwords differ.",
    "cli.audit.written": "Change log entries: {n}; written to {out}",
    "access.signin.failed": "Wrong user name or password.",
    "access.signin.locked": (
        "Too many failed attempts: signing in is locked until {until}. A regional coordinator "
        "can reset the password."
    ),
    "access.signin.disabled": "The account is disabled. Contact the regional coordinator.",
    "access.signin.unknown": (
        "The user {who} is not registered. Ask the regional coordinator to add you (schoolnet "
        "users add)."
    ),
    "access.settings.bad_number": (
        "The setting {name} must be a positive whole number, not «{value}»."
    ),
    "access.settings.bad_mode": "SCHOOLNET_SIGNIN must be off, accounts or oidc, not «{value}».",
    "access.settings.oidc_missing": (
        "OpenID Connect sign-in is not configured: {path} has no [auth] section with the keys "
        "{keys}."
    ),
    "access.settings.local_only": (
        "Sign-in is not configured: the app is reachable from this computer only (127.0.0.1). "
        "To open it to others, configure sign-in (SCHOOLNET_SIGNIN, see the README)."
    ),
    "access.settings.refuse_address": (
        "Without sign-in the app listens on 127.0.0.1 only, not «{address}». Configure sign-in "
        "(SCHOOLNET_SIGNIN=accounts or oidc, see the README)."
    ),
    "access.settings.no_users": (
        "Sign-in is on but there are no users: add a regional coordinator with schoolnet users "
        "add LOGIN --role regional --password."
    ),
    "access.ui.title": "Sign in to schoolnet",
    "access.ui.login": "User name",
    "access.ui.password": "Password",
    "access.ui.submit": "Sign in",
    "access.ui.oidc": "Sign in with your organisation account",
    "access.ui.logout": "Sign out",
    "access.ui.signed_in": "Signed in as {name} ({role})",
    "access.ui.expired": "The session ended after {n} min of inactivity: sign in again.",
    "access.ui.group.admin": "Administration",
    "access.ui.group.observer": "Aggregates",
    "access.ui.page.users": "Users",
    "access.ui.page.audit": "Change log",
    "access.ui.users.add": "Add a user",
    "access.ui.users.role": "Role",
    "access.ui.users.name": "Full name",
    "access.ui.users.municipalities": "Municipalities (for a coordinator)",
    "access.ui.users.schools": "School ids (for a curator), separated by ;",
    "access.ui.users.password": (
        "Password (built-in account; empty: sign-in through the organisation)"
    ),
    "access.ui.users.saved": "Saved.",
    "access.ui.users.disable": "Disable a user",
    "access.ui.audit.since": "Since",
    "access.ui.audit.who": "Who (user name)",
    "access.ui.audit.action": "Action",
    "access.ui.audit.verify": "Check the log's integrity",
    "access.ui.audit.download": "Download the log (XLSX)",
}
