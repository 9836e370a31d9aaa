"""Russian messages of the maps: municipality boundaries, coverage shading, tiles, travel times."""

MESSAGES: dict[str, str] = {
    # --- boundary files -------------------------------------------------------------------------
    "maps.boundary.not_json": "файл не читается как GeoJSON: {error}",
    "maps.boundary.not_collection": (
        "это не GeoJSON с границами: ожидается FeatureCollection с полигонами муниципалитетов"
    ),
    "maps.boundary.crs": (
        "координаты не в градусах WGS 84 (EPSG:4326): пересохраните файл в этой системе координат"
    ),
    "maps.boundary.no_features": "в файле нет ни одного объекта (features)",
    "maps.boundary.feature": "объект №{n}: {message}",
    "maps.boundary.no_geometry": "нет геометрии",
    "maps.boundary.bad_geometry": "геометрия не читается ({error})",
    "maps.boundary.empty_geometry": "пустая геометрия",
    "maps.boundary.not_polygon": "ожидается полигон границы муниципалитета, а не {kind}",
    "maps.boundary.not_degrees": (
        "координаты вне диапазона долготы и широты: нужны градусы WGS 84 (EPSG:4326)"
    ),
    "maps.boundary.no_name": "у объектов нет текстового свойства с названием муниципалитета",
    "maps.boundary.nameless": "объект №{n} без названия",
    "maps.boundary.repaired": (
        "граница «{name}» пересекала сама себя и исправлена автоматически; проверьте её на карте"
    ),
    "maps.boundary.joined": "{n} объекта объединены в границу муниципалитета «{municipality}»",
    "maps.boundary.report": (
        "Границы муниципалитетов: сопоставлено {n} (название берётся из свойства «{field}»)."
    ),
    "maps.boundary.report_unmatched": (
        "Не найдены среди муниципалитетов базы ({n}): {names}. Проверьте написание или сначала "
        "загрузите школы этих муниципалитетов."
    ),
    "maps.boundary.report_without": "Остались без границы ({n}): {names}.",
    "maps.boundary.rule.exact": "то же название",
    "maps.boundary.rule.kind": "вариант написания («р-н» / «район»)",
    "maps.boundary.rule.stem": "то же название без вида муниципалитета",
    # --- export -----------------------------------------------------------------------------------
    "maps.export.no_boundaries": (
        "в базе нет границ муниципалитетов: загрузите GeoJSON с границами (schoolnet import "
        "ФАЙЛ.geojson или страница «Импорт данных»)"
    ),
}
