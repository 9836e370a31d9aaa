"""Exchange of practice: are the pairs working, their timelines, and logging an event."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from analysis.exchange import partnership_activity, timeline
from analysis.settings import AnalysisSettings
from graph.model import Edge, Event, EventFormat, EventKind, NodeRef, Role
from graph.store import Store
from labels import t
from labels.reasons import render
from services.cache import memo
from services.errors import UserError
from services.query_frames import frame

__all__ = [
    "EventForm",
    "activity",
    "event_kinds",
    "exchange_table",
    "log_event",
    "partnership_teachers",
    "partnership_timeline",
]

_ACTIVITY_ORDER = {"dormant": 0, "not_started": 1, "active": 2}


def _today(as_of: dt.date | None) -> dt.date:
    return as_of or dt.date.today()


def activity(
    store: Store, settings: AnalysisSettings | None = None, as_of: dt.date | None = None
) -> pd.DataFrame:
    """:func:`analysis.exchange.partnership_activity` over the store (memoised)."""
    s = settings or AnalysisSettings()
    day = _today(as_of)

    def compute() -> pd.DataFrame:
        act = partnership_activity(
            frame(store, "partnerships"),
            frame(store, "events"),
            frame(store, "participation"),
            frame(store, "teachers"),
            day,
            s,
        )
        act["reason"] = [render(r, "analysis.activity") for r in act["reason"]]
        return act

    return memo(store, ("activity", day, s.model_dump_json()), compute, persist=True)


def _names(store: Store) -> tuple[dict[str, str], dict[str, str]]:
    schools = frame(store, "schools")
    return (
        dict(zip(schools["school_id"], schools["name"], strict=True)),
        dict(zip(schools["school_id"], schools["municipality"], strict=True)),
    )


def exchange_table(
    store: Store, settings: AnalysisSettings | None = None, as_of: dt.date | None = None
) -> pd.DataFrame:
    """Every partnership with its activity, names and counts; dormant pairs first."""
    act = activity(store, settings, as_of).copy()
    names, munis = _names(store)
    act.insert(2, "tutor_name", act["tutor_school_id"].map(names))
    act.insert(4, "mentee_name", act["mentee_school_id"].map(names))
    act.insert(5, "municipality", act["mentee_school_id"].map(munis))
    act["_order"] = act["activity"].map(_ACTIVITY_ORDER).fillna(3)
    act["_days"] = pd.to_numeric(act["days_since_last"], errors="coerce").fillna(1e9)
    act = act.sort_values(["_order", "_days", "partnership_id"], ascending=[True, False, True])
    return act.drop(columns=["_order", "_days"]).reset_index(drop=True)


def partnership_timeline(
    store: Store, partnership_id: str, as_of: dt.date | None = None
) -> pd.DataFrame:
    """The joint events of one partnership, oldest first."""
    if store.get_node("Partnership", partnership_id) is None:
        raise UserError(t("services.unknown_partnership", partnership_id=partnership_id))
    pairs = frame(store, "partnerships")
    one = pairs[pairs["partnership_id"] == partnership_id]
    _, munis = _names(store)
    # Only the teachers of the two schools' municipalities and what they attended are read
    # (a country has millions of attendances); the events stay whole: a joint event may be
    # anywhere, e.g. a regional webinar.
    places = sorted(
        {str(munis[s]) for s in (*one["tutor_school_id"], *one["mentee_school_id"]) if s in munis}
    )
    return timeline(
        partnership_id,
        pairs,
        frame(store, "events"),
        frame(store, "participation", municipalities=places),
        frame(store, "teachers", municipalities=places),
        _today(as_of),
    )


def partnership_teachers(store: Store, partnership_id: str) -> pd.DataFrame:
    """Teachers of both schools of a partnership: ``teacher_id``, ``full_name``,
    ``school_id``, ``side`` (tutor | mentee), ``subjects``."""
    pairs = frame(store, "partnerships")
    row = pairs[pairs["partnership_id"] == partnership_id]
    if row.empty:
        raise UserError(t("services.unknown_partnership", partnership_id=partnership_id))
    tutor, mentee = row.iloc[0]["tutor_school_id"], row.iloc[0]["mentee_school_id"]
    parts = []
    for side, school in (("tutor", tutor), ("mentee", mentee)):
        if school:
            parts.append(frame(store, "teachers", school_id=school).assign(side=side))
    if not parts:
        return pd.DataFrame(columns=["teacher_id", "full_name", "school_id", "side", "subjects"])
    out = pd.concat(parts, ignore_index=True)
    return out[["teacher_id", "full_name", "school_id", "side", "subjects"]]


def event_kinds() -> list[str]:
    return [k.value for k in EventKind]


class EventForm(BaseModel):
    """What the coordinator or curator enters to log an event."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    title: str = Field(min_length=1, max_length=500)
    kind: EventKind
    date: dt.date
    subject: str | None = Field(default=None, max_length=200)
    format: EventFormat | None = None
    organizer_id: str | None = None
    partnership_id: str | None = None
    participants: list[tuple[str, Role]] = Field(default_factory=list)

    @field_validator("subject", "organizer_id", "partnership_id", mode="before")
    @classmethod
    def _blank_is_none(cls, v: Any) -> Any:
        return None if isinstance(v, str) and not v.strip() else v


