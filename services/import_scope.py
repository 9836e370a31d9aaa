"""A municipal coordinator's import: refused whole when a row lies outside their municipalities.

The refusal names each such row as the user's file shows it (file, the workbook's sheet, the
row number) with the municipality it belongs to, and each feature of a GeoJSON boundary file
that would change another municipality's boundary (file, the feature's name). A row's
municipality is the one it names, or that of the schools, teachers, associations and
partnerships it refers to (found in the file being imported first, then in the store). Rows
placed nowhere (a region-wide road-map item) are not refused. As a second net, every node and
school link the import would write is checked too (the refusal then names the sheet and the
id; a boundary's municipality counts).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from graph.store import Store
from labels import t
from loaders.boundaries import GEOJSON_SUFFIXES
from loaders.row_places import RowPlace, row_places
from services.access import AccessDenied, Actor, school_municipalities, unguarded

__all__ = ["paths_check", "uploads_check"]

_SHOWN = 20  # rows named in the message; the rest are counted


@unguarded("the scope check services.api runs before an upload is imported; writes nothing")
def uploads_check(store: Store, actor: Actor, files: Sequence[tuple[str, bytes]]) -> None:
    """``AccessDenied`` naming the rows of ``files`` outside ``actor``'s municipalities."""
    from loaders.importer import validate_uploads
    from loaders.readers import read_bytes

    plan = validate_uploads(list(files), store)
    raws = [
        sheet
        for name, data in files
        if Path(name).suffix.lower() not in GEOJSON_SUFFIXES
        for sheet in read_bytes(name, data).sheets
    ]
    _refuse_outside(plan, raws, store, actor)


@unguarded("the scope check services.api runs before files are imported; writes nothing")
def paths_check(store: Store, actor: Actor, paths: Sequence[str | Path]) -> None:
    """``AccessDenied`` naming the rows of the files at ``paths`` outside the actor's area."""
    from loaders.importer import _split_paths, validate_paths
    from loaders.readers import read_paths

    plan = validate_paths(list(paths), store)
    tables, _ = _split_paths(list(paths))
    _refuse_outside(plan, read_paths(tables).sheets, store, actor)


class _Places:
    """Which municipality an id is in: the import's own nodes first, then the store."""

    def __init__(self, plan: Any, store: Store) -> None:
        self.store = store
        self.schools = dict(school_municipalities(store))
        self.nodes: dict[tuple[str, str], Any] = {}
        for node in plan.nodes:
            self.nodes[(node.label, node.id)] = node
            if node.label == "School":
                self.schools[node.id] = str(getattr(node, "municipality", "") or "")

    def _node(self, label: str, id_: str) -> Any:
        key = (label, id_)
        if key not in self.nodes:
            self.nodes[key] = self.store.get_node(label, id_)
        return self.nodes[key]

    def of_row(self, place: RowPlace) -> set[str]:
        found = {place.municipality} if place.municipality else set()
        for sid in place.schools:
            if sid in self.schools:
                found.add(self.schools[sid])
            else:  # an organizer may be an association
                association = self._node("Association", sid)
                if association is not None and getattr(association, "municipality", None):
                    found.add(str(association.municipality))
        for tid in place.teachers:
            teacher = self._node("Teacher", tid)
            school = str(getattr(teacher, "school_id", "") or "") if teacher is not None else ""
            if school:
                found.add(self.schools.get(school, "?"))
        for pid in place.partnerships:
            pair = self._node("Partnership", pid)
            for end in ("tutor_school_id", "mentee_school_id"):
                school = str(getattr(pair, end, "") or "") if pair is not None else ""
                if school:
                    found.add(self.schools.get(school, "?"))
        return found


def _where(place: RowPlace) -> str:
    if place.tab is None:
        return t("importscope.where.file", file=place.file, row=place.row)
    return t("importscope.where.tab", file=place.file, tab=place.tab, row=place.row)


def _refuse_outside(plan: Any, raws: Sequence[Any], store: Store, actor: Actor) -> None:
    places = _Places(plan, store)
    outside: list[str] = []
    for place in row_places(raws):
        foreign = sorted(m for m in places.of_row(place) if m not in actor.municipalities)
        if foreign:
            where, names = _where(place), ", ".join(foreign)
            outside.append(t("importscope.row", where=where, municipality=names))
    for match in plan.boundaries:
        for feature, muni, _rule in match.matched:
            if muni not in actor.municipalities:
                where = t("leftovers4.scope.feature", file=Path(match.file).name, feature=feature)
                outside.append(t("importscope.row", where=where, municipality=muni))
    if not outside:
        outside = [
            t("access.denied.import_row", **r)
            for r in _plan_rows(plan, places.schools)
            if r["municipality"] not in actor.municipalities
        ]
    if outside:
        text = "; ".join(outside[:_SHOWN])
        if len(outside) > _SHOWN:
            text += t("importscope.more", n=len(outside) - _SHOWN)
        raise AccessDenied("access.denied.import_scope", rows=text)


def _plan_rows(plan: Any, known: dict[str, str]) -> list[dict[str, str]]:
    """Sheet, id and municipality of every node and school link the import would write that a
    municipality owns: schools, anything linked to a school, nodes naming a municipality, and
    municipalities themselves (a boundary)."""
    from loaders.importer import EDGE_SHEET, LABEL_SHEET

    found: dict[tuple[str, str], str] = {}
    for node in plan.nodes:
        muni = node.id if node.label == "Municipality" else getattr(node, "municipality", None)
        if node.label == "School" or muni:
            found[(LABEL_SHEET.get(node.label, node.label), node.id)] = str(
                muni or known.get(node.id, "")
            )
    for edge in plan.edges:
        for end in (edge.src, edge.dst):
            if end.label == "School":
                sheet = EDGE_SHEET.get(edge.type, edge.type)
                found.setdefault((sheet, end.id), known.get(end.id, ""))
    return [
        {"sheet": sheet, "id": id_, "municipality": muni or "?"}
        for (sheet, id_), muni in sorted(found.items())
    ]
