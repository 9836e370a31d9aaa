"""The base map under the coverage map: a configured tile source, or none at all.

``SCHOOLNET_BASEMAP`` says where the base map comes from:

- unset or empty: no base map. The municipality outlines are the map, and the browser asks
  nothing of any other machine;
- ``https://…/style.json``: a MapLibre style of the region's own map server, used as it is;
- ``https://…/{z}/{x}/{y}.png``: a raster tile server (the region's own); the app serves a small
  style that points at it;
- a path to an ``.mbtiles`` or ``.pmtiles`` file of raster tiles (PNG, JPEG, WebP): the app
  serves the tiles itself from a small HTTP server in its own process, on
  ``SCHOOLNET_TILES_ADDRESS`` (default 127.0.0.1) and ``SCHOOLNET_TILES_PORT`` (default: a free
  port). The browser reaches it at the host it used for the app.

``SCHOOLNET_BASEMAP_ATTRIBUTION`` is the attribution text shown on the map (e.g. «© участники
OpenStreetMap»).

Examples
--------
>>> basemap_from_env({}) is None
True
>>> basemap_from_env({"SCHOOLNET_BASEMAP": "https://maps.example.ru/style.json"}).kind
'style'
>>> basemap_from_env({"SCHOOLNET_BASEMAP": "https://t.example.ru/{z}/{x}/{y}.png"}).kind
'template'
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from labels import t
from services.access import unguarded
from services.errors import UserError

__all__ = ["Basemap", "TileServer", "basemap_from_env", "basemap_style_url", "open_tiles"]

_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}


@dataclass(frozen=True)
class Basemap:
    """Where the base map comes from: ``kind`` is ``style``, ``template`` or ``file``."""

    kind: str
    source: str
    attribution: str = ""


@unguarded("reads the app's configuration, no data")
def basemap_from_env(env: Mapping[str, str] | None = None) -> Basemap | None:
    """The configured base map, or None (the outlines are the map; nothing leaves the machine)."""
    env = os.environ if env is None else env
    source = (env.get("SCHOOLNET_BASEMAP") or "").strip()
    attribution = (env.get("SCHOOLNET_BASEMAP_ATTRIBUTION") or "").strip()
    if not source:
        return None
    if source.startswith(("http://", "https://")):
        if all(f"{{{c}}}" in source for c in "zxy"):
            return Basemap("template", source, attribution)
        return Basemap("style", source, attribution)
    path = Path(source).expanduser()
    if path.suffix.lower() not in (".mbtiles", ".pmtiles"):
        raise UserError(t("maps.tiles.unknown_source", source=source))
    return Basemap("file", str(path), attribution)


# --- tiles from a file ----------------------------------------------------------------------------
Reader = Callable[[int, int, int], bytes | None]


def _mbtiles(path: Path) -> tuple[Reader, str]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    lock = threading.Lock()
    with lock:
        row = db.execute("SELECT value FROM metadata WHERE name = 'format'").fetchone()
    fmt = str(row[0]).lower() if row else "png"

    def read(z: int, x: int, y: int) -> bytes | None:
        with lock:  # MBTiles rows are TMS: y counts from the south
            hit = db.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? "
                "AND tile_row = ?",
                (z, x, (1 << z) - 1 - y),
            ).fetchone()
        return bytes(hit[0]) if hit else None

    return read, fmt


def _pmtiles(path: Path) -> tuple[Reader, str]:
    from pmtiles.reader import MmapSource
    from pmtiles.reader import Reader as PmReader
    from pmtiles.tile import TileType

    handle = path.open("rb")
    reader = PmReader(MmapSource(handle))
    kind = reader.header()["tile_type"]
    fmt = {TileType.PNG: "png", TileType.JPEG: "jpg", TileType.WEBP: "webp"}.get(kind, "pbf")

    def read(z: int, x: int, y: int) -> bytes | None:
        data = reader.get(z, x, y)
        return bytes(data) if data else None

    return read, fmt


@unguarded("opens the configured tile file, no data")
def open_tiles(path: str | Path) -> tuple[Reader, str]:
    """A tile reader ``(z, x, y) → bytes | None`` of a raster MBTiles/PMTiles file, its format."""
    p = Path(path)
    if not p.is_file():
        raise UserError(t("maps.tiles.missing", path=p.name))
    try:
        read, fmt = _mbtiles(p) if p.suffix.lower() == ".mbtiles" else _pmtiles(p)
    except Exception as exc:  # a broken file: sqlite3 and pmtiles raise their own kinds
        raise UserError(t("maps.tiles.broken", path=p.name)) from exc
    if fmt not in _TYPES:
        raise UserError(t("maps.tiles.vector", path=p.name, fmt=fmt))
    return read, fmt


# --- the app's own small tile server --------------------------------------------------------------
def _style(tiles: str, attribution: str) -> bytes:
    source: dict[str, Any] = {"type": "raster", "tiles": [tiles], "tileSize": 256}
    if attribution:
        source["attribution"] = attribution
    style = {
        "version": 8,
        "sources": {"base": source},
        "layers": [
            {"id": "paper", "type": "background", "paint": {"background-color": "#f4f3ef"}},
            {"id": "base", "type": "raster", "source": "base"},
        ],
    }
    return json.dumps(style, ensure_ascii=False).encode("utf-8")


class TileServer:
    """Serves ``/style.json`` and, for a file source, ``/tiles/{z}/{x}/{y}`` (a thread)."""

    def __init__(self, basemap: Basemap, address: str = "127.0.0.1", port: int = 0) -> None:
        self.basemap = basemap
        self._reader: Reader | None = None
        self._type = "image/png"
        if basemap.kind == "file":
            self._reader, fmt = open_tiles(basemap.source)
            self._type = _TYPES[fmt]
        self._httpd = ThreadingHTTPServer((address, port), self._handler())
        self._httpd.daemon_threads = True
        self.port = int(self._httpd.server_address[1])
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def _send(self, code: int, body: bytes = b"", kind: str = "text/plain") -> None:
                self.send_response(code)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "max-age=86400")
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                parts = self.path.split("?")[0].strip("/").split("/")
                if parts == ["style.json"]:
                    host = self.headers.get("Host") or f"127.0.0.1:{server.port}"
                    base = server.basemap
                    tiles = base.source if base.kind == "template" else None
                    tiles = tiles or f"http://{host}/tiles/{{z}}/{{x}}/{{y}}"
                    self._send(200, _style(tiles, base.attribution), "application/json")
                    return
                if len(parts) == 4 and parts[0] == "tiles" and server._reader is not None:
                    try:
                        z, x, y = (int(p.split(".")[0]) for p in parts[1:])
                    except ValueError:
                        self._send(400)
                        return
                    data = server._reader(z, x, y)
                    self._send(200, data, server._type) if data else self._send(204)
                    return
                self._send(404)

        return Handler


@unguarded("the address of the configured base map, no data")
def basemap_style_url(server: TileServer | None, basemap: Basemap | None, host: str) -> str | None:
    """The style URL the browser loads, given the host name it reached the app by."""
    if basemap is None:
        return None
    if basemap.kind == "style":
        return basemap.source
    if server is None:
        return None
    name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return f"http://{name or '127.0.0.1'}:{server.port}/style.json"
