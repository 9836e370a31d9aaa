"""Any subset of the data works everywhere: services, CLI commands and pages.

The matrix: each chosen subset of ``tests/subsets.py`` (schools only, schools and results as
regions load first, no coordinates, one year, five schools, no events, …) and random subsets
drawn by hypothesis (random sheets, random optional columns left out), each imported into a
store and run through every service, the CLI commands and every page (AppTest). Nothing may
raise, and every page shows its data or, for each missing piece that switches something off on
it, the Russian explanation of what to load. A few subsets also run on Neo4j, where the
services must give the same answers.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from graph.embedded import EmbeddedStore
from graph.store import Store
from labels import t
from loaders.importer import import_paths
from schoolnet.cli import main
from services.completeness import completeness, gap_parts, gap_text
from tests.subsets import AS_OF, CHOSEN, OPTIONAL, SHEET_ORDER, Subset, subset_files

PAGES = {  # page file → (title key, completeness area)
    "overview": ("ui.page.overview", "overview"),
    "schools": ("ui.page.schools", "schools"),
    "planner": ("ui.page.planner", "planner"),
    "exchange": ("ui.page.exchange", "exchange"),
    "import_data": ("ui.page.import", None),
    "my_schools": ("ui.page.my_schools", "my_schools"),
    "coverage_map": ("ui.page.coverage", "coverage"),
    "monitoring": ("monitoring.page.title", None),
}
VIEWS = Path(__file__).resolve().parents[1] / "app_streamlit" / "views"


class SubsetDbs:
    """Stores of subsets, each imported once per test session."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.built: dict[Subset, Path] = {}

    def __call__(self, subset: Subset) -> Path:
        if subset not in self.built:
            folder = self.root / f"s{len(self.built)}"
            folder.mkdir()
            store = EmbeddedStore(folder / "store.db")
            try:
                import_paths(subset_files(subset, folder / "files"), store)
                store.checkpoint()
            finally:
                store.close()
            self.built[subset] = folder / "store.db"
        return self.built[subset]


@pytest.fixture(scope="session")
def subset_db(tmp_path_factory: pytest.TempPathFactory) -> SubsetDbs:
    return SubsetDbs(tmp_path_factory.mktemp("subsets"))


def run_services(store: Store) -> dict[str, Any]:
    """Every read service on ``store``; their answers by name (raises on any failure)."""
    from services import coverage, curators, exchange, identification, overview, planning

    out: dict[str, Any] = {"completeness": completeness(store)}
    out["identification"] = ident = identification.identification_table(store)
    out["overview"] = overview.overview(store, as_of=AS_OF)
    for muni in out["overview"].municipalities[:1]:
        overview.overview(store, municipality=muni, as_of=AS_OF)
    if len(ident):
        out["card"] = identification.school_card(store, str(ident["school_id"].iloc[0]))
    out["plan"] = plan = planning.plan_pairs(store)
    out["pairing_tables"] = planning.pairing_tables(store)
    for r in plan.pairs.head(1).to_dict("records"):
        mentee, tutor = str(r["mentee_school_id"]), str(r["tutor_school_id"])
        planning.tutor_options(store, mentee)
        planning.evaluate_pair(store, mentee, tutor)
    out["exchange"] = table = exchange.exchange_table(store, as_of=AS_OF)
    for pid in table["partnership_id"].head(1):
        exchange.partnership_timeline(store, str(pid), AS_OF)
        exchange.partnership_teachers(store, str(pid))
    out["coverage"] = cov = coverage.coverage_table(store, as_of=AS_OF)
    coverage.coverage_xlsx(cov)
    out["map"] = coverage.map_data(store, as_of=AS_OF)
    out["curators"] = people = curators.curators(store)
    for cid in people["curator_id"].head(1):
        curators.curator_schools(store, str(cid), as_of=AS_OF)
        curators.curator_network(store, str(cid), as_of=AS_OF, max_nodes=50)
    return out


