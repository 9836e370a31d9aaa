"""Words kept as codes until shown: a catalogue key with its parameters, and its one rendering.

Lower layers (``loaders/``) return :class:`Message` values instead of sentences: the key of a
template in the catalogues and the parameters it needs, compared as data in tests. Services,
the CLI and the app turn them into text of the active language with :func:`render` (a nested
:class:`Message` parameter is rendered in place, e.g. the «where» of a duplicate row).

Examples
--------
>>> m = Message("loaders.value.not_number", value="abc")
>>> m
Message('loaders.value.not_number', value='abc')
>>> m.key, m.params
('loaders.value.not_number', {'value': 'abc'})
>>> render(m)
'ожидается число, а указано «abc»'
>>> render(Message("loaders.row.duplicate_id", id="1",
...                     where=Message("loaders.loc.other_row", row=2)))
'повторяется код «1»: он уже есть в строке 2'
>>> from labels import set_language
>>> set_language("en"); render(m); set_language("ru")
'a number is expected, got “abc”'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from labels import t

__all__ = ["Coded", "Message", "render"]


@dataclass(frozen=True, init=False)
class Coded:
    """A code and its parameters, hashable and comparable as data (``args`` sorted by name).

    The base of :class:`Message` (a full catalogue key) and :class:`labels.reasons.Reason` (a
    code of the analysis, rendered within an area); a value compares equal only to its own kind.
    """

    key: str
    args: tuple[tuple[str, Any], ...]

    def __init__(self, key: str, /, **params: Any) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "args", tuple(sorted(params.items())))

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.args)

    def __repr__(self) -> str:
        inner = "".join(f", {k}={v!r}" for k, v in self.args)
        return f"{type(self).__name__}({self.key!r}{inner})"


class Message(Coded):
    """A catalogue key and its parameters (rendered by :func:`render`)."""

    def __str__(self) -> str:
        return render(self)


def render(message: Message | str) -> str:
    """The text of ``message`` in the active language (a plain string is returned as is)."""
    if isinstance(message, str):
        return message
    params = {k: render(v) if isinstance(v, Message) else v for k, v in message.args}
    return t(message.key, **params)
