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
stores (memory, SQLite, PostgreSQL); `runtime.eventstore` selects their factories.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from eventsourcing.persistence import ApplicationRecorder, IntegrityError, ProcessRecorder, Tracking
from eventsourcing.popo import (
    POPOApplicationRecorder,
    POPOFactory,
    POPOProcessRecorder,
    POPOTrackingRecorder,
)
from eventsourcing.postgres import (
    PostgresApplicationRecorder,
    PostgresFactory,
    PostgresProcessRecorder,
    PostgresTrackingRecorder,
)
from eventsourcing.sqlite import (
    SQLiteApplicationRecorder,
    SQLiteCursor,
    SQLiteFactory,
    SQLiteProcessRecorder,
    SQLiteTrackingRecorder,
)
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier

from runtime.chain import POPOEventChain, PostgresEventChain, SQLiteEventChain
from runtime.group_commit import GROUP_COMMIT, PostgresGroupCommit
from runtime.idempotency import POPOCommandKeys, PostgresCommandKeys, SQLiteCommandKeys

PROCESSED_TABLE = "ocop_processed_events"
R = TypeVar("R")


@dataclass(frozen=True)
class EventTracking(Tracking):
    """A consumed event's tracking: its position (for lag) and its identity (for duplicates).

    `event_key` is `<event type>:<event id>`: one domain event may be published as two
    integration events of different types, which are two effects."""

    event_key: str = ""


class DuplicateEvent(IntegrityError):
    """The event's key is already recorded: its effect happened before."""


class LostLeadership(IntegrityError):
    """Another relay took over (a newer term): this one may not record a position."""


def event_key(event_type: str, event_id: object) -> str:
    return f"{event_type}:{event_id}"


def _first_of_each(trackings: Sequence[EventTracking]) -> list[EventTracking]:
    """The trackings of a batch, one per event key (the first), in order."""
    first: dict[str, EventTracking] = {}
    for t in trackings:
        first.setdefault(t.event_key, t)
    return list(first.values())


def _highest_positions(trackings: Sequence[Tracking]) -> dict[str, int]:
    """The highest position of each tracking name in a batch."""
    out: dict[str, int] = {}
    for t in trackings:
        out[t.application_name] = max(
            out.get(t.application_name, t.notification_id), t.notification_id
        )
    return out


def _check_term(found: int | None, fence: Tracking) -> None:
    if found != fence.notification_id:
        raise LostLeadership(
            f"{fence.application_name} is at term {found}, not {fence.notification_id}"
        )


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
        keys = _first_of_each(trackings)
        if not keys:
            return set()
        marks = ", ".join(["(?, ?, ?)"] * len(keys))
        c.execute(
            f"INSERT INTO {PROCESSED_TABLE} (event_key, tracking_name, notification_id) "
            f"VALUES {marks} ON CONFLICT (event_key) DO NOTHING RETURNING event_key",
            tuple(v for t in keys for v in (t.event_key, t.application_name, t.notification_id)),
        )
        new = {row[0] for row in c.fetchall()}
        positions = _highest_positions(trackings)
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
            _check_term(self._max_tracking_id(fence.application_name, c), fence)
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


# -- PostgreSQL -----------------------------------------------------------------------


