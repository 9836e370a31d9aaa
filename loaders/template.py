"""The downloadable import template: empty CSVs and a workbook with a help sheet.

``write_template(out_dir)`` writes one CSV per sheet (English headers, UTF-8 with BOM so that
Excel opens Russian text correctly, comma-separated) and ``schoolnet_template.xlsx`` with one
sheet per import sheet (English names and headers) plus a «Справка» sheet listing every
column: its Russian headers, type, whether it is required, allowed values and a description.
Both import as they are: an empty template is "nothing to import", not an error.

Examples
--------
>>> import tempfile
>>> paths = write_template(tempfile.mkdtemp())
>>> sorted(p.name for p in paths)[:3]
['associations.csv', 'curators.csv', 'events.csv']
>>> paths[-1].name
'schoolnet_template.xlsx'
"""

from __future__ import annotations

from pathlib import Path

from labels.input_words import HELP_SHEET_NAMES
from labels.message import Message, render
from loaders.aliases import (
    FALSE_VALUES,
    TRUE_VALUES,
    VALUE_ALIASES,
    header_aliases,
    sheet_title_ru,
)
from loaders.sheets import SHEETS, ColType, Column
from loaders.writers import append_row, csv_bytes

__all__ = ["TEMPLATE_XLSX", "help_rows", "write_template"]

TEMPLATE_XLSX = "schoolnet_template.xlsx"
HELP_SHEET = HELP_SHEET_NAMES[0]


def _allowed(col: Column) -> str:
    if col.type is ColType.bool:
        return f"{', '.join(TRUE_VALUES)} | {', '.join(FALSE_VALUES)}"
    if col.enum is None:
        return ""
    ru = VALUE_ALIASES.get(col.enum, {})
    return "; ".join(f"{v} ({', '.join(ru[v])})" if ru.get(v) else v for v in col.allowed())


def _word(key: str) -> str:
    """A word of the help sheet: the sheet is a document for people, written in their language."""
    return render(Message(key))


def help_rows() -> list[list[str]]:
    """The «Справка» table: a header row, then one row per column of every sheet."""
    rows = [
        [
            _word("loaders.help.sheet"),
            _word("loaders.help.sheet_ru"),
            _word("loaders.help.column"),
            _word("loaders.help.aliases"),
            _word("loaders.help.type"),
            _word("loaders.help.required"),
            _word("loaders.help.allowed"),
            _word("loaders.help.description"),
        ]
    ]
    for sheet, spec in SHEETS.items():
        for col in spec.columns:
            rows.append(
                [
                    sheet,
                    sheet_title_ru(sheet),
                    col.name,
                    "; ".join(header_aliases(sheet, col.name)),
                    _word(f"loaders.type.{col.type.value}"),
                    _word("common.yes") if col.required else "",
                    _allowed(col),
                    _word(f"loaders.col.{sheet}.{col.name}"),
                ]
            )
    return rows


def _write_xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    bold = Font(bold=True)
    for sheet, spec in SHEETS.items():
        ws = book.create_sheet(sheet)
        append_row(ws, spec.column_names)
        for i, col in enumerate(spec.columns, start=1):
            cell = ws.cell(row=1, column=i)
            cell.font = bold
            letter = cell.column_letter
            ws.column_dimensions[letter].width = max(12, len(col.name) + 4)
        ws.freeze_panes = "A2"
    ws = book.create_sheet(HELP_SHEET)
    for row in help_rows():
        append_row(ws, row)
    for cell in ws[1]:
        cell.font = bold
    for letter, width in zip("ABCDEFGH", (16, 24, 26, 40, 16, 12, 50, 70), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.append([])
    for key in ("loaders.help.note_lists", "loaders.help.note_dates", "loaders.help.note_all"):
        append_row(ws, [_word(key)])
    ws.freeze_panes = "A2"
    book.save(path)


def write_template(out_dir: str | Path) -> list[Path]:
    """Write the empty CSVs and the workbook into ``out_dir`` (created if needed)."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet, spec in SHEETS.items():
        path = folder / f"{sheet}.csv"
        path.write_bytes(csv_bytes([spec.column_names], bom=True))
        written.append(path)
    xlsx = folder / TEMPLATE_XLSX
    _write_xlsx(xlsx)
    written.append(xlsx)
    return written
