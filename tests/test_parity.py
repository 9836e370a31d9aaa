"""Parity: every named query gives the same answer on the embedded store and on Neo4j.

Both stores get the same data: a small hand-built graph with every node and edge kind, every
property type (strings, ints, floats, booleans, lists, dates) and missing values. Every query
of :func:`queries.all_queries` runs with representative parameters on both; answers must be
equal (order-insensitive unless the query says order matters; floats within a tolerance). A
query with no SQL or no Cypher text fails, and so does a query whose parameters here never
return a row: add a parameter set to ``PARAMS`` that does.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from graph.embedded import EmbeddedStore
from graph.model import (
    Association,
    Curator,
    Edge,
    Event,
    EventFormat,
    EventKind,
    Indicator,
    Level,
    Metric,
    Municipality,
    Node,
    NodeRef,
    Partnership,
    PartnershipStatus,
    Region,
    Result,
    RoadmapItem,
    RoadmapStatus,
    School,
    SettlementType,
    Staffing,
    Target,
    Teacher,
    result_id,
    staffing_id,
    target_id,
)
from graph.store import Store
from queries import NamedQuery, all_queries

# Parameter sets per query; a query not listed runs with its defaults only.
PARAMS: dict[str, list[dict[str, Any]]] = {
    "schools": [{}, {"municipalities": ["Озёрск"]}, {"municipalities": ["Озёрск", "Нет такого"]}],
    "results": [{}, {"municipalities": ["Лесной район"]}, {"municipalities": []}],
    "teachers": [
        {},
        {"school_id": "s1"},
        {"school_id": "s404"},
        {"municipalities": ["Озёрск"]},
        {"municipalities": ["Озёрск"], "school_id": "s1"},
        {"municipalities": []},
    ],
    "participation": [{}, {"municipalities": ["Озёрск"]}, {"municipalities": ["Нет такого"]}],
    "event_years": [{}, {"municipalities": ["Озёрск"]}, {"municipalities": ["Нет такого"]}],
    "curatorships": [{}, {"curator_id": "c1"}],
    "school_events": [{}, {"school_id": "s1"}, {"school_id": "s2"}, {"school_id": "s5"}],
}


# --- the hand-built graph ----------------------------------------------------------------------
def _ref(label: str, id: str) -> NodeRef:
    return NodeRef(label, id)


def rich_graph() -> tuple[list[Node], list[Edge]]:
    """Every node and edge kind, every property type, missing values, odd text."""
    nodes: list[Node] = [
        Region(id="r1", name="Тестовая область"),
        Municipality(
            id="Озёрск",
            name="Озёрск",
            region="Тестовая область",
            boundary='{"type":"Polygon","coordinates":[[[37.5,55.7],[37.7,55.7],[37.6,55.8],'
            "[37.5,55.7]]]}",
        ),
        Municipality(id="Лесной район", name="Лесной район", region="Тестовая область"),
        Municipality(id="Пустой район", name="Пустой район"),  # no region, no schools
    ]
    edges: list[Edge] = [
        Edge(type="IN", src=_ref("Municipality", "Озёрск"), dst=_ref("Region", "r1")),
        Edge(type="IN", src=_ref("Municipality", "Лесной район"), dst=_ref("Region", "r1")),
    ]
    schools = [
        School(
            id="s1",
            name="МБОУ «СОШ №1» ёлка",
            municipality="Озёрск",
            region="Тестовая область",
            settlement_type=SettlementType.city,
            level=Level.secondary,
            lat=55.75,
            lon=37.61,
            students=812,
            teachers=54,
            share_low_income=12.5,
            share_parents_higher_ed=48.0,
            share_special_needs=3.25,
            share_non_native=0.0,
            share_single_parent=17.5,
            social_index=0.731,
            official_tutor=True,
            tutor_capacity=3,
        ),
        School(
            id="s2",
            name="МКОУ ООШ с. Берёзовка",
            municipality="Лесной район",
            settlement_type=SettlementType.village,
            level=Level.basic,
            lat=54.1,
            lon=38.2,
            students=64,
            share_low_income=41.0,
            official_low_results=True,
            official_unfavourable=True,
        ),
        School(
            id="s3",
            name="Вечерняя школа",
            municipality="Лесной район",
            level=Level.evening,
            social_index=-1.5,
            tutor_capacity=0,
        ),
        School(id="s4", name="Начальная школа", municipality="Озёрск", level=Level.primary),
        # No IN edge: the school still counts (its municipality is a property).
        School(id="s5", name="'}) DETACH DELETE n //", municipality="Озёрск", students=0),
    ]
    nodes += schools
    for s in schools[:4]:
        edges.append(
            Edge(type="IN", src=s.ref(), dst=_ref("Municipality", s.municipality)),
        )
    teachers = [
        Teacher(
            id="t1",
            full_name="Иванова Анна Петровна",
            school_id="s1",
            subjects=["Математика", "Физика"],
            category="высшая",
            experience_years=25,
            deficits=[],
        ),
        Teacher(
            id="t2",
            full_name="Петров Пётр",
            school_id="s2",
            subjects=["Русский язык"],
            experience_years=2,
            deficits=["ФГОС", "оценивание"],
        ),
        Teacher(id="t3", full_name="Сидорова С. С.", school_id="s2"),
        Teacher(id="t4", full_name="Без мероприятий", school_id="s3", subjects=["История"]),
    ]
    nodes += teachers
    edges += [Edge(type="WORKS_AT", src=t.ref(), dst=_ref("School", t.school_id)) for t in teachers]
    edges.append(Edge(type="MENTORS", src=_ref("Teacher", "t1"), dst=_ref("Teacher", "t2")))
    nodes += [
        Curator(id="c1", full_name="Куратор Один", organisation="ИМЦ Озёрск"),
        Curator(id="c2", full_name="Куратор Два"),
        Curator(id="c3", full_name="Куратор без школ", organisation="РУО"),
    ]
    edges += [
        Edge(
            type="CURATES",
            src=_ref("Curator", "c1"),
            dst=_ref("School", "s2"),
            props={"since": "2024-09-01"},
        ),
        Edge(type="CURATES", src=_ref("Curator", "c1"), dst=_ref("School", "s3")),
        Edge(
            type="CURATES",
            src=_ref("Curator", "c2"),
            dst=_ref("School", "s2"),
            props={"since": "2025-01-15"},
        ),
    ]
    nodes += [
        Association(
            id="a1",
            name="РМО учителей математики",
            kind="РМО",
            subject="Математика",
            municipality="Озёрск",
        ),
        Association(id="a2", name="Клуб молодых педагогов", kind="клуб"),
    ]
    edges += [
        Edge(type="MEMBER_OF", src=_ref("Teacher", "t1"), dst=_ref("Association", "a1")),
        Edge(type="MEMBER_OF", src=_ref("Teacher", "t2"), dst=_ref("Association", "a1")),
        Edge(type="MEMBER_OF", src=_ref("Teacher", "t2"), dst=_ref("Association", "a2")),
    ]
    p1 = Partnership(
        id="p1",
        tutor_school_id="s1",
        mentee_school_id="s2",
        status=PartnershipStatus.active,
        start_date=dt.date(2024, 9, 1),
        focus_subjects=["Математика", "Русский язык"],
    )
    p2 = Partnership(
        id="p2",
        tutor_school_id="s1",
        mentee_school_id="s3",
        status=PartnershipStatus.closed,
        start_date=dt.date(2023, 9, 1),
        end_date=dt.date(2024, 6, 30),
    )
    # Only the tutor side is linked yet: the mentee column is empty on both stores.
    p3 = Partnership(id="p3", tutor_school_id="s4", mentee_school_id="s5")
    nodes += [p1, p2, p3]
    edges += [
        Edge(type="TUTOR_IN", src=_ref("School", "s1"), dst=p1.ref()),
        Edge(type="MENTEE_IN", src=_ref("School", "s2"), dst=p1.ref()),
        Edge(type="TUTOR_IN", src=_ref("School", "s1"), dst=p2.ref()),
        Edge(type="MENTEE_IN", src=_ref("School", "s3"), dst=p2.ref()),
        Edge(type="TUTOR_IN", src=_ref("School", "s4"), dst=p3.ref()),
    ]
    events = [
        Event(
            id="e1",
            title="Семинар по ФГОС",
            kind=EventKind.seminar,
            date=dt.date(2025, 10, 1),
            subject="Математика",
            format=EventFormat.offline,
            organizer_id="s1",
            municipality="Озёрск",
            partnership_id="p1",
        ),
        Event(
            id="e2",
            title="Вебинар",
            kind=EventKind.webinar,
            date=dt.date(2025, 11, 12),
            format=EventFormat.online,
            organizer_id="a1",
            roadmap_item_id="R1",
        ),
        Event(
            id="e3",
            title="Открытый урок",
            kind=EventKind.open_lesson,
            date=dt.date(2025, 11, 12),
            organizer_id="s2",
            partnership_id="p1",
        ),
        Event(
            id="e4", title="Консультация", kind=EventKind.consultation, date=dt.date(2024, 2, 29)
        ),
        Event(
            id="e5",
            title="Курсы ПК",
            kind=EventKind.course,
            date=dt.date(2025, 3, 3),
            subject="Физика",
        ),
    ]
    nodes += events
    edges += [
        Edge(type="ORGANIZED", src=_ref("School", "s1"), dst=_ref("Event", "e1")),
        Edge(type="ORGANIZED", src=_ref("Association", "a1"), dst=_ref("Event", "e2")),
        Edge(type="ORGANIZED", src=_ref("School", "s2"), dst=_ref("Event", "e3")),
        Edge(type="ORGANIZED", src=_ref("School", "s5"), dst=_ref("Event", "e5")),
        Edge(type="FOR", src=_ref("Event", "e1"), dst=p1.ref()),
        Edge(type="FOR", src=_ref("Event", "e3"), dst=p1.ref()),
        Edge(type="FOR", src=_ref("Event", "e4"), dst=p2.ref()),
        Edge(
            type="ATTENDED",
            src=_ref("Teacher", "t1"),
            dst=_ref("Event", "e1"),
            props={"role": "speaker"},
        ),
        Edge(
            type="ATTENDED",
            src=_ref("Teacher", "t2"),
            dst=_ref("Event", "e1"),
            props={"role": "participant"},
        ),
        Edge(type="ATTENDED", src=_ref("Teacher", "t3"), dst=_ref("Event", "e1")),
        Edge(
            type="ATTENDED",
            src=_ref("Teacher", "t2"),
            dst=_ref("Event", "e2"),
            props={"role": "participant"},
        ),
        Edge(
            type="ATTENDED",
            src=_ref("Teacher", "t3"),
            dst=_ref("Event", "e3"),
            props={"role": "organizer"},
        ),
        Edge(type="ATTENDED", src=_ref("Teacher", "t1"), dst=_ref("Event", "e4")),
    ]
    results = []
    for school, grade, metric, value, participants in [
        ("s1", 9, "mean_score", 4.12, 80),
        ("s1", 9, "pass_rate", 97.5, 80),
        ("s1", 11, "mean_score", 71.0, None),
        ("s2", 9, "mean_score", 3.05, 7),
        ("s2", 9, "low_share", 28.6, 7),
        ("s2", None, "high_share", 0.0, None),
        ("s3", 9, "mean_score", 3.3, 12),
        ("s5", 4, "pass_rate", 88.0, 25),  # a school without an IN edge
    ]:
        for year in (2023, 2024):
            assessment = "ОГЭ" if grade == 9 else ("ЕГЭ" if grade == 11 else "ВПР")
            results.append(
                Result(
                    id=result_id(school, year, assessment, "Математика", grade, metric),
                    school_id=school,
                    year=year,
                    assessment=assessment,
                    subject="Математика",
                    grade=grade,
                    metric=Metric(metric),
                    value=value + (year - 2023) / 10,
                    participants=participants,
                )
            )
    nodes += results
    edges += [
        Edge(type="HAS_RESULT", src=_ref("School", r.school_id), dst=r.ref()) for r in results
    ]
    edges.append(
        Edge(
            type="EXCLUDED_PAIR",
            src=_ref("School", "s4"),
            dst=_ref("School", "s2"),
            props={"reason": "далеко, «нет дороги»", "date": "2025-10-02"},
        ),
    )
    edges += [
        Edge(type="TRAVEL_ROAD", src=_ref("School", "s1"), dst=_ref("School", "s2"),
             props={"minutes": 47.5}),
        Edge(type="TRAVEL_PUBLIC_TRANSPORT", src=_ref("School", "s1"), dst=_ref("School", "s2"),
             props={"minutes": 95.0}),
        Edge(type="TRAVEL_ROAD", src=_ref("School", "s4"), dst=_ref("School", "s1"),
             props={"minutes": 12}),  # an int: the model declares a float (12.0)
    ]  # fmt: skip
    nodes += [
        Staffing(
            id=staffing_id("s2", 2025),
            school_id="s2",
            year=2025,
            positions=12.5,
            filled=10.0,
            vacancies=2,
            vacancy_subjects=["Математика", "Физика"],
            psychologists=0.5,
            social_pedagogues=1.0,
        ),
        Staffing(id=staffing_id("s3", 2024), school_id="s3", year=2024, positions=8.0),
        Target(
            id=target_id("trained_teachers", None, 2025),
            indicator=Indicator.trained_teachers,
            year=2025,
            value=60.0,
        ),
        Target(
            id=target_id("trained_teachers", "Озёрск", 2025),
            indicator=Indicator.trained_teachers,
            municipality="Озёрск",
            year=2025,
            value=55.5,
        ),
        RoadmapItem(
            id="R1",
            activity="Вебинары для директоров «обмен опытом»",
            section="Методическое сопровождение",
            deadline=dt.date(2025, 12, 1),
            responsible="ИМЦ",
            expected_result="не менее 4 вебинаров",
            status=RoadmapStatus.in_progress,
        ),
        RoadmapItem(id="R2", activity="Мониторинг", municipality="Озёрск"),
    ]
    edges += [
        Edge(type="HAS_STAFFING", src=_ref("School", "s2"), dst=_ref("Staffing", "s2|2025")),
        Edge(type="HAS_STAFFING", src=_ref("School", "s3"), dst=_ref("Staffing", "s3|2024")),
        Edge(type="CARRIES_OUT", src=_ref("Event", "e2"), dst=_ref("RoadmapItem", "R1")),
        Edge(type="CARRIES_OUT", src=_ref("Event", "e1"), dst=_ref("RoadmapItem", "R1")),
    ]
    return nodes, edges


# --- comparison -------------------------------------------------------------------------------
def _canonical(row: dict[str, Any]) -> str:
    def fix(v: Any) -> Any:
        return round(v, 6) if isinstance(v, float) else v

    return json.dumps({k: fix(v) for k, v in row.items()}, sort_keys=True, ensure_ascii=False)


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


def assert_same_answer(q: NamedQuery, params: dict[str, Any], emb: list[dict], neo: list[dict]):
    if not q.order_matters:
        emb, neo = sorted(emb, key=_canonical), sorted(neo, key=_canonical)
    assert len(emb) == len(neo), (
        f"{q.name}{params}: {len(emb)} rows embedded, {len(neo)} rows neo4j\n"
        f"embedded: {emb[:5]}\nneo4j:    {neo[:5]}"
    )
    for i, (a, b) in enumerate(zip(emb, neo, strict=True)):
        assert a.keys() == b.keys()
        diff = {k: (a[k], b[k]) for k in a if not _same_value(a[k], b[k])}
        assert not diff, f"{q.name}{params} row {i}: (embedded, neo4j) differ in {diff}"


def check_query_parity(q: NamedQuery, embedded: Store, neo4j: Store) -> int:
    """Run ``q`` with every parameter set on both stores; the number of rows seen."""
    rows_seen = 0
    for params in PARAMS.get(q.name, [{}]):
        emb = embedded.query(q.name, **params)
        neo = neo4j.query(q.name, **params)
        assert_same_answer(q, params, emb, neo)
        rows_seen += len(emb)
    return rows_seen


# --- fixtures and tests -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def loaded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, Store]]:
    from tests.neo4j_support import fresh_neo4j_store

    path: Path = tmp_path_factory.mktemp("parity") / "parity.db"
    embedded = EmbeddedStore(path)
    neo4j = fresh_neo4j_store(request)
    nodes, edges = rich_graph()
    for s in (embedded, neo4j):
        with s.unit_of_work() as uow:
            uow.upsert_nodes(nodes)
            uow.upsert_edges(edges)
            uow.commit()
    try:
        yield embedded, neo4j
    finally:
        embedded.close()
        neo4j.close()


@pytest.mark.parametrize("q", all_queries(), ids=lambda q: q.name)
def test_query_has_both_texts(q: NamedQuery) -> None:
    assert q.sql.strip(), f"{q.name} has no SQL text"
    assert q.cypher.strip(), f"{q.name} has no Cypher text"


@pytest.mark.parametrize("q", all_queries(), ids=lambda q: q.name)
def test_query_parity(q: NamedQuery, loaded: tuple[Store, Store]) -> None:
    embedded, neo4j = loaded
    rows = check_query_parity(q, embedded, neo4j)
    assert rows > 0, f"{q.name}: no parameter set returns rows; add one to PARAMS"


def test_parameter_sets_name_real_queries() -> None:
    names = {q.name for q in all_queries()}
    assert set(PARAMS) <= names


def test_graph_round_trips_identically(loaded: tuple[Store, Store]) -> None:
    embedded, neo4j = loaded
    assert embedded.count_nodes() == neo4j.count_nodes()
    assert embedded.count_edges() == neo4j.count_edges()
    assert embedded.nodes() == neo4j.nodes()
    assert embedded.edges() == neo4j.edges()
    kinds = {n.label for n in neo4j.nodes()}
    assert kinds == {
        "Region",
        "Municipality",
        "School",
        "Teacher",
        "Curator",
        "Association",
        "Event",
        "Partnership",
        "Result",
        "Staffing",
        "Target",
        "RoadmapItem",
    }
    from graph.model import EDGE_TYPES

    assert set(neo4j.count_edges()) == set(EDGE_TYPES)
    ref = NodeRef("School", "s2")
    assert embedded.neighbours(ref) == neo4j.neighbours(ref)
    assert embedded.incident_edges([ref]) == neo4j.incident_edges([ref])


def test_rewrite_is_a_noop_with_the_same_stats(loaded: tuple[Store, Store]) -> None:
    nodes, edges = rich_graph()
    stats = [s.write(nodes, edges) for s in loaded]
    assert stats[0].is_noop() and stats[1].is_noop()
    assert stats[0].unchanged == stats[1].unchanged
    assert sum(stats[1].unchanged.values()) == len(nodes) + len(edges)


@pytest.mark.parametrize("name", ["teachers", "participation", "results", "schools"])
def test_municipality_filter_equals_filtering_the_whole(
    name: str, loaded: tuple[Store, Store]
) -> None:
    """The pushed-down municipality filter keeps exactly the rows of schools (or teachers of
    schools) in the chosen municipalities, on both stores."""
    embedded, _ = loaded
    muni = {s.id: str(getattr(s, "municipality", "")) for s in embedded.nodes("School")}
    works = {e.src.id: e.dst.id for e in embedded.edges("WORKS_AT")}
    chosen = "Озёрск"
    for store in loaded:
        whole = store.query_frame(name)
        school = whole["teacher_id"].map(works) if name == "participation" else whole["school_id"]
        expected = whole[school.map(muni) == chosen].reset_index(drop=True)
        got = store.query_frame(name, municipalities=[chosen])
        assert 0 < len(got) < len(whole), (store.backend, name)
        key = [c for c in got.columns if c not in ("subjects", "deficits")]  # lists: no order
        pd.testing.assert_frame_equal(
            got.sort_values(key).reset_index(drop=True),
            expected.sort_values(key).reset_index(drop=True),
            check_dtype=False,  # an int column with no gap left is int64, with one float64
        )


def test_event_years_count_the_events_of_each_year(loaded: tuple[Store, Store]) -> None:
    """The store's count per year equals counting the events' dates, whole and per municipality,
    on both stores."""
    for store in loaded:
        events = store.query_frame("events")
        for munis in (None, ["Озёрск"], ["Лесной район", "Озёрск"]):
            chosen = events if munis is None else events[events["municipality"].isin(munis)]
            expected = pd.Series([d.year for d in chosen["date"] if d is not None]).value_counts()
            got = store.query_frame("event_years", municipalities=munis)
            assert dict(zip(got["year"], got["n_events"], strict=True)) == expected.to_dict()
            assert list(got["year"]) == sorted(got["year"])
        assert store.query_frame("event_years")["n_events"].sum() == len(events) == 5


# --- the imported demo ------------------------------------------------------------------------
def demo_params(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Parameters that hit data in an imported demo: its busiest school, curator, municipality."""
    works = {e.src.id: e.dst.id for e in store.edges("WORKS_AT")}
    busy = Counter(works[e.src.id] for e in store.edges("ATTENDED") if e.src.id in works)
    busy.update(e.src.id for e in store.edges("ORGANIZED") if e.src.label == "School")
    school = busy.most_common(1)[0][0] if busy else ""
    curators = sorted({e.src.id for e in store.edges("CURATES")})
    munis = sorted({str(getattr(n, "municipality", "")) for n in store.nodes("School")})
    return {
        "schools": [{}, {"municipalities": munis[:1]}],
        "results": [{}, {"municipalities": munis[-1:]}],
        "teachers": [{}, {"school_id": school}, {"municipalities": munis[:1]}],
        "participation": [{}, {"municipalities": munis[:1]}],
        "event_years": [{}, {"municipalities": munis[:1]}],
        "curatorships": [{}, {"curator_id": curators[0] if curators else None}],
        "school_events": [{"school_id": school}],
    }


