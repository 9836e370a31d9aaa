"""The coverage map: schools as WebGL points, partnerships as lines (pydeck / deck.gl).

Thousands of folium markers take seconds to draw; one deck.gl ScatterplotLayer draws a whole
region or country at once. The points and lines are drawn by deck.gl on their own canvas; the
base map is only the one configured (:mod:`services.tiles`), never a service on the internet.

Tooltips are plain text (deck.gl's ``text`` tooltip sets ``innerText``): names show exactly as
written, and no text from the data is ever read as HTML. (An ``html`` tooltip would need the
texts escaped, and Streamlit escapes interpolated values itself: escaping here as well showed
``&quot;`` in the names.)
"""

from __future__ import annotations

import html
import math
from typing import Any

import pandas as pd
import pydeck as pdk

from labels import t

__all__ = [
    "ACTIVITY_RGB",
    "LOW_WITHOUT_PARTNER_RGB",
    "MAX_POINTS",
    "MUNICIPALITY_LAYER",
    "SHARE_RGB",
    "STATUS_RGB",
    "aggregated",
    "coverage_deck",
    "legend_html",
    "municipality_frame",
    "point_frame",
    "share_legend_html",
    "tip_text",
    "view_state",
]

STATUS_RGB: dict[str, list[int]] = {
    "low": [214, 39, 40],
    "strong": [44, 160, 44],
    "resilient": [23, 190, 207],
    "regular": [127, 140, 141],
    "insufficient_data": [190, 190, 190],
}
ACTIVITY_RGB: dict[str, list[int]] = {
    "active": [44, 160, 44],
    "dormant": [255, 127, 14],
    "not_started": [120, 120, 120],
}
LOW_WITHOUT_PARTNER_RGB = [0, 0, 0]
# Above this many schools the map draws one circle per municipality instead: 40,000 points
# are megabytes of JSON to the browser on every rerun and a blur at country zoom.
MAX_POINTS = 5000
MUNICIPALITY_LAYER = "municipalities-aggregated"
# Share of low-result schools without a partner: none, up to a third, more.
SHARE_RGB: dict[str, list[int]] = {
    "none": [44, 160, 44],
    "some": [255, 165, 0],
    "many": [214, 39, 40],
}
_TOOLTIP = {
    "text": "{tip_name}\n{tip_place}\n{tip_status}",
    "style": {"backgroundColor": "#ffffff", "color": "#222222", "fontSize": "12px"},
}


