"""«Пользователи»: the forms that add a user and change a user's role, through AppTest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.access import AccessRole
from labels import t
from tests.app.conftest import page


def _submit(at: Any, label_key: str) -> Any:
    """Press the form's submit button labelled ``label_key`` (each form has its own label)."""
    (button,) = [b for b in at.button if b.label == t(label_key)]
    button.click()
    return at.run()


def _schools(store: Any) -> list[tuple[str, str]]:
    """(school id, municipality) of every school, sorted."""
    return sorted((str(r["school_id"]), str(r["municipality"])) for r in store.query("schools"))


def test_both_forms_offer_the_roles_of_the_enum(
    demo_db: Path, use_db: Callable[[Path], None]
) -> None:
    use_db(demo_db)
    at = page("users").run()
    assert not at.exception
    roles = {role.value for role in AccessRole}
    for key in ("add_role", "role_role"):
        box = at.selectbox(key=key)
        assert set(box.options) == {t(f"access.role.{r}") for r in roles}
        assert len(box.options) == len(AccessRole)
        assert box.value == "coordinator"  # the default is never the widest role


def test_a_user_is_added_then_given_another_role_and_scope(
    fresh_db: Path, use_db: Callable[[Path], None], open_db: Callable[[Path], Any]
) -> None:
    use_db(fresh_db)
    store = open_db(fresh_db)
    (first, home), (second, _) = _schools(store)[:2]
    at = page("users").run()
    at.text_input(key="add_login").input("ivanova")
    at.selectbox(key="add_role").set_value("curator")
    at.text_input(key="add_schools").input(f" {first} ;; {second};")
    at = _submit(at, "access.ui.submit")
    assert not at.exception and not at.error
    assert t("access.ui.users.saved") in [s.value for s in at.success]
    user = store.access().get_user("ivanova")
    assert user is not None
    assert (user.role, user.schools, user.municipalities) == (
        AccessRole.curator, (first, second), (),
    )  # fmt: skip

    at.text_input(key="role_login").input("ivanova")
    at.selectbox(key="role_role").set_value("coordinator")
    at.multiselect(key="role_munis").set_value([home])
    at = _submit(at, "usersroles.set_role")
    assert not at.exception and not at.error
    user = store.access().get_user("ivanova")
    assert user is not None
    assert (user.role, user.municipalities, user.schools) == (AccessRole.coordinator, (home,), ())
    entry = store.access().audit_entries()[-1]
    assert (entry.action, entry.before["role"], entry.after["role"]) == (
        "user.set_role", "curator", "coordinator",
    )  # fmt: skip


def test_a_coordinator_without_a_municipality_is_refused_in_russian(
    fresh_db: Path, use_db: Callable[[Path], None], open_db: Callable[[Path], Any]
) -> None:
    use_db(fresh_db)
    at = page("users").run()
    at.text_input(key="add_login").input("petrov")
    at = _submit(at, "access.ui.submit")
    assert [e.value for e in at.error] == [t("access.coordinator_needs_municipality")]
    assert open_db(fresh_db).access().get_user("petrov") is None
