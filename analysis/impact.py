"""Does pairing help? An honest, descriptive comparison of result-index changes.

For each ШНОР (computed ``low`` or official), the change of its result index from the first to
the last year of the status window in which it has an index. Schools are grouped by their
partnership (in ``occupying_statuses``): working (activity ``active``), not working (``dormant``
or ``not_started``), and none. The summary gives each group's size, mean and median change and
the share that improved, with a caveat: pairs were not assigned at random, low schools tend to
rise back towards the mean whatever happens (regression to the mean), and small groups move by
chance, so a difference is a question to look into, not a proof.

Examples
--------
>>> pct = pd.DataFrame({"school_id": ["a", "a", "b", "b"], "year": [2023, 2024] * 2,
...                     "result_index": [-1.0, -0.5, -1.2, -1.4], "in_window": True})
>>> identified = pd.DataFrame({"school_id": ["a", "b"], "status": ["low", "low"]})
>>> activity = pd.DataFrame({"mentee_school_id": ["a"], "status": ["active"],
...                          "activity": ["active"]})
>>> out = impact(pct, identified, activity)
>>> out[["group", "n", "mean_change"]].values.tolist()
[['paired_active', 1, 0.5], ['paired_inactive', 0, nan], ['unpaired', 1, -0.2]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.columns import as_str_id
from analysis.coverage import low_schools
from analysis.settings import AnalysisSettings
from labels import t

__all__ = ["GROUPS", "impact", "school_changes"]

GROUPS = ("paired_active", "paired_inactive", "unpaired")


def school_changes(
    percentiles: pd.DataFrame,
    identified: pd.DataFrame,
    activity: pd.DataFrame | None = None,
    settings: AnalysisSettings | None = None,
) -> pd.DataFrame:
    """Per ШНОР: ``school_id``, ``group`` (``GROUPS``), ``first_year``, ``last_year``,
    ``change`` (NaN with fewer than two window years with an index).

    Parameters
    ----------
    percentiles : DataFrame
        ``Identification.percentiles`` (``school_id``, ``year``, ``result_index``,
        ``in_window``).
    identified : DataFrame
        :func:`analysis.identify.identify`.
    activity : DataFrame, optional
        :func:`analysis.exchange.partnership_activity`.
    settings : AnalysisSettings, optional
    """
    s = settings or AnalysisSettings()
    ids = as_str_id(identified["school_id"])
    low = ids[low_schools(identified).to_numpy()]
    group = pd.Series("unpaired", index=low.to_numpy(), dtype=object)
    if activity is not None and len(activity):
        act = activity[activity["status"].isin(list(s.occupying_statuses))]
        mentee = as_str_id(act["mentee_school_id"])
        working = set(mentee[(act["activity"] == "active").to_numpy()])
        paired = set(mentee)
        group[group.index.isin(paired)] = "paired_inactive"
        group[group.index.isin(working)] = "paired_active"
    win = percentiles[percentiles["in_window"] & percentiles["result_index"].notna()]
    win = win[win["school_id"].isin(set(low))].sort_values(["school_id", "year"])
    by = win.groupby("school_id")
    first, last = by.first(), by.last()
    out = pd.DataFrame({"school_id": low.to_numpy(), "group": group.to_numpy()})
    out["first_year"] = out["school_id"].map(first["year"]).astype("Int64")
    out["last_year"] = out["school_id"].map(last["year"]).astype("Int64")
    change = last["result_index"] - first["result_index"]
    change = change.where(last["year"] > first["year"])
    out["change"] = out["school_id"].map(change).astype(float)
    return out


def impact(
    percentiles: pd.DataFrame,
    identified: pd.DataFrame,
    activity: pd.DataFrame | None = None,
    settings: AnalysisSettings | None = None,
) -> pd.DataFrame:
    """Summary per group: ``group``, ``label``, ``n`` (schools with a change),
    ``mean_change``, ``median_change``, ``share_improved``, ``caveat``.

    Parameters are those of :func:`school_changes`.
    """
    ch = school_changes(percentiles, identified, activity, settings).dropna(subset=["change"])
    rows = []
    for g in GROUPS:
        x = ch.loc[ch["group"] == g, "change"].to_numpy(dtype=float)
        rows.append(
            {
                "group": g,
                "label": t(f"analysis.impact.{g}"),
                "n": len(x),
                "mean_change": round(float(x.mean()), 6) if len(x) else np.nan,
                "median_change": round(float(np.median(x)), 6) if len(x) else np.nan,
                "share_improved": float((x > 0).mean()) if len(x) else np.nan,
                "caveat": t("analysis.impact.caveat"),
            }
        )
    return pd.DataFrame(rows)
