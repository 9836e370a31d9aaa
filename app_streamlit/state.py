"""The app's only door to the data: the cached store and cached service calls.

Pages never touch a store, a query or a file: they call the functions here, each a thin
wrapper over exactly one service. The store is a ``st.cache_resource`` (one connection per
backend and database); every read is a ``st.cache_data`` keyed on the store's target, its
``data_version()`` and the arguments, so a write made anywhere (this app, the CLI) is never
hidden. Writes clear the data cache as well, so the rerun after a write recomputes at once.

Settings travel as JSON text: pydantic models are frozen but Streamlit hashes arguments by
value, and the JSON form is the stable, cheap way to key on them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from analysis.settings import AnalysisSettings
from graph.store import Store

__all__ = [
    "DEFAULT_SETTINGS",
    "accept_pair",
    "coverage_table",
    "coverage_xlsx",
    "curator_network",
    "curator_schools",
    "curators",
    "draft_order_xlsx",
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
    "reject_pair",
    "school_card",
    "store",
    "store_label",
    "template_files",
    "tutor_options",
    "validate_uploads",
]

T = TypeVar("T")
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
    """What the sidebar says about where the data lives."""
    backend, db = _target()
    return f"Neo4j ({os.environ.get('NEO4J_URI', '')})" if backend == "neo4j" else db


def _version() -> str:
    # The data version alone is not enough: two databases can both be at version 3.
    backend, db = _target()
    return f"{backend}|{db}|{store().data_version()}"


def _settings(settings_json: str) -> AnalysisSettings:
    return AnalysisSettings.model_validate_json(settings_json)


def _js(settings: AnalysisSettings | None) -> str:
    return (settings or DEFAULT_SETTINGS).model_dump_json()


def _write(action: Callable[[], T]) -> T:
    """Run a write and drop every cached answer, whatever happened."""
    try:
        return action()
    finally:
        st.cache_data.clear()


# --- reads ----------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=8)
def _node_counts(version: str) -> dict[str, int]:
    return dict(store().count_nodes())


def is_empty() -> bool:
    """True when the store holds no school at all (a fresh machine)."""
    return _node_counts(_version()).get("School", 0) == 0


@st.cache_data(show_spinner=False, max_entries=16)
def _overview(version: str, settings_json: str, municipality: str | None) -> Any:
    from services.overview import overview as service

    return service(store(), _settings(settings_json), municipality=municipality)


def overview(municipality: str | None = None, settings: AnalysisSettings | None = None) -> Any:
    """The region (or one municipality) at a glance (``services.overview.overview``)."""
    return _overview(_version(), _js(settings), municipality)


def municipalities() -> list[str]:
    """Every municipality's name, for filter widgets (from the region overview)."""
    return list(overview().municipalities)


@st.cache_data(show_spinner=False, max_entries=8)
def _identification(version: str, settings_json: str) -> pd.DataFrame:
    from services.identification import identification_table as service

    return service(store(), _settings(settings_json))


def identification_table(settings: AnalysisSettings | None = None) -> pd.DataFrame:
    """One row per school with its status and reason."""
    return _identification(_version(), _js(settings))


@st.cache_data(show_spinner=False, max_entries=64)
def _school_card(version: str, school_id: str, settings_json: str) -> Any:
    from services.identification import school_card as service

    return service(store(), school_id, _settings(settings_json))


def school_card(school_id: str, settings: AnalysisSettings | None = None) -> Any:
    """Everything about one school (``SchoolCard``)."""
    return _school_card(_version(), school_id, _js(settings))


@st.cache_data(show_spinner=False, max_entries=16)
def _plan(version: str, settings_json: str) -> Any:
    from services.planning import plan_pairs as service

    return service(store(), _settings(settings_json))


def plan_pairs(settings: AnalysisSettings) -> Any:
    """The optimal plan of pairs (``PlanView``) under ``settings``."""
    return _plan(_version(), _js(settings))


