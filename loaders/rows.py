"""Pass 1 of validation: a raw sheet's header resolved to columns, and its cells parsed.

Each cell is first checked as text (:func:`text_issue`: length, control and invisible
characters; see :mod:`loaders.limits`), then parsed by its column type (:mod:`loaders.cells`).
Problems are reported through the caller's ``report`` function, so the same rules serve the
validator and anything that checks cells one by one.

Examples
--------
>>> from loaders.sheets import SHEETS
>>> str(text_issue(SHEETS["schools"].column("school_id"), "1\\u200b01"))
'в значении есть невидимый символ U+200B (ZERO WIDTH SPACE, символ № 2): из-за него \
значение выглядит так же, как другое, но не совпадает с ним; удалите этот символ'
>>> text_issue(SHEETS["schools"].column("name"), "СОШ №1") is None
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from labels.message import Message
from loaders.aliases import header_aliases, resolve_header
from loaders.cells import CellError, cell_parser
from loaders.issues import ImportIssue
from loaders.limits import (
    MAX_CELL_CHARS,
    MAX_ID_CHARS,
    MAX_TEXT_CHARS,
    TextKind,
    char_name,
    text_problem,
)
from loaders.readers import RawSheet
from loaders.sheets import SHEETS, ColType, Column, SheetSpec

__all__ = ["Row", "Sheet", "parse_rows", "resolve_columns", "text_issue"]


@dataclass
class Sheet:
    """One raw sheet with its header resolved to columns."""

    raw: RawSheet
    spec: SheetSpec
    index: dict[str, int]  # column → cell position
    missing: set[str]  # required columns absent from the header

    def header(self, column: str) -> str:
        """The column as the user named it (or its English name when absent)."""
        pos = self.index.get(column)
        return self.raw.headers[pos].strip() if pos is not None else column

    def where(self, row: int, other: Sheet) -> Message:
        """How an earlier row is named in a message about a row of ``self``."""
        if other.raw.file == self.raw.file and other.raw.tab == self.raw.tab:
            return Message("loaders.loc.other_row", row=row)
        file = other.raw.file if other.raw.tab is None else f"{other.raw.file} [{other.raw.tab}]"
        return Message("loaders.loc.other_file_row", file=file, row=row)


@dataclass(slots=True)
class Row:
    sheet: Sheet
    number: int
    text: dict[str, str]  # column → trimmed cell text (non-empty only)
    values: dict[str, Any]  # column → parsed value
    bad: set[str] = field(default_factory=set)  # columns already reported
    dropped: bool = False  # a duplicate: reported, not built


# --- text rules ---------------------------------------------------------------------------------
# Columns whose values are ids of nodes (or parts of one), and names people tell apart by eye:
# these refuse invisible characters (ids also line breaks), so what looks equal is equal.
_ID_COLUMNS = frozenset({"municipality", "region", "schools"})
_NAME_COLUMNS = frozenset({"name", "full_name", "title", "subject", "assessment"})


def _is_id(col: Column) -> bool:
    return col.name.endswith("_id") or col.name in _ID_COLUMNS


def text_limit(col: Column) -> int:
    """The longest text a cell of the column may hold."""
    if _is_id(col) and col.type is not ColType.list:
        return MAX_ID_CHARS
    if col.type is ColType.str:
        return MAX_TEXT_CHARS
    return MAX_CELL_CHARS


def text_issue(col: Column, text: str) -> Message | None:
    """Why a (trimmed, non-empty) cell cannot be stored as it is, or None."""
    limit = text_limit(col)
    if len(text) > limit:
        key = "hostile.text.id_too_long" if limit == MAX_ID_CHARS else "hostile.text.too_long"
        return Message(key, n=len(text), limit=limit)
    kind: TextKind = "id" if _is_id(col) else "name" if col.name in _NAME_COLUMNS else "text"
    problem = text_problem(text, kind)
    if problem is None:
        return None
    code, char, pos = problem
    return Message(f"hostile.text.{code}", char=char, name=char_name(char), pos=pos)


def _text_checker(col: Column) -> Callable[[str], Message | None]:
    """:func:`text_issue` for one column, memoised (values repeat a lot)."""
    memo: dict[str, Message | None] = {}

    def check(text: str) -> Message | None:
        if text in memo:
            return memo[text]
        found = text_issue(col, text)
        if len(memo) < 100_000:
            memo[text] = found
        return found

    return check


# --- pass 1 -------------------------------------------------------------------------------------
def resolve_columns(raw: RawSheet, issues: list[ImportIssue], warnings: list[ImportIssue]) -> Sheet:
    """Map the header of ``raw`` to columns; unknown, blank, duplicate and missing ones are
    reported."""
    spec = SHEETS[raw.sheet]
    index: dict[str, int] = {}
    for pos, header in enumerate(raw.headers):
        if not header.strip():
            if any(pos < len(cells) and cells[pos].strip() for _, cells in raw.rows):
                warnings.append(raw.issue(raw.header_row, None, Message("loaders.header.blank")))
            continue
        column = resolve_header(raw.sheet, header)
        if column is None:
            warnings.append(
                raw.issue(raw.header_row, header.strip(), Message("loaders.header.unknown"))
            )
        elif column in index:
            first = raw.headers[index[column]].strip()
            msg = Message("loaders.header.duplicate", column=column, first=first, second=header)
            issues.append(raw.issue(raw.header_row, header.strip(), msg))
        else:
            index[column] = pos
    missing = {c for c in spec.required if c not in index}
    for column in spec.required:
        if column in missing:
            aliases = ", ".join(f"«{a}»" for a in header_aliases(raw.sheet, column)) or "—"
            msg = Message("loaders.header.missing", column=column, aliases=aliases)
            issues.append(raw.issue(raw.header_row, column, msg))
    return Sheet(raw=raw, spec=spec, index=index, missing=missing)


def parse_rows(sheet: Sheet, report: Callable[[Row, str, Message], None]) -> list[Row]:
    """Every data row of ``sheet`` with its cells checked and parsed by column type.

    ``report(row, column, message)`` receives each problem (and should mark the column bad).
    """
    spec = sheet.spec
    columns = [
        (name, pos, _text_checker(spec.column(name)), cell_parser(spec.column(name)))
        for name, pos in sheet.index.items()
    ]
    required = [c for c in spec.required if c not in sheet.missing]
    rows = []
    for number, cells in sheet.raw.rows:
        text: dict[str, str] = {}
        values: dict[str, Any] = {}
        row = Row(sheet=sheet, number=number, text=text, values=values, bad=set(sheet.missing))
        for name, pos, check, parse in columns:
            cell = cells[pos].strip()
            if not cell:
                continue
            text[name] = cell
            problem = check(cell)
            if problem is not None:
                report(row, name, problem)
                continue
            try:
                values[name] = parse(cell)
            except CellError as exc:
                report(row, name, exc.text)
        for column in required:
            if column not in text:
                report(row, column, Message("loaders.value.required"))
        rows.append(row)
    return rows
