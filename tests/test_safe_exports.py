"""Every file schoolnet writes keeps a formula-like text as text (OWASP CSV injection).

Schools named ``=1+1``, ``+SUM(A1)``, ``-2+3``, ``@cmd`` go through every export path: the CLI
``identify/pair/coverage --out`` (CSV and XLSX), ``export``, ``template``, the app's downloads
(the plan, the coverage table, the draft order) and the import CSVs. Each XLSX is read back with
openpyxl: no cell is a formula, and the names are there as texts. Each CSV: no cell begins with
a formula character, and the CSV reader gives the names back exactly.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from graph.model import School
from graph.store import Store
from loaders.formula import FORMULA_START
from loaders.readers import read_bytes
from schoolnet.cli import main

HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", '=HYPERLINK("http://x","y")']
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo with the names of two low and three strong schools made hostile."""
    from services.identification import identification_table
    from services.stores import open_store

    db = tmp_path_factory.mktemp("hostile") / "h.db"
    assert main(["seed", "--size", "small", "--seed", "42", "--db", str(db)]) == 0
    store = open_store("embedded", str(db))
    try:
        table = identification_table(store)
        low = table[table["status"] == "low"]["school_id"].tolist()
        strong = table[table["status"].isin(["strong", "resilient"])]["school_id"].tolist()
        chosen = (low[:2] + strong[:3] + table["school_id"].tolist())[: len(HOSTILE)]
        changed = []
        for sid, name in zip(chosen, HOSTILE, strict=True):
            node = store.get_node("School", sid)
            assert node is not None
            changed.append(School(**{**node.props(), "id": sid, "name": name}))
        store.write(changed)
        store.checkpoint()  # type: ignore[attr-defined]
    finally:
        store.close()
    return db


def _xlsx_texts(data: bytes | Path) -> list[str]:
    """Every text cell of a workbook; fails when any cell is a formula."""
    book = load_workbook(io.BytesIO(data) if isinstance(data, bytes) else data)
    texts = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _csv_cells(data: bytes) -> list[str]:
    """Every cell of a CSV; fails when a cell that is not a number begins like a formula."""
    text = data.decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]
    bad = [c for c in cells if c.startswith(FORMULA_START) and not _is_number(c)]
    assert not bad, bad
    return cells


def _names_read_back(data: bytes) -> set[str]:
    """The texts of a CSV as schoolnet's own reader sees them (the escape undone)."""
    result = read_bytes("schools.csv", data)
    return {c for sheet in result.sheets for _, row in sheet.rows for c in row}


def _hostile_in(texts: list[str] | set[str]) -> set[str]:
    return {h for h in HOSTILE if any(h in t for t in texts)}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_cli_reports_keep_formulas_as_text(hostile_db: Path, tmp_path: Path, suffix: str) -> None:
    db = str(hostile_db)
    outs = {
        "identify": tmp_path / f"identify{suffix}",
        "pair": tmp_path / f"pair{suffix}",
        "candidates": tmp_path / f"cands{suffix}",
        "coverage": tmp_path / f"coverage{suffix}",
    }
    assert main(["identify", "--db", db, "--out", str(outs["identify"])]) == 0
    assert main(["pair", "--db", db, "--out", str(outs["pair"]),
                 "--candidates-out", str(outs["candidates"])]) == 0  # fmt: skip
    assert main(["coverage", "--db", db, "--out", str(outs["coverage"])]) == 0
    for name, path in outs.items():
        if suffix == ".xlsx":
            texts = _xlsx_texts(path)
        else:
            texts = _csv_cells(path.read_bytes())
            texts = [c[1:] if c.startswith("'") else c for c in texts]
        if name == "identify":
            assert _hostile_in(texts) == set(HOSTILE)
        if name in ("pair", "candidates"):
            assert _hostile_in(texts), name  # a hostile low or strong school is in the plan
    if suffix == ".xlsx":  # negative numbers stay numbers
        sheet = load_workbook(outs["identify"]).worksheets[0]
        values = [c.value for row in sheet.iter_rows() for c in row]
        numbers = [v for v in values if isinstance(v, float | int) and not isinstance(v, bool)]
        assert any(v < 0 for v in numbers)


