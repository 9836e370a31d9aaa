"""Every definition of programme monitoring, as one validated settings object.

What counts as training, as ГИА and as passing it, what «improved» means, which specialists a
school must have, and the numbers of the pair-effect estimate. Each field has an English
description here and a plain-Russian one in :mod:`labels.monitoring_ru`
(``monitoring.setting.<name>``); the README table is generated from
:func:`describe_monitoring_settings`.

Examples
--------
>>> s = MonitoringSettings()
>>> s.training_period_years, s.gia_assessments, s.school_year_of(dt.date(2024, 9, 1))
(3, ('ОГЭ', 'ЕГЭ'), 2025)
>>> MonitoringSettings(training_period_years=0)
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for MonitoringSettings
...
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from labels.input_words import STATE_EXAMS

__all__ = ["SPECIALISTS", "MonitoringSettings", "describe_monitoring_settings"]

SPECIALISTS = ("psychologists", "speech_therapists", "defectologists", "social_pedagogues")
"""The staffing columns of the specialists a programme asks about."""


class MonitoringSettings(BaseModel):
    """Definitions of the programme indicators and of the pair-effect estimate."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    school_year_start_month: int = Field(
        default=9,
        ge=1,
        le=12,
        description=(
            "Month the school year starts; a school year is named by the calendar year it "
            "ends in (2025 is 2024/25), the same as the year of its results."
        ),
    )
    training_event_kinds: tuple[str, ...] = Field(
        default=("course",),
        description="Event kinds that count as professional training (in-service courses).",
    )
    training_period_years: int = Field(
        default=3,
        ge=1,
        le=10,
        description=(
            "A teacher counts as trained in a school year when they attended a training event "
            "within this many years before its end."
        ),
    )
    gia_assessments: tuple[str, ...] = Field(
        default=STATE_EXAMS,
        description="Assessments that count as state final exams (GIA).",
    )
    gia_success_metrics: tuple[str, ...] = Field(
        default=("pass_rate", "low_share"),
        description=(
            "What passing the exams means, in order of preference: pass_rate is the share passing; "
            "low_share counts as 100 minus it. The first metric loaded for an exam is used, "
            "and shares are weighted by participants."
        ),
    )
    improvement_min_delta: float = Field(
        default=0.0,
        ge=0,
        description=(
            "A low school improved over a year when its result index rose by more than this."
        ),
    )
    required_specialists: tuple[str, ...] = Field(
        default=SPECIALISTS,
        description="Staffing columns of the specialists every low school should have.",
    )
    exchange_event_kinds: tuple[str, ...] = Field(
        default=("seminar", "webinar", "master_class", "round_table", "conference"),
        description="Event kinds that count as seminars and webinars for exchange of practice.",
    )
    engaged_target_share: float = Field(
        default=80.0,
        ge=0,
        le=100,
        description=("Target share of engaged municipalities, %, used when no target is loaded."),
    )
    baseline_year: int | None = Field(
        default=None,
        description="Baseline year of every indicator; None: the first year with a value.",
    )
    did_controls_per_school: int = Field(
        default=2,
        ge=1,
        le=5,
        description=(
            "Pair effect: unpaired low schools matched to each low school in a working pair."
        ),
    )
    did_caliper: float = Field(
        default=0.25,
        gt=0,
        description=(
            "Pair effect: the largest gap of the result index in the year before the pair "
            "started for a matched school."
        ),
    )
    did_min_matched: int = Field(
        default=10,
        ge=2,
        description="Pair effect: with fewer matched low schools no estimate is given.",
    )
    did_bootstrap: int = Field(
        default=1000, ge=100, description="Pair effect: bootstrap replicates of the interval."
    )
    did_confidence: float = Field(
        default=0.95, gt=0.5, lt=1, description="Pair effect: confidence level of the interval."
    )
    did_seed: int = Field(default=7, description="Pair effect: seed of the bootstrap generator.")

    def school_year_of(self, day: dt.date) -> int:
        """The school year a day belongs to (named by the year it ends)."""
        return day.year + (1 if day.month >= self.school_year_start_month else 0)

    def school_year_end(self, year: int) -> dt.date:
        """The last day of a school year."""
        start = dt.date(year, self.school_year_start_month, 1)
        return start - dt.timedelta(days=1)


def describe_monitoring_settings(
    settings: MonitoringSettings | None = None,
) -> list[tuple[str, Any, str]]:
    """Every setting as ``(name, value, description)``, in declaration order (English; the
    UI's description is the message ``monitoring.setting.<name>``).

    >>> rows = describe_monitoring_settings()
    >>> rows[2][0], rows[2][2][:22]
    ('training_period_years', 'A teacher counts as tr')
    """
    s = settings or MonitoringSettings()
    return [
        (
            name,
            getattr(s, name),
            field.description or "",
        )
        for name, field in MonitoringSettings.model_fields.items()
    ]
