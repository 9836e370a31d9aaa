"""English messages of the analysis engine (same keys as :mod:`analysis_ru`)."""

MESSAGES: dict[str, str] = {
    "analysis.status.low": "low results",
    "analysis.status.strong": "strong",
    "analysis.status.resilient": "resilient (strong in unfavourable conditions)",
    "analysis.status.regular": "regular",
    "analysis.status.insufficient_data": "insufficient data",
    "analysis.reason.low": (
        "in {years} results below {share}% of schools in similar conditions "
        "(band {band} of {n_bands})"
    ),
    "analysis.reason.strong": (
        "in {years} results above {share}% of schools in similar conditions "
        "(band {band} of {n_bands}), never in the bottom {floor}%"
    ),
    "analysis.reason.resilient": (
        "in {years} results above {share}% of schools in similar conditions despite "
        "unfavourable conditions (band {band} of {n_bands}), never in the bottom {floor}%"
    ),
    "analysis.reason.regular": (
        "results usual for schools in similar conditions (band {band} of {n_bands}); "
        "share of the band below: {items}"
    ),
    "analysis.reason.no_index": "no social data for the school, so nothing to compare it with",
    "analysis.reason.no_results": "no assessment results for {window}",
    "analysis.reason.few_years": (
        "insufficient data: ranked in {ranked} of the last {window} years (at least {need} needed)"
    ),
    "analysis.reason.small_band": (
        "; in {years} band {band} of {n_bands} had fewer than {min_size} schools with results, "
        "no ranking"
    ),
    "analysis.reason.unfavourable": "unfavourable: {why}",
    "analysis.reason.unfavourable_band": "least favourable conditions (band {band} of {n_bands})",
    "analysis.reason.official_unfavourable": "on the official unfavourable list",
    "analysis.reason.official_low": "on the official low-results list",
    "analysis.reason.official_tutor": "on the official tutor list",
}
