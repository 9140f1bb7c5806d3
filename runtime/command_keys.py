"""Where idempotency keys are kept: a table in the service's own store, written with the events.

The store's recorder (the mixins below, composed into `runtime.tracking`'s recorders)
records the key of the command running in this thread (`CommandKey`, a context
variable set by `runtime.idempotency.IdempotencyInterceptor`) **in the same
transaction as the command's events**, in the table `ocop_command_keys`; the
interceptor then keeps the reply beside it (`keep_reply`) and finds it again on a
retry (`kept_command`).
"""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from eventsourcing.persistence import IntegrityError, StoredEvent
from psycopg.sql import SQL, Identifier

KEYS_TABLE = "ocop_command_keys"


@dataclass
class CommandKey:
    """The key of the command running in this thread. `run` tells this run of the command
    from a concurrent retry with the same key: every transaction of the run inserts the
    key (or finds its own row), so a rolled-back attempt never leaves events without it."""

    key: str
    fingerprint: str
    run: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True)
class KeptCommand:
    fingerprint: str
    reply: bytes | None


_current: contextvars.ContextVar[CommandKey | None] = contextvars.ContextVar(
    "ocop_command_key", default=None
)


class DuplicateCommand(IntegrityError):
    """The key was recorded by another run of the command (a concurrent retry)."""


def _recording() -> CommandKey | None:
    """The key to record with the events being inserted, if a keyed command runs."""
    return _current.get()


def _refuse_other_run(current: CommandKey, found: str | None) -> None:
    if found != current.run:
        raise DuplicateCommand(f"command {current.key} is already recorded")


class CommandKeys(Protocol):
    """What the interceptor needs from a store (the recorders below)."""

    def kept_command(self, key: str, since: datetime) -> KeptCommand | None: ...

    def keep_reply(self, key: str, run: str, reply: bytes) -> None: ...

    def forget_commands(self, before: datetime) -> int: ...


# -- SQLite ---------------------------------------------------------------------------


class SQLiteCommandKeys:
    """Mixin for SQLite application recorders (before eventsourcing's in the MRO)."""

    datastore: Any

    def construct_create_table_statements(self) -> list[str]:
        statements: list[str] = super().construct_create_table_statements()  # type: ignore[misc]
        return [
            *statements,
            f"CREATE TABLE IF NOT EXISTS {KEYS_TABLE} (idempotency_key TEXT PRIMARY KEY, "
            "fingerprint TEXT NOT NULL, run TEXT NOT NULL, reply BLOB, "
            "created_at TEXT NOT NULL)",
        ]

    def _insert_events(self, c: Any, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Any:
        current = _recording()
        if current is not None:
            c.execute(
                f"INSERT INTO {KEYS_TABLE} (idempotency_key, fingerprint, run, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1",
                (current.key, current.fingerprint, current.run, datetime.now(UTC).isoformat()),
            )
            if c.fetchone() is None:
                c.execute(f"SELECT run FROM {KEYS_TABLE} WHERE idempotency_key = ?", (current.key,))
                row = c.fetchone()
                _refuse_other_run(current, row[0] if row else None)
        return super()._insert_events(c, stored_events, **kwargs)  # type: ignore[misc]

    def kept_command(self, key: str, since: datetime) -> KeptCommand | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT fingerprint, reply FROM {KEYS_TABLE} "
                "WHERE idempotency_key = ? AND created_at >= ?",
                (key, since.isoformat()),
            )
            row = c.fetchone()
        return KeptCommand(row[0], row[1]) if row else None

    def keep_reply(self, key: str, run: str, reply: bytes) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                f"UPDATE {KEYS_TABLE} SET reply = ? WHERE idempotency_key = ? AND run = ?",
                (reply, key, run),
            )

    def forget_commands(self, before: datetime) -> int:
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                f"DELETE FROM {KEYS_TABLE} WHERE created_at < ? RETURNING 1", (before.isoformat(),)
            )
            return len(c.fetchall())


# -- PostgreSQL -----------------------------------------------------------------------


