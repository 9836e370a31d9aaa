"""Messages of codes returned below the services (issue 9), English."""

MESSAGES: dict[str, str] = {
    "analysis.reason.year_share": "{year}: {percent}",
    "cli.description": (
        "schoolnet: low-results and unfavourable-conditions schools, school pairs, exchange of "
        "practice and coverage."
    ),
    "loaders.help.bool_note": "yes/no",
    "services.demo.unknown_size": "unknown demo size: {size} (allowed: {sizes})",
    "model.percent_range": "a percentage must be from 0 to 100",
    "model.blank_id": "an identifier cannot be blank",
    "model.unknown_edge_type": "unknown edge type: {type}",
    "model.edge_ends": "an edge {type} cannot go from {src} to {dst}",
}
