"""Charts (Altair, bundled with Streamlit: no script is fetched from the internet)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from labels import t

__all__ = ["bar_chart", "indicator_lines", "series_chart", "wide_lines"]


def series_chart(
    frame: pd.DataFrame,
    *,
    x: str = "year",
    series: str = "series",
    value: str = "value",
    names: Mapping[str, str] | None = None,
    y_title: str = "",
    height: int = 260,
) -> alt.Chart:
    """Lines of ``value`` over ``x``, one per ``series`` (names translated with ``names``).

    Examples
    --------
    >>> df = pd.DataFrame({"year": [2023, 2024], "series": ["a", "a"], "value": [1.0, 2.0]})
    >>> series_chart(df).to_dict()["mark"]["type"]
    'line'
    """
    data = frame[[x, series, value]].dropna(subset=[value]).copy()
    data[series] = [str((names or {}).get(str(s), s)) for s in data[series]]
    data[x] = data[x].astype(str)
    legend_title = t("ui.chart.series")
    # Many lines (subjects × grades × the band's median): a legend below would squeeze the
    # plot to nothing inside Streamlit's fixed-height frame, so it goes to the right.
    many = data[series].nunique() > 4
    legend = (
        alt.Legend(orient="right", labelLimit=260)
        if many
        else alt.Legend(orient="bottom", direction="vertical", labelLimit=500)
    )
    return (
        alt.Chart(data, height=height)
        .mark_line(point=True)
        .encode(
            x=alt.X(f"{x}:O", title=t("ui.chart.year"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"{value}:Q", title=y_title),
            color=alt.Color(
                f"{series}:N",
                title=legend_title,
                legend=legend,
            ),
            tooltip=[
                alt.Tooltip(f"{x}:O", title=t("ui.chart.year")),
                alt.Tooltip(f"{series}:N", title=legend_title),
                alt.Tooltip(f"{value}:Q", title=y_title or t("ui.chart.value"), format=".2f"),
            ],
        )
    )


def wide_lines(
    frame: pd.DataFrame, columns: Mapping[str, str], *, x: str = "year", y_title: str = ""
) -> alt.Chart:
    """Lines for several columns of a wide frame; ``columns`` maps column → legend name."""
    present = [c for c in columns if c in frame.columns]
    long = frame.melt(id_vars=[x], value_vars=present, var_name="series", value_name="value")
    return series_chart(long, x=x, names=columns, y_title=y_title)


def bar_chart(
    frame: pd.DataFrame, category: str, value: str, *, title: str = "", height: int = 220
) -> alt.Chart:
    """Horizontal bars of ``value`` by ``category`` (already translated)."""
    return (
        alt.Chart(frame, height=height)
        .mark_bar()
        .encode(
            y=alt.Y(f"{category}:N", title="", sort="-x", axis=alt.Axis(labelLimit=320)),
            x=alt.X(f"{value}:Q", title=title, axis=alt.Axis(format="d", tickMinStep=1)),
            tooltip=[
                alt.Tooltip(f"{category}:N", title=""),
                alt.Tooltip(f"{value}:Q", title=title),
            ],
        )
    )


def indicator_lines(view: Any) -> list[alt.Chart]:
    """One chart per monitoring indicator with a value (``view``: a
    :class:`services.monitoring.MonitoringView`): its value by school year and its target,
    as the report's pictures show them, drawn by the browser.

    Counts (``exchange_events``) get their own scale; shares run from 0 to 100.
    """
    charts = []
    value_name, target_name = t("monitoring.col.value"), t("monitoring.col.target")
    for code, name in zip(view.table["indicator"], view.table["name"], strict=True):
        rows = view.trend[view.trend["indicator"] == code].sort_values("year")
        if not rows["value"].notna().any():
            continue
        labels = [f"{y - 1}/{str(y)[-2:]}" for y in rows["year"]]
        long = pd.concat(
            [
                pd.DataFrame({"year": labels, "series": value_name, "value": rows["value"]}),
                pd.DataFrame({"year": labels, "series": target_name, "value": rows["target"]}),
            ],
            ignore_index=True,
        ).dropna(subset=["value"])
        percent = code not in ("exchange_events",)
        scale = alt.Scale(domain=[0, 100]) if percent else alt.Scale(zero=True)
        chart = (
            alt.Chart(long, height=260, title=str(name))
            .mark_line(point=True)
            .encode(
                x=alt.X("year:O", title=t("ui.chart.year"), axis=alt.Axis(labelAngle=0)),
                y=alt.Y("value:Q", title="", scale=scale),
                color=alt.Color(
                    "series:N",
                    title="",
                    scale=alt.Scale(domain=[value_name, target_name], range=["#1f5fa8", "#c0392b"]),
                    # Beside the plot: below it, the legend squeezed the plot to a strip.
                    legend=alt.Legend(orient="right"),
                ),
                strokeDash=alt.StrokeDash(
                    "series:N",
                    scale=alt.Scale(domain=[value_name, target_name], range=[[1, 0], [5, 3]]),
                    legend=None,
                ),
                tooltip=[
                    alt.Tooltip("year:O", title=t("ui.chart.year")),
                    alt.Tooltip("series:N", title=""),
                    alt.Tooltip("value:Q", title=t("ui.chart.value"), format=".1f"),
                ],
            )
        )
        charts.append(chart)
    return charts
