"""Municipality boundaries from GeoJSON: read, check, and match names to the store's municipalities.

A boundary file is a GeoJSON ``FeatureCollection`` (or one ``Feature``) of polygons in WGS 84
longitude/latitude (RFC 7946). Each feature's name (a property, found automatically or given) is
matched to a municipality of the store or of the same import:

1. ``exact``: the same name up to case, «ё»/«е», spaces and punctuation;
2. ``kind``: the same after writing the kind of municipality one way («р-н», «муниципальный
   район» → «район»; «г.о.», «ГО» → «городской округ»; see
   :data:`loaders.aliases.MUNICIPALITY_KINDS`);
3. ``stem``: the same without the kind words at all («Иволгинский муниципальный округ» →
   «Иволгинский район»), when that stem names exactly one municipality and one feature.

Features that match nothing, and municipalities that get no boundary, are reported; they never
stop the import. A broken file or geometry does (nothing is written). A geometry is kept as
compact GeoJSON text on the ``Municipality`` node (``boundary``), coordinates rounded to
6 decimals (≈ 0.1 m); a self-intersecting polygon is repaired with shapely's ``make_valid``
(reported). Reading back what was written gives the same text, so export → import → export
is unchanged.

Examples
--------
>>> name_key("Иволгинский р-н") == name_key("иволгинский  район")
True
>>> name_stem("Иволгинский муниципальный район"), name_stem("Городской округ «Город Уфа»")
('иволгинский', 'уфа')
>>> geo = {"type": "Feature", "properties": {"name": "Озерский р-н"}, "geometry": {
...     "type": "Polygon", "coordinates": [[[107, 51], [108, 51], [108, 52], [107, 51]]]}}
>>> found = read_boundaries("mo.geojson", orjson.dumps(geo))
>>> m = match_boundaries(found, ["Озёрский район", "Иволгинский район"])
>>> m.matched, m.without_boundary
([('Озерский р-н', 'Озёрский район', 'kind')], ['Иволгинский район'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

if TYPE_CHECKING:  # shapely is heavy (~1 s): imported where a geometry is read or joined
    from shapely.geometry import MultiPolygon, Polygon

from labels.message import Message
from loaders.aliases import MUNICIPALITY_KINDS, normalize
from loaders.issues import ImportIssue

__all__ = [
    "GEOJSON_SUFFIXES",
    "BoundaryFeature",
    "BoundaryMatch",
    "BoundaryRead",
    "boundaries_geojson",
    "canonical_geometry",
    "match_boundaries",
    "name_key",
    "name_stem",
    "read_boundaries",
]

GEOJSON_SUFFIXES = (".geojson",)
NAME_FIELDS = ("name", "name_ru", "NAME", "NAME_RU", "municipality", "Name", "title", "NAME_1")
_DIGITS = 6


# --- names ---------------------------------------------------------------------------------------
_PUNCT = re.compile(r"[«»\"'“”„()\[\],;:]+")


@lru_cache(maxsize=1)
def _kind_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    canon = {v: k for k, variants in MUNICIPALITY_KINDS.items() for v in variants}
    words = sorted(canon, key=len, reverse=True)
    alts = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w.-])({alts})(?![\w-])"), canon


def _split(name: str) -> tuple[str, frozenset[str]]:
    text = _PUNCT.sub(" ", normalize(name))
    pattern, canon = _kind_pattern()
    kinds = frozenset(canon[m.group(1)] for m in pattern.finditer(text))
    stem = " ".join(pattern.sub(" ", text).split())
    return stem, kinds


def name_key(name: str) -> str:
    """The name with its kind words written one way (match rule 2)."""
    stem, kinds = _split(name)
    return " ".join([stem, *sorted(kinds)])


def name_stem(name: str) -> str:
    """The name without kind words (match rule 3)."""
    return _split(name)[0]


def _plain(name: str) -> str:
    return " ".join(_PUNCT.sub(" ", normalize(name)).split())


# --- geometry ------------------------------------------------------------------------------------
class _GeometryError(ValueError):
    @property
    def text(self) -> Message:
        text: Message = self.args[0]
        return text


def _polygonal(geom: Any) -> Polygon | MultiPolygon | None:
    from shapely.geometry import MultiPolygon, Polygon

    if isinstance(geom, Polygon | MultiPolygon):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon | MultiPolygon)]
    polys = [p for g in parts for p in (g.geoms if isinstance(g, MultiPolygon) else [g])]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def canonical_geometry(obj: Any) -> tuple[str, bool]:
    """A GeoJSON geometry as the stored text, and whether it had to be repaired.

    Raises ``ValueError`` (a Russian message) for what is not a polygon in degrees.

    >>> canonical_geometry({"type": "Polygon",
    ...     "coordinates": [[[1.00000004, 2], [3, 2], [3, 4], [1, 2]]]})[0]
    '{"type":"Polygon","coordinates":[[[1.0,2.0],[3.0,2.0],[3.0,4.0],[1.0,2.0]]]}'
    """
    import shapely
    from shapely.geometry import mapping, shape

    try:
        geom = shape(obj)
    except Exception as exc:  # shapely raises several kinds for malformed input
        raise _GeometryError(Message("maps.boundary.bad_geometry", error=str(exc)[:120])) from exc
    if geom.is_empty:
        raise _GeometryError(Message("maps.boundary.empty_geometry"))
    if _polygonal(geom) is None:
        raise _GeometryError(Message("maps.boundary.not_polygon", kind=geom.geom_type))
    x0, y0, x1, y1 = geom.bounds
    if not (-180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
        raise _GeometryError(Message("maps.boundary.not_degrees"))
    geom = shapely.remove_repeated_points(shapely.transform(geom, lambda c: np.round(c, _DIGITS)))
    repaired = False
    if not geom.is_valid:
        geom, repaired = shapely.make_valid(geom), True
    poly = _polygonal(geom)
    if poly is None or poly.is_empty:
        raise _GeometryError(Message("maps.boundary.empty_geometry"))
    return orjson.dumps(mapping(poly)).decode(), repaired


# --- reading -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BoundaryFeature:
    number: int  # 1-based position in the file
    properties: dict[str, Any]
    geometry: str
    repaired: bool


@dataclass
class BoundaryRead:
    """The features of one boundary file and the problems that stop the import."""

    file: str
    features: list[BoundaryFeature] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    name_field: str | None = None

    def issue(self, message: Message) -> None:
        self.issues.append(ImportIssue(self.file, None, None, message))


def _crs_ok(doc: dict[str, Any]) -> bool:
    crs = doc.get("crs")
    if not isinstance(crs, dict):
        return True
    name = str((crs.get("properties") or {}).get("name", ""))
    return "4326" in name or "CRS84" in name.upper()


def read_boundaries(file: str, data: bytes, name_field: str | None = None) -> BoundaryRead:
    """Read a GeoJSON file's polygons; problems come back as issues, never as exceptions.

    >>> read_boundaries("x.geojson", b"[1, 2").issues[0].message[:30]
    'файл не читается как GeoJSON: '
    """
    out = BoundaryRead(file=file, name_field=name_field)
    try:
        doc = orjson.loads(data.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError as exc:
        out.issue(Message("maps.boundary.not_json", error=str(exc)[:80]))
        return out
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = {"type": "FeatureCollection", "features": [doc]}
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        out.issue(Message("maps.boundary.not_collection"))
        return out
    if not _crs_ok(doc):
        out.issue(Message("maps.boundary.crs"))
        return out
    feats = doc.get("features")
    if not isinstance(feats, list) or not feats:
        out.issue(Message("maps.boundary.no_features"))
        return out
    for number, feat in enumerate(feats, start=1):
        props = feat.get("properties") if isinstance(feat, dict) else None
        geom = feat.get("geometry") if isinstance(feat, dict) else None
        props = props if isinstance(props, dict) else {}
        if geom is None:
            no_geometry = Message("maps.boundary.no_geometry")
            out.issue(Message("maps.boundary.feature", n=number, message=no_geometry))
            continue
        try:
            text, repaired = canonical_geometry(geom)
        except _GeometryError as exc:
            out.issue(Message("maps.boundary.feature", n=number, message=exc.text))
            continue
        out.features.append(BoundaryFeature(number, props, text, repaired))
    return out


# --- matching ------------------------------------------------------------------------------------
@dataclass
class BoundaryMatch:
    """Which feature became which municipality's boundary, and what did not match."""

    name_field: str | None = None
    file: str = ""  # the boundary file's name, as the user gave it
    geometries: dict[str, str] = field(default_factory=dict)  # municipality id → GeoJSON text
    matched: list[tuple[str, str, str]] = field(default_factory=list)  # (feature, muni, rule)
    unmatched: list[str | Message] = field(default_factory=list)  # feature names
    without_boundary: list[str] = field(default_factory=list)  # municipalities
    warnings: list[ImportIssue] = field(default_factory=list)


