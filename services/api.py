"""The services as pages and commands call them: every call takes the acting user.

Each function here wraps one use case of the service modules with the right it needs, the
scope check of what it writes, the narrowing of what it reads and the audit entry of what it
changed, so that the rules live in one place and the use cases stay plain. Pages and CLI
commands call these, never the modules underneath (a test checks it), and a test walks
:data:`services.access.REGISTRY` to call every one of them as every role.

A read outside the actor's scope returns nothing (rows dropped, a single object refused); a
write outside it raises :class:`services.access.AccessDenied` before anything is written.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from graph.model import partnership_id
from graph.store import Store
from services import bulk_neo4j as _bulk_neo4j
from services import completeness as _completeness
from services import coverage as _coverage
from services import curators as _curators
from services import demo as _demo
from services import exchange as _exchange
from services import exporting as _exporting
from services import identification as _identification
from services import importing as _importing
from services import map_paper as _map_paper
from services import maps as _maps
from services import monitoring as _monitoring
from services import monitoring_report as _monitoring_report
from services import networks as _networks
from services import overview as _overview
from services import planning as _planning
from services.access import (
    REGISTRY,
    AccessDenied,
    Actor,
    Right,
    ServiceSpec,
    require_schools,
    school_scope,
    unguarded,
)
from services.audit import draft, record
from services.import_scope import paths_check, uploads_check
from services.region_settings import region_defaults
from services.scoping import scope_value

__all__ = ["EXPOSED"]

F = TypeVar("F", bound=Callable[..., Any])
Check = Callable[[Store, Actor, dict[str, Any]], None]

EXPOSED: dict[str, str] = {}  # "services.module.function" → the name here


def expose(
    fn: F,
    right: Right,
    *,
    writes: bool = False,
    scoped: bool = True,
    check: Check | None = None,
    before: Callable[[Store, dict[str, Any]], Any] | None = None,
    audit: Callable[[dict[str, Any], Any, Any], tuple[str, str, Any, Any]] | None = None,
    narrow: Callable[[Store, frozenset[str], Any], Any] | None = None,
    atomic: Callable[[Store, dict[str, Any]], bool] | None = None,
) -> Callable[..., Any]:
    """``fn(store, *args)`` as ``f(store, actor, *args)``: right, scope, audit around it.

    An audited call runs inside :meth:`graph.store.Store.audited`: what ``fn`` writes and the
    entry recording it commit in one transaction, or neither does. ``atomic(store, args)``
    False (a batched load that commits its own batches) records the entry after the writes.
    """
    signature = inspect.signature(fn)
    name = fn.__name__
    takes_settings = "settings" in signature.parameters

    @functools.wraps(fn)
    def call(store: Store, actor: Actor, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(actor, Actor):
            raise TypeError("services.api needs actor=Actor(...)")
        actor.require(right)
        bound = signature.bind(store, *args, **kwargs)
        arguments = bound.arguments
        if check is not None and not actor.whole_region:
            check(store, actor, arguments)
        if takes_settings and arguments.get("settings") is None:
            arguments["settings"] = region_defaults(store)  # the region's, saved in the store
        old = before(store, arguments) if before is not None else None

        def run() -> Any:
            return fn(*bound.args, **bound.kwargs)

        if audit is None:
            result = run()
        elif atomic is not None and not atomic(store, arguments):
            result = run()
            record(store, actor, *audit(arguments, old, result))
        else:
            with store.audited() as change:
                result = run()
                change.finish(draft(actor, *audit(arguments, old, result)))
        if scoped:
            scope = school_scope(store, actor)
            if scope is not None:
                result = (narrow or _narrow)(store, scope, result)
        return result

    full = f"{__name__}.{name}"
    REGISTRY[full] = ServiceSpec(full, right, writes)
    EXPOSED[f"{fn.__module__}.{name}"] = name
    call.__signature__ = _with_actor(signature)  # type: ignore[attr-defined]
    return call


def _narrow(store: Store, scope: frozenset[str], result: Any) -> Any:
    return scope_value(result, scope)


def _with_actor(signature: inspect.Signature) -> inspect.Signature:
    params = list(signature.parameters.values())
    actor = inspect.Parameter("actor", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Actor)
    return signature.replace(parameters=[params[0], actor, *params[1:]])


def passthrough(fn: F, reason: str) -> F:
    """A helper that reads and writes nobody's data (templates, rendering a table)."""
    EXPOSED[f"{fn.__module__}.{fn.__name__}"] = fn.__name__
    return unguarded(reason)(fn)


