"""A first load of a country into Neo4j with ``neo4j-admin database import full``.

Files are validated exactly as ``schoolnet import`` validates them (against an empty store: a
first load), then written as the import tool's CSV files with its argument list beside them,
``neo4j-admin-import.args`` (one argument per line, file names relative to the folder). Run
from that folder, with the database stopped::

    neo4j-admin $(cat neo4j-admin-import.args)

Incremental loads keep going through ``schoolnet import`` (batched ``UNWIND … MERGE``).

A country is loaded in parts (``parts=True``, ``--parts``): each given folder (a region's own
files) is validated on its own, in the order given, and may refer to what earlier parts hold
(a travel time between two regions' schools, the road map in the first part): memory holds one
part, not the country. Each part's files go to ``part-NNN/``; one argument list names them all
(``neo4j-admin`` reads several files per label). A node declared by two parts is refused.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.model import NodeRef
from graph.neo4j_bulk import AdminImport, write_admin_import
from labels import t
from loaders.importer import ImportFailed, validate_paths
from services.errors import UserError

__all__ = ["ARGS_FILE", "AdminImportFiles", "write_neo4j_import_files"]

# Kinds no row refers to: later parts need not look them up, so they are not kept between parts.
_LEAVES = frozenset({"Result", "Staffing", "Target"})

ARGS_FILE = "neo4j-admin-import.args"


@dataclass(frozen=True)
class AdminImportFiles:
    """What was written: the folder, the node and relationship counts, the argument file."""

    directory: Path
    nodes: int
    relationships: int
    args_file: Path


def _relative(jobs: Sequence[AdminImport], directory: Path, database: str) -> list[str]:
    out = jobs[0].arguments(database) if jobs else []
    out = [a for a in out if not a.startswith(("--nodes=", "--relationships="))]
    for job in jobs:
        for arg in job.arguments(database):
            if arg.startswith(("--nodes=", "--relationships=")):
                head, _, path = arg.rpartition("=")
                out.append(f"{head}={os.path.relpath(path, directory)}")
    return out


def write_neo4j_import_files(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    database: str = "neo4j",
    *,
    parts: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> AdminImportFiles:
    """Validate import files as a first load and write them for ``neo4j-admin``.

    ``parts``: every path is a part validated on its own, in order (see the module's text).
    ``progress(done, total)`` is called after each part. Raises
    :class:`loaders.importer.ImportFailed` on any problem (nothing written for a first-part
    problem; the parts already written stay in their folders, and no argument file is written).
    """
    out = Path(out_dir)
    groups = [[p] for p in paths] if parts else [list(paths)]
    jobs: list[AdminImport] = []
    first_part: dict[NodeRef, int] = {}
    with EmbeddedStore(":memory:") as known:
        for i, group in enumerate(groups):
            plan = validate_paths(group, known)
            if not plan.ok:
                raise ImportFailed(plan.issues, plan.warnings)
            kept = [n for n in plan.nodes if n.label not in _LEAVES]
            if parts:
                for node in kept:
                    earlier = first_part.setdefault(node.ref(), i)
                    if earlier != i:
                        raise UserError(
                            t(
                                "bulk.repeated_node",
                                label=node.label,
                                id=node.id,
                                first=str(groups[earlier][0]),
                                part=str(group[0]),
                            )
                        )
            target = out / f"part-{i + 1:03d}" if parts else out
            jobs.append(write_admin_import(plan.nodes, plan.edges, target))
            if parts and i + 1 < len(groups):
                known.write(kept, [])  # what later parts may refer to
            del plan, kept
            if progress is not None:
                progress(i + 1, len(groups))
    out.mkdir(parents=True, exist_ok=True)
    args_file = out / ARGS_FILE
    args_file.write_text("\n".join(_relative(jobs, out, database)) + "\n", encoding="utf-8")
    nodes = sum(j.nodes for j in jobs)
    relationships = sum(j.relationships for j in jobs)
    return AdminImportFiles(out, nodes, relationships, args_file)
