"""English messages of the maps: municipality boundaries, coverage shading, tiles, travel times."""

MESSAGES: dict[str, str] = {
    # --- boundary files -------------------------------------------------------------------------
    "maps.boundary.not_json": "the file cannot be read as GeoJSON: {error}",
    "maps.boundary.not_collection": (
        "this is not a boundary GeoJSON: a FeatureCollection of municipality polygons is expected"
    ),
    "maps.boundary.crs": (
        "coordinates are not WGS 84 degrees (EPSG:4326): save the file in that coordinate system"
    ),
    "maps.boundary.no_features": "the file holds no feature",
    "maps.boundary.feature": "feature #{n}: {message}",
    "maps.boundary.no_geometry": "no geometry",
    "maps.boundary.bad_geometry": "the geometry cannot be read ({error})",
    "maps.boundary.empty_geometry": "empty geometry",
    "maps.boundary.not_polygon": "a municipality boundary polygon is expected, not {kind}",
    "maps.boundary.not_degrees": (
        "coordinates are outside longitude and latitude: WGS 84 degrees (EPSG:4326) are needed"
    ),
    "maps.boundary.no_name": "the features have no text property naming the municipality",
    "maps.boundary.nameless": "feature #{n} without a name",
    "maps.boundary.repaired": (
        "the boundary of «{name}» crossed itself and was repaired automatically; "
        "check it on the map"
    ),
    "maps.boundary.joined": "{n} features joined into the boundary of «{municipality}»",
    "maps.boundary.report": (
        "Municipality boundaries: {n} matched (names taken from the property «{field}»)."
    ),
    "maps.boundary.report_unmatched": (
        "Not found among the store's municipalities ({n}): {names}. Check the spelling or load "
        "the schools of those municipalities first."
    ),
    "maps.boundary.report_without": "Left without a boundary ({n}): {names}.",
    "maps.boundary.rule.exact": "the same name",
    "maps.boundary.rule.kind": "a spelling variant («р-н» / «район»)",
    "maps.boundary.rule.stem": "the same name without the kind of municipality",
    # --- export -----------------------------------------------------------------------------------
    "maps.export.no_boundaries": (
        "the store holds no municipality boundaries: load a boundary GeoJSON (schoolnet import "
        "FILE.geojson or the Import page)"
    ),
}
