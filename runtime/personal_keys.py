"""Where the personal-data vault keeps its wrapped data keys (`runtime.personal_data`): the
table `ocop_personal_keys` in the service's own store, one row per subject (its
key-encryption key's id, the wrapped key, NULL once erased, and when), on SQLite or
PostgreSQL, or a dict when the store is in memory."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any, Final, Protocol

from psycopg.sql import SQL, Identifier

KEYS_TABLE: Final = "ocop_personal_keys"


class KeyTable(Protocol):
    """Wrapped data keys by subject: (kek id, wrapped key or None once erased)."""

    def get(self, subject: str) -> tuple[str, bytes | None] | None: ...

    def add(self, subject: str, kek: str, wrapped: bytes) -> None:
        """Insert unless the subject has a row already (a concurrent first seal)."""

    def erase(self, subject: str) -> bool:
        """Overwrite the subject's wrapped key; False when it had none."""

    def live(self) -> list[tuple[str, str, bytes]]:
        """Every subject whose key is not erased: (subject, kek id, wrapped key)."""

    def replace(self, subject: str, kek: str, wrapped: bytes) -> None:
        """Re-wrap: the subject's key under another key-encryption key."""


class _MemoryKeys:
    def __init__(self) -> None:
        self.rows: dict[str, tuple[str, bytes | None]] = {}
        self.lock = threading.Lock()

    def get(self, subject: str) -> tuple[str, bytes | None] | None:
        with self.lock:
            return self.rows.get(subject)

    def add(self, subject: str, kek: str, wrapped: bytes) -> None:
        with self.lock:
            self.rows.setdefault(subject, (kek, wrapped))

    def erase(self, subject: str) -> bool:
        with self.lock:
            found = self.rows.get(subject)
            self.rows[subject] = (found[0] if found else "", None)
            return bool(found and found[1] is not None)

    def live(self) -> list[tuple[str, str, bytes]]:
        with self.lock:
            return [(s, k, w) for s, (k, w) in self.rows.items() if w is not None]

    def replace(self, subject: str, kek: str, wrapped: bytes) -> None:
        with self.lock:
            self.rows[subject] = (kek, wrapped)


def _now() -> str:
    return datetime.now(UTC).isoformat()


class _SQLiteKeys:
    def __init__(self, datastore: Any) -> None:
        self.datastore = datastore
        with datastore.transaction(commit=True) as c:
            c.execute(
                f"CREATE TABLE IF NOT EXISTS {KEYS_TABLE} (subject TEXT PRIMARY KEY, "
                "kek_id TEXT NOT NULL, wrapped BLOB, created_at TEXT NOT NULL, erased_at TEXT)"
            )

    def get(self, subject: str) -> tuple[str, bytes | None] | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT kek_id, wrapped FROM {KEYS_TABLE} WHERE subject = ?", (subject,))
            row = c.fetchone()
        return (row[0], None if row[1] is None else bytes(row[1])) if row else None

    def add(self, subject: str, kek: str, wrapped: bytes) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                f"INSERT INTO {KEYS_TABLE} (subject, kek_id, wrapped, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (subject) DO NOTHING",
                (subject, kek, wrapped, _now()),
            )

    def erase(self, subject: str) -> bool:
        with self.datastore.transaction(commit=True) as c:
            # Freed cells are zeroed: the old wrapped key does not linger in the file.
            c.execute("PRAGMA secure_delete = ON")
            c.execute(f"SELECT wrapped IS NOT NULL FROM {KEYS_TABLE} WHERE subject = ?", (subject,))
            row = c.fetchone()
            c.execute(
                f"INSERT INTO {KEYS_TABLE} (subject, kek_id, wrapped, created_at, erased_at) "
                "VALUES (?, '', NULL, ?, ?) ON CONFLICT (subject) DO UPDATE "
                "SET wrapped = NULL, erased_at = excluded.erased_at",
                (subject, _now(), _now()),
            )
        # The page that held the key is still in the main file, and in the WAL, until a
        # checkpoint writes the zeroed page over it and truncates the log.
        with self.datastore.get_connection(commit=True) as connection:
            connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return bool(row and row[0])

    def live(self) -> list[tuple[str, str, bytes]]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT subject, kek_id, wrapped FROM {KEYS_TABLE} WHERE wrapped NOT NULL")
            return [(r[0], r[1], bytes(r[2])) for r in c.fetchall()]

    def replace(self, subject: str, kek: str, wrapped: bytes) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute("PRAGMA secure_delete = ON")
            c.execute(
                f"UPDATE {KEYS_TABLE} SET kek_id = ?, wrapped = ? "
                "WHERE subject = ? AND wrapped NOT NULL",
                (kek, wrapped, subject),
            )


