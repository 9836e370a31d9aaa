"""Partial data on a page: what is missing there and what to load («Полнота данных»)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_streamlit import state
from labels import t
from labels.formats import fmt_count, fmt_percent
from loaders.aliases import sheet_title_ru
from services.completeness import assessment_items, gap_parts, gap_text, share_text

__all__ = ["completeness_banner", "completeness_section", "explain"]


def explain(area: str) -> list[str]:
    """Say, in one note, what is missing for this page and what to load; the gap codes shown."""
    gaps = state.completeness().gaps_for(area)
    if gaps:
        st.info("\n".join(f"- {gap_text(g)}" for g in gaps), icon=":material/info:")
    return [g.code for g in gaps]


def completeness_banner() -> None:
    """A one-line note at the top of «Обзор» when something is missing."""
    if state.completeness().gaps:
        st.info(t("completeness.banner"), icon=":material/info:")


def completeness_section() -> None:
    """«Полнота данных»: sheets and rows, shares of schools, years, assessments, gaps."""
    c = state.completeness()
    st.subheader(t("completeness.title"))
    left, right = st.columns([1, 2])
    with left:
        rows = [
            {
                t("completeness.col.sheet"): sheet_title_ru(sheet),
                t("completeness.col.rows"): (
                    fmt_count(n) if n else t("completeness.not_loaded")
                ),
            }
            for sheet, n in c.sheets.items()
        ]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    with right:
        st.markdown(t("completeness.schools", n=c.schools))
        shares = [
            (t("completeness.with_coordinates"), c.with_coordinates),
            (t("completeness.with_social"), c.with_social),
            *((t("completeness.with_results", year=y), n) for y, n in c.results_by_year.items()),
        ]
        cells = st.columns(3)
        for i, (label, n) in enumerate(shares):
            pct = fmt_percent(n / c.schools) if c.schools else "—"
            cells[i % 3].metric(label, pct, help=share_text(n, c.schools))
        years = ", ".join(str(y) for y in c.years)
        st.markdown(t("completeness.years", years=years) if years else t("completeness.no_years"))
        items = assessment_items(c)
        if items:
            st.markdown(t("completeness.assessments", items="; ".join(items)))
    if not c.gaps:
        st.success(t("completeness.all_loaded"))
        return
    st.markdown(f"**{t('completeness.missing')}**")
    gaps = pd.DataFrame(
        [gap_parts(g) for g in c.gaps],
        columns=[t("completeness.col.gap"), t("completeness.col.off"), t("completeness.col.load")],
    )
    # A static table: the sentences wrap, and the page's text carries them (for search too).
    st.table(gaps.set_index(t("completeness.col.gap")))
