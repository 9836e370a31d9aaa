"""The map services for the coverage page, through :func:`app_streamlit.state.read`.

Reads are cached on the store's data version and their arguments like every other read of
the app; the base map's tile server is one per app process (``cache_resource``).
"""

from __future__ import annotations

import os
from typing import Any

import streamlit as st

from app_streamlit.state import read
from services import map_paper, maps

__all__ = [
    "basemap_style",
    "map_image",
    "measure_codes",
    "measure_title",
    "shaded_map",
    "small_multiples",
]

shaded_map = read(maps.shaded_map)
map_image = read(map_paper.map_image)
small_multiples = read(map_paper.small_multiples_png)


_programme = read(maps.programme_measures)


def measure_title(code: str) -> str:
    """The name of a measure in the menu."""
    from labels import t

    if code.startswith(maps.PROGRAMME):
        return t("maps.measure.programme", name=t(f"monitoring.indicator.{code.split('.', 1)[1]}"))
    return t(f"maps.measure.{code}")


def measure_codes() -> list[str]:
    """The measures the map can be shaded by: coverage, then the programme's indicators."""
    return maps.measure_codes() + _programme()


@st.cache_resource(show_spinner=False)
def _tile_server() -> Any:
    from services.tiles import TileServer, basemap_from_env

    basemap = basemap_from_env()
    if basemap is None or basemap.kind == "style":
        return basemap, None
    address = os.environ.get("SCHOOLNET_TILES_ADDRESS", "127.0.0.1")
    port = int(os.environ.get("SCHOOLNET_TILES_PORT", "0") or 0)
    return basemap, TileServer(basemap, address, port)


def basemap_style() -> str | None:
    """The configured base map's style URL for this browser, or None (no base map)."""
    from services.tiles import basemap_style_url

    basemap, server = _tile_server()
    host = st.context.headers.get("Host", "") if st.context.headers else ""
    return basemap_style_url(server, basemap, host)
