"""An inspection's InspectionFailed crosses the real Kafka broker and opens a revocation
case in evaluation (PostgreSQL store); the relay then publishes RevocationOpened, and
a redelivered inspection event changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID, uuid4

import pytest
from aiokafka import AIOKafkaConsumer

from contracts import topics
from contracts.envelope import Actor
from contracts.inspection import InspectionFailed
from runtime.clock import FixedClock
from runtime.messages import HEADER_EVENT_TYPE
from runtime.settings import Settings
from services.evaluation.bootstrap import build
from tests.conftest import eventually, kafka_bootstrap
from tests.integration.steps import contract_message, kafka_publisher, relay_all, streaming
from tests.unit.evaluation.helpers import SCORERS, adopt, arrive, decide

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]


async def test_an_inspection_failure_opens_a_revocation_through_kafka(
    postgres_settings: Settings, topic_prefix: str
) -> None:
    service = build(postgres_settings, clock=FixedClock(datetime(2027, 3, 5, tzinfo=UTC)))
    app = service.app
    event = arrive(app)
    adopt(app, event.aggregate_id, date(2026, 6, 25), dict.fromkeys(SCORERS, 65))
    decide(app, event.aggregate_id, "12/QĐ-UBND", date(2026, 6, 28))
    message = contract_message(
        inspection_failed(event.product_id), topics.INSPECTION_EVENTS, "inspection"
    )
    consumer = service.consumer(postgres_settings)
    group = f"{topic_prefix}evaluation"
    async with (
        kafka_publisher(topic_prefix, "inspection-test") as publisher,
        streaming(consumer, (topics.INSPECTION_EVENTS,), topic_prefix, group),
    ):
        await publisher.publish([message, message])  # the second is a redelivery
        await eventually(
            lambda: service.metrics.duplicates.labels(topics.INSPECTION_EVENTS)._value.get() == 1
        )
        case = app.get_certification(event.product_id).holding()["revocation"]  # type: ignore[index]
        assert (case["ground"], case["decide_by"]) == ("b", date(2027, 3, 16))
        await relay_all(service.relay(publisher, postgres_settings))
    seen = await event_types_until(
        topic_prefix + topics.EVALUATION_EVENTS, f"{topic_prefix}check", "RevocationOpened"
    )
    assert {"Scored", "Recognized", "RevocationOpened"} <= set(seen)


def inspection_failed(product_id: UUID) -> InspectionFailed:
    """The province's ad hoc inspection of 01/03/2027 finds `product_id` failing (R3)."""
    return InspectionFailed(
        event_id=uuid4(),
        aggregate_id=uuid4(),
        aggregate_version=2,
        occurred_at=datetime(2027, 3, 1, tzinfo=UTC),
        actor=Actor(id="doan-kiem-tra", role="province_officer", jurisdiction="51"),
        correlation_id=uuid4(),
        rule_set_id="R3",
        product_id=product_id,
        inspection_kind="ad_hoc",
        concluded_on=date(2027, 3, 1),
        conclusion_no="KL-07/2027",
        findings="Không duy trì công bố chất lượng",
    )


async def event_types_until(topic: str, group: str, wanted: str, timeout: float = 30) -> list[str]:
    """The event types `topic` holds from its start, read (in consumer group `group`) until
    `wanted` is among them or `timeout` seconds pass."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=kafka_bootstrap(), auto_offset_reset="earliest", group_id=group
    )
    await consumer.start()
    try:
        seen: list[str] = []
        deadline = datetime.now(UTC).timestamp() + timeout
        while wanted not in seen and datetime.now(UTC).timestamp() < deadline:
            batch = await consumer.getmany(timeout_ms=1000)
            seen += [
                dict(r.headers)[HEADER_EVENT_TYPE].decode() for rs in batch.values() for r in rs
            ]
        return seen
    finally:
        await consumer.stop()
