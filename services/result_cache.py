"""Analysis results kept on disk per data version, so a new process does not recompute them.

The identification, the pair plan, the exchange activity and the coverage of a store's
``data_version`` are written to the store's cache folder (:meth:`graph.store.Store.cache_dir`:
beside the SQLite file, or a folder per Neo4j database) the first time they are computed; a new
app process, a second worker or the command line then reads them back in milliseconds.

- **Invalidation.** The file name holds the data version (which every committed write
  changes, and which carries a random epoch per database), the key (settings, day) and a
  fingerprint of the code that computes them: a write, other settings or new code never meet
  an old answer. Files of other versions are removed when a new one is written.
- **Format.** No pickle (a file beside the data must never be able to run code): a zip of a
  JSON manifest and one Arrow IPC file per frame. Reason codes in frame cells are kept as
  columns of the frame's Arrow file (each distinct reason once, as a key; the cells as lists
  of keys), so a country's pair candidates do not become a manifest of nested objects. Only
  the result classes registered here are rebuilt; list cells come back as lists, dates as
  ``datetime.date``, and a frame equals the one written (tests/test_result_cache.py).
- **Switch.** ``SCHOOLNET_RESULT_CACHE=off`` keeps nothing (benchmarks measure the cold path
  with it); for Neo4j, a folder there is where the results go.
- **Failures** to read or write are never the user's problem: the answer is computed as if
  there were no cache.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import logging
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa

from graph.store import Store
from labels.reasons import Reason

__all__ = ["code_fingerprint", "decode", "encode", "load", "register", "save"]

T = TypeVar("T")
_log = logging.getLogger(__name__)
_CLASSES: dict[str, type] = {}
_ROOT = Path(__file__).resolve().parent.parent
_CODE_PACKAGES = ("analysis", "graph", "labels", "queries", "services")


def register(cls: type[T]) -> type[T]:
    """Allow a result dataclass to be rebuilt from the cache."""
    _CLASSES[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return cls


_FINGERPRINT: str | None = None


def code_fingerprint() -> str:
    """A hash of the code that computes and words the results (analysis … services)."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        h = hashlib.sha256()
        for package in _CODE_PACKAGES:
            for path in sorted((_ROOT / package).rglob("*.py")):
                h.update(path.relative_to(_ROOT).as_posix().encode())
                h.update(path.read_bytes())
        _FINGERPRINT = h.hexdigest()[:16]
    return _FINGERPRINT


# --- the codec ---------------------------------------------------------------------------------
def _frame_from(table: pa.Table, columns: list[str], objects: dict[str, Any]) -> pd.DataFrame:
    df = table.to_pandas(date_as_object=True)
    for col, cells in objects.items():
        if isinstance(cells, np.ndarray):
            df[col] = pd.Series(cells, index=df.index, dtype=object)
            continue
        values = np.empty(len(df), dtype=object)
        for i, v in enumerate(cells):
            values[i] = v  # one by one: equal-length lists must not become a 2-D array
        df[col] = pd.Series(values, index=df.index, dtype=object)
    return df[columns]


# Reason codes in frame cells (a Reason, a tuple of them, or None) are kept as columns: each
# distinct reason once as a JSON key, the cells as lists of keys, and the cell's shape.
_SHAPE, _REASONS_KEY = "\x1fshape:", "\x1freasons:"
_NONE, _ONE, _MANY = 0, 1, 2


def _reason_cells(
    values: pd.Series, walk: Callable[[Any], Any]
) -> tuple[list[int], list[list[str]]] | None:
    shapes: list[int] = []
    cells: list[list[str]] = []
    keys: dict[int, str] = {}  # by identity: a reason with a list parameter is unhashable

    def key(r: Reason) -> str:
        if id(r) not in keys:
            keys[id(r)] = json.dumps([r.code, [[k, walk(x)] for k, x in r.args]])
        return keys[id(r)]

    for v in values:
        if v is None:
            shapes.append(_NONE)
            cells.append([])
        elif isinstance(v, Reason):
            shapes.append(_ONE)
            cells.append([key(v)])
        elif isinstance(v, tuple) and all(isinstance(x, Reason) for x in v):
            shapes.append(_MANY)
            cells.append([key(x) for x in v])
        else:
            return None
    return shapes, cells


def _reasons_from(table: pa.Table, col: str, decode_value: Callable[[Any], Any]) -> np.ndarray:
    shapes = table.column(_SHAPE + col).to_numpy()
    cells = table.column(_REASONS_KEY + col).to_pylist()
    made: dict[str, Reason] = {}

    def reason(k: str) -> Reason:
        if k not in made:
            code, args = json.loads(k)
            made[k] = Reason(code, **{name: decode_value(x) for name, x in args})
        return made[k]

    out = np.empty(len(cells), dtype=object)
    for i, (shape, keys) in enumerate(zip(shapes, cells, strict=True)):
        if shape == _ONE:
            out[i] = reason(keys[0])
        elif shape == _MANY:
            out[i] = tuple(reason(k) for k in keys)
    return out


