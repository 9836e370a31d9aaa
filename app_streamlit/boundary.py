"""The app's error boundary: no user ever sees a traceback or a server path.

Every page runs inside :func:`run_page`. An error the user can act on (the store is unreachable,
a bad request) is shown as its Russian message. Anything else is an incident: the page shows a
short Russian message with an incident code, and the traceback goes to the server log
(``schoolnet.app`` logger, stderr of the server) with the same code, so an administrator can
find it. Button callbacks run before the page, outside it: :func:`guard` wraps them the same
way and the next run shows their message.

``SCHOOLNET_FAIL_PAGE=<url path>`` (``overview`` for the start page) makes that page fail on
purpose, to check the error handling of a deployment (and in the browser test).
"""

from __future__ import annotations

import logging
import os
import secrets
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec

import streamlit as st

from graph.store import StoreError
from labels import t
from queries.base import QueryError
from services.errors import UserError

__all__ = ["FAIL_PAGE_ENV", "guard", "incident", "log", "run_page", "show_pending"]

FAIL_PAGE_ENV = "SCHOOLNET_FAIL_PAGE"
_PENDING = "_schoolnet_pending_errors"
P = ParamSpec("P")

log = logging.getLogger("schoolnet.app")
if not log.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_handler)
    log.setLevel(logging.INFO)
    log.propagate = False


def incident(exc: BaseException, where: str) -> str:
    """Log ``exc`` with its traceback under a new incident code; return the user's message."""
    code = secrets.token_hex(4).upper()
    log.error("incident %s on %s: %s", code, where, type(exc).__name__, exc_info=exc)
    return t("errors.page", code=code)


def user_message(exc: BaseException) -> str | None:
    """The Russian message of an error the user can act on; None for an internal error."""
    if isinstance(exc, StoreError):
        return t("errors.store", message=str(exc))
    if isinstance(exc, UserError | QueryError):
        return str(exc)
    return None


def run_page(page: Any, name: str) -> None:
    """Run a ``st.navigation`` page; any error becomes a message (``name``: its url path)."""
    show_pending()
    top = st.empty()  # the message goes above the page, where it is seen without scrolling
    try:
        page.run()
        if os.environ.get(FAIL_PAGE_ENV) == name:  # after the page has drawn what it could
            raise RuntimeError(f"{FAIL_PAGE_ENV}={name}: {t('errors.demo_failure')}")
    except Exception as exc:  # st.stop() and st.rerun() are BaseExceptions: they pass
        message = user_message(exc)
        top.error(message if message is not None else incident(exc, f"page {name}"))


def guard(action: Callable[P, None]) -> Callable[P, None]:
    """Wrap a widget callback: an error is kept and shown by the next run of the page."""

    @wraps(action)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            action(*args, **kwargs)
        except Exception as exc:
            message = user_message(exc)
            if message is None:
                message = incident(exc, f"callback {getattr(action, '__name__', '?')}")
            st.session_state.setdefault(_PENDING, []).append(message)

    return run


def show_pending() -> None:
    """Show the messages of callbacks that failed before this run."""
    for message in st.session_state.pop(_PENDING, []):
        st.error(message)
