"""Who is acting, what they may do and where: the one place rights and scopes are decided.

Every public service function takes the acting user (:class:`Actor`) and is declared with
:func:`guarded` (the right it needs, read or write) or :func:`unguarded` (a helper that touches
nobody's data, with the reason). The guard refuses a missing right before the function runs;
the function itself narrows what it reads to the actor's scope (:func:`school_scope`) and checks
what it writes (:func:`require_schools`). A test walks the registry: a service declared with
neither decorator fails it.

Without sign-in configured the app and the command line act as :data:`LOCAL`, the single local
user with every right.

Examples
--------
>>> LOCAL.can(Right.manage_users), LOCAL.whole_region
(True, True)
>>> curator = Actor("petrova", AccessRole.curator, schools=frozenset({"101"}))
>>> curator.can(Right.plan), curator.can(Right.record_events)
(False, True)
>>> curator.require(Right.import_data)
Traceback (most recent call last):
...
services.access.AccessDenied: ...
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar, cast

from graph.access import AccessRole, User
from graph.store import Store
from labels import t
from services.errors import UserError

__all__ = [
    "LOCAL",
    "REGISTRY",
    "ROLE_RIGHTS",
    "AccessDenied",
    "Actor",
    "Right",
    "ServiceSpec",
    "actor_of",
    "command_line_actor",
    "command_line_actor_as",
    "guarded",
    "in_scope",
    "require_schools",
    "school_municipalities",
    "school_scope",
    "unguarded",
]

F = TypeVar("F", bound=Callable[..., Any])


class Right(StrEnum):
    view_aggregates = "view_aggregates"  # overview, coverage, the map: counts and shares
    view_schools = "view_schools"  # school-level tables, cards and the network, in scope
    view_personal = "view_personal"  # names of teachers and curators, in scope
    plan = "plan"  # the planner; accept and reject pairs
    record_events = "record_events"
    import_data = "import_data"
    export_all = "export_all"  # whole-store exports
    manage_users = "manage_users"
    view_audit = "view_audit"
    settings = "settings"


ROLE_RIGHTS: dict[AccessRole, frozenset[Right]] = {
    AccessRole.regional: frozenset(Right),
    AccessRole.coordinator: frozenset(
        {
            Right.view_aggregates,
            Right.view_schools,
            Right.view_personal,
            Right.plan,
            Right.record_events,
            Right.import_data,
        }
    ),
    AccessRole.curator: frozenset(
        {Right.view_aggregates, Right.view_schools, Right.view_personal, Right.record_events}
    ),
    AccessRole.observer: frozenset({Right.view_aggregates}),
}


class AccessDenied(UserError):
    """A request outside the actor's rights or scope; ``code`` and ``params`` render it."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(t(code, **params))


@dataclass(frozen=True)
class Actor:
    """The acting user: a login, a role and the scope of that role."""

    login: str
    role: AccessRole
    municipalities: frozenset[str] = field(default_factory=frozenset)
    schools: frozenset[str] = field(default_factory=frozenset)
    name: str = ""
    local: bool = False

    @classmethod
    def from_user(cls, user: User) -> Actor:
        return cls(
            login=user.login,
            role=user.role,
            municipalities=frozenset(user.municipalities),
            schools=frozenset(user.schools),
            name=user.name,
        )

    @property
    def whole_region(self) -> bool:
        return self.role is AccessRole.regional

    def can(self, right: Right) -> bool:
        return right in ROLE_RIGHTS[self.role]

    def require(self, right: Right) -> None:
        if not self.can(right):
            raise AccessDenied(
                "access.denied.right", right=t(f"access.right.{right}"),
                role=t(f"access.role.{self.role}"),
            )


LOCAL = Actor(login="local", role=AccessRole.regional, local=True)


def command_line_actor() -> Actor:
    """Whoever runs the command line on the server: every right, named by the system user."""
    import getpass

    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no name for the uid (a bare container)
        who = "unknown"
    return Actor(login=f"cli:{who}", role=AccessRole.regional, local=True)


