"""Passes 1 and 2 of validation over whole columns: cells checked and parsed, keys deduplicated.

The rules are those of the row path (:mod:`loaders.rows`, :mod:`loaders.cells`,
:mod:`loaders.limits`): each column is factorised and every *distinct* text is checked and
parsed once, so a column of 360,000 results with a few thousand distinct values costs a few
thousand parses; the outcome is spread back to the rows with the factor codes (numpy). The
problems are the same codes, at the same file, row and column, in the same order.

Examples
--------
>>> from loaders.readers import read_bytes
>>> data = "teacher_id,event_id\\nT1,E1\\nT1,E1\\n,E2\\n".encode()
>>> table = column_table("participation", read_bytes("participation.csv", data).sheets)
>>> sorted((i.row, i.code) for _, i in table.issues)
[(3, 'loaders.row.duplicate_key'), (4, 'loaders.value.required')]
>>> table.live.tolist()
[True, False, True]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd

from labels.input_words import ASSESSMENTS
from labels.message import Message
from loaders.cells import GAPS, NUMBER, CellError, cell_parser
from loaders.issues import ImportIssue
from loaders.readers import RawSheet
from loaders.rows import Sheet, _text_checker, resolve_columns, text_limit
from loaders.sheets import SHEETS, ColType, SheetSpec

__all__ = ["ColumnTable", "IssueKey", "column_table"]

IssueKey = tuple[int, int, int]  # (pass, order inside the row, sequence): sorts a row's issues


@dataclass
class ColumnTable:
    """The rows of every file of one sheet, column by column (one entry per data row)."""

    spec: SheetSpec
    sheets: list[Sheet]
    source: np.ndarray  # index into ``sheets`` of each row
    number: np.ndarray  # the row as seen in Excel
    text: dict[str, np.ndarray] = field(default_factory=dict)  # trimmed text or None
    value: dict[str, np.ndarray] = field(default_factory=dict)  # parsed value or None
    bad: dict[str, np.ndarray] = field(default_factory=dict)  # column already reported
    live: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))  # not a duplicate
    issues: list[tuple[IssueKey, ImportIssue]] = field(default_factory=list)
    declared: set[str] = field(default_factory=set)  # ids of the sheet's nodes
    warnings: list[ImportIssue] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.number)

    def issue(self, i: int, column: str | None, text: Message, key: IssueKey) -> None:
        """Report a problem of row ``i`` (and mark the column as reported)."""
        sheet = self.sheets[int(self.source[i])]
        header = sheet.header(column) if column is not None else None
        self.issues.append((key, sheet.raw.issue(int(self.number[i]), header, text)))
        if column is not None:
            self.bad[column][i] = True

    def where(self, i: int, first: int) -> Message:
        return self.sheets[int(self.source[i])].where(
            int(self.number[first]), self.sheets[int(self.source[first])]
        )


def _parse_column(
    spec: SheetSpec, name: str, cells: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Trimmed text, value and reason (None when fine) of every cell, parsed per distinct text."""
    col = spec.column(name)
    codes, uniques = pd.factorize(np.asarray(cells, dtype=object), use_na_sentinel=False)
    stripped = pd.Series(uniques, dtype=object).str.strip()
    # What text_issue lets through without looking at each character: short enough and
    # printable (text_problem's own first test); anything else gets the full check.
    suspect = (stripped.str.len() > text_limit(col)) | ~stripped.map(str.isprintable).astype(bool)
    fast = _fast_numbers(stripped) if col.type is ColType.float else None
    check, parse = _text_checker(col), cell_parser(col)
    n = len(uniques)
    u_text = np.empty(n, dtype=object)
    u_value = np.empty(n, dtype=object)
    u_reason = np.empty(n, dtype=object)
    for k, (cell, odd) in enumerate(zip(stripped.tolist(), suspect.tolist(), strict=True)):
        if not cell:
            continue
        u_text[k] = cell
        problem = check(cell) if odd else None
        if problem is None:
            if fast is not None and fast[k] is not None:
                u_value[k] = fast[k]
                continue
            try:
                u_value[k] = parse(cell)
            except CellError as exc:
                problem = exc.text
        u_reason[k] = problem
    return u_text[codes], u_value[codes], u_reason[codes]


def _fast_numbers(texts: pd.Series) -> list[float | None]:
    """:func:`loaders.cells.parse_number` of many texts at once (None: parse that one alone).

    The same pattern and the same ``float()`` of each text; only finite numbers are given.
    """
    clean = texts.str.translate(GAPS)
    match = clean.str.fullmatch(NUMBER.pattern).fillna(False).to_numpy(bool)
    out: list[float | None] = [None] * len(texts)
    if match.any():
        numbers = clean[match].str.replace(",", ".", regex=False).to_numpy(object)
        values = numbers.astype(float) + 0.0
        finite = np.isfinite(values)
        for k, v, ok in zip(np.flatnonzero(match), values.tolist(), finite.tolist(), strict=True):
            if ok:
                out[k] = v
    return out


