"""The catalogue of named queries: every read the services make, in SQL and in Cypher.

Each query returns plain rows with the columns declared in ``columns``; analysis turns them into
pandas frames. The SQL runs on the embedded store's ``nodes``/``edges`` tables (properties as
JSON); the Cypher runs on Neo4j, where properties are native and relationships carry the links.
Parameters are bound (``:name`` in SQL, ``$name`` in Cypher), never formatted into the text.
"""

from __future__ import annotations

from queries.base import NamedQuery, Param, StarRead
from queries.monitoring import MONITORING_QUERIES

__all__ = ["QUERIES"]

_MUNIS = Param("municipalities", "Municipalities to keep (empty: all)", default=None, kind="list")
_MUNI_SQL = (
    "(:municipalities IS NULL OR json_extract({a}.props, '$.municipality') IN "
    "(SELECT value FROM json_each(:municipalities)))"
)


# A school id column (``{col}``) whose school lies in the chosen municipalities.
_SCHOOL_IN_MUNIS_SQL = (
    "(:municipalities IS NULL OR {col} IN (SELECT m.id FROM nodes m WHERE m.label = 'School'"
    " AND json_extract(m.props, '$.municipality') IN"
    " (SELECT value FROM json_each(:municipalities))))"
)


def _j(alias: str, prop: str, col: str | None = None) -> str:
    return f"json_extract({alias}.props, '$.{prop}') AS {col or prop}"


_SCHOOL_PROPS = (
    ("name", "str"),
    ("municipality", "str"),
    ("region", "str"),
    ("settlement_type", "str"),
    ("level", "str"),
    ("lat", "float"),
    ("lon", "float"),
    ("students", "int"),
    ("teachers", "int"),
    ("share_low_income", "float"),
    ("share_parents_higher_ed", "float"),
    ("share_special_needs", "float"),
    ("share_non_native", "float"),
    ("share_single_parent", "float"),
    ("social_index", "float"),
    ("official_low_results", "bool"),
    ("official_unfavourable", "bool"),
    ("official_tutor", "bool"),
    ("tutor_capacity", "int"),
)

SCHOOLS = NamedQuery(
    name="schools",
    title_key="queries.title.schools",
    description="Every school with its profile, social indicators and official flags.",
    columns=(("school_id", "str"), *_SCHOOL_PROPS),
    params=(_MUNIS,),
    sql="SELECT s.id AS school_id, "
    + ", ".join(_j("s", p) for p, _ in _SCHOOL_PROPS)
    + " FROM nodes s WHERE s.label = 'School' AND "
    + _MUNI_SQL.format(a="s")
    + " ORDER BY s.id",
    cypher="""
MATCH (s:School)
WHERE $municipalities IS NULL OR s.municipality IN $municipalities
RETURN s.id AS school_id, s.name AS name, s.municipality AS municipality, s.region AS region,
       s.settlement_type AS settlement_type, s.level AS level, s.lat AS lat, s.lon AS lon,
       s.students AS students, s.teachers AS teachers,
       s.share_low_income AS share_low_income,
       s.share_parents_higher_ed AS share_parents_higher_ed,
       s.share_special_needs AS share_special_needs,
       s.share_non_native AS share_non_native,
       s.share_single_parent AS share_single_parent,
       s.social_index AS social_index,
       s.official_low_results AS official_low_results,
       s.official_unfavourable AS official_unfavourable,
       s.official_tutor AS official_tutor, s.tutor_capacity AS tutor_capacity
ORDER BY school_id
""",
    order_matters=True,
)

# Results come from the typed tables the store keeps beside the graph (graph/sqlite_typed.py):
# one row of facts per HAS_RESULT edge, its year/assessment/subject/grade/metric as a kind.
_RESULT_SCHOOLS = (
    "(:municipalities IS NULL OR f.school_id IN (SELECT s.id FROM nodes s "
    "WHERE s.label = 'School' AND json_extract(s.props, '$.municipality') IN "
    "(SELECT value FROM json_each(:municipalities))))"
)
_FACTS = "FROM result_facts f JOIN result_kinds k ON k.kind = f.kind"

