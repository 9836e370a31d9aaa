"""Every page of the app, driven headless through ``streamlit.testing.v1.AppTest``.

Each test points the app at a small demo store (``SCHOOLNET_DB``), runs a page file and checks
its main element; the tests that write work on a private copy and check the store afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from analysis.settings import AnalysisSettings
from graph.store import Store
from labels import t
from services.exchange import partnership_teachers
from tests.app.conftest import APP, page

PAGES = {
    "overview": "ui.page.overview",
    "schools": "ui.page.schools",
    "planner": "ui.page.planner",
    "exchange": "ui.page.exchange",
    "import_data": "ui.page.import",
    "my_schools": "ui.page.my_schools",
    "coverage_map": "ui.page.coverage",
    "monitoring": "monitoring.page.title",
}

UsesDb = Callable[[Path], None]
OpensDb = Callable[[Path], Store]


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def _button(at: AppTest, label_key: str) -> Any:
    label = t(label_key)
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button «{label}»"
    return matches[0]


def _run_planner(at: AppTest) -> AppTest:
    _ok(at.run())
    _button(at, "ui.planner.run").click()
    return _ok(at.run())


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders(name: str, demo_db: Path, use_db: UsesDb) -> None:
    use_db(demo_db)
    at = _ok(page(name).run())
    assert at.title[0].value == t(PAGES[name])


def test_router_reaches_every_page(demo_db: Path, use_db: UsesDb) -> None:
    use_db(demo_db)
    at = _ok(AppTest.from_file(str(APP / "app.py"), default_timeout=120).run())
    assert at.title[0].value == t("ui.page.overview")
    for name, key in PAGES.items():
        _ok(at.switch_page(f"views/{name}.py").run())
        assert at.title[0].value == t(key)


def test_sidebar_names_the_store_without_its_path(demo_db: Path, use_db: UsesDb) -> None:
    use_db(demo_db)
    at = _ok(AppTest.from_file(str(APP / "app.py"), default_timeout=120).run())
    captions = [c.value for c in at.sidebar.caption]
    assert t("ui.app.store", store=demo_db.name) in captions
    assert not any(str(demo_db.parent) in c for c in captions), captions


def test_role_decides_the_menu(demo_db: Path, use_db: UsesDb) -> None:
    use_db(demo_db)
    at = AppTest.from_file(str(APP / "app.py"), default_timeout=120)
    at.session_state["role"] = "curator"
    _ok(at.run())
    assert at.title[0].value == t("ui.page.my_schools")
    assert at.sidebar.selectbox(key="role").value == "curator"


def test_overview_shows_counts_and_municipality_filter(demo_db: Path, use_db: UsesDb) -> None:
    use_db(demo_db)
    at = _ok(page("overview").run())
    labels = {m.label for m in at.metric}
    assert t("ui.overview.count.schools") in labels
    assert t("ui.overview.count.low") in labels
    muni = at.selectbox(key="overview_municipality")
    assert len(muni.options) >= 2
    muni.set_value(muni.options[1])
    _ok(at.run())


def test_schools_filter_and_card(demo_db: Path, use_db: UsesDb) -> None:
    use_db(demo_db)
    at = _ok(page("schools").run())
    status = at.multiselect(key="schools_status")
    status.set_value(["low"])
    _ok(at.run())
    card = at.selectbox(key="schools_card")
    assert card.options, "a low school is listed"
    assert at.header[0].value  # the card of the first listed school
    assert any(t("ui.col.status") in e.value for e in at.error)  # a low school: red status box


def test_planner_run_accept_creates_partnership(
    fresh_db: Path, use_db: UsesDb, open_db: OpensDb
) -> None:
    use_db(fresh_db)
    mentee, tutor = _first_pair(open_db(fresh_db))
    at = _run_planner(page("planner"))
    at.multiselect(key="planner_chosen").set_value([mentee])
    _ok(at.run())
    at.button(key="planner_accept").click()
    _ok(at.run())
    assert at.success, "a confirmation is shown"
    rows = open_db(fresh_db).query("partnerships")
    agreed = [
        r
        for r in rows
        if (r["mentee_school_id"], r["tutor_school_id"], r["status"]) == (mentee, tutor, "agreed")
    ]
    assert len(agreed) == 1
    # The accepted mentee is planned no more, and the draft order can be downloaded.
    left = at.multiselect(key="planner_chosen").options if at.get("multiselect") else []
    assert not any(str(at.session_state["planner_accepted"]) in o for o in left)
    assert len(at.session_state["planner_accepted"]) == 1
    assert [d for d in at.get("download_button") if "planner" in str(d.proto.id)]


def test_planner_reject_is_remembered(fresh_db: Path, use_db: UsesDb, open_db: OpensDb) -> None:
    use_db(fresh_db)
    mentee, tutor = _first_pair(open_db(fresh_db))
    at = _run_planner(page("planner"))
    at.multiselect(key="planner_chosen").set_value([mentee])
    at.text_input(key="planner_reject_reason").input("далеко ездить")
    _ok(at.run())
    at.button(key="planner_reject").click()
    _ok(at.run())
    exclusions = open_db(fresh_db).query("exclusions")
    assert [(r["mentee_school_id"], r["tutor_school_id"]) for r in exclusions] == [(mentee, tutor)]
    assert exclusions[0]["reason"] == "далеко ездить"


def test_planner_manual_swap_shows_cost(demo_db: Path, use_db: UsesDb) -> None:
    use_db(demo_db)
    at = _run_planner(page("planner"))
    if not at.get("selectbox") or not any(s.key == "swap_t" for s in at.selectbox):
        pytest.skip("no mentee of the demo has a feasible tutor")
    assert any(t("ui.planner.swap_cost", cost="")[:8] in m.value for m in at.markdown)


def _first_pair(store: Store) -> tuple[str, str]:
    from services.planning import plan_pairs

    pairs = plan_pairs(store, AnalysisSettings()).pairs
    assert len(pairs), "the demo has at least one pair to suggest"
    return str(pairs.iloc[0]["mentee_school_id"]), str(pairs.iloc[0]["tutor_school_id"])


def _event_count(store: Store) -> int:
    return store.count_nodes().get("Event", 0)


def test_event_form_logs_event(fresh_db: Path, use_db: UsesDb, open_db: OpensDb) -> None:
    use_db(fresh_db)
    before = _event_count(open_db(fresh_db))
    at = _ok(page("exchange").run())
    pid = str(at.selectbox(key="ex_partnership").value)
    teachers = partnership_teachers(open_db(fresh_db), pid)
    chosen = [
        teachers[teachers["side"] == side]["teacher_id"].iloc[0] for side in ("tutor", "mentee")
    ]
    at.text_input(key="event_title").input("Открытый урок по математике")
    at.multiselect(key="event_participants").set_value(chosen)
    _button(at, "ui.event.submit").click()
    _ok(at.run())
    assert not at.error, [e.value for e in at.error]
    store = open_db(fresh_db)
    assert _event_count(store) == before + 1
    events = [r for r in store.query("events") if r["title"] == "Открытый урок по математике"]
    assert len(events) == 1 and events[0]["partnership_id"] == pid
    attended = {r["teacher_id"] for r in store.query("participation")
                if r["event_id"] == events[0]["event_id"]}  # fmt: skip
    assert attended == set(chosen)


def test_event_form_rejects_missing_title(fresh_db: Path, use_db: UsesDb, open_db: OpensDb) -> None:
    use_db(fresh_db)
    before = _event_count(open_db(fresh_db))
    at = _ok(page("exchange").run())
    _button(at, "ui.event.submit").click()
    _ok(at.run())
    assert at.error, "the form says what is wrong"
    assert _event_count(open_db(fresh_db)) == before


BAD_SCHOOLS = (
    "school_id,name,municipality,lat\n"
    "X-1,Школа без ошибок,Иволгинский район,51.9\n"
    "X-2,,Иволгинский район,51.9\n"
    "X-3,Школа с плохой широтой,Иволгинский район,севернее\n"
).encode()


def test_bad_upload_lists_errors_and_writes_nothing(
    fresh_db: Path, use_db: UsesDb, open_db: OpensDb
) -> None:
    use_db(fresh_db)
    before = (open_db(fresh_db).count_nodes(), open_db(fresh_db).count_edges())
    at = _ok(page("import_data").run())
    at.file_uploader[0].set_value(("schools.csv", BAD_SCHOOLS, "text/csv"))
    _ok(at.run())
    assert any(str(len([1, 2])) in e.value or e.value for e in at.error)
    issues = at.dataframe[-1].value
    assert len(issues) >= 2
    assert {t("ui.col.file"), t("ui.col.row"), t("ui.col.message")} <= set(issues.columns)
    assert set(issues[t("ui.col.row")].dropna().astype(int)) >= {3, 4}
    assert not [b for b in at.button if b.label == t("ui.import.commit")]
    after = (open_db(fresh_db).count_nodes(), open_db(fresh_db).count_edges())
    assert after == before


GOOD_SCHOOLS = (
    "Код ОО;Наименование;Муниципалитет;lat;lon\n"
    "NEW-1;МБОУ «Новая школа»;Иволгинский район;51.75;107.3\n"
).encode("utf-8-sig")


def test_good_upload_is_written(fresh_db: Path, use_db: UsesDb, open_db: OpensDb) -> None:
    use_db(fresh_db)
    at = _ok(page("import_data").run())
    at.file_uploader[0].set_value(("schools.csv", GOOD_SCHOOLS, "text/csv"))
    _ok(at.run())
    assert not at.error, [e.value for e in at.error]
    _button(at, "ui.import.commit").click()
    _ok(at.run())
    assert at.success
    node = open_db(fresh_db).get_node("School", "NEW-1")
    assert node is not None and node.name == "МБОУ «Новая школа»"  # type: ignore[attr-defined]


def test_my_schools_shows_curator_network(demo_db: Path, use_db: UsesDb) -> None:
    use_db(demo_db)
    at = _ok(page("my_schools").run())
    assert at.selectbox(key="curator").options
    assert at.dataframe, "the curator's schools"
    frames = at.get("iframe")
    assert frames, "the network picture"
    html = frames[0].proto.srcdoc
    assert "vis.Network" in html and "<script src" not in html


def test_coverage_map_and_table(demo_db: Path, use_db: UsesDb) -> None:
    use_db(demo_db)
    at = _ok(page("coverage_map").run())
    assert at.get("deck_gl_json_chart"), "the map"
    table = at.dataframe[-1].value
    assert len(table) >= 2  # at least one municipality and the total
    assert at.get("download_button")
    at.toggle(key="map_alone").set_value(True)
    _ok(at.run())


def test_empty_store_offers_demo(tmp_path: Path, use_db: UsesDb, open_db: OpensDb) -> None:
    db = tmp_path / "empty.db"
    use_db(db)
    at = _ok(page("overview").run())
    assert at.info, "the empty store is explained"
    at.button(key="demo_small").click()
    _ok(at.run())
    assert open_db(db).count_nodes().get("School", 0) > 0
    assert at.metric, "the overview shows the loaded data"
