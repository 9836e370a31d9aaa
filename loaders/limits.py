"""What an import may hold: sizes the readers refuse to inflate, and texts the store keeps.

Every limit is stated here once; readers, the validator, the CLI and the app read them from
here and name them in their messages. Checks are plain functions of one value returning a
problem code (or None), so they can be applied cell by cell or vectorised later.

- A file is at most :data:`MAX_FILE_MB` megabytes (``SCHOOLNET_MAX_UPLOAD_MB`` changes it).
  The app lets Streamlit take files up to :func:`upload_ceiling_mb` (twice that), so that a
  file over the limit reaches the app and is refused with its own message.
- An XLSX workbook unzips to at most :data:`MAX_UNZIPPED_MB` megabytes, and no text inside it
  runs longer than :data:`MAX_XML_RUN` bytes: a "zip bomb" is refused before it is inflated.
- A cell holds at most :data:`MAX_CELL_CHARS` characters (Excel's own limit), a text cell at
  most :data:`MAX_TEXT_CHARS`, an id at most :data:`MAX_ID_CHARS`.
- Numbers are finite; whole numbers fit in 64 bits (the stores' integer type).
- No text holds control characters (NUL and the like: the XLSX and GraphML exports could not
  write them; a tab and a line break are text); names hold no invisible characters either
  (zero-width spaces, joiners, direction marks), and ids hold neither those nor tabs and line
  breaks, so two ids or names that look the same are the same.

Examples
--------
>>> text_problem("СОШ №1", "id") is None
True
>>> text_problem("10\\u200b1", "id")
('invisible', 'U+200B', 3)
>>> text_problem("а\\x00б", "text")
('control', 'U+0000', 2)
>>> text_problem("строка\\nс переводом", "name"), text_problem("1\\n2", "id")
(None, ('control', 'U+000A', 2))
>>> int_fits(2**63 - 1), int_fits(2**63)
(True, False)
"""

from __future__ import annotations

import os
import unicodedata
from functools import lru_cache
from typing import Literal

__all__ = [
    "INT_MAX",
    "INT_MIN",
    "MAX_CELL_CHARS",
    "MAX_FILE_MB",
    "MAX_ID_CHARS",
    "MAX_TEXT_CHARS",
    "MAX_UNZIPPED_MB",
    "MAX_XML_RUN",
    "TextKind",
    "char_name",
    "int_fits",
    "max_file_bytes",
    "max_file_mb",
    "text_problem",
    "upload_ceiling_mb",
]

MAX_FILE_MB = 200
"""Default largest file (and app upload), in megabytes; ``SCHOOLNET_MAX_UPLOAD_MB`` overrides."""
MAX_UNZIPPED_MB = 1024
"""Largest total unzipped size of an XLSX workbook, in megabytes."""
MAX_CELL_CHARS = 32_767
"""Longest cell (Excel's own limit, so an accepted cell always exports back to XLSX)."""
MAX_TEXT_CHARS = 2_000
"""Longest text cell (a name, a title, a comment)."""
MAX_ID_CHARS = 100
"""Longest id (and municipality or region name: they are ids of their nodes)."""
MAX_XML_RUN = 256 * 1024
"""Longest run of bytes without markup in an XLSX part; anything longer cannot be a cell of at
most :data:`MAX_CELL_CHARS` characters (4 bytes each at most, with room for escapes)."""
INT_MAX = 2**63 - 1
INT_MIN = -(2**63)


def max_file_mb() -> int:
    """The largest file in megabytes: ``SCHOOLNET_MAX_UPLOAD_MB`` or :data:`MAX_FILE_MB`.

    >>> os.environ["SCHOOLNET_MAX_UPLOAD_MB"] = "5"; max_file_mb()
    5
    >>> del os.environ["SCHOOLNET_MAX_UPLOAD_MB"]; max_file_mb() == MAX_FILE_MB
    True
    """
    raw = os.environ.get("SCHOOLNET_MAX_UPLOAD_MB", "").strip()
    try:
        value = int(raw) if raw else MAX_FILE_MB
    except ValueError:
        return MAX_FILE_MB
    return value if value > 0 else MAX_FILE_MB


def max_file_bytes() -> int:
    return max_file_mb() * 1024 * 1024


def upload_ceiling_mb() -> int:
    """What the app's web server accepts at most (Streamlit's ``server.maxUploadSize``): twice
    :func:`max_file_mb`. A file between the two reaches the app, which refuses it in the
    user's language; only a larger one meets Streamlit's own (English) refusal in the browser.
    The server holds an upload in memory, so this is also its bound per file.

    >>> os.environ["SCHOOLNET_MAX_UPLOAD_MB"] = "5"; upload_ceiling_mb()
    10
    >>> del os.environ["SCHOOLNET_MAX_UPLOAD_MB"]
    """
    return 2 * max_file_mb()


def int_fits(value: int) -> bool:
    """Whether a whole number fits the stores' 64-bit integers."""
    return INT_MIN <= value <= INT_MAX


TextKind = Literal["id", "name", "text"]
_SOFT_CONTROLS = frozenset("\t\n")  # text in a name or a comment, but not in an id


@lru_cache(maxsize=4096)
def _kind(ch: str, kind: TextKind) -> str | None:
    cat = unicodedata.category(ch)
    if cat == "Cc":
        return None if kind != "id" and ch in _SOFT_CONTROLS else "control"
    if cat == "Cs" or ch in ("\ufffe", "\uffff"):
        return "control"
    if kind != "text" and (cat in ("Cf", "Zl", "Zp") or ch in _FILLERS):
        return "invisible"
    return None


_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")  # Hangul fillers: letters that show nothing


def text_problem(text: str, kind: TextKind) -> tuple[str, str, int] | None:
    """The first character a stored text may not hold: (code, «U+XXXX», 1-based position).

    Codes: ``control`` (any text) or ``invisible`` (ids and names: zero-width spaces and
    joiners, direction marks, soft hyphens, line and paragraph separators).
    """
    if text.isprintable():
        # False for every Cc, Cf, Cs, Zl and Zp character (and spaces other than " "): True
        # means nothing to refuse.
        return None
    for pos, ch in enumerate(text, start=1):
        found = _kind(ch, kind)
        if found is not None:
            return found, f"U+{ord(ch):04X}", pos
    return None


def char_name(code_point: str) -> str:
    """The Unicode name of «U+XXXX» (or the code point itself when it has none).

    >>> char_name("U+200B")
    'ZERO WIDTH SPACE'
    """
    try:
        return unicodedata.name(chr(int(code_point[2:], 16)))
    except ValueError:
        return code_point
