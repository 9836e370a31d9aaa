"""English messages of the analysis engine (same keys as :mod:`analysis_ru`)."""

MESSAGES: dict[str, str] = {
    "analysis.reason.low": (
        "in {years} results below {share} of schools in similar conditions "
        "(band {band} of {n_bands})"
    ),
    "analysis.reason.strong": (
        "in {years} results above {share} of schools in similar conditions "
        "(band {band} of {n_bands}), never in the bottom {floor}"
    ),
    "analysis.reason.resilient": (
        "in {years} results above {share} of schools in similar conditions despite "
        "unfavourable conditions (band {band} of {n_bands}), never in the bottom {floor}"
    ),
    "analysis.reason.regular": (
        "results usual for schools in similar conditions (band {band} of {n_bands}); "
        "share of the band below: {year_shares}"
    ),
    "analysis.reason.no_index": "no social data for the school, so nothing to compare it with",
    "analysis.reason.no_results": "no assessment results for {window}",
    "analysis.reason.few_years": (
        "insufficient data: ranked in {ranked} of the last {n_window} years "
        "(at least {need} needed)"
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


MESSAGES.update(
    {
        "analysis.infeasible.same": "the same school",
        "analysis.infeasible.excluded": "rejected by the coordinator",
        "analysis.infeasible.no_band": "a school has no social data, its band is unknown",
        "analysis.infeasible.band": "bands {bm} and {bt} differ by more than {gap}",
        "analysis.infeasible.distance": "{km} km, beyond the allowed {max_km} km",
        "analysis.infeasible.municipality": (
            "different municipalities while cross-municipality pairs are off"
        ),
        "analysis.infeasible.full": "the tutor has no place left ({used} of {capacity} taken)",
        "analysis.infeasible.not_tutor": "not strong and not on the tutor list (status: {status})",
        "analysis.infeasible.not_mentee": "not a low-results school",
        "analysis.infeasible.taken": "the mentee already has a pair",
        "analysis.infeasible.unknown_school": "no school with this id",
        "analysis.infeasible.over_capacity": (
            "the tutor is given more mentees than places ({spare})"
        ),
        "analysis.infeasible.twice": "the mentee is given more than once",
        "analysis.pair.social": "similar conditions: indexes {im} and {it} (bands {bm} and {bt})",
        "analysis.pair.distance": "{km} km",
        "analysis.pair.coords_unknown": "coordinates unknown, distance not checked",
        "analysis.pair.subjects": (
            "the mentee's weak subjects the tutor is strong in: {subjects} ({n} of {total})"
        ),
        "analysis.pair.no_subjects": (
            "the mentee's weak subjects ({subjects}) are not the tutor's strong ones"
        ),
        "analysis.pair.no_weak": "no particular weak subjects found at the mentee",
        "analysis.pair.level": "levels differ: mentee {lm}, tutor {lt}",
        "analysis.pair.tutor_strong": "the tutor is strong by results",
        "analysis.pair.tutor_resilient": (
            "the tutor is resilient: strong in unfavourable conditions"
        ),
        "analysis.pair.tutor_official": "the tutor is on the official tutor list",
        "analysis.unpaired.no_index": "no social data, so no school in similar conditions",
        "analysis.unpaired.all_taken": (
            "all suitable tutors within {km} km ({n}) are taken by other pairs of the plan"
        ),
        "analysis.unpaired.full": "suitable tutors within the radius ({n}) are full",
        "analysis.unpaired.excluded": (
            "suitable tutors within the radius ({n}) were rejected by the coordinator"
        ),
        "analysis.unpaired.municipality": (
            "no suitable tutor in the municipality while cross-municipality pairs are off"
        ),
        "analysis.unpaired.none_near": "no tutors of bands {bands} within {km} km",
        "analysis.hint.capacity": (
            "raise the capacity of «{name}» ({km} km) from {capacity} to {more}"
        ),
        "analysis.hint.wider": (
            "the nearest suitable tutor is «{name}», {km} km away: a radius of {radius} km "
            "would pair them"
        ),
        "analysis.hint.online": "an online pair with «{name}» ({km} km, index gap {index_gap})",
        "analysis.hint.next_band": ("allowing bands {gap} apart: «{name}» (band {band}, {km} km)"),
        "analysis.hint.none": "no free tutors in suitable bands",
        "analysis.activity.label.active": "active",
        "analysis.activity.label.dormant": "dormant",
        "analysis.activity.label.not_started": "not started",
        "analysis.activity.active": (
            "last joint event {date} ({days} days ago, within {window_days})"
        ),
        "analysis.activity.dormant": (
            "last joint event {date}, {days} days ago, more than {window_days} days"
        ),
        "analysis.activity.not_started": "no joint event since the start",
    }
)

# Setting descriptions: the same text as AnalysisSettings' field descriptions (a test
# keeps them equal).
MESSAGES.update(
    {
        "analysis.setting.window_years": (
            "How many of the latest years that have results decide a school's status."
        ),
        "analysis.setting.min_ranked_years": (
            "Years of the window in which a school must be ranked to get a status (fewer: "
            "insufficient data); also how many low (strong) years make a school low (strong)."
        ),
        "analysis.setting.low_percentile": (
            "A year is low when the school's within-band percentile is at or below this (0.10: "
            "below 90% of schools in similar conditions). Also the weak-subject threshold."
        ),
        "analysis.setting.strong_percentile": (
            "A year is strong when the within-band percentile is at or above this. Also the "
            "strong-subject threshold."
        ),
        "analysis.setting.never_below_percentile": (
            "A strong school is never at or below this percentile in the window."
        ),
        "analysis.setting.min_band_year_size": (
            "A band-year (a subject-band-year for subjects) with fewer schools that have results "
            "ranks nobody."
        ),
        "analysis.setting.max_bands": "Most context bands (clusters).",
        "analysis.setting.schools_per_band": (
            "Bands = min(max_bands, floor(schools with an index / this)), at least one (35 "
            "schools: 3 bands)."
        ),
        "analysis.setting.resilient_bands": (
            "Bands in which a strong school is reported as resilient."
        ),
        "analysis.setting.unfavourable_bands": (
            "Bands whose schools are flagged unfavourable (in unfavourable social conditions); "
            "band 1 is least favourable."
        ),
        "analysis.setting.unfavourable_min_bands": (
            "Flag unfavourable by band only when there are at least this many bands (1, the "
            "method's default, flags every school when there is a single band); the official list"
            " always counts."
        ),
        "analysis.setting.default_tutor_capacity": (
            "Partners a tutor school accepts when its tutor_capacity is not given."
        ),
        "analysis.setting.capacity_override": (
            "When set, every tutor's capacity (the CLI's --capacity), overriding the data."
        ),
        "analysis.setting.max_km": (
            "Longest great-circle distance within a pair, km. Schools without coordinates are "
            "feasible but flagged."
        ),
        "analysis.setting.max_band_gap": (
            "How many bands apart the two schools of a pair may be (0: same band only)."
        ),
        "analysis.setting.weight_social_gap": (
            "Cost per unit of difference between the two social context indexes."
        ),
        "analysis.setting.weight_distance": (
            "Cost per 100 km of distance (unknown coordinates cost as much as max_km)."
        ),
        "analysis.setting.weight_subject_misfit": (
            "Cost times the share of the mentee's weak subjects that are not the tutor's strong "
            "subjects (0: all covered, 1: none)."
        ),
        "analysis.setting.weight_level_mismatch": (
            "Cost added when the tutor's level does not cover the mentee's (a secondary school "
            "covers primary, basic and secondary ones)."
        ),
        "analysis.setting.candidates_per_mentee": (
            "When set, only this many cheapest feasible candidates per mentee enter the solver; "
            "the plan is then exact among those only. Empty (default): every feasible candidate "
            "within the radius, so the plan is exact."
        ),
        "analysis.setting.cross_municipality": (
            "Whether a pair may join schools of two municipalities."
        ),
        "analysis.setting.municipalities": (
            "Plan pairs for mentees of these municipalities only (empty: the whole region); "
            "tutors may come from elsewhere when cross_municipality is on."
        ),
        "analysis.setting.include_official_low": (
            "Schools on the official low-results list are mentees even if not computed low."
        ),
        "analysis.setting.include_official_tutors": (
            "Schools on the official tutor list are tutors even if not computed strong."
        ),
        "analysis.setting.occupying_statuses": (
            "Statuses of existing partnerships that take their mentee out of planning and use one"
            " place of their tutor."
        ),
        "analysis.setting.cost_scale": (
            "Technical: costs are multiplied by this and rounded to integers for the exact solver"
            " (cost resolution 1/cost_scale)."
        ),
        "analysis.setting.activity_window_days": (
            "A partnership is active when its last joint event is at most this many days before "
            "the as-of date; dormant when earlier."
        ),
        "analysis.setting.coverage_window_days": (
            "Period of teacher event attendance counted in coverage, days."
        ),
    }
)

MESSAGES.update(
    {
        "analysis.list.more": "{items} and {n} more",
        "analysis.hint.fill_index": (
            "fill in the school's social indicators (low-income share, parents with higher "
            "education, …) or its index"
        ),
    }
)
