"""Every user-facing string, by key, in one place: Russian UI, English one switch away.

Messages live in per-area modules (``ui_ru``, ``analysis_ru``, ``loaders_ru``, …), each a dict of
key → template for ``str.format``. ``t(key, **kw)`` looks a key up in the active language and falls
back to Russian, then to the key itself, so a missing message is visible but never fatal.

Examples
--------
>>> t("lang.name")
'Русский'
>>> set_language("en"); t("lang.name"); set_language("ru")
'English'
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

__all__ = ["available_languages", "get_language", "messages", "set_language", "t"]

_LANG = "ru"
_CACHE: dict[str, dict[str, str]] = {}


def _load(lang: str) -> dict[str, str]:
    if lang not in _CACHE:
        merged: dict[str, str] = {}
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
            if info.name.endswith(f"_{lang}"):
                mod = importlib.import_module(f"{__name__}.{info.name}")
                merged.update(mod.MESSAGES)
        _CACHE[lang] = merged
    return _CACHE[lang]


def available_languages() -> list[str]:
    return ["ru", "en"]


def set_language(lang: str) -> None:
    global _LANG
    if lang not in available_languages():
        raise ValueError(f"unknown language {lang!r}")
    _LANG = lang


def get_language() -> str:
    return _LANG


def messages(lang: str | None = None) -> dict[str, str]:
    """All messages of a language (merged from every area module)."""
    return _load(lang or _LANG)


def t(key: str, /, **kw: Any) -> str:
    """The message ``key`` in the active language, formatted with ``kw``."""
    template = _load(_LANG).get(key) or _load("ru").get(key) or key
    return template.format(**kw) if kw else template
