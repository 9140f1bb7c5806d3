"""Limits, measured on this machine in the same run as the figures they divide.

Raw psycopg inserts into a scratch table created by eventsourcing itself (the
stored-events shape), one row per commit and 100 rows per commit; the same through
eventsourcing's `insert_events` (1 and 100 per call, with its table lock and NOTIFY); and
the notification-log read rate through `select_notifications` in pages of the relay's
batch size, over the rows those measurements stored."""

from __future__ import annotations

import time
import uuid
from typing import Any

import psycopg
from eventsourcing.persistence import ApplicationRecorder, InfrastructureFactory, StoredEvent
from eventsourcing.utils import Environment
from psycopg import sql

from bench.infra import BATCH, EVENT_TOPIC, PAYLOAD, pg_connect, say
from bench.report import Spec
from runtime.eventstore import event_store_env
from runtime.settings import Settings

TITLE = "limits, measured in this run"
SPECS = (
    Spec("pg_single", "PostgreSQL single-row commits", "ev/s"),
    Spec("pg_commit_ms", "PostgreSQL single-row commit time", "ms"),
    Spec("pg_batch", f"PostgreSQL {BATCH}-row batches per commit", "ev/s", "pg_single"),
    Spec("es_single", "eventsourcing insert_events, 1 per call", "ev/s", "pg_single"),
    Spec("es_batch", f"eventsourcing insert_events, {BATCH} per call", "ev/s", "pg_batch"),
    Spec("log_read", "notification-log read (select_notifications)", "ev/s"),
)


def scratch_recorder(
    settings: Settings, dbname: str, table: str
) -> tuple[Any, ApplicationRecorder]:
    """An eventsourcing application recorder whose events table is `<table>_events`."""
    env = event_store_env(settings, "limits") | {
        "POSTGRES_DBNAME": dbname,
        "POSTGRES_POOL_SIZE": "1",
    }
    factory: Any = InfrastructureFactory.construct(Environment(table, env))
    return factory, factory.application_recorder()


def insert_single(conn: psycopg.Connection, table: str, seconds: float) -> float:
    statement = sql.SQL(
        "INSERT INTO {} (originator_id, originator_version, topic, state) VALUES (%s, 1, %s, %s)"
    ).format(sql.Identifier(table))
    count, start = 0, time.perf_counter()
    with conn.cursor() as cursor:
        while time.perf_counter() - start < seconds:
            cursor.execute(statement, (uuid.uuid4(), EVENT_TOPIC, PAYLOAD))
            conn.commit()
            count += 1
    return count / (time.perf_counter() - start)


def insert_batches(conn: psycopg.Connection, table: str, seconds: float) -> float:
    statement = sql.SQL(
        "INSERT INTO {} (originator_id, originator_version, topic, state) VALUES (%s, %s, %s, %s)"
    ).format(sql.Identifier(table))
    count, start = 0, time.perf_counter()
    with conn.cursor() as cursor:
        while time.perf_counter() - start < seconds:
            aggregate = uuid.uuid4()
            cursor.executemany(
                statement, [(aggregate, v, EVENT_TOPIC, PAYLOAD) for v in range(1, BATCH + 1)]
            )
            conn.commit()
            count += BATCH
    return count / (time.perf_counter() - start)


def recorder_inserts(recorder: ApplicationRecorder, per_call: int, seconds: float) -> float:
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        aggregate = uuid.uuid4()
        recorder.insert_events(
            [StoredEvent(aggregate, v, EVENT_TOPIC, PAYLOAD) for v in range(1, per_call + 1)]
        )
        count += per_call
    return count / (time.perf_counter() - start)


def read_log(recorder: ApplicationRecorder, page: int) -> tuple[int, float]:
    """Read the whole notification log as the relay does; (events, events per second)."""
    position, count, start = 0, 0, time.perf_counter()
    while True:
        notifications = recorder.select_notifications(
            start=position, limit=page, inclusive_of_start=False
        )
        if not notifications:
            break
        count += len(notifications)
        position = notifications[-1].id
    return count, count / (time.perf_counter() - start)


def measure_limits(
    settings: Settings, dbname: str, seconds: float, repeat: int
) -> dict[str, list[float]]:
    table = "bench_limits"
    events_table = f"{table}_events"
    with pg_connect(settings, dbname, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(events_table)))
    factory, recorder = scratch_recorder(settings, dbname, table)
    runs: dict[str, list[float]] = {
        k: [] for k in ("pg_single", "pg_batch", "es_single", "es_batch", "log_read")
    }
    try:
        with pg_connect(settings, dbname) as conn:
            for n in range(repeat):
                say(f"limits {n + 1}/{repeat}: inserts, {seconds:g} s each")
                runs["pg_single"].append(insert_single(conn, events_table, seconds))
                runs["pg_batch"].append(insert_batches(conn, events_table, seconds))
                runs["es_single"].append(recorder_inserts(recorder, 1, seconds))
                runs["es_batch"].append(recorder_inserts(recorder, BATCH, seconds))
        for n in range(repeat):
            stored, rate = read_log(recorder, settings.relay_batch_size)
            say(f"limits {n + 1}/{repeat}: read {stored} notifications")
            runs["log_read"].append(rate)
        runs["log_size"] = [float(stored)]
    finally:
        factory.close()
        with pg_connect(settings, dbname, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(events_table)))
    runs["pg_commit_ms"] = [1000 / r for r in runs["pg_single"]]
    return runs
