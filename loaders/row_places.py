"""Where each row of a file is: its file, sheet and row number, and what places it names.

An import may be limited to some municipalities (a municipal coordinator's). To refuse a file
naming the rows that lie outside, each data row is reduced to its position as the user sees it
(file, the workbook's sheet, the row number in the file) and the ids that place it: the
municipality it names, the schools, teachers and partnerships it refers to. Which
municipality those are in is for the caller to resolve (against the file and the store).

Examples
--------
>>> from loaders.readers import read_bytes
>>> data = "teacher_id,full_name,school_id\\nT1,Ива Н.,101\\nT2,Ёж Е.,102\\n".encode()
>>> [(p.file, p.row, p.schools) for p in row_places(read_bytes("teachers.csv", data).sheets)]
[('teachers.csv', 2, ('101',)), ('teachers.csv', 3, ('102',))]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from loaders.readers import RawSheet
from loaders.rows import parse_rows, resolve_columns

__all__ = ["RowPlace", "row_places"]

_SCHOOL_COLUMNS = (
    "school_id", "tutor_school_id", "mentee_school_id", "other_school_id", "organizer_id",
    "schools",
)  # fmt: skip
_TEACHER_COLUMNS = ("teacher_id", "mentor_id")


@dataclass(frozen=True)
class RowPlace:
    """One data row: where it is in the user's file, and the ids that place it."""

    file: str  # the file's name, never a folder path
    tab: str | None  # the workbook's sheet as named in the file (None: a CSV file)
    row: int  # the row number as the user's file shows it
    sheet: str  # the sheet kind (schools, teachers, …)
    municipality: str | None
    schools: tuple[str, ...] = ()
    teachers: tuple[str, ...] = ()
    partnerships: tuple[str, ...] = ()


def _ids(values: dict[str, Any], columns: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for column in columns:
        value = values.get(column)
        if isinstance(value, list | tuple):
            out += [str(v) for v in value if v not in (None, "")]
        elif value not in (None, ""):
            out.append(str(value))
    return tuple(dict.fromkeys(out))


def row_places(raws: Sequence[RawSheet]) -> list[RowPlace]:
    """Every data row of ``raws`` with its place (rows that do not parse are left out: the
    validation reports them)."""
    places: list[RowPlace] = []
    for raw in raws:
        sheet = resolve_columns(raw, [], [])
        teachers = list(_TEACHER_COLUMNS)
        if raw.sheet == "mentoring":
            teachers.append("mentee_id")  # a teacher there, not a school
        for row in parse_rows(sheet, lambda *_: None):
            values = row.values
            municipality = values.get("municipality")
            places.append(
                RowPlace(
                    file=PurePath(raw.file).name,
                    tab=raw.tab,
                    row=row.number,
                    sheet=raw.sheet,
                    municipality=str(municipality) if municipality else None,
                    schools=_ids(values, _SCHOOL_COLUMNS),
                    teachers=_ids(values, teachers),
                    partnerships=_ids(values, ("partnership_id",)) if raw.sheet == "events" else (),
                )
            )
    return places
