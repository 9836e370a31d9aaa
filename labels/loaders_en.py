"""English messages of the loaders: import problems, reports, template help."""

MESSAGES: dict[str, str] = {
    "loaders.loc.sheet": "sheet “{sheet}”",
    "loaders.loc.row": "row {row}",
    "loaders.loc.column": "column “{column}”",
    "loaders.loc.other_row": "row {row}",
    "loaders.loc.other_file_row": "{file}, row {row}",
    "loaders.more_issues": "… and {n} more",
    "loaders.file.not_found": "file or folder not found",
    "loaders.file.unreadable": "cannot read the file: {error}",
    "loaders.file.unknown_name": (
        "cannot tell what the file holds: name it after a sheet ({sheets}) or its Russian "
        "name ({aliases})"
    ),
    "loaders.file.unsupported": "unsupported file type: upload CSV (UTF-8) or Excel (.xlsx)",
    "loaders.file.xls": "the old Excel format (.xls) is not supported: save the book as .xlsx",
    "loaders.file.empty": "the file is empty: not even a header row",
    "loaders.file.encoding": (
        "the file is not UTF-8 (probably Windows-1251). Save it from Excel as “CSV UTF-8 "
        "(Comma delimited)” or as an Excel workbook (.xlsx) and upload it again"
    ),
    "loaders.file.bad_csv": "cannot parse the CSV: {error}",
    "loaders.file.bad_xlsx": "cannot open the workbook: it is damaged or not .xlsx ({error})",
    "loaders.file.no_sheets": "the workbook has no sheet to import",
    "loaders.sheet.unknown": (
        "unknown sheet: name it after a sheet ({sheets}) or its Russian name ({aliases}); "
        "a “Справка” sheet is skipped"
    ),
    "loaders.sheet.empty": "the sheet is empty: not even a header row",
    "loaders.row.too_many_cells": (
        "the row has more values ({cells}) than the header has columns ({headers}): a value "
        "containing the delimiter is probably not quoted"
    ),
    "loaders.header.missing": "required column “{column}” is missing (Russian name: {aliases})",
    "loaders.header.duplicate": "column “{column}” appears twice: “{first}” and “{second}”",
    "loaders.header.unknown": "unknown column, skipped",
    "loaders.header.blank": "a column with data has no header: skipped",
    "loaders.value.required": "required value is empty",
    "loaders.value.not_number": "a number is expected, got “{value}”",
    "loaders.value.not_integer": "a whole number is expected, got “{value}”",
    "loaders.value.percent": "a percentage must be from 0 to 100, got “{value}”",
    "loaders.value.date": (
        "invalid date “{value}”: expected DD.MM.YYYY or YYYY-MM-DD, and the day must exist"
    ),
    "loaders.value.bool": "yes or no expected (also true/false, 1/0), got “{value}”",
    "loaders.value.enum": "value “{value}” is not allowed; allowed: {allowed}",
    "loaders.value.min": "the value must be at least {limit}, got “{value}”",
    "loaders.value.max": "the value must be at most {limit}, got “{value}”",
    "loaders.value.invalid": "invalid value “{value}”",
    "loaders.value.result_percent": (
        "for metric “{metric}” the value is a percentage from 0 to 100, got “{value}”"
    ),
    "loaders.value.negative": "the value cannot be negative, got “{value}”",
    "loaders.row.duplicate_id": "id “{id}” is repeated: it is already in {where}",
    "loaders.row.duplicate_key": "the same row ({key}) is already in {where}",
    "loaders.ref.School": "school “{id}” is neither in the imported data nor in the database",
    "loaders.ref.Teacher": "teacher “{id}” is neither in the imported data nor in the database",
    "loaders.ref.Event": "event “{id}” is neither in the imported data nor in the database",
    "loaders.ref.Association": (
        "association “{id}” is neither in the imported data nor in the database"
    ),
    "loaders.ref.Partnership": (
        "partnership “{id}” is neither in the imported data nor in the database"
    ),
    "loaders.ref.organizer": (
        "organizer “{id}” not found: give the id of a school or an association"
    ),
    "loaders.ref.organizer_ambiguous": (
        "organizer “{id}” is ambiguous: both a school and an association have this id"
    ),
    "loaders.row.same_school": "the tutor and the mentee school are the same (“{id}”)",
    "loaders.row.same_teacher": "a teacher cannot mentor themselves (“{id}”)",
    "loaders.row.dates_order": "the end date ({end}) is before the start date ({start})",
    "loaders.row.region_conflict": (
        "municipality “{municipality}” is already in region “{other}” in {where}"
    ),
    "loaders.failed": (
        "Import failed: {n} problem(s) found. Nothing was written. Fix the files and upload "
        "them again."
    ),
    "loaders.nothing": "Nothing to import: the files have no data rows.",
    "loaders.report.head": "Import done: {rows} rows read.",
    "loaders.report.sheet": (
        "{sheet}: {rows} rows; added {added}, changed {changed}, unchanged {unchanged}"
    ),
    "loaders.report.removed": "Outdated links removed: {n}.",
    "loaders.report.noop": "The data is already in the database: nothing changed.",
    "loaders.report.warnings": "Warnings ({n}):",
    "loaders.export.too_long": (
        "value “{value}…” (sheet {sheet}) is {n} characters long, more than an Excel cell holds "
        "(32,767); export to JSON or CSV instead"
    ),
    "loaders.export.bad_char": (
        "value {value} (sheet {sheet}) holds a control character Excel cannot store; "
        "export to JSON or CSV instead"
    ),
    "loaders.help.sheet": "Sheet",
    "loaders.help.sheet_ru": "Russian sheet name",
    "loaders.help.column": "Column",
    "loaders.help.aliases": "Russian headers",
    "loaders.help.type": "Type",
    "loaders.help.required": "Required",
    "loaders.help.allowed": "Allowed values",
    "loaders.help.description": "Meaning",
    "loaders.help.note_lists": "Separate several values in one cell with “;”.",
    "loaders.help.note_dates": (
        "Dates are DD.MM.YYYY or YYYY-MM-DD; numbers may use a decimal comma (12,5); "
        "percentages are 0–100."
    ),
    "loaders.help.note_all": (
        "The import is all or nothing: if any row has a problem nothing is written and every "
        "problem is listed with its file, row and column. Re-importing the same files changes "
        "nothing."
    ),
    "loaders.type.str": "text",
    "loaders.type.int": "whole number",
    "loaders.type.float": "number",
    "loaders.type.percent": "percentage (0–100)",
    "loaders.type.bool": "yes/no",
    "loaders.type.date": "date",
    "loaders.type.list": "list separated by “;”",
    "loaders.type.enum": "value from a list",
    "loaders.col.schools.school_id": "School code, unique in the region",
    "loaders.col.schools.name": "School name",
    "loaders.col.schools.municipality": "Municipal district or city",
    "loaders.col.schools.region": "Region",
    "loaders.col.schools.settlement_type": "Kind of settlement",
    "loaders.col.schools.level": "Level of education (kind of school)",
    "loaders.col.schools.lat": "Latitude in degrees",
    "loaders.col.schools.lon": "Longitude in degrees",
    "loaders.col.schools.students": "Number of pupils",
    "loaders.col.schools.teachers": "Number of teachers",
    "loaders.col.schools.share_low_income": "Share of pupils from low-income families, %",
    "loaders.col.schools.share_parents_higher_ed": "Share of parents with higher education, %",
    "loaders.col.schools.share_special_needs": "Share of pupils with special needs, %",
    "loaders.col.schools.share_non_native": "Share of pupils for whom Russian is not native, %",
    "loaders.col.schools.share_single_parent": "Share of pupils from single-parent families, %",
    "loaders.col.schools.social_index": "Social context index, if already computed",
    "loaders.col.schools.official_low_results": "On the region's official low-results list",
    "loaders.col.schools.official_unfavourable": (
        "On the region's official unfavourable-conditions list"
    ),
    "loaders.col.schools.official_tutor": "On the official list of tutor schools",
    "loaders.col.schools.tutor_capacity": "How many partners a tutor school accepts (default 2)",
    "loaders.col.results.school_id": "School code from the schools sheet",
    "loaders.col.results.year": "Year, e.g. 2024",
    "loaders.col.results.assessment": "Assessment: ВПР, ОГЭ, ЕГЭ or other",
    "loaders.col.results.subject": "Subject",
    "loaders.col.results.grade": "Grade (1–11)",
    "loaders.col.results.metric": "Which figure “value” holds",
    "loaders.col.results.value": "The figure; shares as percentages (0–100)",
    "loaders.col.results.participants": "Number of participants",
    "loaders.col.teachers.teacher_id": "Teacher code, unique in the region",
    "loaders.col.teachers.full_name": "Full name",
    "loaders.col.teachers.school_id": "Code of the teacher's school",
    "loaders.col.teachers.subjects": "Subjects taught",
    "loaders.col.teachers.category": "Qualification category",
    "loaders.col.teachers.experience_years": "Teaching experience, years",
    "loaders.col.teachers.deficits": "Professional deficits",
    "loaders.col.curators.curator_id": "Curator code",
    "loaders.col.curators.full_name": "Full name",
    "loaders.col.curators.organisation": "Organisation",
    "loaders.col.curators.schools": "Codes of the schools curated",
    "loaders.col.curators.since": "Date the curator took these schools",
    "loaders.col.associations.association_id": "Association code",
    "loaders.col.associations.name": "Association name",
    "loaders.col.associations.kind": "Kind: РМО, ГПО, network community, young teachers' club…",
    "loaders.col.associations.subject": "Subject (for subject associations)",
    "loaders.col.associations.municipality": "Municipality",
    "loaders.col.memberships.teacher_id": "Teacher code",
    "loaders.col.memberships.association_id": "Code of the association joined",
    "loaders.col.events.event_id": "Event code",
    "loaders.col.events.title": "Title or topic",
    "loaders.col.events.kind": "Kind of event",
    "loaders.col.events.date": "Date",
    "loaders.col.events.subject": "Subject",
    "loaders.col.events.format": "Online or offline",
    "loaders.col.events.organizer_id": "Code of the organizing school or association",
    "loaders.col.events.municipality": "Municipality",
    "loaders.col.events.partnership_id": "Code of the partnership the event was held for",
    "loaders.col.participation.event_id": "Event code",
    "loaders.col.participation.teacher_id": "Teacher code",
    "loaders.col.participation.role": "Teacher's role (default participant)",
    "loaders.col.partnerships.partnership_id": "Pair code; empty → P-<tutor>-<mentee>",
    "loaders.col.partnerships.tutor_school_id": "Tutor school code",
    "loaders.col.partnerships.mentee_school_id": "Mentee school code",
    "loaders.col.partnerships.status": "Status (default proposed)",
    "loaders.col.partnerships.start_date": "Start date",
    "loaders.col.partnerships.end_date": "End date",
    "loaders.col.partnerships.focus_subjects": "Subjects the pair works on",
    "loaders.col.mentoring.mentor_id": "Mentor teacher code",
    "loaders.col.mentoring.mentee_id": "Mentee teacher code",
    "loaders.col.mentoring.since": "Start date",
    "loaders.col.excluded_pairs.tutor_school_id": "Tutor school code",
    "loaders.col.excluded_pairs.mentee_school_id": "Code of the school the pair does not suit",
    "loaders.col.excluded_pairs.reason": "Why the pair was rejected",
    "loaders.col.excluded_pairs.date": "When the pair was rejected",
}
