"""The shaded map shows the coverage table's numbers; its classes, legend, paper map and CLI."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.choropleth import MEASURES, class_breaks, classify
from graph.embedded import EmbeddedStore
from schoolnet.cli import main
from services.coverage import coverage_table
from services.map_paper import map_image, small_multiples_png
from services.maps import shaded_map
from tests.maps.conftest import AS_OF


@pytest.mark.parametrize("measure", list(MEASURES))
def test_shading_numbers_equal_the_coverage_table(region_store: EmbeddedStore, measure: str):
    shaded = shaded_map(region_store, measure, as_of=AS_OF)
    table = coverage_table(region_store, as_of=AS_OF).iloc[:-1].set_index("municipality")
    spec = MEASURES[measure]
    got = shaded.table.set_index("municipality")
    assert list(got.index) == list(table.index)
    assert (got["numerator"] == table[spec.numerator]).all()
    assert (got["denominator"] == table[spec.denominator]).all()
    share = f"{spec.numerator}_share"
    expected = table[share] if share in table else table[spec.numerator] / table[spec.denominator]
    pd.testing.assert_series_equal(
        got["value"], expected.where(table[spec.denominator] > 0).astype(float), check_names=False
    )
    # Every municipality has an outline, a class that holds its value and a legend entry.
    assert shaded.has_boundaries and shaded.without_boundary == []
    assert len(shaded.legend) == len(shaded.breaks) + 1
    lows = [0, *shaded.breaks]
    for value, klass in zip(got["value"], got["klass"], strict=True):
        if np.isnan(value):
            assert klass == -1
        else:
            assert lows[klass] - 1e-9 <= value * 100 <= shaded.breaks[klass] + 1e-9


def test_the_demo_has_something_to_shade(region_store: EmbeddedStore) -> None:
    shaded = shaded_map(region_store, "active_pair", as_of=AS_OF)
    assert shaded.table["denominator"].sum() > 0
    assert shaded.table["value"].notna().sum() >= 3


@pytest.mark.parametrize(
    ("values", "k", "scheme", "expected"),
    [
        ([0.0, 0.1, 0.2, 0.5, 0.6, 0.9], 3, "quantiles", [10, 50, 90]),  # two in each
        ([0.03, 0.05, 0.07], 5, "quantiles", [3, 5, 7]),  # narrow span: 1 % steps
        ([0.4, 0.4, 0.4], 5, "quantiles", [40]),
        ([float("nan")], 5, "quantiles", []),
        ([0.1], 5, "fixed", [20, 40, 60, 80, 100]),
    ],
)
def test_class_breaks(values: list[float], k: int, scheme: str, expected: list[int]) -> None:
    assert class_breaks(values, k, scheme) == expected


def test_classify_edges() -> None:
    assert classify([0.0, 0.2, 0.2001, 1.0], [20, 100]).tolist() == [0, 0, 1, 1]


def _pixels(png: bytes) -> np.ndarray:
    from matplotlib.image import imread

    return imread(io.BytesIO(png), format="png")


def test_paper_map_png_and_pdf(region_store: EmbeddedStore) -> None:
    png = map_image(region_store, "without_tutor", "png", as_of=AS_OF)
    img = _pixels(png)
    assert img.shape[:2] == (1245, 1755)  # A4 landscape at 150 dpi
    colours = np.unique((img[..., :3] * 255).astype(np.uint8).reshape(-1, 3), axis=0)
    assert len(colours) > 50  # not blank: shades, dots, text
    assert (img[..., :3] < 0.99).mean() > 0.2  # a fifth of the page is drawn on
    pdf = map_image(region_store, "active_pair", "pdf", as_of=AS_OF)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    assert map_image(region_store, "active_pair", "pdf", as_of=AS_OF) == pdf  # no timestamp
    multi = _pixels(small_multiples_png(region_store, as_of=AS_OF))
    assert multi.shape[0] > 800 and multi.shape[1] > 1000


def test_without_boundaries_the_map_still_draws(tmp_path: Path, region_files: list[Path]) -> None:
    from loaders.importer import import_paths

    with EmbeddedStore(tmp_path / "plain.db") as store:
        import_paths([p for p in region_files if p.suffix == ".csv"], store)
        shaded = shaded_map(store, "active_pair", as_of=AS_OF)
        assert not shaded.has_boundaries
        assert len(shaded.without_boundary) == len(shaded.table) == 6
        img = _pixels(map_image(store, "active_pair", "png", as_of=AS_OF))
        assert len(np.unique((img[..., :3] * 255).astype(np.uint8).reshape(-1, 3), axis=0)) > 20


def test_cli_map(region_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "karta.png"
    args = ["map", "--db", str(region_db), "--measure", "teachers_at_event", "--as-of"]
    assert main([*args, "2026-11-23", "--out", str(out)]) == 0
    assert _pixels(out.read_bytes()).shape[:2] == (1245, 1755)
    assert main([*args, "2026-11-23", "--out", str(tmp_path / "karta.svg")]) == 1
    assert "формат карты svg не поддерживается" in capsys.readouterr().err
