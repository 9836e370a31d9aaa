"""A tiny hand-made municipality (3 schools, every sheet) and writers for its file variants.

``ENGLISH`` holds the sheets as the English CSVs would: English headers and values, ISO dates,
decimal points. ``russian()`` renders the same data the way a Russian coordinator's Excel
would: Russian headers and values, decimal commas, ДД.ММ.ГГГГ, да/нет.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

from loaders.aliases import SHEET_ALIASES, VALUE_ALIASES, header_aliases
from loaders.sheets import SHEETS, ColType

Table = list[dict[str, str]]

ENGLISH: dict[str, Table] = {
    "schools": [
        {
            "school_id": "101",
            "name": "МБОУ «СОШ №1»",
            "municipality": "Озёрский район",
            "region": "Северная область",
            "settlement_type": "city",
            "level": "secondary",
            "lat": "51.8",
            "lon": "107.5",
            "students": "820",
            "teachers": "54",
            "share_low_income": "12.5",
            "share_parents_higher_ed": "41",
            "share_special_needs": "3",
            "share_non_native": "1.5",
            "share_single_parent": "18",
            "official_tutor": "true",
            "tutor_capacity": "2",
        },
        {
            "school_id": "102",
            "name": "МБОУ «Берёзовская ООШ»",
            "municipality": "Озёрский район",
            "region": "Северная область",
            "settlement_type": "village",
            "level": "basic",
            "lat": "51.9",
            "lon": "107.1",
            "students": "140",
            "share_low_income": "38",
            "official_low_results": "true",
            "official_unfavourable": "true",
        },
        {
            "school_id": "103",
            "name": "МБОУ «Сосновская СОШ»",
            "municipality": "Озёрский район",
            "region": "Северная область",
            "settlement_type": "town",
            "level": "secondary",
            "students": "410",
            "share_parents_higher_ed": "25.5",
            "social_index": "-0.3",
            "official_low_results": "false",
        },
    ],
    "results": [
        {
            "school_id": s,
            "year": y,
            "assessment": a,
            "subject": "Математика",
            "grade": g,
            "metric": m,
            "value": v,
            "participants": p,
        }
        for s, y, a, g, m, v, p in [
            ("101", "2023", "ОГЭ", "9", "mean_score", "3.9", "60"),
            ("101", "2024", "ОГЭ", "9", "mean_score", "4.1", "58"),
            ("102", "2024", "ОГЭ", "9", "low_share", "22.5", "12"),
            ("103", "2024", "ВПР", "5", "pass_rate", "71", ""),
            ("103", "2024", "ЕГЭ", "", "mean_score", "55.25", "14"),
        ]
    ],
    "teachers": [
        {
            "teacher_id": "T1",
            "full_name": "Иванова Анна Петровна",
            "school_id": "101",
            "subjects": "Математика; Информатика",
            "category": "высшая",
            "experience_years": "21",
        },
        {
            "teacher_id": "T2",
            "full_name": "Петров Олег Ильич",
            "school_id": "102",
            "subjects": "Математика",
            "experience_years": "2",
            "deficits": "формирующее оценивание; работа с неуспевающими",
        },
        {"teacher_id": "T3", "full_name": "Сидорова Ёлка", "school_id": "103"},
        {"teacher_id": "T4", "full_name": "Кузнецов Ян", "school_id": "101", "category": "первая"},
    ],
    "curators": [
        {
            "curator_id": "C1",
            "full_name": "Орлова Мария",
            "organisation": "ИМЦ Озёрского района",
            "schools": "102; 103",
            "since": "2024-09-01",
        },
        {"curator_id": "C2", "full_name": "Волков Пётр"},
    ],
    "associations": [
        {
            "association_id": "A1",
            "name": "РМО учителей математики",
            "kind": "РМО",
            "subject": "Математика",
            "municipality": "Озёрский район",
        },
        {"association_id": "A2", "name": "Клуб молодых педагогов", "kind": "клуб"},
    ],
    "memberships": [
        {"teacher_id": "T1", "association_id": "A1"},
        {"teacher_id": "T2", "association_id": "A1"},
        {"teacher_id": "T3", "association_id": "A2"},
    ],
    "events": [
        {
            "event_id": "E1",
            "title": "Семинар по ОГЭ",
            "kind": "seminar",
            "date": "2024-10-15",
            "subject": "Математика",
            "format": "offline",
            "organizer_id": "101",
            "municipality": "Озёрский район",
            "partnership_id": "P1",
        },
        {
            "event_id": "E2",
            "title": "Вебинар РМО",
            "kind": "webinar",
            "date": "2024-11-20",
            "format": "online",
            "organizer_id": "A1",
            "roadmap_item_id": "1.1",
        },
        {
            "event_id": "E3",
            "title": "Визит куратора",
            "kind": "consultation",
            "date": "2025-02-03",
            "partnership_id": "P-101-103",
        },
    ],
    "participation": [
        {"event_id": "E1", "teacher_id": "T1", "role": "speaker"},
        {"event_id": "E1", "teacher_id": "T2", "role": "participant"},
        {"event_id": "E2", "teacher_id": "T3"},
    ],
    "partnerships": [
        {
            "partnership_id": "P1",
            "tutor_school_id": "101",
            "mentee_school_id": "102",
            "status": "active",
            "start_date": "2024-09-01",
            "focus_subjects": "Математика; Русский язык",
        },
        {"tutor_school_id": "101", "mentee_school_id": "103"},
    ],
    "mentoring": [{"mentor_id": "T1", "mentee_id": "T4", "since": "2024-09-01"}],
    "excluded_pairs": [
        {
            "tutor_school_id": "103",
            "mentee_school_id": "102",
            "reason": "слишком далеко",
            "date": "2024-05-01",
        }
    ],
    "staffing": [
        {
            "school_id": "102",
            "year": "2025",
            "positions": "24.5",
            "filled": "21",
            "vacancies": "2",
            "vacancy_subjects": "Математика; Физика",
            "psychologists": "0.5",
            "speech_therapists": "1",
            "social_pedagogues": "1",
        },
        {"school_id": "103", "year": "2025", "positions": "12", "filled": "12"},
    ],
    "targets": [
        {"indicator": "trained_teachers", "year": "2025", "value": "60"},
        {
            "indicator": "low_in_working_pair",
            "municipality": "Озёрский район",
            "year": "2025",
            "value": "75.5",
        },
    ],
    "roadmap": [
        {
            "item_id": "1.1",
            "activity": "Вебинары для учителей по обмену опытом",
            "section": "Методическое сопровождение",
            "deadline": "2025-05-31",
            "periodicity": "quarterly",
            "responsible": "ИМЦ",
            "expected_result": "не менее 4 вебинаров",
            "status": "in_progress",
            "municipality": "Озёрский район",
        },
        {"item_id": "1.2", "activity": "Мониторинговый отчёт", "deadline": "2025-12-20"},
    ],
}


def headers(sheet: str) -> list[str]:
    return list(SHEETS[sheet].column_names)


def csv_text(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def table_rows(sheet: str, table: Table, columns: list[str]) -> list[list[str]]:
    return [[row.get(c, "") for c in columns] for row in table]


def write_english(folder: Path, tables: dict[str, Table] | None = None) -> Path:
    """The English CSVs, one per sheet."""
    folder.mkdir(parents=True, exist_ok=True)
    for sheet, table in (tables or ENGLISH).items():
        cols = headers(sheet)
        text = csv_text(cols, table_rows(sheet, table, cols))
        (folder / f"{sheet}.csv").write_text(text, encoding="utf-8", newline="")
    return folder


def _ru_value(sheet: str, column: str, text: str) -> str:
    col = SHEETS[sheet].column(column)
    if not text:
        return text
    if col.type in (ColType.float, ColType.percent):
        return text.replace(".", ",")
    if col.type is ColType.date:
        return dt.date.fromisoformat(text).strftime("%d.%m.%Y")
    if col.type is ColType.bool:
        return "да" if text == "true" else "нет"
    if col.type is ColType.enum and col.enum is not None:
        return VALUE_ALIASES[col.enum][text][0].upper()
    return text


def russian(sheet: str) -> tuple[list[str], list[list[str]]]:
    """Russian headers (first alias, English when none) and Russian-rendered values."""
    cols = headers(sheet)
    header = [(header_aliases(sheet, c) or (c,))[0] for c in cols]
    rows = [[_ru_value(sheet, c, row.get(c, "")) for c in cols] for row in ENGLISH[sheet]]
    return header, rows


def write_russian(folder: Path) -> Path:
    """Russian CSVs: Russian file names, headers and values; semicolons; UTF-8 with BOM."""
    folder.mkdir(parents=True, exist_ok=True)
    for sheet in ENGLISH:
        header, rows = russian(sheet)
        text = csv_text(header, rows, delimiter=";")
        name = f"{SHEET_ALIASES[sheet][0]}.csv"
        (folder / name).write_bytes(text.encode("utf-8-sig"))
    return folder


def _typed(sheet: str, column: str, text: str) -> object:
    """A cell value as Excel would hold it: numbers as numbers, dates as dates."""
    if not text:
        return None
    kind = SHEETS[sheet].column(column).type
    if kind in (ColType.int,):
        return int(text)
    if kind in (ColType.float, ColType.percent):
        return float(text)
    if kind is ColType.date:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
    if kind is ColType.bool:
        return text == "true"
    if column.endswith("school_id") and text.isdigit():
        return int(text)  # codes typed as numbers in Excel
    return text


def write_xlsx(path: Path, russian_names: bool = False, typed: bool = True) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    for sheet, table in ENGLISH.items():
        title = SHEET_ALIASES[sheet][0] if russian_names else sheet
        ws = book.create_sheet(title)
        if russian_names:
            header, _ = russian(sheet)
        else:
            header = headers(sheet)
        ws.append(header)
        conv: Callable[[str, str, str], object] = _typed if typed else (lambda s, c, v: v or None)
        for row in table:
            ws.append([conv(sheet, c, row.get(c, "")) for c in headers(sheet)])
    book.save(path)
    return path
