"""Docs are checked: the README's generated sections are current and every piece is documented."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from analysis.settings import describe_settings
from loaders.aliases import alias_table_markdown
from queries import all_queries

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _gen_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_readme_generated_sections_are_current() -> None:
    assert _gen_docs().render(README) == README, "run: python scripts/gen_docs.py"


def test_every_setting_is_documented() -> None:
    for name, _default, description in describe_settings():
        assert description.strip(), name
        assert f"`{name}`" in README


def test_every_named_query_is_documented_with_both_texts() -> None:
    for q in all_queries():
        assert f"`{q.name}`" in README
        assert q.description.strip() and q.sql.strip() and q.cypher.strip()


def test_alias_table_is_published() -> None:
    assert alias_table_markdown().strip() in README
    for alias in ("Код ОО", "Наименование ОО", "Муниципальное образование"):
        assert alias in README
    assert "Доля малоимущих семей, %" in README


def test_readme_commands_exist() -> None:
    assert "bash scripts/setup" in README and "bash scripts/test" in README
    assert "bash scripts/demo" in README
    for script in ("setup", "test", "neo4j-test-server"):
        assert (ROOT / "scripts" / script).exists()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test" in ci  # which runs scripts/setup first
    assert "bash scripts/setup" in (ROOT / "scripts" / "test").read_text(encoding="utf-8")
