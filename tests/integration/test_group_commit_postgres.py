"""Group commit on the real PostgreSQL (`runtime.group_commit`): concurrent commands' events
stored in one transaction, each command all or nothing, the log in commit order.

The grouping is made certain, not hoped for: a second connection holds the events table's
lock, the first command (a group of one) waits on it, the others queue behind it (the test
waits, with a deadline, until all are queued); releasing the lock lets the first commit
alone and the queued ones form one group. Rows stored by one transaction share `xmin`.
Databases of the test's own (`gctest_*`), created here: no shared database is touched."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from eventsourcing.persistence import (
    InfrastructureFactory,
    IntegrityError,
    RecordConflictError,
    StoredEvent,
)
from eventsourcing.utils import Environment
from psycopg import sql

from bench.infra import ensure_databases, pg_connect, reset_database
from runtime.chain import verify
from runtime.eventstore import event_store_env
from runtime.group_commit import PostgresGroupCommit
from runtime.idempotency import KEYS_TABLE, CommandKey, DuplicateCommand, _current
from runtime.settings import Settings
from tests.conftest import pg_settings

pytestmark = pytest.mark.postgres

DATABASE = "gctest_group_commit"  # the settings' prefix and "group_commit"
TABLE = "gc_events"
TOPIC = "services.registration.domain:Product.Registered"
DEADLINE = 30.0


def _connect(settings: Settings) -> psycopg.Connection[Any]:
    return pg_connect(settings, DATABASE, autocommit=True)


@pytest.fixture
def settings() -> Settings:
    """The database `gctest_group_commit`, created if missing, emptied."""
    settings = pg_settings(pg_db_prefix="gctest_")
    ensure_databases(settings, "postgres", ("group_commit",))
    reset_database(settings, "group_commit")
    return settings


def recorder_env(settings: Settings) -> dict[str, str]:
    return event_store_env(settings, "gc") | {"POSTGRES_DBNAME": DATABASE}


@pytest.fixture
def recorder(settings: Settings) -> Iterator[Any]:
    factory: Any = InfrastructureFactory.construct(Environment("gc", recorder_env(settings)))
    recorder = factory.application_recorder()
    assert isinstance(recorder, PostgresGroupCommit)
    yield recorder
    factory.close()


def event(originator: uuid.UUID, version: int = 1, state: bytes = b"{}") -> StoredEvent:
    return StoredEvent(originator, version, TOPIC, state)


@dataclass
class Outcome:
    ids: Sequence[int] | None = None
    error: Exception | None = None


@contextmanager
def table_locked(settings: Settings) -> Iterator[None]:
    """The events table locked by another connection, as a committing writer holds it."""
    with _connect(settings) as conn:
        conn.autocommit = False
        conn.execute(sql.SQL("LOCK TABLE {} IN EXCLUSIVE MODE").format(sql.Identifier(TABLE)))
        yield
        conn.rollback()


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met before the deadline")
        time.sleep(0.01)


def one_group(
    settings: Settings,
    recorder: Any,
    commands: Sequence[Sequence[StoredEvent]],
    keys: Sequence[CommandKey | None] = (),
) -> tuple[Outcome, list[Outcome]]:
    """A first command alone, then `commands` (each with its idempotency key) certainly in
    one group behind it; the outcome of each."""
    first, outcomes = Outcome(), [Outcome() for _ in commands]
    keys = list(keys) or [None] * len(commands)

    def insert(events: Sequence[StoredEvent], key: CommandKey | None, out: Outcome) -> None:
        token = _current.set(key)
        try:
            out.ids = recorder.insert_events(events)
        except Exception as error:  # noqa: BLE001 - what the command's thread would raise
            out.error = error
        finally:
            _current.reset(token)

    threads = []
    with table_locked(settings):
        threads.append(threading.Thread(target=insert, args=([event(uuid.uuid4())], None, first)))
        threads[0].start()
        wait_until(lambda: recorder._leading)
        for events, key, out in zip(commands, keys, outcomes, strict=True):
            threads.append(threading.Thread(target=insert, args=(events, key, out)))
            threads[-1].start()
        wait_until(lambda: len(recorder._queue) == len(commands))
    for thread in threads:
        thread.join(DEADLINE)
    return first, outcomes


def stored(settings: Settings) -> list[tuple[int, uuid.UUID, int, int]]:
    """(notification_id, originator_id, version, xmin) of every stored event, in log order."""
    with _connect(settings) as conn:
        return conn.execute(
            sql.SQL(
                "SELECT notification_id, originator_id, originator_version, xmin::text::bigint "
                "FROM {} ORDER BY notification_id"
            ).format(sql.Identifier(TABLE))
        ).fetchall()


def test_concurrent_commands_commit_in_one_transaction_in_order(
    settings: Settings, recorder: Any
) -> None:
    aggregates = [uuid.uuid4() for _ in range(6)]
    commands = [[event(a, v) for v in range(1, 1 + (i % 3) + 1)] for i, a in enumerate(aggregates)]
    first, outcomes = one_group(settings, recorder, commands)

    assert first.error is None and all(o.error is None for o in outcomes)
    rows = stored(settings)
    assert len(rows) == 1 + sum(len(c) for c in commands)
    ids = [r[0] for r in rows]
    assert ids == list(range(ids[0], ids[0] + len(ids)))  # no gap
    assert len({r[3] for r in rows[1:]}) == 1  # the group: one transaction
    assert rows[0][3] != rows[1][3]  # the first: alone, before it
    position = 1
    for command, out in zip(commands, outcomes, strict=True):
        mine = rows[position : position + len(command)]
        assert out.ids == [r[0] for r in mine]  # each command its own ids, contiguous
        assert [(r[1], r[2]) for r in mine] == [
            (e.originator_id, e.originator_version) for e in command
        ]
        position += len(command)
    assert verify(recorder).intact


def test_a_conflicting_command_fails_alone(settings: Settings, recorder: Any) -> None:
    taken = uuid.uuid4()
    recorder.insert_events([event(taken, 1)])
    contested = uuid.uuid4()
    commands = [
        [event(uuid.uuid4())],
        [event(taken, 1), event(taken, 2)],  # version 1 already stored
        [event(contested, 1)],
        [event(uuid.uuid4()), event(contested, 1)],  # taken by the command before it
        [event(uuid.uuid4())],
    ]
    _, outcomes = one_group(settings, recorder, commands)

    assert [type(o.error) for o in outcomes] == [
        type(None),
        IntegrityError,
        type(None),
        IntegrityError,
        type(None),
    ]
    assert isinstance(outcomes[1].error, RecordConflictError)  # runtime.rpc runs it again
    rows = stored(settings)
    assert (taken, 2) not in {(r[1], r[2]) for r in rows}  # nothing of a failed command
    assert len(rows) == 2 + 3
    group = rows[2:]
    assert [r[0] for r in group] == list(range(group[0][0], group[0][0] + 3))  # no gap
    committed = [outcomes[n].ids for n in (0, 2, 4)]
    assert [i for ids in committed for i in ids or ()] == [r[0] for r in group]
    assert verify(recorder).intact


def test_idempotency_keys_commit_with_their_commands(settings: Settings, recorder: Any) -> None:
    keys = [CommandKey(f"k{n}", "print") for n in range(3)]
    keys.append(CommandKey("k1", "print"))  # a concurrent retry of k1: another run
    commands = [[event(uuid.uuid4())] for _ in keys]
    _, outcomes = one_group(settings, recorder, commands, keys)

    assert [o.error for o in outcomes[:3]] == [None, None, None]
    assert isinstance(outcomes[3].error, DuplicateCommand)
    with _connect(settings) as conn:
        kept = dict(
            conn.execute(
                sql.SQL("SELECT idempotency_key, xmin::text::bigint FROM {}").format(
                    sql.Identifier(KEYS_TABLE)
                )
            ).fetchall()
        )
    rows = stored(settings)
    assert sorted(kept) == ["k0", "k1", "k2"]
    assert set(kept.values()) == {rows[-1][3]}  # in the events' transaction
    assert commands[3][0].originator_id not in {r[1] for r in rows}


def test_a_failed_group_stores_each_command_alone(
    settings: Settings, recorder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The group's transaction fails after its insert: nothing of it stays; each command
    is then stored alone, once."""
    link = type(recorder).link_chain
    failed = threading.Event()

    def failing_once(self: Any, curs: Any, ids: Any, events: Any) -> None:
        link(self, curs, ids, events)
        if len(events) > 1 and not failed.is_set():
            failed.set()
            raise RuntimeError("the group's transaction fails here")

    monkeypatch.setattr(type(recorder), "link_chain", failing_once)
    commands = [[event(uuid.uuid4())] for _ in range(4)]
    _, outcomes = one_group(settings, recorder, commands)

    assert failed.is_set()
    assert all(o.error is None for o in outcomes)
    rows = stored(settings)
    assert sorted(r[1] for r in rows[1:]) == sorted(c[0].originator_id for c in commands)
    assert len({r[3] for r in rows[1:]}) == 4  # each alone
    assert verify(recorder).intact


def test_a_crash_mid_group_leaves_nothing(settings: Settings, recorder: Any) -> None:
    """The process dies inside the group's transaction, its events inserted and chained
    but not committed: none of them, nor their chain records, is stored."""
    recorder.insert_events([event(uuid.uuid4())])
    env = [f"{k}={v}" for k, v in recorder_env(settings).items()]
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.group_commit_crash", *env],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "inside"
    finally:
        child.kill()
        child.wait(DEADLINE)
    with _connect(settings) as conn:
        wait_until(
            lambda: (
                not conn.execute(
                    "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                    "WHERE c.relname = %s AND l.mode = 'ExclusiveLock'",
                    (TABLE,),
                ).fetchone()
            )
        )
    assert len(stored(settings)) == 1
    recorder.insert_events([event(uuid.uuid4())])  # the lock is free, the log goes on
    rows = stored(settings)
    assert len(rows) == 2 and rows[1][0] > rows[0][0]
    assert verify(recorder).intact