class PostgresCommandKeys:
    """Mixin for PostgreSQL application recorders (before eventsourcing's in the MRO)."""

    datastore: Any
    sql_create_statements: list[Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schema, table = Identifier(self.datastore.schema), Identifier(KEYS_TABLE)
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {0}.{1} (idempotency_key text PRIMARY KEY, "
                "fingerprint text NOT NULL, run text NOT NULL, reply bytea, "
                "created_at timestamptz NOT NULL)"
            ).format(schema, table)
        )
        self.insert_key_statement = SQL(
            "INSERT INTO {0}.{1} (idempotency_key, fingerprint, run, created_at) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1"
        ).format(schema, table)
        self.select_run_statement = SQL(
            "SELECT run FROM {0}.{1} WHERE idempotency_key = %s"
        ).format(schema, table)
        self.select_key_statement = SQL(
            "SELECT fingerprint, reply FROM {0}.{1} WHERE idempotency_key = %s AND created_at >= %s"
        ).format(schema, table)
        self.keep_reply_statement = SQL(
            "UPDATE {0}.{1} SET reply = %s WHERE idempotency_key = %s AND run = %s"
        ).format(schema, table)
        self.forget_statement = SQL("DELETE FROM {0}.{1} WHERE created_at < %s").format(
            schema, table
        )

    def _insert_events(self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Any:
        current = _recording()
        if current is not None:
            self.record_key(curs, current)
        return super()._insert_events(curs, stored_events, **kwargs)  # type: ignore[misc]

    def record_key(self, curs: Any, current: CommandKey) -> None:
        """Insert `current`'s key in the transaction of `curs`, or find its own row;
        `DuplicateCommand` when another run of the command recorded it."""
        curs.execute(
            self.insert_key_statement,
            (current.key, current.fingerprint, current.run, datetime.now(UTC)),
        )
        if curs.fetchone() is None:
            curs.execute(self.select_run_statement, (current.key,))
            row = curs.fetchone()
            _refuse_other_run(current, row["run"] if row else None)

    def kept_command(self, key: str, since: datetime) -> KeptCommand | None:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(self.select_key_statement, (key, since))
            row = curs.fetchone()
        return KeptCommand(row["fingerprint"], row["reply"]) if row else None

    def keep_reply(self, key: str, run: str, reply: bytes) -> None:
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(self.keep_reply_statement, (reply, key, run))

    def forget_commands(self, before: datetime) -> int:
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(self.forget_statement, (before,))
            return int(curs.rowcount)


# -- memory ---------------------------------------------------------------------------


class POPOCommandKeys:
    """Mixin for in-memory application recorders."""

    _database_lock: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._keys: dict[str, tuple[str, str, bytes | None, datetime]] = {}

    def _assert_uniqueness(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> None:
        super()._assert_uniqueness(stored_events, **kwargs)  # type: ignore[misc]
        current = _recording()
        if current is not None and current.key in self._keys:
            _refuse_other_run(current, self._keys[current.key][1])

    def _update_table(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Any:
        result = super()._update_table(stored_events, **kwargs)  # type: ignore[misc]
        current = _recording()
        if current is not None and current.key not in self._keys:
            now = datetime.now(UTC)
            self._keys[current.key] = (current.fingerprint, current.run, None, now)
        return result

    def kept_command(self, key: str, since: datetime) -> KeptCommand | None:
        with self._database_lock:
            found = self._keys.get(key)
        if found is None or found[3] < since:
            return None
        return KeptCommand(found[0], found[2])

    def keep_reply(self, key: str, run: str, reply: bytes) -> None:
        with self._database_lock:
            found = self._keys.get(key)
            if found is not None and found[1] == run:
                self._keys[key] = (found[0], run, reply, found[3])

    def forget_commands(self, before: datetime) -> int:
        with self._database_lock:
            old = [k for k, (_, _, _, at) in self._keys.items() if at < before]
            for k in old:
                del self._keys[k]
        return len(old)


def command_keys_of(recorder: object) -> CommandKeys | None:
    """The recorder as a key store, if it is one of `runtime.tracking`'s."""
    if isinstance(recorder, SQLiteCommandKeys | PostgresCommandKeys | POPOCommandKeys):
        return recorder
    return None
