"""Reasons: what the analysis found, as a code and its numbers, and their one rendering.

The analysis never writes a sentence: it returns :class:`Reason` values such as
``Reason("low", years=(2024, 2025), share=90, band=1, n_bands=5)``, which tests compare as data.
Services, the CLI and the app turn them into text here, through the catalogue of the active
language (``<area>.<code>`` templates), formatting the parameters by the rules of
:mod:`labels.formats`: years become «2024 и 2025 гг.», a nested reason is rendered in place,
several nested reasons are joined with «и», and a ``suffix`` reason is appended as it is.
A parameter's name says what it holds and so how it is written (``PARAMETER_FORMATS``):
distances ``km``, durations ``minutes``, context indexes ``im``, bands ``bm``, codes of a
status, a school level or a way of travel, lists of ``subjects``, a range of ``bands``.

Examples
--------
>>> r = Reason("low", years=(2024, 2025), share=90, band=1, n_bands=5)
>>> r
Reason('low', band=1, n_bands=5, share=90, years=(2024, 2025))
>>> r.params["share"], r == Reason("low", share=90, years=(2024, 2025), band=1, n_bands=5)
(90, True)
>>> render(r)
'в 2024 и 2025 гг. результаты ниже, чем у 90 % школ со схожими условиями (кластер 1 из 5)'
>>> render(Reason("unfavourable", why=(Reason("official_unfavourable"),)))
'ШНСУ: в официальном списке ШНСУ'
>>> render(Reason("band", bm=1, bt=3, gap=1), "analysis.infeasible")
'кластеры 1 и 3 различаются больше чем на 1'
>>> render_column([(Reason("twice"),), (), (Reason("twice"),)], "analysis.infeasible")
['подшефная школа назначена больше одного раза', '', 'подшефная школа назначена больше одного раза']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from labels import t
from labels.formats import (
    fmt_band,
    fmt_index,
    fmt_km,
    fmt_number,
    fmt_percent,
    format_date,
    joined,
    limited_list,
    years_text,
)
from labels.message import Coded

__all__ = ["PARAMETER_FORMATS", "Reason", "render", "render_all", "render_column"]


class Reason(Coded):
    """A finding as a message code of the analysis and its parameters (hashable, comparable)."""

    @property
    def code(self) -> str:
        return self.key


def _km(km: float | None) -> str:
    return "?" if km is None or km != km else fmt_km(km)  # None, NaN: not known


def _level(code: str | None) -> str:
    return t(f"level.{code}") if code else t("formats.unknown")


def _bands(lo_hi: tuple[int, int]) -> str:
    lo, hi = lo_hi
    return str(lo) if lo == hi else f"{lo}–{hi}"


def _subjects(items: Sequence[str]) -> str:
    """At most five subjects, then how many more: reasons stay readable."""
    return limited_list(list(items), 5, t("analysis.list.more"))


# How a parameter is written, by its name (every template of a reason follows these names).
PARAMETER_FORMATS: dict[str, Callable[[Any], str]] = {
    **dict.fromkeys(("km", "max_km"), _km),
    **dict.fromkeys(("minutes", "max_minutes"), lambda x: fmt_number(x, 0)),
    **dict.fromkeys(("im", "it", "index_gap"), fmt_index),
    **dict.fromkeys(("bm", "bt", "band"), fmt_band),
    **dict.fromkeys(("lm", "lt"), _level),
    **dict.fromkeys(("share", "floor"), lambda points: fmt_percent(points / 100)),  # whole %
    "status": lambda code: t(f"status.{code}"),
    "way": lambda code: t(f"maps.travel.mode.{code}"),
    "subjects": _subjects,
    "bands": _bands,
}


def _value(name: str, value: Any, area: str) -> Any:
    if isinstance(value, Reason):
        return render(value, area)
    if isinstance(value, tuple) and value and all(isinstance(v, Reason) for v in value):
        return joined([render(v, area) for v in value])
    if name in ("years", "window"):
        return years_text(value)
    if name == "year_shares":
        return ", ".join(
            t("analysis.reason.year_share", year=year, percent=fmt_percent(share))
            for year, share in value
        )
    if name == "date":
        return format_date(value)
    if name in PARAMETER_FORMATS:
        return PARAMETER_FORMATS[name](value)
    return value


def render(reason: Reason, area: str = "analysis.reason") -> str:
    """One reason as text of the active language (template ``<area>.<code>``)."""
    params = reason.params
    suffix = params.pop("suffix", None)
    text = t(f"{area}.{reason.code}", **{k: _value(k, v, area) for k, v in params.items()})
    return text + (render(suffix, area) if suffix is not None else "")


def render_all(reasons: Sequence[Reason], area: str = "analysis.reason") -> str:
    """Several reasons of one school or pair, in order, separated by «; »."""
    return "; ".join(render(r, area) for r in reasons)


def render_column(
    values: Iterable[Reason | Sequence[Reason]], area: str = "analysis.reason"
) -> list[str]:
    """A column of reasons (each a reason or a tuple of them) as text, each distinct one once.

    A plan's candidates share a few reasons among many rows, so this stays fast.
    """
    done: dict[Any, str] = {}
    out = []
    for v in values:
        text = done.get(v)
        if text is None:
            text = render(v, area) if isinstance(v, Reason) else render_all(v, area)
            done[v] = text
        out.append(text)
    return out
