"""The school card: profile, status and reason, results against the band, partners, people."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from app_streamlit.components import charts
from app_streamlit.components.network_panel import show_network
from app_streamlit.components.plain import md_plain
from app_streamlit.components.tables import present, value_label
from labels import t
from labels.formats import fmt_number
from services.completeness import SOCIAL_COLUMNS

__all__ = ["render_school_card"]

PROFILE_FIELDS = (
    "municipality",
    "settlement_type",
    "level",
    "students",
    "teachers",
    "tutor_capacity",
)
SOCIAL_FIELDS = SOCIAL_COLUMNS  # one list of the social figures (services.completeness)
PREFIXES = {"settlement_type": "ui.settlement.", "level": "level."}


def _fmt(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    if isinstance(value, bool):
        return t("common.yes") if value else t("common.no")
    if isinstance(value, float):
        return fmt_number(value, 2, trim=True)
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value) or "—"
    return str(value)


def _facts(data: Mapping[str, Any], fields: tuple[str, ...]) -> pd.DataFrame:
    rows = []
    for name in fields:
        if name in data:
            value = data[name]
            shown = value_label(PREFIXES[name], value) if name in PREFIXES else value
            rows.append({t("ui.card.field"): value_label("ui.col.", name), "": _fmt(shown)})
    return pd.DataFrame(rows)


def _table(frame: pd.DataFrame, columns: list[str] | None = None, **kw: Any) -> None:
    if frame is None or frame.empty:
        st.caption(t("ui.card.none"))
        return
    st.dataframe(present(frame, columns, **kw), hide_index=True, width="stretch")


def _status_block(ident: Mapping[str, Any]) -> None:
    status = ident.get("status")
    text = value_label("status.", status)
    box = {"low": st.error, "strong": st.success, "resilient": st.success}.get(str(status), st.info)
    box(f"**{t('ui.col.status')}: {md_plain(text)}**\n\n{md_plain(ident.get('reason') or '')}")
    flags = [
        ("unfavourable", ident.get("unfavourable")),
        ("official_low_results", ident.get("official_low_results")),
        ("official_unfavourable", ident.get("official_unfavourable")),
        ("official_tutor", ident.get("official_tutor")),
        ("context_band", _band(ident)),
    ]
    cols = st.columns(len(flags))
    for column, (name, value) in zip(cols, flags, strict=True):
        column.metric(t(f"ui.card.flag.{name}"), _fmt(value), help=t(f"ui.col.{name}"))
    weak, strong = st.columns(2)
    weak_subjects = md_plain(_fmt(ident.get("weak_subjects")))
    strong_subjects = md_plain(_fmt(ident.get("strong_subjects")))
    weak.markdown(f"**{t('ui.col.weak_subjects')}:** {weak_subjects}")
    strong.markdown(f"**{t('ui.col.strong_subjects')}:** {strong_subjects}")


def _band(ident: Mapping[str, Any]) -> str:
    band, n = ident.get("context_band"), ident.get("n_bands")
    if band is None or (isinstance(band, float) and pd.isna(band)):
        return "—"
    return t("ui.card.band_of", band=int(band), n=int(n)) if n else str(int(band))


def _subject_lines(rows: pd.DataFrame) -> pd.DataFrame:
    """One line per subject (and grade) over the years: the mean value of the rows."""
    lines = rows.assign(
        series=[
            f"{s}, {int(g)} {t('ui.card.grade')}" if pd.notna(g) else str(s)
            for s, g in zip(
                rows["subject"], rows.get("grade", pd.Series(dtype=float)), strict=False
            )
        ]
    )
    return lines.groupby(["year", "series"], as_index=False).agg(value=("value", "mean"))


def _results(card: Any) -> None:
    trend = card.trend
    if trend is not None and not trend.empty:
        st.markdown(f"**{t('ui.card.trend')}**")
        st.altair_chart(
            charts.wide_lines(
                trend,
                {
                    "result_index": t("ui.card.series.school"),
                    "band_median_index": t("ui.card.series.band_median"),
                },
                y_title=t("ui.card.result_index"),
            ),
            width="stretch",
        )
        st.caption(t("ui.card.trend_help"))
    results = card.results
    if results is None or results.empty:
        st.caption(t("ui.card.no_results"))
        return
    st.markdown(f"**{t('ui.card.by_subject')}**")
    c1, c2, c3 = st.columns(3)
    assessment = c1.selectbox(
        t("ui.col.assessment"), sorted(results["assessment"].unique()), key="card_assessment"
    )
    sub = results[results["assessment"] == assessment]
    metric = c2.selectbox(
        t("ui.col.metric"),
        sorted(sub["metric"].unique()),
        format_func=lambda m: value_label("ui.metric.", m),
        key="card_metric",
    )
    sub = sub[sub["metric"] == metric]
    subjects = sorted(sub["subject"].unique())
    chosen = c3.multiselect(
        t("ui.col.subject"),
        subjects,
        default=subjects[:2],
        key="card_subj",
        placeholder=t("ui.filter.choose"),
    )
    sub = sub[sub["subject"].isin(chosen)]
    if not sub.empty:
        lines = _subject_lines(sub)
        band = getattr(card, "band_results", None)
        if band is not None and not band.empty:
            peers = band[
                (band["assessment"] == assessment)
                & (band["metric"] == metric)
                & band["subject"].isin(chosen)
            ]
            if not peers.empty:
                peer_lines = _subject_lines(peers)
                peer_lines["series"] = [
                    f"{s} — {t('ui.card.series.band_median')}" for s in peer_lines["series"]
                ]
                lines = pd.concat([lines, peer_lines], ignore_index=True)
        st.altair_chart(
            charts.series_chart(lines, y_title=value_label("ui.metric.", metric)),
            width="stretch",
        )
    with st.expander(t("ui.card.all_results")):
        _table(results)


def _teachers(card: Any) -> None:
    summary = card.teacher_summary or {}
    cols = st.columns(3)
    cols[0].metric(t("ui.card.teacher_count"), summary.get("count", len(card.teachers)))
    by_category = summary.get("by_category") or {}
    deficits = summary.get("top_deficits") or {}
    with cols[1]:
        st.markdown(f"**{t('ui.card.by_category')}**")
        if by_category:
            st.dataframe(
                pd.DataFrame(
                    {
                        t("ui.col.category"): list(by_category),
                        t("ui.card.n"): list(by_category.values()),
                    }
                ),
                hide_index=True,
            )
        else:
            st.caption(t("ui.card.none"))
    with cols[2]:
        st.markdown(f"**{t('ui.card.top_deficits')}**")
        items = list(deficits.items()) if isinstance(deficits, Mapping) else list(deficits)
        rows = [{t("ui.col.deficits"): k, t("ui.card.n"): v} for k, v in items]
        if rows:
            st.dataframe(pd.DataFrame(rows), hide_index=True)
        else:
            st.caption(t("ui.card.none"))
    _table(card.teachers)


def render_school_card(card: Any) -> None:
    """Everything about one school, in tabs."""
    profile, ident = card.profile, card.identification
    # Names are plain text: Markdown in a name must not become a link (phishing) or styling.
    st.header(md_plain(profile.get("name") or ident.get("name") or ""))
    school_id = md_plain(profile.get("school_id", ident.get("school_id", "")))
    st.caption(f"{t('ui.col.school_id')}: {school_id}")
    _status_block(ident)
    tabs = st.tabs(
        [
            t("ui.card.tab.profile"),
            t("ui.card.tab.results"),
            t("ui.card.tab.partners"),
            t("ui.card.tab.teachers"),
            t("ui.card.tab.events"),
            t("ui.card.tab.network"),
        ]
    )
    with tabs[0]:
        left, right = st.columns(2)
        left.markdown(f"**{t('ui.card.profile')}**")
        left.dataframe(_facts(profile, PROFILE_FIELDS), hide_index=True, width="stretch")
        right.markdown(f"**{t('ui.card.social')}**")
        right.dataframe(_facts(profile, SOCIAL_FIELDS), hide_index=True, width="stretch")
    with tabs[1]:
        _results(card)
    with tabs[2]:
        st.markdown(f"**{t('ui.card.partnerships')}**")
        _table(card.partnerships, values={"status": "ui.pstatus."})
        st.markdown(f"**{t('ui.card.curators')}**")
        _table(card.curators)
    with tabs[3]:
        _teachers(card)
    with tabs[4]:
        _table(card.events)
    with tabs[5]:
        show_network(card.network, height=480)
