"""Group commit: concurrent commands' events stored in one PostgreSQL transaction.

eventsourcing's `insert_events` holds `LOCK TABLE ... IN EXCLUSIVE MODE` until its commit,
so that notification ids commit in the order they were issued and a reader tailing the log
(`runtime.outbox`) never passes over an id that commits later. Concurrent commands therefore
queue on the lock and pay one commit (one WAL flush) each: the gRPC workers of a server
stored events at the rate of one writer (docs/operators/benchmarks.md, T3).

`PostgresGroupCommit.insert_events`: the first command to arrive while no group is being
written becomes the *leader*; it takes every command waiting (its own first) and stores them
in one transaction:

1. the table lock and the `NOTIFY`, as eventsourcing takes them;
2. which (originator_id, originator_version) of the commands' events are taken, by rows
   already committed (under the lock no one else inserts) or by an earlier command of the
   group: such a command fails alone with eventsourcing's `IntegrityError` (a
   `RecordConflictError`, which `runtime.rpc` answers by running the command again on the
   aggregate as it now is); nothing of it is stored and no notification id is used up;
3. each remaining command's idempotency key, in the same transaction as its events
   (`runtime.idempotency`; a key recorded by another run fails that command alone with
   `DuplicateCommand`);
4. the remaining commands' events in one `INSERT`, in the order the commands arrived (each
   command's events contiguous and in its own order), and their hash-chain records
   (`runtime.chain`);
5. one commit; then every command returns its own notification ids.

Commands that arrive meanwhile wait and form the next group: a group is whatever queued
during the previous commit, so there is no timer and a command that arrives alone is stored
at once, through eventsourcing's own path. Each group is one transaction under the table
lock: its ids are issued and committed together, after every earlier group's and before any
later one's, so the log stays in commit order for its readers. If the group's transaction
fails (connection lost, lock timeout, a constraint step 2 did not foresee), nothing of the
group is stored and each command's insert runs again alone, in its own thread, through
eventsourcing's path and its retries: all or nothing per command either way.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventsourcing.persistence import IntegrityError, StoredEvent
from psycopg.sql import SQL, Identifier

from runtime.idempotency import CommandKey, DuplicateCommand, _recording

GROUP_COMMIT = "OCOP_GROUP_COMMIT"
"""Environment key of the eventsourcing factory: "n" stores every command alone (for
measuring the difference); anything else, or unset, groups them."""


@dataclass(eq=False)
class _Command:
    """One command's insert, waiting for (or in) a group."""

    events: Sequence[StoredEvent]
    key: CommandKey | None
    ids: list[int] | None = None
    error: Exception | None = None
    done: bool = False


def _versions(events: Sequence[StoredEvent]) -> set[tuple[str, int]]:
    return {(str(e.originator_id), e.originator_version) for e in events}