@st.cache_data(show_spinner=False, max_entries=64)
def _tutor_options(version: str, mentee_id: str, settings_json: str) -> pd.DataFrame:
    from services.planning import tutor_options as service

    return service(store(), mentee_id, _settings(settings_json))


def tutor_options(mentee_id: str, settings: AnalysisSettings) -> pd.DataFrame:
    """Every possible tutor of a mentee with its cost (the manual swap)."""
    return _tutor_options(_version(), mentee_id, _js(settings))


@st.cache_data(show_spinner=False, max_entries=64)
def _evaluate_pair(
    version: str, mentee_id: str, tutor_id: str, settings_json: str
) -> dict[str, Any]:
    from services.planning import evaluate_pair as service

    return dict(service(store(), mentee_id, tutor_id, _settings(settings_json)))


def evaluate_pair(mentee_id: str, tutor_id: str, settings: AnalysisSettings) -> dict[str, Any]:
    """Cost, feasibility and reason of one hand-picked pair."""
    return _evaluate_pair(_version(), mentee_id, tutor_id, _js(settings))


@st.cache_data(show_spinner=False, max_entries=16)
def _draft_order(version: str, partnership_ids: tuple[str, ...]) -> bytes:
    from services.planning import draft_order_xlsx as service

    return service(store(), list(partnership_ids))


def draft_order_xlsx(partnership_ids: list[str]) -> bytes:
    """The draft order (приказ) of these partnerships as an XLSX workbook."""
    return _draft_order(_version(), tuple(partnership_ids))


@st.cache_data(show_spinner=False, max_entries=8)
def _exchange(version: str, settings_json: str) -> pd.DataFrame:
    from services.exchange import exchange_table as service

    return service(store(), _settings(settings_json))


def exchange_table(settings: AnalysisSettings | None = None) -> pd.DataFrame:
    """Every partnership with its activity (dormant first)."""
    return _exchange(_version(), _js(settings))


@st.cache_data(show_spinner=False, max_entries=64)
def _timeline(version: str, partnership_id: str) -> pd.DataFrame:
    from services.exchange import partnership_timeline as service

    return service(store(), partnership_id)


def partnership_timeline(partnership_id: str) -> pd.DataFrame:
    """The joint events of a partnership, oldest first."""
    return _timeline(_version(), partnership_id)


@st.cache_data(show_spinner=False, max_entries=64)
def _pair_teachers(version: str, partnership_id: str) -> pd.DataFrame:
    from services.exchange import partnership_teachers as service

    return service(store(), partnership_id)


def partnership_teachers(partnership_id: str) -> pd.DataFrame:
    """The teachers of both schools of a partnership (for the event form)."""
    return _pair_teachers(_version(), partnership_id)


@st.cache_data(show_spinner=False)
def event_kinds() -> list[str]:
    """The kinds of event the form offers."""
    from services.exchange import event_kinds as service

    return list(service())


@st.cache_data(show_spinner=False, max_entries=8)
def _coverage(version: str, settings_json: str) -> pd.DataFrame:
    from services.coverage import coverage_table as service

    return service(store(), _settings(settings_json))


def coverage_table(settings: AnalysisSettings | None = None) -> pd.DataFrame:
    """Coverage per municipality plus a total row."""
    return _coverage(_version(), _js(settings))


@st.cache_data(show_spinner=False, max_entries=8)
def _map_data(version: str, settings_json: str) -> Any:
    from services.coverage import map_data as service

    return service(store(), _settings(settings_json))


def map_data(settings: AnalysisSettings | None = None) -> Any:
    """Schools and partnership lines for the coverage map (``MapData``)."""
    return _map_data(_version(), _js(settings))


@st.cache_data(show_spinner=False, max_entries=8)
def coverage_xlsx(table: pd.DataFrame) -> bytes:
    """The coverage table as an XLSX workbook."""
    from services.coverage import coverage_xlsx as service

    return service(table)


@st.cache_data(show_spinner=False, max_entries=4)
def _curators(version: str) -> pd.DataFrame:
    from services.curators import curators as service

    return service(store())


