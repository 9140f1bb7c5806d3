"""The consumer on a backlog (T5): a fresh reporting catalogue (its database emptied)
consumes a backlog through the production wiring (FastStream batch subscriber +
`TrackedConsumer`, a batch in one transaction): the run's own log as the relay drain
published it (about a thousand ProductRegistered), and `BACKLOG` realistic published
events of five kinds (`bench.feed.published`: registrations, submissions, commune
assessments, scores, recognitions) sent to topics of their own as the relays send them
(key = aggregate id, source and position headers). The clock starts at the first batch,
so joining the consumer group does not count."""

from __future__ import annotations

import asyncio
import queue
import statistics
import threading
from typing import Any

from aiokafka import AIOKafkaProducer

from bench.feed import published
from bench.infra import create_topics, delete_topics, reset_database
from bench.report import Spec, Target
from bench.roles import Inbox, StreamLog, stream_role
from runtime.messages import HEADER_NOTIFICATION_ID, HEADER_SOURCE
from runtime.settings import Settings
from services.reporting.bootstrap import NAME as REPORTING
from services.reporting.bootstrap import build as build_reporting

BACKLOG = 20_000
TITLE = "consumer, backlog"
SPECS = (
    Spec("stream_drain", "consumer apply rate, the run's log", "ev/s", "pg_batch"),
    Spec("stream_drain_batch", "consumer batch, the run's log (mean)", "ev"),
    Spec(
        "stream_backlog",
        f"consumer apply rate, {BACKLOG:,} of 5 kinds",
        "ev/s",
        "pg_batch",
        Target("T5", 0.5, "≥ 0.5 × raw PostgreSQL 100-row batch inserts"),
        "rebuild_peer",
    ),
    Spec("stream_backlog_batch", f"consumer batch, {BACKLOG:,} of 5 kinds (mean)", "ev"),
)


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


async def publish_backlog(settings: Settings, count: int) -> None:
    """`count` realistic published events on `settings.topic_prefix`'s topics, sent as the
    relays send them (acks=all, idempotent)."""
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap, acks="all", enable_idempotence=True
    )
    await producer.start()
    try:
        positions: dict[str, int] = {}
        sent = []
        for topic, event in published(count):
            source = topic.split(".")[1]
            positions[source] = positions.get(source, 0) + 1
            headers = [
                (HEADER_SOURCE, source.encode()),
                (HEADER_NOTIFICATION_ID, str(positions[source]).encode()),
            ]
            sent.append(
                await producer.send(
                    settings.topic_prefix + topic,
                    value=event.model_dump_json().encode(),
                    key=str(event.aggregate_id).encode(),
                    headers=headers,
                )
            )
        await asyncio.gather(*sent)
    finally:
        await producer.stop()


def backlog(settings: Settings, count: int = BACKLOG) -> dict[str, float]:
    """A fresh catalogue consuming `count` realistic events from topics of its own."""
    prefix = f"{settings.topic_prefix[:-1]}c."
    own = settings.model_copy(update={"topic_prefix": prefix})
    asyncio.run(create_topics(settings.kafka_bootstrap, prefix))
    try:
        asyncio.run(publish_backlog(own, count))
        rate, batch = asyncio.run(stream_drain(own, count))
    finally:
        asyncio.run(delete_topics(settings.kafka_bootstrap, prefix))
    return {"stream_backlog": rate, "stream_backlog_batch": batch}