RESULTS = NamedQuery(
    name="results",
    title_key="queries.title.results",
    description="One row per result figure: school, year, assessment, subject, grade, metric.",
    columns=(
        ("school_id", "str"),
        ("year", "int"),
        ("assessment", "str"),
        ("subject", "str"),
        ("grade", "int"),
        ("metric", "str"),
        ("value", "float"),
        ("participants", "int"),
    ),
    params=(_MUNIS,),
    sql="SELECT f.school_id, k.year, k.assessment, k.subject, k.grade, k.metric, f.value, "
    f"f.participants {_FACTS} WHERE " + _RESULT_SCHOOLS,
    star=StarRead(
        facts_sql="SELECT f.school_id, f.kind, f.value, f.participants FROM result_facts f "
        "WHERE " + _RESULT_SCHOOLS,
        dims_sql="SELECT kind, year, assessment, subject, grade, metric FROM result_kinds",
        key="kind",
    ),
    cypher="""
MATCH (s:School)-[:HAS_RESULT]->(r:Result)
WHERE $municipalities IS NULL OR s.municipality IN $municipalities
RETURN s.id AS school_id, r.year AS year, r.assessment AS assessment, r.subject AS subject,
       r.grade AS grade, r.metric AS metric, r.value AS value, r.participants AS participants
""",
)

TEACHERS = NamedQuery(
    name="teachers",
    title_key="queries.title.teachers",
    description="Teachers with their school, subjects, category, experience and deficits.",
    columns=(
        ("teacher_id", "str"),
        ("full_name", "str"),
        ("school_id", "str"),
        ("subjects", "list"),
        ("category", "str"),
        ("experience_years", "int"),
        ("deficits", "list"),
    ),
    params=(
        Param("school_id", "Only the teachers of this school (empty: all)"),
        Param(
            "municipalities",
            "Only the teachers of schools in these municipalities (empty: all)",
            default=None,
            kind="list",
        ),
    ),
    sql="SELECT t.id AS teacher_id, e.dst_id AS school_id, "
    + ", ".join(
        _j("t", p) for p in ("full_name", "subjects", "category", "experience_years", "deficits")
    )
    + " FROM nodes t JOIN edges e ON e.type = 'WORKS_AT' AND e.src_label = 'Teacher'"
    " AND e.src_id = t.id WHERE t.label = 'Teacher'"
    " AND (:school_id IS NULL OR e.dst_id = :school_id)"
    " AND " + _SCHOOL_IN_MUNIS_SQL.format(col="e.dst_id") + " ORDER BY t.id",
    cypher="""
MATCH (t:Teacher)-[:WORKS_AT]->(s:School)
WHERE ($school_id IS NULL OR s.id = $school_id)
  AND ($municipalities IS NULL OR s.municipality IN $municipalities)
RETURN t.id AS teacher_id, t.full_name AS full_name, s.id AS school_id, t.subjects AS subjects,
       t.category AS category, t.experience_years AS experience_years, t.deficits AS deficits
ORDER BY teacher_id
""",
    order_matters=True,
)

CURATORSHIPS = NamedQuery(
    name="curatorships",
    title_key="queries.title.curatorships",
    description="One row per curator and curated school.",
    columns=(
        ("curator_id", "str"),
        ("full_name", "str"),
        ("organisation", "str"),
        ("school_id", "str"),
    ),
    params=(Param("curator_id", "Only this curator (empty: all)"),),
    sql="SELECT c.id AS curator_id, "
    + ", ".join(_j("c", p) for p in ("full_name", "organisation"))
    + ", e.dst_id AS school_id FROM nodes c JOIN edges e ON e.type = 'CURATES'"
    " AND e.src_label = 'Curator' AND e.src_id = c.id"
    " WHERE c.label = 'Curator' AND (:curator_id IS NULL OR c.id = :curator_id)"
    " ORDER BY c.id, e.dst_id",
    cypher="""
MATCH (c:Curator)-[:CURATES]->(s:School)
WHERE $curator_id IS NULL OR c.id = $curator_id
RETURN c.id AS curator_id, c.full_name AS full_name, c.organisation AS organisation,
       s.id AS school_id
ORDER BY curator_id, school_id
""",
    order_matters=True,
)