# --- checks ------------------------------------------------------------------------------------
def _schools_of(*names: str) -> Check:
    def check(store: Store, actor: Actor, args: dict[str, Any]) -> None:
        require_schools(store, actor, [args[n] for n in names if args.get(n)])

    return check


def _pair_ends(store: Store, pid: str) -> tuple[str, str] | None:
    node = store.get_node("Partnership", pid)
    if node is None:
        return None
    return str(getattr(node, "tutor_school_id", "")), str(getattr(node, "mentee_school_id", ""))


def _pair_visible(store: Store, actor: Actor, args: dict[str, Any]) -> None:
    ends = _pair_ends(store, str(args["partnership_id"]))
    if ends is None:
        return  # the service says it does not exist
    scope = school_scope(store, actor)
    if scope is not None and not (set(ends) & scope):
        raise AccessDenied("access.denied.scope", schools=", ".join(ends), n=2)


def _pairs_visible(store: Store, actor: Actor, args: dict[str, Any]) -> None:
    for pid in args.get("partnership_ids") or []:
        _pair_visible(store, actor, {"partnership_id": pid})


def _curator_visible(store: Store, actor: Actor, args: dict[str, Any]) -> None:
    cid = str(args["curator_id"])
    if store.get_node("Curator", cid) is None:
        return
    mine = {str(r["school_id"]) for r in store.query("curatorships", curator_id=cid)}
    scope = school_scope(store, actor)
    if scope is not None and not (mine & scope):
        raise AccessDenied("access.denied.scope", schools=cid, n=1)


def _event_in_scope(store: Store, actor: Actor, args: dict[str, Any]) -> None:
    form = args["form"]
    get = form.get if isinstance(form, dict) else lambda k, d=None: getattr(form, k, d)
    scope = school_scope(store, actor) or frozenset()
    allowed = set(scope)
    pid = get("partnership_id")
    if pid:
        ends = _pair_ends(store, str(pid))
        if ends is not None:
            if not set(ends) & scope:
                raise AccessDenied("access.denied.scope", schools=", ".join(ends), n=2)
            allowed |= set(ends)
    organizer = get("organizer_id")
    touched: list[str] = []
    if organizer and store.get_node("School", str(organizer)) is not None:
        touched.append(str(organizer))
    if not pid and not organizer:
        raise AccessDenied("access.denied.scope", schools="—", n=0)
    for item in get("participants") or []:
        teacher_id = item[0] if isinstance(item, list | tuple) else item
        node = store.get_node("Teacher", str(teacher_id))
        if node is not None:
            touched.append(str(getattr(node, "school_id", "")))
    outside = sorted({s for s in touched if s not in allowed})
    if outside:
        raise AccessDenied("access.denied.scope", schools=", ".join(outside), n=len(outside))


def _uploads_check(store: Store, actor: Actor, args: dict[str, Any]) -> None:
    uploads_check(store, actor, list(args["files"]))


def _paths_check(store: Store, actor: Actor, args: dict[str, Any]) -> None:
    paths_check(store, actor, list(args["paths"]))


# --- audit records -----------------------------------------------------------------------------
def _partnership_props(store: Store, args: dict[str, Any]) -> Any:
    node = store.get_node(
        "Partnership", partnership_id(str(args["tutor_id"]), str(args["mentee_id"]))
    )
    return None if node is None else node.props()


