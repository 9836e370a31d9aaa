"""The architecture, checked: import layers, no package cycles, words only in labels.

Layers, bottom to top (ARCHITECTURE.md): ``labels``; ``graph``, ``queries``, ``loaders``,
``analysis`` and the demo generator ``seeds``; ``services``; ``schoolnet`` (CLI) and
``app_streamlit`` on top. A module may import its own package, any lower layer, and a package
of its own layer as long as the packages never import each other in a circle. Every import
counts, also one inside a function.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from labels import messages

ROOT = Path(__file__).resolve().parent.parent
LAYERS: dict[str, int] = {
    "labels": 0,
    "graph": 1,
    "queries": 1,
    "loaders": 1,
    "analysis": 1,
    "seeds": 1,
    "services": 2,
    "schoolnet": 3,
    "app_streamlit": 3,
}
# Where Russian text may be written: the catalogues, and the demo generator's fictional data.
RUSSIAN_ALLOWED = ("labels", "seeds")
CYRILLIC = re.compile("[А-Яа-яЁё]")


def _modules() -> Iterator[tuple[str, Path]]:
    for package in LAYERS:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield package, path


def _imported_packages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {n.split(".")[0] for n in names if n.split(".")[0] in LAYERS}
    return found


def _package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {p: set() for p in LAYERS}
    for package, path in _modules():
        graph[package] |= _imported_packages(path) - {package}
    return graph


def test_no_module_imports_an_upper_layer() -> None:
    upward = [
        f"{path.relative_to(ROOT)} imports {other}"
        for package, path in _modules()
        for other in _imported_packages(path)
        if LAYERS[other] > LAYERS[package]
    ]
    assert upward == []


def test_packages_import_each_other_without_cycles() -> None:
    graph = _package_graph()
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join([*trail[trail.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for package in LAYERS:
        if package not in state:
            visit(package, [package])
    assert cycles == []


def test_the_layer_check_sees_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from services.cache import memo\n", encoding="utf-8")
    assert _imported_packages(bad) == {"services"}


def _russian_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = body[0] if body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:50]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and CYRILLIC.search(node.value)
    ]


@pytest.mark.parametrize(
    "package", [p for p in (*LAYERS, "benchmarks") if p not in RUSSIAN_ALLOWED]
)
def test_no_russian_string_literal_outside_labels(package: str) -> None:
    """Russian words live in ``labels/`` (docstrings, developer prose, may quote them)."""
    found = [
        hit for path in sorted((ROOT / package).rglob("*.py")) for hit in _russian_literals(path)
    ]
    assert found == []


def test_the_literal_check_sees_russian(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text('"""Модуль."""\nX = "Школа"\n', encoding="utf-8")
    assert [h.split(": ", 1)[1] for h in _russian_literals_at(bad, tmp_path)] == ["'Школа'"]


def _russian_literals_at(path: Path, root: Path) -> list[str]:
    global ROOT
    saved, ROOT = ROOT, root
    try:
        return _russian_literals(path)
    finally:
        ROOT = saved


def test_english_catalogue_has_every_russian_key() -> None:
    ru, en = messages("ru"), messages("en")
    assert sorted(set(ru) - set(en)) == []
    assert sorted(set(en) - set(ru)) == []


def test_english_messages_take_the_same_parameters() -> None:
    field = re.compile(r"\{(\w+)")
    ru, en = messages("ru"), messages("en")
    differ = [k for k in ru if k in en and set(field.findall(ru[k])) != set(field.findall(en[k]))]
    assert differ == []


# --- words at the edge: nothing below the services renders a message ---------------------------
# What the packages below the services may take from labels: codes (Reason, CodedError), the
# input vocabulary the importer reads, and number and date rules that write no word. Never the
# translator (labels.t), a renderer, a catalogue or a writer of text for people (fmt_*, years).
WORDLESS = ("graph", "queries", "loaders", "analysis")
MAY_USE: dict[str, frozenset[str] | None] = {
    "labels.reasons": frozenset({"Reason"}),
    "labels.message": frozenset({"Message"}),
    "labels.errors": frozenset({"CodedError"}),
    "labels.formats": frozenset(
        {"parse_date", "parse_bool", "fold_yo", "round_km", "format_date", "DATE_FORMAT"}
    ),
    "labels.input_words": None,  # any: the Russian headers and values the importer reads
}
# Renderings still in loaders/ (its problems are Message codes since the import-validation
# rewrite): conveniences that delegate to labels (ImportIssue.text, ImportReport.lines,
# ExportError's str) and the import template's help sheet, a file written for people. Each is
# to move up to the services/CLI; the test fails when an entry is no longer needed.
RENDERS_FOR_NOW: dict[str, set[str]] = {
    "loaders/aliases.py": {"from labels.message import render"},
    "loaders/export.py": {"from labels.message import render"},
    "loaders/importer.py": {"from labels.message import render"},
    "loaders/issues.py": {
        f"from labels.import_issues import {name}"
        for name in ("issue_lines", "issue_location", "issue_message", "issue_text")
    },
    "loaders/template.py": {"from labels.message import render"},
}


def _label_uses(path: Path) -> list[str]:
    """Every use of labels in a module that is not on the ``MAY_USE`` list."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad: list[str] = []
    modules: dict[str, str] = {}  # local name of an imported labels module → its full name
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            bad += [f"import {a.name}" for a in node.names if a.name.split(".")[0] == "labels"]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "labels":
                for a in node.names:
                    full = f"labels.{a.name}"
                    if full in MAY_USE:
                        modules[a.asname or a.name] = full
                    else:
                        bad.append(f"from labels import {a.name}")
            elif node.module.split(".")[0] == "labels":
                allowed = MAY_USE.get(node.module, frozenset())
                bad += [
                    f"from {node.module} import {a.name}"
                    for a in node.names
                    if allowed is not None and a.name not in allowed
                ]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            module = modules.get(node.value.id)
            names = MAY_USE.get(module, frozenset()) if module else None
            if names is not None and node.attr not in names:
                bad.append(f"{module}.{node.attr}")
    return [f"{path.relative_to(ROOT)}: {b}" for b in bad]


@pytest.mark.parametrize("package", WORDLESS)
def test_no_layer_below_the_services_renders_words(package: str) -> None:
    found = {hit for path in sorted((ROOT / package).rglob("*.py")) for hit in _label_uses(path)}
    allowed = {
        f"{path}: {use}"
        for path, uses in RENDERS_FOR_NOW.items()
        if path.startswith(f"{package}/")
        for use in uses
    }
    assert sorted(found - allowed) == []
    assert sorted(allowed - found) == [], "no longer used: take it off RENDERS_FOR_NOW"


def test_the_words_check_sees_the_translator(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from labels import t, formats\nfrom labels.reasons import Reason, render\n"
        "from labels.formats import parse_date, fmt_km\nx = formats.years_text\n"
        "y = formats.parse_bool\n",
        encoding="utf-8",
    )
    saved = globals()["ROOT"]
    globals()["ROOT"] = tmp_path
    try:
        found = [h.split(": ", 1)[1] for h in _label_uses(bad)]
    finally:
        globals()["ROOT"] = saved
    assert found == [
        "from labels import t",
        "from labels.reasons import render",
        "from labels.formats import fmt_km",
        "labels.formats.years_text",
    ]
