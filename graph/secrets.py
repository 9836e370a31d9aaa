"""Connection strings as they may be shown: a password in a URI never reaches a message.

Examples
--------
>>> mask_uri("neo4j+s://admin:s3cret@db.example:7687/x")
'neo4j+s://admin:***@db.example:7687/x'
>>> mask_uri("bolt://localhost:7687")
'bolt://localhost:7687'
>>> mask_text("cannot reach bolt://u:pw@h:1 (pw)", "bolt://u:pw@h:1", "pw")
'cannot reach bolt://u:***@h:1 (***)'
"""

from __future__ import annotations

import re

__all__ = ["mask_text", "mask_uri"]

_USERINFO = re.compile(r"^(?P<scheme>[^:/?#]+://)(?P<user>[^:@/]*)(?::(?P<pw>[^@/]*))?@")


def mask_uri(uri: str) -> str:
    """``uri`` with the password of its ``user:password@`` part (if any) replaced by ``***``."""
    m = _USERINFO.match(uri)
    if m is None:
        return uri
    user = m.group("user")
    shown = f"{user}:***@" if m.group("pw") is not None else f"{user}@"
    return m.group("scheme") + shown + uri[m.end() :]


def mask_text(text: str, uri: str, password: str | None = None) -> str:
    """``text`` with the URI's password and ``password`` replaced by ``***``."""
    masked = text.replace(uri, mask_uri(uri)) if uri else text
    m = _USERINFO.match(uri)
    secrets = [s for s in (password, m.group("pw") if m else None) if s]
    for secret in sorted(secrets, key=len, reverse=True):
        masked = masked.replace(secret, "***")
    return masked
