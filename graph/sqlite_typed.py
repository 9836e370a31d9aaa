"""Typed result tables of the embedded store: result figures as numbers, beside the graph.

The graph lives in ``nodes``/``edges`` with JSON properties; reading 360 thousand result
figures out of JSON (``json_extract``) and converting them value by value was most of a cold
page. So the store also keeps the figures typed, in a small star schema:

- ``result_kinds``: one row per distinct (year, assessment, subject, grade, metric), a few
  hundred for a region or a country, each with an integer ``kind``;
- ``result_values``: one row per Result node: its id, ``kind``, ``value``, ``participants``;
- ``result_facts``: one row per ``(School)-[:HAS_RESULT]->(Result)`` edge: the school, the
  result's id and its typed values, what the named query ``results`` reads
  (``queries.catalog``; the frame is built from its four columns plus the small kinds table,
  ``queries.frames.star_frame``).

They are written in the same transaction as the graph: the unit of work calls
:func:`sync_staged_nodes` and :func:`sync_staged_edges` for every staged batch (a few
set-based statements over the stage: an import pays one pass, not a trigger per row), and
triggers remove the rows of any deleted Result node or HAS_RESULT edge, whoever deletes it.
Every write path of the store (import, batched import, pair decisions, events) goes through
that unit of work; a tool that writes Result nodes or HAS_RESULT edges by hand must stage
them and call the two functions too. A store written before these tables existed gets them,
filled from the graph, when opened (:func:`ensure_typed_tables`).

Examples
--------
>>> import sqlite3
>>> conn = sqlite3.connect(":memory:", isolation_level=None)
>>> _ = conn.executescript(
...     "CREATE TABLE nodes (label TEXT, id TEXT, props TEXT, PRIMARY KEY (label, id));"
...     "CREATE TABLE edges (type TEXT, src_label TEXT, src_id TEXT, dst_label TEXT,"
...     " dst_id TEXT, props TEXT, PRIMARY KEY (type, src_label, src_id, dst_label, dst_id));"
...     "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
...     "CREATE TEMP TABLE stage_nodes (label TEXT, id TEXT, props TEXT);"
...     "CREATE TEMP TABLE stage_edges (type TEXT, src_label TEXT, src_id TEXT,"
...     " dst_label TEXT, dst_id TEXT, props TEXT);"
... )
>>> ensure_typed_tables(conn)
True
>>> result = ("Result", "r1", '{"year":2024,"assessment":"ВПР","subject":"Математика",'
...           '"grade":5,"metric":"mean_score","value":3.8,"participants":20}')
>>> _ = conn.execute("INSERT INTO stage_nodes VALUES (?, ?, ?)", result)
>>> sync_staged_nodes(conn)
>>> conn.execute("SELECT id, kind, value, participants FROM result_values").fetchall()
[('r1', 1, 3.8, 20)]
>>> _ = conn.execute("INSERT INTO nodes SELECT * FROM stage_nodes")
>>> edge = ("HAS_RESULT", "School", "s1", "Result", "r1", "{}")
>>> _ = conn.execute("INSERT INTO stage_edges VALUES (?, ?, ?, ?, ?, ?)", edge)
>>> sync_staged_edges(conn)
>>> conn.execute("SELECT * FROM result_facts").fetchall()
[('s1', 'r1', 1, 3.8, 20)]
>>> _ = conn.execute("DELETE FROM nodes")
>>> conn.execute("SELECT COUNT(*) FROM result_facts").fetchone()[0]
0
>>> ensure_typed_tables(conn)  # already there
False
"""

from __future__ import annotations

import sqlite3

__all__ = [
    "TYPED_VERSION",
    "ensure_typed_tables",
    "sync_new_edges",
    "sync_new_nodes",
    "sync_staged_edges",
    "sync_staged_nodes",
]

# Raise when the tables or triggers below change: stores are rebuilt on their next open.
TYPED_VERSION = "1"

_KIND_COLUMNS = ("year", "assessment", "subject", "grade", "metric")


def _json(source: str, prop: str) -> str:
    return f"json_extract({source}, '$.{prop}')"


def _kind_match(alias: str, source: str) -> str:
    # IS, not =: a missing grade (NULL) is a kind of its own and must find itself.
    return " AND ".join(f"{alias}.{c} IS {_json(source, c)}" for c in _KIND_COLUMNS)


