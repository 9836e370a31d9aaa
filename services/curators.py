"""The curator's view: their schools, each school's state, and their network picture."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.settings import AnalysisSettings
from graph.model import NodeRef
from graph.store import Store
from labels import t
from services.errors import UserError
from services.exchange import exchange_table
from services.identification import identification_table, status_map
from services.networks import CURATOR_LAYERS, NetworkView, build_network
from services.query_frames import frame

__all__ = ["curator_network", "curator_schools", "curators"]


def curators(store: Store) -> pd.DataFrame:
    """Every curator with the number of schools they accompany."""
    return frame(store, "curators")


def _check(store: Store, curator_id: str) -> None:
    if store.get_node("Curator", curator_id) is None:
        raise UserError(t("services.unknown_curator", curator_id=curator_id))


def curator_schools(
    store: Store,
    curator_id: str,
    settings: AnalysisSettings | None = None,
    as_of: dt.date | None = None,
) -> pd.DataFrame:
    """The curator's schools: status, reason, partner, pair activity and open deficits."""
    _check(store, curator_id)
    cur = frame(store, "curatorships", curator_id=curator_id)
    ident = identification_table(store, settings)
    mine = ident[ident["school_id"].isin(set(cur["school_id"]))]
    pairs = exchange_table(store, settings, as_of)
    teachers = frame(store, "teachers")
    rows = []
    for r in mine.itertuples(index=False):  # type: Any
        own = pairs[
            (pairs["mentee_school_id"] == r.school_id) | (pairs["tutor_school_id"] == r.school_id)
        ]
        partners = [
            m if tid == r.school_id else tn
            for tid, tn, m in zip(
                own["tutor_school_id"], own["tutor_name"], own["mentee_name"], strict=True
            )
        ]
        deficits: dict[str, int] = {}
        for items in teachers.loc[teachers["school_id"] == r.school_id, "deficits"]:
            for d in items or []:
                deficits[d] = deficits.get(d, 0) + 1
        top = sorted(deficits.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        rows.append(
            {
                "school_id": r.school_id,
                "name": r.name,
                "municipality": r.municipality,
                "status": r.status,
                "unfavourable": bool(r.unfavourable),
                "official_low_results": bool(r.official_low_results),
                "reason": r.reason,
                "partners": "; ".join(str(p) for p in partners),
                "partnership_ids": list(own["partnership_id"]),
                "activity": "; ".join(str(a) for a in own["activity"]),
                "last_joint_event": own["last_joint_event"].dropna().max() if len(own) else None,
                "open_deficits": "; ".join(f"{d} ({n})" for d, n in top),
            }
        )
    cols = ["school_id", "name", "municipality", "status", "unfavourable",
            "official_low_results", "reason", "partners", "partnership_ids", "activity",
            "last_joint_event", "open_deficits"]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def curator_network(
    store: Store,
    curator_id: str,
    settings: AnalysisSettings | None = None,
    as_of: dt.date | None = None,
    max_nodes: int = 300,
) -> NetworkView:
    """Curator → schools → partners → teachers → associations and events, capped."""
    _check(store, curator_id)
    pairs = exchange_table(store, settings, as_of)
    statuses = {
        **status_map(store, settings),
        **{
            f"Partnership:{p}": str(a)
            for p, a in zip(pairs["partnership_id"], pairs["activity"], strict=True)
        },
    }
    return build_network(
        store, NodeRef("Curator", curator_id), CURATOR_LAYERS, statuses, max_nodes=max_nodes
    )
