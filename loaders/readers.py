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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labels.message import Message
from loaders.aliases import SHEET_ALIASES, normalize, resolve_header, resolve_sheet
from loaders.formula import unescape_csv_cell
from loaders.issues import ImportIssue
from loaders.limits import MAX_CELL_CHARS, MAX_UNZIPPED_MB, max_file_bytes, max_file_mb
from loaders.sheets import HELP_SHEET_NAMES, SHEET_NAMES
from loaders.xlsx_guard import MAX_RATIO, check_workbook

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
_SHOWN = {",": ",", ";": ";", "\t": "Tab"}

# The csv module keeps a field as 4 bytes a character: a field of a whole file (an unclosed
# quote, a hostile file) must stop early. Cells a little over the limit still reach the
# validator, which names their row and column (MAX_CELL_CHARS).
_CSV_FIELD_LIMIT = 4 * MAX_CELL_CHARS
csv.field_size_limit(_CSV_FIELD_LIMIT)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls and password-protected books
_ZIP = b"PK\x03\x04"


@dataclass
class RawSheet:
    """The text of one sheet: headers as written and data rows with their Excel row numbers."""

    sheet: str
    file: str
    tab: str | None
    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    header_row: int = 1

    def issue(self, row: int | None, column: str | None, message: Message) -> ImportIssue:
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
    return ImportIssue(file, None, None, Message(key, sheets=sheets, aliases=aliases), sheet=sheet)


# --- CSV ----------------------------------------------------------------------------------------
def _file_issue(name: str, key: str, **kw: object) -> ImportIssue:
    return ImportIssue(name, None, None, Message(key, **kw))


def _zero_bytes(head: bytes) -> str | None:
    """What many zero bytes at the start of a "CSV" mean: UTF-16 that lost its byte order mark
    (zeros at every other position), or not text at all; None when there are only a few (the
    validator names the cell that holds them)."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = max(1, len(head) // 2)
    if (even == 0) != (odd == 0) and max(even, odd) * 20 >= half:
        return "hostile.csv.utf16"
    if even + odd >= 16 and (even + odd) * 100 >= len(head):
        return "hostile.csv.nul"
    return None


def _encoding(name: str, data: bytes) -> tuple[str | None, ImportIssue | None]:
    """The codec of a CSV: UTF-8 (with or without BOM), or UTF-16 with its BOM (Excel's
    «Unicode text»); anything else is refused with what it most likely is. (Bytes that do not
    decode are found while reading, see :func:`_all_records`.)"""
    if data.startswith(_OLE2):
        return None, _file_issue(name, "loaders.file.xls")
    if data.startswith(_ZIP):
        return None, _file_issue(name, "hostile.csv.is_xlsx")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", None
    zeros = _zero_bytes(data[:4096])
    if zeros is not None:
        return None, _file_issue(name, zeros)
    if _has_huge_line(data):
        return None, _file_issue(name, "hostile.csv.line_too_long", limit=_LINE_BLOCK >> 20)
    return "utf-8-sig", None


# A line of at most 25 columns of 32,767 characters of 4 bytes fits in 4 MB; a file with 8 MB
# and no line break is not a table, and decoding it would only cost memory.
_LINE_BLOCK = 4 << 20


def _has_huge_line(data: bytes) -> bool:
    """Whether some full block of :data:`_LINE_BLOCK` bytes holds no line break."""
    return any(
        data.find(b"\n", start, start + _LINE_BLOCK) == -1
        for start in range(0, len(data) - _LINE_BLOCK + 1, _LINE_BLOCK)
    )


def _text(data: bytes, encoding: str) -> io.TextIOWrapper:
    """The file as text, decoded while it is read (never held whole as a string)."""
    return io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")


def _one_newline(cell: str) -> str:
    return cell.replace("\r\n", "\n").replace("\r", "\n") if "\r" in cell else cell


def _records(lines: Iterable[str], delimiter: str) -> Iterator[list[str]]:
    return csv.reader(lines, delimiter=delimiter, strict=True)


class _CsvProblem(Exception):
    """A record the csv module cannot read (or bytes that do not decode); ``row`` is where the
    record starts."""

    def __init__(self, row: int, error: Exception) -> None:
        super().__init__(str(error))
        self.row = row
        self.undecodable = isinstance(error, UnicodeDecodeError)


def _all_records(records: Iterator[list[str]]) -> tuple[list[list[str]], _CsvProblem | None]:
    """Every record the reader gives, and the problem that stopped it (None at the end).

    Record ``k`` (from 1) of the list is row ``k`` of the file, as Excel numbers it; a problem
    names the record where it starts, the one after those read.
    """
    out: list[list[str]] = []
    append = out.append
    try:
        for cells in records:
            append(cells)
    except (csv.Error, UnicodeDecodeError) as exc:
        return out, _CsvProblem(len(out) + 1, exc)
    return out, None


def _csv_message(problem: _CsvProblem) -> tuple[int | None, Message]:
    if problem.undecodable:
        return None, Message("loaders.file.encoding")
    text = str(problem)
    if "field limit" in text:
        return problem.row, Message("hostile.csv.cell_too_large", limit=MAX_CELL_CHARS)
    if "unexpected end of data" in text:
        return None, Message("hostile.csv.unclosed_quote", row=problem.row)
    if "expected after" in text:
        return problem.row, Message("hostile.csv.bad_quote")
    return problem.row, Message("loaders.file.bad_csv", error=text)


def _other_delimiter(cells: list[str], delimiter: str, width: int) -> str | None:
    """The delimiter a short row really uses, when it is not the header's."""
    joined = delimiter.join(cells)
    for other in _DELIMITERS:
        if other == delimiter or other not in joined:
            continue
        try:
            n = len(next(csv.reader([joined], delimiter=other), []))
        except csv.Error:
            continue
        if n == width or n >= 3:
            return other
    return None