def _names(features: Sequence[BoundaryFeature], key: str) -> list[str | None]:
    out: list[str | None] = []
    for f in features:
        v = f.properties.get(key)
        out.append(str(v).strip() if isinstance(v, str | int) and str(v).strip() else None)
    return out


def _pick(names: Sequence[str | None], munis: Sequence[str]) -> list[tuple[int, str, str]]:
    """(feature position, municipality, rule) for every feature that matches one municipality."""
    found: dict[int, tuple[str, str]] = {}
    taken: set[str] = set()
    rules = (("exact", _plain), ("kind", name_key), ("stem", name_stem))
    for rule, fn in rules:
        by_muni: dict[str, list[str]] = {}
        for m in munis:
            if m not in taken:
                by_muni.setdefault(fn(m), []).append(m)
        by_feat: dict[str, list[int]] = {}
        for i, n in enumerate(names):
            if n is not None and i not in found:
                by_feat.setdefault(fn(n), []).append(i)
        for k, idx in by_feat.items():
            cands = by_muni.get(k, [])
            if not k or len(cands) != 1:
                continue
            # Several features of one municipality (e.g. exclaves) are joined; by stem only
            # when the stem is unambiguous on both sides.
            if rule == "stem" and len(idx) > 1:
                continue
            for i in idx:
                found[i] = (cands[0], rule)
            taken.add(cands[0])
    return [(i, m, r) for i, (m, r) in sorted(found.items())]


