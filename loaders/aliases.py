"""Russian names accepted in import files: column headers, sheet and file names, enum values.

Matching ignores case, surrounding spaces, repeated spaces, «_» versus a space and «ё» versus
«е»: «Код ОО», « код оо » and «КОД  ОО» are the same header, and so are ``school_id`` and
``School ID``. English column and sheet names are always accepted as well.

Values of closed lists (enums) may be given in English or in Russian, and booleans as
``true/false``, ``1/0``, ``yes/no``, ``да/нет``, ``истина/ложь`` or ``+/-``; :data:`VALUE_ALIASES`
and :data:`TRUE_VALUES` / :data:`FALSE_VALUES` list them. :func:`alias_table_markdown` renders all
of it for the README.

Examples
--------
>>> resolve_header("schools", " Код ОО ")
'school_id'
>>> resolve_header("events", "Название"), resolve_header("schools", "Название")
('title', 'name')
>>> resolve_header("results", "Число участников"), resolve_header("results", "School ID")
('participants', 'school_id')
>>> resolve_sheet("Педагоги"), resolve_sheet("SCHOOLS"), resolve_sheet("Лист1") is None
('teachers', 'schools', True)
>>> resolve_enum(SettlementType, "Посёлок"), resolve_enum(SettlementType, "мегаполис") is None
('town', True)
>>> parse_bool("Да"), parse_bool("0"), parse_bool("может быть") is None
(True, False, True)
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache

from graph.model import (
    EventFormat,
    EventKind,
    Indicator,
    Level,
    Metric,
    PartnershipStatus,
    Periodicity,
    RoadmapStatus,
    Role,
    SettlementType,
    TravelMode,
)
from labels import formats
from labels.formats import fold_yo
from labels.input_words import (
    FALSE_VALUES,
    HEADER_ALIASES,
    MUNICIPALITY_KINDS,
    SHEET_ALIASES,
    TRUE_VALUES,
    VALUE_WORDS,
)
from labels.message import Message, render
from loaders.sheets import SHEETS, ColType

__all__ = [
    "FALSE_VALUES",
    "HEADER_ALIASES",
    "MUNICIPALITY_KINDS",
    "SHEET_ALIASES",
    "TRUE_VALUES",
    "VALUE_ALIASES",
    "alias_table_markdown",
    "header_aliases",
    "normalize",
    "parse_bool",
    "resolve_enum",
    "resolve_header",
    "resolve_sheet",
    "sheet_title_ru",
]

_SPACES = re.compile(r"[\s_]+")


def normalize(text: str) -> str:
    """The form names are compared in: lower case, «ё» → «е», spaces and «_» collapsed.

    >>> normalize("  Доля  малоимущих семей, % ")
    'доля малоимущих семей, %'
    >>> normalize("Тип населённого_пункта") == normalize("тип населенного пункта")
    True
    """
    text = fold_yo(text.replace("\ufeff", ""))
    return _SPACES.sub(" ", text).strip().lower()


# The Russian words themselves live in labels.input_words (every user-facing word in labels/).
_ENUMS: tuple[type[StrEnum], ...] = (
    SettlementType, Level, Metric, EventKind, EventFormat, Role, PartnershipStatus, Indicator,
    Periodicity, RoadmapStatus, TravelMode,
)  # fmt: skip
VALUE_ALIASES: dict[type[StrEnum], dict[str, tuple[str, ...]]] = {
    enum: VALUE_WORDS[enum.__name__] for enum in _ENUMS
}
"""Russian spellings accepted for each value of a closed list (the first one is shown in help)."""


@cache
def _header_index(sheet: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for column in SHEETS[sheet].column_names:
        index[normalize(column)] = column
    for column, aliases in HEADER_ALIASES[sheet].items():
        for alias in aliases:
            index.setdefault(normalize(alias), column)
    return index


def resolve_header(sheet: str, header: str) -> str | None:
    """The column a header names in ``sheet`` (English name or Russian alias), or None."""
    return _header_index(sheet).get(normalize(header))


def header_aliases(sheet: str, column: str) -> tuple[str, ...]:
    """The Russian headers accepted for a column."""
    return HEADER_ALIASES[sheet].get(column, ())


@cache
def _sheet_index() -> dict[str, str]:
    index = {normalize(name): name for name in SHEETS}
    for name, aliases in SHEET_ALIASES.items():
        for alias in aliases:
            index.setdefault(normalize(alias), name)
    return index


def resolve_sheet(name: str) -> str | None:
    """The sheet a sheet or file name (without extension) stands for, or None."""
    return _sheet_index().get(normalize(name))


def sheet_title_ru(sheet: str) -> str:
    """The preferred Russian name of a sheet."""
    return SHEET_ALIASES[sheet][0]


def _value_key(text: str) -> str:
    return normalize(text).replace("-", " ")


@cache
def _enum_index(enum: type[StrEnum]) -> dict[str, str]:
    index = {_value_key(m.value): m.value for m in enum}
    for value, aliases in VALUE_ALIASES.get(enum, {}).items():
        for alias in aliases:
            index.setdefault(_value_key(alias), value)
    return index


def resolve_enum(enum: type[StrEnum], text: str) -> str | None:
    """The canonical value a cell names (English or Russian spelling), or None."""
    return _enum_index(enum).get(_value_key(text))


def parse_bool(text: str) -> bool | None:
    """True / False for a recognised spelling, None otherwise (see :mod:`labels.formats`)."""
    return formats.parse_bool(text)


def _type_note(sheet: str, column: str) -> str:
    col = SHEETS[sheet].column(column)
    if col.type is ColType.enum and col.enum is not None:
        ru = VALUE_ALIASES.get(col.enum, {})
        return "; ".join(f"`{v}` ({', '.join(ru.get(v, ())) or '—'})" for v in col.allowed())
    if col.type is ColType.bool:
        return render(Message("loaders.help.bool_note"))
    return col.type.value


def alias_table_markdown() -> str:
    """The alias table as Markdown: sheet names, then every column with its Russian headers.

    >>> md = alias_table_markdown()
    >>> "| `school_id` | «Код ОО», «Код школы»" in md and "«Школы»" in md
    True
    """
    lines = ["| sheet (file) | Russian names |", "|---|---|"]
    for sheet in SHEETS:
        lines.append(f"| `{sheet}` | {', '.join(f'«{a}»' for a in SHEET_ALIASES[sheet])} |")
    for sheet, spec in SHEETS.items():
        lines += [
            "",
            f"**{sheet}** ({sheet_title_ru(sheet)})",
            "",
            "| column | Russian headers | type / values | required |",
            "|---|---|---|---|",
        ]
        for col in spec.columns:
            aliases = ", ".join(f"«{a}»" for a in header_aliases(sheet, col.name)) or "—"
            required = "yes" if col.required else ""
            lines.append(
                f"| `{col.name}` | {aliases} | {_type_note(sheet, col.name)} | {required} |"
            )
    lines += [
        "",
        "Booleans: "
        + ", ".join(TRUE_VALUES)
        + " → true; "
        + ", ".join(FALSE_VALUES)
        + " → false; empty → false.",
    ]
    return "\n".join(lines) + "\n"
