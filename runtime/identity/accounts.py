"""Built-in accounts of the embedded mode: username, argon2id password hash, role(s),
jurisdiction, in one SQLite file (`<data_dir>/identity/accounts.sqlite3`, mode 0600).

Managed with `ocop admin users …`; `seed_demo` loads the demo users of the Keycloak
realm export, so both modes know the same people."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from runtime.identity.claims import ROLES, Identity


class AccountError(ValueError):
    """An account command that cannot be carried out (unknown user, bad role, duplicate)."""


@dataclass(frozen=True)
class Account:
    username: str
    roles: tuple[str, ...]
    jurisdiction: str
    display_name: str
    enabled: bool

    def identity(self) -> Identity:
        return Identity(self.username, self.roles, self.jurisdiction, subject=self.username)


class AccountStore:
    """The accounts file; every method opens and closes its own connection.

    `hasher` defaults to argon2-cffi's argon2id parameters (RFC 9106, low-memory
    profile: 3 passes over 64 MiB); tests may pass a cheaper argon2id hasher."""

    def __init__(self, path: Path, hasher: PasswordHasher | None = None) -> None:
        self.path = path
        self.hasher = hasher or PasswordHasher()
        self._dummy_hash = ""

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not self.path.exists()
        db = sqlite3.connect(self.path)
        try:
            if fresh:
                os.chmod(self.path, 0o600)
            db.execute(
                "CREATE TABLE IF NOT EXISTS accounts (username TEXT PRIMARY KEY,"
                " password_hash TEXT NOT NULL, roles TEXT NOT NULL, jurisdiction TEXT NOT NULL,"
                " display_name TEXT NOT NULL, enabled INTEGER NOT NULL)"
            )
            with db:
                yield db
        finally:
            db.close()

    def add(
        self,
        username: str,
        password: str,
        roles: tuple[str, ...],
        jurisdiction: str = "",
        display_name: str = "",
    ) -> Account:
        """Create an account; `AccountError` on an unknown role or a taken username."""
        unknown = [role for role in roles if role not in ROLES]
        if not roles or unknown:
            raise AccountError(f"roles must be among {', '.join(ROLES)}; got {list(roles)}")
        if not username.strip() or len(password) < 8:
            raise AccountError("a username and a password of at least 8 characters are needed")
        with self._db() as db:
            try:
                db.execute(
                    "INSERT INTO accounts VALUES (?, ?, ?, ?, ?, 1)",
                    (
                        username,
                        self.hasher.hash(password),
                        ",".join(roles),
                        jurisdiction,
                        display_name,
                    ),
                )
            except sqlite3.IntegrityError as error:
                raise AccountError(f"account {username!r} exists") from error
        return Account(username, roles, jurisdiction, display_name, True)

    def set_roles(self, username: str, roles: tuple[str, ...], jurisdiction: str) -> None:
        """Change an account's roles and jurisdiction (its next token carries them)."""
        if not roles or any(role not in ROLES for role in roles):
            raise AccountError(f"roles must be among {', '.join(ROLES)}; got {list(roles)}")
        self._update(username, "roles = ?, jurisdiction = ?", ",".join(roles), jurisdiction)

    def set_password(self, username: str, password: str) -> None:
        if len(password) < 8:
            raise AccountError("a password needs at least 8 characters")
        self._update(username, "password_hash = ?", self.hasher.hash(password))

    def set_enabled(self, username: str, enabled: bool) -> None:
        self._update(username, "enabled = ?", int(enabled))

    def remove(self, username: str) -> None:
        with self._db() as db:
            if db.execute("DELETE FROM accounts WHERE username = ?", (username,)).rowcount == 0:
                raise AccountError(f"no account {username!r}")

    def _update(self, username: str, assignment: str, *values: Any) -> None:
        with self._db() as db:
            cursor = db.execute(
                f"UPDATE accounts SET {assignment} WHERE username = ?",
                (*values, username),
            )
            if cursor.rowcount == 0:
                raise AccountError(f"no account {username!r}")

    def list(self) -> list[Account]:
        with self._db() as db:
            rows = db.execute(
                "SELECT username, roles, jurisdiction, display_name, enabled FROM accounts"
                " ORDER BY username"
            ).fetchall()
        return [Account(u, tuple(r.split(",")), j, d, bool(e)) for u, r, j, d, e in rows]

    def enabled(self, username: str) -> Account | None:
        """The account if it exists and is enabled (a refresh re-reads it), else None."""
        found = [a for a in self.list() if a.username == username and a.enabled]
        return found[0] if found else None

    def authenticate(self, username: str, password: str) -> Account | None:
        """The enabled account whose password matches, else None (same work either way)."""
        with self._db() as db:
            row = db.execute(
                "SELECT password_hash, roles, jurisdiction, display_name, enabled"
                " FROM accounts WHERE username = ?",
                (username,),
            ).fetchone()
        if not self._dummy_hash:
            self._dummy_hash = self.hasher.hash("not a password")
        try:
            self.hasher.verify(row[0] if row else self._dummy_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None or not row[4]:
            return None
        return Account(username, tuple(row[1].split(",")), row[2], row[3], True)

    def seed_demo(self, realm_file: Path) -> int:
        """Add the realm export's users (password `demo-<username>`) that are missing;
        returns how many were added."""
        realm = json.loads(realm_file.read_text(encoding="utf-8"))
        existing = {account.username for account in self.list()}
        added = 0
        for user in realm.get("users", []):
            if user["username"] in existing:
                continue
            password = next(c["value"] for c in user["credentials"] if c["type"] == "password")
            jurisdiction = (user.get("attributes", {}).get("jurisdiction") or [""])[0]
            self.add(
                user["username"],
                password,
                tuple(user["realmRoles"]),
                jurisdiction,
                user.get("firstName", ""),
            )
            added += 1
        return added
