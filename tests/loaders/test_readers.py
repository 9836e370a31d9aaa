"""Reading CSV and XLSX files into raw sheets: encodings, delimiters, names, sizes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from loaders.readers import RawSheet, ReadResult, read_bytes, read_paths

HEADER = "school_id,name,municipality\r\n"
ROW = "101,СОШ №1,Озёрский район\r\n"


def only_sheet(result: ReadResult) -> RawSheet:
    assert result.issues == []
    assert len(result.sheets) == 1
    return result.sheets[0]


def messages(result: ReadResult) -> list[str]:
    return [i.message for i in result.issues]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_bom_and_delimiters_read_alike(bom: bytes, delimiter: str) -> None:
    text = (HEADER + ROW).replace(",", delimiter)
    sheet = only_sheet(read_bytes("schools.csv", bom + text.encode()))
    assert sheet.sheet == "schools"
    assert sheet.headers == ["school_id", "name", "municipality"]
    assert sheet.rows == [(2, ["101", "СОШ №1", "Озёрский район"])]


def test_semicolon_sniffed_despite_comma_in_a_header() -> None:
    text = "Код ОО;Доля малоимущих семей, %\n101;12,5\n"
    sheet = only_sheet(read_bytes("Школы.csv", text.encode()))
    assert sheet.headers == ["Код ОО", "Доля малоимущих семей, %"]
    assert sheet.rows == [(2, ["101", "12,5"])]


def test_quoted_decimal_comma_in_comma_csv() -> None:
    text = 'school_id,share_low_income\n101,"12,5"\n'
    assert only_sheet(read_bytes("schools.csv", text.encode())).rows == [(2, ["101", "12,5"])]


def test_every_cell_stays_text() -> None:
    text = "school_id,lat,official_tutor\n007,51.80,TRUE\n"
    sheet = only_sheet(read_bytes("schools.csv", text.encode()))
    assert sheet.rows == [(2, ["007", "51.80", "TRUE"])]


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_wrong_encoding_is_an_error_not_a_guess(encoding: str) -> None:
    data = "Код ОО;Наименование\n101;Школа\n".encode(encoding)
    result = read_bytes("Школы.csv", data)
    assert result.sheets == []
    assert len(result.issues) == 1
    issue = result.issues[0]
    assert issue.file == "Школы.csv" and issue.row is None
    assert "UTF-8" in issue.message and "сохраните" in issue.message


def test_utf16_with_its_mark_is_read_and_without_it_is_named() -> None:
    # Excel's «Unicode text» is UTF-16 with a byte order mark (and tabs).
    for data in (
        (HEADER + ROW).encode("utf-16"),
        (HEADER + ROW).replace(",", "\t").encode("utf-16"),
    ):
        assert (
            only_sheet(read_bytes("schools.csv", data)).rows
            == only_sheet(read_bytes("schools.csv", (HEADER + ROW).encode())).rows
        )
    for codec in ("utf-16-le", "utf-16-be"):
        result = read_bytes("schools.csv", (HEADER + ROW).encode(codec))
        assert result.sheets == []
        assert messages(result)[0].startswith("файл в кодировке UTF-16 без метки")


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"  \r\n\r\n", b",,,\n,,\n"])
def test_empty_file(data: bytes) -> None:
    result = read_bytes("schools.csv", data)
    assert result.sheets == []
    assert messages(result) == ["файл пустой: в нём нет даже строки заголовков"]


def test_header_only_is_no_rows_and_no_problem() -> None:
    assert only_sheet(read_bytes("schools.csv", HEADER.encode())).rows == []


def test_huge_cells_stop_the_reader_and_long_ones_reach_the_validator() -> None:
    big = "Ж" * 1_000_000
    text = f'school_id,name,municipality\n101,"{big}",М\n102,x,"{big}"\n'
    result = read_bytes("schools.csv", text.encode())
    assert result.sheets == []
    assert [(i.row, i.message) for i in result.issues] == [
        (2, "ячейка длиннее допустимого: не больше 32767 символов (возможно, не закрыта кавычка)")
    ]
    long = "Ж" * 40_000  # over Excel's limit, under the reader's: the validator names it
    text = f'school_id,name,municipality\n101,"{long}",М\n'
    assert only_sheet(read_bytes("schools.csv", text.encode())).rows[0][1][1] == long


def test_rows_are_numbered_as_excel_shows_them() -> None:
    text = 'school_id,name,municipality\n\n101,"две\nстроки",М\n102,x,М\n'
    sheet = only_sheet(read_bytes("schools.csv", text.encode()))
    assert [n for n, _ in sheet.rows] == [3, 4]
    assert sheet.rows[0][1][1] == "две\nстроки"


def test_short_rows_are_padded_and_long_rows_refused() -> None:
    text = "school_id,name,municipality\n101,x\n102,x,М,лишнее\n103,x,М,,\n"
    result = read_bytes("schools.csv", text.encode())
    assert [n for n, _ in result.sheets[0].rows] == [2, 4]
    assert result.sheets[0].rows[0][1] == ["101", "x", ""]
    assert [(i.row, i.column) for i in result.issues] == [(3, None)]
    assert "кавычки" in result.issues[0].message


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("школы_2024.csv", "назовите его по имени листа"),
        ("notes.docx", "не поддерживаются"),
        ("schools.xls", "сохраните как «Книга Excel (.xlsx)»"),
    ],
)
def test_unknown_or_unsupported_files(name: str, fragment: str) -> None:
    result = read_bytes(name, (HEADER + ROW).encode())
    assert result.sheets == []
    assert fragment in messages(result)[0]
    assert result.issues[0].file == name


def test_file_names_in_russian_and_any_case() -> None:
    for name in ("Школы.csv", "SCHOOLS.CSV", "образовательные организации.csv"):
        assert only_sheet(read_bytes(name, (HEADER + ROW).encode())).sheet == "schools"


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_xlsx_sheets_by_english_or_russian_name() -> None:
    data = xlsx_bytes(
        {
            "Школы": [["Код ОО", "Название", "Район"], [101, "СОШ", "М"]],
            "teachers": [["teacher_id", "full_name", "school_id"], ["T1", "Ива", 101]],
            "Справка": [["Лист", "Столбец"], ["schools", "school_id"]],
            "Лист1": [],
        }
    )
    result = read_bytes("book.xlsx", data)
    assert result.issues == []
    assert [(s.sheet, s.tab) for s in result.sheets] == [
        ("schools", "Школы"),
        ("teachers", "teachers"),
    ]
    assert result.sheets[0].rows == [(2, ["101", "СОШ", "М"])]


def test_xlsx_unknown_sheet_with_data_is_an_error() -> None:
    data = xlsx_bytes({"Школы": [["Код ОО"], [1]], "Мои заметки": [["что-то"]]})
    result = read_bytes("book.xlsx", data)
    assert [(i.file, i.sheet) for i in result.issues] == [("book.xlsx", "Мои заметки")]
    assert "лист не распознан" in result.issues[0].message


def test_xlsx_rows_keep_excel_numbers_and_typed_cells_become_text() -> None:
    import datetime as dt

    data = xlsx_bytes(
        {
            "events": [
                ["event_id", "date", "title"],
                [],
                ["E1", dt.datetime(2024, 10, 15), 12.5],
                ["E2", dt.date(2024, 1, 2), True],
            ]
        }
    )
    sheet = only_sheet(read_bytes("b.xlsx", data))
    assert sheet.rows == [(3, ["E1", "2024-10-15", "12.5"]), (4, ["E2", "2024-01-02", "true"])]


@pytest.mark.parametrize("data", [b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_broken_xlsx(data: bytes) -> None:
    result = read_bytes("book.xlsx", data)
    assert result.sheets == [] and len(result.issues) == 1


def test_xlsx_without_known_sheets() -> None:
    result = read_bytes("book.xlsx", xlsx_bytes({"Лист1": []}))
    assert "нет ни одного листа" in messages(result)[0]


def test_folder_reads_known_files_and_flags_others(tmp_path: Path) -> None:
    (tmp_path / "schools.csv").write_text(HEADER + ROW, encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "~$book.xlsx").write_bytes(b"lock")
    (tmp_path / "sub").mkdir()
    (tmp_path / "notes.txt").write_text("заметки", encoding="utf-8")
    result = read_paths([tmp_path])
    assert [s.sheet for s in result.sheets] == ["schools"]
    assert [Path(i.file).name for i in result.issues] == ["notes.txt"]


def test_missing_path(tmp_path: Path) -> None:
    result = read_paths([tmp_path / "nope.csv"])
    assert messages(result) == ["файл или папка не найдены"]