def encode(value: Any) -> tuple[Any, dict[str, bytes]]:
    """A JSON-able manifest and the Arrow files of the frames inside ``value``."""
    files: dict[str, bytes] = {}

    def walk(v: Any) -> Any:
        if isinstance(v, pd.DataFrame):
            name = f"f{len(files)}.arrow"
            obj = [str(c) for c in v.columns if v[c].dtype == object]
            reasons = {}
            for c in obj:
                found = _reason_cells(v[c], walk)
                if found is not None:
                    reasons[c] = found
            # Other Python objects (lists, dates) go into the manifest cell by cell.
            objects = {c: [walk(x) for x in v[c]] for c in obj if c not in reasons}
            table = pa.Table.from_pandas(v.drop(columns=obj), preserve_index=True)
            for c, (shapes, cells) in reasons.items():
                table = table.append_column(_SHAPE + c, pa.array(shapes, pa.int8()))
                table = table.append_column(
                    _REASONS_KEY + c, pa.array(cells, pa.list_(pa.string()))
                )
            sink = io.BytesIO()
            with pa.ipc.new_file(sink, table.schema) as writer:
                writer.write_table(table)
            files[name] = sink.getvalue()
            return {
                "frame": name,
                "columns": [str(c) for c in v.columns],
                "objects": objects,
                "reasons": sorted(reasons),
            }
        if isinstance(v, Reason):
            return {"reason": v.code, "args": [[k, walk(x)] for k, x in v.args]}
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            cls = f"{type(v).__module__}.{type(v).__qualname__}"
            if cls not in _CLASSES:
                raise TypeError(f"not a registered result class: {cls}")
            fields = {f.name: walk(getattr(v, f.name)) for f in dataclasses.fields(v)}
            return {"dataclass": cls, "fields": fields}
        if isinstance(v, dt.date):
            return {"date": v.isoformat()}
        if isinstance(v, tuple):
            return {"tuple": [walk(x) for x in v]}
        if isinstance(v, list):
            return {"list": [walk(x) for x in v]}
        if isinstance(v, dict):
            return {"dict": [[walk(k), walk(x)] for k, x in v.items()]}
        if v is None or isinstance(v, bool | int | float | str):
            return {"value": v}
        if isinstance(v, np.generic):
            return {"value": v.item()}
        raise TypeError(f"cannot cache a {type(v).__name__}")

    return walk(value), files


def decode(manifest: Any, files: dict[str, bytes]) -> Any:
    """The value :func:`encode` took apart."""

    def walk(m: Any) -> Any:
        if "frame" in m:
            table = pa.ipc.open_file(pa.BufferReader(files[m["frame"]])).read_all()
            objects: dict[str, Any] = {
                c: [walk(x) for x in cells] for c, cells in m["objects"].items()
            }
            for c in m.get("reasons", []):
                objects[c] = _reasons_from(table, c, walk)
                table = table.drop_columns([_SHAPE + c, _REASONS_KEY + c])
            return _frame_from(table, m["columns"], objects)
        if "dataclass" in m:
            cls = _CLASSES[m["dataclass"]]
            return cls(**{k: walk(x) for k, x in m["fields"].items()})
        if "date" in m:
            return dt.date.fromisoformat(m["date"])
        if "reason" in m:
            return Reason(m["reason"], **{k: walk(x) for k, x in m["args"]})
        if "tuple" in m:
            return tuple(walk(x) for x in m["tuple"])
        if "list" in m:
            return [walk(x) for x in m["list"]]
        if "dict" in m:
            return {walk(k): walk(x) for k, x in m["dict"]}
        return m["value"]

    return walk(manifest)


# --- files -------------------------------------------------------------------------------------
def _names(store: Store, key: Any) -> tuple[Path, str, str] | None:
    if os.environ.get("SCHOOLNET_RESULT_CACHE", "").lower() == "off":
        return None
    folder = store.cache_dir()
    if folder is None:
        return None
    version = hashlib.sha256(store.data_version().encode()).hexdigest()[:16]
    digest = hashlib.sha256(repr((code_fingerprint(), key)).encode()).hexdigest()[:24]
    return folder, version, f"{version}-{digest}.zip"


def load(store: Store, key: Any) -> tuple[bool, Any]:
    """``(True, value)`` if the cache holds ``key`` for the store's data version."""
    names = _names(store, key)
    if names is None:
        return False, None
    folder, _, name = names
    path = folder / name
    if not path.exists():
        return False, None
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read("manifest.json"))
            files = {n: zf.read(n) for n in zf.namelist() if n != "manifest.json"}
        return True, decode(manifest, files)
    except Exception as exc:
        _log.warning("result cache: ignoring %s: %s", path.name, exc)
        return False, None


def save(store: Store, key: Any, value: Any, names: tuple[Path, str, str] | None = None) -> None:
    """Keep ``value`` for the store's data version; drop the files of older versions.

    ``names`` are those of the version the value was computed from (see :func:`cached`).
    """
    names = names or _names(store, key)
    if names is None:
        return
    folder, version, name = names
    try:
        manifest, files = encode(value)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED) as zf:
            zf.writestr("manifest.json", json.dumps(manifest))
            for n, data in files.items():
                zf.writestr(n, data)
        os.replace(tmp, folder / name)
        for old in folder.glob("*.zip"):
            if not old.name.startswith(version + "-"):
                old.unlink(missing_ok=True)
    except Exception as exc:
        _log.warning("result cache: could not keep %s: %s", name, exc)


def cached(store: Store, key: Any, compute: Callable[[], T]) -> T:
    """``compute()`` unless the cache holds the answer for this data version."""
    hit, value = load(store, key)
    if hit:
        return value
    before = _names(store, key)
    value = compute()
    if before is not None and _names(store, key) == before:  # no write while computing
        save(store, key, value, before)
    return value
