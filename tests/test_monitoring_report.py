"""The monitoring report opens: python-docx reads back every table and figure the page shows,
LibreOffice converts it to PDF, and the workbook carries the same tables."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from analysis.settings import AnalysisSettings
from graph.embedded import EmbeddedStore
from labels import t
from services.monitoring import MonitoringView, monitoring
from services.monitoring_report import (
    indicator_charts,
    report_docx,
    report_tables,
    report_xlsx,
)
from tests.monitoring_sample import AS_OF, monitoring_graph

IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


@pytest.fixture(scope="module")
def view(tmp_path_factory: pytest.TempPathFactory) -> MonitoringView:
    store = EmbeddedStore(tmp_path_factory.mktemp("report") / "r.db")
    store.write(*monitoring_graph())
    return monitoring(store, AS_OF, None, AnalysisSettings(unfavourable_min_bands=2))


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is required under CI=true (scripts/setup installs it)")
        pytest.skip(f"{name} is not installed (bash scripts/setup installs it)")
    return path


def test_docx_holds_the_pages_tables_and_figures(view: MonitoringView) -> None:
    doc = Document(io.BytesIO(report_docx(view)))
    texts = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    for frame in report_tables(view).values():
        if not len(frame):
            continue
        header = list(frame.columns)
        assert header in texts, header
        start = texts.index(header)
        body = [[str(v) for v in row] for row in frame.itertuples(index=False)]
        assert texts[start + 1 : start + 1 + len(body)] == body
    images = Counter(rel.target_part.blob for rel in doc.part.rels.values() if rel.reltype == IMAGE)
    charts = indicator_charts(view)
    assert images == Counter(charts.values())
    assert len(charts) == 8  # every indicator has a value in the hand-built region
    paragraphs = [p.text for p in doc.paragraphs]
    assert t("monitoring.report.title") in paragraphs
    for line in [*view.conclusions, view.effect_summary]:
        assert line in paragraphs
    assert any("2024/2025" in p for p in paragraphs)  # the period


def test_docx_converts_to_pdf_and_pages(view: MonitoringView, tmp_path: Path) -> None:
    soffice = _tool("soffice")
    src = tmp_path / "report.docx"
    src.write_bytes(report_docx(view))
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(src)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    pdf = tmp_path / "report.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    pdftoppm = _tool("pdftoppm")
    subprocess.run([pdftoppm, "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page*.png"))) >= 2


def test_xlsx_holds_the_same_tables(view: MonitoringView) -> None:
    book = load_workbook(io.BytesIO(report_xlsx(view)))
    indicators = report_tables(view)["indicators"]
    sheet = book[t("monitoring.sheet.indicators")]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == list(indicators.columns)
    assert [["" if v is None else str(v) for v in r] for r in rows[1:]] == [
        [str(v) for v in r] for r in indicators.itertuples(index=False)
    ]
    conclusions = book[t("monitoring.sheet.conclusions")]
    assert [c.value for c in conclusions["A"]][1:] == [*view.conclusions, view.effect_summary]
