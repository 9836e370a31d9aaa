"""Problems found in import files: where they are (file, sheet, row, column) and what is wrong.

Row numbers are the ones the user sees in Excel: the header is row 1, the first data row is
row 2. What is wrong is a code with parameters (:class:`labels.message.Message`, a key of the
catalogues ``loaders.*``, ``hostile.*``, ``maps.*``); services, the CLI and the app render it
through :mod:`labels.import_issues` (``str()`` and ``message`` do the same, for convenience).

Examples
--------
>>> issue = ImportIssue("schools.csv", 3, "Код ОО", Message("loaders.value.required"))
>>> issue.code, issue.params
('loaders.value.required', {})
>>> str(issue)
'schools.csv, строка 3, столбец «Код ОО»: обязательное значение не заполнено'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from labels.import_issues import issue_lines, issue_location, issue_message, issue_text
from labels.message import Message

__all__ = ["ImportIssue", "Message", "format_issues"]


@dataclass(frozen=True)
class ImportIssue:
    """One problem: ``file`` as the user named it, ``sheet`` the workbook sheet (XLSX only),
    ``row`` as seen in Excel (None for the whole file), ``column`` the header as written in
    the file (or the expected column name when it is missing), ``text`` the code of what is
    wrong with its parameters."""

    file: str
    row: int | None
    column: str | None
    text: Message
    sheet: str | None = None

    @property
    def code(self) -> str:
        return self.text.key

    @property
    def params(self) -> dict[str, Any]:
        return self.text.params

    @property
    def message(self) -> str:
        """What is wrong, rendered in the active language."""
        return issue_message(self)

    def location(self) -> str:
        return issue_location(self)

    def __str__(self) -> str:
        return issue_text(self)


def format_issues(issues: Sequence[ImportIssue], limit: int | None = None) -> list[str]:
    """Rendered lines, at most ``limit`` (:func:`labels.import_issues.issue_lines`)."""
    return issue_lines(issues, limit)
