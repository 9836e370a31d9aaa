"""Raw sheets → typed nodes and edges, with every problem collected as an ImportIssue.

Validation runs in passes over all sheets at once: cells are parsed by column type, duplicate
keys are found across every file of a sheet, ids declared anywhere in the import are gathered,
then each row becomes a node (checked by its pydantic model) and its edges, whose other ends
must exist in the import or already in the store. Nothing stops at the first problem.

Cells are parsed by :mod:`loaders.cells` (its docstring lists the rules).
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from graph.model import (
    NODE_MODELS,
    TRAVEL_EDGES,
    Edge,
    Metric,
    Municipality,
    Node,
    NodeRef,
    Region,
    TravelMode,
    partnership_id,
    result_id,
    staffing_id,
    target_id,
)
from graph.store import Store
from labels import t
from loaders.aliases import header_aliases, resolve_header
from loaders.cells import CellError, cell_parser
from loaders.issues import ImportIssue
from loaders.readers import RawSheet
from loaders.sheets import SHEETS, SheetSpec

__all__ = [
    "Validated",
    "paused_gc",
    "validate_sheets",
]


# --- rows ---------------------------------------------------------------------------------------
@dataclass
class _Sheet:
    """One raw sheet with its header resolved to columns."""

    raw: RawSheet
    spec: SheetSpec
    index: dict[str, int]  # column → cell position
    missing: set[str]  # required columns absent from the header

    def header(self, column: str) -> str:
        """The column as the user named it (or its English name when absent)."""
        pos = self.index.get(column)
        return self.raw.headers[pos].strip() if pos is not None else column

    def where(self, row: int, other: _Sheet) -> str:
        """How an earlier row is named in a message about a row of ``self``."""
        if other.raw.file == self.raw.file and other.raw.tab == self.raw.tab:
            return t("loaders.loc.other_row", row=row)
        file = other.raw.file if other.raw.tab is None else f"{other.raw.file} [{other.raw.tab}]"
        return t("loaders.loc.other_file_row", file=file, row=row)


@dataclass(slots=True)
class _Row:
    sheet: _Sheet
    number: int
    text: dict[str, str]  # column → trimmed cell text (non-empty only)
    values: dict[str, Any]  # column → parsed value
    bad: set[str] = field(default_factory=set)  # columns already reported
    dropped: bool = False  # a duplicate: reported, not built


@dataclass
class Validated:
    """The outcome of validation: what would be written, and every problem found."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    warnings: list[ImportIssue] = field(default_factory=list)
    rows: Counter[str] = field(default_factory=Counter)


class _Known:
    """Ids declared in the import, then looked up in the store (lazily, per label)."""

    _LOOKUPS_BEFORE_SCAN = 64

    def __init__(self, store: Store | None) -> None:
        self.declared: dict[str, set[str]] = {}
        self._store = store
        self._cache: dict[str, dict[str, bool]] = {}
        self._all: dict[str, set[str]] = {}

    def declare(self, label: str, id: str) -> None:
        self.declared.setdefault(label, set()).add(id)

    def in_import(self, label: str, id: str) -> bool:
        return id in self.declared.get(label, ())

    def in_store(self, label: str, id: str) -> bool:
        if self._store is None:
            return False
        if label in self._all:
            return id in self._all[label]
        cache = self._cache.setdefault(label, {})
        if id not in cache:
            if len(cache) >= self._LOOKUPS_BEFORE_SCAN:
                self._all[label] = {n.id for n in self._store.iter_nodes(label)}
                return id in self._all[label]
            cache[id] = self._store.get_node(label, id) is not None
        return cache[id]

    def has(self, label: str, id: str) -> bool:
        return self.in_import(label, id) or self.in_store(label, id)


