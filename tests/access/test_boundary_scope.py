"""A coordinator's GeoJSON boundary file may change only their municipalities' boundaries.

A feature matched to another municipality refuses the whole import, named as the file shows it
(the file, the feature's name) with the municipality it would change: through the service and
``schoolnet import --as LOGIN``. The regional role imports the same file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.store import Store
from loaders.export import export_json
from services import api
from services.access import LOCAL, AccessDenied, Actor
from services.users import add_user

HOME, OTHER = "Озёрск", "Заречный район"
SCHOOLS = f"school_id,name,municipality\n101,СОШ №1,{HOME}\nZ1,Заречная СОШ,{OTHER}\n"


def _square(x: float) -> dict:
    ring = [[x, 50.0], [x + 1, 50.0], [x + 1, 51.0], [x, 51.0], [x, 50.0]]
    return {"type": "Polygon", "coordinates": [ring]}


def _geojson(*names: str) -> bytes:
    features = [
        {"type": "Feature", "properties": {"name": name}, "geometry": _square(40.0 + i)}
        for i, name in enumerate(names)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "scope.db"
    with EmbeddedStore(path) as store:
        api.import_uploads(store, LOCAL, [("schools.csv", SCHOOLS.encode())])
        add_user(store, LOCAL, "coord", "coordinator", municipalities=[HOME])
    return path


def _coordinator(store: Store) -> Actor:
    user = store.access().get_user("coord")
    assert user is not None
    return Actor.from_user(user)


def _boundaries(store: Store) -> dict[str, bool]:
    """Municipality → whether it has a boundary."""
    return {n.id: bool(getattr(n, "boundary", None)) for n in store.iter_nodes("Municipality")}


def test_a_feature_of_another_municipality_refuses_the_file(db: Path) -> None:
    with EmbeddedStore(db) as store:
        before, head = export_json(store), store.access().audit_head()
        with pytest.raises(AccessDenied) as denied:
            api.import_uploads(
                store, _coordinator(store), [("areas.geojson", _geojson(HOME, OTHER))]
            )
        message = str(denied.value)
        assert "отклонена целиком" in message
        assert f"areas.geojson, объект «{OTHER}» — {OTHER}" in message
        assert f"объект «{HOME}»" not in message  # their own feature is not named
        assert export_json(store) == before and store.access().audit_head() == head
        assert _boundaries(store) == {HOME: False, OTHER: False}


def test_their_own_municipality_and_the_regional_role_go_through(db: Path) -> None:
    with EmbeddedStore(db) as store:
        api.import_uploads(store, _coordinator(store), [("home.geojson", _geojson(HOME))])
        assert _boundaries(store) == {HOME: True, OTHER: False}
        api.import_uploads(store, LOCAL, [("all.geojson", _geojson(HOME, OTHER))])
        assert _boundaries(store) == {HOME: True, OTHER: True}


def test_command_line_on_behalf_of_a_coordinator(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from schoolnet.cli import main

    areas = tmp_path / "areas.geojson"
    areas.write_bytes(_geojson(OTHER, HOME))
    with EmbeddedStore(db) as store:
        before = export_json(store)
    assert main(["import", "--db", str(db), "--as", "coord", str(areas)]) == 1
    err = capsys.readouterr().err
    assert f"areas.geojson, объект «{OTHER}» — {OTHER}" in err
    assert "Traceback" not in err and str(tmp_path) not in err
    with EmbeddedStore(db) as store:
        assert export_json(store) == before
    areas.write_bytes(_geojson(HOME))
    assert main(["import", "--db", str(db), "--as", "coord", str(areas)]) == 0
    with EmbeddedStore(db) as store:
        assert _boundaries(store) == {HOME: True, OTHER: False}
