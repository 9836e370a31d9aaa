"""Raw sheets → typed nodes and edges, with every problem collected as an ImportIssue.

Validation runs in passes over all sheets at once:

1. headers resolve to columns and every cell is checked as text and parsed by column type
   (:mod:`loaders.rows`, with the rules of :mod:`loaders.limits` and :mod:`loaders.cells`);
2. duplicate keys are found across every file of a sheet and the ids the import declares are
   gathered (:class:`loaders.known.KnownIds`);
3. each row becomes a node, checked by its pydantic model, and its edges, whose other ends must
   exist in the import or already in the store (:mod:`loaders.builders`).

Nothing stops at the first problem.
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from graph.model import NODE_MODELS, Edge, ModelValueError, Node, NodeRef, partnership_id
from graph.records import EdgeRow, NodeRow
from graph.store import Store
from labels.input_words import ASSESSMENTS
from labels.message import Message
from loaders.builders import BUILDERS
from loaders.bulk_builders import BULK_BUILDERS, BulkOut
from loaders.cells import shown
from loaders.column_pass import ColumnTable, IssueKey, column_table
from loaders.issues import ImportIssue
from loaders.known import KnownIds
from loaders.readers import RawSheet
from loaders.rows import Row, parse_rows, resolve_columns
from loaders.sheets import SHEETS

__all__ = [
    "Validated",
    "Validator",
    "paused_gc",
    "validate_sheets",
]


@dataclass
class Validated:
    """The outcome of validation: what would be written, and every problem found."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    node_rows: list[NodeRow] = field(default_factory=list)  # the bulk sheets' nodes, as rows
    edge_rows: list[EdgeRow] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    warnings: list[ImportIssue] = field(default_factory=list)
    rows: Counter[str] = field(default_factory=Counter)


class Validator:
    """The state of one validation: every pass reads and extends it."""

    def __init__(self, raws: Sequence[RawSheet], store: Store | None) -> None:
        self.store = store
        self.out = Validated()
        self.known = KnownIds(store)
        self._edge_kinds: set[tuple[str, str, str]] = set()
        self.order = {(r.file, r.tab): i for i, r in enumerate(raws)}
        out = self.out
        self.sheets = [resolve_columns(raw, out.issues, out.warnings) for raw in raws]
        self.rows: dict[str, list[Row]] = {name: [] for name in SHEETS}
        for sheet in self.sheets:
            parsed = parse_rows(sheet, self.issue)
            out.rows[sheet.spec.name] += len(parsed)
            self.rows[sheet.spec.name] += parsed

    # --- reporting ------------------------------------------------------------------------------
    def issue(self, row: Row, column: str | None, message: Message) -> None:
        header = row.sheet.header(column) if column is not None else None
        self.out.issues.append(row.sheet.raw.issue(row.number, header, message))
        if column is not None:
            row.bad.add(column)

    # --- pass 2: keys, duplicates, declared ids -------------------------------------------------
    def _key(self, row: Row) -> tuple[Any, ...] | None:
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
            seen: dict[tuple[Any, ...], Row] = {}
            for row in rows:
                key = self._key(row)
                if key is None:
                    continue
                first = seen.setdefault(key, row)
                if first is row:
                    continue
                where = row.sheet.where(first.number, first.sheet)
                if spec.id_column is not None:
                    msg = Message("loaders.row.duplicate_id", id=key[0], where=where)
                    self.issue(row, spec.id_column, msg)
                else:
                    listed = ", ".join(str(v) for v in key if v is not None)
                    self.issue(
                        row, None, Message("loaders.row.duplicate_key", key=listed, where=where)
                    )
                row.dropped = True
            if spec.label is not None and spec.id_column is not None:
                for key in seen:
                    self.known.declare(spec.label, str(key[0]))

    # --- pass 3: nodes, references, edges -------------------------------------------------------
    def ref(self, row: Row, column: str, label: str, id: str | None = None) -> NodeRef | None:
        """The node a cell refers to, or None (reported) when it exists nowhere."""
        value = id if id is not None else row.values.get(column)
        if value is None or (column in row.bad and id is None):
            return None
        if not self.known.has(label, value):
            self.out.issues.append(
                row.sheet.raw.issue(
                    row.number, row.sheet.header(column), Message(f"loaders.ref.{label}", id=value)
                )
            )
            return None
        return NodeRef(label, value)

    def node(self, row: Row, label: str, props: dict[str, Any]) -> Node | None:
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
            build = BUILDERS[name]
            live = [r for r in rows if not r.dropped]
            build(self, live)
        self.out.issues.sort(key=self._position)
        self.out.edges = list({e.key(): e for e in self.out.edges}.values())
        return self.out

    def _position(self, issue: ImportIssue) -> tuple[int, int]:
        return (self.order.get((issue.file, issue.sheet), -1), issue.row or 0)


