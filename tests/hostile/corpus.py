"""A corpus of hostile and broken import files, generated (deterministic, nothing downloaded).

Each :class:`Case` is a set of files a user (or an attacker) might upload, and what must
happen: ``expect`` is a fragment of the Russian message that must name the problem, or None
when the files must import correctly. Every case is self-contained (its schools come with it).
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass
from functools import cache

__all__ = ["Case", "bomb_xlsx", "cases"]

Files = tuple[tuple[str, bytes], ...]


@dataclass(frozen=True)
class Case:
    name: str
    files: Files
    expect: str | None  # a fragment of the message; None: imports fine
    stored: tuple[tuple[str, str, str, str], ...] = ()  # (label, id, field, value) after import


SCHOOLS_HEAD = "school_id,name,municipality"
OK_SCHOOL = "S1,Школа 1,Район"


def _csv(name: str, text: str, encoding: str = "utf-8") -> tuple[str, bytes]:
    return (name, text.encode(encoding))


def _schools(*rows: str, head: str = SCHOOLS_HEAD) -> tuple[str, bytes]:
    return _csv("schools.csv", "\n".join([head, *rows]) + "\n")


def _results(value: str, year: str = "2024", metric: str = "mean_score") -> Files:
    head = "school_id,year,assessment,subject,metric,value"
    return (
        _schools(OK_SCHOOL),
        _csv("results.csv", f"{head}\nS1,{year},ВПР,Математика,{metric},{value}\n"),
    )


def _workbook(rows: list[list[object]], title: str = "schools") -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def bomb_xlsx(cell_mb: int, level: int = 1, chunk: bytes = b"x" * (1 << 20)) -> bytes:
    """A workbook whose one inline-string cell holds ``cell_mb`` times ``chunk`` (by default
    megabytes of one letter: a "zip bomb")."""
    base = _workbook([["school_id", "name", "municipality"], ["S1", "x", "Район"]])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as dst,
    ):
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info, src.read(info))
                continue
            xml = src.read(info)
            head, _, tail = xml.partition(b"</sheetData>")
            with dst.open(info.filename, "w", force_zip64=True) as part:
                part.write(head)
                part.write(b'<row r="3"><c r="A3" t="inlineStr"><is><t>')
                for _ in range(cell_mb):
                    part.write(chunk)
                part.write(b"</t></is></c></row></sheetData>" + tail)
    return out.getvalue()


def _random_cell_xlsx() -> bytes:
    """A cell of 1 MB that does not compress (so only the cell scan can refuse it)."""
    import base64
    import random

    text = base64.b64encode(random.Random(14).randbytes(800_000))
    return bomb_xlsx(1, chunk=text)


def _declared_huge(data: bytes) -> bytes:
    """The same workbook with the central directory claiming a 4 GB part."""
    buf = bytearray(data)
    pos = buf.find(b"PK\x01\x02")
    struct.pack_into("<I", buf, pos + 24, 0xFFFF_FFF0)
    return bytes(buf)


def _formula_book() -> bytes:
    # openpyxl writes formulas without a computed value, as many scripts do.
    return _workbook([["school_id", "name", "municipality"], ["S1", '=CONCAT("Школа ","1")', "Р"]])


def _case_list() -> list[Case]:
    ok_book = _workbook([["school_id", "name", "municipality"], ["S1", "Школа 1", "Район"]])
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    phishing = "[Госуслуги: войдите](http://evil.example/login)"
    return [
        # --- files that are not what they say, or not text at all
        Case("xls-old-format", (("schools.xls", ole),), "формат Excel (.xls)"),
        Case("xlsx-really-ole", (("schools.xlsx", ole),), "защищённая паролем"),
        Case("csv-really-xlsx", (("schools.csv", ok_book),), "на самом деле книга Excel"),
        Case("xlsx-not-a-zip", (("book.xlsx", b"not a zip at all" * 10),), "Excel"),
        Case("xlsx-truncated", (("book.xlsx", ok_book[: len(ok_book) // 2]),), "Excel"),
        Case("binary-named-csv", (("schools.csv", bytes(range(256)) * 8),), "нулевые байты"),
        Case("json-file", (("schools.json", b"{}"),), "CSV"),
        Case("unknown-csv-name", (_csv("data.csv", f"{SCHOOLS_HEAD}\n{OK_SCHOOL}\n"),), "лист"),
        Case("empty-csv", (("schools.csv", b""),), "файл пустой"),
        Case("bom-only", (("schools.csv", b"\xef\xbb\xbf"),), "файл пустой"),
        # --- encodings
        Case(
            "utf16-with-bom-tabs",
            (
                _csv(
                    "schools.csv",
                    "Код ОО\tНаименование\tМуниципалитет\nS1\tШкола 1\tРайон\n",
                    "utf-16",
                ),
            ),
            None,
            (("School", "S1", "name", "Школа 1"),),
        ),
        Case(
            "utf16-without-bom",
            (
                _csv(
                    "schools.csv",
                    "Код ОО;Наименование;Муниципалитет\nS1;Школа;Район\n",
                    "utf-16-le",
                ),
            ),
            "UTF-16",
        ),
        Case(
            "cp1251",
            (_csv("schools.csv", "Код ОО;Наименование;Муниципалитет\nS1;Школа;Район\n", "cp1251"),),
            "UTF-8",
        ),
        Case("invalid-utf8-surrogate", (("schools.csv", b"school_id\n\xed\xa0\x80\n"),), "UTF-8"),
        # --- CSV structure
        Case(
            "mixed-delimiters", (_schools("S1;Школа 1;Район", "S2,Школа 2,Район"),), "разделитель"
        ),
        Case("unclosed-quote", (_schools('S1,"Школа 1,Район', "S2,Школа 2,Район"),), "кавычка"),
        Case("text-after-quote", (_schools('S1,"Школа" 1,Район'),), "кавычку нужно удвоить"),
        Case("cell-of-1-mb", (_schools(f"S1,{'Ж' * 1_000_000},Район"),), "ячейка длиннее"),
        Case(
            "crlf-inside-cell",
            (("schools.csv", f'{SCHOOLS_HEAD}\r\nS1,"две\r\nстроки",Район\r\n'.encode()),),
            None,
            (("School", "S1", "name", "две\nстроки"),),
        ),
        Case("header-only", (_schools(),), None),
        Case("duplicate-ids", (_schools(OK_SCHOOL, "S1,Школа 2,Район"),), "повторяется код"),
        # --- XLSX
        Case("zip-bomb-cell-100-mb", (("bomb.xlsx", bomb_xlsx(100)),), "zip-бомба"),
        Case("xlsx-cell-of-1-mb", (("big.xlsx", _random_cell_xlsx()),), "ячейка длиннее"),
        Case("zip-declares-4-gb", (("big.xlsx", _declared_huge(ok_book)),), "распакованном виде"),
        Case("xlsx-formula-no-value", (("book.xlsx", _formula_book()),), "формула без"),
        Case(
            "xlsx-unknown-sheet",
            (("book.xlsx", _workbook([["a"], ["1"]], title="Лист1")),),
            "лист",
        ),
        Case(
            "xlsx-ok",
            (("book.xlsx", ok_book),),
            None,
            (("School", "S1", "municipality", "Район"),),
        ),
        # --- texts the store or the export could not hold
        Case("nul-in-name", (_schools("S1,Школа\x001,Район"),), "управляющий символ U+0000"),
        Case("zero-width-in-id", (_schools("S\u200b1,Школа 1,Район"),), "невидимый символ U+200B"),
        Case("bom-inside-id", (_schools("\ufeffS1,Школа 1,Район"),), "невидимый символ U+FEFF"),
        Case("rtl-override-in-name", (_schools("S1,Школа \u202e1,Район"),), "невидимый символ"),
        Case(
            "tab-in-id", (_csv("schools.csv", f'{SCHOOLS_HEAD}\n"S\t1",Школа,Район\n'),), "U+0009"
        ),
        Case("name-over-limit", (_schools(f"S1,{'Я' * 2001},Район"),), "не больше 2000"),
        Case("id-over-limit", (_schools(f"{'S' * 101},Школа,Район"),), "не больше 100"),
        Case(
            "control-in-category",
            (
                _schools(OK_SCHOOL),
                _csv(
                    "teachers.csv",
                    "teacher_id,full_name,school_id,category\nT1,Ива,S1,вы\x07сшая\n",
                ),
            ),
            "управляющий символ U+0007",
        ),
        # --- numbers the store or the export could not hold
        Case("value-1e999", _results("1e999"), "слишком велико"),
        Case("value-nan", _results("nan"), "ожидается число"),
        Case("value-inf", _results("inf"), "ожидается число"),
        Case("year-1e20", _results("50", year="1e20"), "вне допустимого диапазона"),
        Case(
            "social-index-1e999",
            (_schools("S1,Школа,Район,1e999", head=SCHOOLS_HEAD + ",social_index"),),
            "слишком велико",
        ),
        Case(
            "lat-1e400", (_schools("S1,Школа,Район,1e400", head=SCHOOLS_HEAD + ",lat"),), "велико"
        ),
        Case(
            "students-beyond-64-bits",
            (_schools("S1,Школа,Район,99999999999999999999999", head=SCHOOLS_HEAD + ",students"),),
            "вне допустимого диапазона",
        ),
        Case(
            "students-5000-digits",
            (_schools(f"S1,Школа,Район,{'9' * 5000}", head=SCHOOLS_HEAD + ",students"),),
            "вне допустимого диапазона",
        ),
        Case("pass-rate-140", _results("140", metric="pass_rate"), "от 0 до 100"),
        # --- hostile texts the store holds as they are
        Case(
            "markdown-link-name",
            (_schools(f'S1,"{phishing}",Район'),),
            None,
            (("School", "S1", "name", phishing),),
        ),
        Case(
            "script-and-formula-names",
            (
                _schools(
                    "S1,<script>alert(1)</script>,Район",
                    'S2,"=HYPERLINK(""http://x"",""y"")",Район',
                ),
            ),
            None,
            (
                ("School", "S1", "name", "<script>alert(1)</script>"),
                ("School", "S2", "name", '=HYPERLINK("http://x","y")'),
            ),
        ),
        Case(
            "quotes-and-cypher",
            (_schools('S1,"МБОУ ""Новиковская ООШ""",Район', "S2,'}) DETACH DELETE n //,Район"),),
            None,
            (("School", "S1", "name", 'МБОУ "Новиковская ООШ"'),),
        ),
    ]


@cache
def cases() -> tuple[Case, ...]:
    return tuple(_case_list())
