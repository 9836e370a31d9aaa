"""Import files for ``neo4j-admin database import full``: a first load of a country, the Neo4j way.

``neo4j-admin database import full`` builds a new database straight from CSV files, without
transactions: the tool Neo4j ships for initial loads (millions of nodes in minutes). This module
writes those files from validated nodes and edges, in the shape :mod:`graph.neo4j_store` reads:

- one node file per label, ``<Label>.csv``, with the header ``id:ID(<Label>)`` (an id space per
  label, as ids are unique per label only) and every property with its Neo4j type (``long``,
  ``double``, ``boolean``, ``string``, ``string[]``), the type the model declares
  (:data:`graph.model.NODE_MODELS` fields, :data:`graph.model.EDGE_PROPERTIES`), never one
  guessed from the values: a float property whose values happen to be whole stays ``double``;
- one relationship file per type and end labels, ``<TYPE>__<Src>__<Dst>.csv``, with
  ``:START_ID(<Src>)``, ``:END_ID(<Dst>)`` and the edge properties.

The label and the type are given by the arguments (``--nodes=<Label>=<file>``,
``--relationships=<TYPE>=<file>``), not repeated on every line.

The files are written in bulk: the validated rows (:mod:`graph.records`, the properties as
canonical JSON) are parsed into typed columns by Arrow's JSON reader and written by Arrow's CSV
writer, with no Python object per row. Strings are always quoted and a missing value is an
empty unquoted field, so the tool stores no property for it (as the store does for ``None``);
lists are joined with ``;``, which the import format already forbids inside a list item. A
file with a line break inside a value is named in ``--multiline-fields`` (the tool reads the
other files in parallel chunks). The files are the tool's input, never opened by a person, so
text is written as it is (no spreadsheet formula escape, unlike :mod:`loaders.writers`).

``AdminImport.arguments()`` gives the command's arguments; the database must be stopped (or
not yet exist) while it runs, and the store creates its constraints and indexes, the empty
lists and the data-version counter when it next connects.

Examples
--------
>>> from graph.model import School
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     job = write_admin_import([School(id="1", name="СОШ", municipality="М")], [], tmp)
...     header, row = Path(job.node_files["School"]).read_text(encoding="utf-8").split()
>>> header.split(",")[:4]
['id:ID(School)', 'municipality:string', 'name:string', 'official_low_results:boolean']
>>> row
'"1","М","СОШ",false,false,false'
"""

from __future__ import annotations

import datetime as dt
import io
import types
import typing
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.json as pa_json

from graph.model import EDGE_PROPERTIES, NODE_MODELS, Edge, Node
from graph.records import EdgeRow, NodeRow, edge_row, node_row

__all__ = [
    "ARRAY_DELIMITER",
    "AdminImport",
    "declared_types",
    "import_options",
    "write_admin_import",
]

ARRAY_DELIMITER = ";"

_ARROW = {
    "long": pa.int64(),
    "double": pa.float64(),
    "boolean": pa.bool_(),
    "string": pa.string(),
    "string[]": pa.list_(pa.string()),
}
_WRITE = pa_csv.WriteOptions(include_header=False, quoting_style="needed")


@dataclass
class AdminImport:
    """The files written, the counts in them, and the files with a line break in a value."""

    directory: Path
    node_files: dict[str, Path] = field(default_factory=dict)
    relationship_files: dict[tuple[str, str, str], Path] = field(default_factory=dict)
    nodes: int = 0
    relationships: int = 0
    multiline: set[Path] = field(default_factory=set)

    def file_arguments(self) -> list[str]:
        """``--nodes=<Label>=<file>`` and ``--relationships=<TYPE>=<file>``, in a stable order."""
        args = [f"--nodes={label}={path}" for label, path in sorted(self.node_files.items())]
        args += [
            f"--relationships={shape[0]}={path}"
            for shape, path in sorted(self.relationship_files.items())
        ]
        return args

    def arguments(self, database: str = "neo4j") -> list[str]:
        """``neo4j-admin`` arguments after the command name (``database import full``)."""
        return [*import_options(database, sorted(map(str, self.multiline))), *self.file_arguments()]


