"""The session: a cookie encrypted and authenticated with Fernet (AES-128-CBC + HMAC,
`cryptography`), holding the user's bearer token, the CSRF token, the language, a random
session id (`sid`) and the time it began (`since`). The browser cannot read or change it.

A session ends when it is older than `session_hours` (counted from sign-in, not from the
last request: a stolen cookie is not kept alive by use) or when its person signs out:
sign-out records the session id in `ended` (an SQLite file in the data folder, kept until
the session would have expired anyway), so a copy of the old cookie replayed later is an
empty session. Any console process with the same key and the same file serves any
session."""

from __future__ import annotations

import hmac
import json
import os
import secrets
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from fastapi import Request, Response

COOKIE = "ocop_session"
CSRF_FIELD = "csrf_token"
SID = "sid"
SINCE = "since"


def load_or_create_key(path: Path) -> bytes:
    """The Fernet key in `path` (mode 0600), made on first use."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(Fernet.generate_key())
    return path.read_bytes().strip()


class EndedSessions:
    """Session ids signed out before their expiry (SQLite, `path`), each kept until
    `until` (epoch seconds)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.execute("CREATE TABLE IF NOT EXISTS ended (sid TEXT PRIMARY KEY, until REAL)")

    def _db(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def end(self, sid: str, until: float, now: float) -> None:
        db = self._db()
        try:
            with db:
                db.execute("DELETE FROM ended WHERE until < ?", (now,))
                db.execute("INSERT OR REPLACE INTO ended VALUES (?, ?)", (sid, until))
        finally:
            db.close()

    def ended(self, sid: str) -> bool:
        db = self._db()
        try:
            return db.execute("SELECT 1 FROM ended WHERE sid = ?", (sid,)).fetchone() is not None
        finally:
            db.close()


class Sessions:
    """Reads, writes, begins and ends sessions. `now` (epoch seconds) is the clock."""

    def __init__(
        self,
        key: bytes,
        max_age_seconds: int,
        secure: bool,
        ended: EndedSessions,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.fernet = Fernet(key)
        self.max_age = max_age_seconds
        self.secure = secure
        self.ended = ended
        self.now = now

    def read(self, request: Request) -> dict[str, Any]:
        """The request's session; a missing, forged, expired or signed-out cookie gives a
        new empty one."""
        raw = request.cookies.get(COOKIE, "")
        try:
            now = int(self.now())
            data = json.loads(self.fernet.decrypt_at_time(raw.encode(), self.max_age, now))
        except (InvalidToken, ValueError):
            return self.begin()
        if not isinstance(data, dict) or not isinstance(data.get(SINCE), int | float):
            return self.begin()
        if self.now() - data[SINCE] > self.max_age or self.ended.ended(str(data.get(SID))):
            return self.begin()
        return data

    def begin(self, keep: dict[str, Any] | None = None) -> dict[str, Any]:
        """A new session (a new id, so a cookie planted before sign-in is not the one
        after it), with `keep`'s entries."""
        return {**(keep or {}), SID: secrets.token_urlsafe(24), SINCE: self.now()}

    def end(self, session: dict[str, Any]) -> None:
        """Signs the session out for good: its cookie, replayed, is an empty session."""
        if session.get(SID):
            since = float(session.get(SINCE) or self.now())
            self.ended.end(str(session[SID]), since + self.max_age, self.now())

    def write(self, response: Response, data: dict[str, Any]) -> None:
        value = self.fernet.encrypt_at_time(json.dumps(data).encode(), int(self.now())).decode()
        remaining = self.max_age - (self.now() - float(data.get(SINCE) or self.now()))
        response.set_cookie(
            COOKIE,
            value,
            max_age=max(int(remaining), 0),
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
