"""The demo generator: sizes, determinism, validity against the graph model, and realism."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from graph.model import (
    Association,
    Curator,
    Event,
    EventKind,
    Node,
    Partnership,
    Result,
    RoadmapItem,
    Role,
    School,
    Staffing,
    Target,
    Teacher,
    result_id,
    staffing_id,
    target_id,
)
from seeds import SHEET_COLUMNS, SIZES, DemoData, SizeSpec, generate, write_csv, write_truth

AS_OF = dt.date(2026, 11, 23)

# DESIGN.md, "Import format": the English headers of every sheet, in order.
DESIGN_HEADERS: dict[str, list[str]] = {
    "schools": [
        "school_id", "name", "municipality", "region", "settlement_type", "level", "lat", "lon",
        "students", "teachers", "share_low_income", "share_parents_higher_ed",
        "share_special_needs", "share_non_native", "share_single_parent", "social_index",
        "official_low_results", "official_unfavourable", "official_tutor", "tutor_capacity",
    ],
    "results": [
        "school_id", "year", "assessment", "subject", "grade", "metric", "value", "participants",
    ],
    "teachers": [
        "teacher_id", "full_name", "school_id", "subjects", "category", "experience_years",
        "deficits",
    ],
    "curators": ["curator_id", "full_name", "organisation", "schools"],
    "associations": ["association_id", "name", "kind", "subject", "municipality"],
    "memberships": ["teacher_id", "association_id"],
    "events": [
        "event_id", "title", "kind", "date", "subject", "format", "organizer_id", "municipality",
        "partnership_id", "roadmap_item_id",
    ],
    "participation": ["event_id", "teacher_id", "role"],
    "partnerships": [
        "partnership_id", "tutor_school_id", "mentee_school_id", "status", "start_date",
        "end_date", "focus_subjects",
    ],
    # Programme monitoring (issue 11).
    "staffing": [
        "school_id", "year", "positions", "filled", "vacancies", "vacancy_subjects",
        "psychologists", "speech_therapists", "defectologists", "social_pedagogues",
    ],
    "targets": ["indicator", "municipality", "year", "value"],
    "roadmap": [
        "item_id", "activity", "section", "deadline", "periodicity", "responsible",
        "expected_result", "status", "municipality",
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def small() -> DemoData:
    return generate("small", seed=42, as_of=AS_OF)


@pytest.fixture(scope="module")
def region() -> DemoData:
    return generate("region", seed=42, as_of=AS_OF)


@pytest.fixture(params=["small", pytest.param("region", marks=pytest.mark.slow)])
def data(request: pytest.FixtureRequest) -> DemoData:
    return request.getfixturevalue(request.param)


def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _rows(df: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """Rows as dicts without their missing cells (faster than ``to_dict("records")``)."""
    columns = [str(c) for c in df.columns]
    for values in zip(*(df[c].tolist() for c in columns), strict=True):
        yield {k: v for k, v in zip(columns, values, strict=True) if not _missing(v)}


def _split(row: dict[str, Any], *columns: str) -> dict[str, Any]:
    for c in columns:
        if c in row:
            row[c] = str(row[c]).split(";")
    return row


# --- shape and sizes -------------------------------------------------------------------------


def test_sizes_are_the_documented_ones() -> None:
    assert SIZES == ("small", "region", "country")
    with pytest.raises(ValueError, match="unknown demo size"):
        generate("huge", as_of=AS_OF)
    with pytest.raises(ValueError, match="regions"):
        generate(SizeSpec(regions=100, municipalities=1, schools=10), as_of=AS_OF)


def test_sheets_have_exactly_the_design_headers(data: DemoData) -> None:
    assert list(data.sheets) == list(DESIGN_HEADERS)
    for name, headers in DESIGN_HEADERS.items():
        assert list(data.sheets[name].columns) == headers, name
        assert list(SHEET_COLUMNS[name]) == headers
    assert list(data.truth.columns) == ["school_id", "quality", "made_weak", "made_strong"]
    assert data.truth["school_id"].tolist() == data.sheets["schools"]["school_id"].tolist()
    assert data.as_of == AS_OF


def test_small_is_like_ivolginsky_district(small: DemoData) -> None:
    schools = small.sheets["schools"]
    assert len(schools) == 18
    assert schools["municipality"].nunique() == 1
    assert schools["level"].value_counts().to_dict() == {
        "secondary": 13,
        "basic": 3,
        "primary": 1,
        "evening": 1,
    }
    assert 400 <= len(small.sheets["teachers"]) <= 520
    assert schools["teachers"].sum() == len(small.sheets["teachers"])
    assert 5_000 <= schools["students"].sum() <= 10_000
    assert schools["official_low_results"].sum() == 3
    assert small.truth["made_weak"].sum() >= 1
    assert small.sheets["partnerships"].shape[0] >= 3


@pytest.mark.slow
def test_region_has_the_documented_scale(region: DemoData) -> None:
    s = region.sheets
    assert 1_300 <= len(s["schools"]) <= 1_700
    assert 25 <= s["schools"]["municipality"].nunique() <= 35
    assert s["schools"]["region"].nunique() == 1
    assert set(s["schools"]["settlement_type"]) == {"city", "town", "village"}
    assert set(s["schools"]["level"]) == {"primary", "basic", "secondary", "evening", "other"}
    assert 25_000 <= len(s["teachers"]) <= 50_000
    assert 4_000 <= len(s["events"]) <= 6_500
    assert 100_000 <= len(s["participation"]) <= 200_000
    assert set(s["events"]["kind"]) == {k.value for k in EventKind}
    weak_share = region.truth["made_weak"].mean()
    strong_share = region.truth["made_strong"].mean()
    assert 0.07 <= weak_share <= 0.11 and 0.14 <= strong_share <= 0.21


def test_a_custom_size_with_several_regions_and_lean_results() -> None:
    spec = SizeSpec(regions=2, municipalities=3, schools=40, vpr_grades=(4,), electives=0)
    data = generate(spec, seed=3, as_of=AS_OF)
    schools = data.sheets["schools"]
    assert schools["region"].nunique() == 2
    assert schools["municipality"].nunique() >= 4
    assert schools.groupby("municipality")["region"].nunique().max() == 1
    assert schools["school_id"].is_unique
    assert data.sheets["events"]["event_id"].is_unique
    assert data.sheets["associations"]["association_id"].is_unique
    r = data.sheets["results"]
    assert set(r.loc[r["assessment"] == "ВПР", "grade"]) == {4}
    assert set(r.loc[r["assessment"] != "ВПР", "subject"]) == {
        "Русский язык",
        "Математика",
        "Математика (профильная)",
    }


def test_as_of_defaults_to_today() -> None:
    assert generate("small", seed=1).as_of == dt.date.today()


# --- determinism -----------------------------------------------------------------------------


def _csv_bytes(data: DemoData, out: Path) -> dict[str, bytes]:
    paths = write_csv(data, out)
    names = [f"{name}.csv" for name in DESIGN_HEADERS]
    assert [p.name for p in paths] == [*names, "travel_times.csv", "municipalities.geojson"]
    return {p.name: p.read_bytes() for p in paths}


@pytest.mark.parametrize("size", ["small", "region"])
def test_same_arguments_give_the_same_bytes(
    size: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    first: DemoData = request.getfixturevalue(size)
    again = generate(size, seed=42, as_of=AS_OF)
    a = _csv_bytes(first, tmp_path / "a")
    b = _csv_bytes(again, tmp_path / "b")
    assert a == b
    assert not (tmp_path / "a" / "_truth.csv").exists()
    t1 = write_truth(first, tmp_path / "a" / "_truth.csv").read_bytes()
    t2 = write_truth(again, tmp_path / "b" / "_truth.csv").read_bytes()
    assert t1 == t2


def test_another_seed_or_date_gives_other_data(small: DemoData, tmp_path: Path) -> None:
    base = _csv_bytes(small, tmp_path / "a")
    other_seed = _csv_bytes(generate("small", seed=43, as_of=AS_OF), tmp_path / "b")
    assert all(base[name] != other_seed[name] for name in base)
    later = generate("small", seed=42, as_of=AS_OF + dt.timedelta(days=365))
    assert sorted(later.sheets["results"]["year"].unique()) == [2025, 2026, 2027]


def test_csv_format(small: DemoData, tmp_path: Path) -> None:
    write_csv(small, tmp_path)
    text = (tmp_path / "schools.csv").read_text(encoding="utf-8")
    header, first = text.splitlines()[:2]
    assert header == ",".join(DESIGN_HEADERS["schools"])
    assert first.endswith(("true,", "false,")) or ",true," in first or ",false," in first
    events = (tmp_path / "events.csv").read_text(encoding="utf-8").splitlines()
    assert events[1].split(",")[3].count("-") == 2  # ISO date
    back = pd.read_csv(tmp_path / "teachers.csv", dtype=str, keep_default_na=False)
    assert back["subjects"].str.contains(";").any()
    assert (back["deficits"] == "").any()


# --- validity --------------------------------------------------------------------------------


def test_every_row_validates_against_the_graph_model(data: DemoData) -> None:
    s = data.sheets
    nodes: list[Node] = []
    for row in _rows(s["schools"]):
        nodes.append(School.model_validate({"id": row.pop("school_id"), **row}))
    for row in _rows(s["results"]):
        rid = result_id(row["school_id"], row["year"], row["assessment"], row["subject"],
                        row.get("grade"), row["metric"])  # fmt: skip
        nodes.append(Result.model_validate({"id": rid, **row}))
    for row in _rows(s["teachers"]):
        row = _split(row, "subjects", "deficits")
        nodes.append(Teacher.model_validate({"id": row.pop("teacher_id"), **row}))
    for row in _rows(s["curators"]):
        row.pop("schools")
        nodes.append(Curator.model_validate({"id": row.pop("curator_id"), **row}))
    for row in _rows(s["associations"]):
        nodes.append(Association.model_validate({"id": row.pop("association_id"), **row}))
    for row in _rows(s["events"]):
        nodes.append(Event.model_validate({"id": row.pop("event_id"), **row}))
    for row in _rows(s["partnerships"]):
        row = _split(row, "focus_subjects")
        nodes.append(Partnership.model_validate({"id": row.pop("partnership_id"), **row}))
    for row in _rows(s["staffing"]):
        row = _split(row, "vacancy_subjects")
        sid = staffing_id(row["school_id"], row["year"])
        nodes.append(Staffing.model_validate({"id": sid, **row}))
    for row in _rows(s["targets"]):
        tid = target_id(row["indicator"], row.get("municipality"), row["year"])
        nodes.append(Target.model_validate({"id": tid, **row}))
    for row in _rows(s["roadmap"]):
        nodes.append(RoadmapItem.model_validate({"id": row.pop("item_id"), **row}))
    assert {r.value for r in Role} >= set(s["participation"]["role"])
    n_rows = sum(len(s[k]) for k in DESIGN_HEADERS if k not in ("participation", "memberships"))
    assert len(nodes) == n_rows


def test_ids_are_unique_and_references_valid(data: DemoData) -> None:
    s = data.sheets
    schools = set(s["schools"]["school_id"])
    teachers = set(s["teachers"]["teacher_id"])
    associations = set(s["associations"]["association_id"])
    events = set(s["events"]["event_id"])
    partnerships = set(s["partnerships"]["partnership_id"])
    for sheet, col in [
        ("schools", "school_id"),
        ("teachers", "teacher_id"),
        ("curators", "curator_id"),
        ("associations", "association_id"),
        ("events", "event_id"),
        ("partnerships", "partnership_id"),
    ]:
        assert s[sheet][col].is_unique, sheet
    assert all(x.isdigit() and len(x) == 7 for x in schools)
    assert set(s["teachers"]["school_id"]) <= schools
    assert set(s["results"]["school_id"]) <= schools
    assert set(s["memberships"]["teacher_id"]) <= teachers
    assert set(s["memberships"]["association_id"]) <= associations
    assert set(s["participation"]["event_id"]) <= events
    assert set(s["participation"]["teacher_id"]) <= teachers
    organizers = set(s["events"]["organizer_id"].dropna())
    assert organizers <= schools | associations
    assert set(s["events"]["partnership_id"].dropna()) <= partnerships
    assert set(s["partnerships"]["tutor_school_id"]) <= schools
    assert set(s["partnerships"]["mentee_school_id"]) <= schools
    curated = {x for cell in s["curators"]["schools"] for x in cell.split(";")}
    assert curated <= schools
    municipalities = set(s["schools"]["municipality"])
    assert set(s["associations"]["municipality"].dropna()) <= municipalities
    assert set(s["events"]["municipality"].dropna()) <= municipalities
    assert not s["participation"].duplicated(["event_id", "teacher_id"]).any()
    assert not s["memberships"].duplicated(["teacher_id", "association_id"]).any()
    key = ["school_id", "year", "assessment", "subject", "grade", "metric"]
    assert not s["results"].duplicated(key).any()
    per_school = s["teachers"].groupby("school_id").size()
    counts = s["schools"].set_index("school_id")["teachers"]
    assert (per_school.reindex(counts.index, fill_value=0) == counts).all()


def test_values_are_in_range(data: DemoData) -> None:
    s = data.sheets
    schools = s["schools"]
    assert schools["lat"].between(50, 60).all() and schools["lon"].between(35, 60).all()
    shares = schools[[c for c in schools.columns if c.startswith("share_")]]
    assert ((shares >= 0) & (shares <= 100) | shares.isna()).all().all()
    assert shares.isna().any().any()  # some missing data, as in real files
    assert schools["social_index"].isna().all()
    village = schools["settlement_type"] == "village"
    assert schools.loc[village, "students"].between(10, 420).all()
    capacity = schools["tutor_capacity"]
    assert (capacity.notna() == schools["official_tutor"]).all()
    assert capacity.dropna().between(1, 3).all()

    r = s["results"]
    years = result_years_of(data.as_of)
    assert sorted(r["year"].unique()) == years
    assert (r["participants"] >= 1).all()
    wide = r.pivot_table(
        index=["school_id", "year", "assessment", "subject", "grade"],
        columns="metric",
        values="value",
    )
    assert wide.notna().all().all()
    assert np.allclose(wide["pass_rate"] + wide["low_share"], 100, atol=0.11)
    assert (wide["high_share"] <= wide["pass_rate"] + 0.11).all()
    for metric in ("pass_rate", "low_share", "high_share"):
        assert wide[metric].between(0, 100).all()
    marks = wide.loc[wide.index.get_level_values("assessment") != "ЕГЭ", "mean_score"]
    points = wide.loc[wide.index.get_level_values("assessment") == "ЕГЭ", "mean_score"]
    assert marks.between(2, 5).all() and points.between(0, 100).all()
    assert set(r.loc[r["assessment"] == "ВПР", "grade"]) <= {4, 5, 6, 7, 8}
    assert set(r.loc[r["assessment"] == "ОГЭ", "grade"]) == {9}
    assert set(r.loc[r["assessment"] == "ЕГЭ", "grade"]) == {11}
    level = schools.set_index("school_id")["level"]
    by_level = r.assign(level=r["school_id"].map(level))
    primary = by_level[by_level["level"] == "primary"]
    assert set(primary["assessment"]) == {"ВПР"} and set(primary["grade"]) == {4}
    assert "ЕГЭ" not in set(by_level.loc[by_level["level"] == "basic", "assessment"])
    assert "ВПР" not in set(by_level.loc[by_level["level"] == "evening", "assessment"])

    e = s["events"]
    assert e["date"].map(lambda d: data.as_of - dt.timedelta(days=730) <= d < data.as_of).all()
    assert set(e["format"]) == {"online", "offline"}
    assert s["teachers"]["experience_years"].between(0, 80).all()


def result_years_of(as_of: dt.date) -> list[int]:
    last = as_of.year if as_of >= dt.date(as_of.year, 8, 1) else as_of.year - 1
    return [last - 2, last - 1, last]


# --- realism ---------------------------------------------------------------------------------


def _school_result_index(results: pd.DataFrame) -> pd.Series:
    """DESIGN.md's result index, averaged over the years: z-scores within each group."""
    key = ["year", "assessment", "subject", "grade", "metric"]
    g = results.groupby(key)["value"]
    z = (results["value"] - g.transform("mean")) / g.transform("std").replace(0, np.nan)
    z = z.where(results["metric"] != "low_share", -z)
    return z.groupby(results["school_id"]).mean()


