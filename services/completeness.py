"""What the store holds and what is missing: the data completeness of a region at a glance.

A region's first load is usually schools and results only; :func:`completeness` says which
sheets are loaded (and how many rows), how many schools have coordinates, social indicators and
results in each of the last years, which years and assessments are present, and every missing
piece as a :class:`Gap`: a code, the sheet (or columns) to load, the numbers, and the parts of
the app it switches off. Words are rendered by the caller (``labels``: ``completeness.*``).

Examples
--------
>>> from graph.embedded import EmbeddedStore
>>> from graph.model import School
>>> store = EmbeddedStore(":memory:")
>>> _ = store.write([School(id="1", name="СОШ №1", municipality="Район", lat=51.0, lon=107.0)])
>>> c = completeness(store)
>>> c.sheets["schools"], c.sheets["results"], c.with_coordinates, c.with_social
(1, 0, 1, 0)
>>> [g.code for g in c.gaps][:3]
['no_results', 'no_social', 'no_teachers']
>>> [g.code for g in c.gaps_for("exchange")]
['no_teachers', 'no_events', 'no_partnerships']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.settings import AnalysisSettings
from graph.store import Store
from labels import t
from labels.formats import fmt_percent
from services.cache import memo
from services.query_frames import frame
from services.result_cache import register

__all__ = [
    "AREAS",
    "SHEET_KINDS",
    "SOCIAL_COLUMNS",
    "Completeness",
    "Gap",
    "assessment_items",
    "completeness",
    "gap_parts",
    "gap_text",
    "share_text",
]

# sheet → (node label or edge type, is it an edge)
SHEET_KINDS: dict[str, tuple[str, bool]] = {
    "schools": ("School", False),
    "results": ("Result", False),
    "teachers": ("Teacher", False),
    "curators": ("Curator", False),
    "associations": ("Association", False),
    "memberships": ("MEMBER_OF", True),
    "events": ("Event", False),
    "participation": ("ATTENDED", True),
    "partnerships": ("Partnership", False),
    "mentoring": ("MENTORS", True),
    "excluded_pairs": ("EXCLUDED_PAIR", True),
    "staffing": ("Staffing", False),
    "targets": ("Target", False),
    "roadmap": ("RoadmapItem", False),
}
SOCIAL_COLUMNS = (
    "share_low_income",
    "share_parents_higher_ed",
    "share_special_needs",
    "share_non_native",
    "share_single_parent",
    "social_index",
)
RECENT_YEARS = 3

# Which parts of the app each missing piece switches off (pages and the CLI commands).
AREAS: dict[str, tuple[str, ...]] = {
    "no_schools": ("overview", "schools", "planner", "exchange", "my_schools", "coverage"),
    "no_results": ("overview", "schools", "planner", "coverage", "identify", "pair"),
    "few_years": ("overview", "schools", "planner", "coverage", "identify", "pair"),
    "no_social": ("overview", "schools", "planner", "coverage", "identify", "pair"),
    "partial_social": ("overview", "schools", "planner", "identify", "pair"),
    "no_coordinates": ("overview", "planner", "coverage", "pair"),
    "partial_coordinates": ("overview", "planner", "coverage", "pair"),
    "no_teachers": ("overview", "exchange", "my_schools", "coverage"),
    "no_curators": ("overview", "my_schools", "coverage"),
    "no_associations": ("overview", "coverage"),
    "no_events": ("overview", "exchange", "coverage"),
    "no_participation": ("overview", "exchange", "coverage"),
    "no_partnerships": ("overview", "exchange", "coverage"),
}


@dataclass(frozen=True)
class Gap:
    """One missing piece: ``code`` (a key of :data:`AREAS`) and its numbers."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def areas(self) -> tuple[str, ...]:
        return AREAS.get(self.code, ())


@dataclass(frozen=True)
class Completeness:
    """What is loaded: rows per sheet, shares of schools, years and assessments, and gaps."""

    sheets: dict[str, int]
    schools: int
    with_coordinates: int
    with_social: int
    results_by_year: dict[int, int]  # the last years with results → schools with a result
    years: list[int]
    assessments: pd.DataFrame  # assessment, n_schools, n_rows, first_year, last_year
    gaps: list[Gap]

    def loaded(self, sheet: str) -> bool:
        return self.sheets.get(sheet, 0) > 0

    def gaps_for(self, area: str) -> list[Gap]:
        """The gaps that switch something off in ``area`` (a page or a command)."""
        return [g for g in self.gaps if area in g.areas]