def curators() -> pd.DataFrame:
    """Every curator."""
    return _curators(_version())


@st.cache_data(show_spinner=False, max_entries=32)
def _curator_schools(version: str, curator_id: str, settings_json: str) -> pd.DataFrame:
    from services.curators import curator_schools as service

    return service(store(), curator_id, _settings(settings_json))


def curator_schools(curator_id: str, settings: AnalysisSettings | None = None) -> pd.DataFrame:
    """A curator's schools with status, partnership, activity and open deficits."""
    return _curator_schools(_version(), curator_id, _js(settings))


@st.cache_data(show_spinner=False, max_entries=32)
def _curator_network(version: str, curator_id: str, settings_json: str, max_nodes: int) -> Any:
    from services.curators import curator_network as service

    return service(store(), curator_id, _settings(settings_json), max_nodes=max_nodes)


def curator_network(
    curator_id: str, max_nodes: int, settings: AnalysisSettings | None = None
) -> Any:
    """The curator's network (``NetworkView``), at most ``max_nodes`` nodes."""
    return _curator_network(_version(), curator_id, _js(settings), max_nodes)


@st.cache_data(show_spinner=False)
def template_files() -> dict[str, bytes]:
    """The empty import templates: file name → bytes."""
    from services.importing import template_files as service

    return dict(service())


def validate_uploads(files: list[tuple[str, bytes]]) -> Any:
    """Check uploaded files without writing anything (``ImportPreview``)."""
    from services.importing import validate_uploads as service

    return service(store(), files)


# --- writes (each clears the data cache) ----------------------------------------------------
def load_demo(size: str) -> Any:
    """Load the demo region of ``size`` into the store (``ImportReport``)."""
    from services.demo import load_demo as service

    return _write(lambda: service(store(), size=size))


def import_uploads(files: list[tuple[str, bytes]]) -> Any:
    """Import uploaded files, all or nothing (``ImportReport``; raises ``ImportFailed``)."""
    from services.importing import import_uploads as service

    return _write(lambda: service(store(), files))


def accept_pair(
    mentee_id: str, tutor_id: str, focus_subjects: list[str], start_date: dt.date | None
) -> str:
    """Record an accepted pair as an ``agreed`` partnership; returns its id."""
    from services.planning import accept_pair as service

    return _write(lambda: service(store(), mentee_id, tutor_id, focus_subjects, start_date))


def reject_pair(mentee_id: str, tutor_id: str, reason: str = "") -> None:
    """Remember a rejected pair so that the planner never suggests it again."""
    from services.planning import reject_pair as service

    _write(lambda: service(store(), mentee_id, tutor_id, reason))


def log_event(form: dict[str, Any]) -> str:
    """Record an event (the fields of an ``EventForm``); raises ``UserError`` when invalid."""
    from services.exchange import log_event as service

    return _write(lambda: service(store(), form))


# --- programme monitoring (issue 11) ----------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=16)
def _monitoring(version: str, as_of: dt.date, municipality: str | None) -> Any:
    from services.monitoring import monitoring as service

    return service(store(), as_of, municipality)


def monitoring(as_of: dt.date, municipality: str | None = None) -> Any:
    """The programme monitoring for the region or a municipality (``MonitoringView``)."""
    return _monitoring(_version(), as_of, municipality)


@st.cache_data(show_spinner=False, max_entries=16)
def _monitoring_render(version: str, as_of: dt.date, municipality: str | None, kind: str) -> Any:
    from services import monitoring_report as report

    view = _monitoring(version, as_of, municipality)
    render: dict[str, Callable[[Any], Any]] = {
        "tables": report.report_tables,
        "charts": report.indicator_charts,
        "docx": report.report_docx,
        "xlsx": report.report_xlsx,
    }
    return render[kind](view)


def monitoring_rendered(as_of: dt.date, municipality: str | None, kind: str) -> Any:
    """The monitoring's ``tables``, ``charts`` (PNG by indicator), ``docx`` or ``xlsx``."""
    return _monitoring_render(_version(), as_of, municipality, kind)
