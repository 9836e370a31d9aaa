"""A first load of a country into Neo4j with ``neo4j-admin database import full``.

Files are validated exactly as ``schoolnet import`` validates them (against an empty store: a
first load), then written as the import tool's CSV files with its argument list beside them,
``neo4j-admin-import.args`` (one argument per line, file names relative to the folder). Run
from that folder, with the database stopped::

    neo4j-admin $(cat neo4j-admin-import.args)

Incremental loads keep going through ``schoolnet import`` (batched ``UNWIND … MERGE``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.neo4j_bulk import AdminImport, write_admin_import
from loaders.importer import ImportFailed, validate_paths

__all__ = ["ARGS_FILE", "AdminImportFiles", "write_neo4j_import_files"]

ARGS_FILE = "neo4j-admin-import.args"


@dataclass(frozen=True)
class AdminImportFiles:
    """What was written: the folder, the node and relationship counts, the argument file."""

    directory: Path
    nodes: int
    relationships: int
    args_file: Path


def _relative(job: AdminImport, database: str) -> list[str]:
    out = []
    for arg in job.arguments(database):
        if arg.startswith(("--nodes=", "--relationships=")):
            head, _, path = arg.rpartition("=")
            arg = f"{head}={os.path.relpath(path, job.directory)}"
        out.append(arg)
    return out


def write_neo4j_import_files(
    paths: Sequence[str | Path], out_dir: str | Path, database: str = "neo4j"
) -> AdminImportFiles:
    """Validate import files as a first load and write them for ``neo4j-admin``.

    Raises :class:`loaders.importer.ImportFailed` (nothing written) on any problem.
    """
    with EmbeddedStore(":memory:") as empty:
        plan = validate_paths(paths, empty)
    if not plan.ok:
        raise ImportFailed(plan.issues, plan.warnings)
    job = write_admin_import(plan.nodes, plan.edges, out_dir)
    args_file = job.directory / ARGS_FILE
    args_file.write_text("\n".join(_relative(job, database)) + "\n", encoding="utf-8")
    return AdminImportFiles(job.directory, job.nodes, job.relationships, args_file)
