"""The region's settings: kept in the store, changed by the regional role only, audited with
before and after, and the default of every analysis (both backends)."""

from __future__ import annotations

import pytest

from analysis.settings import AnalysisSettings
from graph.access import AccessRole
from graph.model import School
from graph.store import Store
from services import api
from services.access import LOCAL, AccessDenied, Actor, Right
from services.region_settings import region_defaults, region_settings, save_region_settings


def _actor(role: str) -> Actor:
    scope = {"coordinator": {"municipalities": frozenset({"Озёрск"})},
             "curator": {"schools": frozenset({"101"})}}.get(role, {})  # fmt: skip
    return Actor(login=role, role=AccessRole(role), **scope)  # type: ignore[arg-type]


def test_saved_settings_are_everyones_defaults(store: Store) -> None:
    store.write([School(id="101", name="СОШ №1", municipality="Озёрск")])
    assert region_defaults(store) == AnalysisSettings()
    version = store.data_version()
    saved = save_region_settings(store, LOCAL, AnalysisSettings(max_km=55, window_years=4))
    assert store.data_version() != version  # cached answers with the old settings are stale
    for role in ("regional", "coordinator", "curator", "observer"):
        got = region_settings(store, _actor(role))
        assert got == saved and got.max_km == 55 and got.window_years == 4
    entry = store.access().audit_entries()[-1]
    assert (entry.actor, entry.action, entry.target) == ("local", "settings.change", "region")
    assert entry.before == {"max_km": 100.0, "window_years": 3}
    assert entry.after == {"max_km": 55.0, "window_years": 4}
    assert store.access().verify().ok
    # The same values again: nothing changes, nothing is recorded.
    n = len(store.access().audit_entries())
    save_region_settings(store, LOCAL, AnalysisSettings(max_km=55, window_years=4))
    assert len(store.access().audit_entries()) == n


def test_services_start_from_the_region_settings(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import services.identification as identification

    store.write([School(id="101", name="СОШ №1", municipality="Озёрск")])
    save_region_settings(store, LOCAL, AnalysisSettings(window_years=5))
    seen: list[AnalysisSettings | None] = []
    real = identification.identification

    def spy(store: Store, settings: AnalysisSettings | None = None) -> object:
        seen.append(settings)
        return real(store, settings)

    # A spy exposed like the real service (on copies of the registries: no trace left).
    monkeypatch.setattr(api, "REGISTRY", dict(api.REGISTRY))
    monkeypatch.setattr(api, "EXPOSED", dict(api.EXPOSED))
    monkeypatch.setattr(api, "identification", api.expose(spy, Right.view_schools))
    api.identification(store, LOCAL)
    api.identification(store, LOCAL, AnalysisSettings(window_years=2))  # a what-if wins
    assert [s.window_years if s else None for s in seen] == [5, 2]


@pytest.mark.parametrize("role", ["coordinator", "curator", "observer"])
def test_only_the_regional_role_saves(store: Store, role: str) -> None:
    head = store.access().audit_head()
    with pytest.raises(AccessDenied):
        save_region_settings(store, _actor(role), AnalysisSettings(max_km=10))
    assert store.access().get_settings() is None
    assert store.access().audit_head() == head


def test_a_failed_audit_write_saves_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import graph.access_neo4j
    import graph.access_sqlite

    def refuse(*_: object) -> object:
        raise RuntimeError("audit write failed")

    for module in (graph.access_sqlite, graph.access_neo4j):
        monkeypatch.setattr(module, "append_in", refuse)
    with pytest.raises(RuntimeError):
        save_region_settings(store, LOCAL, AnalysisSettings(max_km=10))
    assert store.access().get_settings() is None


def test_command_line_starts_from_the_region_settings(store: Store) -> None:
    import argparse

    from schoolnet.cli import _settings

    save_region_settings(store, LOCAL, AnalysisSettings(max_km=42, window_years=4))
    plain = argparse.Namespace(max_km=None, max_band_gap=None, capacity=None)
    assert _settings(plain, store) == region_defaults(store)
    given = argparse.Namespace(max_km=60.0, max_band_gap=None, capacity=None)
    got = _settings(given, store)
    assert (got.max_km, got.window_years) == (60.0, 4)  # the option over the region's
