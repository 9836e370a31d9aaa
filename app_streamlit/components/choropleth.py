"""The shaded municipalities of the coverage map (a deck.gl GeoJsonLayer) and their legend.

Each municipality is one GeoJSON feature whose properties carry its fill colour, its raw name
(for the click that filters the page) and plain tooltip texts (shown with ``innerText``, as in
:mod:`map_view`): the measure's share and the
numbers behind it («1 из 4 ШНОР»).
"""

from __future__ import annotations

import html
import math
from typing import Any

import pydeck as pdk

from app_streamlit.components.map_view import tip_text
from labels import t
from labels.formats import fmt_number, fmt_percent
from services.maps import ShadedMap

__all__ = ["AREAS_LAYER", "area_features", "areas_layer", "shading_legend_html"]

AREAS_LAYER = "municipalities"


def _num(value: float) -> str:
    return fmt_number(value, whole=True)


def area_features(shaded: ShadedMap, selected: str | None = None) -> dict[str, Any]:
    """The municipalities with an outline as a FeatureCollection ready for deck.gl.

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> table = pd.DataFrame({"municipality": ["<М>"], "value": [0.25], "numerator": [1],
    ...     "denominator": [4], "klass": [0], "rgb": [[1, 2, 3]], "has_boundary": [True]})
    >>> sq = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    >>> m = ShadedMap("active_pair", "Доля", dt.date(2026, 1, 1), table, [25], [], {"<М>": sq})
    >>> props = area_features(m)["features"][0]["properties"]
    >>> props["tip_name"], props["tip_status"], props["fill"]
    ('<М>', 'Доля: 25 % (1 из 4)', [1, 2, 3, 170])
    """
    features = []
    rows = {r["municipality"]: r for r in shaded.table.to_dict("records")}
    for muni, geom in shaded.outlines.items():
        row = rows[muni]
        value = float(row["value"])
        if math.isnan(value):
            status = shaded.legend[-1][0]  # the no-data entry of the measure
        else:
            status = t(
                "maps.tip.share",
                title=shaded.title,
                pct=fmt_percent(value),
                num=_num(float(row["numerator"])),
                den=_num(float(row["denominator"])),
            )
        alpha = 230 if muni == selected else 170
        features.append(
            {
                "type": "Feature",
                "geometry": geom,
                "properties": {
                    "municipality": muni,
                    "fill": [*row["rgb"], alpha],
                    "line": [20, 20, 20, 255] if muni == selected else [90, 90, 90, 200],
                    "tip_name": tip_text(muni),
                    "tip_place": tip_text(t("maps.tip.click")),
                    "tip_status": tip_text(status),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def areas_layer(shaded: ShadedMap, selected: str | None = None) -> pdk.Layer:
    """The municipalities as a pickable GeoJsonLayer (under the pairs and the schools)."""
    return pdk.Layer(
        "GeoJsonLayer",
        area_features(shaded, selected),
        id=AREAS_LAYER,
        get_fill_color="properties.fill",
        get_line_color="properties.line",
        get_line_width=1,
        line_width_min_pixels=1,
        stroked=True,
        filled=True,
        pickable=True,
        auto_highlight=True,
        highlight_color=[255, 255, 255, 60],
    )


def shading_legend_html(shaded: ShadedMap) -> str:
    """The classes of the measure as colour swatches, with the measure as the heading."""
    parts = [
        f'<span style="display:inline-flex;align-items:center;gap:5px;margin-right:14px;">'
        f'<span style="display:inline-block;width:16px;height:12px;border:1px solid #555;'
        f'background:rgb({r},{g},{b});"></span>{html.escape(text)}</span>'
        for text, (r, g, b) in shaded.legend
    ]
    head = f"<b>{html.escape(shaded.title)}</b>: "
    return '<div style="font-size:13px;line-height:1.9;">' + head + "".join(parts) + "</div>"