def import_options(database: str, multiline: Sequence[str]) -> list[str]:
    """The options of ``neo4j-admin database import full`` for these files (no file names).

    ``multiline``: the files with a line break inside a value; only they are read as such
    (``--multiline-fields-format=v2``), the others in parallel chunks.
    """
    args = [
        "database",
        "import",
        "full",
        database,
        "--overwrite-destination=true",
        f"--array-delimiter={ARRAY_DELIMITER}",
        "--skip-duplicate-nodes=false",
        "--skip-bad-relationships=false",
    ]
    if multiline:
        args += ["--multiline-fields-format=v2", "--multiline-fields=" + ",".join(multiline)]
    else:
        args.append("--multiline-fields=false")
    return args


def _declared_kind(annotation: Any) -> str | None:
    """The Neo4j type of a model field's annotation (``float | None`` → ``double``)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _declared_kind(args[0]) if len(args) == 1 else None
    if typing.get_origin(annotation) is list:
        return "string[]"
    if not isinstance(annotation, type):
        return None
    if issubclass(annotation, bool):
        return "boolean"
    if issubclass(annotation, Enum | str | dt.date):
        return "string"  # enums by value, dates as ISO text: what Node.props() gives
    if issubclass(annotation, int):
        return "long"
    if issubclass(annotation, float):
        return "double"
    return None


def declared_types(label_or_type: str) -> dict[str, str]:
    """The Neo4j type of every property a node label or an edge type declares.

    >>> declared_types("School")["lat"], declared_types("School")["students"]
    ('double', 'long')
    >>> declared_types("TRAVEL_ROAD")
    {'minutes': 'double'}
    """
    model = NODE_MODELS.get(label_or_type)
    if model is not None:
        fields = {k: f.annotation for k, f in model.model_fields.items() if k != "id"}
    else:
        fields = dict(EDGE_PROPERTIES.get(label_or_type, {}))
    out = {k: _declared_kind(a) for k, a in fields.items()}
    return {k: v for k, v in out.items() if v is not None}


def _neo4j_type(values: Iterable[Any]) -> str:
    """The type of an undeclared property, from its values (none exist in the model today)."""
    kinds = {type(v) for v in values if v is not None}
    if not kinds:
        return "string"
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "long"
    if kinds <= {int, float}:
        return "double"
    if kinds == {list}:
        return "string[]"
    return "string"


def _undeclared(props: Sequence[str], declared: dict[str, str]) -> dict[str, str]:
    """The Neo4j types of the properties the model does not declare (from their values)."""
    values: dict[str, list[Any]] = defaultdict(list)
    for text in props:
        for key, value in orjson.loads(text).items():
            if key not in declared:
                values[key].append(value)
    return {key: _neo4j_type(found) for key, found in values.items()}


def _typed_columns(props: Sequence[str], declared: dict[str, str]) -> dict[str, tuple[str, Any]]:
    """Every property present in ``props`` (canonical JSON, one per row) as a typed column."""
    if not props:
        return {}
    data = "\n".join(props).encode("utf-8")
    # A block must hold a whole line: the longest (an outline can be megabytes) fits twice.
    block = max(1 << 20, 2 * max(len(p) for p in props) * 4)
    table = pa_json.read_json(
        io.BytesIO(data),
        read_options=pa_json.ReadOptions(block_size=block),
        parse_options=pa_json.ParseOptions(
            explicit_schema=pa.schema([(k, _ARROW[kind]) for k, kind in declared.items()]),
            unexpected_field_behavior="infer",
        ),
    )
    if table.num_rows != len(props):
        raise ValueError(f"{len(props)} property rows read as {table.num_rows}")
    kinds = dict(declared)
    if any(name not in declared for name in table.column_names):
        kinds |= _undeclared(props, declared)
    out: dict[str, tuple[str, Any]] = {}
    for name in sorted(table.column_names):
        column = table.column(name)
        if column.null_count == len(column):
            continue  # nobody has it: no column at all, as before
        kind = kinds[name]
        if column.type != _ARROW[kind]:
            column = _cast(column, kind, name, props)
        out[name] = (kind, column)
    return out


def _cast(column: Any, kind: str, name: str, props: Sequence[str]) -> Any:
    """An undeclared property's inferred column in the type chosen for it."""
    if kind in ("long", "double", "boolean"):
        return column.cast(_ARROW[kind])
    values = [orjson.loads(p).get(name) for p in props]  # text of any JSON value, as str() did
    if kind == "string[]":
        return pa.chunked_array([pa.array(values, pa.list_(pa.string()))])
    return pa.chunked_array([pa.array([None if v is None else str(v) for v in values])])