def check_services(store: Store, subset: Subset) -> dict[str, Any]:
    out = run_services(store)
    c = out["completeness"]
    n_schools = c.sheets["schools"]
    assert len(out["identification"]) == n_schools == c.schools
    assert out["overview"].counts["schools"] == n_schools
    assert out["coverage"]["municipality"].iloc[-1] == t("services.coverage.total")
    assert len(out["map"].schools) == n_schools
    codes = {g.code for g in c.gaps}
    for sheet, code in (("events", "no_events"), ("partnerships", "no_partnerships"),
                        ("teachers", "no_teachers"), ("curators", "no_curators")):  # fmt: skip
        assert (code in codes) == (c.sheets[sheet] == 0), (sheet, codes)
    assert ("no_results" in codes) == (c.sheets["results"] == 0)
    if c.sheets["results"] and not c.sheets["events"]:
        assert set(out["exchange"]["activity"]) <= {"not_started"}
    for gap in c.gaps:  # every gap renders as a Russian sentence with what to load
        text = gap_text(gap)
        assert "{" not in text and ("загрузите" in text or "заполните" in text), text
    return out


def check_services_on(db: Path, subset: Subset) -> dict[str, Any]:
    """:func:`check_services` on the embedded store at ``db`` (closed after)."""
    with EmbeddedStore(db) as store:
        return check_services(store, subset)


def _texts(at: AppTest) -> str:
    """Every text the page shows: notes, captions, markdown and the cells of its tables."""
    frames = [df.value for df in at.dataframe] + [tb.value.reset_index() for tb in at.table]
    cells = [str(v) for frame in frames for v in frame.to_numpy().ravel()]
    parts = cells + [
        str(getattr(e, "value", ""))
        for kind in ("info", "caption", "markdown", "warning", "success")
        for e in at.get(kind)
    ]
    return "\n".join(str(p) for p in parts)


