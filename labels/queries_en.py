"""Titles of the named queries and errors of calling them (English)."""

MESSAGES: dict[str, str] = {
    "queries.title.schools": "Schools",
    "queries.title.results": "Assessment results",
    "queries.title.teachers": "Teachers",
    "queries.title.curatorships": "Curatorships",
    "queries.title.curators": "Curators",
    "queries.title.associations": "Methodological associations",
    "queries.title.memberships": "Association memberships",
    "queries.title.events": "Events",
    "queries.title.participation": "Event participation",
    "queries.title.partnerships": "School pairs",
    "queries.title.exclusions": "Excluded pairs",
    "queries.title.municipalities": "Municipalities",
    "queries.title.boundaries": "Municipality boundaries",
    "queries.title.node_counts": "Data volume",
    "queries.title.school_events": "School events",
    "queries.error.unknown": "unknown query: {name}",
    "queries.error.unknown_params": "query {name}: unknown parameters {params}",
}
