"""Tracking recorders: duplicates recognised by event identity, and fenced positions.

**Event identity.** Duplicates are recognised by the event's own identity, in the
effect's transaction.

A consumer records, with every effect, the key of the event it applied
(`<event type>:<event id>`, the envelope's deterministic id): a second insert of the
same key fails the transaction with `DuplicateEvent` and nothing changes. Order no
longer matters: a forged, replayed or restored-from-backup message can never hide a
later one, because nothing is decided by "the highest position seen".

Positions are still kept, in eventsourcing's single-row tracking table, but only for
resuming and lag: an `EventTracking` raises the position to the larger of the stored
and the new one, and never refuses a smaller one.

**Fenced positions.** A relay's position is written only by the relay that holds the
current *term* (a counter in the same tracking table, raised by each relay that takes
over): `record_fenced` checks the term in the position's own transaction, so a relay
that lost its leadership cannot record a position, even one in flight.

**Hash chain.** Every application and process recorder below also chains its stored
events (`runtime.chain`), in the events' transaction.

The recorders below extend eventsourcing's tracking and process recorders for the three
stores (memory, SQLite, PostgreSQL: `runtime.tracking_postgres`; the event identity and the
errors: `runtime.event_identity`); `runtime.eventstore` selects their factories.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from eventsourcing.persistence import Tracking
from eventsourcing.popo import (
    POPOApplicationRecorder,
    POPOFactory,
    POPOProcessRecorder,
    POPOTrackingRecorder,
)
from eventsourcing.sqlite import (
    SQLiteApplicationRecorder,
    SQLiteCursor,
    SQLiteFactory,
    SQLiteProcessRecorder,
    SQLiteTrackingRecorder,
)

from runtime.chain import POPOEventChain, SQLiteEventChain
from runtime.event_identity import (
    PROCESSED_TABLE,
    DuplicateEvent,
    EventTracking,
    LostLeadership,
    check_term,
    event_key,
    first_of_each,
    highest_positions,
)
from runtime.idempotency import POPOCommandKeys, SQLiteCommandKeys
from runtime.tracking_postgres import (
    PostgresCommandApplicationRecorder,
    PostgresEventFactory,
    PostgresEventProcessRecorder,
    PostgresEventTrackingRecorder,
)

__all__ = [
    "PROCESSED_TABLE",
    "DuplicateEvent",
    "EventTracking",
    "LostLeadership",
    "POPOCommandApplicationRecorder",
    "POPOEventFactory",
    "POPOEventProcessRecorder",
    "POPOEventTrackingRecorder",
    "PostgresCommandApplicationRecorder",
    "PostgresEventFactory",
    "PostgresEventProcessRecorder",
    "PostgresEventTrackingRecorder",
    "SQLiteCommandApplicationRecorder",
    "SQLiteEventFactory",
    "SQLiteEventProcessRecorder",
    "SQLiteEventTrackingRecorder",
    "event_key",
    "processed_events",
]


# -- SQLite ---------------------------------------------------------------------------


class SQLiteEventTrackingRecorder(SQLiteTrackingRecorder):
    """SQLite tracking with a table of processed event keys."""

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {PROCESSED_TABLE} ("
            "event_key TEXT PRIMARY KEY, tracking_name TEXT NOT NULL, "
            "notification_id INTEGER NOT NULL, processed_at TEXT NOT NULL "
            "DEFAULT CURRENT_TIMESTAMP) WITHOUT ROWID",
        ]

    def _insert_tracking(self, c: SQLiteCursor, tracking: Tracking) -> None:
        if not isinstance(tracking, EventTracking):
            super()._insert_tracking(c, tracking)
            return
        c.execute(
            f"INSERT INTO {PROCESSED_TABLE} (event_key, tracking_name, notification_id) "
            "VALUES (?, ?, ?) ON CONFLICT (event_key) DO NOTHING RETURNING event_key",
            (tracking.event_key, tracking.application_name, tracking.notification_id),
        )
        if c.fetchone() is None:
            raise DuplicateEvent(f"event {tracking.event_key} was already applied")
        c.execute(
            "INSERT INTO tracking VALUES (?, ?) ON CONFLICT (application_name) DO UPDATE "
            "SET notification_id = MAX(tracking.notification_id, excluded.notification_id)",
            (tracking.application_name, tracking.notification_id),
        )

    def insert_trackings(self, c: SQLiteCursor, trackings: Sequence[EventTracking]) -> set[str]:
        """Record a batch's event keys and raise each position, in the caller's
        transaction, with one statement each; returns the keys that were new (the others
        were applied before: their effects must be skipped)."""
        keys = first_of_each(trackings)
        if not keys:
            return set()
        marks = ", ".join(["(?, ?, ?)"] * len(keys))
        c.execute(
            f"INSERT INTO {PROCESSED_TABLE} (event_key, tracking_name, notification_id) "
            f"VALUES {marks} ON CONFLICT (event_key) DO NOTHING RETURNING event_key",
            tuple(v for t in keys for v in (t.event_key, t.application_name, t.notification_id)),
        )
        new = {row[0] for row in c.fetchall()}
        positions = highest_positions(trackings)
        c.execute(
            f"INSERT INTO tracking VALUES {', '.join(['(?, ?)'] * len(positions))} "
            "ON CONFLICT (application_name) DO UPDATE "
            "SET notification_id = MAX(tracking.notification_id, excluded.notification_id)",
            tuple(v for item in positions.items() for v in item),
        )
        return new

    def has_event(self, key: str) -> bool:
        """Whether the event with this key was applied (committed)."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT 1 FROM {PROCESSED_TABLE} WHERE event_key = ?", (key,))
            return c.fetchone() is not None

    def take_term(self, name: str) -> int:
        """Start a new term under `name` (one higher than any before) and return it."""
        with self.datastore.transaction(commit=True) as c:
            term = (self._max_tracking_id(name, c) or 0) + 1
            self._insert_tracking(c, Tracking(name, term))
        return term

    def record_fenced(self, tracking: Tracking, fence: Tracking) -> None:
        """Record `tracking` if the term `fence` is still the current one."""
        with self.datastore.transaction(commit=True) as c:
            check_term(self._max_tracking_id(fence.application_name, c), fence)
            self._insert_tracking(c, tracking)


