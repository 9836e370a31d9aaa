"""Files for ``neo4j-admin database import full``: their shape, and a real import round trip."""

from __future__ import annotations

import csv
from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.model import Edge, NodeRef, School, Teacher
from graph.neo4j_bulk import write_admin_import
from graph.neo4j_store import Neo4jStore
from graph.records import edge_row, node_row
from tests.neo4j_support import imported_server
from tests.test_parity import rich_graph


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_headers_carry_id_spaces_and_property_types(tmp_path: Path) -> None:
    nodes = [
        School(id="1", name='«СОШ» "Ёлка"\nкорпус 2', municipality="М", students=10, lat=55.5),
        School(id="2", name="Школа", municipality="М", official_tutor=True),
        Teacher(id="T1", full_name="Иванова", school_id="1", subjects=["Математика", "Физика"]),
    ]
    edges = [Edge(type="WORKS_AT", src=NodeRef("Teacher", "T1"), dst=NodeRef("School", "1"))]
    job = write_admin_import(nodes, edges, tmp_path)
    assert (job.nodes, job.relationships) == (3, 1)
    school = _read(job.node_files["School"])
    header = dict(zip(school[0], school[1], strict=True))
    assert school[0][0] == "id:ID(School)" and ":LABEL" not in school[0]  # --nodes=School=...
    assert header["students:long"] == "10" and header["lat:double"] == "55.5"
    assert header["name:string"] == '«СОШ» "Ёлка"\nкорпус 2'
    assert dict(zip(school[0], school[2], strict=True))["official_tutor:boolean"] == "true"
    teacher = dict(zip(*_read(job.node_files["Teacher"])[:2], strict=True))
    assert teacher["subjects:string[]"] == "Математика;Физика"
    rel_shape = ("WORKS_AT", "Teacher", "School")
    rel = _read(job.relationship_files[rel_shape])
    assert rel == [[":START_ID(Teacher)", ":END_ID(School)"], ["T1", "1"]]
    args = job.arguments()
    assert args[:4] == ["database", "import", "full", "neo4j"]
    assert f"--nodes=School={job.node_files['School']}" in args
    assert "--relationships=WORKS_AT=" + str(job.relationship_files[rel_shape]) in args
    # only the file with a line break in a value is read as multiline
    assert job.multiline == {job.node_files["School"]}
    assert f"--multiline-fields={job.node_files['School']}" in args


def test_missing_values_leave_no_property(tmp_path: Path) -> None:
    job = write_admin_import([School(id="1", name="Ш", municipality="М")], [], tmp_path)
    text = job.node_files["School"].read_text(encoding="utf-8").splitlines()
    header = "id:ID(School),municipality:string,name:string,official_low_results:boolean"
    assert text[0].startswith(header)
    assert text[1].startswith('"1","М","Ш",false')
    assert ",," not in text[1]  # no lat, lon, students...: those columns are not there at all


def test_admin_import_round_trips_the_graph(tmp_path: Path) -> None:
    """neo4j-admin (Maven Central jars) builds a database that reads back the same graph."""
    from services.bulk_neo4j import ARGS_FILE

    nodes, edges = rich_graph()
    job = write_admin_import(nodes, edges, tmp_path / "import")
    (job.directory / ARGS_FILE).write_text("\n".join(job.arguments()) + "\n", encoding="utf-8")
    with imported_server(job.directory, tmp_path / "state") as uri:
        reference = EmbeddedStore(tmp_path / "reference.db")
        reference.write(nodes, edges)
        with Neo4jStore(uri, user=None) as neo4j:
            assert neo4j.count_nodes() == reference.count_nodes()
            assert neo4j.nodes() == reference.nodes()
            assert neo4j.edges() == reference.edges()
            for name in ("schools", "teachers", "events", "partnerships"):
                assert neo4j.query(name) == reference.query(name)
            stats = neo4j.write(nodes, edges)  # the counter works; a rewrite changes nothing
            assert stats.is_noop()
        reference.close()


def test_property_types_come_from_the_model_not_the_values(tmp_path: Path) -> None:
    """A float property whose values are all whole stays a float (``double``), on nodes and
    on edges: the model declares the type, the values do not guess it."""
    nodes = [School(id="1", name="Ш", municipality="М", lat=55, lon=37, students=10)]
    a, b = NodeRef("School", "1"), NodeRef("School", "2")
    edges = [Edge(type="TRAVEL_ROAD", src=a, dst=b, props={"minutes": 12})]
    job = write_admin_import(nodes, edges, tmp_path)
    school = dict(zip(*_read(job.node_files["School"])[:2], strict=True))
    assert float(school["lat:double"]) == 55.0 and school["students:long"] == "10"
    travel = _read(job.relationship_files[("TRAVEL_ROAD", "School", "School")])
    assert travel[0][-1] == "minutes:double" and float(travel[1][-1]) == 12.0
    assert edges[0].props == {"minutes": 12.0}  # the edge itself holds the declared type
    assert Edge.unchecked("TRAVEL_ROAD", a, b, {"minutes": 7}).props["minutes"] == 7.0


def test_rows_and_objects_write_the_same_files(tmp_path: Path) -> None:
    """The bulk path (rows) and the object path write the same files; a property the model
    does not declare gets a type from its values, as before."""
    nodes, edges = rich_graph()
    edges = [*edges, Edge.unchecked("WORKS_AT", edges[0].src, edges[0].dst, {"n": 3, "t": "x"})]
    objects = write_admin_import(nodes, edges, tmp_path / "objects")
    rows = write_admin_import(
        [], [], tmp_path / "rows", node_rows=[node_row(n) for n in nodes],
        edge_rows=[edge_row(e) for e in edges],
    )  # fmt: skip
    files = sorted(p.name for p in objects.directory.iterdir())
    assert files == sorted(p.name for p in rows.directory.iterdir())
    for name in files:
        assert _read(objects.directory / name) == _read(rows.directory / name), name
    works = _read(next(p for s, p in rows.relationship_files.items() if s[0] == "WORKS_AT"))
    assert works[0][2:] == ["n:long", "t:string"]
    assert ["3", "x"] in [r[2:] for r in works[1:]]