CURATORS = NamedQuery(
    name="curators",
    title_key="queries.title.curators",
    description="Curators with the number of schools they accompany.",
    columns=(
        ("curator_id", "str"),
        ("full_name", "str"),
        ("organisation", "str"),
        ("n_schools", "int"),
    ),
    sql="SELECT c.id AS curator_id, "
    + ", ".join(_j("c", p) for p in ("full_name", "organisation"))
    + ", (SELECT COUNT(*) FROM edges e WHERE e.type = 'CURATES' AND e.src_id = c.id"
    " AND e.src_label = 'Curator') AS n_schools FROM nodes c WHERE c.label = 'Curator'"
    " ORDER BY c.id",
    cypher="""
MATCH (c:Curator)
RETURN c.id AS curator_id, c.full_name AS full_name, c.organisation AS organisation,
       COUNT { (c)-[:CURATES]->(:School) } AS n_schools
ORDER BY curator_id
""",
    order_matters=True,
)

ASSOCIATIONS = NamedQuery(
    name="associations",
    title_key="queries.title.associations",
    description="Associations (district subject groups, clubs, communities) with member counts.",
    columns=(
        ("association_id", "str"),
        ("name", "str"),
        ("kind", "str"),
        ("subject", "str"),
        ("municipality", "str"),
        ("n_members", "int"),
    ),
    sql="SELECT a.id AS association_id, "
    + ", ".join(_j("a", p) for p in ("name", "kind", "subject", "municipality"))
    + ", (SELECT COUNT(*) FROM edges e WHERE e.type = 'MEMBER_OF' AND e.dst_id = a.id"
    " AND e.dst_label = 'Association') AS n_members FROM nodes a WHERE a.label = 'Association'"
    " ORDER BY a.id",
    cypher="""
MATCH (a:Association)
RETURN a.id AS association_id, a.name AS name, a.kind AS kind, a.subject AS subject,
       a.municipality AS municipality, COUNT { (:Teacher)-[:MEMBER_OF]->(a) } AS n_members
ORDER BY association_id
""",
    order_matters=True,
)

MEMBERSHIPS = NamedQuery(
    name="memberships",
    title_key="queries.title.memberships",
    description="Teacher–association memberships.",
    columns=(("teacher_id", "str"), ("association_id", "str")),
    sql="SELECT src_id AS teacher_id, dst_id AS association_id FROM edges WHERE type = 'MEMBER_OF'",
    cypher="""
MATCH (t:Teacher)-[:MEMBER_OF]->(a:Association)
RETURN t.id AS teacher_id, a.id AS association_id
""",
)

_EVENT_COLS = (
    ("event_id", "str"),
    ("title", "str"),
    ("kind", "str"),
    ("date", "date"),
    ("subject", "str"),
    ("format", "str"),
    ("organizer_id", "str"),
    ("municipality", "str"),
    ("partnership_id", "str"),
)

EVENTS = NamedQuery(
    name="events",
    title_key="queries.title.events",
    description="Events with kind, date, organizer and the partnership they serve.",
    columns=_EVENT_COLS,
    sql="SELECT v.id AS event_id, "
    + ", ".join(_j("v", p) for p, _ in _EVENT_COLS[1:-1])
    + ", (SELECT f.dst_id FROM edges f WHERE f.type = 'FOR' AND f.src_id = v.id"
    " AND f.src_label = 'Event' ORDER BY f.dst_id LIMIT 1) AS partnership_id"
    " FROM nodes v WHERE v.label = 'Event' ORDER BY v.id",
    cypher="""
MATCH (v:Event)
OPTIONAL MATCH (v)-[:FOR]->(p:Partnership)
WITH v, min(p.id) AS partnership_id
RETURN v.id AS event_id, v.title AS title, v.kind AS kind, v.date AS date,
       v.subject AS subject, v.format AS format, v.organizer_id AS organizer_id,
       v.municipality AS municipality, partnership_id
ORDER BY event_id
""",
    order_matters=True,
)

