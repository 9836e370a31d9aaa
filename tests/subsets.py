"""Stores holding a subset of the data: the partial loads real regions start with.

A :class:`Subset` says which sheets are loaded (``schools`` always: every other sheet refers to
it), which optional columns are left out, and how the results are cut (one year, one
assessment, five schools). :func:`subset_files` writes its import CSVs from a deterministic
demo, keeping the files consistent (a sheet whose references are not loaded is dropped, an
event's partnership or organiser that is not loaded is left empty), exactly as a region would
prepare them.

Two bases: ``small`` (one district of 18 schools: a single context band) and ``mixed`` (60
schools in 3 municipalities: five bands, pairs to plan).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders.sheets import SHEETS
from loaders.writers import frame_to_csv_bytes
from seeds.demo import DemoData, generate
from seeds.schools import SizeSpec

__all__ = ["AS_OF", "CHOSEN", "OPTIONAL", "SHEET_ORDER", "Subset", "subset_files"]

AS_OF = dt.date(2026, 11, 23)
SHEET_ORDER = (
    "schools", "results", "teachers", "curators", "associations", "memberships", "events",
    "participation", "partnerships", "staffing", "targets", "roadmap",
)  # fmt: skip
OPTIONAL: dict[str, tuple[str, ...]] = {
    sheet: tuple(c.name for c in SHEETS[sheet].columns if not c.required) for sheet in SHEET_ORDER
}
# A sheet is only loaded with the sheets it refers to.
_NEEDS = {
    "memberships": ("teachers", "associations"),
    "participation": ("teachers", "events"),
}
_BASES: dict[str, str | SizeSpec] = {
    "small": "small",
    "mixed": SizeSpec(regions=1, municipalities=3, schools=60, vpr_grades=(4, 6), electives=1),
}
SOCIAL = (
    "share_low_income", "share_parents_higher_ed", "share_special_needs", "share_non_native",
    "share_single_parent", "social_index",
)  # fmt: skip


@dataclass(frozen=True)
class Subset:
    """What a partial store holds."""

    sheets: tuple[str, ...]
    drop: dict[str, tuple[str, ...]] = field(default_factory=dict)
    base: str = "small"
    one_year: bool = False
    one_assessment: bool = False
    schools: int | None = None

    def __hash__(self) -> int:
        return hash((self.sheets, tuple(sorted(self.drop.items())), self.base, self.one_year,
                     self.one_assessment, self.schools))  # fmt: skip


ALL = SHEET_ORDER
# The chosen subsets of the matrix: the first loads regions really have, and the holes.
CHOSEN: dict[str, Subset] = {
    "schools_only": Subset(("schools",)),
    "schools_only_bare": Subset(("schools",), {"schools": OPTIONAL["schools"]}),
    "schools_results": Subset(("schools", "results")),
    "schools_results_mixed": Subset(("schools", "results"), base="mixed"),
    "real_first_load": Subset(
        ("schools", "results"),
        {
            "schools": tuple(c for c in OPTIONAL["schools"] if c != "share_low_income"),
            "results": OPTIONAL["results"],
        },
        base="mixed",
        one_assessment=True,
    ),
    "no_coordinates_no_social": Subset(ALL, {"schools": ("lat", "lon", *SOCIAL)}, base="mixed"),
    "one_year": Subset(("schools", "results", "partnerships"), base="mixed", one_year=True),
    "five_schools": Subset(ALL, schools=5),
    "no_events": Subset(
        (
            "schools",
            "results",
            "teachers",
            "curators",
            "associations",
            "memberships",
            "partnerships",
        ),
        base="mixed",
    ),
    "no_partnerships_no_curators": Subset(
        (
            "schools",
            "results",
            "teachers",
            "associations",
            "memberships",
            "events",
            "participation",
        ),
        base="mixed",
    ),
    "no_participants_single_band": Subset(
        ("schools", "results", "partnerships", "events"), {"results": ("participants",)}
    ),
    "teachers_without_results": Subset(
        ("schools", "teachers", "curators", "events", "participation", "partnerships")
    ),
    "everything_bare": Subset(ALL, {s: OPTIONAL[s] for s in ALL}, base="mixed"),
    "everything": Subset(ALL, base="mixed"),
}


@functools.cache
def _demo(base: str) -> DemoData:
    return generate(_BASES[base], seed=42, as_of=AS_OF)


def loaded_sheets(sheets: Iterable[str]) -> tuple[str, ...]:
    """The sheets that can be loaded together: a sheet without what it refers to is dropped."""
    chosen = {"schools", *sheets}
    for sheet, needs in _NEEDS.items():
        if not set(needs) <= chosen:
            chosen.discard(sheet)
    return tuple(s for s in SHEET_ORDER if s in chosen)


def subset_frames(subset: Subset) -> dict[str, pd.DataFrame]:
    """The sheets of ``subset`` as frames (a copy of the demo's, cut and consistent)."""
    demo = _demo(subset.base)
    sheets = loaded_sheets(subset.sheets)
    out = {s: demo.sheets[s].copy() for s in sheets}
    schools = out["schools"]
    if subset.schools is not None:
        schools = out["schools"] = schools.head(subset.schools)
    ids = set(schools["school_id"])
    for sheet in ("results", "teachers", "staffing"):
        if sheet in out:
            out[sheet] = out[sheet][out[sheet]["school_id"].isin(ids)]
    if "partnerships" in out:
        p = out["partnerships"]
        out["partnerships"] = p[p["tutor_school_id"].isin(ids) & p["mentee_school_id"].isin(ids)]
    if "curators" in out:
        out["curators"] = out["curators"].assign(
            schools=[
                ";".join(s for s in str(v).split(";") if s.strip() in ids)
                for v in out["curators"]["schools"].fillna("")
            ]
        )
    if "teachers" in out:
        tids = set(out["teachers"]["teacher_id"])
        for sheet in ("memberships", "participation"):
            if sheet in out:
                out[sheet] = out[sheet][out[sheet]["teacher_id"].isin(tids)]
    if "results" in out:
        r = out["results"]
        if subset.one_year:
            r = r[r["year"] == r["year"].max()]
        if subset.one_assessment:
            r = r[r["assessment"] == sorted(r["assessment"].unique())[0]]
        out["results"] = r
    for sheet, cols in subset.drop.items():
        if sheet in out:
            out[sheet] = out[sheet].drop(columns=[c for c in cols if c in out[sheet].columns])
            # Without a key column (a results sheet without grades) rows would repeat the key.
            key = [k for k in SHEETS[sheet].key if k in out[sheet].columns]
            out[sheet] = out[sheet].drop_duplicates(subset=key or None)
    if "events" in out:
        ev = out["events"]
        pairs = out.get("partnerships")
        has_ids = pairs is not None and "partnership_id" in pairs.columns
        pids = set(pairs["partnership_id"]) if pairs is not None and has_ids else set()
        orgs = ids | (
            set(out["associations"]["association_id"]) if "associations" in out else set()
        )
        items = set(out["roadmap"]["item_id"]) if "roadmap" in out else set()
        known_ids = (("partnership_id", pids), ("organizer_id", orgs), ("roadmap_item_id", items))
        for col, known in known_ids:
            if col in ev.columns:
                ev = ev.assign(**{col: ev[col].where(ev[col].isin(known))})
        out["events"] = ev
    return out


def _csv(df: pd.DataFrame) -> bytes:
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_bool_dtype(out[col].dtype):
            out[col] = out[col].map({True: "true", False: "false"})
    return frame_to_csv_bytes(out)


def subset_files(subset: Subset, out_dir: Path) -> list[Path]:
    """Write the import CSVs of ``subset`` into ``out_dir``; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for sheet, df in subset_frames(subset).items():
        path = out_dir / f"{sheet}.csv"
        path.write_bytes(_csv(df))
        paths.append(path)
    return paths
