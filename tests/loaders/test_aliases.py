"""The alias table: every alias DESIGN.md promises, no ambiguity, forgiving matching."""

from __future__ import annotations

import pytest

from graph.model import EventKind, Level, SettlementType
from loaders.aliases import (
    HEADER_ALIASES,
    SHEET_ALIASES,
    VALUE_ALIASES,
    alias_table_markdown,
    normalize,
    parse_bool,
    resolve_enum,
    resolve_header,
    resolve_sheet,
)
from loaders.sheets import SHEETS, ColType

# The aliases DESIGN.md names, by column; each must work in every sheet holding that column.
DESIGN_ALIASES = {
    "school_id": ("Код ОО", "Код школы"),
    "name": ("Наименование", "Наименование ОО", "Название"),
    "municipality": ("Муниципалитет", "Муниципальное образование", "Район"),
    "year": ("Год",),
    "assessment": ("Оценочная процедура", "Процедура"),
    "subject": ("Предмет",),
    "grade": ("Класс",),
    "metric": ("Показатель",),
    "value": ("Значение",),
    "participants": ("Участников", "Число участников"),
    "share_low_income": ("Доля малоимущих семей, %",),
}


@pytest.mark.parametrize(
    ("sheet", "column", "alias"),
    [
        (sheet, column, alias)
        for column, aliases in DESIGN_ALIASES.items()
        for sheet in ("schools", "results")
        if column in SHEETS[sheet].column_names
        for alias in aliases
    ],
)
def test_design_aliases_are_accepted(sheet: str, column: str, alias: str) -> None:
    assert resolve_header(sheet, alias) == column


def test_brief_aliases_are_accepted() -> None:
    expected = {
        ("schools", "Тип населённого пункта"): "settlement_type",
        ("schools", "Уровень образования"): "level",
        ("schools", "Широта"): "lat",
        ("schools", "Долгота"): "lon",
        ("schools", "Число обучающихся"): "students",
        ("teachers", "ФИО"): "full_name",
        ("teachers", "Предметы"): "subjects",
        ("teachers", "Категория"): "category",
        ("teachers", "Стаж"): "experience_years",
        ("teachers", "Дефициты"): "deficits",
        ("associations", "Вид"): "kind",
        ("events", "Вид"): "kind",
        ("events", "Дата"): "date",
        ("events", "Формат"): "format",
        ("events", "Организатор"): "organizer_id",
        ("participation", "Роль"): "role",
        ("partnerships", "Школа-тьютор"): "tutor_school_id",
        ("partnerships", "Школа-наставляемая"): "mentee_school_id",
        ("partnerships", "Статус"): "status",
    }
    for (sheet, alias), column in expected.items():
        assert resolve_header(sheet, alias) == column, (sheet, alias)


def test_every_column_has_a_russian_alias() -> None:
    for sheet, spec in SHEETS.items():
        assert set(HEADER_ALIASES[sheet]) == set(spec.column_names), sheet
        for column in spec.column_names:
            assert HEADER_ALIASES[sheet][column], (sheet, column)


def test_no_alias_names_two_columns_of_a_sheet() -> None:
    for sheet, spec in SHEETS.items():
        owner: dict[str, str] = {normalize(c): c for c in spec.column_names}
        for column, aliases in HEADER_ALIASES[sheet].items():
            for alias in aliases:
                key = normalize(alias)
                assert owner.setdefault(key, column) == column, (sheet, alias)


def test_no_sheet_alias_is_ambiguous() -> None:
    owner: dict[str, str] = {normalize(s): s for s in SHEETS}
    for sheet, aliases in SHEET_ALIASES.items():
        for alias in aliases:
            assert owner.setdefault(normalize(alias), sheet) == sheet
    assert set(SHEET_ALIASES) == set(SHEETS)


@pytest.mark.parametrize(
    "header",
    ["Код ОО", " код оо ", "КОД  ОО", "код\u00a0ОО", "school_id", "School ID", " SCHOOL_ID"],
)
def test_header_matching_ignores_case_spaces(header: str) -> None:
    assert resolve_header("schools", header) == "school_id"


def test_header_matching_ignores_yo() -> None:
    assert resolve_header("schools", "Тип населенного пункта") == "settlement_type"
    assert resolve_sheet("Партнерства") == "partnerships"
    assert resolve_sheet("исключенные_пары") == "excluded_pairs"


@pytest.mark.parametrize(
    ("name", "sheet"),
    [
        ("Школы", "schools"),
        ("Результаты", "results"),
        ("Педагоги", "teachers"),
        ("Кураторы", "curators"),
        ("Объединения", "associations"),
        ("Членство", "memberships"),
        ("Мероприятия", "events"),
        ("Участие в мероприятиях", "participation"),
        ("Пары", "partnerships"),
        ("Сетевые пары", "partnerships"),
        ("Наставничество", "mentoring"),
        ("Исключённые пары", "excluded_pairs"),
        ("results", "results"),
    ],
)
def test_russian_sheet_names(name: str, sheet: str) -> None:
    assert resolve_sheet(name) == sheet


def test_every_enum_value_has_a_russian_spelling() -> None:
    for spec in SHEETS.values():
        for col in spec.columns:
            if col.type is ColType.enum:
                assert col.enum is not None
                assert set(VALUE_ALIASES[col.enum]) == set(col.allowed()), col.name
                for value in col.allowed():
                    assert resolve_enum(col.enum, value) == value
                    for alias in VALUE_ALIASES[col.enum][value]:
                        assert resolve_enum(col.enum, alias) == value, alias


@pytest.mark.parametrize(
    ("enum", "text", "value"),
    [
        (SettlementType, "Город", "city"),
        (SettlementType, "поселок", "town"),
        (SettlementType, "СЕЛО", "village"),
        (Level, "СОШ", "secondary"),
        (Level, "ООШ", "basic"),
        (EventKind, "Мастер-класс", "master_class"),
        (EventKind, "master-class", "master_class"),
        (EventKind, "круглый  стол", "round_table"),
        (EventKind, "КПК", "course"),
    ],
)
def test_russian_enum_values(enum: type, text: str, value: str) -> None:
    assert resolve_enum(enum, text) == value


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("true", True),
        ("TRUE", True),
        ("1", True),
        ("да", True),
        ("Да", True),
        ("yes", True),
        ("ИСТИНА", True),
        ("false", False),
        ("0", False),
        ("нет", False),
        ("No", False),
        ("ЛОЖЬ", False),
    ],
)
def test_bools(text: str, flag: bool) -> None:
    assert parse_bool(text) is flag


def test_markdown_lists_every_alias_and_sheet_name() -> None:
    md = alias_table_markdown()
    for sheet, columns in HEADER_ALIASES.items():
        assert f"**{sheet}**" in md
        for column, aliases in columns.items():
            assert f"`{column}`" in md
            for alias in aliases:
                assert f"«{alias}»" in md
    for aliases in SHEET_ALIASES.values():
        for alias in aliases:
            assert f"«{alias}»" in md
    for values in VALUE_ALIASES.values():
        for value, spellings in values.items():
            assert f"`{value}`" in md
            for spelling in spellings:
                assert spelling in md
