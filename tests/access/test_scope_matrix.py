"""Every service × every role × a scope, on the small demo and on both backends.

- Every public service function is declared (guarded with a right, or a helper that touches
  nobody's data) and has a call recipe here: a new service without a scope check fails.
- No read returns a school row outside the actor's scope, nor a teacher's or curator's name
  outside it.
- Every write outside the scope (or without the right) raises ``AccessDenied`` and leaves the
  store byte-identical (canonical JSON export) and the audit log unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import inspect
import io
import pkgutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import services
from graph.access import AccessRole
from graph.store import Store
from loaders.export import export_json
from services import api
from services.access import REGISTRY, AccessDenied, Actor, school_scope
from services.demo import load_demo
from services.importing import import_uploads

AS_OF = dt.date(2026, 11, 23)
OTHER = "Заречный район"
# Modules that are the machinery under the services, not use cases: they are reached only
# through the functions of api.py (or, for users and audit, their own guards).
INFRASTRUCTURE = {
    "services.access",  # the guard itself
    "services.api",  # the guarded surface
    "services.scoping",  # narrowing answers for the guard
    "services.cache",  # the memo under every service
    "services.result_cache",  # the memo's copy on disk (per data version)
    "services.errors",
    "services.stores",  # opening a store (before anyone acts)
    "services.frames",
    "services.query_frames",
    "services.xlsx",
}


# --- the store -------------------------------------------------------------------------------
@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    if request.param == "embedded":
        from graph.embedded import EmbeddedStore

        store: Store = EmbeddedStore(tmp_path_factory.mktemp("matrix") / "demo.db")
    else:
        from tests.neo4j_support import fresh_neo4j_store

        store = fresh_neo4j_store(request)
    load_demo(store, "small", as_of=AS_OF)
    other = (
        "school_id,name,municipality,lat,lon,share_low_income\n"
        f"Z1,Заречная СОШ,{OTHER},55.1,61.1,20\n"
        f"Z2,Заречная ООШ,{OTHER},55.2,61.2,30\n"
    )
    import_uploads(store, [("schools.csv", other.encode())])
    try:
        yield store
    finally:
        store.close()


@dataclasses.dataclass
class Ctx:
    store: Store
    pairs: pd.DataFrame  # partnership_id, tutor_school_id, mentee_school_id
    teachers: pd.DataFrame  # teacher_id, full_name, school_id
    curatorships: pd.DataFrame
    demo_schools: list[str]
    tmp: Path

    def school_outside(self, actor: Actor) -> str:
        scope = school_scope(self.store, actor)
        ids = [*self.demo_schools, "Z1", "Z2"]
        return next(s for s in ids if scope is None or s not in scope)

    def pair_outside(self, actor: Actor) -> pd.Series:
        scope = school_scope(self.store, actor)
        for _, row in self.pairs.iterrows():
            if scope is None or not ({row.tutor_school_id, row.mentee_school_id} & scope):
                return row
        raise AssertionError("no partnership outside the scope")

    def curator_outside(self, actor: Actor) -> str:
        scope = school_scope(self.store, actor)
        for cid, group in self.curatorships.groupby("curator_id"):
            if scope is None or not (set(group["school_id"]) & scope):
                return str(cid)
        raise AssertionError("no curator outside the scope")


@pytest.fixture(scope="module")
def ctx(demo: Store, tmp_path_factory: pytest.TempPathFactory) -> Ctx:
    pairs = pd.DataFrame(demo.query("partnerships"))
    teachers = pd.DataFrame(demo.query("teachers"))
    schools = sorted(str(r["school_id"]) for r in demo.query("schools"))
    return Ctx(
        store=demo,
        pairs=pairs[["partnership_id", "tutor_school_id", "mentee_school_id"]],
        teachers=teachers[["teacher_id", "full_name", "school_id"]],
        curatorships=pd.DataFrame(demo.query("curatorships")),
        demo_schools=[s for s in schools if not s.startswith("Z")],
        tmp=tmp_path_factory.mktemp("matrix-files"),
    )


def _actors(ctx: Ctx) -> dict[str, Actor]:
    mentee = str(ctx.pairs.iloc[0]["mentee_school_id"])
    return {
        "regional": Actor("reg", AccessRole.regional),
        "coordinator": Actor("coord", AccessRole.coordinator, municipalities=frozenset({OTHER})),
        "curator": Actor("cur", AccessRole.curator, schools=frozenset({mentee})),
        "observer": Actor("obs", AccessRole.observer),
    }


ROLES = ["regional", "coordinator", "curator", "observer"]


# --- how to call each service (reads: anything; writes: a target outside the scope) -----------
Recipe = Callable[[Ctx, Actor], tuple[tuple[Any, ...], dict[str, Any]]]


def _none(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return (), {}


def _as_of(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return (), {"as_of": AS_OF}


def _school(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return (ctx.school_outside(actor),), {"as_of": AS_OF}


def _pair_schools(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    row = ctx.pair_outside(actor)
    return (row.mentee_school_id, row.tutor_school_id), {}


def _pair_id(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return (ctx.pair_outside(actor).partnership_id,), {}


def _curator(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return (ctx.curator_outside(actor),), {"as_of": AS_OF}


def _event(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    row = ctx.pair_outside(actor)
    teacher = ctx.teachers[ctx.teachers["school_id"] == row.mentee_school_id].iloc[0]
    form = {
        "title": "Семинар", "kind": "seminar", "date": "2026-11-01",
        "partnership_id": row.partnership_id, "organizer_id": row.tutor_school_id,
        "participants": [(teacher.teacher_id, "participant")],
    }  # fmt: skip
    return (form,), {}


def _other_file(ctx: Ctx, actor: Actor) -> bytes:
    school = ctx.school_outside(actor)
    return (
        "school_id,name,municipality\n"
        f"Z1,Заречная СОШ,{OTHER}\n"
        f"{school},Переименованная школа,Старопокровский район\n"
    ).encode()


def _uploads(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return ([("schools.csv", _other_file(ctx, actor))],), {}


def _paths(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    folder = ctx.tmp / actor.login
    folder.mkdir(exist_ok=True)
    path = folder / "schools.csv"
    path.write_bytes(_other_file(ctx, actor))
    return ([path],), {}


def _export(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return ("json", ctx.tmp / f"{actor.login}.json"), {}


def _order(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return ([ctx.pair_outside(actor).partnership_id],), {}


def _network(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    from graph.model import NodeRef
    from services.networks import SCHOOL_LAYERS

    return (NodeRef("School", ctx.pair_outside(actor).mentee_school_id), SCHOOL_LAYERS), {}


def _new_user(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return ("newcomer", "observer"), {}


def _login(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return ("reg",), {}


def _role(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return ("reg", "observer"), {}


def _password(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return ("reg", "a long enough password"), {}


def _settings(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    from analysis.settings import AnalysisSettings

    return (AnalysisSettings(max_km=55, max_band_gap=2),), {}


def _audit_file(ctx: Ctx, actor: Actor) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return (ctx.tmp / f"{actor.login}-audit.csv",), {}


RECIPES: dict[str, Recipe] = {
    "services.api.overview": _as_of,
    "services.api.coverage_table": _as_of,
    "services.api.completeness": _none,
    "services.api.map_data": _as_of,
    "services.api.shaded_map": _as_of,
    "services.api.outlines": _none,
    "services.api.programme_measures": _as_of,
    "services.api.map_image": _as_of,
    "services.api.small_multiples_png": _as_of,
    "services.api.identification": _none,
    "services.api.identification_table": _none,
    "services.api.status_map": _none,
    "services.api.school_card": _school,
    "services.api.plan_pairs": _none,
    "services.api.pairing_tables": _none,
    "services.api.evaluate_pair": _pair_schools,
    "services.api.tutor_options": lambda c, a: ((c.school_outside(a),), {}),
    "services.api.accept_pair": _pair_schools,
    "services.api.reject_pair": _pair_schools,
    "services.api.draft_order_xlsx": _order,
    "services.api.activity": _as_of,
    "services.api.exchange_table": _as_of,
    "services.api.partnership_timeline": _pair_id,
    "services.api.partnership_teachers": _pair_id,
    "services.api.log_event": _event,
    "services.api.curators": _none,
    "services.api.curator_schools": _curator,
    "services.api.curator_network": _curator,
    "services.api.build_network": _network,
    "services.api.validate_uploads": _uploads,
    "services.api.import_uploads": _uploads,
    "services.api.import_files": _paths,
    "services.api.export_store": _export,
    "services.api.load_demo": _none,
    "services.api.monitoring": _as_of,
    "services.users.add_user": _new_user,
    "services.users.list_users": _none,
    "services.users.set_role": _role,
    "services.users.disable_user": _login,
    "services.users.set_password": _password,
    "services.audit.verify_audit": _none,
    "services.audit.audit_table": _none,
    "services.audit.write_audit": _audit_file,
    "services.region_settings.region_settings": _none,
    "services.region_settings.save_region_settings": _settings,
}


def _service_modules() -> list[str]:
    return sorted(
        f"services.{m.name}" for m in pkgutil.iter_modules(services.__path__)
    )


def test_every_public_service_is_declared() -> None:
    missing = []
    for name in _service_modules():
        if name in INFRASTRUCTURE:
            continue
        module = importlib.import_module(name)
        for attr, fn in vars(module).items():
            if attr.startswith("_") or not inspect.isfunction(fn):
                continue
            if fn.__module__ != name:
                continue
            qualified = f"{name}.{attr}"
            if qualified not in REGISTRY and qualified not in api.EXPOSED:
                missing.append(qualified)
    assert not missing, f"services without a declared right and scope: {missing}"


def test_every_guarded_service_has_a_recipe() -> None:
    guarded = {n for n, spec in REGISTRY.items() if spec.right is not None}
    assert guarded - set(RECIPES) == set(), "a guarded service has no call recipe here"
    assert set(RECIPES) - guarded == set()


# --- what an answer contains -----------------------------------------------------------------
SCHOOL_COLUMNS = ("school_id", "tutor_school_id", "mentee_school_id")


def _walk(value: Any) -> Iterator[Any]:
    yield value
    if isinstance(value, pd.DataFrame):
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _walk(getattr(value, f.name))
    elif isinstance(value, dict):
        for v in value.values():
            yield from _walk(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _walk(v)


def _strings(value: Any) -> set[str]:
    out: set[str] = set()
    for part in _walk(value):
        if isinstance(part, str):
            out.add(part)
        elif isinstance(part, pd.DataFrame):
            for col in part.columns:
                out.update(str(v) for v in part[col].dropna())
        elif isinstance(part, bytes) and part[:2] == b"PK":
            from openpyxl import load_workbook

            wb = load_workbook(io.BytesIO(part), read_only=True)
            for ws in wb.worksheets:
                for row in ws.iter_rows(values_only=True):
                    out.update(str(v) for v in row if v is not None)
    return out


def _rows_outside(value: Any, scope: frozenset[str]) -> list[str]:
    bad: list[str] = []
    for part in _walk(value):
        if isinstance(part, pd.DataFrame):
            cols = [c for c in SCHOOL_COLUMNS if c in part.columns]
            for row in part[cols].itertuples(index=False) if cols else []:
                ids = {str(v) for v in row if v is not None and str(v) not in ("", "nan")}
                if ids and not (ids & scope):
                    bad.append(str(sorted(ids)))
        elif isinstance(part, dict):
            keys = [str(k) for k in part if str(k).startswith("School:")]
            if str(part.get("id", "")).startswith("School:"):
                keys.append(str(part["id"]))
            bad += [k for k in keys if k.removeprefix("School:") not in scope]
    return bad


def _names_outside(ctx: Ctx, scope: frozenset[str]) -> set[str]:
    inside = set(ctx.teachers.loc[ctx.teachers["school_id"].isin(list(scope)), "full_name"])
    outside = set(ctx.teachers.loc[~ctx.teachers["school_id"].isin(list(scope)), "full_name"])
    cur_in = set(
        ctx.curatorships.loc[ctx.curatorships["school_id"].isin(list(scope)), "full_name"]
    )
    cur_out = set(ctx.curatorships["full_name"]) - cur_in
    return (outside - inside) | cur_out


# --- the matrix --------------------------------------------------------------------------------
def _call(name: str, ctx: Ctx, actor: Actor) -> Any:
    module, _, attr = name.rpartition(".")
    fn = getattr(importlib.import_module(module), attr)
    args, kwargs = RECIPES[name](ctx, actor)
    return fn(ctx.store, actor, *args, **kwargs)


def _reads() -> list[str]:
    return sorted(n for n, s in REGISTRY.items() if s.right is not None and not s.writes)


def _writes() -> list[str]:
    return sorted(n for n, s in REGISTRY.items() if s.right is not None and s.writes)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", _reads())
def test_no_read_returns_anything_outside_the_scope(ctx: Ctx, name: str, role: str) -> None:
    actor = _actors(ctx)[role]
    spec = REGISTRY[name]
    assert spec.right is not None
    if not actor.can(spec.right):
        with pytest.raises(AccessDenied):
            _call(name, ctx, actor)
        return
    try:
        result = _call(name, ctx, actor)
    except AccessDenied as exc:
        assert role != "regional", f"{name} refused the regional role: {exc}"
        return
    scope = school_scope(ctx.store, actor)
    if scope is None:
        return
    assert _rows_outside(result, scope) == [], f"{name} as {role} shows rows outside the scope"
    leaked = _strings(result) & _names_outside(ctx, scope)
    assert not leaked, f"{name} as {role} shows names outside the scope: {sorted(leaked)[:3]}"


@pytest.mark.parametrize("role", ["coordinator", "curator", "observer"])
@pytest.mark.parametrize("name", _writes())
def test_writes_outside_the_scope_change_nothing(ctx: Ctx, name: str, role: str) -> None:
    actor = _actors(ctx)[role]
    before = export_json(ctx.store)
    users_before = ctx.store.access().list_users()
    settings_before = ctx.store.access().get_settings()
    head_before = ctx.store.access().audit_head()
    with pytest.raises(AccessDenied) as denied:
        _call(name, ctx, actor)
    assert "Traceback" not in str(denied.value) and str(denied.value).strip()
    assert export_json(ctx.store) == before
    assert ctx.store.access().list_users() == users_before
    assert ctx.store.access().get_settings() == settings_before
    assert ctx.store.access().audit_head() == head_before


def test_scoped_reads_still_show_the_scope(ctx: Ctx) -> None:
    actors = _actors(ctx)
    coordinator, curator = actors["coordinator"], actors["curator"]
    table = api.identification_table(ctx.store, coordinator)
    assert sorted(table["school_id"]) == ["Z1", "Z2"]
    mine = next(iter(curator.schools))
    pairs = api.exchange_table(ctx.store, curator, as_of=AS_OF)
    assert len(pairs) >= 1
    ends = zip(pairs["tutor_school_id"], pairs["mentee_school_id"], strict=True)
    assert all(mine in pair for pair in ends)
    card = api.school_card(ctx.store, curator, mine, as_of=AS_OF)
    assert card.profile["school_id"] == mine
    own = set(ctx.teachers.loc[ctx.teachers["school_id"] == mine, "full_name"])
    assert own and own <= set(card.teachers["full_name"])
    region = api.identification_table(ctx.store, actors["regional"])
    assert len(region) == len(ctx.demo_schools) + 2


def test_coordinator_import_of_another_municipality_is_refused_whole(ctx: Ctx) -> None:
    coordinator = _actors(ctx)["coordinator"]
    before = export_json(ctx.store)
    school = ctx.demo_schools[0]
    data = (
        "school_id,name,municipality\n"
        f"Z1,Заречная СОШ,{OTHER}\n"
        f"{school},Чужая школа,Старопокровский район\n"
    ).encode()
    with pytest.raises(AccessDenied) as denied:
        api.import_uploads(ctx.store, coordinator, [("schools.csv", data)])
    message = str(denied.value)
    assert "отклонена целиком" in message
    assert "schools.csv, строка 3 — Старопокровский район" in message  # the row of the file
    assert "строка 2" not in message  # Z1 is the coordinator's own
    assert export_json(ctx.store) == before
