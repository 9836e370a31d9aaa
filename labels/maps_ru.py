"""Russian messages of the maps: municipality boundaries, coverage shading, tiles, travel times."""

MESSAGES: dict[str, str] = {
    # --- boundary files ---
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
    # --- export ---
    "maps.export.no_boundaries": (
        "в базе нет границ муниципалитетов: загрузите GeoJSON с границами (schoolnet import "
        "ФАЙЛ.geojson или страница «Импорт данных»)"
    ),
    # --- shading ---
    "maps.measure.active_pair": "Доля ШНОР в работающей паре",
    "maps.measure.teachers_at_event": "Доля педагогов ШНОР на мероприятиях за 12 месяцев",
    "maps.measure.without_tutor": "Доля ШНОР без возможной школы-тьютора",
    "maps.measure.curator": "Доля ШНОР с куратором",
    "maps.measure.unknown": "неизвестный показатель карты: {measure} (допустимо: {allowed})",
    "maps.no_data.active_pair": "нет ШНОР",
    "maps.no_data.teachers_at_event": "нет педагогов ШНОР",
    "maps.no_data.without_tutor": "нет ШНОР",
    "maps.no_data.curator": "нет ШНОР",
    "maps.legend.range": "{lo}–{hi} %",
    "maps.no_boundaries": (
        "Границ муниципалитетов в базе нет, поэтому на карте только школы. Чтобы закрасить "
        "муниципалитеты, загрузите их границы в формате GeoJSON на странице «Импорт данных» или "
        "командой schoolnet import ФАЙЛ.geojson (полигоны в градусах WGS 84, название "
        "муниципалитета в свойствах объекта)."
    ),
    # --- the map on paper ---
    "maps.paper.as_of": "По состоянию на {date}",
    "maps.paper.source": "Источник: schoolnet, данные сети школ региона",
    "maps.paper.low": "ШНОР",
    "maps.paper.alone": "ШНОР без пары",
    "maps.paper.pair": "работающая пара",
    "maps.paper.without": "Муниципалитетов без границы (не закрашены): {n}",
    "maps.paper.bad_format": "формат карты {fmt} не поддерживается (допустимо: {allowed})",
    # --- base map ---
    "maps.tiles.unknown_source": (
        "подложка карты «{source}» не распознана: укажите адрес стиля (…/style.json), шаблон "
        "адреса плиток ({{z}}/{{x}}/{{y}}) или файл .mbtiles / .pmtiles"
    ),
    "maps.tiles.missing": "файл подложки карты «{path}» не найден",
    "maps.tiles.broken": "файл подложки карты «{path}» не читается как MBTiles / PMTiles",
    "maps.tiles.vector": (
        "в файле «{path}» векторные плитки ({fmt}); для подложки нужны растровые (PNG, JPEG, "
        "WebP) или адрес стиля сервера карт региона"
    ),
    "maps.tiles.none": (
        "Подложка карты не настроена: карта рисуется по границам муниципалитетов и не обращается "
        "к интернету. Подложку задаёт администратор (SCHOOLNET_BASEMAP: сервер карт региона или "
        "файл .mbtiles / .pmtiles)."
    ),
    # --- the app's map ---
    "maps.tip.share": "{title}: {pct} ({num} из {den})",
    "maps.tip.click": "нажмите, чтобы отобрать муниципалитет",
    "maps.ui.measure": "Закрасить муниципалитеты по показателю",
    "maps.ui.scheme": "Классы",
    "maps.ui.scheme.quantiles": "по квантилям",
    "maps.ui.scheme.fixed": "по 20 %",
    "maps.ui.selected": "Отобран муниципалитет «{municipality}» (щелчок по карте).",
    "maps.ui.clear": "Показать все муниципалитеты",
    "maps.ui.without": "Без границы и потому не закрашены: {names}.",
    "maps.ui.download_png": "Скачать карту (PNG)",
    "maps.ui.download_pdf": "Скачать карту (PDF)",
    "maps.ui.multiples": "Все показатели рядом (малые карты)",
    "maps.ui.multiples_help": (
        "Одна маленькая карта на показатель, классы по 20 % одинаковы на всех."
    ),
    "maps.ui.values": "Значения показателя по муниципалитетам",
    "maps.col.value": "Доля",
    "maps.col.numerator": "Числитель",
    "maps.col.denominator": "Знаменатель",
    # --- command line ---
    "cli.map.done": "Карта записана: {out}",
    # --- travel times ---
    "maps.travel.minutes": (
        "время в пути «{value}» мин: ожидается число минут больше 0 и не больше суток (1440)"
    ),
    "loaders.col.travel_times.school_id": "Код первой школы",
    "loaders.col.travel_times.other_school_id": "Код второй школы",
    "loaders.col.travel_times.minutes": "Время в пути между ними, минут (в одну сторону)",
    "loaders.col.travel_times.mode": (
        "Как добираться: road — по дороге (автомобиль, школьный автобус), "
        "public_transport — общественным транспортом; пусто — по дороге"
    ),
    "analysis.pair.minutes": "в пути {minutes} мин {way}",
    "analysis.pair.straight": "{km} км по прямой (времени в пути нет)",
    "maps.travel.mode.road": "по дороге",
    "maps.travel.mode.public_transport": "общественным транспортом",
    "analysis.infeasible.time": "в пути {minutes} мин — дольше допустимых {max_minutes} мин",
    "analysis.setting.max_minutes": (
        "Наибольшее время в пути между школами пары, минут в одну сторону (где оно задано "
        "листом «Время в пути»; для остальных пар — расстояние по прямой)"
    ),
    "analysis.setting.travel_mode": (
        "Какое время в пути учитывать: road — по дороге, public_transport — общественным "
        "транспортом, fastest — меньшее из двух"
    ),
    "ui.col.travel_minutes": "Время в пути, мин",
    "ui.col.travel_mode": "Как добираться",
    "maps.no_data.programme": "нет данных",
    "maps.measure.programme": "Программа: {name}",
    "queries.title.travel_times": "Время в пути между школами",
}
