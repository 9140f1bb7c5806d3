"""The relay on a backlog (T4), beside Kafka's own producer doing the same work.

- `relay_drain`: a second relay (position 0) drains the run's whole registration log to
  other topics, batch by batch, as `Relay.run` loops (a short log: a few batches).
- `relay_backlog`: a backlog of its own, `<db-prefix>relay_registration`: a producer and a
  product registered by command, then the stored `Product.Registered` copied (bulk
  `insert_events`, 500 per call) under new aggregate ids up to `events` (20,000 by
  default): the same bytes a command stores. A relay drains it to Kafka (acks=all,
  idempotent, the production `KafkaPublisher`); the clock runs from its first batch to its
  last acknowledgement and recorded position.
- `kafka_perf`: Kafka's `kafka-producer-perf-test` (`org.apache.kafka.tools.ProducerPerformance`
  from the jars `deploy/kafka/kafka.sh fetch` cached) sends the same count of records of the
  relay's mean record size (value + key + headers) to a 3-partition topic, acks=all,
  enable.idempotence=true, as fast as it can. Its rate excludes the JVM's start."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import re
import subprocess
import time
import uuid
from pathlib import Path

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from eventsourcing.persistence import StoredEvent

from bench.infra import (
    ACTOR,
    create_topics,
    delete_topics,
    ensure_databases,
    kafka_broker,
    reset_database,
    say,
)
from bench.report import Spec, Target
from runtime.kafka import KafkaPublisher
from runtime.messages import OutMessage
from runtime.settings import Settings
from services.registration.bootstrap import build as build_registration

TITLE = "relay, backlog"
BACKLOG = 20_000
SPECS = (
    Spec("relay_drain", "relay publish rate, the run's log", "ev/s", "log_read"),
    Spec(
        "relay_backlog",
        "relay publish rate, backlog of its own",
        "ev/s",
        "log_read",
        Target("T4", 0.3, "≥ 0.3 × raw notification-log read"),
        "kafka_perf",
    ),
    Spec("kafka_perf", "kafka-producer-perf-test, same count and size", "ev/s"),
    Spec(
        "relay_vs_peer",
        "relay publish rate, backlog (vs Kafka's own)",
        "ev/s",
        "kafka_perf",
        Target("T4", 0.5, "≥ 0.5 × Kafka's own producer"),
    ),
    Spec("record_bytes", "mean record size (value + key + headers)", "B"),
)


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


class Sized(KafkaPublisher):
    """The production publisher, adding up the bytes it sends (for the peer's record size)."""

    records = 0
    size = 0

    async def publish(self, messages: list[OutMessage]) -> None:
        self.records += len(messages)
        self.size += sum(
            len(m.key) + len(m.value) + sum(len(k) + len(v) for k, v in m.headers.items())
            for m in messages
        )
        await super().publish(messages)


def store_backlog(settings: Settings, events: int) -> None:
    """`events` stored events in the (emptied) registration database of `settings`."""
    reset_database(settings, "registration")
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
        app.products.register_product(
            ACTOR, producer_id=producer, name="Cà phê rang xay", product_set=13
        )
        stored = app.recorder.select_notifications(start=0, limit=100)
        product = next(n for n in reversed(stored) if n.topic.endswith("Product.Registered"))
        while (left := events - (app.recorder.max_notification_id() or 0)) > 0:
            app.recorder.insert_events(
                [
                    StoredEvent(uuid.uuid4(), 1, product.topic, product.state)
                    for _ in range(min(500, left))
                ]
            )
    finally:
        registration.app.close()


async def drain(settings: Settings) -> tuple[int, float, Sized]:
    """(notifications covered, their rate, the publisher) of a relay draining the log."""
    registration = build_registration(settings)
    broker = kafka_broker(settings, "bench-backlog-relay")
    await broker.connect()
    try:
        publisher = Sized(broker, settings.topic_prefix)
        relay = registration.relay(publisher, settings)
        total, started = 0, time.monotonic()
        while covered := await relay.run_once():
            total += covered
        return total, total / (time.monotonic() - started), publisher
    finally:
        await broker.stop()
        registration.app.close()


def kafka_tools() -> str:
    """The classpath of the Kafka jars `deploy/kafka/kafka.sh fetch` cached."""
    cache = Path(os.environ.get("OCOP_CACHE_DIR", Path.home() / ".cache/ocop"))
    version = os.environ.get("KAFKA_VERSION", "4.1.1")
    libs = cache / f"kafka-{version}" / "libs"
    if not libs.is_dir():
        raise SystemExit(f"no Kafka jars in {libs}: run deploy/kafka/kafka.sh fetch")
    return f"{libs}/*"


async def create_topic(bootstrap: str, name: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, num_partitions=3, replication_factor=1)])
    finally:
        await admin.close()


def producer_perf(settings: Settings, records: int, size: int) -> float:
    """Records per second of Kafka's own producer benchmark (acks=all, idempotent)."""
    topic = f"{settings.topic_prefix}perf"
    asyncio.run(create_topic(settings.kafka_bootstrap, topic))
    try:
        # fmt: off
        command = [
            "java", "-Xmx256m", "-cp", kafka_tools(),
            "org.apache.kafka.tools.ProducerPerformance",
            "--topic", topic, "--num-records", str(records), "--record-size", str(size),
            "--throughput", "-1", "--producer-props",
            f"bootstrap.servers={settings.kafka_bootstrap}", "acks=all",
            "enable.idempotence=true",
        ]
        # fmt: on
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    finally:
        asyncio.run(_delete(settings.kafka_bootstrap, topic))
    found = re.findall(r"(\d+) records sent, ([\d.]+) records/sec", done.stdout)
    if done.returncode != 0 or not found:
        raise RuntimeError(f"kafka-producer-perf-test failed:\n{done.stdout}\n{done.stderr}")
    return float(found[-1][1])


async def _delete(bootstrap: str, topic: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.delete_topics([topic])
    finally:
        await admin.close()


def relay_backlog(settings: Settings, events: int = BACKLOG) -> dict[str, float]:
    """The relay on a backlog of its own and Kafka's producer on the same count and size."""
    own = settings.model_copy(
        update={
            "pg_db_prefix": f"{settings.pg_db_prefix}relay_",
            "topic_prefix": f"bench{uuid.uuid4().hex[:8]}r.",
        }
    )
    ensure_databases(own, f"{settings.pg_db_prefix}registration", ("registration",))
    say(f"relay: storing a backlog of {events} events")
    store_backlog(own, events)
    asyncio.run(create_topics(own.kafka_bootstrap, own.topic_prefix))
    try:
        covered, rate, sized = asyncio.run(drain(own))
    finally:
        asyncio.run(delete_topics(own.kafka_bootstrap, own.topic_prefix))
    size = round(sized.size / sized.records)
    say(f"relay: {covered} events at {rate:.0f}/s; kafka-producer-perf-test, {size} B records")
    peer = producer_perf(own, sized.records, size)
    return {
        "relay_backlog": rate,
        "relay_vs_peer": rate,
        "kafka_perf": peer * covered / sized.records,  # per stored event, as the relay's
        "record_bytes": float(size),
    }
