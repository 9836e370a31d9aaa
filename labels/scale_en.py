"""English messages of the app at country scale: long tables, maps of many schools."""

MESSAGES: dict[str, str] = {
    "scale.table.page": "Page (of {pages})",
    "scale.table.note": (
        "Rows {first}–{last} of {n} are shown. Narrow the filters to shorten the list, or "
        "download the whole table."
    ),
    "scale.table.download": "Download the whole table ({n} rows, CSV)",
    "scale.card.from_page": "The card opens for the schools of the page shown.",
    "scale.map.aggregated": (
        "{n} schools on the map: more than {limit}, so they are drawn as one circle per "
        "municipality (size: number of schools; colour: share of low-result schools without "
        "a partner). Choose a municipality or click a circle to see its schools."
    ),
    "scale.map.tip_schools": "Schools: {n}, low-result: {low}, without a partner: {alone}",
    "scale.map.share_none": "No low-result school without a partner",
    "scale.map.share_some": "Low-result without a partner: up to a third",
    "scale.map.share_many": "Low-result without a partner: more than a third",
}
