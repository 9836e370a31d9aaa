"""The base map: configuration, and the app's own tile server for MBTiles and PMTiles files."""

from __future__ import annotations

import json
import sqlite3
import urllib.request
from pathlib import Path

import pytest

from services.errors import UserError
from services.tiles import Basemap, TileServer, basemap_from_env, basemap_style_url

TILE = b"\x89PNG\r\n\x1a\n" + b"tile-1-0-0"


def _mbtiles(path: Path, fmt: str = "png") -> Path:
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE metadata (name TEXT, value TEXT);"
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,"
        " tile_data BLOB);"
    )
    meta = [("format", fmt), ("name", "t"), ("minzoom", "0"), ("maxzoom", "1")]
    db.executemany("INSERT INTO metadata VALUES (?, ?)", meta)
    # XYZ (z=1, x=0, y=0) is TMS row 1: the north-west tile.
    db.execute("INSERT INTO tiles VALUES (1, 0, 1, ?)", (TILE,))
    db.commit()
    db.close()
    return path


def _get(url: str) -> tuple[int, bytes, str]:
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.status, r.read(), r.headers.get("Access-Control-Allow-Origin", "")


def test_configuration() -> None:
    assert basemap_from_env({"SCHOOLNET_BASEMAP": "  "}) is None
    local = basemap_from_env({"SCHOOLNET_BASEMAP": "/srv/maps/region.pmtiles"})
    assert local == Basemap("file", "/srv/maps/region.pmtiles")
    with pytest.raises(UserError, match="не распознана"):
        basemap_from_env({"SCHOOLNET_BASEMAP": "region.tif"})
    style = Basemap("style", "https://maps.region.ru/style.json")
    assert basemap_style_url(None, style, "app:8501") == style.source
    assert basemap_style_url(None, None, "app:8501") is None


@pytest.mark.parametrize("kind", ["mbtiles", "pmtiles"])
def test_the_app_serves_tiles_from_a_file(tmp_path: Path, kind: str) -> None:
    source = _mbtiles(tmp_path / "region.mbtiles")
    if kind == "pmtiles":
        from pmtiles.convert import mbtiles_to_pmtiles

        mbtiles_to_pmtiles(str(source), str(tmp_path / "region.pmtiles"), 1)
        source = tmp_path / "region.pmtiles"
    server = TileServer(Basemap("file", str(source), "© тест"))
    try:
        url = basemap_style_url(server, server.basemap, "localhost:8501")
        assert url == f"http://localhost:{server.port}/style.json"
        status, body, cors = _get(url)
        style = json.loads(body)
        assert status == 200 and cors == "*"
        tiles = style["sources"]["base"]["tiles"][0]
        assert tiles == f"http://localhost:{server.port}/tiles/{{z}}/{{x}}/{{y}}"
        assert style["sources"]["base"]["attribution"] == "© тест"
        base = f"http://127.0.0.1:{server.port}"
        assert _get(f"{base}/tiles/1/0/0")[:2] == (200, TILE)
        assert _get(f"{base}/tiles/1/1/1")[0] == 204  # no such tile: nothing, no error
        with pytest.raises(urllib.error.HTTPError):
            _get(f"{base}/etc/passwd")
    finally:
        server.close()


def test_a_tile_server_template_gets_a_style(tmp_path: Path) -> None:
    server = TileServer(Basemap("template", "https://tiles.region.ru/{z}/{x}/{y}.png"))
    try:
        _, body, _ = _get(f"http://127.0.0.1:{server.port}/style.json")
        assert json.loads(body)["sources"]["base"]["tiles"] == [
            "https://tiles.region.ru/{z}/{x}/{y}.png"
        ]
    finally:
        server.close()


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda p: _mbtiles(p / "v.mbtiles", "pbf"), "векторные плитки"),
        (lambda p: (p / "x.mbtiles").write_bytes(b"not sqlite") and p / "x.mbtiles", "не читается"),
        (lambda p: p / "none.pmtiles", "не найден"),
    ],
)
def test_bad_tile_files_are_clear_errors(tmp_path: Path, make, needle: str) -> None:
    path = make(tmp_path)
    with pytest.raises(UserError, match=needle):
        TileServer(Basemap("file", str(path)))
