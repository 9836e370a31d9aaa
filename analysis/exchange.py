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

from analysis.columns import (
    as_date,
    as_str_id,
    column,
    contains_sorted,
    list_column,
    norm_subject,
    shared_codes,
    unique_sorted,
)
from analysis.settings import AnalysisSettings
from labels.reasons import Reason

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


_NO_DAY = np.iinfo(np.int64).min // 2  # a missing start: no lower bound
_LAST_DAY = np.iinfo(np.int64).max // 2  # a missing end: no upper bound


def _days(d: pd.Series) -> np.ndarray:
    """Dates as day numbers since 1970 (callers mask missing dates with ``isna``)."""
    return d.to_numpy(dtype="datetime64[D]").astype(np.int64)


def _events(events: pd.DataFrame) -> pd.DataFrame:
    ev = pd.DataFrame(
        {
            "event_id": as_str_id(events["event_id"]),
            "date": as_date(events["date"]),
            "title": column(events, "title"),
            "kind": column(events, "kind"),
            "subject": column(events, "subject"),
            "format": column(events, "format"),
            "event_partnership_id": as_str_id(column(events, "partnership_id")),
        }
    )
    return ev.drop_duplicates("event_id", ignore_index=True)


def _slices(sorted_keys: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each wanted key, the positions of its run in ``sorted_keys``: (owner, position)."""
    lo = np.searchsorted(sorted_keys, wanted, side="left")
    hi = np.searchsorted(sorted_keys, wanted, side="right")
    counts = hi - lo
    owner = np.repeat(np.arange(len(wanted)), counts)
    starts = np.repeat(lo - np.cumsum(np.r_[0, counts[:-1]]), counts)
    return owner, starts + np.arange(counts.sum())


class _Exchange:
    """Partnerships, events and attendance as integer codes, and every joint event.

    Ids are turned into shared integer codes once, so the joins over millions of attendance
    rows are sorted-array lookups rather than text merges.
    """

    def __init__(
        self,
        partnerships: pd.DataFrame,
        events: pd.DataFrame,
        participation: pd.DataFrame,
        teachers: pd.DataFrame,
        as_of: dt.date,
    ) -> None:
        self.p = p = _partnerships(partnerships)
        self.ev = ev = _events(events)
        (t_staff, t_att), n_t = shared_codes(teachers["teacher_id"], participation["teacher_id"])
        (s_staff, s_tutor, s_mentee), n_s = shared_codes(
            teachers["school_id"], p["tutor_school_id"], p["mentee_school_id"]
        )
        (e_ev, e_att), n_e = shared_codes(ev["event_id"], participation["event_id"])
        self.tutor, self.mentee = s_tutor, s_mentee
        school_of = np.full(n_t + 1, -1, dtype=np.int64)
        school_of[t_staff] = s_staff
        self.staff = np.bincount(s_staff[(s_staff >= 0) & (t_staff >= 0)], minlength=n_s + 1)
        row_of = np.full(n_e + 1, -1, dtype=np.int64)
        row_of[e_ev] = np.arange(len(ev))
        a_ev, a_sch = row_of[e_att], school_of[t_att]
        ok = (a_ev >= 0) & (t_att >= 0) & (a_sch >= 0)
        n_ev = max(len(ev), 1)
        self.n_ev, self.n_t = n_ev, n_t + 1
        # Distinct (school, event, teacher) attendances, sorted by school then event.
        key = unique_sorted((a_sch[ok] * n_ev + a_ev[ok]) * self.n_t + t_att[ok])
        self.att_se, self.att_teacher = key // self.n_t, key % self.n_t
        # att_se is sorted: runs of equal (school, event) give the teacher counts.
        starts = np.flatnonzero(np.r_[True, self.att_se[1:] != self.att_se[:-1]])[
            : len(self.att_se)
        ]
        present = self.att_se[starts]
        self.present, self.present_n = present, np.diff(np.r_[starts, len(self.att_se)])

        # Linked events, then events where both schools were present.
        pos = pd.Index(p["partnership_id"]).get_indexer(ev["event_partnership_id"])
        linked_p, linked_e = pos[pos >= 0], np.flatnonzero(pos >= 0)
        owner, at = _slices(present // n_ev, s_tutor)
        cand_e = present[at] % n_ev
        both = contains_sorted(present, s_mentee[owner] * n_ev + cand_e) & (s_mentee[owner] >= 0)
        pid = np.r_[linked_p, owner[both]]
        evr = np.r_[linked_e, cand_e[both]]
        linked = np.r_[np.ones(len(linked_p), bool), np.zeros(int(both.sum()), bool)]
        # One row per (partnership, event); a link wins over mere attendance.
        order = np.lexsort((~linked, evr, pid))
        pid, evr, linked = pid[order], evr[order], linked[order]
        first = np.ones(len(pid), dtype=bool)  # (np.r_[True, ...] is one too long when empty)
        first[1:] = (pid[1:] != pid[:-1]) | (evr[1:] != evr[:-1])
        pid, evr, linked = pid[first], evr[first], linked[first]
        day = _days(ev["date"])
        when = day[evr]
        start = np.where(p["start_date"].isna(), _NO_DAY, _days(p["start_date"]))
        end = np.where(p["end_date"].isna(), _LAST_DAY, _days(p["end_date"]))
        today = np.datetime64(as_of, "D").astype(np.int64)
        keep = ev["date"].notna().to_numpy()[evr] & (when <= today)
        keep &= (when >= start[pid]) & (when <= end[pid])
        self.j_pid, self.j_ev, self.j_linked = pid[keep], evr[keep], linked[keep]
        self.j_age = today - when[keep]

    def teachers_at(self, school: np.ndarray, ev_rows: np.ndarray) -> np.ndarray:
        """How many distinct teachers of each school attended each event."""
        key = school * self.n_ev + ev_rows
        if not len(self.present):
            return np.zeros(len(key), dtype=np.int64)
        i = np.minimum(np.searchsorted(self.present, key), len(self.present) - 1)
        return np.where((school >= 0) & (self.present[i] == key), self.present_n[i], 0)

    def joint_frame(self) -> pd.DataFrame:
        ev = self.ev.iloc[self.j_ev].reset_index(drop=True)
        out = pd.DataFrame(
            {
                "partnership_id": self.p["partnership_id"].to_numpy()[self.j_pid],
                "event_id": ev["event_id"],
                "date": ev["date"],
                "title": ev["title"],
                "kind": ev["kind"],
                "subject": ev["subject"],
                "format": ev["format"],
                "linked": self.j_linked,
                "tutor_teachers": self.teachers_at(self.tutor[self.j_pid], self.j_ev),
                "mentee_teachers": self.teachers_at(self.mentee[self.j_pid], self.j_ev),
            }
        )
        return out.sort_values(["partnership_id", "date", "event_id"]).reset_index(drop=True)

    def mentee_teachers_involved(self) -> np.ndarray:
        """Distinct teachers of the mentee school at the partnership's joint events."""
        key = self.mentee[self.j_pid] * self.n_ev + self.j_ev
        owner, at = _slices(self.att_se, key)
        pairs = unique_sorted(self.j_pid[owner] * self.n_t + self.att_teacher[at])
        return np.bincount(pairs // self.n_t, minlength=len(self.p))


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
        ``mentee_teachers`` (how many of each school's teachers attended), sorted by
        partnership and date.
    """
    return _Exchange(partnerships, events, participation, teachers, as_of).joint_frame()


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
    x = _Exchange(partnerships, events, participation, teachers, as_of)
    p, n = x.p, len(x.p)
    total = np.bincount(x.j_pid, minlength=n)
    last_age = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(last_age, x.j_pid, x.j_age)
    started = total > 0
    days = pd.array(np.where(started, last_age, 0), dtype="Int64")
    days[~started] = pd.NA
    out = p.drop(columns=["end_date"])
    out["activity"] = np.select(
        [~started, last_age <= s.activity_window_days], ["not_started", "active"], "dormant"
    )
    today = pd.Timestamp(as_of)
    last = [
        today - pd.Timedelta(days=int(a)) if ok else None
        for a, ok in zip(last_age, started, strict=True)
    ]
    out["last_joint_event"] = [None if d is None else d.date() for d in last]
    out["days_since_last"] = days
    out["joint_events_90d"] = np.bincount(x.j_pid[x.j_age <= s.activity_window_days], minlength=n)
    out["joint_events_365d"] = np.bincount(x.j_pid[x.j_age <= s.coverage_window_days], minlength=n)
    out["joint_events_total"] = total
    out["start_date"] = [None if pd.isna(d) else d.date() for d in out["start_date"]]
    out["mentee_teachers_involved"] = x.mentee_teachers_involved()
    out["mentee_staff"] = np.where(x.mentee >= 0, x.staff[x.mentee], 0)
    out["mentee_teachers_share"] = (
        out["mentee_teachers_involved"] / out["mentee_staff"].where(out["mentee_staff"] > 0)
    ).astype(float)
    subjects: dict[int, set[str]] = {}
    subj = x.ev["subject"].to_numpy(dtype=object)[x.j_ev]
    for k, subject in set(zip(x.j_pid.tolist(), subj.tolist(), strict=True)):
        if isinstance(subject, str) and subject.strip():
            subjects.setdefault(k, set()).add(norm_subject(subject))
    covered, missing, reasons = [], [], []
    for k, (focus, activity, d) in enumerate(
        zip(out["focus_subjects"], out["activity"], last, strict=True)
    ):
        done = subjects.get(k, set())
        covered.append([f for f in focus if norm_subject(f) in done])
        missing.append([f for f in focus if norm_subject(f) not in done])
        if activity == "not_started":
            reasons.append(Reason("not_started"))
        else:
            reasons.append(
                Reason(
                    activity,
                    date=d,
                    days=int(last_age[k]),
                    window_days=s.activity_window_days,
                )
            )
    out["subjects_covered"] = covered
    out["subjects_missing"] = missing
    out["reason"] = pd.Series(reasons, index=out.index, dtype=object)
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
