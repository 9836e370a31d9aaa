"""Files → validated rows → one all-or-nothing write; and the store back out to files.

Modules
-------
- :mod:`loaders.sheets`: the import sheets as data (columns, types, required, keys).
- :mod:`loaders.aliases`: Russian headers, sheet/file names and values; the README table.
- :mod:`loaders.readers`: CSV / XLSX / folders → raw text sheets.
- :mod:`loaders.validate`: raw sheets → typed nodes and edges, every problem collected; the
  large sheets over whole columns (:mod:`loaders.column_pass`, :mod:`loaders.bulk_builders`:
  node and edge rows for the store, no model object per row), the others row by row
  (:mod:`loaders.rows`, :mod:`loaders.builders`).
- :mod:`loaders.issues`: a problem as data (file, sheet, row, column, a code with parameters);
  rendered by :mod:`labels.import_issues`.
- :mod:`loaders.importer`: ``validate_*`` (a plan, nothing written) and ``import_*``
  (one unit of work, or :class:`~loaders.importer.ImportFailed` and nothing written).
- :mod:`loaders.template`: the empty CSVs and the workbook with a «Справка» sheet.
- :mod:`loaders.export`: canonical JSON, GraphML, and the import workbook (XLSX / CSV).
"""

from loaders.importer import (
    ImportFailed,
    ImportPlan,
    ImportReport,
    apply_plan,
    import_paths,
    import_uploads,
    validate_paths,
    validate_uploads,
)
from loaders.issues import ImportIssue

__all__ = [
    "ImportFailed",
    "ImportIssue",
    "ImportPlan",
    "ImportReport",
    "apply_plan",
    "import_paths",
    "import_uploads",
    "validate_paths",
    "validate_uploads",
]