PARTICIPATION = NamedQuery(
    name="participation",
    title_key="queries.title.participation",
    description="Who attended which event, in which role.",
    columns=(("event_id", "str"), ("teacher_id", "str"), ("role", "str")),
    params=(
        Param(
            "municipalities",
            "Only teachers of schools in these municipalities (empty: all)",
            default=None,
            kind="list",
        ),
    ),
    sql="SELECT a.dst_id AS event_id, a.src_id AS teacher_id,"
    " json_extract(a.props, '$.role') AS role FROM edges a WHERE a.type = 'ATTENDED'"
    " AND (:municipalities IS NULL OR a.src_id IN (SELECT w.src_id FROM edges w"
    " WHERE w.type = 'WORKS_AT' AND w.src_label = 'Teacher' AND "
    + _SCHOOL_IN_MUNIS_SQL.format(col="w.dst_id")
    + "))",
    # With municipalities, the walk starts at their schools (a municipality's attendances, not
    # a check of every attendance in the country); without, every attendance.
    cypher="""
CALL () {
  MATCH (s:School)
  WHERE s.municipality IN $municipalities
  MATCH (s)<-[:WORKS_AT]-(t:Teacher)
  WITH DISTINCT t
  MATCH (t)-[a:ATTENDED]->(v:Event)
  RETURN v.id AS event_id, t.id AS teacher_id, a.role AS role
  UNION ALL
  MATCH (t:Teacher)-[a:ATTENDED]->(v:Event)
  WHERE $municipalities IS NULL
  RETURN v.id AS event_id, t.id AS teacher_id, a.role AS role
}
RETURN event_id, teacher_id, role
""",
)

EVENT_YEARS = NamedQuery(
    name="event_years",
    title_key="queries.title.event_years",
    description="Events per calendar year of their date (events held in the municipalities "
    "given, or all).",
    columns=(("year", "int"), ("n_events", "int")),
    params=(_MUNIS,),
    sql="SELECT CAST(substr(json_extract(v.props, '$.date'), 1, 4) AS INTEGER) AS year,"
    " COUNT(*) AS n_events FROM nodes v WHERE v.label = 'Event'"
    " AND json_extract(v.props, '$.date') GLOB '[0-9][0-9][0-9][0-9]-*' AND "
    + _MUNI_SQL.format(a="v")
    + " GROUP BY 1 ORDER BY 1",
    cypher="""
MATCH (v:Event)
WHERE v.date =~ '[0-9]{4}-.*'
  AND ($municipalities IS NULL OR v.municipality IN $municipalities)
WITH toInteger(left(v.date, 4)) AS year, count(*) AS n_events
RETURN year, n_events
ORDER BY year
""",
    order_matters=True,
)

PARTNERSHIPS = NamedQuery(
    name="partnerships",
    title_key="queries.title.partnerships",
    description="Partnerships (tutor school, mentee school, status, dates, focus subjects).",
    columns=(
        ("partnership_id", "str"),
        ("tutor_school_id", "str"),
        ("mentee_school_id", "str"),
        ("status", "str"),
        ("start_date", "date"),
        ("end_date", "date"),
        ("focus_subjects", "list"),
    ),
    sql="SELECT p.id AS partnership_id, "
    "(SELECT src_id FROM edges WHERE type = 'TUTOR_IN' AND dst_id = p.id"
    " AND dst_label = 'Partnership') AS tutor_school_id, "
    "(SELECT src_id FROM edges WHERE type = 'MENTEE_IN' AND dst_id = p.id"
    " AND dst_label = 'Partnership') AS mentee_school_id, "
    + ", ".join(_j("p", c) for c in ("status", "start_date", "end_date", "focus_subjects"))
    + " FROM nodes p WHERE p.label = 'Partnership' ORDER BY p.id",
    cypher="""
MATCH (p:Partnership)
OPTIONAL MATCH (t:School)-[:TUTOR_IN]->(p)
WITH p, min(t.id) AS tutor_school_id
OPTIONAL MATCH (m:School)-[:MENTEE_IN]->(p)
WITH p, tutor_school_id, min(m.id) AS mentee_school_id
RETURN p.id AS partnership_id, tutor_school_id, mentee_school_id,
       p.status AS status, p.start_date AS start_date, p.end_date AS end_date,
       p.focus_subjects AS focus_subjects
ORDER BY partnership_id
""",
    order_matters=True,
)

