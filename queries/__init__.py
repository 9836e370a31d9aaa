"""Named read questions, each with an embedded (SQL) and a Neo4j (Cypher) implementation.

>>> get_query("schools").title_key
'queries.title.schools'
>>> sorted(q.name for q in all_queries())[:3]
['associations', 'boundaries', 'curators']
"""

from __future__ import annotations

from queries.base import NamedQuery, Param, QueryError, StarRead
from queries.catalog import QUERIES

__all__ = ["NamedQuery", "Param", "QueryError", "StarRead", "all_queries", "get_query"]

_BY_NAME = {q.name: q for q in QUERIES}


def all_queries() -> tuple[NamedQuery, ...]:
    return QUERIES


def get_query(name: str) -> NamedQuery:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise QueryError("unknown", name=name) from None
