"""Pydantic models of the schoolnet graph: node kinds, edge kinds and their validation.

Every node has a ``label`` (its kind) and a string ``id`` unique within that kind. Properties are
plain JSON values (str, int, float, bool, None, list of str) so both stores keep them verbatim.

Examples
--------
>>> s = School(id="101", name="МБОУ СОШ №1", municipality="Иволгинский район")
>>> s.label, s.ref()
('School', NodeRef(label='School', id='101'))
>>> School(id=" ", name="x", municipality="y")
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for School
...
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from typing import Any, ClassVar, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from labels.errors import CodedError

__all__ = [
    "EDGE_PROPERTIES",
    "EDGE_TYPES",
    "NODE_LABELS",
    "NODE_MODELS",
    "PERCENT_RANGE",
    "TRAVEL_EDGES",
    "Association",
    "Curator",
    "Edge",
    "Event",
    "EventFormat",
    "EventKind",
    "Indicator",
    "Level",
    "Metric",
    "ModelValueError",
    "Municipality",
    "Node",
    "NodeRef",
    "Partnership",
    "PartnershipStatus",
    "Periodicity",
    "Region",
    "Result",
    "RoadmapItem",
    "RoadmapStatus",
    "Role",
    "School",
    "SettlementType",
    "Staffing",
    "Target",
    "Teacher",
    "TravelMode",
    "is_percent",
    "node_from_props",
    "partnership_id",
    "result_id",
    "staffing_id",
    "target_id",
]


class SettlementType(StrEnum):
    city = "city"
    town = "town"
    village = "village"


class Level(StrEnum):
    primary = "primary"
    basic = "basic"
    secondary = "secondary"
    evening = "evening"
    other = "other"


class Metric(StrEnum):
    mean_score = "mean_score"
    pass_rate = "pass_rate"
    low_share = "low_share"
    high_share = "high_share"


class EventKind(StrEnum):
    seminar = "seminar"
    master_class = "master_class"
    webinar = "webinar"
    round_table = "round_table"
    open_lesson = "open_lesson"
    course = "course"
    conference = "conference"
    consultation = "consultation"


class EventFormat(StrEnum):
    online = "online"
    offline = "offline"


class Role(StrEnum):
    participant = "participant"
    speaker = "speaker"
    organizer = "organizer"


class PartnershipStatus(StrEnum):
    proposed = "proposed"
    agreed = "agreed"
    active = "active"
    paused = "paused"
    closed = "closed"


class Indicator(StrEnum):
    """The programme indicators (analysis.indicators computes them; targets name them)."""

    trained_teachers = "trained_teachers"
    gia_pass_unfavourable = "gia_pass_unfavourable"
    low_improved = "low_improved"
    staffing_filled = "staffing_filled"
    specialists_present = "specialists_present"
    low_in_working_pair = "low_in_working_pair"
    municipalities_engaged = "municipalities_engaged"
    exchange_events = "exchange_events"


class Periodicity(StrEnum):
    once = "once"
    monthly = "monthly"
    quarterly = "quarterly"
    semiannual = "semiannual"
    annual = "annual"


class RoadmapStatus(StrEnum):
    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    cancelled = "cancelled"


class TravelMode(StrEnum):
    road = "road"
    public_transport = "public_transport"


class NodeRef(NamedTuple):
    """A node's identity: its kind and its id within that kind."""

    label: str
    id: str

    def key(self) -> str:
        """The node's key in the networkx view, e.g. ``School:101``."""
        return f"{self.label}:{self.id}"


Percent = float
PERCENT_RANGE = (0.0, 100.0)  # every percentage of the import format (the one home of the rule)


class ModelValueError(CodedError, ValueError):
    """A value the model refuses: a code of ``model.*`` in :mod:`labels` and its parameters.

    pydantic keeps it as the error's ``ctx["error"]``; ``str()`` renders it when shown.
    """

    area = "model"


def is_percent(v: float) -> bool:
    """Whether ``v`` is a valid percentage (0–100)."""
    return PERCENT_RANGE[0] <= v <= PERCENT_RANGE[1]


def _check_percent(v: float | None) -> float | None:
    if v is not None and not is_percent(v):
        raise ModelValueError("percent_range")
    return v


