"""Partnership activity around the 90-day boundary, joint events and coverage of subjects."""

from __future__ import annotations

import datetime as dt
from typing import cast

import pandas as pd
import pytest

from analysis.exchange import dormant_pairs, joint_events, partnership_activity, timeline
from analysis.settings import AnalysisSettings
from labels.reasons import Reason, render

AS_OF = dt.date(2024, 6, 1)
TEACHERS = pd.DataFrame(
    {
        "teacher_id": ["t1", "t2", "m1", "m2", "m3", "m4", "x1"],
        "full_name": "Иванова И. И.",
        "school_id": ["T", "T", "M", "M", "M", "M", "X"],
        "subjects": None,
        "category": None,
        "experience_years": None,
        "deficits": None,
    }
)


def partnership(**kw: object) -> pd.DataFrame:
    row = {
        "partnership_id": "p1",
        "tutor_school_id": "T",
        "mentee_school_id": "M",
        "status": "active",
        "start_date": dt.date(2023, 9, 1),
        "end_date": None,
        "focus_subjects": ["Математика", "Русский язык"],
    }
    row.update(kw)
    return pd.DataFrame([row])


def event(
    eid: str, day: dt.date | str, *, link: str | None = None, subject: str | None = None
) -> dict:
    return {
        "event_id": eid,
        "title": f"Событие {eid}",
        "kind": "seminar",
        "date": day,
        "subject": subject,
        "format": "offline",
        "organizer_id": "T",
        "municipality": "Р",
        "partnership_id": link,
    }


def attend(*pairs: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"event_id": e, "teacher_id": t, "role": "participant"} for e, t in pairs],
        columns=["event_id", "teacher_id", "role"],
    )


@pytest.mark.parametrize(
    ("days_ago", "activity"),
    [(0, "active"), (89, "active"), (90, "active"), (91, "dormant"), (250, "dormant")],
)
def test_activity_around_the_90_day_boundary(days_ago: int, activity: str) -> None:
    events = pd.DataFrame([event("e1", AS_OF - dt.timedelta(days=days_ago), link="p1")])
    out = partnership_activity(partnership(), events, attend(), TEACHERS, AS_OF)
    assert out.loc[0, "activity"] == activity
    assert out.loc[0, "days_since_last"] == days_ago
    assert out.loc[0, "joint_events_90d"] == (1 if days_ago <= 90 else 0)


def test_the_window_is_a_setting() -> None:
    events = pd.DataFrame([event("e1", AS_OF - dt.timedelta(days=40), link="p1")])
    s = AnalysisSettings(activity_window_days=30)
    out = partnership_activity(partnership(), events, attend(), TEACHERS, AS_OF, s)
    assert out.loc[0, "activity"] == "dormant"
    reason = cast(Reason, out.loc[0, "reason"])
    assert (reason.code, reason.params["window_days"]) == ("dormant", 30)
    assert "дольше 30 дн." in render(reason, "analysis.activity")


def test_not_started_when_the_only_events_are_before_the_start_or_after_as_of() -> None:
    events = pd.DataFrame(
        [
            event("before", dt.date(2023, 8, 31), link="p1"),
            event("future", AS_OF + dt.timedelta(days=1), link="p1"),
        ]
    )
    out = partnership_activity(partnership(), events, attend(), TEACHERS, AS_OF)
    assert out.loc[0, "activity"] == "not_started"
    assert out.loc[0, "last_joint_event"] is None
    assert out.loc[0, "reason"] == Reason("not_started")


def test_an_event_of_both_schools_is_joint_even_unlinked() -> None:
    events = pd.DataFrame(
        [
            event("both", dt.date(2024, 5, 1)),
            event("tutor_only", dt.date(2024, 5, 20)),
            event("other", dt.date(2024, 5, 25)),
        ]
    )
    participation = attend(
        ("both", "t1"), ("both", "m1"), ("both", "m2"), ("tutor_only", "t1"),
        ("tutor_only", "t2"), ("other", "m3"), ("other", "x1"),
    )  # fmt: skip
    out = partnership_activity(partnership(), events, participation, TEACHERS, AS_OF)
    assert out.loc[0, "last_joint_event"] == dt.date(2024, 5, 1)
    assert out.loc[0, "joint_events_total"] == 1
    assert out.loc[0, "mentee_teachers_involved"] == 2
    assert out.loc[0, "mentee_staff"] == 4
    assert out.loc[0, "mentee_teachers_share"] == 0.5


def test_counts_in_90_and_365_days_and_subjects() -> None:
    events = pd.DataFrame(
        [
            event("a", AS_OF - dt.timedelta(days=10), link="p1", subject="математика"),
            event("b", AS_OF - dt.timedelta(days=100), link="p1", subject="Физика"),
            event("c", AS_OF - dt.timedelta(days=200), link="p1"),
            event("d", dt.date(2023, 1, 1), link="p1"),  # on the start day: counts
        ]
    )
    p = partnership(start_date=dt.date(2023, 1, 1))
    out = partnership_activity(p, events, attend(), TEACHERS, AS_OF)
    row = out.iloc[0]
    assert (row["joint_events_90d"], row["joint_events_365d"], row["joint_events_total"]) == (
        1,
        3,
        4,
    )
    assert row["subjects_covered"] == ["Математика"]
    assert row["subjects_missing"] == ["Русский язык"]


def test_events_after_the_end_date_do_not_count() -> None:
    events = pd.DataFrame([event("late", dt.date(2024, 5, 1), link="p1")])
    out = partnership_activity(
        partnership(end_date=dt.date(2024, 1, 1), status="closed"),
        events,
        attend(),
        TEACHERS,
        AS_OF,
    )
    assert out.loc[0, "activity"] == "not_started"


def test_dormant_pairs_only_lists_pairs_that_should_work() -> None:
    p = pd.concat(
        [
            partnership(),
            partnership(partnership_id="p2", status="paused"),
            partnership(partnership_id="p3", mentee_school_id="X"),
        ]
    )
    events = pd.DataFrame(
        [
            event("e1", dt.date(2024, 1, 1), link="p1"),
            event("e2", dt.date(2024, 1, 1), link="p2"),
            event("e3", dt.date(2024, 5, 30), link="p3"),
        ]
    )
    out = dormant_pairs(p, events, attend(), TEACHERS, AS_OF)
    assert out["partnership_id"].tolist() == ["p1"]


def test_timeline_is_sorted_and_marks_links() -> None:
    events = pd.DataFrame(
        [
            event("late", dt.date(2024, 5, 1), link="p1"),
            event("early", dt.date(2024, 2, 1)),
        ]
    )
    participation = attend(("early", "t1"), ("early", "m1"), ("late", "m2"))
    tl = timeline("p1", partnership(), events, participation, TEACHERS, AS_OF)
    assert tl["event_id"].tolist() == ["early", "late"]
    assert tl["linked"].tolist() == [False, True]
    assert tl["mentee_teachers"].tolist() == [1, 1]
    assert tl["tutor_teachers"].tolist() == [1, 0]


def test_joint_events_without_ids_and_string_dates() -> None:
    p = partnership(partnership_id=None, start_date="2023-09-01")
    events = pd.DataFrame([event("e", "15.05.2024")])
    participation = attend(("e", "t1"), ("e", "m1"))
    je = joint_events(p, events, participation, TEACHERS, AS_OF)
    assert je["partnership_id"].tolist() == ["T→M"]
    assert je["date"].dt.date.tolist() == [dt.date(2024, 5, 15)]