# --- scope ------------------------------------------------------------------------------------
def command_line_actor_as(store: Store, login: str) -> Actor:
    """The command line acting on behalf of the user ``login``: that user's role and area,
    recorded as ``cli:<who>>login`` (who ran it, for whom)."""
    user = store.access().get_user(login)
    if user is None:
        raise AccessDenied("access.no_such_user", login=login)
    if user.disabled:
        raise AccessDenied("access.signin.disabled")
    acting = Actor.from_user(user)
    return dataclasses.replace(acting, login=f"{command_line_actor().login}>{user.login}")


def school_municipalities(store: Store) -> dict[str, str]:
    """School id → municipality of every school in the store."""
    from services.cache import memo

    def build() -> dict[str, str]:
        return {str(r["school_id"]): str(r["municipality"]) for r in store.query("schools")}

    return memo(store, ("access.school_municipalities",), build)


def school_scope(store: Store, actor: Actor) -> frozenset[str] | None:
    """The school ids the actor may see row by row; ``None`` means every school."""
    if actor.whole_region:
        return None
    if actor.role is AccessRole.coordinator:
        return frozenset(
            s for s, m in school_municipalities(store).items() if m in actor.municipalities
        )
    if actor.role is AccessRole.curator:
        return actor.schools
    return frozenset()


def in_scope(scope: frozenset[str] | None, *school_ids: Any) -> bool:
    """Whether any of ``school_ids`` is in ``scope`` (``None``: everything is)."""
    return scope is None or any(str(s) in scope for s in school_ids)


def require_schools(store: Store, actor: Actor, school_ids: Iterable[Any]) -> None:
    """Refuse a write that touches a school outside the actor's scope (naming them)."""
    scope = school_scope(store, actor)
    if scope is None:
        return
    outside = sorted({str(s) for s in school_ids} - scope)
    if outside:
        shown = ", ".join(outside[:10]) + (" …" if len(outside) > 10 else "")
        raise AccessDenied("access.denied.scope", schools=shown, n=len(outside))


# --- the registry of service functions --------------------------------------------------------
@dataclass(frozen=True)
class ServiceSpec:
    """How a public service function is guarded (``right`` None: it touches nobody's data)."""

    name: str
    right: Right | None
    writes: bool = False
    reason: str = ""


REGISTRY: dict[str, ServiceSpec] = {}


def actor_of(signature: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Actor:
    bound = signature.bind_partial(*args, **kwargs)
    actor = bound.arguments.get("actor")
    if not isinstance(actor, Actor):
        raise TypeError("a guarded service needs actor=Actor(...)")
    return actor


def guarded(right: Right, *, writes: bool = False) -> Callable[[F], F]:
    """Declare a service function: the caller's ``actor`` must hold ``right``.

    The function must take a parameter named ``actor``; it narrows its reads (or checks its
    writes) to the actor's scope itself.
    """

    def decorate(fn: F) -> F:
        signature = inspect.signature(fn)
        if "actor" not in signature.parameters:
            raise TypeError(f"{fn.__qualname__}: a guarded service takes an actor")
        name = f"{fn.__module__}.{fn.__qualname__}"

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            actor_of(signature, args, kwargs).require(right)
            return fn(*args, **kwargs)

        spec = ServiceSpec(name, right, writes)
        wrapper.__schoolnet_service__ = spec  # type: ignore[attr-defined]
        REGISTRY[name] = spec
        return cast(F, wrapper)

    return decorate


def unguarded(reason: str) -> Callable[[F], F]:
    """Declare a public service function that reads and writes nobody's data."""

    def decorate(fn: F) -> F:
        name = f"{fn.__module__}.{fn.__qualname__}"
        spec = ServiceSpec(name, None, reason=reason)
        fn.__schoolnet_service__ = spec  # type: ignore[attr-defined]
        REGISTRY[name] = spec
        return fn

    return decorate