def test_made_weak_schools_have_lower_results(data: DemoData) -> None:
    index = _school_result_index(data.sheets["results"])
    schools = data.sheets["schools"].set_index("school_id")
    truth = data.truth.set_index("school_id")
    frame = pd.DataFrame(
        {"index": index, "settlement": schools["settlement_type"], "weak": truth["made_weak"]}
    )
    for settlement, grp in frame.groupby("settlement"):
        if grp["weak"].any() and (~grp["weak"]).any():
            weak = grp.loc[grp["weak"], "index"]
            others = grp.loc[~grp["weak"], "index"]
            assert weak.mean() < others.mean() - 0.3, settlement
            assert weak.max() < others.median(), settlement


@pytest.mark.slow
def test_strong_schools_include_resilient_village_ones(region: DemoData) -> None:
    schools = region.sheets["schools"].set_index("school_id")
    strong = region.truth.set_index("school_id")["made_strong"]
    villages = schools.loc[strong[strong].index, "settlement_type"].eq("village").mean()
    assert 0.2 <= villages <= 0.5
    index = _school_result_index(region.sheets["results"])
    poorest = schools["share_low_income"] >= schools["share_low_income"].quantile(0.75)
    resilient = strong & poorest.reindex(strong.index, fill_value=False)
    assert resilient.sum() >= 10
    assert index[resilient[resilient].index].mean() > index.mean()


