"""The import sheets as data: their columns, types, required flags and row keys.

Every sheet of the import format (DESIGN.md, "Import format") is one :class:`SheetSpec`. The
readers, the validator, the template writer and the exporter all work from :data:`SHEETS`, so a
column is added in one place. Russian header aliases live in :mod:`loaders.aliases`.

Two sheets go beyond DESIGN.md so that every edge kind of the graph survives an
export → import round trip: ``mentoring`` (``MENTORS`` between teachers) and
``excluded_pairs`` (``EXCLUDED_PAIR``, pairs the coordinator rejected in the planner).
The ``curators`` sheet also takes an optional ``since`` date for its ``CURATES`` edges.

Three sheets serve programme monitoring (issue 11): ``staffing`` (a school's positions,
vacancies and specialists per year), ``targets`` (an indicator's target per municipality, or
the region when the municipality is empty, and year) and ``roadmap`` (the programme's
activities); an event names the road-map item it carries out in ``roadmap_item_id``.

Examples
--------
>>> spec = SHEETS["results"]
>>> spec.key
('school_id', 'year', 'assessment', 'subject', 'grade', 'metric')
>>> [c.name for c in spec.columns if c.required]
['school_id', 'year', 'assessment', 'subject', 'metric', 'value']
>>> spec.column("metric").allowed()
('mean_score', 'pass_rate', 'low_share', 'high_share')
>>> SHEETS["partnerships"].column("status").type
<ColType.enum: 'enum'>
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

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
from labels import input_words

__all__ = [
    "HELP_SHEET_NAMES",
    "SHEETS",
    "SHEET_NAMES",
    "ColType",
    "Column",
    "SheetSpec",
]


class ColType(StrEnum):
    """How a cell's text is parsed (see :mod:`loaders.validate`)."""

    str = "str"
    int = "int"
    float = "float"
    percent = "percent"  # a number from 0 to 100; a trailing «%» is accepted
    bool = "bool"  # true/false, 1/0, да/нет, yes/no; empty → false
    date = "date"  # ГГГГ-ММ-ДД or ДД.ММ.ГГГГ
    list = "list"  # items separated by «;»
    enum = "enum"  # one of a closed set of values (English or Russian)


@dataclass(frozen=True)
class Column:
    """One column of a sheet."""

    name: str
    type: ColType = ColType.str
    required: bool = False
    enum: builtins.type[StrEnum] | None = None

    def allowed(self) -> tuple[str, ...]:
        """The canonical values of an enum column (empty for other types)."""
        return tuple(m.value for m in self.enum) if self.enum is not None else ()


@dataclass(frozen=True)
class SheetSpec:
    """One import sheet.

    ``label`` is the node kind a row becomes (None for sheets of edges only); ``id_column``
    holds the node id (None when the id is derived, as for results); ``key`` are the columns
    that must be unique across the rows of the sheet.
    """

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    label: str | None = None
    id_column: str | None = None

    def column(self, name: str) -> Column:
        return self._by_name[name]

    @cached_property
    def _by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}

    @cached_property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @cached_property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


_TEXT, _INT, _FLOAT, _PCT, _BOOL, _DATE, _LIST, _ENUM = (
    ColType.str,
    ColType.int,
    ColType.float,
    ColType.percent,
    ColType.bool,
    ColType.date,
    ColType.list,
    ColType.enum,
)


def _sheet(
    name: str,
    key: tuple[str, ...],
    *columns: Column,
    label: str | None = None,
    id_column: str | None = None,
) -> SheetSpec:
    return SheetSpec(name=name, columns=columns, key=key, label=label, id_column=id_column)