def _gaps(c: dict[str, Any], s: AnalysisSettings) -> list[Gap]:
    sheets, total = c["sheets"], c["schools"]
    if not total:
        return [Gap("no_schools")]
    gaps: list[Gap] = []
    if not sheets["results"]:
        gaps.append(Gap("no_results"))
    elif len(c["years"]) < s.min_ranked_years:
        gaps.append(Gap("few_years", {"n": len(c["years"]), "need": s.min_ranked_years}))
    if total and not c["with_social"]:
        gaps.append(Gap("no_social"))
    elif c["with_social"] < total:
        gaps.append(Gap("partial_social", {"n": total - c["with_social"], "total": total}))
    if total and not c["with_coordinates"]:
        gaps.append(Gap("no_coordinates"))
    elif c["with_coordinates"] < total:
        missing = total - c["with_coordinates"]
        gaps.append(Gap("partial_coordinates", {"n": missing, "total": total}))
    if not sheets["teachers"]:
        gaps.append(Gap("no_teachers"))
    if not sheets["curators"]:
        gaps.append(Gap("no_curators"))
    if not sheets["associations"] or not sheets["memberships"]:
        gaps.append(Gap("no_associations"))
    if not sheets["events"]:
        gaps.append(Gap("no_events"))
    if sheets["events"] and not sheets["participation"]:
        gaps.append(Gap("no_participation"))
    if not sheets["partnerships"]:
        gaps.append(Gap("no_partnerships"))
    return gaps


def completeness(store: Store, settings: AnalysisSettings | None = None) -> Completeness:
    """The completeness of the data in ``store`` (memoised per data version)."""
    s = settings or AnalysisSettings()

    def compute() -> Completeness:
        nodes, edges = store.count_nodes(), store.count_edges()
        sheets = {
            sheet: int((edges if is_edge else nodes).get(kind, 0))
            for sheet, (kind, is_edge) in SHEET_KINDS.items()
        }
        schools = frame(store, "schools")
        coords = schools[["lat", "lon"]].notna().all(axis=1)
        social = schools[list(SOCIAL_COLUMNS)].notna().any(axis=1)
        by_year = frame(store, "result_years").dropna(subset=["year"])
        years = sorted(int(y) for y in by_year["year"])
        recent = by_year[by_year["year"].isin(years[-RECENT_YEARS:])]
        facts: dict[str, Any] = {
            "sheets": sheets,
            "schools": len(schools),
            "with_coordinates": int(coords.sum()),
            "with_social": int(social.sum()),
            "results_by_year": {
                int(y): int(n) for y, n in zip(recent["year"], recent["n_schools"], strict=True)
            },
            "years": years,
        }
        return Completeness(
            **facts,
            assessments=frame(store, "result_assessments"),
            gaps=_gaps(facts, s),
        )

    # Kept on disk: a country's result counts are aggregations over millions of rows.
    return memo(store, ("completeness", s.min_ranked_years), compute, persist=True)


register(Gap)
register(Completeness)


# --- words (for the page and the CLI) ----------------------------------------------------------
def gap_parts(gap: Gap) -> tuple[str, str, str]:
    """What is missing, what it switches off, what to load (in the active language)."""
    return tuple(  # type: ignore[return-value]
        t(f"completeness.{part}.{gap.code}", **gap.params) for part in ("gap", "off", "load")
    )


def gap_text(gap: Gap) -> str:
    """«Нет мероприятий: работа пар не оценивается … — загрузите лист «Мероприятия»»."""
    missing, off, load = gap_parts(gap)
    return t("completeness.sentence", gap=missing, off=off, load=load)


def share_text(count: Any, total: Any) -> str:
    """«12 из 60 (20 %)» for a count out of a total; «—» when there is nothing to count.

    >>> share_text(3, 12), share_text(0, 0), share_text(None, 5)
    ('3 из 12 (25 %)', '—', '—')
    """
    try:
        n, d = int(count), int(total)
    except (TypeError, ValueError):
        return "—"
    if d <= 0:
        return "—"
    return t("completeness.share", n=n, total=d, pct=fmt_percent(n / d))


def _span(first: Any, last: Any) -> str:
    if pd.isna(first) or pd.isna(last):
        return "—"
    return str(int(first)) if int(first) == int(last) else f"{int(first)}–{int(last)}"


def assessment_items(c: Completeness) -> list[str]:
    """«ВПР (школ: 60, годы: 2024–2026)» per assessment present."""
    return [
        t(
            "completeness.assessment_item",
            name=r["assessment"],
            n_schools=int(r["n_schools"]),
            years=_span(r["first_year"], r["last_year"]),
        )
        for r in c.assessments.to_dict("records")
    ]