@pytest.fixture(scope="module")
def demo_loaded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, Store]]:
    from services.demo import load_demo
    from tests.neo4j_support import fresh_neo4j_store

    embedded = EmbeddedStore(tmp_path_factory.mktemp("demo") / "demo.db")
    neo4j = fresh_neo4j_store(request)
    reports = [
        load_demo(s, "small", seed=42, as_of=dt.date(2026, 11, 23)) for s in (embedded, neo4j)
    ]
    assert reports[0].stats.added == reports[1].stats.added
    try:
        yield embedded, neo4j
    finally:
        embedded.close()
        neo4j.close()


@pytest.mark.parametrize("q", all_queries(), ids=lambda q: q.name)
def test_query_parity_on_the_small_demo(q: NamedQuery, demo_loaded: tuple[Store, Store]) -> None:
    embedded, neo4j = demo_loaded
    for params in demo_params(embedded).get(q.name, [{}]):
        emb = embedded.query(q.name, **params)
        assert_same_answer(q, params, emb, neo4j.query(q.name, **params))


def test_small_demo_round_trips_identically(demo_loaded: tuple[Store, Store]) -> None:
    embedded, neo4j = demo_loaded
    assert embedded.count_nodes() == neo4j.count_nodes()
    assert embedded.count_edges() == neo4j.count_edges()
    assert embedded.nodes() == neo4j.nodes()
    assert embedded.edges() == neo4j.edges()

