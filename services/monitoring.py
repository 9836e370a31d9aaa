"""Programme monitoring over the store: indicators, the road map, idle pairs, the pair effect.

One call, :func:`monitoring`, answers the «Мониторинг программы» page, the ``report``
command and the report download alike, so the document shows exactly what the page shows.
The answer holds numbers and codes from :mod:`analysis` plus the Russian texts rendered here
(indicator names, what to load, road-map states, conclusions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from analysis.coverage import low_schools
from analysis.exchange import joint_events
from analysis.indicators import INDICATORS, MonitoringInputs, indicators
from analysis.monitoring_settings import MonitoringSettings
from analysis.pair_effect import PairEffect, pair_effect
from analysis.settings import AnalysisSettings
from graph.store import Store
from labels import t
from labels.formats import fmt_number, fmt_percent
from services.cache import memo
from services.errors import UserError
from services.exchange import activity
from services.identification import identification, identification_table
from services.query_frames import frame
from services.result_cache import register

__all__ = ["ROADMAP_STATES", "MonitoringView", "monitoring"]

ROADMAP_STATES = ("done", "in_progress", "overdue", "planned", "cancelled")


@dataclass
class MonitoringView:
    """Everything the page and the report show, for one scope (a municipality or the region)."""

    as_of: dt.date
    year: int  # the current school year (named by the year it ends)
    municipality: str | None
    municipalities: list[str]
    table: pd.DataFrame  # the indicators of the year: one row per indicator
    trend: pd.DataFrame  # every year: indicator, year, value, target
    roadmap: pd.DataFrame
    idle_pairs: pd.DataFrame
    alone: pd.DataFrame
    effect: PairEffect
    effect_summary: str = ""
    conclusions: list[str] = field(default_factory=list)
    all_indicators: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def period(self) -> str:
        return t("monitoring.period", start=self.year - 1, end=self.year, as_of=self.as_of)


@dataclass
class _RegionWide:
    """What every scope's view shares: computed from the whole store once per data version
    and kept on disk (a country's municipalities each get a view without recomputing it)."""

    municipalities: list[str]
    years: list[int]
    indicators: pd.DataFrame
    effect: PairEffect


register(PairEffect)
register(_RegionWide)


def _inputs(store: Store, s: AnalysisSettings, day: dt.date) -> MonitoringInputs:
    ident = identification(store, s)
    pairs = frame(store, "partnerships")
    events, part, teachers = (frame(store, n) for n in ("events", "participation", "teachers"))
    joint = joint_events(pairs, events, part, teachers, day) if len(pairs) else pd.DataFrame()
    return MonitoringInputs(
        identified=identification_table(store, s),
        teachers=teachers,
        events=events,
        participation=part,
        results=frame(store, "results"),
        result_index=ident.percentiles[["school_id", "year", "result_index"]],
        staffing=frame(store, "staffing"),
        partnerships=pairs,
        joint_events=joint,
        targets=frame(store, "targets"),
    )


def _years(inp: MonitoringInputs, m: MonitoringSettings, day: dt.date) -> list[int]:
    now = m.school_year_of(day)
    known = {int(y) for y in inp.results.get("year", pd.Series(dtype=int)).dropna()}
    known |= {int(y) for y in inp.staffing.get("year", pd.Series(dtype=int)).dropna()}
    first = min(known) if known else now
    return list(range(max(first, now - 5), now + 1))


def _arrow(change: float) -> str:
    if pd.isna(change) or abs(change) < 1e-9:
        return "→"
    return "↑" if change > 0 else "↓"


def _table(ind: pd.DataFrame, year: int, partial: bool = False) -> pd.DataFrame:
    """One row per indicator: the current school year, or its latest year with a value
    (results of a school year arrive in summer), with the year before for the arrow."""
    rows = []
    for code in INDICATORS:
        own = ind[ind["indicator"] == code].set_index("year").sort_index()
        known = own[own["value"].notna() & (own.index <= year)]
        shown = year if year in known.index or not len(known) else int(known.index.max())
        r = own.loc[shown] if shown in own.index else None
        prev = own["value"].get(shown - 1, float("nan"))
        missing = r["missing"] if r is not None else None
        value = r["value"] if r is not None else float("nan")
        if isinstance(missing, str):
            note = t(f"monitoring.missing.{missing}")
        elif pd.isna(value):
            note = t("monitoring.missing.year", year=shown)
        elif partial and shown == year:
            # An unfinished school year against a whole one: the arrow may only mean "not yet".
            note = t("monitoring.partial_year")
        else:
            note = ""
        unit = r["unit"] if r is not None else ("count" if code == "exchange_events" else "percent")
        rows.append(
            {
                "indicator": code,
                "name": t(f"monitoring.indicator.{code}"),
                "year": shown,
                "unit": t(f"monitoring.unit.{unit}"),
                "numerator": r["numerator"] if r is not None else float("nan"),
                "denominator": r["denominator"] if r is not None else float("nan"),
                "value": value,
                "previous": prev,
                "trend": _arrow(value - prev),
                "baseline_year": r["baseline_year"] if r is not None else pd.NA,
                "baseline": r["baseline"] if r is not None else float("nan"),
                "change": r["change"] if r is not None else float("nan"),
                "target": r["target"] if r is not None else float("nan"),
                "met": r["met"] if r is not None else None,
                "note": note,
            }
        )
    return pd.DataFrame(rows)


def _roadmap(store: Store, municipality: str | None, day: dt.date) -> pd.DataFrame:
    items = frame(store, "roadmap")
    links = frame(store, "roadmap_events")
    cols = ["item_id", "section", "activity", "deadline", "responsible", "expected_result"]
    if not len(items):
        return pd.DataFrame(columns=[*cols, "state", "state_label", "n_events", "last_event"])
    if municipality is not None:
        items = items[items["municipality"].isna() | (items["municipality"] == municipality)]
    # A boolean Series, not a list: an empty list would select no columns at all.
    links = links[pd.Series([d is not None and d <= day for d in links["date"]], dtype=bool,
                            index=links.index)]  # fmt: skip
    n_events = links.groupby("item_id").size()
    last = links.groupby("item_id")["date"].max()
    out = items[cols].copy()
    out["n_events"] = out["item_id"].map(n_events).fillna(0).astype(int)
    out["last_event"] = out["item_id"].map(last)
    states = []
    for status, deadline, n in zip(
        items["status"], items["deadline"], out["n_events"], strict=True
    ):
        passed = deadline is not None and deadline < day
        if status == "cancelled":
            states.append("cancelled")
        elif status == "done" or (passed and n > 0):
            states.append("done")
        elif passed:
            states.append("overdue")
        elif n > 0 or status == "in_progress":
            states.append("in_progress")
        else:
            states.append("planned")
    out["state"] = states
    out["state_label"] = [t(f"monitoring.roadmap.{s}") for s in states]
    return out.reset_index(drop=True)


def _pairs(
    store: Store, s: AnalysisSettings, day: dt.date, municipality: str | None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Idle pairs, ШНОР without a pair, and the pair-effect inputs (treated, pool)."""
    ident = identification_table(store, s)
    names = dict(zip(ident["school_id"], ident["name"], strict=True))
    munis = dict(zip(ident["school_id"], ident["municipality"], strict=True))
    act = activity(store, s, day)
    occupying = act[act["status"].isin(list(s.occupying_statuses))] if len(act) else act
    low = ident[low_schools(ident).to_numpy()]
    if municipality is not None:
        low = low[low["municipality"] == municipality]
    paired = set(occupying["mentee_school_id"]) if len(occupying) else set()
    alone = low[~low["school_id"].isin(paired)][["school_id", "name", "municipality"]]
    idle = occupying[occupying["activity"] != "active"] if len(occupying) else occupying
    idle_rows = [
        {
            "partnership_id": r.partnership_id,
            "tutor_school_id": r.tutor_school_id,
            "mentee_school_id": r.mentee_school_id,
            "tutor": names.get(r.tutor_school_id, r.tutor_school_id),
            "mentee": names.get(r.mentee_school_id, r.mentee_school_id),
            "municipality": munis.get(r.mentee_school_id),
            "activity": t(f"analysis.activity.label.{r.activity}"),
            "last_joint_event": r.last_joint_event,
        }
        for r in idle.itertuples(index=False)
        if municipality is None or munis.get(r.mentee_school_id) == municipality
    ]
    cols = ["partnership_id", "tutor_school_id", "mentee_school_id", "tutor", "mentee"]
    cols += ["municipality", "activity", "last_joint_event"]
    return pd.DataFrame(idle_rows, columns=cols), alone.reset_index(drop=True), act


def _effect(
    store: Store, s: AnalysisSettings, m: MonitoringSettings, act: pd.DataFrame
) -> PairEffect:
    ident = identification(store, s)
    table = identification_table(store, s)
    low = table[low_schools(table).to_numpy()]
    bands = pd.Series(low["context_band"].to_numpy(), index=low["school_id"].to_numpy())
    ever = set(act["mentee_school_id"]) if len(act) else set()
    working = act[act["activity"] != "not_started"] if len(act) else act
    starts = []
    for mentee, start in zip(working["mentee_school_id"], working["start_date"], strict=True):
        if isinstance(start, dt.date) and mentee in bands.index:
            starts.append({"school_id": mentee, "start_year": m.school_year_of(start)})
    treated = pd.DataFrame(starts, columns=["school_id", "start_year"])
    pool = [sid for sid in bands.index if sid not in ever]
    return pair_effect(ident.percentiles, treated, pool, bands, m)


def _names(rows: pd.DataFrame) -> str:
    return ", ".join(f"«{n}»" for n in rows["name"])


def _conclusions(view: MonitoringView) -> list[str]:
    out = []
    tab = view.table
    known = tab[tab["value"].notna()]
    missed = known[known["met"].astype(object).eq(False)]
    met = known[known["met"].astype(object).eq(True)]
    if len(met):
        out.append(t("monitoring.conclusion.met", items=_names(met)))
    for r in missed.itertuples(index=False):
        out.append(
            t(
                "monitoring.conclusion.missed",
                name=r.name,
                value=fmt_number(r.value),
                target=fmt_number(r.target),
            )
        )
    no_target = known[known["target"].isna()]
    if len(no_target):
        out.append(t("monitoring.conclusion.no_target", n=len(no_target)))
    empty = tab[tab["value"].isna()]
    for r in empty.itertuples(index=False):
        out.append(t("monitoring.conclusion.no_data", name=r.name, note=r.note or "—"))
    falling = known[known["trend"] == "↓"]
    if len(falling):
        out.append(t("monitoring.conclusion.falling", items=_names(falling)))
    overdue = int((view.roadmap["state"] == "overdue").sum()) if len(view.roadmap) else 0
    if len(view.roadmap):
        done = int((view.roadmap["state"] == "done").sum())
        out.append(
            t("monitoring.conclusion.roadmap", done=done, total=len(view.roadmap), overdue=overdue)
        )
    if len(view.idle_pairs):
        out.append(t("monitoring.conclusion.idle", n=len(view.idle_pairs)))
    if len(view.alone):
        out.append(t("monitoring.conclusion.alone", n=len(view.alone)))
    return out


def _effect_text(e: PairEffect) -> str:
    """What the pair-effect estimate shows, in one plain-Russian paragraph."""
    if e.status != "ok":
        return t(f"monitoring.effect.{e.status}", n=e.n_matched, treated=e.n_treated)
    key = (
        "monitoring.effect.positive"
        if e.ci_low > 0
        else ("monitoring.effect.negative" if e.ci_high < 0 else "monitoring.effect.unclear")
    )
    text = t(
        key,
        estimate=fmt_number(e.estimate, 2, sign=True),
        low=fmt_number(e.ci_low, 2, sign=True),
        high=fmt_number(e.ci_high, 2, sign=True),
        n=e.n_matched,
        controls=e.n_controls,
        level=fmt_percent(e.confidence),
    )
    if e.n_placebo:
        text += " " + t(
            "monitoring.effect.placebo_ok" if e.placebo_ok else "monitoring.effect.placebo_bad",
            estimate=fmt_number(e.placebo, 2, sign=True),
            low=fmt_number(e.placebo_low, 2, sign=True),
            high=fmt_number(e.placebo_high, 2, sign=True),
        )
    return text + " " + t("monitoring.effect.caveat")


def monitoring(
    store: Store,
    as_of: dt.date | None = None,
    municipality: str | None = None,
    settings: AnalysisSettings | None = None,
    monitoring_settings: MonitoringSettings | None = None,
) -> MonitoringView:
    """The monitoring of the programme on ``as_of`` for a municipality or the region (None)."""
    s = settings or AnalysisSettings()
    m = monitoring_settings or MonitoringSettings()
    day = as_of or dt.date.today()

    def compute() -> MonitoringView:
        shared = _region_wide(store, s, m, day)
        munis, ind = shared.municipalities, shared.indicators
        if municipality is not None and municipality not in munis:
            raise UserError(t("monitoring.error.municipality", name=municipality))
        scope = (
            ind[ind["municipality"].isna()]
            if municipality is None
            else ind[ind["municipality"] == municipality]
        )
        year = m.school_year_of(day)
        idle, alone, _ = _pairs(store, s, day, municipality)
        view = MonitoringView(
            as_of=day,
            year=year,
            municipality=municipality,
            municipalities=munis,
            table=_table(scope, year, partial=day < m.school_year_end(year)),
            trend=scope[["indicator", "year", "value", "target"]].reset_index(drop=True),
            roadmap=_roadmap(store, municipality, day),
            idle_pairs=idle,
            alone=alone,
            effect=shared.effect,
            all_indicators=ind,
        )
        view.effect_summary = _effect_text(view.effect)
        view.conclusions = _conclusions(view)
        return view

    key = ("monitoring", day, municipality, s.model_dump_json(), m.model_dump_json())
    return memo(store, key, compute)


def _region_wide(
    store: Store, s: AnalysisSettings, m: MonitoringSettings, day: dt.date
) -> _RegionWide:
    def compute() -> _RegionWide:
        inp = _inputs(store, s, day)
        munis = sorted(
            str(x) for x in inp.identified.get("municipality", pd.Series()).dropna().unique()
        )
        years = _years(inp, m, day)
        return _RegionWide(
            municipalities=munis,
            years=years,
            indicators=indicators(inp, years, m, as_of=day),
            effect=_effect(store, s, m, activity(store, s, day)),
        )

    key = ("monitoring_region", day, s.model_dump_json(), m.model_dump_json())
    return memo(store, key, compute, persist=True)
