"""Coverage on a tiny hand-made region."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from analysis.coverage import TOTAL_ROW, coverage
from analysis.exchange import partnership_activity
from analysis.pairing import PairingPlan

AS_OF = dt.date(2024, 6, 1)


def days_ago(n: int) -> dt.date:
    return AS_OF - dt.timedelta(days=n)


IDENTIFIED = pd.DataFrame(
    {
        "school_id": ["a1", "a2", "a3", "b1", "b2", "b3"],
        "municipality": ["А", "А", "А", "Б", "Б", "Б"],
        "status": ["low", "regular", "strong", "low", "resilient", "regular"],
        "unfavourable": [True, False, False, False, False, True],
        "official_low_results": [False, True, False, False, False, False],
    }
)
TEACHERS = pd.DataFrame(
    {
        "teacher_id": ["ta1", "ta2", "ta3", "ta4", "tt1", "tb2"],
        "school_id": ["a1", "a1", "a2", "a2", "a3", "b2"],
    }
)
PARTNERSHIPS = pd.DataFrame(
    {
        "partnership_id": ["p1", "p2"],
        "tutor_school_id": ["a3", "a3"],
        "mentee_school_id": ["a1", "a2"],
        "status": ["active", "agreed"],
        "start_date": [dt.date(2023, 1, 1)] * 2,
    }
)
EVENTS = pd.DataFrame(
    {
        "event_id": ["e1", "e2", "e3"],
        "title": ["Семинар", "Вебинар", "Курсы"],
        "kind": ["seminar", "webinar", "course"],
        "date": [days_ago(100), days_ago(200), days_ago(400)],
        "partnership_id": [None, "p2", None],
    }
)
PARTICIPATION = pd.DataFrame({"event_id": ["e1", "e1", "e3"], "teacher_id": ["ta1", "tt1", "ta3"]})
MEMBERSHIPS = pd.DataFrame({"teacher_id": ["ta1", "ta4", "tb2"], "association_id": "r"})
CURATORSHIPS = pd.DataFrame(
    {"curator_id": ["c1", "c1"], "full_name": "К", "school_id": ["a1", "b2"]}
)


def test_coverage_by_hand() -> None:
    # e1 (100 days ago, both schools): p1 is dormant; make it active with a recent linked event.
    events = pd.concat(
        [
            EVENTS,
            pd.DataFrame(
                {
                    "event_id": ["e4"],
                    "title": ["Урок"],
                    "kind": ["open_lesson"],
                    "date": [days_ago(5)],
                    "partnership_id": ["p1"],
                }
            ),
        ]
    )
    activity = partnership_activity(PARTNERSHIPS, events, PARTICIPATION, TEACHERS, AS_OF)
    assert activity["activity"].tolist() == ["active", "dormant"]
    plan = PairingPlan(
        pairs=pd.DataFrame(),
        unpaired=pd.DataFrame({"mentee_school_id": ["b1"], "n_feasible": [0]}),
        candidates=pd.DataFrame(),
    )
    out = coverage(
        IDENTIFIED,
        TEACHERS,
        as_of=AS_OF,
        curatorships=CURATORSHIPS,
        memberships=MEMBERSHIPS,
        events=events,
        participation=PARTICIPATION,
        activity=activity,
        plan=plan,
    ).set_index("municipality")
    rows = out.to_dict("index")
    a, b, total = rows["А"], rows["Б"], rows[TOTAL_ROW]
    counts = ["schools", "low_schools", "unfavourable_schools", "strong_schools"]
    assert [a[c] for c in counts] == [3, 2, 1, 1]
    assert (a["low_with_active_pair"], a["low_with_active_pair_share"]) == (1, 0.5)
    assert (a["low_with_curator"], a["low_with_curator_share"]) == (1, 0.5)
    assert a["low_teachers"] == 4
    assert (a["low_teachers_in_association"], a["low_teachers_in_association_share"]) == (2, 0.5)
    # ta1 attended e1 (100 days ago); ta3 only e3 (400 days ago, outside 365).
    assert (a["low_teachers_at_event"], a["low_teachers_at_event_share"]) == (1, 0.25)
    assert (a["dormant_pairs"], a["low_without_feasible_tutor"]) == (1, 0)
    assert [b[c] for c in counts] == [3, 1, 1, 1]
    assert b["low_with_active_pair_share"] == 0.0 and b["low_teachers"] == 0
    assert math.isnan(float(b["low_teachers_in_association_share"]))
    assert b["low_without_feasible_tutor"] == 1
    assert [total[c] for c in ("schools", "low_schools", "low_with_active_pair")] == [6, 3, 1]
    assert total["dormant_pairs"] == 1
    assert total["low_with_curator_share"] == pytest.approx(1 / 3)
    assert total["low_teachers_at_event_share"] == 0.25
    assert total["low_without_feasible_tutor"] == 1


def test_coverage_takes_the_curators_sheet_too() -> None:
    curators = pd.DataFrame({"curator_id": ["c1"], "full_name": "К", "schools": ["a1;b2"]})
    out = coverage(IDENTIFIED, TEACHERS, as_of=AS_OF, curatorships=curators)
    assert out["low_with_curator"].tolist() == [1, 0, 1]


def test_coverage_without_optional_sheets() -> None:
    out = coverage(IDENTIFIED, TEACHERS, as_of=AS_OF)
    assert out["low_with_active_pair"].sum() == 0
    assert out["low_without_feasible_tutor"].isna().all()
    assert out["municipality"].tolist() == ["А", "Б", TOTAL_ROW]
