"""Exports: canonical JSON, GraphML, and the import workbook that round-trips."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import networkx as nx
import pytest

from graph.embedded import EmbeddedStore
from loaders.export import ExportError, export_csv, export_graphml, export_json, export_xlsx
from loaders.importer import import_paths
from tests.loaders.sample import ENGLISH, write_english
from tests.loaders.test_importer import HOSTILE


def build(tmp_path: Path, name: str, tables: dict[str, list[dict[str, str]]]) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / f"{name}.db")
    import_paths([write_english(tmp_path / name, tables)], store)
    return store


def rich_tables() -> dict[str, list[dict[str, str]]]:
    """The sample plus hostile strings and numbers that need all 17 digits."""
    tables = copy.deepcopy(ENGLISH)
    for i, text in enumerate(HOSTILE):
        tables["teachers"].append(
            {"teacher_id": f"H{i}", "full_name": text, "school_id": "0102", "deficits": text}
        )
    tables["schools"].append(
        {
            "school_id": "0102",
            "name": HOSTILE[4],
            "municipality": "Город «N»",
            "social_index": "0.30000000000000004",
            "lat": "-0.000001",
            "students": "0",
        }
    )
    tables["results"].append(
        {
            "school_id": "0102",
            "year": "2024",
            "assessment": "Олимпиада; школьный этап",
            "subject": "=1+1",
            "metric": "high_share",
            "value": "33.333333333333336",
        }
    )
    tables["curators"][1]["schools"] = "0102"
    return tables


def test_json_is_canonical_whatever_the_import_order(tmp_path: Path) -> None:
    one = build(tmp_path, "one", ENGLISH)
    two = EmbeddedStore(tmp_path / "two.db")
    for group in (["schools", "associations"], ["partnerships", "teachers", "curators"]):
        import_paths([write_english(tmp_path / group[0], {k: ENGLISH[k] for k in group})], two)
    rest = {
        k: v
        for k, v in ENGLISH.items()
        if k not in ("schools", "associations", "partnerships", "teachers", "curators")
    }
    import_paths([write_english(tmp_path / "rest", rest)], two)
    data = export_json(one)
    assert data == export_json(two) == export_json(one)
    doc = json.loads(data)
    assert doc["format"] == "schoolnet-graph" and doc["version"] == 1
    keys = [(n["label"], n["id"]) for n in doc["nodes"]]
    assert keys == sorted(keys) and len(keys) == 29
    edge_keys = [(e["type"], *e["src"], *e["dst"]) for e in doc["edges"]]
    assert edge_keys == sorted(edge_keys)
    assert "2026" not in data.decode() and b"\\u" not in data


@pytest.mark.parametrize("via", ["xlsx", "csv"])
def test_export_import_export_is_identical(tmp_path: Path, via: str) -> None:
    source = build(tmp_path, "src", rich_tables())
    first = export_json(source)
    target = EmbeddedStore(tmp_path / "dst.db")
    if via == "xlsx":
        export_xlsx(source, tmp_path / "out.xlsx")
        paths = [tmp_path / "out.xlsx"]
    else:
        paths = [export_csv(source, tmp_path / "csv")[0].parent]
    report = import_paths(paths, target)
    assert report.warnings == []
    assert export_json(target) == first
    assert import_paths(paths, target).is_noop()
    assert import_paths(paths, source).is_noop()


def test_exported_workbook_has_every_sheet_with_english_headers(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from loaders.sheets import SHEETS

    store = build(tmp_path, "s", ENGLISH)
    export_xlsx(store, tmp_path / "out.xlsx")
    book = load_workbook(tmp_path / "out.xlsx", read_only=True)
    assert book.sheetnames == list(SHEETS)
    for name, spec in SHEETS.items():
        header = next(book[name].iter_rows(values_only=True))
        assert list(header) == list(spec.column_names)
    rows = list(book["schools"].iter_rows(values_only=True))
    assert rows[1][0] == "101"  # codes stay text


def test_formula_like_text_is_written_as_text(tmp_path: Path) -> None:
    store = build(tmp_path, "s", rich_tables())
    export_xlsx(store, tmp_path / "out.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "out.xlsx")
    cells = [c for row in book["teachers"].iter_rows() for c in row if c.value == HOSTILE[4]]
    assert cells and all(c.data_type == "s" for c in cells)


def test_texts_excel_cannot_hold_are_refused(tmp_path: Path) -> None:
    # The import refuses such texts; a store written by other means may still hold them.
    tables = {k: copy.deepcopy(ENGLISH[k]) for k in ("schools", "teachers")}
    store = build(tmp_path, "long", tables)
    teacher = store.get_node("Teacher", "T1")
    assert teacher is not None
    store.write([teacher.model_copy(update={"full_name": "Я" * 40_000})])
    with pytest.raises(ExportError, match="32 767"):
        export_xlsx(store, tmp_path / "long.xlsx")
    store.write([teacher.model_copy(update={"full_name": "звонок\x07"})])
    with pytest.raises(ExportError, match="управляющий символ"):
        export_xlsx(store, tmp_path / "ctrl.xlsx")
    assert export_json(store)  # JSON holds anything


def test_graphml_reads_back(tmp_path: Path) -> None:
    store = build(tmp_path, "g", ENGLISH)
    export_graphml(store, tmp_path / "g.graphml")
    g = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert g.number_of_nodes() == sum(store.count_nodes().values()) == 29
    assert g.number_of_edges() == sum(store.count_edges().values())
    assert g.nodes["Teacher:T1"]["subjects"] == "Математика;Информатика"
    assert g.nodes["School:101"]["official_tutor"] is True
    first = (tmp_path / "g.graphml").read_bytes()
    export_graphml(store, tmp_path / "g2.graphml")
    assert (tmp_path / "g2.graphml").read_bytes() == first
