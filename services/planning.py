"""The pair planner: the optimal plan, manual swaps, accepting and rejecting pairs, the order."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis import pairing
from analysis.settings import AnalysisSettings
from graph.model import Edge, NodeRef, Partnership, PartnershipStatus, partnership_id
from graph.store import Store
from labels import t
from labels.formats import format_date
from labels.reasons import render_column
from loaders.writers import append_row, set_text
from services.access import unguarded
from services.cache import memo
from services.errors import UserError
from services.identification import identification_table
from services.query_frames import frame
from services.result_cache import register

__all__ = [
    "PLAN_COLUMNS",
    "PlanView",
    "accept_pair",
    "draft_order_xlsx",
    "evaluate_pair",
    "pairing_tables",
    "plan_pairs",
    "reject_pair",
    "tutor_options",
]

PLAN_COLUMNS = [
    "mentee_school_id",
    "tutor_school_id",
    "cost",
    "social_gap",
    "distance_km",
    "subject_fit",
    "reason",
]


@register
@dataclass(frozen=True)
class PlanView:
    """The optimal plan with names and focus subjects, the unpaired mentees and candidates."""

    pairs: pd.DataFrame
    unpaired: pd.DataFrame
    candidates: pd.DataFrame
    n_mentees: int
    total_cost: float


def _inputs(store: Store, s: AnalysisSettings) -> tuple[pd.DataFrame, ...]:
    return (
        frame(store, "schools"),
        identification_table(store, s),
        frame(store, "partnerships"),
        frame(store, "exclusions"),
    )


# The analysis' reason codes → the text columns people read: (codes, text, message area).
_WORDS = (
    ("reasons", "reason", "analysis.pair"),
    ("reason", "reason", "analysis.unpaired"),
    ("hints", "hint", "analysis.hint"),
    ("infeasible_reasons", "infeasible_reason", "analysis.infeasible"),
)


@unguarded("pure: renders a plan frame's reason codes into text; reads no data")
def in_words(df: pd.DataFrame, *, unpaired: bool = False) -> pd.DataFrame:
    """``df`` with the analysis' reason codes rendered into text columns, in their place.

    ``unpaired``: ``reason`` holds why a mentee is unpaired (else it is left as it is).
    """
    out = df.copy()
    for codes, text, area in _WORDS:
        if codes not in out.columns or (codes == "reason" and not unpaired):
            continue
        at = out.columns.get_loc(codes)
        words = render_column(out.pop(codes), area)
        out.insert(at if isinstance(at, int) else len(out.columns), text, words)
    return out


def _focus(weak: Any, strong: Any) -> list[str]:
    weak_l, strong_l = list(weak or []), set(strong or [])
    both = [x for x in weak_l if x in strong_l]
    return both or weak_l


def plan_pairs(store: Store, settings: AnalysisSettings | None = None) -> PlanView:
    """The exact optimal plan for the settings (municipalities, radius, capacity, weights)."""
    s = settings or AnalysisSettings()

    def compute() -> PlanView:
        schools, ident, partnerships, exclusions = _inputs(store, s)
        travel = frame(store, "travel_times")
        plan = pairing.plan_pairs(schools, ident, partnerships, exclusions, s, travel)
        weak = dict(zip(ident["school_id"], ident["weak_subjects"], strict=True))
        strong = dict(zip(ident["school_id"], ident["strong_subjects"], strict=True))
        pairs = in_words(plan.pairs)
        pairs["focus_subjects"] = [
            _focus(weak.get(m), strong.get(tt))
            for m, tt in zip(pairs["mentee_school_id"], pairs["tutor_school_id"], strict=True)
        ]
        names = dict(zip(schools["school_id"], schools["name"], strict=True))
        munis = dict(zip(schools["school_id"], schools["municipality"], strict=True))
        unpaired = in_words(plan.unpaired, unpaired=True)
        if "mentee_name" not in unpaired.columns:
            unpaired.insert(1, "mentee_name", unpaired["mentee_school_id"].map(names))
        if "municipality" not in unpaired.columns:
            unpaired.insert(2, "municipality", unpaired["mentee_school_id"].map(munis))
        cands = in_words(plan.candidates)
        cands.insert(1, "mentee_name", cands["mentee_school_id"].map(names))
        cands.insert(3, "tutor_name", cands["tutor_school_id"].map(names))
        cands.insert(4, "tutor_municipality", cands["tutor_school_id"].map(munis))
        return PlanView(
            pairs=pairs,
            unpaired=unpaired,
            candidates=cands,
            n_mentees=len(pairs) + len(unpaired),
            total_cost=plan.total_cost,
        )

    return memo(store, ("plan", s.model_dump_json()), compute, persist=True)


def pairing_tables(
    store: Store, settings: AnalysisSettings | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The CLI's two tables: pairs then unpaired mentees (empty tutor), and all candidates."""
    view = plan_pairs(store, settings)
    pairs = view.pairs.copy()
    pairs["focus_subjects"] = pairs["focus_subjects"].map("; ".join)
    extra = ["mentee_name", "tutor_name", "focus_subjects", "band_gap", "level_mismatch",
             "coords_unknown"]  # fmt: skip
    pairs = pairs[PLAN_COLUMNS + [c for c in extra if c in pairs.columns]]
    unpaired = pd.DataFrame(
        {
            "mentee_school_id": view.unpaired["mentee_school_id"],
            "tutor_school_id": "",
            "reason": view.unpaired["reason"],
            "mentee_name": view.unpaired["mentee_name"],
            "hint": view.unpaired["hint"],
        }
    )
    table = pd.concat([pairs, unpaired], ignore_index=True)
    cands = view.candidates.copy()
    return table, cands


