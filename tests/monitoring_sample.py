"""A hand-built region for programme monitoring, with every figure worked out by hand.

Two municipalities: А (a1, a2 ШНОР; a3 a tutor) and Б (b1 ШНОР; b2 a tutor). a2 and b1 are
ШНСУ (official list). As of 15.06.2025, the school year 2025 (2024/25). The expected numbers
are in :data:`EXPECTED_2025` with their numerators and denominators.
"""

from __future__ import annotations

import datetime as dt

from graph.model import (
    Edge,
    Event,
    EventKind,
    Indicator,
    Metric,
    Node,
    NodeRef,
    Partnership,
    PartnershipStatus,
    Result,
    RoadmapItem,
    RoadmapStatus,
    School,
    Staffing,
    Target,
    Teacher,
    result_id,
    staffing_id,
    target_id,
)

AS_OF = dt.date(2025, 6, 15)

# indicator → scope (None: region) → (numerator, denominator, value)
EXPECTED_2025: dict[str, dict[str | None, tuple[float, float | None, float]]] = {
    # ta1 attended a course on 01.03.2023, within 3 years; ta3's course (2021) is too old,
    # tb1's (10.09.2025) is after the as-of day. Teachers of ШНОР: ta1, ta2, ta3, ta4 | tb1.
    "trained_teachers": {"А": (1, 4, 25.0), "Б": (0, 1, 0.0), None: (1, 5, 20.0)},
    # a2: ОГЭ 80 % of 10 + ЕГЭ 90 % of 10 = 17 of 20; b1: ОГЭ low_share 25 % of 20 → 15 of 20.
    # a2's ВПР and a1's ОГЭ (a1 is not ШНСУ) do not count.
    "gia_pass_unfavourable": {"А": (17, 20, 85.0), "Б": (15, 20, 75.0), None: (32, 40, 80.0)},
    # a1 18 of 20, a2 7 of 10 | b1 5 of 5 (a3 is not ШНОР).
    "staffing_filled": {"А": (25, 30, 250 / 3), "Б": (5, 5, 100.0), None: (30, 35, 600 / 7)},
    # a1 has all four specialists, a2 only a psychologist | b1 all four.
    "specialists_present": {"А": (1, 2, 50.0), "Б": (1, 1, 100.0), None: (2, 3, 200 / 3)},
    # P1 (a3→a1) met on 01.03.2025; P2 (b2→b1) last met on 01.03.2024.
    "low_in_working_pair": {"А": (1, 2, 50.0), "Б": (0, 1, 0.0), None: (1, 3, 100 / 3)},
    "municipalities_engaged": {"А": (1, 1, 100.0), "Б": (0, 1, 0.0), None: (1, 2, 50.0)},
    # А: the seminar c4 and the master class j1; Б: the webinar w1 (its organizer is in Б).
    "exchange_events": {"А": (2, None, 2.0), "Б": (1, None, 1.0), None: (3, None, 3.0)},
}
ROADMAP_STATES = {"R1": "done", "R2": "overdue", "R3": "planned", "R4": "in_progress", "R5": "done"}


def _r(label: str, id: str) -> NodeRef:
    return NodeRef(label, id)


