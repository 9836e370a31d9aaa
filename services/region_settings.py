"""The region's analysis settings, kept in the store: the defaults every analysis starts from.

The regional centre owns them (the right ``settings``): :func:`save_region_settings` checks the
right, saves and appends the audit entry with the values before and after in one transaction.
Everyone's analyses start from them: every service of :mod:`services.api` that takes
``settings`` gets these when its caller passes none. A page may still try other values for
one session (the planner's form) without saving them.

Examples
--------
>>> from graph.embedded import EmbeddedStore
>>> from services.access import LOCAL
>>> store = EmbeddedStore(":memory:")
>>> region_defaults(store).max_km
100.0
>>> _ = save_region_settings(store, LOCAL, AnalysisSettings(max_km=60))
>>> region_defaults(store).max_km, store.access().audit_entries()[-1].before
(60.0, {'max_km': 100.0})
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from analysis.settings import AnalysisSettings
from graph.store import Store
from services.access import Actor, Right, guarded, unguarded
from services.audit import draft

__all__ = ["changed_fields", "region_defaults", "region_settings", "save_region_settings"]


@unguarded("the defaults every analysis starts from: numbers of method, no one's data")
def region_defaults(store: Store) -> AnalysisSettings:
    """The saved settings; a field saved by an older version and since removed is ignored,
    and settings that no longer validate give the built-in defaults."""
    saved = store.access().get_settings()
    if not saved:
        return AnalysisSettings()
    known = {k: v for k, v in saved.items() if k in AnalysisSettings.model_fields}
    try:
        return AnalysisSettings.model_validate(known)
    except ValidationError:
        return AnalysisSettings()


@guarded(Right.view_aggregates)
def region_settings(store: Store, actor: Actor) -> AnalysisSettings:
    """The region's settings as every analysis uses them by default."""
    return region_defaults(store)


@unguarded("compares two settings objects the caller holds")
def changed_fields(old: AnalysisSettings, new: AnalysisSettings) -> dict[str, tuple[Any, Any]]:
    """``{field: (before, after)}`` of the fields that differ (as JSON values)."""
    a, b = old.model_dump(mode="json"), new.model_dump(mode="json")
    return {k: (a[k], b[k]) for k in a if a[k] != b[k]}


@guarded(Right.settings, writes=True)
def save_region_settings(
    store: Store, actor: Actor, settings: AnalysisSettings
) -> AnalysisSettings:
    """Make ``settings`` the region's defaults; the log records each changed value before and
    after. Saving the same values again changes and records nothing."""
    old = region_defaults(store)
    diff = changed_fields(old, settings)
    if not diff:
        return old
    before = {k: v[0] for k, v in diff.items()}
    after = {k: v[1] for k, v in diff.items()}
    entry = draft(actor, "settings.change", "region", before, after)
    store.access().put_settings(settings.model_dump(mode="json"), entry)
    return settings
