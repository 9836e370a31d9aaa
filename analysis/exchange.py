"""Exchange of practice inside partnerships: is each pair actually working?

DESIGN.md, "Exchange of practice". A joint event of a partnership is an event linked to it
(``partnership_id``) or attended by teachers of both of its schools, dated on or after the
partnership's ``start_date`` (and on or before its ``end_date``, when it has ended) and not
after ``as_of``. A partnership is ``active`` when its last joint event is at most
``activity_window_days`` days before ``as_of`` (90 days before counts as active, 91 does not),
``dormant`` when it is earlier, ``not_started`` when there was none.

Examples
--------
>>> import datetime as dt
>>> partnerships = pd.DataFrame({"partnership_id": ["p1"], "tutor_school_id": ["t"],
...     "mentee_school_id": ["m"], "status": ["active"], "start_date": [dt.date(2024, 1, 1)],
...     "end_date": [None], "focus_subjects": [["Математика", "Физика"]]})
>>> events = pd.DataFrame({"event_id": ["e1"], "title": ["Открытый урок"],
...     "kind": ["open_lesson"], "date": [dt.date(2024, 3, 1)], "subject": ["Математика"],
...     "format": ["offline"], "organizer_id": ["t"], "municipality": ["Р"],
...     "partnership_id": ["p1"]})
>>> teachers = pd.DataFrame({"teacher_id": ["a", "b"], "school_id": ["t", "m"]})
>>> participation = pd.DataFrame({"event_id": ["e1", "e1"], "teacher_id": ["a", "b"]})
>>> out = partnership_activity(partnerships, events, participation, teachers,
...                            as_of=dt.date(2024, 5, 30))
>>> out[["activity", "joint_events_90d", "mentee_teachers_share"]].values.tolist()
[['active', 1, 1.0]]
>>> out.loc[0, "subjects_missing"]
['Физика']
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from analysis._frames import as_date, as_str_id, column, list_column, norm_subject
from analysis.settings import AnalysisSettings
from schoolnet.i18n import t

__all__ = ["ACTIVITIES", "dormant_pairs", "joint_events", "partnership_activity", "timeline"]

ACTIVITIES = ("active", "dormant", "not_started")


def _partnerships(partnerships: pd.DataFrame) -> pd.DataFrame:
    tutor = as_str_id(partnerships["tutor_school_id"])
    mentee = as_str_id(partnerships["mentee_school_id"])
    pid = as_str_id(column(partnerships, "partnership_id"))
    pid = pid.where(pid.notna(), tutor + "→" + mentee)
    return pd.DataFrame(
        {
            "partnership_id": pid,
            "tutor_school_id": tutor,
            "mentee_school_id": mentee,
            "status": column(partnerships, "status"),
            "start_date": as_date(column(partnerships, "start_date")),
            "end_date": as_date(column(partnerships, "end_date")),
            "focus_subjects": list_column(partnerships, "focus_subjects"),
        }
    ).reset_index(drop=True)


def _attendance(participation: pd.DataFrame, teachers: pd.DataFrame) -> pd.DataFrame:
    """``event_id``, ``teacher_id``, ``school_id`` of every attendance by a known teacher."""
    att = pd.DataFrame(
        {
            "event_id": as_str_id(participation["event_id"]),
            "teacher_id": as_str_id(participation["teacher_id"]),
        }
    )
    staff = pd.DataFrame(
        {
            "teacher_id": as_str_id(teachers["teacher_id"]),
            "school_id": as_str_id(teachers["school_id"]),
        }
    ).drop_duplicates("teacher_id")
    return att.merge(staff, on="teacher_id", how="inner").drop_duplicates()


def _events(events: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": as_str_id(events["event_id"]),
            "date": as_date(events["date"]),
            "title": column(events, "title"),
            "kind": column(events, "kind"),
            "subject": column(events, "subject"),
            "format": column(events, "format"),
            "event_partnership_id": as_str_id(column(events, "partnership_id")),
        }
    ).drop_duplicates("event_id", ignore_index=True)


def joint_events(
    partnerships: pd.DataFrame,
    events: pd.DataFrame,
    participation: pd.DataFrame,
    teachers: pd.DataFrame,
    as_of: dt.date,
) -> pd.DataFrame:
    """Every (partnership, joint event) pair, with the event's fields.

    Returns
    -------
    DataFrame
        ``partnership_id``, ``event_id``, ``date``, ``title``, ``kind``, ``subject``,
        ``format``, ``linked`` (the event names the partnership), ``tutor_teachers`` and
        ``mentee_teachers`` (how many of each school's teachers attended).
    """
    att = _attendance(participation, teachers)
    return _joint(_partnerships(partnerships), _events(events), att, as_of)


def _joint(p: pd.DataFrame, ev: pd.DataFrame, att: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    mine = ev[ev["event_partnership_id"].isin(set(p["partnership_id"]))]
    linked = pd.DataFrame(
        {"partnership_id": mine["event_partnership_id"], "event_id": mine["event_id"]}
    ).assign(linked=True)
    present = att[["event_id", "school_id"]].drop_duplicates()
    by_tutor = p[["partnership_id", "tutor_school_id"]].merge(
        present, left_on="tutor_school_id", right_on="school_id"
    )[["partnership_id", "event_id"]]
    by_mentee = p[["partnership_id", "mentee_school_id"]].merge(
        present, left_on="mentee_school_id", right_on="school_id"
    )[["partnership_id", "event_id"]]
    both = by_tutor.merge(by_mentee, on=["partnership_id", "event_id"]).assign(linked=False)
    joint = (
        pd.concat([linked[["partnership_id", "event_id", "linked"]], both])
        .sort_values("linked", ascending=False, kind="stable")
        .drop_duplicates(["partnership_id", "event_id"])
        .merge(ev, on="event_id")
        .merge(p[["partnership_id", "start_date", "end_date"]], on="partnership_id")
    )
    day = pd.Timestamp(as_of)
    keep = (
        joint["date"].notna()
        & (joint["date"] <= day)
        & (joint["start_date"].isna() | (joint["date"] >= joint["start_date"]))
        & (joint["end_date"].isna() | (joint["date"] <= joint["end_date"]))
    )
    joint = joint[keep]
    counts = (
        joint[["partnership_id", "event_id"]]
        .merge(p[["partnership_id", "tutor_school_id", "mentee_school_id"]], on="partnership_id")
        .merge(att, on="event_id")
    )
    counts["side"] = np.select(
        [
            counts["school_id"] == counts["tutor_school_id"],
            counts["school_id"] == counts["mentee_school_id"],
        ],
        ["tutor_teachers", "mentee_teachers"],
        default="other",
    )
    n = (
        counts[counts["side"] != "other"]
        .groupby(["partnership_id", "event_id", "side"])["teacher_id"]
        .nunique()
        .unstack("side")
        .reindex(columns=["tutor_teachers", "mentee_teachers"])
        .fillna(0)
        .astype(int)
        .reset_index()
    )
    joint = joint.merge(n, on=["partnership_id", "event_id"], how="left")
    for c in ("tutor_teachers", "mentee_teachers"):
        joint[c] = joint[c].fillna(0).astype(int)
    cols = ["partnership_id", "event_id", "date", "title", "kind", "subject", "format", "linked",
            "tutor_teachers", "mentee_teachers"]  # fmt: skip
    return joint[cols].sort_values(["partnership_id", "date", "event_id"]).reset_index(drop=True)


def _fmt_date(d: pd.Timestamp) -> str:
    return d.strftime("%d.%m.%Y")


def partnership_activity(
    partnerships: pd.DataFrame,
    events: pd.DataFrame,
    participation: pd.DataFrame,
    teachers: pd.DataFrame,
    as_of: dt.date,
    settings: AnalysisSettings | None = None,
) -> pd.DataFrame:
    """Activity of every partnership on ``as_of``.

    Parameters
    ----------
    partnerships, events, participation, teachers : DataFrame
        The import sheets.
    as_of : datetime.date
        The day of the report (never the wall clock: reports are reproducible).
    settings : AnalysisSettings, optional

    Returns
    -------
    DataFrame
        One row per partnership: ``partnership_id``, ``tutor_school_id``,
        ``mentee_school_id``, ``status``, ``start_date``, ``activity`` (``ACTIVITIES``),
        ``last_joint_event`` (date or None), ``days_since_last``, ``joint_events_90d``,
        ``joint_events_365d`` (windows of ``activity_window_days`` and
        ``coverage_window_days``), ``joint_events_total``, ``mentee_teachers_involved``,
        ``mentee_staff``, ``mentee_teachers_share``, ``focus_subjects``,
        ``subjects_covered`` (focus subjects with a joint event), ``subjects_missing``,
        ``reason``.
    """
    s = settings or AnalysisSettings()
    p = _partnerships(partnerships)
    att = _attendance(participation, teachers)
    joint = _joint(p, _events(events), att, as_of)
    day = pd.Timestamp(as_of)
    age = (day - joint["date"]).dt.days
    joint = joint.assign(
        in_short=age <= s.activity_window_days, in_long=age <= s.coverage_window_days
    )
    agg = joint.groupby("partnership_id").agg(
        last=("date", "max"),
        joint_events_90d=("in_short", "sum"),
        joint_events_365d=("in_long", "sum"),
        joint_events_total=("event_id", "nunique"),
    )
    seen = (
        joint[["partnership_id", "event_id"]]
        .merge(att, on="event_id")
        .merge(p[["partnership_id", "mentee_school_id"]], on="partnership_id")
    )
    involved = (
        seen[seen["school_id"] == seen["mentee_school_id"]]
        .groupby("partnership_id")["teacher_id"]
        .nunique()
    )
    staff = as_str_id(teachers["school_id"]).value_counts()
    subjects: dict[str, set[str]] = {}
    for pid, subject in joint[["partnership_id", "subject"]].dropna().itertuples(index=False):
        subjects.setdefault(pid, set()).add(norm_subject(str(subject)))
    out = p.drop(columns=["end_date"]).join(agg, on="partnership_id")
    for c in ("joint_events_90d", "joint_events_365d", "joint_events_total"):
        out[c] = out[c].fillna(0).astype(int)
    out["days_since_last"] = (day - out["last"]).dt.days.astype("Int64")
    out["activity"] = np.select(
        [out["last"].isna(), out["days_since_last"].fillna(0) <= s.activity_window_days],
        ["not_started", "active"],
        default="dormant",
    )
    out["last_joint_event"] = [None if pd.isna(d) else d.date() for d in out["last"]]
    out["start_date"] = [None if pd.isna(d) else d.date() for d in out["start_date"]]
    out["mentee_teachers_involved"] = out["partnership_id"].map(involved).fillna(0).astype(int)
    out["mentee_staff"] = out["mentee_school_id"].map(staff).fillna(0).astype(int)
    out["mentee_teachers_share"] = (
        out["mentee_teachers_involved"] / out["mentee_staff"].where(out["mentee_staff"] > 0)
    ).astype(float)
    covered, missing, reasons = [], [], []
    for pid, focus, activity, last, days in out[
        ["partnership_id", "focus_subjects", "activity", "last", "days_since_last"]
    ].itertuples(index=False):
        done = subjects.get(pid, set())
        covered.append([f for f in focus if norm_subject(f) in done])
        missing.append([f for f in focus if norm_subject(f) not in done])
        if activity == "not_started":
            reasons.append(t("analysis.activity.not_started"))
        else:
            reasons.append(
                t(
                    f"analysis.activity.{activity}",
                    date=_fmt_date(last),
                    days=int(days),
                    window=s.activity_window_days,
                )
            )
    out["subjects_covered"] = covered
    out["subjects_missing"] = missing
    out["reason"] = reasons
    cols = [
        "partnership_id", "tutor_school_id", "mentee_school_id", "status", "start_date",
        "activity", "last_joint_event", "days_since_last", "joint_events_90d",
        "joint_events_365d", "joint_events_total", "mentee_teachers_involved", "mentee_staff",
        "mentee_teachers_share", "focus_subjects", "subjects_covered", "subjects_missing",
        "reason",
    ]  # fmt: skip
    return out[cols]


def dormant_pairs(
    partnerships: pd.DataFrame,
    events: pd.DataFrame,
    participation: pd.DataFrame,
    teachers: pd.DataFrame,
    as_of: dt.date,
    settings: AnalysisSettings | None = None,
    *,
    activity: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Partnerships that should be working (``occupying_statuses``) but are ``dormant``,
    longest-silent first. Pass ``activity`` (:func:`partnership_activity`) to reuse it.
    """
    s = settings or AnalysisSettings()
    act = (
        partnership_activity(partnerships, events, participation, teachers, as_of, s)
        if activity is None
        else activity
    )
    out = act[(act["activity"] == "dormant") & act["status"].isin(list(s.occupying_statuses))]
    return out.sort_values("days_since_last", ascending=False).reset_index(drop=True)


def timeline(
    partnership_id: str,
    partnerships: pd.DataFrame,
    events: pd.DataFrame,
    participation: pd.DataFrame,
    teachers: pd.DataFrame,
    as_of: dt.date,
) -> pd.DataFrame:
    """The joint events of one partnership, oldest first (columns of :func:`joint_events`)."""
    p = _partnerships(partnerships)
    one = partnerships.iloc[np.flatnonzero(p["partnership_id"] == str(partnership_id))]
    joint = joint_events(one, events, participation, teachers, as_of)
    return joint.sort_values(["date", "event_id"]).reset_index(drop=True)
