"""Relay -> real Kafka -> consumer, on the real PostgreSQL: at-least-once on the wire,
exactly-once in effect, and poison messages set aside while the rest flows."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer

from contracts import topics
from runtime.commands import CommandContext
from runtime.kafka import KafkaPublisher, build_broker, to_in_message
from runtime.messages import HEADER_ERROR
from runtime.settings import Settings
from services.evaluation.bootstrap import build as build_evaluation
from services.registration.bootstrap import build as build_registration
from services.reporting.bootstrap import build as build_reporting
from tests.conftest import eventually, kafka_bootstrap
from tests.integration.steps import (
    catalogue,
    journey,
    relay_once,
    send_unreadable,
    streaming,
)

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]
PUBLISHED_EVENTS = 13


def counter(metric: Any, topic: str) -> float:
    value: float = metric.labels(topic)._value.get()
    return value


async def test_a_relay_crash_republishes_and_nothing_happens_twice(
    postgres_settings: Settings, topic_prefix: str, actor: CommandContext
) -> None:
    settings = postgres_settings
    registration = build_registration(settings)
    evaluation = build_evaluation(settings)
    reporting = build_reporting(settings)
    journey(registration, actor, products=5)
    stored = registration.app.recorder.max_notification_id() or 0

    broker = build_broker(kafka_bootstrap(), "relay-test")
    await broker.connect()
    try:
        publisher = KafkaPublisher(broker, topic_prefix)
        crashed = registration.relay(publisher, settings)
        messages, last, _ = crashed.read_batch()
        await publisher.publish(messages)  # ... and the relay dies before recording `last`
        assert last == stored and crashed.position() == 0

        async with (
            streaming(
                reporting.consumer(settings),
                (topics.REGISTRATION_EVENTS,),
                topic_prefix,
                f"{topic_prefix}reporting",
            ),
            streaming(
                evaluation.consumer(settings),
                (topics.REGISTRATION_EVENTS,),
                topic_prefix,
                f"{topic_prefix}evaluation",
            ),
        ):
            await eventually(
                lambda: [r["status"] for r in catalogue(reporting)] == ["commune_assessed"] * 5
            )
            await eventually(lambda: evaluation.app.recorder.max_notification_id() == 5)
            before = (catalogue(reporting), evaluation.app.recorder.max_notification_id())

            restarted = registration.relay(publisher, settings)
            assert await restarted.run_once() == stored  # everything again, from position 0
            assert restarted.position() == stored

            topic = topics.REGISTRATION_EVENTS
            published = len(messages)
            await eventually(lambda: counter(reporting.metrics.duplicates, topic) == published)
            await eventually(lambda: counter(evaluation.metrics.duplicates, topic) == published)
            assert (catalogue(reporting), evaluation.app.recorder.max_notification_id()) == before
            assert counter(reporting.metrics.messages_in, topic) == 2 * published
    finally:
        await broker.stop()
        reporting.app.close()


async def test_a_consumer_killed_before_committing_applies_nothing_twice(
    postgres_settings: Settings, topic_prefix: str, actor: CommandContext
) -> None:
    settings = postgres_settings
    registration = build_registration(settings)
    reporting = build_reporting(settings)
    journey(registration, actor, products=3)
    await relay_once(registration, settings, topic_prefix)

    group = f"{topic_prefix}reporting"
    topic = topics.REGISTRATION_EVENTS
    first = AIOKafkaConsumer(
        topic_prefix + topic,
        bootstrap_servers=kafka_bootstrap(),
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await first.start()
    consumer = reporting.consumer(settings)
    applied = 0
    try:
        # 1 producer + 3 x (product, code, dossier, assessment when forwarded) = 13 events
        while applied < PUBLISHED_EVENTS:
            batches = await first.getmany(timeout_ms=1000)
            records = [to_in_message(r, topic_prefix) for b in batches.values() for r in b]
            applied += consumer.handle_batch(records).applied
    finally:
        await first.stop()  # killed: the effects are stored, the offsets never committed
    assert len(catalogue(reporting)) == 3
    before = catalogue(reporting)

    async with streaming(reporting.consumer(settings), (topic,), topic_prefix, group):
        await eventually(lambda: counter(reporting.metrics.duplicates, topic) == PUBLISHED_EVENTS)
    assert catalogue(reporting) == before
    reporting.app.close()


async def test_a_poison_message_is_dead_lettered_and_later_messages_flow(
    postgres_settings: Settings, topic_prefix: str, actor: CommandContext
) -> None:
    settings = postgres_settings.model_copy(update={"consumer_max_attempts": 2})
    registration = build_registration(settings)
    reporting = build_reporting(settings)
    journey(registration, actor, products=1)
    topic = topics.REGISTRATION_EVENTS
    half = b'{"event_type": "ProductRegistered", "name": "half a message"'
    await send_unreadable(topic_prefix, topic, half)
    await relay_once(registration, settings, topic_prefix)

    dlq = topic_prefix + topics.dead_letter_topic("reporting")
    async with streaming(
        reporting.consumer(settings), (topic,), topic_prefix, f"{topic_prefix}reporting"
    ):
        await eventually(
            lambda: [r["status"] for r in catalogue(reporting)] == ["commune_assessed"]
        )
    reader = AIOKafkaConsumer(
        dlq,
        bootstrap_servers=kafka_bootstrap(),
        group_id=f"dlq-{uuid.uuid4().hex}",
        auto_offset_reset="earliest",
    )
    await reader.start()
    try:
        batches = await reader.getmany(timeout_ms=10000)
        dead = [r for b in batches.values() for r in b]
    finally:
        await reader.stop()
    assert len(dead) == 1
    headers = {k: v.decode() for k, v in dead[0].headers}
    assert dead[0].key == b"poison"
    assert headers[HEADER_ERROR].startswith("ValidationError")
    assert headers["ocop-original-topic"] == topic
    assert dead[0].value.startswith(b'{"event_type": "ProductRegistered"')
    reporting.app.close()