def monitoring_graph() -> tuple[list[Node], list[Edge]]:
    nodes: list[Node] = []
    edges: list[Edge] = []
    schools = [
        School(id="a1", name="СОШ а1", municipality="А", official_low_results=True),
        School(
            id="a2",
            name="СОШ а2",
            municipality="А",
            official_low_results=True,
            official_unfavourable=True,
        ),
        School(id="a3", name="Гимназия а3", municipality="А", official_tutor=True),
        School(
            id="b1",
            name="ООШ б1",
            municipality="Б",
            official_low_results=True,
            official_unfavourable=True,
        ),
        School(id="b2", name="Лицей б2", municipality="Б", official_tutor=True),
    ]
    nodes += schools

    def result(
        school: str,
        year: int,
        assessment: str,
        grade: int,
        metric: str,
        value: float,
        participants: int,
    ) -> None:
        rid = result_id(school, year, assessment, "Математика", grade, metric)
        nodes.append(
            Result(
                id=rid,
                school_id=school,
                year=year,
                assessment=assessment,
                subject="Математика",
                grade=grade,
                metric=Metric(metric),
                value=value,
                participants=participants,
            )
        )
        edges.append(Edge(type="HAS_RESULT", src=_r("School", school), dst=_r("Result", rid)))

    for year, values in ((2024, (10, 20, 30, 40, 50)), (2025, (20, 10, 30, 40, 50))):
        for school, value in zip(("a1", "a2", "a3", "b1", "b2"), values, strict=True):
            result(school, year, "ВПР", 4, "pass_rate", value, 100)
    result("a2", 2025, "ОГЭ", 9, "pass_rate", 80, 10)
    result("a2", 2025, "ЕГЭ", 11, "pass_rate", 90, 10)
    result("b1", 2025, "ОГЭ", 9, "low_share", 25, 20)
    result("a1", 2025, "ОГЭ", 9, "pass_rate", 50, 10)

    for tid, school in (
        ("ta1", "a1"),
        ("ta2", "a1"),
        ("ta3", "a2"),
        ("ta4", "a2"),
        ("tb1", "b1"),
        ("tt1", "a3"),
    ):
        nodes.append(Teacher(id=tid, full_name=f"Педагог {tid}", school_id=school))
        edges.append(Edge(type="WORKS_AT", src=_r("Teacher", tid), dst=_r("School", school)))

    pairs = [
        Partnership(
            id="P1",
            tutor_school_id="a3",
            mentee_school_id="a1",
            status=PartnershipStatus.active,
            start_date=dt.date(2024, 9, 1),
        ),
        Partnership(
            id="P2",
            tutor_school_id="b2",
            mentee_school_id="b1",
            status=PartnershipStatus.active,
            start_date=dt.date(2024, 1, 1),
        ),
    ]
    nodes += pairs
    for p in pairs:
        edges.append(Edge(type="TUTOR_IN", src=_r("School", p.tutor_school_id), dst=p.ref()))
        edges.append(Edge(type="MENTEE_IN", src=_r("School", p.mentee_school_id), dst=p.ref()))

    events = [
        ("c1", EventKind.course, dt.date(2023, 3, 1), None, None, None, ["ta1"]),
        ("c2", EventKind.course, dt.date(2021, 5, 1), None, None, None, ["ta3"]),
        ("c3", EventKind.course, dt.date(2025, 9, 10), None, None, None, ["tb1"]),
        ("c4", EventKind.seminar, dt.date(2025, 2, 1), "А", None, None, ["ta4"]),
        ("w1", EventKind.webinar, dt.date(2024, 10, 10), None, "b2", None, []),
        ("j1", EventKind.master_class, dt.date(2025, 3, 1), "А", "a3", "P1", []),
        ("j2", EventKind.consultation, dt.date(2024, 3, 1), "Б", None, "P2", []),
    ]
    for eid, kind, day, muni, org, pair, attendees in events:
        item = "R1" if eid == "j1" else None
        nodes.append(
            Event(
                id=eid,
                title=f"Мероприятие {eid}",
                kind=kind,
                date=day,
                municipality=muni,
                organizer_id=org,
                partnership_id=pair,
                roadmap_item_id=item,
            )
        )
        if org:
            edges.append(Edge(type="ORGANIZED", src=_r("School", org), dst=_r("Event", eid)))
        if pair:
            edges.append(Edge(type="FOR", src=_r("Event", eid), dst=_r("Partnership", pair)))
        if item:
            edges.append(
                Edge(type="CARRIES_OUT", src=_r("Event", eid), dst=_r("RoadmapItem", item))
            )
        for tid in attendees:
            edges.append(
                Edge(
                    type="ATTENDED",
                    src=_r("Teacher", tid),
                    dst=_r("Event", eid),
                    props={"role": "participant"},
                )
            )

    staffing: list[tuple[str, float, float, tuple[float | None, ...]]] = [
        ("a1", 20, 18, (1, 1, 1, 1)),
        ("a2", 10, 7, (1, None, None, None)),
        ("b1", 5, 5, (0.5, 0.5, 0.5, 0.5)),
        ("a3", 30, 30, (None, None, None, None)),
    ]
    for school, positions, filled, (ps, sp, de, so) in staffing:
        sid = staffing_id(school, 2025)
        nodes.append(
            Staffing(
                id=sid,
                school_id=school,
                year=2025,
                positions=positions,
                filled=filled,
                psychologists=ps,
                speech_therapists=sp,
                defectologists=de,
                social_pedagogues=so,
            )
        )
        edges.append(Edge(type="HAS_STAFFING", src=_r("School", school), dst=_r("Staffing", sid)))

    for indicator, muni, goal in (
        ("trained_teachers", None, 30.0),
        ("trained_teachers", "Б", 10.0),
        ("staffing_filled", None, 85.0),
    ):
        nodes.append(
            Target(
                id=target_id(indicator, muni, 2025),
                indicator=Indicator(indicator),
                municipality=muni,
                year=2025,
                value=goal,
            )
        )

    nodes += [
        RoadmapItem(
            id="R1",
            activity="Мастер-классы школ-тьюторов",
            section="1",
            deadline=dt.date(2025, 3, 1),
            responsible="ИМЦ",
        ),
        RoadmapItem(
            id="R2", activity="Семинар директоров", section="1", deadline=dt.date(2025, 5, 1)
        ),
        RoadmapItem(
            id="R3", activity="Мониторинговый отчёт", section="2", deadline=dt.date(2025, 12, 1)
        ),
        RoadmapItem(
            id="R4",
            activity="Консультации кураторов",
            section="2",
            status=RoadmapStatus.in_progress,
        ),
        RoadmapItem(
            id="R5",
            activity="Совещание в Б",
            deadline=dt.date(2025, 1, 1),
            status=RoadmapStatus.done,
            municipality="Б",
        ),
    ]
    return nodes, edges
