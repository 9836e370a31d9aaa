"""Numbers on the pages are written the Russian way: a decimal comma, «90 %», «9 011».

Every user-facing number goes through :mod:`labels.formats` (``fmt_number``, ``fmt_percent``,
``fmt_count``); these tests read what the pages and the map show, not the writers alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from labels import set_language, t
from services.maps import _legend_texts
from tests.app.conftest import page

DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
DECIMAL_POINT = re.compile(r"[+-]?\d+\.\d+")


def test_the_school_card_writes_a_decimal_comma(
    demo_db: Path, use_db: Callable[[Path], None]
) -> None:
    use_db(demo_db)
    at = page("schools").run()
    assert not at.exception
    facts = [
        str(v)
        for df in at.dataframe
        if list(df.value.columns) == [t("ui.card.field"), ""]
        for v in df.value[""].tolist()
    ]
    assert facts, "the card of the first listed school"
    assert any(DECIMAL_COMMA.match(v) for v in facts), facts  # coordinates, shares, the index
    assert not [v for v in facts if DECIMAL_POINT.fullmatch(v)], facts


def test_the_planner_writes_costs_with_a_decimal_comma(
    demo_db: Path, use_db: Callable[[Path], None]
) -> None:
    use_db(demo_db)
    at = page("planner").run()
    next(b for b in at.button if b.label == t("ui.planner.run")).click()
    at.run()
    assert not at.exception
    (total,) = [m.value for m in at.metric if m.label == t("ui.planner.total_cost")]
    assert re.fullmatch(r"\d+,\d\d", total), total
    chosen = at.multiselect(key="planner_chosen").options
    assert chosen and all(re.search(r"\(\d+,\d\d\)$", o) for o in chosen), chosen


def test_the_map_legend_writes_percent_as_every_page_does() -> None:
    assert _legend_texts([5, 5, 40]) == ["0–5 %", "5 %", "5–40 %"]
    set_language("en")
    try:
        assert _legend_texts([5, 5]) == ["0–5%", "5%"]
    finally:
        set_language("ru")


def test_the_overview_writes_shares_and_counts_the_russian_way(
    demo_db: Path, use_db: Callable[[Path], None]
) -> None:
    use_db(demo_db)
    at = page("overview").run()
    assert not at.exception
    values = [str(m.value) for m in at.metric]
    shares = [v for v in values if v.endswith("%")]
    assert shares and all(re.fullmatch(r"\d+ %", v) for v in shares), values
    captions = [c.value for c in at.caption]
    assert any(re.fullmatch(r"\d+ из \d+ \(\d+ %\)", c) for c in captions), captions
