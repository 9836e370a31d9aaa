"""Exporting the whole graph: canonical JSON, GraphML, or the import workbook (XLSX)."""

from __future__ import annotations

from pathlib import Path

from graph.store import Store
from labels import t
from loaders.export import export_boundaries, export_graphml, export_json, export_xlsx
from services.errors import UserError

__all__ = ["FORMATS", "export_store"]

FORMATS = ("json", "graphml", "xlsx", "geojson")


def export_store(store: Store, fmt: str, out: Path) -> Path:
    """Write the store to ``out`` in ``fmt``; json output is byte-identical for the same graph."""
    if fmt not in FORMATS:
        raise UserError(t("services.export.bad_format", fmt=fmt, allowed=", ".join(FORMATS)))
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        out.write_bytes(export_json(store))
    elif fmt == "graphml":
        export_graphml(store, out)
    elif fmt == "geojson":
        geo = export_boundaries(store)
        if geo is None:
            raise UserError(t("maps.export.no_boundaries"))
        out.write_bytes(geo)
    else:
        export_xlsx(store, out)
    return out
