"""A country's first load in parts: the regions' own folders, validated one at a time."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.neo4j_store import Neo4jStore
from loaders.importer import ImportFailed, import_paths, validate_paths
from seeds.demo import generate, write_csv
from seeds.regions import BETWEEN_REGIONS, write_csv_by_region
from seeds.schools import SizeSpec
from services.bulk_neo4j import ARGS_FILE, write_neo4j_import_files
from services.errors import UserError
from tests.neo4j_support import imported_server

SPEC = SizeSpec(regions=3, municipalities=2, schools=30, vpr_grades=(4,), electives=0)


@pytest.fixture(scope="module")
def country(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], list[Path]]:
    data = generate(SPEC, seed=5, as_of=dt.date(2026, 9, 1))
    root = tmp_path_factory.mktemp("country")
    return write_csv_by_region(data, root / "regions"), write_csv(data, root / "whole")


def _rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1


def _ids(folder: Path, label: str) -> Counter[str]:
    out: Counter[str] = Counter()
    for path in folder.glob(f"**/{label}.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            out.update(row[0] for row in list(csv.reader(fh))[1:])
    return out


def test_every_row_goes_to_exactly_one_region_folder(
    country: tuple[list[Path], list[Path]],
) -> None:
    folders, whole = country
    assert [f.name for f in folders[:3]] == ["01", "02", "03"]
    for path in whole:
        if path.suffix != ".csv":
            continue
        split = sum(_rows(f / path.name) for f in folders if (f / path.name).exists())
        assert split == _rows(path), path.name
    between = [f for f in folders if f.name == BETWEEN_REGIONS]
    assert between == [] or [p.name for p in between[0].iterdir()] == ["travel_times.csv"]


def test_parts_write_the_same_graph_as_one_load(
    country: tuple[list[Path], list[Path]], tmp_path: Path
) -> None:
    folders, whole = country
    parts = write_neo4j_import_files(folders, tmp_path / "parts", parts=True)
    one = write_neo4j_import_files(whole, tmp_path / "one")
    assert (parts.nodes, parts.relationships) == (one.nodes, one.relationships)
    for label in ("School", "Teacher", "Event", "Result", "Municipality", "Region"):
        ids = _ids(tmp_path / "parts", label)
        assert ids == _ids(tmp_path / "one", label), label
        assert set(ids.values()) == {1}, label  # no node in two parts
    args = parts.args_file.read_text(encoding="utf-8").splitlines()
    assert args[:4] == ["database", "import", "full", "neo4j"]
    assert sum(a.startswith("--nodes=School=part-") for a in args) == 3
    assert all(not Path(a.rpartition("=")[2]).is_absolute() for a in args if "part-" in a)


def test_a_part_may_refer_only_to_earlier_parts(
    country: tuple[list[Path], list[Path]], tmp_path: Path
) -> None:
    folders, _ = country
    later_first = list(reversed(folders))
    with pytest.raises(ImportFailed):
        write_neo4j_import_files(later_first, tmp_path / "reversed", parts=True)


def test_a_node_in_two_parts_is_refused(
    country: tuple[list[Path], list[Path]], tmp_path: Path
) -> None:
    folders, _ = country
    with pytest.raises(UserError, match="01"):
        write_neo4j_import_files([folders[0], folders[0]], tmp_path / "twice", parts=True)


def _copy(folders: list[Path], root: Path) -> list[Path]:
    out = []
    for folder in folders:
        shutil.copytree(folder, root / folder.name)
        out.append(root / folder.name)
    return out


def _edit_cell(path: Path, row: int, column: str, text: str) -> None:
    """Set one cell of a CSV file (``row`` as a spreadsheet numbers it: the header is row 1)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[row - 1][rows[0].index(column)] = text
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


def test_a_broken_part_is_refused_with_its_place_and_nothing_is_written(
    country: tuple[list[Path], list[Path]], tmp_path: Path
) -> None:
    folders = _copy(country[0], tmp_path / "regions")
    _edit_cell(folders[1] / "results.csv", 5, "value", "много")
    _edit_cell(folders[1] / "teachers.csv", 3, "experience_years", "-4")
    out = tmp_path / "out"
    out.mkdir()
    (out / ARGS_FILE).write_text("an earlier load\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        write_neo4j_import_files(folders, out, parts=True)
    places = [
        (Path(i.file).parent.name, Path(i.file).name, i.row, i.column) for i in failed.value.issues
    ]
    assert ("02", "results.csv", 5, "value") in places
    assert ("02", "teachers.csv", 3, "experience_years") in places
    assert {p[0] for p in places} == {"02"}
    # the same problems, in the same words, as the importer's own check of that part
    with EmbeddedStore(":memory:") as store:
        import_paths([folders[0]], store)
        plan = validate_paths([folders[1]], store)
    assert [str(i) for i in failed.value.issues] == [str(i) for i in plan.issues]
    # nothing written: no part, no staging folder, the earlier argument file untouched
    assert [p.name for p in out.iterdir()] == [ARGS_FILE]
    assert (out / ARGS_FILE).read_text(encoding="utf-8") == "an earlier load\n"


def test_parts_load_into_neo4j_as_the_importer_writes(
    country: tuple[list[Path], list[Path]], tmp_path: Path
) -> None:
    """neo4j-admin builds from the parts the graph the importer writes from the same folders,
    a value with a line break included (its file, and only it, is read as multiline)."""
    folders = _copy(country[0], tmp_path / "regions")
    _edit_cell(folders[0] / "schools.csv", 2, "name", 'СОШ "Ёлка"\nкорпус 2')
    files = write_neo4j_import_files(folders, tmp_path / "admin", parts=True)
    args = files.args_file.read_text(encoding="utf-8").splitlines()
    assert "--multiline-fields=part-001/School.csv" in args
    with EmbeddedStore(tmp_path / "reference.db") as reference:
        for folder in folders:
            import_paths([folder], reference)
        with (
            imported_server(files.directory, tmp_path / "state") as uri,
            Neo4jStore(uri, user=None) as neo4j,
        ):
            assert neo4j.count_nodes() == reference.count_nodes()
            assert neo4j.nodes() == reference.nodes()
            assert neo4j.edges() == reference.edges()