class _Validator:
    def __init__(self, raws: Sequence[RawSheet], store: Store | None) -> None:
        self.store = store
        self.out = Validated()
        self.known = _Known(store)
        self._edge_kinds: set[tuple[str, str, str]] = set()
        self.order = {(r.file, r.tab): i for i, r in enumerate(raws)}
        self.sheets = [self._resolve(raw) for raw in raws]
        self.rows: dict[str, list[_Row]] = {name: [] for name in SHEETS}
        for sheet in self.sheets:
            self.rows[sheet.spec.name] += self._parse(sheet)

    # --- reporting ------------------------------------------------------------------------------
    def issue(self, row: _Row, column: str | None, message: str) -> None:
        header = row.sheet.header(column) if column is not None else None
        self.out.issues.append(row.sheet.raw.issue(row.number, header, message))
        if column is not None:
            row.bad.add(column)

    # --- pass 1: headers and cells --------------------------------------------------------------
    def _resolve(self, raw: RawSheet) -> _Sheet:
        spec = SHEETS[raw.sheet]
        index: dict[str, int] = {}
        for pos, header in enumerate(raw.headers):
            if not header.strip():
                if any(pos < len(cells) and cells[pos].strip() for _, cells in raw.rows):
                    self.out.warnings.append(
                        raw.issue(raw.header_row, None, t("loaders.header.blank"))
                    )
                continue
            column = resolve_header(raw.sheet, header)
            if column is None:
                self.out.warnings.append(
                    raw.issue(raw.header_row, header.strip(), t("loaders.header.unknown"))
                )
            elif column in index:
                first = raw.headers[index[column]].strip()
                msg = t("loaders.header.duplicate", column=column, first=first, second=header)
                self.out.issues.append(raw.issue(raw.header_row, header.strip(), msg))
            else:
                index[column] = pos
        missing = {c for c in spec.required if c not in index}
        for column in spec.required:
            if column in missing:
                aliases = ", ".join(f"«{a}»" for a in header_aliases(raw.sheet, column)) or "—"
                msg = t("loaders.header.missing", column=column, aliases=aliases)
                self.out.issues.append(raw.issue(raw.header_row, column, msg))
        return _Sheet(raw=raw, spec=spec, index=index, missing=missing)

    def _parse(self, sheet: _Sheet) -> list[_Row]:
        spec = sheet.spec
        columns = [(name, pos, cell_parser(spec.column(name))) for name, pos in sheet.index.items()]
        required = [c for c in spec.required if c not in sheet.missing]
        rows = []
        for number, cells in sheet.raw.rows:
            text: dict[str, str] = {}
            values: dict[str, Any] = {}
            row = _Row(sheet=sheet, number=number, text=text, values=values, bad=set(sheet.missing))
            for name, pos, parse in columns:
                cell = cells[pos].strip()
                if not cell:
                    continue
                text[name] = cell
                try:
                    values[name] = parse(cell)
                except CellError as exc:
                    self.issue(row, name, str(exc))
            for column in required:
                if column not in text:
                    self.issue(row, column, t("loaders.value.required"))
            rows.append(row)
        self.out.rows[spec.name] += len(rows)
        return rows

    # --- pass 2: keys, duplicates, declared ids -------------------------------------------------
    def _key(self, row: _Row) -> tuple[Any, ...] | None:
        spec = row.sheet.spec
        if spec.name == "partnerships" and "partnership_id" not in row.values:
            tutor, mentee = row.values.get("tutor_school_id"), row.values.get("mentee_school_id")
            if tutor is None or mentee is None:
                return None
            row.values["partnership_id"] = partnership_id(tutor, mentee)
        if spec.name == "results" and "assessment" in row.values:
            row.values["assessment"] = _assessment(row.values["assessment"])
        values, bad = row.values, row.bad
        for c in spec.key:
            if c in bad or (c not in values and c in spec.required):
                return None
        return tuple([values.get(c) for c in spec.key])

    def _duplicates(self) -> None:
        for name, rows in self.rows.items():
            spec = SHEETS[name]
            seen: dict[tuple[Any, ...], _Row] = {}
            for row in rows:
                key = self._key(row)
                if key is None:
                    continue
                first = seen.setdefault(key, row)
                if first is row:
                    continue
                where = row.sheet.where(first.number, first.sheet)
                if spec.id_column is not None:
                    msg = t("loaders.row.duplicate_id", id=key[0], where=where)
                    self.issue(row, spec.id_column, msg)
                else:
                    shown = ", ".join(str(v) for v in key if v is not None)
                    self.issue(row, None, t("loaders.row.duplicate_key", key=shown, where=where))
                row.dropped = True
            if spec.label is not None and spec.id_column is not None:
                for key in seen:
                    self.known.declare(spec.label, str(key[0]))

    # --- pass 3: nodes, references, edges -------------------------------------------------------
    def ref(self, row: _Row, column: str, label: str, id: str | None = None) -> NodeRef | None:
        """The node a cell refers to, or None (reported) when it exists nowhere."""
        value = id if id is not None else row.values.get(column)
        if value is None or (column in row.bad and id is None):
            return None
        if not self.known.has(label, value):
            self.out.issues.append(
                row.sheet.raw.issue(
                    row.number, row.sheet.header(column), t(f"loaders.ref.{label}", id=value)
                )
            )
            return None
        return NodeRef(label, value)

    def node(self, row: _Row, label: str, props: dict[str, Any]) -> Node | None:
        """Build and keep a node; map the model's complaints to the row's cells."""
        spec = row.sheet.spec
        try:
            # Same as node_from_props(label, id, rest), without copying the row's dict again.
            node = NODE_MODELS[label].model_validate(props)
        except ValidationError as exc:
            for err in exc.errors():
                field_name = str(err["loc"][0]) if err["loc"] else None
                column = spec.id_column if field_name == "id" else field_name
                if column is not None and column not in spec.column_names:
                    column = None
                if column is not None and column in row.bad:
                    continue
                text = row.text.get(column, "") if column is not None else ""
                self.issue(row, column, _model_message(err, text))
            return None
        self.out.nodes.append(node)
        return node

    def edge(self, type: str, src: NodeRef | None, dst: NodeRef | None, **props: Any) -> None:
        if src is None or dst is None:
            return
        clean = {k: v for k, v in props.items() if v is not None} if props else {}
        # The ends come from checked refs, so only the (type, labels) triple needs the model's
        # check: validate its first edge, then build the rest without re-validation.
        kinds = (type, src.label, dst.label)
        if kinds in self._edge_kinds:
            edge = Edge.unchecked(type, src, dst, clean)
        else:
            edge = Edge(type=type, src=src, dst=dst, props=clean)
            self._edge_kinds.add(kinds)
        self.out.edges.append(edge)

    def run(self) -> Validated:
        self._duplicates()
        for name, rows in self.rows.items():
            build = _BUILDERS[name]
            live = [r for r in rows if not r.dropped]
            build(self, live)
        self.out.issues.sort(key=self._position)
        self.out.edges = list({e.key(): e for e in self.out.edges}.values())
        return self.out

    def _position(self, issue: ImportIssue) -> tuple[int, int]:
        return (self.order.get((issue.file, issue.sheet), -1), issue.row or 0)