@pytest.mark.slow
def test_social_conditions_follow_settlement_type(region: DemoData) -> None:
    means = (
        region.sheets["schools"]
        .groupby("settlement_type")[["share_low_income", "share_parents_higher_ed"]]
        .mean()
    )
    low_income = means["share_low_income"].to_dict()
    higher_ed = means["share_parents_higher_ed"].to_dict()
    assert low_income["village"] > low_income["town"] > low_income["city"]
    assert higher_ed["village"] < higher_ed["town"] < higher_ed["city"]


@pytest.mark.slow
def test_official_lists_are_imperfect_views_of_the_truth(region: DemoData) -> None:
    schools = region.sheets["schools"].set_index("school_id")
    weak = region.truth.set_index("school_id")["made_weak"]
    official = schools["official_low_results"]
    overlap = (official & weak).sum()
    assert overlap >= 0.4 * official.sum()
    assert (official & ~weak).any() and (weak & ~official).any()
    assert not (schools["official_tutor"] & official).any()


@pytest.mark.slow
def test_support_reaches_most_but_not_all_weak_schools(region: DemoData) -> None:
    s = region.sheets
    weak = set(region.truth.loc[region.truth["made_weak"], "school_id"])
    curated = {x for cell in s["curators"]["schools"] for x in cell.split(";")}
    share = len(weak & curated) / len(weak)
    assert 0.6 <= share < 1.0
    teachers = s["teachers"].set_index("teacher_id")["school_id"]
    members = set(s["memberships"]["teacher_id"])
    in_weak = teachers.isin(weak)
    member = teachers.index.isin(list(members))
    assert member[in_weak.to_numpy()].mean() < member[~in_weak.to_numpy()].mean()
    counts = s["associations"]["kind"].value_counts()
    assert {"РМО", "клуб молодых педагогов", "сетевое сообщество"} <= set(counts.index)


