"""How numbers, dates, years, lists and flags are written for people, and read back from them.

The one home of these rules (Babel's role for this project): analysis returns numbers and
codes, and whatever renders them for a user (services, CLI, app, the catalogues' templates)
formats them here, so a decimal comma or a date format is written once.

Examples
--------
>>> fmt_km(7.25), fmt_km(42.4), fmt_index(-0.371), fmt_band(float("nan"))
('7,2', '42', '-0,37', '—')
>>> years_text([2024]), years_text([2023, 2024]), years_text([2022, 2023, 2024])
('2024 г.', '2023 и 2024 гг.', '2022, 2023 и 2024 гг.')
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

from labels.input_words import FALSE_VALUES, TRUE_VALUES

__all__ = [
    "DATE_FORMAT",
    "fmt_band",
    "fmt_index",
    "fmt_km",
    "fmt_mb",
    "fmt_percent",
    "fold_yo",
    "format_date",
    "joined",
    "limited_list",
    "parse_bool",
    "parse_date",
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


def fmt_km(km: float) -> str:
    """A distance: whole kilometres from 10 on, one decimal (with a comma) below."""
    return f"{km:.0f}" if km >= 10 else f"{km:.1f}".replace(".", ",")


def fmt_mb(n_bytes: int) -> str:
    """A file size in megabytes, one decimal with a comma.

    >>> fmt_mb(3 * 1024 * 1024 // 2)
    '1,5'
    """
    return f"{n_bytes / (1024 * 1024):.1f}".replace(".", ",")


def fmt_index(x: float) -> str:
    """A context index with its sign and a decimal comma."""
    return f"{x:+.2f}".replace(".", ",")


def fmt_band(band: float) -> str:
    """A band number, or a dash when unknown."""
    return "—" if math.isnan(band) else str(int(band))


def fmt_percent(share: float) -> str:
    """A share 0–1 as whole percent: ``0.9`` → ``90%``."""
    return f"{round(share * 100)}%"


def years_text(years: Iterable[int]) -> str:
    """Years in Russian prose, with «г.»/«гг.»."""
    ys = [str(y) for y in sorted(set(years))]
    if not ys:
        return ""
    if len(ys) == 1:
        return f"{ys[0]} г."
    return f"{', '.join(ys[:-1])} и {ys[-1]} гг."


def joined(parts: Sequence[str]) -> str:
    """Parts joined by «и» (two or more: «a, b и c»)."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} и {parts[-1]}"


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
