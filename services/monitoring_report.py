"""The monitoring report: its tables and charts, as a Word document and as a workbook.

The page and the report show the same things from the same functions: :func:`report_tables`
(display texts, Russian headers) and :func:`indicator_charts` (one PNG per indicator, value
against target by school year). :func:`report_docx` lays them out in the usual form of such a
report: title, period, the indicators against their targets, the charts, the road map's
execution, pairs that do not work, ШНОР without a pair, and conclusions drawn from the figures.
"""

from __future__ import annotations

import io
from functools import partial
from typing import Any

import pandas as pd

from labels import t
from labels.formats import fmt_number, format_date
from loaders.writers import frames_to_xlsx
from services.monitoring import MonitoringView

__all__ = ["indicator_charts", "report_docx", "report_tables", "report_xlsx"]


_num = partial(fmt_number, whole=True)  # 7; 7,4; — when missing


def _met(x: Any) -> str:
    if x is True:
        return t("monitoring.met.yes")
    if x is False:
        return t("monitoring.met.no")
    return "—"


def _date(x: Any) -> str:
    return format_date(x) if hasattr(x, "strftime") else "—"


def report_tables(view: MonitoringView) -> dict[str, pd.DataFrame]:
    """The report's tables as display text with Russian headers, keyed by a stable code."""
    ind = pd.DataFrame(
        {
            t("monitoring.col.name"): view.table["name"],
            t("monitoring.col.year"): view.table["year"].map(lambda y: f"{y - 1}/{y}"),
            t("monitoring.col.value"): [
                f"{_num(v)} {u}" if _num(v) != "—" else "—"
                for v, u in zip(view.table["value"], view.table["unit"], strict=True)
            ],
            t("monitoring.col.fraction"): [
                f"{_num(n, 0)} / {_num(d, 0)}" if _num(d) != "—" else _num(n, 0)
                for n, d in zip(view.table["numerator"], view.table["denominator"], strict=True)
            ],
            t("monitoring.col.baseline"): [
                f"{_num(b)} ({y})" if _num(b) != "—" else "—"
                for b, y in zip(view.table["baseline"], view.table["baseline_year"], strict=True)
            ],
            t("monitoring.col.trend"): view.table["trend"],
            t("monitoring.col.target"): view.table["target"].map(_num),
            t("monitoring.col.met"): view.table["met"].map(_met),
            t("monitoring.col.note"): view.table["note"],
        }
    )
    road = pd.DataFrame(
        {
            t("monitoring.col.item"): view.roadmap["item_id"],
            t("monitoring.col.activity"): view.roadmap["activity"],
            t("monitoring.col.deadline"): view.roadmap["deadline"].map(_date),
            t("monitoring.col.responsible"): view.roadmap["responsible"].fillna("—"),
            t("monitoring.col.events"): view.roadmap["n_events"].astype(str),
            t("monitoring.col.state"): view.roadmap["state_label"],
        }
    )
    idle = pd.DataFrame(
        {
            t("monitoring.col.tutor"): view.idle_pairs["tutor"],
            t("monitoring.col.mentee"): view.idle_pairs["mentee"],
            t("monitoring.col.municipality"): view.idle_pairs["municipality"].fillna("—"),
            t("monitoring.col.activity_state"): view.idle_pairs["activity"],
            t("monitoring.col.last_event"): view.idle_pairs["last_joint_event"].map(_date),
        }
    )
    alone = pd.DataFrame(
        {
            t("monitoring.col.school_id"): view.alone["school_id"],
            t("monitoring.col.school"): view.alone["name"],
            t("monitoring.col.municipality"): view.alone["municipality"],
        }
    )
    return {"indicators": ind, "roadmap": road, "idle_pairs": idle, "alone": alone}