class _PostgresKeys:
    def __init__(self, datastore: Any) -> None:
        self.datastore = datastore
        table = SQL("{0}.{1}").format(Identifier(datastore.schema), Identifier(KEYS_TABLE))
        self.sql = {
            "create": SQL(
                "CREATE TABLE IF NOT EXISTS {0} (subject text PRIMARY KEY, kek_id text NOT NULL,"
                " wrapped bytea, created_at timestamptz NOT NULL, erased_at timestamptz)"
            ).format(table),
            "get": SQL("SELECT kek_id, wrapped FROM {0} WHERE subject = %s").format(table),
            "add": SQL(
                "INSERT INTO {0} (subject, kek_id, wrapped, created_at) VALUES (%s, %s, %s, "
                "now()) ON CONFLICT (subject) DO NOTHING"
            ).format(table),
            "had": SQL("SELECT wrapped IS NOT NULL AS had FROM {0} WHERE subject = %s").format(
                table
            ),
            "erase": SQL(
                "INSERT INTO {0} (subject, kek_id, wrapped, created_at, erased_at) "
                "VALUES (%s, '', NULL, now(), now()) ON CONFLICT (subject) DO UPDATE "
                "SET wrapped = NULL, erased_at = now()"
            ).format(table),
            "live": SQL(
                "SELECT subject, kek_id, wrapped FROM {0} WHERE wrapped IS NOT NULL"
            ).format(table),
            "replace": SQL(
                "UPDATE {0} SET kek_id = %s, wrapped = %s WHERE subject = %s "
                "AND wrapped IS NOT NULL"
            ).format(table),
        }
        with datastore.transaction(commit=True) as curs:
            curs.execute(self.sql["create"])

    def get(self, subject: str) -> tuple[str, bytes | None] | None:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(self.sql["get"], (subject,))
            row = curs.fetchone()
        if not row:
            return None
        return row["kek_id"], None if row["wrapped"] is None else bytes(row["wrapped"])

    def add(self, subject: str, kek: str, wrapped: bytes) -> None:
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(self.sql["add"], (subject, kek, wrapped))

    def erase(self, subject: str) -> bool:
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(self.sql["had"], (subject,))
            row = curs.fetchone()
            curs.execute(self.sql["erase"], (subject,))
        return bool(row and row["had"])

    def live(self) -> list[tuple[str, str, bytes]]:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(self.sql["live"])
            return [(r["subject"], r["kek_id"], bytes(r["wrapped"])) for r in curs.fetchall()]

    def replace(self, subject: str, kek: str, wrapped: bytes) -> None:
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(self.sql["replace"], (kek, wrapped, subject))


def key_table(recorder: object) -> KeyTable:
    """The key table in `recorder`'s store (created if missing): SQLite, PostgreSQL, or a
    dict when the store is in memory; TypeError for another store."""
    datastore = getattr(recorder, "datastore", None)
    if datastore is None:
        return _MemoryKeys()
    module = type(datastore).__module__
    if module.startswith("eventsourcing.sqlite"):
        return _SQLiteKeys(datastore)
    if module.startswith("eventsourcing.postgres"):
        return _PostgresKeys(datastore)
    raise TypeError(f"no personal-data key table for {type(datastore).__name__}")
