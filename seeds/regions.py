"""The demo country as its regions' own files: one folder per region, as regions send them.

A country's first load into Neo4j (``schoolnet neo4j-import-files --parts``) validates one
folder at a time, so memory holds one region, not the country. Every row goes to the folder of
its region; what belongs to no single region goes to the first folder (the programme's road map
and the country-wide targets: later regions' events refer to the road map) or, for travel times
between schools of two regions, to a last folder ``between-regions`` (validated after every
region, so both schools are known by then).

The demo's ids carry their region's two-digit code (``0101001`` a school, ``T0101001-001`` a
teacher, ``A01-0001``, ``C01-0001``, ``E01-00001``, ``P01-0001``): rows are split by it.

Examples
--------
>>> region_code("T0101001-001"), region_code("0132016"), region_code("E07-00001")
('01', '01', '07')
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from seeds.demo import SHEET_COLUMNS, DemoData, _write

__all__ = ["BETWEEN_REGIONS", "region_code", "write_csv_by_region"]

BETWEEN_REGIONS = "between-regions"

# The column whose id says a row's region, per sheet.
_REGION_COLUMN = {
    "schools": "school_id",
    "results": "school_id",
    "teachers": "school_id",
    "curators": "curator_id",
    "associations": "association_id",
    "memberships": "teacher_id",
    "events": "event_id",
    "participation": "event_id",
    "partnerships": "partnership_id",
    "staffing": "school_id",
}
_COUNTRY_WIDE = ("targets", "roadmap")  # in the first region's folder, or their municipality's
_CODE = re.compile(r"\d{2}")


def region_code(id_: str) -> str:
    """The two-digit region code a demo id starts with (after its letter, if any)."""
    found = _CODE.search(str(id_))
    return found.group(0) if found else ""


def _codes(column: pd.Series) -> pd.Series:
    return column.astype(str).str.extract(r"(\d{2})", expand=False).fillna("")


def _boundaries_by_region(data: DemoData, names: dict[str, str]) -> dict[str, bytes]:
    if data.boundaries is None:
        return {}
    collection = json.loads(data.boundaries)
    by_name = {name: code for code, name in names.items()}
    out: dict[str, list[dict[str, object]]] = {}
    for feature in collection["features"]:
        code = by_name.get(str(feature["properties"].get("region")), "")
        out.setdefault(code, []).append(feature)
    return {
        code: json.dumps({**collection, "features": features}, ensure_ascii=False).encode()
        for code, features in out.items()
    }


def write_csv_by_region(data: DemoData, out_dir: Path) -> list[Path]:
    """Write one folder per region (``<code>/<sheet>.csv``, its ``municipalities.geojson``),
    then ``between-regions/travel_times.csv``; return the folders in load order."""
    out_dir = Path(out_dir)
    schools = data.sheets["schools"]
    names = dict(zip(_codes(schools["school_id"]), schools["region"].astype(str), strict=True))
    codes = sorted(names)
    split = {
        sheet: dict(tuple(frame.groupby(_codes(frame[_REGION_COLUMN[sheet]]), sort=False)))
        for sheet, frame in data.sheets.items()
        if sheet in _REGION_COLUMN
    }
    muni_code = dict(zip(schools["municipality"], _codes(schools["school_id"]), strict=True))
    for sheet in _COUNTRY_WIDE:
        frame = data.sheets[sheet]
        code = frame["municipality"].map(muni_code).fillna(codes[0] if codes else "")
        split[sheet] = dict(tuple(frame.groupby(code, sort=False)))
    travel = data.travel if data.travel is not None else pd.DataFrame()
    if not travel.empty:
        a, b = _codes(travel["school_id"]), _codes(travel["other_school_id"])
        inside = dict(tuple(travel[a == b].groupby(a[a == b], sort=False)))
        between = travel[a != b]
    else:
        inside, between = {}, travel
    outlines = _boundaries_by_region(data, names)
    folders = []
    for code in codes:
        folder = out_dir / code
        folder.mkdir(parents=True, exist_ok=True)
        for sheet in SHEET_COLUMNS:
            rows = split[sheet].get(code)
            if rows is not None and not rows.empty:
                _write(rows, folder / f"{sheet}.csv")
        if code in inside:
            _write(inside[code], folder / "travel_times.csv")
        if code in outlines:
            (folder / "municipalities.geojson").write_bytes(outlines[code])
        folders.append(folder)
    if not between.empty:
        folder = out_dir / BETWEEN_REGIONS
        folder.mkdir(parents=True, exist_ok=True)
        _write(between, folder / "travel_times.csv")
        folders.append(folder)
    return folders
