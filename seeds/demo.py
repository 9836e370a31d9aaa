"""The deterministic demo region: every import sheet of a fictional region, ready to load.

``generate(size, seed, as_of)`` builds the sheets of DESIGN.md "Import format" for a fictional
region (or country) — schools with places and social conditions, three years of ВПР/ОГЭ/ЕГЭ
results, teachers, curators, associations, events over the two years before ``as_of`` and the
partnerships of tutor and weak schools — plus the hidden truth the results were drawn from.
The same (size, seed, as_of) gives the same data, and :func:`write_csv` the same bytes.

Sizes: ``small`` is one rural district like Иволгинский район (18 schools: 13 secondary,
3 basic, 1 primary, 1 evening; ~450 teachers; 3 on the official ШНОР list); ``region`` is
a region of ~1,500 schools in 30 municipalities; ``country`` is ~40,000 schools in ~1,000
municipalities of 27 regions.

Examples
--------
>>> data = generate("small", seed=7, as_of=dt.date(2026, 11, 23))
>>> len(data.sheets["schools"]), sorted(data.sheets) == sorted(SHEET_COLUMNS)
(18, True)
>>> sorted(data.sheets["results"]["year"].unique().tolist())
[2024, 2025, 2026]
>>> list(data.truth.columns)
['school_id', 'quality', 'made_weak', 'made_strong']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from seeds.events import build_events
from seeds.geography import municipality_outlines, travel_times
from seeds.monitoring import link_events, roadmap_sheet, staffing_sheet, targets_sheet
from seeds.network import (
    associations_sheet,
    build_associations,
    build_memberships,
    build_partnerships,
    partnership_boost,
    partnerships_sheet,
)
from seeds.results import build_results, result_years
from seeds.schools import SIZE_SPECS, SizeSpec, World, build_world, schools_sheet
from seeds.sheet_frames import frame
from seeds.staff import build_curators, build_staff, teachers_sheet

__all__ = [
    "SHEET_COLUMNS",
    "SIZES",
    "DemoData",
    "generate",
    "write_csv",
    "write_truth",
]

SIZES: tuple[str, ...] = ("small", "region", "country")

# The sheets in import order with their columns, exactly as DESIGN.md names them.
SHEET_COLUMNS: dict[str, tuple[str, ...]] = {
    "schools": (
        "school_id", "name", "municipality", "region", "settlement_type", "level", "lat",
        "lon", "students", "teachers", "share_low_income", "share_parents_higher_ed",
        "share_special_needs", "share_non_native", "share_single_parent", "social_index",
        "official_low_results", "official_unfavourable", "official_tutor", "tutor_capacity",
    ),
    "results": (
        "school_id", "year", "assessment", "subject", "grade", "metric", "value", "participants",
    ),
    "teachers": (
        "teacher_id", "full_name", "school_id", "subjects", "category", "experience_years",
        "deficits",
    ),
    "curators": ("curator_id", "full_name", "organisation", "schools"),
    "associations": ("association_id", "name", "kind", "subject", "municipality"),
    "memberships": ("teacher_id", "association_id"),
    "events": (
        "event_id", "title", "kind", "date", "subject", "format", "organizer_id", "municipality",
        "partnership_id", "roadmap_item_id",
    ),
    "participation": ("event_id", "teacher_id", "role"),
    "partnerships": (
        "partnership_id", "tutor_school_id", "mentee_school_id", "status", "start_date",
        "end_date", "focus_subjects",
    ),
    "staffing": (
        "school_id", "year", "positions", "filled", "vacancies", "vacancy_subjects",
        "psychologists", "speech_therapists", "defectologists", "social_pedagogues",
    ),
    "targets": ("indicator", "municipality", "year", "value"),
    "roadmap": (
        "item_id", "activity", "section", "deadline", "periodicity", "responsible",
        "expected_result", "status", "municipality",
    ),
}  # fmt: skip


@dataclass
class DemoData:
    """The generated sheets, the latent truth behind them and the date they are relative to.

    Cells hold plain values: str, int, float, bool, ``datetime.date``; lists are ``;``-joined
    strings as in the files; a missing value is NaN / None / ``pd.NA``.
    ``truth`` has one row per school: ``school_id``, ``quality`` (the latent school effect on
    results), ``made_weak`` and ``made_strong`` (drawn as persistently weak / strong).
    """

    sheets: dict[str, pd.DataFrame]
    truth: pd.DataFrame
    as_of: dt.date
    boundaries: bytes | None = None  # municipalities.geojson
    travel: pd.DataFrame | None = None  # travel_times.csv


def _travel(world: World, seed: int) -> pd.DataFrame:
    """Travel times of the pairs a planner may consider: a school that may need a tutor and
    one that may be a tutor, within 100 km."""
    needs = world.made_weak | world.official_low
    gives = (world.made_strong | world.official_tutor) & ~needs
    rows = travel_times(world.lat, world.lon, world.school_id, needs, gives, seed)
    return pd.DataFrame(rows, columns=["school_id", "other_school_id", "mode", "minutes"])


def _boundaries(world: World) -> bytes:
    from shapely.geometry import mapping

    from loaders.boundaries import boundaries_geojson, canonical_geometry

    outlines = municipality_outlines(world.lat, world.lon, world.muni, world.region)
    rows = [
        (
            world.muni_name[m],
            world.region_name[int(world.muni_region[m])],
            canonical_geometry(mapping(g))[0],
        )
        for m, g in outlines.items()
    ]
    return boundaries_geojson(rows)


def generate(
    size: str | SizeSpec = "small", seed: int = 42, as_of: dt.date | None = None
) -> DemoData:
    """Generate the demo data of a size (one of :data:`SIZES`, or a custom ``SizeSpec``).

    ``as_of`` (default: today) anchors everything in time: results cover the three last
    complete school years, events the two years before it. The output depends only on
    (size, seed, as_of).
    """
    if isinstance(size, str):
        if size not in SIZE_SPECS:
            raise ValueError(f"unknown demo size {size!r}; expected one of {', '.join(SIZES)}")
        spec = SIZE_SPECS[size]
    else:
        spec = size
    as_of = as_of if as_of is not None else dt.date.today()

    world = build_world(spec, seed)
    staff = build_staff(world, seed)
    associations = build_associations(world)
    pships = build_partnerships(world, as_of, seed)
    years = result_years(as_of)
    boost = partnership_boost(world, pships, years)
    results = build_results(world, years, seed, boost, spec.vpr_grades, spec.electives)
    paired = np.zeros(world.n, bool)
    paired[pships.tutor + pships.mentee] = True
    memberships = build_memberships(world, staff, associations, paired, seed)
    events, participation = build_events(world, staff, associations, pships, as_of, seed)
    roadmap = roadmap_sheet(as_of, seed)
    events["roadmap_item_id"] = link_events(events, roadmap)
    school_years = [*years, years[-1] + 1] if years[-1] < as_of.year + (as_of.month >= 9) else years

    sheets = {
        "schools": schools_sheet(world),
        "results": results,
        "teachers": teachers_sheet(world, staff),
        "curators": build_curators(world, seed),
        "associations": associations_sheet(associations),
        "memberships": memberships,
        "events": events,
        "participation": participation,
        "partnerships": partnerships_sheet(world, pships),
        "staffing": staffing_sheet(world, school_years[-3:], seed),
        "targets": targets_sheet(world, school_years[-3:], seed),
        "roadmap": roadmap,
    }
    for name, columns in SHEET_COLUMNS.items():
        if tuple(sheets[name].columns) != columns:
            raise RuntimeError(f"sheet {name} has columns {list(sheets[name].columns)}")
    truth = frame(
        {
            "school_id": world.school_id,
            "quality": np.round(world.quality, 4),
            "made_weak": world.made_weak,
            "made_strong": world.made_strong,
        }
    )
    return DemoData(
        sheets=sheets,
        truth=truth,
        as_of=as_of,
        boundaries=_boundaries(world),
        travel=_travel(world, seed),
    )


def _csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Booleans as true/false; everything else is written as pandas writes it."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_bool_dtype(out[col].dtype):
            out[col] = np.where(out[col].to_numpy(), "true", "false")
    return out


def _write(df: pd.DataFrame, path: Path) -> None:
    _csv_frame(df).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def write_csv(data: DemoData, out_dir: Path) -> list[Path]:
    """Write one UTF-8, comma-separated ``<sheet>.csv`` per sheet; return their paths.

    Lists are ``;``-joined, booleans ``true``/``false``, dates ISO, missing cells empty. The
    municipality outlines go to ``municipalities.geojson``, the travel times of the pairs a
    planner may consider to ``travel_times.csv``. The truth is not written here
    (see :func:`write_truth`).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in SHEET_COLUMNS:
        path = out_dir / f"{name}.csv"
        _write(data.sheets[name], path)
        paths.append(path)
    if data.travel is not None:
        path = out_dir / "travel_times.csv"
        _write(data.travel, path)
        paths.append(path)
    if data.boundaries is not None:
        path = out_dir / "municipalities.geojson"
        path.write_bytes(data.boundaries)
        paths.append(path)
    return paths


def write_truth(data: DemoData, path: Path) -> Path:
    """Write the latent truth (one row per school) as a CSV file, e.g. ``_truth.csv``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(data.truth, path)
    return path
