"""The schoolnet app's router: pages grouped by the user's job, a role picks the menu.

Run with ``schoolnet app`` (which sets ``SCHOOLNET_BACKEND`` and ``SCHOOLNET_DB``) or
``streamlit run app_streamlit/app.py``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_streamlit import auth, state
from app_streamlit.boundary import run_page
from labels import t

# Not "pages/": Streamlit would also serve that folder as old-style pages without the router.
PAGES = Path(__file__).resolve().parent / "views"

# role → the pages of its job (file, message key of the title, icon, url)
GROUPS: dict[str, list[tuple[str, str, str, str]]] = {
    "coordinator": [
        ("overview.py", "ui.page.overview", ":material/dashboard:", "overview"),
        ("schools.py", "ui.page.schools", ":material/school:", "schools"),
        ("planner.py", "ui.page.planner", ":material/handshake:", "planner"),
        ("exchange.py", "ui.page.exchange", ":material/event:", "exchange"),
        ("import_data.py", "ui.page.import", ":material/upload_file:", "import"),
    ],
    "curator": [
        ("my_schools.py", "ui.page.my_schools", ":material/hub:", "my-schools"),
    ],
    "region": [
        ("coverage_map.py", "ui.page.coverage", ":material/map:", "coverage"),
        ("monitoring.py", "monitoring.page.title", ":material/monitoring:", "monitoring"),
    ],
}
ADMIN: list[tuple[str, str, str, str]] = [
    ("users.py", "access.ui.page.users", ":material/group:", "users"),
    ("audit_log.py", "access.ui.page.audit", ":material/history:", "audit"),
]
ROLES = ("all", *GROUPS)
# The menu of a signed-in user's role (the services refuse the rest anyway).
ROLE_GROUPS: dict[str, list[str]] = {
    "regional": [*GROUPS, "admin"],
    "coordinator": ["coordinator", "region"],
    "curator": ["curator"],
    "observer": ["observer"],
}
GROUPS["admin"] = ADMIN
# Aggregates only: the overview and the coverage map.
GROUPS["observer"] = [GROUPS["coordinator"][0], GROUPS["region"][0]]


def _group_title(group: str) -> str:
    if group in ("admin", "observer"):
        return t(f"access.ui.group.{group}")
    return t(f"ui.role.{group}")


st.set_page_config(page_title=t("ui.app.title"), page_icon="🏫", layout="wide")
# No traceback ever reaches a user (``schoolnet app`` passes the same on the command line).
st.set_option("client.showErrorDetails", "none")

actor = auth.gate()
if actor.local:
    role = st.sidebar.selectbox(
        t("ui.role.label"), ROLES, format_func=lambda r: t(f"ui.role.{r}"), key="role"
    )
    shown = [g for g in GROUPS if g not in ("admin", "observer")] if role == "all" else [role]
else:
    shown = ROLE_GROUPS[actor.role.value]
    role_name = t(f"access.role.{actor.role}")
    st.sidebar.caption(t("access.ui.signed_in", name=actor.name or actor.login, role=role_name))
    st.sidebar.button(t("access.ui.logout"), on_click=auth.sign_out)
default_url = GROUPS[shown[0]][0][3]
pages = {
    _group_title(group): [
        st.Page(PAGES / file, title=t(key), icon=icon, url_path=url, default=url == default_url)
        for file, key, icon, url in GROUPS[group]
    ]
    for group in shown
}
page = st.navigation(pages)
if actor.whole_region:  # where the data lives is no business of the other roles
    st.sidebar.caption(t("ui.app.store", store=state.store_label()))
url_of = {t(key): url for group in GROUPS.values() for _, key, _, url in group}
run_page(page, url_of.get(page.title, page.url_path or default_url))
