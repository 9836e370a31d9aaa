"""Narrowing an answer to the actor's scope: rows, dataclasses and network pictures.

A row belongs to the scope when any of its school columns (``school_id``, ``tutor_school_id``,
``mentee_school_id``) names a school in it: a pair is seen from either of its schools. A frame
without a school column is an aggregate and stays whole. A network keeps the schools in scope,
the partnerships they are in, the teachers and curators of those schools and what those
teachers attend; every other node and every edge to it is dropped.

Examples
--------
>>> import pandas as pd
>>> pairs = pd.DataFrame({"tutor_school_id": ["1", "2"], "mentee_school_id": ["3", "4"]})
>>> scope_value(pairs, frozenset({"4"}))["tutor_school_id"].tolist()
['2']
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd

__all__ = ["SCHOOL_COLUMNS", "scope_frame", "scope_network", "scope_value"]

SCHOOL_COLUMNS = ("school_id", "tutor_school_id", "mentee_school_id")


def scope_frame(frame: pd.DataFrame, scope: frozenset[str]) -> pd.DataFrame:
    cols = [c for c in SCHOOL_COLUMNS if c in frame.columns]
    if not cols:
        return frame
    keep = pd.Series(False, index=frame.index)
    for col in cols:
        keep |= frame[col].astype("string").isin(list(scope)).fillna(False).astype(bool)
    return frame[keep].reset_index(drop=True)


def _is_network(value: Any) -> bool:
    return (
        dataclasses.is_dataclass(value)
        and not isinstance(value, type)
        and {"nodes", "edges"} <= {f.name for f in dataclasses.fields(value)}
        and isinstance(getattr(value, "nodes", None), list)
    )


def scope_network(view: Any, scope: frozenset[str]) -> Any:
    """A network view (``nodes``: dicts with ``id`` = ``Label:id``; ``edges``: ``source``,
    ``target``, ``type``) with only what the scope reaches."""
    schools = {f"School:{s}" for s in scope}
    edges = list(view.edges)

    def linked(kinds: set[str], ends: set[str]) -> set[str]:
        out: set[str] = set()
        for e in edges:
            if e.get("type") not in kinds:
                continue
            src, dst = str(e.get("source")), str(e.get("target"))
            if dst in ends:
                out.add(src)
            if src in ends:
                out.add(dst)
        return out

    kept = {n["id"] for n in view.nodes if n["id"] in schools}
    pairs = {k for k in linked({"TUTOR_IN", "MENTEE_IN"}, kept) if k.startswith("Partnership:")}
    people = {
        k
        for k in linked({"WORKS_AT", "CURATES"}, kept)
        if k.startswith(("Teacher:", "Curator:"))
    }
    teachers = {k for k in people if k.startswith("Teacher:")}
    attended = {
        k
        for k in linked({"ATTENDED", "MEMBER_OF"}, teachers)
        if k.startswith(("Event:", "Association:"))
    }
    allowed = kept | pairs | people | attended
    nodes = [n for n in view.nodes if n["id"] in allowed]
    kept_edges = [
        e for e in edges if str(e.get("source")) in allowed and str(e.get("target")) in allowed
    ]
    return dataclasses.replace(view, nodes=nodes, edges=kept_edges, total_nodes=len(nodes))


def scope_value(value: Any, scope: frozenset[str]) -> Any:
    """``value`` with every school row outside ``scope`` removed (frames, networks,
    dataclasses of them, lists and tuples of them); other values are returned as they are."""
    if isinstance(value, pd.DataFrame):
        return scope_frame(value, scope)
    if _is_network(value):
        return scope_network(value, scope)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: scope_value(getattr(value, f.name), scope)
            for f in dataclasses.fields(value)
            if f.init
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(scope_value(v, scope) for v in value)
    if isinstance(value, dict) and value and all(
        isinstance(k, str) and k.startswith("School:") for k in value
    ):
        return {k: v for k, v in value.items() if k.removeprefix("School:") in scope}
    return value
