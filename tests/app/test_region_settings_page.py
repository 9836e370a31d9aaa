"""The planner starts from the region's saved settings; the regional role saves new ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from analysis.settings import AnalysisSettings
from labels import t
from services.access import LOCAL
from services.region_settings import region_defaults, save_region_settings
from tests.app.conftest import page


def _button(at: Any, key: str) -> Any:
    return next(b for b in at.button if b.label == t(key))


def test_planner_starts_from_the_region_settings_and_saves_them(
    fresh_db: Path, use_db: Callable[[Path], None], open_db: Callable[[Path], Any]
) -> None:
    use_db(fresh_db)
    store = open_db(fresh_db)
    save_region_settings(store, LOCAL, AnalysisSettings(max_km=150))
    at = page("planner").run()
    assert not at.exception
    assert at.slider[0].label == t("ui.planner.max_km") and at.slider[0].value == 150
    _button(at, "ui.planner.run").click()
    at.run()
    assert t("regionsettings.are_region") in [c.value for c in at.caption]
    at.slider[0].set_value(60)
    _button(at, "ui.planner.run").click()
    at.run()
    assert t("regionsettings.differ", n=1) in [c.value for c in at.caption]
    assert region_defaults(store).max_km == 150  # a what-if: nothing saved yet
    _button(at, "regionsettings.save").click()
    at.run()
    assert not at.exception
    assert region_defaults(store).max_km == 60
    entry = store.access().audit_entries()[-1]
    assert (entry.action, entry.before, entry.after) == (
        "settings.change", {"max_km": 150.0}, {"max_km": 60.0},
    )  # fmt: skip
    assert t("regionsettings.saved") in [s.value for s in at.success]
