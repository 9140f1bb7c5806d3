"""The Kafka subscriber (runtime.kafka.subscribe) on both transports: FastStream's in-memory
broker (TestKafkaBroker) in every run, the real broker in the kafka tier (see
tests/conftest.py `matrix`). Offsets, consumer groups and redelivery need the real one
(tests/integration/test_exactly_once.py); what the subscriber does with each message
does not."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from faststream import Context
from faststream.kafka import KafkaBroker, TestKafkaBroker
from faststream.kafka.message import KafkaMessage

from contracts import topics
from runtime.kafka import KafkaDeadLetters, build_broker, subscribe
from runtime.messages import (
    HEADER_ERROR,
    HEADER_NOTIFICATION_ID,
    HEADER_ORIGINAL_TOPIC,
    HEADER_SOURCE,
)
from runtime.settings import Settings
from services.reporting.bootstrap import ReportingService, build
from tests.conftest import create_topics, delete_topics, eventually, kafka_bootstrap, matrix
from tests.unit.reporting.test_catalogue import product_registered

TOPIC = topics.REGISTRATION_EVENTS
DEAD = topics.dead_letter_topic("reporting")


@dataclass
class Transport:
    """A broker with the reporting consumer subscribed, and the dead letters it wrote."""

    broker: KafkaBroker
    prefix: str
    service: ReportingService
    dead: list[dict[str, str]] = field(default_factory=list)

    async def publish(self, value: bytes, key: bytes, source: str, position: int) -> None:
        headers = {HEADER_SOURCE: source, HEADER_NOTIFICATION_ID: str(position)}
        await self.broker.publish(value, self.prefix + TOPIC, key=key, headers=headers)


@pytest.fixture(params=matrix("memory", server="kafka"))
async def transport(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Transport]:
    real = request.param == "kafka"
    prefix = f"t{uuid4().hex[:10]}." if real else ""
    settings = Settings(store="memory", data_dir=tmp_path, consumer_max_attempts=2)
    service = build(settings)
    broker = build_broker(kafka_bootstrap(), f"{prefix}subscriber-test")
    transport = Transport(broker, prefix, service)
    group = f"{prefix}reporting-{uuid4().hex[:6]}"
    subscribe(
        broker,
        service.consumer(settings),
        KafkaDeadLetters(broker, prefix + DEAD),
        [TOPIC],
        group,
        topic_prefix=prefix,
    )

    @broker.subscriber(prefix + DEAD, group_id=f"{group}-dead", auto_offset_reset="earliest")
    async def collect(body: bytes, message: KafkaMessage = Context("message")) -> None:
        transport.dead.append(dict(message.headers))

    async with AsyncExitStack() as stack:
        if real:
            await create_topics(kafka_bootstrap(), [prefix + TOPIC])
            await create_topics(kafka_bootstrap(), [prefix + DEAD], partitions=1)
            stack.push_async_callback(delete_topics, [prefix + TOPIC, prefix + DEAD])
            await broker.start()
            stack.push_async_callback(broker.stop)
        else:
            await stack.enter_async_context(TestKafkaBroker(broker))
        yield transport
    service.app.close()


def registered(product_id: UUID) -> bytes:
    return product_registered(product_id).model_dump_json().encode()


async def test_applied_once_poison_set_aside_and_the_rest_flows(transport: Transport) -> None:
    first, second = uuid4(), uuid4()
    once = registered(first)
    await transport.publish(once, first.bytes, "registration", 1)
    await transport.publish(once, first.bytes, "registration", 1)  # redelivered: the same event
    await transport.publish(b'{"event_type": "ProductRegistered"', b"poison", "intruder", 1)
    await transport.publish(registered(second), second.bytes, "registration", 2)

    app = transport.service.app
    await eventually(lambda: len(app.list_products()) == 2 and transport.dead)
    assert {r["product_id"] for r in app.list_products()} == {str(first), str(second)}
    duplicates = transport.service.metrics.duplicates.labels(TOPIC)._value.get()
    assert duplicates == 1
    (letter,) = transport.dead
    assert letter[HEADER_ERROR].startswith("ValidationError")
    assert letter[HEADER_ORIGINAL_TOPIC] == TOPIC
    assert letter[HEADER_SOURCE] == "intruder"