def tip_text(value: Any) -> str:
    """The text of a tooltip field: as written (the tooltip is plain text), blank when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _label(prefix: str, value: Any) -> str:
    key = f"{prefix}{value}"
    text = t(key)
    return str(value) if text == key else text


def point_frame(schools: pd.DataFrame) -> pd.DataFrame:
    """The drawable schools (with coordinates), with colours and plain tooltip texts.

    Examples
    --------
    >>> df = pd.DataFrame({"school_id": ["1"], "name": ["<b>x</b>"], "municipality": ["М"],
    ...     "lat": [51.8], "lon": [107.6], "status": ["low"], "unfavourable": [False],
    ...     "has_partner": [False], "is_low_without_partner": [True]})
    >>> point_frame(df).loc[0, "tip_name"]
    '<b>x</b>'
    """
    pts = schools.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    alone = pts["is_low_without_partner"].fillna(False).astype(bool)
    fill: list[Any] = [[*STATUS_RGB.get(str(s), [150, 150, 150]), 220] for s in pts["status"]]
    line: list[Any] = [
        [*LOW_WITHOUT_PARTNER_RGB, 255] if a else [255, 255, 255, 200] for a in alone
    ]
    pts = pts.assign(
        fill=fill,
        line=line,
        radius=[2600 if a else 1500 for a in alone],
        tip_name=[tip_text(n) for n in pts["name"]],
        tip_place=[tip_text(m) for m in pts["municipality"]],
        tip_status=[
            tip_text(
                _label("status.", s)
                + (f" · {t('ui.map.low_without_partner')}" if a else "")
                + (f" · {t('ui.map.unfavourable')}" if u else "")
            )
            for s, a, u in zip(pts["status"], alone, pts["unfavourable"].fillna(False), strict=True)
        ],
    )
    # Only what deck.gl draws travels to the browser: raw texts stay on the server.
    return pts[["school_id", "lat", "lon", "fill", "line", "radius", *_TIPS]]


_TIPS = ["tip_name", "tip_place", "tip_status"]


def _line_frame(links: pd.DataFrame) -> pd.DataFrame:
    cols = ["tutor_lat", "tutor_lon", "mentee_lat", "mentee_lon"]
    lines = links.dropna(subset=cols).reset_index(drop=True)
    colour: list[Any] = [
        [*ACTIVITY_RGB.get(str(a), [120, 120, 120]), 200] for a in lines["activity"]
    ]
    lines = lines.assign(
        colour=colour,
        tip_name=[tip_text(t("label.Partnership")) for _ in range(len(lines))],
        tip_place=[
            tip_text(f"{row.get('tutor_name', '')} → {row.get('mentee_name', '')}")
            if "tutor_name" in lines.columns
            else ""
            for row in lines.to_dict("records")
        ],
        tip_status=[tip_text(_label("activity.", a)) for a in lines["activity"]],
    )
    return lines[[*cols, "colour", *_TIPS]]


def _share_class(alone: int, low: int) -> str:
    if alone == 0:
        return "none"
    return "many" if alone * 3 > low else "some"


def municipality_frame(schools: pd.DataFrame) -> pd.DataFrame:
    """One drawable circle per municipality: the centre of its schools with coordinates, how
    many schools, low-result schools and those without a partner, colour and tooltip texts.

    Examples
    --------
    >>> df = pd.DataFrame({"school_id": ["1", "2", "3"], "municipality": ["А", "А", "Б"],
    ...     "lat": [50.0, 52.0, 55.0], "lon": [30.0, 32.0, 37.0], "is_low": [True, True, False],
    ...     "is_low_without_partner": [True, False, False]})
    >>> municipality_frame(df)[["municipality", "lat", "n", "low", "alone"]].values.tolist()
    [['А', 51.0, 2, 2, 1], ['Б', 55.0, 1, 0, 0]]
    """
    pts = schools.dropna(subset=["lat", "lon"])
    low = pts["is_low"] if "is_low" in pts.columns else pts["is_low_without_partner"]
    grouped = pts.assign(
        low=low.fillna(False).astype(bool),
        alone=pts["is_low_without_partner"].fillna(False).astype(bool),
    ).groupby("municipality", sort=True)
    out = grouped.agg(
        lat=("lat", "mean"),
        lon=("lon", "mean"),
        n=("school_id", "size"),
        low=("low", "sum"),
        alone=("alone", "sum"),
    ).reset_index()
    classes = [_share_class(int(a), int(w)) for a, w in zip(out["alone"], out["low"], strict=True)]
    fill: list[Any] = [[*SHARE_RGB[c], 200] for c in classes]
    return out.assign(
        n=out["n"].astype(int),
        low=out["low"].astype(int),
        alone=out["alone"].astype(int),
        fill=fill,
        radius=[1200.0 * math.sqrt(n) for n in out["n"]],
        tip_name=[tip_text(m) for m in out["municipality"]],
        tip_place=[
            t("scale.map.tip_schools", n=int(n), low=int(w), alone=int(a))
            for n, w, a in zip(out["n"], out["low"], out["alone"], strict=True)
        ],
        tip_status=[t(f"scale.map.share_{c}") for c in classes],
    )


def view_state(points: pd.DataFrame) -> pdk.ViewState:
    """A view that frames every point (the centre of Russia when there is none)."""
    if points.empty:
        return pdk.ViewState(latitude=56.0, longitude=60.0, zoom=3)
    lat0, lat1 = float(points["lat"].min()), float(points["lat"].max())
    lon0, lon1 = float(points["lon"].min()), float(points["lon"].max())
    span = max(lat1 - lat0, (lon1 - lon0) * math.cos(math.radians((lat0 + lat1) / 2)), 0.05)
    zoom = max(2.0, min(12.0, math.log2(180.0 / span)))
    return pdk.ViewState(latitude=(lat0 + lat1) / 2, longitude=(lon0 + lon1) / 2, zoom=zoom)


def coverage_deck(
    schools: pd.DataFrame,
    links: pd.DataFrame,
    *,
    map_style: str | None = None,
    show_links: bool = True,
    under: list[pdk.Layer] | None = None,
) -> pdk.Deck:
    """The map: ``under`` (e.g. shaded municipalities), partnership lines, school points.

    ``map_style`` is the configured base map's style URL (:mod:`services.tiles`); without one
    there is no base map at all and the browser loads nothing from elsewhere (Streamlit would
    otherwise put CARTO's map under a deck without a style).

    More than :data:`MAX_POINTS` schools are drawn as one circle per municipality
    (:func:`municipality_frame`, layer :data:`MUNICIPALITY_LAYER`), without the lines.
    """
    layers: list[pdk.Layer] = list(under or [])
    if aggregated(schools):
        circles = municipality_frame(schools)
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                circles[
                    ["municipality", "lat", "lon", "n", "low", "alone", "fill", "radius", *_TIPS]
                ],
                id=MUNICIPALITY_LAYER,
                get_position=["lon", "lat"],
                get_fill_color="fill",
                get_radius="radius",
                radius_min_pixels=3,
                radius_max_pixels=40,
                stroked=False,
                pickable=True,
            )
        )
        return _deck(layers, view_state(circles), map_style)
    pts = point_frame(schools)
    if show_links and not links.empty:
        layers.append(
            pdk.Layer(
                "LineLayer",
                _line_frame(links),
                id="partnerships",
                get_source_position=["tutor_lon", "tutor_lat"],
                get_target_position=["mentee_lon", "mentee_lat"],
                get_color="colour",
                get_width=2,
                width_min_pixels=1,
                pickable=True,
            )
        )
    layers.append(
        pdk.Layer(
            "ScatterplotLayer",
            pts,
            id="schools",
            get_position=["lon", "lat"],
            get_fill_color="fill",
            get_line_color="line",
            get_radius="radius",
            radius_min_pixels=3,
            radius_max_pixels=14,
            stroked=True,
            line_width_min_pixels=1,
            pickable=True,
        )
    )
    return _deck(layers, view_state(pts), map_style)


def _deck(layers: list[pdk.Layer], view: pdk.ViewState, map_style: str | None) -> pdk.Deck:
    """The map: no base map provider (a closed network), the tooltip, and a base map style only
    when one is configured (pydeck's own "no style" sentinel is the only value Streamlit draws
    nothing under)."""
    deck = pdk.Deck(layers=layers, initial_view_state=view, map_provider=None, tooltip=_TOOLTIP)
    if map_style is not None:
        deck.map_style = map_style
    return deck


def aggregated(schools: pd.DataFrame) -> bool:
    """Whether the map draws ``schools`` as municipalities (too many points)."""
    return int(schools[["lat", "lon"]].notna().all(axis=1).sum()) > MAX_POINTS


def _swatch(rgb: list[int], text: str, *, ring: bool = False, bar: bool = False) -> str:
    colour = f"rgb({rgb[0]},{rgb[1]},{rgb[2]})"
    shape = (
        f"display:inline-block;width:18px;height:4px;background:{colour};"
        if bar
        else f"display:inline-block;width:11px;height:11px;border-radius:50%;background:{colour};"
        + ("outline:2px solid #000;" if ring else "")
    )
    return (
        f'<span style="display:inline-flex;align-items:center;gap:5px;margin-right:14px;">'
        f'<span style="{shape}"></span>{html.escape(text)}</span>'
    )


def legend_html() -> str:
    """The map's legend: status colours, the ШНОР-without-partner ring, activity lines."""
    parts = [_swatch(rgb, _label("status.", s)) for s, rgb in STATUS_RGB.items()]
    parts.append(_swatch(STATUS_RGB["low"], t("ui.map.low_without_partner"), ring=True))
    parts += [_swatch(rgb, _label("activity.", a), bar=True) for a, rgb in ACTIVITY_RGB.items()]
    return '<div style="font-size:13px;line-height:1.9;">' + "".join(parts) + "</div>"


def share_legend_html() -> str:
    """The legend of the municipality circles: their colours by share without a partner."""
    parts = [_swatch(rgb, t(f"scale.map.share_{c}")) for c, rgb in SHARE_RGB.items()]
    return '<div style="font-size:13px;line-height:1.9;">' + "".join(parts) + "</div>"
