"""Every label the app shows comes from the translations, in Russian and in English."""

from __future__ import annotations

import re
from pathlib import Path

import labels.ui_en as ui_en
import labels.ui_ru as ui_ru
from labels import messages

APP = Path(__file__).resolve().parents[2] / "app_streamlit"
LITERAL_KEY = re.compile(r"""\bt\(\s*(["'])([a-z_]+\.[A-Za-z0-9_.]+)\1""")


def test_every_literal_key_has_a_russian_message() -> None:
    ru = messages("ru")
    used = {
        m.group(2)
        for path in APP.rglob("*.py")
        for m in LITERAL_KEY.finditer(path.read_text(encoding="utf-8"))
    }
    assert len(used) > 100
    assert sorted(k for k in used if k not in ru) == []


def test_dynamic_keys_exist() -> None:
    from app_streamlit.components.empty_store import DEMO_SIZES
    from app_streamlit.components.planner_form import _WEIGHTS

    ru = messages("ru")
    keys = [f"ui.role.{r}" for r in ("all", "coordinator", "curator", "region")]
    keys += [f"ui.empty.{s}" for s in DEMO_SIZES] + [f"ui.empty.{s}.help" for s in DEMO_SIZES]
    keys += [f"ui.planner.{w}" for w in _WEIGHTS] + [f"analysis.setting.{w}" for w in _WEIGHTS]
    assert [k for k in keys if k not in ru] == []


def test_english_ui_has_the_same_keys() -> None:
    assert set(ui_en.MESSAGES) == set(ui_ru.MESSAGES)
    for key, text in ui_ru.MESSAGES.items():
        assert re.findall(r"{(\w+)}", text) == re.findall(r"{(\w+)}", ui_en.MESSAGES[key]), key