class Node(BaseModel):
    """Base of all node kinds."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)
    label: ClassVar[str] = "Node"
    id: str = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _id_not_blank(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ModelValueError("blank_id")
        return v

    def ref(self) -> NodeRef:
        return NodeRef(self.label, self.id)

    def props(self) -> dict[str, Any]:
        """Properties without ``id`` as JSON-ready values (dates as ISO strings)."""
        # A plain walk over the fields is several times faster than model_dump for the values
        # nodes hold; anything unusual (e.g. a non-finite float) takes model_dump's path.
        out: dict[str, Any] = {}
        for k, v in self.__dict__.items():
            if v is None or k == "id":
                continue
            kind = type(v)
            if kind in (str, int, bool) or (kind is float and math.isfinite(v)):
                out[k] = v
            elif kind is list and all(type(x) is str for x in v):
                out[k] = list(v)
            elif kind is dt.date:
                out[k] = v.isoformat()
            elif isinstance(v, StrEnum):
                out[k] = v.value
            else:
                return self._dumped_props()
        return out

    def _dumped_props(self) -> dict[str, Any]:
        data = self.model_dump(mode="json", exclude={"id"})
        return {k: v for k, v in data.items() if v is not None}


class Region(Node):
    label: ClassVar[str] = "Region"
    name: str = Field(min_length=1)


class Municipality(Node):
    label: ClassVar[str] = "Municipality"
    name: str = Field(min_length=1)
    region: str | None = None
    # The outline as compact GeoJSON geometry text (WGS 84), see loaders.boundaries.
    boundary: str | None = None


class School(Node):
    label: ClassVar[str] = "School"
    name: str = Field(min_length=1)
    municipality: str = Field(min_length=1)
    region: str | None = None
    settlement_type: SettlementType | None = None
    level: Level | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    students: int | None = Field(default=None, ge=0)
    teachers: int | None = Field(default=None, ge=0)
    share_low_income: Percent | None = None
    share_parents_higher_ed: Percent | None = None
    share_special_needs: Percent | None = None
    share_non_native: Percent | None = None
    share_single_parent: Percent | None = None
    social_index: float | None = None
    official_low_results: bool = False
    official_unfavourable: bool = False
    official_tutor: bool = False
    tutor_capacity: int | None = Field(default=None, ge=0)

    _pct = field_validator(
        "share_low_income",
        "share_parents_higher_ed",
        "share_special_needs",
        "share_non_native",
        "share_single_parent",
    )(_check_percent)


class Teacher(Node):
    label: ClassVar[str] = "Teacher"
    full_name: str = Field(min_length=1)
    school_id: str = Field(min_length=1)
    subjects: list[str] = Field(default_factory=list)
    category: str | None = None
    experience_years: int | None = Field(default=None, ge=0, le=80)
    deficits: list[str] = Field(default_factory=list)


class Curator(Node):
    label: ClassVar[str] = "Curator"
    full_name: str = Field(min_length=1)
    organisation: str | None = None


class Association(Node):
    label: ClassVar[str] = "Association"
    name: str = Field(min_length=1)
    kind: str | None = None
    subject: str | None = None
    municipality: str | None = None


class Event(Node):
    label: ClassVar[str] = "Event"
    title: str = Field(min_length=1)
    kind: EventKind
    date: dt.date
    subject: str | None = None
    format: EventFormat | None = None
    organizer_id: str | None = None
    municipality: str | None = None
    partnership_id: str | None = None
    roadmap_item_id: str | None = None


class Partnership(Node):
    label: ClassVar[str] = "Partnership"
    tutor_school_id: str = Field(min_length=1)
    mentee_school_id: str = Field(min_length=1)
    status: PartnershipStatus = PartnershipStatus.proposed
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    focus_subjects: list[str] = Field(default_factory=list)


class Result(Node):
    label: ClassVar[str] = "Result"
    school_id: str = Field(min_length=1)
    year: int = Field(ge=1990, le=2100)
    assessment: str = Field(min_length=1)
    subject: str = Field(min_length=1)
    grade: int | None = Field(default=None, ge=1, le=11)
    metric: Metric
    value: float
    participants: int | None = Field(default=None, ge=0)


class Staffing(Node):
    """A school's staffing in a school year: positions, filled, vacancies, specialists."""

    label: ClassVar[str] = "Staffing"
    school_id: str = Field(min_length=1)
    year: int = Field(ge=1990, le=2100)
    positions: float | None = Field(default=None, ge=0)
    filled: float | None = Field(default=None, ge=0)
    vacancies: int | None = Field(default=None, ge=0)
    vacancy_subjects: list[str] = Field(default_factory=list)
    psychologists: float | None = Field(default=None, ge=0)
    speech_therapists: float | None = Field(default=None, ge=0)
    defectologists: float | None = Field(default=None, ge=0)
    social_pedagogues: float | None = Field(default=None, ge=0)


