"""The relay on a backlog (T4): a second relay (position 0) drains the whole registration
log to other topics, batch by batch, as `Relay.run` loops."""

from __future__ import annotations

import dataclasses
import time

from bench.infra import kafka_broker
from bench.report import Spec, Target
from runtime.kafka import KafkaPublisher
from runtime.settings import Settings
from services.registration.bootstrap import build as build_registration

TITLE = "relay, backlog"
SPECS = (
    Spec(
        "relay_drain",
        "relay publish rate, backlog",
        "ev/s",
        "log_read",
        Target("T4", 0.3, "≥ 0.3 × raw notification-log read"),
    ),
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
