"""English messages of data completeness, of the app's error boundary and of partial data."""

MESSAGES: dict[str, str] = {
    "queries.title.result_years": "Results by year",
    "queries.title.result_assessments": "Assessments",
    "completeness.sentence": "{gap}: {off} — {load}",
    "completeness.gap.no_schools": "No schools",
    "completeness.off.no_schools": "nothing is computed",
    "completeness.load.no_schools": "load the «schools» sheet (and «results»)",
    "completeness.gap.no_results": "No assessment results",
    "completeness.off.no_results": (
        "school statuses (low, strong, resilient), weak and strong subjects and trends are not "
        "computed; pairs come from the official lists only"
    ),
    "completeness.load.no_results": "load the «results» sheet",
    "completeness.gap.few_years": "Results for {n} year(s) only",
    "completeness.off.few_years": (
        "a status needs at least {need} years, so every school has insufficient data and "
        "pairs come from the official lists only"
    ),
    "completeness.load.few_years": "add earlier years to the «results» sheet",
    "completeness.gap.no_social": "No social indicators of schools",
    "completeness.off.no_social": (
        "schools are not grouped into context bands, so neither unfavourable schools nor "
        "low and strong statuses are found, and no pairs are planned"
    ),
    "completeness.load.no_social": (
        "fill in at least one indicator (e.g. share_low_income) or social_index in «schools»"
    ),
    "completeness.gap.partial_social": "{n} of {total} schools have no social indicators",
    "completeness.off.partial_social": ("those schools get no band, no status and no pair"),
    "completeness.load.partial_social": "fill in their indicators or index in «schools»",
    "completeness.gap.no_coordinates": "No school coordinates",
    "completeness.off.no_coordinates": (
        "the coverage map is empty and pair distances are unknown (flagged)"
    ),
    "completeness.load.no_coordinates": "fill in lat and lon in «schools»",
    "completeness.gap.partial_coordinates": "{n} of {total} schools have no coordinates",
    "completeness.off.partial_coordinates": (
        "those schools are not on the map and their distances are unknown"
    ),
    "completeness.load.partial_coordinates": "fill in their lat and lon in «schools»",
    "completeness.gap.no_teachers": "No teachers",
    "completeness.off.no_teachers": (
        "shares of low schools' teachers in associations and at events, teacher involvement "
        "in pairs and the curator's network are not computed"
    ),
    "completeness.load.no_teachers": "load the «teachers» sheet",
    "completeness.gap.no_curators": "No curators",
    "completeness.off.no_curators": (
        "the «My schools» page is empty; the share of low schools with a curator is not computed"
    ),
    "completeness.load.no_curators": "load the «curators» sheet",
    "completeness.gap.no_associations": "No associations or memberships",
    "completeness.off.no_associations": "the share of teachers in associations is not computed",
    "completeness.load.no_associations": "load the «associations» and «memberships» sheets",
    "completeness.gap.no_events": "No events",
    "completeness.off.no_events": (
        "pair activity is not assessed (every pair is not started); event coverage is not computed"
    ),
    "completeness.load.no_events": "load the «events» sheet",
    "completeness.gap.no_participation": "No event participation",
    "completeness.off.no_participation": (
        "only events linked to a pair count as joint; teacher shares at events are not computed"
    ),
    "completeness.load.no_participation": "load the «participation» sheet",
    "completeness.gap.no_partnerships": "No school pairs",
    "completeness.off.no_partnerships": (
        "there is no pair to follow and the share of low schools in a working pair is 0 "
        "(pairs can be planned and accepted in the pair planner)"
    ),
    "completeness.load.no_partnerships": (
        "load the «partnerships» sheet or accept pairs in the planner"
    ),
    "completeness.title": "Data completeness",
    "completeness.banner": (
        "Not all data is loaded, so some figures are not computed. See «Data completeness» "
        "at the bottom of the page."
    ),
    "completeness.all_loaded": "Every sheet is loaded; nothing missing switches anything off.",
    "completeness.col.sheet": "Sheet",
    "completeness.col.rows": "Rows",
    "completeness.col.gap": "Missing",
    "completeness.col.off": "Not computed",
    "completeness.col.load": "What to load",
    "completeness.col.assessment": "Assessment",
    "completeness.col.n_schools": "Schools with results",
    "completeness.col.n_rows": "Rows",
    "completeness.col.years": "Years",
    "completeness.not_loaded": "not loaded",
    "completeness.schools": "Schools: {n}",
    "completeness.with_coordinates": "With coordinates",
    "completeness.with_social": "With social indicators",
    "completeness.with_results": "With results for {year}",
    "completeness.years": "Years of results: {years}",
    "completeness.no_years": "No results",
    "completeness.assessments": "Assessments: {items}",
    "completeness.assessment_item": "{name} (schools: {n_schools}, years: {years})",
    "completeness.share": "{n} of {total} ({pct})",
    "completeness.missing": "What is missing",
    "cli.status.sheets": "Loaded sheets (rows):",
    "cli.status.gaps": "What is missing and what it switches off:",
    "cli.status.no_gaps": "Nothing missing switches anything off.",
    "analysis.reason.no_results_loaded": "no assessment results: load the «results» sheet",
    "errors.page": (
        "The page could not be shown: an internal error occurred. Incident code: {code}. "
        "Tell your administrator; the details are in the server log."
    ),
    "errors.store": "The data store is unavailable: {message}",
    "errors.demo_failure": "Error handling check: a deliberate page failure",
}