class Target(Node):
    """The target value of an indicator for a municipality (or the region: None) and year."""

    label: ClassVar[str] = "Target"
    indicator: Indicator
    municipality: str | None = None
    year: int = Field(ge=1990, le=2100)
    value: float


class RoadmapItem(Node):
    """An activity of the programme's road map; events name it to report it carried out."""

    label: ClassVar[str] = "RoadmapItem"
    activity: str = Field(min_length=1)
    section: str | None = None
    deadline: dt.date | None = None
    periodicity: Periodicity | None = None
    responsible: str | None = None
    expected_result: str | None = None
    status: RoadmapStatus | None = None
    municipality: str | None = None


def staffing_id(school_id: str, year: int) -> str:
    """The id of a staffing row (one per school and year).

    >>> staffing_id("101", 2025)
    '101|2025'
    """
    return f"{school_id}|{year}"


def target_id(indicator: str, municipality: str | None, year: int) -> str:
    """The id of a target row; the region's own target has an empty municipality.

    >>> target_id("trained_teachers", None, 2025)
    'trained_teachers||2025'
    """
    return f"{indicator}|{municipality or ''}|{year}"


def result_id(
    school_id: str, year: int, assessment: str, subject: str, grade: int | None, metric: str
) -> str:
    """The deterministic id of a result row, so that re-importing the same row upserts it.

    >>> result_id("101", 2024, "ОГЭ", "Математика", 9, "mean_score")
    '101|2024|ОГЭ|Математика|9|mean_score'
    """
    g = "" if grade is None else str(grade)
    return f"{school_id}|{year}|{assessment}|{subject}|{g}|{metric}"


def partnership_id(tutor_school_id: str, mentee_school_id: str) -> str:
    """The id of a partnership given without one (import) or accepted in the planner.

    >>> partnership_id("0301003", "0301010")
    'P-0301003-0301010'
    """
    return f"P-{tutor_school_id}-{mentee_school_id}"


NODE_MODELS: dict[str, type[Node]] = {
    m.label: m
    for m in (
        Region,
        Municipality,
        School,
        Teacher,
        Curator,
        Association,
        Event,
        Partnership,
        Result,
        Staffing,
        Target,
        RoadmapItem,
    )
}
NODE_LABELS: tuple[str, ...] = tuple(NODE_MODELS)

# (type, source label(s), target label(s)); the only edges the stores accept.
EDGE_TYPES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "IN": (frozenset({"School", "Municipality"}), frozenset({"Municipality", "Region"})),
    "WORKS_AT": (frozenset({"Teacher"}), frozenset({"School"})),
    "CURATES": (frozenset({"Curator"}), frozenset({"School"})),
    "MEMBER_OF": (frozenset({"Teacher"}), frozenset({"Association"})),
    "ATTENDED": (frozenset({"Teacher"}), frozenset({"Event"})),
    "ORGANIZED": (frozenset({"School", "Association"}), frozenset({"Event"})),
    "TUTOR_IN": (frozenset({"School"}), frozenset({"Partnership"})),
    "MENTEE_IN": (frozenset({"School"}), frozenset({"Partnership"})),
    "FOR": (frozenset({"Event"}), frozenset({"Partnership"})),
    "MENTORS": (frozenset({"Teacher"}), frozenset({"Teacher"})),
    "HAS_RESULT": (frozenset({"School"}), frozenset({"Result"})),
    # A pair the coordinator rejected in the planner: never suggested again.
    "EXCLUDED_PAIR": (frozenset({"School"}), frozenset({"School"})),
    "HAS_STAFFING": (frozenset({"School"}), frozenset({"Staffing"})),
    # An event that carries out an activity of the programme's road map.
    "CARRIES_OUT": (frozenset({"Event"}), frozenset({"RoadmapItem"})),
    # Travel time between two schools (minutes), one edge type per way of travelling.
    "TRAVEL_ROAD": (frozenset({"School"}), frozenset({"School"})),
    "TRAVEL_PUBLIC_TRANSPORT": (frozenset({"School"}), frozenset({"School"})),
}