def _csv_column(kind: str, column: Any) -> Any:
    if kind != "string[]":
        return column
    joined = pc.binary_join(column, ARRAY_DELIMITER)
    return pc.if_else(pc.equal(pc.list_value_length(column), 0), None, joined)  # [] → none


def _has_line_break(columns: Iterable[Any]) -> bool:
    return any(
        pa.types.is_string(column.type)
        and len(column) > column.null_count
        and pc.any(pc.match_substring_regex(column, "[\r\n]")).as_py()
        for column in columns
    )


def _write(
    job: AdminImport, path: Path, header: list[str], keys: list[Any], props: Sequence[str],
    declared: dict[str, str],
) -> None:  # fmt: skip
    """One file: the key columns (ids), then the properties, typed; notes a multiline file."""
    typed = _typed_columns(props, declared)
    header = header + [f"{name}:{kind}" for name, (kind, _) in typed.items()]
    columns = [pa.array(k, pa.string()) for k in keys]
    columns += [_csv_column(kind, column) for kind, column in typed.values()]
    table = pa.table(columns, names=[f"c{i}" for i in range(len(columns))])
    with path.open("wb") as fh:
        fh.write((",".join(header) + "\n").encode("utf-8"))
        pa_csv.write_csv(table, fh, _WRITE)
    if _has_line_break(table.columns):
        job.multiline.add(path)


def write_admin_import(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    directory: str | Path,
    *,
    node_rows: Sequence[NodeRow] = (),
    edge_rows: Sequence[EdgeRow] = (),
) -> AdminImport:
    """Write the node and relationship files for ``neo4j-admin database import full``.

    ``nodes``/``edges`` are model objects, ``node_rows``/``edge_rows`` the same as rows
    (:mod:`graph.records`: what a validated import gives for its large sheets); both are written.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    job = AdminImport(directory=out)

    by_label: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for label, id_, props in [*map(node_row, nodes), *node_rows]:
        ids, texts = by_label[label]
        ids.append(id_)
        texts.append(props)
    for label, (ids, texts) in sorted(by_label.items()):
        path = out / f"{label}.csv"
        _write(job, path, [f"id:ID({label})"], [ids], texts, declared_types(label))
        job.node_files[label] = path
        job.nodes += len(ids)

    by_shape: dict[tuple[str, str, str], tuple[list[str], list[str], list[str]]]
    by_shape = defaultdict(lambda: ([], [], []))
    for etype, src, src_id, dst, dst_id, props in [*map(edge_row, edges), *edge_rows]:
        starts, ends, texts = by_shape[(etype, src, dst)]
        starts.append(src_id)
        ends.append(dst_id)
        texts.append(props)
    for shape, (starts, ends, texts) in sorted(by_shape.items()):
        etype, src, dst = shape
        path = out / f"{etype}__{src}__{dst}.csv"
        header = [f":START_ID({src})", f":END_ID({dst})"]
        _write(job, path, header, [starts, ends], texts, declared_types(etype))
        job.relationship_files[shape] = path
        job.relationships += len(starts)
    return job
