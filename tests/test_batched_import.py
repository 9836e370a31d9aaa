"""The batched import mode (country-sized loads) gives the same graph as the one-transaction import,
on both backends, and a rerun of it is a no-op."""

from __future__ import annotations

from pathlib import Path

from graph.store import Store
from loaders.export import export_json
from loaders.importer import import_paths
from tests.loaders.sample import write_english


def test_batched_import_matches_one_transaction(store: Store, tmp_path: Path) -> None:
    files = write_english(tmp_path / "files")
    report = import_paths([files], store, batched=True)
    assert report.stats.total_added > 0
    batched = export_json(store)
    again = import_paths([files], store, batched=True)
    assert again.stats.is_noop()
    assert export_json(store) == batched
    from graph.embedded import EmbeddedStore

    reference = EmbeddedStore(tmp_path / "ref.db")
    import_paths([files], reference)
    assert export_json(reference) == batched
    reference.close()