_SHEET_LIST = (
    _sheet(
        "schools",
        ("school_id",),
        Column("school_id", _TEXT, True),
        Column("name", _TEXT, True),
        Column("municipality", _TEXT, True),
        Column("region"),
        Column("settlement_type", _ENUM, enum=SettlementType),
        Column("level", _ENUM, enum=Level),
        Column("lat", _FLOAT),
        Column("lon", _FLOAT),
        Column("students", _INT),
        Column("teachers", _INT),
        Column("share_low_income", _PCT),
        Column("share_parents_higher_ed", _PCT),
        Column("share_special_needs", _PCT),
        Column("share_non_native", _PCT),
        Column("share_single_parent", _PCT),
        Column("social_index", _FLOAT),
        Column("official_low_results", _BOOL),
        Column("official_unfavourable", _BOOL),
        Column("official_tutor", _BOOL),
        Column("tutor_capacity", _INT),
        label="School",
        id_column="school_id",
    ),
    _sheet(
        "results",
        ("school_id", "year", "assessment", "subject", "grade", "metric"),
        Column("school_id", _TEXT, True),
        Column("year", _INT, True),
        Column("assessment", _TEXT, True),
        Column("subject", _TEXT, True),
        Column("grade", _INT),
        Column("metric", _ENUM, True, enum=Metric),
        Column("value", _FLOAT, True),
        Column("participants", _INT),
        label="Result",
    ),
    _sheet(
        "teachers",
        ("teacher_id",),
        Column("teacher_id", _TEXT, True),
        Column("full_name", _TEXT, True),
        Column("school_id", _TEXT, True),
        Column("subjects", _LIST),
        Column("category"),
        Column("experience_years", _INT),
        Column("deficits", _LIST),
        label="Teacher",
        id_column="teacher_id",
    ),
    _sheet(
        "curators",
        ("curator_id",),
        Column("curator_id", _TEXT, True),
        Column("full_name", _TEXT, True),
        Column("organisation"),
        Column("schools", _LIST),
        Column("since", _DATE),
        label="Curator",
        id_column="curator_id",
    ),
    _sheet(
        "associations",
        ("association_id",),
        Column("association_id", _TEXT, True),
        Column("name", _TEXT, True),
        Column("kind"),
        Column("subject"),
        Column("municipality"),
        label="Association",
        id_column="association_id",
    ),
    _sheet(
        "memberships",
        ("teacher_id", "association_id"),
        Column("teacher_id", _TEXT, True),
        Column("association_id", _TEXT, True),
    ),
    _sheet(
        "events",
        ("event_id",),
        Column("event_id", _TEXT, True),
        Column("title", _TEXT, True),
        Column("kind", _ENUM, True, enum=EventKind),
        Column("date", _DATE, True),
        Column("subject"),
        Column("format", _ENUM, enum=EventFormat),
        Column("organizer_id"),
        Column("municipality"),
        Column("partnership_id"),
        Column("roadmap_item_id"),
        label="Event",
        id_column="event_id",
    ),
    _sheet(
        "participation",
        ("event_id", "teacher_id"),
        Column("event_id", _TEXT, True),
        Column("teacher_id", _TEXT, True),
        Column("role", _ENUM, enum=Role),
    ),
    _sheet(
        "partnerships",
        ("partnership_id",),
        Column("partnership_id"),
        Column("tutor_school_id", _TEXT, True),
        Column("mentee_school_id", _TEXT, True),
        Column("status", _ENUM, enum=PartnershipStatus),
        Column("start_date", _DATE),
        Column("end_date", _DATE),
        Column("focus_subjects", _LIST),
        label="Partnership",
        id_column="partnership_id",
    ),
    _sheet(
        "mentoring",
        ("mentor_id", "mentee_id"),
        Column("mentor_id", _TEXT, True),
        Column("mentee_id", _TEXT, True),
        Column("since", _DATE),
    ),
    _sheet(
        "excluded_pairs",
        ("tutor_school_id", "mentee_school_id"),
        Column("tutor_school_id", _TEXT, True),
        Column("mentee_school_id", _TEXT, True),
        Column("reason"),
        Column("date", _DATE),
    ),
    _sheet(
        "staffing",
        ("school_id", "year"),
        Column("school_id", _TEXT, True),
        Column("year", _INT, True),
        Column("positions", _FLOAT),
        Column("filled", _FLOAT),
        Column("vacancies", _INT),
        Column("vacancy_subjects", _LIST),
        Column("psychologists", _FLOAT),
        Column("speech_therapists", _FLOAT),
        Column("defectologists", _FLOAT),
        Column("social_pedagogues", _FLOAT),
        label="Staffing",
    ),
    _sheet(
        "targets",
        ("indicator", "municipality", "year"),
        Column("indicator", _ENUM, True, enum=Indicator),
        Column("municipality"),
        Column("year", _INT, True),
        Column("value", _FLOAT, True),
        label="Target",
    ),
    _sheet(
        "roadmap",
        ("item_id",),
        Column("item_id", _TEXT, True),
        Column("activity", _TEXT, True),
        Column("section"),
        Column("deadline", _DATE),
        Column("periodicity", _ENUM, enum=Periodicity),
        Column("responsible"),
        Column("expected_result"),
        Column("status", _ENUM, enum=RoadmapStatus),
        Column("municipality"),
        label="RoadmapItem",
        id_column="item_id",
    ),
    _sheet(
        "travel_times",
        ("school_id", "other_school_id", "mode"),
        Column("school_id", _TEXT, True),
        Column("other_school_id", _TEXT, True),
        Column("minutes", _FLOAT, True),
        Column("mode", _ENUM, enum=TravelMode),
    ),
)

SHEETS: dict[str, SheetSpec] = {s.name: s for s in _SHEET_LIST}
"""Every import sheet by its English name, in the order they are validated and written."""

SHEET_NAMES: tuple[str, ...] = tuple(SHEETS)

HELP_SHEET_NAMES = input_words.HELP_SHEET_NAMES
"""Workbook sheets that explain the format; readers skip them."""
