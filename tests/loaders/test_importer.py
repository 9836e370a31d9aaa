"""Importing into the embedded store: the graph built, all-or-nothing, re-import, variants."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.model import NodeRef, result_id
from loaders.export import export_json
from loaders.importer import (
    ImportFailed,
    import_paths,
    import_uploads,
    validate_paths,
    validate_uploads,
)
from loaders.limits import MAX_TEXT_CHARS
from tests.loaders.sample import (
    ENGLISH,
    write_english,
    write_russian,
    write_xlsx,
)


def test_the_sample_becomes_the_expected_graph(db: EmbeddedStore, english_dir: Path) -> None:
    report = import_paths([english_dir], db)
    assert db.count_nodes() == {
        "Association": 2,
        "Curator": 2,
        "Event": 3,
        "Municipality": 1,
        "Partnership": 2,
        "Region": 1,
        "Result": 5,
        "RoadmapItem": 2,
        "School": 3,
        "Staffing": 2,
        "Target": 2,
        "Teacher": 4,
    }
    assert db.count_edges() == {
        "ATTENDED": 3,
        "CARRIES_OUT": 1,
        "CURATES": 2,
        "EXCLUDED_PAIR": 1,
        "FOR": 2,
        "HAS_RESULT": 5,
        "HAS_STAFFING": 2,
        "IN": 4,
        "MEMBER_OF": 3,
        "MENTEE_IN": 2,
        "MENTORS": 1,
        "ORGANIZED": 2,
        "TUTOR_IN": 2,
        "WORKS_AT": 4,
    }
    assert report.stats.total_added == sum(db.count_nodes().values()) + sum(
        db.count_edges().values()
    )
    school = db.get_node("School", "102")
    assert school is not None
    assert school.model_dump()["share_low_income"] == 38.0
    assert school.model_dump()["official_low_results"] is True
    assert school.model_dump()["official_tutor"] is False
    muni = db.get_node("Municipality", "Озёрский район")
    assert muni is not None and muni.model_dump()["region"] == "Северная область"
    teacher = db.get_node("Teacher", "T1")
    assert teacher is not None and teacher.model_dump()["subjects"] == ["Математика", "Информатика"]
    rid = result_id("103", 2024, "ЕГЭ", "Математика", None, "mean_score")
    res = db.get_node("Result", rid)
    assert res is not None and res.model_dump()["value"] == 55.25
    pair = db.get_node("Partnership", "P-101-103")
    assert pair is not None and pair.model_dump()["status"] == "proposed"
    staffing = db.get_node("Staffing", "102|2025")
    assert staffing is not None and staffing.model_dump()["filled"] == 21.0
    assert staffing.model_dump()["vacancy_subjects"] == ["Математика", "Физика"]
    target = db.get_node("Target", "low_in_working_pair|Озёрский район|2025")
    assert target is not None and target.model_dump()["value"] == 75.5
    item = db.get_node("RoadmapItem", "1.1")
    assert item is not None and item.model_dump()["periodicity"] == "quarterly"
    event = db.get_node("Event", "E1")
    assert event is not None and event.model_dump()["date"] == dt.date(2024, 10, 15)
    edges = {(e.type, e.src, e.dst): e.props for e in db.iter_edges()}
    assert edges[("CURATES", NodeRef("Curator", "C1"), NodeRef("School", "103"))] == {
        "since": "2024-09-01"
    }
    assert edges[("ATTENDED", NodeRef("Teacher", "T3"), NodeRef("Event", "E2"))] == {
        "role": "participant"
    }
    assert ("ORGANIZED", NodeRef("Association", "A1"), NodeRef("Event", "E2")) in edges
    assert ("ORGANIZED", NodeRef("School", "101"), NodeRef("Event", "E1")) in edges
    assert ("FOR", NodeRef("Event", "E3"), NodeRef("Partnership", "P-101-103")) in edges
    assert ("MENTEE_IN", NodeRef("School", "103"), NodeRef("Partnership", "P-101-103")) in edges
    assert edges[("EXCLUDED_PAIR", NodeRef("School", "103"), NodeRef("School", "102"))] == {
        "reason": "слишком далеко",
        "date": "2024-05-01",
    }
    muni_ref = NodeRef("Municipality", "Озёрский район")
    assert ("IN", muni_ref, NodeRef("Region", "Северная область")) in edges


def test_report_per_sheet_and_in_russian(db: EmbeddedStore, english_dir: Path) -> None:
    report = import_paths([english_dir], db)
    sheets = report.by_sheet()
    # 3 schools + municipality + region + 4 IN edges
    assert sheets["schools"].rows == 3 and sheets["schools"].added == 9
    assert sheets["participation"].added == 3
    lines = report.lines()
    assert lines[0] == "Импорт выполнен: прочитано строк — 35."
    assert "Школы (schools): строк 3; добавлено 9, изменено 0, без изменений 0" in lines


def test_reimport_is_a_noop(db: EmbeddedStore, english_dir: Path) -> None:
    import_paths([english_dir], db)
    before = export_json(db)
    again = import_paths([english_dir], db)
    assert again.stats.total_added == 0 and again.stats.total_changed == 0
    assert again.is_noop() and not again.removed
    assert "Данные уже в базе: ничего не изменилось." in again.lines()
    assert export_json(db) == before


def test_validation_writes_nothing(db: EmbeddedStore, english_dir: Path) -> None:
    plan = validate_paths([english_dir], db)
    assert plan.ok and len(plan.nodes) == 29 and not plan.is_empty
    assert db.count_nodes() == {}


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def db_files(folder: Path) -> dict[str, str]:
    return {p.name: file_hash(p) for p in sorted(folder.glob("loaders.db*"))}


def test_error_in_the_last_row_of_the_last_sheet_leaves_the_file_identical(
    tmp_path: Path, db: EmbeddedStore, english_dir: Path
) -> None:
    import_paths([english_dir], db)
    db.checkpoint()
    db.close()
    before = db_files(tmp_path)
    tables = copy.deepcopy(ENGLISH)
    for row in tables["schools"]:
        row["name"] += " (переименована)"
    tables["results"].append({**tables["results"][0], "year": "2025"})
    # teachers.csv is read last; its last row is broken.
    tables["teachers"][-1]["experience_years"] = "много"
    broken = write_english(tmp_path / "broken", tables)
    store = EmbeddedStore(tmp_path / "loaders.db")
    with pytest.raises(ImportFailed) as failed:
        import_paths([broken], store)
    assert [(Path(i.file).name, i.row) for i in failed.value.issues] == [("teachers.csv", 5)]
    store.close()
    assert db_files(tmp_path) == before


def test_a_failure_inside_the_write_rolls_everything_back(
    tmp_path: Path, db: EmbeddedStore, english_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = {k: v for k, v in ENGLISH.items() if k in ("schools", "teachers")}
    import_paths([write_english(tmp_path / "first", first)], db)
    db.checkpoint()
    db.close()
    before = db_files(tmp_path)
    import graph.embedded

    def explode(self: object, edges: object) -> None:
        raise RuntimeError("диск переполнен")

    monkeypatch.setattr(graph.embedded._SqliteUnitOfWork, "upsert_edges", explode)
    store = EmbeddedStore(tmp_path / "loaders.db")
    with pytest.raises(RuntimeError):
        import_paths([english_dir], store)
    assert store.count_nodes().get("Event") is None
    store.close()
    assert db_files(tmp_path) == before


Variant = Callable[[Path], list[Path]]


def russian_csv(tmp: Path) -> list[Path]:
    return [write_russian(tmp / "ru")]


def xlsx_english_typed(tmp: Path) -> list[Path]:
    return [write_xlsx(tmp / "book.xlsx")]


def xlsx_russian_text(tmp: Path) -> list[Path]:
    return [write_xlsx(tmp / "Книга.xlsx", russian_names=True, typed=False)]


def xlsx_russian_typed(tmp: Path) -> list[Path]:
    return [write_xlsx(tmp / "Книга.xlsx", russian_names=True, typed=True)]


def mixed(tmp: Path) -> list[Path]:
    """Russian CSVs for some sheets, a workbook for the others."""
    ru = write_russian(tmp / "ru")
    for name in ("Школы.csv", "Педагоги.csv"):
        (ru / name).unlink()
    book = write_xlsx(tmp / "b.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(book)
    for ws in list(wb.worksheets):
        if ws.title not in ("schools", "teachers"):
            wb.remove(ws)
    wb.save(book)
    return [ru, book]


@pytest.mark.parametrize(
    "variant", [russian_csv, xlsx_english_typed, xlsx_russian_text, xlsx_russian_typed, mixed]
)
def test_variants_give_the_same_graph(tmp_path: Path, english_dir: Path, variant: Variant) -> None:
    reference = EmbeddedStore(tmp_path / "ref.db")
    import_paths([english_dir], reference)
    other = EmbeddedStore(tmp_path / "other.db")
    report = import_paths(variant(tmp_path), other)
    assert report.warnings == []
    assert export_json(other) == export_json(reference)
    reference.close()
    other.close()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_uploads_give_the_same_graph(tmp_path: Path, english_dir: Path, kind: str) -> None:
    reference = EmbeddedStore(":memory:")
    import_paths([english_dir], reference)
    if kind == "csv":
        folder = write_russian(tmp_path / "ru")
        uploads = [(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]
    else:
        uploads = [
            ("Книга.xlsx", write_xlsx(tmp_path / "book.xlsx", russian_names=True).read_bytes())
        ]
    store = EmbeddedStore(":memory:")
    assert validate_uploads(uploads, store).ok and store.count_nodes() == {}
    import_uploads(uploads, store)
    assert export_json(store) == export_json(reference)


def test_a_row_owns_its_edges(tmp_path: Path, db: EmbeddedStore, english_dir: Path) -> None:
    import_paths([english_dir], db)
    tables = copy.deepcopy(ENGLISH)
    tables["teachers"][0]["school_id"] = "103"
    tables["curators"][0]["schools"] = "102"
    tables["events"][0]["organizer_id"] = "A2"
    tables["events"][0]["partnership_id"] = ""
    tables["partnerships"][0]["mentee_school_id"] = "103"
    tables["partnerships"][1] = {"tutor_school_id": "103", "mentee_school_id": "102"}
    tables["events"][2]["partnership_id"] = "P-103-102"
    report = import_paths([write_english(tmp_path / "v2", tables)], db)
    assert dict(report.removed) == {
        "WORKS_AT": 1,
        "CURATES": 1,
        "ORGANIZED": 1,
        "FOR": 2,
        "MENTEE_IN": 1,
    }
    t1 = NodeRef("Teacher", "T1")
    assert [n.id for n in db.neighbours(t1, "WORKS_AT", "out")] == ["103"]
    assert [n.id for n in db.neighbours(NodeRef("Curator", "C1"), "CURATES", "out")] == ["102"]
    e1 = NodeRef("Event", "E1")
    assert [n.ref() for n in db.neighbours(e1, "ORGANIZED", "in")] == [NodeRef("Association", "A2")]
    assert db.neighbours(e1, "FOR", "out") == []
    p1 = NodeRef("Partnership", "P1")
    assert [n.id for n in db.neighbours(p1, "MENTEE_IN", "in")] == ["103"]
    # The old generated pair stays (rows never delete nodes) but keeps its own schools.
    assert db.get_node("Partnership", "P-101-103") is not None


def test_region_of_a_municipality_moves_and_is_kept(tmp_path: Path, db: EmbeddedStore) -> None:
    tables = {"schools": copy.deepcopy(ENGLISH["schools"])}
    import_paths([write_english(tmp_path / "a", tables)], db)
    for row in tables["schools"]:
        row["region"] = ""
    report = import_paths([write_english(tmp_path / "b", tables)], db)
    assert report.stats.changed["Municipality"] == 0 and not report.removed
    muni = NodeRef("Municipality", "Озёрский район")
    assert [n.id for n in db.neighbours(muni, "IN", "out")] == ["Северная область"]
    for row in tables["schools"]:
        row["region"] = "Южная область"
    report = import_paths([write_english(tmp_path / "c", tables)], db)
    assert report.removed["IN"] == 1
    assert [n.id for n in db.neighbours(muni, "IN", "out")] == ["Южная область"]


HOSTILE = [
    '<script>alert("x")</script>',
    "Robert'); DROP TABLE nodes;--",
    "'}) DETACH DELETE n //",
    "MATCH (n) DETACH DELETE n; \"quotes\" 'single' «ёлочки»",
    '=HYPERLINK("http://example.com","x")',
    "+7 (999) 000-00-00",
    "@SUM(1)",
    "\\N",
    "NULL",
    "строка\nс переводом",
    "${jndi:ldap://x}",
]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_hostile_strings_are_stored_verbatim(tmp_path: Path, db: EmbeddedStore, kind: str) -> None:
    # The longest name the import takes (loaders.limits.MAX_TEXT_CHARS).
    big = "Я" * MAX_TEXT_CHARS
    tables = copy.deepcopy({k: ENGLISH[k] for k in ("schools", "teachers")})
    for i, text in enumerate(HOSTILE):
        tables["teachers"].append(
            {"teacher_id": f"H{i}", "full_name": text, "school_id": "101", "category": text}
        )
    tables["teachers"].append({"teacher_id": "BIG", "full_name": big, "school_id": "102"})
    tables["schools"][0]["name"] = HOSTILE[2]
    folder = write_english(tmp_path / "in", tables)
    paths: list[Path] = [folder]
    if kind == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        assert book.active is not None
        book.remove(book.active)
        for sheet, table in tables.items():
            ws = book.create_sheet(sheet)
            cols = sorted({k for r in table for k in r})
            ws.append(cols)
            for row in table:
                ws.append([row.get(col) or None for col in cols])
                for cell in ws[ws.max_row]:
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # a text starting with «=» stays text
        paths = [tmp_path / "hostile.xlsx"]
        book.save(paths[0])
    import_paths(paths, db)
    for i, text in enumerate(HOSTILE):
        node = db.get_node("Teacher", f"H{i}")
        assert node is not None
        assert node.model_dump()["full_name"] == text.strip()
        assert node.model_dump()["category"] == text.strip()
    school = db.get_node("School", "101")
    assert school is not None and school.model_dump()["name"] == HOSTILE[2]
    big_node = db.get_node("Teacher", "BIG")
    assert big_node is not None and big_node.model_dump()["full_name"] == big
    assert db.count_nodes()["Teacher"] == 4 + len(HOSTILE) + 1
    assert import_paths(paths, db).is_noop()


def test_import_failed_lists_issues_in_russian(tmp_path: Path, db: EmbeddedStore) -> None:
    tables = copy.deepcopy(ENGLISH)
    for row in tables["results"]:
        row["school_id"] = "999"
    with pytest.raises(ImportFailed) as failed:
        import_paths([write_english(tmp_path / "in", tables)], db)
    exc = failed.value
    assert len(exc.issues) == 5
    text = str(exc)
    assert text.startswith("Импорт не выполнен: найдено проблем — 5. В базу ничего не записано.")
    assert "results.csv, строка 2, столбец «school_id»: школа с кодом «999»" in text
    assert exc.lines(limit=2)[-1] == "… и ещё 3"