EXCLUSIONS = NamedQuery(
    name="exclusions",
    title_key="queries.title.exclusions",
    description="Tutor–mentee pairs the coordinator rejected in the planner.",
    columns=(
        ("tutor_school_id", "str"),
        ("mentee_school_id", "str"),
        ("reason", "str"),
        ("date", "date"),
    ),
    sql="SELECT src_id AS tutor_school_id, dst_id AS mentee_school_id, "
    + ", ".join(_j("edges", p) for p in ("reason", "date"))
    + " FROM edges WHERE type = 'EXCLUDED_PAIR' ORDER BY src_id, dst_id",
    cypher="""
MATCH (t:School)-[x:EXCLUDED_PAIR]->(m:School)
RETURN t.id AS tutor_school_id, m.id AS mentee_school_id, x.reason AS reason, x.date AS date
ORDER BY tutor_school_id, mentee_school_id
""",
    order_matters=True,
)

MUNICIPALITIES = NamedQuery(
    name="municipalities",
    title_key="queries.title.municipalities",
    description="Municipalities with their region and number of schools.",
    columns=(("municipality", "str"), ("region", "str"), ("n_schools", "int")),
    sql="SELECT m.id AS municipality, json_extract(m.props, '$.region') AS region,"
    " (SELECT COUNT(*) FROM edges e WHERE e.type = 'IN' AND e.dst_label = 'Municipality'"
    " AND e.dst_id = m.id AND e.src_label = 'School') AS n_schools"
    " FROM nodes m WHERE m.label = 'Municipality' ORDER BY m.id",
    cypher="""
MATCH (m:Municipality)
RETURN m.id AS municipality, m.region AS region,
       COUNT { (:School)-[:IN]->(m) } AS n_schools
ORDER BY municipality
""",
    order_matters=True,
)

BOUNDARIES = NamedQuery(
    name="boundaries",
    title_key="queries.title.boundaries",
    description="Municipalities that have a boundary: its GeoJSON geometry text (WGS 84).",
    columns=(("municipality", "str"), ("region", "str"), ("boundary", "str")),
    sql="SELECT m.id AS municipality, json_extract(m.props, '$.region') AS region,"
    " json_extract(m.props, '$.boundary') AS boundary"
    " FROM nodes m WHERE m.label = 'Municipality'"
    " AND json_extract(m.props, '$.boundary') IS NOT NULL ORDER BY m.id",
    cypher="""
MATCH (m:Municipality)
WHERE m.boundary IS NOT NULL
RETURN m.id AS municipality, m.region AS region, m.boundary AS boundary
ORDER BY municipality
""",
    order_matters=True,
)

TRAVEL_TIMES = NamedQuery(
    name="travel_times",
    title_key="queries.title.travel_times",
    description="Travel minutes between two schools, by road or by public transport.",
    columns=(
        ("school_id", "str"),
        ("other_school_id", "str"),
        ("mode", "str"),
        ("minutes", "float"),
    ),
    sql="SELECT src_id AS school_id, dst_id AS other_school_id,"
    " CASE type WHEN 'TRAVEL_ROAD' THEN 'road' ELSE 'public_transport' END AS mode,"
    " json_extract(props, '$.minutes') AS minutes"
    " FROM edges WHERE type IN ('TRAVEL_ROAD', 'TRAVEL_PUBLIC_TRANSPORT')"
    " ORDER BY school_id, other_school_id, mode",
    cypher="""
MATCH (a:School)-[r:TRAVEL_ROAD|TRAVEL_PUBLIC_TRANSPORT]->(b:School)
RETURN a.id AS school_id, b.id AS other_school_id,
       CASE type(r) WHEN 'TRAVEL_ROAD' THEN 'road' ELSE 'public_transport' END AS mode,
       r.minutes AS minutes
ORDER BY school_id, other_school_id, mode
""",
    order_matters=True,
)

NODE_COUNTS = NamedQuery(
    name="node_counts",
    title_key="queries.title.node_counts",
    description="How many nodes of each kind the store holds.",
    columns=(("label", "str"), ("n", "int")),
    sql="SELECT label, COUNT(*) AS n FROM nodes GROUP BY label ORDER BY label",
    cypher="""
MATCH (n)
WHERE NOT n:SchoolnetMeta
WITH labels(n)[0] AS label, count(*) AS n
RETURN label, n
ORDER BY label
""",
    order_matters=True,
)

