"""Personal data sealed per subject (envelope encryption) and erased by destroying the
subject's key (crypto-shredding): Decree 13/2023/NĐ-CP and the Personal Data Protection
Law 91/2025/QH15 (in force 01/01/2026), right to erasure.

Each subject (a producer) gets a data key of its own, 256 random bits, stored only
wrapped by the key-encryption key (KEK, RFC 3394 AES key wrap) in the table
`ocop_personal_keys` of the service's own store (SQLite file, PostgreSQL database; a dict
in memory). A value is sealed as AES-256-GCM over its JSON with the subject's id as
associated data (a sealed value copied onto another subject does not open):

    {"sealed": "pd1.<base64url(nonce 12 bytes ‖ ciphertext ‖ tag)>"}

so events and backups hold ciphertext only. `erase(subject)` overwrites the wrapped key
(SQLite with `secure_delete`) and keeps the row as the mark of the erasure: from then on
`open` answers `ERASED` and `seal` refuses the subject. The events stay as stored (the
tamper-evident chain, `runtime.chain`, still verifies); nothing can recover the values.

Values stored before sealing existed are `{"plain": value}` (the upcasters say so) and
open as they are: they cannot be shredded, only their view withheld.

What remains readable after an erasure: copies of the wrapped key in PostgreSQL's dead
tuples, WAL and backups made before it — each useless without the KEK; rotating the KEK
(`rewrap`, then destroying the old one) ends them too (docs/operators/personal-data.md).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Protocol

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap, aes_key_wrap
from psycopg.sql import SQL, Identifier

KEYS_TABLE: Final = "ocop_personal_keys"
PREFIX: Final = "pd1."
ERASED_VI: Final = "[đã xoá]"
ERASED_EN: Final = "[erased]"


class PersonalDataError(Exception):
    """A sealed value that does not open with the configured KEK (a wrong key or a
    tampered value), or a seal for a subject already erased."""


@dataclass(frozen=True)
class Erased:
    """What an erased value opens to: shown as `ERASED_VI` / `ERASED_EN`."""

    def text(self, lang: str = "vi") -> str:
        return ERASED_EN if lang == "en" else ERASED_VI


ERASED: Final = Erased()


def new_kek() -> bytes:
    return secrets.token_bytes(32)


def encode_kek(kek: bytes) -> str:
    return base64.urlsafe_b64encode(kek).decode("ascii")


def decode_kek(text: str) -> bytes:
    """A KEK from its base64 text (44 characters, 32 bytes); ValueError otherwise."""
    try:
        kek = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (ValueError, UnicodeEncodeError) as error:
        raise ValueError("personal data key: not base64") from error
    if len(kek) != 32:
        raise ValueError("personal data key: 32 bytes (base64, 44 characters) expected")
    return kek


def kek_from_file(path: Path, *, create: bool) -> bytes:
    """The KEK in `path`; with `create`, a new one written there (0600) when missing."""
    if create and not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process of the service made it first
            pass
        else:
            with os.fdopen(fd, "w") as out:
                out.write(encode_kek(new_kek()) + "\n")
    return decode_kek(path.read_text(encoding="ascii"))


def kek_id(kek: bytes) -> str:
    """A short public name of a KEK (not the key): tells which KEK wrapped a data key."""
    return hashlib.sha256(b"ocop-kek|" + kek).hexdigest()[:16]


class _Keys(Protocol):
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


def _keys_of(recorder: object) -> _Keys:
    datastore = getattr(recorder, "datastore", None)
    if datastore is None:
        return _MemoryKeys()
    module = type(datastore).__module__
    if module.startswith("eventsourcing.sqlite"):
        return _SQLiteKeys(datastore)
    if module.startswith("eventsourcing.postgres"):
        return _PostgresKeys(datastore)
    raise TypeError(f"no personal-data key table for {type(datastore).__name__}")


class PersonalDataVault:
    """Seals and opens one service's personal data per subject; erases a subject.

    `recorder` is the application's (its store holds the key table); `kek` the 32-byte
    key-encryption key from the settings (`key_from_settings`)."""

    def __init__(self, recorder: object, kek: bytes) -> None:
        if len(kek) != 32:
            raise ValueError("the key-encryption key has 32 bytes")
        self._kek = kek
        self._kek_id = kek_id(kek)
        self._keys = _keys_of(recorder)

    def _data_key(self, subject: str, *, create: bool) -> bytes | None:
        found = self._keys.get(subject)
        if found is None and create:
            self._keys.add(subject, self._kek_id, aes_key_wrap(self._kek, secrets.token_bytes(32)))
            found = self._keys.get(subject)
        if found is None:
            return None
        used, wrapped = found
        if wrapped is None:
            return None
        if used != self._kek_id:
            raise PersonalDataError(f"the data key of {subject} is wrapped by another KEK")
        try:
            return aes_key_unwrap(self._kek, wrapped)
        except InvalidUnwrap as error:
            raise PersonalDataError(f"the data key of {subject} does not unwrap") from error

    def seal(self, subject: str, value: Any) -> dict[str, str]:
        """`value` (JSON-serialisable) sealed under `subject`'s key (made on first use).
        Raises PersonalDataError for a subject already erased."""
        key = self._data_key(subject, create=True)
        if key is None:
            raise PersonalDataError(f"the personal data of {subject} was erased")
        nonce = secrets.token_bytes(12)
        plain = json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
        sealed = nonce + AESGCM(key).encrypt(nonce, plain, subject.encode("utf-8"))
        return {"sealed": PREFIX + base64.urlsafe_b64encode(sealed).decode("ascii")}

    def open(self, subject: str, stored: Any) -> Any:
        """The value `stored` holds (`seal`'s output, or `{"plain": value}` written before
        sealing); `ERASED` once the subject is erased; `stored` itself if neither."""
        if not isinstance(stored, dict):
            return stored
        if "plain" in stored:
            return stored["plain"]
        token = str(stored.get("sealed", ""))
        if not token.startswith(PREFIX):
            raise PersonalDataError("not a sealed value")
        key = self._data_key(subject, create=False)
        if key is None:
            return ERASED
        raw = base64.urlsafe_b64decode(token[len(PREFIX) :].encode("ascii"))
        try:
            plain = AESGCM(key).decrypt(raw[:12], raw[12:], subject.encode("utf-8"))
        except Exception as error:  # cryptography's InvalidTag: altered or another subject's
            raise PersonalDataError(f"a sealed value of {subject} does not open") from error
        return json.loads(plain)

    def erase(self, subject: str) -> bool:
        """Destroys `subject`'s data key (crypto-shredding); True when a key was destroyed,
        False when there was none (never sealed, or erased before)."""
        return self._keys.erase(subject)

    def erased(self, subject: str) -> bool:
        found = self._keys.get(subject)
        return found is not None and found[1] is None

    def rewrap(self, new_kek: bytes) -> int:
        """Wraps every live data key by `new_kek` (KEK rotation); returns how many. The
        vault keeps working with the old KEK until rebuilt with the new one."""
        new_id = kek_id(new_kek)
        count = 0
        for subject, used, wrapped in self._keys.live():
            if used == new_id:
                continue
            if used != self._kek_id:
                raise PersonalDataError(f"the data key of {subject} is wrapped by another KEK")
            key = aes_key_unwrap(self._kek, wrapped)
            self._keys.replace(subject, new_id, aes_key_wrap(new_kek, key))
            count += 1
        return count


def opened_text(value: Any, lang: str = "vi") -> str:
    """A view's text for an opened value: the erasure placeholder, "" for None."""
    if isinstance(value, Erased):
        return value.text(lang)
    return "" if value is None else str(value)


def key_from_settings(store: str, data_dir: Path, key_file: Path | None) -> bytes:
    """The KEK of a service: `key_file` when given (it must exist: production supplies
    its own secret), else `<data_dir>/personal-data.key`, made on first start; a fresh
    random key for the memory store (its data dies with the process anyway)."""
    if key_file is not None:
        return kek_from_file(key_file, create=False)
    if store == "memory":
        return new_kek()
    return kek_from_file(data_dir / "personal-data.key", create=True)
