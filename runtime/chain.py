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

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from eventsourcing.persistence import Notification

from runtime.chain_stores import (
    CHAIN_TABLE,
    GENESIS,
    ChainedStore,
    ChainRecord,
    POPOEventChain,
    PostgresEventChain,
    SQLiteEventChain,
    chained,
    record_hash,
)

__all__ = [
    "CHAIN_TABLE",
    "GENESIS",
    "PAGE",
    "ChainRecord",
    "ChainedStore",
    "Finding",
    "POPOEventChain",
    "PostgresEventChain",
    "SQLiteEventChain",
    "Verification",
    "chained",
    "record_hash",
    "verify",
]


PAGE = 500


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
