"""Named queries of programme monitoring: staffing, targets, the road map and its events.

Same conventions as :mod:`queries.catalog`: SQL over the embedded ``nodes``/``edges`` tables,
literal Cypher for Neo4j, the same columns from both.
"""

from __future__ import annotations

from queries.base import NamedQuery

__all__ = ["MONITORING_QUERIES"]


def _j(alias: str, prop: str) -> str:
    return f"json_extract({alias}.props, '$.{prop}') AS {prop}"


_STAFFING_COLS = (
    ("positions", "float"),
    ("filled", "float"),
    ("vacancies", "int"),
    ("vacancy_subjects", "list"),
    ("psychologists", "float"),
    ("speech_therapists", "float"),
    ("defectologists", "float"),
    ("social_pedagogues", "float"),
)

STAFFING = NamedQuery(
    name="staffing",
    title_key="monitoring.query.staffing",
    description="A school's positions, filled positions, vacancies and specialists per year.",
    columns=(("school_id", "str"), ("year", "int"), *_STAFFING_COLS),
    sql="SELECT e.src_id AS school_id, "
    + ", ".join(_j("n", p) for p in ("year", *(c for c, _ in _STAFFING_COLS)))
    + " FROM edges e JOIN nodes n ON n.label = 'Staffing' AND n.id = e.dst_id"
    " WHERE e.type = 'HAS_STAFFING' ORDER BY e.src_id, year",
    cypher="""
MATCH (s:School)-[:HAS_STAFFING]->(n:Staffing)
RETURN s.id AS school_id, n.year AS year, n.positions AS positions, n.filled AS filled,
       n.vacancies AS vacancies, n.vacancy_subjects AS vacancy_subjects,
       n.psychologists AS psychologists, n.speech_therapists AS speech_therapists,
       n.defectologists AS defectologists, n.social_pedagogues AS social_pedagogues
ORDER BY school_id, year
""",
    order_matters=True,
)

TARGETS = NamedQuery(
    name="targets",
    title_key="monitoring.query.targets",
    description="Target value of each programme indicator per municipality (empty: region).",
    columns=(("indicator", "str"), ("municipality", "str"), ("year", "int"), ("value", "float")),
    sql="SELECT "
    + ", ".join(_j("n", p) for p in ("indicator", "municipality", "year", "value"))
    + " FROM nodes n WHERE n.label = 'Target' ORDER BY n.id",
    cypher="""
MATCH (n:Target)
RETURN n.indicator AS indicator, n.municipality AS municipality, n.year AS year,
       n.value AS value
ORDER BY n.id
""",
    order_matters=True,
)

_ROADMAP_COLS = (
    ("activity", "str"),
    ("section", "str"),
    ("deadline", "date"),
    ("periodicity", "str"),
    ("responsible", "str"),
    ("expected_result", "str"),
    ("status", "str"),
    ("municipality", "str"),
)

ROADMAP = NamedQuery(
    name="roadmap",
    title_key="monitoring.query.roadmap",
    description="The programme's road map: activity, section, deadline, responsible, status.",
    columns=(("item_id", "str"), *_ROADMAP_COLS),
    sql="SELECT n.id AS item_id, "
    + ", ".join(_j("n", p) for p, _ in _ROADMAP_COLS)
    + " FROM nodes n WHERE n.label = 'RoadmapItem' ORDER BY n.id",
    cypher="""
MATCH (n:RoadmapItem)
RETURN n.id AS item_id, n.activity AS activity, n.section AS section, n.deadline AS deadline,
       n.periodicity AS periodicity, n.responsible AS responsible,
       n.expected_result AS expected_result, n.status AS status, n.municipality AS municipality
ORDER BY item_id
""",
    order_matters=True,
)

ROADMAP_EVENTS = NamedQuery(
    name="roadmap_events",
    title_key="monitoring.query.roadmap_events",
    description="Events that carry out a road-map item, with their date and kind.",
    columns=(
        ("item_id", "str"),
        ("event_id", "str"),
        ("date", "date"),
        ("kind", "str"),
        ("title", "str"),
    ),
    sql="SELECT c.dst_id AS item_id, v.id AS event_id, "
    + ", ".join(_j("v", p) for p in ("date", "kind", "title"))
    + " FROM edges c JOIN nodes v ON v.label = 'Event' AND v.id = c.src_id"
    " WHERE c.type = 'CARRIES_OUT' ORDER BY item_id, date, event_id",
    cypher="""
MATCH (v:Event)-[:CARRIES_OUT]->(n:RoadmapItem)
RETURN n.id AS item_id, v.id AS event_id, v.date AS date, v.kind AS kind, v.title AS title
ORDER BY item_id, date, event_id
""",
    order_matters=True,
)

MONITORING_QUERIES: tuple[NamedQuery, ...] = (STAFFING, TARGETS, ROADMAP, ROADMAP_EVENTS)
