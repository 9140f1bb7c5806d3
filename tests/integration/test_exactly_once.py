"""Relay -> real Kafka -> consumer, on the real PostgreSQL: at-least-once on the wire,
exactly-once in effect, and poison messages set aside while the rest flows."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from contracts import topics
from runtime.commands import CommandContext
from runtime.consumer import TrackedConsumer
from runtime.kafka import KafkaDeadLetters, KafkaPublisher, build_broker, subscribe, to_in_message
from runtime.messages import HEADER_ERROR, HEADER_NOTIFICATION_ID, HEADER_SOURCE
from runtime.settings import Settings
from services.evaluation.bootstrap import build as build_evaluation
from services.registration.bootstrap import Registration
from services.registration.bootstrap import build as build_registration
from services.reporting.bootstrap import ReportingService
from services.reporting.bootstrap import build as build_reporting
from tests.conftest import eventually, kafka_bootstrap
from tests.unit.registration.helpers import complete

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]
PUBLISHED_EVENTS = 13


@asynccontextmanager
async def streaming(
    consumer: TrackedConsumer, subscribed: tuple[str, ...], prefix: str, group: str
) -> AsyncIterator[None]:
    """A real FastStream subscriber running `consumer` in consumer group `group`."""
    broker = build_broker(kafka_bootstrap(), f"{group}-test")
    dlq = prefix + topics.dead_letter_topic(consumer.service)
    subscribe(
        broker,
        consumer,
        KafkaDeadLetters(broker, dlq),
        list(subscribed),
        group,
        topic_prefix=prefix,
    )
    await broker.start()
    try:
        yield
    finally:
        await broker.stop()


def journey(registration: Registration, actor: CommandContext, products: int) -> None:
    app = registration.app
    producer = app.producers.register_producer(
        actor,
        name="HTX Đăk Mar",
        kind="cooperative",
        commune_code="23500",
        legal_representative="A Thị Hoa",
    )
    for n in range(products):
        product = app.products.register_product(
            actor, producer_id=producer, name=f"Cà phê số {n}", product_set=13
        )
        dossier = app.dossiers.submit_dossier(
            actor, product_id=product, kind="first", received_on=date(2026, 6, 1)
        )
        complete(app, actor, dossier)
        app.assessment.assess_dossier(
            actor,
            dossier_id=dossier,
            report_no=f"{n}/BC",
            assessed_on=date(2026, 6, 5),
            local_raw_material=True,
            local_labour=True,
            idea_origin=True,
            local_identity=True,
        )
        app.assessment.forward_dossier(actor, dossier_id=dossier, forwarded_on=date(2026, 6, 5))


def catalogue(reporting: ReportingService) -> list[dict[str, Any]]:
    return reporting.app.list_products()


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
    broker = build_broker(kafka_bootstrap(), "relay-test")
    await broker.connect()
    try:
        relay = registration.relay(KafkaPublisher(broker, topic_prefix), settings)
        await relay.run_once()
    finally:
        await broker.stop()

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
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap(), acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(
            topic_prefix + topic,
            value=b'{"event_type": "ProductRegistered", "name": "half a message"',
            key=b"poison",
            headers=[(HEADER_SOURCE, b"intruder"), (HEADER_NOTIFICATION_ID, b"1")],
        )
    finally:
        await producer.stop()
    broker = build_broker(kafka_bootstrap(), "relay-test")
    await broker.connect()
    try:
        await registration.relay(KafkaPublisher(broker, topic_prefix), settings).run_once()
    finally:
        await broker.stop()

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
