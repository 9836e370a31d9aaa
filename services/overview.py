"""The region or a municipality at a glance: counts, pair activity, coverage and trends."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.settings import AnalysisSettings
from graph.store import Store
from labels import t
from services.cache import memo
from services.coverage import coverage_table
from services.exchange import activity
from services.identification import identification_table, percentile_table
from services.query_frames import frame
from services.result_cache import register

__all__ = ["Overview", "overview"]


@dataclass(frozen=True)
class Overview:
    counts: dict[str, int]
    activity: pd.DataFrame
    coverage: dict[str, Any]
    events_this_year: int
    trends: pd.DataFrame
    municipalities: list[str]


register(Overview)  # kept on disk per data version (services.result_cache)


def overview(
    store: Store,
    settings: AnalysisSettings | None = None,
    municipality: str | None = None,
    as_of: dt.date | None = None,
) -> Overview:
    """Counts, activity of pairs, the coverage row and yearly trends, for a municipality or all.

    Kept on disk per data version, settings, municipality and day: the app's first page after
    a restart reads this small answer instead of the identification, activity and coverage.
    """
    s = settings or AnalysisSettings()
    day = as_of or dt.date.today()
    key = ("overview", s.model_dump_json(), municipality or None, day)
    return memo(store, key, lambda: _overview(store, s, municipality, day), persist=True)


def _overview(
    store: Store, s: AnalysisSettings, municipality: str | None, day: dt.date
) -> Overview:
    ident = identification_table(store, s)
    munis = sorted(str(m) for m in ident["municipality"].dropna().unique())
    if municipality:
        ident = ident[ident["municipality"] == municipality]
    ids = set(ident["school_id"])
    low = (ident["status"] == "low") | ident["official_low_results"].astype(bool)
    act = activity(store, s, day)
    act = act[act["mentee_school_id"].isin(ids) | act["tutor_school_id"].isin(ids)]
    # Events per year, counted by the store (a country holds a hundred thousand events).
    by_year = frame(store, "event_years", municipalities=[municipality] if municipality else None)
    years = pd.Series(by_year["n_events"].to_numpy(), index=by_year["year"].to_numpy())
    counts = {
        "schools": len(ident),
        "low": int(low.sum()),
        "official_low": int(ident["official_low_results"].astype(bool).sum()),
        "unfavourable": int(ident["unfavourable"].astype(bool).sum()),
        "strong": int((ident["status"] == "strong").sum()),
        "resilient": int((ident["status"] == "resilient").sum()),
        "partnerships": len(act),
        "teachers": int(pd.to_numeric(ident["teachers"], errors="coerce").fillna(0).sum()),
    }
    activity_counts = act["activity"].value_counts().rename_axis("activity").reset_index(name="n")
    cov = coverage_table(store, s, day)
    # The region's total is the last row; a municipality is found by its name.
    row = cov.iloc[-1:] if not municipality else cov[cov["municipality"] == municipality]
    return Overview(
        counts=counts,
        activity=activity_counts,
        coverage={str(k): v for k, v in row.iloc[0].items()} if len(row) else {},
        events_this_year=int(years.get(day.year, 0)),
        trends=_trends(store, s, ident, low, years),
        municipalities=munis,
    )


def _trends(
    store: Store,
    s: AnalysisSettings,
    ident: pd.DataFrame,
    low: pd.Series,
    event_years: pd.Series,
) -> pd.DataFrame:
    """Yearly series: the result index of low and other schools, and events (``event_years``:
    how many a year, indexed by year)."""
    pct = percentile_table(store, s)[["school_id", "year", "result_index"]]
    pct = pct[pct["school_id"].isin(set(ident["school_id"]))]
    low_ids = set(ident.loc[low.to_numpy(), "school_id"])
    pct = pct.assign(group=pct["school_id"].isin(low_ids))
    parts = []
    for flag, code in ((True, "low_index"), (False, "other_index")):
        g = pct[pct["group"] == flag].groupby("year")["result_index"].mean()
        parts.append(
            pd.DataFrame(
                {"year": g.index, "code": code, "series": t(f"services.trend.{code}"),
                 "value": g.to_numpy()}
            )
        )  # fmt: skip
    ev = event_years.sort_index()
    parts.append(
        pd.DataFrame(
            {"year": ev.index, "code": "events", "series": t("services.trend.events"),
             "value": ev.values}
        )
    )  # fmt: skip
    out = pd.concat(parts, ignore_index=True)
    out["year"] = out["year"].astype(int)
    return out.sort_values(["series", "year"]).reset_index(drop=True)
