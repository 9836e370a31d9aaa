"""Import files into a store, all or nothing.

``validate_*`` reads and checks everything and returns an :class:`ImportPlan` without writing;
``import_*`` does the same and, when no problem was found, writes the whole plan in one unit of
work. With any problem it raises :class:`ImportFailed` (every issue attached) and the store is
left exactly as it was. Files come from disk (:func:`import_paths`: files or folders) or from
memory (:func:`import_uploads`: ``(file name, bytes)`` pairs, as a browser upload gives them).

A row is authoritative for the node it describes: re-importing a teacher with another school
moves its ``WORKS_AT`` edge (the old one is removed), and the same holds for a school's
municipality, a municipality's region, a curator's schools, an event's organizer and
partnership and a partnership's schools. Sheets of edges only (memberships, participation,
mentoring, excluded pairs) add edges and never remove any. Re-importing the same files
changes nothing.

Examples
--------
>>> from graph.embedded import EmbeddedStore
>>> store = EmbeddedStore(":memory:")
>>> csv = "Код ОО;Наименование;Муниципалитет\\n101;СОШ №1;Озёрский район\\n".encode()
>>> report = import_uploads([("Школы.csv", csv)], store)
>>> report.stats.added["School"], report.stats.added["Municipality"]
(1, 1)
>>> import_uploads([("Школы.csv", csv)], store).is_noop()
True
>>> bad = "Код ОО;Наименование\\n101;СОШ №1\\n".encode()
>>> try:
...     import_uploads([("Школы.csv", bad)], store)
... except ImportFailed as exc:
...     print(exc.issues[0])
Школы.csv, строка 1, столбец «municipality»: нет обязательного столбца «municipality» \
(русское название: «Муниципалитет», «Муниципальное образование», «Район», \
«Муниципальный район», «МО»)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from graph.model import Edge, Municipality, Node, NodeRef, node_from_props
from graph.records import EdgeRow, NodeRow, edge_of_row, node_of_row
from graph.store import Store, UnitOfWork, WriteStats
from labels.message import Message, render
from loaders.aliases import sheet_title_ru
from loaders.boundaries import GEOJSON_SUFFIXES, BoundaryMatch, BoundaryRead, match_boundaries
from loaders.boundaries import read_boundaries as _read_boundaries
from loaders.issues import ImportIssue, format_issues
from loaders.readers import ReadResult, read_bytes, read_paths
from loaders.sheets import SHEETS
from loaders.validate import paused_gc, validate_sheets

__all__ = [
    "EDGE_SHEET",
    "LABEL_SHEET",
    "ImportFailed",
    "ImportPlan",
    "ImportReport",
    "SheetCounts",
    "apply_plan",
    "boundary_lines",
    "boundary_messages",
    "import_paths",
    "import_uploads",
    "validate_paths",
    "validate_uploads",
]

LABEL_SHEET: dict[str, str] = {
    "Region": "schools",
    "Municipality": "schools",
    "School": "schools",
    "Result": "results",
    "Teacher": "teachers",
    "Curator": "curators",
    "Association": "associations",
    "Event": "events",
    "Partnership": "partnerships",
    "Staffing": "staffing",
    "Target": "targets",
    "RoadmapItem": "roadmap",
}
"""The sheet each node kind comes from."""

EDGE_SHEET: dict[str, str] = {
    "IN": "schools",
    "HAS_RESULT": "results",
    "WORKS_AT": "teachers",
    "CURATES": "curators",
    "MEMBER_OF": "memberships",
    "ORGANIZED": "events",
    "FOR": "events",
    "ATTENDED": "participation",
    "TUTOR_IN": "partnerships",
    "MENTEE_IN": "partnerships",
    "MENTORS": "mentoring",
    "EXCLUDED_PAIR": "excluded_pairs",
    "HAS_STAFFING": "staffing",
    "CARRIES_OUT": "events",
    "TRAVEL_ROAD": "travel_times",
    "TRAVEL_PUBLIC_TRANSPORT": "travel_times",
}
"""The sheet each edge kind comes from."""

# Edges a row owns: (which end is the row's node, its labels). When the row is imported, the
# stored edges of that kind at that end which the row no longer gives are removed.
_OWNED: dict[str, tuple[str, frozenset[str]]] = {
    "IN": ("src", frozenset({"School", "Municipality"})),
    "WORKS_AT": ("src", frozenset({"Teacher"})),
    "CURATES": ("src", frozenset({"Curator"})),
    "FOR": ("src", frozenset({"Event"})),
    "CARRIES_OUT": ("src", frozenset({"Event"})),
    "ORGANIZED": ("dst", frozenset({"Event"})),
    "TUTOR_IN": ("dst", frozenset({"Partnership"})),
    "MENTEE_IN": ("dst", frozenset({"Partnership"})),
}


class ImportFailed(Exception):
    """Raised when any problem was found: nothing was written.

    ``issues`` are the problems (file, row, column, Russian message) in file order;
    ``warnings`` are remarks that did not stop the import (e.g. unknown columns).
    """

    def __init__(self, issues: Sequence[ImportIssue], warnings: Sequence[ImportIssue] = ()):
        self.issues = list(issues)
        self.warnings = list(warnings)
        super().__init__(Message("loaders.failed", n=len(self.issues)))

    @property
    def headline(self) -> Message:
        headline: Message = self.args[0]
        return headline

    def lines(self, limit: int | None = 50) -> list[str]:
        """The headline, then one line per issue (at most ``limit``), rendered."""
        return [render(self.headline), *format_issues(self.issues, limit)]

    def __str__(self) -> str:
        return "\n".join(self.lines())


@dataclass
class ImportPlan:
    """What an import would write, and every problem found; nothing is written yet.

    The small sheets' nodes and edges are model objects, the large sheets' are rows
    (:mod:`graph.records`); :attr:`nodes` and :attr:`edges` give all of them as objects.
    """

    node_objects: list[Node] = field(default_factory=list)
    edge_objects: list[Edge] = field(default_factory=list)
    node_rows: list[NodeRow] = field(default_factory=list)
    edge_rows: list[EdgeRow] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    warnings: list[ImportIssue] = field(default_factory=list)
    rows: Counter[str] = field(default_factory=Counter)
    sources: list[str] = field(default_factory=list)
    boundaries: list[BoundaryMatch] = field(default_factory=list)
    # The plan's municipalities as stored when it was checked (None: not stored then). What the
    # plan copied from them is rebased at write time onto what is stored then (_rebase).
    checked_against: dict[str, Node | None] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def nodes(self) -> list[Node]:
        return self.node_objects + [node_of_row(r) for r in self.node_rows]

    @property
    def edges(self) -> list[Edge]:
        return self.edge_objects + [edge_of_row(r) for r in self.edge_rows]

    @property
    def is_empty(self) -> bool:
        """No data row at all (e.g. an empty template)."""
        return sum(self.rows.values()) == 0 and not any(b.geometries for b in self.boundaries)


@dataclass(frozen=True)
class SheetCounts:
    rows: int
    added: int
    changed: int
    unchanged: int


@dataclass
class ImportReport:
    """What a successful import did, per node label / edge type and per sheet."""

    stats: WriteStats
    rows: Counter[str]
    removed: Counter[str] = field(default_factory=Counter)
    warnings: list[ImportIssue] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    boundaries: list[BoundaryMatch] = field(default_factory=list)

    @property
    def nothing_to_import(self) -> bool:
        return sum(self.rows.values()) == 0 and not any(b.geometries for b in self.boundaries)

    def is_noop(self) -> bool:
        return self.stats.is_noop() and not self.removed

    def by_sheet(self) -> dict[str, SheetCounts]:
        """Rows read and nodes + edges added / changed / unchanged, per sheet with rows."""
        out: dict[str, SheetCounts] = {}
        for sheet in SHEETS:
            kinds = [k for k, s in (LABEL_SHEET | EDGE_SHEET).items() if s == sheet]
            counts = [sum(getattr(self.stats, c)[k] for k in kinds) for c in _COUNTERS]
            if self.rows[sheet] or any(counts):
                out[sheet] = SheetCounts(self.rows[sheet], *counts)
        return out

    def lines(self) -> list[str]:
        """The summary for the command line and the app, rendered (see :meth:`messages`)."""
        return [render(m) for m in self.messages()]

    def messages(self) -> list[Message]:
        """A short summary as codes: rows per sheet, boundaries, removed edges, warnings."""
        if self.nothing_to_import:
            return [Message("loaders.nothing")]
        lines = [Message("loaders.report.head", rows=sum(self.rows.values()))]
        for sheet, c in self.by_sheet().items():
            name = f"{sheet_title_ru(sheet)} ({sheet})"
            lines.append(
                Message(
                    "loaders.report.sheet",
                    sheet=name,
                    rows=c.rows,
                    added=c.added,
                    changed=c.changed,
                    unchanged=c.unchanged,
                )
            )
        for match in self.boundaries:
            lines += boundary_messages(match)
        if self.removed:
            lines.append(Message("loaders.report.removed", n=sum(self.removed.values())))
        if self.is_noop():
            lines.append(Message("loaders.report.noop"))
        if self.warnings:
            lines.append(Message("loaders.report.warnings", n=len(self.warnings)))
            lines += [Message("loaders.issue", issue=w) for w in self.warnings[:20]]
            if len(self.warnings) > 20:
                lines.append(Message("loaders.more_issues", n=len(self.warnings) - 20))
        return lines


_COUNTERS = ("added", "changed", "unchanged")


_OWNER_LABELS = frozenset().union(*(labels for _, labels in _OWNED.values()))


def _stale_edges(read: Callable[[str], Sequence[Edge]], plan: ImportPlan) -> list[Edge]:
    """The stored edges the imported rows own and no longer give (``read``: edges of a type)."""
    refs = {n.ref() for n in plan.node_objects if n.label in _OWNER_LABELS}
    refs |= {NodeRef(r[0], r[1]) for r in plan.node_rows if r[0] in _OWNER_LABELS}
    new_keys: set[tuple[str, ...]] | None = None
    stale: list[Edge] = []
    for etype, (end, labels) in _OWNED.items():
        owners: set[NodeRef] = {r for r in refs if r.label in labels}
        if not owners:
            continue
        if new_keys is None:
            new_keys = {e.key() for e in plan.edge_objects if e.type in _OWNED}
            new_keys |= {r[:5] for r in plan.edge_rows if r[0] in _OWNED}
        for e in read(etype):
            owner = e.src if end == "src" else e.dst
            if owner in owners and e.key() not in new_keys:
                stale.append(e)
    return stale


def boundary_lines(match: BoundaryMatch) -> list[str]:
    """:func:`boundary_messages` rendered."""
    return [render(m) for m in boundary_messages(match)]


def boundary_messages(match: BoundaryMatch) -> list[Message]:
    """What a boundary file gave: matched, unmatched features, municipalities left without."""
    lines = [
        Message("maps.boundary.report", n=len(match.geometries), field=match.name_field or "—")
    ]
    if match.unmatched:
        names = ", ".join(f"«{render(n)}»" for n in match.unmatched[:20])
        lines.append(Message("maps.boundary.report_unmatched", n=len(match.unmatched), names=names))
    if match.without_boundary:
        names = ", ".join(f"«{n}»" for n in match.without_boundary[:20])
        lines.append(
            Message("maps.boundary.report_without", n=len(match.without_boundary), names=names)
        )
    return lines


def _add_boundaries(plan: ImportPlan, geo: Sequence[BoundaryRead], store: Store) -> None:
    """Match boundary files to the municipalities of the store and of this import."""
    in_plan = {n.id: i for i, n in enumerate(plan.node_objects) if n.label == "Municipality"}
    known = set(in_plan) | {n.id for n in store.iter_nodes("Municipality")}
    added: set[str] = set()
    for read in geo:
        plan.issues += read.issues
        if read.issues:
            continue
        match = match_boundaries(read, known)
        plan.boundaries.append(match)
        plan.warnings += match.warnings
        for muni, text in match.geometries.items():
            if muni in in_plan:
                node = plan.node_objects[in_plan[muni]]
                plan.node_objects[in_plan[muni]] = node.model_copy(update={"boundary": text})
                continue
            stored = store.get_node("Municipality", muni)
            base = stored if stored is not None else Municipality(id=muni, name=muni)
            in_plan[muni] = len(plan.node_objects)
            plan.node_objects.append(base.model_copy(update={"boundary": text}))
            added.add(muni)
    if added:
        # A boundary changes nothing else: the municipality keeps its region (its IN edge).
        plan.edge_objects += [
            e for e in store.iter_edges("IN") if e.src.label == "Municipality" and e.src.id in added
        ]


# How often a check is repeated when the store changed while it ran (see _plan).
_CHECKS = 3


def _plan(
    reader: Callable[[], ReadResult],
    store: Store,
    sources: list[str],
    geo: Sequence[BoundaryRead] = (),
) -> ImportPlan:
    """Check the sheets against the store; the plan remembers the municipalities it saw.

    The check copies stored municipalities (their region, their outline) into the plan. To
    know exactly what it copied, the store must not change while it runs: when another write
    committed meanwhile, the check is repeated (at most ``_CHECKS`` times in all). ``reader``
    reads the files; each check reads them anew, as the check consumes the rows it reads.
    """
    for _ in range(_CHECKS):
        version = store.data_version()
        read = reader()
        checked = validate_sheets(read.sheets, store, consume=True)
        plan = ImportPlan(
            node_objects=checked.nodes,
            edge_objects=checked.edges,
            node_rows=checked.node_rows,
            edge_rows=checked.edge_rows,
            issues=read.issues + checked.issues,
            warnings=checked.warnings,
            rows=checked.rows,
            sources=sources,
        )
        if geo:
            _add_boundaries(plan, geo, store)
        munis = {n.id for n in plan.node_objects if n.label == "Municipality"}
        munis |= {r[1] for r in plan.node_rows if r[0] == "Municipality"}
        plan.checked_against = {m: store.get_node("Municipality", m) for m in sorted(munis)}
        if store.data_version() == version:
            break
    return plan


def _merged(base: Node, ours: Node, theirs: Node) -> Node:
    """``theirs`` with the properties ``ours`` changed from ``base`` (a three-way merge)."""
    b, o, t = base.props(), ours.props(), theirs.props()
    props = {k: o.get(k) if o.get(k) != b.get(k) else t.get(k) for k in o.keys() | t.keys()}
    return node_from_props(ours.label, ours.id, {k: v for k, v in props.items() if v is not None})


def _rebase(uow: UnitOfWork, plan: ImportPlan) -> ImportPlan:
    """The plan with its municipalities rebased onto what is stored now.

    Run inside the write transaction (writers are serialised there): a municipality the plan
    copied at check time keeps what another import wrote to it since (its region, its outline),
    and gets only what this import changes, as if this import had been checked after that one.
    """
    if not plan.checked_against:
        return plan
    now = {n.id: n for n in uow.nodes_of_label("Municipality")}
    nodes = list(plan.node_objects)
    moved: dict[str, str | None] = {}
    for i, node in enumerate(nodes):
        current = now.get(node.id) if node.label == "Municipality" else None
        if current is None or node.id not in plan.checked_against:
            continue
        base = plan.checked_against[node.id] or Municipality(id=node.id, name=node.id)
        if current == base:
            continue
        nodes[i] = _merged(base, node, current)
        region = getattr(nodes[i], "region", None)
        if region != getattr(node, "region", None):
            moved[node.id] = region
    if not moved:
        return replace(plan, node_objects=nodes)
    edges = [
        e
        for e in plan.edge_objects
        if not (e.type == "IN" and e.src.label == "Municipality" and e.src.id in moved)
    ]
    edges += [
        Edge(type="IN", src=NodeRef("Municipality", m), dst=NodeRef("Region", r))
        for m, r in moved.items()
        if r is not None
    ]
    rows = [
        r for r in plan.edge_rows if not (r[0] == "IN" and r[1] == "Municipality" and r[2] in moved)
    ]
    return replace(plan, node_objects=nodes, edge_objects=edges, edge_rows=rows)


def _is_geojson(path: Path) -> bool:
    return path.suffix.lower() in GEOJSON_SUFFIXES


def _split_paths(paths: Sequence[str | Path]) -> tuple[list[str | Path], list[Path]]:
    """Tables for the readers, and the boundary files (given, or inside a given folder)."""
    tables: list[str | Path] = []
    geo: list[Path] = []
    for given in paths:
        path = Path(given)
        children = sorted(path.iterdir()) if path.is_dir() else []
        if any(_is_geojson(c) and c.is_file() for c in children):
            for child in children:
                if child.name.startswith((".", "~$")) or not child.is_file():
                    continue
                (geo if _is_geojson(child) else tables).append(child)
        elif _is_geojson(path) and path.is_file():
            geo.append(path)
        else:
            tables.append(given)
    return tables, geo


def _read_geo(path: Path) -> BoundaryRead:
    try:
        return _read_boundaries(str(path), path.read_bytes())
    except OSError as exc:
        out = BoundaryRead(file=str(path))
        out.issue(Message("loaders.file.unreadable", error=str(exc)))
        return out


def apply_plan(plan: ImportPlan, store: Store, *, batched: bool = False) -> ImportReport:
    """Write a validated plan in one unit of work; raise :class:`ImportFailed` if it has issues.

    The edges the rows no longer give are found inside the write transaction, so two imports
    at the same moment behave as one after the other (and report what each really removed).
    An empty plan writes nothing and reports ``nothing_to_import``. ``batched`` writes through
    :meth:`graph.store.Store.write_batched` instead (country-sized loads on Neo4j: committed
    batches, idempotent, completed by a rerun); the plan is still validated in full first.

    Every import holds the store's import lock (:meth:`graph.store.Store.import_lock`) from
    its first transaction to its last, so a batched import is one import to the others too:
    they wait for it and see all of it. Readers and other writes (accepting a pair, users) are
    not held up, and see a batched import's batches as they commit.
    """
    if not plan.ok:
        raise ImportFailed(plan.issues, plan.warnings)
    report = ImportReport(
        stats=WriteStats(),
        rows=plan.rows,
        warnings=plan.warnings,
        sources=plan.sources,
        boundaries=plan.boundaries,
    )
    if plan.is_empty:
        return report
    # Where write_batched is one transaction anyway, a batched import is an ordinary one.
    in_batches = batched and store.batches_commit
    # One transaction needs the lock only to wait for a batched import to end: the writers'
    # lock keeps it apart from the batches of one that starts meanwhile. It must not write the
    # lock: inside an audited change it commits after the lock is given back.
    with store.import_lock() as lock:
        with store.unit_of_work() as uow:
            if in_batches:
                uow.hold(lock)  # the first of its transactions: checked and renewed in each
            plan = _rebase(uow, plan)
            if not in_batches:
                uow.upsert_nodes(plan.node_objects)
                uow.upsert_node_rows(plan.node_rows)
            stale = _stale_edges(uow.edges_of_type, plan)
            if stale:
                uow.delete_edges(stale)
            if not in_batches:
                uow.upsert_edges(plan.edge_objects)
                uow.upsert_edge_rows(plan.edge_rows)
            uow.commit()
            report.stats = uow.stats
        if in_batches:
            report.stats = store.write_batched(plan.nodes, plan.edges, lock=lock)
    report.removed = Counter(e.type for e in stale)
    return report


def validate_paths(paths: Sequence[str | Path], store: Store) -> ImportPlan:
    """Read and check files and folders; nothing is written."""
    tables, geo = _split_paths(paths)
    with paused_gc():
        reads = [_read_geo(p) for p in geo]
        return _plan(lambda: read_paths(tables), store, [str(p) for p in paths], reads)


def import_paths(
    paths: Sequence[str | Path], store: Store, *, batched: bool = False
) -> ImportReport:
    """Import files and folders all or nothing; raises :class:`ImportFailed` on any problem.

    ``batched``: see :func:`apply_plan`.
    """
    return apply_plan(validate_paths(paths, store), store, batched=batched)


def validate_uploads(uploads: Sequence[tuple[str, bytes]], store: Store) -> ImportPlan:
    """Read and check in-memory files given as ``(file name, content)``; nothing is written."""

    def reader() -> ReadResult:
        read = ReadResult()
        for name, data in uploads:
            if not _is_geojson(Path(name)):
                read.extend(read_bytes(name, data))
        return read

    with paused_gc():
        geo = [_read_boundaries(name, data) for name, data in uploads if _is_geojson(Path(name))]
        return _plan(reader, store, [name for name, _ in uploads], geo)


def import_uploads(uploads: Sequence[tuple[str, bytes]], store: Store) -> ImportReport:
    """Import in-memory files all or nothing; raises :class:`ImportFailed` on any problem."""
    return apply_plan(validate_uploads(uploads, store), store)
