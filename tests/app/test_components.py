"""The app's rendering helpers: offline graph HTML, escaping, caps, tables, the map."""

from __future__ import annotations

import json
import re
from typing import Any

import pandas as pd

from app_streamlit.components.graph_view import network_html, vis_data
from app_streamlit.components.import_report import issues_frame
from app_streamlit.components.map_view import coverage_deck, legend_html, point_frame
from app_streamlit.components.tables import filter_frame, present

EVIL = "<script>alert(1)</script>"
BREAKOUT = "</script><script>alert(2)</script>"


def _view(n_teachers: int = 3) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    nodes: list[dict[str, Any]] = [
        {"id": "Curator:c1", "label": "Curator", "title": BREAKOUT, "status": None},
        {"id": "School:1", "label": "School", "title": EVIL, "status": "low"},
        {"id": "Partnership:p1", "label": "Partnership", "title": "Пара", "status": "dormant"},
    ]
    nodes += [
        {"id": f"Teacher:{i}", "label": "Teacher", "title": f"Педагог {i}", "status": None}
        for i in range(n_teachers)
    ]
    edges: list[dict[str, Any]] = [
        {"source": "Curator:c1", "target": "School:1", "type": "CURATES"},
        {"source": "School:1", "target": "Partnership:p1", "type": "MENTEE_IN"},
    ] + [
        {"source": f"Teacher:{i}", "target": "School:1", "type": "WORKS_AT"}
        for i in range(n_teachers)
    ]
    return nodes, edges


def test_graph_html_needs_no_internet() -> None:
    html = network_html(*_view())
    assert "vis.Network" in html
    assert not re.search(r"<script[^>]+src\s*=", html, re.I)
    assert not re.search(r"<link[^>]+href\s*=\s*[\"']?https?:", html, re.I)
    assert "cdn." not in html.lower()


def test_graph_html_escapes_data() -> None:
    html = network_html(*_view())
    assert EVIL not in html
    assert BREAKOUT not in html
    # The data block is the last script: nothing in it can open or close a tag.
    data_block = html[html.rindex("<script>") + len("<script>") : html.rindex("</script>")]
    assert "<" not in data_block and ">" not in data_block
    start = html.index("new vis.DataSet(") + len("new vis.DataSet(")
    payload = html[start : html.index(");", start)]
    titles = [n["title"] for n in json.loads(payload)]
    assert any(EVIL in title for title in titles)  # shown as text, intact


def test_graph_cap_folds_the_rest() -> None:
    nodes, edges = _view(n_teachers=50)
    vn, ve, hidden = vis_data(nodes, edges, max_nodes=10)
    assert hidden == 53 - 10
    assert len([n for n in vn if not n["id"].startswith("More:")]) == 10
    more = [n for n in vn if n["id"].startswith("More:")]
    assert [n["id"] for n in more] == ["More:Teacher"]
    assert "43" in more[0]["label"]
    ids = {n["id"] for n in vn}
    assert all(e["from"] in ids and e["to"] in ids for e in ve)


def test_graph_bulk_build_is_fast_for_thousands() -> None:
    import time

    nodes, edges = _view(n_teachers=5000)
    started = time.perf_counter()
    network_html(nodes, edges, max_nodes=6000)
    # add_edge per edge would take seconds; the bulk path is well under one.
    assert time.perf_counter() - started < 3


def _schools() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "school_id": ["1", "2", "3"],
            "name": [EVIL, "Школа №2", "Без координат"],
            "municipality": ["<b>Район</b>", "Район", "Район"],
            "lat": [51.8, 51.9, None],
            "lon": [107.5, 107.7, None],
            "status": ["low", "strong", "regular"],
            "unfavourable": [True, False, False],
            "has_partner": [False, False, False],
            "is_low_without_partner": [True, False, False],
        }
    )


def test_map_tooltips_are_plain_text_and_skip_missing_coordinates() -> None:
    pts = point_frame(_schools())
    assert len(pts) == 2
    # Plain text, escaped by nobody: innerText shows it exactly as written (no «&quot;»).
    assert pts.loc[0, "tip_name"] == "<script>alert(1)</script>"
    assert pts.loc[0, "tip_place"] == "<b>Район</b>"
    tooltip = coverage_deck(_schools(), pd.DataFrame())._tooltip
    assert "html" not in tooltip
    assert set(re.findall(r"{(\w+)}", tooltip["text"])) == {"tip_name", "tip_place", "tip_status"}


def test_map_without_basemap_loads_no_tiles() -> None:
    links = pd.DataFrame(
        {
            "partnership_id": ["p1"],
            "tutor_lat": [51.9],
            "tutor_lon": [107.7],
            "mentee_lat": [51.8],
            "mentee_lon": [107.5],
            "activity": ["dormant"],
        }
    )
    text = coverage_deck(_schools(), links).to_json()
    spec = json.loads(text)
    # pydeck's sentinel: Streamlit then draws no base map (with no style it would add CARTO's).
    assert spec.get("mapStyle") == "__MAP_STYLE__"
    assert "http" not in text
    assert [layer["@@type"] for layer in spec["layers"]] == ["LineLayer", "ScatterplotLayer"]
    assert "ШНОР без пары" in legend_html()


def test_present_translates_headers_and_values() -> None:
    df = pd.DataFrame(
        {
            "name": ["А"],
            "status": ["low"],
            "unfavourable": [True],
            "weak_subjects": [["Математика", "Физика"]],
            "mystery": ["x"],
        }
    )
    out = present(df)
    assert list(out.columns) == ["Школа", "Статус", "ШНСУ", "Слабые предметы", "mystery"]
    assert out.iloc[0].tolist() == [
        "А",
        "ШНОР (низкие результаты)",
        "да",
        "Математика; Физика",
        "x",
    ]
    pairs = present(pd.DataFrame({"status": ["agreed"]}), values={"status": "ui.pstatus."})
    assert pairs.iloc[0, 0] == "согласована"


def test_filter_frame() -> None:
    df = _schools()
    assert filter_frame(df, {"status": ["low", "strong"]})["school_id"].tolist() == ["1", "2"]
    assert filter_frame(df, {"status": []}, "№2")["school_id"].tolist() == ["2"]


def test_issues_frame_from_objects() -> None:
    from loaders.issues import ImportIssue, Message

    out = issues_frame([ImportIssue("schools.csv", 3, "name", Message("loaders.value.required"))])
    assert list(out.columns) == ["Файл", "Строка", "Столбец", "Что не так"]
