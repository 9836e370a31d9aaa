"""How numbers, dates, years, lists and flags are written for people, and read back from them.

The one home of these rules (Babel's role for this project): analysis returns numbers and
codes, and whatever renders them for a user (services, CLI, app, the catalogues' templates)
formats them here, so a decimal comma or a date format is written once. What depends on the
language (the decimal separator, «г.»/«гг.», «и») comes from the catalogues (``formats.*``).

Two kinds of functions live here. Readers and number rules that write no word
(:func:`parse_date`, :func:`parse_bool`, :func:`fold_yo`, :func:`round_km`, :func:`format_date`)
may be used by every layer. Writers of text for people (``fmt_*``, :func:`years_text`,
:func:`joined`, :func:`limited_list`) render in the active language and belong to services, the
CLI, the app and :mod:`labels.reasons` only (tests/test_architecture.py).

Examples
--------
>>> fmt_km(7.25), fmt_km(42.4), fmt_index(-0.371), fmt_band(float("nan"))
('7,2', '42', '-0,37', '—')
>>> fmt_number(7.0, whole=True), fmt_number(7.44), fmt_number(0.163, 2, sign=True), fmt_number(None)
('7', '7,4', '+0,16', '—')
>>> fmt_number(10.1, 2, trim=True), fmt_number(12.0, 2, trim=True), fmt_number(-0.371, 2, trim=True)
('10,1', '12', '-0,37')
>>> fmt_number(-0.04), fmt_number(-0.004, 2, trim=True), fmt_index(-0.001), fmt_percent(-0.001)
('0,0', '0', '+0,00', '0 %')
>>> fmt_percent(0.9), fmt_percent(0.1234, 1), fmt_percent(float("nan")), fmt_count(9011)
('90 %', '12,3 %', '—', '9 011')
>>> years_text([2024]), years_text([2023, 2024]), years_text([2022, 2023, 2024])
('2024 г.', '2023 и 2024 гг.', '2022, 2023 и 2024 гг.')
>>> from labels import set_language
>>> set_language("en"); years_text([2023, 2024]), fmt_km(7.25), fmt_percent(0.125, 1)
('2023 and 2024', '7.2', '12.5%')
>>> set_language("ru")
>>> format_date(dt.date(2024, 9, 1)), parse_date("01.09.2024"), parse_date("2024-09-01")
('01.09.2024', datetime.date(2024, 9, 1), datetime.date(2024, 9, 1))
>>> parse_date("31.02.2024") is None, parse_bool("Да"), parse_bool("-"), parse_bool("?") is None
(True, True, False, True)
>>> fold_yo("Ёлкин посёлок")
'Елкин поселок'
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence

from labels import t
from labels.input_words import FALSE_VALUES, TRUE_VALUES

__all__ = [
    "DATE_FORMAT",
    "fmt_band",
    "fmt_count",
    "fmt_index",
    "fmt_km",
    "fmt_number",
    "fmt_percent",
    "fold_yo",
    "format_date",
    "joined",
    "limited_list",
    "parse_bool",
    "parse_date",
    "round_km",
    "years_text",
]

DATE_FORMAT = "%d.%m.%Y"  # how a date is shown (ДД.ММ.ГГГГ)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_RU = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_SPACES = re.compile(r"\s+")
_BOOLS = {**{v: True for v in TRUE_VALUES}, **{v: False for v in FALSE_VALUES}}


def fold_yo(text: str) -> str:
    """«ё» read as «е» (names are matched, never shown, in this form)."""
    return text.replace("ё", "е").replace("Ё", "Е")


def round_km(km: float) -> float:
    """A distance to the precision people read it: whole kilometres from 10 on, tenths below."""
    return float(round(km)) if km >= 10 else round(km, 1)


def _decimal(text: str) -> str:
    return text.replace(".", t("formats.decimal_separator"))


def fmt_km(km: float) -> str:
    """A distance: whole kilometres from 10 on, one decimal below (see :func:`round_km`)."""
    return f"{km:.0f}" if km >= 10 else _decimal(f"{km:.1f}")


def fmt_index(x: float) -> str:
    """A context index with its sign and two decimals (see :func:`fmt_number`)."""
    return fmt_number(x, 2, sign=True)


def fmt_band(band: float | None) -> str:
    """A band number, or a dash when unknown."""
    return t("formats.unknown") if band is None or math.isnan(band) else str(int(band))


def fmt_number(
    x: object,
    digits: int = 1,
    *,
    sign: bool = False,
    whole: bool = False,
    trim: bool = False,
    missing: str = "—",
) -> str:
    """A number with ``digits`` decimals in the language's way (7,4; +0,16).

    ``whole`` writes an integral value without decimals (7); ``trim`` drops trailing zeros of
    the decimals (10,1 rather than 10,10); ``missing`` stands for None/NaN.
    """
    try:
        value = float(x)  # type: ignore[arg-type]
    except TypeError:  # None, pandas' NA
        return missing
    if math.isnan(value):
        return missing
    if round(value, digits) == 0:
        value = 0.0  # a value that rounds to zero is written without a minus: «0,0», not «-0,0»
    if whole and value.is_integer():
        return f"{int(value):{'+' if sign else ''}d}"
    text = format(value, f"{'+' if sign else ''}.{digits}f")
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return _decimal(text)


def fmt_percent(share: object, digits: int = 0, *, missing: str = "—") -> str:
    """A share 0–1 as percent in the language's way: ``0.9`` → «90 %» (English «90%»).

    ``digits`` decimals (written by :func:`fmt_number`); ``missing`` stands for None/NaN.
    """
    try:
        value = float(share) * 100  # type: ignore[arg-type]
    except TypeError:  # None, pandas' NA
        return missing
    if math.isnan(value):
        return missing
    return t("formats.percent", value=fmt_number(value, digits))


def fmt_count(n: object, *, missing: str = "—") -> str:
    """A whole count with its thousands apart in the language's way: «9 011» (English 9,011)."""
    try:
        value = float(n)  # type: ignore[arg-type]
    except TypeError:
        return missing
    if math.isnan(value):
        return missing
    return f"{round(value):,}".replace(",", t("formats.thousands_separator"))