def evaluate_pair(
    store: Store, mentee_id: str, tutor_id: str, settings: AnalysisSettings | None = None
) -> dict[str, Any]:
    """Cost, feasibility and reason of any pair the coordinator picks by hand."""
    s = settings or AnalysisSettings()
    schools, ident, partnerships, exclusions = _inputs(store, s)
    for sid in (mentee_id, tutor_id):
        if sid not in set(schools["school_id"]):
            raise UserError(t("services.unknown_school", school_id=sid))
    travel = frame(store, "travel_times")
    verdict = pairing.evaluate_pair(
        schools, ident, mentee_id, tutor_id, partnerships, exclusions, s, travel
    )
    row = in_words(pd.DataFrame([verdict])).iloc[0]
    return {str(k): v for k, v in row.items()}


def tutor_options(
    store: Store, mentee_id: str, settings: AnalysisSettings | None = None
) -> pd.DataFrame:
    """Every tutor considered for one mentee, feasible and cheapest first (for a manual swap)."""
    view = plan_pairs(store, settings)
    c = view.candidates
    mine = c[c["mentee_school_id"] == mentee_id]
    return mine.sort_values(["feasible", "cost"], ascending=[False, True]).reset_index(drop=True)


def accept_pair(
    store: Store,
    mentee_id: str,
    tutor_id: str,
    focus_subjects: list[str] | None = None,
    start_date: dt.date | None = None,
) -> str:
    """Make the pair a partnership with status ``agreed``; returns the partnership id."""
    if mentee_id == tutor_id:
        raise UserError(t("services.pair.same_school"))
    for sid in (mentee_id, tutor_id):
        if store.get_node("School", sid) is None:
            raise UserError(t("services.unknown_school", school_id=sid))
    pid = partnership_id(tutor_id, mentee_id)
    node = Partnership(
        id=pid,
        tutor_school_id=tutor_id,
        mentee_school_id=mentee_id,
        status=PartnershipStatus.agreed,
        start_date=start_date or dt.date.today(),
        focus_subjects=[s for s in (focus_subjects or []) if s.strip()],
    )
    with store.unit_of_work() as uow:
        uow.upsert_nodes([node])
        uow.upsert_edges(
            [
                Edge(type="TUTOR_IN", src=NodeRef("School", tutor_id), dst=node.ref()),
                Edge(type="MENTEE_IN", src=NodeRef("School", mentee_id), dst=node.ref()),
            ]
        )
        uow.delete_edges(
            [
                Edge(
                    type="EXCLUDED_PAIR",
                    src=NodeRef("School", tutor_id),
                    dst=NodeRef("School", mentee_id),
                )
            ]
        )
        uow.commit()
    return pid


def reject_pair(store: Store, mentee_id: str, tutor_id: str, reason: str = "") -> None:
    """Remember that this pair must not be suggested again."""
    for sid in (mentee_id, tutor_id):
        if store.get_node("School", sid) is None:
            raise UserError(t("services.unknown_school", school_id=sid))
    store.write(
        [],
        [
            Edge(
                type="EXCLUDED_PAIR",
                src=NodeRef("School", tutor_id),
                dst=NodeRef("School", mentee_id),
                props={"reason": reason.strip()[:1000], "date": dt.date.today().isoformat()},
            )
        ],
    )


def draft_order_xlsx(store: Store, partnership_ids: list[str]) -> bytes:
    """A draft order (проект приказа) listing the pairs, their curators and focus subjects."""
    pairs = frame(store, "partnerships")
    pairs = pairs[pairs["partnership_id"].isin(partnership_ids)]
    schools = frame(store, "schools").set_index("school_id")
    cur = frame(store, "curatorships")
    curators = cur.groupby("school_id")["full_name"].agg(lambda x: ", ".join(sorted(x)))
    from openpyxl import Workbook  # heavy: imported when an order is drafted
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.worksheets[0])
    ws = wb.create_sheet(t("services.order.sheet"))
    set_text(ws["A1"], t("services.order.title"))
    ws["A1"].font = Font(bold=True, size=13)
    set_text(ws["A2"], t("services.order.subtitle", date=format_date(dt.date.today())))
    set_text(ws["A3"], t("services.order.preamble"))
    ws["A3"].alignment = Alignment(wrap_text=True)
    ws.merge_cells("A3:I3")
    ws.row_dimensions[3].height = 45
    headers = [t(f"services.order.col.{c}") for c in (
        "n", "tutor", "tutor_muni", "mentee", "mentee_muni", "curator", "focus", "start", "id"
    )]  # fmt: skip
    ws.append([])
    append_row(ws, headers, bold=True)

    def school(sid: str, col: str) -> str:
        return str(schools.at[sid, col]) if sid in schools.index else sid

    records: list[dict[str, Any]] = pairs.to_dict("records")  # type: ignore[assignment]
    for n, row in enumerate(records, start=1):
        tutor, mentee, start = row["tutor_school_id"], row["mentee_school_id"], row["start_date"]
        append_row(
            ws,
            [
                n,
                school(tutor, "name"),
                school(tutor, "municipality"),
                school(mentee, "name"),
                school(mentee, "municipality"),
                curators.get(mentee, ""),
                "; ".join(row["focus_subjects"] or []),
                format_date(start) if start else "",
                row["partnership_id"],
            ],
        )
    for i, width in enumerate([5, 40, 22, 40, 22, 30, 30, 12, 24], start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
