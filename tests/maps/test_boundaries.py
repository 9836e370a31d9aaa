"""Municipality boundaries: name matching, import with a report, both stores, round trip."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from shapely.geometry import shape

from graph.store import Store
from loaders.boundaries import match_boundaries, name_key, name_stem, read_boundaries
from loaders.export import export_boundaries
from loaders.importer import ImportFailed, import_paths, import_uploads, validate_uploads

SCHOOLS = (
    "school_id,name,municipality,region\n"
    "1,СОШ №1,Озёрский район,Область\n"
    "2,СОШ №2,Иволгинский район,Область\n"
    "3,СОШ №3,Город Северск,Область\n"
    "4,СОШ №4,Лесной муниципальный округ,Область\n"
).encode()


def _square(x: float, y: float, d: float = 0.5) -> dict[str, object]:
    ring = [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def _feature(name: str | None, geom: dict[str, object], key: str = "NAME") -> dict[str, object]:
    props = {key: name, "okato": "81000000"} if name is not None else {"okato": "1"}
    return {"type": "Feature", "properties": props, "geometry": geom}


def _collection(*features: dict[str, object]) -> bytes:
    return orjson.dumps({"type": "FeatureCollection", "features": list(features)})


GEO = _collection(
    _feature("ОЗЕРСКИЙ Р-Н", _square(107.0, 51.0)),  # case, ё/е, «р-н»
    _feature("Иволгинский муниципальный район", _square(107.5, 51.0)),
    _feature("Северск", _square(108.0, 51.0)),  # «город» missing: the stem
    _feature("Заречный район", _square(108.5, 51.0)),  # not in the store
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Озёрский район", "озерский  р-н"),
        ("Иволгинский район", "Иволгинский муниципальный район"),
        ("Городской округ «Город Уфа»", "ГО город Уфа"),
        ("Лесной р.н.", "Лесной район"),
    ],
)
def test_name_variants_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_kinds_are_kept_apart_until_the_stem_rule() -> None:
    assert name_key("Уфимский район") != name_key("Уфимский городской округ")
    assert name_stem("Уфимский район") == name_stem("Уфимский городской округ") == "уфимский"


def test_matching_rules_and_what_did_not_match() -> None:
    read = read_boundaries("mo.geojson", GEO)
    assert not read.issues
    munis = ["Озёрский район", "Иволгинский район", "Город Северск", "Лесной муниципальный округ"]
    m = match_boundaries(read, munis)
    assert m.name_field == "NAME"  # found among NAME and okato by how many names match
    assert sorted(m.matched) == [
        ("Иволгинский муниципальный район", "Иволгинский район", "kind"),
        ("ОЗЕРСКИЙ Р-Н", "Озёрский район", "kind"),
        ("Северск", "Город Северск", "stem"),
    ]
    assert m.unmatched == ["Заречный район"]
    assert m.without_boundary == ["Лесной муниципальный округ"]


def test_a_stem_shared_by_two_municipalities_is_not_guessed() -> None:
    read = read_boundaries("mo.geojson", _collection(_feature("Уфимский", _square(50, 50))))
    m = match_boundaries(read, ["Уфимский район", "Уфимский городской округ"])
    assert m.matched == [] and m.unmatched == ["Уфимский"]


def test_import_stores_boundaries_and_reports(store: Store) -> None:
    report = import_uploads([("schools.csv", SCHOOLS), ("границы.geojson", GEO)], store)
    stored = {n.id: getattr(n, "boundary", None) for n in store.iter_nodes("Municipality")}
    assert stored["Лесной муниципальный округ"] is None
    ozersk = shape(orjson.loads(stored["Озёрский район"] or "null"))
    assert ozersk.equals(shape(_square(107.0, 51.0)))
    text = "\n".join(report.lines())
    assert "сопоставлено 3" in text and "«Заречный район»" in text
    assert "«Лесной муниципальный округ»" in text
    rows = store.query("boundaries")
    assert [r["municipality"] for r in rows] == [
        "Город Северск",
        "Иволгинский район",
        "Озёрский район",
    ]
    assert all(r["region"] == "Область" for r in rows)
    # Re-importing the schools (the region is given again) keeps the boundaries.
    again = import_uploads([("schools.csv", SCHOOLS)], store)
    assert again.is_noop()
    assert store.query("boundaries") == rows


def test_export_and_reimport_unchanged(store: Store, tmp_path: Path) -> None:
    import_uploads([("schools.csv", SCHOOLS), ("mo.geojson", GEO)], store)
    first = export_boundaries(store)
    assert first is not None
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "schools.csv").write_bytes(SCHOOLS)
    (tmp_path / "in" / "municipalities.geojson").write_bytes(first)
    from graph.embedded import EmbeddedStore

    with EmbeddedStore(tmp_path / "other.db") as other:
        report = import_paths([tmp_path / "in"], other)  # a folder: tables and boundaries
        assert report.boundaries[0].unmatched == []
        assert export_boundaries(other) == first
    # The same file into the same store changes nothing.
    assert import_uploads([("mo.geojson", first)], store).is_noop()


def test_self_intersecting_polygon_is_repaired_and_said(store: Store) -> None:
    bow: dict[str, object] = {
        "type": "Polygon",
        "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]],
    }
    geo = _collection(_feature("Озёрский район", bow))
    report = import_uploads([("schools.csv", SCHOOLS), ("mo.geojson", geo)], store)
    assert any("исправлена" in w.message for w in report.warnings)
    text = store.query("boundaries")[0]["boundary"]
    assert shape(orjson.loads(text)).is_valid


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"{not json", "не читается как GeoJSON"),
        (b'{"type": "Point", "coordinates": [1, 2]}', "FeatureCollection"),
        (_collection(_feature("Озёрский район", _square(500000, 6000000, 1000))), "WGS 84"),
        (
            _collection(_feature("Озёрский район", {"type": "Point", "coordinates": [1, 2]})),
            "объект №1: ожидается полигон",
        ),
        (_collection({"type": "Feature", "properties": {}, "geometry": None}), "нет геометрии"),
    ],
)
def test_broken_files_stop_the_import(store: Store, data: bytes, needle: str) -> None:
    with pytest.raises(ImportFailed) as err:
        import_uploads([("schools.csv", SCHOOLS), ("mo.geojson", data)], store)
    assert needle in str(err.value)
    assert not store.count_nodes()
    preview = validate_uploads([("mo.geojson", data)], store)
    assert not preview.ok