def check_pages(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page on ``db``: no exception, its title, and data or the explanation of gaps."""
    monkeypatch.setenv("SCHOOLNET_BACKEND", "embedded")
    monkeypatch.setenv("SCHOOLNET_DB", str(db))
    with EmbeddedStore(db) as store:
        c = completeness(store)
    for name, (title, area) in PAGES.items():
        at = AppTest.from_file(str(VIEWS / f"{name}.py"), default_timeout=120).run()
        assert not at.exception, (name, [e.value for e in at.exception])
        assert at.title[0].value == t(title)
        if name == "planner":
            [run] = [b for b in at.button if b.label == t("ui.planner.run")]
            run.click()
            at = at.run()
            assert not at.exception, (name, [e.value for e in at.exception])
            assert at.metric, "the plan's figures"
        shown = _texts(at)
        for gap in c.gaps_for(area) if area else []:
            # A note on the page, or a row of the «Полнота данных» table on «Обзор».
            assert gap_text(gap) in shown or all(p in shown for p in gap_parts(gap)), gap.code
        has_data = bool(at.dataframe or at.metric or at.get("arrow_vega_lite_chart"))
        explained = bool(at.info or at.caption)
        assert has_data or explained or not area, f"{name}: neither data nor an explanation"


@pytest.mark.parametrize("name", list(CHOSEN))
def test_services_and_cli_on_a_subset(name: str, tmp_path: Path, subset_db: SubsetDbs) -> None:
    subset = CHOSEN[name]
    db = subset_db(subset)
    check_services_on(db, subset)
    for command in ("identify", "pair", "coverage"):
        out = tmp_path / f"{command}.csv"
        assert main([command, "--db", str(db), "--out", str(out)]) == 0, command
        assert out.exists()
    assert main(["status", "--db", str(db)]) == 0
    assert (
        main(["export", "--db", str(db), "--format", "xlsx", "--out", str(tmp_path / "x.xlsx")])
        == 0
    )


@pytest.mark.parametrize("name", list(CHOSEN))
def test_every_page_on_a_subset(
    name: str, monkeypatch: pytest.MonkeyPatch, subset_db: SubsetDbs
) -> None:
    check_pages(subset_db(CHOSEN[name]), monkeypatch)


def test_first_load_explains_what_is_missing(subset_db: SubsetDbs) -> None:
    """Schools and results only: the exchange is explained as the issue asks, in Russian."""
    with EmbeddedStore(subset_db(CHOSEN["schools_results"])) as store:
        c = completeness(store)
    texts = [gap_text(g) for g in c.gaps_for("exchange")]
    assert any(s.startswith("Нет мероприятий: работа пар не оценивается") and
               s.endswith("загрузите лист «Мероприятия»") for s in texts), texts  # fmt: skip
    assert c.results_by_year and all(n == c.schools for n in c.results_by_year.values())
    assert list(c.assessments["assessment"]) == ["ВПР", "ЕГЭ", "ОГЭ"]


@st.composite
def random_subsets(draw: st.DrawFn) -> Subset:
    sheets = draw(st.lists(st.sampled_from(SHEET_ORDER[1:]), unique=True))
    drop: dict[str, tuple[str, ...]] = {}
    for sheet in ("schools", *sheets):
        if not OPTIONAL[sheet]:
            continue
        columns, keep = draw(
            st.tuples(st.lists(st.sampled_from(OPTIONAL[sheet]), unique=True), st.booleans())
        )
        if columns and keep:
            drop[sheet] = tuple(columns)
    return Subset(
        ("schools", *sheets),
        drop,
        base=draw(st.sampled_from(["small", "mixed"])),
        one_year=draw(st.booleans()),
        one_assessment=draw(st.booleans()),
        schools=draw(st.sampled_from([None, None, 5, 12])),
    )


# Each example imports a store and runs every page (seconds): no shrinking, the failing
# subset is printed as drawn.
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
)
@given(random_subsets())
def test_random_subsets_work_everywhere(subset_db: SubsetDbs, subset: Subset) -> None:
    db = subset_db(subset)
    check_services_on(db, subset)
    with pytest.MonkeyPatch.context() as mp:
        check_pages(db, mp)


NEO4J_SUBSETS = ["schools_only", "schools_results", "no_events", "teachers_without_results"]


def _summary(out: dict[str, Any]) -> dict[str, Any]:
    c = out["completeness"]
    ident = out["identification"].sort_values("school_id")
    pairs, act = out["plan"].pairs, out["exchange"]
    return {
        "gaps": [(g.code, g.params) for g in c.gaps],
        "sheets": c.sheets,
        "years": c.results_by_year,
        "assessments": c.assessments.to_dict("list"),
        "statuses": dict(zip(ident["school_id"], ident["status"], strict=True)),
        "pairs": sorted(zip(pairs["mentee_school_id"], pairs["tutor_school_id"], strict=True)),
        "activity": sorted(zip(act["partnership_id"], act["activity"], strict=True)),
        "coverage": out["coverage"].drop(columns=["municipality"]).fillna(-1).to_dict("list"),
    }


@pytest.mark.neo4j
@pytest.mark.parametrize("name", NEO4J_SUBSETS)
def test_subsets_on_neo4j_answer_as_embedded(
    name: str, request: pytest.FixtureRequest, subset_db: SubsetDbs
) -> None:
    from tests.neo4j_support import fresh_neo4j_store

    subset = CHOSEN[name]
    neo = fresh_neo4j_store(request)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            import_paths(subset_files(subset, Path(tmp)), neo)
        got = _summary(check_services(neo, subset))
    finally:
        neo.close()
    with EmbeddedStore(subset_db(subset)) as store:
        want = _summary(run_services(store))
    assert got == want


def test_status_command_prints_the_gaps(
    capsys: pytest.CaptureFixture[str], subset_db: SubsetDbs
) -> None:
    db = subset_db(CHOSEN["real_first_load"])
    assert main(["status", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Результаты (results): 2" in out  # rows of the one assessment
    assert t("completeness.gap.no_coordinates") in out
    assert t("completeness.load.no_events") in out
    assert "ВПР" in out and "ОГЭ" not in out
    assert "С результатами за 2026 г.: 59 из 60" in out