class SQLiteEventProcessRecorder(
    SQLiteEventChain, SQLiteCommandKeys, SQLiteEventTrackingRecorder, SQLiteProcessRecorder
):
    pass


class SQLiteCommandApplicationRecorder(
    SQLiteEventChain, SQLiteCommandKeys, SQLiteApplicationRecorder
):
    pass


class SQLiteEventFactory(SQLiteFactory):
    application_recorder_class = SQLiteCommandApplicationRecorder
    tracking_recorder_class = SQLiteEventTrackingRecorder
    process_recorder_class = SQLiteEventProcessRecorder


# -- memory ---------------------------------------------------------------------------


class POPOEventTrackingRecorder(POPOTrackingRecorder):
    """In-memory tracking with a set of processed event keys."""

    def __init__(self) -> None:
        super().__init__()
        self._processed: set[str] = set()

    def _assert_tracking_uniqueness(self, tracking: Tracking) -> None:
        if not isinstance(tracking, EventTracking):
            super()._assert_tracking_uniqueness(tracking)
        elif tracking.event_key in self._processed:
            raise DuplicateEvent(f"event {tracking.event_key} was already applied")

    def _insert_tracking(self, tracking: Tracking) -> None:
        if not isinstance(tracking, EventTracking):
            super()._insert_tracking(tracking)
            return
        self._processed.add(tracking.event_key)
        current = self._max_tracking_ids[tracking.application_name] or 0
        self._max_tracking_ids[tracking.application_name] = max(current, tracking.notification_id)

    def has_event(self, key: str) -> bool:
        with self._database_lock:
            return key in self._processed

    def take_term(self, name: str) -> int:
        with self._database_lock:
            term = (self._max_tracking_ids[name] or 0) + 1
            self._max_tracking_ids[name] = term
        return term

    def record_fenced(self, tracking: Tracking, fence: Tracking) -> None:
        with self._database_lock:
            check_term(self._max_tracking_ids[fence.application_name], fence)
            self._assert_tracking_uniqueness(tracking)
            self._insert_tracking(tracking)


class POPOEventProcessRecorder(
    POPOEventChain, POPOCommandKeys, POPOEventTrackingRecorder, POPOProcessRecorder
):
    pass


class POPOCommandApplicationRecorder(POPOEventChain, POPOCommandKeys, POPOApplicationRecorder):
    pass


class POPOEventFactory(POPOFactory):
    def tracking_recorder(
        self, tracking_recorder_class: type[POPOTrackingRecorder] | None = None
    ) -> POPOTrackingRecorder:
        return (tracking_recorder_class or POPOEventTrackingRecorder)()

    def application_recorder(self) -> POPOApplicationRecorder:
        return POPOCommandApplicationRecorder()

    def process_recorder(self) -> POPOProcessRecorder:
        return POPOEventProcessRecorder()


EventRecorder = (
    SQLiteEventTrackingRecorder | PostgresEventTrackingRecorder | POPOEventTrackingRecorder
)


def processed_events(recorder: object) -> Callable[[str], bool]:
    """`has_event` of a recorder built by this module's factories (`runtime.eventstore`).

    Raises TypeError for eventsourcing's own recorders: they cannot recognise duplicates
    by identity."""
    if not isinstance(recorder, EventRecorder):
        raise TypeError(f"{type(recorder).__name__} does not record event identities")
    return recorder.has_event
