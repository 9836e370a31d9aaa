"""Write the store out: canonical JSON, GraphML, and the import workbook (XLSX or CSV).

The JSON export is canonical: nodes sorted by (label, id), edges by (type, source, target),
object keys sorted, no timestamps, so the same graph always gives the same bytes. The XLSX
export is the import workbook itself (one sheet per import sheet, English headers), so
export → import into an empty store → export gives the same JSON.

What the import format cannot say is not exported: ``Region`` and ``Municipality`` nodes are
rebuilt from the schools sheet (ids are their names), an event's ``ORGANIZED`` and ``FOR``
edges from its ``organizer_id`` and ``partnership_id``, and a curator's ``CURATES`` edges share
one ``since`` date (the earliest, when they differ).

Examples
--------
>>> from graph.embedded import EmbeddedStore
>>> from graph.model import School
>>> store = EmbeddedStore(":memory:")
>>> _ = store.write([School(id="101", name="СОШ №1", municipality="Озёрск")])
>>> lines = export_json(store).decode().splitlines()
>>> lines[0], lines[2][:29]
('{"format":"schoolnet-graph","version":1,', '{"id":"101","label":"School",')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from graph.model import TRAVEL_EDGES, Edge
from graph.store import Store
from labels.message import Message, render
from loaders.boundaries import boundaries_geojson
from loaders.sheets import SHEETS
from loaders.writers import append_row, csv_bytes, csv_cell

__all__ = [
    "ExportError",
    "export_boundaries",
    "export_csv",
    "export_graphml",
    "export_json",
    "export_tables",
    "export_xlsx",
]

FORMAT = "schoolnet-graph"
EXCEL_MAX_CHARS = 32_767  # openpyxl would silently cut a longer text
VERSION = 1


class ExportError(Exception):
    """The graph cannot be written in the asked format: ``text`` says why (a code)."""

    def __init__(self, text: Message) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return render(self.text)


def _dumps(obj: Any) -> str:
    """Compact JSON with sorted keys and unescaped UTF-8 (orjson: the same bytes every run)."""
    return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS).decode("utf-8")


def export_json(store: Store) -> bytes:
    """The whole graph as canonical JSON (UTF-8), one node or edge per line."""
    nodes = sorted(store.iter_nodes(), key=lambda n: (n.label, n.id))
    edges = sorted(store.iter_edges(), key=lambda e: e.key())
    node_lines = [_dumps({"label": n.label, "id": n.id, "props": n.props()}) for n in nodes]
    edge_lines = [
        _dumps({"type": e.type, "src": list(e.src), "dst": list(e.dst), "props": e.props})
        for e in edges
    ]
    text = (
        f'{{"format":"{FORMAT}","version":{VERSION},\n"nodes":[\n'
        + ",\n".join(node_lines)
        + '\n],\n"edges":[\n'
        + ",\n".join(edge_lines)
        + "\n]}\n"
    )
    return text.encode("utf-8")


def export_boundaries(store: Store) -> bytes | None:
    """Municipality boundaries as GeoJSON (re-importable), or None when there is none."""
    rows = [
        (n.id, getattr(n, "region", None), getattr(n, "boundary", ""))
        for n in store.iter_nodes("Municipality")
        if getattr(n, "boundary", None)
    ]
    return boundaries_geojson(rows) if rows else None


# --- GraphML ------------------------------------------------------------------------------------
def _graphml_value(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return _dumps(value)
    return value


def _graphml_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: _graphml_value(v) for k, v in sorted(attrs.items()) if v is not None}


def export_graphml(store: Store, path: str | Path) -> None:
    """The graph as GraphML (lists joined with «;»), for Gephi, yEd or networkx."""
    g = store.to_networkx()
    import networkx as nx  # heavy: imported when a graph file is written

    out = nx.MultiDiGraph()
    for node in sorted(g.nodes):
        out.add_node(node, **_graphml_attrs(g.nodes[node]))
    for u, v, k, attrs in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3]):
        out.add_edge(u, v, key=k, **_graphml_attrs(attrs))
    nx.write_graphml(out, str(path))


# --- the import workbook ------------------------------------------------------------------------
Row = dict[str, Any]


def _node_rows(store: Store, label: str, id_column: str | None) -> list[Row]:
    rows = []
    for node in store.iter_nodes(label):
        row: Row = dict(node.props())
        if id_column is not None:
            row[id_column] = node.id
        rows.append(row)
    return sorted(rows, key=lambda r: str(r.get(id_column or "", "")))


def _props_rows(store: Store, label: str) -> list[Row]:
    """Rows of a sheet whose node id is derived from its columns (results, staffing, targets)."""
    return [dict(n.props()) for n in sorted(store.iter_nodes(label), key=lambda n: n.id)]


def _curators(store: Store) -> list[Row]:
    by_curator: dict[str, list[Edge]] = defaultdict(list)
    for e in store.iter_edges("CURATES"):
        by_curator[e.src.id].append(e)
    rows = _node_rows(store, "Curator", "curator_id")
    for row in rows:
        edges = by_curator.get(row["curator_id"], [])
        row["schools"] = sorted(e.dst.id for e in edges)
        since = sorted(str(e.props["since"]) for e in edges if e.props.get("since"))
        if since:
            row["since"] = since[0]
    return rows


def _edge_rows(store: Store, etype: str, src: str, dst: str, props: tuple[str, ...]) -> list[Row]:
    rows = []
    for e in sorted(store.iter_edges(etype), key=lambda e: e.key()):
        row: Row = {src: e.src.id, dst: e.dst.id}
        row.update({p: e.props[p] for p in props if e.props.get(p) is not None})
        rows.append(row)
    return rows


def _travel_rows(store: Store) -> list[Row]:
    rows: list[Row] = []
    for mode, etype in TRAVEL_EDGES.items():
        for row in _edge_rows(store, etype, "school_id", "other_school_id", ("minutes",)):
            rows.append({**row, "mode": mode})
    return rows


def export_tables(store: Store) -> dict[str, list[Row]]:
    """Every import sheet as rows of typed values keyed by English column name."""
    return {
        "schools": _node_rows(store, "School", "school_id"),
        "results": _props_rows(store, "Result"),
        "teachers": _node_rows(store, "Teacher", "teacher_id"),
        "curators": _curators(store),
        "associations": _node_rows(store, "Association", "association_id"),
        "memberships": _edge_rows(store, "MEMBER_OF", "teacher_id", "association_id", ()),
        "events": _node_rows(store, "Event", "event_id"),
        "participation": _edge_rows(store, "ATTENDED", "teacher_id", "event_id", ("role",)),
        "partnerships": _node_rows(store, "Partnership", "partnership_id"),
        "mentoring": _edge_rows(store, "MENTORS", "mentor_id", "mentee_id", ("since",)),
        "excluded_pairs": _edge_rows(
            store, "EXCLUDED_PAIR", "tutor_school_id", "mentee_school_id", ("reason", "date")
        ),
        "staffing": _props_rows(store, "Staffing"),
        "targets": _props_rows(store, "Target"),
        "roadmap": _node_rows(store, "RoadmapItem", "item_id"),
        "travel_times": _travel_rows(store),
    }


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _csv_value(value: Any) -> str:
    """Texts (and lists of texts) stay texts in the CSV: escaped by the safe writer."""
    text = _text(value)
    return csv_cell(text) if isinstance(value, str | list) else text


def _cells(sheet: str, rows: list[Row]) -> Iterator[list[Any]]:
    columns = SHEETS[sheet].column_names
    for row in rows:
        yield [row.get(c) for c in columns]


# Excel keeps 15–16 significant digits; a number that does not survive that goes as text.
def _excel_value(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return value if abs(value) < 10**15 else str(value)
    if isinstance(value, float):
        return value if float(f"{value:.15g}") == value else repr(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _excel_rows(tables: dict[str, list[Row]]) -> dict[str, list[list[Any]]]:
    """Cell values per sheet, checked before anything is written."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    out: dict[str, list[list[Any]]] = {}
    for sheet, rows in tables.items():
        out[sheet] = cells = []
        for row in _cells(sheet, rows):
            values = [_excel_value(v) for v in row]
            for value in values:
                if not isinstance(value, str):
                    continue
                if len(value) > EXCEL_MAX_CHARS:
                    raise ExportError(
                        Message(
                            "loaders.export.too_long", value=value[:40], sheet=sheet, n=len(value)
                        )
                    )
                if ILLEGAL_CHARACTERS_RE.search(value):
                    raise ExportError(
                        Message("loaders.export.bad_char", value=repr(value)[:80], sheet=sheet)
                    )
            cells.append(values)
    return out