def test_export_workbook_and_csv_keep_formulas_as_text(hostile_db: Path, tmp_path: Path) -> None:
    from graph.embedded import EmbeddedStore
    from loaders.export import export_boundaries, export_csv, export_json
    from loaders.importer import import_paths

    out = tmp_path / "graph.xlsx"
    assert main(["export", "--db", str(hostile_db), "--format", "xlsx", "--out", str(out)]) == 0
    assert _hostile_in(_xlsx_texts(out)) == set(HOSTILE)

    source = EmbeddedStore(hostile_db)
    try:
        files = export_csv(source, tmp_path / "csv")
        schools = next(p for p in files if p.name == "schools.csv").read_bytes()
        _csv_cells(schools)
        assert _hostile_in(_names_read_back(schools)) == set(HOSTILE)
        # Both import files give back the same graph (boundaries travel as GeoJSON).
        geo = tmp_path / "mo.geojson"
        geo.write_bytes(export_boundaries(source) or b"")
        for name, paths in (("x", [out, geo]), ("c", [files[0].parent])):
            target = EmbeddedStore(tmp_path / f"{name}.db")
            import_paths(paths, target)
            assert export_json(target) == export_json(source)
            target.close()
    finally:
        source.close()


def test_app_downloads_keep_formulas_as_text(hostile_db: Path, tmp_path: Path) -> None:
    from app_streamlit.components.tables import frame_to_xlsx, present
    from services.coverage import coverage_table, coverage_xlsx
    from services.importing import template_files
    from services.planning import accept_pair, draft_order_xlsx, plan_pairs
    from services.stores import open_store

    db = tmp_path / "copy.db"
    shutil.copy(hostile_db, db)
    store: Store = open_store("embedded", str(db))
    try:
        plan = plan_pairs(store)
        assert _hostile_in(_xlsx_texts(frame_to_xlsx(present(plan.pairs), "Пары")))
        assert _xlsx_texts(coverage_xlsx(coverage_table(store)))
        ids = [
            accept_pair(store, str(r["mentee_school_id"]), str(r["tutor_school_id"]), [], None)
            for r in plan.pairs.to_dict("records")
        ]
        assert _hostile_in(_xlsx_texts(draft_order_xlsx(store, ids)))
    finally:
        store.close()
    for name, data in template_files().items():
        if name.endswith(".xlsx"):
            _xlsx_texts(data)
        else:
            _csv_cells(data)


def test_template_command_writes_no_formula(tmp_path: Path) -> None:
    assert main(["template", "--out", str(tmp_path)]) == 0
    for path in tmp_path.iterdir():
        if path.suffix == ".xlsx":
            _xlsx_texts(path)
        else:
            _csv_cells(path.read_bytes())


# Writing a spreadsheet anywhere but the safe writer would bypass the escape.
_UNSAFE = re.compile(
    r"\.to_excel\(|\.to_csv\(|ExcelWriter\(|Workbook\(|csv\.writer\(|(?:pa_csv|pyarrow\.csv)\.write_csv\("
)
_ALLOWED = {
    "loaders/writers.py",  # the safe writer itself
    "loaders/export.py",  # write-only workbook filled through writers.append_row
    "loaders/template.py",  # workbook filled through writers.append_row
    "services/planning.py",  # the draft order, filled through writers.append_row / set_text
    "seeds/demo.py",  # the fictional demo files (generated texts, no user data)
    "graph/neo4j_bulk.py",  # neo4j-admin's input: read by the tool, never opened by a person
}


def test_every_writer_goes_through_the_safe_writer() -> None:
    offenders = []
    for folder in ("labels", "graph", "loaders", "queries", "analysis", "services",
                   "schoolnet", "app_streamlit", "seeds"):  # fmt: skip
        for path in (ROOT / folder).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if rel not in _ALLOWED and _UNSAFE.search(path.read_text(encoding="utf-8")):
                offenders.append(rel)
    assert offenders == []
