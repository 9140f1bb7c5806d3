"""PostgreSQL tracking and process recorders: processed event keys beside eventsourcing's
position table, fenced relay positions, the hash chain, command keys and group commit
(see `runtime.tracking` for what each guarantees). Split from `runtime.tracking`, which
re-exports these names and whose factory topics stay as they were."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import ApplicationRecorder, ProcessRecorder, Tracking
from eventsourcing.postgres import (
    PostgresApplicationRecorder,
    PostgresFactory,
    PostgresProcessRecorder,
    PostgresTrackingRecorder,
)
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier

from runtime.chain import PostgresEventChain
from runtime.event_identity import (
    PROCESSED_TABLE,
    DuplicateEvent,
    EventTracking,
    R,
    check_term,
    first_of_each,
    highest_positions,
)
from runtime.group_commit import GROUP_COMMIT, PostgresGroupCommit
from runtime.idempotency import PostgresCommandKeys


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
        keys = first_of_each(trackings)
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
        positions = highest_positions(trackings)
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
            check_term(found["notification_id"] if found else None, fence)
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
