"""Every number the analysis uses, as one validated settings object.

The defaults are those of DESIGN.md ("Methods"). Each field carries a plain-words description
(English here; the Russian text for the UI is ``analysis.setting.<name>`` in
:mod:`labels.analysis_ru`), so the README and the UI can document every setting
(:func:`describe_settings`).

Examples
--------
>>> s = AnalysisSettings()
>>> s.window_years, s.low_percentile, s.max_km
(3, 0.1, 100.0)
>>> AnalysisSettings(max_km=50).max_km
50.0
>>> describe_settings()[0][:2]
('window_years', 3)
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["AnalysisSettings", "describe_settings"]


class AnalysisSettings(BaseModel):
    """Parameters of identification, pairing, exchange and coverage (DESIGN.md, Methods)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # --- identification -------------------------------------------------------------------
    window_years: int = Field(
        default=3,
        ge=1,
        description="How many of the latest years that have results decide a school's status.",
    )
    min_ranked_years: int = Field(
        default=2,
        ge=1,
        description=(
            "Years of the window in which a school must be ranked to get a status (fewer: "
            "insufficient data); also how many low (strong) years make a school low (strong)."
        ),
    )
    low_percentile: float = Field(
        default=0.10,
        ge=0,
        le=1,
        description=(
            "A year is low when the school's within-band percentile is at or below this "
            "(0.10: below 90% of schools in similar conditions). Also the weak-subject threshold."
        ),
    )
    strong_percentile: float = Field(
        default=0.75,
        ge=0,
        le=1,
        description=(
            "A year is strong when the within-band percentile is at or above this. "
            "Also the strong-subject threshold."
        ),
    )
    never_below_percentile: float = Field(
        default=0.25,
        ge=0,
        le=1,
        description="A strong school is never at or below this percentile in the window.",
    )
    min_band_year_size: int = Field(
        default=5,
        ge=2,
        description=(
            "A band-year (a subject-band-year for subjects) with fewer schools that have "
            "results ranks nobody."
        ),
    )
    max_bands: int = Field(default=5, ge=1, description="Most context bands (clusters).")
    schools_per_band: int = Field(
        default=10,
        ge=1,
        description=(
            "Bands = min(max_bands, floor(schools with an index / this)), at least one "
            "(35 schools: 3 bands)."
        ),
    )
    resilient_bands: tuple[int, ...] = Field(
        default=(1, 2),
        description="Bands in which a strong school is reported as resilient.",
    )
    unfavourable_bands: tuple[int, ...] = Field(
        default=(1,),
        description=(
            "Bands whose schools are flagged unfavourable (in unfavourable social conditions); "
            "band 1 is least favourable."
        ),
    )
    unfavourable_min_bands: int = Field(
        default=1,
        ge=1,
        description=(
            "Flag unfavourable by band only when there are at least this many bands (1, the "
            "method's default, flags every school when there is a single band); the official "
            "list always counts."
        ),
    )

    # --- pairing --------------------------------------------------------------------------
    default_tutor_capacity: int = Field(
        default=2,
        ge=0,
        description="Partners a tutor school accepts when its tutor_capacity is not given.",
    )
    capacity_override: int | None = Field(
        default=None,
        ge=0,
        description="When set, every tutor's capacity (the CLI's --capacity), overriding the data.",
    )
    max_km: float = Field(
        default=100.0,
        gt=0,
        description=(
            "Longest great-circle distance within a pair, km. Schools without coordinates are "
            "feasible but flagged."
        ),
    )
    max_minutes: float = Field(
        default=90.0,
        gt=0,
        description=(
            "Longest travel time within a pair, minutes one way, where the travel_times sheet "
            "gives one; other pairs fall back on max_km."
        ),
    )
    travel_mode: Literal["fastest", "road", "public_transport"] = Field(
        default="fastest",
        description=(
            "Which travel time counts: road, public_transport, or fastest (the shorter one)."
        ),
    )
    max_band_gap: int = Field(
        default=1,
        ge=0,
        description="How many bands apart the two schools of a pair may be (0: same band only).",
    )
    weight_social_gap: float = Field(
        default=1.0,
        ge=0,
        description="Cost per unit of difference between the two social context indexes.",
    )
    weight_distance: float = Field(
        default=0.5,
        ge=0,
        description=("Cost per 100 km of distance (unknown coordinates cost as much as max_km)."),
    )
    weight_subject_misfit: float = Field(
        default=1.0,
        ge=0,
        description=(
            "Cost times the share of the mentee's weak subjects that are not the tutor's "
            "strong subjects (0: all covered, 1: none)."
        ),
    )
    weight_level_mismatch: float = Field(
        default=0.5,
        ge=0,
        description=(
            "Cost added when the tutor's level does not cover the mentee's (a secondary school "
            "covers primary, basic and secondary ones)."
        ),
    )
    candidates_per_mentee: int | None = Field(
        default=None,
        ge=1,
        description=(
            "When set, only this many cheapest feasible candidates per mentee enter the solver; "
            "the plan is then exact among those only. Empty (default): every feasible candidate "
            "within the radius, so the plan is exact."
        ),
    )
    cross_municipality: bool = Field(
        default=True,
        description="Whether a pair may join schools of two municipalities.",
    )
    municipalities: tuple[str, ...] = Field(
        default=(),
        description=(
            "Plan pairs for mentees of these municipalities only (empty: the whole region); "
            "tutors may come from elsewhere when cross_municipality is on."
        ),
    )
    include_official_low: bool = Field(
        default=True,
        description=(
            "Schools on the official low-results list are mentees even if not computed low."
        ),
    )
    include_official_tutors: bool = Field(
        default=True,
        description="Schools on the official tutor list are tutors even if not computed strong.",
    )
    occupying_statuses: tuple[str, ...] = Field(
        default=("agreed", "active"),
        description=(
            "Statuses of existing partnerships that take their mentee out of planning and use "
            "one place of their tutor."
        ),
    )
    cost_scale: int = Field(
        default=10_000,
        ge=1,
        description=(
            "Technical: costs are multiplied by this and rounded to integers for the exact "
            "solver (cost resolution 1/cost_scale)."
        ),
    )

    # --- exchange and coverage ------------------------------------------------------------
    activity_window_days: int = Field(
        default=90,
        ge=1,
        description=(
            "A partnership is active when its last joint event is at most this many days "
            "before the as-of date; dormant when earlier."
        ),
    )
    coverage_window_days: int = Field(
        default=365,
        ge=1,
        description="Period of teacher event attendance counted in coverage, days.",
    )

    @model_validator(mode="after")
    def _thresholds_ordered(self) -> AnalysisSettings:
        if self.min_ranked_years > self.window_years:
            raise ValueError("min_ranked_years must not exceed window_years")
        if not self.low_percentile < self.strong_percentile:
            raise ValueError("low_percentile must be below strong_percentile")
        return self


def describe_settings(settings: AnalysisSettings | None = None) -> list[tuple[str, Any, str]]:
    """Every setting as ``(name, value, description)``, in declaration order.

    Parameters
    ----------
    settings : AnalysisSettings, optional
        Whose values to report; the defaults when omitted.

    Returns
    -------
    list of tuple
        One ``(name, value, description)`` per field; the description is the field's English
    one (the UI's is the message ``analysis.setting.<name>``).

    Examples
    --------
    >>> rows = describe_settings()
    >>> [r for r in rows if r[0] == "max_km"][0][2][:28]
    'Longest great-circle distanc'
    """
    s = settings or AnalysisSettings()
    return [
        (
            name,
            getattr(s, name),
            field.description or "",
        )
        for name, field in AnalysisSettings.model_fields.items()
    ]
