"""The programme's indicators per municipality and for the region, per school year.

Pure functions over frames (DESIGN.md, "Programme monitoring"). Every indicator is a share
``value = 100 · numerator / denominator`` (or, for ``exchange_events``, a count), with the
numerator and the denominator behind it, the baseline, the change from it, and the target.
Definitions are :class:`~analysis.monitoring_settings.MonitoringSettings`. The programme's
schools are today's ШНОР (computed ``low`` or on the official list) and ШНСУ.

- ``trained_teachers``: teachers of ШНОР who attended a training event (``course``) in the
  ``training_period_years`` before the end of the school year / teachers of ШНОР.
- ``gia_pass_unfavourable``: pupils of ШНСУ who passed ГИА (ОГЭ, ЕГЭ; ``pass_rate``, else
  100 − ``low_share``, weighted by participants) / participants.
- ``low_improved``: ШНОР whose result index rose over the year / ШНОР with an index in both
  years.
- ``staffing_filled``: filled positions / positions of ШНОР.
- ``specialists_present``: ШНОР with every required specialist / ШНОР with a staffing row.
- ``low_in_working_pair``: ШНОР that are the mentee of a pair with a joint event in the school
  year / ШНОР.
- ``municipalities_engaged``: municipalities with a ШНОР in a working pair / municipalities
  with a ШНОР (for one municipality: 1 of 1, or 0 of 1).
- ``exchange_events``: events of the exchange kinds (seminars, webinars, …) in the year.

A row whose input was never loaded has no value and says what to load (``missing``, a code).

Examples
--------
>>> ident = pd.DataFrame({"school_id": ["a", "b"], "municipality": ["М", "М"],
...     "status": ["low", "regular"], "unfavourable": [True, False]})
>>> inputs = MonitoringInputs(identified=ident,
...     teachers=pd.DataFrame({"teacher_id": ["t1", "t2"], "school_id": ["a", "a"]}),
...     events=pd.DataFrame({"event_id": ["e"], "kind": ["course"],
...                          "date": [dt.date(2024, 3, 1)], "municipality": ["М"]}),
...     participation=pd.DataFrame({"event_id": ["e"], "teacher_id": ["t1"]}))
>>> out = indicators(inputs, years=[2024])
>>> row = out[(out.indicator == "trained_teachers") & out.municipality.isna()].iloc[0]
>>> float(row.numerator), float(row.denominator), float(row.value)
(1.0, 2.0, 50.0)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.columns import as_bool, as_date, as_str_id, column
from analysis.coverage import low_schools
from analysis.monitoring_settings import MonitoringSettings
from graph.model import Indicator

__all__ = ["COLUMNS", "COUNT_INDICATORS", "INDICATORS", "MonitoringInputs", "indicators"]

INDICATORS: tuple[str, ...] = tuple(i.value for i in Indicator)
COUNT_INDICATORS = frozenset({Indicator.exchange_events.value})
COLUMNS = [
    "indicator",
    "municipality",
    "year",
    "numerator",
    "denominator",
    "value",
    "unit",
    "missing",
    "target",
    "target_scope",
    "baseline_year",
    "baseline",
    "change",
    "met",
]


def _empty() -> pd.DataFrame:
    return pd.DataFrame()


@dataclass
class MonitoringInputs:
    """The frames indicators are computed from (named-query columns); any may be empty.

    ``identified`` is :func:`analysis.identify.identify`; ``result_index`` has ``school_id``,
    ``year``, ``result_index``; ``joint_events`` is :func:`analysis.exchange.joint_events`
    with ``partnerships``.
    """

    identified: pd.DataFrame
    teachers: pd.DataFrame = field(default_factory=_empty)
    events: pd.DataFrame = field(default_factory=_empty)
    participation: pd.DataFrame = field(default_factory=_empty)
    results: pd.DataFrame = field(default_factory=_empty)
    result_index: pd.DataFrame = field(default_factory=_empty)
    staffing: pd.DataFrame = field(default_factory=_empty)
    partnerships: pd.DataFrame = field(default_factory=_empty)
    joint_events: pd.DataFrame = field(default_factory=_empty)
    targets: pd.DataFrame = field(default_factory=_empty)


# One indicator's counts: municipality (None: only in the region), year, numerator, denominator;
# or a missing-input code.
Counts = pd.DataFrame | str
# Per-school numerators and denominators of one year, both indexed by school id.
_Shares = tuple[pd.Series, pd.Series]


class _Ctx:
    def __init__(
        self, inp: MonitoringInputs, s: MonitoringSettings, years: list[int], as_of: dt.date
    ):
        self.inp, self.s, self.years, self.as_of = inp, s, years, as_of
        ident = inp.identified
        ids = as_str_id(column(ident, "school_id"))
        self.muni = pd.Series(column(ident, "municipality").to_numpy(), index=ids.to_numpy())
        low = low_schools(ident).to_numpy() if len(ident) else np.zeros(0, bool)
        self.low = set(ids[low])
        unfav = as_bool(column(ident, "unfavourable")).to_numpy() if len(ident) else low
        self.unfavourable = set(ids[unfav])

    def event_years(self) -> list[int]:
        """Years the events cover: a school year that ended before the first event loaded has
        no event data (not zero events)."""
        events = self.inp.events
        dates = as_date(column(events, "date")).dropna() if len(events) else pd.Series()
        if not len(dates):
            return []
        first = dates.min()
        return [y for y in self.years if pd.Timestamp(self.s.school_year_end(y)) >= first]

    def year_end(self, year: int) -> pd.Timestamp:
        return pd.Timestamp(min(self.s.school_year_end(year), self.as_of))

    def year_start(self, year: int) -> pd.Timestamp:
        return pd.Timestamp(self.s.school_year_end(year - 1) + dt.timedelta(days=1))

    def counts(self, rows: list[tuple[object, int, float, float]]) -> pd.DataFrame:
        return pd.DataFrame(rows, columns=["municipality", "year", "numerator", "denominator"])

    def by_school(self, year: int, num: pd.Series, den: pd.Series) -> list[tuple]:
        """Per-school numerators and denominators (indexed by school id) summed by municipality."""
        frame = pd.DataFrame({"num": num, "den": den}).fillna(0.0)
        frame["municipality"] = self.muni.reindex(frame.index).to_numpy()
        sums = frame.groupby("municipality", dropna=False)[["num", "den"]].sum()
        return [(m, year, float(r.num), float(r.den)) for m, r in sums.iterrows()]

    def yearly(
        self, years: Sequence[int], per_year: Callable[[int], _Shares | None], missing: str
    ) -> Counts:
        """Each year's per-school (numerator, denominator) summed by municipality; ``missing``
        when no year has any (``per_year`` returns None for a year without data)."""
        rows: list[tuple] = []
        for year in years:
            shares = per_year(year)
            if shares is not None:
                rows += self.by_school(year, *shares)
        return self.counts(rows) if rows else missing

    def low_by_muni(self) -> pd.Series:
        return pd.Series(1.0, index=sorted(self.low))


def _trained(c: _Ctx) -> Counts:
    teachers, events, part = c.inp.teachers, c.inp.events, c.inp.participation
    if not len(teachers):
        return "teachers"
    kinds = set(c.s.training_event_kinds)
    if not len(events) or not len(part) or not column(events, "kind").isin(kinds).any():
        return "participation"
    t_school = pd.Series(
        as_str_id(teachers["school_id"]).to_numpy(), index=as_str_id(teachers["teacher_id"])
    )
    t_low = t_school[t_school.isin(c.low)]
    ev = events[column(events, "kind").isin(kinds)]
    ev_date = pd.Series(as_date(ev["date"]).to_numpy(), index=as_str_id(ev["event_id"]))
    att = pd.DataFrame(
        {
            "teacher_id": as_str_id(part["teacher_id"]).to_numpy(),
            "date": ev_date.reindex(as_str_id(part["event_id"])).to_numpy(),
        }
    ).dropna()

    def per_year(year: int) -> _Shares:
        end = c.year_end(year)
        start = pd.Timestamp(c.s.school_year_end(year)) - pd.DateOffset(
            years=c.s.training_period_years
        )
        ok = att[(att["date"] > start) & (att["date"] <= end)]
        trained = t_low.index.isin(set(ok["teacher_id"]))
        frame = pd.DataFrame({"school": t_low.to_numpy(), "num": trained.astype(float)})
        per = frame.groupby("school")["num"].agg(["sum", "count"])
        return per["sum"], per["count"].astype(float)

    return c.yearly(c.event_years(), per_year, "participation")


def _gia(c: _Ctx) -> Counts:
    if not c.unfavourable:
        return "unfavourable"
    res = c.inp.results
    if not len(res):
        return "gia"
    metrics = list(c.s.gia_success_metrics)
    res = res.assign(school_id=as_str_id(res["school_id"]))
    res = res[
        res["school_id"].isin(c.unfavourable)
        & res["assessment"].isin(c.s.gia_assessments)
        & res["metric"].isin(metrics)
        & (pd.to_numeric(column(res, "participants"), errors="coerce") > 0)
    ].copy()
    if not len(res):
        return "gia"
    res["rank"] = res["metric"].map({m: i for i, m in enumerate(metrics)})
    res["grade"] = column(res, "grade").fillna(-1)
    keys = ["school_id", "year", "assessment", "subject", "grade"]
    res = res.sort_values([*keys, "rank"]).drop_duplicates(keys)
    share = np.where(res["metric"] == "low_share", 100.0 - res["value"], res["value"]) / 100.0
    res["den"] = res["participants"].astype(float)
    res["num"] = share * res["den"]

    def per_year(year: int) -> _Shares | None:
        y = res[res["year"] == year].groupby("school_id")[["num", "den"]].sum()
        return (y["num"], y["den"]) if len(y) else None

    return c.yearly(c.years, per_year, "gia")


def _improved(c: _Ctx) -> Counts:
    if not c.low:
        return "low"
    idx = c.inp.result_index
    if not len(idx):
        return "index"
    idx = idx.assign(school_id=as_str_id(idx["school_id"]))
    idx = idx[idx["school_id"].isin(c.low) & idx["result_index"].notna()]
    wide = idx.pivot_table(index="school_id", columns="year", values="result_index")

    def per_year(year: int) -> _Shares | None:
        if year not in wide.columns or year - 1 not in wide.columns:
            return None
        both = wide[[year - 1, year]].dropna()
        if not len(both):
            return None
        rose = (both[year] - both[year - 1] > c.s.improvement_min_delta).astype(float)
        return rose, pd.Series(1.0, index=both.index)

    return c.yearly(c.years, per_year, "index")


def _staffing_rows(c: _Ctx) -> pd.DataFrame | str:
    st = c.inp.staffing
    if not len(st):
        return "staffing"
    st = st.assign(school_id=as_str_id(st["school_id"]))
    return st[st["school_id"].isin(c.low)]


def _staffing(c: _Ctx) -> Counts:
    st = _staffing_rows(c)
    if isinstance(st, str):
        return st
    st = st[pd.to_numeric(column(st, "positions"), errors="coerce") > 0]

    def per_year(year: int) -> _Shares | None:
        y = st[st["year"] == year]
        if not len(y):
            return None
        positions = y["positions"].astype(float).to_numpy()
        filled = pd.to_numeric(y["filled"], errors="coerce").fillna(0.0).to_numpy()
        num = pd.Series(np.minimum(filled, positions), index=y["school_id"])
        return num, pd.Series(positions, index=y["school_id"])

    return c.yearly(c.years, per_year, "staffing")


def _specialists(c: _Ctx) -> Counts:
    st = _staffing_rows(c)
    if isinstance(st, str):
        return st

    def per_year(year: int) -> _Shares | None:
        y = st[st["year"] == year]
        if not len(y):
            return None
        have = np.ones(len(y), dtype=bool)
        for col in c.s.required_specialists:
            have &= pd.to_numeric(column(y, col), errors="coerce").fillna(0.0).to_numpy() > 0
        index = y["school_id"].to_numpy()
        return pd.Series(have.astype(float), index=index), pd.Series(1.0, index=index)

    return c.yearly(c.years, per_year, "staffing")


def _working_mentees(c: _Ctx, year: int) -> set[str]:
    joint, pairs = c.inp.joint_events, c.inp.partnerships
    if not len(joint) or not len(pairs):
        return set()
    dates = as_date(joint["date"])
    inside = joint[(dates >= c.year_start(year)) & (dates <= c.year_end(year))]
    mentee = pd.Series(
        as_str_id(pairs["mentee_school_id"]).to_numpy(),
        index=as_str_id(pairs["partnership_id"]),
    )
    return set(mentee.reindex(as_str_id(inside["partnership_id"])).dropna())


def _in_pair(c: _Ctx) -> Counts:
    if not c.low:
        return "low"
    if not len(c.inp.partnerships):
        return "partnerships"
    low = c.low_by_muni()

    def per_year(year: int) -> _Shares:
        return low.index.isin(_working_mentees(c, year)).astype(float) * low, low

    return c.yearly(c.event_years(), per_year, "events")


def _engaged(c: _Ctx) -> Counts:
    counts = _in_pair(c)
    if isinstance(counts, str):
        return counts
    counts = counts[counts["municipality"].notna() & (counts["denominator"] > 0)].copy()
    counts["numerator"] = (counts["numerator"] > 0).astype(float)
    counts["denominator"] = 1.0
    return counts


def _exchange_events(c: _Ctx) -> Counts:
    events = c.inp.events
    if not len(events):
        return "events"
    ev = events[column(events, "kind").isin(c.s.exchange_event_kinds)]
    muni = column(ev, "municipality")
    org = as_str_id(column(ev, "organizer_id"))
    muni = muni.where(muni.notna(), org.map(c.muni))
    frame = pd.DataFrame({"municipality": muni.to_numpy(), "date": as_date(ev["date"]).to_numpy()})
    rows = []
    for year in c.event_years():
        inside = frame[(frame["date"] >= c.year_start(year)) & (frame["date"] <= c.year_end(year))]
        for m in sorted(set(c.muni.dropna())):
            rows.append((m, year, float((inside["municipality"] == m).sum()), np.nan))
        other = float((~inside["municipality"].isin(set(c.muni.dropna()))).sum())
        if other:
            rows.append((None, year, other, np.nan))
    return c.counts(rows) if rows else "events"


_COMPUTE: dict[str, Callable[[_Ctx], Counts]] = {
    Indicator.trained_teachers.value: _trained,
    Indicator.gia_pass_unfavourable.value: _gia,
    Indicator.low_improved.value: _improved,
    Indicator.staffing_filled.value: _staffing,
    Indicator.specialists_present.value: _specialists,
    Indicator.low_in_working_pair.value: _in_pair,
    Indicator.municipalities_engaged.value: _engaged,
    Indicator.exchange_events.value: _exchange_events,
}
assert set(_COMPUTE) == set(INDICATORS)


def _with_region(code: str, counts: pd.DataFrame) -> pd.DataFrame:
    """Municipality rows plus the region row (municipality None) summing them."""
    region = counts.groupby("year")[["numerator", "denominator"]].sum(min_count=1).reset_index()
    region["municipality"] = None
    munis = counts[counts["municipality"].notna()]
    out = pd.concat([munis, region], ignore_index=True)
    out["indicator"] = code
    if code in COUNT_INDICATORS:
        out["value"] = out["numerator"]
        out["denominator"] = np.nan
        out["unit"] = "count"
    else:
        den = out["denominator"].where(out["denominator"] > 0)
        out["value"] = 100.0 * out["numerator"] / den
        out["unit"] = "percent"
    out["missing"] = None
    return out


def _missing_rows(code: str, reason: str, munis: list[str], years: list[int]) -> pd.DataFrame:
    rows = [
        {"indicator": code, "municipality": m, "year": y, "missing": reason}
        for y in years
        for m in [*munis, None]
    ]
    out = pd.DataFrame(rows)
    out["unit"] = "count" if code in COUNT_INDICATORS else "percent"
    return out


def _add_targets(out: pd.DataFrame, targets: pd.DataFrame, s: MonitoringSettings) -> None:
    own: dict[tuple[str, str | None, int], float] = {}
    if len(targets):
        for ind, muni, year, value in zip(
            targets["indicator"],
            targets["municipality"],
            targets["year"],
            targets["value"],
            strict=True,
        ):
            m = muni if isinstance(muni, str) and muni else None
            own[(str(ind), m, int(year))] = float(value)
    target: list[float] = []
    scope: list[str | None] = []
    for r in out.itertuples(index=False):
        key = (str(r.indicator), r.municipality, int(str(r.year)))
        region_key = (str(r.indicator), None, int(str(r.year)))
        if key in own:
            target.append(own[key])
            scope.append("own")
        elif (
            region_key in own
            and r.municipality is not None
            and str(r.indicator) not in COUNT_INDICATORS  # a region's count is not a district's
        ):
            target.append(own[region_key])
            scope.append("region")
        elif r.indicator == Indicator.municipalities_engaged.value and r.municipality is None:
            target.append(s.engaged_target_share)
            scope.append("default")
        else:
            target.append(np.nan)
            scope.append(None)
    out["target"] = target
    out["target_scope"] = scope


def _add_baseline(out: pd.DataFrame, s: MonitoringSettings) -> None:
    known = out[out["value"].notna()].sort_values("year")
    if s.baseline_year is not None:
        known = known[known["year"] == s.baseline_year]
    key = known["indicator"] + "|" + known["municipality"].fillna("")
    first = known.assign(key=key).drop_duplicates("key").set_index("key")
    all_keys = out["indicator"] + "|" + out["municipality"].fillna("")
    out["baseline_year"] = all_keys.map(first["year"]).astype("Int64")
    out["baseline"] = all_keys.map(first["value"]).astype(float)
    out["change"] = out["value"] - out["baseline"]
    met = out["value"] >= out["target"]
    out["met"] = met.where(out["value"].notna() & out["target"].notna()).astype(object)


def indicators(
    inputs: MonitoringInputs,
    years: Sequence[int],
    settings: MonitoringSettings | None = None,
    as_of: dt.date | None = None,
) -> pd.DataFrame:
    """Every indicator per municipality and for the region (``municipality`` None), per year.

    Parameters
    ----------
    inputs : MonitoringInputs
    years : sequence of int
        School years to compute (named by the year they end).
    settings : MonitoringSettings, optional
    as_of : date, optional
        Events after this day do not count (the current school year is counted up to it).

    Returns
    -------
    DataFrame
        :data:`COLUMNS`, sorted by indicator (in :data:`INDICATORS` order), year and
        municipality (the region last). ``value`` is a percentage (``unit`` ``percent``) or a
        count; NaN when the denominator is zero or the input is ``missing`` (a code:
        ``teachers``, ``participation``, ``gia``, ``unfavourable``, ``low``, ``index``,
        ``staffing``, ``partnerships``, ``events``). ``target_scope`` says whose target
        applies (``own``, the ``region``'s, the settings' ``default``); ``met`` is
        value ≥ target.
    """
    s = settings or MonitoringSettings()
    ys = sorted({int(y) for y in years})
    day = as_of or s.school_year_end(max(ys) if ys else dt.date.today().year)
    ctx = _Ctx(inputs, s, ys, day)
    munis = sorted(str(m) for m in set(ctx.muni.dropna()))
    parts = []
    for code in INDICATORS:
        counts = _COMPUTE[code](ctx) if ys else "low"
        if isinstance(counts, str):
            parts.append(_missing_rows(code, counts, munis, ys))
        else:
            parts.append(_with_region(code, counts))
    out = pd.concat([p for p in parts if len(p)], ignore_index=True) if ys else pd.DataFrame()
    out = out.reindex(columns=COLUMNS)
    if not len(out):
        return out
    out["year"] = out["year"].astype(int)
    muni = out["municipality"].astype(object)
    out["municipality"] = muni.where(muni.notna(), None)
    _add_targets(out, inputs.targets, s)
    _add_baseline(out, s)
    order = {c: i for i, c in enumerate(INDICATORS)}
    out["_o"] = out["indicator"].map(order)
    out["_m"] = out["municipality"].isna()
    out = out.sort_values(["_o", "year", "_m", "municipality"], na_position="last")
    return out.drop(columns=["_o", "_m"]).reset_index(drop=True)
