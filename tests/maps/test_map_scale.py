"""The map at country scale: many schools become one circle per municipality."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from app_streamlit.components import map_view
from labels import t
from tests.app.conftest import page


def _schools(n: int, municipalities: int, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    low = rng.random(n) < 0.2
    return pd.DataFrame(
        {
            "school_id": [f"{i:06d}" for i in range(n)],
            "name": [f"Школа {i}" for i in range(n)],
            "municipality": [f"М{i % municipalities}" for i in range(n)],
            "lat": rng.uniform(45, 60, n),
            "lon": rng.uniform(30, 90, n),
            "status": np.where(low, "low", "regular"),
            "unfavourable": False,
            "is_low": low,
            "is_low_without_partner": low & (rng.random(n) < 0.5),
        }
    )


def test_many_schools_are_drawn_per_municipality() -> None:
    schools = _schools(map_view.MAX_POINTS + 1, 40)
    deck = json.loads(map_view.coverage_deck(schools, pd.DataFrame()).to_json())
    (layer,) = deck["layers"]
    assert layer["id"] == map_view.MUNICIPALITY_LAYER
    circles = pd.DataFrame(layer["data"])
    assert len(circles) == 40
    counts = schools.groupby("municipality").agg(
        n=("school_id", "size"), alone=("is_low_without_partner", "sum"), lat=("lat", "mean")
    )
    got = circles.set_index("municipality")
    assert got["n"].to_dict() == counts["n"].to_dict()
    assert got["alone"].to_dict() == counts["alone"].astype(int).to_dict()
    assert np.allclose(got.loc[counts.index, "lat"], counts["lat"])
    assert "school_id" not in circles.columns and "name" not in circles.columns


def test_few_schools_stay_points() -> None:
    schools = _schools(map_view.MAX_POINTS, 40)
    deck = json.loads(map_view.coverage_deck(schools, pd.DataFrame()).to_json())
    assert [layer["id"] for layer in deck["layers"]] == ["schools"]
    assert len(deck["layers"][0]["data"]) == map_view.MAX_POINTS


def _run(at: Any) -> Any:
    at.run()
    assert not at.exception, at.exception
    return at


def test_map_page_aggregates_above_the_limit_and_a_municipality_shows_points(
    region_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCHOOLNET_DB", str(region_db))
    monkeypatch.setenv("SCHOOLNET_BACKEND", "embedded")
    monkeypatch.delenv("SCHOOLNET_BASEMAP", raising=False)
    monkeypatch.setattr(map_view, "MAX_POINTS", 50)
    at = _run(page("coverage_map"))
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    ids = [layer["id"] for layer in deck["layers"]]
    assert ids[-1] == map_view.MUNICIPALITY_LAYER
    assert deck["mapStyle"] == "__MAP_STYLE__"  # still no base map from elsewhere
    assert any(t("scale.map.aggregated", n=160, limit=50) == i.value for i in at.info)
    muni = sorted({c["municipality"] for c in deck["layers"][-1]["data"]})[0]
    at.multiselect(key="map_muni").set_value([muni])
    _run(at)
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert deck["layers"][-1]["id"] == "schools"
