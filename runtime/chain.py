"""The hash chain over a service's stored events: tamper evidence for its store.

Every stored event gets a chain record, written **in the same transaction as the
event** by the store's recorder (the mixins below, composed into `runtime.tracking`'s
recorders): `(position, notification_id, record_hash, previous_hash)` in the table
`ocop_event_chain` of the service's own store (SQLite file or PostgreSQL database).

    record_hash = sha256(previous_hash ‖ 0 ‖ notification_id ‖ 0 ‖ originator_id ‖ 0
                         ‖ originator_version ‖ 0 ‖ topic ‖ 0 ‖ state)   (hex, 64 chars)

The first record's `previous_hash` is `GENESIS` (64 zeros). Positions increase with
every record; PostgreSQL's notification order is serialised by eventsourcing's table
lock, SQLite's by its single writer, so each record's predecessor is the chain head.

`verify` walks the events (notification order) beside the chain (position order) and
names the first record that was altered (its content no longer hashes to the record),
removed (a chain record without its event), inserted (an event without a chain record),
or whose chain record was itself edited or removed (a broken link). `head` is the last
record: published outside the store (an anchor), it lets an outsider check later that
the chain up to it is unchanged, which the chain alone cannot prove against someone who
can rewrite the whole table (docs/operators/audit.md).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent
from psycopg.sql import SQL, Identifier

CHAIN_TABLE = "ocop_event_chain"
GENESIS = "0" * 64
PAGE = 500


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


Problem = Literal["altered", "removed", "inserted", "broken"]


@dataclass(frozen=True)
class Finding:
    """The first record that does not fit the chain.

    `problem`: `altered` (the event's content changed), `removed` (its event is gone),
    `inserted` (an event with no chain record), `broken` (a chain record edited, removed
    or out of order). `notification_id` names the event; `position` the chain record
    (0 when there is none)."""

    problem: Problem
    notification_id: int
    position: int


@dataclass(frozen=True)
class Verification:
    """The result of `verify`: `records` checked, the chain `head` (position,
    notification id, hash) and the first `finding`, None when the chain holds."""

    records: int
    head: ChainRecord | None
    finding: Finding | None

    @property
    def intact(self) -> bool:
        return self.finding is None


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


def _notifications(store: ChainedStore) -> Iterator[Notification]:
    start = 0
    while True:
        page = store.select_notifications(start, PAGE, inclusive_of_start=False)
        yield from page
        if len(page) < PAGE:
            return
        start = page[-1].id


def _records(store: ChainedStore) -> Iterator[ChainRecord]:
    after = 0
    while True:
        page = store.select_chain(after, PAGE)
        yield from page
        if len(page) < PAGE:
            return
        after = page[-1].position


def verify(store: ChainedStore) -> Verification:
    """Recomputes the chain of `store` and returns the first record that does not fit."""
    events, records = _notifications(store), _records(store)
    event, record = next(events, None), next(records, None)
    previous, checked, head = GENESIS, 0, None
    last_id = 0

    def found(problem: Problem, nid: int, position: int = 0) -> Verification:
        return Verification(checked, head, Finding(problem, nid, position))

    while event is not None or record is not None:
        if record is not None and (
            record.previous_hash != previous or record.notification_id <= last_id
        ):
            return found("broken", record.notification_id, record.position)
        if record is None or (event is not None and event.id < record.notification_id):
            assert event is not None
            return found("inserted", event.id)
        if event is None or event.id > record.notification_id:
            return found("removed", record.notification_id, record.position)
        expected = record_hash(
            previous,
            event.id,
            event.originator_id,
            event.originator_version,
            event.topic,
            event.state,
        )
        if expected != record.record_hash:
            return found("altered", event.id, record.position)
        previous, last_id, head, checked = (
            record.record_hash,
            record.notification_id,
            record,
            checked + 1,
        )
        event, record = next(events, None), next(records, None)
    return Verification(checked, head, None)


def _links(
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
                _links(row[0] if row else GENESIS, ids, stored_events),
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
            _links(row["record_hash"] if row else GENESIS, ids, stored_events),
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
        for nid, digest, before in _links(previous, ids, stored_events):
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