def _sniff(data: bytes, encoding: str, sheet: str) -> str:
    """The delimiter under which the header names the most known columns (then most cells)."""
    # The header is near the start: a megabyte is plenty (a cut character is dropped).
    head = data[: 1 << 20].decode(encoding, errors="ignore")
    best, best_score = ",", (-1, -1)
    for delim in _DELIMITERS:
        try:
            header = next(_records(io.StringIO(head, newline=""), delim), [])
        except (csv.Error, StopIteration):
            continue
        known = sum(1 for h in header if resolve_header(sheet, h) is not None)
        score = (known, len(header))
        if score > best_score:
            best, best_score = delim, score
    return best


def _table(
    rows: Iterable[tuple[int, list[str]]],
    raw: RawSheet,
    result: ReadResult,
    delimiter: str | None = None,
) -> bool:
    """Fill ``raw`` from numbered rows: the first non-empty row is the header.

    ``delimiter`` (CSV only) lets a short row be recognised as written with another one.
    Returns False when there is no header at all.
    """
    found, width = False, 0
    for number, cells in rows:
        if not "".join(cells).strip():  # every cell blank (one C call, not one per cell)
            continue
        if not found:
            raw.headers, raw.header_row, found = cells, number, True
            width = len(cells)
            continue
        if len(cells) > len(raw.headers):
            extra = cells[len(raw.headers) :]
            if any(c.strip() for c in extra):
                result.issues.append(
                    raw.issue(
                        number,
                        None,
                        Message(
                            "loaders.row.too_many_cells",
                            cells=len(cells) - sum(1 for c in reversed(cells) if not c.strip()),
                            headers=len(raw.headers),
                        ),
                    )
                )
                continue
            cells = cells[: len(raw.headers)]
        elif len(cells) < len(raw.headers):
            other = None if delimiter is None else _other_delimiter(cells, delimiter, width)
            if other is not None:
                msg = Message(
                    "hostile.csv.mixed_delimiter", found=other, expected=_SHOWN[delimiter or ","]
                )
                result.issues.append(raw.issue(number, None, msg))
                continue
            cells = cells + [""] * (len(raw.headers) - len(cells))
        raw.rows.append((number, cells))
    return found


