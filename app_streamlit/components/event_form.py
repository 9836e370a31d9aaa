"""The form that logs an event of a partnership, with participants from both schools."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from app_streamlit.components.tables import value_label
from labels import t

__all__ = ["event_form"]

FORMATS = ("offline", "online")


def event_form(
    partnership: Mapping[str, Any], teachers: pd.DataFrame, kinds: Sequence[str]
) -> dict[str, Any] | None:
    """Show the form for ``partnership``; on submit return the fields of an ``EventForm``."""
    schools = {
        str(partnership["tutor_school_id"]): f"{partnership['tutor_name']} ({t('ui.side.tutor')})",
        str(partnership["mentee_school_id"]): (
            f"{partnership['mentee_name']} ({t('ui.side.mentee')})"
        ),
    }
    people = {
        str(r["teacher_id"]): f"{r['full_name']} — {value_label('ui.side.', r['side'])}"
        for r in teachers.to_dict("records")
    }
    focus = list(partnership.get("focus_subjects") or [])
    with st.form("event_form", clear_on_submit=False):
        title = st.text_input(t("ui.event.title"), key="event_title")
        c1, c2, c3 = st.columns(3)
        kind = c1.selectbox(
            t("ui.event.kind"),
            list(kinds),
            format_func=lambda k: value_label("ui.event_kind.", k),
            key="event_kind",
        )
        date = c2.date_input(
            t("ui.event.date"), value=dt.date.today(), format="DD.MM.YYYY", key="event_date"
        )
        fmt = c3.radio(
            t("ui.event.format"),
            FORMATS,
            format_func=lambda f: value_label("ui.format.", f),
            horizontal=True,
            key="event_format",
        )
        c4, c5 = st.columns(2)
        subject = c4.text_input(
            t("ui.event.subject"), value=focus[0] if focus else "", key="event_subject"
        )
        organizer = c5.selectbox(
            t("ui.event.organizer"), list(schools), format_func=schools.__getitem__, key="event_org"
        )
        participants = st.multiselect(
            t("ui.event.participants"),
            list(people),
            format_func=people.__getitem__,
            key="event_participants",
            placeholder=t("ui.filter.choose"),
        )
        speakers = st.multiselect(
            t("ui.event.speakers"),
            list(people),
            format_func=people.__getitem__,
            help=t("ui.event.speakers_help"),
            key="event_speakers",
            placeholder=t("ui.filter.choose"),
        )
        submitted = st.form_submit_button(t("ui.event.submit"), type="primary")
    if not submitted:
        return None
    roles = {p: "participant" for p in participants}
    roles.update({p: "speaker" for p in speakers})
    return {
        "title": title.strip(),
        "kind": kind,
        "date": date,
        "subject": subject.strip() or None,
        "format": fmt,
        "organizer_id": organizer,
        "partnership_id": str(partnership["partnership_id"]),
        "participants": list(roles.items()),
    }
