"""Read import files into raw sheets: every cell as text, nothing guessed.

A CSV file (UTF-8 with or without BOM; comma, semicolon or tab, sniffed from the header) is
one sheet named by its file name; an XLSX workbook holds one sheet per worksheet, named by the
worksheet's title. Names may be English (``schools``) or Russian (``Школы``), see
:mod:`loaders.aliases`. A folder is read file by file (hidden files and Excel's ``~$`` lock
files are skipped). Problems with the files themselves (wrong encoding, empty file, unknown
name) come back as :class:`~loaders.issues.ImportIssue`, never as exceptions.

Examples
--------
>>> result = read_bytes("Школы.csv", "Код ОО;Название\\n101;СОШ №1\\n".encode("utf-8-sig"))
>>> sheet = result.sheets[0]
>>> sheet.sheet, sheet.headers, sheet.rows
('schools', ['Код ОО', 'Название'], [(2, ['101', 'СОШ №1'])])
>>> print(read_bytes("schools.csv", "Код;Имя".encode("cp1251")).issues[0].message[:34])
файл сохранён не в кодировке UTF-8
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labels import t
from loaders.aliases import SHEET_ALIASES, normalize, resolve_header, resolve_sheet
from loaders.formula import unescape_csv_cell
from loaders.issues import ImportIssue
from loaders.sheets import HELP_SHEET_NAMES, SHEET_NAMES

__all__ = [
    "CSV_SUFFIXES",
    "XLSX_SUFFIXES",
    "RawSheet",
    "ReadResult",
    "cell_text",
    "read_bytes",
    "read_paths",
]

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
_DELIMITERS = (",", ";", "\t")

# Cells of any size: a description pasted into one cell may be megabytes long.
csv.field_size_limit(2**31 - 1)


@dataclass
class RawSheet:
    """The text of one sheet: headers as written and data rows with their Excel row numbers."""

    sheet: str
    file: str
    tab: str | None
    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    header_row: int = 1

    def issue(self, row: int | None, column: str | None, message: str) -> ImportIssue:
        return ImportIssue(self.file, row, column, message, sheet=self.tab)


@dataclass
class ReadResult:
    """Sheets read and problems met, in file order."""

    sheets: list[RawSheet] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)

    def extend(self, other: ReadResult) -> None:
        self.sheets += other.sheets
        self.issues += other.issues


def _sheet_list() -> tuple[str, str]:
    sheets = ", ".join(SHEET_NAMES)
    aliases = ", ".join(f"«{a[0]}»" for a in SHEET_ALIASES.values())
    return sheets, aliases


def _unknown_name(file: str, sheet: str | None = None) -> ImportIssue:
    sheets, aliases = _sheet_list()
    key = "loaders.file.unknown_name" if sheet is None else "loaders.sheet.unknown"
    return ImportIssue(file, None, None, t(key, sheets=sheets, aliases=aliases), sheet=sheet)


# --- CSV ----------------------------------------------------------------------------------------
def _decode(name: str, data: bytes) -> tuple[str | None, ImportIssue | None]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, ImportIssue(name, None, None, t("loaders.file.encoding"))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, ImportIssue(name, None, None, t("loaders.file.encoding"))
    if not text.strip():
        return None, ImportIssue(name, None, None, t("loaders.file.empty"))
    return text, None


def _records(text: str, delimiter: str) -> Iterator[list[str]]:
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _sniff(text: str, sheet: str) -> str:
    """The delimiter under which the header names the most known columns (then most cells)."""
    best, best_score = ",", (-1, -1)
    for delim in _DELIMITERS:
        try:
            header = next(_records(text, delim), [])
        except csv.Error:
            continue
        known = sum(1 for h in header if resolve_header(sheet, h) is not None)
        score = (known, len(header))
        if score > best_score:
            best, best_score = delim, score
    return best


def _table(rows: Iterable[tuple[int, list[str]]], raw: RawSheet, result: ReadResult) -> bool:
    """Fill ``raw`` from numbered rows: the first non-empty row is the header.

    Returns False when there is no header at all.
    """
    found = False
    for number, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        if not found:
            raw.headers, raw.header_row, found = cells, number, True
            continue
        if len(cells) > len(raw.headers):
            extra = cells[len(raw.headers) :]
            if any(c.strip() for c in extra):
                result.issues.append(
                    raw.issue(
                        number,
                        None,
                        t(
                            "loaders.row.too_many_cells",
                            cells=len(cells) - sum(1 for c in reversed(cells) if not c.strip()),
                            headers=len(raw.headers),
                        ),
                    )
                )
                continue
            cells = cells[: len(raw.headers)]
        elif len(cells) < len(raw.headers):
            cells = cells + [""] * (len(raw.headers) - len(cells))
        raw.rows.append((number, cells))
    return found


def _read_csv(name: str, data: bytes, sheet: str) -> ReadResult:
    result = ReadResult()
    text, problem = _decode(name, data)
    if problem is not None or text is None:
        result.issues.append(problem or ImportIssue(name, None, None, t("loaders.file.empty")))
        return result
    raw = RawSheet(sheet=sheet, file=name, tab=None, headers=[])
    records = _records(text, _sniff(text, sheet))
    if "'" in text:  # texts the safe writer escaped come back as they were
        records = ([unescape_csv_cell(c) for c in rec] for rec in records)
    try:
        found = _table(enumerate(records, start=1), raw, result)
    except csv.Error as exc:
        result.issues.append(ImportIssue(name, None, None, t("loaders.file.bad_csv", error=exc)))
        return result
    if not found:
        result.issues.append(ImportIssue(name, None, None, t("loaders.file.empty")))
        return result
    result.sheets.append(raw)
    return result


# --- XLSX ---------------------------------------------------------------------------------------
def cell_text(value: Any) -> str:
    """The text of an Excel cell value as the user meant it.

    >>> cell_text(2024), cell_text(2024.0), cell_text(12.5), cell_text(True)
    ('2024', '2024', '12.5', 'true')
    >>> cell_text(dt.datetime(2024, 9, 1)), cell_text(None)
    ('2024-09-01', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


_HELP = {normalize(n) for n in HELP_SHEET_NAMES}


def _read_xlsx(name: str, data: bytes) -> ReadResult:
    from openpyxl import load_workbook

    result = ReadResult()
    if not data.strip():
        result.issues.append(ImportIssue(name, None, None, t("loaders.file.empty")))
        return result
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        result.issues.append(ImportIssue(name, None, None, t("loaders.file.bad_xlsx", error=exc)))
        return result
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        result.issues.append(ImportIssue(name, None, None, t("loaders.file.bad_xlsx", error=exc)))
        return result
    try:
        for ws in book.worksheets:
            title = ws.title
            if normalize(title) in _HELP:
                continue
            # Some generators write a wrong sheet size; read what is really there.
            ws.reset_dimensions()
            rows = (
                (n, [cell_text(v) for v in values])
                for n, values in enumerate(ws.iter_rows(values_only=True), start=1)
            )
            sheet = resolve_sheet(title)
            if sheet is None:
                if any(any(c.strip() for c in cells) for _, cells in rows):
                    result.issues.append(_unknown_name(name, title))
                continue
            raw = RawSheet(sheet=sheet, file=name, tab=title, headers=[])
            if not _table(rows, raw, result):
                result.issues.append(raw.issue(None, None, t("loaders.sheet.empty")))
                continue
            result.sheets.append(raw)
    finally:
        book.close()
    if not result.sheets and not result.issues:
        result.issues.append(ImportIssue(name, None, None, t("loaders.file.no_sheets")))
    return result


# --- entry points -------------------------------------------------------------------------------
def read_bytes(name: str, data: bytes) -> ReadResult:
    """Read one file given by its name (which says the sheet or the format) and its bytes."""
    suffix = Path(name).suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return _read_xlsx(name, data)
    if suffix == ".xls":
        return ReadResult(issues=[ImportIssue(name, None, None, t("loaders.file.xls"))])
    if suffix in CSV_SUFFIXES:
        sheet = resolve_sheet(Path(name).stem)
        if sheet is None:
            return ReadResult(issues=[_unknown_name(name)])
        return _read_csv(name, data, sheet)
    return ReadResult(issues=[ImportIssue(name, None, None, t("loaders.file.unsupported"))])


def _skipped(path: Path) -> bool:
    return path.name.startswith((".", "~$")) or not path.is_file()


def _read_file(path: Path, display: str) -> ReadResult:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ReadResult(
            issues=[ImportIssue(display, None, None, t("loaders.file.unreadable", error=exc))]
        )
    return read_bytes(display, data)


def read_paths(paths: Sequence[str | Path]) -> ReadResult:
    """Read files and folders (each folder: every file directly inside, by name)."""
    result = ReadResult()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if not _skipped(child):
                    result.extend(_read_file(child, str(child)))
        elif path.is_file():
            result.extend(_read_file(path, str(given)))
        else:
            result.issues.append(ImportIssue(str(given), None, None, t("loaders.file.not_found")))
    return result
