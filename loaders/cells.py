"""Cell text → typed value, by column type; a cell that does not parse raises CellError.

Cell rules (documented in the README through :mod:`loaders.aliases`):

- surrounding spaces are trimmed; an empty cell is a missing value;
- numbers take a decimal point or comma («12,5») and spaces between thousands («9 011»);
- percentages are numbers from 0 to 100 (a trailing «%» is accepted);
- dates are ``ГГГГ-ММ-ДД`` or ``ДД.ММ.ГГГГ`` and must exist (31.02.2024 is refused);
- booleans are true/false, 1/0, yes/no, да/нет, истина/ложь, +/-; empty means false;
- lists are split on «;», items trimmed, empty items dropped;
- closed lists take the English value or a Russian spelling
  (:data:`~loaders.aliases.VALUE_ALIASES`).

Examples
--------
>>> parse_number("12,5"), parse_number("9 011"), parse_number("двенадцать") is None
(12.5, 9011.0, True)
>>> parse_date("01.09.2024"), parse_date("2024-09-01"), parse_date("31.02.2024") is None
(datetime.date(2024, 9, 1), datetime.date(2024, 9, 1), True)
>>> split_list(" математика; ;физика ;")
['математика', 'физика']
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any

from graph.model import is_percent
from labels import formats
from labels.message import Message
from loaders.aliases import VALUE_ALIASES, parse_bool, resolve_enum
from loaders.limits import INT_MAX, INT_MIN, int_fits
from loaders.sheets import ColType, Column

__all__ = [
    "GAPS",
    "NUMBER",
    "CellError",
    "cell_parser",
    "parse_cell",
    "parse_date",
    "parse_int",
    "parse_number",
    "parse_percent",
    "shown",
    "split_list",
]

_INT_DIGITS = 40
NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")
_INTEGER = re.compile(r"[+-]?\d+")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_RU = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
GAPS = str.maketrans("", "", " \u00a0\u202f\u2009")


def parse_number(text: str) -> float | None:
    """A number from a cell, or None when the text is not one.

    The number may be infinite when the text is too large for a float (``1e999``): the
    caller refuses it with its own message (see :func:`parse_cell`).
    """
    s = text.strip().translate(GAPS)
    if not NUMBER.fullmatch(s):
        return None
    # «-0» is 0: a negative zero would not survive the exports (they write it as «0»).
    return float(s.replace(",", ".")) + 0.0


def parse_int(text: str) -> int | None:
    """A whole number (``12``, ``12,0``), or None.

    >>> parse_int("12"), parse_int("12,0"), parse_int("12,5") is None
    (12, 12, True)
    """
    s = text.strip().translate(GAPS)
    if _INTEGER.fullmatch(s):
        # Python refuses to convert more than 4300 digits; nothing that long fits 64 bits.
        return int(s) if len(s) <= _INT_DIGITS else INT_MAX + 1
    value = parse_number(s)
    if value is None or not math.isfinite(value) or not value.is_integer():
        return None
    return int(value)


def parse_percent(text: str) -> float | None:
    """A number from 0 to 100 (``45``, ``45,5``, ``45 %``), or None.

    >>> parse_percent("45,5 %"), parse_percent("140") is None
    (45.5, True)
    """
    value = parse_number(text.strip().removesuffix("%"))
    if value is None or not is_percent(value):
        return None
    return value


def parse_date(text: str) -> dt.date | None:
    """A real calendar date from ``ГГГГ-ММ-ДД`` or ``ДД.ММ.ГГГГ``, or None."""
    return formats.parse_date(text)


def split_list(text: str) -> list[str]:
    """Items of a «;»-separated cell, trimmed, without empty ones."""
    return [item.strip() for item in text.split(";") if item.strip()]


class CellError(Exception):
    """A cell that cannot be parsed; ``text`` is the user's reason (a code)."""

    def __init__(self, text: Message) -> None:
        super().__init__(text)
        self.text = text


def cell_parser(col: Column) -> Callable[[str], Any]:
    """The parser of a column; values of the scalar types are memoised (they repeat a lot)."""
    if col.type is ColType.str:
        return str
    if col.type is ColType.list:
        return split_list
    memo: dict[str, tuple[bool, Any]] = {}  # text → (parsed, value or the reason)

    def parse(text: str) -> Any:
        hit = memo.get(text)
        if hit is None:
            try:
                hit = (True, parse_cell(col, text))
            except CellError as exc:
                hit = (False, exc.text)
            memo[text] = hit
        if not hit[0]:
            raise CellError(hit[1])
        return hit[1]

    return parse


def shown(text: str, limit: int = 60) -> str:
    """A cell's text as quoted in a message: at most ``limit`` characters.

    >>> shown("a" * 100, 5)
    'aaaaa…'
    """
    return text if len(text) <= limit else text[:limit] + "…"


def _int_range(text: str) -> Message:
    return Message("hostile.value.int_range", value=shown(text), low=INT_MIN, high=INT_MAX)


def _allowed(col: Column) -> str:
    ru = VALUE_ALIASES.get(col.enum, {}) if col.enum is not None else {}
    return ", ".join(f"{v} ({ru[v][0]})" if ru.get(v) else v for v in col.allowed())


def parse_cell(col: Column, text: str) -> Any:
    match col.type:
        case ColType.str:
            return text
        case ColType.int:
            whole = parse_int(text)
            if whole is None:
                number = parse_number(text)
                if number is None:
                    raise CellError(Message("loaders.value.not_number", value=shown(text)))
                if not math.isfinite(number):
                    raise CellError(_int_range(text))
                raise CellError(Message("loaders.value.not_integer", value=shown(text)))
            if not int_fits(whole):
                raise CellError(_int_range(text))
            return whole
        case ColType.float:
            number = parse_number(text)
            if number is None:
                raise CellError(Message("loaders.value.not_number", value=shown(text)))
            if not math.isfinite(number):
                raise CellError(Message("hostile.value.not_finite", value=shown(text)))
            return number
        case ColType.percent:
            number = parse_number(text.strip().removesuffix("%"))
            if number is None:
                raise CellError(Message("loaders.value.not_number", value=shown(text)))
            pct = parse_percent(text)
            if pct is None:
                raise CellError(Message("loaders.value.percent", value=shown(text)))
            return pct
        case ColType.bool:
            flag = parse_bool(text)
            if flag is None:
                raise CellError(Message("loaders.value.bool", value=shown(text)))
            return flag
        case ColType.date:
            day = parse_date(text)
            if day is None:
                raise CellError(Message("loaders.value.date", value=shown(text)))
            return day
        case ColType.list:
            return split_list(text)
        case ColType.enum:
            assert col.enum is not None
            choice = resolve_enum(col.enum, text)
            if choice is None:
                raise CellError(
                    Message("loaders.value.enum", value=shown(text), allowed=_allowed(col))
                )
            return choice
    raise AssertionError(col.type)  # pragma: no cover
