"""The error a user can act on, raised by services with a Russian message."""

from __future__ import annotations

__all__ = ["UserError"]


class UserError(Exception):
    """Bad input or a request that cannot be fulfilled; the message is shown as is."""
