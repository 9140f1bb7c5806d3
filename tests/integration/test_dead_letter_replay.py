"""Dead letters go back through the consumer that failed them, once, on the real broker."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from eventsourcing.persistence import Tracking

from contracts import topics
from runtime.commands import CommandContext
from runtime.consumer import TrackedConsumer
from runtime.replay import replay_dead_letters
from runtime.settings import Settings
from runtime.tracking import EventTracking
from services.registration.bootstrap import build as build_registration
from services.reporting.bootstrap import build as build_reporting
from tests.conftest import eventually, kafka_bootstrap
from tests.integration.steps import catalogue, journey, relay_once, send_unreadable, streaming

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]


async def test_dead_letters_are_replayed_into_their_consumer_once(
    postgres_settings: Settings, topic_prefix: str, actor: CommandContext
) -> None:
    settings = postgres_settings.model_copy(update={"consumer_max_attempts": 2})
    registration = build_registration(settings)
    reporting = build_reporting(settings)
    journey(registration, actor, products=2)
    topic = topics.REGISTRATION_EVENTS
    await send_unreadable(topic_prefix, topic, b"{not json")  # one that can never be applied
    await relay_once(registration, settings, topic_prefix)

    # A fault in reporting's handler for product registrations (fixed later): they are
    # dead-lettered. (A store that is down is an outage, waited out, never dead-lettered.)
    failing = with_a_bug_in_product_registrations(reporting.consumer(settings))
    group = f"{topic_prefix}reporting"
    dlq = topic_prefix + topics.dead_letter_topic("reporting")
    async with streaming(failing, (topic,), topic_prefix, group):
        await eventually(lambda: counter(failing, "dead_letters") == 3)
        await dead_letters_stored(dlq, 3)
    assert catalogue(reporting) == []  # dossiers known, products not

    replay_group = f"{topic_prefix}reporting-replay"
    healthy = reporting.consumer(settings)
    first = await replay_dead_letters(kafka_bootstrap(), healthy, dlq, replay_group)
    assert (first.read, first.applied, first.failed_again) == (3, 2, 1)
    assert [r["status"] for r in catalogue(reporting)] == ["commune_assessed"] * 2

    # Replaying again reads only the poison, which was dead-lettered again.
    second = await replay_dead_letters(kafka_bootstrap(), healthy, dlq, replay_group)
    assert (second.read, second.applied, second.failed_again) == (1, 0, 1)
    # A fresh replay group sees everything; what was applied is a duplicate now.
    again = await replay_dead_letters(kafka_bootstrap(), healthy, dlq, f"{replay_group}-2")
    assert (again.read, again.applied, again.duplicates) == (5, 0, 2)
    assert len(catalogue(reporting)) == 2
    reporting.app.close()


def with_a_bug_in_product_registrations(consumer: TrackedConsumer) -> TrackedConsumer:
    """`consumer` with its handler failing on every ProductRegistered. The handler is the
    same whether a message comes alone or in a batch (one transaction for the batch): the
    bug is in both."""
    real_effect, real_batch = consumer.effect, consumer.batch_effect
    assert real_batch is not None

    def bug(event: Any) -> None:
        if type(event).__name__ == "ProductRegistered":
            raise RuntimeError("bug in the handler")

    def effect(event: Any, tracking: Tracking) -> None:
        bug(event)
        real_effect(event, tracking)

    def batch_effect(batch: Sequence[tuple[Any, EventTracking]]) -> set[str]:
        for event, _ in batch:
            bug(event)
        return real_batch(batch)

    consumer.effect, consumer.batch_effect = effect, batch_effect
    return consumer


async def dead_letters_stored(dlq: str, count: int) -> None:
    """Wait until the dead-letter topic holds `count` records (publishing is asynchronous)."""
    reader = AIOKafkaConsumer(bootstrap_servers=kafka_bootstrap())
    await reader.start()
    try:
        partitions = [TopicPartition(dlq, 0)]
        for _ in range(300):
            if sum((await reader.end_offsets(partitions)).values()) >= count:
                return
            await asyncio.sleep(0.1)
        raise AssertionError(f"{dlq} never held {count} records")
    finally:
        await reader.stop()


def counter(consumer: Any, name: str) -> float:
    metric = getattr(consumer.metrics, name)
    value: float = metric.labels(topics.REGISTRATION_EVENTS)._value.get()
    return value
