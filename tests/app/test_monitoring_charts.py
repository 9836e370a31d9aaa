"""The monitoring page's indicator charts (drawn by the browser) show the report's figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.settings import AnalysisSettings
from app_streamlit.components.charts import indicator_lines
from graph.embedded import EmbeddedStore
from labels import t
from services.monitoring import MonitoringView, monitoring
from services.monitoring_report import indicator_charts
from tests.monitoring_sample import AS_OF, monitoring_graph


@pytest.fixture(scope="module")
def view(tmp_path_factory: pytest.TempPathFactory) -> MonitoringView:
    store = EmbeddedStore(Path(tmp_path_factory.mktemp("charts")) / "c.db")
    store.write(*monitoring_graph())
    return monitoring(store, AS_OF, None, AnalysisSettings(unfavourable_min_bands=2))


def test_one_chart_per_indicator_of_the_report_with_its_values_and_targets(
    view: MonitoringView,
) -> None:
    charts = indicator_lines(view)
    pictures = indicator_charts(view)
    names = dict(zip(view.table["indicator"], view.table["name"], strict=True))
    assert [c.title for c in charts] == [names[code] for code in pictures]
    assert len(charts) == 8
    for chart, code in zip(charts, pictures, strict=True):
        rows = view.trend[view.trend["indicator"] == code].sort_values("year")
        data = chart.data
        value = data[data["series"] == t("monitoring.col.value")]
        target = data[data["series"] == t("monitoring.col.target")]
        assert value["value"].tolist() == rows["value"].dropna().tolist()
        assert target["value"].tolist() == rows["target"].dropna().tolist()
        first = int(rows["year"].iloc[0])
        assert data["year"].iloc[0] == f"{first - 1}/{str(first)[-2:]}"
        domain = chart.to_dict()["encoding"]["y"]["scale"].get("domain")
        assert domain == ([0, 100] if code != "exchange_events" else None)