def _pass1(spec: SheetSpec, sheet: Sheet, table: ColumnTable, offset: int, n: int) -> None:
    """Cells of one file of the sheet, written into rows ``offset:offset+n`` of ``table``."""
    found: list[tuple[int, int, str, Message]] = []  # (row, order, column, reason)
    matrix = list(map(itemgetter(1), sheet.raw.rows))
    try:  # the readers give every row as many cells as the header has
        columns = list(zip(*matrix, strict=True))
    except ValueError:
        width = len(sheet.raw.headers)
        columns = [tuple(r[p] if p < len(r) else "" for r in matrix) for p in range(width)]
    for order, (name, pos) in enumerate(sheet.index.items()):
        cells = columns[pos] if n else ()
        text, value, reason = _parse_column(spec, name, cells)
        table.text[name][offset : offset + n] = text
        table.value[name][offset : offset + n] = value
        problems = np.flatnonzero(reason != None)  # noqa: E711 (elementwise on objects)
        found += [(int(i), order, name, reason[i]) for i in problems]
    for name in spec.required:
        if name in sheet.missing:
            table.bad[name][offset : offset + n] = True
            continue
        empty = np.flatnonzero(table.text[name][offset : offset + n] == None)  # noqa: E711
        rank = 1000 + spec.required.index(name)
        found += [(int(i), rank, name, Message("loaders.value.required")) for i in empty]
    for i, rank, column, why in found:
        table.issue(offset + i, column, why, (1, rank, 0))


def _key_columns(table: ColumnTable) -> tuple[np.ndarray, list[np.ndarray]]:
    """Which rows have a key (no key cell reported, no required key cell empty), and its parts."""
    spec = table.spec
    has_key = np.ones(len(table), dtype=bool)
    parts = []
    for c in spec.key:
        values = table.value[c]
        has_key &= ~table.bad[c]
        if c in spec.required:
            has_key &= values != None  # noqa: E711
        parts.append(values)
    return has_key, parts


def _pass2(table: ColumnTable) -> set[str]:
    """Duplicate keys reported (the later rows dropped); the ids the sheet declares."""
    spec = table.spec
    if spec.name == "results" and "assessment" in table.value:
        values = table.value["assessment"]
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        upper = np.array(
            [u.upper() if u.upper() in ASSESSMENTS else u for u in uniques], dtype=object
        )
        if len(upper):
            mapped = upper[np.maximum(codes, 0)]
            mapped[codes < 0] = None
            table.value["assessment"] = mapped
    has_key, parts = _key_columns(table)
    rows = np.flatnonzero(has_key)
    # One integer per distinct key (each part factorised, None a value of its own), as
    # DataFrame.duplicated does, without copying the texts into a frame.
    combined = np.zeros(len(rows), dtype=np.int64)
    for p in parts:
        codes, uniques = pd.factorize(p[rows], use_na_sentinel=False)
        combined, _ = pd.factorize(combined * len(uniques) + codes)
    table.live = np.ones(len(table), dtype=bool)
    repeated = rows[np.bincount(combined, minlength=1)[combined] > 1]
    first: dict[tuple[Any, ...], int] = {}
    for i in repeated:
        key = tuple(p[i] for p in parts)
        j = first.setdefault(key, int(i))
        if j == i:
            continue
        where = table.where(int(i), j)
        if spec.id_column is not None:
            text = Message("loaders.row.duplicate_id", id=key[0], where=where)
            table.issue(int(i), spec.id_column, text, (2, 0, 0))
        else:
            listed = ", ".join(str(v) for v in key if v is not None)
            text = Message("loaders.row.duplicate_key", key=listed, where=where)
            table.issue(int(i), None, text, (2, 0, 0))
        table.live[i] = False
    if spec.label is None or spec.id_column is None:
        return set()
    return set(table.value[spec.id_column][rows].tolist())


def column_table(
    name: str,
    raws: Sequence[RawSheet],
    issues: list[ImportIssue] | None = None,
    *,
    consume: bool = False,
) -> ColumnTable:
    """Passes 1 and 2 of every file of sheet ``name``; header problems go to ``issues``.

    ``consume`` empties each raw sheet's rows once its columns are taken (the table keeps
    what later passes need): an import of a region does not hold its cells twice.
    """
    spec = SHEETS[name]
    header_issues: list[ImportIssue] = [] if issues is None else issues
    warnings: list[ImportIssue] = []
    sheets = [resolve_columns(raw, header_issues, warnings) for raw in raws]
    sizes = [len(s.raw.rows) for s in sheets]
    total = sum(sizes)
    table = ColumnTable(
        spec=spec,
        sheets=sheets,
        source=np.repeat(np.arange(len(sheets)), sizes),
        number=np.fromiter(
            chain.from_iterable(map(itemgetter(0), s.raw.rows) for s in sheets),
            dtype=np.int64,
            count=total,
        ),
        warnings=warnings,
    )
    for c in spec.column_names:
        table.text[c] = np.full(total, None, dtype=object)
        table.value[c] = np.full(total, None, dtype=object)
        table.bad[c] = np.zeros(total, dtype=bool)
    offset = 0
    for sheet, n in zip(sheets, sizes, strict=True):
        _pass1(spec, sheet, table, offset, n)
        if consume:
            sheet.raw.rows = []
        offset += n
    table.declared = _pass2(table)
    return table
