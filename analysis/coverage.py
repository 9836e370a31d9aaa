"""How far the support network reaches, per municipality and for the region.

DESIGN.md, "Coverage". ШНОР here are the computed ``low`` schools together with the official
list (``official_low_results``). For each municipality and a region total row: how many schools,
ШНОР, ШНСУ and strong (incl. resilient) schools there are; the share of ШНОР with an active
partnership (a partnership in ``occupying_statuses`` whose activity is ``active``), with a
curator; the share of ШНОР teachers who are in an association and who attended an event in
the last ``coverage_window_days``; dormant pairs (by the mentee's municipality); and the ШНОР
planned without any feasible tutor (from the pairing plan's candidates).

Examples
--------
>>> import datetime as dt
>>> identified = pd.DataFrame({"school_id": ["a", "b", "c"], "municipality": ["М", "М", "Н"],
...     "status": ["low", "strong", "regular"], "unfavourable": [True, False, False],
...     "official_low_results": [False, False, True]})
>>> teachers = pd.DataFrame({"teacher_id": ["t1", "t2", "t3"], "school_id": ["a", "a", "c"]})
>>> memberships = pd.DataFrame({"teacher_id": ["t1"], "association_id": ["r1"]})
>>> out = coverage(identified, teachers, memberships=memberships, as_of=dt.date(2024, 6, 1))
>>> out[["municipality", "schools", "low_schools", "low_teachers_in_association"]]
       municipality  schools  low_schools  low_teachers_in_association
0                 М        2            1                            1
1                 Н        1            1                            0
2  __region_total__        3            2                            1
>>> out["low_teachers_in_association_share"].round(3).tolist()
[0.5, 0.0, 0.333]
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from analysis.columns import as_bool, as_date, as_str_id, column, list_column, shared_codes
from analysis.pairing import PairingPlan
from analysis.settings import AnalysisSettings

__all__ = ["TOTAL_ROW", "coverage", "low_schools"]

TOTAL_ROW = "__region_total__"
"""The ``municipality`` of the last row, the region's total (services put its label)."""


def low_schools(identified: pd.DataFrame) -> pd.Series:
    """Whether each school is ШНОР: computed ``low`` or on the official list.

    >>> low_schools(pd.DataFrame({"status": ["low", "regular", "regular"],
    ...     "official_low_results": [False, True, None]})).tolist()
    [True, True, False]
    """
    return (column(identified, "status") == "low") | as_bool(
        column(identified, "official_low_results")
    )


def _low_school_staff(
    sch: pd.DataFrame,
    teachers: pd.DataFrame,
    memberships: pd.DataFrame | None,
    events: pd.DataFrame | None,
    participation: pd.DataFrame | None,
    as_of: dt.date,
    window_days: int,
) -> pd.DataFrame:
    """Teachers of ШНОР: ``municipality``, ``in_assoc``, ``at_event`` (within the window).

    Ids become shared integer codes so that millions of attendance rows are flag lookups.
    """
    empty = pd.DataFrame({"teacher_id": pd.Series([], dtype=object)})
    memb = memberships if memberships is not None else empty
    part = participation if participation is not None and events is not None else empty
    (t_staff, t_memb, t_part), n_t = shared_codes(
        teachers["teacher_id"], memb["teacher_id"], part["teacher_id"]
    )
    (s_staff, s_sch), n_s = shared_codes(teachers["school_id"], sch["school_id"])
    low = np.zeros(n_s + 1, dtype=bool)
    low[s_sch[sch["low"].to_numpy()]] = True
    low[-1] = False
    muni = np.full(n_s + 1, None, dtype=object)
    muni[s_sch] = sch["municipality"].to_numpy(dtype=object)
    member = np.zeros(n_t + 1, dtype=bool)
    member[t_memb] = True
    member[-1] = False
    attended = np.zeros(n_t + 1, dtype=bool)
    if events is not None and len(part):
        day = pd.Timestamp(as_of)
        when = as_date(events["date"])
        recent = ((when <= day) & ((day - when).dt.days <= window_days)).to_numpy()
        (e_ev, e_part), n_e = shared_codes(events["event_id"], part["event_id"])
        recent_code = np.zeros(n_e + 1, dtype=bool)
        recent_code[e_ev[recent]] = True
        recent_code[-1] = False
        attended[t_part[recent_code[e_part]]] = True
    attended[-1] = False
    first = ~pd.Series(t_staff).duplicated().to_numpy() & (t_staff >= 0)
    rows = np.flatnonzero(first & low[s_staff])
    return pd.DataFrame(
        {
            "municipality": muni[s_staff[rows]],
            "in_assoc": member[t_staff[rows]],
            "at_event": attended[t_staff[rows]],
        }
    )


def _share(num: pd.Series, den: pd.Series) -> pd.Series:
    return (num / den.where(den > 0)).astype(float)