def _csv_table(records: list[list[str]], raw: RawSheet, result: ReadResult, delimiter: str) -> bool:
    """:func:`_table` of a CSV's records (record ``k`` is row ``k + 1``), in bulk when every
    row after the header is as wide as the header and not blank (the usual file)."""
    start = 0
    while start < len(records) and not "".join(records[start]).strip():
        start += 1
    if start == len(records):
        return False
    width = len(records[start])
    body = records[start + 1 :]
    if all(n == width for n in map(len, body)) and all(map(str.strip, map("".join, body))):
        raw.headers, raw.header_row = records[start], start + 1
        raw.rows = list(zip(range(start + 2, start + 2 + len(body)), body, strict=True))
        return True
    return _table(enumerate(records, start=1), raw, result, delimiter)


def _read_csv(name: str, data: bytes, sheet: str) -> ReadResult:
    result = ReadResult()
    encoding, problem = _encoding(name, data)
    if problem is not None or encoding is None:
        result.issues.append(problem or _file_issue(name, "loaders.file.empty"))
        return result
    raw = RawSheet(sheet=sheet, file=name, tab=None, headers=[])
    delimiter = _sniff(data, encoding, sheet)
    records, broken = _all_records(_records(_text(data, encoding), delimiter))
    if b"'" in data:  # texts the safe writer escaped come back as they were
        records = [[unescape_csv_cell(c) for c in rec] for rec in records]
    if b"\r" in data:  # a line break inside a cell is «\n», as Excel keeps it
        records = [[_one_newline(c) for c in rec] for rec in records]
    # The rows before a broken record are checked too (their problems come first).
    found = _csv_table(records, raw, result, delimiter)
    del records
    if broken is not None:
        row, message = _csv_message(broken)
        if broken.undecodable and b"\x00" in data[:4096]:
            row, message = None, Message("hostile.csv.nul")
        result.issues.append(ImportIssue(name, row, None, message))
        return result
    if not found:
        result.issues.append(_file_issue(name, "loaders.file.empty"))
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
    return _one_newline(str(value))


_HELP = {normalize(n) for n in HELP_SHEET_NAMES}


def _guard(name: str, data: bytes) -> tuple[ImportIssue | None, set[str]]:
    """Refuse a workbook that would inflate without bound (see :mod:`loaders.xlsx_guard`)."""
    if data.startswith(_OLE2):
        return _file_issue(name, "hostile.xlsx.ole"), set()
    check = check_workbook(data)
    match check.problem:
        case None:
            return None, check.formula_parts
        case ("unzipped", size):
            return (
                _file_issue(
                    name, "hostile.xlsx.unzipped_too_large", size=size, limit=MAX_UNZIPPED_MB
                ),
                set(),
            )
        case ("ratio", part):
            issue = _file_issue(name, "hostile.xlsx.ratio", part=part, ratio=MAX_RATIO)
            return issue, set()
        case ("cell", part):
            return _file_issue(
                name, "hostile.xlsx.cell_too_large", part=part, limit=MAX_CELL_CHARS
            ), set()
        case (_, error):
            return _file_issue(name, "loaders.file.bad_xlsx", error=error), set()
    return None, set()  # pragma: no cover


def _sheet_part(ws: Any) -> str | None:
    """The zip part of a worksheet (``xl/worksheets/sheet1.xml``), when openpyxl tells it."""
    path = getattr(ws, "_worksheet_path", None)
    return str(path).lstrip("/") if path else None