SCHOOL_EVENTS = NamedQuery(
    name="school_events",
    title_key="queries.title.school_events",
    description="Events a school organized or its teachers attended, newest first.",
    columns=(
        ("event_id", "str"),
        ("title", "str"),
        ("kind", "str"),
        ("date", "date"),
        ("n_teachers", "int"),
        ("organized", "bool"),
    ),
    params=(Param("school_id", "The school", default=""),),
    sql="WITH att AS (SELECT a.dst_id AS event_id, COUNT(*) AS n FROM edges w"
    " JOIN edges a ON a.type = 'ATTENDED' AND a.src_id = w.src_id AND a.src_label = 'Teacher'"
    " WHERE w.type = 'WORKS_AT' AND w.dst_id = :school_id GROUP BY a.dst_id),"
    " org AS (SELECT dst_id AS event_id FROM edges WHERE type = 'ORGANIZED'"
    " AND src_label = 'School' AND src_id = :school_id),"
    " ids AS (SELECT event_id FROM att UNION SELECT event_id FROM org)"
    " SELECT v.id AS event_id, "
    + ", ".join(_j("v", p) for p in ("title", "kind", "date"))
    + ", COALESCE((SELECT n FROM att WHERE att.event_id = v.id), 0) AS n_teachers,"
    " EXISTS (SELECT 1 FROM org WHERE org.event_id = v.id) AS organized"
    " FROM ids JOIN nodes v ON v.label = 'Event' AND v.id = ids.event_id"
    " ORDER BY date DESC, event_id",
    cypher="""
MATCH (s:School {id: $school_id})
CALL (s) {
  MATCH (s)<-[:WORKS_AT]-(:Teacher)-[:ATTENDED]->(v:Event) RETURN v
  UNION
  MATCH (s)-[:ORGANIZED]->(v:Event) RETURN v
}
WITH s, v
RETURN v.id AS event_id, v.title AS title, v.kind AS kind, v.date AS date,
       COUNT { (s)<-[:WORKS_AT]-(:Teacher)-[:ATTENDED]->(v) } AS n_teachers,
       EXISTS { (s)-[:ORGANIZED]->(v) } AS organized
ORDER BY date DESC, event_id
""",
    order_matters=True,
)

RESULT_YEARS = NamedQuery(
    name="result_years",
    title_key="queries.title.result_years",
    description="Per year of results: how many schools have a result and how many figures.",
    columns=(("year", "int"), ("n_schools", "int"), ("n_rows", "int")),
    sql="SELECT k.year AS year, COUNT(DISTINCT f.school_id) AS n_schools, COUNT(*) AS n_rows "
    f"{_FACTS} GROUP BY 1 ORDER BY 1",
    cypher="""
MATCH (s:School)-[:HAS_RESULT]->(r:Result)
RETURN r.year AS year, count(DISTINCT s) AS n_schools, count(*) AS n_rows
ORDER BY year
""",
    order_matters=True,
)

RESULT_ASSESSMENTS = NamedQuery(
    name="result_assessments",
    title_key="queries.title.result_assessments",
    description="Per assessment: schools with a result, figures, first and last year.",
    columns=(
        ("assessment", "str"),
        ("n_schools", "int"),
        ("n_rows", "int"),
        ("first_year", "int"),
        ("last_year", "int"),
    ),
    sql="SELECT k.assessment AS assessment, COUNT(DISTINCT f.school_id) AS n_schools, "
    "COUNT(*) AS n_rows, MIN(k.year) AS first_year, MAX(k.year) AS last_year "
    f"{_FACTS} GROUP BY 1 ORDER BY 1",
    cypher="""
MATCH (s:School)-[:HAS_RESULT]->(r:Result)
RETURN r.assessment AS assessment, count(DISTINCT s) AS n_schools, count(*) AS n_rows,
       min(r.year) AS first_year, max(r.year) AS last_year
ORDER BY assessment
""",
    order_matters=True,
)

QUERIES: tuple[NamedQuery, ...] = (
    SCHOOLS,
    RESULTS,
    TEACHERS,
    CURATORSHIPS,
    CURATORS,
    ASSOCIATIONS,
    MEMBERSHIPS,
    EVENTS,
    PARTICIPATION,
    EVENT_YEARS,
    PARTNERSHIPS,
    EXCLUSIONS,
    MUNICIPALITIES,
    BOUNDARIES,
    TRAVEL_TIMES,
    NODE_COUNTS,
    SCHOOL_EVENTS,
    RESULT_YEARS,
    RESULT_ASSESSMENTS,
    *MONITORING_QUERIES,
)