def _assessment(value: str) -> str:
    upper = value.upper()
    return upper if upper in ASSESSMENTS else value


def _limit(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _model_message(err: Any, text: str) -> Message:
    kind, ctx = err["type"], err.get("ctx") or {}
    text = shown(text)
    if kind in ("greater_than_equal", "greater_than"):
        return Message("loaders.value.min", limit=_limit(ctx.get("ge", ctx.get("gt"))), value=text)
    if kind in ("less_than_equal", "less_than"):
        return Message("loaders.value.max", limit=_limit(ctx.get("le", ctx.get("lt"))), value=text)
    if kind == "missing":
        return Message("loaders.value.required")
    if kind == "value_error" and isinstance(ctx.get("error"), ModelValueError):
        error = ctx["error"]
        return Message(f"model.{error.code}", **error.params)
    return Message("loaders.value.invalid", value=text)


def validate_sheets(
    raws: Sequence[RawSheet],
    store: Store | None = None,
    *,
    columns: bool | None = None,
    consume: bool = False,
) -> Validated:
    """Validate raw sheets; references resolve against the import and then ``store``.

    ``columns`` (default: on unless ``SCHOOLNET_IMPORT_PATH=rows``) checks the large sheets
    over whole columns (:mod:`loaders.column_pass`, :mod:`loaders.bulk_builders`); off, every
    row is checked on its own and becomes a model object (the old path, kept to compare).
    ``consume`` lets the column path empty the large sheets' raw rows as it goes (memory);
    the caller must not use ``raws`` again.

    Examples
    --------
    >>> from loaders.readers import read_bytes
    >>> data = "teacher_id,full_name,school_id\\nT1,Ива Н.,999\\n".encode()
    >>> raws = read_bytes("teachers.csv", data)
    >>> [str(i) for i in validate_sheets(raws.sheets).issues]  # doctest: +NORMALIZE_WHITESPACE
    ['teachers.csv, строка 2, столбец «school_id»: школа с кодом «999» не найдена ни в
      загружаемых данных, ни в базе']
    """
    if columns is None:
        columns = os.environ.get("SCHOOLNET_IMPORT_PATH", "").strip().lower() != "rows"
    with paused_gc():
        if not columns:
            return Validator(raws, store).run()
        return _validate_columns(raws, store, consume)


def _validate_columns(raws: Sequence[RawSheet], store: Store | None, consume: bool) -> Validated:
    """The row path for the small sheets, the column path for the large ones; one outcome."""
    order = {(r.file, r.tab): i for i, r in enumerate(raws)}
    v = Validator([r for r in raws if r.sheet not in BULK_BUILDERS], store)
    v.order = order
    keyed: list[tuple[IssueKey, ImportIssue]] = [((1, 0, k), i) for k, i in enumerate(v.out.issues)]
    tables: dict[str, ColumnTable] = {}
    for name in BULK_BUILDERS:
        given = [r for r in raws if r.sheet == name]
        if not given:
            continue
        header: list[ImportIssue] = []
        tables[name] = table = column_table(name, given, header, consume=consume)
        keyed += [((0, 0, k), i) for k, i in enumerate(header)]
        v.out.warnings += table.warnings
        v.out.rows[name] += len(table)
        label = SHEETS[name].label
        if label is not None:
            for id in table.declared:
                v.known.declare(label, id)
    start = len(v.out.issues)
    v._duplicates()
    keyed += [((2, 0, k), i) for k, i in enumerate(v.out.issues[start:])]
    start = len(v.out.issues)
    bulk = BulkOut(v.known)
    for name, rows in v.rows.items():
        if name in tables:
            BULK_BUILDERS[name](bulk, tables[name])
        else:
            BUILDERS[name](v, [r for r in rows if not r.dropped])
    keyed += [((3, 0, k), i) for k, i in enumerate(v.out.issues[start:])]
    for table in tables.values():
        keyed += table.issues
    out = v.out
    out.issues = [i for _, i in sorted(keyed, key=lambda p: (v._position(p[1]), p[0]))]
    out.warnings.sort(key=lambda w: order.get((w.file, w.sheet), -1))
    out.edges = list({e.key(): e for e in out.edges}.values())
    out.node_rows = bulk.nodes
    out.edge_rows = list({e[:5]: e for e in bulk.edges}.values())
    return out


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
