"""The embedded mode (T8): every service in one process on SQLite files, events delivered
in-process (`system.embedded.EmbeddedSystem`), the same journey as the distributed figures,
each divided by SQLite's own limits measured in the same run on the same disk.

SQLite's limits: raw sqlite3 inserts into eventsourcing's stored-events table (created by
its SQLite recorder), one row per commit and 100 rows per commit, and the notification
log read (`select_notifications`, pages of the relay's batch size) over those rows.

The journey: `register_product` from one client (a worker thread) at full speed while
the relays run as asyncio tasks (`Relay.run`, as `ocop run` runs them), until reporting's
journal holds every event (end to end; a COUNT every 50 ms); then a fresh reporting store
consumes the whole backlog read from the sources' stores in batches of 500
(`TrackedConsumer`, the consumer figure); then `ocop reporting rebuild`'s work over the
same stored events, reading them from the sources' stores included (the rebuild
figure)."""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from eventsourcing.persistence import ApplicationRecorder, InfrastructureFactory
from eventsourcing.utils import Environment

from bench.infra import ACTOR, BATCH, EVENT_TOPIC, PAYLOAD, say
from bench.limits import read_log
from bench.report import Spec, Target
from runtime.settings import Settings
from services.reporting.bootstrap import build as build_reporting
from system.embedded import EmbeddedSystem
from system.rebuild import rebuild, stored

TITLE = "embedded mode (SQLite, in-process delivery), ratios to SQLite's own limits"
SPECS = (
    Spec("sqlite_single", "SQLite single-row commits", "ev/s"),
    Spec("sqlite_batch", f"SQLite {BATCH}-row batches per commit", "ev/s", "sqlite_single"),
    Spec("sqlite_log_read", "SQLite notification-log read", "ev/s"),
    Spec("emb_commands_alone", "embedded: commands alone, 1 client", "ev/s", "sqlite_single"),
    Spec(
        "emb_e2e",
        "embedded: end to end, 1 client",
        "ev/s",
        "emb_commands_alone",
        Target("T8/T7", 0.8, "as T7: ≥ 0.8 × command capacity (1 client)"),
    ),
    Spec("emb_e2e_sqlite", "embedded: end to end, vs single-row commits", "ev/s", "sqlite_single"),
    Spec(
        "emb_consumer",
        "embedded: consumer apply rate, backlog",
        "ev/s",
        "sqlite_batch",
        Target("T8/T5", 0.5, f"as T5: ≥ 0.5 × SQLite {BATCH}-row batches"),
    ),
    Spec(
        "emb_rebuild",
        "embedded: rebuild from the stores",
        "ev/s",
        "sqlite_log_read",
        Target("T8/T6", 0.4, "as T6: ≥ 0.4 × SQLite notification-log read"),
    ),
)


def sqlite_limits(folder: Path, seconds: float, page: int) -> dict[str, float]:
    """SQLite's single-row and 100-row commits and the log read, in `folder`."""
    path = folder / "limits.sqlite"
    env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)}
    factory: Any = InfrastructureFactory.construct(Environment("limits", env))
    recorder: ApplicationRecorder = factory.application_recorder()
    try:
        conn = sqlite3.connect(path)
        statement = (
            "INSERT INTO stored_events (originator_id, originator_version, topic, state) "
            "VALUES (?, ?, ?, ?)"
        )
        figures = {}
        for key, per in (("sqlite_single", 1), ("sqlite_batch", BATCH)):
            count, started = 0, time.perf_counter()
            while time.perf_counter() - started < seconds:
                aggregate = str(uuid.uuid4())
                conn.executemany(
                    statement,
                    [(aggregate, v, EVENT_TOPIC, PAYLOAD) for v in range(1, per + 1)],
                )
                conn.commit()
                count += per
            figures[key] = count / (time.perf_counter() - started)
        conn.close()
        _, figures["sqlite_log_read"] = read_log(recorder, page)
        return figures
    finally:
        factory.close()


async def journey(system: EmbeddedSystem, events: int) -> float:
    """`events` products registered from one client while the relays run; end-to-end
    events/s until reporting's catalogue holds them all."""
    stop = asyncio.Event()
    relays = [
        asyncio.create_task(r.run(stop, system.settings.relay_poll_seconds)) for r in system.relays
    ]
    app = system.registration.app
    reporting = system.reporting.app
    try:
        producer = await asyncio.to_thread(
            app.producers.register_producer,
            ACTOR,
            name="HTX Cà phê Đăk Hà",
            kind="cooperative",
            commune_code="23500",
            legal_representative="Y Blơi",
        )

        def commands() -> None:
            for n in range(events):
                app.products.register_product(
                    ACTOR, producer_id=producer, name=f"Cà phê số {n}", product_set=13
                )

        started = time.monotonic()
        await asyncio.to_thread(commands)
        # Every event reporting applies is one journal row: the producer and the products.
        while await asyncio.to_thread(reporting.models.count) < events + 1:
            await asyncio.sleep(0.05)
        return events / (time.monotonic() - started)
    finally:
        stop.set()
        await asyncio.gather(*relays, return_exceptions=True)


def commands_alone(folder: Path, seconds: float) -> float:
    """`register_product` alone (no relay running), embedded, one client."""
    system = EmbeddedSystem(Settings(store="sqlite", delivery="inproc", data_dir=folder))
    try:
        app = system.registration.app
        producer = app.producers.register_producer(
            ACTOR,
            name="HTX Chè Tân Cương",
            kind="cooperative",
            commune_code="23500",
            legal_representative="Nguyễn Thị Lan",
        )
        app.products.register_product(ACTOR, producer_id=producer, name="Chè", product_set=13)
        count, started = 0, time.monotonic()  # warm: the first command opened every table
        while time.monotonic() - started < seconds:
            app.products.register_product(
                ACTOR, producer_id=producer, name=f"Chè {count}", product_set=13
            )
            count += 1
        return count / (time.monotonic() - started)
    finally:
        system.close()


def measure(events: int, seconds: float) -> dict[str, float]:
    """One repetition of the embedded figures, in a temporary folder of its own."""
    with tempfile.TemporaryDirectory(prefix="ocop-bench-embedded-") as name:
        folder = Path(name)
        settings = Settings(store="sqlite", delivery="inproc", data_dir=folder / "system")
        figures = sqlite_limits(folder, seconds, settings.relay_batch_size)
        figures["emb_commands_alone"] = commands_alone(folder / "alone", seconds)
        system = EmbeddedSystem(settings)
        try:
            say(f"embedded: {events} commands end to end")
            figures["emb_e2e"] = asyncio.run(journey(system, events))
            figures["emb_e2e_sqlite"] = figures["emb_e2e"]
            read_started = time.monotonic()
            backlog = system.stored_messages("reporting")
            reading = time.monotonic() - read_started
            fresh = settings.model_copy(update={"data_dir": folder / "fresh"})
            consumer_service = build_reporting(fresh)
            try:
                consumer = consumer_service.consumer(fresh)
                started = time.monotonic()
                for first in range(0, len(backlog), 500):
                    consumer.handle_batch(backlog[first : first + 500])
                figures["emb_consumer"] = len(backlog) / (time.monotonic() - started)
            finally:
                consumer_service.app.close()
            done = rebuild(
                system.reporting.app, stored(backlog), settings, progress=False, grace_seconds=0
            )
            figures["emb_rebuild"] = done.replayed / (reading + done.seconds)
        finally:
            system.close()
        return figures
