"""Import files for ``neo4j-admin database import full``: a first load of a country, the Neo4j way.

``neo4j-admin database import full`` builds a new database straight from CSV files, without
transactions: the tool Neo4j ships for initial loads (millions of nodes in minutes). This module
writes those files from validated nodes and edges, in the shape :mod:`graph.neo4j_store` reads:

- one node file per label, ``<Label>.csv``, with the header ``id:ID(<Label>)`` (an id space per
  label, as ids are unique per label only), ``:LABEL`` and every property with its Neo4j type
  (``long``, ``double``, ``boolean``, ``string``, ``string[]``), the type the model declares
  (:data:`graph.model.NODE_MODELS` fields, :data:`graph.model.EDGE_PROPERTIES`), never one
  guessed from the values: a float property whose values happen to be whole stays ``double``;
- one relationship file per type and end labels, ``<TYPE>__<Src>__<Dst>.csv``, with
  ``:START_ID(<Src>)``, ``:END_ID(<Dst>)``, ``:TYPE`` and the edge properties.

Strings are always quoted and a missing value is an empty unquoted field, so the tool stores
no property for it (as the store does for ``None``); lists are joined with ``;``, which the
import format already forbids inside a list item. ``AdminImport.arguments()`` gives the
command's arguments; the database must be stopped (or not yet exist) while it runs, and the
store creates its constraints and the data-version counter when it next connects.

Examples
--------
>>> from graph.model import School
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     job = write_admin_import([School(id="1", name="СОШ", municipality="М")], [], tmp)
...     header, row = Path(job.node_files["School"]).read_text(encoding="utf-8").split()
>>> header.split(",")[:5]
['id:ID(School)', ':LABEL', 'municipality:string', 'name:string', 'official_low_results:boolean']
>>> row
'"1",School,"М","СОШ",false,false,false'
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from graph.model import EDGE_PROPERTIES, NODE_MODELS, Edge, Node

__all__ = ["ARRAY_DELIMITER", "AdminImport", "declared_types", "write_admin_import"]

ARRAY_DELIMITER = ";"


@dataclass
class AdminImport:
    """The files written and the counts in them."""

    directory: Path
    node_files: dict[str, Path] = field(default_factory=dict)
    relationship_files: dict[tuple[str, str, str], Path] = field(default_factory=dict)
    nodes: int = 0
    relationships: int = 0

    def arguments(self, database: str = "neo4j") -> list[str]:
        """``neo4j-admin`` arguments after the command name (``database import full``)."""
        args = [
            "database",
            "import",
            "full",
            database,
            "--overwrite-destination=true",
            f"--array-delimiter={ARRAY_DELIMITER}",
            "--multiline-fields=true",
            "--skip-duplicate-nodes=false",
            "--skip-bad-relationships=false",
        ]
        args += [f"--nodes={label}={path}" for label, path in sorted(self.node_files.items())]
        args += [
            f"--relationships={shape[0]}={path}"
            for shape, path in sorted(self.relationship_files.items())
        ]
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


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "string":
        return _quote(str(value))
    if kind == "string[]":
        if not value:
            return ""
        return _quote(ARRAY_DELIMITER.join(str(x) for x in value))
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    return str(int(value))


def _columns(
    props: Sequence[dict[str, Any]], declared: Mapping[str, str]
) -> list[tuple[str, str]]:
    keys = sorted({k for p in props for k in p})
    return [(k, declared.get(k) or _neo4j_type(p.get(k) for p in props)) for k in keys]


def _write(path: Path, header: list[str], lines: Iterable[str]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(",".join(header) + "\n")
        for line in lines:
            fh.write(line + "\n")


def write_admin_import(
    nodes: Sequence[Node], edges: Sequence[Edge], directory: str | Path
) -> AdminImport:
    """Write the node and relationship files for ``neo4j-admin database import full``."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    job = AdminImport(directory=out)

    by_label: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for n in nodes:
        by_label[n.label].append((n.id, n.props()))
    for label, items in sorted(by_label.items()):
        cols = _columns([p for _, p in items], declared_types(label))
        header = [f"id:ID({label})", ":LABEL", *(f"{k}:{kind}" for k, kind in cols)]
        path = out / f"{label}.csv"
        _write(
            path,
            header,
            (
                ",".join([_quote(id_), label, *(_cell(p.get(k), kind) for k, kind in cols)])
                for id_, p in items
            ),
        )
        job.node_files[label] = path
        job.nodes += len(items)

    by_shape: dict[tuple[str, str, str], list[Edge]] = defaultdict(list)
    for e in edges:
        by_shape[(e.type, e.src.label, e.dst.label)].append(e)
    for shape, items_e in sorted(by_shape.items()):
        etype, src, dst = shape
        cols = _columns([e.props for e in items_e], declared_types(etype))
        header = [f":START_ID({src})", f":END_ID({dst})", ":TYPE"]
        header += [f"{k}:{kind}" for k, kind in cols]
        path = out / f"{etype}__{src}__{dst}.csv"
        _write(
            path,
            header,
            (
                ",".join(
                    [
                        _quote(e.src.id),
                        _quote(e.dst.id),
                        etype,
                        *(_cell(e.props.get(k), kind) for k, kind in cols),
                    ]
                )
                for e in items_e
            ),
        )
        job.relationship_files[shape] = path
        job.relationships += len(items_e)
    return job