def _accept_audit(args: dict[str, Any], old: Any, pid: Any) -> tuple[str, str, Any, Any]:
    after = {
        "tutor_school_id": args["tutor_id"],
        "mentee_school_id": args["mentee_id"],
        "status": "agreed",
        "focus_subjects": list(args.get("focus_subjects") or []),
    }
    return "pair.accept", str(pid), old, after


def _reject_audit(args: dict[str, Any], old: Any, _: Any) -> tuple[str, str, Any, Any]:
    target = partnership_id(str(args["tutor_id"]), str(args["mentee_id"]))
    return "pair.reject", target, old, {"excluded": True, "reason": args.get("reason", "")}


def _event_audit(args: dict[str, Any], _: Any, event_id: Any) -> tuple[str, str, Any, Any]:
    form = args["form"]
    after = form if isinstance(form, dict) else form.model_dump(mode="json")
    return "event.record", str(event_id), None, after


def _import_audit(args: dict[str, Any], _: Any, report: Any) -> tuple[str, str, Any, Any]:
    sources = [str(n) for n, *_ in args["files"]] if "files" in args else [
        Path(p).name for p in args["paths"]
    ]
    after = {
        "rows": dict(sorted(report.rows.items())),
        "added": report.stats.total_added,
        "changed": report.stats.total_changed,
        "removed": sum(report.removed.values()),
    }
    return "import", "; ".join(sources), None, after


def _export_audit(args: dict[str, Any], _: Any, out: Any) -> tuple[str, str, Any, Any]:
    return "export.store", Path(str(out)).name, None, {"format": args["fmt"], "personal": True}


def _order_audit(args: dict[str, Any], _: Any, __: Any) -> tuple[str, str, Any, Any]:
    ids = sorted(str(p) for p in args["partnership_ids"])
    return "export.order", f"{len(ids)}", None, {"partnerships": ids, "personal": True}


def _demo_audit(args: dict[str, Any], _: Any, report: Any) -> tuple[str, str, Any, Any]:
    return "import", f"demo:{args.get('size', 'small')}", None, {
        "rows": dict(sorted(report.rows.items())),
        "added": report.stats.total_added,
    }


def _curators_narrow(store: Store, scope: frozenset[str], table: Any) -> Any:
    """Curators listed only when they accompany a school in scope (their names are personal)."""
    links = store.query("curatorships")
    mine = {r["curator_id"] for r in links if str(r["school_id"]) in scope}
    return table[table["curator_id"].isin(mine)].reset_index(drop=True)


# --- the services, by area ---------------------------------------------------------------------
overview = expose(_overview.overview, Right.view_aggregates)
coverage_table = expose(_coverage.coverage_table, Right.view_aggregates)
map_data = expose(_coverage.map_data, Right.view_aggregates)
coverage_xlsx = passthrough(_coverage.coverage_xlsx, "renders a table the caller holds")
shaded_map = expose(_maps.shaded_map, Right.view_aggregates)
outlines = expose(_maps.outlines, Right.view_aggregates)
programme_measures = expose(_maps.programme_measures, Right.view_aggregates)
measure_codes = passthrough(_maps.measure_codes, "the list of map measures")
map_image = expose(_map_paper.map_image, Right.view_aggregates)
small_multiples_png = expose(_map_paper.small_multiples_png, Right.view_aggregates)
completeness = expose(_completeness.completeness, Right.view_aggregates)
gap_text = passthrough(_completeness.gap_text, "renders a gap the caller holds")
gap_parts = passthrough(_completeness.gap_parts, "renders a gap the caller holds")
share_text = passthrough(_completeness.share_text, "renders two numbers")
assessment_items = passthrough(_completeness.assessment_items, "renders an answer the caller holds")