def indicator_charts(view: MonitoringView) -> dict[str, bytes]:
    """One PNG per indicator with a value: the value by school year, and the target."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out: dict[str, bytes] = {}
    for code, name in zip(view.table["indicator"], view.table["name"], strict=True):
        rows = view.trend[view.trend["indicator"] == code].sort_values("year")
        known = rows[rows["value"].notna()]
        if not len(known):
            continue
        fig, ax = plt.subplots(figsize=(6.0, 2.6), dpi=110)
        labels = [f"{y - 1}/{str(y)[-2:]}" for y in rows["year"]]
        ax.plot(labels, rows["value"], marker="o", color="#1f5fa8", label=t("monitoring.col.value"))
        if rows["target"].notna().any():
            ax.plot(labels, rows["target"], linestyle="--", marker="D", color="#c0392b",
                    label=t("monitoring.col.target"))  # fmt: skip
        top = max(rows["value"].max(), rows["target"].max(skipna=True) or 0)
        percent = code not in ("exchange_events",)
        ax.set_ylim(0, 100 if percent else max(1.0, float(top) * 1.2))
        ax.set_title(name, fontsize=10)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="best")
        ax.tick_params(labelsize=8)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
        plt.close(fig)
        out[code] = buf.getvalue()
    return out


def _scope_name(view: MonitoringView) -> str:
    return view.municipality or t("monitoring.scope.region")


def _add_table(doc: Any, frame: pd.DataFrame, wide: tuple[int, ...] = (0,)) -> None:
    """A grid table; the ``wide`` columns (names, activities) get the room."""
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(frame.columns))
    table.style = "Table Grid"
    table.autofit = False
    total, n_wide = 25.0, len(wide)
    narrow = (total - 5.0 * n_wide) / max(1, len(frame.columns) - n_wide)
    for cell, header in zip(table.rows[0].cells, frame.columns, strict=True):
        cell.text = str(header)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in frame.itertuples(index=False):
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = str(value)
    # LibreOffice reads the grid's column widths, Word the cells': set both.
    for i, (column, grid) in enumerate(zip(table.columns, table._tbl.tblGrid, strict=False)):
        width = Cm(5.0 if i in wide else narrow)
        grid.w = width
        for cell in column.cells:
            cell.width = width


def report_docx(view: MonitoringView) -> bytes:
    """The monitoring report as a Word document (python-docx)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    doc.styles["Normal"].font.name = "DejaVu Sans"
    doc.styles["Normal"].font.size = Pt(9)
    doc.add_heading(t("monitoring.report.title"), level=0)
    doc.add_paragraph(t("monitoring.report.scope", scope=_scope_name(view)))
    doc.add_paragraph(t("monitoring.report.period", period=view.period))
    tables = report_tables(view)
    doc.add_heading(t("monitoring.report.indicators"), level=1)
    _add_table(doc, tables["indicators"], wide=(0, 8))
    charts = list(indicator_charts(view).values())
    if charts:
        doc.add_heading(t("monitoring.report.charts"), level=1)
        grid = doc.add_table(rows=(len(charts) + 1) // 2, cols=2)
        for i, png in enumerate(charts):
            run = grid.cell(i // 2, i % 2).paragraphs[0].add_run()
            run.add_picture(io.BytesIO(png), width=Cm(11.5))
    for heading, name, wide, empty in (
        ("roadmap", "roadmap", (1,), "no_roadmap"),
        ("idle", "idle_pairs", (0, 1), "none"),
        ("alone", "alone", (1,), "none"),
    ):
        doc.add_heading(t(f"monitoring.report.{heading}"), level=1)
        if len(tables[name]):
            _add_table(doc, tables[name], wide=wide)
        else:
            doc.add_paragraph(t(f"monitoring.report.{empty}"))
    doc.add_heading(t("monitoring.report.effect"), level=1)
    doc.add_paragraph(view.effect_summary)
    doc.add_heading(t("monitoring.report.conclusions"), level=1)
    for line in view.conclusions:
        doc.add_paragraph(line, style="List Bullet")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def report_xlsx(view: MonitoringView) -> bytes:
    """The same report as a workbook: one sheet per table, plus the conclusions."""
    tables = report_tables(view)
    sheets = {t(f"monitoring.sheet.{k}"): v for k, v in tables.items()}
    sheets[t("monitoring.sheet.conclusions")] = pd.DataFrame(
        {t("monitoring.report.conclusions"): [*view.conclusions, view.effect_summary]}
    )
    return frames_to_xlsx(sheets)
