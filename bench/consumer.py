"""The consumer on a backlog (T5): a fresh reporting catalogue (its database emptied)
consumes everything the relay drain published, through the production wiring (FastStream
batch subscriber + `TrackedConsumer`). The clock starts at the first batch, so joining the
consumer group does not count."""

from __future__ import annotations

import asyncio
import queue
import statistics
import threading
from typing import Any

from bench.infra import reset_database
from bench.report import Spec, Target
from bench.roles import Inbox, StreamLog, stream_role
from runtime.settings import Settings
from services.reporting.bootstrap import NAME as REPORTING
from services.reporting.bootstrap import build as build_reporting

TITLE = "consumer, backlog"
SPECS = (
    Spec(
        "stream_drain",
        "consumer apply rate, backlog",
        "ev/s",
        "pg_batch",
        Target("T5", 0.5, "≥ 0.5 × raw PostgreSQL 100-row batch inserts"),
        "rebuild_peer",
    ),
    Spec("stream_drain_batch", "consumer batch, backlog (mean)", "ev"),
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
