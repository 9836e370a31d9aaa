"""English messages of the maps: municipality boundaries, coverage shading, tiles, travel times."""

MESSAGES: dict[str, str] = {
    # --- boundary files ---
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
    # --- export ---
    "maps.export.no_boundaries": (
        "the store holds no municipality boundaries: load a boundary GeoJSON (schoolnet import "
        "FILE.geojson or the Import page)"
    ),
    # --- shading ---
    "maps.measure.active_pair": "Share of ШНОР in a working pair",
    "maps.measure.teachers_at_event": "Share of ШНОР teachers at events in 12 months",
    "maps.measure.without_tutor": "Share of ШНОР without a possible tutor school",
    "maps.measure.curator": "Share of ШНОР with a curator",
    "maps.measure.unknown": "unknown map measure: {measure} (allowed: {allowed})",
    "maps.no_data.active_pair": "no ШНОР",
    "maps.no_data.teachers_at_event": "no ШНОР teachers",
    "maps.no_data.without_tutor": "no ШНОР",
    "maps.no_data.curator": "no ШНОР",
    "maps.legend.range": "{lo}–{hi}%",
    "maps.no_boundaries": (
        "The store holds no municipality boundaries, so the map shows schools only. To shade "
        "municipalities, load their boundaries as GeoJSON on the Import page or with "
        "schoolnet import FILE.geojson (polygons in WGS 84 degrees, the municipality's name in "
        "the feature's properties)."
    ),
    # --- the map on paper ---
    "maps.paper.as_of": "As of {date}",
    "maps.paper.source": "Source: schoolnet, the region's school network data",
    "maps.paper.low": "ШНОР",
    "maps.paper.alone": "ШНОР without a pair",
    "maps.paper.pair": "working pair",
    "maps.paper.without": "Municipalities without a boundary (not shaded): {n}",
    "maps.paper.bad_format": "map format {fmt} is not supported (allowed: {allowed})",
    # --- base map ---
    "maps.tiles.unknown_source": (
        "the base map «{source}» is not recognised: give a style address (…/style.json), a tile "
        "address template ({{z}}/{{x}}/{{y}}) or an .mbtiles / .pmtiles file"
    ),
    "maps.tiles.missing": "the base map file «{path}» is not found",
    "maps.tiles.broken": "the base map file «{path}» cannot be read as MBTiles / PMTiles",
    "maps.tiles.vector": (
        "the file «{path}» holds vector tiles ({fmt}); the base map needs raster tiles (PNG, "
        "JPEG, WebP) or the style address of the region's map server"
    ),
    "maps.tiles.none": (
        "No base map is configured: the map is drawn from the municipality outlines and asks "
        "nothing of the internet. The administrator sets one (SCHOOLNET_BASEMAP: the region's "
        "map server or an .mbtiles / .pmtiles file)."
    ),
    # --- the app's map ---
    "maps.tip.share": "{title}: {pct} ({num} of {den})",
    "maps.tip.click": "click to select the municipality",
    "maps.ui.measure": "Shade municipalities by",
    "maps.ui.scheme": "Classes",
    "maps.ui.scheme.quantiles": "by quantiles",
    "maps.ui.scheme.fixed": "in 20% steps",
    "maps.ui.selected": "Municipality «{municipality}» selected (a click on the map).",
    "maps.ui.clear": "Show every municipality",
    "maps.ui.without": "Without a boundary and so not shaded: {names}.",
    "maps.ui.download_png": "Download the map (PNG)",
    "maps.ui.download_pdf": "Download the map (PDF)",
    "maps.ui.multiples": "Every measure side by side (small maps)",
    "maps.ui.multiples_help": "One small map per measure, on the same 20% classes.",
    "maps.ui.values": "The measure by municipality",
    "maps.col.value": "Share",
    "maps.col.numerator": "Numerator",
    "maps.col.denominator": "Denominator",
    # --- command line ---
    "cli.map.done": "Map written: {out}",
    # --- travel times ---
    "maps.travel.minutes": (
        "travel time «{value}» min: a number of minutes above 0 and at most a day (1440) is "
        "expected"
    ),
    "loaders.col.travel_times.school_id": "Code of the first school",
    "loaders.col.travel_times.other_school_id": "Code of the second school",
    "loaders.col.travel_times.minutes": "Travel time between them, minutes (one way)",
    "loaders.col.travel_times.mode": (
        "How: road (car, school bus) or public_transport; empty means road"
    ),
    "analysis.pair.minutes": "{minutes} min of travel {way}",
    "analysis.pair.straight": "{km} km in a straight line (no travel time given)",
    "maps.travel.mode.road": "by road",
    "maps.travel.mode.public_transport": "by public transport",
    "analysis.infeasible.time": (
        "{minutes} min of travel, longer than the allowed {max_minutes} min"
    ),
    "analysis.setting.max_minutes": (
        "Longest travel time within a pair, minutes one way, where the travel_times sheet "
        "gives one; other pairs fall back on max_km."
    ),
    "analysis.setting.travel_mode": (
        "Which travel time counts: road, public_transport, or fastest (the shorter one)."
    ),
    "ui.col.travel_minutes": "Travel time, min",
    "ui.col.travel_mode": "How to travel",
    "maps.no_data.programme": "no data",
    "maps.measure.programme": "Programme: {name}",
    "queries.title.travel_times": "Travel time between schools",
}
