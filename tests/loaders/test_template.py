"""The import template: every sheet, importable as it is, and fillable."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook

from graph.embedded import EmbeddedStore
from loaders.aliases import header_aliases
from loaders.importer import import_paths
from loaders.sheets import SHEETS
from loaders.template import TEMPLATE_XLSX, help_rows, write_template
from tests.loaders.sample import ENGLISH


def test_template_files(tmp_path: Path) -> None:
    paths = write_template(tmp_path / "t")
    assert sorted(p.name for p in paths) == sorted([f"{s}.csv" for s in SHEETS] + [TEMPLATE_XLSX])
    for sheet, spec in SHEETS.items():
        data = (tmp_path / "t" / f"{sheet}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        assert data.decode("utf-8-sig").strip() == ",".join(spec.column_names)
    book = load_workbook(tmp_path / "t" / TEMPLATE_XLSX, read_only=True)
    assert book.sheetnames == [*SHEETS, "Справка"]
    for sheet, spec in SHEETS.items():
        assert list(next(book[sheet].iter_rows(values_only=True))) == list(spec.column_names)


def test_help_sheet_lists_every_column(tmp_path: Path) -> None:
    rows = help_rows()
    listed = {(r[0], r[2]) for r in rows[1:]}
    assert listed == {(s, c) for s, spec in SHEETS.items() for c in spec.column_names}
    by_key = {(r[0], r[2]): r for r in rows[1:]}
    settlement = by_key[("schools", "settlement_type")]
    assert "city (город" in settlement[6] and settlement[4] == "значение из списка"
    assert by_key[("schools", "school_id")][5] == "да"
    assert by_key[("schools", "school_id")][3].startswith(
        "; ".join(header_aliases("schools", "school_id"))[:6]
    )
    assert all(r[7] and not r[7].startswith("loaders.") for r in rows[1:])


def test_empty_template_imports_as_nothing(tmp_path: Path) -> None:
    write_template(tmp_path / "t")
    store = EmbeddedStore(tmp_path / "db.sqlite")
    for paths in ([tmp_path / "t"], [tmp_path / "t" / TEMPLATE_XLSX]):
        report = import_paths(paths, store)
        assert report.nothing_to_import and report.warnings == []
        assert report.lines() == ["Нечего импортировать: в файлах нет ни одной строки данных."]
    assert store.count_nodes() == {}
    assert store.data_version().endswith(":0")


def test_filled_template_imports(tmp_path: Path) -> None:
    write_template(tmp_path / "t")
    (tmp_path / "t" / TEMPLATE_XLSX).unlink()
    for sheet, table in ENGLISH.items():
        path = tmp_path / "t" / f"{sheet}.csv"
        with path.open("a", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerows(
                [[row.get(c, "") for c in SHEETS[sheet].column_names] for row in table]
            )
    store = EmbeddedStore(tmp_path / "db.sqlite")
    report = import_paths([tmp_path / "t"], store)
    assert store.count_nodes()["School"] == 3 and not report.nothing_to_import
