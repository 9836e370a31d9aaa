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
import shutil
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.model import NodeRef
from graph.neo4j_bulk import AdminImport, import_options, write_admin_import
from graph.store import Store
from labels import t
from loaders.importer import ImportFailed, ImportPlan, validate_paths
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
    """The argument list, every file named relative to ``directory`` (where the tool runs)."""
    multiline = sorted(os.path.relpath(p, directory) for job in jobs for p in job.multiline)
    out = import_options(database, multiline)
    for job in jobs:
        for arg in job.file_arguments():
            head, _, path = arg.rpartition("=")
            out.append(f"{head}={os.path.relpath(path, directory)}")
    return out


def _stage(out: Path) -> Path:
    """A new staging folder inside ``out``: the files go there, then move into place."""
    out.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".writing-", dir=out))


def _publish(staging: Path, out: Path) -> None:
    """Move what ``staging`` holds into ``out``, replacing what was there under those names."""
    for entry in sorted(staging.iterdir()):
        target = out / entry.name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
        entry.rename(target)
    staging.rmdir()


def _check_repeated(
    plan: ImportPlan, first_part: dict[NodeRef, int], i: int, groups: list[list[str | Path]]
) -> None:
    """Refuse a node an earlier part declared (a node belongs to one part)."""
    refs = [n.ref() for n in plan.node_objects if n.label not in _LEAVES]
    refs += [NodeRef(r[0], r[1]) for r in plan.node_rows if r[0] not in _LEAVES]
    for ref in refs:
        earlier = first_part.setdefault(ref, i)
        if earlier != i:
            raise UserError(
                t(
                    "bulk.repeated_node",
                    label=ref.label,
                    id=ref.id,
                    first=str(groups[earlier][0]),
                    part=str(groups[i][0]),
                )
            )


def _remember(known: Store, plan: ImportPlan) -> None:
    """Keep what later parts may refer to (every node but the leaves), as rows."""
    with known.unit_of_work() as uow:
        uow.upsert_nodes([n for n in plan.node_objects if n.label not in _LEAVES])
        uow.upsert_node_rows([r for r in plan.node_rows if r[0] not in _LEAVES])
        uow.commit()


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
    :class:`loaders.importer.ImportFailed` on any problem, with its file, row and column, and
    :class:`services.errors.UserError` for a node two parts declare; then nothing is written
    (the files are written to a staging folder inside ``out_dir`` and moved into place only
    once every part passed).
    """
    out = Path(out_dir)
    groups: list[list[str | Path]] = [[p] for p in paths] if parts else [list(paths)]
    jobs: list[AdminImport] = []
    first_part: dict[NodeRef, int] = {}
    staging = _stage(out)

    def written(job: Future[AdminImport]) -> None:
        jobs.append(job.result())
        if progress is not None:
            progress(len(jobs), len(groups))

    try:
        # A part's files are written (Arrow, mostly outside the GIL) while the next part is
        # checked: the two use both cores. Checks stay in order: a part sees the earlier ones.
        with ThreadPoolExecutor(max_workers=1) as writer, EmbeddedStore(":memory:") as known:
            pending: Future[AdminImport] | None = None
            for i, group in enumerate(groups):
                plan = validate_paths(group, known)
                if not plan.ok:
                    raise ImportFailed(plan.issues, plan.warnings)
                if parts:
                    _check_repeated(plan, first_part, i, groups)
                if pending is not None:
                    written(pending)
                pending = writer.submit(
                    write_admin_import,
                    plan.node_objects,
                    plan.edge_objects,
                    staging / f"part-{i + 1:03d}" if parts else staging,
                    node_rows=plan.node_rows,
                    edge_rows=plan.edge_rows,
                )
                if parts and i + 1 < len(groups):
                    _remember(known, plan)
                del plan
            if pending is not None:
                written(pending)
        args_file = staging / ARGS_FILE
        args_file.write_text("\n".join(_relative(jobs, staging, database)) + "\n", encoding="utf-8")
        _publish(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    nodes = sum(j.nodes for j in jobs)
    relationships = sum(j.relationships for j in jobs)
    return AdminImportFiles(out, nodes, relationships, out / ARGS_FILE)
