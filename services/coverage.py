"""Network coverage by municipality and for the region, and the data of the coverage map."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from analysis.coverage import TOTAL_ROW, coverage
from analysis.settings import AnalysisSettings
from graph.store import Store
from labels import t
from loaders.writers import frames_to_xlsx
from services.cache import memo
from services.exchange import activity
from services.identification import identification_table
from services.planning import plan_pairs
from services.query_frames import frame

__all__ = ["COVERAGE_COLUMNS", "MapData", "coverage_table", "coverage_xlsx", "map_data"]

COVERAGE_COLUMNS = [
    "municipality",
    "schools",
    "low_schools",
    "unfavourable_schools",
    "strong_schools",
    "low_with_active_pair",
    "low_with_active_pair_share",
    "low_with_curator",
    "low_with_curator_share",
    "low_teachers",
    "low_teachers_in_association",
    "low_teachers_in_association_share",
    "low_teachers_at_event",
    "low_teachers_at_event_share",
    "dormant_pairs",
    "low_without_feasible_tutor",
]


def _whole_region(settings: AnalysisSettings) -> AnalysisSettings:
    # Coverage asks which ШНОР have a feasible tutor anywhere: never restricted to a selection.
    return settings.model_copy(update={"municipalities": ()})


def coverage_table(
    store: Store, settings: AnalysisSettings | None = None, as_of: dt.date | None = None
) -> pd.DataFrame:
    """One row per municipality and a last row for the region (DESIGN.md, Coverage)."""
    s = settings or AnalysisSettings()
    day = as_of or dt.date.today()

    def compute() -> pd.DataFrame:
        ident = identification_table(store, s)
        plan = plan_pairs(store, _whole_region(s))
        from analysis.pairing import PairingPlan

        table = coverage(
            ident,
            frame(store, "teachers"),
            as_of=day,
            curatorships=frame(store, "curatorships"),
            memberships=frame(store, "memberships"),
            events=frame(store, "events"),
            participation=frame(store, "participation"),
            activity=activity(store, s, day),
            plan=PairingPlan(plan.pairs, plan.unpaired, plan.candidates),
            settings=s,
        )
        total = table["municipality"] == TOTAL_ROW
        table.loc[total, "municipality"] = t("services.coverage.total")
        return table

    return memo(store, ("coverage", day, s.model_dump_json()), compute, persist=True).copy()


def coverage_xlsx(table: pd.DataFrame) -> bytes:
    """The coverage table as an Excel workbook with Russian headers."""
    headers = {c: t(f"services.coverage.col.{c}") for c in table.columns}
    return frames_to_xlsx({t("services.coverage.sheet"): table}, headers)


@dataclass(frozen=True)
class MapData:
    """Schools as points (status, partner) and partnerships as lines (activity)."""

    schools: pd.DataFrame
    links: pd.DataFrame


def map_data(
    store: Store, settings: AnalysisSettings | None = None, as_of: dt.date | None = None
) -> MapData:
    """Points and lines of the coverage map."""
    s = settings or AnalysisSettings()
    ident = identification_table(store, s)
    act = activity(store, s, as_of)
    working = act[act["status"].isin(list(s.occupying_statuses))]
    partnered = set(working["tutor_school_id"]) | set(working["mentee_school_id"])
    low = (ident["status"] == "low") | ident["official_low_results"].astype(bool)
    schools = ident[
        ["school_id", "name", "municipality", "lat", "lon", "status", "unfavourable"]
    ].copy()
    schools["is_low"] = low.to_numpy()
    schools["has_partner"] = schools["school_id"].isin(partnered)
    schools["is_low_without_partner"] = schools["is_low"] & ~schools["has_partner"]
    coords = ident.set_index("school_id")[["lat", "lon"]]
    links = working[["partnership_id", "tutor_school_id", "mentee_school_id", "activity"]].copy()
    for side, col in (("tutor", "tutor_school_id"), ("mentee", "mentee_school_id")):
        links[f"{side}_lat"] = links[col].map(coords["lat"])
        links[f"{side}_lon"] = links[col].map(coords["lon"])
    links = links.dropna(subset=["tutor_lat", "tutor_lon", "mentee_lat", "mentee_lon"])
    return MapData(schools=schools.reset_index(drop=True), links=links.reset_index(drop=True))
