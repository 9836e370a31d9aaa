"""The demo region: generate its import files and load them through the importers."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from graph.store import Store
from labels import t
from loaders.importer import ImportReport, import_paths
from services.errors import UserError

__all__ = ["generate_demo_files", "load_demo"]


def generate_demo_files(
    out_dir: Path,
    size: str = "small",
    seed: int = 42,
    as_of: dt.date | None = None,
    *,
    by_region: bool = False,
) -> list[Path]:
    """Write the demo region's import CSVs to ``out_dir`` (created if needed).

    ``by_region``: one folder per region instead (:func:`seeds.regions.write_csv_by_region`),
    and the folders are returned: the parts of a country's first load into Neo4j.
    """
    # The generator needs scipy: loaded late, not with the app's first page.
    from seeds.demo import SIZES, generate, write_csv
    from seeds.regions import write_csv_by_region

    if size not in SIZES:
        raise UserError(t("services.demo.unknown_size", size=size, sizes=", ".join(SIZES)))
    out_dir.mkdir(parents=True, exist_ok=True)
    data = generate(size, seed=seed, as_of=as_of)
    if by_region:
        return write_csv_by_region(data, out_dir)
    return write_csv(data, out_dir)


def load_demo(
    store: Store,
    size: str = "small",
    seed: int = 42,
    as_of: dt.date | None = None,
    out_dir: Path | None = None,
) -> ImportReport:
    """Generate the demo region and import it into ``store`` exactly as a user's files would be."""
    if out_dir is not None:
        return import_paths(generate_demo_files(out_dir, size, seed, as_of), store)
    with tempfile.TemporaryDirectory(prefix="schoolnet-demo-") as tmp:
        return import_paths(generate_demo_files(Path(tmp), size, seed, as_of), store)
