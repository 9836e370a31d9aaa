"""Importing files: validate first (a report, nothing written), then one all-or-nothing write."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from graph.store import Store
from labels.import_issues import issue_message
from loaders.importer import ImportReport, boundary_lines, import_paths
from loaders.importer import import_uploads as _import_uploads
from loaders.importer import validate_uploads as _validate_uploads
from loaders.issues import ImportIssue
from loaders.template import write_template

__all__ = [
    "ImportPreview",
    "import_files",
    "import_uploads",
    "template_files",
    "validate_uploads",
]

_ISSUE_COLUMNS = ["file", "sheet", "row", "column", "message"]


def _issues_frame(issues: Sequence[ImportIssue]) -> pd.DataFrame:
    return pd.DataFrame(
        [[i.file, i.sheet, i.row, i.column, issue_message(i)] for i in issues],
        columns=_ISSUE_COLUMNS,
    )


@dataclass(frozen=True)
class ImportPreview:
    """The validation report of uploaded files: nothing has been written."""

    ok: bool
    issues: pd.DataFrame
    warnings: pd.DataFrame
    counts: pd.DataFrame
    boundaries: tuple[str, ...] = ()  # what boundary files matched, and what did not


def validate_uploads(store: Store, files: Sequence[tuple[str, bytes]]) -> ImportPreview:
    """Check uploaded files (name, bytes) against the format and the store; write nothing."""
    plan = _validate_uploads(list(files), store)
    counts = pd.DataFrame(sorted(plan.rows.items()), columns=["sheet", "rows"])
    return ImportPreview(
        ok=not plan.issues,
        issues=_issues_frame(plan.issues),
        warnings=_issues_frame(plan.warnings),
        counts=counts[counts["rows"] > 0].reset_index(drop=True),
        boundaries=tuple(line for m in plan.boundaries for line in boundary_lines(m)),
    )


def import_uploads(store: Store, files: Sequence[tuple[str, bytes]]) -> ImportReport:
    """Import uploaded files all-or-nothing (raises ``ImportFailed``, nothing written)."""
    return _import_uploads(list(files), store)


def import_files(store: Store, paths: Sequence[Path], batched: bool = False) -> ImportReport:
    """Import files or folders all-or-nothing (raises ``ImportFailed``, nothing written).

    ``batched`` commits in batches on Neo4j (country-sized loads; a rerun completes them).
    """
    return import_paths(list(paths), store, batched=batched)


def template_files() -> dict[str, bytes]:
    """The empty import templates: one CSV per sheet and the XLSX workbook."""
    with tempfile.TemporaryDirectory(prefix="schoolnet-template-") as tmp:
        return {p.name: p.read_bytes() for p in sorted(write_template(Path(tmp)))}