class PostgresGroupCommit:
    """Mixin for PostgreSQL application recorders, first in the MRO, before
    `runtime.chain.PostgresEventChain` and `runtime.idempotency.PostgresCommandKeys`
    (whose `link_chain` and `record_key` it calls)."""

    datastore: Any
    events_table_name: str
    stored_event_type_name: str
    insert_events_statement: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group_commit = True
        self._turn = threading.Condition()
        self._queue: list[_Command] = []
        self._leading = False
        self.taken_statement = SQL(
            "SELECT originator_id, originator_version FROM {0}.{1} "
            "WHERE (originator_id, originator_version) IN "
            "(SELECT originator_id, originator_version FROM unnest(%s::{0}.{2}[]))"
        ).format(
            Identifier(self.datastore.schema),
            Identifier(self.events_table_name),
            Identifier(self.stored_event_type_name),
        )

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """Stores `stored_events` (one command's) with the other commands waiting, as the
        module describes; returns their notification ids. Raises eventsourcing's
        `IntegrityError` when one of their versions is taken, `DuplicateCommand` when the
        command's idempotency key was recorded by another run, or what storing them alone
        raised after the group's transaction failed. With a keyword argument that is not
        None (a process recorder's `tracking`), eventsourcing's path alone."""
        if not stored_events or not self.group_commit or any(kwargs.values()):
            return super().insert_events(stored_events, **kwargs)  # type: ignore[misc,no-any-return]
        mine = _Command(stored_events, _recording())
        group: list[_Command] = []
        with self._turn:
            self._queue.append(mine)
            while self._leading and not mine.done:
                self._turn.wait()
            if not mine.done:
                group, self._queue, self._leading = self._queue, [], True
        if group:
            try:
                self._store(group)
            finally:
                with self._turn:
                    for command in group:
                        command.done = True
                    self._leading = False
                    self._turn.notify_all()
        if mine.error is not None:
            raise mine.error
        if mine.ids is None:  # the group's transaction failed: alone, as eventsourcing does
            return super().insert_events(stored_events)  # type: ignore[misc,no-any-return]
        return mine.ids

    def _store(self, group: list[_Command]) -> None:
        if len(group) == 1:  # alone: eventsourcing's path, in the command's own thread
            try:
                group[0].ids = list(super().insert_events(group[0].events) or ())  # type: ignore[misc]
            except Exception as error:  # noqa: BLE001 - raised in the command's thread
                group[0].error = error
            return
        try:
            outcome = self._store_group(group)
        except Exception:  # noqa: BLE001 - nothing stored: each command then runs alone
            return
        for command, result in outcome.items():
            if isinstance(result, Exception):
                command.error = result
            else:
                command.ids = result

    def _store_group(self, group: list[_Command]) -> dict[_Command, list[int] | Exception]:
        """Steps 1-5 of the module's docstring in one transaction; each command's ids or
        the error it fails with alone. Raises when the transaction fails (nothing stored)."""
        rows = {c: [self._pg_row(e) for e in c.events] for c in group}
        with (
            self.datastore.get_connection() as conn,
            conn.pipeline(),
            conn.transaction(),
            conn.cursor() as curs,
        ):
            self._lock_table(curs)  # type: ignore[attr-defined]
            self._notify_channel(curs)  # type: ignore[attr-defined]
            curs.execute(self.taken_statement, ([r for c in group for r in rows[c]],))
            taken = {(str(r["originator_id"]), r["originator_version"]) for r in curs}
            outcome: dict[_Command, list[int] | Exception] = {}
            accepted = [c for c in group if self._accept(curs, c, taken, outcome)]
            if accepted:
                curs.execute(
                    self.insert_events_statement, ([r for c in accepted for r in rows[c]],)
                )
                ids = [r["notification_id"] for r in curs.fetchall()]
                self.link_chain(curs, ids, [e for c in accepted for e in c.events])  # type: ignore[attr-defined]
                for command in accepted:
                    size = len(command.events)
                    outcome[command], ids = ids[:size], ids[size:]
        return outcome

    def _accept(
        self,
        curs: Any,
        command: _Command,
        taken: set[tuple[str, int]],
        outcome: dict[_Command, list[int] | Exception],
    ) -> bool:
        """Whether `command` joins the group's insert: its versions free (then taken) and
        its idempotency key recorded; else its error in `outcome`."""
        versions = _versions(command.events)
        if versions & taken or len(versions) < len(command.events):
            outcome[command] = IntegrityError(
                "an event's (originator_id, originator_version) is already stored"
            )
            return False
        if command.key is not None:
            try:
                self.record_key(curs, command.key)  # type: ignore[attr-defined]
            except DuplicateCommand as duplicate:
                outcome[command] = duplicate
                return False
        taken |= versions
        return True

    def _pg_row(self, event: StoredEvent) -> Any:
        return self.construct_pg_stored_event(  # type: ignore[attr-defined]
            event.originator_id, event.originator_version, event.topic, event.state
        )
