"""Who is low, who is strong: identification over the store, and the school card."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.identify import Identification, identify_detail
from analysis.settings import AnalysisSettings
from graph.model import NodeRef
from graph.store import Store
from labels import t
from labels.reasons import render_all
from services.access import unguarded
from services.cache import memo
from services.errors import UserError
from services.networks import SCHOOL_LAYERS, NetworkView, build_network
from services.query_frames import frame
from services.result_cache import register

register(Identification)  # kept on disk per data version (services.result_cache)

__all__ = [
    "IDENTIFY_COLUMNS",
    "SchoolCard",
    "identification",
    "identification_table",
    "percentile_table",
    "school_card",
    "status_map",
]

# The CLI contract's columns first (identify --out), then the extras pages use.
IDENTIFY_COLUMNS = [
    "school_id",
    "name",
    "municipality",
    "social_index",
    "context_band",
    "status",
    "unfavourable",
    "official_low_results",
    "weak_subjects",
    "strong_subjects",
    "reason",
    "n_bands",
    "official_unfavourable",
    "official_tutor",
    "settlement_type",
    "level",
    "lat",
    "lon",
    "students",
    "teachers",
    "ranked_years",
    "last_percentile",
]


def _key(settings: AnalysisSettings) -> str:
    return settings.model_dump_json()


def identification(store: Store, settings: AnalysisSettings | None = None) -> Identification:
    """The full identification (per school, per school-year, per subject) for the store."""
    s = settings or AnalysisSettings()

    def compute() -> Identification:
        return identify_detail(frame(store, "schools"), frame(store, "results"), s)

    return memo(store, ("identification", _key(s)), compute, persist=True)


def identification_table(store: Store, settings: AnalysisSettings | None = None) -> pd.DataFrame:
    """One row per school: status with its reason, context band, official lists, subjects."""
    s = settings or AnalysisSettings()

    def compute() -> pd.DataFrame:
        ident = identification(store, s).schools
        ident = ident.assign(reason=[render_all(r) for r in ident["reasons"]])
        ident = ident.drop(columns="reasons")
        schools = frame(store, "schools")
        extra = [c for c in IDENTIFY_COLUMNS if c not in ident.columns and c in schools.columns]
        table = ident.merge(schools[["school_id", *extra]], on="school_id", how="left")
        cols = [c for c in IDENTIFY_COLUMNS if c in table.columns]
        rest = [c for c in table.columns if c not in cols]
        table = table[cols + rest].sort_values("school_id").reset_index(drop=True)
        # What the school card and the overview take from the same computation is kept now,
        # while the results are in memory: a later process reads it instead of every result.
        _band_medians(store, s, table)
        percentile_table(store, s)
        return table

    return memo(store, ("identification_table", _key(s)), compute, persist=True).copy()


@unguarded(
    "a building block of the overview and the school card, which check the right and scope"
)
def percentile_table(store: Store, settings: AnalysisSettings | None = None) -> pd.DataFrame:
    """Per school and year with results: ``result_index``, ``percentile`` and context ``band``.

    The identification's school-year table without its reason codes, kept on disk on its own:
    the school card's trend and the overview read it back in milliseconds where the whole
    identification takes seconds for a country.
    """
    s = settings or AnalysisSettings()

    def compute() -> pd.DataFrame:
        pct = identification(store, s).percentiles
        return pct[["school_id", "year", "result_index", "percentile", "band"]]

    return memo(store, ("percentile_table", _key(s)), compute, persist=True)


def status_map(store: Store, settings: AnalysisSettings | None = None) -> dict[str, str]:
    """``School:<id>`` → computed status, for colouring graph views."""
    table = identification_table(store, settings)
    return {
        f"School:{sid}": str(st)
        for sid, st in zip(table["school_id"], table["status"], strict=True)
    }


@dataclass
class SchoolCard:
    """Everything the school card shows."""

    profile: dict[str, Any]
    identification: dict[str, Any]
    trend: pd.DataFrame
    results: pd.DataFrame
    partnerships: pd.DataFrame
    curators: pd.DataFrame
    teachers: pd.DataFrame
    teacher_summary: dict[str, Any]
    events: pd.DataFrame
    network: NetworkView = field(default_factory=NetworkView)
    band_results: pd.DataFrame = field(default_factory=pd.DataFrame)


def _trend(pct: pd.DataFrame, school_id: str, band: Any) -> pd.DataFrame:
    """The school's result index per year against its band's median (``pct``: see
    :func:`percentile_table`)."""
    own = pct[pct["school_id"] == school_id][["year", "result_index", "percentile"]]
    if pd.isna(band):
        own = own.assign(band_median_index=float("nan"))
    else:
        peers = pct[pct["band"] == band].groupby("year")["result_index"].median()
        own = own.assign(band_median_index=own["year"].map(peers))
    return own.sort_values("year").reset_index(drop=True)


def _teacher_summary(teachers: pd.DataFrame) -> dict[str, Any]:
    categories = Counter(str(c) for c in teachers["category"].dropna())
    deficits: Counter[str] = Counter()
    for items in teachers["deficits"]:
        deficits.update(items or [])
    return {
        "count": len(teachers),
        "by_category": dict(categories.most_common()),
        "top_deficits": deficits.most_common(10),
    }


def school_card(
    store: Store,
    school_id: str,
    settings: AnalysisSettings | None = None,
    as_of: dt.date | None = None,
    max_nodes: int = 150,
) -> SchoolCard:
    """The school card: profile, status and reason, trend against its band, partners, staff."""
    from services.exchange import exchange_table

    s = settings or AnalysisSettings()
    schools = frame(store, "schools")
    row = schools[schools["school_id"] == school_id]
    if row.empty:
        raise UserError(t("services.unknown_school", school_id=school_id))
    table = identification_table(store, s)
    ident_row: dict[str, Any] = table[table["school_id"] == school_id].iloc[0].to_dict()  # type: ignore[assignment]
    # Only the school's municipality is read (a country holds millions of result rows); the
    # band's medians are kept per data version.
    results = frame(store, "results", municipalities=[str(row.iloc[0]["municipality"])])
    pairs = exchange_table(store, s, as_of)
    mine = pairs[(pairs["tutor_school_id"] == school_id) | (pairs["mentee_school_id"] == school_id)]
    mine = mine.assign(
        role=[
            t("services.role.tutor") if tid == school_id else t("services.role.mentee")
            for tid in mine["tutor_school_id"]
        ],
        partner_name=[
            m if tid == school_id else tn
            for tid, tn, m in zip(
                mine["tutor_school_id"], mine["tutor_name"], mine["mentee_name"], strict=True
            )
        ],
    )
    curators = frame(store, "curatorships")
    teachers = frame(store, "teachers", school_id=school_id)
    band_results = _band_results(_band_medians(store, s), ident_row.get("context_band"))
    return SchoolCard(
        profile=row.iloc[0].to_dict(),  # type: ignore[arg-type]
        identification=ident_row,
        trend=_trend(percentile_table(store, s), school_id, ident_row.get("context_band")),
        results=results[results["school_id"] == school_id].reset_index(drop=True),
        partnerships=mine.reset_index(drop=True),
        curators=curators[curators["school_id"] == school_id].reset_index(drop=True),
        teachers=teachers,
        teacher_summary=_teacher_summary(teachers),
        events=frame(store, "school_events", school_id=school_id),
        band_results=band_results,
        network=build_network(
            store,
            NodeRef("School", school_id),
            SCHOOL_LAYERS,
            {**status_map(store, s), **_activity_map(pairs)},
            max_nodes=max_nodes,
        ),
    )


_RESULT_KEYS = ["year", "assessment", "subject", "grade", "metric"]


def _band_medians(
    store: Store, settings: AnalysisSettings | None = None, table: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Median value of every context band per (year, assessment, subject, grade, metric), with
    how many schools of the band it is taken over: ``context_band``, the keys, ``value``,
    ``n_schools`` (kept on disk per data version). ``table``: the identification table, when
    the caller is computing it."""
    s = settings or AnalysisSettings()

    def compute() -> pd.DataFrame:
        ident = table if table is not None else identification_table(store, s)
        bands = ident[["school_id", "context_band"]]
        rows = frame(store, "results").merge(bands.dropna(), on="school_id")
        grouped = rows.groupby(["context_band", *_RESULT_KEYS], dropna=False)
        medians = grouped.agg(value=("value", "median"), n_schools=("school_id", "nunique"))
        return medians.reset_index()

    return memo(store, ("band_medians", _key(s)), compute, persist=True)


def _band_results(medians: pd.DataFrame, band: Any) -> pd.DataFrame:
    """The medians of the school's context band (none when it has no band)."""
    if band is None or pd.isna(band):
        return pd.DataFrame(columns=[*_RESULT_KEYS, "value", "n_schools"])
    rows = medians[medians["context_band"] == band].drop(columns="context_band")
    return rows.reset_index(drop=True)


def _activity_map(pairs: pd.DataFrame) -> dict[str, str]:
    return {
        f"Partnership:{pid}": str(a)
        for pid, a in zip(pairs["partnership_id"], pairs["activity"], strict=True)
    }