class PostgresEventTrackingRecorder(PostgresTrackingRecorder):
    """PostgreSQL tracking with a table of processed event keys."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schema = Identifier(self.datastore.schema)
        processed = Identifier(PROCESSED_TABLE)
        tracking = Identifier(self.tracking_table_name)
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {0}.{1} ("
                "event_key text PRIMARY KEY, tracking_name text NOT NULL, "
                "notification_id bigint NOT NULL, processed_at timestamptz NOT NULL "
                "DEFAULT now())"
            ).format(schema, processed)
        )
        self.insert_processed_statement = SQL(
            "INSERT INTO {0}.{1} (event_key, tracking_name, notification_id) "
            "VALUES (%s, %s, %s) ON CONFLICT (event_key) DO NOTHING RETURNING event_key"
        ).format(schema, processed)
        self.raise_position_statement = SQL(
            "INSERT INTO {0}.{1} VALUES (%s, %s) ON CONFLICT (application_name) DO UPDATE "
            "SET notification_id = GREATEST({0}.{1}.notification_id, excluded.notification_id)"
        ).format(schema, tracking)
        self.insert_processed_batch_statement = SQL(
            "INSERT INTO {0}.{1} (event_key, tracking_name, notification_id) "
            "SELECT * FROM unnest(%s::text[], %s::text[], %s::bigint[]) "
            "ON CONFLICT (event_key) DO NOTHING RETURNING event_key"
        ).format(schema, processed)
        self.raise_positions_statement = SQL(
            "INSERT INTO {0}.{1} SELECT * FROM unnest(%s::text[], %s::bigint[]) "
            "ON CONFLICT (application_name) DO UPDATE "
            "SET notification_id = GREATEST({0}.{1}.notification_id, excluded.notification_id)"
        ).format(schema, tracking)
        self.select_processed_statement = SQL("SELECT 1 FROM {0}.{1} WHERE event_key = %s").format(
            schema, processed
        )
        select_term = "SELECT notification_id FROM {0}.{1} WHERE application_name = %s "
        self.lock_term_statement = SQL(select_term + "FOR UPDATE").format(schema, tracking)
        self.share_term_statement = SQL(select_term + "FOR SHARE").format(schema, tracking)

    def _insert_tracking(self, curs: Cursor[DictRow], tracking: Tracking) -> None:
        if not isinstance(tracking, EventTracking):
            super()._insert_tracking(curs, tracking)
            return
        curs.execute(
            self.insert_processed_statement,
            (tracking.event_key, tracking.application_name, tracking.notification_id),
        )
        if curs.fetchone() is None:
            raise DuplicateEvent(f"event {tracking.event_key} was already applied")
        curs.execute(
            self.raise_position_statement, (tracking.application_name, tracking.notification_id)
        )

    def insert_trackings(
        self, curs: Cursor[DictRow], trackings: Sequence[EventTracking]
    ) -> set[str]:
        """Record a batch's event keys and raise each position, in the caller's
        transaction, with one statement each; returns the keys that were new (the others
        were applied before: their effects must be skipped)."""
        keys = _first_of_each(trackings)
        if not keys:
            return set()
        curs.execute(
            self.insert_processed_batch_statement,
            (
                [t.event_key for t in keys],
                [t.application_name for t in keys],
                [t.notification_id for t in keys],
            ),
        )
        new = {row["event_key"] for row in curs.fetchall()}
        positions = _highest_positions(trackings)
        curs.execute(self.raise_positions_statement, (list(positions), list(positions.values())))
        return new

    def has_event(self, key: str) -> bool:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self.select_processed_statement, (key,))
            return curs.fetchone() is not None

    def take_term(self, name: str) -> int:
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(self.lock_term_statement, (name,))
            found = curs.fetchone()
            term = (found["notification_id"] if found else 0) + 1
            self._insert_tracking(curs, Tracking(name, term))
        return term

    def record_fenced(self, tracking: Tracking, fence: Tracking) -> None:
        # FOR SHARE: a relay taking over waits for this transaction, then raises the term.
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(self.share_term_statement, (fence.application_name,))
            found = curs.fetchone()
            _check_term(found["notification_id"] if found else None, fence)
            self._insert_tracking(curs, tracking)


class PostgresEventProcessRecorder(
    PostgresGroupCommit,
    PostgresEventChain,
    PostgresCommandKeys,
    PostgresEventTrackingRecorder,
    PostgresProcessRecorder,
):
    """Concurrent commands' events stored in one transaction (`runtime.group_commit`); an
    insert with a tracking record (a consumed event's effect) is stored alone."""


class PostgresCommandApplicationRecorder(
    PostgresGroupCommit, PostgresEventChain, PostgresCommandKeys, PostgresApplicationRecorder
):
    """Concurrent commands' events stored in one transaction (`runtime.group_commit`)."""


class PostgresEventFactory(PostgresFactory):
    application_recorder_class = PostgresCommandApplicationRecorder
    tracking_recorder_class = PostgresEventTrackingRecorder
    process_recorder_class = PostgresEventProcessRecorder

    def application_recorder(self) -> ApplicationRecorder:
        return self._grouping(super().application_recorder())

    def process_recorder(self) -> ProcessRecorder:
        return self._grouping(super().process_recorder())

    def _grouping(self, recorder: R) -> R:
        if isinstance(recorder, PostgresGroupCommit):
            recorder.group_commit = self.env.get(GROUP_COMMIT, "y") != "n"
        return recorder


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
            _check_term(self._max_tracking_ids[fence.application_name], fence)
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
