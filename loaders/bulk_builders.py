"""Pass 3 over whole columns for the large sheets: rows for the store, no object per row.

The sheets that hold most rows of an import (results, teachers, memberships, participation)
become node and edge rows (:mod:`graph.records`) straight from their columns. The rules are
the row builders' (:mod:`loaders.builders`) and the models' (:mod:`graph.model`, the schema
of record): a model field's bounds (``ge``/``le``) are read from the model and checked on
the whole column, and the properties are those ``Node.props()`` of the validated node gives.
References are resolved once per distinct id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson
import pandas as pd
from annotated_types import Ge, Gt, Le, Lt

from graph.model import NODE_MODELS, PERCENT_RANGE, Metric, is_percent
from graph.records import EdgeRow, NodeRow, dumps_props
from labels.message import Message
from loaders.cells import shown
from loaders.column_pass import ColumnTable

if TYPE_CHECKING:
    from loaders.known import KnownIds

__all__ = ["BULK_BUILDERS", "BulkOut"]

_NONE = None


class BulkOut:
    """What pass 3 of the large sheets gives: node rows, edge rows (problems go to tables)."""

    def __init__(self, known: KnownIds) -> None:
        self.known = known
        self.nodes: list[NodeRow] = []
        self.edges: list[EdgeRow] = []


def _isnone(a: np.ndarray) -> np.ndarray:
    return a == _NONE


def _ref(
    out: BulkOut, table: ColumnTable, live: np.ndarray, column: str, label: str, order: int
) -> np.ndarray:
    """Whether each row's reference exists (reported where not, as ``Validator.ref``)."""
    values = table.value[column]
    given = live & ~table.bad[column] & ~_isnone(values)
    ok = np.zeros(len(table), dtype=bool)
    idx = np.flatnonzero(given)
    if len(idx) == 0:
        return ok
    ids = values[idx]
    codes, uniques = pd.factorize(ids)
    found = np.fromiter((out.known.has(label, str(u)) for u in uniques), bool, len(uniques))
    hit = found[codes]
    ok[idx[hit]] = True
    for i in idx[~hit]:
        sheet = table.sheets[int(table.source[i])]
        text = Message(f"loaders.ref.{label}", id=values[i])
        table.issues.append(
            ((3, order, 0), sheet.raw.issue(int(table.number[i]), sheet.header(column), text))
        )
    return ok


def _bounds(label: str) -> list[tuple[str, str, Any, Callable[[Any, Any], Any]]]:
    """(field, message, limit, failing test) of every numeric bound of the model, in field order."""
    found: list[tuple[str, str, Any, Callable[[Any, Any], Any]]] = []
    for name, info in NODE_MODELS[label].model_fields.items():
        for meta in info.metadata:
            if isinstance(meta, Ge):
                found.append((name, "loaders.value.min", meta.ge, lambda v, b: v < b))
            elif isinstance(meta, Gt):
                found.append((name, "loaders.value.min", meta.gt, lambda v, b: v <= b))
            elif isinstance(meta, Le):
                found.append((name, "loaders.value.max", meta.le, lambda v, b: v > b))
            elif isinstance(meta, Lt):
                found.append((name, "loaders.value.max", meta.lt, lambda v, b: v >= b))
    return found