def _sync(source: str) -> tuple[str, str]:
    """Register the kinds and upsert the values of the result nodes ``r`` of ``source``."""
    kinds = ", ".join(_KIND_COLUMNS)
    values = ", ".join(_json("r.props", c) for c in _KIND_COLUMNS)
    return (
        f"INSERT INTO result_kinds ({kinds}) SELECT DISTINCT {values} {source} AND NOT EXISTS "
        f"(SELECT 1 FROM result_kinds k WHERE {_kind_match('k', 'r.props')})",
        "INSERT INTO result_values (id, kind, value, participants) "
        f"SELECT r.id, k.kind, {_json('r.props', 'value')}, {_json('r.props', 'participants')} "
        + source.replace(" WHERE ", f" JOIN result_kinds k ON {_kind_match('k', 'r.props')} WHERE ")
        + " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, value = excluded.value, "
        "participants = excluded.participants WHERE kind IS NOT excluded.kind "
        "OR value IS NOT excluded.value OR participants IS NOT excluded.participants",
    )


_HAS_RESULT = "e.type = 'HAS_RESULT' AND e.src_label = 'School' AND e.dst_label = 'Result'"
_TYPED = (*_KIND_COLUMNS, "value", "participants")
# Result nodes that are new or change their stored properties, found before the merge and
# taken apart once (one JSON parse a row, not one a column and a statement) into a temporary
# table the statements below read. Its columns have no type: values stay as JSON gave them,
# as ``json_extract`` would give them to each statement.
_TYPED_TABLE = (
    "CREATE TEMP TABLE IF NOT EXISTS stage_typed (id TEXT PRIMARY KEY, "
    + ", ".join(_TYPED)
    + ", kind INTEGER)",
    "DELETE FROM temp.stage_typed",
)


def _typed_from(source: str) -> str:
    return (
        f"INSERT INTO temp.stage_typed (id, {', '.join(_TYPED)}) "
        f"SELECT r.id, {', '.join(_json('r.props', c) for c in _TYPED)} {source}"
    )


# IS, not =: a missing grade (NULL) is a kind of its own and must find itself.
_TYPED_KIND = " AND ".join(f"k.{c} IS t.{c}" for c in _KIND_COLUMNS)
_KINDS_AND_VALUES = (
    f"INSERT INTO result_kinds ({', '.join(_KIND_COLUMNS)}) "
    f"SELECT DISTINCT {', '.join(_KIND_COLUMNS)} FROM temp.stage_typed t "
    f"WHERE NOT EXISTS (SELECT 1 FROM result_kinds k WHERE {_TYPED_KIND})",
    "UPDATE temp.stage_typed AS t SET kind = "
    f"(SELECT k.kind FROM result_kinds k WHERE {_TYPED_KIND})",
    # The facts of a changed result's edges follow (a new result has no edge yet).
    "UPDATE result_facts SET kind = t.kind, value = t.value, participants = t.participants "
    "FROM temp.stage_typed t WHERE t.id = result_facts.id",
    "INSERT INTO result_values (id, kind, value, participants) "
    "SELECT id, kind, value, participants FROM temp.stage_typed WHERE true "
    "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, value = excluded.value, "
    "participants = excluded.participants WHERE kind IS NOT excluded.kind "
    "OR value IS NOT excluded.value OR participants IS NOT excluded.participants",
)
_STAGED_NODES = (
    *_TYPED_TABLE,
    _typed_from(
        "FROM temp.stage_nodes r LEFT JOIN nodes n ON n.label = 'Result' AND n.id = r.id "
        "WHERE r.label = 'Result' AND (n.id IS NULL OR n.props != r.props)"
    ),
    *_KINDS_AND_VALUES,
)
# Every stored result node is new (graph/sqlite_new.py: the label was absent before).
_NEW_NODES = (
    *_TYPED_TABLE,
    _typed_from("FROM nodes r WHERE r.label = 'Result'"),
    *_KINDS_AND_VALUES,
)


def _facts(edges: str) -> str:
    return (
        "INSERT INTO result_facts (school_id, id, kind, value, participants) "
        f"SELECT e.src_id, e.dst_id, v.kind, v.value, v.participants {edges} "
        f"JOIN result_values v ON v.id = e.dst_id WHERE {_HAS_RESULT} "
        "ON CONFLICT (school_id, id) DO NOTHING"
    )


