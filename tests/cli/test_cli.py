"""The command line end to end: every command on a real SQLite file, errors as messages."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from schoolnet.cli import main

AS_OF = "2026-11-23"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "small.db"
    assert main(["seed", "--size", "small", "--seed", "42", "--as-of", AS_OF, "--db", str(db)]) == 0
    return db


def _copy(db: Path, tmp_path: Path) -> Path:
    out = tmp_path / "copy.db"
    shutil.copy(db, out)
    for suffix in ("-wal", "-shm"):
        side = Path(str(db) + suffix)
        if side.exists():
            shutil.copy(side, Path(str(out) + suffix))
    return out


def test_console_script_is_installed(tmp_path: Path) -> None:
    exe = shutil.which("schoolnet")
    assert exe is not None
    out = subprocess.run([exe, "--help"], capture_output=True, text=True, check=True)
    for command in ("seed", "import", "identify", "pair", "coverage", "export", "app"):
        assert command in out.stdout


def test_identify_writes_the_contract_columns(seeded: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "identify.csv"
    assert main(["identify", "--db", str(seeded), "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns[:11]) == [
        "school_id", "name", "municipality", "social_index", "context_band", "status",
        "unfavourable", "official_low_results", "weak_subjects", "strong_subjects", "reason",
    ]  # fmt: skip
    assert len(table) == 18
    assert set(table["status"]) <= {"low", "strong", "resilient", "regular", "insufficient_data"}
    assert table["reason"].notna().all()
    assert "Школ: 18" in capsys.readouterr().out


def test_pair_writes_pairs_then_unpaired_and_candidates(seeded: Path, tmp_path: Path) -> None:
    out, cands = tmp_path / "pairs.csv", tmp_path / "cands.csv"
    code = main(["pair", "--db", str(seeded), "--max-km", "150", "--capacity", "2",
                 "--out", str(out), "--candidates-out", str(cands)])  # fmt: skip
    assert code == 0
    plan = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(plan.columns[:7]) == [
        "mentee_school_id", "tutor_school_id", "cost", "social_gap", "distance_km",
        "subject_fit", "reason",
    ]  # fmt: skip
    assert (plan["reason"] != "").all()
    paired = plan[plan["tutor_school_id"] != ""]
    assert len(paired) >= 1
    assert paired["tutor_school_id"].value_counts().max() <= 2
    assert paired["mentee_school_id"].is_unique
    c = pd.read_csv(cands, dtype=str, keep_default_na=False)
    assert {"feasible", "infeasible_reason", "cost"} <= set(c.columns)
    assert set(zip(paired["mentee_school_id"], paired["tutor_school_id"], strict=True)) <= set(
        zip(c["mentee_school_id"], c["tutor_school_id"], strict=True)
    )


def test_coverage_has_a_row_per_municipality_and_a_total(seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "coverage.csv"
    assert main(["coverage", "--db", str(seeded), "--as-of", AS_OF, "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert len(table) == 2  # the small demo is one municipality, plus the total
    assert table.iloc[-1]["municipality"] == "Итого по региону"
    assert table.iloc[-1]["schools"] == 18


def test_json_export_is_canonical_and_xlsx_round_trips(seeded: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["export", "--db", str(seeded), "--format", "json", "--out", str(a)]) == 0
    assert main(["export", "--db", str(seeded), "--format", "json", "--out", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    book = tmp_path / "book.xlsx"
    assert main(["export", "--db", str(seeded), "--format", "xlsx", "--out", str(book)]) == 0
    # Boundaries travel as GeoJSON (an Excel cell is too small for a real one).
    geo = tmp_path / "mo.geojson"
    assert main(["export", "--db", str(seeded), "--format", "geojson", "--out", str(geo)]) == 0
    fresh = tmp_path / "fresh.db"
    assert main(["import", "--db", str(fresh), str(book), str(geo)]) == 0
    c = tmp_path / "c.json"
    assert main(["export", "--db", str(fresh), "--format", "json", "--out", str(c)]) == 0
    assert c.read_bytes() == a.read_bytes()
    g = tmp_path / "g.graphml"
    assert main(["export", "--db", str(seeded), "--format", "graphml", "--out", str(g)]) == 0
    assert g.read_text(encoding="utf-8").startswith("<?xml")


def test_reimport_is_a_noop(seeded: Path, tmp_path: Path, capsys) -> None:
    files = tmp_path / "files"
    assert main(["seed", "--size", "small", "--seed", "42", "--as-of", AS_OF,
                 "--out", str(files)]) == 0  # fmt: skip
    db = _copy(seeded, tmp_path)
    capsys.readouterr()
    assert main(["import", "--db", str(db), str(files)]) == 0
    out = capsys.readouterr().out
    assert "без изменений" in out.lower() or "ничего не изменилось" in out.lower()


def test_failed_import_is_a_message_and_writes_nothing(
    seeded: Path, tmp_path: Path, capsys
) -> None:
    db = _copy(seeded, tmp_path)
    before = tmp_path / "before.json"
    main(["export", "--db", str(db), "--format", "json", "--out", str(before)])
    bad = tmp_path / "results.csv"
    with bad.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["school_id", "year", "assessment", "subject", "metric", "value"])
        w.writerow(["NO-SUCH-SCHOOL", "2025", "ОГЭ", "Математика", "mean_score", "3,9"])
        w.writerow(["NO-SUCH-SCHOOL", "двадцать", "ОГЭ", "Математика", "mean_score", "x"])
    capsys.readouterr()
    assert main(["import", "--db", str(db), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "results.csv" in err and "строка 2" in err and "строка 3" in err
    assert "Traceback" not in err
    after = tmp_path / "after.json"
    main(["export", "--db", str(db), "--format", "json", "--out", str(after)])
    assert before.read_bytes() == after.read_bytes()


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["import", "/no/such/file.csv"], "не найден"),
        (["identify", "--db", "/no/such/dir/x.db", "--out", "x.csv"], "не существует"),
        (["coverage", "--as-of", "31.02.2024", "--out", "x.csv"], "неверная дата"),
        (["export", "--format", "json", "--out", "x.json", "--backend", "neo4j"], "Neo4j"),
    ],
)
def test_errors_are_messages_not_tracebacks(
    argv: list[str], needle: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    proc = subprocess.run(
        [sys.executable, "-m", "schoolnet.cli", *argv], capture_output=True, text=True
    )
    assert proc.returncode != 0
    assert needle in proc.stderr
    assert "Traceback" not in proc.stderr


def test_template_writes_importable_empty_files(tmp_path: Path) -> None:
    out = tmp_path / "tpl"
    assert main(["template", "--out", str(out)]) == 0
    names = {p.name for p in out.iterdir()}
    assert "schools.csv" in names and any(n.endswith(".xlsx") for n in names)
    header = (out / "schools.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("school_id")


def test_seed_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert (
            main(["seed", "--size", "small", "--seed", "3", "--as-of", AS_OF, "--out", str(out)])
            == 0
        )
    for f in a.iterdir():
        assert f.read_bytes() == (b / f.name).read_bytes()
    assert dt.date.fromisoformat(AS_OF)
