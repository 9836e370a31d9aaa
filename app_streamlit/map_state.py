"""Cached calls of the map services (shaded map, paper map, base map) for the coverage page.

The same pattern as :mod:`app_streamlit.state`: every read is keyed on the store's
``data_version()``; the base map's tile server is one per app process (``cache_resource``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from app_streamlit import state

__all__ = ["basemap_style", "map_image", "measure_codes", "shaded_map", "small_multiples"]


def measure_codes() -> list[str]:
    """The measures the map can be shaded by."""
    from services.maps import measure_codes as service

    return service()


@st.cache_data(show_spinner=False, max_entries=16)
def _shaded(version: str, measure: str, scheme: str, day: dt.date) -> Any:
    from services.maps import shaded_map as service

    return service(state.store(), measure, state.DEFAULT_SETTINGS, day, scheme)


def shaded_map(measure: str, scheme: str = "quantiles") -> Any:
    """Municipalities shaded by ``measure`` (``ShadedMap``)."""
    return _shaded(state._version(), measure, scheme, dt.date.today())


@st.cache_data(show_spinner=False, max_entries=8)
def _image(version: str, measure: str, fmt: str, scheme: str, day: dt.date) -> bytes:
    from services.map_paper import map_image as service

    return service(state.store(), measure, fmt, state.DEFAULT_SETTINGS, day, scheme)


def map_image(measure: str, fmt: str, scheme: str = "quantiles") -> bytes:
    """The map on paper (PNG or PDF bytes)."""
    return _image(state._version(), measure, fmt, scheme, dt.date.today())


@st.cache_data(show_spinner=False, max_entries=4)
def _multiples(version: str, day: dt.date) -> bytes:
    from services.map_paper import small_multiples_png as service

    return service(state.store(), None, state.DEFAULT_SETTINGS, day)


def small_multiples() -> bytes:
    """One small map per measure (PNG)."""
    return _multiples(state._version(), dt.date.today())


@st.cache_resource(show_spinner=False)
def _tile_server() -> Any:
    import os

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
