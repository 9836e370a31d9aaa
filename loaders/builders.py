"""Pass 3 of validation, sheet by sheet: rows → nodes (checked by their model) and edges.

Each builder takes the validator (for references, nodes, edges and problems) and the live rows
of its sheet (duplicates already dropped). A row's authoritative edges are those
:mod:`loaders.importer` replaces on re-import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from graph.model import (
    TRAVEL_EDGES,
    Metric,
    Municipality,
    Node,
    NodeRef,
    Region,
    TravelMode,
    is_percent,
    result_id,
    staffing_id,
    target_id,
)
from labels.message import Message
from loaders.rows import Row
from loaders.sheets import SHEETS

if TYPE_CHECKING:
    from loaders.validate import Validator

__all__ = ["BUILDERS"]


def _fields(row: Row, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
    skip = set(exclude)
    return {k: v for k, v in row.values.items() if k not in skip}


def _schools(v: Validator, rows: list[Row]) -> None:
    regions: dict[str, tuple[str, Row]] = {}
    municipalities: dict[str, None] = {}
    for row in rows:
        props = _fields(row, exclude=("school_id",))
        node = v.node(row, "School", {"id": row.values.get("school_id"), **props})
        if node is None:
            continue
        muni = row.values["municipality"]
        municipalities[muni] = None
        v.edge("IN", node.ref(), NodeRef("Municipality", muni))
        given = row.values.get("region")
        if given is None:
            continue
        first = regions.setdefault(muni, (given, row))
        if first[0] != given:
            where = row.sheet.where(first[1].number, first[1].sheet)
            msg = Message(
                "loaders.row.region_conflict", municipality=muni, other=first[0], where=where
            )
            v.issue(row, "region", msg)
    added_regions: set[str] = set()
    for muni in municipalities:
        stored = v.store.get_node("Municipality", muni) if v.store is not None else None
        if muni in regions:
            region: str | None = regions[muni][0]
            # The schools sheet says the region; what else is stored (a boundary) stays.
            muni_node: Node = (
                stored.model_copy(update={"region": region})
                if stored is not None
                else Municipality(id=muni, name=muni, region=region)
            )
        else:
            muni_node = stored if stored is not None else Municipality(id=muni, name=muni)
            region = getattr(muni_node, "region", None)
        v.out.nodes.append(muni_node)
        if region is None:
            continue
        if muni in regions and region not in added_regions:
            added_regions.add(region)
            v.out.nodes.append(Region(id=region, name=region))
        v.edge("IN", muni_node.ref(), NodeRef("Region", region))


_PERCENT_METRICS = {Metric.pass_rate.value, Metric.low_share.value, Metric.high_share.value}


def _results(v: Validator, rows: list[Row]) -> None:
    for row in rows:
        vals = row.values
        school = v.ref(row, "school_id", "School")
        value, metric = vals.get("value"), vals.get("metric")
        if value is not None and metric is not None:
            if metric in _PERCENT_METRICS and not is_percent(value):
                msg = Message(
                    "loaders.value.result_percent", metric=metric, value=row.text["value"]
                )
                v.issue(row, "value", msg)
            elif value < 0:
                v.issue(row, "value", Message("loaders.value.negative", value=row.text["value"]))
        required = ("school_id", "year", "assessment", "subject", "metric")
        if any(c not in vals for c in required):
            continue
        rid = result_id(
            vals["school_id"],
            vals["year"],
            vals["assessment"],
            vals["subject"],
            vals.get("grade"),
            vals["metric"],
        )
        node = v.node(row, "Result", {"id": rid, **vals})
        if node is not None and school is not None:
            v.edge("HAS_RESULT", school, node.ref())


def _teachers(v: Validator, rows: list[Row]) -> None:
    for row in rows:
        school = v.ref(row, "school_id", "School")
        props = _fields(row, exclude=("teacher_id",))
        node = v.node(row, "Teacher", {"id": row.values.get("teacher_id"), **props})
        if node is not None:
            v.edge("WORKS_AT", node.ref(), school)


def _curators(v: Validator, rows: list[Row]) -> None:
    for row in rows:
        props = _fields(row, exclude=("curator_id", "schools", "since"))
        node = v.node(row, "Curator", {"id": row.values.get("curator_id"), **props})
        since = row.values.get("since")
        for school_id in dict.fromkeys(row.values.get("schools", [])):
            school = v.ref(row, "schools", "School", id=school_id)
            if node is not None:
                v.edge("CURATES", node.ref(), school, since=since and since.isoformat())


def _associations(v: Validator, rows: list[Row]) -> None:
    for row in rows:
        props = _fields(row, exclude=("association_id",))
        v.node(row, "Association", {"id": row.values.get("association_id"), **props})


def _memberships(v: Validator, rows: list[Row]) -> None:
    for row in rows:
        teacher = v.ref(row, "teacher_id", "Teacher")
        association = v.ref(row, "association_id", "Association")
        v.edge("MEMBER_OF", teacher, association)


def _organizer(v: Validator, row: Row) -> NodeRef | None:
    org = row.values.get("organizer_id")
    if org is None:
        return None
    known = v.known
    labels = [lab for lab in ("School", "Association") if known.in_import(lab, org)]
    if not labels:
        labels = [lab for lab in ("School", "Association") if known.in_store(lab, org)]
    if len(labels) == 1:
        return NodeRef(labels[0], org)
    key = "loaders.ref.organizer" if not labels else "loaders.ref.organizer_ambiguous"
    v.issue(row, "organizer_id", Message(key, id=org))
    return None


def _events(v: Validator, rows: list[Row]) -> None:
    for row in rows:
        organizer = _organizer(v, row)
        pair = v.ref(row, "partnership_id", "Partnership")
        item = v.ref(row, "roadmap_item_id", "RoadmapItem")
        props = _fields(row, exclude=("event_id",))
        node = v.node(row, "Event", {"id": row.values.get("event_id"), **props})
        if node is not None:
            v.edge("ORGANIZED", organizer, node.ref())
            v.edge("FOR", node.ref(), pair)
            v.edge("CARRIES_OUT", node.ref(), item)


def _participation(v: Validator, rows: list[Row]) -> None:
    for row in rows:
        event = v.ref(row, "event_id", "Event")
        teacher = v.ref(row, "teacher_id", "Teacher")
        v.edge("ATTENDED", teacher, event, role=row.values.get("role", "participant"))


def _partnerships(v: Validator, rows: list[Row]) -> None:
    for row in rows:
        vals = row.values
        tutor = v.ref(row, "tutor_school_id", "School")
        mentee = v.ref(row, "mentee_school_id", "School")
        if "tutor_school_id" in vals and vals.get("tutor_school_id") == vals.get(
            "mentee_school_id"
        ):
            v.issue(
                row,
                "mentee_school_id",
                Message("loaders.row.same_school", id=vals["tutor_school_id"]),
            )
        start, end = vals.get("start_date"), vals.get("end_date")
        if start is not None and end is not None and end < start:
            v.issue(
                row,
                "end_date",
                Message(
                    "loaders.row.dates_order",
                    start=row.text["start_date"],
                    end=row.text["end_date"],
                ),
            )
        props = _fields(row, exclude=("partnership_id",))
        node = v.node(row, "Partnership", {"id": vals.get("partnership_id"), **props})
        if node is not None:
            v.edge("TUTOR_IN", tutor, node.ref())
            v.edge("MENTEE_IN", mentee, node.ref())


def _two_refs(
    v: Validator, row: Row, first: str, second: str, label: str, same_key: str
) -> tuple[NodeRef | None, NodeRef | None] | None:
    """The two references of a row, or None (with an issue) when both name the same node."""
    a = v.ref(row, first, label)
    b = v.ref(row, second, label)
    if a is not None and a == b:
        v.issue(row, second, Message(same_key, id=a.id))
        return None
    return a, b


def _mentoring(v: Validator, rows: list[Row]) -> None:
    for row in rows:
        refs = _two_refs(v, row, "mentor_id", "mentee_id", "Teacher", "loaders.row.same_teacher")
        if refs is None:
            continue
        mentor, mentee = refs
        since = row.values.get("since")
        v.edge("MENTORS", mentor, mentee, since=since and since.isoformat())


def _excluded_pairs(v: Validator, rows: list[Row]) -> None:
    for row in rows:
        refs = _two_refs(
            v, row, "tutor_school_id", "mentee_school_id", "School", "loaders.row.same_school"
        )
        if refs is None:
            continue
        tutor, mentee = refs
        day = row.values.get("date")
        v.edge(
            "EXCLUDED_PAIR",
            tutor,
            mentee,
            reason=row.values.get("reason"),
            date=day and day.isoformat(),
        )


def _staffing(v: Validator, rows: list[Row]) -> None:
    for row in rows:
        vals = row.values
        school = v.ref(row, "school_id", "School")
        if "school_id" not in vals or "year" not in vals:
            continue
        node = v.node(row, "Staffing", {"id": staffing_id(vals["school_id"], vals["year"]), **vals})
        if node is not None and school is not None:
            v.edge("HAS_STAFFING", school, node.ref())


def _targets(v: Validator, rows: list[Row]) -> None:
    for row in rows:
        vals = row.values
        if "indicator" not in vals or "year" not in vals:
            continue
        rid = target_id(vals["indicator"], vals.get("municipality"), vals["year"])
        v.node(row, "Target", {"id": rid, **vals})


def _roadmap(v: Validator, rows: list[Row]) -> None:
    for row in rows:
        props = _fields(row, exclude=("item_id",))
        v.node(row, "RoadmapItem", {"id": row.values.get("item_id"), **props})


def _travel_times(v: Validator, rows: list[Row]) -> None:
    for row in rows:
        a = v.ref(row, "school_id", "School")
        b = v.ref(row, "other_school_id", "School")
        minutes = row.values.get("minutes")
        if minutes is not None and not 0 < minutes <= 24 * 60:
            v.issue(row, "minutes", Message("maps.travel.minutes", value=row.text["minutes"]))
            continue
        if a is not None and a == b:
            v.issue(row, "other_school_id", Message("loaders.row.same_school", id=a.id))
            continue
        mode = row.values.get("mode", TravelMode.road.value)
        v.edge(TRAVEL_EDGES[mode], a, b, minutes=minutes)


BUILDERS: dict[str, Callable[[Validator, list[Row]], None]] = {
    "schools": _schools,
    "results": _results,
    "teachers": _teachers,
    "curators": _curators,
    "associations": _associations,
    "memberships": _memberships,
    "events": _events,
    "participation": _participation,
    "partnerships": _partnerships,
    "mentoring": _mentoring,
    "excluded_pairs": _excluded_pairs,
    "staffing": _staffing,
    "targets": _targets,
    "roadmap": _roadmap,
    "travel_times": _travel_times,
}
assert set(BUILDERS) == set(SHEETS)