def _exchange_states(data: DemoData) -> dict[str, str]:
    """DESIGN.md's exchange state of every partnership, computed from events as given."""
    s = data.sheets
    events = s["events"].set_index("event_id")
    school_of = s["teachers"].set_index("teacher_id")["school_id"]
    att = s["participation"].assign(school=lambda d: d["teacher_id"].map(school_of))
    events_of: dict[str, set[str]] = {
        str(school): set(grp) for school, grp in att.groupby("school")["event_id"]
    }
    states: dict[str, str] = {}
    for p in s["partnerships"].to_dict("records"):
        pid, start = str(p["partnership_id"]), p["start_date"]
        joint = events_of.get(str(p["tutor_school_id"]), set()) & events_of.get(
            str(p["mentee_school_id"]), set()
        )
        joint |= set(events.index[events["partnership_id"] == pid])
        dates = [d for d in events.loc[sorted(joint), "date"] if start <= d <= data.as_of]
        if not dates:
            states[pid] = "not_started"
        elif max(dates) >= data.as_of - dt.timedelta(days=90):
            states[pid] = "active"
        else:
            states[pid] = "dormant"
    return states


def test_partnerships_cover_every_exchange_state(data: DemoData) -> None:
    states = _exchange_states(data)
    assert set(states.values()) == {"active", "dormant", "not_started"}
    p = data.sheets["partnerships"]
    linked = data.sheets["events"]["partnership_id"].dropna()
    assert linked.isin(p["partnership_id"]).all()
    assert (p["start_date"] < data.as_of).all()
    closed = p["status"] == "closed"
    assert p.loc[closed, "end_date"].notna().all()


@pytest.mark.slow
def test_region_partnerships_show_every_status(region: DemoData) -> None:
    p = region.sheets["partnerships"]
    assert {"agreed", "active", "paused", "closed"} <= set(p["status"])
    truth = region.truth.set_index("school_id")
    schools = region.sheets["schools"].set_index("school_id")
    tutor_ok = truth["made_strong"] | schools["official_tutor"]
    assert tutor_ok[p["tutor_school_id"]].all()
    mentee_ok = truth["made_weak"] | schools["official_low_results"]
    mentee_ok |= schools["official_unfavourable"]
    assert mentee_ok[p["mentee_school_id"]].all()
    assert p["mentee_school_id"].is_unique
    states = pd.Series(_exchange_states(region)).value_counts()
    assert states.min() >= 10
