"""Named queries as data: a name, a title key, a description, parameters, and two texts.

Each query has an SQL text for the embedded store (nodes/edges tables with JSON properties) and
a Cypher text for Neo4j. Both return the same columns; ``normalise`` turns each backend's raw
values (JSON text, 0/1 booleans, Neo4j lists) into one typed form, so a parity test can compare
the answers directly.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any, LiteralString

from labels.errors import CodedError

__all__ = ["NamedQuery", "Param", "QueryError", "StarRead"]

COLUMN_TYPES = ("str", "int", "float", "bool", "list", "date")


class QueryError(CodedError):
    """A named query was called wrongly (unknown name or parameter): ``queries.error.<code>``."""

    area = "queries.error"


@dataclass(frozen=True)
class Param:
    """A query parameter; ``default`` is used when the caller leaves it out."""

    name: str
    description: str
    default: Any = None
    kind: str = "str"  # str | int | list


@dataclass(frozen=True)
class StarRead:
    """A faster embedded read of the same answer in two parts (a star schema).

    ``facts_sql`` (the query's parameters) returns many rows: ``key`` and the answer's other
    columns; ``dims_sql`` (no parameters) returns a few rows: ``key`` and the columns that
    repeat. The embedded store fetches both and joins them on ``key`` in NumPy
    (:func:`queries.frames.star_frame`), so the repeated texts cross from SQLite to Python
    once per kind, not once per row. ``sql`` stays the one-statement answer (the row path).
    """

    facts_sql: str
    dims_sql: str
    key: str


@dataclass(frozen=True)
class NamedQuery:
    """One read question with an embedded (SQL) and a Neo4j (Cypher) implementation."""

    name: str
    title_key: str  # the title people read: a message key of labels
    description: str
    columns: tuple[tuple[str, str], ...]
    sql: str
    cypher: LiteralString
    params: tuple[Param, ...] = ()
    order_matters: bool = False
    tags: tuple[str, ...] = field(default=())
    star: StarRead | None = None

    def __post_init__(self) -> None:
        for col, kind in self.columns:
            if kind not in COLUMN_TYPES:
                raise ValueError(f"{self.name}.{col}: unknown column type {kind}")

    @property
    def column_names(self) -> list[str]:
        return [c for c, _ in self.columns]

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """Check the caller's parameters and fill in defaults."""
        known = {p.name for p in self.params}
        unknown = set(given) - known
        if unknown:
            raise QueryError("unknown_params", name=self.name, params=sorted(unknown))
        out: dict[str, Any] = {}
        for p in self.params:
            v = given.get(p.name, p.default)
            if p.kind == "list" and v is not None:
                v = [str(x) for x in v]
            out[p.name] = v
        return out

    def normalise(
        self, rows: list[dict[str, Any]], json_text: bool = False
    ) -> list[dict[str, Any]]:
        """Typed rows: lists as sorted-as-stored Python lists, bools as bool, NaN as None."""
        types = dict(self.columns)
        out = []
        for row in rows:
            clean: dict[str, Any] = {}
            for col in self.column_names:
                clean[col] = _convert(row.get(col), types[col], json_text)
            out.append(clean)
        return out


def _convert(v: Any, kind: str, json_text: bool) -> Any:
    if v is None:
        return [] if kind == "list" else None
    if isinstance(v, float) and math.isnan(v):
        return None
    if kind == "list":
        if json_text and isinstance(v, str):
            v = json.loads(v)
        return [str(x) for x in v]
    if kind == "bool":
        return bool(v)
    if kind == "int":
        return int(v)
    if kind == "float":
        return float(v)
    if kind == "date":
        return str(v)[:10]
    return str(v)
