"""Regenerate the README's generated sections (aliases, settings, named queries, CLI).

Run ``python scripts/gen_docs.py`` after changing an alias, a setting or a named query;
``tests/test_docs.py`` fails while the README is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.monitoring_settings import describe_monitoring_settings  # noqa: E402
from analysis.settings import describe_settings  # noqa: E402
from labels import t  # noqa: E402
from loaders.aliases import alias_table_markdown  # noqa: E402
from queries import all_queries  # noqa: E402


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def settings_table() -> str:
    rows = ["| setting | default | meaning |", "|---|---|---|"]
    for name, default, description in describe_settings():
        rows.append(f"| `{name}` | `{_cell(default)}` | {_cell(description)} |")
    return "\n".join(rows)


def monitoring_settings_table() -> str:
    rows = ["| setting | default | meaning |", "|---|---|---|"]
    for name, default, description in describe_monitoring_settings():
        rows.append(f"| `{name}` | `{_cell(default)}` | {_cell(description)} |")
    return "\n".join(rows)


def queries_table() -> str:
    rows = ["| query | title | parameters | what it answers |", "|---|---|---|---|"]
    for q in all_queries():
        params = ", ".join(f"`{p.name}`" for p in q.params) or "—"
        rows.append(f"| `{q.name}` | {t(q.title_key)} | {params} | {_cell(q.description)} |")
    return "\n".join(rows)


SECTIONS = {
    "aliases": alias_table_markdown,
    "settings": settings_table,
    "monitoring_settings": monitoring_settings_table,
    "queries": queries_table,
}


def render(text: str) -> str:
    for name, fn in SECTIONS.items():
        pattern = re.compile(rf"(<!-- generated:{name} -->).*?(<!-- /generated:{name} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"README lacks the generated:{name} markers")
        body = fn().strip()
        text = pattern.sub(lambda m, body=body: m.group(1) + "\n" + body + "\n" + m.group(2), text)
    return text


def main() -> int:
    readme = ROOT / "README.md"
    new = render(readme.read_text(encoding="utf-8"))
    readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
