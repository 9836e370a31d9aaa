"""Whatever the import accepts, the store can give back: export → import → export is exact.

Hypothesis writes import files from arbitrary cell texts and numbers (control and invisible
characters, huge and non-finite numbers, numbers beyond 64 bits, long texts, formulas). Each
file set is imported into the store of the backend under test. A rejection must leave the store
empty; an accepted import must export to JSON, GraphML, XLSX and CSV, and the CSV export
imported into the emptied store must give the same JSON and the same CSV, byte for byte.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from graph.embedded import EmbeddedStore
from graph.store import Store
from loaders.export import export_csv, export_graphml, export_json, export_xlsx
from loaders.importer import ImportFailed, import_paths, import_uploads
from loaders.writers import csv_bytes

_ANY_CHAR = st.characters(codec="utf-8")
_PLAIN_TEXT = st.text(
    st.characters(categories=["L", "N", "P", "S", "Zs"], codec="utf-8"), min_size=1, max_size=12
)
_SPECIAL_TEXT = st.sampled_from(
    ["СОШ №1", "=1+1", "+7 (999)", "-x", "@SUM(1)", "'=x", "'+x", "[x](http://e.x)", ' "q" ']
)
_TEXT = st.one_of(_PLAIN_TEXT, _PLAIN_TEXT, _SPECIAL_TEXT)
_FLOAT = st.floats(allow_nan=False, allow_infinity=False)
_SOCIAL = st.one_of(_FLOAT.map(repr), _FLOAT.map(lambda x: repr(x).replace(".", ",")), st.just(""))
_LAT = st.one_of(st.floats(-90, 90).map(repr), st.just(""))
_COUNT = st.one_of(st.integers(0, 2**63 - 1).map(str), st.just(""))
_YEAR = st.integers(2000, 2030).map(str)
_VALUE = st.floats(0, 100).map(repr)
_METRIC = st.sampled_from(["mean_score", "pass_rate", "low_share", "high_share"])
# What replaces one cell in half of the file sets: the import must refuse it, or store it so
# that it comes back exactly.
_HOSTILE = st.one_of(
    st.text(_ANY_CHAR, min_size=1, max_size=12),
    st.sampled_from(["S\u200b1", "a\x00b", "x\u202ey", "Я" * 2001, "S" * 101, "a\tb", "a\x07b"]),
    st.sampled_from(["\ufeffS", "a\r\nb", "1e999", "-1e999", "nan", "inf", "1e20", "9" * 30]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats().map(repr),
)


@st.composite
def _files(draw: st.DrawFn) -> list[tuple[str, bytes]]:
    n = draw(st.integers(min_value=1, max_value=3))
    ids = draw(st.lists(_TEXT, min_size=n, max_size=n, unique_by=lambda x: x.strip()))
    schools = [["school_id", "name", "municipality", "social_index", "students", "lat"]]
    for sid in ids:
        schools.append([sid, draw(_TEXT), draw(_TEXT), draw(_SOCIAL), draw(_COUNT), draw(_LAT)])
    results = [["school_id", "year", "assessment", "subject", "metric", "value", "participants"]]
    for sid in ids[:2]:
        row = [sid, draw(_YEAR), draw(_TEXT), draw(_TEXT), draw(_METRIC), draw(_VALUE)]
        results.append([*row, draw(_COUNT)])
    tables = [schools, results] if draw(st.booleans()) else [schools]
    if draw(st.booleans()):
        table = draw(st.sampled_from(tables))
        r = draw(st.integers(1, len(table) - 1))
        c = draw(st.integers(0, len(table[0]) - 1))
        table[r][c] = draw(_HOSTILE)
    names = ["schools.csv", "results.csv"]
    return [(name, csv_bytes(table)) for name, table in zip(names, tables, strict=False)]


def _empty(store: Store) -> None:
    if isinstance(store, EmbeddedStore):
        conn = store._connect()
        conn.execute("DELETE FROM edges")
        conn.execute("DELETE FROM nodes")
    else:
        from graph.neo4j_admin import clear_database

        clear_database(store)  # type: ignore[arg-type]


def _csv_files(store: Store, folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in export_csv(store, folder)}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(files=_files())
def test_what_import_accepts_exports_and_reimports_exactly(
    store: Store, files: list[tuple[str, bytes]]
) -> None:
    _empty(store)
    try:
        import_uploads(files, store)
    except ImportFailed:
        event("rejected")
        assert store.count_nodes() == {} or not any(store.count_nodes().values())
        return
    event("accepted")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        first = export_json(store)
        export_graphml(store, out / "g.graphml")
        export_xlsx(store, out / "book.xlsx")
        csv1 = _csv_files(store, out / "csv1")
        _empty(store)
        import_paths([out / "csv1"], store)
        assert export_json(store) == first
        assert _csv_files(store, out / "csv2") == csv1
        _empty(store)
        import_paths([out / "book.xlsx"], store)
        assert export_json(store) == first