def _form_error(exc: ValidationError) -> UserError:
    fields = {
        "title": t("services.event.field.title"),
        "kind": t("services.event.field.kind"),
        "date": t("services.event.field.date"),
        "subject": t("services.event.field.subject"),
        "format": t("services.event.field.format"),
        "participants": t("services.event.field.participants"),
    }
    problems = [
        f"{fields.get(str(e['loc'][0]), str(e['loc'][0]))}: {t('services.event.invalid_value')}"
        for e in exc.errors()
    ]
    return UserError(t("services.event.invalid", problems="; ".join(problems)))


def _event_id(form: EventForm, store: Store) -> str:
    # Deterministic from the content, so a double click on «Сохранить» does not log it twice.
    raw = "|".join(
        [form.title, form.kind, form.date.isoformat(), form.partnership_id or "",
         form.organizer_id or "", ",".join(sorted(p for p, _ in form.participants))]
    )  # fmt: skip
    return "EV-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def log_event(store: Store, form: EventForm | dict[str, Any]) -> str:
    """Validate and write an event with its organizer, partnership and participants.

    Returns the event id. Any problem raises :class:`UserError` and writes nothing.
    """
    if not isinstance(form, EventForm):
        try:
            form = EventForm.model_validate(form)
        except ValidationError as exc:
            raise _form_error(exc) from exc
    if form.date > dt.date.today() + dt.timedelta(days=366):
        raise UserError(t("services.event.date_far"))
    edges: list[Edge] = []
    municipality = None
    event_id = _event_id(form, store)
    ref = NodeRef("Event", event_id)
    if form.partnership_id:
        if store.get_node("Partnership", form.partnership_id) is None:
            raise UserError(t("services.unknown_partnership", partnership_id=form.partnership_id))
        edges.append(Edge(type="FOR", src=ref, dst=NodeRef("Partnership", form.partnership_id)))
    if form.organizer_id:
        org = store.get_node("School", form.organizer_id) or store.get_node(
            "Association", form.organizer_id
        )
        if org is None:
            raise UserError(t("services.event.unknown_organizer", id=form.organizer_id))
        municipality = getattr(org, "municipality", None)
        edges.append(Edge(type="ORGANIZED", src=org.ref(), dst=ref))
    seen: set[str] = set()
    for teacher_id, role in form.participants:
        if teacher_id in seen:
            continue
        seen.add(teacher_id)
        if store.get_node("Teacher", teacher_id) is None:
            raise UserError(t("services.event.unknown_teacher", id=teacher_id))
        edges.append(
            Edge(type="ATTENDED", src=NodeRef("Teacher", teacher_id), dst=ref,
                 props={"role": str(role)})
        )  # fmt: skip
    event = Event(
        id=event_id,
        title=form.title,
        kind=form.kind,
        date=form.date,
        subject=form.subject,
        format=form.format,
        organizer_id=form.organizer_id,
        municipality=municipality,
        partnership_id=form.partnership_id,
    )
    store.write([event], edges)
    return event_id
