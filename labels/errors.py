"""Errors as codes: the layers below the services raise a code and its parameters, never text.

A subclass names the catalogue area of its messages (``area = "store"`` → ``store.<code>``);
``str()`` renders the message in the active language when the CLI or the app shows it, so the
raising layer never calls the translator itself.

>>> class StoreProblem(CodedError):
...     area = "store"
>>> err = StoreProblem("tx_closed")
>>> err.code, err.params, str(err)
('tx_closed', {}, 'транзакция уже завершена')
"""

from __future__ import annotations

from typing import Any, ClassVar

from labels import t

__all__ = ["CodedError"]


class CodedError(Exception):
    """An error as a message code of ``area`` and its parameters."""

    area: ClassVar[str] = ""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return t(f"{self.area}.{self.code}", **self.params)
