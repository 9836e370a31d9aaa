"""Property tests: numbers and texts survive the files unchanged; store lookups at scale."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.embedded import EmbeddedStore
from loaders.cells import parse_number
from loaders.importer import import_paths, validate_paths
from loaders.readers import read_bytes
from loaders.writers import csv_bytes
from tests.loaders.sample import csv_text


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_float_reads_back_exactly(x: float) -> None:
    assert parse_number(repr(x)) == x
    assert parse_number(repr(x).replace(".", ",")) == x


_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=50)


@settings(max_examples=200)
@given(st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=5), st.sampled_from([",", ";"]))
def test_any_text_survives_a_csv(cells: list[tuple[str, str]], delimiter: str) -> None:
    """Through schoolnet's own (formula-safe) CSV writer and back: the texts are unchanged."""
    rows = [["T", a, b] for a, b in cells]
    data = csv_bytes([["school_id", "name", "municipality"], *rows], delimiter=delimiter)
    result = read_bytes("schools.csv", data)
    assert result.issues == []
    got = [cells for _, cells in result.sheets[0].rows]
    # Line breaks inside cells read as «\n» whatever the file used (as Excel keeps them).
    assert got == [[c.replace("\r\n", "\n").replace("\r", "\n") for c in r] for r in rows]


def test_many_references_to_the_store(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "db.sqlite")
    folder = tmp_path / "a"
    folder.mkdir()
    schools = [[f"S{i:03}", f"Школа {i}", "Район"] for i in range(150)]
    (folder / "schools.csv").write_text(
        csv_text(["school_id", "name", "municipality"], schools), encoding="utf-8"
    )
    import_paths([folder], store)
    later = tmp_path / "b"
    later.mkdir()
    teachers = [[f"T{i}", f"Педагог {i}", f"S{i % 150:03}"] for i in range(400)]
    teachers.append(["T-x", "Педагог X", "S999"])
    (later / "teachers.csv").write_text(
        csv_text(["teacher_id", "full_name", "school_id"], teachers), encoding="utf-8"
    )
    plan = validate_paths([later], store)
    assert [(i.row, i.column) for i in plan.issues] == [(402, "school_id")]
    assert len(plan.edges) == 400
