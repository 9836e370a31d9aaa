"""Hostile school names render as plain text on every page.

The demo region's schools are renamed (through the import, as a user would) to names that are
Markdown, HTML or Streamlit markup. Every page is run; wherever a name shows, its visible text
must be the name exactly: no link (phishing), no bold, no tag, no «&quot;».

"Visible text" of a Markdown element is computed the way CommonMark renders it for the
constructs these names use: an unescaped link shows its text only, emphasis markers and HTML
tags vanish, ``:red[x]`` shows ``x``; a backslash escape shows the character.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from graph.embedded import EmbeddedStore
from loaders.importer import import_uploads
from loaders.writers import csv_bytes
from tests.app.conftest import demo_db, page

__all__ = ["demo_db"]  # the session fixture, shared with the app tests

PHISHING = "[Госуслуги: войдите](http://evil.example/login)"
NAMES = [
    PHISHING,
    "**Жирная** школа №2",
    "<b>Тег</b> школа & «ёлочки»",
    'МБОУ "Новиковская ООШ"',
    ":red[Красная] школа",
    "Школа_с_подчёркиваниями_",
]
# A word of each name that shows wherever the name does, even mangled.
MARKS = ["Госуслуги", "Жирная", "Тег", "Новиковская", "Красная", "подчёркиваниями"]
PAGES = ["overview", "schools", "planner", "exchange", "my_schools", "coverage_map"]

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def visible(markdown: str) -> str:
    """What a reader sees of a Markdown text (for the constructs of :data:`NAMES`)."""
    out = re.sub(r"(?<!\\)\[([^\]]*)(?<!\\)\]\([^)]*\)", r"\1", markdown)  # links
    out = re.sub(r"(?<!\\):[a-z]+(?<!\\)\[([^\]]*)(?<!\\)\]", r"\1", out)  # :red[x]
    out = re.sub(r"(?<!\\)<[^>]+>", "", out)  # HTML tags
    out = re.sub(r"(?<![\\*])\*\*(?!\*)", "", out)  # bold markers
    out = re.sub(r"(?<![\\\w])_|(?<!\\)_(?!\w)", "", out)  # emphasis underscores at edges
    return _ESCAPE.sub(r"\1", out)


def test_visible_sees_markup() -> None:
    assert visible(PHISHING) == "Госуслуги: войдите"
    assert visible(r"\[Госуслуги\]\(x\)") == "[Госуслуги](x)"
    assert visible("**Жирная** школа") == "Жирная школа"


@pytest.fixture(scope="module")
def hostile_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    shutil.copyfile(demo_db, path)
    store = EmbeddedStore(path)
    schools = sorted(store.nodes("School"), key=lambda n: n.id)[: len(NAMES)]
    rows = [["school_id", "name", "municipality"]]
    rows += [[s.id, name, s.municipality] for s, name in zip(schools, NAMES, strict=True)]  # type: ignore[attr-defined]
    import_uploads([("schools.csv", csv_bytes(rows))], store)
    store.checkpoint()
    store.close()
    return path


def _markdown_texts(at: object) -> list[str]:
    texts = []
    for kind in (
        "markdown",
        "header",
        "subheader",
        "title",
        "caption",
        "error",
        "info",
        "success",
        "warning",
    ):
        for el in getattr(at, kind):
            texts.append(str(el.value))
    for metric in at.metric:  # type: ignore[attr-defined]
        texts += [str(metric.label), str(metric.value)]
    return texts


def _check(texts: list[str]) -> int:
    """Every text showing a name shows it whole; returns how many showed one."""
    shown = 0
    for text in texts:
        seen = visible(text)
        for name, mark in zip(NAMES, MARKS, strict=True):
            if mark in seen:
                assert name in seen, f"{name!r} shows as {seen!r} (source {text!r})"
                shown += 1
    return shown


@pytest.mark.parametrize("name", PAGES)
def test_every_page_shows_names_as_written(
    name: str, hostile_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCHOOLNET_BACKEND", "embedded")
    monkeypatch.setenv("SCHOOLNET_DB", str(hostile_db))
    at = page(name).run()
    assert not at.exception, [e.value for e in at.exception]
    _check(_markdown_texts(at))
    for frame in at.dataframe:
        for value in frame.value.to_numpy().ravel().tolist():
            text = str(value)
            for n, mark in zip(NAMES, MARKS, strict=True):
                if mark in text:
                    assert n in text and "&quot;" not in text and "&lt;" not in text


def test_school_card_heading_is_the_name(hostile_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCHOOLNET_BACKEND", "embedded")
    monkeypatch.setenv("SCHOOLNET_DB", str(hostile_db))
    at = page("schools").run()
    for name in NAMES:
        card = at.selectbox(key="schools_card")
        card.select_index(next(i for i, o in enumerate(card.options) if str(o).startswith(name)))
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        headers = [visible(h.value) for h in at.header]
        assert name in headers, headers
        assert _check(_markdown_texts(at)) >= 1


def test_map_tooltips_are_the_names() -> None:
    from app_streamlit.components.map_view import point_frame

    frame = point_frame(
        pd.DataFrame(
            {
                "school_id": list(range(len(NAMES))),
                "name": NAMES,
                "municipality": ["М"] * len(NAMES),
                "lat": [51.0] * len(NAMES),
                "lon": [107.0] * len(NAMES),
                "status": ["low"] * len(NAMES),
                "unfavourable": [False] * len(NAMES),
                "has_partner": [False] * len(NAMES),
                "is_low_without_partner": [True] * len(NAMES),
            }
        )
    )
    assert list(frame["tip_name"]) == NAMES


def test_shaded_municipality_tooltips_are_the_names() -> None:
    """The shaded areas share the plain-text tooltip of the points: names as written."""
    import datetime as dt

    from app_streamlit.components.choropleth import area_features
    from services.maps import ShadedMap

    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    table = pd.DataFrame(
        {
            "municipality": NAMES,
            "value": [0.5] * len(NAMES),
            "numerator": [1] * len(NAMES),
            "denominator": [2] * len(NAMES),
            "klass": [0] * len(NAMES),
            "rgb": [[1, 2, 3]] * len(NAMES),
            "has_boundary": [True] * len(NAMES),
        }
    )
    shaded = ShadedMap(
        "active_pair", "T", dt.date(2026, 1, 1), table, [50], [], dict.fromkeys(NAMES, square)
    )
    props = [f["properties"] for f in area_features(shaded)["features"]]
    assert [p["tip_name"] for p in props] == NAMES
    assert [p["municipality"] for p in props] == NAMES
