"""The one rendering of import problems: where (file, sheet, row, column) and what, as text.

:mod:`loaders` reports a problem as data (``loaders.issues.ImportIssue``: file, sheet, row,
column and a :class:`~labels.message.Message` code with its parameters); services, the CLI
and the app show it through these functions, in the active language.

Examples
--------
>>> from dataclasses import dataclass
>>> @dataclass
... class Issue:
...     file: str
...     row: int | None
...     column: str | None
...     text: Message
...     sheet: str | None = None
>>> issue_text(Issue("schools.csv", 3, "Код ОО", Message("loaders.value.required")))
'schools.csv, строка 3, столбец «Код ОО»: обязательное значение не заполнено'
>>> issue_text(Issue("book.xlsx", 1, None, Message("loaders.sheet.empty"), sheet="Школы"))
'book.xlsx, лист «Школы», строка 1: лист пустой: в нём нет даже строки заголовков'
>>> issue_lines([Issue("a.csv", r, None, Message("loaders.sheet.empty")) for r in (2, 3, 4)], 2)[-1]
'… и ещё 1'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from labels import t
from labels.message import Message, render

__all__ = ["IssueLike", "issue_lines", "issue_location", "issue_message", "issue_text"]


class IssueLike(Protocol):
    @property
    def file(self) -> str: ...
    @property
    def sheet(self) -> str | None: ...
    @property
    def row(self) -> int | None: ...
    @property
    def column(self) -> str | None: ...
    @property
    def text(self) -> Message | str: ...


def issue_location(issue: IssueLike) -> str:
    """«file, лист «…», строка N, столбец «…»» (the parts that are known)."""
    parts = [issue.file]
    if issue.sheet is not None:
        parts.append(t("loaders.loc.sheet", sheet=issue.sheet))
    if issue.row is not None:
        parts.append(t("loaders.loc.row", row=issue.row))
    if issue.column is not None:
        parts.append(t("loaders.loc.column", column=issue.column))
    return ", ".join(parts)


def issue_message(issue: IssueLike) -> str:
    """What is wrong, without where."""
    return render(issue.text)


def issue_text(issue: IssueLike) -> str:
    return f"{issue_location(issue)}: {issue_message(issue)}"


def issue_lines(issues: Sequence[IssueLike], limit: int | None = None) -> list[str]:
    """One line per issue, at most ``limit`` of them plus a line saying how many were left out."""
    shown = issues if limit is None else issues[:limit]
    lines = [issue_text(i) for i in shown]
    if len(issues) > len(shown):
        lines.append(t("loaders.more_issues", n=len(issues) - len(shown)))
    return lines