def _assessment(value: str) -> str:
    upper = value.upper()
    return upper if upper in ("ВПР", "ОГЭ", "ЕГЭ") else value


def _limit(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _model_message(err: Any, text: str) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind in ("greater_than_equal", "greater_than"):
        return t("loaders.value.min", limit=_limit(ctx.get("ge", ctx.get("gt"))), value=text)
    if kind in ("less_than_equal", "less_than"):
        return t("loaders.value.max", limit=_limit(ctx.get("le", ctx.get("lt"))), value=text)
    if kind == "missing":
        return t("loaders.value.required")
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    return t("loaders.value.invalid", value=text)


def _fields(row: _Row, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
    skip = set(exclude)
    return {k: v for k, v in row.values.items() if k not in skip}


# --- per-sheet builders -------------------------------------------------------------------------
def _schools(v: _Validator, rows: list[_Row]) -> None:
    regions: dict[str, tuple[str, _Row]] = {}
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
            msg = t("loaders.row.region_conflict", municipality=muni, other=first[0], where=where)
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


def _results(v: _Validator, rows: list[_Row]) -> None:
    for row in rows:
        vals = row.values
        school = v.ref(row, "school_id", "School")
        value, metric = vals.get("value"), vals.get("metric")
        if value is not None and metric is not None:
            if metric in _PERCENT_METRICS and not 0 <= value <= 100:
                msg = t("loaders.value.result_percent", metric=metric, value=row.text["value"])
                v.issue(row, "value", msg)
            elif value < 0:
                v.issue(row, "value", t("loaders.value.negative", value=row.text["value"]))
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


def _teachers(v: _Validator, rows: list[_Row]) -> None:
    for row in rows:
        school = v.ref(row, "school_id", "School")
        props = _fields(row, exclude=("teacher_id",))
        node = v.node(row, "Teacher", {"id": row.values.get("teacher_id"), **props})
        if node is not None:
            v.edge("WORKS_AT", node.ref(), school)


def _curators(v: _Validator, rows: list[_Row]) -> None:
    for row in rows:
        props = _fields(row, exclude=("curator_id", "schools", "since"))
        node = v.node(row, "Curator", {"id": row.values.get("curator_id"), **props})
        since = row.values.get("since")
        for school_id in dict.fromkeys(row.values.get("schools", [])):
            school = v.ref(row, "schools", "School", id=school_id)
            if node is not None:
                v.edge("CURATES", node.ref(), school, since=since and since.isoformat())


def _associations(v: _Validator, rows: list[_Row]) -> None:
    for row in rows:
        props = _fields(row, exclude=("association_id",))
        v.node(row, "Association", {"id": row.values.get("association_id"), **props})


def _memberships(v: _Validator, rows: list[_Row]) -> None:
    for row in rows:
        teacher = v.ref(row, "teacher_id", "Teacher")
        association = v.ref(row, "association_id", "Association")
        v.edge("MEMBER_OF", teacher, association)


def _organizer(v: _Validator, row: _Row) -> NodeRef | None:
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
    v.issue(row, "organizer_id", t(key, id=org))
    return None


def _events(v: _Validator, rows: list[_Row]) -> None:
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


def _participation(v: _Validator, rows: list[_Row]) -> None:
    for row in rows:
        event = v.ref(row, "event_id", "Event")
        teacher = v.ref(row, "teacher_id", "Teacher")
        v.edge("ATTENDED", teacher, event, role=row.values.get("role", "participant"))


def _partnerships(v: _Validator, rows: list[_Row]) -> None:
    for row in rows:
        vals = row.values
        tutor = v.ref(row, "tutor_school_id", "School")
        mentee = v.ref(row, "mentee_school_id", "School")
        if "tutor_school_id" in vals and vals.get("tutor_school_id") == vals.get(
            "mentee_school_id"
        ):
            v.issue(
                row, "mentee_school_id", t("loaders.row.same_school", id=vals["tutor_school_id"])
            )
        start, end = vals.get("start_date"), vals.get("end_date")
        if start is not None and end is not None and end < start:
            v.issue(
                row,
                "end_date",
                t(
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


def _mentoring(v: _Validator, rows: list[_Row]) -> None:
    for row in rows:
        mentor = v.ref(row, "mentor_id", "Teacher")
        mentee = v.ref(row, "mentee_id", "Teacher")
        if mentor is not None and mentor == mentee:
            v.issue(row, "mentee_id", t("loaders.row.same_teacher", id=mentor.id))
            continue
        since = row.values.get("since")
        v.edge("MENTORS", mentor, mentee, since=since and since.isoformat())


def _excluded_pairs(v: _Validator, rows: list[_Row]) -> None:
    for row in rows:
        tutor = v.ref(row, "tutor_school_id", "School")
        mentee = v.ref(row, "mentee_school_id", "School")
        if tutor is not None and tutor == mentee:
            v.issue(row, "mentee_school_id", t("loaders.row.same_school", id=tutor.id))
            continue
        day = row.values.get("date")
        v.edge(
            "EXCLUDED_PAIR",
            tutor,
            mentee,
            reason=row.values.get("reason"),
            date=day and day.isoformat(),
        )


def _staffing(v: _Validator, rows: list[_Row]) -> None:
    for row in rows:
        vals = row.values
        school = v.ref(row, "school_id", "School")
        if "school_id" not in vals or "year" not in vals:
            continue
        node = v.node(row, "Staffing", {"id": staffing_id(vals["school_id"], vals["year"]), **vals})
        if node is not None and school is not None:
            v.edge("HAS_STAFFING", school, node.ref())


def _targets(v: _Validator, rows: list[_Row]) -> None:
    for row in rows:
        vals = row.values
        if "indicator" not in vals or "year" not in vals:
            continue
        rid = target_id(vals["indicator"], vals.get("municipality"), vals["year"])
        v.node(row, "Target", {"id": rid, **vals})


def _roadmap(v: _Validator, rows: list[_Row]) -> None:
    for row in rows:
        props = _fields(row, exclude=("item_id",))
        v.node(row, "RoadmapItem", {"id": row.values.get("item_id"), **props})


def _travel_times(v: _Validator, rows: list[_Row]) -> None:
    for row in rows:
        a = v.ref(row, "school_id", "School")
        b = v.ref(row, "other_school_id", "School")
        minutes = row.values.get("minutes")
        if minutes is not None and not 0 < minutes <= 24 * 60:
            v.issue(row, "minutes", t("maps.travel.minutes", value=row.text["minutes"]))
            continue
        if a is not None and a == b:
            v.issue(row, "other_school_id", t("loaders.row.same_school", id=a.id))
            continue
        mode = row.values.get("mode", TravelMode.road.value)
        v.edge(TRAVEL_EDGES[mode], a, b, minutes=minutes)


_BUILDERS: dict[str, Callable[[_Validator, list[_Row]], None]] = {
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
assert set(_BUILDERS) == set(SHEETS)


def validate_sheets(raws: Sequence[RawSheet], store: Store | None = None) -> Validated:
    """Validate raw sheets; references resolve against the import and then ``store``.

    Examples
    --------
    >>> from loaders.readers import read_bytes
    >>> data = "teacher_id,full_name,school_id\\nT1,Ива Н.,999\\n".encode()
    >>> raws = read_bytes("teachers.csv", data)
    >>> [str(i) for i in validate_sheets(raws.sheets).issues]  # doctest: +NORMALIZE_WHITESPACE
    ['teachers.csv, строка 2, столбец «school_id»: школа с кодом «999» не найдена ни в
      загружаемых данных, ни в базе']
    """
    with paused_gc():
        return _Validator(raws, store).run()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    An import makes hundreds of thousands of rows, nodes and edges, none of them in cycles;
    the collector would rescan them over and over and cost a third of the time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