# The declared type of every edge property (dates are ISO text, as on nodes). An edge keeps
# the declared type whatever the input gave (a travel time of 12 is 12.0 minutes), so both
# stores and the neo4j-admin import files (graph.neo4j_bulk) hold the same values.
EDGE_PROPERTIES: dict[str, dict[str, type]] = {
    "CURATES": {"since": str},
    "MENTORS": {"since": str},
    "ATTENDED": {"role": str},
    "EXCLUDED_PAIR": {"reason": str, "date": str},
    "TRAVEL_ROAD": {"minutes": float},
    "TRAVEL_PUBLIC_TRANSPORT": {"minutes": float},
}


def _typed_edge_props(type: Any, props: Any) -> Any:
    declared = EDGE_PROPERTIES.get(type) if isinstance(type, str) else None
    if not declared or not isinstance(props, dict):
        return props
    changes = {
        key: float(props[key])
        for key, kind in declared.items()
        if kind is float and _is_int(props.get(key))
    }
    return {**props, **changes} if changes else props


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)  # a bool is an int to Python


class Edge(BaseModel):
    """A directed, typed edge; at most one edge of a type between two nodes.

    Its properties take their declared types (:data:`EDGE_PROPERTIES`):

    >>> a, b = NodeRef("School", "1"), NodeRef("School", "2")
    >>> Edge(type="TRAVEL_ROAD", src=a, dst=b, props={"minutes": 12}).props
    {'minutes': 12.0}
    """

    model_config = ConfigDict(frozen=True)
    type: str
    src: NodeRef
    dst: NodeRef
    props: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _declared_types(cls, data: Any) -> Any:
        if isinstance(data, dict) and "props" in data:
            return {**data, "props": _typed_edge_props(data.get("type"), data["props"])}
        return data

    @field_validator("type")
    @classmethod
    def _known_type(cls, v: str) -> str:
        if v not in EDGE_TYPES:
            raise ModelValueError("unknown_edge_type", type=v)
        return v

    @model_validator(mode="after")
    def _endpoints_fit(self) -> Edge:
        srcs, dsts = EDGE_TYPES[self.type]
        if self.src.label not in srcs or self.dst.label not in dsts:
            raise ModelValueError(
                "edge_ends", type=self.type, src=self.src.label, dst=self.dst.label
            )
        return self

    def key(self) -> tuple[str, str, str, str, str]:
        return (self.type, self.src.label, self.src.id, self.dst.label, self.dst.id)

    @classmethod
    def unchecked(cls, type: str, src: NodeRef, dst: NodeRef, props: dict[str, Any]) -> Edge:
        """An edge built without validation, for fields already known to be valid.

        For bulk paths only (an import's rows of an already-checked kind, rows read back from
        a store): it sets what ``model_construct`` sets, four times faster. The result equals
        the validated edge.

        >>> a, b = NodeRef("Teacher", "T1"), NodeRef("School", "1")
        >>> Edge.unchecked("WORKS_AT", a, b, {}) == Edge(type="WORKS_AT", src=a, dst=b)
        True
        """
        edge = cls.__new__(cls)
        _set = object.__setattr__
        props = _typed_edge_props(type, props)
        _set(edge, "__dict__", {"type": type, "src": src, "dst": dst, "props": props})
        _set(edge, "__pydantic_fields_set__", {"type", "src", "dst", "props"})
        _set(edge, "__pydantic_extra__", None)
        _set(edge, "__pydantic_private__", None)
        return edge


def node_from_props(label: str, id: str, props: dict[str, Any]) -> Node:
    """Rebuild a typed node from a stored row."""
    model = NODE_MODELS[label]
    return model.model_validate({"id": id, **props})


TRAVEL_EDGES: dict[str, str] = {
    TravelMode.road.value: "TRAVEL_ROAD",
    TravelMode.public_transport.value: "TRAVEL_PUBLIC_TRANSPORT",
}
"""The edge type that holds the travel time of each way of travelling."""