def years_text(years: Iterable[int]) -> str:
    """Years in prose of the active language (Russian with «г.»/«гг.»)."""
    ys = [str(y) for y in sorted(set(years))]
    if not ys:
        return ""
    if len(ys) == 1:
        return t("formats.year", year=ys[0])
    return t("formats.years", years=joined(ys))


def joined(parts: Sequence[str]) -> str:
    """Parts joined by «и» / "and" (two or more: «a, b и c»)."""
    if len(parts) <= 1:
        return "".join(parts)
    return t("formats.and", head=", ".join(parts[:-1]), last=parts[-1])


def limited_list(items: Sequence[str], limit: int, more_template: str) -> str:
    """At most ``limit`` items, then how many more through ``more_template`` ({items}, {n})."""
    if len(items) <= limit:
        return ", ".join(items)
    return more_template.format(items=", ".join(items[:limit]), n=len(items) - limit)


def format_date(day: dt.date | None) -> str:
    """A date as people here write it (ДД.ММ.ГГГГ); empty when unknown (None, NaT)."""
    if day is None or day != day:  # NaT is not equal to itself
        return ""
    return day.strftime(DATE_FORMAT)


def parse_date(text: str) -> dt.date | None:
    """A real calendar date from ``ГГГГ-ММ-ДД`` or ``ДД.ММ.ГГГГ`` (None otherwise)."""
    text = text.strip()
    if m := _ISO.fullmatch(text):
        y, mo, d = m.groups()
    elif m := _RU.fullmatch(text):
        d, mo, y = m.groups()
    else:
        return None
    try:
        return dt.date(int(y), int(mo), int(d))
    except ValueError:
        return None


def parse_bool(text: str) -> bool | None:
    """True / False for a recognised spelling (да/нет, true/false, 1/0, +/-), else None."""
    return _BOOLS.get(_SPACES.sub(" ", fold_yo(text)).strip().lower())