def coverage(
    identified: pd.DataFrame,
    teachers: pd.DataFrame,
    *,
    as_of: dt.date,
    curatorships: pd.DataFrame | None = None,
    memberships: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    participation: pd.DataFrame | None = None,
    activity: pd.DataFrame | None = None,
    plan: PairingPlan | None = None,
    settings: AnalysisSettings | None = None,
) -> pd.DataFrame:
    """Coverage measures per municipality, then a region total row.

    Parameters
    ----------
    identified : DataFrame
        :func:`analysis.identify.identify` (``school_id``, ``municipality``, ``status``,
        ``unfavourable``, ``official_low_results``).
    teachers : DataFrame
        The teachers sheet.
    as_of : datetime.date
        The report day (the event window ends on it).
    curatorships, memberships, events, participation : DataFrame, optional
        The sheets; a missing one counts as empty. ``curatorships`` has one row per curated
        school (``school_id``) or is the curators sheet (a ``schools`` list per curator).
    activity : DataFrame, optional
        :func:`analysis.exchange.partnership_activity` on the same ``as_of``.
    plan : PairingPlan, optional
        The pairing plan; without it ``low_without_feasible_tutor`` is missing (``<NA>``).
    settings : AnalysisSettings, optional

    Returns
    -------
    DataFrame
        ``municipality``, ``schools``, ``low_schools``, ``unfavourable_schools``,
        ``strong_schools``, ``low_with_active_pair`` (+ ``_share``), ``low_with_curator``
        (+ ``_share``), ``low_teachers``, ``low_teachers_in_association`` (+ ``_share``),
        ``low_teachers_at_event`` (+ ``_share``), ``dormant_pairs``,
        ``low_without_feasible_tutor``; the last row is the region total.
    """
    s = settings or AnalysisSettings()
    sch = pd.DataFrame(
        {
            "school_id": as_str_id(identified["school_id"]),
            "municipality": column(identified, "municipality").fillna("—"),
            "low": low_schools(identified).to_numpy(),
            "unfavourable": as_bool(column(identified, "unfavourable")).to_numpy(),
            "strong": column(identified, "status").isin(["strong", "resilient"]).to_numpy(),
        }
    )
    active: set[str] = set()
    dormant = pd.Series(dtype=str)
    if activity is not None and len(activity):
        occupying = activity["status"].isin(list(s.occupying_statuses))
        act = activity[occupying]
        active = set(as_str_id(act.loc[act["activity"] == "active", "mentee_school_id"]))
        dormant = as_str_id(act.loc[act["activity"] == "dormant", "mentee_school_id"])
    curated: set[str] = set()
    if curatorships is not None and len(curatorships):
        if "school_id" in curatorships.columns:
            curated = set(as_str_id(curatorships["school_id"]))
        else:  # the curators sheet: one row per curator, a list of schools
            curated = {x for cell in list_column(curatorships, "schools") for x in cell}
    staff = _low_school_staff(
        sch, teachers, memberships, events, participation, as_of, s.coverage_window_days
    )
    sch["active_pair"] = sch["low"] & sch["school_id"].isin(active)
    sch["curator"] = sch["low"] & sch["school_id"].isin(curated)
    sch["dormant"] = sch["school_id"].map(dormant.value_counts()).fillna(0).astype(int)
    if plan is not None:
        sch["no_tutor"] = sch["school_id"].isin(set(plan.no_feasible_tutor()))
    t_by = staff.groupby("municipality")
    by = sch.groupby("municipality", sort=True)
    out = pd.DataFrame(
        {
            "schools": by.size(),
            "low_schools": by["low"].sum(),
            "unfavourable_schools": by["unfavourable"].sum(),
            "strong_schools": by["strong"].sum(),
            "low_with_active_pair": by["active_pair"].sum(),
            "low_with_curator": by["curator"].sum(),
            "low_teachers": t_by.size(),
            "low_teachers_in_association": t_by["in_assoc"].sum(),
            "low_teachers_at_event": t_by["at_event"].sum(),
            "dormant_pairs": by["dormant"].sum(),
        }
    )
    out = out.fillna(0).astype(int)
    if plan is not None:
        out["low_without_feasible_tutor"] = by["no_tutor"].sum().astype(int)
    else:
        out["low_without_feasible_tutor"] = pd.array([pd.NA] * len(out), dtype="Int64")
    total = out.sum(numeric_only=True, min_count=1).to_frame().T
    total.index = pd.Index([TOTAL_ROW])
    out = pd.concat([out, total.astype(out.dtypes.to_dict())])
    out.index.name = "municipality"
    out = out.reset_index()
    for name, den in (
        ("low_with_active_pair", "low_schools"),
        ("low_with_curator", "low_schools"),
        ("low_teachers_in_association", "low_teachers"),
        ("low_teachers_at_event", "low_teachers"),
    ):
        at = list(out.columns).index(name) + 1
        out.insert(at, f"{name}_share", _share(out[name], out[den]))
    return out
