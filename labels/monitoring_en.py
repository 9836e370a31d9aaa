"""English messages of programme monitoring: sheets, indicators, road map, report, estimate."""

MESSAGES: dict[str, str] = {
    # --- import: the monitoring sheets ----------------------------------------------------
    "loaders.ref.RoadmapItem": (
        "road-map item “{id}” is neither in the imported data nor in the database"
    ),
    "loaders.col.events.roadmap_item_id": "Code of the road-map item this event carries out",
    "loaders.col.staffing.school_id": "School code",
    "loaders.col.staffing.year": "School year (the year it ends: 2025 is 2024/25)",
    "loaders.col.staffing.positions": "Teaching positions in the staff schedule",
    "loaders.col.staffing.filled": "Of them filled",
    "loaders.col.staffing.vacancies": "Number of vacancies",
    "loaders.col.staffing.vacancy_subjects": "Subjects with vacancies",
    "loaders.col.staffing.psychologists": "Filled positions of school psychologist",
    "loaders.col.staffing.speech_therapists": "Filled positions of speech therapist",
    "loaders.col.staffing.defectologists": "Filled positions of special-needs teacher",
    "loaders.col.staffing.social_pedagogues": "Filled positions of social pedagogue",
    "loaders.col.targets.indicator": "Programme indicator",
    "loaders.col.targets.municipality": "Municipality; empty: the region's target",
    "loaders.col.targets.year": "School year (the year it ends)",
    "loaders.col.targets.value": "Target value (shares in percent, 0 to 100)",
    "loaders.col.roadmap.item_id": "Code (number) of the road-map item",
    "loaders.col.roadmap.activity": "Activity",
    "loaders.col.roadmap.section": "Section of the road map",
    "loaders.col.roadmap.deadline": "Deadline",
    "loaders.col.roadmap.periodicity": "Periodicity, when the activity repeats",
    "loaders.col.roadmap.responsible": "Responsible",
    "loaders.col.roadmap.expected_result": "Expected result",
    "loaders.col.roadmap.status": "Status as reported",
    "loaders.col.roadmap.municipality": "Municipality; empty: a regional activity",
    # --- indicators -----------------------------------------------------------------------
    "monitoring.indicator.trained_teachers": "Share of teachers of low schools trained",
    "monitoring.indicator.gia_pass_unfavourable": (
        "Share of pupils of unfavourable schools passing the state exams"
    ),
    "monitoring.indicator.low_improved": "Share of low schools that improved over the year",
    "monitoring.indicator.staffing_filled": "Staffing of low schools",
    "monitoring.indicator.specialists_present": "Share of low schools with every specialist",
    "monitoring.indicator.low_in_working_pair": "Share of low schools in a working pair",
    "monitoring.indicator.municipalities_engaged": (
        "Share of municipalities engaged in partnerships"
    ),
    "monitoring.indicator.exchange_events": "Seminars and webinars for exchange of practice",
    "monitoring.unit.percent": "%",
    "monitoring.unit.count": "events",
    "monitoring.missing.teachers": "load the teachers sheet",
    "monitoring.missing.participation": "load events of kind course and their participation",
    "monitoring.missing.gia": "no ОГЭ/ЕГЭ results with participants for unfavourable schools",
    "monitoring.missing.unfavourable": "no unfavourable schools: load the schools' social data",
    "monitoring.missing.low": "no low schools: load results of at least two years",
    "monitoring.missing.index": "no result index of low schools for this and last year",
    "monitoring.missing.staffing": "load the staffing sheet",
    "monitoring.missing.partnerships": "load partnerships and their events",
    "monitoring.missing.events": "load events",
    "monitoring.missing.year": "no data for school year {year}",
    # --- settings -------------------------------------------------------------------------
    "monitoring.setting.school_year_start_month": (
        "Month the school year starts. A school year is named by the year it ends: 2025 is "
        "2024/25 (1 September 2024 to 31 August 2025)."
    ),
    "monitoring.setting.training_event_kinds": "Event kinds that count as training.",
    "monitoring.setting.training_period_years": (
        "A teacher counts as trained after such an event within this many years before the "
        "end of the school year."
    ),
    "monitoring.setting.gia_assessments": "Assessments that count as state exams (ГИА).",
    "monitoring.setting.gia_success_metrics": (
        "What passing means, in order of preference: pass_rate, or 100 minus low_share; "
        "the first metric loaded for an exam is used, weighted by participants."
    ),
    "monitoring.setting.improvement_min_delta": (
        "A low school improved when its result index rose over the year by more than this."
    ),
    "monitoring.setting.required_specialists": "Specialists a school must have.",
    "monitoring.setting.exchange_event_kinds": (
        "Event kinds that count as seminars and webinars for exchange of practice."
    ),
    "monitoring.setting.engaged_target_share": (
        "Default target for the share of engaged municipalities, %, when none is loaded."
    ),
    "monitoring.setting.baseline_year": (
        "Baseline year of the indicators; empty: the first year an indicator has a value."
    ),
    "monitoring.setting.did_controls_per_school": (
        "Pair effect: similar unpaired low schools matched to each low school in a working pair."
    ),
    "monitoring.setting.did_caliper": (
        "Pair effect: largest gap of the result index in the year before the pair started "
        "for two schools to count as similar."
    ),
    "monitoring.setting.did_min_matched": (
        "Pair effect: with fewer matched low schools no estimate is given."
    ),
    "monitoring.setting.did_bootstrap": "Pair effect: bootstrap replicates of the interval.",
    "monitoring.setting.did_confidence": "Pair effect: confidence level of the interval.",
    "monitoring.setting.did_seed": "Pair effect: seed of the bootstrap generator.",
}
MESSAGES.update(
    {
        "monitoring.query.staffing": "Staffing of schools",
        "monitoring.query.targets": "Programme targets",
        "monitoring.query.roadmap": "Road map",
        "monitoring.query.roadmap_events": "Events by road-map item",
    }
)
MESSAGES.update(
    {
        "monitoring.period": "school year {start}/{end}, as of {as_of:%d.%m.%Y}",
        "monitoring.error.municipality": "Municipality “{name}” is not in the data",
        "monitoring.roadmap.done": "done",
        "monitoring.roadmap.in_progress": "in progress",
        "monitoring.roadmap.overdue": "overdue",
        "monitoring.roadmap.planned": "planned",
        "monitoring.roadmap.cancelled": "cancelled",
        "monitoring.conclusion.met": "Targets met: {items}.",
        "monitoring.conclusion.missed": ("Target of “{name}” missed: {value} against {target}."),
        "monitoring.conclusion.no_target": "{n} indicators have no target loaded.",
        "monitoring.conclusion.no_data": "“{name}” not computed: {note}.",
        "monitoring.conclusion.falling": "Fell since last school year: {items}.",
        "monitoring.conclusion.roadmap": (
            "Road map: {done} of {total} activities done, {overdue} overdue."
        ),
        "monitoring.conclusion.idle": (
            "{n} pairs are not working (no joint event in 90 days): curators should help."
        ),
        "monitoring.conclusion.alone": "{n} low schools have no pair yet: plan pairs for them.",
        "monitoring.effect.no_pairs": (
            "The effect of pairs cannot be estimated: no low school in a working pair has "
            "results from the year before its pair and after."
        ),
        "monitoring.effect.too_few": (
            "No estimate of the effect of pairs: similar unpaired low schools were found for "
            "only {n} of {treated} low schools in working pairs, too few for an honest estimate."
        ),
        "monitoring.effect.positive": (
            "Low schools in working pairs improved their result index by {estimate} more "
            "than similar low schools without a pair ({level} interval {low} to "
            "{high}; {n} schools matched with {controls} similar ones)."
        ),
        "monitoring.effect.negative": (
            "Low schools in working pairs changed their result index by {estimate} "
            "relative to similar unpaired ones ({level} interval {low} to {high}; "
            "{n} schools matched with {controls} similar ones)."
        ),
        "monitoring.effect.unclear": (
            "The difference between low schools in working pairs and similar unpaired ones is "
            "{estimate}, not distinguishable from zero ({level} interval {low} to "
            "{high}; {n} schools matched with {controls} similar ones)."
        ),
        "monitoring.effect.placebo_ok": (
            "The check on the years before the pairs finds no difference ({estimate}, "
            "{low} to {high}): the schools moved alike before."
        ),
        "monitoring.effect.placebo_bad": (
            "Caution: the schools already drifted apart before the pairs ({estimate}, "
            "{low} to {high}), so the difference cannot be credited to the pairs."
        ),
        "monitoring.effect.caveat": (
            "Schools of one band with the same index in the year before the pair are compared, "
            "so the usual drift of weak schools back to the mean is not taken for an effect. "
            "What the data do not hold (a new director, a school that wanted a pair) is not "
            "accounted for: this is an association, not a proven cause."
        ),
    }
)
MESSAGES.update(
    {
        "monitoring.met.yes": "yes",
        "monitoring.met.no": "no",
        "monitoring.col.name": "Indicator",
        "monitoring.col.year": "School year",
        "monitoring.col.value": "Value",
        "monitoring.col.fraction": "Numerator / denominator",
        "monitoring.col.baseline": "Baseline (year)",
        "monitoring.col.trend": "Trend",
        "monitoring.col.target": "Target",
        "monitoring.col.met": "Target met",
        "monitoring.col.note": "Note",
        "monitoring.col.item": "No.",
        "monitoring.col.activity": "Activity",
        "monitoring.col.deadline": "Deadline",
        "monitoring.col.responsible": "Responsible",
        "monitoring.col.events": "Events held",
        "monitoring.col.state": "Execution",
        "monitoring.col.tutor": "Tutor school",
        "monitoring.col.mentee": "Low school",
        "monitoring.col.municipality": "Municipality",
        "monitoring.col.activity_state": "Pair state",
        "monitoring.col.last_event": "Last joint event",
        "monitoring.col.school_id": "School code",
        "monitoring.col.school": "School",
        "monitoring.scope.region": "the whole region",
        "monitoring.report.title": "Monitoring of the low-school support programme",
        "monitoring.report.scope": "Territory: {scope}",
        "monitoring.report.period": "Period: {period}",
        "monitoring.report.indicators": "1. Programme indicators against their targets",
        "monitoring.report.charts": "2. Indicator trends",
        "monitoring.report.roadmap": "3. Road-map execution",
        "monitoring.report.no_roadmap": "No road map loaded (the roadmap sheet).",
        "monitoring.report.idle": "4. Pairs that do not work",
        "monitoring.report.alone": "5. Low schools without a pair",
        "monitoring.report.none": "None.",
        "monitoring.report.effect": "6. What pairs achieve",
        "monitoring.report.conclusions": "7. Conclusions",
        "monitoring.sheet.indicators": "Indicators",
        "monitoring.sheet.roadmap": "Road map",
        "monitoring.sheet.idle_pairs": "Idle pairs",
        "monitoring.sheet.alone": "Low schools alone",
        "monitoring.sheet.conclusions": "Conclusions",
    }
)
MESSAGES.update(
    {
        "cli.report.format": "The report is written as .docx or .xlsx, not “{out}”",
        "cli.report.done": "Monitoring report ({period}) written to {out}",
    }
)
MESSAGES.update(
    {
        "monitoring.page.title": "Programme monitoring",
        "monitoring.page.as_of": "As of",
        "monitoring.page.download_docx": "Download the report (Word)",
        "monitoring.page.download_xlsx": "Download the report (Excel)",
    }
)
MESSAGES.update(
    {
        "monitoring.partial_year": "the school year is not over: value as of the report date",
    }
)
