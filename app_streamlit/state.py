"""The app's only door to the data: the store, and every service call through one cache.

Pages never touch a store, a query or a file: they call the names defined here, each made by
one helper from exactly one service function:

- ``read(service)`` turns ``service(store, *args, **kwargs) -> R`` into a cached
  ``call(*args, **kwargs) -> R`` with the same parameters and return type (mypy checks the
  pages against the service's own signature). Answers are kept in ``st.cache_data``, keyed on
  the store's target, its ``data_version()``, the service and the arguments, so a write made
  anywhere (this app, the CLI) is never hidden.
- ``write(service)`` does the same for a service that changes data: it is never cached, and
  every cached answer is dropped after it ran (whatever happened), so the rerun after a write
  recomputes at once.
- ``uncached(service)`` binds the store only (a check that must always run afresh).

To offer a new service to the pages, add one line below, e.g.
``indicators = read(services.monitoring.indicators)``, and call ``state.indicators(...)``
from the page with the service's parameters after ``store``. Arguments make the cache key:
use plain values (str, numbers, dates, None, lists, tuples, sets and dicts of them),
pydantic models (keyed by their JSON) or dataclasses such as the acting user (by their fields).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import pandas as pd
import streamlit as st
from pydantic import BaseModel

from analysis.settings import AnalysisSettings
from graph.store import Store
from services import api, coverage, monitoring_report
from services import region_settings as _region_settings
from services.access import Actor

__all__ = [
    "DEFAULT_SETTINGS",
    "accept_pair",
    "actor",
    "completeness",
    "coverage_table",
    "coverage_xlsx",
    "curator_network",
    "curator_schools",
    "curators",
    "draft_order_download",
    "evaluate_pair",
    "event_kinds",
    "exchange_table",
    "identification_table",
    "import_uploads",
    "is_empty",
    "load_demo",
    "log_event",
    "map_data",
    "monitoring",
    "monitoring_rendered",
    "municipalities",
    "overview",
    "partnership_teachers",
    "partnership_timeline",
    "plan_pairs",
    "read",
    "region_settings",
    "reject_pair",
    "save_region_settings",
    "school_card",
    "store",
    "store_label",
    "template_files",
    "tutor_options",
    "uncached",
    "validate_uploads",
    "write",
]

P = ParamSpec("P")
R = TypeVar("R")
DEFAULT_SETTINGS = AnalysisSettings()


# --- the store ------------------------------------------------------------------------------
def _target() -> tuple[str, str]:
    return (
        os.environ.get("SCHOOLNET_BACKEND", "embedded"),
        os.environ.get("SCHOOLNET_DB", "schoolnet.db"),
    )


@st.cache_resource(show_spinner=False)
def _open_store(backend: str, db: str) -> Store:
    from services.stores import open_store

    return open_store(backend, db)


def store() -> Store:
    """The store this app serves (``SCHOOLNET_BACKEND``, ``SCHOOLNET_DB``), opened once."""
    return _open_store(*_target())


def store_label() -> str:
    """What the sidebar says about where the data lives: the kind and the file's name, never a
    server path or address (those are in the server's log and settings)."""
    backend, db = _target()
    if backend == "neo4j":
        return "Neo4j"
    return Path(db).name


def actor() -> Actor:
    """Who uses this session: the signed-in user, or the single local user without sign-in."""
    from app_streamlit.auth import session_actor

    return session_actor()


def _version() -> str:
    # The data version alone is not enough: two databases can both be at version 3. The
    # actor is part of it too: answers are narrowed to the actor's scope.
    backend, db = _target()
    who = actor()
    scope = ",".join(sorted(who.municipalities | who.schools))
    return f"{backend}|{db}|{store().data_version()}|{who.login}|{who.role}|{scope}"


def acting(service: Callable[..., R]) -> Callable[..., R]:
    """``service(store, actor, ...)`` of :mod:`services.api` as ``call(store, ...)``, acting as
    this session's user (every page's call is checked and narrowed by the services)."""

    @functools.wraps(service)
    def bound(store: Store, *args: Any, **kwargs: Any) -> R:
        return service(store, actor(), *args, **kwargs)

    return bound


# --- the three helpers ----------------------------------------------------------------------
def _key_part(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool | dt.date):
        return value
    if isinstance(value, BaseModel):
        return (type(value).__qualname__, value.model_dump_json())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (type(value).__qualname__, *(_key_part(getattr(value, f.name)) for f in fields))
    if isinstance(value, list | tuple):
        return tuple(_key_part(v) for v in value)
    if isinstance(value, set | frozenset):
        return ("set", *sorted((_key_part(v) for v in value), key=repr))
    if isinstance(value, dict):
        return tuple(sorted((str(k), _key_part(v)) for k, v in value.items()))
    raise TypeError(f"state: {type(value).__name__} cannot be part of a cache key")


def _cache_key(service: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    name = f"{service.__module__}.{service.__qualname__}"
    return repr((name, _key_part(args), _key_part(kwargs)))


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_call(version: str, key: str, _call: Callable[[], Any]) -> Any:
    # ``_call`` is not hashed (leading underscore): ``key`` stands for it.
    return _call()


def read(service: Callable[Concatenate[Store, P], R]) -> Callable[P, R]:
    """A cached call of a read-only service ``service(store, ...)``, keyed on the data version.

    The answer is shared by every session until the data changes; treat it as read-only.
    """

    @functools.wraps(service)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        key = _cache_key(service, args, kwargs)
        result: R = _cached_call(_version(), key, lambda: service(store(), *args, **kwargs))
        return result

    return call


def write(service: Callable[Concatenate[Store, P], R]) -> Callable[P, R]:
    """A call of a service that changes data; every cached answer is dropped afterwards."""

    @functools.wraps(service)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return service(store(), *args, **kwargs)
        finally:
            st.cache_data.clear()

    return call


def uncached(service: Callable[Concatenate[Store, P], R]) -> Callable[P, R]:
    """A call of ``service(store, ...)`` that runs afresh every time (a check before a write)."""

    @functools.wraps(service)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        return service(store(), *args, **kwargs)

    return call


# --- reads ----------------------------------------------------------------------------------
def _node_counts(store: Store) -> dict[str, int]:
    return dict(store.count_nodes())


node_counts = read(_node_counts)
overview = read(acting(api.overview))
identification_table = read(acting(api.identification_table))
school_card = read(acting(api.school_card))
plan_pairs = read(acting(api.plan_pairs))
tutor_options = read(acting(api.tutor_options))
evaluate_pair = read(acting(api.evaluate_pair))
exchange_table = read(acting(api.exchange_table))
partnership_timeline = read(acting(api.partnership_timeline))
partnership_teachers = read(acting(api.partnership_teachers))
coverage_table = read(acting(api.coverage_table))
map_data = read(acting(api.map_data))
curators = read(acting(api.curators))
curator_schools = read(acting(api.curator_schools))
curator_network = read(acting(api.curator_network))
validate_uploads = uncached(acting(api.validate_uploads))
monitoring = read(acting(api.monitoring))
region_settings = read(acting(_region_settings.region_settings))
save_region_settings = write(acting(_region_settings.save_region_settings))
completeness = read(acting(api.completeness))


def _monitoring_rendered(
    store: Store, as_of: dt.date, municipality: str | None, kind: str
) -> Any:
    view = monitoring(as_of, municipality)
    render: dict[str, Callable[[Any], Any]] = {
        "tables": monitoring_report.report_tables,
        "charts": monitoring_report.indicator_charts,
        "docx": monitoring_report.report_docx,
        "xlsx": monitoring_report.report_xlsx,
    }
    return render[kind](view)


# The monitoring's ``tables``, ``charts`` (PNG by indicator), ``docx`` or ``xlsx``.
monitoring_rendered = read(_monitoring_rendered)


def is_empty() -> bool:
    """True when the store holds no school at all (a fresh machine)."""
    return node_counts().get("School", 0) == 0


def municipalities() -> list[str]:
    """Every municipality's name, for filter widgets (from the region overview)."""
    return list(overview().municipalities)


# Services that need no store: cached on their arguments alone.
event_kinds = st.cache_data(show_spinner=False)(api.event_kinds)
template_files = st.cache_data(show_spinner=False)(api.template_files)


@st.cache_data(show_spinner=False, max_entries=8)
def coverage_xlsx(table: pd.DataFrame) -> bytes:
    """The coverage table as an XLSX workbook."""
    return coverage.coverage_xlsx(table)


def draft_order_download(partnership_ids: list[str]) -> Callable[[], bytes]:
    """The draft order (проект приказа) for a download button, made only when clicked.

    It names curators, so making it is recorded in the change log: once per download, not on
    every rerun of the page. The callable runs outside the script run, so the actor is bound
    now.
    """
    who, where, ids = actor(), store(), list(partnership_ids)
    return lambda: bytes(api.draft_order_xlsx(where, who, ids))


# --- writes (each clears the data cache) ----------------------------------------------------
load_demo = write(acting(api.load_demo))
import_uploads = write(acting(api.import_uploads))
accept_pair = write(acting(api.accept_pair))
reject_pair = write(acting(api.reject_pair))
log_event = write(acting(api.log_event))
