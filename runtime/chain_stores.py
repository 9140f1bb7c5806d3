"""The hash chain's records, written by the store's recorder with the events.

Every stored event gets a chain record **in the same transaction as the event**
(`(position, notification_id, record_hash, previous_hash)` in the table
`ocop_event_chain`), written by the mixins below, composed into `runtime.tracking`'s
recorders. `runtime.chain` describes the hash and verifies the chain.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent
from psycopg.sql import SQL, Identifier

CHAIN_TABLE = "ocop_event_chain"
GENESIS = "0" * 64


def _originator(originator_id: UUID | str) -> str:
    return originator_id.hex if isinstance(originator_id, UUID) else str(originator_id)


def record_hash(
    previous: str,
    notification_id: int,
    originator_id: UUID | str,
    version: int,
    topic: str,
    state: bytes,
) -> str:
    """The chain hash of one stored event after `previous` (hex sha256, 64 chars)."""
    digest = hashlib.sha256(previous.encode("ascii"))
    head = f"\0{notification_id}\0{_originator(originator_id)}\0{version}\0{topic}\0"
    digest.update(head.encode("utf-8"))
    digest.update(bytes(state))
    return digest.hexdigest()


@dataclass(frozen=True)
class ChainRecord:
    position: int
    notification_id: int
    record_hash: str
    previous_hash: str


class ChainedStore(Protocol):
    """A recorder of this module (what `verify` reads)."""

    def select_notifications(
        self,
        start: int | None,
        limit: int,
        stop: int | None = None,
        topics: Sequence[str] = (),
        *,
        inclusive_of_start: bool = True,
    ) -> Sequence[Notification]: ...

    def select_chain(self, after: int, limit: int) -> list[ChainRecord]: ...


def links(
    previous: str, ids: Sequence[int], stored_events: Sequence[StoredEvent]
) -> list[tuple[int, str, str]]:
    rows = []
    for nid, s in zip(ids, stored_events, strict=True):
        digest = record_hash(previous, nid, s.originator_id, s.originator_version, s.topic, s.state)
        rows.append((nid, digest, previous))
        previous = digest
    return rows


# -- SQLite ---------------------------------------------------------------------------


class SQLiteEventChain:
    """Mixin for SQLite application recorders (first in the MRO)."""

    datastore: Any

    def construct_create_table_statements(self) -> list[str]:
        statements: list[str] = super().construct_create_table_statements()  # type: ignore[misc]
        return [
            *statements,
            f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} ("
            "position INTEGER PRIMARY KEY AUTOINCREMENT, notification_id INTEGER NOT NULL, "
            "record_hash TEXT NOT NULL, previous_hash TEXT NOT NULL)",
        ]

    def _insert_events(self, c: Any, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Any:
        ids = super()._insert_events(c, stored_events, **kwargs)  # type: ignore[misc]
        if stored_events:
            c.execute(f"SELECT record_hash FROM {CHAIN_TABLE} ORDER BY position DESC LIMIT 1")
            row = c.fetchone()
            c.executemany(
                f"INSERT INTO {CHAIN_TABLE} (notification_id, record_hash, previous_hash) "
                "VALUES (?, ?, ?)",
                links(row[0] if row else GENESIS, ids, stored_events),
            )
        return ids

    def select_chain(self, after: int, limit: int) -> list[ChainRecord]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT position, notification_id, record_hash, previous_hash "
                f"FROM {CHAIN_TABLE} WHERE position > ? ORDER BY position LIMIT ?",
                (after, limit),
            )
            return [ChainRecord(*row) for row in c.fetchall()]


# -- PostgreSQL -----------------------------------------------------------------------


class PostgresEventChain:
    """Mixin for PostgreSQL application recorders (first in the MRO). The chain record
    is written after eventsourcing's insert returned the notification ids, in its
    transaction and under its table lock."""

    datastore: Any
    sql_create_statements: list[Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schema, table = Identifier(self.datastore.schema), Identifier(CHAIN_TABLE)
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {0}.{1} (position bigserial PRIMARY KEY, "
                "notification_id bigint NOT NULL, record_hash text NOT NULL, "
                "previous_hash text NOT NULL)"
            ).format(schema, table)
        )
        self.chain_head_statement = SQL(
            "SELECT record_hash FROM {0}.{1} ORDER BY position DESC LIMIT 1"
        ).format(schema, table)
        self.chain_insert_statement = SQL(
            "INSERT INTO {0}.{1} (notification_id, record_hash, previous_hash) VALUES (%s, %s, %s)"
        ).format(schema, table)
        self.chain_select_statement = SQL(
            "SELECT position, notification_id, record_hash, previous_hash FROM {0}.{1} "
            "WHERE position > %s ORDER BY position LIMIT %s"
        ).format(schema, table)

    def _fetch_ids_after_insert_events(
        self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Any:
        ids = super()._fetch_ids_after_insert_events(  # type: ignore[misc]
            curs, stored_events, **kwargs
        )
        self.link_chain(curs, ids, stored_events)
        return ids

    def link_chain(
        self, curs: Any, ids: Sequence[int], stored_events: Sequence[StoredEvent]
    ) -> None:
        """Chain `stored_events` (just inserted with notification `ids`, in that order) after
        the chain head, in the transaction of `curs` (under the table lock)."""
        curs.execute(self.chain_head_statement)
        row = curs.fetchone()
        curs.executemany(
            self.chain_insert_statement,
            links(row["record_hash"] if row else GENESIS, ids, stored_events),
        )

    def select_chain(self, after: int, limit: int) -> list[ChainRecord]:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self.chain_select_statement, (after, limit))
            return [
                ChainRecord(
                    r["position"], r["notification_id"], r["record_hash"], r["previous_hash"]
                )
                for r in curs.fetchall()
            ]


# -- memory ---------------------------------------------------------------------------


class POPOEventChain:
    """Mixin for in-memory application recorders (first in the MRO)."""

    _database_lock: threading.RLock

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._chain: list[ChainRecord] = []

    def _update_table(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Any:
        ids = super()._update_table(stored_events, **kwargs)  # type: ignore[misc]
        previous = self._chain[-1].record_hash if self._chain else GENESIS
        for nid, digest, before in links(previous, ids, stored_events):
            self._chain.append(ChainRecord(len(self._chain) + 1, nid, digest, before))
        return ids

    def select_chain(self, after: int, limit: int) -> list[ChainRecord]:
        with self._database_lock:
            return self._chain[after : after + limit]


def chained(recorder: object) -> ChainedStore:
    """The recorder as a chained store; TypeError for one that keeps no chain."""
    if not isinstance(recorder, SQLiteEventChain | PostgresEventChain | POPOEventChain):
        raise TypeError(f"{type(recorder).__name__} keeps no hash chain")
    return recorder  # type: ignore[return-value]
