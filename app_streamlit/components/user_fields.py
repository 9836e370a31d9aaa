"""The role and scope fields shared by the forms that add a user and change a user's role."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import streamlit as st

from labels import t
from loaders.cells import split_list
from services.users import ROLES

__all__ = ["RoleScope", "role_scope_fields"]


class RoleScope(NamedTuple):
    """What the fields hold: a role, the municipalities and the school ids of its scope."""

    role: str
    municipalities: list[str]
    schools: list[str]


def role_scope_fields(form: str, municipalities: Sequence[str]) -> RoleScope:
    """The role, municipality and school-id fields inside the form named ``form``.

    School ids are typed as one «;»-separated list, as in the import files.
    """
    role = st.selectbox(
        t("access.ui.users.role"),
        ROLES,
        format_func=lambda r: t(f"access.role.{r}"),
        key=f"{form}_role",
    )
    munis = st.multiselect(
        t("access.ui.users.municipalities"), list(municipalities), key=f"{form}_munis"
    )
    schools = st.text_input(t("access.ui.users.schools"), key=f"{form}_schools")
    return RoleScope(str(role), list(munis), split_list(schools))