_STAGED_EDGES = _facts("FROM temp.stage_edges e")
_ALL_FACTS = _facts("FROM edges e")
_ALL = (*_sync("FROM nodes r WHERE r.label = 'Result'"), _ALL_FACTS)

SCHEMA = f"""
CREATE TABLE result_kinds (
    kind INTEGER PRIMARY KEY,
    year INTEGER, assessment TEXT, subject TEXT, grade INTEGER, metric TEXT
);
CREATE INDEX result_kinds_key ON result_kinds ({", ".join(_KIND_COLUMNS)});
CREATE TABLE result_values (
    id TEXT PRIMARY KEY,
    kind INTEGER NOT NULL,
    value REAL,
    participants INTEGER
) WITHOUT ROWID;
CREATE TABLE result_facts (
    school_id TEXT NOT NULL,
    id TEXT NOT NULL,
    kind INTEGER NOT NULL,
    value REAL,
    participants INTEGER,
    PRIMARY KEY (school_id, id)
) WITHOUT ROWID;
CREATE INDEX result_facts_by_id ON result_facts (id);
CREATE TRIGGER result_node_delete AFTER DELETE ON nodes WHEN OLD.label = 'Result'
BEGIN
    DELETE FROM result_values WHERE id = OLD.id;
    DELETE FROM result_facts WHERE id = OLD.id;
END;
CREATE TRIGGER result_edge_delete AFTER DELETE ON edges WHEN OLD.type = 'HAS_RESULT'
BEGIN
    DELETE FROM result_facts WHERE school_id = OLD.src_id AND id = OLD.dst_id;
END;
"""

_DROP = """
DROP TRIGGER IF EXISTS result_node_delete;
DROP TRIGGER IF EXISTS result_edge_delete;
DROP TABLE IF EXISTS result_facts;
DROP TABLE IF EXISTS result_values;
DROP TABLE IF EXISTS result_kinds;
"""


def sync_staged_nodes(conn: sqlite3.Connection) -> None:
    """Bring the typed values of the result nodes in ``temp.stage_nodes`` up to date.

    The unit of work calls it after staging a batch of nodes, in the same transaction.
    """
    if conn.execute("SELECT 1 FROM temp.stage_nodes WHERE label = 'Result' LIMIT 1").fetchone():
        for statement in _STAGED_NODES:
            conn.execute(statement)


def sync_staged_edges(conn: sqlite3.Connection) -> None:
    """Write the facts of the HAS_RESULT edges in ``temp.stage_edges`` (their nodes stored).

    The unit of work calls it after staging a batch of edges, in the same transaction.
    """
    if conn.execute("SELECT 1 FROM temp.stage_edges WHERE type = 'HAS_RESULT' LIMIT 1").fetchone():
        conn.execute(_STAGED_EDGES)


def sync_new_nodes(conn: sqlite3.Connection) -> None:
    """The typed values of every stored result node, all of them new in this transaction
    (written by :func:`graph.sqlite_new.insert_new_nodes`)."""
    for statement in _NEW_NODES:
        conn.execute(statement)


def sync_new_edges(conn: sqlite3.Connection) -> None:
    """The facts of every stored HAS_RESULT edge, all of them new in this transaction
    (written by :func:`graph.sqlite_new.insert_new_edges`)."""
    conn.execute(_ALL_FACTS)


def _version(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'typed_tables'").fetchone()
    return None if row is None else str(row[0])


def ensure_typed_tables(conn: sqlite3.Connection) -> bool:
    """Create (or rebuild) the typed tables from the graph if this store lacks them.

    Runs in one write transaction, so a concurrent opener waits and then finds them made.
    ``conn`` must be in autocommit mode (``isolation_level=None``). Returns whether it built.
    """
    if _version(conn) == TYPED_VERSION:
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        if _version(conn) == TYPED_VERSION:  # another process made them while we waited
            conn.execute("ROLLBACK")
            return False
        for statement in [*_statements(_DROP), *_statements(SCHEMA), *_ALL]:
            conn.execute(statement)
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('typed_tables', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (TYPED_VERSION,),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return True


def _statements(script: str) -> list[str]:
    """Split a script into statements (``executescript`` would commit our transaction)."""
    out: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        out.append(buffer.strip())
    return out
