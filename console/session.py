"""The session: a cookie encrypted and authenticated with Fernet (AES-128-CBC + HMAC,
`cryptography`), holding the user's bearer token, the CSRF token and the language. The
browser cannot read or change it; it expires after `session_hours`. Nothing is kept on the
server, so any console process with the same key serves any session."""

from __future__ import annotations

import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from fastapi import Request, Response

COOKIE = "ocop_session"
CSRF_FIELD = "csrf_token"


def load_or_create_key(path: Path) -> bytes:
    """The Fernet key in `path` (mode 0600), made on first use."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(Fernet.generate_key())
    return path.read_bytes().strip()


class Sessions:
    """Reads and writes the session cookie."""

    def __init__(self, key: bytes, max_age_seconds: int, secure: bool) -> None:
        self.fernet = Fernet(key)
        self.max_age = max_age_seconds
        self.secure = secure

    def read(self, request: Request) -> dict[str, Any]:
        """The request's session; a missing, forged or expired cookie gives an empty one."""
        raw = request.cookies.get(COOKIE, "")
        if not raw:
            return {}
        try:
            data = json.loads(self.fernet.decrypt(raw.encode(), ttl=self.max_age))
        except (InvalidToken, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def write(self, response: Response, data: dict[str, Any]) -> None:
        value = self.fernet.encrypt(json.dumps(data).encode()).decode()
        response.set_cookie(
            COOKIE,
            value,
            max_age=self.max_age,
            httponly=True,
            secure=self.secure,
            samesite="lax",
            path="/",
        )


def csrf_token(session: dict[str, Any]) -> str:
    """The session's CSRF token (synchroniser pattern), made when first needed."""
    if not session.get("csrf"):
        session["csrf"] = secrets.token_urlsafe(24)
    return str(session["csrf"])


def csrf_valid(session: dict[str, Any], sent: str) -> bool:
    expected = str(session.get("csrf", ""))
    return bool(expected) and hmac.compare_digest(expected, sent)
