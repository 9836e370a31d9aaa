"""Every validation rule, each with a broken copy of the sample files."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from loaders.cells import parse_date, parse_int, parse_number, parse_percent, split_list
from loaders.importer import ImportFailed, import_paths, validate_paths
from loaders.issues import ImportIssue
from tests.loaders.sample import ENGLISH, Table, csv_text, write_english

Tables = dict[str, Table]


def set_cell(sheet: str, index: int, column: str, value: str) -> Callable[[Tables], None]:
    def change(tables: Tables) -> None:
        tables[sheet][index][column] = value

    return change


def add_row(sheet: str, row: dict[str, str]) -> Callable[[Tables], None]:
    def change(tables: Tables) -> None:
        tables[sheet].append(dict(row))

    return change


def both(*changes: Callable[[Tables], None]) -> Callable[[Tables], None]:
    def change(tables: Tables) -> None:
        for c in changes:
            c(tables)

    return change


# (rule, change, file, row, column, a fragment of the message)
CASES = [
    ("duplicate id", set_cell("schools", 2, "school_id", "101"),
     "schools.csv", 4, "school_id", "повторяется код «101»: он уже есть в строке 2"),
    ("unknown school in results", set_cell("results", 0, "school_id", "999"),
     "results.csv", 2, "school_id", "школа с кодом «999» не найдена"),
    ("unknown school in teachers", set_cell("teachers", 3, "school_id", "999"),
     "teachers.csv", 5, "school_id", "школа с кодом «999» не найдена"),
    ("unknown tutor school", set_cell("partnerships", 0, "tutor_school_id", "999"),
     "partnerships.csv", 2, "tutor_school_id", "школа с кодом «999»"),
    ("unknown mentee school", set_cell("partnerships", 1, "mentee_school_id", "998"),
     "partnerships.csv", 3, "mentee_school_id", "школа с кодом «998»"),
    ("unknown curated school", set_cell("curators", 0, "schools", "102; 999"),
     "curators.csv", 2, "schools", "школа с кодом «999»"),
    ("unknown teacher in participation", set_cell("participation", 2, "teacher_id", "T9"),
     "participation.csv", 4, "teacher_id", "педагог с кодом «T9» не найден"),
    ("unknown event in participation", set_cell("participation", 0, "event_id", "E9"),
     "participation.csv", 2, "event_id", "мероприятие с кодом «E9» не найдено"),
    ("unknown teacher in memberships", set_cell("memberships", 0, "teacher_id", "T9"),
     "memberships.csv", 2, "teacher_id", "педагог с кодом «T9»"),
    ("unknown association", set_cell("memberships", 1, "association_id", "A9"),
     "memberships.csv", 3, "association_id", "объединение с кодом «A9»"),
    ("unknown organizer", set_cell("events", 1, "organizer_id", "X1"),
     "events.csv", 3, "organizer_id", "организатор «X1» не найден"),
    ("ambiguous organizer",
     both(set_cell("events", 1, "organizer_id", "102"),
          add_row("associations", {"association_id": "102", "name": "ГПО"})),
     "events.csv", 3, "organizer_id", "такой код есть и у школы, и у объединения"),
    ("unknown partnership in events", set_cell("events", 0, "partnership_id", "P9"),
     "events.csv", 2, "partnership_id", "сетевая пара с кодом «P9»"),
    ("unknown teacher in mentoring", set_cell("mentoring", 0, "mentee_id", "T9"),
     "mentoring.csv", 2, "mentee_id", "педагог с кодом «T9»"),
    ("unknown school in excluded pairs", set_cell("excluded_pairs", 0, "tutor_school_id", "9"),
     "excluded_pairs.csv", 2, "tutor_school_id", "школа с кодом «9»"),
    ("percentage 140", set_cell("schools", 0, "share_low_income", "140"),
     "schools.csv", 2, "share_low_income", "процент должен быть от 0 до 100, а указано «140»"),
    ("negative percentage", set_cell("schools", 1, "share_low_income", "-3"),
     "schools.csv", 3, "share_low_income", "от 0 до 100"),
    ("text in a number column", set_cell("schools", 1, "students", "много"),
     "schools.csv", 3, "students", "ожидается число, а указано «много»"),
    ("text in a float column", set_cell("schools", 0, "lat", "51°48′"),
     "schools.csv", 2, "lat", "ожидается число"),
    ("text in a percent column", set_cell("schools", 0, "share_non_native", "мало"),
     "schools.csv", 2, "share_non_native", "ожидается число, а указано «мало»"),
    ("fraction in an integer column", set_cell("teachers", 0, "experience_years", "2,5"),
     "teachers.csv", 2, "experience_years", "ожидается целое число, а указано «2,5»"),
    ("impossible date", set_cell("events", 0, "date", "31.02.2024"),
     "events.csv", 2, "date", "недопустимая дата «31.02.2024»"),
    ("impossible ISO date", set_cell("events", 1, "date", "2024-13-01"),
     "events.csv", 3, "date", "недопустимая дата «2024-13-01»"),
    ("date in words", set_cell("partnerships", 0, "start_date", "сентябрь 2024"),
     "partnerships.csv", 2, "start_date", "ДД.ММ.ГГГГ"),
    ("value not allowed", set_cell("schools", 0, "settlement_type", "мегаполис"),
     "schools.csv", 2, "settlement_type",
     "недопустимое значение «мегаполис»; допустимы: city (город), town (посёлок), village (село)"),
    ("event kind not allowed", set_cell("events", 2, "kind", "пикник"),
     "events.csv", 4, "kind", "допустимы: seminar (семинар), master_class (мастер-класс)"),
    ("role not allowed", set_cell("participation", 0, "role", "зритель"),
     "participation.csv", 2, "role", "допустимы: participant (участник)"),
    ("metric not allowed", set_cell("results", 0, "metric", "медиана"),
     "results.csv", 2, "metric", "mean_score (средний балл)"),
    ("status not allowed", set_cell("partnerships", 0, "status", "в процессе"),
     "partnerships.csv", 2, "status", "active (действует)"),
    ("bad boolean", set_cell("schools", 1, "official_low_results", "может быть"),
     "schools.csv", 3, "official_low_results", "ожидается «да» или «нет»"),
    ("required value empty", set_cell("teachers", 2, "full_name", ""),
     "teachers.csv", 4, "full_name", "обязательное значение не заполнено"),
    ("required value blank", set_cell("events", 1, "date", "   "),
     "events.csv", 3, "date", "обязательное значение не заполнено"),
    ("required id empty", set_cell("schools", 1, "school_id", ""),
     "schools.csv", 3, "school_id", "обязательное значение не заполнено"),
    ("duplicate membership",
     add_row("memberships", {"teacher_id": "T1", "association_id": "A1"}),
     "memberships.csv", 5, None, "такая строка (T1, A1) уже есть в строке 2"),
    ("duplicate participation",
     add_row("participation", {"event_id": "E1", "teacher_id": "T2", "role": "speaker"}),
     "participation.csv", 5, None, "уже есть в строке 3"),
    ("duplicate result", add_row("results", {**ENGLISH["results"][0], "value": "4.5"}),
     "results.csv", 7, None, "такая строка (101, 2023, ОГЭ, Математика, 9, mean_score)"),
    ("duplicate result by case of the assessment",
     add_row("results", {**ENGLISH["results"][0], "assessment": "огэ"}),
     "results.csv", 7, None, "уже есть в строке 2"),
    ("duplicate generated partnership id",
     add_row("partnerships", {"tutor_school_id": "101", "mentee_school_id": "103"}),
     "partnerships.csv", 4, "partnership_id", "код «P-101-103»: он уже есть в строке 3"),
    ("share metric over 100", set_cell("results", 3, "value", "140"),
     "results.csv", 5, "value", "для показателя «pass_rate» значение — процент от 0 до 100"),
    ("negative mean score", set_cell("results", 0, "value", "-1"),
     "results.csv", 2, "value", "не может быть отрицательным"),
    ("latitude out of range", set_cell("schools", 0, "lat", "95"),
     "schools.csv", 2, "lat", "не больше 90, а указано «95»"),
    ("negative pupils", set_cell("schools", 2, "students", "-5"),
     "schools.csv", 4, "students", "не меньше 0"),
    ("experience out of range", set_cell("teachers", 0, "experience_years", "90"),
     "teachers.csv", 2, "experience_years", "не больше 80"),
    ("year out of range", set_cell("results", 1, "year", "1800"),
     "results.csv", 3, "year", "не меньше 1990"),
    ("grade out of range", set_cell("results", 1, "grade", "12"),
     "results.csv", 3, "grade", "не больше 11"),
    ("tutor is the mentee", set_cell("partnerships", 0, "mentee_school_id", "101"),
     "partnerships.csv", 2, "mentee_school_id", "школа-тьютор и наставляемая школа совпадают"),
    ("end before start", set_cell("partnerships", 0, "end_date", "01.01.2024"),
     "partnerships.csv", 2, "end_date", "дата окончания (01.01.2024) раньше даты начала"),
    ("region conflict", set_cell("schools", 2, "region", "Южная область"),
     "schools.csv", 4, "region", "уже отнесён к региону «Северная область» в строке 2"),
    ("self-mentoring", set_cell("mentoring", 0, "mentee_id", "T1"),
     "mentoring.csv", 2, "mentee_id", "наставником самому себе"),
    ("excluded pair of one school", set_cell("excluded_pairs", 0, "mentee_school_id", "103"),
     "excluded_pairs.csv", 2, "mentee_school_id", "совпадают"),
]  # fmt: skip


def find(issues: list[ImportIssue], file: str, row: int | None, column: str | None) -> list[str]:
    return [
        i.message
        for i in issues
        if Path(i.file).name == file and i.row == row and i.column == column
    ]


@pytest.mark.parametrize(
    ("change", "file", "row", "column", "fragment"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_each_rule_on_a_broken_file(
    tmp_path: Path,
    db: EmbeddedStore,
    change: Callable[[Tables], None],
    file: str,
    row: int,
    column: str | None,
    fragment: str,
) -> None:
    tables = copy.deepcopy(ENGLISH)
    change(tables)
    folder = write_english(tmp_path / "in", tables)
    plan = validate_paths([folder], db)
    found = find(plan.issues, file, row, column)
    assert any(fragment in m for m in found), (found, [str(i) for i in plan.issues])
    with pytest.raises(ImportFailed) as failed:
        import_paths([folder], db)
    assert failed.value.issues == plan.issues
    assert db.count_nodes() == {} and db.count_edges() == {}


def test_the_sample_itself_is_clean(db: EmbeddedStore, english_dir: Path) -> None:
    plan = validate_paths([english_dir], db)
    assert plan.issues == [] and plan.warnings == []


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_required_column_is_reported_once_on_the_header(
    tmp_path: Path, db: EmbeddedStore
) -> None:
    path = write(tmp_path, "schools.csv", "school_id,municipality\n101,М\n102,М\n")
    plan = validate_paths([path], db)
    assert [(i.row, i.column) for i in plan.issues] == [(1, "name")]
    assert "нет обязательного столбца «name»" in plan.issues[0].message
    assert "«Наименование»" in plan.issues[0].message


def test_duplicate_column(tmp_path: Path, db: EmbeddedStore) -> None:
    path = write(tmp_path, "Школы.csv", "school_id;Наименование;Район;Код ОО\n1;a;М;2\n")
    plan = validate_paths([path], db)
    assert [(i.row, i.column) for i in plan.issues] == [(1, "Код ОО")]
    assert "указан дважды" in plan.issues[0].message


def test_unknown_columns_are_warnings_only(tmp_path: Path, db: EmbeddedStore) -> None:
    path = write(tmp_path, "schools.csv", "school_id,name,municipality,директор,,\n1,a,М,Ива,,x\n")
    report = import_paths([path], db)
    assert [(w.row, w.column) for w in report.warnings] == [(1, "директор"), (1, None)]
    assert "будет пропущен" in report.warnings[0].message
    assert db.count_nodes()["School"] == 1


def test_messages_name_the_users_header(tmp_path: Path, db: EmbeddedStore) -> None:
    path = write(
        tmp_path, "Школы.csv", "Код ОО;Название;Район;Доля малоимущих семей, %\n1;a;М;140\n"
    )
    issue = validate_paths([path], db).issues[0]
    assert str(issue) == (
        f"{path}, строка 2, столбец «Доля малоимущих семей, %»: "
        "процент должен быть от 0 до 100, а указано «140»"
    )


def test_duplicate_across_files_names_the_other_file(tmp_path: Path, db: EmbeddedStore) -> None:
    a = write(tmp_path, "schools.csv", "school_id,name,municipality\n101,a,М\n")
    b = write(tmp_path, "Школы.csv", "Код ОО;Название;Район\n102;b;М\n101;c;М\n")
    issues = validate_paths([a, b], db).issues
    assert [(Path(i.file).name, i.row) for i in issues] == [("Школы.csv", 3)]
    assert f"он уже есть в файле {a}, строке 2" in issues[0].message


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("schools.csv", b"", "файл пустой"),
        ("schools.csv", "school_id,name\n1,Школа\n".encode("cp1251"), "UTF-8"),
        ("список.csv", b"a,b\n1,2\n", "назовите его по имени листа"),
    ],
)
def test_file_problems_fail_the_import(
    tmp_path: Path, db: EmbeddedStore, english_dir: Path, name: str, data: bytes, fragment: str
) -> None:
    (english_dir / name).write_bytes(data)
    with pytest.raises(ImportFailed) as failed:
        import_paths([english_dir], db)
    issue = failed.value.issues[0]
    assert (Path(issue.file).name, issue.row, issue.column) == (name, None, None)
    assert fragment in issue.message
    assert db.count_nodes() == {}


INDEPENDENT = (
    "unknown school in results",
    "unknown teacher in participation",
    "unknown organizer",
    "percentage 140",
    "text in a number column",
    "impossible date",
    "value not allowed",
    "required value empty",
    "duplicate membership",
    "end before start",
    "self-mentoring",
    "grade out of range",
)


def test_every_problem_is_collected_in_one_pass(tmp_path: Path, db: EmbeddedStore) -> None:
    cases = [c for c in CASES if c[0] in INDEPENDENT]
    assert len(cases) == len(INDEPENDENT)
    tables = copy.deepcopy(ENGLISH)
    for case in cases:
        case[1](tables)
    plan = validate_paths([write_english(tmp_path / "in", tables)], db)
    assert len(plan.issues) == len(cases)
    for _, _, file, row, column, fragment in cases:
        assert any(fragment in m for m in find(plan.issues, file, row, column)), fragment
    # Issues come file by file, row by row.
    order = [(i.file, i.row or 0) for i in plan.issues]
    assert order == sorted(order)


def test_references_resolve_against_the_store(tmp_path: Path, db: EmbeddedStore) -> None:
    first = write_english(tmp_path / "a", {"schools": ENGLISH["schools"]})
    import_paths([first], db)
    later = {k: v for k, v in ENGLISH.items() if k != "schools"}
    report = import_paths([write_english(tmp_path / "b", later)], db)
    assert report.stats.added["Teacher"] == 4
    assert report.stats.added["ORGANIZED"] == 2


def test_header_as_a_csv_row_number(tmp_path: Path, db: EmbeddedStore) -> None:
    text = csv_text(["school_id", "name", "municipality"], [["1", "", "М"]])
    issue = validate_paths([write(tmp_path, "schools.csv", text)], db).issues[0]
    assert (issue.row, issue.column) == (2, "name")


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12.0), ("12,5", 12.5), ("12.5", 12.5), ("-0,3", -0.3), ("9 011", 9011.0),
     ("9\u00a0011,5", 9011.5), ("1e3", 1000.0), (",5", 0.5)],
)  # fmt: skip
def test_numbers(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1,234.5", "1.2.3", "nan", "inf", "12%"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_integers_percentages_dates_lists() -> None:
    assert parse_int("2024") == 2024 and parse_int("12,0") == 12 and parse_int("1.5") is None
    assert parse_int("123456789012345678901") == 123456789012345678901
    assert parse_percent("0") == 0 and parse_percent("100") == 100
    assert parse_percent("100,01") is None and parse_percent("55 %") == 55
    assert parse_date("29.02.2024") is not None and parse_date("29.02.2023") is None
    assert parse_date("1.9.2024") == parse_date("2024-09-01") == parse_date("2024-09-01 00:00:00")
    assert parse_date("2024-09-01 10:30:00") is None and parse_date("09/01/2024") is None
    assert split_list("a;b ; ;c;") == ["a", "b", "c"] and split_list(";") == []
