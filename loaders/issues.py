"""Problems found in import files: where they are (file, sheet, row, column) and what is wrong.

Row numbers are the ones the user sees in Excel: the header is row 1, the first data row is
row 2. Messages are plain Russian, taken from :mod:`labels` (keys ``loaders.*``).

Examples
--------
>>> issue = ImportIssue("schools.csv", 3, "Код ОО", "обязательное значение не заполнено")
>>> str(issue)
'schools.csv, строка 3, столбец «Код ОО»: обязательное значение не заполнено'
>>> str(ImportIssue("book.xlsx", 1, None, "нет данных", sheet="Школы"))
'book.xlsx, лист «Школы», строка 1: нет данных'
"""

from __future__ import annotations

from dataclasses import dataclass

from labels import t

__all__ = ["ImportIssue", "format_issues"]


@dataclass(frozen=True)
class ImportIssue:
    """One problem: ``file`` as the user named it, ``sheet`` the workbook sheet (XLSX only),
    ``row`` as seen in Excel (None for the whole file), ``column`` the header as written in
    the file (or the expected column name when it is missing)."""

    file: str
    row: int | None
    column: str | None
    message: str
    sheet: str | None = None

    def location(self) -> str:
        parts = [self.file]
        if self.sheet is not None:
            parts.append(t("loaders.loc.sheet", sheet=self.sheet))
        if self.row is not None:
            parts.append(t("loaders.loc.row", row=self.row))
        if self.column is not None:
            parts.append(t("loaders.loc.column", column=self.column))
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"


def format_issues(issues: list[ImportIssue], limit: int | None = None) -> list[str]:
    """One line per issue, at most ``limit`` of them plus a line saying how many were left out.

    >>> lines = format_issues([ImportIssue("a.csv", r, None, "ошибка") for r in (2, 3, 4)], 2)
    >>> lines[-1]
    '… и ещё 1'
    """
    shown = issues if limit is None else issues[:limit]
    lines = [str(i) for i in shown]
    if len(issues) > len(shown):
        lines.append(t("loaders.more_issues", n=len(issues) - len(shown)))
    return lines