def _field(features: Sequence[BoundaryFeature], munis: Sequence[str]) -> str | None:
    keys: dict[str, None] = {}
    for f in features:
        keys.update(dict.fromkeys(k for k, v in f.properties.items() if isinstance(v, str)))
    if not keys:
        return None

    def score(k: str) -> tuple[int, int, int]:
        names = _names(features, k)
        pref = NAME_FIELDS.index(k) if k in NAME_FIELDS else len(NAME_FIELDS)
        return (len(_pick(names, munis)), sum(n is not None for n in names), -pref)

    return max(keys, key=score)


def match_boundaries(
    read: BoundaryRead, municipalities: Iterable[str], *, name_field: str | None = None
) -> BoundaryMatch:
    """Match the features of ``read`` to ``municipalities`` (ids, which are their names)."""
    munis = sorted(set(municipalities))
    feats = read.features
    key = name_field or read.name_field or _field(feats, munis)
    out = BoundaryMatch(name_field=key, file=read.file)
    if key is None:
        out.warnings.append(ImportIssue(read.file, None, None, Message("maps.boundary.no_name")))
        out.without_boundary = munis
        return out
    names = _names(feats, key)
    picked = _pick(names, munis)
    parts: dict[str, list[str]] = {}
    for i, muni, rule in picked:
        parts.setdefault(muni, []).append(feats[i].geometry)
        out.matched.append((str(names[i]), muni, rule))
        if feats[i].repaired:
            msg = Message("maps.boundary.repaired", name=names[i])
            out.warnings.append(ImportIssue(read.file, None, None, msg))
    for muni, texts in parts.items():
        if len(texts) == 1:
            out.geometries[muni] = texts[0]
            continue
        import shapely
        from shapely.geometry import mapping, shape

        joined = shapely.union_all([shape(orjson.loads(x)) for x in texts])
        out.geometries[muni] = canonical_geometry(mapping(joined))[0]
        msg = Message("maps.boundary.joined", n=len(texts), municipality=muni)
        out.warnings.append(ImportIssue(read.file, None, None, msg))
    hit = {i for i, _, _ in picked}
    for i, f in enumerate(feats):
        if i in hit:
            continue
        given = names[i]
        name = given if given is not None else Message("maps.boundary.nameless", n=f.number)
        out.unmatched.append(name)
    out.without_boundary = [m for m in munis if m not in parts]
    return out


# --- writing -------------------------------------------------------------------------------------
def boundaries_geojson(rows: Iterable[tuple[str, str | None, str]]) -> bytes:
    """A FeatureCollection of ``(municipality, region, boundary text)``, sorted, re-importable.

    >>> boundaries_geojson([("М", None, '{"type":"Polygon","coordinates":[]}')])[:40]
    b'{"type":"FeatureCollection","features":['
    """
    feats = []
    for muni, region, text in sorted(rows, key=lambda r: r[0]):
        props: dict[str, Any] = {"name": muni}
        if region:
            props["region"] = region
        feats.append({"type": "Feature", "properties": props, "geometry": orjson.loads(text)})
    return orjson.dumps({"type": "FeatureCollection", "features": feats}) + b"\n"