def export_xlsx(store: Store, path: str | Path) -> None:
    """The import workbook: a sheet per import sheet, English headers, one row per record.

    Text is written as text (a value starting with «=» never becomes a formula). A text Excel
    cannot hold (over 32,767 characters, or with control characters) raises
    :class:`ExportError` before anything is written: export to JSON or CSV instead.
    """
    from openpyxl import Workbook

    sheets = _excel_rows(export_tables(store))
    book = Workbook(write_only=True)
    for sheet, rows in sheets.items():
        ws = book.create_sheet(sheet)
        append_row(ws, SHEETS[sheet].column_names)
        for values in rows:
            append_row(ws, values)
    book.save(str(path))


def export_csv(store: Store, out_dir: str | Path) -> list[Path]:
    """The import files as CSV (UTF-8, comma), one per sheet, into ``out_dir``."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet, rows in export_tables(store).items():
        cells = ([_csv_value(v) for v in row] for row in _cells(sheet, rows))
        path = folder / f"{sheet}.csv"
        path.write_bytes(csv_bytes([SHEETS[sheet].column_names, *cells], escaped=True))
        written.append(path)
    geo = export_boundaries(store)
    if geo is not None:
        path = folder / "municipalities.geojson"
        path.write_bytes(geo)
        written.append(path)
    return written