identification = expose(_identification.identification, Right.view_schools)
identification_table = expose(_identification.identification_table, Right.view_schools)
status_map = expose(_identification.status_map, Right.view_schools)
school_card = expose(
    _identification.school_card, Right.view_schools, check=_schools_of("school_id")
)

plan_pairs = expose(_planning.plan_pairs, Right.plan)
pairing_tables = expose(_planning.pairing_tables, Right.plan)
evaluate_pair = expose(
    _planning.evaluate_pair, Right.plan, check=_schools_of("mentee_id", "tutor_id")
)
tutor_options = expose(_planning.tutor_options, Right.plan, check=_schools_of("mentee_id"))


def _pair_decision(
    fn: Callable[..., Any], audit: Callable[[dict[str, Any], Any, Any], tuple[str, str, Any, Any]]
) -> Callable[..., Any]:
    """A planner's decision on one pair: both schools in scope, the partnership audited."""
    return expose(
        fn,
        Right.plan,
        writes=True,
        check=_schools_of("mentee_id", "tutor_id"),
        before=_partnership_props,
        audit=audit,
    )


accept_pair = _pair_decision(_planning.accept_pair, _accept_audit)
reject_pair = _pair_decision(_planning.reject_pair, _reject_audit)
draft_order_xlsx = expose(
    _planning.draft_order_xlsx, Right.plan, check=_pairs_visible, audit=_order_audit
)

activity = expose(_exchange.activity, Right.view_schools)
exchange_table = expose(_exchange.exchange_table, Right.view_schools)
partnership_timeline = expose(_exchange.partnership_timeline, Right.view_schools,
                              check=_pair_visible)  # fmt: skip
partnership_teachers = expose(
    _exchange.partnership_teachers, Right.view_personal, check=_pair_visible
)
event_kinds = passthrough(_exchange.event_kinds, "the list of event kinds")
log_event = expose(
    _exchange.log_event, Right.record_events, writes=True, check=_event_in_scope,
    audit=_event_audit,
)  # fmt: skip

curators = expose(_curators.curators, Right.view_personal, narrow=_curators_narrow)
curator_schools = expose(_curators.curator_schools, Right.view_schools, check=_curator_visible)
curator_network = expose(_curators.curator_network, Right.view_schools, check=_curator_visible)
build_network = expose(_networks.build_network, Right.view_schools)
node_title = passthrough(_networks.node_title, "the display name of a node the caller holds")
more_nodes = passthrough(_networks.more_nodes, "the summary nodes of a capped picture (no data)")

validate_uploads = expose(_importing.validate_uploads, Right.import_data, check=_uploads_check)
import_uploads = expose(
    _importing.import_uploads, Right.import_data, writes=True, check=_uploads_check,
    audit=_import_audit,
)  # fmt: skip
import_files = expose(
    _importing.import_files, Right.import_data, writes=True, check=_paths_check,
    audit=_import_audit, atomic=lambda store, args: not (
        args.get("batched") and store.batches_commit
    ),
)  # fmt: skip
template_files = passthrough(_importing.template_files, "empty templates, no data")

export_store = expose(_exporting.export_store, Right.export_all, audit=_export_audit)
generate_demo_files = passthrough(_demo.generate_demo_files, "writes demo files, no store")
write_neo4j_import_files = passthrough(
    _bulk_neo4j.write_neo4j_import_files, "files in, neo4j-admin files out; no store"
)
load_demo = expose(_demo.load_demo, Right.settings, writes=True, audit=_demo_audit)

monitoring = expose(_monitoring.monitoring, Right.view_schools)
report_docx = passthrough(_monitoring_report.report_docx, "renders a view the caller holds")
report_xlsx = passthrough(_monitoring_report.report_xlsx, "renders a view the caller holds")
report_tables = passthrough(_monitoring_report.report_tables, "renders a view the caller holds")
indicator_charts = passthrough(
    _monitoring_report.indicator_charts, "renders a view the caller holds"
)

