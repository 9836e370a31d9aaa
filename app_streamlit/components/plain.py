"""Texts from the data shown as plain text where Streamlit renders Markdown.

``st.header``, ``st.markdown``, ``st.caption``, alerts and metric labels read their text as
Markdown: a school named ``[Госуслуги: войдите](http://evil.example/login)`` would become a
link, ``**x**`` bold text and ``:red[x]`` coloured text. :func:`md_plain` escapes every ASCII
punctuation character with a backslash (CommonMark's escape, which Streamlit honours), so the
visible text is the name exactly as written.

Examples
--------
>>> md_plain("[Госуслуги](http://evil.example)")
'\\\\[Госуслуги\\\\]\\\\(http\\\\:\\\\/\\\\/evil\\\\.example\\\\)'
>>> md_plain("СОШ №1")
'СОШ №1'
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["md_plain"]

_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def md_plain(value: Any) -> str:
    """``value`` as Markdown that shows exactly its text (line breaks become spaces)."""
    text = "" if value is None else str(value)
    return _PUNCT.sub(r"\\\1", " ".join(text.splitlines()))
