"""CSV formula injection (OWASP): which texts need a leading apostrophe, and its reverse.

A spreadsheet reads a CSV cell that begins with ``=``, ``+``, ``-``, ``@``, tab or CR as a
formula. The safe writer (:mod:`loaders.writers`) puts an apostrophe before such a text, and
before a text that already begins with an apostrophe followed by one of those (or by another
apostrophe), so that :func:`unescape_csv_cell` (applied by the CSV reader) gives back the exact
text. Kept free of heavy imports: the CSV reader uses it on every import.

Examples
--------
>>> [csv_cell(v) for v in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\\tx", "СОШ №1", -2, 3.5]]
["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\\tx", 'СОШ №1', -2, 3.5]
>>> all(unescape_csv_cell(csv_cell(s)) == s for s in ["=1", "'=1", "''", "'a", "a", ""])
True
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["ESCAPE_PATTERN", "FORMULA_START", "csv_cell", "needs_escape", "unescape_csv_cell"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ESCAPE_PATTERN = r"(?:[=+\-@\t\r]|'[=+\-@\t\r'])"
_ESCAPE_RE = re.compile(ESCAPE_PATTERN)  # used with match(): anchored at the start


def needs_escape(text: str) -> bool:
    """True when a CSV cell with this text needs the leading apostrophe.

    >>> needs_escape("=A1"), needs_escape("'=A1"), needs_escape("'A1"), needs_escape("A1")
    (True, True, False, False)
    """
    return _ESCAPE_RE.match(text) is not None


def csv_cell(value: Any) -> Any:
    """A value for a CSV cell: a text escaped when it needs it, anything else as it is."""
    if isinstance(value, str) and _ESCAPE_RE.match(value):
        return "'" + value
    return value


def unescape_csv_cell(text: str) -> str:
    """The text :func:`csv_cell` escaped (a text it did not escape comes back unchanged)."""
    if text.startswith("'") and _ESCAPE_RE.match(text, 1):
        return text[1:]
    return text