def _limit(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _model_checks(table: ColumnTable, label: str, rows: np.ndarray) -> np.ndarray:
    """Rows of ``rows`` whose values the model accepts; its refusals reported (as ``node()``)."""
    ok = np.ones(len(rows), dtype=bool)
    fields = list(NODE_MODELS[label].model_fields)
    # A required field without a value fails the model; its column was reported in pass 1.
    for name, info in NODE_MODELS[label].model_fields.items():
        if name in table.value and info.is_required():
            ok &= ~_isnone(table.value[name][rows])
    for name, key, limit, fails in _bounds(label):
        if name not in table.value:
            continue
        values = table.value[name][rows]
        present = ~_isnone(values)
        if not present.any():
            continue
        bad = np.zeros(len(rows), dtype=bool)
        bad[present] = fails(values[present].astype(float), limit)
        if not bad.any():
            continue
        ok &= ~bad
        for j in np.flatnonzero(bad):
            i = int(rows[j])
            if table.bad[name][i]:
                continue
            text = Message(key, limit=_limit(limit), value=shown(table.text[name][i]))
            table.issue(i, name, text, (3, 10 + fields.index(name), 0))
    return ok


def _props(table: ColumnTable, label: str, rows: np.ndarray, exclude: tuple[str, ...]) -> list[str]:
    """The canonical JSON of each row's properties, as ``Node.props()`` gives them.

    Written as :func:`graph.records.dumps_props` writes it (sorted keys, no spaces, a missing
    value left out), but each *distinct* value is encoded once: a row's text is its columns'
    pieces joined (NumPy adds the object arrays element-wise in C).
    """
    model = NODE_MODELS[label]
    names = sorted(n for n in model.model_fields if n != "id" and n not in exclude)
    pieces = []
    for name in names:
        info = model.model_fields[name]
        if name in table.value:
            values = table.value[name][rows]
        else:
            values = np.full(len(rows), None, dtype=object)
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        pieces.append(_pieces(values, _field_writer(name), default).tolist())
    if not pieces:
        return ["{}"] * len(rows)
    return ["{" + text[1:] + "}" for text in map("".join, zip(*pieces, strict=True))]


def _field_writer(name: str) -> Callable[[Any], str]:
    """What a property adds to the JSON of its node: ``,"name":value``."""
    key = "," + orjson.dumps(name).decode() + ":"
    return lambda value: key + orjson.dumps(value).decode()


def _pieces(values: np.ndarray, write: Callable[[Any], str], default: Any = None) -> np.ndarray:
    """``write(value)`` of each cell, called once per distinct value ("" where None and no
    ``default``; ``default`` written where None)."""
    missing = "" if default is None else write(default)
    try:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    except TypeError:  # unhashable values (lists): each written on its own
        out = np.empty(len(values), dtype=object)
        out[:] = [missing if v is None else write(v) for v in values.tolist()]
        return out
    table = np.array([write(u) for u in uniques.tolist()] + [missing], dtype=object)
    return table[codes]  # code -1 (None) takes the last entry


def _result_ids(t: ColumnTable, rows: np.ndarray) -> list[str]:
    """:func:`graph.model.result_id` of each row, one formatting per distinct cell."""
    parts = [
        _pieces(t.value[c][rows], lambda v: f"{v}").tolist()
        for c in ("school_id", "year", "assessment", "subject", "grade", "metric")
    ]
    return list(map("|".join, zip(*parts, strict=True)))


_PERCENT_METRICS = {Metric.pass_rate.value, Metric.low_share.value, Metric.high_share.value}


def _results(out: BulkOut, t: ColumnTable) -> None:
    live = t.live
    school = _ref(out, t, live, "school_id", "School", 0)
    value, metric = t.value["value"], t.value["metric"]
    both = np.flatnonzero(live & ~_isnone(value) & ~_isnone(metric))
    v = value[both].astype(float)
    low, high = PERCENT_RANGE  # graph.model.is_percent over the column
    off = np.isin(metric[both], list(_PERCENT_METRICS)) & ~((v >= low) & (v <= high))
    for i in both[off | (v < 0)]:
        m = metric[i]
        if m in _PERCENT_METRICS and not is_percent(value[i]):
            text = Message("loaders.value.result_percent", metric=m, value=t.text["value"][i])
            t.issue(int(i), "value", text, (3, 1, 0))
        else:
            t.issue(
                int(i),
                "value",
                Message("loaders.value.negative", value=t.text["value"][i]),
                (3, 1, 0),
            )
    has = live.copy()
    for c in ("school_id", "year", "assessment", "subject", "metric"):
        has &= ~_isnone(t.value[c])
    rows = np.flatnonzero(has)
    ok = _model_checks(t, "Result", rows)
    rows, school = rows[ok], school[rows[ok]]
    ids = _result_ids(t, rows)
    props = _props(t, "Result", rows, ())
    out.nodes += [("Result", i, p) for i, p in zip(ids, props, strict=True)]
    schools = t.value["school_id"][rows].tolist()
    out.edges += [
        ("HAS_RESULT", "School", s, "Result", i, "{}")
        for s, i, keep in zip(schools, ids, school.tolist(), strict=True)
        if keep
    ]


def _teachers(out: BulkOut, t: ColumnTable) -> None:
    live = t.live
    school = _ref(out, t, live, "school_id", "School", 0)
    rows = np.flatnonzero(live)
    ok = _model_checks(t, "Teacher", rows)
    ok &= ~_isnone(t.value["teacher_id"][rows])
    rows = rows[ok]
    ids = t.value["teacher_id"][rows].tolist()
    props = _props(t, "Teacher", rows, ("teacher_id",))
    out.nodes += [("Teacher", i, p) for i, p in zip(ids, props, strict=True)]
    schools = t.value["school_id"][rows].tolist()
    out.edges += [
        ("WORKS_AT", "Teacher", i, "School", s, "{}")
        for i, s, keep in zip(ids, schools, school[rows].tolist(), strict=True)
        if keep
    ]


def _two_ref_edges(
    out: BulkOut, t: ColumnTable, type: str, src: tuple[str, str], dst: tuple[str, str], first: str
) -> tuple[np.ndarray, list[Any], list[Any]]:
    """Rows whose two references exist (the ``first`` one is checked and reported first)."""
    second = dst if first == src[0] else src
    a = _ref(out, t, t.live, first, (src if first == src[0] else dst)[1], 0)
    b = _ref(out, t, t.live, second[0], second[1], 1)
    rows = np.flatnonzero(a & b)
    return rows, t.value[src[0]][rows].tolist(), t.value[dst[0]][rows].tolist()


def _memberships(out: BulkOut, t: ColumnTable) -> None:
    _, teachers, assocs = _two_ref_edges(
        out,
        t,
        "MEMBER_OF",
        ("teacher_id", "Teacher"),
        ("association_id", "Association"),
        "teacher_id",
    )
    out.edges += [
        ("MEMBER_OF", "Teacher", a, "Association", b, "{}")
        for a, b in zip(teachers, assocs, strict=True)
    ]


def _participation(out: BulkOut, t: ColumnTable) -> None:
    rows, teachers, events = _two_ref_edges(
        out, t, "ATTENDED", ("teacher_id", "Teacher"), ("event_id", "Event"), "event_id"
    )
    props = _pieces(t.value["role"][rows], lambda r: dumps_props({"role": r}), "participant")
    out.edges += [
        ("ATTENDED", "Teacher", a, "Event", b, p)
        for a, b, p in zip(teachers, events, props.tolist(), strict=True)
    ]


BULK_BUILDERS: dict[str, Callable[[BulkOut, ColumnTable], None]] = {
    "results": _results,
    "teachers": _teachers,
    "memberships": _memberships,
    "participation": _participation,
}
"""The sheets built over whole columns; the others go row by row (:mod:`loaders.builders`)."""