def _formula_cells(data: bytes, title: str) -> set[tuple[int, int]]:
    """(row, column) of the formulas of a sheet whose value was never computed and saved."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        ws = book[title]
        ws.reset_dimensions()
        found = set()
        for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
            for c, value in enumerate(values):
                if isinstance(value, str) and value.startswith("="):
                    found.add((r, c))
        return found
    finally:
        book.close()


def _xlsx_rows(ws: Any, formulas: set[tuple[int, int]]) -> Iterator[tuple[int, list[str]]]:
    for n, values in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = [cell_text(v) for v in values]
        if formulas:
            for c, text in enumerate(cells):
                if not text and (n, c) in formulas:
                    cells[c] = _NO_VALUE
        yield n, cells


# A formula cell without a saved value: marked here, reported with its row and column.
_NO_VALUE = "\x00formula"


def _formula_issues(raw: RawSheet, result: ReadResult) -> None:
    kept = []
    for number, cells in raw.rows:
        bad = [pos for pos, c in enumerate(cells) if c == _NO_VALUE]
        for pos in bad:
            header = raw.headers[pos].strip() if pos < len(raw.headers) else None
            result.issues.append(raw.issue(number, header or None, Message("hostile.xlsx.formula")))
        if not bad:
            kept.append((number, cells))
    raw.rows = kept


def _read_xlsx(name: str, data: bytes) -> ReadResult:
    from openpyxl import load_workbook

    result = ReadResult()
    if not data.strip():
        result.issues.append(ImportIssue(name, None, None, Message("loaders.file.empty")))
        return result
    problem, formula_parts = _guard(name, data)
    if problem is not None:
        result.issues.append(problem)
        return result
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        result.issues.append(
            ImportIssue(name, None, None, Message("loaders.file.bad_xlsx", error=str(exc)))
        )
        return result
    try:
        for ws in book.worksheets:
            title = ws.title
            if normalize(title) in _HELP:
                continue
            # Some generators write a wrong sheet size; read what is really there.
            ws.reset_dimensions()
            part = _sheet_part(ws)
            formulas: set[tuple[int, int]] = set()
            if formula_parts and (part is None or part in formula_parts):
                formulas = _formula_cells(data, title)
            rows = _xlsx_rows(ws, formulas)
            sheet = resolve_sheet(title)
            if sheet is None:
                if any(any(c.strip() for c in cells) for _, cells in rows):
                    result.issues.append(_unknown_name(name, title))
                continue
            raw = RawSheet(sheet=sheet, file=name, tab=title, headers=[])
            if not _table(rows, raw, result):
                result.issues.append(raw.issue(None, None, Message("loaders.sheet.empty")))
                continue
            if formulas:
                _formula_issues(raw, result)
            result.sheets.append(raw)
    except Exception as exc:  # a part that fails to parse half way (broken XML, bad CRC)
        result.issues.append(
            ImportIssue(name, None, None, Message("loaders.file.bad_xlsx", error=str(exc)))
        )
        result.sheets = [s for s in result.sheets if s.file != name]
    finally:
        book.close()
    if not result.sheets and not result.issues:
        result.issues.append(ImportIssue(name, None, None, Message("loaders.file.no_sheets")))
    return result


# --- entry points -------------------------------------------------------------------------------
def _too_large(name: str, size: int) -> ReadResult | None:
    if size <= max_file_bytes():
        return None
    mb = f"{size / (1024 * 1024):.1f}".replace(".", ",")
    return ReadResult(
        issues=[_file_issue(name, "hostile.file.too_large", size=mb, limit=max_file_mb())]
    )


def read_bytes(name: str, data: bytes) -> ReadResult:
    """Read one file given by its name (which says the sheet or the format) and its bytes.

    A file over the size limit (:func:`loaders.limits.max_file_mb`) is refused unread.
    """
    refused = _too_large(name, len(data))
    if refused is not None:
        return refused
    suffix = Path(name).suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return _read_xlsx(name, data)
    if suffix == ".xls":
        return ReadResult(issues=[ImportIssue(name, None, None, Message("loaders.file.xls"))])
    if suffix in CSV_SUFFIXES:
        sheet = resolve_sheet(Path(name).stem)
        if sheet is None:
            return ReadResult(issues=[_unknown_name(name)])
        return _read_csv(name, data, sheet)
    return ReadResult(issues=[ImportIssue(name, None, None, Message("loaders.file.unsupported"))])


def _skipped(path: Path) -> bool:
    return path.name.startswith((".", "~$")) or not path.is_file()


def _read_file(path: Path, display: str) -> ReadResult:
    try:
        refused = _too_large(display, path.stat().st_size)
        if refused is not None:
            return refused
        data = path.read_bytes()
    except OSError as exc:
        return ReadResult(
            issues=[
                ImportIssue(display, None, None, Message("loaders.file.unreadable", error=str(exc)))
            ]
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
            result.issues.append(
                ImportIssue(str(given), None, None, Message("loaders.file.not_found"))
            )
    return result
