"""Russian names accepted in import files: column headers, sheet and file names, enum values.

Matching ignores case, surrounding spaces, repeated spaces, «_» versus a space and «ё» versus
«е»: «Код ОО», « код оо » and «КОД  ОО» are the same header, and so are ``school_id`` and
``School ID``. English column and sheet names are always accepted as well.

Values of closed lists (enums) may be given in English or in Russian, and booleans as
``true/false``, ``1/0``, ``yes/no``, ``да/нет``, ``истина/ложь`` or ``+/-``; :data:`VALUE_ALIASES`
and :data:`TRUE_VALUES` / :data:`FALSE_VALUES` list them. :func:`alias_table_markdown` renders all
of it for the README.

Examples
--------
>>> resolve_header("schools", " Код ОО ")
'school_id'
>>> resolve_header("events", "Название"), resolve_header("schools", "Название")
('title', 'name')
>>> resolve_header("results", "Число участников"), resolve_header("results", "School ID")
('participants', 'school_id')
>>> resolve_sheet("Педагоги"), resolve_sheet("SCHOOLS"), resolve_sheet("Лист1") is None
('teachers', 'schools', True)
>>> resolve_enum(SettlementType, "Посёлок"), resolve_enum(SettlementType, "мегаполис") is None
('town', True)
>>> parse_bool("Да"), parse_bool("0"), parse_bool("может быть") is None
(True, False, True)
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache

from graph.model import (
    EventFormat,
    EventKind,
    Indicator,
    Level,
    Metric,
    PartnershipStatus,
    Periodicity,
    RoadmapStatus,
    Role,
    SettlementType,
    TravelMode,
)
from loaders.sheets import SHEETS, ColType

__all__ = [
    "FALSE_VALUES",
    "HEADER_ALIASES",
    "MUNICIPALITY_KINDS",
    "SHEET_ALIASES",
    "TRUE_VALUES",
    "VALUE_ALIASES",
    "alias_table_markdown",
    "header_aliases",
    "normalize",
    "parse_bool",
    "resolve_enum",
    "resolve_header",
    "resolve_sheet",
    "sheet_title_ru",
]

_SPACES = re.compile(r"[\s_]+")


def normalize(text: str) -> str:
    """The form names are compared in: lower case, «ё» → «е», spaces and «_» collapsed.

    >>> normalize("  Доля  малоимущих семей, % ")
    'доля малоимущих семей, %'
    >>> normalize("Тип населённого_пункта") == normalize("тип населенного пункта")
    True
    """
    text = text.replace("\ufeff", "").replace("ё", "е").replace("Ё", "Е")
    return _SPACES.sub(" ", text).strip().lower()


# Reused alias groups: a school code reads the same in every sheet.
_SCHOOL = ("Код ОО", "Код школы", "Код образовательной организации", "ID школы")
_TEACHER = ("Код педагога", "Код учителя", "ID педагога", "Идентификатор педагога")
_ASSOC = ("Код объединения", "ID объединения")
_EVENT = ("Код мероприятия", "ID мероприятия")
_MUNI = ("Муниципалитет", "Муниципальное образование", "Район", "Муниципальный район")
_PAIR = ("Код пары", "Код сетевой пары", "Сетевая пара", "Пара")
_TUTOR = ("Школа-тьютор", "Код школы-тьютора", "Тьютор")
_ROADMAP = ("Код мероприятия дорожной карты", "Пункт дорожной карты", "Дорожная карта")
_MENTEE = (
    "Школа-наставляемая",
    "Наставляемая школа",
    "Код наставляемой школы",
    "Подшефная школа",
)

HEADER_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "schools": {
        "school_id": _SCHOOL,
        "name": ("Наименование", "Наименование ОО", "Название", "Название школы"),
        "municipality": (*_MUNI, "МО"),
        "region": ("Регион", "Субъект РФ", "Субъект"),
        "settlement_type": ("Тип населённого пункта", "Тип поселения", "Местность"),
        "level": ("Уровень образования", "Уровень", "Тип школы"),
        "lat": ("Широта",),
        "lon": ("Долгота",),
        "students": (
            "Число обучающихся",
            "Количество обучающихся",
            "Обучающихся",
            "Число учащихся",
        ),
        "teachers": ("Число педагогов", "Количество педагогов", "Педагогов", "Число учителей"),
        "share_low_income": (
            "Доля малоимущих семей, %",
            "Доля малоимущих семей",
            "Доля малоимущих, %",
        ),
        "share_parents_higher_ed": (
            "Доля родителей с высшим образованием, %",
            "Доля родителей с высшим образованием",
        ),
        "share_special_needs": (
            "Доля обучающихся с ОВЗ, %",
            "Доля обучающихся с ОВЗ",
            "Доля детей с ОВЗ, %",
        ),
        "share_non_native": (
            "Доля обучающихся с неродным русским языком, %",
            "Доля обучающихся с неродным русским языком",
            "Доля детей, для которых русский язык неродной, %",
        ),
        "share_single_parent": ("Доля неполных семей, %", "Доля неполных семей"),
        "social_index": ("Индекс социального благополучия", "Социальный индекс"),
        "official_low_results": ("ШНОР", "В списке ШНОР"),
        "official_unfavourable": ("ШНСУ", "В списке ШНСУ"),
        "official_tutor": ("Школа-тьютор", "Опорная школа", "В списке школ-тьюторов"),
        "tutor_capacity": (
            "Сколько школ может сопровождать",
            "Вместимость тьютора",
            "Число партнёров тьютора",
        ),
    },
    "results": {
        "school_id": _SCHOOL,
        "year": ("Год",),
        "assessment": ("Оценочная процедура", "Процедура", "Экзамен"),
        "subject": ("Предмет", "Учебный предмет"),
        "grade": ("Класс", "Параллель"),
        "metric": ("Показатель",),
        "value": ("Значение",),
        "participants": ("Участников", "Число участников", "Количество участников"),
    },
    "teachers": {
        "teacher_id": _TEACHER,
        "full_name": ("ФИО", "ФИО педагога", "Ф.И.О."),
        "school_id": _SCHOOL,
        "subjects": ("Предметы", "Преподаваемые предметы"),
        "category": ("Категория", "Квалификационная категория"),
        "experience_years": ("Стаж", "Стаж, лет", "Педагогический стаж"),
        "deficits": ("Дефициты", "Профессиональные дефициты"),
    },
    "curators": {
        "curator_id": ("Код куратора", "ID куратора"),
        "full_name": ("ФИО", "ФИО куратора", "Ф.И.О."),
        "organisation": ("Организация", "Место работы"),
        "schools": ("Школы", "Курируемые школы", "Коды школ"),
        "since": ("Курирует с", "Дата назначения"),
    },
    "associations": {
        "association_id": _ASSOC,
        "name": ("Наименование", "Название", "Название объединения"),
        "kind": ("Вид", "Тип", "Вид объединения"),
        "subject": ("Предмет",),
        "municipality": _MUNI,
    },
    "memberships": {
        "teacher_id": _TEACHER,
        "association_id": _ASSOC,
    },
    "events": {
        "event_id": _EVENT,
        "title": ("Название", "Наименование", "Тема"),
        "kind": ("Вид", "Вид мероприятия", "Тип мероприятия"),
        "date": ("Дата", "Дата проведения"),
        "subject": ("Предмет",),
        "format": ("Формат", "Форма проведения"),
        "organizer_id": ("Организатор", "Код организатора"),
        "municipality": _MUNI,
        "partnership_id": _PAIR,
        "roadmap_item_id": _ROADMAP,
    },
    "participation": {
        "event_id": _EVENT,
        "teacher_id": _TEACHER,
        "role": ("Роль",),
    },
    "partnerships": {
        "partnership_id": _PAIR,
        "tutor_school_id": _TUTOR,
        "mentee_school_id": _MENTEE,
        "status": ("Статус",),
        "start_date": ("Дата начала", "Начало"),
        "end_date": ("Дата окончания", "Окончание"),
        "focus_subjects": ("Предметы", "Предметы сотрудничества"),
    },
    "mentoring": {
        "mentor_id": ("Наставник", "Код наставника"),
        "mentee_id": ("Наставляемый", "Код наставляемого"),
        "since": ("С даты", "Дата начала"),
    },
    "excluded_pairs": {
        "tutor_school_id": _TUTOR,
        "mentee_school_id": _MENTEE,
        "reason": ("Причина",),
        "date": ("Дата",),
    },
    "staffing": {
        "school_id": _SCHOOL,
        "year": ("Год", "Учебный год"),
        "positions": ("Штатных единиц", "Ставок по штату", "Число ставок"),
        "filled": ("Занято ставок", "Укомплектовано ставок", "Занято"),
        "vacancies": ("Вакансий", "Число вакансий", "Вакансии"),
        "vacancy_subjects": ("Вакансии по предметам", "Предметы вакансий"),
        "psychologists": ("Педагог-психолог", "Педагогов-психологов", "Психолог"),
        "speech_therapists": ("Учитель-логопед", "Логопед", "Логопедов"),
        "defectologists": ("Учитель-дефектолог", "Дефектолог", "Дефектологов"),
        "social_pedagogues": ("Социальный педагог", "Социальных педагогов"),
    },
    "targets": {
        "indicator": ("Показатель", "Индикатор", "Целевой показатель"),
        "municipality": (*_MUNI, "МО"),
        "year": ("Год", "Учебный год"),
        "value": ("Целевое значение", "Значение", "План"),
    },
    "roadmap": {
        "item_id": ("Код мероприятия", "№", "Номер", "Код пункта"),
        "activity": ("Мероприятие", "Наименование мероприятия", "Содержание"),
        "section": ("Раздел", "Направление"),
        "deadline": ("Срок", "Срок исполнения", "Срок выполнения"),
        "periodicity": ("Периодичность",),
        "responsible": ("Ответственный", "Ответственные", "Ответственный исполнитель"),
        "expected_result": ("Ожидаемый результат", "Результат"),
        "status": ("Статус", "Отметка о выполнении"),
        "municipality": _MUNI,
    },
    "travel_times": {
        "school_id": ("Код ОО", "Код школы", "Откуда", "Код первой школы"),
        "other_school_id": ("Код ОО 2", "Куда", "Код второй школы", "Вторая школа"),
        "minutes": ("Минут", "Время в пути, мин", "Время, мин", "Время в пути"),
        "mode": ("Способ", "Вид транспорта", "Транспорт"),
    },
}
"""Russian headers accepted for each column, per sheet; the first one is the preferred one."""

SHEET_ALIASES: dict[str, tuple[str, ...]] = {
    "schools": ("Школы", "Образовательные организации", "ОО"),
    "results": ("Результаты", "Результаты оценочных процедур"),
    "teachers": ("Педагоги", "Учителя"),
    "curators": ("Кураторы",),
    "associations": ("Объединения", "Методические объединения"),
    "memberships": ("Членство", "Членство в объединениях", "Участие в объединениях"),
    "events": ("Мероприятия", "События"),
    "participation": ("Участие в мероприятиях", "Участники мероприятий", "Участие"),
    "partnerships": ("Пары", "Сетевые пары", "Партнёрства"),
    "mentoring": ("Наставничество",),
    "excluded_pairs": ("Исключённые пары", "Отклонённые пары"),
    "staffing": ("Кадры", "Кадровое обеспечение", "Укомплектованность"),
    "targets": ("Целевые показатели", "Плановые значения"),
    "roadmap": ("Дорожная карта", "План мероприятий"),
    "travel_times": ("Время в пути", "Время доезда", "Транспортная доступность"),
}
"""Russian sheet names (XLSX sheets) and file names (CSV files, without ``.csv``)."""

VALUE_ALIASES: dict[type[StrEnum], dict[str, tuple[str, ...]]] = {
    SettlementType: {
        "city": ("город", "г."),
        "town": ("посёлок", "пгт", "посёлок городского типа", "рабочий посёлок"),
        "village": ("село", "деревня", "сельский населённый пункт", "станица", "аул"),
    },
    Level: {
        "primary": ("начальная", "НОШ", "начальная школа"),
        "basic": ("основная", "ООШ", "основная школа"),
        "secondary": ("средняя", "СОШ", "средняя школа"),
        "evening": ("вечерняя", "вечерняя (сменная)", "В(С)ОШ"),
        "other": ("другое", "иное", "прочее"),
    },
    Metric: {
        "mean_score": ("средний балл", "средняя отметка"),
        "pass_rate": ("доля справившихся", "успеваемость", "доля сдавших"),
        "low_share": ("доля неудовлетворительных", "доля «2»", "доля ниже минимума"),
        "high_share": ("доля «4» и «5»", "доля высоких результатов", "качество знаний"),
    },
    EventKind: {
        "seminar": ("семинар",),
        "master_class": ("мастер-класс",),
        "webinar": ("вебинар",),
        "round_table": ("круглый стол",),
        "open_lesson": ("открытый урок",),
        "course": ("курсы", "курсы ПК", "курсы повышения квалификации", "КПК"),
        "conference": ("конференция",),
        "consultation": ("консультация", "визит", "консультация/визит"),
    },
    EventFormat: {
        "online": ("онлайн", "дистанционно", "дистанционный"),
        "offline": ("очно", "очный", "офлайн"),
    },
    Role: {
        "participant": ("участник", "слушатель"),
        "speaker": ("выступающий", "докладчик", "спикер"),
        "organizer": ("организатор",),
    },
    PartnershipStatus: {
        "proposed": ("предложена", "предложено"),
        "agreed": ("согласована", "согласовано"),
        "active": ("действует", "активна", "активно"),
        "paused": ("приостановлена", "приостановлено", "на паузе"),
        "closed": ("завершена", "завершено", "закрыта", "закрыто"),
    },
    Indicator: {
        "trained_teachers": ("доля педагогов, прошедших повышение квалификации", "КПК"),
        "gia_pass_unfavourable": ("доля обучающихся ШНСУ, успешно прошедших ГИА", "ГИА"),
        "low_improved": ("доля ШНОР, улучшивших результаты", "рост результатов"),
        "staffing_filled": ("укомплектованность кадрами", "укомплектованность"),
        "specialists_present": ("наличие узких специалистов", "узкие специалисты"),
        "low_in_working_pair": ("доля ШНОР в сетевом партнёрстве", "сетевое партнёрство"),
        "municipalities_engaged": ("доля вовлечённых муниципалитетов", "вовлечённость МО"),
        "exchange_events": ("семинары и вебинары по обмену опытом", "семинары"),
    },
    Periodicity: {
        "once": ("однократно", "разово"),
        "monthly": ("ежемесячно",),
        "quarterly": ("ежеквартально",),
        "semiannual": ("два раза в год", "раз в полугодие", "по полугодиям"),
        "annual": ("ежегодно", "раз в год"),
    },
    RoadmapStatus: {
        "planned": ("запланировано", "не начато"),
        "in_progress": ("в работе", "выполняется"),
        "done": ("выполнено", "исполнено"),
        "cancelled": ("отменено",),
    },
    TravelMode: {
        "road": ("по дороге", "автомобиль", "дорога", "автомобильным транспортом"),
        "public_transport": ("общественный транспорт", "автобус", "рейсовый автобус"),
    },
}
"""Russian spellings accepted for each value of a closed list (the first one is shown in help)."""

TRUE_VALUES: tuple[str, ...] = ("true", "1", "yes", "да", "истина", "+")
FALSE_VALUES: tuple[str, ...] = ("false", "0", "no", "нет", "ложь", "-")


@cache
def _header_index(sheet: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for column in SHEETS[sheet].column_names:
        index[normalize(column)] = column
    for column, aliases in HEADER_ALIASES[sheet].items():
        for alias in aliases:
            index.setdefault(normalize(alias), column)
    return index


def resolve_header(sheet: str, header: str) -> str | None:
    """The column a header names in ``sheet`` (English name or Russian alias), or None."""
    return _header_index(sheet).get(normalize(header))


def header_aliases(sheet: str, column: str) -> tuple[str, ...]:
    """The Russian headers accepted for a column."""
    return HEADER_ALIASES[sheet].get(column, ())


@cache
def _sheet_index() -> dict[str, str]:
    index = {normalize(name): name for name in SHEETS}
    for name, aliases in SHEET_ALIASES.items():
        for alias in aliases:
            index.setdefault(normalize(alias), name)
    return index


def resolve_sheet(name: str) -> str | None:
    """The sheet a sheet or file name (without extension) stands for, or None."""
    return _sheet_index().get(normalize(name))


def sheet_title_ru(sheet: str) -> str:
    """The preferred Russian name of a sheet."""
    return SHEET_ALIASES[sheet][0]


def _value_key(text: str) -> str:
    return normalize(text).replace("-", " ")


@cache
def _enum_index(enum: type[StrEnum]) -> dict[str, str]:
    index = {_value_key(m.value): m.value for m in enum}
    for value, aliases in VALUE_ALIASES.get(enum, {}).items():
        for alias in aliases:
            index.setdefault(_value_key(alias), value)
    return index


def resolve_enum(enum: type[StrEnum], text: str) -> str | None:
    """The canonical value a cell names (English or Russian spelling), or None."""
    return _enum_index(enum).get(_value_key(text))


_BOOLS = {**{v: True for v in TRUE_VALUES}, **{v: False for v in FALSE_VALUES}}


def parse_bool(text: str) -> bool | None:
    """True / False for a recognised spelling, None otherwise."""
    return _BOOLS.get(normalize(text))


def _type_note(sheet: str, column: str) -> str:
    col = SHEETS[sheet].column(column)
    if col.type is ColType.enum and col.enum is not None:
        ru = VALUE_ALIASES.get(col.enum, {})
        return "; ".join(f"`{v}` ({', '.join(ru.get(v, ())) or '—'})" for v in col.allowed())
    if col.type is ColType.bool:
        return "да/нет"
    return col.type.value


def alias_table_markdown() -> str:
    """The alias table as Markdown: sheet names, then every column with its Russian headers.

    >>> md = alias_table_markdown()
    >>> "| `school_id` | «Код ОО», «Код школы»" in md and "«Школы»" in md
    True
    """
    lines = ["| sheet (file) | Russian names |", "|---|---|"]
    for sheet in SHEETS:
        lines.append(f"| `{sheet}` | {', '.join(f'«{a}»' for a in SHEET_ALIASES[sheet])} |")
    for sheet, spec in SHEETS.items():
        lines += [
            "",
            f"**{sheet}** ({sheet_title_ru(sheet)})",
            "",
            "| column | Russian headers | type / values | required |",
            "|---|---|---|---|",
        ]
        for col in spec.columns:
            aliases = ", ".join(f"«{a}»" for a in header_aliases(sheet, col.name)) or "—"
            required = "yes" if col.required else ""
            lines.append(
                f"| `{col.name}` | {aliases} | {_type_note(sheet, col.name)} | {required} |"
            )
    lines += [
        "",
        "Booleans: "
        + ", ".join(TRUE_VALUES)
        + " → true; "
        + ", ".join(FALSE_VALUES)
        + " → false; empty → false.",
    ]
    return "\n".join(lines) + "\n"


# --- municipality names (boundary files) ---------------------------------------------------------
MUNICIPALITY_KINDS: dict[str, tuple[str, ...]] = {
    # canonical kind → the ways it is written (already normalized: lower case, «ё» → «е»).
    "район": ("муниципальный район", "район", "р-н", "р-он", "р.н.", "рн", "м.р.", "мр"),
    "городской округ": ("городской округ", "г.о.", "го", "гор. округ"),
    "муниципальный округ": ("муниципальный округ", "м.о.", "мо"),
    "город": ("город", "гор.", "г."),
    "поселение": ("городское поселение", "сельское поселение", "поселение", "г.п.", "с.п."),
}
"""Kinds of municipality as written in names: «Иволгинский р-н» is «Иволгинский район»."""
