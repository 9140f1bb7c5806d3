"""End-to-end benchmark of the distributed mode, printed next to limits measured in the same run.

    .venv/bin/python bench/end_to_end.py [--events N] [--paced M] [--repeat R] [--inproc] [--json]

(`make bench` runs it after `deploy/infra.sh up`.) A script that prints figures, not a test;
docs/operators/benchmarks.md says what each figure means.

1. Limits, on this machine, now: raw psycopg inserts into a scratch table in `ocop_test` created
   by eventsourcing itself (the stored-events shape), one row per commit and 100 rows per
   commit; the same through eventsourcing's `insert_events` (1 and 100 per call, with its table
   lock and NOTIFY); and the notification-log read rate through `select_notifications` in pages
   of the relay's batch size, over the rows those measurements stored.
2. The system, distributed, on PostgreSQL + Kafka under a fresh topic prefix and freshly reset
   databases (`<db-prefix>registration`, `<db-prefix>reporting`): commands
   (`app.products.register_product`, one client, one stored event each) -> the registration
   relay -> Kafka -> the reporting stream (FastStream batch subscriber + `TrackedConsumer`) ->
   the product catalogue. By default the relay and the stream are separate OS processes, as
   deployed; `--inproc` runs them as tasks of one asyncio program instead. N commands go as
   fast as one client can, then M more paced at half the end-to-end rate just measured.
   Latency per product runs from the command's return to the commit of its catalogue row (the
   consumer's effect is wrapped to stamp the time; `time.monotonic` is one clock for every
   process on Linux). CPU time is taken per process over the full-speed window. Then each half
   alone on a backlog: a second relay drains the whole log to other topics and a fresh
   catalogue consumes them; and the commands alone, with no relay or stream running.
3. A table: each figure, its unit, the limit it relates to and the ratio; medians of
   `--repeat` runs.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import logging
import math
import multiprocessing
import os
import platform
import queue
import re
import statistics
import subprocess
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import psycopg
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from eventsourcing.persistence import (
    ApplicationRecorder,
    InfrastructureFactory,
    StoredEvent,
    Tracking,
)
from eventsourcing.utils import Environment
from faststream.kafka import KafkaBroker
from psycopg import sql

from contracts import topics
from contracts.envelope import Actor
from contracts.registration import ProductRegistered
from runtime.commands import CommandContext
from runtime.consumer import BatchResult, Effect, TrackedConsumer
from runtime.eventstore import event_store_env
from runtime.kafka import KafkaDeadLetters, KafkaPublisher, build_broker, subscribe
from runtime.messages import InMessage
from runtime.settings import Settings
from services.registration.bootstrap import build as build_registration
from services.reporting.bootstrap import NAME as REPORTING
from services.reporting.bootstrap import build as build_reporting

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ("registration", "reporting")
PAYLOAD = json.dumps({"name": "Cà phê rang xay Đăk Hà", "pad": "x" * 420}).encode()
EVENT_TOPIC = "services.registration.domain.model:Product.Registered"
BATCH = 100
ACTOR = CommandContext(actor=Actor(id="bench", role="commune_officer", jurisdiction="23500"))


# --- plumbing shared by the processes ------------------------------------------------


class Outbox(Protocol):
    def put(self, obj: Any, /) -> None: ...


class Inbound(Protocol):
    def get(self, block: bool = ..., timeout: float | None = ..., /) -> Any: ...


class StopFlag(Protocol):
    def is_set(self) -> bool: ...


class Inbox:
    """Messages `(kind, payload)` from the relay and the stream, whichever process they run in."""

    def __init__(self, source: Inbound, check: Callable[[], None] = lambda: None) -> None:
        self.source = source
        self.check = check  # raises when a role can no longer answer
        self.pending: dict[str, list[Any]] = {}

    def wait(self, kind: str, timeout: float) -> Any:
        deadline = time.monotonic() + timeout
        while not self.pending.get(kind):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no '{kind}' within {timeout:.0f} s")
            try:
                got, payload = self.source.get(True, min(left, 1.0))
            except queue.Empty:
                self.check()
                continue
            if got == "error":
                raise RuntimeError(f"a benchmark role failed:\n{payload}")
            self.pending.setdefault(got, []).append(payload)
        return self.pending[kind].pop(0)


def say(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def quiet_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")


def kafka_broker(settings: Settings, client_id: str) -> KafkaBroker:
    """`runtime.kafka.build_broker` without FastStream's access log (two lines per batch on
    stdout, which would mix with the report)."""
    return build_broker(settings.kafka_bootstrap, client_id, logger=None)


# --- infrastructure ------------------------------------------------------------------


def pg_connect(settings: Settings, dbname: str, *, autocommit: bool = False) -> psycopg.Connection:
    return psycopg.connect(
        host=settings.pg_host,
        port=settings.pg_port,
        user=settings.pg_user,
        password=settings.pg_password,
        dbname=dbname,
        autocommit=autocommit,
        connect_timeout=5,
    )


def ensure_databases(settings: Settings, maintenance_db: str) -> None:
    """Create the benchmark's service databases if they are missing (the role has CREATEDB)."""
    with pg_connect(settings, maintenance_db, autocommit=True) as conn:
        for service in SERVICES:
            name = f"{settings.pg_db_prefix}{service}"
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                continue
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def reset_database(settings: Settings, service: str) -> None:
    """Empty one service database, as the tests' `reset_databases` does."""
    with pg_connect(settings, f"{settings.pg_db_prefix}{service}", autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


def create_schemas(settings: Settings) -> None:
    """Create the tables once, before the roles start: two connections running eventsourcing's
    create_table at the same moment on an empty database collide (duplicate key in pg_type)."""
    build_registration(settings).app.close()
    build_reporting(settings).app.close()


def prefixed_topics(prefix: str) -> tuple[list[str], list[str]]:
    events = sorted({topics.REGISTRATION_EVENTS, *topics.subscriptions(REPORTING)})
    return [prefix + t for t in events], [prefix + topics.dead_letter_topic(REPORTING)]


async def create_topics(bootstrap: str, prefix: str) -> None:
    """The topics a run uses, under `prefix` (3 partitions, dead letters 1, as topics.yaml)."""
    events, dead = prefixed_topics(prefix)
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics(
            [NewTopic(t, num_partitions=3, replication_factor=1) for t in events]
            + [NewTopic(t, num_partitions=1, replication_factor=1) for t in dead]
        )
    finally:
        await admin.close()


async def delete_topics(bootstrap: str, prefix: str) -> None:
    events, dead = prefixed_topics(prefix)
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        if names := [t for t in events + dead if t in existing]:
            await admin.delete_topics(names)
    finally:
        await admin.close()


def machine_facts(settings: Settings, limits_db: str) -> dict[str, Any]:
    status = subprocess.run(
        [str(ROOT / "deploy/kafka/kafka.sh"), "status"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    found = re.search(r"Kafka (\S+?),? ", status.stdout + status.stderr)
    kafka_pid = re.search(r"pid (\d+)", status.stdout + status.stderr)
    if status.returncode != 0 or found is None or kafka_pid is None:
        raise SystemExit(
            "Kafka is not running (deploy/kafka/kafka.sh status failed): run deploy/infra.sh up\n"
            + status.stdout
            + status.stderr
        )
    with pg_connect(settings, limits_db) as conn:
        pg = {}
        for name in ("server_version", "fsync", "synchronous_commit", "shared_buffers"):
            row = conn.execute(sql.SQL("SHOW {}").format(sql.Identifier(name))).fetchone()
            pg[name] = str(row[0]) if row else "?"
        backend = conn.execute("SELECT pg_backend_pid()").fetchone()
    postmaster = parent_of(int(backend[0])) if backend else 0
    cpu = ""
    with Path("/proc/cpuinfo").open() as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = 0.0
    with Path("/proc/meminfo").open() as info:
        for line in info:
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) / 1024 / 1024
    packages = ("eventsourcing", "faststream", "aiokafka", "psycopg")
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "load_at_start": [round(v, 2) for v in os.getloadavg()],
        "cpu": cpu,
        "memory_gib": round(memory, 1),
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
        "kafka": found.group(1),
        "kafka_pid": int(kafka_pid.group(1)),
        "postmaster_pid": postmaster,
        "kafka_bootstrap": settings.kafka_bootstrap,
        "postgresql": pg["server_version"].split()[0],
        "postgresql_settings": {k: v for k, v in pg.items() if k != "server_version"},
        "packages": {p: metadata.version(p) for p in packages},
    }


# --- 1. limits -----------------------------------------------------------------------


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
    return runs


# --- 2. the system: the relay and the stream roles -------------------------------------


@dataclass
class TimedConsumer(TrackedConsumer):
    """A `TrackedConsumer` that keeps when each batch ran, and whose effect stamps each apply."""

    batches: list[tuple[float, float, int, int]] = field(default_factory=list)
    dead: int = 0

    def handle_batch(self, messages: Sequence[InMessage]) -> BatchResult:
        started = time.monotonic()
        result = super().handle_batch(messages)
        self.batches.append((started, time.monotonic(), len(messages), result.applied))
        self.dead += len(result.dead)
        return result


@dataclass
class RelayLog:
    batches: list[tuple[float, float, int]]  # start, end, notifications covered
    cpu: list[tuple[float, float]]


@dataclass
class StreamLog:
    applied_at: dict[str, float]  # product id -> when its catalogue row was committed
    last_apply: float
    batches: list[tuple[float, float, int, int]]  # start, end, messages, applied
    dead: int
    cpu: list[tuple[float, float]]  # (monotonic, process CPU seconds) every 0.1 s


def instrument(
    base: TrackedConsumer, marks: Sequence[int], outbox: Outbox
) -> tuple[TimedConsumer, Any]:
    """`base` with its effect wrapped: stamps each product's row, says 'warm' after the first
    applied message and 'done' when the count of applied messages reaches each of `marks`."""
    consumer = TimedConsumer(**{f.name: getattr(base, f.name) for f in dataclasses.fields(base)})
    effect: Effect = base.effect
    state: dict[str, Any] = {"count": 0, "last": 0.0, "applied_at": {}}

    def stamped(event: Any, tracking: Tracking) -> None:
        effect(event, tracking)
        now = time.monotonic()
        if isinstance(event, ProductRegistered):
            state["applied_at"][str(event.aggregate_id)] = now
        state["count"] += 1
        state["last"] = now
        if state["count"] == 1:
            outbox.put(("warm", now))
        if state["count"] in marks:
            outbox.put(("done", now))

    consumer.effect = stamped
    return consumer, state


async def until(stop: StopFlag, cpu: list[tuple[float, float]]) -> None:
    """Wait for `stop`, sampling this process's CPU time every 0.1 s meanwhile."""
    while not stop.is_set():
        cpu.append((time.monotonic(), time.process_time()))
        await asyncio.sleep(0.1)
    cpu.append((time.monotonic(), time.process_time()))


def cpu_between(samples: Sequence[tuple[float, float]], start: float, end: float) -> float:
    """CPU seconds spent between two instants, from the samples that bracket them."""
    before = [c for t, c in samples if t <= start] or [samples[0][1]]
    after = [c for t, c in samples if t >= end] or [samples[-1][1]]
    return after[0] - before[-1]


@dataclass(frozen=True)
class Servers:
    """The processes whose CPU time is counted: the Kafka broker and the PostgreSQL
    postmaster with every process it started (backends, writers, autovacuum)."""

    kafka_pid: int
    postmaster_pid: int


def _stat(pid: str) -> tuple[int, float] | None:
    """(parent pid, CPU seconds so far) of a process, from /proc/<pid>/stat."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    rest = text[text.rindex(")") + 2 :].split()
    return int(rest[1]), (int(rest[11]) + int(rest[12])) / os.sysconf("SC_CLK_TCK")


def parent_of(pid: int) -> int:
    found = _stat(str(pid))
    return found[0] if found else 0


def server_cpu(servers: Servers) -> dict[str, float]:
    """CPU seconds used so far by the Kafka broker and by the PostgreSQL cluster."""
    totals = {"kafka": 0.0, "postgres": 0.0}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or (found := _stat(entry.name)) is None:
            continue
        parent, seconds = found
        if int(entry.name) == servers.kafka_pid:
            totals["kafka"] += seconds
        elif servers.postmaster_pid in (int(entry.name), parent):
            totals["postgres"] += seconds
    return totals


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    with Path("/proc/stat").open() as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / tick, sum(values[:8]) / tick


async def relay_role(settings: Settings, outbox: Outbox, stop: StopFlag) -> None:
    """The registration relay, as `Relay.run` loops, timing each batch it publishes."""
    try:
        registration = build_registration(settings)
        broker = kafka_broker(settings, "bench-relay")
        await broker.connect()
        try:
            relay = registration.relay(KafkaPublisher(broker, settings.topic_prefix), settings)
            outbox.put(("ready", "relay"))
            batches: list[tuple[float, float, int]] = []
            cpu: list[tuple[float, float]] = []
            sampler = asyncio.create_task(until(stop, cpu))
            while not stop.is_set():
                started = time.monotonic()
                covered = await relay.run_once()
                if covered:
                    batches.append((started, time.monotonic(), covered))
                else:
                    await asyncio.sleep(settings.relay_poll_seconds)
            await sampler
            outbox.put(("relay", RelayLog(batches, cpu)))
        finally:
            await broker.stop()
            registration.app.close()
    except Exception:
        outbox.put(("error", "relay: " + traceback.format_exc()))
        raise


async def stream_role(
    settings: Settings, marks: Sequence[int], outbox: Outbox, stop: StopFlag
) -> None:
    """The reporting stream as `runtime.processes.run_stream` wires it, instrumented."""
    try:
        reporting = build_reporting(settings)
        consumer, state = instrument(reporting.consumer(settings), marks, outbox)
        prefix = settings.topic_prefix
        broker = kafka_broker(settings, "bench-stream")
        subscribe(
            broker,
            consumer,
            KafkaDeadLetters(broker, prefix + topics.dead_letter_topic(REPORTING)),
            list(topics.subscriptions(REPORTING)),
            f"{prefix}{REPORTING}",
            max_records=settings.consumer_batch_size,
            topic_prefix=prefix,
        )
        await broker.start()
        cpu: list[tuple[float, float]] = []
        try:
            outbox.put(("ready", "stream"))
            await until(stop, cpu)
        finally:
            await broker.stop()
            reporting.app.close()
        log = StreamLog(state["applied_at"], state["last"], consumer.batches, consumer.dead, cpu)
        outbox.put(("stream", log))
    except Exception:
        outbox.put(("error", "stream: " + traceback.format_exc()))
        raise


def relay_process(settings: Settings, outbox: Outbox, stop: StopFlag) -> None:
    quiet_logging()
    asyncio.run(relay_role(settings, outbox, stop))


def stream_process(
    settings: Settings, marks: Sequence[int], outbox: Outbox, stop: StopFlag
) -> None:
    quiet_logging()
    asyncio.run(stream_role(settings, marks, outbox, stop))


# --- 2. the system: one run ------------------------------------------------------------


@dataclass
class Drive:
    started: float
    commands_done: float
    done: float  # when the 'done' of the last row arrived
    returned_at: dict[str, float]  # product id -> when its command returned
    cpu_main: float  # CPU seconds of this process over [started, done]
    cpu_servers: dict[str, float]  # CPU seconds of Kafka and PostgreSQL, over [started, done]
    machine_busy: float  # fraction of all cores busy over [started, done]
    paced_rate: float
    paced_returned_at: dict[str, float]


def drive(settings: Settings, servers: Servers, inbox: Inbox, events: int, paced: int) -> Drive:
    """Wait for both roles, warm the pipeline with one producer, issue `events` commands as
    fast as one client can and wait until the catalogue has them all; then `paced` more at
    half the end-to-end rate just seen, and wait for those."""
    inbox.wait("ready", 120)
    inbox.wait("ready", 120)
    # Built after the relay's: concurrent CREATE OR REPLACE FUNCTION in eventsourcing's
    # create_table fails with "tuple concurrently updated".
    registration = build_registration(settings)
    try:
        app = registration.app
        producer = app.producers.register_producer(
            ACTOR,
            name="HTX Cà phê Đăk Hà",
            kind="cooperative",
            commune_code="23500",
            legal_representative="Y Blơi",
        )
        inbox.wait("warm", 120)  # relay published it, the stream was assigned and applied it

        def command(n: int) -> str:
            return str(
                app.products.register_product(
                    ACTOR, producer_id=producer, name=f"Cà phê rang xay số {n}", product_set=13
                )
            )

        returned_at: dict[str, float] = {}
        cpu_before, machine_before = server_cpu(servers), machine_cpu()
        process_before = time.process_time()
        started = time.monotonic()
        for n in range(events):
            returned_at[command(n)] = time.monotonic()
        commands_done = time.monotonic()
        inbox.wait("done", 120 + events / 20)
        done = time.monotonic()
        process = time.process_time() - process_before
        cpu_after, machine_after = server_cpu(servers), machine_cpu()
        by_server = {k: v - cpu_before[k] for k, v in cpu_after.items()}
        busy = (machine_after[0] - machine_before[0]) / (machine_after[1] - machine_before[1])

        rate = 0.5 * events / (done - started)
        paced_returned_at: dict[str, float] = {}
        due = time.monotonic()
        for n in range(events, events + paced):
            time.sleep(max(0.0, due - time.monotonic()))
            paced_returned_at[command(n)] = time.monotonic()
            due += 1 / rate
        if paced:
            inbox.wait("done", 120 + paced / 20)
        return Drive(
            started,
            commands_done,
            done,
            returned_at,
            process,
            by_server,
            busy,
            rate,
            paced_returned_at,
        )
    finally:
        registration.app.close()


def marks(events: int, paced: int) -> tuple[int, ...]:
    """Applied-message counts at which the stream says 'done': the producer and the products
    at full speed, then the paced ones."""
    return (events + 1, events + 1 + paced)


def run_processes(
    settings: Settings, servers: Servers, events: int, paced: int
) -> tuple[Drive, RelayLog, StreamLog]:
    context = multiprocessing.get_context("spawn")
    channel: Any = context.Queue()
    stop = context.Event()
    children = [
        context.Process(target=relay_process, args=(settings, channel, stop), name="bench-relay"),
        context.Process(
            target=stream_process,
            args=(settings, marks(events, paced), channel, stop),
            name="bench-stream",
        ),
    ]
    for child in children:
        child.start()

    def check() -> None:
        for child in children:
            if child.exitcode is not None and not stop.is_set():
                raise RuntimeError(f"{child.name} exited with code {child.exitcode}")

    inbox = Inbox(channel, check)
    try:
        driven = drive(settings, servers, inbox, events, paced)
        stop.set()
        relayed: RelayLog = inbox.wait("relay", 60)
        streamed: StreamLog = inbox.wait("stream", 60)
    finally:
        stop.set()
        for child in children:
            child.join(timeout=30)
            if child.is_alive():
                child.terminate()
                child.join()
    return driven, relayed, streamed


async def run_inproc(
    settings: Settings, servers: Servers, events: int, paced: int
) -> tuple[Drive, RelayLog, StreamLog]:
    channel: queue.Queue[Any] = queue.Queue()
    stop = threading.Event()
    roles = [
        asyncio.create_task(relay_role(settings, channel, stop)),
        asyncio.create_task(stream_role(settings, marks(events, paced), channel, stop)),
    ]
    inbox = Inbox(channel)
    try:
        driven = await asyncio.to_thread(drive, settings, servers, inbox, events, paced)
    finally:
        stop.set()
        await asyncio.gather(*roles, return_exceptions=True)
    relayed: RelayLog = inbox.wait("relay", 5)
    streamed: StreamLog = inbox.wait("stream", 5)
    return driven, relayed, streamed


async def relay_drain(settings: Settings) -> tuple[int, float]:
    """A second relay (position 0) publishes the whole log to `settings.topic_prefix`."""
    registration = build_registration(settings)
    broker = kafka_broker(settings, "bench-drain-relay")
    await broker.connect()
    try:
        relay = dataclasses.replace(
            registration.relay(KafkaPublisher(broker, settings.topic_prefix), settings),
            name="relay:bench-drain",
        )
        total, started = 0, time.monotonic()
        while covered := await relay.run_once():
            total += covered
        return total, total / (time.monotonic() - started)
    finally:
        await broker.stop()
        registration.app.close()


async def stream_drain(settings: Settings, expected: int) -> tuple[float, float]:
    """A fresh catalogue consumes the backlog; (messages per second, mean batch size). The clock
    starts with the first batch, so joining the group does not count."""
    reset_database(settings, REPORTING)
    build_reporting(settings).app.close()
    channel: queue.Queue[Any] = queue.Queue()
    stop = threading.Event()
    role = asyncio.create_task(stream_role(settings, (expected,), channel, stop))
    inbox = Inbox(channel)
    try:
        await asyncio.to_thread(inbox.wait, "done", 120 + expected / 20)
    finally:
        stop.set()
        await asyncio.gather(role, return_exceptions=True)
    streamed: StreamLog = inbox.wait("stream", 5)
    first = streamed.batches[0][0]
    applied = sum(b[3] for b in streamed.batches)
    mean_batch = statistics.fmean(b[2] for b in streamed.batches)
    return applied / (streamed.last_apply - first), mean_batch


def commands_alone(settings: Settings, seconds: float) -> float:
    """register_product with nothing else of the system running (no relay, no stream)."""
    registration = build_registration(settings)
    try:
        app = registration.app
        producer = app.producers.register_producer(
            ACTOR,
            name="HTX Chè Tân Cương",
            kind="cooperative",
            commune_code="23500",
            legal_representative="Nguyễn Thị Lan",
        )
        count, started = 0, time.monotonic()
        while time.monotonic() - started < seconds:
            app.products.register_product(
                ACTOR, producer_id=producer, name=f"Chè {count}", product_set=13
            )
            count += 1
        return count / (time.monotonic() - started)
    finally:
        registration.app.close()


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def run_system(
    settings: Settings, servers: Servers, events: int, paced: int, inproc: bool, seconds: float
) -> dict[str, float]:
    """One repetition: clean databases and topics, the pipelined run (full speed, then paced),
    the two drains, then commands alone for `seconds`."""
    prefix = f"bench{uuid.uuid4().hex[:8]}."
    drain_prefix = f"{prefix[:-1]}d."
    settings = settings.model_copy(update={"topic_prefix": prefix})
    for service in SERVICES:
        reset_database(settings, service)
    create_schemas(settings)
    asyncio.run(create_topics(settings.kafka_bootstrap, prefix))
    try:
        if inproc:
            driven, relayed, streamed = asyncio.run(run_inproc(settings, servers, events, paced))
        else:
            driven, relayed, streamed = run_processes(settings, servers, events, paced)
        asyncio.run(create_topics(settings.kafka_bootstrap, drain_prefix))
        drain_settings = settings.model_copy(update={"topic_prefix": drain_prefix})
        published, relay_rate = asyncio.run(relay_drain(drain_settings))
        stream_rate, drain_batch = asyncio.run(stream_drain(drain_settings, published))
        alone = commands_alone(settings, seconds)
    finally:
        asyncio.run(delete_topics(settings.kafka_bootstrap, prefix))
        asyncio.run(delete_topics(settings.kafka_bootstrap, drain_prefix))

    applied_at = streamed.applied_at
    issued = driven.returned_at | driven.paced_returned_at
    missing = set(issued) - set(applied_at)
    if missing or streamed.dead:
        raise RuntimeError(
            f"{len(missing)} products never reached the catalogue, {streamed.dead} dead letters"
        )
    full = [applied_at[p] - t for p, t in driven.returned_at.items()]
    slow = [applied_at[p] - t for p, t in driven.paced_returned_at.items()]
    last_row = max(applied_at[p] for p in driven.returned_at)
    window = (driven.started, driven.done)

    def during(batches: Sequence[tuple[float, ...]]) -> list[tuple[float, ...]]:
        return [b for b in batches if window[0] <= b[0] <= window[1]]

    relay_batches, stream_batches = during(relayed.batches), during(streamed.batches)
    relay_events = sum(b[2] for b in relay_batches)
    stream_applied = sum(b[3] for b in stream_batches)
    per_event = 1000 / events  # CPU seconds -> ms per event
    cpu = {
        "cpu_postgres": driven.cpu_servers["postgres"] * per_event,
        "cpu_kafka": driven.cpu_servers["kafka"] * per_event,
    }
    if inproc:
        cpu["cpu_bench"] = driven.cpu_main * per_event
    else:
        cpu["cpu_commands"] = driven.cpu_main * per_event
        cpu["cpu_relay"] = cpu_between(relayed.cpu, *window) * per_event
        cpu["cpu_stream"] = cpu_between(streamed.cpu, *window) * per_event
    cpu["cpu_total"] = sum(cpu.values())
    figures = {
        "e2e": events / (last_row - driven.started),
        "commands": events / (driven.commands_done - driven.started),
        "commands_alone": alone,
        "relay_busy": relay_events / sum(b[1] - b[0] for b in relay_batches),
        "relay_batch": relay_events / len(relay_batches),
        "stream_busy": stream_applied / sum(b[1] - b[0] for b in stream_batches),
        "stream_batch": statistics.fmean(b[2] for b in stream_batches),
        "relay_drain": relay_rate,
        "stream_drain": stream_rate,
        "stream_drain_batch": drain_batch,
        "machine_busy": 100 * driven.machine_busy,
        "cpu_ceiling": 1000 * (os.cpu_count() or 1) / cpu["cpu_total"],
        "paced_rate": driven.paced_rate,
    }
    for name, latencies in (("full", full), ("paced", slow)):
        if latencies:
            for p in (50, 95, 99):
                figures[f"{name}_p{p}"] = 1000 * percentile(latencies, p)
            figures[f"{name}_max"] = 1000 * max(latencies)
    return figures | cpu


# --- 3. the report ---------------------------------------------------------------------


@dataclass
class Figure:
    key: str
    label: str
    unit: str
    runs: list[float]
    limit: str | None = None  # the key of the limit figure it relates to

    @property
    def value(self) -> float:
        return statistics.median(self.runs)


LIMIT_LABELS = {
    "pg_single": ("PostgreSQL single-row commits", "ev/s"),
    "pg_commit_ms": ("PostgreSQL single-row commit time", "ms"),
    "pg_batch": (f"PostgreSQL {BATCH}-row batches per commit", "ev/s"),
    "es_single": ("eventsourcing insert_events, 1 per call", "ev/s"),
    "es_batch": (f"eventsourcing insert_events, {BATCH} per call", "ev/s"),
    "log_read": ("notification-log read (select_notifications)", "ev/s"),
}


SYSTEM_LABELS: tuple[tuple[str, str, str, str | None], ...] = (
    ("e2e", "end-to-end throughput", "ev/s", "pg_single"),
    ("commands", "commands, in the run", "ev/s", "commands_alone"),
    ("commands_alone", "commands alone (register_product)", "ev/s", "es_single"),
    ("full_p50", "latency p50, full speed", "ms", "pg_commit_ms"),
    ("full_p95", "latency p95, full speed", "ms", "pg_commit_ms"),
    ("full_p99", "latency p99, full speed", "ms", "pg_commit_ms"),
    ("full_max", "latency max, full speed", "ms", "pg_commit_ms"),
    ("paced_rate", "paced rate (half the end-to-end rate)", "ev/s", "e2e"),
    ("paced_p50", "latency p50, paced", "ms", "pg_commit_ms"),
    ("paced_p95", "latency p95, paced", "ms", "pg_commit_ms"),
    ("paced_p99", "latency p99, paced", "ms", "pg_commit_ms"),
    ("paced_max", "latency max, paced", "ms", "pg_commit_ms"),
    ("relay_busy", "relay publish rate, in the run", "ev/s", "log_read"),
    ("relay_batch", "relay batch, in the run (mean)", "ev", None),
    ("stream_busy", "consumer apply rate, in the run", "ev/s", "pg_single"),
    ("stream_batch", "consumer batch, in the run (mean)", "ev", None),
    ("relay_drain", "relay publish rate, backlog", "ev/s", "log_read"),
    ("stream_drain", "consumer apply rate, backlog", "ev/s", "pg_single"),
    ("stream_drain_batch", "consumer batch, backlog (mean)", "ev", None),
    ("machine_busy", "machine CPU busy, in the run", "%", None),
    ("cpu_commands", "CPU per event: commands process", "ms/ev", "cpu_total"),
    ("cpu_relay", "CPU per event: relay process", "ms/ev", "cpu_total"),
    ("cpu_stream", "CPU per event: stream process", "ms/ev", "cpu_total"),
    ("cpu_bench", "CPU per event: benchmark process", "ms/ev", "cpu_total"),
    ("cpu_postgres", "CPU per event: PostgreSQL, whole cluster", "ms/ev", "cpu_total"),
    ("cpu_kafka", "CPU per event: Kafka broker", "ms/ev", "cpu_total"),
    ("cpu_total", "CPU per event: sum of the above", "ms/ev", None),
    ("cpu_ceiling", "CPU ceiling: cores / CPU per event", "ev/s", None),
)


def figures(limits: dict[str, list[float]], system: list[dict[str, float]]) -> list[Figure]:
    commit_ms = [1000 / r for r in limits["pg_single"]]
    out = [
        Figure("pg_single", *LIMIT_LABELS["pg_single"], limits["pg_single"]),
        Figure("pg_commit_ms", *LIMIT_LABELS["pg_commit_ms"], commit_ms),
        Figure("pg_batch", *LIMIT_LABELS["pg_batch"], limits["pg_batch"], "pg_single"),
        Figure("es_single", *LIMIT_LABELS["es_single"], limits["es_single"], "pg_single"),
        Figure("es_batch", *LIMIT_LABELS["es_batch"], limits["es_batch"], "pg_batch"),
        Figure("log_read", *LIMIT_LABELS["log_read"], limits["log_read"]),
    ]
    for key, label, unit, limit in SYSTEM_LABELS:
        if key in system[0]:
            out.append(Figure(key, label, unit, [r[key] for r in system], limit))
    return out


def ratio(figure: Figure, by_key: dict[str, Figure]) -> float | None:
    if figure.limit is None:
        return None
    return figure.value / by_key[figure.limit].value


def number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def render(report: dict[str, Any], table: list[Figure]) -> str:
    m = report["machine"]
    p = report["parameters"]
    pg = m["postgresql_settings"]
    lines = [
        f"OCOP end-to-end benchmark, {m['date']}",
        f"machine: {m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB, {m['os']}; load "
        f"average {'/'.join(map(str, m['load_at_start']))} at start, "
        f"{'/'.join(map(str, m['load_at_end']))} at end",
        f"         Kafka {m['kafka']} at {m['kafka_bootstrap']}, PostgreSQL {m['postgresql']} "
        f"(fsync={pg['fsync']}, synchronous_commit={pg['synchronous_commit']}, "
        f"shared_buffers={pg['shared_buffers']}), Python {m['python']}, "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        f"mode: {report['mode']}",
        f"run: {p['events']} commands at full speed + {p['paced']} paced, x {p['repeat']} runs; "
        f"limits {p['limit_seconds']:g} s each "
        f"x {p['repeat']}, log read over {p['log_size']:.0f} stored rows; relay batch "
        f"{p['relay_batch_size']}, relay poll {p['relay_poll_seconds']:g} s, consumer batch "
        f"{p['consumer_batch_size']}; databases {p['databases']}; values are medians",
        "",
    ]
    by_key = {f.key: f for f in table}
    header = f"{'figure':<42} {'value':>8} {'unit':<5} {'x':>7}  {'of limit':<45} runs"
    sections = (("limits, measured in this run", list(LIMIT_LABELS)), ("the system", None))
    for title, keys in sections:
        lines += [f"{title}:", header]
        for f in table:
            if (keys is not None) != (f.key in LIMIT_LABELS):
                continue
            r = ratio(f, by_key)
            limit = by_key[f.limit].label if f.limit else ""
            shown_ratio = f"{r:.3g} x" if r is not None else ""
            runs = " / ".join(number(v) for v in f.runs)
            lines.append(
                f"{f.label:<42} {number(f.value):>8} {f.unit:<5} {shown_ratio:>7}  "
                f"{limit:<45} {runs}"
            )
        lines.append("")
    e2e = by_key["e2e"].value
    lines.append(
        f"end-to-end {number(e2e)} ev/s = {e2e / by_key['pg_single'].value:.2f} x PostgreSQL "
        f"single-row commits = {e2e / by_key['pg_batch'].value:.3f} x {BATCH}-row batches = "
        f"{e2e / by_key['cpu_ceiling'].value:.2f} x the CPU ceiling (machine "
        f"{by_key['machine_busy'].value:.0f} % busy); latency p50/p99 "
        f"{number(by_key['full_p50'].value)}/{number(by_key['full_p99'].value)} ms at full "
        f"speed, {number(by_key['paced_p50'].value)}/{number(by_key['paced_p99'].value)} ms "
        f"paced at {number(by_key['paced_rate'].value)} ev/s"
    )
    return "\n".join(lines)


def as_json(report: dict[str, Any], table: list[Figure]) -> str:
    by_key = {f.key: f for f in table}
    report = dict(report)
    report["figures"] = [
        {
            "key": f.key,
            "figure": f.label,
            "value": round(f.value, 3),
            "unit": f.unit,
            "limit": f.limit,
            "limit_figure": by_key[f.limit].label if f.limit else None,
            "ratio": None if (r := ratio(f, by_key)) is None else round(r, 4),
            "runs": [round(v, 3) for v in f.runs],
        }
        for f in table
    ]
    return json.dumps(report, ensure_ascii=False, indent=2)


# --- main --------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--events", type=int, default=1000, help="commands per run, at full speed [1000]"
    )
    parser.add_argument(
        "--paced", type=int, default=300, help="then commands at half that rate [300]"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs; medians are shown [3]")
    parser.add_argument(
        "--limit-seconds", type=float, default=2.0, help="duration of each limit measurement [2]"
    )
    parser.add_argument(
        "--inproc", action="store_true", help="relay and stream as tasks of this process"
    )
    parser.add_argument(
        "--db-prefix",
        default="ocop_bench_",
        help="service databases <prefix>registration/reporting, reset each run [ocop_bench_]",
    )
    parser.add_argument("--limits-db", default="ocop_test", help="database of the scratch table")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if args.events < 1 or args.repeat < 1 or args.paced < 1:
        parser.error("--events, --paced and --repeat must be positive")
    quiet_logging()

    settings = Settings(store="postgres", delivery="kafka", pg_db_prefix=args.db_prefix)
    try:
        machine = machine_facts(settings, args.limits_db)
        ensure_databases(settings, args.limits_db)
    except psycopg.OperationalError as error:
        raise SystemExit(f"PostgreSQL is not reachable ({error}): run deploy/infra.sh up") from None
    servers = Servers(machine["kafka_pid"], machine["postmaster_pid"])
    say(f"Kafka {machine['kafka']}, PostgreSQL {machine['postgresql']}, {machine['cores']} cores")

    limits = measure_limits(settings, args.limits_db, args.limit_seconds, args.repeat)
    system = []
    for n in range(args.repeat):
        say(f"system {n + 1}/{args.repeat}: {args.events} + {args.paced} commands end to end")
        run = run_system(
            settings, servers, args.events, args.paced, args.inproc, args.limit_seconds
        )
        system.append(run)
        say(
            f"system {n + 1}/{args.repeat}: {run['e2e']:.0f} ev/s, p50/p99 "
            f"{run['full_p50']:.0f}/{run['full_p99']:.0f} ms at full speed, "
            f"{run['paced_p50']:.0f}/{run['paced_p99']:.0f} ms paced"
        )

    mode = (
        "distributed, one process: relay and reporting stream are asyncio tasks of the "
        "benchmark, commands in a worker thread"
        if args.inproc
        else "distributed, separate OS processes: commands in the main process, the "
        "registration relay in a second, the reporting stream (FastStream batch "
        "subscriber + TrackedConsumer) in a third"
    )
    report: dict[str, Any] = {
        "machine": machine,
        "mode": mode,
        "parameters": {
            "events": args.events,
            "paced": args.paced,
            "repeat": args.repeat,
            "limit_seconds": args.limit_seconds,
            "log_size": limits["log_size"][0],
            "relay_batch_size": settings.relay_batch_size,
            "relay_poll_seconds": settings.relay_poll_seconds,
            "consumer_batch_size": settings.consumer_batch_size,
            "databases": f"{args.db_prefix}{{{','.join(SERVICES)}}}, scratch {args.limits_db}",
        },
    }
    machine["load_at_end"] = [round(v, 2) for v in os.getloadavg()]
    table = figures(limits, system)
    print(as_json(report, table) if args.json else render(report, table))


if __name__ == "__main__":
    main()
