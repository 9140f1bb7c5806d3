"""An inspection's InspectionFailed crosses the real Kafka broker and opens a revocation
case in evaluation (PostgreSQL store); the relay then publishes RevocationOpened, and
a redelivered inspection event changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from aiokafka import AIOKafkaConsumer

from contracts import topics
from contracts.envelope import Actor
from contracts.inspection import InspectionFailed
from runtime.clock import FixedClock
from runtime.kafka import KafkaPublisher, build_broker
from runtime.messages import HEADER_EVENT_TYPE, HEADER_NOTIFICATION_ID, HEADER_SOURCE, OutMessage
from runtime.settings import Settings
from services.evaluation.bootstrap import build
from tests.conftest import eventually, kafka_bootstrap
from tests.integration.test_exactly_once import streaming
from tests.unit.evaluation.helpers import AUTHORITY, SCORERS, adopt, arrive

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]


async def test_an_inspection_failure_opens_a_revocation_through_kafka(
    postgres_settings: Settings, topic_prefix: str
) -> None:
    service = build(postgres_settings, clock=FixedClock(datetime(2027, 3, 5, tzinfo=UTC)))
    app = service.app
    event = arrive(app)
    adopt(app, event.aggregate_id, date(2026, 6, 25), dict.fromkeys(SCORERS, 65))
    app.decisions.issue_decision(
        AUTHORITY,
        decision_no="12/QĐ-UBND",
        decided_on=date(2026, 6, 28),
        signer="Chủ tịch",
        dossier_ids=[event.aggregate_id],
    )
    failed = InspectionFailed(
        event_id=uuid4(),
        aggregate_id=uuid4(),
        aggregate_version=2,
        occurred_at=datetime(2027, 3, 1, tzinfo=UTC),
        actor=Actor(id="doan-kiem-tra", role="province_officer", jurisdiction="51"),
        correlation_id=uuid4(),
        rule_set_id="R3",
        product_id=event.product_id,
        inspection_kind="ad_hoc",
        concluded_on=date(2027, 3, 1),
        conclusion_no="KL-07/2027",
        findings="Không duy trì công bố chất lượng",
    )
    message = OutMessage(
        topic=topics.INSPECTION_EVENTS,
        key=str(failed.aggregate_id).encode(),
        value=failed.model_dump_json().encode(),
        headers={
            HEADER_SOURCE: "inspection",
            HEADER_NOTIFICATION_ID: "1",
            HEADER_EVENT_TYPE: failed.event_type,
        },
    )
    broker = build_broker(kafka_bootstrap(), "inspection-test")
    await broker.connect()
    try:
        publisher = KafkaPublisher(broker, topic_prefix)
        async with streaming(
            service.consumer(postgres_settings),
            (topics.INSPECTION_EVENTS,),
            topic_prefix,
            f"{topic_prefix}evaluation",
        ):
            await publisher.publish([message, message])  # the second is a redelivery
            await eventually(
                lambda: (
                    service.metrics.duplicates.labels(topics.INSPECTION_EVENTS)._value.get() == 1
                )
            )
            case = app.get_certification(event.product_id).holding()["revocation"]  # type: ignore[index]
            assert (case["ground"], case["decide_by"]) == ("b", date(2027, 3, 16))
            relay = service.relay(publisher, postgres_settings)
            while await relay.run_once():
                pass
    finally:
        await broker.stop()
    consumer = AIOKafkaConsumer(
        topic_prefix + topics.EVALUATION_EVENTS,
        bootstrap_servers=kafka_bootstrap(),
        auto_offset_reset="earliest",
        group_id=f"{topic_prefix}check",
    )
    await consumer.start()
    try:
        seen: list[str] = []
        deadline = datetime.now(UTC).timestamp() + 30
        while "RevocationOpened" not in seen and datetime.now(UTC).timestamp() < deadline:
            batch = await consumer.getmany(timeout_ms=1000)
            seen += [
                dict(r.headers)[HEADER_EVENT_TYPE].decode() for rs in batch.values() for r in rs
            ]
        assert {"Scored", "Recognized", "RevocationOpened"} <= set(seen)
    finally:
        await consumer.stop()
