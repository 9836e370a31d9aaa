"""The coverage page (AppTest): shaded municipalities, measures, downloads, partial data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.app.conftest import page


def _run(at: Any) -> Any:
    at.run()
    assert not at.exception, at.exception
    return at


def _deck(at: Any) -> Any:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def test_map_page_shades_municipalities(region_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCHOOLNET_DB", str(region_db))
    monkeypatch.setenv("SCHOOLNET_BACKEND", "embedded")
    monkeypatch.delenv("SCHOOLNET_BASEMAP", raising=False)
    at = _run(page("coverage_map"))
    spec = _deck(at)
    assert spec["layers"][0]["@@type"] == "GeoJsonLayer"
    assert spec["mapStyle"] == "__MAP_STYLE__"  # no base map: nothing from the internet
    areas = spec["layers"][0]["data"]["features"]
    assert len(areas) == 6
    assert all("tip_status" in f["properties"] for f in areas)
    assert len(at.get("download_button")) >= 3
    at.selectbox(key="map_measure").set_value("without_tutor")
    _run(at)
    at.toggle(key="map_multiples").set_value(True)
    _run(at)
    assert at.get("image"), "the small multiples"


def test_map_page_without_boundaries_says_how_to_add_them(
    region_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph.embedded import EmbeddedStore
    from labels import t
    from loaders.importer import import_paths

    db = tmp_path / "plain.db"
    with EmbeddedStore(db) as store:
        import_paths([p for p in region_files if p.suffix == ".csv"], store)
    monkeypatch.setenv("SCHOOLNET_DB", str(db))
    monkeypatch.setenv("SCHOOLNET_BACKEND", "embedded")
    at = _run(page("coverage_map"))
    assert [layer["@@type"] for layer in _deck(at)["layers"]] == ["LineLayer", "ScatterplotLayer"]
    assert any(t("maps.no_boundaries") in i.value for i in at.info)
